"""Notation families found by the blind reports f01-f12 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract.levels import find_levels
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.outcome import extract_outcome
from spinekg.loaders.extract.patient import age_sex
from spinekg.loaders.extract.sentences import segment
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def one(text: str) -> dict:
    return extract("A 52-year-old woman had back pain. " + text)


def markers(text: str) -> dict[str, str]:
    return {m["name"]: m["result"] for m in one(text)["markers"]}


def test_patient_code_of_a_letter():
    assert age_sex(["Pt: 71F. Seen in clinic."])[:2] == (71, "female")
    assert age_sex(["Patient 39 M, referred by his GP."])[:2] == (39, "male")
    r = extract("MDT NOTE\nPt: 66M.\nDx: chordoma L3.\nRx: en bloc resection of L3.\n")
    assert (r["patient"]["age_years"], r["patient"]["sex"]) == (66, "male")


def test_summary_fields_after_a_discussion_paragraph_are_the_case():
    r = extract("Pt: 40F.\nDx: chondrosarcoma T9.\nDiscussion: margins were close.\n"
                "Rx: adjuvant proton therapy 70 Gy.\nFU 14 mo: NED.\n")
    assert [i["category"] for i in r["interventions"]] == ["radiotherapy"]
    assert r["outcome"]["follow_up_months"] == 14 and r["outcome"]["status"] == "no evidence of disease"


def test_another_patients_story_inside_the_case_is_not_this_patient():
    doc = segment("A 30-year-old man had neck pain and was operated on. A 61-year-old woman in another series "
                  "received sunitinib. In one earlier report, the tumour recurred twice. He is well.")
    assert [s.section for s in doc.sentences] == ["case", "other", "other", "case"]


def test_terse_abbreviations_of_outcome():
    o = extract_outcome(["FU 9 mo: AWD, residual mass stable."])
    assert (o.follow_up_months, o.status) == (9, "alive with disease")
    o = extract_outcome(["FU 40 mo NED."])
    assert (o.follow_up_months, o.recurrence, o.metastasis) == (40, False, False)
    assert extract_outcome(["He was lost to follow-up after 7 months."]).follow_up_months == 7
    assert extract_outcome(["Background: melanoma 2010, NED since."]).status is None


def test_follow_up_time_points():
    assert extract_outcome(["MRI at 15 months showed no recurrence."]).follow_up_months == 15
    assert extract_outcome(["Three years after the embolization her scans were clear of disease."]
                           ).follow_up_months == 36
    # the time to a recurrence is not the follow-up
    assert extract_outcome(["The tumour recurred nine years after the first resection."]).follow_up_months is None


def test_verbless_exclusions_and_treatments_in_reserve():
    s = "Lymphoma excluded (CD45-)."
    assert status(s, 0, 8) == "excluded"
    s = "Osteoblastoma and osteoid osteoma ruled out."
    assert status(s, 0, 13) == "excluded"
    s = "Pazopanib held in reserve for progression."
    assert status(s, 0, 9) == "proposed"
    s = "Cryoablation is another option for such lesions."
    assert status(s, 0, 12) == "proposed"
    s = "The board recommended surgery, and stereotactic radiosurgery was delivered to the nodule."
    i = s.index("stereotactic")
    assert status(s, i, i + 25) is None


def test_dx_field_is_the_diagnosis_and_ddx_is_a_differential():
    r = extract("Pt: 59M.\nDDx: lymphoma, myeloma.\nDx: plasmacytoma T4. Myeloma excluded (no CRAB).\n")
    assert r["diagnosis"]["label"].lower() == "plasmacytoma"


def test_diagnosis_named_in_an_outcome_is_not_ruled_out():
    r = one("The biopsy showed a giant cell tumour of bone. After curettage there was no sign of the giant cell "
            "tumour coming back.")
    assert r["diagnosis"]["label"].lower().startswith("giant cell tumo")
    assert r["ruled_out"] == []


def test_marker_lists_of_a_letter():
    got = {k.lower(): v for k, v in markers("IHC: CD99+, FLI1 weak+, WT1-. Desmin-, myogenin-, CK-.").items()}
    assert got == {"cd99": "positive", "fli1": "positive", "wt1": "negative", "desmin": "negative",
                   "myogenin": "negative", "ck": "negative"}
    got = markers("IHC: S100+, CD34-, XYZ1-, EMA-.")
    assert got.get("XYZ1") == "negative"  # an unknown token between two marked markers


def test_percent_words_and_showed_staining():
    r = one("The Ki-67 index was about 8 percent.")
    assert [m["value_percent"] for m in r["markers"]] == [8]
    r = one("Ki-67 approx. 15%.")
    assert [m["value_percent"] for m in r["markers"]] == [15]
    assert markers("The H3 K36M antibody showed diffuse nuclear staining.") == {"H3 K36M": "positive"}


def test_levels_that_are_not_the_tumour():
    assert [m.levels for m in find_levels("PMHx: T2DM, HTN.")] == []
    r = one("MRI showed a schwannoma at L2. There was numbness below T10.")
    assert r["vertebrae"] == ["L2"]


def test_embolization_agent_in_the_label():
    r = one("MRI showed a hemangioma of T8. She underwent percutaneous ethanol embolization of T8.")
    labels = [i["label"] for i in r["interventions"] if i["category"] == "embolization"]
    assert len(labels) == 1 and "percutaneous ethanol embolization" in labels[0]
