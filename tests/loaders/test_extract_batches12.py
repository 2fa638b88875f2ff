"""What the first run of the molecular12 batch showed, fixed in general (texts written for these tests, not the
batch's): a structured abstract's "Discussion" part tells the patient, a state "a time later" is a follow-up, a
genotype called "X-positive" after molecular testing is no stain, the operation on a metastasis' organ of origin
is a surgery of the patient (and only then), a time counted from an operation is no new one, a drug stopped and
restarted is a second line, growth despite treatment starts a new line, "metastases developed", a fatal disease,
"removed by excisional biopsy" is one biopsy, and a new metastasis after a disease-free interval is a relapse."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.text import extract_text
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _events(record: dict) -> list[tuple[str, tuple[str, ...]]]:
    return [(i["category"], tuple(i["agents"])) for i in record["interventions"]]


STRUCTURED = """Resection of a solitary thoracic metastasis of renal cell carcinoma: a case report

Abstract

INTRODUCTION
Solitary spinal metastases of renal cell carcinoma may be treated aggressively.

PRESENTATION OF CASE
A 63-year-old woman had back pain from a single metastasis of clear cell renal cell carcinoma at T9.

DISCUSSION
She was first treated with sunitinib, then underwent en bloc spondylectomy of T9, and afterwards received
stereotactic radiotherapy. Sunitinib is often used before surgery in such patients.

CONCLUSION
Selected patients benefit from surgery.

Keywords: renal cell carcinoma; spine; metastasis

1. Introduction
Renal cell carcinoma often spreads to bone.

2. Discussion
In a series of 40 patients, en bloc spondylectomy was followed by radiotherapy and pazopanib.
"""


def test_the_discussion_part_of_a_structured_abstract_tells_the_patient():
    r = extract(STRUCTURED)
    cats = [c for c, _ in _events(r)]
    assert cats.count("surgery") == 1 and cats.count("radiotherapy") == 1
    assert ("targeted_therapy", ("sunitinib",)) in _events(r)
    # the article's own discussion, after the keywords, still tells no fact of the patient
    assert all("pazopanib" not in a for _, a in _events(r))


def test_a_discussion_after_the_references_is_no_abstract():
    text = ("A 50-year-old man had an L3 schwannoma, which was resected.\n\nDiscussion\nSchwannomas are treated "
            "with resection and radiotherapy in some series.\n\nKeywords: schwannoma\n")
    assert [c for c, _ in _events(extract(text))] == ["surgery"]


def test_a_state_said_a_time_later_is_the_follow_up():
    text = ("A 59-year-old man had an L2 metastasis of lung adenocarcinoma and underwent surgery. At the time of "
            "writing, more than 18 months later, the patient was alive and had no symptoms.")
    assert extract(text)["outcome"]["follow_up_months"] == 18


@pytest.mark.parametrize("sentence", [
    "He had a total thyroidectomy, and molecular testing showed a BRAF V600E-positive papillary carcinoma.",
    "Genetic analysis of the tumour showed an ALK rearrangement (ALK-positive disease).",
])
def test_a_genotype_called_positive_after_molecular_testing_is_no_stain(sentence):
    r = extract("A 68-year-old man had a sacral metastasis. " + sentence)
    assert r["markers"] == []


def test_a_stain_is_still_a_stain():
    r = extract("A 30-year-old man had a T7 tumour. Immunohistochemistry showed the tumour cells were positive "
                "for ALK.")
    assert [(m["name"], m["result"]) for m in r["markers"]] == [("ALK", "positive")]


def test_the_primary_tumours_operation_is_a_surgery_of_the_patient_with_a_metastasis():
    text = ("A 70-year-old woman presented with a sacral metastasis of papillary thyroid carcinoma. She had a total "
            "thyroidectomy. Four weeks after surgery she developed sacral pain, although the lesion could have been "
            "found earlier.")
    r = extract(text)
    assert [(i["category"], i["label"]) for i in r["interventions"]] == [("surgery", "total thyroidectomy")]


def test_another_diseases_operation_is_not_the_patients():
    text = ("A 66-year-old man presented with an S1 schwannoma. Background: nephrectomy 2015 for clear cell renal "
            "cell carcinoma, no evidence of disease since. The schwannoma was resected through a sacral laminectomy.")
    labels = [i["label"] for i in extract(text)["interventions"]]
    assert labels and not any("nephrectomy" in (x or "") for x in labels)


def test_a_later_spine_operation_is_not_the_primarys():
    text = ("A 30-year-old man with lung adenocarcinoma first underwent pulmonary lobectomy followed by "
            "chemotherapy. Three years later he developed myelopathy from an intramedullary metastasis at C5. He "
            "underwent cervical surgery to remove the tumour. Ten years after the first spinal cord operation he is "
            "well.")
    assert [c for c, _ in _events(extract(text))].count("surgery") == 2


def test_a_drug_stopped_and_restarted_is_a_second_line():
    text = ("A 40-year-old woman had an ALK-rearranged lung cancer with a T4 metastasis, which was irradiated. "
            "Crizotinib was started, and she stayed disease-free for three years. Crizotinib was then stopped. "
            "One year later a new "
            "metastasis appeared at T10. Crizotinib was restarted and the lesion regressed.")
    r = extract(text)
    assert _events(r).count(("targeted_therapy", ("crizotinib",))) == 2
    assert r["outcome"]["recurrence"] is True


def test_a_drug_named_again_is_one_line():
    text = ("A 40-year-old woman had a T4 metastasis of lung cancer. Crizotinib was started. On crizotinib the "
            "lesion regressed, and she remains on crizotinib.")
    assert _events(extract(text)).count(("targeted_therapy", ("crizotinib",))) == 1


def test_growth_despite_chemotherapy_starts_a_new_line():
    text = ("A 12-year-old girl had a sarcoma of the iliac bone with a vertebral deposit. She received three cycles "
            "of chemotherapy. The tumour nevertheless kept growing. A wide resection was then performed, followed by "
            "postoperative chemotherapy.")
    assert [c for c, _ in _events(extract(text))].count("chemotherapy") == 2


@pytest.mark.parametrize("sentence, field, value", [
    ("Despite this, systemic metastases developed in the vertebra and the lung.", "metastasis", True),
    ("The disease was fatal within four months.", "status", "died of disease"),
])
def test_metastases_that_developed_and_a_fatal_disease(sentence, field, value):
    r = extract("A 13-year-old boy had a rhabdomyosarcoma of the jaw, which was resected. " + sentence)
    assert r["outcome"][field] == value


def test_removed_by_excisional_biopsy_is_one_biopsy():
    text = ("A 38-year-old woman with chronic myeloid leukaemia had a scalp swelling, which was removed by excisional "
            "biopsy; histology showed a myeloid sarcoma. Months later a paraspinal myeloid sarcoma compressed the cord "
            "at T6.")
    assert [c for c, _ in _events(extract(text))] == ["biopsy"]


def test_the_records_are_still_one_per_patient():
    assert len(extract_text(STRUCTURED, "case.txt")) == 1
