"""What the blind batches series3 (v01-v06) and articles2 (w01-w12) showed, each on inline text written for this
test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.outcome import extract_outcome
from spinekg.loaders.extract.sentences import segment
from spinekg.loaders.text import extract_text, respective
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _records(text: str) -> list[dict]:
    return [r.to_dict() for r in extract_text(text, "series.txt")]


def _categories(record: dict) -> list[str]:
    return [i["category"] for i in record["interventions"]]


# --- a series told as a whole ---------------------------------------------------------------------------------------

WHOLE = ("Abstract\nTwo patients are reported with a schwannoma of the cauda equina.\nIntroduction\nSchwannomas are "
         "common.\nPatients\nBoth patients presented with sciatica. In every case the tumour could be removed "
         "totally, and histology showed a schwannoma in each. Patients 1 and 2 have been followed for 8 and 3 years, "
         "respectively, and none of them has shown a recurrence.\nDiscussion\nA 50-year-old woman with an L2 "
         "schwannoma was treated by others.")


def test_a_series_told_as_a_whole_gives_each_announced_patient_a_record():
    recs = _records(WHOLE)
    assert len(recs) == 2
    assert [r["diagnosis"]["label"] for r in recs] == ["schwannoma", "schwannoma"]
    assert [_categories(r) for r in recs] == [["surgery"], ["surgery"]]
    assert [(r["outcome"]["follow_up_months"], r["outcome"]["recurrence"]) for r in recs] == [(96, False),
                                                                                               (36, False)]
    assert [r["patient"]["age_years"] for r in recs] == [None, None]  # the discussion's woman is nobody's


def test_a_series_whose_patients_are_told_one_by_one_without_parts_is_not_split():
    recs = _records("Case report\nWe report two patients. A 30-year-old man had a chordoma of C2. His 34-year-old "
                    "sister had a chordoma of the sacrum.")
    assert len(recs) == 1


def test_respectively_gives_each_patient_their_own_number():
    text = "They were followed for 13, 11 and 5 years, respectively, without recurrence."
    assert respective(text, [1, 2, 3], 2) == "They were followed for 11 years, without recurrence."
    assert respective(text, [1, 2], 2) is None  # three numbers for two patients: nobody's


def test_a_part_for_some_patients_of_a_series_is_theirs():
    recs = _records("Case 1\nA 25-year-old woman had an epidural angiolipoma at L3-L4 that was removed.\n"
                    "Cases 2 and 3\nThe two thoracic tumours were also epidural angiolipomas.")
    assert len(recs) == 3
    assert all(r["diagnosis"]["label"].endswith("angiolipoma") for r in recs)
    assert recs[0]["vertebrae"] == ["L3", "L4"] and recs[1]["vertebrae"] == [] and _categories(recs[1]) == []


# --- assertions -----------------------------------------------------------------------------------------------------

def test_what_could_be_done_totally_was_done():
    text = "The tumour could be removed totally, and histology showed a schwannoma."
    assert status(text, text.index("removed"), text.index("removed") + 7) is None
    assert status(text, text.index("schwannoma"), text.index("schwannoma") + 10) is None
    other = "The tumour could be removed in a second stage."
    assert status(other, other.index("removed"), other.index("removed") + 7) == "proposed"


def test_none_of_them_recurred_is_no_recurrence():
    assert extract_outcome(["None of them has shown a recurrence."]).recurrence is False


def test_a_general_claim_about_a_treatment_is_no_treatment():
    r = extract("Case report\nA 40-year-old man had a hemangioendothelioma of T5 treated by kyphoplasty. Complete "
                "resection appears to be associated with a good outcome.")
    assert _categories(r) == ["surgery"] and r["interventions"][0]["label"].lower().endswith("kyphoplasty")


def test_a_general_statement_of_an_entitys_stains_is_no_marker():
    r = extract("Abstract\nThe tumour cells of this entity characteristically stain for CD31 and ERG.\nCase report\n"
                "A 34-year-old man had a vascular tumour of T5.")
    assert r["markers"] == []


# --- structure ------------------------------------------------------------------------------------------------------

def test_a_clinical_discussion_is_a_discussion_and_its_presentation_part_no_case():
    doc = segment("Case report\nA 19-year-old man had an epidural mass at T6-T9 that was resected.\n"
                  "3. Clinical discussion\n3.1. Presentation and imaging\nA 40-year-old man had a C3 lesion.\n")
    assert [s.section for s in doc.sentences if "40-year-old" in s.text] == ["other"]


def test_the_rows_of_a_table_of_the_literature_are_never_the_patients():
    r = extract("Case report\nA 19-year-old man had an epidural mass at T6-T9 that was resected.\n"
                "Table 1. Reported spinal cases cited in this review\n"
                "Spine J 2014; 43/M; C5-C6 intradural; C5-C6 laminotomy, total resection; well at 18 months\n"
                "J Res 2012; M; D11-L2 extradural; D12-L2 laminectomy, then radiotherapy 50.4 Gy; not stated\n")
    assert r["vertebrae"] == ["T6", "T7", "T8", "T9"] and _categories(r) == ["surgery"]


def test_a_clinical_discussion_label_in_an_abstract_ends_the_case():
    r = extract("Abstract\nCase presentation: A 19-year-old man had a mass at T7 that was resected. Clinical "
                "discussion: A biopsy is often mandatory for the diagnosis.")
    assert _categories(r) == ["surgery"]


# --- events ---------------------------------------------------------------------------------------------------------

def test_an_open_operation_months_after_a_kyphoplasty_is_an_operation_of_its_own():
    r = extract("Case report\nA 34-year-old man had a lesion of T5. He underwent balloon kyphoplasty of T5. Three "
                "months later his gait worsened. He then underwent a posterior decompression with instrumentation "
                "from T3 to T7. At the visit three months after the second operation he was better. Pathology of the "
                "resected lesion showed a hemangioendothelioma.")
    assert _categories(r) == ["surgery", "surgery"], r["interventions"]
