"""What the blind batch genomic13 showed, fixed in general (tests/data/genomic13: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, fusion_pairs, genes_of, marker_results, mutation_pairs, records
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_cited_lead_opens_a_list_of_others():
    r = extract("Letter\nSir,\nA 50-year-old woman had a giant cell tumour of the femur with an H3F3A mutation, "
                "treated with denosumab and curettage.\nHasenfratz and colleagues profiled three H3F3A-mutated GCTBs "
                "treated with denosumab:\n- one patient's recurrence carried an ARID2 mutation;\n- a second patient "
                "kept an FGFR1 mutation and also showed AKT2 and NRAS mutations;\n- the third patient developed an "
                "osteosarcoma.\nThose findings belong to their patients, not to ours.\n")
    assert {g.get("gene") for g in r["genomic"]} == {"H3-3A"}
    assert len(records("Letter\nSir,\nA 50-year-old woman had a giant cell tumour.\nSmith and colleagues reported "
                       "three GCTBs:\n- the first patient had an ARID2 mutation;\n- the third patient developed an "
                       "osteosarcoma.\n")) == 1


def test_a_family_name_of_a_partner_yields_to_the_member_told():
    r = extract("Case report\nA 58-year-old woman had a lung tumour.\nMethod: RT-PCR for the SYT-SSX fusion "
                "transcripts of the t(X;18).\nInterpretation: SYT-SSX1 fusion transcript detected.\n")
    assert fusion_pairs(r) == {("SS18", "SSX1")}


def test_a_gene_and_its_hotspot_on_a_line_of_their_own():
    r = extract("Case report\nA 61-year-old woman had a pleural solitary fibrous tumour.\nMolecular pathology\n"
                "Somatic variants of interest in this tumour:\n  FLT1-R593W (FLT1, fms-related tyrosine kinase 1)\n"
                "  KDR-V297I (KDR, kinase insert domain receptor)\n")
    assert mutation_pairs(r) == {("FLT1", "R593W"), ("KDR", "V297I")}


def test_the_commonest_alteration_of_a_kind_of_tumour_is_not_the_patient_s():
    r = extract("Case report\nA 61-year-old woman had a pleural solitary fibrous tumour with a KDR V297I mutation. "
                "Across public SFTP samples, the NAB2-STAT6 fusion is by far the most frequent alteration.\n")
    assert fusion_pairs(r) == set()


def test_a_chromosome_arm_lost_with_the_gene_on_it():
    r = extract("Case report\nA 20-year-old had a poorly differentiated chordoma.\naCGH: loss of chromosome 22q, "
                "including the SMARCB1 locus.\n")
    assert genes_of(r, "deletion") == {"SMARCB1"}


def test_the_change_named_after_the_word():
    r = extract("Case report\nA 23-year-old woman had a recurrent glioneuronal tumour. This time FGFR1 showed the "
                "hotspot mutation K656E (p.Lys656Glu).\n")
    assert mutation_pairs(r) == {("FGFR1", "K656E")}


def test_the_integrated_diagnosis_wins_over_an_imaging_impression():
    r = extract("Case report\nA 53-year-old man had a lesion of the insula compatible with a diffuse low-grade "
                "glioma.\nIntegrated diagnosis: high-grade glioneuronal tumour with an NTRK2 fusion.\n")
    assert r["diagnosis"]["label"] == "glioneuronal tumour"


def test_radiochemotherapy_is_radiotherapy_with_its_drug():
    r = extract("Case report\nA 53-year-old man had a glioma. First-line treatment was concurrent radiochemotherapy "
                "to 59.4 Gy with temozolomide.\n")
    assert categories(r) == ["radiotherapy", "chemotherapy"]


def test_a_kinase_written_first_is_the_3prime_partner_of_the_ontology_s_fusion():
    r = extract("Case report\nA 40-year-old woman had a papillary thyroid carcinoma with an NTRK1-TPM3 fusion.\n")
    assert fusion_pairs(r) == {("TPM3", "NTRK1")}
    r = extract("Case report\nA 30-year-old woman had an ossifying fibromyxoid tumour with a PHF1-EPC1 fusion "
                "transcript.\n")
    assert fusion_pairs(r) == {("PHF1", "EPC1")}


def test_a_family_s_part_is_its_patients():
    first, second, third = records(
        "Case series\nFamily 1\nThis family carries the germline SDHB mutation c.847-50delTCTC.\nPatient 1. A family "
        "member developed renal cell carcinoma at 24 years of age.\nPatient 2. A second member developed renal cell "
        "carcinoma at 26 years of age.\nFamily 2\nPatient 3. A son had clear-cell renal cell carcinoma with the SDHB "
        "nonsense mutation R27X.\n")
    assert mutation_pairs(first) == mutation_pairs(second) == {("SDHB", "c.847-50delTCTC")}
    assert mutation_pairs(third) == {("SDHB", "R27X")}


def test_rearrangements_listed_with_their_bands():
    r = extract("Case report\nA 58-year-old man had a follicular lymphoma that transformed to a triple-hit lymphoma, "
                "with rearrangements of MYC (8q24), BCL2 (the t(14;18)) and BCL6 (3q27).\n")
    assert {"MYC", "BCL6"} <= {g["gene3"] for g in r["genomic"] if g["kind"] == "fusion"}


def test_a_symbol_in_brackets_after_the_gene_s_name():
    r = extract("Case report\nA 66-year-old man had a paraganglioma. Genetic testing found a germline mutation in "
                "the succinate dehydrogenase subunit C gene (SDHC).\n")
    assert mutation_pairs(r) == {("SDHC", None)}
    r = extract("Case report\nA woman had a pancreatic adenocarcinoma which carried a mutation in BRIP1 (BRCA1 "
                "interacting protein 1).\n")
    assert {g[0] for g in mutation_pairs(r)} == {"BRIP1"}


def test_stains_told_with_ihc_or_their_name_spelt_out():
    r = extract("Case report\nA man had a renal cell carcinoma. SDHB IHC was positive in the tumour cells.\n")
    assert marker_results(r) == {"SDHB": "positive"}
    r = extract("Case report\nA woman had a spindle cell sarcoma.\nIMMUNOHISTOCHEMISTRY\nEMA (epithelial membrane "
                "antigen): focally positive in tumour cells\n")
    assert marker_results(r) == {"EMA": "positive"}


def test_a_first_diagnosis_field_gives_no_outcome():
    r = extract("CONSULTATION REPORT\nPatient: female, 40 years\nOriginal diagnosis (referring report): lymph node "
                "with metastasis of malignant melanoma\nThe features are those of angiomatoid fibrous histiocytoma.\n")
    assert r["outcome"]["metastasis"] is None
