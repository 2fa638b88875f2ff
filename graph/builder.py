"""Case record -> RDF quads, with the ontology's terms, stable IRIs and provenance per fact.

Each case goes into its own named graph (the case IRI). Shared entities that the ontology
does not know (a new gene, drug or fusion) are described in the entities graph. What is
inferred (superclasses of the tumor type, regions of the levels) goes into the case's
inferred graph, apart from what was asserted.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from spinekg.graph import iris
from spinekg.graph.iris import skg
from spinekg.ontology.lexicon import Lexicon, lexicon
from spinekg.ontology.vocab import SKG

from spinekg import __version__
from spinekg.model import CaseRecord, Span, Timing

logger = logging.getLogger(__name__)

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_PREDICATE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
RDF_OBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
SKOS_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DEC = ox.NamedNode(XSD + "decimal")
INT = ox.NamedNode(XSD + "integer")
BOOL = ox.NamedNode(XSD + "boolean")

METHOD_IRI = {"curated": skg("Curated"), "text_mined": skg("TextMined"), "inferred": skg("Inferred")}
RESULT_IRI = {"positive": skg("Positive"), "negative": skg("Negative"), "equivocal": skg("Equivocal")}
CATEGORY_CLASS = {
    "biopsy": "Biopsy", "surgery": "Surgery", "radiotherapy": "Radiotherapy", "chemotherapy": "Chemotherapy",
    "targeted_therapy": "TargetedTherapy", "immunotherapy": "Immunotherapy", "other_drug": "OtherDrugTherapy",
    "embolization": "Embolization",
}
GENOMIC_CLASS = {"fusion": "FusionFinding", "mutation": "MutationFinding",
                 "amplification": "AmplificationFinding", "deletion": "DeletionFinding"}


def N(iri: str) -> ox.NamedNode:  # noqa: N802 - reads like rdflib's URIRef
    return ox.NamedNode(iri)


@functools.lru_cache(maxsize=512)
def P(local: str) -> ox.NamedNode:  # noqa: N802
    """A term of the ontology by local name; unknown names fail (the vocabulary is closed)."""
    return ox.NamedNode(str(getattr(SKG, local)))


def num(v: float | int) -> ox.Literal:
    if isinstance(v, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(v, int) or float(v).is_integer():
        return ox.Literal(str(int(v)), datatype=INT if isinstance(v, int) else DEC)
    return ox.Literal(repr(float(v)), datatype=DEC)


def integer(v: int) -> ox.Literal:
    return ox.Literal(str(int(v)), datatype=INT)


def boolean(v: bool) -> ox.Literal:
    return ox.Literal("true" if v else "false", datatype=BOOL)


@dataclass
class CaseQuads:
    """The quads of one case: asserted (case graph), entities, and inferred."""

    case_id: str
    graph: str
    asserted: list[ox.Quad] = field(default_factory=list)
    entities: list[ox.Quad] = field(default_factory=list)
    inferred: list[ox.Quad] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def all(self) -> Iterator[ox.Quad]:
        yield from self.asserted
        yield from self.entities
        yield from self.inferred


class _Builder:
    def __init__(self, rec: CaseRecord, lex: Lexicon) -> None:
        self.rec = rec
        self.lex = lex
        self.out = CaseQuads(case_id=rec.id, graph=iris.case_graph(rec.id))
        self.g = N(self.out.graph)
        self.eg = N(iris.ENTITIES_GRAPH)
        self.ig = N(iris.inferred_graph(rec.id))
        self.case = N(iris.case_iri(rec.id))
        self.report = N(iris.report_iri(doi=rec.source.doi, pmid=rec.source.pmid, pmcid=rec.source.pmcid,
                                        document=rec.document))
        self.method = N(METHOD_IRI[rec.method])
        self.n_evidence = 0

    # --- small writers -------------------------------------------------------------------
    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out.asserted.append(ox.Quad(s, p, o, self.g))

    def lit(self, s: ox.NamedNode, p: ox.NamedNode, v: str | None) -> None:
        if v is not None and v != "":
            self.add(s, p, ox.Literal(v))

    def entity(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out.entities.append(ox.Quad(s, p, o, self.eg))

    def infer(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out.inferred.append(ox.Quad(s, p, o, self.ig))

    def warn(self, msg: str) -> None:
        self.out.warnings.append(f"{self.rec.document}: {msg}")

    def fact(self, node: ox.NamedNode, evidence: tuple[Span, ...]) -> None:
        """Link a fact node to its source and to one evidence node per quoted span."""
        self.add(node, PROV_DERIVED, self.report)
        self.add(node, P("assertionMethod"), self.method)
        self.evidence(node, evidence)

    def evidence(self, node: ox.NamedNode, evidence: tuple[Span, ...],
                 about: tuple[ox.NamedNode, ox.NamedNode | ox.Literal] | None = None) -> None:
        """Evidence nodes: the quoted span, where it is, which fact (and which statement) it supports."""
        for span in evidence:
            self.n_evidence += 1
            ev = N(iris.part_iri(self.rec.id, "evidence", self.n_evidence))
            self.add(node, P("hasEvidence"), ev)
            self.add(ev, RDF_TYPE, P("Evidence"))
            self.add(ev, P("supports"), node)
            if about is not None:
                self.add(ev, RDF_PREDICATE, about[0])
                self.add(ev, RDF_OBJECT, about[1])
            self.lit(ev, P("quote"), span.text)
            if span.start is not None:
                self.add(ev, P("charStart"), integer(span.start))
            if span.end is not None:
                self.add(ev, P("charEnd"), integer(span.end))
            self.lit(ev, P("document"), self.rec.document)
            self.add(ev, PROV_DERIVED, self.report)
            self.add(ev, P("assertionMethod"), self.method)
            self.lit(ev, P("extractorVersion"), f"spinekg {__version__}")

    def term(self, kind: str, *texts: str | None) -> str | None:
        for t in texts:
            if t:
                iri = self.lex.lookup(kind, t)
                if iri:
                    return iri
        return None

    # --- the record ----------------------------------------------------------------------
    def build(self) -> CaseQuads:
        rec = self.rec
        self.add(self.case, RDF_TYPE, P("Case"))
        self.add(self.case, P("reportedIn"), self.report)
        self.lit(self.case, P("document"), rec.document)
        self.lit(self.case, P("caseId"), rec.id)
        self.add(self.case, P("assertionMethod"), self.method)
        self.report_node()
        self.patient()
        tumor = self.tumor()
        self.markers(tumor)
        self.genomic(tumor)
        self.interventions()
        self.findings()
        self.outcome()
        self.neurological()
        self.complications()
        if self.out.inferred:
            # what the inferred graph holds was inferred from this case and the ontology, by spinekg's builder
            self.infer(self.ig, P("assertionMethod"), P("Inferred"))
            self.infer(self.ig, PROV_DERIVED, self.case)
            self.infer(self.ig, PROV_DERIVED, N(iris.ONTOLOGY_GRAPH))
            self.infer(self.ig, P("extractorVersion"), ox.Literal(f"spinekg {__version__}"))
        label = f"case {rec.id}"
        if rec.diagnosis.label:
            label += f": {rec.diagnosis.label}"
        if rec.vertebrae:
            label += " at " + (rec.vertebrae[0] if len(rec.vertebrae) == 1
                               else f"{rec.vertebrae[0]}-{rec.vertebrae[-1]}")
        self.lit(self.case, RDFS_LABEL, label)
        return self.out

    def report_node(self) -> None:
        s, r = self.rec.source, self.report
        self.entity(r, RDF_TYPE, P("CaseReport"))
        if s.title:
            self.entity(r, N(DCT + "title"), ox.Literal(s.title))
            self.entity(r, RDFS_LABEL, ox.Literal(s.title))
        else:
            self.entity(r, RDFS_LABEL, ox.Literal(f"report {self.rec.document}"))
        for key, val in (("doi", s.doi), ("pmid", s.pmid), ("pmcid", s.pmcid), ("journal", s.journal)):
            if val:
                self.entity(r, P(key), ox.Literal(val))
        if s.url:
            self.entity(r, P("url"), ox.Literal(s.url))
        if s.year is not None:
            self.entity(r, P("publicationYear"), integer(s.year))
        if s.authors:
            self.entity(r, P("authors"), ox.Literal("; ".join(s.authors)))
        self.entity(r, P("document"), ox.Literal(self.rec.document))

    def patient(self) -> None:
        p = self.rec.patient
        node = N(iris.part_iri(self.rec.id, "patient"))
        self.add(self.case, P("hasPatient"), node)
        self.add(node, RDF_TYPE, P("Patient"))
        self.lit(node, RDFS_LABEL, f"patient of case {self.rec.id}")
        if p.age_years is not None:
            self.add(node, P("ageYears"), num(p.age_years))
        if p.sex:
            self.add(node, P("hasSex"), P(p.sex.capitalize()))
        self.fact(node, p.evidence)

    def tumor(self) -> ox.NamedNode:
        rec, d = self.rec, self.rec.diagnosis
        node = N(iris.part_iri(rec.id, "tumor"))
        self.add(self.case, P("hasTumor"), node)
        self.add(node, RDF_TYPE, P("Tumor"))
        cls = d.term and iris.expand(d.term)
        if cls and cls not in self.lex.terms:
            self.warn(f"diagnosis term {d.term!r} is not in the ontology")
            cls = None
        cls = cls or self.term("tumor_type", d.label, *d.accept)
        if cls:
            self.add(node, RDF_TYPE, N(cls))
            for anc in self.ancestors(cls):
                self.infer(node, RDF_TYPE, N(anc))
        elif d.label:
            self.warn(f"diagnosis {d.label!r} is not a tumor type of the ontology")
        self.lit(node, RDFS_LABEL, d.label or "tumor")
        self.lit(node, P("diagnosisLabel"), d.label)
        for a in d.accept:
            self.lit(node, SKOS_ALT, a)
        self.lit(node, P("grade"), d.grade)
        if d.primary is not None:
            self.add(node, P("isPrimary"), boolean(d.primary))
        for lvl in rec.vertebrae:
            v = P(_level_local(lvl))
            self.add(node, P("locatedIn"), v)
        for det in rec.level_details:
            if det.label in rec.vertebrae and det.evidence:
                self.evidence(node, det.evidence, (P("locatedIn"), P(_level_local(det.label))))
        regions = {self.lex_region(lvl) for lvl in rec.vertebrae} - {None}
        for reg in sorted(regions):  # type: ignore[type-var]
            self.infer(node, P("inRegion"), N(reg))  # type: ignore[arg-type]
        if rec.compartment:
            comp = self.term("compartment", rec.compartment)
            if comp:
                self.add(node, P("inCompartment"), N(comp))
            else:
                self.warn(f"unknown compartment {rec.compartment!r}")
        if rec.size_cm is not None:
            self.add(node, P("sizeCm"), num(rec.size_cm))
        if rec.necrosis_percent is not None:
            self.add(node, P("necrosisPercent"), num(rec.necrosis_percent))
        for name in rec.ruled_out:
            ro = self.term("tumor_type", name)
            rnode = N(iris.part_iri(rec.id, "ruled-out", slug_norm(name)))
            self.add(self.case, P("hasRuledOutDiagnosis"), rnode)
            self.add(rnode, RDF_TYPE, P("RuledOutDiagnosis"))
            self.lit(rnode, RDFS_LABEL, name)
            if ro:
                self.add(rnode, P("ruledOut"), N(ro))
        self.fact(node, d.evidence)
        return node

    def lex_region(self, lvl: str) -> str | None:
        from spinekg.levels import region_of

        reg = region_of(lvl)
        return skg(f"{reg.capitalize()}Spine") if reg else None

    def ancestors(self, cls: str) -> list[str]:
        seen: list[str] = []
        todo = list(self.lex.terms[cls].parents) if cls in self.lex.terms else []
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.append(c)
            t = self.lex.terms.get(c)
            if t:
                todo.extend(t.parents)
        return seen

    def markers(self, tumor: ox.NamedNode) -> None:
        for i, m in enumerate(self.rec.markers, 1):
            node = N(iris.part_iri(self.rec.id, "ihc", i))
            self.add(tumor, P("hasIHCResult"), node)
            self.add(node, RDF_TYPE, P("IHCResult"))
            self.add(node, P("sequence"), integer(i))
            iri = (m.term and iris.expand(m.term)) or self.term("marker", m.name, *m.accept)
            if not iri:
                iri = iris.marker_iri(m.name)
                self.entity(N(iri), RDF_TYPE, P("IHCMarker"))
                self.entity(N(iri), RDFS_LABEL, ox.Literal(m.name))
                self.warn(f"marker {m.name!r} is not in the ontology")
            self.add(node, P("marker"), N(iri))
            self.lit(node, RDFS_LABEL, m.name)
            for a in m.accept:
                self.lit(node, SKOS_ALT, a)
            if m.result:
                self.add(node, P("result"), N(RESULT_IRI[m.result]))
            if m.value_percent is not None:
                self.add(node, P("percent"), num(m.value_percent))
            if m.pattern:
                pat = self.term("pattern", m.pattern)
                if pat:
                    self.add(node, P("stainingPattern"), N(pat))
                self.lit(node, P("resultText"), m.pattern)
            self.fact(node, m.evidence)

    def gene(self, symbol: str) -> ox.NamedNode:
        iri = self.term("gene", symbol)
        if iri:
            return N(iri)
        node = N(iris.gene_iri(symbol))
        self.entity(node, RDF_TYPE, P("Gene"))
        self.entity(node, RDFS_LABEL, ox.Literal(symbol))
        self.warn(f"gene {symbol!r} is not in the ontology")
        return node

    def genomic(self, tumor: ox.NamedNode) -> None:
        for i, g in enumerate(self.rec.genomic, 1):
            node = N(iris.part_iri(self.rec.id, "genomic", i))
            self.add(tumor, P("hasGenomicFinding"), node)
            self.add(node, RDF_TYPE, P(GENOMIC_CLASS[g.kind]))
            self.add(node, P("sequence"), integer(i))
            if g.kind == "fusion":
                assert g.gene3 is not None
                g3 = self.gene(g.gene3)
                g5 = self.gene(g.gene5) if g.gene5 else None
                fiv = self.lex.lookup("fusion", f"{g.gene5}::{g.gene3}") if g.gene5 else None
                fus = N(fiv or iris.fusion_iri(g.gene5, g.gene3))
                if not fiv:
                    self.entity(fus, RDF_TYPE, P("GeneFusion"))
                    self.entity(fus, RDFS_LABEL, ox.Literal(f"{g.gene5 or '?'}::{g.gene3}"))
                    self.entity(fus, P("threePrimePartner"), g3)
                    if g5 is not None:
                        self.entity(fus, P("fivePrimePartner"), g5)
                self.add(node, P("fusion"), fus)
                # inferred: the finding involves each partner gene, so a fusion is found from either partner
                for partner in (g5, g3):
                    if partner is not None:
                        self.infer(node, P("gene"), partner)
                self.add(node, P("gene3"), ox.Literal(g.gene3))
                self.lit(node, P("gene5"), g.gene5)
                if g.exon5 is not None:
                    self.add(node, P("exon5"), integer(g.exon5))
                if g.exon3 is not None:
                    self.add(node, P("exon3"), integer(g.exon3))
                self.lit(node, RDFS_LABEL, f"{g.gene5 or '?'}::{g.gene3} fusion")
            else:
                assert g.gene is not None
                self.add(node, P("gene"), self.gene(g.gene))
                self.add(node, P("geneSymbol"), ox.Literal(g.gene))
                self.lit(node, P("variant"), g.variant)
                for a in g.accept_gene:
                    self.lit(node, P("acceptedGeneSymbol"), a)
                self.lit(node, RDFS_LABEL, f"{g.gene} {g.variant or g.kind}")
            if g.method:
                meth = self.term("method", g.method)
                if meth:
                    self.add(node, P("detectedBy"), N(meth))
                self.lit(node, P("methodText"), g.method)
            self.fact(node, g.evidence)

    def interventions(self) -> None:
        for i, iv in enumerate(self.rec.interventions, 1):
            node = N(iris.part_iri(self.rec.id, "intervention", i))
            self.add(self.case, P("hasIntervention"), node)
            cls = (iv.term and iris.expand(iv.term)) or self.term("procedure", iv.label, *iv.accept)
            if cls and self.lex.category(cls) not in (None, iv.category):
                cls = None  # a label that names a procedure of another category: trust the category
            cls = cls or skg(CATEGORY_CLASS[iv.category])
            self.add(node, RDF_TYPE, N(cls))
            for anc in self.ancestors(cls):
                self.infer(node, RDF_TYPE, N(anc))
            self.add(node, P("category"), ox.Literal(iv.category))
            self.add(node, P("sequence"), integer(i))
            self.lit(node, RDFS_LABEL, iv.label)
            for a in iv.accept:
                self.lit(node, SKOS_ALT, a)
            for j, agent in enumerate(iv.agents):
                term = iv.agent_terms[j] if j < len(iv.agent_terms) else None
                iri = (term and iris.expand(term)) or self.term("drug", agent)
                if not iri:
                    iri = iris.drug_iri(agent)
                    self.entity(N(iri), RDF_TYPE, P("Drug"))
                    self.entity(N(iri), RDFS_LABEL, ox.Literal(agent))
                    self.warn(f"drug {agent!r} is not in the ontology")
                self.add(node, P("agent"), N(iri))
                self.add(node, P("agentName"), ox.Literal(agent))
            for lvl in iv.levels:
                self.add(node, P("atLevel"), P(_level_local(lvl)))
            if iv.dose_gy is not None:
                self.add(node, P("doseGy"), num(iv.dose_gy))
            if iv.fractions is not None:
                self.add(node, P("fractions"), integer(iv.fractions))
            if iv.cycles is not None:
                self.add(node, P("cycles"), integer(iv.cycles))
            self.lit(node, P("doseText"), iv.dose)
            for key, kind, val in (("intent", "intent", iv.intent), ("response", "response", iv.response),
                                   ("margin", "margin", iv.margin)):
                if val:
                    t = self.term(kind, val)
                    if t:
                        self.add(node, P(key), N(t))
                    self.lit(node, P(key + "Text"), val)
            self.lit(node, P("resultText"), iv.result)
            self.timing(node, iv.timing)
            if iv.uneventful is not None:
                self.add(node, P("uneventfulCourse"), boolean(iv.uneventful))
            self.fact(node, iv.evidence)

    def timing(self, node: ox.NamedNode, t: Timing | None, props: tuple[str, str, str] = (
            "timing", "timingMonths", "timingRelativeTo")) -> None:
        if t is None:
            return
        self.lit(node, P(props[0]), t.text)
        if t.months is not None:
            self.add(node, P(props[1]), num(t.months))
        self.lit(node, P(props[2]), t.relative_to)

    def neurological(self) -> None:
        for i, n in enumerate(self.rec.neurological, 1):
            node = N(iris.part_iri(self.rec.id, "neuro", i))
            self.add(self.case, P("hasNeurologicalAssessment"), node)
            self.add(node, RDF_TYPE, P("NeurologicalAssessment"))
            self.add(node, P("sequence"), integer(i))
            label = " ".join(x for x in (n.scale and n.scale.upper() if n.scale != "frankel" else "Frankel",
                                         n.grade, {True: "neurologically intact", False: "neurological deficit",
                                                   None: None}[n.intact]) if x)
            self.lit(node, RDFS_LABEL, label)
            self.lit(node, P("assessmentScale"), n.scale)
            self.lit(node, P("gradeText"), n.grade)
            grade = (n.term and iris.expand(n.term)) or (_grade_iri(n.scale, n.grade) if n.scale and n.grade else None)
            if grade and grade in self.lex.terms:
                self.add(node, P("neurologicalStatus"), N(grade))
            elif grade:
                self.warn(f"neurological grade {n.scale} {n.grade} is not in the ontology")
            if n.scale == "mrc" and n.grade:
                self.add(node, P("muscleStrengthGrade"), integer(int(n.grade[0])))  # "4+" is kept in gradeText
            if n.intact is not None:
                self.add(node, P("neurologicallyIntact"), boolean(n.intact))
            self.lit(node, P("assessedAt"), n.assessed)
            self.timing(node, n.timing)
            self.fact(node, n.evidence)

    def complications(self) -> None:
        for i, c in enumerate(self.rec.complications, 1):
            node = N(iris.part_iri(self.rec.id, "complication", i))
            self.add(self.case, P("hasComplication"), node)
            cls = (c.term and iris.expand(c.term)) or self.term("complication", c.label) or skg("Complication")
            if cls not in self.lex.terms:
                self.warn(f"complication term {c.term!r} is not in the ontology")
                cls = skg("Complication")
            self.add(node, RDF_TYPE, N(cls))
            for anc in self.ancestors(cls):
                self.infer(node, RDF_TYPE, N(anc))
            self.add(node, P("sequence"), integer(i))
            self.lit(node, RDFS_LABEL, c.label)
            self.lit(node, P("complicationText"), c.label)
            if c.after is not None:
                self.add(node, P("followedIntervention"), N(iris.part_iri(self.rec.id, "intervention", c.after)))
            self.timing(node, c.timing)
            self.fact(node, c.evidence)

    def findings(self) -> None:
        for kind, prop, items in (("imaging", "hasImaging", self.rec.imaging),
                                  ("symptom", "hasSymptom", self.rec.symptoms)):
            for f in items:
                iri = (f.term and iris.expand(f.term)) or self.term(kind, f.label)
                if iri:
                    self.add(self.case, P(prop), N(iri))
                    if f.evidence:
                        self.evidence(self.case, f.evidence, (P(prop), N(iri)))
                self.add(self.case, P(prop + "Text"), ox.Literal(f.label))

    def outcome(self) -> None:
        o = self.rec.outcome
        node = N(iris.part_iri(self.rec.id, "outcome"))
        self.add(self.case, P("hasOutcome"), node)
        self.add(node, RDF_TYPE, P("Outcome"))
        self.lit(node, RDFS_LABEL, f"outcome of case {self.rec.id}")
        if o.follow_up_months is not None:
            self.add(node, P("followUpMonths"), num(o.follow_up_months))
        if o.recurrence is not None:
            self.add(node, P("localRecurrence"), boolean(o.recurrence))
        if o.metastasis is not None:
            self.add(node, P("metastasis"), boolean(o.metastasis))
        if o.status:
            st = self.term("status", o.status)
            if st:
                self.add(node, P("status"), N(st))
            self.lit(node, P("statusText"), o.status)
        self.timing(node, o.recurrence_timing, ("recurrenceTiming", "recurrenceMonths", "recurrenceRelativeTo"))
        self.fact(node, o.evidence)


def _grade_iri(scale: str, grade: str) -> str:
    """The ontology individual of a grade: skg:FrankelC, skg:ASIA_C, skg:MRC3 ("4+" -> skg:MRC4)."""
    return skg({"frankel": f"Frankel{grade}", "asia": f"ASIA_{grade}", "mrc": f"MRC{grade[:1]}"}[scale])


def _level_local(level: str) -> str:
    return {"sacrum": "Sacrum", "coccyx": "Coccyx"}.get(level, level)


def slug_norm(text: str) -> str:
    from spinekg.ontology.lexicon import norm

    return norm(text).replace(" ", "-") or "x"


def build_case(rec: CaseRecord, lex: Lexicon | None = None) -> CaseQuads:
    """All quads of one case record."""
    return _Builder(rec, lex or lexicon()).build()
