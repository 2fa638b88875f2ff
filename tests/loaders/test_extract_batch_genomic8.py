"""What the blind batch genomic8 showed, fixed in general (tests/data/genomic8: molecular reports of tumour kinds of the
spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, marker_results
from extracting import fusion_pairs as _fusions
from extracting import genes_of as _kinds
from extracting import mutation_pairs as _mutations
from spinekg.loaders.extract import furniture
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


# -- whose facts --

def test_a_posters_run_in_labels_ended_by_a_full_stop():
    r = extract("Poster abstract\nBackground. Medulloblastoma is the commonest malignant brain tumour of childhood.\n"
                "Case. A boy of toddler age presented with a posterior fossa tumour. Genetic testing confirmed a "
                "germline SUFU mutation.\nContext from the literature (other patients).\n- A 21-month-old girl had a "
                "desmoplastic medulloblastoma and a PTCH1 mutation.\n")
    assert r["patient"]["age_years"] is None and r["patient"]["sex"] == "male"
    assert _kinds(r, "mutation") == {"SUFU"}


def test_the_record_after_a_part_of_other_patients():
    r = extract("TUMOUR BOARD\nPatient:      male, born at term; presented in the neonatal period\nDiagnosis: "
                "neuroblastoma\nBiology:      MYCN - AMPLIFIED\n\nComparison data (other patients - not this child)\n"
                "- A registry of 268 infants with stage 4S disease.\n\nTreatment delivered\n1. Induction: "
                "multi-agent chemotherapy.\n2. Local control: surgical resection.\n3. Consolidation: high-dose "
                "chemotherapy followed by stem cell transplantation.\n")
    assert r["patient"]["age_years"] == 0
    assert _kinds(r, "amplification") == {"MYCN"}
    assert categories(r) == ["chemotherapy", "surgery", "chemotherapy"]


def test_a_literature_patient_brought_in_by_age_after_others_were_described():
    r = extract("Case report\nA man, now 70 years old, was diagnosed nine years ago with myeloma and received "
                "bortezomib and dexamethasone. The relapse was therefore confined to the testis.\nComment\n"
                "Testicular relapse has been described before. A 52-year-old man with myeloma received four cycles of "
                "chemotherapy. He relapsed with a lung plasmacytoma, which was treated with daratumumab plus "
                "radiation.\n")
    assert "radiotherapy" not in categories(r)
    assert (r["outcome"]["follow_up_months"], r["outcome"]["recurrence"]) == (108, True)


def test_the_authors_description_is_their_own_patients():
    r = extract("BOARD NOTE\nPatient\n7-year-old Japanese girl; the carcinoma is described by the authors as "
                "sporadic.\n")
    assert (r["patient"]["age_years"], r["patient"]["sex"]) == (7, "female")


def test_stains_listed_a_line_each_and_markers_alike_are_no_running_footer():
    text = ("Case report\nA 45-year-old man had a node mass.\nImmunohistochemistry:\n  CD45 positive\n  TdT strongly "
            "positive\n  CD3 negative\n  CD5 negative\n  CD4 negative\n  Ki-67 about 90% of nuclei\n")
    assert "CD5 negative" in furniture.clean(text)
    assert marker_results(extract(text)) == {"CD45": "positive", "TdT": "positive", "CD3": "negative",
                                             "CD5": "negative", "CD4": "negative", "Ki-67": "positive"}


def test_a_stain_told_in_a_field_and_a_proteins_number_is_no_regimen():
    r = extract("Case report\nA 14-year-old boy had a temporal lobe tumour.\n- ALK immunohistochemistry: strong "
                "positive staining of the tumour cells.\n  GFAP ........................ scattered positive\n"
                "  MAP-2 ....................... positive in ganglion-like cells\n")
    assert marker_results(r) == {"ALK": "positive", "GFAP": "positive"}
    assert categories(r) == []


# -- genomic --

def test_a_design_field_and_no_result_reported():
    r = extract("Case report\nA 40-year-old woman had an arm tumour.\nTest requested: the translocations of the kind "
                "(FUS-ATF1, EWSR1-CREB1, EWSR1-ATF1)\nResult: EWSR1-CREB1 translocation detected.\nFUS-ATF1 / "
                "EWSR1-ATF1: no result is reported for these.\n")
    assert _fusions(r) == {("EWSR1", "CREB1")}


def test_a_protein_change_after_the_cdna_change_a_test_disclosed():
    r = extract("Case report\nA 23-year-old woman had a paraganglioma. Genetic analysis of SDHB disclosed a missense "
                "change, c.563T>C (p.Leu188Pro).\n")
    assert _mutations(r) == {("SDHB", "L188P")}


def test_a_table_whose_column_no_row_found():
    r = extract("Case report\nA 80-year-old man had a CNS lymphoma.\n\n| Sample | MYD88 p.L265P | MYD88 p.V217F |\n"
                "|---|---|---|\n| Biopsy | detected | not detected |\n| CSF | detected | not detected |\n")
    assert _mutations(r) == {("MYD88", "L265P")}


def test_a_kind_kept_apart_a_group_counted_and_a_kind_of_change_said_rare():
    r = extract("Case report\nA 30-year-old woman had a breast carcinoma. MLPA showed a large germline deletion "
                "removing exons 1 to 12 of BRCA1. De novo mutations in BRCA1 and BRCA2 are rare. Meningiomas were "
                "found in seven of the 11 carriers scanned, and all had NF2 mutations. These tumours should be kept "
                "apart from MYOD1-mutant rhabdomyosarcoma.\n")
    assert r["genomic"] and {(g["kind"], g["gene"]) for g in r["genomic"]} == {("deletion", "BRCA1")}


def test_a_result_after_a_spaced_dash():
    assert _kinds(extract("Case report\nA newborn boy had a neuroblastoma.\nBiology: MYCN - AMPLIFIED\n"),
                  "amplification") == {"MYCN"}
    assert _kinds(extract("Case report\nA newborn boy had a neuroblastoma.\nBiology: MYCN - not amplified\n"),
                  "amplification") == set()


# -- treatments and outcome --

def test_regimens_told_one_after_another_and_a_list_of_lines():
    r = extract("Case report\nA 70-year-old man had myeloma. After a relapse he was given ixazomib, lenalidomide and "
                "dexamethasone, then pomalidomide and dexamethasone.\n")
    assert [sorted(i["agents"]) for i in r["interventions"]] == [["dexamethasone", "ixazomib", "lenalidomide"],
                                                                  ["dexamethasone", "pomalidomide"]]
    r = extract("Case report\nA 50-year-old woman had a lung adenocarcinoma. She received chemoradiotherapy, "
                "gefitinib, platinum-pemetrexed and erlotinib.\n")
    assert not any({"pemetrexed", "erlotinib"} <= set(i["agents"]) for i in r["interventions"])


def test_gonadal_operations():
    r = extract("Case report\nA 54-year-old woman had ovarian metastases. Bilateral salpingo-oophorectomy was "
                "therefore performed.\n")
    assert categories(r) == ["surgery"]


@pytest.mark.parametrize("said, field, value", [
    ("Progression-free survival was 4 months on crizotinib.", "recurrence", None),
    ("At the last follow-up she had been progression-free on alectinib for 22 months.", "follow_up_months", 22),
    ("Progression-free survival had reached 32 months at the last follow-up.", "follow_up_months", 32),
    ("Thirteen months from diagnosis he is progression-free.", "follow_up_months", 13),
    ("A chest radiograph raised the possibility of pulmonary metastasis.", "metastasis", None),
])
def test_outcome_told_so(said, field, value):
    r = extract(f"Case report\nA 40-year-old woman had a carcinoma and received treatment. {said}\n")
    assert r["outcome"][field] == value


def test_a_codon_told_alone_is_the_change_told_at_it():
    r = extract("Case report\nA 3-year-old boy had a neuroblastoma with an ALKF1174L mutation.\nMolecular findings\n"
                "- ALK: F1174 mutation\n- MYCN: amplification\n")
    assert _mutations(r) == {("ALK", "F1174L")}
    # (a codon alone, with no change told at it, is a mutation of the gene whose change is not given: genomic11)
    assert _mutations(extract("Case report\nA 3-year-old boy had a neuroblastoma.\n- ALK: F1174 mutation\n")) == {
        ("ALK", None)}
