"""What the blind batch genomic7 showed, fixed in general (tests/data/genomic7: molecular reports of tumour kinds of the
spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, marker_results
from extracting import fusion_pairs as _fusions
from extracting import genes_of as _kinds
from extracting import mutation_pairs as _mutations
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


# -- whose facts: the patient of a letter, a list of the literature, the parts of an article --

def test_a_letter_opening_on_the_report_it_answers():
    r = extract("To the Editor,\nWe read with interest the recent report of a 41-year-old patient with a metastatic "
                "synovial sarcoma who responded to pazopanib. Our patient was a 9-year-old boy with an inoperable "
                "synovial sarcoma of the shoulder. RT-PCR showed an SS18-SSX2 fusion transcript.\n")
    assert r["patient"]["age_years"] == 9
    assert _fusions(r) == {("SS18", "SSX2")}


def test_a_patient_brought_in_by_the_age_her_tumour_was_found_at():
    r = extract("Letter to the Editor\nSir,\nSpinal ependymoma is rare in infants. We write to report a patient.\n"
                "A boy was found to have an ependymoma at the age of 2 years and 4 months. A subtotal excision was "
                "performed.\nPublished experience supports testing:\n- A 52-year-old woman with multiple meningiomas "
                "had a SMARCB1 mutation in the tumour.\n")
    assert r["patient"]["age_years"] == 2
    assert "SMARCB1" not in _kinds(r, "mutation")


def test_a_heading_comparing_with_reported_carriers_is_not_the_case():
    r = extract("Case\nA 31-year-old man had a carotid body paraganglioma. Sequencing found a pathogenic SDHD "
                "variant.\nComparison with reported SDHx carriers\n- Across paragangliomas, roughly 20-30% arise from "
                "mutations in SDHB, SDHC or SDHD.\n")
    assert _kinds(r, "mutation") == {"SDHD"}


def test_keywords_at_the_articles_end_do_not_make_its_discussion_the_abstracts():
    r = extract("A medulloblastoma in a boy\nAbstract\nCase presentation: A 6-year-old boy had a medulloblastoma with "
                "MYCN amplification.\nIntroduction\nMedulloblastoma is the commonest malignant brain tumour of "
                "childhood.\nCase presentation\nA 6-year-old boy had a cerebellar mass. Molecular profiling showed "
                "MYCN amplification.\nDiscussion\nThe consensus risk groups treat MYC amplification as very high "
                "risk.\nKeywords: medulloblastoma; MYCN\n")
    assert _kinds(r, "amplification") == {"MYCN"}


def test_a_table_aligned_with_spaces_gives_each_patient_their_row():
    text = ("Case series\nPatient 1\nA 3-year-old girl had a calcaneal sarcoma and received chemotherapy.\nPatient 2\n"
            "A 14-year-old boy had a sarcoma of the pubis and received chemotherapy.\nSummary of the molecular "
            "work-up\nPatient   Age/sex   Site              Assay   Result\n"
            "1         3 y, F    calcaneus         FISH    BCOR-CCNB3 fusion confirmed\n"
            "2         14 y, M   not stated here   FISH    BCOR-CCNB3 fusion confirmed\n")
    from spinekg.loaders.text import extract_text
    records = [x.to_dict() for x in extract_text(text, "x.txt")]
    assert len(records) == 2
    assert all(_fusions(x) == {("BCOR", "CCNB3")} for x in records)


def test_a_board_notes_treatment_after_its_discussion_is_the_patients():
    r = extract("Tumour board note\nCase\nA 29-year-old man had a pontine oligodendroglioma.\nDiscussion\n"
                "- Infratentorial oligodendrogliomas are rare.\nTreatment after the board\nTemozolomide was started. "
                "The lesion was then irradiated (54 Gy in 30 fractions).\nBoard recommendations\n1. Biopsy each "
                "lesion where feasible.\n")
    assert categories(r) == ["chemotherapy", "radiotherapy"]


# -- genomic notations --

def test_a_gene_field_with_its_name_then_a_predicted_protein_change():
    r = extract("Case report\nA 40-year-old woman had a renal carcinoma.\nMolecular findings\nGene: FH (fumarate "
                "hydratase)\nVariant: c.1189G>A, p.(Gly397Arg)\nOrigin: germline\n")
    assert _mutations(r) == {("FH", "G397R")}


def test_a_splice_change_as_typeset_after_a_tests_field():
    r = extract("Case report\nA 9-year-old girl had a paraganglioma.\n- Germline SDHB analysis: heterozygous "
                "splice-site mutation in intron 6, C.642 + 1G > A.\n- Tumour MLPA: loss of the remaining wild-type "
                "SDHB allele.\n")
    assert _mutations(r) == {("SDHB", "c.642+1G>A")}
    assert _kinds(r, "deletion") == {"SDHB"}


def test_a_symbol_written_with_a_hyphen():
    r = extract("Case report\nA 35-year-old man had a paraganglioma. Molecular analysis found a pathogenic variant "
                "in the SDH-B gene: c.268C>T (p.Arg90Ter).\n")
    assert _mutations(r) == {("SDHB", "R90*")}


def test_a_frequency_and_a_cohort_of_carriers_are_nobodys():
    r = extract("Case report\nA 38-year-old woman had a breast carcinoma. Germline testing showed the BRCA1 "
                "nonsense mutation p.Q1756X.\n- About 25% of these tumours arise from mutations in BRCA1 or BRCA2.\n"
                "- In a cohort of unaffected carriers (812 with a BRCA1 and 275 with a BRCA2 mutation), risks "
                "differed.\n")
    assert _kinds(r, "mutation") == {"BRCA1"}


@pytest.mark.parametrize("said", [
    "Sequencing found two IDH1 mutations, R132H and R132C.",
    "The two lesions carry different IDH1 variants: R132H in the cortex and R132C in the thalamus.",
    "IDH1 sequencing showed p.R132H in the first biopsy and p.R132C in the second.",
])
def test_a_genes_changes_listed(said):
    r = extract(f"Case report\nA 30-year-old man had two gliomas. {said}\n")
    assert _mutations(r) == {("IDH1", "R132H"), ("IDH1", "R132C")}


def test_a_tables_columns_give_each_specimens_change():
    r = extract("Case report\nA 30-year-old man had two gliomas.\nMolecular comparison of the two biopsies\n"
                "                 Frontal biopsy               Thalamic biopsy\n"
                "  IDH1           p.R132H (canonical)          p.R132C (non-canonical)\n")
    assert _mutations(r) == {("IDH1", "R132H"), ("IDH1", "R132C")}


def test_a_kinase_fused_to_a_partner_named_in_words():
    r = extract("Case report\nA 4-year-old girl had an anaplastic large cell lymphoma. RT-PCR showed that ALK was "
                "fused to clathrin heavy chain (CLTC).\n")
    assert _fusions(r) == {("CLTC", "ALK")}


def test_a_partner_known_only_by_its_bracketed_symbol_and_the_side_of_the_hyphen():
    r = extract("Case report\nA 50-year-old man had a renal carcinoma. Analysis confirmed an Alpha (MALAT1)-TFEB "
                "fusion.\n")
    assert _fusions(r) == {("MALAT1", "TFEB")}
    r = extract("Case report\nA 50-year-old man had a renal carcinoma. RNA analysis showed two variants of the "
                "Alpha-TFEB fusion transcript.\n")
    assert _fusions(r) == {(None, "TFEB")}


def test_a_hotspot_of_a_gene_the_ontology_lacks_told_without_a_word_of_mutation():
    r = extract("Case report\nA 70-year-old woman had a CNS lymphoma. Her cerebrospinal fluid carried MYD88 L265P.\n")
    assert _mutations(r) == {("MYD88", "L265P")}


def test_a_fusions_junction_by_its_partners_initials():
    r = extract("Case report\nA 44-year-old woman had a lung adenocarcinoma. We call this new variant EML4-ALK "
                "(E17:A20).\n")
    assert [(g["gene5"], g["gene3"], g["exon5"], g["exon3"]) for g in r["genomic"]] == [("EML4", "ALK", 17, 20)]


def test_a_table_row_whose_other_cell_says_not_stated():
    r = extract("Case series\nPatient 1\nA 16-year-old boy had a sarcoma of the femur.\nPatient   Site             "
                "Assay   Result\n1         not stated here  FISH    BCOR-CCNB3 fusion confirmed\n")
    assert _fusions(r) == {("BCOR", "CCNB3")}


# -- treatments, outcome and stains --

def test_an_operation_named_as_the_aim_of_another_treatment_is_not_done():
    r = extract("Case report\nA 6-year-old girl had an inoperable tumour of the tongue. To make the tumour regress far "
                "enough for a complete resection, she received chemotherapy.\n")
    assert categories(r) == ["chemotherapy"]


def test_a_biopsy_taken_again_is_another():
    r = extract("Case report\nA 23-year-old man had two lesions. The frontal lesion was biopsied first. He was given "
                "temozolomide. A year later the thalamic lesion was biopsied.\n")
    assert categories(r) == ["biopsy", "chemotherapy", "biopsy"]
    r = extract("Case report\nA 23-year-old man had a cord lesion. A first biopsy showed inflammation. A second "
                "biopsy of the cord showed a glioma. The second biopsy was reviewed centrally.\n")
    assert categories(r) == ["biopsy", "biopsy"]


def test_the_marrow_aspirate_and_its_core_are_one_sampling():
    r = extract("Case report\nA 70-year-old woman had bone pain. A bone marrow aspirate and core biopsy were "
                "obtained.\n")
    assert categories(r) == ["biopsy"]


def test_drugs_added_to_the_line_being_given():
    r = extract("Case report\nA 3-year-old boy had a rhabdomyosarcoma. He received four cycles of vincristine, "
                "doxorubicin and cyclophosphamide. Cisplatin and irinotecan were added in the last cycle.\n")
    assert categories(r) == ["chemotherapy"]
    assert set(r["interventions"][0]["agents"]) == {"vincristine", "doxorubicin", "cyclophosphamide", "cisplatin",
                                                    "irinotecan"}


def test_a_myeloma_doublet_is_one_line_not_a_steroid_beside_another_drug():
    r = extract("Case report\nA 70-year-old man had a plasma cell leukaemia. He started bortezomib and "
                "dexamethasone.\n")
    assert categories(r) == ["chemotherapy"]
    r = extract("Case report\nA 3-month-old girl had a fibrosarcoma. Sirolimus with methylprednisolone was given.\n")
    assert sorted(categories(r)) == ["other_drug", "targeted_therapy"]


@pytest.mark.parametrize("said, field, value", [
    ("Two years later she is still in remission.", "follow_up_months", 24),
    ("A biological relapse then occurred.", "recurrence", True),
    ("Staging at diagnosis already showed multiple lung metastases.", "metastasis", True),
])
def test_outcome_told_so(said, field, value):
    r = extract(f"Case report\nA 40-year-old woman had a sarcoma and received chemotherapy. {said}\n")
    assert r["outcome"][field] == value


def test_antigens_the_cells_carried_and_a_protein_shown():
    r = extract("Case report\nA 2-year-old boy had a lymphoma. The cells also carried the myeloid antigens CD13 and "
                "CD33. Immunostaining showed nuclear STAT6 protein.\n")
    assert marker_results(r) == {"CD13": "positive", "CD33": "positive", "STAT6": "positive"}


def test_a_synonymous_change_is_told_by_its_dna_change():
    r = extract("Case report\nA 50-year-old man had haemangioblastomas. Germline testing found a synonymous VHL "
                "mutation (c.429C > T, p.Asp143Asp).\n")
    assert _mutations(r) == {("VHL", "c.429C>T")}
