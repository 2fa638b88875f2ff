"""Notation families found by the blind reports n01-n06 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract, marker_results
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


@pytest.mark.parametrize("words, months", [("Three and a half years", 42), ("One and a half years", 18),
                                           ("Four and a half months", 4.5)])
def test_a_follow_up_with_and_a_half_in_words(words, months):
    r = extract(f"A 50-year-old man had a T6 tumour. {words} after the operation he was free of disease.")
    assert r["outcome"]["follow_up_months"] == months


def test_a_marker_written_as_the_bracketed_short_form_of_its_full_name():
    r = extract("A 30-year-old woman had a C6 tumour. On staining, transducin-like enhancer of split 1 (TLE1) "
                "was diffusely positive and desmin was negative.")
    got = marker_results(r)
    assert got.get("TLE1") == "positive" and got.get("desmin") == "negative", got


def test_a_bracketed_gloss_after_a_marker_is_still_the_same_marker():
    r = extract("A 30-year-old woman had a C6 tumour. The cells were positive for CD45 (LCA) and negative for CD99.")
    got = marker_results(r)
    assert got.get("CD45") == "positive" and got.get("CD99") == "negative" and "LCA" not in got, got


def test_lost_prkar1a_expression_is_a_negative_marker():
    r = extract("A 45-year-old man had a T2 nerve sheath tumour. On immunohistochemistry PRKAR1A expression "
                "was lost, while HMB-45 was positive.")
    got = marker_results(r)
    assert got.get("PRKAR1A") == "negative" and got.get("HMB-45") == "positive", got


def test_follicular_lymphoma_is_a_diagnosis():
    r = extract("A 66-year-old woman had an epidural mass at T5. Biopsy showed a follicular lymphoma.")
    assert r["diagnosis"]["label"].lower() == "follicular lymphoma"


@pytest.mark.parametrize("phrase", ["bendamustine and rituximab", "rituximab plus bendamustine",
                                    "rituximab-bendamustine"])
def test_bendamustine_with_rituximab_is_one_chemotherapy(phrase):
    r = extract(f"A 66-year-old woman had an epidural mass at T5. She was given four cycles of {phrase}.")
    cats = {i["category"] for i in r["interventions"]}
    agents = {a for i in r["interventions"] for a in i["agents"]}
    assert cats == {"chemotherapy"} and agents == {"bendamustine", "rituximab"}, r["interventions"]


def test_a_treatment_discussed_but_not_given_is_not_an_intervention():
    r = extract("A 50-year-old man had a T6 tumour. Adjuvant radiotherapy was discussed but not given.")
    assert "radiotherapy" not in {i["category"] for i in r["interventions"]}


def test_a_treatment_discussed_and_then_delivered_is_kept():
    r = extract("A 50-year-old man had a T6 tumour. Radiotherapy was discussed at the tumour board and was "
                "delivered to a dose of 45 Gy.")
    assert "radiotherapy" in {i["category"] for i in r["interventions"]}
