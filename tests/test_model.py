import math

import pytest

from spinekg.errors import RecordError
from spinekg.levels import canonical_level, expand_range, region_of
from spinekg.model import CaseRecord


def test_levels_notation():
    assert canonical_level("Th11") == "T11"
    assert canonical_level("d11") == "T11"
    assert canonical_level("L5") == "L5"
    assert canonical_level("Sacrum") == "sacrum"
    assert canonical_level("X99") is None
    assert canonical_level("T13") is None
    assert expand_range("T12", "L2") == ["T12", "L1", "L2"]
    assert expand_range("C5", "C3") == ["C3", "C4", "C5"]
    assert region_of("S2") == "sacral"


def test_round_trip_keeps_scored_fields(records):
    for rec in records:
        again = CaseRecord.from_dict(rec.to_dict())
        assert again == rec


@pytest.mark.parametrize(
    "record, field",
    [
        ({"document": "a.txt", "vertebrae": ["X99"]}, "vertebrae[0]"),
        ({"document": "a.txt", "patient": {"age_years": -1}}, "patient.age_years"),
        ({"document": "a.txt", "patient": {"age_years": math.nan}}, "patient.age_years"),
        ({"document": "a.txt", "patient": {"age_years": math.inf}}, "patient.age_years"),
        ({"document": "a.txt", "patient": {"age_years": "forty"}}, "patient.age_years"),
        ({"document": "a.txt", "patient": {"sex": "unknown"}}, "patient.sex"),
        ({"document": "a.txt", "markers": "S100"}, "markers"),
        ({"document": "a.txt", "markers": [{"name": "S100", "result": "maybe"}]}, "markers[0].result"),
        ({"document": "a.txt", "genomic": [{"kind": "fusion", "gene5": "A B", "gene3": "NTRK3"}]}, "genomic[0].gene5"),
        ({"document": "a.txt", "interventions": [{"category": "magic"}]}, "interventions[0].category"),
        ({"document": "a.txt", "outcome": {"recurrence": "no"}}, "outcome.recurrence"),
        ({"document": "a.txt", "source": {"doi": "not-a-doi"}}, "source.doi"),
        ({"patient": {}}, "document"),
    ],
)
def test_bad_records_name_the_field(record, field):
    with pytest.raises(RecordError) as exc:
        CaseRecord.from_dict(record, document=None)
    assert exc.value.field == field
    assert "\n" not in str(exc.value)


def test_record_must_be_an_object():
    with pytest.raises(RecordError):
        CaseRecord.from_dict(["not", "a", "record"], document="x.json")


def test_ranges_are_sorted_and_deduplicated():
    rec = CaseRecord.from_dict({"document": "a.txt", "vertebrae": ["L1", "T12", "t12"]})
    assert rec.vertebrae == ("T12", "L1")
