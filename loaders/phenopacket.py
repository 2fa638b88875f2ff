"""GA4GH Phenopacket v2 JSON (import): one phenopacket, a list, or a cohort, to case records.

Ontology classes in the phenopacket (NCIT, MONDO, HP, UBERON, ...) are grounded to spinekg
terms through the ontology's exact matches; what has no match keeps its label.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from spinekg.graph.phenopacket import DAYS_PER_MONTH
from spinekg.loaders.base import LoadResult, decode_text
from spinekg.ontology.lexicon import lexicon

from spinekg.errors import InputFormatError, RecordError
from spinekg.model import CaseRecord

_AGE = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?")
_SEX = {"FEMALE": "female", "MALE": "male"}
_RESPONSE = {"NCIT:C4870": "complete response", "NCIT:C18058": "partial response",
             "NCIT:C18213": "stable disease", "NCIT:C17747": "progressive disease"}


def sniff_phenopacket(head: bytes, path: Path) -> bool:
    return head.lstrip()[:1] in (b"{", b"[") and (b'"phenotypicFeatures"' in head or b'"metaData"' in head
                                                 or (b'"subject"' in head and b'"id"' in head))


def iso_age_years(text: str | None) -> float | None:
    """Years from an ISO 8601 duration ('P25Y', 'P1Y8M', 'P20M'); None if it is not one."""
    if not text:
        return None
    m = _AGE.match(text)
    if not m or not any(m.groups()):
        return None
    y, mo, w, d = (float(g) if g else 0.0 for g in m.groups())
    return round(y + mo / 12 + w / 52.1775 + d / 365.25, 2)


def _cls(obj: Any) -> tuple[str | None, str | None]:
    if not isinstance(obj, dict):
        return None, None
    cid, label = obj.get("id"), obj.get("label")
    return (cid if isinstance(cid, str) else None), (label if isinstance(label, str) else None)


def _term(cid: str | None) -> str | None:
    """The ontology term a CURIE names: an exact external match ('NCIT:C2947'), or one of spinekg's own
    ('SKG:Surgery', 'SKGDRUG:larotrectinib', as the export writes a term without an external match)."""
    if not cid:
        return None
    from spinekg.graph.phenopacket import OWN, RESOURCES

    lex = lexicon()
    prefix, _, local = cid.partition(":")
    if prefix.upper() in OWN:
        iri = RESOURCES[prefix.upper()][3] + local
        return iri if iri in lex.terms else None
    return lex.from_xref(cid)


def _level_of(body_site: Any) -> str | None:
    cid, label = _cls(body_site)
    lex = lexicon()
    iri = _term(cid)
    if iri and lex.terms[iri].kind == "vertebra":
        return lex.terms[iri].label
    return None


def _record(pp: dict[str, Any], document: str) -> CaseRecord:
    lex = lexicon()
    subject = pp.get("subject") or {}
    if not isinstance(subject, dict):
        raise RecordError("subject is not an object", document=document, field="subject")
    age = None
    for key in ("timeAtLastEncounter", "timeAtDiagnosis"):
        t = subject.get(key)
        if isinstance(t, dict) and isinstance(t.get("age"), dict):
            age = iso_age_years(t["age"].get("iso8601duration"))
            if age is not None:
                break
    diagnosis: dict[str, Any] = {}
    for dis in pp.get("diseases") or []:
        cid, label = _cls(dis.get("term") if isinstance(dis, dict) else None)
        if cid or label:
            diagnosis = {"label": label or cid, "term": _term(cid)}
            break
    levels: list[str] = []
    for dis in pp.get("diseases") or []:
        for site in (dis.get("primarySite"), *(dis.get("diseaseStage") or [])) if isinstance(dis, dict) else ():
            lvl = _level_of(site)
            if lvl:
                levels.append(lvl)
    symptoms = []
    for f in pp.get("phenotypicFeatures") or []:
        if not isinstance(f, dict) or f.get("excluded"):
            continue
        cid, label = _cls(f.get("type"))
        if label or cid:
            symptoms.append({"label": label or cid, "term": _term(cid)})
    interventions = []
    for act in pp.get("medicalActions") or []:
        if not isinstance(act, dict):
            continue
        response = _cls(act.get("responseToTreatment"))[0]
        intent = _cls(act.get("treatmentIntent"))[1]
        if isinstance(act.get("procedure"), dict):
            cid, label = _cls(act["procedure"].get("code"))
            term = _term(cid)
            cat = (lex.category(term) if term else None) or "surgery"
            lvl = _level_of(act["procedure"].get("bodySite"))
            interventions.append({"category": cat, "label": label, "term": term, "levels": [lvl] if lvl else [],
                                  "intent": intent, "response": _RESPONSE.get(response or "")})
        elif isinstance(act.get("treatment"), dict):
            cid, label = _cls(act["treatment"].get("agent"))
            term = _term(cid)
            cat = (lex.category(term) if term else None) or "chemotherapy"
            name = lex.terms[term].label if term else (label or cid)
            interventions.append({"category": cat, "label": name, "agents": [name] if name else [],
                                  "agent_terms": [term] if term else [], "intent": intent,
                                  "response": _RESPONSE.get(response or "")})
        elif isinstance(act.get("radiationTherapy"), dict):
            rt = act["radiationTherapy"]
            cid, label = _cls(rt.get("modality"))
            dose = rt.get("dosage")
            frac = rt.get("fractions")
            interventions.append({"category": "radiotherapy", "label": label or "radiotherapy",
                                  "term": _term(cid),
                                  "dose_gy": dose if isinstance(dose, (int, float)) else None,
                                  "fractions": frac if isinstance(frac, int) else None, "intent": intent})
    genomic = []
    for interp in pp.get("interpretations") or []:
        diag = interp.get("diagnosis") if isinstance(interp, dict) else None
        for gi in (diag or {}).get("genomicInterpretations") or []:
            vd = ((gi.get("variantInterpretation") or {}).get("variationDescriptor") or {}) if isinstance(gi, dict) \
                else {}
            gene = (vd.get("geneContext") or {}).get("symbol") if isinstance(vd, dict) else None
            if not gene and isinstance(gi, dict):
                gene = (gi.get("gene") or {}).get("symbol")
            if gene:
                genomic.append(_finding(gene, vd if isinstance(vd, dict) else {}))
    markers = []
    for m in pp.get("measurements") or []:  # immunohistochemistry: the marker assayed and its result
        if not isinstance(m, dict):
            continue
        assay, result = _cls(m.get("assay")), _cls((m.get("value") or {}).get("ontologyClass"))
        name = lex.label(_term(assay[0]) or "") or assay[1]
        res = lex.label(_term(result[0]) or "") or result[1]
        if name and res in ("positive", "negative", "equivocal"):
            pct = re.search(r"(\d+(?:\.\d+)?)% of cells", str(m.get("description") or ""))
            markers.append({"name": name, "result": res, "term": _term(assay[0]),
                            "value_percent": _number(pct.group(1)) if pct else None})
    outcome: dict[str, Any] = {}
    vs = subject.get("vitalStatus")
    if isinstance(vs, dict):
        days = vs.get("survivalTimeInDays")
        if isinstance(days, int):
            outcome["follow_up_months"] = round(days / DAYS_PER_MONTH, 2)
        if vs.get("status") == "DECEASED":
            outcome["status"] = "died of disease" if vs.get("causeOfDeath") else "died"
        elif vs.get("status") == "ALIVE":
            outcome["status"] = "alive"
    source: dict[str, Any] = {}
    for ref in (pp.get("metaData") or {}).get("externalReferences") or []:
        rid = ref.get("id") if isinstance(ref, dict) else None
        if isinstance(rid, str):
            p, _, local = rid.partition(":")
            if p.upper() == "PMID":
                source["pmid"] = local
            elif p.upper() == "DOI":
                source["doi"] = local
            if isinstance(ref.get("description"), str):
                source.setdefault("title", ref["description"])
    rec = {
        "document": document, "id": pp.get("id") if isinstance(pp.get("id"), str) else None,
        "source": source, "patient": {"age_years": age, "sex": _SEX.get(str(subject.get("sex")))},
        "diagnosis": diagnosis, "vertebrae": levels, "symptoms": symptoms, "interventions": interventions,
        "genomic": genomic, "markers": markers, "outcome": outcome, "method": "curated",
    }
    return CaseRecord.from_dict(rec, document=document)


def _number(text: str) -> float | int:
    v = float(text)
    return int(v) if v == int(v) else v


#: Sequence Ontology structural types the export writes, back to the record's kinds
_KIND_OF_SO = {"SO:0001565": "fusion", "SO:1000008": "mutation", "SO:0001880": "amplification",
               "SO:0000159": "deletion"}


def _finding(gene: str, vd: dict[str, Any]) -> dict[str, Any]:
    """A genomic finding from a variation descriptor: its kind from the structural type, a fusion's partners from
    its label ('NAB2::STAT6', '?::NTRK1'), a mutation's change from its label ('IDH1 R132H')."""
    kind = _KIND_OF_SO.get(str((vd.get("structuralType") or {}).get("id")), "mutation")
    label = str(vd.get("label") or "")
    if kind == "fusion" and "::" in label:
        g5, _, g3 = label.partition("::")
        return {"kind": "fusion", "gene5": None if g5 in ("?", "") else g5, "gene3": None if g3 in ("?", "") else g3}
    variant = label[len(gene):].strip() if label.startswith(gene + " ") else (label or None)
    return {"kind": kind, "gene": gene, "variant": None if variant == kind else variant}


def load_phenopacket(path: Path, data: bytes) -> LoadResult:
    try:
        parsed = json.loads(decode_text(data, path.name))
    except json.JSONDecodeError as e:
        raise InputFormatError(f"not valid JSON: {e.msg} at line {e.lineno}", document=path.name) from None
    except RecursionError:
        raise InputFormatError("JSON nested too deeply", document=path.name) from None
    if isinstance(parsed, dict) and isinstance(parsed.get("members"), list):  # a Cohort
        items = parsed["members"]
    else:
        items = parsed if isinstance(parsed, list) else [parsed]
    out = LoadResult()
    for i, pp in enumerate(items):
        if not isinstance(pp, dict):
            raise InputFormatError(f"item {i} is not a phenopacket object", document=path.name)
        doc = path.name if len(items) == 1 else f"{path.name}#{i}"
        out.records.append(_record(pp, doc))
    return out
