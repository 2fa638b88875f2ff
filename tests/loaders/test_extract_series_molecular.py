"""What the blind case series s01-s06 and molecular reports x01-x10 showed (tests/data/series, molecular), each
on inline text written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import categories, extract, marker_results
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _records(text: str) -> list[dict]:
    return [r.to_dict() for r in extract_text(text, "series.txt")]


def _genomic(record: dict) -> set[tuple]:
    return {(g["kind"], g.get("gene") or f"{g['gene5']}-{g['gene3']}", g.get("variant"), g.get("exon5"),
             g.get("exon3")) for g in record["genomic"]}


# --- diagnosis ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["metastatic renal cell carcinoma", "a metastasis of breast adenocarcinoma",
                                    "adenocarcinoma of the lung"])
def test_a_carcinoma_named_by_its_primary_is_the_spinal_metastasis(phrase):
    r = extract(f"Case report\nA 66-year-old man had a destructive L3 lesion. Biopsy showed {phrase}.")
    assert r["diagnosis"]["term"].endswith("/Metastasis"), r["diagnosis"]
    assert "carcinoma" in r["diagnosis"]["label"]


def test_a_tumour_of_a_literature_patient_in_the_discussion_is_never_the_diagnosis():
    r = extract("Case report\nA 31-year-old woman had a painful lesion of the T9 body. It was curetted and grafted.\n"
                "Discussion\nA 17-year-old boy described by others had an osteoblastoma of C2 treated by excision.")
    assert r["diagnosis"]["label"] is None, r["diagnosis"]


def test_the_opening_sentence_names_the_subject_when_the_case_names_none():
    r = extract("Introduction\nSchwannomas are benign nerve sheath tumours.\nCase report\nA 52-year-old man had an "
                "intradural mass at L2 that was removed completely.")
    assert r["diagnosis"]["label"] == "Schwannomas" or r["diagnosis"]["label"].lower().startswith("schwannoma")


def test_a_tumour_the_opening_sentence_only_mentions_is_not_its_subject():
    r = extract("Introduction\nHistone mutations resulting in H3 K27M are found in diffuse midline gliomas of "
                "children.\nCase report\nA 41-year-old man had an intramedullary thoracic mass that was partly "
                "removed.")
    assert r["diagnosis"]["label"] is None, r["diagnosis"]


def test_a_simple_bone_cyst_is_a_tumour_type_of_the_ontology():
    r = extract("Case report\nA 20-year-old man had a lytic L3 lesion; histology confirmed a unicameral bone cyst.")
    assert r["diagnosis"]["term"].endswith("/SimpleBoneCyst")


# --- case series ------------------------------------------------------------------------------------------------

_SHARED = """Case 1
The first patient, a 40-year-old woman, had a lesion of the T7 body.

Case 2
The second patient, a 58-year-old man, had a lesion of the L2 body.

Treatment and outcome (both cases)
Both patients had the same operation. A posterior instrumented fusion was performed after curettage.
There was no recurrence in either patient.
"""


def test_a_part_told_for_both_patients_gives_each_the_treatment_and_outcome():
    one, two = _records(_SHARED)
    for r in (one, two):
        assert categories(r) == ["surgery"], r["interventions"]
        assert r["outcome"]["recurrence"] is False
    assert (one["patient"]["age_years"], two["patient"]["age_years"]) == (40, 58)
    assert one["vertebrae"] == ["T7"] and two["vertebrae"] == ["L2"]


def test_a_statement_of_all_three_patients_reaches_each():
    text = ("Case 1. A 16-year-old boy had a C5 tumour treated by resection.\n"
            "Case 2. A 19-year-old woman had a C6 tumour treated by resection.\n"
            "Case 3. A 25-year-old man had a C3 tumour treated by resection.\n"
            "All three of our patients died of lung metastases within two years.")
    for r in _records(text):
        assert r["outcome"]["metastasis"] is True and r["outcome"]["status"], r["outcome"]


# --- events -----------------------------------------------------------------------------------------------------

def test_a_step_done_again_a_month_later_is_another_operation():
    r = extract("Case report\nA 60-year-old man had an L2 metastasis. He underwent decompression, tumour resection "
                "and stabilisation. One month later a C6 lesion was found, and he underwent decompression and "
                "anterior plating.")
    assert categories(r) == ["surgery", "surgery"], r["interventions"]


def test_a_new_procedure_after_time_counted_from_the_first_operation_is_a_new_operation():
    r = extract("Case report\nA 78-year-old woman had a lumbar myeloma lesion. She underwent tumour resection and "
                "posterior fusion. Three years after this first operation, lesions were found in C1 and C2. She "
                "underwent an anterior corpectomy with a fibular graft.")
    assert categories(r) == ["surgery", "surgery"], r["interventions"]


def test_a_second_operation_in_the_sentence_that_dates_it_from_the_first():
    r = extract("Case report\nA 49-year-old woman had an L1 tumour and underwent an en bloc resection. Five years "
                "after the first operation a lung nodule appeared, and a second operation was performed.")
    assert categories(r) == ["surgery", "surgery"], r["interventions"]


def test_lines_of_chemotherapy_and_courses_of_radiotherapy_split_at_a_recurrence():
    r = extract("Case report\nA 44-year-old woman had a T1 Ewing sarcoma. After subtotal resection she received "
                "craniospinal irradiation and six cycles of cisplatin and vincristine. Two years later a recurrence "
                "at L4 was treated with stereotactic radiosurgery followed by ifosfamide and etoposide.")
    chemo = [set(i["agents"]) for i in r["interventions"] if i["category"] == "chemotherapy"]
    assert chemo == [{"cisplatin", "vincristine"}, {"ifosfamide", "etoposide"}], r["interventions"]
    assert [i["category"] for i in r["interventions"]].count("radiotherapy") == 2


def test_a_treatment_named_again_is_not_given_again():
    r = extract("Case report\nA 63-year-old man had a plasmacytoma of T7. He received radiotherapy of 45 Gy in 25 "
                "fractions; lenalidomide is held in reserve if progression occurs. Pain resolved by the end of RT.")
    assert categories(r).count("radiotherapy") == 1, r["interventions"]


# --- outcome ----------------------------------------------------------------------------------------------------

def test_a_follow_up_the_text_names_wins_over_a_time_to_an_event():
    r = extract("Case report\nA 78-year-old woman had a myeloma lesion and underwent resection. Three years after "
                "this operation, metastatic lesions were found in C2. She has been followed for 12 months since.")
    assert r["outcome"]["follow_up_months"] == 12
    assert r["outcome"]["metastasis"] is True


def test_a_time_point_called_follow_up_is_not_the_length_of_the_follow_up():
    r = extract("Case report\nA 63-year-old man had an L1 liposarcoma that was resected. At 14 months follow-up MRI "
                "showed a local recurrence. At 2 years after the operation he is alive with disease.")
    assert r["outcome"]["follow_up_months"] == 24


# --- molecular --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, finding", [
    ("Genomic profiling placed the breakpoints in exon 20 of CIC and in exon 1 of DUX4.",
     ("fusion", "CIC-DUX4", None, 20, 1)),
    ("Sequencing found an EWS RNA binding protein 1 (EWSR1)-FLI1 fusion transcript.",
     ("fusion", "EWSR1-FLI1", None, None, None)),
    ("Sequencing showed a Phe119Leu mutation in exon 2 of the VHL gene.", ("mutation", "VHL", "F119L", None, None)),
    ("Panel sequencing showed a TERT C228T promoter mutation.", ("mutation", "TERT", "C228T", None, None)),
    ("Sequencing showed a PDGFRα Y849C mutation.", ("mutation", "PDGFRA", "Y849C", None, None)),
    ("Sequencing revealed H3 K27M together with other changes.", ("mutation", "H3", "K27M", None, None)),
    ("Array CGH revealed amplification of 12q13-15 only.", ("amplification", "12q13-15", None, None, None)),
])
def test_molecular_notations(sentence, finding):
    r = extract(f"Case report\nA 30-year-old woman had a T5 tumour. {sentence}")
    assert finding in _genomic(r), _genomic(r)


def test_a_histone_change_read_on_a_stain_is_a_marker_not_a_mutation():
    r = extract("Case report\nA 30-year-old woman had a T5 glioma. Sequencing was not done; H3 K27M "
                "immunostaining was positive.")
    assert not r["genomic"], r["genomic"]


def test_a_family_name_gives_way_to_the_gene_with_the_same_change():
    r = extract("Case report\nA 28-year-old man had a cervical cord glioma. Sequencing revealed an H3F3A K27M "
                "mutation; such H3 K27M-mutant gliomas are aggressive.")
    assert {g for g in _genomic(r) if g[0] == "mutation"} == {("mutation", "H3-3A", "K27M", None, None)}


def test_markers_after_overexpressed_in_a_list_with_glosses_and_highlighted():
    r = extract("Case report\nA 67-year-old man had a paravertebral mass. The cells overexpressed MDM2 and CDK4 by "
                "immunohistochemistry. There was diffuse staining for CD99 and the ETS transcription factor ERG. "
                "CD31 and CD34 immunostains highlighted the vessels.")
    got = marker_results(r)
    assert {k: got.get(k) for k in ("MDM2", "CDK4", "CD99", "ERG", "CD31", "CD34")} == dict.fromkeys(
        ("MDM2", "CDK4", "CD99", "ERG", "CD31", "CD34"), "positive"), got


# --- what the second molecular batch (tests/data/molecular2) showed ----------------------------------------------

def test_what_a_test_panel_looked_for_is_not_what_it_found():
    r = extract("Case report\nA 10-year-old girl had a T6 epidural tumour. RT-PCR with primers for the EWS/FLI1, "
                "EWS/ERG and EWS/ATF1 transcripts detected an EWSR1/ATF1 fusion transcript.")
    assert _genomic(r) == {("fusion", "EWSR1-ATF1", None, None, None)}, _genomic(r)


def test_a_hotspot_listed_among_immunostains_is_not_a_mutation_and_ki67_listed_is_no_result():
    r = extract("Case report\nA 50-year-old man had a T8 cord glioma. The specimen was studied with immunostains "
                "including GFAP, BRAF V600E and Ki-67.")
    assert not r["genomic"] and "Ki-67" not in marker_results(r), (r["genomic"], r["markers"])


def test_a_change_given_only_at_the_dna_level():
    r = extract("Case report\nA 40-year-old woman had a C6 chordoma. Sequencing identified EGFR c.3617A>C.")
    assert ("mutation", "EGFR", "c.3617A>C", None, None) in _genomic(r)


@pytest.mark.parametrize("sentence, finding", [
    ("FISH showed a rearrangement of the FUS gene; its partner was not identified.",
     ("fusion", "FUS-None", None, None, None)),
    ("Break-apart FISH showed NTRK1 rearrangement.", ("fusion", "None-NTRK1", None, None, None)),
])
def test_a_rearrangement_with_an_unnamed_partner_keeps_the_named_one(sentence, finding):
    r = extract(f"Case report\nA 30-year-old woman had a T5 tumour. {sentence}")
    assert _genomic(r) == {finding}, _genomic(r)


def test_a_break_apart_result_gives_way_to_the_fusion_named_after_it():
    r = extract("Case report\nA 30-year-old woman had a T5 tumour. Break-apart FISH showed EWSR1 rearrangement, and "
                "RT-PCR found an EWSR1-WT1 transcript.")
    assert _genomic(r) == {("fusion", "EWSR1-WT1", None, None, None)}, _genomic(r)


def test_a_laboratory_fixation_and_a_slashed_acronym_are_not_treatments():
    r = extract("Case report\nA 6-year-old boy had an AT/RT at L3. The tissue was examined after formalin fixation "
                "and paraffin embedding.")
    assert r["interventions"] == [], r["interventions"]
    assert r["diagnosis"]["term"].endswith("/AtypicalTeratoidRhabdoidTumor")


def test_a_likeness_of_phenotype_is_not_the_diagnosis():
    r = extract("Case report\nA 40-year-old man had an L2 tumour. Its immunophenotype was that of a glomus tumour.")
    assert r["diagnosis"]["label"] is None, r["diagnosis"]


def test_germline_and_somatic_are_told_apart():
    r = extract("Case report\nA 30-year-old woman had a T5 tumour. Sequencing showed a somatic PIK3CA H1047R mutation "
                "and a germline TP53 R248Q variant.")
    assert {g["gene"]: g.get("origin") for g in r["genomic"]} == {"PIK3CA": "somatic", "TP53": "germline"}


def test_no_origin_when_the_report_says_none():
    r = extract("Case report\nA 30-year-old woman had a T5 tumour. Sequencing showed a PIK3CA H1047R mutation.")
    assert [g.get("origin") for g in r["genomic"]] == [None]


def test_an_operation_keeps_its_steps():
    r = extract("Case report\nA 50-year-old woman had a T11 chordoma. She underwent total en bloc spondylectomy of "
                "T11 with spinal reconstruction and posterior instrumentation from T9 to L1.")
    (op,) = [i for i in r["interventions"] if i["category"] == "surgery"]
    assert "total en bloc spondylectomy" in op["label"].lower()
    assert {s.lower() for s in op["steps"]} >= {"spinal reconstruction", "posterior instrumentation"}, op


def test_a_plural_tumour_of_the_discussion_is_the_literature_even_beside_this_tumour():
    text = ("The authors present the findings in a chordoma of the lumbar spine.\n\n"
            "A 52-year-old man had back pain. MRI showed a mass of the L3 vertebral body.\n\n"
            "Comment: because giant cell tumours have been described in many sites, this rare tumour should be "
            "kept in mind.")
    r = extract(text)
    assert r["diagnosis"]["term"].endswith("/Chordoma"), r["diagnosis"]
    assert all("Comment" not in e["text"] for e in r["diagnosis"]["evidence"])


@pytest.mark.parametrize("written, term", [("NTRK-rearranged low-grade spindle cell sarcoma",
                                            "NTRKRearrangedSpindleCellNeoplasm"),
                                           ("dedifferentiated high-grade chordoma", "DedifferentiatedChordoma")])
def test_a_grade_inside_a_tumour_name_is_read_past(written, term):
    from spinekg.loaders.extract.lexmatch import default_matcher

    found = [m for m in default_matcher().find(f"The diagnosis was {written}.") if m.kind == "tumor_type"]
    assert [(m.surface, m.iri.rsplit("/", 1)[1]) for m in found] == [(written, term)]
