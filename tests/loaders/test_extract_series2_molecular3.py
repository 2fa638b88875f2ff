"""What the blind batches series2 (t01-t06) and molecular3 (y01-y10) showed, each on inline text written for this
test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract.levels import find_levels
from spinekg.loaders.extract.outcome import extract_outcome
from spinekg.loaders.extract.sentences import patient_clauses
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _records(text: str) -> list[dict]:
    return [r.to_dict() for r in extract_text(text, "series.txt")]


def _genomic(record: dict) -> set[tuple]:
    return {(g["kind"], g.get("gene") or f"{g['gene5']}-{g['gene3']}", g.get("variant")) for g in record["genomic"]}


# --- series: patients told one after another inside a paragraph ---------------------------------------------------

def test_an_abstract_telling_two_patients_in_one_paragraph_gives_two_records():
    recs = _records(
        "Abstract\nWe report two patients with a chordoma. The first patient, a 61-year-old woman, had a mass of the "
        "L2 body and underwent an en bloc resection. The second patient, a 48-year-old man, had a lesion of T8; he "
        "received proton therapy.\nIntroduction\nChordomas are rare. A 70-year-old man with a C2 tumour was treated "
        "elsewhere.")
    assert [(r["patient"]["age_years"], r["patient"]["sex"]) for r in recs] == [(61, "female"), (48, "male")]
    assert [r["vertebrae"] for r in recs] == [["L2"], ["T8"]]
    assert [[i["category"] for i in r["interventions"]] for r in recs] == [["surgery"], ["radiotherapy"]]


def test_a_first_case_of_the_literature_does_not_open_a_patient():
    recs = _records("Introduction\nThe first case, a 30-year-old man, was reported by Smith et al. in 1990.\n"
                    "Case report\nA 52-year-old woman had a schwannoma at L3 that was removed.")
    assert len(recs) == 1 and recs[0]["patient"]["age_years"] == 52


def test_a_sentence_told_for_the_whole_series_gives_each_patient_the_levels_of_their_clause():
    recs = _records(
        "Case 1\nA 30-year-old man had a recurrent giant cell tumour of the neck.\n"
        "Case 2\nThe second patient was a woman of 44 with the same diagnosis.\n"
        "Treatment of both patients\nBoth underwent a total spondylectomy: of C4-6 in the man and of C3 to C5 in the "
        "woman.")
    assert recs[1]["patient"]["age_years"] == 44
    assert [r["vertebrae"] for r in recs] == [["C4", "C5", "C6"], ["C3", "C4", "C5"]]


def test_respectively_hands_the_nth_range_to_the_nth_patient():
    groups = [(m.start, m.end) for m in find_levels("The tumours lay at T4-T5 and at L2, respectively.")]
    text = "The tumours lay at T4-T5 and at L2, respectively."
    parts = patient_clauses(text, [1, 2], {1: "male", 2: "male"}, groups)
    assert [text[a:b] for a, b in parts[1]] == ["T4-T5"] and [text[a:b] for a, b in parts[2]] == ["L2"]


def test_a_patient_named_by_a_sex_both_share_is_nobody():
    text = "Resection was done at C3 in the man and at C5 in the man."
    assert patient_clauses(text, [1, 2], {1: "male", 2: "male"}, [(20, 22), (39, 41)]) == {}


# --- levels ---------------------------------------------------------------------------------------------------------

def test_a_tumour_reaching_down_from_the_medulla_starts_at_c1():
    assert [m.levels for m in find_levels("It reached from the medulla oblongata down to the C3 level.")] == [
        ["C1", "C2", "C3"]]


def test_from_a_lumbar_level_to_the_sacrum_takes_the_levels_between():
    assert [m.levels for m in find_levels("lesions ran from the L4 vertebra to the sacrum")] == [
        ["L4", "L5", "sacrum"]]


# --- outcome --------------------------------------------------------------------------------------------------------

def test_a_course_chained_with_semicolons_is_read_clause_by_clause():
    o = extract_outcome(["He was discharged walking by himself, and six years later he leads a normal life without "
                         "recurrence."])
    assert (o.follow_up_months, o.recurrence) == (72, False)


def test_a_discharge_does_not_hide_the_death_and_its_time():
    o = extract_outcome(["After discharge he was readmitted and died of metastatic lung cancer about a year after "
                         "the onset."])
    assert (o.status, o.follow_up_months) == ("died of other cause", 12)


def test_a_discharge_time_is_still_no_follow_up():
    assert extract_outcome(["He was discharged home 10 days after the operation."]).follow_up_months is None


def test_a_recurrence_the_patient_presented_with_gives_way_to_no_recurrence_after_treatment():
    o = extract_outcome(["A 25-year-old man presented with a recurrent chordoma.",
                         "At 2 years of follow-up he showed no recurrence."])
    assert o.recurrence is False


def test_a_tumour_that_progressed_after_surgery_recurred():
    assert extract_outcome(["Seven years after the operation the tumour progressed."]).recurrence is True


# --- interventions --------------------------------------------------------------------------------------------------

def test_two_operations_with_radiotherapy_between_them_in_one_sentence_are_two():
    r = extract("Case report\nA 50-year-old man had a plasmacytoma of T6; an urgent laminectomy was performed, he then "
                "received radiotherapy, and after embolization an anterior stabilization with a cage was carried out.")
    assert [i["category"] for i in r["interventions"]] == ["surgery", "radiotherapy", "embolization", "surgery"]


def test_map_kinase_is_not_the_map_regimen():
    r = extract("Case report\nA 9-year-old girl had a glioma at T2. Both genes act in the MAP-kinase pathway.")
    assert r["interventions"] == []


# --- diagnosis ------------------------------------------------------------------------------------------------------

def test_a_tumour_name_inside_a_gene_name_is_no_diagnosis():
    r = extract("Case report\nA 36-year-old man had an intramedullary glioma at T4. It carried a fusion of Ewing "
                "sarcoma breakpoint region 1 (EWSR1) and BEN domain-containing 2 (BEND2).")
    assert r["diagnosis"]["label"] != "Ewing sarcoma", r["diagnosis"]


@pytest.mark.parametrize("sentence", ["He had an osteosarcoma 2 cm in size at L2.",
                                      "He had an osteosarcoma 2 years before at L2."])
def test_a_number_after_a_tumour_name_that_is_no_gene_number_keeps_the_diagnosis(sentence):
    r = extract(f"Case report\nA 30-year-old man was seen. {sentence}")
    assert r["diagnosis"]["label"] == "osteosarcoma", r["diagnosis"]


def test_wilms_tumour_1_is_a_gene_name():
    r = extract("Case report\nA 30-year-old man had a T4 mass. Stains for Wilms tumour 1 (WT1) were negative.")
    assert r["diagnosis"]["label"] is None, r["diagnosis"]


def test_an_abbreviation_may_take_in_the_modifier_before_the_tumour():
    r = extract("Case report\nA 60-year-old man had metastatic paraganglioma (MPG) of the spine. Spinal metastases "
                "involved T4. Histology confirmed MPG.")
    assert r["diagnosis"]["label"] == "paraganglioma", r["diagnosis"]


# --- molecular ------------------------------------------------------------------------------------------------------

def test_a_symbol_in_brackets_after_its_name_takes_the_words_after_the_bracket():
    r = extract("Case report\nA 40-year-old man had a paraganglioma at T3. The tumour carried a succinate "
                "dehydrogenase subunit B (SDHB) mutation.")
    assert ("mutation", "SDHB", None) in _genomic(r)


def test_an_abstract_background_sentence_about_the_tumour_is_the_patients():
    r = extract("Abstract\nBackground: Paragangliomas are rare. The tumour carried an SDHB mutation, c.123delA "
                "(p.K41X).\nCase: A man of 50 had a mass at T9 that was resected.")
    assert ("mutation", "SDHB", "K41X") in _genomic(r)


def test_a_general_background_sentence_is_not_the_patients():
    r = extract("Abstract\nBackground: These tumours often carry SDHB mutations.\nCase: A man of 50 had a "
                "paraganglioma at T9 that was resected.")
    assert _genomic(r) == set()


def test_an_amplification_loosely_called_a_mutation_is_one_amplification():
    r = extract("Case report\nA 12-year-old boy had a neurocytoma at T10 with an EGFR amplification, reported as an "
                "'EGFR amplification mutation'. The title speaks of an EGFR mutation.")
    assert _genomic(r) == {("amplification", "EGFR", None)}


def test_a_positive_break_apart_fish_for_a_gene_is_a_rearrangement_with_an_unnamed_partner():
    r = extract("Case report\nA 20-year-old man had a sarcoma at C6. FISH for the EWSR1 gene was positive, with split "
                "signals in 40% of nuclei.")
    assert any(g["kind"] == "fusion" and "EWSR1" in (g["gene5"], g["gene3"]) for g in r["genomic"]), r["genomic"]


def test_a_mutation_said_before_its_gene():
    r = extract("Case report\nA 7-year-old child had a glioma at C4. Sequencing found activating mutations of FGFR1 "
                "and no mutation of IDH1.")
    assert _genomic(r) == {("mutation", "FGFR1", None)}
