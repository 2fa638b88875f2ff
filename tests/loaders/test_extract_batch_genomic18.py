"""What the blind batch genomic18 showed, fixed in general (tests/data/genomic18: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, genes_of, marker_results, mutation_pairs
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_the_diagnosis_a_revision_ends_at():
    r = extract("A 25-year-old woman had a thigh mass. A biopsy suggested Ewing sarcoma. Sequencing found a BCOR-CCNB3 "
                "fusion and reclassified the tumour from the initial Ewing sarcoma impression to BCOR-rearranged "
                "sarcoma.")
    assert r["diagnosis"]["label"] == "BCOR-rearranged sarcoma"


def test_findings_shared_across_one_patients_samples():
    r = extract("A 50-year-old man had a glioblastoma.\nSequencing results\n- Shared across the tumour samples: PTEN "
                "mutation; TP53 mutation; CDKN2A deletion\n")
    assert mutation_pairs(r) == {("PTEN", None), ("TP53", None)} and genes_of(r, "deletion") == {"CDKN2A"}


def test_a_board_notes_background_after_its_patient_field_is_her_history():
    r = extract("MOLECULAR TUMOUR BOARD\n\nPatient: 52-year-old woman\nDiagnosis: gliosarcoma, frontal lobe\n\n"
                "Background\nThis woman's tumour recurred locally twice. She then developed bone metastases in the "
                "spine.\n")
    assert (r["outcome"]["recurrence"], r["outcome"]["metastasis"]) == (True, True)


def test_a_subclonal_reconstruction_is_no_operation():
    r = extract("A 40-year-old woman had a gliosarcoma.\n- Subclonal reconstruction: the recurrence arose from more "
                "than one clone.\n")
    assert categories(r) == []


def test_a_reports_molecular_addendum_after_its_comment():
    r = extract("SURGICAL PATHOLOGY REPORT\nPatient: female, 66 years\nDIAGNOSIS\nSkin: Langerhans cell sarcoma.\n\n"
                "COMMENT\nLangerhans cell sarcoma behaves aggressively.\n\nMOLECULAR ADDENDUM: next-generation "
                "sequencing\n- Mutation: KRAS\n- Copy number loss: CDKN2A, CDKN2B\n- Amplification: MYC\n")
    assert r["diagnosis"]["label"] == "Langerhans cell sarcoma"
    assert mutation_pairs(r) == {("KRAS", None)}
    assert genes_of(r, "deletion") == {"CDKN2A", "CDKN2B"} and genes_of(r, "amplification") == {"MYC"}


def test_a_label_first_line_that_says_nothing_was_found():
    r = extract("A 60-year-old man had a liposarcoma.\nFindings:\n- Mutation: not detected\n- Amplification: MDM2\n")
    assert mutation_pairs(r) == set() and genes_of(r, "amplification") == {"MDM2"}


def test_a_stain_naming_a_group_of_tumours_is_no_result():
    r = extract("A 60-year-old man had a ROS1-rearranged lung adenocarcinoma; TTF-1 was positive. Crizotinib was first "
                "used against ALK-positive tumours.")
    assert marker_results(r) == {"TTF-1": "positive"}


def test_a_lymphadenectomy_is_an_operation():
    r = extract("A 14-year-old boy had T-lymphoblastic lymphoma of the neck. Stains were performed on the "
                "lymphadenectomy specimen.")
    assert categories(r) == ["surgery"]


def test_a_death_told_by_its_ordinal_month():
    r = extract("A 59-year-old man had a metastatic colon adenocarcinoma treated with vemurafenib. He died in the "
                "20th month after diagnosis.")
    assert r["outcome"]["follow_up_months"] == 20


def test_two_courses_of_radiotherapy_told_by_their_own_doses():
    r = extract("A 13-year-old girl had a mesenchymal chondrosarcoma of the maxilla. She has had VAC chemotherapy, "
                "local radiotherapy (60 Gy), prophylactic cranial radiotherapy of 12 Gy, and surgery.")
    rt = [i["dose_gy"] for i in r["interventions"] if i["category"] == "radiotherapy"]
    assert rt == [60, 12]


@pytest.mark.parametrize("text, label", [
    ("A 37-year-old woman had a gliosarcoma of the frontal lobe.", "gliosarcoma"),
    ("A 4-year-old girl had a papillary craniopharyngioma.", "papillary craniopharyngioma"),
    ("A 71-year-old woman had a cutaneous Langerhans cell sarcoma.", "Langerhans cell sarcoma"),
])
def test_tumour_kinds_the_batch_needed(text, label):
    assert extract(text)["diagnosis"]["label"] == label
