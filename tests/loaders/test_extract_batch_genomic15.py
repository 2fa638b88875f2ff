"""What the blind batch genomic15 showed, fixed in general (tests/data/genomic15: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, marker_results, mutation_pairs
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_change_on_its_reference_sequence_on_a_line_of_its_own():
    r = extract("Case report\nA girl had a ganglioglioma.\nSequencing:\n   BRAF NM_004333.4:c.1794_1796dupTAC; "
                "p.Thr599dup\n")
    assert mutation_pairs(r) == {("BRAF", "T599dup")}


def test_what_a_relative_clause_says_the_tumour_does_not_carry():
    r = extract("Case report\nA girl had a ganglioglioma with BRAF p.Thr599dup. It should act like the familiar "
                "BRAF p.Val600Glu (V600E) variant, which this tumour does NOT carry.\n")
    assert mutation_pairs(r) == {("BRAF", "T599dup")}


def test_a_treatment_raised_as_an_option():
    r = extract("Case report\nA girl had a ganglioglioma with BRAF p.Thr599dup. Treatment with a BRAF inhibitor "
                "was raised as an option to consider.\n")
    assert categories(r) == []


def test_a_relative_s_diagnosis_is_not_the_patient_s():
    r = extract("Case report\nAn 81-year-old man had a prostate adenocarcinoma with a germline BRCA2 variant. The "
                "patient's son had been diagnosed with breast cancer at 49 years of age.\n")
    assert "breast" not in r["diagnosis"]["label"]


def test_another_report_s_patient_gives_no_age():
    r = extract("Case report\nA renal tumour showed a MED15-TFE3 fusion. Another report, of a 29-year-old woman "
                "with a PRCC-TFE3 renal cell carcinoma, is a separate patient and is cited for comparison only.\n")
    assert r["patient"]["age_years"] is None and r["patient"]["sex"] is None


def test_a_stain_scored_as_negative():
    r = extract("Case report\nA renal cell carcinoma.\nIMMUNOHISTOCHEMISTRY\nTFE3: weak nuclear staining of "
                "uncertain significance, scored as NEGATIVE.\n")
    assert marker_results(r) == {"TFE3": "negative"}


def test_antigens_under_a_flow_cytometry_heading_are_no_stains():
    r = extract("Case report\nA 40-year-old man had AML.\nFLOW CYTOMETRY (aspirate)\nThe blast population expresses "
                "CD34 and CD117. It does not express CD19, CD20 or CD5.\nIMMUNOHISTOCHEMISTRY\nThe tumour cells "
                "were positive for MPO.\n")
    assert marker_results(r) == {"MPO": "positive"}


def test_a_small_deletion_told_by_its_change_is_a_mutation():
    r = extract("Case report\nA 13-year-old boy had MDS. Sequencing found the same deleterious GATA2 deletion, "
                "c.1116_1130del15.\n")
    assert [(g["kind"], g["gene"], g["variant"]) for g in r["genomic"]] == [("mutation", "GATA2",
                                                                            "c.1116_1130del15")]
