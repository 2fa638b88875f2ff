"""What the blind batch genomic17 showed, fixed in general (tests/data/genomic17: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, genes_of, marker_results, mutation_pairs
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_person_brought_in_by_an_indefinite_phrase_keeps_the_rest_of_the_paragraph():
    r = extract("To the Editor,\nThe patient, a 61-year-old woman, had a chordoma of the clivus. She received proton "
                "therapy.\n\nThe presentation can mislead. In a poster from Lyon, a 38-year-old man with neck pain "
                "turned out to have a chordoma. A panel was part of his work-up. He had an en bloc resection, and "
                "denosumab was given afterwards.\n")
    assert r["patient"]["age_years"] == 61
    assert categories(r) == ["radiotherapy"]


def test_the_group_of_the_authors_just_cited_is_theirs():
    r = extract("A 47-year-old man had a solitary fibrous tumour of the pleura.\n\nLi and colleagues (2021) studied "
                "twelve such tumours. In their twelve cases STAT6 was always positive and CD34 positive in ten.\n")
    assert marker_results(r) == {}


def test_areas_resembling_another_tumour_are_no_diagnosis():
    r = extract("A 30-year-old woman had a mass of the thigh. It showed osteoid-like matrix and areas resembling an "
                "aneurysmal bone cyst. Sequencing found an FN1::FGFR1 fusion.")
    assert r["diagnosis"]["term"] is None


def test_a_suspicion_is_not_the_diagnosis_once_the_final_one_is_told():
    r = extract("A 52-year-old woman had a mass of the fourth ventricle. Imaging suggested a medulloblastoma. The "
                "final diagnosis was a rare papillary tumour that the ontology does not name.")
    assert r["diagnosis"]["term"] is None


def test_a_diagnosis_not_confirmed_is_ruled_out():
    r = extract("A 52-year-old woman had a lesion of the fourth ventricle. The meningioma suggested by imaging was "
                "therefore not confirmed; histology showed a choroid plexus papilloma.")
    assert r["diagnosis"]["label"] == "choroid plexus papilloma"
    assert "meningioma" in r["ruled_out"]


def test_the_sentence_that_excludes_a_diagnosis_does_not_reassert_it():
    r = extract("A 70-year-old man had skin nodules of indeterminate cell histiocytosis. Langerhans cell histiocytosis "
                "is excluded, because langerin is what separates LCH from the indeterminate cell tumour.")
    assert r["diagnosis"]["label"] == "indeterminate cell histiocytosis"


@pytest.mark.parametrize("text, label", [
    ("A 30-year-old man had Lhermitte-Duclos disease of the left cerebellar hemisphere.", "Lhermitte-Duclos disease"),
    ("A 60-year-old man had an intimal sarcoma of the pulmonary artery.", "intimal sarcoma"),
    ("A 2-year-old boy had a juvenile xanthogranuloma of the orbit.", "juvenile xanthogranuloma"),
    ("A 70-year-old man had hairy cell leukaemia with lytic lesions of L2.", "hairy cell leukaemia"),
    ("A 5-month-old girl had a desmoplastic infantile ganglioglioma.", "desmoplastic infantile ganglioglioma"),
    ("A 40-year-old woman had a low-grade myofibroblastic sarcoma of the tongue.", "low-grade myofibroblastic sarcoma"),
    ("A 58-year-old woman had a phosphaturic mesenchymal tumour of the sacrum.", "phosphaturic mesenchymal tumour"),
    ("A 9-year-old boy had an atypical choroid plexus papilloma.", "atypical choroid plexus papilloma"),
])
def test_tumour_kinds_the_batch_needed(text, label):
    assert extract(text)["diagnosis"]["label"] == label


def test_apatinib_is_named_so():
    r = extract("A 50-year-old man had an angiosarcoma of the scalp. He was given apatinib 500 mg daily.")
    assert r["interventions"][0]["agents"] == ["apatinib"]


def test_changes_told_after_an_appositive_or_a_germline_word():
    r = extract("A 40-year-old woman had a paraganglioma. She carries a germline mutation in SDHB, the gene for the "
                "iron-sulphur subunit: c.268C>T, a nonsense change predicted as p.Arg90*.")
    assert mutation_pairs(r) == {("SDHB", "R90*")}
    r = extract("A 30-year-old man had a neurofibroma.\nMolecular addendum:\n   NF1: germline deletion, c.2033delC - "
                "DETECTED.\n")
    assert mutation_pairs(r) == {("NF1", "c.2033delC")}


def test_an_analysis_of_a_gene_showing_a_mutation():
    r = extract("A 31-year-old woman had Lhermitte-Duclos disease. Mutational analysis of PTEN confirmed Cowden "
                "disease by showing a frameshift mutation in exon 7.")
    assert mutation_pairs(r) == {("PTEN", None)}
    r = extract("A 31-year-old woman had Lhermitte-Duclos disease. Mutational analysis of PTEN showed no mutation.")
    assert mutation_pairs(r) == set()


def test_a_test_named_then_its_result_after_a_colon():
    r = extract("A 60-year-old man had a liposarcoma. FISH with a CDK4 probe: in 70% of nuclei the CDK4 signal was "
                "amplified.")
    assert genes_of(r, "amplification") == {"CDK4"}
    r = extract("A 2-month-old boy was suspected of having leukaemia. His blood was tested with a panel covering three "
                "fusion transcripts: BCR-ABL1, ETV6-RUNX1 and KMT2A-AFF1. The KMT2A-AFF1 reaction was positive.")
    assert ("BCR", "ABL1") not in {(g["gene5"], g["gene3"]) for g in r["genomic"] if g["kind"] == "fusion"}


def test_the_tumour_grew_back_and_a_bony_metastasis():
    r = extract("A 61-year-old woman had a cardiac sarcoma. The mass was resected, but the tumour grew back quickly.")
    assert r["outcome"]["recurrence"] is True
    r = extract("A 46-year-old man had a paraganglioma, removed in 1990. In 2013 he presented with a bony metastasis "
                "in the left eighth rib.")
    assert r["outcome"]["metastasis"] is True


def test_a_follow_up_counted_from_an_abbreviated_operation():
    r = extract("A 7-year-old girl had a ganglioglioma. She had a gross total resection (GTR). Eighteen months after "
                "GTR she remains free of disease.")
    assert r["outcome"]["follow_up_months"] == 18


def test_the_laminectomy_of_a_craniotomy_places_no_tumour():
    r = extract("A 47-year-old man had a mass in the fourth ventricle. He underwent a suboccipital craniotomy with a "
                "C1 laminectomy, and the tumour was removed completely.")
    assert r["vertebrae"] == []


def test_a_bare_count_of_cautions_opens_the_letters_comment():
    r = extract("To the Editor,\nWe describe a 48-year-old man with hairy cell leukaemia of bone. A BRAF mutation was "
                "present.\n\nTwo cautions. First, HCL can be present when BRAF V600E is negative. Second, cladribine "
                "remains standard treatment.\n")
    assert categories(r) == []
    assert marker_results(r) == {}


def test_a_literature_run_in_label_opens_the_literature():
    r = extract("CASE: A girl aged 5 years had a ganglioglioma with a KIAA1549-BRAF fusion.\n\nLITERATURE: We found "
                "three earlier tumours with this fusion:\n(1) an infant with a glioma treated with trametinib;\n(2) a "
                "child with a pilocytic astrocytoma.\n")
    assert categories(r) == []


def test_background_after_a_title_alone_is_the_entity_in_general():
    r = extract("PILOCYTIC ASTROCYTOMA WITH A KIAA1549-BRAF FUSION IN A 6-YEAR-OLD GIRL\n\nBACKGROUND: Pilocytic "
                "astrocytomas are benign. BRAF V600E mutations are sometimes found in them.\n\nCASE: A girl aged 6 "
                "years had a cerebellar pilocytic astrocytoma. Sequencing found a KIAA1549-BRAF fusion.\n")
    assert mutation_pairs(r) == set()


def test_a_radionuclide_named_as_a_scans_tracer_is_no_treatment():
    r = extract("A 40-year-old man had a paraganglioma of the rib. On iodine-131 MIBG imaging the lesion was not avid.")
    assert categories(r) == []


def test_the_age_a_demographic_field_gives_is_the_patients():
    r = extract("DEPARTMENT OF PATHOLOGY - SURGICAL PATHOLOGY REPORT\n(teaching version of a published case: Ann Diagn "
                "Pathol 2011;15(2):1-5, a referral centre)\n\nPatient: male, 19 years         Specimen type: biopsy, "
                "pelvic mass\n\nCLINICAL HISTORY\nA 19-year-old boy with low back pain for two months. Four days "
                "before admission he developed retention of urine.\n")
    assert r["patient"]["age_years"] == 19
    assert sorted(r["symptoms"]) == ["low back pain", "urinary retention"]
