"""What the blind batch genomic5 showed, fixed in general (tests/data/genomic5: molecular reports of tumour kinds of the
spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import extract, marker_results
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

CASE = "Case report\nA 50-year-old man had a myeloid sarcoma of the left temporal lobe, which was resected. {}\n"


def _found(record: dict) -> set[tuple[str, ...]]:
    return {(g["kind"], g.get("gene") or f"{g['gene5']}::{g['gene3']}", g.get("variant") or "")
            for g in record["genomic"]}


def test_a_list_of_negative_tests_with_karyotype_notation():
    r = extract(CASE.format("Molecular studies were negative for FLT3, inv(16), t(8;21), BCR-ABL1 and JAK2 V617F."))
    assert not r["genomic"]


def test_the_reports_just_named_one_by_one_are_other_patients():
    r = extract(CASE.format("Sequencing found an NPM1 mutation; no FLT3 change was found. Two other reports help "
                            "place this case. In one, a boy developed an isolated myeloid sarcoma. In another, an "
                            "adult AML carrying both FLT3-ITD and a KIT mutation presented with skin nodules."))
    assert _found(r) == {("mutation", "NPM1", "")}


def test_a_word_in_capitals_is_no_gene():
    r = extract(CASE.format("Sequencing of the tumour found histone H3.3 K27M AND G34R on the same reads."))
    assert "AND" not in {g.get("gene") for g in r["genomic"]}


def test_a_protein_lost_after_a_list_of_positive_stains():
    r = extract("Case report\nA 5-year-old girl had a clival tumour. It stained strongly for epithelial markers, and "
                "the nuclear BAF47 (INI1) protein was lost by immunohistochemistry.\n")
    assert marker_results(r)["BAF47"] == "negative"


def test_a_deletion_of_all_the_exons_of_a_gene_is_its_deletion():
    r = extract("Case report\nA 2-year-old boy had a clival tumour. Analysis of tumour DNA showed a deletion "
                "encompassing all nine exons of SMARCB1.\n")
    assert ("deletion", "SMARCB1", "") in _found(r)


def test_a_change_told_by_its_codon():
    r = extract("Case report\nA 19-year-old man had a medullary thyroid carcinoma. Testing showed a RET codon M918T "
                "mutation.\n")
    assert _found(r) == {("mutation", "RET", "M918T")}


@pytest.mark.parametrize("said", [
    "Survival was compared with that of patients with an EGFR mutation.",
    "Median survival was shorter than in the EGFR-mutant comparison group.",
])
def test_a_groups_change_is_not_the_patients(said: str):
    r = extract("Case report\nA 47-year-old woman had a lung adenocarcinoma with a BRAF V600E mutation. " + said + "\n")
    assert _found(r) == {("mutation", "BRAF", "V600E")}


def test_a_run_of_other_patients_in_one_paragraph():
    r = extract("Case report\nA 21-year-old woman had a cheek mass. Histology showed an alveolar soft part sarcoma, "
                "and the cells were positive for TFE3.\n\nOther reports make the same point. Wang and colleagues "
                "found 11 such cases. They then described a 36-year-old woman whose mass grew fast. A 46-year-old man "
                "had a tumour of the buccal mucosa. At consultation the cells were negative for cytokeratin and "
                "positive for desmin.\n")
    assert marker_results(r) == {"TFE3": "positive"}


def test_a_field_inside_an_item_of_a_list_of_other_patients():
    r = extract("Tumour board note\nPatient: 60-year-old man\nHe had a renal cell carcinoma. He underwent a "
                "laparoscopic radical nephrectomy and then received sunitinib.\n\n6. Discussion points raised at the "
                "board (literature, NOT this patient)\n- A 17-year-old male had a left flank mass. His father\n  had "
                "died of metastatic RCC at 40, and other relatives had leiomyomas. Diagnosis: papillary type 2\n  RCC "
                "in HLRCC. Management: left radical nephrectomy, excision of a node,\n  immunotherapy, chemotherapy "
                "and repeat surgical debulking.\n")
    assert [i["category"] for i in r["interventions"]] == ["surgery", "targeted_therapy"]


def test_a_final_diagnosis_heading_after_the_comment():
    r = extract("Teaching case\nClinical history\nA 49-year-old man had an intramedullary tumour of C3.\n\nDiscussion\n"
                "PXA is rare in the spinal cord. Fusions of RAF1 are sought when V600E is absent.\n\nFINAL DIAGNOSIS\n"
                "Pleomorphic xanthoastrocytoma, cervical spinal cord; BRAF V600E not detected; QKI-RAF1 fusion.\n")
    assert [(g["kind"], g.get("gene5"), g.get("gene3")) for g in r["genomic"]] == [("fusion", "QKI", "RAF1")]


@pytest.mark.parametrize(("said", "months"), [
    ("At the last follow-up, at 6 months, the child was clinically stable.", 6),
    ("He was clinically stable on surveillance imaging at the last follow-up, at 3 years.", 36),
    ("Two years on, the boy remains in complete remission.", 24),
])
def test_follow_up_told_at_the_last_visit_or_as_a_time_on(said: str, months: int):
    r = extract("Case report\nA 5-year-old boy had a frontal embryonal tumour, which was resected. " + said + "\n")
    assert r["outcome"]["follow_up_months"] == months


def test_twins_told_in_run_in_parts_and_another_pair_cited_in_the_second():
    recs = [x.to_dict() for x in extract_text(
        "Correspondence\n\nMLL-rearranged acute lymphoblastic leukaemia in identical infant twins\n\nWe report a "
        "pair of identical infant twin girls.\n\nTwin 1. This infant developed ALL with an MLL rearrangement. She "
        "later relapsed and died of the disease.\n\nTwin 2. Her sister developed ALL of the same clone. Her course "
        "differed from her sister's. She remains in complete remission more than 4 years after diagnosis. In a "
        "monozygotic infant pair with MLL-ENL-positive ALL, twin A presented at 9 months of age.\n", "t.txt")]
    assert [(r["patient"]["age_years"], r["outcome"]["status"], r["outcome"]["follow_up_months"]) for r in recs] == [
        (None, "died of disease", None), (None, "no evidence of disease", 48)]


def test_h3_1_is_an_alias_of_h3c3_not_h3c1():
    # (HGNC: H3.1 is an alias symbol of H3C3; the ontology had given it to H3C1, so "histone H3.1: K27M" was H3C1's)
    r = extract("Case report\nA 2-year-old girl had a pontine glioma. Sequencing found histone H3.1: K27M.\n")
    assert "H3C1" not in {g.get("gene") for g in r["genomic"]}
