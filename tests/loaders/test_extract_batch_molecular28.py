"""What the blind batch molecular28 showed, fixed in general (tests/data/molecular28: spinal sites of tumours whose
reports are not about the spine); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_pituitary_carcinoma_its_operations_and_its_spread():
    r = extract("A 60-year-old had an aggressive pituitary adenoma. The tumour required two transsphenoidal "
                "operations, then a transcranial resection. Years later it metastasised caudally along the neuraxis "
                "to T4. The metastatic disease was classified as a null cell carcinoma.")
    assert r["diagnosis"]["label"] == "null cell carcinoma"
    assert categories(r) == ["surgery", "surgery", "surgery"]
    assert r["outcome"]["metastasis"] is True
    # (operations named back are not counted again: "the adhesions caused by the two previous operations")
    told = "A woman had a sacral meningioma at S2. She underwent a hemilaminectomy. Three years later it recurred. "
    r = extract(told + "Because of the adhesions caused by the two previous operations, CyberKnife radiosurgery was "
                       "chosen.")
    assert categories(r).count("surgery") == categories(extract(told)).count("surgery")


def test_each_patient_of_a_series_keeps_the_diagnosis_of_their_own_part():
    recs = [x.to_dict() for x in extract_text(
        "Abstract\nWe describe two patients with aggressive pituitary adenomas. One proved to be a null cell "
        "carcinoma; the other was a silent Crooke's cell carcinoma.\n\nIntroduction\nPituitary carcinoma is rare.\n\n"
        "Case series\nCase 1.\nThe metastatic disease at T4 was classified as a null cell carcinoma.\nCase 2.\nThe "
        "metastatic disease at L2 was classified as a silent Crooke's cell carcinoma.\n", "s.txt")]
    assert [r["diagnosis"]["label"] for r in recs] == ["null cell carcinoma", "silent Crooke's cell carcinoma"]


def test_cancer_of_unknown_primary_and_icotinib():
    r = extract("A 52-year-old woman had metastases to the vertebrae and the brain from a cancer of unknown primary. "
                "She received icotinib.")
    assert r["diagnosis"]["label"] == "cancer of unknown primary"
    assert [i["agents"] for i in r["interventions"]] == [["icotinib"]]


def test_what_a_treatment_may_offer_is_no_treatment_given():
    r = extract("A 48-year-old woman had EGFR-mutant lung cancer with T8 metastases.\nSpinal surgery and internal "
                "irradiation added to an EGFR inhibitor may offer both pain relief and local control.")
    assert "surgery" not in categories(r)


def test_the_literature_summed_up_after_its_list_and_what_usually_happens():
    r = extract("A 17-year-old girl had an infiltrative high-grade glioma with bone metastases in the spine at L2. The "
                "speed surprised us, since extraneural disease from glioma is usually described late in the course, "
                "after repeated operations.\n\nOther published patients:\n- A 49-year-old man with a temporal "
                "glioblastoma had a second operation and an L1 metastasis.\n\nNone of these patients carried a "
                "G34-mutant tumour, and the adults had glioblastoma with several operations behind them.\n")
    assert "glioblastoma" not in r["diagnosis"]["label"]  # (the literature's adults had glioblastoma)
    assert r["interventions"] == []


def test_a_survival_told_from_the_diagnosis():
    r = extract("A 52-year-old woman had vertebral metastases at T6. Her survival from the first diagnosis was 2 years "
                "and 9 months.")
    assert r["outcome"]["follow_up_months"] == 33


def test_a_letter_without_a_case_part_keeps_the_literature_s_patient_apart():
    # (a letter with no case heading is read whole as the case, but for a cited patient's story to its paragraph's end)
    r = extract("To the Editor,\nWe studied one patient whose glioblastoma had metastasised to the spine, and found "
                "alterations of NF1 and ARID1A.\n\nSpinal spread reaches the literature mainly as single cases. In BMC "
                "Medical\nImaging (2020) [1], a 51-year-old man with a temporal glioblastoma was treated with "
                "resection. MRI showed a lesion in the C4 vertebral body. The lesion was resected, and he then had "
                "radiotherapy and temozolomide. Spinal metastasis appeared on average 26.4 months after diagnosis.\n")
    assert (r["patient"]["age_years"], r["details"]["vertebrae"], r["interventions"]) == (None, [], [])
    assert r["outcome"]["follow_up_months"] is None
    assert sorted(g["gene"] for g in r["genomic"]) == ["ARID1A", "NF1"]


def test_rearrangements_of_both_genes():
    r = extract("A 50-year-old man had leukaemia with spinal meningeal spread at T10. The blasts carried "
                "rearrangements of both MYC and BCL2.")
    assert sorted(g["gene3"] for g in r["genomic"]) == ["BCL2", "MYC"]


def test_a_cited_patient_s_story_goes_on_past_a_paragraph_break_while_it_is_told_of_him():
    r = extract("To the Editor,\nWe studied one patient whose glioblastoma had metastasised to the spine.\n\n"
                "In BMC Medical Imaging (2020) [1], a 51-year-old man with a temporal glioblastoma was treated "
                "with resection.\n\n"
                "Eighteen months later he came back with neck pain. MRI showed a lesion in the C4 vertebral body, "
                "which was resected.\n")
    assert (r["details"]["vertebrae"], r["interventions"]) == ([], [])
