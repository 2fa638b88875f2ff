"""Notation families found by the blind reports k01-k08 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract.levels import find_levels, is_tumor_level
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.outcome import extract_outcome
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


@pytest.mark.parametrize("cue", ["vibration sense", "proprioception", "pinprick", "dysaesthesia"])
def test_a_sensory_finding_below_a_level_is_not_a_tumour_level(cue):
    s = f"She had impaired {cue} below the T9 level."
    (lm,) = find_levels(s)
    assert not is_tumor_level(s, lm)


def test_a_sensory_level_does_not_add_a_vertebra_to_the_case():
    r = extract("A 50-year-old man had an intradural mass at L1-L2. Examination found reduced vibration "
                "sense below the T10 level. The mass was removed.")
    assert r["vertebrae"] == ["L1", "L2"]


def test_a_tumour_below_a_level_still_counts():
    s = "The mass extended below the T9 level."
    (lm,) = find_levels(s)
    assert is_tumor_level(s, lm)


@pytest.mark.parametrize("verb", ["would have required", "would have necessitated", "would entail"])
def test_a_counterfactual_operation_is_not_done(verb):
    s = f"Since a corpectomy of T6 {verb} cutting both roots, chemotherapy was chosen."
    i = s.index("corpectomy")
    assert status(s, i, i + len("corpectomy")) == "proposed"
    assert status(s, i, i + len("corpectomy"), proposals=False) is None


def test_a_counterfactual_operation_is_not_reported_as_an_intervention():
    r = extract("A 30-year-old woman had a T6 chondrosarcoma. Because en bloc spondylectomy would have required "
                "sacrifice of the cord, she received radiotherapy.")
    assert "surgery" not in {i["category"] for i in r["interventions"]}
    assert "radiotherapy" in {i["category"] for i in r["interventions"]}


def test_an_operation_that_was_done_is_kept():
    r = extract("A 30-year-old woman had a T6 chondrosarcoma. She underwent en bloc spondylectomy, which was "
                "uneventful.")
    assert "surgery" in {i["category"] for i in r["interventions"]}


@pytest.mark.parametrize("sentence", [
    "She underwent excision of the recurrent lesion at L3.",
    "The final diagnosis was recurrent ependymoma.",
    "He presented with a recurrent mass at C4.",
])
def test_a_case_that_is_a_recurrence_has_recurrence(sentence):
    o = extract_outcome([sentence, "He was followed for 12 months."])
    assert o.recurrence is True
    assert o.follow_up_months == 12


@pytest.mark.parametrize("sentence", [
    "She underwent excision of the recurrent lesion at L3.",
    "He presented with a recurrent mass at C4.",
])
def test_no_recurrence_after_the_treatment_of_a_recurrence_is_the_outcome(sentence):
    # the outcome is the course after the reported treatment (series2 t03: "neither showed recurrence")
    o = extract_outcome([sentence, "At 12 months there was no residual or recurrent tumour."])
    assert o.recurrence is False
    assert o.follow_up_months == 12


def test_no_recurrent_tumour_alone_is_no_recurrence():
    o = extract_outcome(["At 12 months there was no residual or recurrent tumour."])
    assert o.recurrence is False
