"""What the blind batch genomic14 showed, fixed in general (tests/data/genomic14: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, fusion_pairs, marker_results, mutation_pairs, records
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_run_in_label_with_a_long_bracket_opens_the_literature():
    r = extract("Poster abstract\nCase: A 50-year-old man had a lung adenocarcinoma with a KIF5B-EGFR fusion, treated "
                "with afatinib.\nContext from the literature (other patients, not this case): an EGFR-RAD51 fusion "
                "responded to icotinib.\n")
    assert fusion_pairs(r) == {("KIF5B", "EGFR")}
    assert categories(r) == ["targeted_therapy"]


def test_a_table_row_whose_result_cell_is_negative():
    r = extract("Case report\nA man had a lung adenocarcinoma.\n| Gene / alteration | Result |\n|---|---|\n| NRG1 "
                "rearrangement | DETECTED - CD74-NRG1 fusion |\n| EGFR activating mutation | not detected |\n| ALK "
                "rearrangement | not detected |\n")
    assert fusion_pairs(r) == {("CD74", "NRG1")}
    assert mutation_pairs(r) == set()


def test_a_comparison_with_another_disease_and_its_drug():
    r = extract("Case report\nA man had an NRG1-fusion lung adenocarcinoma treated with afatinib. The authors "
                "concluded that it did well, comparing it with ALK/ROS1 fusion-positive disease treated with "
                "crizotinib.\n")
    assert fusion_pairs(r) == set()
    assert categories(r) == ["targeted_therapy"]


def test_a_patient_heading_with_a_relation_in_brackets_and_shares_in_words():
    first, second = records("Case series (two patients, one family)\nBackground\nRoughly half of patients carry the "
                            "somatic JAK2 V617F mutation. About 5-10% have somatic mutations of MPL.\nPatient 1 (the "
                            "father)\nMutation analysis found MPL W515L.\nPatient 2 (the daughter)\nHer molecular "
                            "work-up found the somatic JAK2 V617F mutation.\n")
    assert mutation_pairs(first) == {("MPL", "W515L")}
    assert mutation_pairs(second) == {("JAK2", "V617F")}


def test_a_procedure_told_by_its_count_and_gamma_knife_surgery():
    r = extract("Case report\nA 10-year-old boy had an ependymoma. Over the years he underwent tumour removal four "
                "times. He also received gamma knife surgery on seven separate occasions. Deposits were found in the "
                "muscle overlying the original operation site.\n")
    assert categories(r) == ["surgery"] * 4 + ["radiotherapy"] * 7


def test_a_fusion_of_a_3prime_partner_named_alone():
    r = extract("Case report\nA 10-year-old boy had a supratentorial ependymoma, RELA fusion-positive.\n")
    assert fusion_pairs(r) == {(None, "RELA")}


def test_positive_for_after_the_test_and_a_founder_test():
    r = extract("Case report\nA woman had mast cell leukaemia. Molecular testing of marrow cells was positive for "
                "the c-kit D816V mutation (KIT p.Asp816Val).\n")
    assert mutation_pairs(r) == {("KIT", "D816V")}
    r = extract("Case report\nA man had prostate cancer. His germline DNA was tested for the founder mutations in "
                "BRCA1 and BRCA2. It identified the BRCA2 variant c.5857G>T (p.Glu1953*).\n")
    assert mutation_pairs(r) == {("BRCA2", "E1953*")}


def test_a_name_without_letters_is_read_only_as_written():
    r = extract("Case report\nA 51-year-old man had prostate cancer. A biopsy showed adenocarcinoma, Gleason score "
                "7 (3+4); haemoglobin was 7.3 g/dL.\n")
    assert categories(r) == ["biopsy"]
    r = extract("Case report\nA 60-year-old had AML treated with 7+3 induction.\n")
    assert [i["agents"] for i in r["interventions"]] == [["cytarabine", "daunorubicin"]]


def test_new_drugs():
    r = extract("Case report\nA man had AML treated with idarubicin and cytarabine, and later mitoxantrone.\n")
    assert {a for i in r["interventions"] for a in i["agents"]} == {"idarubicin", "cytarabine", "mitoxantrone"}


def test_a_flow_cytometry_result_goes_on():
    r = extract("Case report\nA 41-year-old woman had mast cell leukaemia. On flow cytometry, 12% of cells were "
                "myeloid blasts. A further 16% were abnormal mast cells with a CD2-negative, CD25-positive "
                "phenotype.\n")
    assert marker_results(r) == {}


def test_an_item_label_whose_next_sentence_says_it_was_not_given():
    r = extract("Case report\nA 51-year-old man had a medulloblastoma.\n- Radiotherapy. He received radiation "
                "therapy.\n- Platinum chemotherapy. This was considered but not given.\n- Vismodegib. Vismodegib was "
                "started.\n")
    assert categories(r) == ["radiotherapy", "targeted_therapy"]


def test_a_means_of_resectability_is_not_done():
    r = extract("Case report\nAn infant had an infantile fibrosarcoma treated with larotrectinib. When a tumour is "
                "unresectable, or resectable only by amputation, testing for the fusion early matters.\n")
    assert categories(r) == ["targeted_therapy"]
