"""Neurological status, complications and relative times, from small made-up sentences."""

from __future__ import annotations

import pytest
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

SKG = "https://w3id.org/spinekg/ontology/"


def one(text: str) -> dict:
    from spinekg.loaders.text import extract_text

    recs = extract_text(text, "case.txt")
    assert len(recs) == 1
    return recs[0].to_dict()


def neuro(text: str) -> list[tuple]:
    rec = one("A 52-year-old woman had a chordoma of L2. " + text)
    return [(n["scale"], n["grade"], n["intact"], n["assessed"]) for n in rec["neurological"]]


@pytest.mark.parametrize(("text", "want"), [
    ("On admission she was Frankel C.", ("frankel", "C", None, "presentation")),
    ("Neurological status was Frankel grade D.", ("frankel", "D", None, "presentation")),
    ("She was classified as ASIA Impairment Scale (AIS) grade B.", ("asia", "B", None, "presentation")),
    ("The ASIA grade was C at presentation.", ("asia", "C", None, "presentation")),
    ("Examination showed grade 3/5 weakness of hip flexion.", ("mrc", "3", None, "presentation")),
    ("She had 4/5 strength in the left leg.", ("mrc", "4", None, "presentation")),
    ("Power of ankle dorsiflexion was 4+/5.", ("mrc", "4+", None, "presentation")),
    ("Muscle strength was MRC grade 2 in both legs.", ("mrc", "2", None, "presentation")),
    ("She was neurologically intact.", (None, None, True, "presentation")),
    ("There was no neurological deficit.", (None, None, True, "presentation")),
    ("She presented with a progressive neurological deficit.", (None, None, False, "presentation")),
])
def test_neurological_notations(text, want):
    assert neuro(text) == [want]


def test_grades_are_grounded_to_the_ontology():
    rec = one("A 52-year-old woman had a chordoma of L2. She was Frankel B and had 3/5 strength of the legs.")
    assert [n["term"] for n in rec["neurological"]] == [SKG + "FrankelB", SKG + "MRC3"]


def test_improvement_gives_two_assessments_in_order():
    got = neuro("She underwent laminectomy of L2. She improved from Frankel C to Frankel E after surgery.")
    assert got == [("frankel", "C", None, "presentation"), ("frankel", "E", None, "postoperative")]


def test_assessment_at_follow_up_keeps_its_time():
    rec = one("A 52-year-old woman had a chordoma of L2. She underwent resection of the tumor. "
              "At 12 months postoperatively she was ASIA E.")
    n = rec["neurological"][-1]
    assert (n["grade"], n["assessed"]) == ("E", "follow-up")
    assert n["timing"] == {"text": "At 12 months postoperatively", "months": 12, "relative_to": "surgery"}
    assert n["evidence"][0]["text"] == "At 12 months postoperatively she was ASIA E."


@pytest.mark.parametrize("text", [
    "There was a risk of neurological deficit.",
    "The patient had no new neurological deficit after the biopsy.",
    "Frankel grading was not possible.",
    "Fractions like 3/5 of the tumor were necrotic.",
    "A 1/5/2020 scan was done.",
])
def test_no_assessment(text):
    assert neuro(text) == []


def complications(text: str) -> dict:
    return one("A 60-year-old man had a chordoma of L3. " + text)


@pytest.mark.parametrize(("sentence", "label"), [
    ("Postoperatively he developed a wound infection.", "wound infection"),
    ("A dural tear occurred during the operation.", "dural tear"),
    ("He had a CSF leak after the operation.", "cerebrospinal fluid leak"),
    ("Radiographs showed hardware failure.", "hardware failure"),
    ("Loosening of the pedicle screws was seen on CT.", "screw loosening"),
    ("CT showed pseudarthrosis at L3-L4.", "pseudarthrosis"),
    ("He complained of neuropathic pain.", "neuropathic pain"),
    ("A DVT was diagnosed on day 5.", "deep vein thrombosis"),
    ("He developed radiation myelopathy.", "radiation myelopathy"),
])
def test_complication_synonyms(sentence, label):
    rec = complications("He underwent en bloc resection of L3. " + sentence)
    assert [c["label"] for c in rec["complications"]] == [label]


@pytest.mark.parametrize("sentence", [
    "The postoperative course was without complications.",
    "There were no postoperative complications such as wound infection or CSF leak.",
    "He received low-molecular-weight heparin as DVT prophylaxis.",
    "A dural tear was suspected but not confirmed.",
    "He had no wound infection.",
])
def test_negated_or_preventive_complications_give_none(sentence):
    rec = complications("He underwent en bloc resection of L3. " + sentence)
    assert rec["complications"] == []


def test_uneventful_course_is_recorded_on_the_intervention():
    rec = complications("He underwent en bloc resection of L3. The postoperative course was uneventful.")
    assert [i["uneventful"] for i in rec["interventions"]] == [True]
    assert rec["complications"] == []


def test_complication_linked_to_the_intervention_it_followed():
    rec = complications("He underwent en bloc resection of L3. He then received proton radiotherapy (70 Gy). "
                        "Six months after surgery, screw loosening was found. "
                        "Radiation myelopathy developed after the radiotherapy.")
    cats = [i["category"] for i in rec["interventions"]]
    got = {c["label"]: (cats[c["after"] - 1], c["timing"]) for c in rec["complications"]}
    assert got["screw loosening"] == ("surgery", {"text": "Six months after surgery", "months": 6,
                                                  "relative_to": "surgery"})
    assert got["radiation myelopathy"][0] == "radiotherapy"


def test_complication_without_a_stated_link():
    rec = complications("He developed a deep vein thrombosis.")
    assert [(c["label"], c["after"]) for c in rec["complications"]] == [("deep vein thrombosis", None)]


@pytest.mark.parametrize(("sentence", "timing"), [
    ("Three months later, he received radiotherapy.", ("Three months later", 3, "previous event")),
    ("After 2 weeks, radiotherapy was started.", ("After 2 weeks", 0.46, "previous event")),
    ("Radiotherapy was given at 6 weeks postoperatively.", ("at 6 weeks postoperatively", 1.38, "surgery")),
    ("One year after surgery he received chemotherapy with doxorubicin.", ("One year after surgery", 12, "surgery")),
    ("Twenty-one days after the resection, radiotherapy began.", ("Twenty-one days after the resection", 0.69,
                                                                  "surgery")),
    ("Several months later radiotherapy was given.", ("Several months later", None, "previous event")),
])
def test_intervention_timing(sentence, timing):
    rec = complications("He underwent en bloc resection of L3. " + sentence)
    last = rec["interventions"][-1]
    assert last["category"] != "surgery"
    t = last["timing"]
    assert (t["text"], t["months"], t["relative_to"]) == timing
    assert rec["interventions"][0]["timing"] is None


def test_ages_and_durations_are_not_timings():
    from spinekg.loaders.extract import timing

    assert timing.find("At 3 years of age he was well; a 6-year-old boy; he was followed for 5 years.") == []


def test_recurrence_timing():
    rec = complications("He underwent en bloc resection of L3. Two years after surgery, local recurrence was found.")
    assert rec["outcome"]["recurrence"] is True
    assert rec["outcome"]["recurrence_timing"] == {"text": "Two years after surgery", "months": 24,
                                                   "relative_to": "surgery"}


def test_no_recurrence_has_no_recurrence_timing():
    rec = complications("He underwent en bloc resection of L3. At 24 months there was no recurrence.")
    assert rec["outcome"]["recurrence_timing"] is None
