"""What the blind batch molecular5 (q01-q10) showed after its first run, each on inline text written for this test
(never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.outcome import extract_outcome, follow_up
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _st(sentence: str, words: str) -> str | None:
    i = sentence.index(words)
    return status(sentence, i, i + len(words))


def _interventions(text: str) -> list[tuple[str, str]]:
    rec = extract_text(text, "letter.txt")[0].to_dict()
    return [(i["category"], i["label"]) for i in rec["interventions"]]


@pytest.mark.parametrize("sentence, words, expected", [
    # not yet done when the patient died
    ("Before consolidation chemotherapy or local irradiation could be started, the man died of sepsis.",
     "local irradiation", "proposed"),
    ("Before consolidation chemotherapy or local irradiation could be started, the man died of sepsis.",
     "consolidation chemotherapy", "proposed"),
    # a condition said of any patient, in the present
    ("When a lipoma is excised in a child, the filum should be inspected.", "excised", "proposed"),
    ("If radiotherapy is given, the cord dose must be kept low.", "radiotherapy", "proposed"),
    # the other term of a comparison
    ("A core needle biopsy is safer and cheaper than open biopsy for most lesions.", "open biopsy", "excluded"),
    # a likely but unproven partner
    ("The partner was not sequenced, so the SS18::SSX1 fusion is the likely, but unproven, event.", "SS18::SSX1",
     "hedged"),
    # what was done stays done
    ("When the lesion was excised, it was found to be soft.", "excised", None),
    ("She had more than three operations on her spine.", "operations", None),
    ("The lesion was excised before radiotherapy.", "excised", None),
])
def test_unrealised_conditional_and_compared_treatments(sentence: str, words: str, expected: str | None) -> None:
    assert _st(sentence, words) == expected


def test_a_death_after_an_infection_is_a_death_of_another_cause() -> None:
    assert extract_outcome(["Two weeks later he developed a severe pneumonia and died."]).status == \
        "died of other cause"
    assert extract_outcome(["He developed pneumonia and died of tumour progression."]).status == "died of disease"


def test_a_time_in_years_and_months_is_one_time() -> None:
    assert follow_up("At the last review, two years and three months after surgery, he was well.") == 27
    assert follow_up("She has been followed for 1 year 6 months without recurrence.") == 18


LETTER = ("Letter\n\nA 30-year-old woman had an intradural schwannoma at L2 removed by laminectomy. "
          "The tumour recurred twice and she underwent two further operations for the recurrences.\n\n"
          "In our view open surgery is less invasive than a long hospital stay, and when a schwannoma is resected "
          "in any adult the root should be preserved.")


def test_operations_told_by_their_number_are_that_many() -> None:
    ivs = _interventions(LETTER)
    assert [c for c, _ in ivs] == ["surgery", "surgery", "surgery"]
    assert ivs[0][1] == "laminectomy"
    assert {label for _, label in ivs[1:]} == {"surgery"}


def test_the_abstract_and_the_narrative_counting_the_same_operations_are_one_telling() -> None:
    text = ("Title\n\nAbstract\nA 52-year-old man with an ependymoma at T9 needed three further operations for "
            "recurrences.\n\nIntroduction\nEpendymomas are glial tumours.\n\nCase report\nA 52-year-old man had an "
            "ependymoma at T9, removed through a laminectomy. It recurred and he underwent three additional surgical "
            "procedures over five years.\n\nDiscussion\nEpendymomas recur.")
    ivs = _interventions(text)
    assert [c for c, _ in ivs].count("surgery") == 4


def test_a_patient_of_weeks_keeps_a_later_listed_patient_out() -> None:
    text = ("Correspondence\n\nA 6-week-old boy had a congenital lumbar lipoma at L3. It was excised.\n\nThree reports "
            "are relevant:\n1. A 9-year-old girl with a thoracic lipoma received radiotherapy to 50 Gy.\n")
    rec = extract_text(text, "letter.txt")[0].to_dict()
    assert rec["patient"]["sex"] == "male"
    assert [i["category"] for i in rec["interventions"]] == ["surgery"]


def test_a_level_is_not_a_count_of_operations() -> None:
    ivs = _interventions("A 20-year-old man had a sarcoma at L4. He underwent resection with decompression and L4/5 "
                         "laminectomies; the margins were negative.")
    assert [c for c, _ in ivs] == ["surgery"]
