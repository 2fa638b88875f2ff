"""Neurological status, complications and relative times: their triples, evidence and case-json round trip."""

from __future__ import annotations

import pytest
from spinekg.graph import iris
from spinekg.graph.builder import build_case
from spinekg.graph.records import case_to_dict

from spinekg.model import CaseRecord

SKG = "https://w3id.org/spinekg/ontology/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EV = [{"text": "On admission she was Frankel C.", "start": 10, "end": 41}]

RECORD = {
    "document": "clin.txt", "id": "clin",
    "interventions": [
        {"category": "surgery", "label": "en bloc resection", "uneventful": True},
        {"category": "radiotherapy", "label": "radiotherapy",
         "timing": {"text": "three months later", "months": 3, "relative_to": "previous event"}},
    ],
    "outcome": {"recurrence": True,
                "recurrence_timing": {"text": "two years after surgery", "months": 24, "relative_to": "surgery"}},
    "neurological": [
        {"scale": "frankel", "grade": "C", "assessed": "presentation", "evidence": EV},
        {"scale": "mrc", "grade": "4+", "assessed": "follow-up",
         "timing": {"text": "at 6 months postoperatively", "months": 6, "relative_to": "surgery"},
         "evidence": [{"text": "At 6 months postoperatively power was 4+/5.", "start": 60, "end": 103}]},
        {"intact": True, "assessed": "follow-up"},
    ],
    "complications": [
        {"label": "radiation myelopathy", "after": 2,
         "evidence": [{"text": "Radiation myelopathy developed.", "start": 110, "end": 141}]},
        {"label": "wound infection", "timing": "after 2 weeks"},
    ],
}


@pytest.fixture(scope="module")
def quads():
    rec = CaseRecord.from_dict(RECORD)
    return rec, build_case(rec)


def _objects(qs, s, p):
    return [q.object.value for q in qs if q.subject.value == s and q.predicate.value == p]


def test_neurological_triples_with_evidence(quads):
    rec, q = quads
    case = iris.case_iri("clin")
    nodes = _objects(q.asserted, case, SKG + "hasNeurologicalAssessment")
    assert len(nodes) == 3
    first = nodes[0]
    assert _objects(q.asserted, first, RDF_TYPE) == [SKG + "NeurologicalAssessment"]
    assert _objects(q.asserted, first, SKG + "neurologicalStatus") == [SKG + "FrankelC"]
    assert _objects(q.asserted, first, SKG + "assessedAt") == ["presentation"]
    ev = _objects(q.asserted, first, SKG + "hasEvidence")
    assert _objects(q.asserted, ev[0], SKG + "quote") == ["On admission she was Frankel C."]
    assert _objects(q.asserted, ev[0], SKG + "charStart") == ["10"]
    mrc = nodes[1]
    assert _objects(q.asserted, mrc, SKG + "neurologicalStatus") == [SKG + "MRC4"]
    assert _objects(q.asserted, mrc, SKG + "muscleStrengthGrade") == ["4"]
    assert _objects(q.asserted, mrc, SKG + "gradeText") == ["4+"]
    assert _objects(q.asserted, mrc, SKG + "timingMonths") == ["6"]
    assert _objects(q.asserted, nodes[2], SKG + "neurologicallyIntact") == ["true"]


def test_complication_triples(quads):
    rec, q = quads
    case = iris.case_iri("clin")
    nodes = _objects(q.asserted, case, SKG + "hasComplication")
    assert _objects(q.asserted, nodes[0], RDF_TYPE) == [SKG + "RadiationMyelopathy"]
    assert _objects(q.asserted, nodes[0], SKG + "followedIntervention") == [iris.part_iri("clin", "intervention", 2)]
    assert SKG + "Complication" in _objects(q.inferred, nodes[0], RDF_TYPE)
    assert _objects(q.asserted, nodes[1], SKG + "followedIntervention") == []
    assert _objects(q.asserted, nodes[1], SKG + "timing") == ["after 2 weeks"]
    assert any(p == SKG + "hasEvidence" for p in [x.predicate.value for x in q.asserted if x.subject.value == nodes[0]])


def test_timing_and_uneventful_triples(quads):
    rec, q = quads
    iv1, iv2 = iris.part_iri("clin", "intervention", 1), iris.part_iri("clin", "intervention", 2)
    assert _objects(q.asserted, iv1, SKG + "uneventfulCourse") == ["true"]
    assert _objects(q.asserted, iv2, SKG + "timing") == ["three months later"]
    assert _objects(q.asserted, iv2, SKG + "timingMonths") == ["3"]
    assert _objects(q.asserted, iv2, SKG + "timingRelativeTo") == ["previous event"]
    out = iris.part_iri("clin", "outcome")
    assert _objects(q.asserted, out, SKG + "recurrenceMonths") == ["24"]
    assert not q.warnings


def test_case_json_round_trip(quads):
    rec, q = quads
    back = CaseRecord.from_dict(case_to_dict(iris.case_iri("clin"), q.asserted, q.entities))
    assert back.neurological == tuple(
        n if n.term else type(n)(**{**n.__dict__, "term": t}) for n, t in
        zip(rec.neurological, (SKG + "FrankelC", SKG + "MRC4", None), strict=True))
    assert back.complications == tuple(
        type(c)(**{**c.__dict__, "term": t}) for c, t in
        zip(rec.complications, (SKG + "RadiationMyelopathy", SKG + "WoundInfection"), strict=True))
    assert back.interventions[0].uneventful is True
    assert back.interventions[1].timing == rec.interventions[1].timing
    assert back.outcome.recurrence_timing == rec.outcome.recurrence_timing


def test_extracted_record_round_trips_through_the_store():
    from spinekg.graph import EmbeddedStore
    from spinekg.loaders.text import extract_text

    text = ("A 50-year-old man had a chordoma of T10. On admission he was Frankel C with hip flexion 3/5. "
            "He underwent en bloc resection of T10. The postoperative course was uneventful. "
            "Three months later, he received radiotherapy (50 Gy). Six months after surgery, screw loosening was "
            "found. At 12 months postoperatively he had improved to Frankel E.")
    rec = extract_text(text, "rt.txt")[0]
    assert rec.neurological and rec.complications
    st = EmbeddedStore(None)
    st.ingest([rec])
    exported = st.case_record("rt")
    back = CaseRecord.from_dict(exported)
    assert back.neurological == rec.neurological
    assert back.complications == rec.complications
    assert back.interventions == rec.interventions
    assert back.outcome == rec.outcome


def test_bad_clinical_values_are_refused():
    from spinekg.errors import RecordError

    for bad in ({"neurological": [{"scale": "frankel", "grade": "F"}]},
                {"neurological": [{"grade": "C"}]},
                {"neurological": [{"scale": "mrc", "grade": "6"}]},
                {"neurological": [{"assessed": "presentation"}]},
                {"complications": [{"label": "dural tear", "after": 1}]},
                {"interventions": [{"category": "surgery", "timing": {"text": "x", "relative_to": "moon"}}]}):
        with pytest.raises(RecordError):
            CaseRecord.from_dict({"document": "b.txt", **bad})
