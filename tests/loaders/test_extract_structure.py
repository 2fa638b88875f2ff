"""Articles as they really come: numbered headings, structured abstracts, an introduction and a discussion
about other patients, literature tables, declarations, and text copied out of a PDF with its furniture."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract.furniture import clean
from spinekg.loaders.extract.sentences import segment
from spinekg.ontology import ontology_path

ARTICLE = """Spinal chondrosarcoma: a case report and review of the literature
Abstract
Background: Chondrosarcoma is rare. Case presentation: We report a 45-year-old man with a T8 chondrosarcoma treated \
by en bloc resection. Conclusions: En bloc resection gives local control.
Keywords: chondrosarcoma; spine
1 | INTRODUCTION
Chondrosarcoma is rare. Smith et al. described a 34-year-old man with an L2 lesion treated with imatinib. \
A 60-year-old woman with S1 disease received proton therapy.
2 | CASE REPORT
A 45-year-old man presented with back pain. MRI showed a mass of T8. He underwent en bloc resection of T8.
3 | DISCUSSION
Chondrosarcoma recurs. A 70-year-old man with a C4 chondrosarcoma died after cisplatin.
Table 2. Literature review
Author | Year | Age/Sex | Level | Treatment
Lee | 2010 | 30/M | L3 | doxorubicin
4 | CONCLUSION
En bloc resection works.
Funding: none. Consent: the patient consented.
References
1. Lee A. Chondrosarcoma of L3 treated with denosumab. Spine 2010.
"""


def test_sections_from_real_headings():
    secs = {s.text[:12]: s.section for s in segment(ARTICLE).sentences}
    assert secs["Background: "] == "intro" and secs["Case present"] == "case" and secs["Conclusions:"] == "other"
    assert secs["Smith et al."] == "intro" and secs["A 60-year-ol"] == "intro"  # not the patient: no case yet
    assert secs["A 45-year-ol"] == "case" and secs["A 70-year-ol"] == "other" and secs["Funding: non"] == "other"
    assert secs["Lee | 2010 |"] == "other"


@pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")
def test_only_the_abstract_and_the_case_tell_facts():
    r = extract(ARTICLE)
    assert (r["patient"]["age_years"], r["vertebrae"]) == (45, ["T8"])
    assert [i["category"] for i in r["interventions"]] == ["surgery"]


def test_numbered_case_headings_name_patients():
    doc = segment("3 | CASE PRESENTATIONS\n3.1 Case 1\nA 40-year-old man.\n3.2 Case 2\nA 50-year-old woman.\n")
    assert [(s.patient, s.text) for s in doc.sentences if not s.heading] == [(1, "A 40-year-old man."),
                                                                             (2, "A 50-year-old woman.")]


def test_copied_pdf_text_keeps_its_length_and_loses_its_furniture():
    text = ("Journal of Spine 2019;5(2):123-130\nA 45-year-old man presented with back pain and a chondro-\nsarcoma "
            "at T11-\nT12 was found. The patient underwent\ntotal en bloc spondylectomy.\n3\n"
            "Journal of Spine 2019;5(2):124-130\nCASE REPORT\nHe did well.\nPage 2 of 8\n"
            "Journal of Spine 2019;5(2):125-130\n")
    out = clean(text)
    assert len(out) == len(text)
    assert "Journal of Spine" not in out and "Page 2" not in out
    assert "chondrosarcoma" in out and "T11-T12" in out and "underwent total en bloc" in out
    assert "CASE REPORT" in out.splitlines()  # a heading stays on its line


SERIES = """Two chordomas: report of two cases
Abstract
We report two patients, a 61-year-old man and a 45-year-old woman, with chordoma treated surgically.
Case 1
A 61-year-old man presented with coccygeal pain. MRI showed an S3-S5 mass. He underwent en bloc sacrectomy. At 26 \
months the tumour recurred.
Case 2
A 45-year-old woman had a C2 lesion. She received proton therapy to 74 Gy. She was alive with disease at 36 months.
Pathology
All tumours were immunopositive for brachyury and cytokeratin.
Discussion
Chordoma is rare. A 70-year-old man at L2 received imatinib.
"""


@pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")
def test_a_series_gives_each_patient_their_own_facts_and_what_is_said_of_all():
    from spinekg.loaders.text import extract_text

    one, two = (r.to_dict() for r in extract_text(SERIES, "series.txt"))
    assert (one["patient"]["age_years"], one["vertebrae"], two["patient"]["age_years"], two["vertebrae"]) == (
        61, ["S3", "S4", "S5"], 45, ["C2"])
    assert [i["category"] for i in one["interventions"]] == ["surgery"]
    assert [i["category"] for i in two["interventions"]] == ["radiotherapy"]
    assert {m["name"] for m in one["markers"]} == {m["name"] for m in two["markers"]} == {"brachyury", "cytokeratin"}
    assert one["diagnosis"]["label"] == two["diagnosis"]["label"] == "chordoma"
