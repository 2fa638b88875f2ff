"""A text report's citation: from its own lines, and from the curated record NAME.json beside NAME.txt
(its bibliographic fields only: the curated clinical facts never enter a text-mined record)."""

from __future__ import annotations

import json

import pytest
from spinekg.loaders import load_path
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")
TEXT = "A 45-year-old man had a chordoma of L2. He underwent en bloc resection.\n"


def test_the_citation_beside_the_text_is_read(tmp_path):
    (tmp_path / "r.txt").write_text(TEXT + "doi: 10.1000/own.1\n")
    (tmp_path / "r.json").write_text(json.dumps({
        "source": {"title": "Lumbar chordoma: a case report", "pmid": "12345678", "year": 2019, "journal": "Spine"},
        "patient": {"age_years": 99, "sex": "female"}, "vertebrae": ["C1"]}))
    (r,) = load_path(tmp_path / "r.txt").records
    assert (r.source.title, r.source.pmid, r.source.year, r.source.journal) == (
        "Lumbar chordoma: a case report", "12345678", 2019, "Spine")
    assert r.source.doi == "10.1000/own.1"  # the text's own field, where the curated one is silent
    assert (r.patient.age_years, r.vertebrae) == (45, ("L2",))  # never the curated record's facts


@pytest.mark.parametrize("beside", ["{not json", json.dumps({"source": {"doi": "not a doi"}}), json.dumps([1, 2])])
def test_a_broken_citation_beside_the_text_is_passed_over(tmp_path, beside):
    (tmp_path / "r.txt").write_text(TEXT)
    (tmp_path / "r.json").write_text(beside)
    (r,) = load_path(tmp_path / "r.txt").records
    assert r.patient.age_years == 45 and r.source.doi is None
