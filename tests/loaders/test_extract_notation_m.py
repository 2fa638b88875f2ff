"""Notation families found by the blind reports m01-m08 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract, marker_results
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


@pytest.mark.parametrize("tail", ["were negative", "were all negative", "were both focally positive"])
def test_an_unknown_last_member_of_a_list_before_its_result(tail):
    r = extract("A 40-year-old woman had a T3 tumour. The cells stained for CD99, while desmin, myogenin and "
                f"ZXQ-4 {tail}.")
    got = marker_results(r)
    want = "negative" if "negative" in tail else "positive"
    assert got.get("desmin") == want and got.get("ZXQ-4") == want, got


def test_a_list_ending_in_a_plain_word_keeps_no_word():
    r = extract("A 40-year-old woman had a T3 tumour. Desmin and the stroma were negative.")
    assert not any(m["name"].lower() in ("stroma", "the stroma") for m in r["markers"])


@pytest.mark.parametrize("phrase", ["a germline QRS1 mutation, c.301G>A (p.G101S)", "a QRS1 variant (p.G101S)",
                                    "a pathogenic QRS1 mutation p.G101S"])
def test_an_unknown_gene_with_the_mutation_word_first_and_a_protein_change_after(phrase):
    r = extract(f"A 30-year-old man had an L1 tumour. Sequencing showed {phrase}.")
    assert [(g["gene"], g["variant"]) for g in r["genomic"]] == [("QRS1", "G101S")]


def test_an_unknown_gene_mutation_without_protein_change_is_not_guessed():
    r = extract("A 30-year-old man had an L1 tumour. Sequencing showed a QRS1 mutation, c.301G>A.")
    assert r["genomic"] == []


@pytest.mark.parametrize("history", [
    "Eighteen years earlier he had received mediastinal radiotherapy for Hodgkin lymphoma.",
    "He had previously undergone radiation therapy for a prostate cancer.",
    "In his childhood he had received chemotherapy with vincristine for a Wilms tumour.",
])
def test_the_treatment_of_another_earlier_disease_is_not_an_intervention(history):
    r = extract(f"A 45-year-old man had a T10 chondrosarcoma. {history} He underwent en bloc resection.")
    cats = {i["category"] for i in r["interventions"]}
    assert cats == {"surgery"}, r["interventions"]


def test_an_earlier_treatment_of_the_same_tumour_stays():
    r = extract("A 45-year-old man had a recurrent T10 chordoma. Six years earlier he had received radiotherapy "
                "for the chordoma. He underwent en bloc resection.")
    assert {i["category"] for i in r["interventions"]} == {"radiotherapy", "surgery"}


@pytest.mark.parametrize("phrase", ["a radiation-induced sarcoma", "a radiation-associated angiosarcoma",
                                    "a sarcoma arising in the previous radiation field"])
def test_a_radiation_cause_or_field_is_not_a_radiotherapy(phrase):
    r = extract(f"A 60-year-old woman had {phrase} at T5. She underwent resection.")
    assert "radiotherapy" not in {i["category"] for i in r["interventions"]}


def test_a_radiation_field_with_a_dose_is_a_radiotherapy():
    r = extract("A 60-year-old woman had a T5 sarcoma. The radiation field covered T4 to T6 and received 50 Gy.")
    assert "radiotherapy" in {i["category"] for i in r["interventions"]}
