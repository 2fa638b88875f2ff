"""Graph -> case record: read a case's named graph back into the JSON face of CASE-RECORD.md."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from spinekg.ontology import SKG

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DCT_TITLE = "http://purl.org/dc/terms/title"
RESULTS = {SKG + "Positive": "positive", SKG + "Negative": "negative", SKG + "Equivocal": "equivocal"}
KINDS = {SKG + "FusionFinding": "fusion", SKG + "MutationFinding": "mutation",
         SKG + "AmplificationFinding": "amplification", SKG + "DeletionFinding": "deletion"}
METHODS = {SKG + "Curated": "curated", SKG + "TextMined": "text_mined", SKG + "Inferred": "inferred"}


class _Index:
    """subject -> predicate -> [objects], in insertion order."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.po: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        q: Any
        for q in quads:
            self.po[q.subject.value][q.predicate.value].append(q.object)

    def all(self, s: str, p: str) -> list[Any]:
        return self.po.get(s, {}).get(p, [])

    def one(self, s: str, p: str) -> Any:
        vals = self.all(s, p)
        return vals[0] if vals else None

    def text(self, s: str, p: str) -> str | None:
        v = self.one(s, p)
        return v.value if v is not None else None

    def texts(self, s: str, p: str) -> list[str]:
        return [v.value for v in self.all(s, p)]

    def iri(self, s: str, p: str) -> str | None:
        v = self.one(s, p)
        return v.value if isinstance(v, ox.NamedNode) else None

    def number(self, s: str, p: str) -> int | float | None:
        v = self.one(s, p)
        if v is None:
            return None
        f = float(v.value)
        return int(f) if f.is_integer() else f

    def boolean(self, s: str, p: str) -> bool | None:
        v = self.one(s, p)
        return None if v is None else v.value == "true"

    def timing(self, s: str, prefix: str = "timing") -> dict[str, Any] | None:
        """A relative time: skg:timing/timingMonths/timingRelativeTo (or the recurrence's three)."""
        text = self.text(s, SKG + (prefix if prefix == "timing" else prefix + "Timing"))
        if text is None:
            return None
        return {"text": text, "months": self.number(s, SKG + prefix + "Months"),
                "relative_to": self.text(s, SKG + prefix + "RelativeTo")}

    def ordered(self, s: str, p: str) -> list[str]:
        nodes = [o.value for o in self.all(s, p)]
        return sorted(nodes, key=lambda n: self.number(n, SKG + "sequence") or 0)

    def evidence(self, s: str, about: str | None = None) -> list[dict[str, Any]]:
        out = []
        for ev in self.all(s, SKG + "hasEvidence"):
            e = ev.value
            pred = self.iri(e, "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
            if (about is None) != (pred is None):
                continue
            if about is not None and self.iri(e, "http://www.w3.org/1999/02/22-rdf-syntax-ns#object") != about:
                continue
            out.append({"text": self.text(e, SKG + "quote") or "", "start": self.number(e, SKG + "charStart"),
                        "end": self.number(e, SKG + "charEnd")})
        return sorted(out, key=lambda x: (x["start"] is None, x["start"] or 0))


def _local(iri: str | None) -> str | None:
    return iri[len(SKG):] if iri and iri.startswith(SKG) else iri


def case_to_dict(case_iri: str, quads: Iterable[ox.Quad], entity_quads: Iterable[ox.Quad] = ()) -> dict[str, Any]:
    """The case record of one case graph (its report as the case describes it; the entities graph's for a store
    written before the report's description moved into the case graphs)."""
    quads = list(quads)
    ix = _Index(quads)
    ex = _Index([*quads, *entity_quads])
    c = case_iri
    report = ix.iri(c, SKG + "reportedIn") or ""
    patient = ix.iri(c, SKG + "hasPatient") or ""
    tumor = ix.iri(c, SKG + "hasTumor") or ""
    outcome = ix.iri(c, SKG + "hasOutcome") or ""
    tumor_types = [t for t in ix.all(tumor, RDF_TYPE) if t.value != SKG + "Tumor"]
    rec: dict[str, Any] = {
        "document": ix.text(c, SKG + "document"),
        "id": ix.text(c, SKG + "caseId"),
        "method": METHODS.get(ix.iri(c, SKG + "assertionMethod") or "", "curated"),
        "iri": c,
        "source": {
            "url": ex.text(report, SKG + "url"),
            "doi": ex.text(report, SKG + "doi"),
            "pmid": ex.text(report, SKG + "pmid"),
            "pmcid": ex.text(report, SKG + "pmcid"),
            "title": ex.text(report, DCT_TITLE),
            "journal": ex.text(report, SKG + "journal"),
            "year": ex.number(report, SKG + "publicationYear"),
            "authors": (ex.text(report, SKG + "authors") or "").split("; ") if ex.text(report, SKG + "authors")
            else [],
            "iri": report,
        },
        "patient": {
            "age_years": ix.number(patient, SKG + "ageYears"),
            "sex": (_local(ix.iri(patient, SKG + "hasSex")) or "").lower() or None,
            "evidence": ix.evidence(patient),
        },
        "diagnosis": {
            "label": ix.text(tumor, SKG + "diagnosisLabel"),
            "accept": ix.texts(tumor, SKOS_ALT),
            "grade": ix.text(tumor, SKG + "grade"),
            "primary": ix.boolean(tumor, SKG + "isPrimary"),
            "term": tumor_types[0].value if tumor_types else None,
            "evidence": ix.evidence(tumor),
        },
        "ruled_out": [ix.text(n.value, RDFS_LABEL) for n in ix.all(c, SKG + "hasRuledOutDiagnosis")],
        "vertebrae": [_level(v.value) for v in ix.all(tumor, SKG + "locatedIn")],
        "markers": [],
        "genomic": [],
        "interventions": [],
        "imaging": ix.texts(c, SKG + "hasImagingText"),
        "symptoms": ix.texts(c, SKG + "hasSymptomText"),
        "outcome": {
            "follow_up_months": ix.number(outcome, SKG + "followUpMonths"),
            "recurrence": ix.boolean(outcome, SKG + "localRecurrence"),
            "metastasis": ix.boolean(outcome, SKG + "metastasis"),
            "status": ix.text(outcome, SKG + "statusText"),
            "recurrence_timing": ix.timing(outcome, "recurrence"),
            "evidence": ix.evidence(outcome),
        },
        "compartment": _local(ix.iri(tumor, SKG + "inCompartment")),
        "size_cm": ix.number(tumor, SKG + "sizeCm"),
        "necrosis_percent": ix.number(tumor, SKG + "necrosisPercent"),
    }
    from spinekg.levels import sort_levels

    rec["vertebrae"] = sort_levels(rec["vertebrae"])
    rec["details"] = {"vertebrae": [{"label": _level(v.value), "term": v.value,
                                     "evidence": ix.evidence(tumor, about=v.value)}
                                    for v in ix.all(tumor, SKG + "locatedIn") if ix.evidence(tumor, v.value)]}
    for m in ix.ordered(tumor, SKG + "hasIHCResult"):
        rec["markers"].append({
            "name": ix.text(m, RDFS_LABEL), "result": RESULTS.get(ix.iri(m, SKG + "result") or ""),
            "value_percent": ix.number(m, SKG + "percent"), "pattern": ix.text(m, SKG + "resultText"),
            "accept": ix.texts(m, SKOS_ALT), "term": ix.iri(m, SKG + "marker"), "evidence": ix.evidence(m)})
    for g in ix.ordered(tumor, SKG + "hasGenomicFinding"):
        kind = next((KINDS[t.value] for t in ix.all(g, RDF_TYPE) if t.value in KINDS), "mutation")
        item: dict[str, Any] = {"kind": kind}
        if kind == "fusion":
            item.update(gene5=ix.text(g, SKG + "gene5"), gene3=ix.text(g, SKG + "gene3"),
                        exon5=ix.number(g, SKG + "exon5"), exon3=ix.number(g, SKG + "exon3"),
                        term=ix.iri(g, SKG + "fusion"))
        else:
            item.update(gene=ix.text(g, SKG + "geneSymbol"), variant=ix.text(g, SKG + "variant"),
                        term=ix.iri(g, SKG + "gene"))
            if ix.texts(g, SKG + "acceptedGeneSymbol"):
                item["accept_gene"] = ix.texts(g, SKG + "acceptedGeneSymbol")
        item["method"] = ix.text(g, SKG + "methodText")
        if ix.text(g, SKG + "alleleOrigin"):
            item["origin"] = ix.text(g, SKG + "alleleOrigin")
        item["evidence"] = ix.evidence(g)
        rec["genomic"].append(item)
    for iv in ix.ordered(c, SKG + "hasIntervention"):
        types = [t.value for t in ix.all(iv, RDF_TYPE)]
        rec["interventions"].append({
            "category": ix.text(iv, SKG + "category"), "label": ix.text(iv, RDFS_LABEL),
            "accept": ix.texts(iv, SKOS_ALT), "agents": ix.texts(iv, SKG + "agentName"),
            "agent_terms": [a.value for a in ix.all(iv, SKG + "agent")],
            "levels": sort_levels([_level(v.value) for v in ix.all(iv, SKG + "atLevel")]),
            "dose_gy": ix.number(iv, SKG + "doseGy"), "fractions": ix.number(iv, SKG + "fractions"),
            "cycles": ix.number(iv, SKG + "cycles"), "dose": ix.text(iv, SKG + "doseText"),
            "intent": ix.text(iv, SKG + "intentText"), "response": ix.text(iv, SKG + "responseText"),
            "result": ix.text(iv, SKG + "resultText"), "margin": ix.text(iv, SKG + "marginText"),
            "timing": ix.timing(iv), "uneventful": ix.boolean(iv, SKG + "uneventfulCourse"),
            "term": types[0] if types else None, "evidence": ix.evidence(iv),
            **({"steps": ix.texts(iv, SKG + "stepText")} if ix.texts(iv, SKG + "stepText") else {})})
    seq = {n: k for k, n in enumerate(ix.ordered(c, SKG + "hasIntervention"), 1)}
    rec["neurological"] = [{
        "scale": ix.text(n, SKG + "assessmentScale"), "grade": ix.text(n, SKG + "gradeText"),
        "intact": ix.boolean(n, SKG + "neurologicallyIntact"), "assessed": ix.text(n, SKG + "assessedAt"),
        "timing": ix.timing(n), "term": ix.iri(n, SKG + "neurologicalStatus"), "evidence": ix.evidence(n)}
        for n in ix.ordered(c, SKG + "hasNeurologicalAssessment")]
    rec["complications"] = [{
        "label": ix.text(x, SKG + "complicationText"), "after": seq.get(ix.iri(x, SKG + "followedIntervention") or ""),
        "timing": ix.timing(x), "term": next((t.value for t in ix.all(x, RDF_TYPE)), None),
        "evidence": ix.evidence(x)} for x in ix.ordered(c, SKG + "hasComplication")]
    return rec


def _level(iri: str) -> str:
    local = _local(iri) or iri
    return {"Sacrum": "sacrum", "Coccyx": "coccyx"}.get(local, local)
