"""docs/case-record.md describes every field a case record has: a field added to the model and not to the page
fails here."""

from pathlib import Path

import pytest

from spinekg.model import CaseRecord

DOC = Path(__file__).resolve().parents[1] / "docs" / "case-record.md"


@pytest.mark.skipif(not DOC.exists(), reason="run from a checkout")
def test_every_field_of_a_record_is_documented():
    text = DOC.read_text(encoding="utf-8")
    rec = CaseRecord.from_dict({
        "id": "x", "document": "x.txt",
        "interventions": [{"category": "surgery", "label": "l", "steps": ["a"]}],
        "genomic": [{"kind": "mutation", "gene": "IDH1", "origin": "germline"},
                    {"kind": "fusion", "gene5": "A", "gene3": "B"}],
        "markers": [{"name": "S100", "result": "positive"}]}, document="x.txt").to_dict()
    fields = set(rec) | set(rec["patient"]) | set(rec["diagnosis"]) | set(rec["outcome"]) | \
        set(rec["interventions"][0]) | {k for g in rec["genomic"] for k in g} | set(rec["markers"][0]) | \
        set(rec["source"])
    missing = sorted(f for f in fields if f"`{f}`" not in text)
    assert not missing, missing
