"""Detail the model had no room for before. A rearrangement whose partner the report does not name
(break-apart FISH) is a fusion with its one named partner, on the side its known fusions give it: stored, exported
and shown as "FUS::?" or "?::NTRK1". A variant's origin (germline or somatic) and an operation's steps round-trip."""

import pytest

from spinekg.errors import RecordError
from spinekg.model import CaseRecord


def _record(genomic: list[dict]) -> CaseRecord:
    return CaseRecord.from_dict({"id": "unnamed-partner", "document": "unnamed.txt", "genomic": genomic},
                                document="unnamed.txt")


def test_a_fusion_with_one_named_partner_round_trips(fresh_store):
    fresh_store.ingest([_record([{"kind": "fusion", "gene5": "FUS", "gene3": None},
                                 {"kind": "fusion", "gene5": None, "gene3": "NTRK1"}])])
    (rec,) = fresh_store.case_records()
    got = {(g.get("gene5"), g.get("gene3")) for g in rec["genomic"]}
    assert got == {("FUS", None), (None, "NTRK1")}
    res = fresh_store.query("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?f a "
                            "<https://w3id.org/spinekg/ontology/GeneFusion> ; rdfs:label ?l }")
    labels = {str(row["l"]).split("@")[0].strip("\"") for row in res.rows}
    assert {"FUS::?", "?::NTRK1"} <= labels, labels


def test_a_fusion_needs_at_least_one_partner():
    with pytest.raises(RecordError):
        _record([{"kind": "fusion"}])


def test_the_origin_of_a_variant_round_trips(fresh_store):
    fresh_store.ingest([_record([{"kind": "mutation", "gene": "VHL", "variant": "R167W", "origin": "germline"},
                                 {"kind": "mutation", "gene": "PIK3CA", "variant": "H1047R"}])])
    (rec,) = fresh_store.case_records()
    assert {g["gene"]: g.get("origin") for g in rec["genomic"]} == {"VHL": "germline", "PIK3CA": None}


def test_an_origin_outside_the_two_is_refused():
    with pytest.raises(RecordError):
        _record([{"kind": "mutation", "gene": "VHL", "origin": "maternal"}])


def test_the_steps_of_an_operation_round_trip(fresh_store):
    rec = CaseRecord.from_dict({"id": "steps", "document": "steps.txt", "interventions": [
        {"category": "surgery", "label": "total en bloc spondylectomy",
         "steps": ["spinal reconstruction", "posterior instrumentation"]}]}, document="steps.txt")
    fresh_store.ingest([rec])
    (got,) = fresh_store.case_records()
    assert sorted(got["interventions"][0]["steps"]) == ["posterior instrumentation", "spinal reconstruction"]


def test_a_drug_therapy_is_typed_with_its_intervention_class(fresh_store):
    rec = CaseRecord.from_dict({"id": "drugs", "document": "drugs.txt", "interventions": [
        {"category": "targeted_therapy", "label": "larotrectinib", "agents": ["larotrectinib"],
         "term": "https://w3id.org/spinekg/drug/larotrectinib"}]}, document="drugs.txt")
    fresh_store.ingest([rec])
    res = fresh_store.query("PREFIX skg: <https://w3id.org/spinekg/ontology/> SELECT ?i ?a WHERE { "
                            "?i a skg:TargetedTherapy ; skg:agent ?a }")
    assert [str(r["a"]).strip("<>") for r in res.rows] == ["https://w3id.org/spinekg/drug/larotrectinib"]
