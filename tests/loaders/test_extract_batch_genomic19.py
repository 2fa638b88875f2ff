"""What the blind batch genomic19 showed, fixed in general (tests/data/genomic19: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, fusion_pairs, genes_of, marker_results, mutation_pairs, records
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_boards_course_after_its_discussion():
    r = extract("LUNG MOLECULAR TUMOUR BOARD - CASE NOTE\n\n1. Clinical summary\n- A 58-year-old woman with lung "
                "adenocarcinoma.\n\n2. Discussion\n- Osimertinib is approved for EGFR-mutant disease.\n\n3. "
                "Recommendation and course\n- Crizotinib was given alone.\n")
    assert [i["agents"] for i in r["interventions"]] == [["crizotinib"]]


def test_a_liquid_biopsy_takes_no_tissue():
    r = extract("A 60-year-old woman had breast cancer. Repeat liquid-biopsy sequencing showed a PIK3CA mutation.")
    assert categories(r) == []


def test_a_results_table_with_a_gene_column_and_a_change_column():
    r = extract("A 55-year-old woman had breast cancer.\n\n| Gene | Exon | Protein change | Type |\n"
                "|---|---|---|---|\n"
                "| AKT1 | 3 | p.E17K | missense |\n| ESR1 | 8 | p.Y537S | missense |\n"
                "| TP53 | - | not detected | - |\n")
    assert mutation_pairs(r) == {("AKT1", "E17K"), ("ESR1", "Y537S")}


def test_a_time_and_a_half():
    r = extract("A 61-year-old man had a chordoma. He received imatinib. A year and a half later he remains free of "
                "disease.")
    assert r["outcome"]["follow_up_months"] == 18


def test_none_of_their_findings_apply_opens_a_list_of_others():
    r = extract("A 30-year-old woman had a paraganglioma with a germline SDHB mutation.\n\nFor comparison only, here "
                "are other women from the literature. None of their findings apply to our patient:\n- A 34-year-old "
                "woman had a paraganglioma.\n- Another index patient carried a RET mutation.\n")
    assert genes_of(r, "mutation") == {"SDHB"}


def test_a_change_told_after_its_genes_place():
    r = extract("A 27-year-old woman had bilateral phaeochromocytomas. Germline analysis found a missense mutation in "
                "exon 3 of the VHL gene on chromosome 3 (3p25): Arg167Trp (p.Arg167Trp).")
    assert mutation_pairs(r) == {("VHL", "R167W")}
    assert r["diagnosis"]["label"] == "phaeochromocytoma"


def test_a_question_to_the_board_gives_no_treatment():
    r = extract("Patient: 39-year-old man\nDiagnosis: Erdheim-Chester disease\nQuestion to the board: what is the "
                "place of dabrafenib, given that his skin disease is refractory\nHe was treated with cladribine.\n")
    assert categories(r) == ["chemotherapy"]


def test_a_trial_that_randomised_two_drugs():
    r = extract("A 39-year-old woman had a metastatic melanoma. She joined the BRIM3 trial, which randomised "
                "vemurafenib against dacarbazine. Later she took dabrafenib.")
    assert [i["agents"] for i in r["interventions"]] == [["dabrafenib"]]


def test_a_genotype_said_positive_is_no_stain():
    r = extract("A 39-year-old man had Erdheim-Chester disease.\nMolecular results\n- BRAF: positive (mutation "
                "detected); the variant is not given.\n")
    assert marker_results(r) == {} and mutation_pairs(r) == {("BRAF", None)}


def test_literature_points_from_a_lead_ending_in_a_colon():
    r = extract("A 4-year-old girl had an embryonal tumour with a BRD4-LEUTX fusion.\n\nTwo comparison points from "
                "the literature help place our patient, and should not be confused with her:\n- A pooled series of "
                "nine tumours found that most had leptomeningeal spread; two were alive without recurrence at 16 and "
                "33 months.\n")
    assert (r["outcome"]["recurrence"], r["outcome"]["metastasis"]) == (None, None)


def test_p53_protein_is_p53():
    r = extract("A 4-year-old girl had an embryonal tumour. p53 protein was expressed in most tumour cells, and GFAP "
                "(glial fibrillary acidic protein) was negative.")
    assert marker_results(r) == {"p53": "positive", "GFAP": "negative"}


def test_a_weak_match_and_absent_features_are_no_diagnosis():
    r = extract("A 13-year-old girl had a frontal tumour. Histology gave a diagnosis of high-grade glioneuronal "
                "tumour. Methylation profiling matched it to diffuse leptomeningeal glioneuronal tumour (DLGNT), but "
                "only with low confidence. Like DLGNT, the tumour had a 1p/19q codeletion. It did not, however, show "
                "the usual features of DLGNT.")
    assert "leptomeningeal" not in (r["diagnosis"]["label"] or "")


def test_both_tumours_of_a_series_in_its_comment():
    r1, r2 = records("Case 1\nA 20-year-old man had a fibroblastic tumour of the toe.\n\nCase 2\nA 44-year-old man had "
                     "a fibroblastic tumour of the tibia.\n\nComment\nBoth tumours had the defining EWSR1::SMAD3 "
                     "fusion.\n")
    assert fusion_pairs(r1) == fusion_pairs(r2) == {("EWSR1", "SMAD3")}


def test_a_gene_a_partners_promoter_drives_is_the_3_prime_partner():
    assert fusion_pairs(extract("A 23-year-old man had a lipoblastoma. FISH showed a PLAG1 rearrangement.")) == {
        (None, "PLAG1")}
    assert fusion_pairs(extract("An 8-year-old boy had Burkitt lymphoma. Cytogenetic analysis showed a translocation "
                                "involving 8q24, the MYC locus.")) == {(None, "MYC")}


def test_an_allograft_recipient_and_a_donor_lymphocyte_infusion():
    r = extract("A 50-year-old woman had acute myeloid leukaemia. At first relapse she received chemotherapy and a "
                "donor lymphocyte infusion (DLI). As a heavily pretreated allograft recipient, she was then followed "
                "closely.")
    assert categories(r) == ["chemotherapy", "immunotherapy"]


def test_two_tumours_told_by_one_finding_and_the_spines_is_the_case():
    r = extract("At the age of 47 years this man underwent MRI, which showed a phaeochromocytoma in the left adrenal "
                "gland together with haemangioblastomas in the spine and in the brain. The phaeochromocytoma was "
                "treated by adrenalectomy.")
    assert r["diagnosis"]["label"] == "haemangioblastomas" or r["diagnosis"]["label"].startswith("haemangioblastoma")


def test_nodular_fasciitis_is_a_tumour_kind():
    assert extract("A 27-year-old man had an intramuscular nodular fasciitis of the arm.")["diagnosis"]["label"] == \
        "intramuscular nodular fasciitis"


def test_a_numbered_heading_ends_a_list_of_others():
    r = extract("TUMOUR BOARD NOTE\n\n1. Background\nPoints raised from the literature during the discussion:\n- Such "
                "tumours of adults carry GNAQ mutations.\n\n2. Patient\nThe patient is a 63-year-old man with a "
                "melanocytic neoplasm of the thoracic cord.\n\n3. Molecular results\na) Mutation analysis: the tumour "
                "contains a GNA11 mutation.\n")
    assert mutation_pairs(r) == {("GNA11", None)}
