"""What the first run of the molecular22 batch showed, fixed in general (texts written for these tests, not the
batch's): "Points raised in discussion" and a general part "not about this patient", the patient's heading with a
remark in brackets, a list of other patients led in by an item of another list, a gene joined to its change by a
hyphen, a count of operations that sums up the ones told, an indirect question and a treatment named only in a
report's general part, and a relapse named by its form."""

from __future__ import annotations

import pytest
from extracting import categories, extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_points_raised_in_discussion_add_no_fact():
    r = extract("The patient\nA 45-year-old man had an intramedullary glioma at T6 and underwent resection.\n\n"
                "Points raised in discussion\n- A 70-year-old woman with a similar tumour at L1 had radiotherapy.\n")
    assert r["patient"]["age_years"] == 45 and r["vertebrae"] == ["T6"] and categories(r) == ["surgery"]


def test_the_patients_heading_with_a_remark_in_brackets():
    r = extract("JOURNAL CLUB MINUTE\n\nWhy this abstract was chosen\nBracing after cord surgery is debated.\n\n"
                "The patient (as reported; no age is given)\n- Man, intramedullary glioma at T9.\n")
    assert r["patient"]["sex"] == "male" and r["vertebrae"] == ["T9"]


def test_a_list_of_others_led_in_by_an_item_ends_at_the_next_item_of_its_kind():
    r = extract("CASE\nA 44-year-old man had an ependymoma at T4 and underwent gross total resection.\n\nNOTES\n"
                "- Comparison cases members brought along (other published patients, NOT this one):\n"
                "  a) A 76-year-old man with a glioma from T12 to L2 underwent cordectomy.\n"
                "  b) A teenage boy received spinal radiation.\n"
                "- Our patient was walking with a cane at 6 months.\n")
    assert r["patient"]["age_years"] == 44 and r["vertebrae"] == ["T4"]
    assert categories(r) == ["surgery"]


@pytest.mark.parametrize("sentence, gene, variant", [
    ("Molecular analysis of the recurrent tumour showed an H3F3A-K27M mutation.", "H3-3A", "K27M"),
    ("The tumour was IDH1-R132H mutant on sequencing.", "IDH1", "R132H"),
])
def test_a_gene_joined_to_its_change_by_a_hyphen(sentence, gene, variant):
    r = extract("A 40-year-old man had an intramedullary glioma at T9. " + sentence)
    assert [(g["gene"], g["variant"]) for g in r["genomic"]] == [(gene, variant)]


def test_a_hyphen_between_two_genes_is_still_a_fusion():
    r = extract("A 20-year-old man had a tumour at L2. RT-PCR showed an EWSR1-FLI1 fusion.")
    assert [(g["kind"], g["gene5"], g["gene3"]) for g in r["genomic"]] == [("fusion", "EWSR1", "FLI1")]


def test_a_count_that_sums_up_the_operations_told():
    r = extract("A 40-year-old man had an intramedullary glioma at T9. He had two resections in total.\n"
                "Day 0: first intramedullary tumour resection.\nDay 344: the tumour recurred; second resection.")
    assert categories(r).count("surgery") == 2


def test_a_count_that_adds_to_the_operation_told():
    r = extract("A 40-year-old man had a chordoma at L2 and underwent resection in 2010. He later underwent three "
                "further operations for recurrences.")
    assert categories(r).count("surgery") == 4


@pytest.mark.parametrize("sentence", [
    "The abstract does not say whether the cord compression was operated on or irradiated.",
    "Decompression and radiotherapy appear in the paper's general comments only.",
])
def test_a_treatment_not_told_as_given(sentence):
    r = extract("A pregnant woman had acute myeloid leukaemia with t(8;21) and a granulocytic sarcoma compressing "
                "the cord. " + sentence)
    assert not {"surgery", "radiotherapy"} & set(categories(r))


def test_a_general_part_not_about_the_patient():
    r = extract("The patient\nA 30-year-old woman had a granulocytic sarcoma at T5.\n\n"
                "What the authors say in general (background, not about this patient)\n"
                "- The accepted treatments are radiotherapy, chemotherapy and surgical decompression.\n")
    assert categories(r) == []


@pytest.mark.parametrize("sentence", [
    "At full term: relapse in the form of a granulocytic sarcoma, with spinal cord compression.",
    "A further relapse came soon after the second remission.",
])
def test_a_relapse_named_by_its_form_or_told_to_come(sentence):
    r = extract("A pregnant woman had acute myeloid leukaemia with t(8;21) and a sarcoma at T5. " + sentence)
    assert r["outcome"]["recurrence"] is True


def test_a_timeline_table_placed_after_the_discussion_is_the_patients():
    """A PDF floats a wide table to the top of a later page: an uncaptioned timeline is the patient's wherever it
    stands."""
    r = extract("The patient\nA man in his forties had an intramedullary glioma at T9.\n\nDiscussion\n"
                "Rehabilitation goals should be reset after each operation.\n\n"
                "| Day | Event |\n|---|---|\n| X | First intramedullary tumour resection. |\n"
                "| X + 344 | Second resection. Molecular analysis showed an H3F3A-K27M mutation. |\n")
    assert [(g["gene"], g["variant"]) for g in r["genomic"]] == [("H3-3A", "K27M")]
    assert categories(r).count("surgery") == 2


def test_a_table_of_other_patients_in_the_discussion_is_not():
    r = extract("The patient\nA 50-year-old man had a chordoma at L2 and underwent resection.\n\nDiscussion\n"
                "| Author | Age | Level | Treatment |\n|---|---|---|---|\n| Smith | 70 | C2 | radiotherapy |\n")
    assert r["patient"]["age_years"] == 50 and categories(r) == ["surgery"]
