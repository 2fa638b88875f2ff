"""What the first run of the molecular17 batch showed, fixed in general (texts written for these tests, not the
batch's): a drug's abbreviation in brackets inside a regimen, a harm named by a drug, a lead-in of other patients
without a colon, list items and table rows kept apart from the lines around them, and a stain "reactive"."""

from __future__ import annotations

import pytest
from extracting import extract, marker_results
from spinekg.loaders.extract import furniture
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_drug_abbreviated_in_brackets_inside_a_regimen():
    r = extract("A 53-year-old man had acute promyelocytic leukaemia presenting as an extradural mass at T6-T8.\n"
                "He was treated with all-trans retinoic acid (ATRA) plus daunorubicin.\n")
    assert [(i["category"], sorted(i["agents"])) for i in r["interventions"]] == [
        ("chemotherapy", ["daunorubicin", "tretinoin"])]


@pytest.mark.parametrize("sentence", [
    "ATRA (differentiation) syndrome developed during this treatment.",
    "He then had bleomycin-induced pneumonitis.",
])
def test_a_harm_named_by_a_drug_is_no_treatment(sentence):
    r = extract("A 53-year-old man had acute promyelocytic leukaemia presenting as an extradural mass at T6-T8.\n"
                + sentence + "\n")
    assert r["interventions"] == []


def test_a_lead_in_of_other_patients_without_a_colon():
    r = extract("A 31-year-old man had Langerhans cell histiocytosis with a lesion at T1, resected.\n\n"
                "Editor's note for the reading list - the items below are NOT about this patient\n"
                "- An 11-year-old boy had collapse of C5 (vertebra plana).\n"
                "- Four men with Erdheim-Chester disease were treated with pegylated interferon alfa.\n")
    assert r["vertebrae"] == ["T1"]
    assert [i["category"] for i in r["interventions"]] == ["surgery"]


def test_list_items_and_table_rows_stay_apart_from_the_lines_around_them():
    wrapped = ("The tumour was a small round cell sarcoma of the lumbar spine in a young woman who had come\n"
               "with back pain and weakness of both legs and urinary retention of a few days and then\n"
               "- an item of a list that starts its own line\n"
               "  pan-cytokeratin ................. negative\n"
               "The conclusion was a Ewing sarcoma.\n")
    lines = [line.strip() for line in furniture.clean(wrapped).split("\n")]
    assert "- an item of a list that starts its own line" in lines
    assert "The conclusion was a Ewing sarcoma." in lines


def test_a_stain_said_reactive():
    r = extract("A 31-year-old man had Langerhans cell histiocytosis at T1.\n"
                "  CD68 ............................. reactive in rare cells\n"
                "  EMA .............................. negative\n")
    assert marker_results(r) == {"CD68": "positive", "EMA": "negative"}
