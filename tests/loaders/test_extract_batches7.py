"""What the blind batches series7 (w01-w03, y01-y03) and molecular8 (k01, p01, z01) showed at their first run, each
on inline text written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from spinekg.loaders.extract.outcome import extract_outcome
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _records(text: str) -> list[dict]:
    return [r.to_dict() for r in extract_text(text, "doc.txt")]


# --- a first diagnosis the case revises -------------------------------------------------------------------------------

SERIES = "\n".join([
    "Results: We treated two boys aged 10 and 13 years. In one of them the tumour was first managed as a "
    "chondroblastoma on the basis of the first biopsy.",
    "",
    "Case 1. A 10-year-old boy had a chondrosarcoma of L3 and underwent resection.",
    "",
    "Case 2. A 13-year-old boy had a chondrosarcoma of L2 and underwent resection.", ""])


@pytest.mark.parametrize("cue", ["was first managed as a", "was initially treated as a", "was at first taken for a",
                                 "was originally reported as a", "had been mistaken for a"])
def test_a_first_diagnosis_the_case_revises_is_not_the_diagnosis(cue: str) -> None:
    recs = _records(SERIES.replace("was first managed as a", cue))
    assert [r["diagnosis"]["label"] for r in recs] == ["chondrosarcoma", "chondrosarcoma"]


def test_a_first_diagnosis_alone_is_still_read() -> None:
    rec = _records("A 40-year-old man had a T9 lesion, which was initially treated as a haemangioma.\n")[0]
    assert rec["diagnosis"]["label"] == "haemangioma"


# --- whose age opens the case ----------------------------------------------------------------------------------------

LETTER = "\n".join([
    "1. The patient",
    "",
    "At the age of 52 years this man was found to have a chordoma of the sacrum, which was resected.",
    "",
    "2. Other reports",
    "",
    "Presentations vary: a 31-year-old woman with a chordoma of C2 and C3 was given proton therapy, and her tumour "
    "was positive for brachyury and negative for S100.", ""])


def test_an_age_said_as_at_the_age_of_opens_the_case_and_keeps_a_later_stranger_out() -> None:
    rec = _records(LETTER)[0]
    assert rec["patient"]["age_years"] == 52
    assert rec["vertebrae"] == ["sacrum"]
    assert rec["markers"] == []
    assert [i["category"] for i in rec["interventions"]] == ["surgery"]


# --- outcome times ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, months", [
    ("This patient died 16 months after the beginning of TMZ treatment.", 16),
    ("She died 9 months after the start of adjuvant chemotherapy.", 9),
    ("The lesion has been observed without any treatment for four and a half years.", 54),
])
def test_a_survival_or_an_observation_gives_the_follow_up(sentence: str, months: int) -> None:
    assert extract_outcome([sentence]).follow_up_months == months


def test_a_time_after_starting_a_drug_is_still_no_follow_up() -> None:
    assert extract_outcome(["Five months after starting imatinib, the tumour had shrunk."]).follow_up_months is None


# --- drugs named by their class --------------------------------------------------------------------------------------

def _treatments(text: str) -> list[tuple[str, list[str]]]:
    return [(i["category"], i["agents"]) for i in _records(text)[0]["interventions"]]


def test_a_kinase_inhibitor_named_by_its_target_is_a_targeted_therapy() -> None:
    text = "A 50-year-old woman had an ALK-rearranged tumour of L3. She was treated with an ALK inhibitor.\n"
    assert _treatments(text) == [("targeted_therapy", [])]


def test_the_class_and_the_drug_are_one_line_named_by_the_drug() -> None:
    rec = _records("A 50-year-old woman had a BRAF V600E-mutant glioma of T4. The BRAF inhibitor dabrafenib was "
                   "started.\n")[0]
    assert [(i["category"], i["label"], i["agents"]) for i in rec["interventions"]] == [
        ("targeted_therapy", "dabrafenib", ["dabrafenib"])]


def test_a_class_of_drugs_in_the_plural_is_no_treatment() -> None:
    text = ("A 30-year-old man had an L4 tumour, which was resected. Tyrosine kinase inhibitors have produced "
            "responses in such tumours.\n")
    assert _treatments(text) == [("surgery", [])]


def test_steroids_and_immunoglobulin_for_a_misread_myelopathy_are_one_line() -> None:
    text = ("A 9-year-old girl had paraparesis. She was given high-dose glucocorticoid and gamma globulin. MRI then "
            "showed a T3 glioma, which was resected.\n")
    assert _treatments(text) == [("other_drug", ["intravenous immunoglobulin"]), ("surgery", [])]


# --- patients told by name or initials; what a cohort or the disease in general had ----------------------------------

@pytest.mark.parametrize("first, second", [("Twin Anna.", "Twin Beth."), ("Patient A.B.", "Patient C.D.:"),
                                           ("Sister Anna:", "Sister Beth:")])
def test_patients_told_by_name_or_initials_are_one_record_each(first: str, second: str) -> None:
    text = (f"Two sisters with spinal meningiomas are reported.\n\n{first} She had a meningioma at T4 at 9 years "
            f"of age, and it was removed.\n\n{second} At the age of 12 years she had a meningioma at T8, which was "
            "excised.\n")
    recs = _records(text)
    assert [(r["patient"]["age_years"], r["vertebrae"]) for r in recs] == [(9, ["T4"]), (12, ["T8"])]


def test_a_share_of_a_cohort_or_what_treatment_can_do_is_no_treatment_of_the_patient() -> None:
    text = ("Case 1. A 30-year-old man had an ependymoma of C2, which was resected.\n\n"
            "Case 2. A 25-year-old woman had an ependymoma of C3; it has been observed for two years. In the "
            "literature, resection had been carried out in 85% of the cases. Such tumours can usually be managed by "
            "excision alone, as in our first patient.\n")
    recs = _records(text)
    assert [[i["category"] for i in r["interventions"]] for r in recs] == [["surgery"], []]


# --- the stains and genes of the wider vocabulary ---------------------------------------------------------------------

def test_lymphoma_and_carcinoma_stains_are_grounded_in_the_ontology() -> None:
    rec = _records("A 68-year-old man had an epidural lymphoma at T8. The tumour cells were positive for PAX5 and "
                   "CD79a and negative for CK7, CD30 and CD5.\n")[0]
    got = {m["name"]: (m["result"], (m["term"] or "").rsplit("/", 1)[-1]) for m in rec["markers"]}
    assert got == {"PAX5": ("positive", "PAX5"), "CD79a": ("positive", "CD79a"), "CK7": ("negative", "CK7"),
                   "CD30": ("negative", "CD30"), "CD5": ("negative", "CD5")}


def test_a_stain_that_shows_the_native_tissue_is_no_result_of_the_tumour() -> None:
    rec = _records("A 50-year-old man had a glioma of the S1 root. The cells were positive for GFAP. Staining for "
                   "neurofilament proteins showed residual nerve fibres inside the tumour.\n")[0]
    assert [m["name"] for m in rec["markers"]] == ["GFAP"]
