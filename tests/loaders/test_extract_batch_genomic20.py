"""What the blind batch genomic20 showed, fixed in general (tests/data/genomic20: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, fusion_pairs, genes_of, marker_results, mutation_pairs, records
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_genes_old_name_in_brackets_is_no_regimen_nor_a_stain():
    r = extract("A 40-year-old woman had a myxoid liposarcoma. The tumour was positive for rearrangement of the DDIT3 "
                "(CHOP) gene at 12q13.")
    assert categories(r) == [] and marker_results(r) == {}


def test_any_treatment_in_a_negated_list_was_not_given():
    r = extract("A 40-year-old woman had a myxoid liposarcoma, which was excised. The account does not give her age, "
                "any immunostains, any radiotherapy or any follow-up.")
    assert categories(r) == ["surgery"]


def test_a_letters_subject_line_and_closing_summary_tell_no_operation_twice():
    r = extract("Referral letter\nRe: adult man with a synovial sarcoma of the thigh, after excision and "
                "re-excision\n\nDear colleague,\nI am referring a man with a synovial sarcoma. The mass was excised. "
                "The margins were involved, so he had a re-excision. Tissue from the re-excised area showed no "
                "residual tumour. We would value your view on surveillance.\n\nSummary\n- Excision with involved "
                "margins, then re-excision.\n")
    assert categories(r) == ["surgery", "surgery"]


def test_a_recap_of_what_has_failed_tells_nothing_new():
    r = extract("A 32-year-old woman had a glioma. It was completely excised, and she received radiotherapy. A relapse "
                "was partially resected. She then received temozolomide. She therefore has a tumour that has failed "
                "surgery twice, radiotherapy and temozolomide.")
    assert categories(r) == ["surgery", "radiotherapy", "surgery", "chemotherapy"]


def test_cyclin_d2_is_a_stain_not_a_level():
    r = extract("A 70-year-old man had a mantle cell lymphoma. The tumour cells expressed cyclin D2 protein; cyclin D1 "
                "was negative.")
    assert r["vertebrae"] == [] and marker_results(r) == {"cyclin D1": "negative", "cyclin D2": "positive"}


def test_a_probe_that_found_nothing_is_no_fusion():
    r = extract("A 33-year-old woman had a mantle cell lymphoma. FISH with the LSI IGH/CCND1 fusion probe showed "
                "neither t(11;14) nor a variant CCND1 break.")
    assert fusion_pairs(r) == set()


def test_a_small_deletion_after_a_bracketed_alias():
    r = extract("A 40-year-old had a carcinoma. At relapse the tumour carried MAP2K1 (MEK1) p.E102_I103del. Resistance "
                "emerged together with the activating MAP2K1 deletion.")
    assert mutation_pairs(r) == {("MAP2K1", "E102_I103del")} and genes_of(r, "deletion") == set()


def test_a_tests_change_told_after_a_colon():
    r = extract("A 64-year-old man had a papillary renal cell carcinoma. Testing of FH found a missense change in exon "
                "7: c.1021G>A, which predicts p.Asp341Asn.")
    assert mutation_pairs(r) == {("FH", "D341N")}
    r = extract("A 39-year-old man had a papillary renal cell carcinoma. He carries the same FH variant as his father: "
                "c.1021G>A (p.D341N).")
    assert mutation_pairs(r) == {("FH", "D341N")}


def test_a_diagnosis_corrected_by_methylation():
    r = extract("A 21-year-old man had a pineal region tumour. It was first diagnosed as ependymoma. Methylation "
                "profiling corrected the diagnosis of ependymoma to papillary tumour of the pineal region.")
    assert r["diagnosis"]["label"] == "papillary tumour of the pineal region"


def test_angiomatoid_fibrous_histiocytoma_is_a_tumour_kind():
    assert extract("An 8-year-old boy had an angiomatoid fibrous histiocytoma of the scalp.")["diagnosis"]["label"] == \
        "angiomatoid fibrous histiocytoma"


def test_a_boards_consensus_is_its_patients():
    r = extract("HAEMATOLOGY TUMOUR BOARD - CASE NOTE\nCase: 61-year-old patient\n\nConclusion: cryptic PML::RARA "
                "fusion.\n\nBoard consensus\nThe spinal lesions are a myeloid sarcoma.\n")
    assert r["diagnosis"]["label"] == "myeloid sarcoma"


def test_a_patients_part_headed_with_its_source():
    r1, r2 = records("Case 1 (BMJ Case Rep 2014)\nA girl of 4 years had a meningioma.\n\nCase 2 (Stettner GM, "
                     "Rostasy KM, Ludwig HC, Merkler D. Neuropediatrics 2007;38(1):29-31)\nAn 8-year-old boy was "
                     "diagnosed with an infratentorial meningioma. Testing found a splice-site mutation in the NF2 "
                     "gene.\n")
    assert (r2["patient"]["age_years"], r2["patient"]["sex"]) == (8, "male") and mutation_pairs(r2) == {("NF2", None)}


def test_a_biopsy_again_is_a_second_one():
    r = extract("A 43-year-old woman had breast cancer, diagnosed on biopsy. In 2005 a new mass appeared. Biopsy again "
                "showed ductal carcinoma.")
    assert categories(r) == ["biopsy", "biopsy"]


def test_relapses_told_by_their_count_or_their_treatment():
    assert extract("A 50-year-old woman had acute myeloid leukaemia.\n3. First relapse, in the bone marrow: "
                   "chemotherapy.\n")["outcome"]["recurrence"] is True
    assert extract("A 32-year-old woman had a glioma, completely excised. In 2013 a local relapse was partially "
                   "resected.")["outcome"]["recurrence"] is True
