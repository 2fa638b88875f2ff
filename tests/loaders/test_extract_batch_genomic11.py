"""What the blind batch genomic11 showed, fixed in general (tests/data/genomic11: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, fusion_pairs, marker_results, mutation_pairs, records, tumour_levels
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _dx(record: dict) -> str | None:
    return (record.get("diagnosis") or {}).get("label")


def test_a_gene_named_in_full_is_no_tumour():
    r = extract("Case report\nA 47-year-old woman had a histiocytic lesion of the lung. The histiocytes stained for "
                "CD68 and ALK. FISH showed a translocation of the anaplastic lymphoma kinase (ALK) gene, and NGS "
                "found a KIF5B-ALK fusion. ALK-positive histiocytosis was diagnosed.\n")
    assert _dx(r) == "ALK-positive histiocytosis"


def test_a_lump_first_put_down_to_a_lipoma_is_not_a_lipoma():
    r = extract("Case report\nA 30-year-old woman had a neck lump for years. It had been attributed to a lipoma. "
                "After excision the node was replaced by papillary thyroid carcinoma, a nodal metastasis.\n")
    assert _dx(r) == "papillary thyroid carcinoma"


def test_a_carcinoma_named_in_the_plural_is_labelled_in_the_singular():
    r = extract("Case report\nA 60-year-old man had aggressive differentiated thyroid cancers in his family history "
                "of reports we follow. He had bone metastases; histology showed metastatic differentiated thyroid "
                "cancers.\n")
    assert _dx(r) == "differentiated thyroid cancer"


def test_a_t_lymphoblastic_blast_phase_of_cml_is_not_de_novo_t_all():
    r = extract("Case report\nA 30-year-old woman presented with leukocytosis and 40% T-lymphoblasts in the marrow, "
                "whose background showed features of CML. Although it presented as T-ALL, the disease was judged to "
                "be a T-lymphoblastic CML-BP.\n")
    assert r["diagnosis"]["term"].endswith("/BlastPhaseChronicMyeloidLeukemia")


def test_a_mass_of_blasts_is_the_case_tumour_not_the_leukaemia_it_came_from():
    r = extract("Case report\nA 40-year-old man had allogeneic transplantation for chronic myeloid leukemia. Two "
                "years later a spinal granulocytic sarcoma at T8 was the first sign that the CML had come back.\n")
    assert _dx(r) == "granulocytic sarcoma"


def test_a_translocation_is_the_fusion_the_text_names_for_it():
    r = extract("Case report\nA 50-year-old woman had a myxoid liposarcoma of the thigh. FISH showed the FUS-DDIT3 "
                "fusion. The karyotype showed the alternative t(12;22) with an EWS-DDIT3 rearrangement.\n")
    assert ("EWSR1", "ATF1") not in fusion_pairs(r)
    r = extract("Case report\nA 16-year-old boy had an aneurysmal bone cyst of the femur. Chromosome analysis showed "
                "a t(X;17). RNA sequencing found a USP9X-USP6 fusion.\n")
    assert fusion_pairs(r) == {("USP9X", "USP6")}


def test_a_translocation_told_alone_is_still_the_ontology_fusion():
    r = extract("Case report\nA 14-year-old boy had a small round cell sarcoma of the rib. The karyotype showed "
                "t(11;22)(q24;q12). Ewing sarcoma was diagnosed.\n")
    assert fusion_pairs(r) == {("EWSR1", "FLI1")}


def test_what_a_small_proportion_of_tumours_carry_is_not_the_patient_s():
    r = extract("Case report\nA 60-year-old man had a myxoid liposarcoma. Most cases have the FUS-DDIT3 fusion; a "
                "small proportion carry an EWSR1-DDIT3 rearrangement instead. FISH showed a FUS-DDIT3 fusion in his "
                "tumour.\n")
    assert fusion_pairs(r) == {("FUS", "DDIT3")}


def test_a_codon_told_without_its_change_gives_no_variant():
    r = extract("Case report\nAn 8-year-old girl had a histiocytic sarcoma.\nBRAF: V600 mutation DETECTED (the exact "
                "amino-acid change is not given).\n")
    assert mutation_pairs(r) == {("BRAF", None)}


def test_both_specimens_in_one_patient_s_part_are_his_alone():
    first, second = records("Two cases\nCase 1\nA 24-year-old woman had 32% T-lymphoblasts in the marrow. She "
                             "received imatinib.\nCase 2\nA 66-year-old man had a nodal T-lymphoblastic lymphoma. "
                             "Molecular testing of both specimens found the same BCR-ABL1 fusion transcript in the "
                             "node and the marrow.\n")
    assert fusion_pairs(first) == set()
    assert fusion_pairs(second) == {("BCR", "ABL1")}


def test_a_gene_and_its_kind_of_change_on_a_line_of_its_own_is_a_finding():
    r = extract("Case report\nA 60-year-old man had a histiocytic sarcoma of the thigh.\nNGS - mutations detected "
                "in:\n  BRAF    p.V600E\n  CDKN2A  mutation\n  CIITA   mutation\n")
    assert mutation_pairs(r) == {("BRAF", "V600E"), ("CDKN2A", None), ("CIITA", None)}


def test_a_paragraph_labelled_for_both_cases_is_each_patient_s():
    first, second = records(
        "Two histiocytic sarcomas\nResults\nImmunophenotype (both cases). The tumour cells stained for CD68, "
        "lysozyme and CD163.\nCase 1 - mutations detected in:\n  BRAF  p.V600E\nCase 2 - mutations detected "
        "in:\n  TP53  mutation\n")
    for r in (first, second):
        assert {k for k, v in marker_results(r).items() if v == "positive"} == {"CD68", "lysozyme", "CD163"}


def test_immune_cells_counted_around_the_tumour_are_no_stain_of_it():
    r = extract("Case report\nA 50-year-old woman had a renal cell carcinoma. The tumour stained diffusely for "
                "PAX8. We also counted tumour-associated CD8+ T cells on IHC.\n")
    assert marker_results(r) == {"PAX8": "positive"}


def test_an_item_the_lexicon_does_not_hold_does_not_break_a_list():
    r = extract("Case report\nA 4-year-old boy had a groin mass. Immunocytochemistry: cytokeratin, vimentin, "
                "alpha-actin, MyoD1 and myogenin were expressed.\n")
    assert {"vimentin", "MyoD1", "myogenin"} <= set(marker_results(r))
    assert marker_results(r)["vimentin"] == "positive"


def test_a_fab_blast_type_is_no_vertebra():
    assert tumour_levels("A bone marrow aspirate contained vacuolated blasts with L3 morphology.") == []
    assert tumour_levels("The marrow blasts showed L3-like vacuolation.") == []
    assert tumour_levels("The tumour destroyed the L3 vertebral body.") == ["L3"]


def test_an_end_point_named_is_no_outcome():
    r = extract("Case report\nA 91-year-old had a myxoid liposarcoma diagnosed on biopsy. A round-cell component "
                "is linked to shorter overall and metastasis-free survival, and recurrence-free survival is worse.\n")
    assert r["outcome"]["metastasis"] is None and r["outcome"]["recurrence"] is None


def test_a_disease_held_in_partial_remission_is_not_free_of_disease():
    r = extract("Case report\nAn 8-year-old girl had a histiocytic sarcoma treated with dabrafenib and trametinib. "
                "She has stayed in partial remission, with no sign of disease progression, 3 years after starting "
                "the combination.\n")
    o = r["outcome"]
    assert (o["status"], o["recurrence"], o["metastasis"]) == ("alive with disease", None, None)


def test_alive_without_disease_at_a_time_is_the_follow_up():
    r = extract("Case report\nA 38-year-old woman had a renal cell carcinoma removed by nephrectomy. The patient "
                "was alive without disease at 129 months.\n")
    assert r["outcome"]["follow_up_months"] == 129
    assert r["outcome"]["recurrence"] is False
    r = extract("Case report\nA 24-year-old woman had a thyroid carcinoma removed. On ultrasound one year later "
                "there was no structural recurrence.\n")
    assert r["outcome"]["follow_up_months"] == 12


def test_a_numbered_patient_as_the_subject_opens_that_patient_s_part():
    first, second = records(
        "Two patients\nCase 1: a 38-year-old woman with an ALK-rearranged renal cell carcinoma.\nCase 2: a "
        "64-year-old man with an ALK-rearranged renal cell carcinoma.\nFollow-up ranged from 18 to 129 months. "
        "Case 1 declined adjuvant therapy. The patient was alive without disease at 129 months. Case 2 received a "
        "monoclonal antibody against PD-1 after surgery and was alive without disease at 18 months.\n")
    assert first["outcome"]["follow_up_months"] == 129
    assert second["outcome"]["follow_up_months"] == 18
    assert "immunotherapy" in categories(second) and "immunotherapy" not in categories(first)


def test_a_group_of_patients_described_elsewhere_and_its_treatment_are_not_the_case_s():
    r = extract("Case report\nA 6-month-old boy had a papule of the forearm; it was surgically excised and showed "
                "ALK-positive histiocytosis. In 2008 the entity was first described in three young infants with "
                "hepatosplenomegaly. Two of them received a short course of chemotherapy. Our patient had none of "
                "those features.\n")
    assert categories(r) == ["surgery"]


def test_what_ideally_needs_to_be_done_is_not_done():
    r = extract("Case report\nA 91-year-old had a myxoid liposarcoma diagnosed on biopsy. Neoadjuvant radiotherapy "
                "has been recommended, so the diagnosis ideally needs to be made on the biopsy before resection.\n")
    assert categories(r) == ["biopsy"]


def test_brachytherapy_then_enucleation_named_by_the_specimen_field_is_one_operation():
    r = extract("OPHTHALMIC PATHOLOGY REPORT\nPATIENT: 34-year-old woman\nSPECIMEN: Globe, enucleation\nCLINICAL "
                "HISTORY\nShe had a uveal melanoma. It was treated with brachytherapy, but the tumour relapsed "
                "afterwards, and the eye was therefore enucleated.\n")
    assert categories(r) == ["radiotherapy", "surgery"]
