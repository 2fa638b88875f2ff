"""What the blind batch genomic4 showed, fixed in general (tests/data/genomic4: molecular reports of tumour kinds of the
spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _genes(record: dict) -> set[tuple[str, str | None]]:
    return {(g["gene"], g["variant"]) for g in record["genomic"] if g["kind"] == "mutation"}


def test_a_list_of_genes_with_their_results_after_dashes():
    r = extract("Case report\nA 58-year-old woman had an undifferentiated sarcoma of the thigh.\nA 50-gene panel found "
                "somatic changes in four genes:\n  TP53 - mutated\n  ATRX - mutated\n  NF1 - not detected\n  KRAS - "
                "G12V (p.Gly12Val), activating\nShe was then treated with trametinib.\n")
    assert _genes(r) == {("TP53", None), ("ATRX", None), ("KRAS", "G12V")}


def test_the_rows_of_a_table_of_variants_whose_gaps_a_pdf_closed():
    r = extract("Case report\nA 70-year-old woman had a meningioma with lung metastases.\nMolecular addendum\nGene "
                "Protein change Classification\nAKT1 p.E17K pathogenic\nNOTCH1 p.P2133T variant of unknown "
                "significance\n")
    assert _genes(r) == {("AKT1", "E17K"), ("NOTCH1", "P2133T")}


def test_a_negative_field_negates_its_list():
    r = extract("Case report\nA 30-year-old man had a pigmented tumour of the tibia.\nImmunohistochemistry.\n"
                "- Positive: S-100 protein, SOX10.\n- Negative: CD34, BRAF V600E (mutation-specific antibody).\n")
    assert not r["genomic"]
    r = extract("Case report\nA 30-year-old man had a melanoma of the tibia. Negative: CD34. Positive: a BRAF V600E "
                "mutation by sequencing.\n")
    assert _genes(r) == {("BRAF", "V600E")}


def test_the_items_under_a_lead_of_what_was_not_found():
    r = extract("Case report\nA 66-year-old woman had a meningioma of the convexity. Panel sequencing found an AKT1 "
                "E17K mutation.\n\nNot detected in the tumour:\n - homozygous deletion of CDKN2A\n - TERT promoter "
                "mutation\n\nA later sample also showed a TRAF7 mutation.\n")
    assert _genes(r) == {("AKT1", "E17K"), ("TRAF7", None)}
    assert not [g for g in r["genomic"] if g["kind"] == "deletion"]


@pytest.mark.parametrize(("said", "gene", "variant"), [
    ("The tumour carried a p.M844_S847 deletion in PDGFRA exon 18.", "PDGFRA", "M844_S847del"),
    ("Sequencing showed a KIT W557_K558 deletion.", "KIT", "W557_K558del"),
    ("Sequencing showed a p.W557_K558del in KIT exon 11.", "KIT", "W557_K558del"),
])
def test_an_in_frame_change_of_a_range_told_in_words(said: str, gene: str, variant: str):
    assert _genes(extract(f"Case report\nA 60-year-old man had a gastric GIST. {said}\n")) == {(gene, variant)}


def test_a_list_of_other_families_led_in_by_the_literature():
    recs = [x.to_dict() for x in extract_text(
        "Letter\nWe describe a mother and her son with SDHB-related paraganglioma.\n\nPatient 1. A 40-year-old woman "
        "had a paraganglioma of the bladder. Genetic testing showed an SDHB mutation.\n\nPatient 2. Her son, aged 16, "
        "had a paraganglioma of the organ of Zuckerkandl, which was removed.\n\nOther SDHB kindreds in the literature "
        "show the same:\n- A 25-year-old man whose family carried SDHB c.72+1G>T had a carotid body tumour.\n- Three "
        "sisters carried a germline SDHB R46Q mutation.\n", "f.txt")]
    assert [_genes(r) for r in recs] == [{("SDHB", None)}, set()]


def test_a_list_of_published_data_not_about_the_patient():
    r = extract("Report\nPatient: 60-year-old man\nFinal diagnosis: plasma cell myeloma.\nFISH: IGH/CCND1 "
                "rearrangement detected.\n\nBackground for the clinical team (published data, not results for this "
                "patient):\n- In a large series, TP53 deletion was found in 10% and t(4;14) in 12%.\n")
    assert not [g for g in r["genomic"] if g.get("gene") == "TP53"]


def test_a_board_note_tells_the_outcome_after_its_discussion():
    r = extract("Molecular tumour board\nPatient: 6-year-old boy\nHistory\nA pilocytic astrocytoma was resected.\n"
                "Sequencing found a BRAF V600E mutation.\n\nBoard discussion\nRadiotherapy was not recommended. The "
                "MEK inhibitor trametinib was proposed.\n\nOutcome recorded after the meeting\n- Trametinib was "
                "started.\n\nBoard comment\nOther children have received dabrafenib.\n")
    assert [i["label"].lower() for i in r["interventions"] if i["category"] == "targeted_therapy"] == ["trametinib"]


def test_a_likeness_seen_in_a_tumour_does_not_exclude_it():
    r = extract("Case report\nA 48-year-old man had a lesion of L2. The biopsy showed neoplastic plasma cells that "
                "mimicked mature neutrophils in plasma cell myeloma.\n")
    assert r["diagnosis"]["label"] == "plasma cell myeloma"
    r = extract("Case report\nThe lesion of L2 mimicked a schwannoma on MRI, but histology showed a meningioma.\n")
    assert r["diagnosis"]["label"] == "meningioma"


def test_both_of_two_things_is_not_both_patients():
    recs = [x.to_dict() for x in extract_text(
        "Case series\nThree patients with Langerhans cell histiocytosis are described.\n\nPatient 1\nA 12-year-old boy "
        "had a lesion of the femur. He was treated with vinblastine.\n\nPatient 2\nA 20-year-old man had skin and lung "
        "disease; biopsies of the lung and of the skin both showed LCH. He was given cytarabine.\n\nPatient 3\nA "
        "3-year-old girl had a skull lesion. She was treated with vinblastine.\n", "s.txt")]
    assert [categories(r) for r in recs] == [["chemotherapy"], ["biopsy", "chemotherapy"], ["chemotherapy"]]


def test_a_corticosteroid_listed_with_two_antineoplastic_drugs_is_their_regimen():
    r = extract("Case report\nA 55-year-old man had plasma cell myeloma with a T8 lesion. He was treated with "
                "bortezomib, carfilzomib and dexamethasone.\n")
    assert [(i["category"], i["agents"]) for i in r["interventions"]] == [
        ("chemotherapy", ["bortezomib", "carfilzomib", "dexamethasone"])]
    # (a steroid beside one drug is told for itself: graft-versus-host disease treated with tacrolimus and prednisone)
    r = extract("Case report\nA 40-year-old woman had a myeloid sarcoma at T4. After transplantation, "
                "graft-versus-host disease was treated with tacrolimus and prednisone.\n")
    assert "chemotherapy" not in categories(r)


@pytest.mark.parametrize(("said", "agents"), [
    ("A course of cladribine and clofarabine followed.", ["cladribine", "clofarabine"]),
    ("A skin relapse was treated with hydroxyurea.", ["hydroxyurea"]),
    ("Vismodegib was started.", ["vismodegib"]),
    ("He then received ixazomib.", ["ixazomib"]),
])
def test_drugs_of_haematological_and_hedgehog_driven_tumours(said: str, agents: list[str]):
    r = extract(f"Case report\nA 15-year-old boy had a relapsing tumour of the skull base. {said}\n")
    assert [a for i in r["interventions"] for a in i["agents"]] == agents


def test_operations_away_from_the_spine():
    r = extract("Case report\nA 41-year-old woman had a mass in the left kidney. She underwent laparoscopic radical "
                "nephrectomy, and histology showed a solitary fibrous tumour.\n")
    assert categories(r) == ["surgery"]
    r = extract("Case report\nA 30-year-old woman had a pelvic mass. At diagnostic laparotomy it was found to arise "
                "outside the uterus.\n")
    assert categories(r) == ["surgery"]
    # (beside a spinal tumour, the operation on an organ is another disease's)
    r = extract("Case report\nA 60-year-old man had a schwannoma at L3, which was resected. He had had a radical "
                "nephrectomy ten years earlier.\n")
    assert categories(r) == ["surgery"]


def test_a_specimen_named_by_its_operation_is_no_second_operation():
    r = extract("Case report\nThe patient underwent a craniotomy for a meningioma 20 years ago.\nMaterial studied: the "
                "craniotomy specimen (archival blocks).\n")
    assert categories(r) == ["surgery"]


def test_the_alternative_of_a_differential_is_no_metastasis():
    r = extract("Case report\nA 36-year-old man had a pigmented tumour of the femur. With this melanocytic profile, "
                "the main alternative was a bone metastasis of melanoma. RT-PCR found an EWSR1-ATF1 fusion, and the "
                "diagnosis was clear cell sarcoma of bone.\n")
    assert r["outcome"]["metastasis"] is None


def test_a_carcinoma_is_the_spines_metastasis_only_in_a_case_of_the_spine():
    kidney = ("Case report\nA 56-year-old woman had a mass of the right kidney, and nephrectomy showed a renal cell "
              "carcinoma with a TFE3 translocation. No metastases were seen.\n")
    assert extract(kidney)["outcome"]["metastasis"] is False
    spine = "Case report\nA 56-year-old woman had a lytic lesion of T9; biopsy showed a renal cell carcinoma.\n"
    assert extract(spine)["outcome"]["metastasis"] is True


def test_a_metastasis_proven_in_a_node():
    r = extract("Case report\nA 16-year-old girl had an Ewing sarcoma of the pelvis and reached complete remission. "
                "Eight months later a metastasis in a pelvic lymph node was proven.\n")
    assert r["outcome"]["metastasis"] is True


def test_a_later_phase_of_chemotherapy_is_a_line_of_its_own():
    r = extract("Case report\nA 40-year-old woman had B-lymphoblastic leukaemia with an L1 fracture. Induction used "
                "the Hyper-CVAD regimen, and complete remission was achieved. Consolidation chemotherapy followed.\n")
    assert [(i["category"], bool(i["agents"])) for i in r["interventions"]] == [
        ("chemotherapy", True), ("chemotherapy", False)]
    # (told with its drugs, it is that line: "second-line chemotherapy with irinotecan and temozolomide")
    r = extract("Case report\nA 20-year-old man had an Ewing sarcoma of L2. Pulmonary metastases appeared. He started "
                "second-line chemotherapy with irinotecan and temozolomide.\n")
    assert [i["agents"] for i in r["interventions"] if i["category"] == "chemotherapy"] == [
        ["irinotecan", "temozolomide"]]
