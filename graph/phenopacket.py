"""Case record -> GA4GH Phenopacket v2 (JSON), with the ontology's exact matches as term IDs, and spinekg's own
CURIEs (SKG:, SKGDRUG:, SKGMARKER:) for terms that have none.

Symptoms become phenotypic features (HPO), the diagnosis a disease (NCIt, else MONDO, else SKG), levels the
disease's primary site (UBERON), and the tumour a biosample whose histological diagnosis is the ICD-O-3
morphology code the ontology gives its type (ICDO3:9370/3; a metastasis's tumour progression NCIT:C3261);
operations, biopsies and embolizations procedures (NCIt, MAXO, else SKG);
radiotherapy a radiation therapy (modality, whole-Gy dose, fractions, site) or, without those, a procedure; drug
therapy one treatment per agent (a therapy without a named agent a procedure), with intent and response; IHC
results measurements (the marker assayed, positive/negative/equivocal, the percentage in the description); the
outcome the subject's vital status (with survival time and cause of death); genomic findings genomic
interpretations; the report an external reference. What a packet cannot hold (a recurrence, a step of an
operation, a 50.4 Gy dose) is returned to the caller, and ``spinekg export`` prints it. The Phenopacket loader
reads all of this back, so a packet read and exported again is the same packet.
"""

from __future__ import annotations

import functools
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
    "SKGDRUG": ("spinekg-drug", "spinekg drugs", "https://w3id.org/spinekg/drug", "https://w3id.org/spinekg/drug/"),
    "SKGMARKER": ("spinekg-marker", "spinekg markers", "https://w3id.org/spinekg/marker",
                  "https://w3id.org/spinekg/marker/"),
    # ICD-O-3 morphology with behaviour ("9370/3"), as the ontology states it for a tumour type (skg:icdO3Morphology)
    "ICDO3": ("icdo3", "International Classification of Diseases for Oncology, 3rd edition (morphology)",
              "https://www.who.int/standards/classifications/other-classifications/"
              "international-classification-of-diseases-for-oncology", "https://w3id.org/spinekg/icdo3/"),
}
#: the spinekg namespaces a term without an external match is named in (its own CURIE)
OWN = ("SKG", "SKGDRUG", "SKGMARKER")
RESPONSES = {"complete response": ("NCIT:C4870", "Complete Remission"),
             "partial response": ("NCIT:C18058", "Partial Remission"),
             "stable disease": ("NCIT:C18213", "Stable Disease"),
             "progressive disease": ("NCIT:C17747", "Disease Progression")}
PREFERENCE = {"disease": ("NCIT", "MONDO"), "symptom": ("HP",), "site": ("UBERON",),
              "drug": ("NCIT", "CHEBI", "DRUGBANK"), "procedure": ("NCIT", "MAXO"), "gene": ("HGNC",),
              "marker": ("NCIT", "HGNC"), "intent": ("NCIT",), "result": ("NCIT",)}
#: outcome status -> vital status
VITAL = {"died of disease": "DECEASED", "died of other cause": "DECEASED", "died": "DECEASED",
         "alive with disease": "ALIVE", "no evidence of disease": "ALIVE", "alive": "ALIVE"}
DAYS_PER_MONTH = 30.4375


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
    for prefix in OWN if own else ():
        if t.iri.startswith(RESOURCES[prefix][3]):
            used.add(prefix)
            return {"id": f"{prefix}:{t.iri[len(RESOURCES[prefix][3]):]}", "label": t.label}
    return None


#: the intervention classes of the record's categories (the therapy when no procedure or agent is named)
SKG_CATEGORY = {c: RESOURCES["SKG"][3] + n for c, n in (
    ("biopsy", "Biopsy"), ("surgery", "Surgery"), ("radiotherapy", "Radiotherapy"), ("chemotherapy", "Chemotherapy"),
    ("targeted_therapy", "TargetedTherapy"), ("immunotherapy", "Immunotherapy"), ("other_drug", "OtherDrugTherapy"),
    ("embolization", "Embolization"))}


@functools.lru_cache(maxsize=1)
def icdo_codes() -> dict[str, str]:
    """Tumour type IRI -> its ICD-O-3 morphology code, as the ontology states it (verified there)."""
    from spinekg.ontology import ontology_store

    q = "SELECT ?c ?code WHERE { ?c <" + RESOURCES["SKG"][3] + "icdO3Morphology> ?code }"
    return {r["c"].value: r["code"].value for r in ontology_store().query(q)}


def _age(years: float | int | None) -> dict[str, Any] | None:
    if years is None:
        return None
    y = int(years)
    m = round((float(years) - y) * 12)
    return {"age": {"iso8601duration": f"P{y}Y{m}M" if m else f"P{y}Y"}}


def to_phenopacket(rec: dict[str, Any], lex: Lexicon | None = None, unmapped: list[str] | None = None,
                   ) -> dict[str, Any]:
    """A Phenopacket v2 (as a JSON-ready dict) for one exported case record; what the packet cannot hold is added
    to ``unmapped`` (one short phrase each)."""
    lex = lex or lexicon()
    used: set[str] = set()
    lost = unmapped if unmapped is not None else []
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
        # the tumour as a specimen: its histology coded in ICD-O-3 (and the class again), a metastasis as such
        icdo = icdo_codes().get(rec["diagnosis"].get("term") or "")
        if icdo:
            used.add("ICDO3")
            sample: dict[str, Any] = {"id": f"{rec['id']}-tumor", "individualId": pid,
                                      "description": f"the tumour: {cls['label']}",
                                      "histologicalDiagnosis": {"id": f"ICDO3:{icdo}", "label": cls["label"]}}
            if sites:
                sample["sampledTissue"] = sites[0]
            if rec["diagnosis"].get("primary") is False:
                used.add("NCIT")
                sample["tumorProgression"] = {"id": "NCIT:C3261", "label": "Metastatic Neoplasm"}
            pp["biosamples"] = [sample]
    actions = []
    for iv in rec["interventions"]:
        found: list[dict[str, Any]] = []
        generic = lex.lookup("procedure", iv["category"]) or SKG_CATEGORY.get(iv["category"])
        if iv["category"] in ("biopsy", "surgery", "embolization"):
            code = _cls(lex, iv.get("term"), "procedure", used, own=True) or \
                _cls(lex, generic, "procedure", used, own=True)
            if code:
                proc: dict[str, Any] = {"code": code}
                site = next((c for c in (_cls(lex, lex.lookup("vertebra", v), "site", used) for v in iv["levels"])
                             if c), None)
                if site:
                    proc["bodySite"] = site
                found.append({"procedure": proc})
        elif iv["category"] == "radiotherapy":
            code = _cls(lex, iv.get("term"), "procedure", used, own=True) or \
                _cls(lex, generic, "procedure", used, own=True)
            site = next((c for c in (_cls(lex, lex.lookup("vertebra", v), "site", used)
                                     for v in [*iv["levels"], *rec["vertebrae"]]) if c), None)
            dose = iv.get("dose_gy")
            whole = dose is not None and float(dose) == int(float(dose))  # the schema's dosage is whole Gy
            if code and site and whole and iv.get("fractions"):
                found.append({"radiationTherapy": {"modality": code, "bodySite": site, "dosage": int(float(dose)),
                                                   "fractions": iv["fractions"]}})
            elif code:  # a radiation therapy needs its dose and fractions: without them, the procedure
                proc = {"code": code, **({"bodySite": site} if site else {})}
                found.append({"procedure": proc})
                if dose is not None:
                    lost.append(f"the radiotherapy dose ({dose} Gy" + (", not whole Gy)" if not whole
                                                                      else ", no fractions)"))
        else:  # drug therapy: one treatment per agent (a regimen gives several)
            names = iv.get("agents") or []
            terms = iv.get("agent_terms") or []
            for j, name in enumerate(names):
                agent = _cls(lex, terms[j] if j < len(terms) else lex.lookup("drug", name), "drug", used, own=True)
                if agent:
                    found.append({"treatment": {"agent": agent}})
                else:
                    lost.append(f"the agent {name!r} (no term)")
            if not found:  # "chemotherapy" with no agent named: the kind of therapy, as a procedure
                code = _cls(lex, iv.get("term"), "procedure", used, own=True) or \
                    _cls(lex, generic, "procedure", used, own=True)
                if code:
                    found.append({"procedure": {"code": code}})
        intent = _cls(lex, lex.lookup("intent", iv.get("intent") or ""), "intent", used, own=True)
        resp = RESPONSES.get((iv.get("response") or "").lower())
        for action in found:
            if resp:
                used.add("NCIT")
                action["responseToTreatment"] = {"id": resp[0], "label": resp[1]}
            if intent:
                action["treatmentIntent"] = intent
            actions.append(action)
        if not found:
            lost.append(f"the {iv['category']} {iv.get('label') or ''}".rstrip())
        for step in iv.get("steps") or []:
            lost.append(f"the step {step!r} of {iv.get('label')!r}")
    if actions:
        pp["medicalActions"] = actions
    measurements = []
    for m in rec.get("markers") or []:
        assay = _cls(lex, m.get("term"), "marker", used, own=True) or \
            _cls(lex, lex.lookup("marker", m["name"]), "marker", used, own=True)
        value = _cls(lex, lex.lookup("result", m.get("result") or ""), "result", used, own=True)
        if assay and value:
            meas: dict[str, Any] = {"assay": assay, "value": {"ontologyClass": value},
                                    "description": "immunohistochemistry" + (
                                        f", {m['value_percent']}% of cells" if m.get("value_percent") is not None
                                        else "")}
            measurements.append(meas)
        else:
            lost.append(f"the IHC result {m['name']} {m.get('result') or ''}".rstrip())
    if measurements:
        pp["measurements"] = measurements
    out = rec.get("outcome") or {}
    vital = VITAL.get((out.get("status") or "").lower())
    if vital:
        vs: dict[str, Any] = {"status": vital}
        if out.get("follow_up_months") is not None:
            vs["survivalTimeInDays"] = round(float(out["follow_up_months"]) * DAYS_PER_MONTH)
        if (out.get("status") or "").lower() == "died of disease" and disease:
            vs["causeOfDeath"] = disease["term"]
        subject["vitalStatus"] = vs
    else:
        if out.get("follow_up_months") is not None:
            lost.append(f"the follow-up of {out['follow_up_months']} months (no vital status)")
    for key in ("recurrence", "metastasis"):
        if out.get(key) is not None:
            lost.append(f"{key} {'yes' if out[key] else 'no'}")
    interps: list[dict[str, Any]] = []
    for g in rec["genomic"]:
        symbol = (g.get("gene3") or g.get("gene5")) if g["kind"] == "fusion" else g.get("gene")
        gene_iri = lex.lookup("gene", symbol or "")
        gene = _cls(lex, gene_iri, "gene", used)
        if not gene:
            lost.append(f"the {g['kind']} of {symbol}")
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
    if interps and not disease:
        lost.append("the genomic findings (no diagnosis to interpret them for)")
    if rec["diagnosis"].get("label") and not disease:
        lost.append(f"the diagnosis {rec['diagnosis']['label']!r} (no term)")
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
