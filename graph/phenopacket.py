"""Case record -> GA4GH Phenopacket v2 (JSON), with the ontology's exact matches as term IDs.

Symptoms become phenotypic features (HPO), the diagnosis a disease (NCIt, else MONDO), levels
the disease's primary site (UBERON), interventions medical actions (procedures, drug treatments,
radiation therapy), genomic findings genomic interpretations, the report an external reference.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from spinekg.ontology.lexicon import Lexicon, lexicon

from spinekg import __version__

RESOURCES = {
    "NCIT": ("ncit", "NCI Thesaurus OBO Edition", "http://purl.obolibrary.org/obo/ncit.owl",
             "http://purl.obolibrary.org/obo/NCIT_"),
    "MONDO": ("mondo", "Mondo Disease Ontology", "http://purl.obolibrary.org/obo/mondo.owl",
              "http://purl.obolibrary.org/obo/MONDO_"),
    "HP": ("hp", "Human Phenotype Ontology", "http://purl.obolibrary.org/obo/hp.owl",
           "http://purl.obolibrary.org/obo/HP_"),
    "UBERON": ("uberon", "Uberon multi-species anatomy ontology", "http://purl.obolibrary.org/obo/uberon.owl",
               "http://purl.obolibrary.org/obo/UBERON_"),
    "HGNC": ("hgnc", "HUGO Gene Nomenclature Committee", "https://www.genenames.org", "https://identifiers.org/hgnc:"),
    "CHEBI": ("chebi", "Chemical Entities of Biological Interest", "http://purl.obolibrary.org/obo/chebi.owl",
              "http://purl.obolibrary.org/obo/CHEBI_"),
    "SO": ("so", "Sequence Ontology", "http://purl.obolibrary.org/obo/so.owl", "http://purl.obolibrary.org/obo/SO_"),
    "MAXO": ("maxo", "Medical Action Ontology", "http://purl.obolibrary.org/obo/maxo.owl",
             "http://purl.obolibrary.org/obo/MAXO_"),
    "DRUGBANK": ("drugbank", "DrugBank", "https://go.drugbank.com", "https://identifiers.org/drugbank:"),
    "SKG": ("spinekg", "spinekg ontology", "https://w3id.org/spinekg/ontology", "https://w3id.org/spinekg/ontology/"),
}
RESPONSES = {"complete response": ("NCIT:C4870", "Complete Remission"),
             "partial response": ("NCIT:C18058", "Partial Remission"),
             "stable disease": ("NCIT:C18213", "Stable Disease"),
             "progressive disease": ("NCIT:C17747", "Disease Progression")}
PREFERENCE = {"disease": ("NCIT", "MONDO"), "symptom": ("HP",), "site": ("UBERON",),
              "drug": ("NCIT", "CHEBI", "DRUGBANK"), "procedure": ("NCIT", "MAXO"), "gene": ("HGNC",)}


def _cls(lex: Lexicon, iri: str | None, role: str, used: set[str], *, own: bool = False) -> dict[str, str] | None:
    """The term as a phenopacket OntologyClass: an exact external match, else (own=True) our own CURIE."""
    t = lex.terms.get(iri or "")
    if t is None:
        return None
    for prefix in PREFERENCE[role]:
        for x in t.xrefs:
            if x.split(":", 1)[0].upper() == prefix:
                used.add(prefix)
                return {"id": f"{prefix}:{x.split(':', 1)[1]}", "label": t.label}
    if own and t.iri.startswith(RESOURCES["SKG"][3]):
        used.add("SKG")
        return {"id": "SKG:" + t.iri[len(RESOURCES["SKG"][3]):], "label": t.label}
    return None


def _age(years: float | int | None) -> dict[str, Any] | None:
    if years is None:
        return None
    y = int(years)
    m = round((float(years) - y) * 12)
    return {"age": {"iso8601duration": f"P{y}Y{m}M" if m else f"P{y}Y"}}


def to_phenopacket(rec: dict[str, Any], lex: Lexicon | None = None) -> dict[str, Any]:
    """A Phenopacket v2 (as a JSON-ready dict) for one exported case record."""
    lex = lex or lexicon()
    used: set[str] = set()
    pid = f"{rec['id']}-patient"
    subject: dict[str, Any] = {"id": pid, "sex": {"female": "FEMALE", "male": "MALE"}.get(rec["patient"]["sex"] or "",
                                                                                       "UNKNOWN_SEX")}
    age = _age(rec["patient"]["age_years"])
    if age:
        subject["timeAtLastEncounter"] = age
    pp: dict[str, Any] = {"id": rec["id"], "subject": subject}
    features = []
    for s in (rec.get("details") or {}).get("symptoms") or []:
        cls = _cls(lex, s.get("term"), "symptom", used) or _cls(lex, lex.lookup("symptom", s["label"]), "symptom",
                                                                 used)
        if cls:
            features.append({"type": cls})
    if features:
        pp["phenotypicFeatures"] = features
    disease: dict[str, Any] | None = None
    cls = _cls(lex, rec["diagnosis"].get("term"), "disease", used, own=True)
    if cls:
        disease = {"term": cls}
        sites = [c for c in (_cls(lex, lex.lookup("vertebra", v), "site", used) for v in rec["vertebrae"]) if c]
        if sites:
            disease["primarySite"] = sites[0]
        pp["diseases"] = [disease]
    actions = []
    for iv in rec["interventions"]:
        found: list[dict[str, Any]] = []
        if iv["category"] in ("biopsy", "surgery", "embolization"):
            code = _cls(lex, iv.get("term"), "procedure", used)
            if code:
                proc: dict[str, Any] = {"code": code}
                site = next((c for c in (_cls(lex, lex.lookup("vertebra", v), "site", used) for v in iv["levels"])
                             if c), None)
                if site:
                    proc["bodySite"] = site
                found.append({"procedure": proc})
        elif iv["category"] == "radiotherapy":
            code = _cls(lex, iv.get("term"), "procedure", used)
            site = next((c for c in (_cls(lex, lex.lookup("vertebra", v), "site", used)
                                     for v in rec["vertebrae"]) if c), None)
            if code and site and iv.get("dose_gy") is not None:
                found.append({"radiationTherapy": {"modality": code, "bodySite": site, "dosage": iv["dose_gy"],
                                                   "fractions": iv.get("fractions") or 1}})
        else:  # drug therapy: one treatment per agent (a regimen gives several)
            for term in iv.get("agent_terms") or []:
                agent = _cls(lex, term, "drug", used)
                if agent:
                    found.append({"treatment": {"agent": agent}})
        resp = RESPONSES.get((iv.get("response") or "").lower())
        for action in found:
            if resp:
                used.add("NCIT")
                action["responseToTreatment"] = {"id": resp[0], "label": resp[1]}
            actions.append(action)
    if actions:
        pp["medicalActions"] = actions
    interps: list[dict[str, Any]] = []
    for g in rec["genomic"]:
        symbol = (g.get("gene3") or g.get("gene5")) if g["kind"] == "fusion" else g.get("gene")
        gene_iri = lex.lookup("gene", symbol or "")
        gene = _cls(lex, gene_iri, "gene", used)
        if not gene:
            continue
        desc = f"{g.get('gene5') or '?'}::{g.get('gene3') or '?'}" if g["kind"] == "fusion" else \
            f"{g['gene']} {g.get('variant') or g['kind']}"
        so = {"fusion": ("SO:0001565", "gene_fusion"), "mutation": ("SO:1000008", "point_mutation"),
              "amplification": ("SO:0001880", "feature_amplification"), "deletion": ("SO:0000159", "deletion")}
        used.add("SO")
        interps.append({"subjectOrBiosampleId": pid, "interpretationStatus": "CONTRIBUTORY",
                        "variantInterpretation": {"variationDescriptor": {
                            "id": f"{rec['id']}-variant-{len(interps) + 1}", "label": desc,
                            "geneContext": {"valueId": gene["id"], "symbol": gene["label"]},
                            "structuralType": {"id": so[g["kind"]][0], "label": so[g["kind"]][1]}}}})
    if interps and disease:
        pp["interpretations"] = [{"id": f"{rec['id']}-interpretation", "progressStatus": "COMPLETED",
                                  "diagnosis": {"disease": disease["term"], "genomicInterpretations": interps}}]
    refs = []
    src = rec.get("source") or {}
    if src.get("doi"):
        refs.append({"id": f"DOI:{src['doi']}", "reference": f"https://doi.org/{src['doi']}",
                     "description": src.get("title") or ""})
    if src.get("pmid"):
        refs.append({"id": f"PMID:{src['pmid']}", "reference": f"https://pubmed.ncbi.nlm.nih.gov/{src['pmid']}",
                     "description": src.get("title") or ""})
    meta: dict[str, Any] = {
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "createdBy": f"spinekg {__version__}",
        "phenopacketSchemaVersion": "2.0",
        "resources": [{"id": RESOURCES[p][0], "name": RESOURCES[p][1], "url": RESOURCES[p][2], "version": "unknown",
                       "namespacePrefix": p, "iriPrefix": RESOURCES[p][3]} for p in sorted(used)],
    }
    if refs:
        meta["externalReferences"] = refs
    pp["metaData"] = meta
    return pp
