"""What the blind batch genomic16 showed, fixed in general (tests/data/genomic16: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, fusion_pairs, genes_of, marker_results, mutation_pairs, tumour_levels
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_context_from_other_series_is_the_literature():
    r = extract("Poster abstract\nResults: The tumour of a 61-year-old patient carried a SCYL3-NTRK1 fusion.\nContext "
                "from other series (not this patient): a screen of 971 cancers found NTRK1 fusions in three. Two were "
                "TPM3-NTRK1 and one was TPR-NTRK1.\n")
    assert fusion_pairs(r) == {("SCYL3", "NTRK1")}


def test_a_drug_defined_after_a_run_in_label():
    r = extract("Case report\nA 61-year-old had a colorectal cancer with an NTRK1 fusion.\nTherapeutic implication: "
                "Entrectinib is an orally available inhibitor of pan-TRK, ROS1 and ALK.\n")
    assert categories(r) == []


def test_bright_on_t2_is_an_mri_sequence():
    assert tumour_levels("The scan revealed an oval, non-enhancing lesion that was bright on T2 and lay in the "
                         "temporal lobe.") == []


# genomic16's misses, read in general after its first fixes


def test_a_stain_and_its_clone_in_a_row_do_not_end_the_list():
    r = extract("A 40-year-old woman had a chordoma. The tumour cells were positive for brachyury, the pan-cytokeratin "
                "AE1/AE3, EMA and S-100, and negative for SOX10.")
    assert marker_results(r) == {"brachyury": "positive", "pan-cytokeratin": "positive", "EMA": "positive",
                                 "S-100": "positive", "SOX10": "negative"}


def test_stains_listed_one_a_line_after_their_lead():
    r = extract("A 33-year-old man had an epithelioid haemangioendothelioma of the rib.\n\nImmunohistochemistry: the "
                "neoplastic cells were strongly positive for:\n- CAMTA1;\n- CD31;\n- ERG.\nThey were negative for "
                "desmin.\n")
    assert marker_results(r) == {"CAMTA1": "positive", "CD31": "positive", "ERG": "positive", "desmin": "negative"}


def test_transthyretin_is_a_stain():
    r = extract("A 4-year-old boy had a choroid plexus papilloma. Transthyretin and cytokeratin were positive.")
    assert marker_results(r) == {"Transthyretin": "positive", "cytokeratin": "positive"}


def test_a_change_named_before_its_gene_and_told_after_a_comma():
    r = extract("A 6-year-old girl had an adrenocortical carcinoma. Sanger sequencing found a missense mutation in "
                "TP53, R337H (arginine to histidine), in the tumour.")
    assert mutation_pairs(r) == {("TP53", "R337H")}


def test_each_row_of_a_bar_table_is_read_alone():
    r = extract("A 61-year-old man had a dedifferentiated liposarcoma.\n\nMolecular results\n\n| Gene | Result |\n"
                "|---|---|\n| TP53 | no mutation detected |\n| MDM2 copy number | AMPLIFIED |\n"
                "| CDK4 | not amplified |\n| KRAS | G12V |\n")
    assert genes_of(r, "amplification") == {"MDM2"}
    assert mutation_pairs(r) == {("KRAS", "G12V")}


def test_loss_of_the_wild_type_allele_is_no_deletion():
    r = extract("A 50-year-old woman had a glioblastoma.\n\n| Specimen | Gene | Finding |\n|---|---|---|\n| Tumour | "
                "MLH1 | loss of the wild-type allele (second hit) |\n")
    assert genes_of(r, "deletion") == set()


def test_an_operation_years_before_is_no_step_of_the_next_one():
    r = extract("A 70-year-old woman developed a mass in the left atrium nine years after a nephrectomy for renal cell "
                "carcinoma. The mass was excised and proved to be metastatic carcinoma.")
    assert categories(r) == ["surgery", "surgery"]


def test_iodine_131_is_radioiodine_therapy():
    r = extract("A 66-year-old man had a follicular thyroid carcinoma with a T9 metastasis. He had a total "
                "thyroidectomy followed by iodine-131.")
    assert categories(r) == ["surgery", "radiotherapy"]
