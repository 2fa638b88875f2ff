"""Numbers as words, sentences and sections, negation cues: the extractor's notation helpers."""

from __future__ import annotations

import time

import pytest
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.numwords import months, to_number
from spinekg.loaders.extract.sentences import MAX_SENTENCE, segment


@pytest.mark.parametrize(("text", "value"), [
    ("five", 5), ("twenty-three", 23), ("Thirty four", 34), ("11th", 11), ("eleventh", 11), ("2.5", 2.5),
    ("one hundred", 100), ("a", 1), ("banana", None),
])
def test_numbers_as_words(text, value):
    assert to_number(text) == value


def test_months():
    assert months(5, "years") == 60
    assert months(18, "months") == 18
    assert months(1.5, "year") == 18


def test_sections_and_case_start():
    doc = segment("Spinal tumours are rare.\n\nA 43-year-old woman had back pain. She improved.\n\n"
                  "Discussion\nChordoma recurs often.\n\nReferences\n1. Smith. Chordoma. 2001.")
    sections = [(s.section, s.text) for s in doc.sentences if not s.heading]
    assert sections[0] == ("intro", "Spinal tumours are rare.")
    assert ("case", "She improved.") in sections
    assert all(sec == "other" for sec, t in sections if "Chordoma" in t or "Smith" in t)


def test_comment_paragraph_and_faq_are_not_the_case():
    doc = segment("A 60-year-old man had pain.\n\nComment: surgery is the mainstay.\n\n"
                  "Everything You Need To Know\n\nWhat is it?\nA rare tumour.")
    assert [s.text for s in doc.case_sentences()] == ["A 60-year-old man had pain."]


def test_offsets_point_into_the_text():
    text = "Title line\n\nA 43-year-old woman had pain. MRI showed a mass at T11."
    for s in segment(text).sentences:
        assert text[s.start:s.end] == s.text


def test_patients_of_a_multi_case_report():
    doc = segment("Two cases.\n\nCase 1\nA 61-year-old man had pain.\n\nCase 2\nA 45-year-old woman had numbness.")
    assert doc.patients == [1, 2]
    assert [s.text for s in doc.case_sentences(2)] == ["A 45-year-old woman had numbness."]


def test_huge_single_line_is_cut_and_fast():
    text = "word " * 400_000
    t0 = time.perf_counter()
    doc = segment(text)
    assert time.perf_counter() - t0 < 5
    assert max(len(s.text) for s in doc.sentences) <= MAX_SENTENCE


@pytest.mark.parametrize(("sentence", "target", "expected"), [
    ("Schwannoma and meningioma were ruled out.", "meningioma", "excluded"),
    ("There was no evidence of metastasis.", "metastasis", "excluded"),
    ("The tumour was negative for desmin.", "desmin", "negated"),
    ("A sarcoma was suspected.", "sarcoma", "hedged"),
    ("A chordoma could not be excluded.", "chordoma", "hedged"),
    ("She might benefit from entrectinib.", "entrectinib", "proposed"),
    ("Radiotherapy was recommended, but she declined it.", "Radiotherapy", "proposed"),
    ("Digital subtraction angiography was not performed.", "angiography", "negated"),
    ("No necrosis was seen, and the tumour was resected.", "resected", None),
    ("The final diagnosis was chordoma.", "chordoma", None),
])
def test_negation_hedging_proposals(sentence, target, expected):
    s = sentence.index(target)
    assert status(sentence, s, s + len(target)) == expected
