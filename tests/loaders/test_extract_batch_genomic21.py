"""What the blind batch genomic21 showed, fixed in general (tests/data/genomic21: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, genes_of
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_boards_patient_part_after_its_question():
    r = extract("TUMOUR BOARD - CASE REVIEW NOTE\n\nQuestion for the board\nWhat explains the response?\n\n1. Patient "
                "and disease\n- Man, 79 years old.\n- Metastases in the lung and liver.\n\n2. Molecular results\n"
                "| Gene | Alteration |\n|---|---|\n| ATM | mutation |\n")
    assert r["patient"]["age_years"] == 79 and r["outcome"]["metastasis"] is True
    assert genes_of(r, "mutation") == {"ATM"}


def test_any_test_in_a_list_of_what_was_not_reported():
    r = extract("A 70-year-old man had a prostate cancer with a BRCA2 deletion. Not reported: any test for AURKA or "
                "MYCN amplification.")
    assert genes_of(r, "amplification") == set()


def test_veliparib_and_a_time_since_enrolment():
    r = extract("An 80-year-old man had a prostate cancer. He received carboplatin, gemcitabine and the PARP inhibitor "
                "veliparib (ABT-888). He was still on veliparib maintenance about 30 months after he enrolled in the "
                "trial.")
    assert "veliparib" in {a for i in r["interventions"] for a in i["agents"]}
    assert r["outcome"]["follow_up_months"] == 30


def test_the_mimic_told_apart_is_no_diagnosis():
    r = extract("A 35-year-old woman had a mesenteric tumour. Because the cells were bland, the tumour was hard to "
                "separate from desmoid-type fibromatosis. ALK was rearranged.")
    assert "desmoid" not in (r["diagnosis"]["label"] or "")


def test_chemotherapy_lines_told_by_their_count_of_kinds():
    r = extract("An 8-year-old girl had an optic pathway glioma. Over the following years she received three "
                "different types of chemotherapy.")
    assert categories(r) == ["chemotherapy"] * 3
