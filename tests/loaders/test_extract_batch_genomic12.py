"""What the blind batch genomic12 showed, fixed in general (tests/data/genomic12: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, fusion_pairs, marker_results, mutation_pairs, records
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _labels(record: dict) -> list[tuple[str, str | None, list[str]]]:
    return [(i["category"], i["label"], i["agents"]) for i in record["interventions"]]


def test_two_patients_reported_as_our_experience_are_two_records():
    rs = records("Letter\nSir,\nWe report our experience with two patients. Both patients had EGFR-mutant NSCLC and "
                 "both started osimertinib.\n")
    assert len(rs) == 2


def test_a_treatment_never_given_is_no_treatment():
    r = extract("Case report\nA 60-year-old man had NSCLC with brain metastases, spared cranial radiotherapy. He "
                "started osimertinib and remained radiotherapy-naive.\n")
    assert categories(r) == ["targeted_therapy"]


def test_the_authors_advice_and_a_board_s_imperative_are_not_done():
    r = extract("Case report\nA 60-year-old man had NSCLC and started osimertinib. We suggest that asymptomatic "
                "brain metastases should not, by themselves, require up-front cranial irradiation.\n")
    assert categories(r) == ["targeted_therapy"]
    r = extract("Case report\nA 70-year-old man had prostate cancer.\nRecommendation\n- Start androgen deprivation "
                "therapy.\n- Consider radiotherapy to the pelvis.\n")
    assert categories(r) == []


def test_the_single_patient_reported_by_others_is_not_ours():
    r = extract("Case report\nA 60-year-old man had NSCLC and started osimertinib. Our patient should not be "
                "confused with the single patient reported by Smith and colleagues. That patient had a brain "
                "metastasis that had failed both radiotherapy and surgery.\n")
    assert categories(r) == ["targeted_therapy"]


def test_a_trial_s_arms_are_not_the_patient_s_treatment():
    r = extract("Case report\nA 60-year-old man had NSCLC and started osimertinib. In the phase III AURA3 trial, "
                "419 patients were randomised to osimertinib or cisplatin plus pemetrexed.\n")
    assert categories(r) == ["targeted_therapy"]


def test_drugs_told_as_alternatives_are_one_line_whose_drug_is_not_told():
    r = extract("Case report\nA 60-year-old man had EGFR-mutant NSCLC and had been treated with a first-generation "
                "EGFR TKI (gefitinib or erlotinib) before progressing; he then started osimertinib.\n")
    assert ("targeted_therapy", "gefitinib or erlotinib", []) in _labels(r)
    assert ("targeted_therapy", "osimertinib", ["osimertinib"]) in _labels(r)
    r = extract("Case report\nA 33-year-old man had NSCLC which did not respond to afatinib or anlotinib.\n")
    assert [x[2] for x in _labels(r)] == [["afatinib"], ["anlotinib"]]


def test_a_drug_defined_is_not_given():
    r = extract("Case report\nA 60-year-old man had NSCLC. Osimertinib (AZD9291) is a third-generation EGFR TKI "
                "that inhibits T790M. Chemotherapy with carboplatin was given.\n")
    assert categories(r) == ["chemotherapy"]


def test_a_change_on_its_reference_sequence_is_its_protein_change():
    r = extract("Case report\nA 9-year-old girl had an osteosarcoma. WGS identified a heterozygous pathogenic TP53 "
                "variant, NM_000546.6:c.733G>A (p.Gly245Ser), confirmed by Sanger sequencing.\n")
    assert mutation_pairs(r) == {("TP53", "G245S")}


def test_a_procedure_done_on_two_occasions_is_two_procedures():
    r = extract("Case report\nA 39-year-old woman had a skull-base paraganglioma. The tumour was embolised on two "
                "separate occasions, and total resection followed.\n")
    assert categories(r) == ["embolization", "embolization", "surgery"]


def test_result_fields_of_a_molecular_report():
    r = extract("Case report\nA 64-year-old man had an astrocytoma.\nResults:\n   TERT promoter: mutated, C250T\n"
                "   NPM1 ............... MUTATION DETECTED, p.W288*\n")
    assert mutation_pairs(r) == {("TERT", "C250T"), ("NPM1", "W288*")}


def test_a_histone_change_joined_by_a_hyphen():
    r = extract("Case report\nA 10-year-old girl had a brainstem tumour. A stereotactic biopsy confirmed a diffuse "
                "midline glioma carrying the H3-K27M mutation.\n")
    assert mutation_pairs(r) == {("H3", "K27M")}


def test_a_kinase_fusion_with_its_partner_unnamed():
    r = extract("Case report\nA 50-year-old woman had a RET fusion-positive lung adenocarcinoma; the fusion partner "
                "is not specified.\n")
    assert fusion_pairs(r) == {(None, "RET")}


def test_a_stain_shown_as_positivity_and_a_stain_with_its_alias():
    r = extract("Case report\nA 64-year-old man had an astrocytoma. CD34 shows patchy, aberrant positivity in the "
                "lesional cells.\n")
    assert marker_results(r) == {"CD34": "positive"}
    r = extract("Case report\nA man had a granulocytic sarcoma. The cells expressed CD34 and CD45/LCA. They were "
                "negative for CD20 and CD68/KP1.\n")
    assert marker_results(r) == {"CD34": "positive", "CD45": "positive", "CD20": "negative", "CD68": "negative"}


def test_a_possibility_that_had_to_be_considered_is_not_the_diagnosis():
    r = extract("Case report\nA man had a retrovesical squamous mass after a prostate adenocarcinoma treated by "
                "prostatectomy. A carcinoma of unknown primary site had to be considered, but the mass was a "
                "metastasis of the prostate adenocarcinoma.\n")
    assert "unknown primary" not in (r["diagnosis"]["label"] or "")


def test_held_in_check_on_treatment_is_not_free_of_recurrence():
    first, *_ = records("Three patients\nPatient 1 - lung adenocarcinoma with a KIF5B-RET fusion.\nPatient 2 - lung "
                        "adenocarcinoma with a CCDC6-RET fusion.\nAll patients remain on treatment without "
                        "progression.\n")
    assert first["outcome"]["recurrence"] is None
    r = extract("Case report\nA 20-year-old man had an NTRK1-rearranged tumour resected. Twelve months after the "
                "operation he remains on entrectinib and has no evidence of disease.\n")
    assert r["outcome"]["recurrence"] is False


def test_an_organ_s_operation_and_a_remission_maintained_give_the_follow_up():
    r = extract("Case report\nA 20-year-old man had a renal cell carcinoma. Two years after the nephroureterectomy "
                "the patient has no symptoms.\n")
    assert r["outcome"]["follow_up_months"] == 24
    r = extract("Case report\nA 50-year-old man had a myeloproliferative neoplasm treated by transplantation. A "
                "complete remission was obtained and has been maintained for 2 years.\n")
    assert r["outcome"]["follow_up_months"] == 24


def test_a_time_after_a_transplant_at_presentation_is_no_follow_up():
    r = extract("Case report\nA 40-year-old man had AML.\nPresenting problem: back pain about 14 months after "
                "allogeneic transplantation.\n")
    assert r["outcome"]["follow_up_months"] is None


def test_the_disease_came_back():
    r = extract("Case report\nA child had multisystem LCH treated with vemurafenib. The disease came back 4 months "
                "after vemurafenib was stopped.\n")
    assert r["outcome"]["recurrence"] is True


def test_a_trial_s_patients_counted_give_no_finding():
    r = extract("Case report\nA young woman had myeloma with a MYC rearrangement. In the ECOG trials E9486/9487, 351 "
                "patients were studied by FISH, and shorter survival was associated with deletion of 17p13.\n")
    assert all(g["kind"] != "deletion" for g in r["genomic"])


def test_a_list_of_larger_reports_is_others():
    r = extract("Case report\nA 10-year-old girl had a DIPG treated with radiotherapy and ONC201.\nThis experience "
                "has been followed by larger reports, which should not be confused with our patient's course:\n- "
                "In an expanded-access programme, 18 patients received ONC201. Two patients remained "
                "progression-free for at least 53 weeks and one underwent resection.\n")
    assert categories(r) == ["radiotherapy", "targeted_therapy"]
    assert r["outcome"]["recurrence"] is None


def test_new_vocabulary():
    r = extract("Case report\nAn 8-month-old girl had an infant-type hemispheric glioma with a PPP1CB-ALK fusion. "
                "She received labetalol and then ONC201.\n")
    assert r["diagnosis"]["term"].endswith("/InfantTypeHemisphericGlioma")
    assert [x[2] for x in _labels(r)] == [["labetalol"], ["ONC201"]]
    r = extract("Case report\nA 45-year-old woman had a lung adenocarcinoma with an EML4-ALK fusion.\n")
    assert r["genomic"][0]["term"].endswith("/EML4--ALK")
