"""Interventions as events (one operation with all its steps, its mentions across abstract, case and discussion
merged), responses read with their negation, figure legends telling no fact, and the concluding diagnosis."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def surgeries(text: str) -> list[str]:
    return [i["label"] for i in extract(text)["interventions"] if i["category"] == "surgery"]


def test_one_operation_with_its_steps_is_one_surgery():
    assert surgeries("A 50-year-old man had a T11 chondrosarcoma. A total en bloc spondylectomy of T11 was performed, "
                     "followed by reconstruction with an expandable titanium cage and pedicle screw fixation from T9 "
                     "to L1.") == ["total en bloc spondylectomy of T11"]
    # access, resection and closure told over two sentences
    assert len(surgeries("A 40-year-old woman had a meningioma at T4. She underwent T4-T5 laminectomy. The tumour was "
                         "excised completely with its dural attachment.")) == 1


def test_the_summary_and_the_narrative_are_one_operation():
    text = ("A 16-year-old girl with osteosarcoma of L1 was treated with chemotherapy and total en bloc spondylectomy. "
            "Case presentation. A 16-year-old girl presented with back pain. A biopsy showed osteosarcoma. She "
            "received neoadjuvant chemotherapy with cisplatin and doxorubicin, followed by total en bloc "
            "spondylectomy of L1 with reconstruction. Twelve months after surgery there was no recurrence.")
    assert surgeries(text) == ["total en bloc spondylectomy of L1"]


def test_a_repeat_or_a_second_stage_is_another_operation():
    assert len(surgeries("A 30-year-old man had a chordoma at L3. He underwent intralesional resection of L3. Four "
                         "years later MRI showed local recurrence. He underwent re-resection.")) == 2
    assert len(surgeries("A 9-year-old girl had a chordoma of C2. She underwent a two-stage operation: a posterior "
                         "occipitocervical fusion from occiput to C4, followed one week later by a transoral subtotal "
                         "resection of the tumour.")) == 2
    # an operation of the past, then the present one
    assert len(surgeries("A 60-year-old man had a T11 tumour. Ten years earlier he had undergone gross total resection "
                         "of a tumour at T11. He underwent T10-T12 laminectomy and gross total resection of the "
                         "recurrent tumour.")) == 2


def test_an_operation_judged_unfeasible_or_declined_is_none():
    r = extract("A 50-year-old man had an epithelioid haemangioendothelioma of C5. Because it spanned three levels, "
                "en bloc resection was judged unfeasible. He declined radiotherapy and underwent posterior "
                "decompression by laminectomy of C5 to C7.")
    assert [(i["category"], i["label"]) for i in r["interventions"]] == [("surgery", "laminectomy of C5 to C7")]


def test_no_progression_is_no_response():
    r = extract("A 30-year-old man had a sarcoma at C3. The tumour was treated surgically. After the operation he "
                "received local adjuvant radiation therapy, and no tumour progression was observed over ten months.")
    assert [i["response"] for i in r["interventions"]] == [None, None]


def test_figure_legends_tell_no_fact_and_order_nothing():
    r = extract("A 25-year-old woman presented with back pain.\n"
                "Fig. 1 MRI results. (A) MRI before chemotherapy. (B) MRI after two rounds of chemotherapy.\n"
                "A percutaneous needle biopsy showed a spindle cell sarcoma at T11. She then received two cycles of "
                "doxorubicin and ifosfamide.\n")
    assert [i["category"] for i in r["interventions"]] == ["biopsy", "chemotherapy"]
    assert all(not e["text"].startswith("Fig") for i in r["interventions"] for e in i["evidence"])


def test_the_concluding_diagnosis_wins():
    r = extract("A 25-year-old woman had a T11 tumour. A needle biopsy confirmed the diagnosis of spindle cell "
                "sarcoma. Sequencing identified a SPECC1L::NTRK3 fusion, suggesting the tumor was an NTRK rearranged "
                "spindle cell tumor.")
    assert "NTRK" in r["diagnosis"]["label"]


def test_another_patient_in_the_case_text_adds_nothing():
    r = extract("A 30-year-old man had a sarcoma at C3 treated surgically. In another case, partial response to "
                "chemotherapy was seen. Smith et al. reported a patient treated with imatinib at L2.")
    assert [i["category"] for i in r["interventions"]] == ["surgery"]
    assert r["vertebrae"] == ["C3"]
