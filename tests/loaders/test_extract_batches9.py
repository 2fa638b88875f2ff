"""What the blind batch molecular9 (m01, n01-n02, q01-q02, r01-r02, s01-s02, t01, u01-u02) showed at its first run,
each on inline text written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _records(text: str) -> list[dict]:
    return [r.to_dict() for r in extract_text(text, "doc.txt")]


def _one(text: str) -> dict:
    recs = _records(text)
    assert len(recs) == 1, [r["patient"] for r in recs]
    return recs[0]


def _genomic(r: dict) -> list[tuple[object, ...]]:
    return sorted((g["kind"], g.get("gene") or "", g.get("gene5") or "", g.get("gene3") or "", g.get("variant") or "")
                  for g in r["genomic"])


CASE = "A 52-year-old woman had a tumour of T9. "


# --- genomic notations -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, want", [
    ("Exome analysis identified a novel splice-site mutation, c.1641+1G>A, in the QRS gene. PTCH1 analysis "
     "identified a novel missense variant, c.631G>A.", ("PTCH1", "c.631G>A")),
    ("TSC2 sequencing showed a heterozygous deletion, c.1100-12_1130del43bp, across the exon boundary.",
     ("TSC2", "c.1100-12_1130del43bp")),
    ("Results: PTEN: frameshift variant p.K267Rfs*9.", ("PTEN", "K267Rfs*9")),
])
def test_a_change_after_the_test_and_its_verb(sentence, want):
    got = _genomic(_one(CASE + sentence))
    assert ("mutation", want[0], "", "", want[1]) in got, got


def test_several_changes_after_one_verb_are_each_a_finding():
    got = _genomic(_one(CASE + "Two novel RB1 alterations were identified, p.Gln176Ter and p.Arg251Gly."))
    assert got == [("mutation", "RB1", "", "", "Q176*"), ("mutation", "RB1", "", "", "R251G")]


def test_the_genes_a_panel_lists_as_mutated_are_each_a_mutation():
    got = _genomic(_one(CASE + "Mutations were reported in the following genes: ARID1A, KDM6A/B, QKI and ZNRF3."))
    assert [g[1] for g in got] == ["ARID1A", "KDM6A", "KDM6B", "QKI", "ZNRF3"]


def test_genes_listed_as_not_mutated_are_none():
    assert _one(CASE + "No mutations were found in the following genes: TP53, KRAS and NRAS.")["genomic"] == []


@pytest.mark.parametrize("sentence, gene", [("Copy-number analysis showed gains of CDK4 and of MYC.", ["CDK4", "MYC"]),
                                            ("FISH showed a MET (7q31) duplication.", ["MET"])])
def test_a_copy_number_gain_is_an_amplification(sentence, gene):
    got = _genomic(_one(CASE + sentence))
    assert got == [("amplification", g, "", "", "") for g in gene]


def test_a_result_field_that_says_not_detected_is_no_finding():
    got = _genomic(_one(CASE + "Molecular testing of the tumour: NRAS Q61R mutation DETECTED. KIT and PDGFRA "
                               "mutations: NOT detected."))
    assert got == [("mutation", "NRAS", "", "", "Q61R")]


@pytest.mark.parametrize("sentence, want", [
    ("Marrow cytogenetics showed acute myeloid leukaemia with t(8;21).", ("RUNX1", "RUNX1T1")),
    ("The lymphoma cells carried a (2;17) translocation.", ("CLTC", "ALK")),
    ("The karyotype showed inv(16)(p13.1q22).", ("CBFB", "MYH11")),
    ("Cytogenetics showed t(11;22)(p13;q12).", ("EWSR1", "WT1")),
])
def test_a_translocation_is_the_fusion_the_ontology_knows_for_it(sentence, want):
    assert _genomic(_one(CASE + sentence)) == [("fusion", "", *want, "")]


def test_a_translocation_of_several_fusions_without_bands_gives_the_gene_they_share():
    assert _genomic(_one(CASE + "Cytogenetics showed t(11;22).")) == [("fusion", "", "EWSR1", "", "")]


def test_a_translocation_not_found_is_none():
    assert _one(CASE + "No t(8;21) was found and FISH was negative for t(14;18).")["genomic"] == []


def test_an_old_symbol_in_a_fusion_named_by_its_translocation_is_one_fusion():
    got = _genomic(_one(CASE + "RT-PCR detected an EWS-ERG transcript, the product of t(21;22)(q22;q12)."))
    assert got == [("fusion", "", "EWSR1", "ERG", "")]


def test_alk_positive_beside_an_alk_fusion_stays_a_stain():
    r = _one(CASE + "Pathology showed an ALK positive lymphoma. The cells carried a (2;17) translocation.")
    assert any(m["name"] == "ALK" and m["result"] == "positive" for m in r["markers"])


# --- whose part: letters, families, findings sections ----------------------------------------------------------------

def test_patients_headed_by_a_letter_each_have_their_own_record():
    text = ("Re: Patient A and Patient B\n\nPatient A\nThis man, in his fifties, had a schwannoma of L3. Sequencing "
            "found a germline LZTR1 mutation.\n\nPatient B\nThis man presented at the age of 61 years with a "
            "schwannoma of T11.\n\nComments\nThe LZTR1 mutation in Patient A's tumour is typical of both men's "
            "disease.\n")
    recs = _records(text)
    assert len(recs) == 2
    assert [g["gene"] for g in recs[0]["genomic"]] == ["LZTR1"] and recs[1]["genomic"] == []


def test_a_comparison_heading_with_a_remark_in_brackets_ends_the_case():
    text = ("Case\nA 44-year-old man had a chordoma of L2 treated by en bloc resection.\n\n"
            "Points of comparison (other patients; not to be confused with ours)\n"
            "- A 70-year-old woman had a chordoma of S3 with a TBXT R56H variant.\n")
    r = _one(text)
    assert r["genomic"] == [] and "S3" not in r["vertebrae"]


def test_a_findings_heading_after_a_background_part_is_the_patients():
    text = ("Patient: 60-year-old man\n\nBackground to the request\nThese tumours often carry IDH1 changes.\n\n"
            "Molecular findings (tumour DNA)\n1. IDH1: missense variant p.R132C.\n\nAdditional study\n"
            "The tumour expressed PD-L1.\n")
    r = _one(text)
    assert _genomic(r) == [("mutation", "IDH1", "", "", "R132C")]
    assert [m["name"] for m in r["markers"]] == ["PD-L1"]


def test_a_family_told_as_a_whole_gives_each_affected_member_a_record():
    text = ("Methods\nWe studied, clinically and genetically, a single family in which three of seven members had "
            "a spinal meningioma.\n\nResults\nSequencing showed a germline SMARCE1 mutation, c.237_238insC, in "
            "every affected member.\n")
    recs = _records(text)
    assert len(recs) == 3
    assert all(r["diagnosis"]["label"] and [g["gene"] for g in r["genomic"]] == ["SMARCE1"] for r in recs)


def test_a_report_field_gives_the_patients_age_and_sex():
    r = _one("Decedent: male, 71 years\n\nClinical history\nHe had a glioma of the conus medullaris.\n")
    assert r["patient"]["age_years"] == 71 and r["patient"]["sex"] == "male"


# --- levels, treatments, outcome --------------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, want", [("a tumour of the sacral region", ["sacrum"]),
                                          ("lytic lesions of the thoracic, lumbar and sacral spine", ["sacrum"]),
                                          ("a sacrococcygeal chordoma", ["sacrum", "coccyx"]),
                                          ("a sacral chordoma of S2 and S3", ["S2", "S3"])])
def test_the_sacrum_said_by_its_adjective(phrase, want):
    r = _one(f"A 62-year-old woman had {phrase}.")
    assert r["vertebrae"] == want


def test_sacral_tumours_in_general_give_no_level():
    r = _one("A 62-year-old woman had a chordoma of L4. Sacrococcygeal masses in infancy are usually teratomas.")
    assert r["vertebrae"] == ["L4"]


def test_an_antibody_listed_with_cytotoxic_drugs_is_one_line_with_them():
    r = _one(CASE + "She received six cycles of rituximab with bendamustine.")
    lines = [(i["category"], sorted(i["agents"])) for i in r["interventions"]]
    assert lines == [("chemotherapy", ["bendamustine", "rituximab"])], lines


def test_two_checkpoint_inhibitors_given_together_are_one_line():
    r = _one(CASE + "She was treated with four cycles of pembrolizumab (200 mg) combined with ipilimumab.")
    lines = [(i["category"], i["label"], sorted(i["agents"])) for i in r["interventions"]]
    assert lines == [("immunotherapy", "pembrolizumab + ipilimumab", ["ipilimumab", "pembrolizumab"])]


def test_a_radiotherapy_dose_is_no_drug_dose():
    r = _one(CASE + "She was treated with nivolumab, then whole-brain radiotherapy (30 Gy).")
    assert all(i.get("dose") is None for i in r["interventions"] if i["category"] == "immunotherapy")


def test_checkpoint_inhibitors_given_to_the_patient_are_a_treatment_and_in_general_none():
    r = _one(CASE + "After resection she was treated with radiation and with immune checkpoint inhibitors.")
    assert "immunotherapy" in [i["category"] for i in r["interventions"]]
    r = _one(CASE + "She underwent resection. Immune checkpoint inhibitors have produced responses in melanoma.")
    assert "immunotherapy" not in [i["category"] for i in r["interventions"]]


def test_tissue_taken_from_a_lesion_is_a_biopsy():
    r = _one(CASE + "Two weeks later new lesions appeared in the ribs, and tissue was obtained from one of the rib "
                    "lesions.")
    assert [i["category"] for i in r["interventions"]] == ["biopsy"]


def test_a_time_counted_from_surgery_is_no_new_operation():
    r = _one(CASE + "She underwent gross total resection. A lesion of the liver was biopsied. She died 9 months "
                    "after surgery.")
    assert sorted(i["category"] for i in r["interventions"]) == ["biopsy", "surgery"]
    assert [i["label"] for i in r["interventions"] if i["category"] == "biopsy"] == ["biopsy"]


@pytest.mark.parametrize("sentence, key", [
    ("The recurrent disease later spread to the lungs.", "metastasis"),
    ("MRI showed new lesions with meningeal dissemination.", "metastasis"),
    ("The new mass proved to be a myeloid sarcoma representing a relapse of her leukaemia.", "recurrence"),
])
def test_outcome_said_in_other_words(sentence, key):
    assert _one(CASE + "She underwent resection. " + sentence)["outcome"][key] is True


def test_a_ki67_range_gives_its_middle():
    r = _one(CASE + "The Ki-67 index was 4-6%.")
    assert [(m["name"], m["value_percent"]) for m in r["markers"]] == [("Ki-67", 5)]


@pytest.mark.parametrize("marker", ["CD19", "CD22", "SOX11", "PHOX2B"])
def test_common_markers_are_grounded(marker):
    r = _one(CASE + f"The tumour cells were negative for {marker}.")
    assert [(m["name"], m["result"], bool(m["term"])) for m in r["markers"]] == [(marker, "negative", True)]


# --- what the first run of molecular10 showed ------------------------------------------------------------------------

def test_a_reports_dot_leaders_are_its_fields_colons():
    r = _one("Patient: 58-year-old woman\n\nIMMUNOHISTOCHEMISTRY\nDesmin .......... positive, diffuse\n"
             "Myogenin ........ negative\n")
    assert sorted((m["name"], m["result"]) for m in r["markers"]) == [("Desmin", "positive"), ("Myogenin", "negative")]


def test_a_predicted_protein_change_in_brackets():
    assert _genomic(_one(CASE + "Sequencing showed LZTR1 c.628C>T, p.(Arg210Ter).")) == [
        ("mutation", "LZTR1", "", "", "R210*")]


def test_a_reports_gene_and_variant_fields():
    text = (CASE + "\n\nGenetic result\nGermline testing found a heterozygous change.\n\n  Gene: PTCH1\n"
            "  Variant: c.1804C>T, p.(Arg602Ter)\n  Zygosity: heterozygous\n")
    assert _genomic(_one(text)) == [("mutation", "PTCH1", "", "", "R602*")]


def test_a_mutation_said_after_the_test_without_its_change():
    assert _genomic(_one(CASE + "TSC2 testing showed a missense mutation in exon 16.")) == [
        ("mutation", "TSC2", "", "", "")]


def test_one_change_told_in_both_notations_is_one_finding():
    got = _genomic(_one(CASE + "A missense mutation in exon 39 of the NF1 gene, c.7109T>A (p.Val2370Asp), was "
                               "found. Analysis of the NF1 gene identified a missense mutation in exon 39, c.7109T>A."))
    assert got == [("mutation", "NF1", "", "", "V2370D")]


def test_a_share_of_a_kind_of_tumour_is_no_finding_of_the_patient():
    r = _one(CASE + "Diagnosis: epithelioid sarcoma. BRAF V600E is present in roughly 5-10% of tumours. Loss of "
                    "INI-1 expression is present in more than 90% of cases.")
    assert r["genomic"] == [] and all(m.get("value_percent") is None for m in r["markers"])


def test_a_first_impression_is_no_diagnosis_when_the_final_one_is_told():
    r = _one("A 7-year-old girl had a mass invading L4. The initial histological impression was of an Ewing-like "
             "sarcoma. The final diagnosis was an unclassified spindle cell tumour with a kinase fusion.")
    assert r["diagnosis"]["label"] is None


def test_a_tumour_that_progressed_on_treatment_did_not_recur():
    r = _one(CASE + "She received chemotherapy with vincristine and doxorubicin. The tumour progressed on first-line "
                    "treatment.")
    assert r["outcome"]["recurrence"] is None


def test_a_radiotherapy_told_back_is_the_course_before():
    r = _one(CASE + "She then had proton beam radiotherapy. Imatinib was continued for 12 months after completion of "
                    "proton therapy.")
    assert [i["category"] for i in r["interventions"]].count("radiotherapy") == 1


def test_a_lateral_mass_stabilization_keeps_its_name():
    r = _one(CASE + "She was operated on through a posterior approach with lateral mass stabilization from C3 to C6.")
    assert [i["label"] for i in r["interventions"]] == ["lateral mass stabilization"]


def test_abl_kinase_inhibitors_and_intrathecal_hydrocortisone():
    r = _one(CASE + "Oral dasatinib was started. She received intrathecal cytarabine, methotrexate and hydrocortisone.")
    lines = sorted((i["category"], tuple(sorted(i["agents"]))) for i in r["interventions"])
    assert lines == [("chemotherapy", ("cytarabine", "hydrocortisone", "methotrexate")),
                     ("targeted_therapy", ("dasatinib",))]


# --- what the first run of molecular11 showed ------------------------------------------------------------------------

def test_genes_listed_after_variants_in_without_the_word_genes():
    got = _genomic(_one(CASE + "Sequencing found an EWSR1-FLI1 fusion and variants in PTCH1, TERT, CREBBP and STK11."))
    assert [g[1] for g in got if g[0] == "mutation"] == ["CREBBP", "PTCH1", "STK11", "TERT"]


def test_a_nucleotide_change_is_no_gene():
    got = _genomic(_one(CASE + "Sequencing showed a somatic frame-shift mutation of NF2, CGA>C."))
    assert all(g[1] != "CGA" for g in got)


def test_a_cohorts_counted_diagnoses_are_nobodys():
    r = _one("Nine patients with spinal tumours were operated on. Three patients had neurofibromas, one a "
             "ganglioneuroma, one an ependymoma, and four had schwannomas.")
    assert r["diagnosis"]["label"] is None


def test_the_region_an_examination_covers_is_no_level():
    r = _one("A 40-year-old man had back pain. An MRI of the sacrum showed distortion of the L5 nerve roots. MRI of "
             "the cord showed a mass from C2 to C5.")
    assert r["vertebrae"] == ["C2", "C3", "C4", "C5"]
