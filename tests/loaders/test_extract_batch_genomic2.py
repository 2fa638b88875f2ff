"""What the blind batch genomic2 showed, fixed in general (tests/data/genomic2: case series, children, results laid
out as molecular reports lay them out, bone and haematolymphoid tumours at any site); each test is on text written
for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

CASE = "A 50-year-old woman had a tumour of the T9 vertebra. "


def _genomic(text: str) -> list[tuple[object, ...]]:
    return sorted((g["kind"], g.get("gene") or "", g.get("gene5") or "", g.get("gene3") or "", g.get("variant") or "")
                  for g in extract(CASE + text)["genomic"])


def _records(text: str) -> list[dict]:
    return [r.to_dict() for r in extract_text(text, "series.txt")]


def test_a_test_s_design_is_no_result():
    assert _genomic("We ran RT-PCR for the SS18-SSX1 and SS18-SSX2 transcripts on paraffin-embedded tissue.") == []
    assert _genomic("We performed FISH for the EWSR1 gene, which revealed split signals in 60% of nuclei.") == [
        ("fusion", "", "EWSR1", "", "")]


@pytest.mark.parametrize("text, want", [
    ("They share one germline heterozygous missense variant in IDH1, c.299G>A, p.Arg100Gln (p.R100Q).", "R100Q"),
    ("Patient's result\n- Gene: TP53\n- Exon: 8\n- cDNA: c.844C>T\n- Protein: p.Arg282Trp\n- Type: missense\n",
     "R282W"),
])
def test_the_protein_change_told_after_the_dna_change(text, want):
    assert [g[4] for g in _genomic(text)] == [want]


def test_the_marrow_s_complete_response_is_not_the_disease_s():
    r = extract(CASE + "After six cycles of chemotherapy the disease was in partial response, and the bone marrow was "
                       "in complete response.")
    assert r["outcome"]["status"] is None and r["outcome"]["recurrence"] is None


def test_a_metabolite_is_no_level():
    r = extract("A 12-year-old girl had a chondrosarcoma of the mastoid. The variant produces small amounts of "
                "D-2-hydroxyglutarate (D2HG); urine D2HG was not raised.")
    assert r["details"]["vertebrae"] == []


def test_run_in_parts_with_an_aside_then_a_results_heading_for_all():
    recs = _records("Familial chondrosarcoma of the mastoid\n\nCase series\nPatient 1 (the mother). She developed "
                    "a grade 1 chondrosarcoma of the mastoid.\nPatient 2 (first child). A bilateral grade 1 "
                    "chondrosarcoma of the mastoid developed.\n\nMolecular findings\nExome sequencing of all three "
                    "showed one germline IDH1 variant, c.299G>A (p.Arg100Gln).\n")
    assert len(recs) == 2
    assert [[(g["gene"], g["variant"]) for g in r["genomic"]] for r in recs] == [[("IDH1", "R100Q")]] * 2


def test_a_patient_of_a_series_named_as_an_appositive():
    recs = _records("Case presentation\nThe first patient, a boy aged 32 months, was admitted after convulsions and "
                    "was operated on; the tumour was a choroid plexus carcinoma.\nFive months later his elder sister, "
                    "the second patient, was 13 years old when she was brought in; pathology showed a glioblastoma.\n")
    assert [(r["patient"]["age_years"], r["diagnosis"]["label"]) for r in recs] == [
        (2.67, "choroid plexus carcinoma"), (13, "glioblastoma")]


def test_patients_told_with_a_comma_and_their_age_in_months():
    recs = _records("The two patients\nPatient 1, a boy, was diagnosed with medulloblastoma at 2 months of age.\n"
                    "Patient 2, his brother, was diagnosed with medulloblastoma at 3 months of age.\n")
    assert [r["patient"]["age_years"] for r in recs] == [0.17, 0.25]
    # (a later visit's age is no age at diagnosis)
    assert extract("A girl had a glioma of the cord at T2. At 17 months of age she was crawling.")["patient"][
        "age_years"] is None


def test_a_relapse_between_two_operations_and_a_new_course():
    r = extract("A one-year-old boy had a neuroblastoma with a T10 metastasis. After six cycles of induction "
                "chemotherapy the disease was in partial response. The residual adrenal primary was then resected. "
                "At the end of maintenance therapy, the boy developed multiple CNS metastases. A ventriculoperitoneal "
                "shunt was placed. Lorlatinib was started, together with a new chemotherapy course of irinotecan and "
                "temozolomide.")
    assert categories(r) == ["chemotherapy", "surgery", "surgery", "chemotherapy", "targeted_therapy"]


def test_a_series_diagnosis_told_in_the_title_and_infants_found_before_birth():
    recs = _records("Larotrectinib instead of mutilating surgery in infantile fibrosarcoma: three patients\n\n"
                    "Patients\nPatient 1.\nThe tumour was detected antenatally in the floor of the mouth. Two years "
                    "later the tumour had regressed completely.\nPatient 2.\nA mass of the right foot was present at "
                    "birth; chemotherapy had no effect.\n")
    assert [(r["patient"]["age_years"], r["diagnosis"]["label"]) for r in recs] == [
        (0, "infantile fibrosarcoma"), (0, "infantile fibrosarcoma")]
    assert recs[0]["outcome"]["follow_up_months"] == 24
    # (the exclusion of "instead of" takes its object, not a phrase after it; "rather than start with open surgery"
    # still sets the surgery aside)
    r = extract(CASE + "Rather than start with open surgery, the team injected ethanol under CT guidance.")
    assert "surgery" not in categories(r)


def test_a_table_cell_that_tells_its_own_result():
    assert _genomic("\nTest | Specimen | Result\nNext-generation sequencing | not stated | FLT3-ITD detected; RUNX1 "
                    "mutation detected\n") == [("mutation", "FLT3", "", "", ""), ("mutation", "RUNX1", "", "", "")]
    assert _genomic("\nTest | Specimen | Result\nNGS | tumour | no KRAS mutation detected\n") == []


def test_the_story_after_a_comment_paragraph_and_a_follow_up_note():
    r = extract("Case presentation\nA 50-year-old woman had a myeloid sarcoma of the sternum.\nComment: the fusion "
                "was cryptic on the karyotype.\n\nTreatment\nShe started treatment at once with daunorubicin.\n")
    assert categories(r) == ["chemotherapy"]
    r = extract("Case presentation\nA 3-year-old boy had a glioneuronal tumour of the conus at L1, removed by "
                "near-total resection.\n\nDiscussion\nAn NTRK3 fusion is a target, so larotrectinib is recommended.\n"
                "Follow-up note: the patient was later started on targeted therapy with larotrectinib.\n")
    assert categories(r) == ["surgery", "targeted_therapy"]


def test_flow_cytometry_markers_and_a_glued_oncogene_name():
    r = extract(CASE + "Flow cytometry of the blood found a clonal plasma cell population. It expressed CD38 and "
                       "CD138. A homogeneously staining region harboured CMYC amplification.")
    assert r["markers"] == []
    assert [(g["kind"], g["gene"]) for g in r["genomic"]] == [("amplification", "MYC")]


def test_a_board_note_s_patient_heading_and_plasma_cell_leukaemia():
    r = extract("MOLECULAR TUMOUR BOARD\n\n1. Patient and question\nA woman with a primary undifferentiated sarcoma "
                "of the heart.\n")
    assert (r["patient"]["sex"], r["diagnosis"]["label"]) == ("female", "undifferentiated sarcoma")
    r = extract("A 36-year-old woman had a T5 mass.\nDiagnosis: plasma cell leukaemia, arising de novo (primary).")
    assert r["diagnosis"]["label"] == "plasma cell leukaemia"


def test_a_report_s_addendum_and_a_cited_patient_told_on_in_a_paragraph():
    r = extract("PATHOLOGY REPORT\nDiagnosis: alveolar rhabdomyosarcoma of the sacrum at S2.\n\n"
                "COMMENT\nInterphase FISH was requested.\n\n"
                "ADDENDUM - INTERPHASE FISH\nResult: FKHR gene break: POSITIVE. The FKHR locus is rearranged.\n\n"
                "NOTE\nDi Carlo and colleagues (Pediatr Blood Cancer 2021) reported a two-year-old girl with ARMS of "
                "the tongue. Her tumour had no PAX-FOXO1 fusion but carried a PAX3-NCOA1 fusion.\n")
    assert [(g["gene5"], g["gene3"]) for g in r["genomic"]] == [(None, "FOXO1")]
