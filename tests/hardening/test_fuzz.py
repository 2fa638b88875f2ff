"""Property-based fuzzing of the extractor and the record loader (bounded: a fixed number of examples)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spinekg.loaders.text import extract_text

from spinekg.errors import RecordError, SpineKGError
from spinekg.model import CaseRecord

WORDS = ["A", "45-year-old", "woman", "man", "T11", "Th12", "L1-L3", "C2/3", "S100(+)", "CD34-", "Ki-67", "~40%",
         "negative", "positive", "for", "and", "no", "evidence", "of", "recurrence", "chordoma", "TES",
         "total en bloc spondylectomy", "SPECC1L-NTRK3", "exon 6", "::", "entrectinib", "600 mg QD", "Gy", "50.4",
         "fractions", "Case 1", "Case 2", "(", ")", ",", ".", ";", "\n", "ruled out", "suspected", "months", "five",
         "years", "died", "MRI", "biopsy", "—", "α-SMA", "ü", "\t", "  "]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@SETTINGS
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=80))
def test_extractor_never_crashes(tokens):
    text = " ".join(tokens)
    for rec in extract_text(text, "fuzz.txt"):
        d = rec.to_dict()
        assert CaseRecord.from_dict(d) == rec  # what it emits is a valid record
        for m in d["markers"]:
            for ev in m["evidence"]:
                assert text[ev["start"]:ev["end"]] == ev["text"]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children,
                                                                                        max_size=4), max_leaves=20)
FIELDS = ["document", "id", "patient", "diagnosis", "vertebrae", "markers", "genomic", "interventions", "outcome",
          "source", "imaging", "symptoms", "ruled_out", "details", "method", "size_cm"]


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=8))
def test_record_loader_raises_only_record_errors(d):
    d.setdefault("document", "x.txt")
    try:
        rec = CaseRecord.from_dict(d)
    except RecordError as e:
        assert "\n" not in str(e)
        return
    json.dumps(rec.to_dict())


@SETTINGS
@given(st.binary(max_size=2000))
def test_loaders_on_random_bytes(tmp_path_factory, data):
    from spinekg.loaders import load_path

    p = tmp_path_factory.mktemp("fuzz") / "input.bin"
    p.write_bytes(data)
    try:
        load_path(p)
    except SpineKGError as e:
        assert "\n" not in str(e)
