"""What the first run of the molecular19 batch showed, fixed in general (texts written for these tests, not the
batch's): a newborn's age, a diagnosis under its heading and a list of diagnoses set aside, the extent at presentation
and what a tumour type can do (no outcome), lines of chemotherapy told by their number, infliximab, a timeline's
radiotherapy, and radiosurgery apart from the spine's course."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


@pytest.mark.parametrize("sentence", [
    "A newborn boy had a mass over the sacrum compressing the cauda equina.",
    "A baby boy was seen in the neonatal period for a sacral mass compressing the cauda equina.",
])
def test_a_newborn_is_aged_0(sentence):
    r = extract(sentence + "\nBiopsy showed an infantile fibrosarcoma.\n")
    assert r["patient"]["age_years"] == 0 and r["patient"]["sex"] == "male"


def test_the_diagnosis_under_its_heading_wins_over_a_list_set_aside():
    r = extract("A 3-year-old girl had a paraspinal mass at L2 reaching the canal.\n"
                "Immunohistochemistry was used to work through the differential, and the team excluded:\n"
                "  - neuroblastoma\n  - rhabdomyosarcoma\n  - Ewing sarcoma\n\n"
                "FINAL DIAGNOSIS\n"
                "Round cell sarcoma of the paraspinal region with a BCOR-CCNB3 fusion (BCOR-CCNB3 sarcoma).\n")
    assert r["diagnosis"]["term"].endswith("/SarcomaWithBCORGeneticAlteration")
    assert {"neuroblastoma", "rhabdomyosarcoma", "Ewing sarcoma"} <= set(r["ruled_out"])


def test_a_differential_diagnosis_heading_gives_no_diagnosis():
    r = extract("A 3-year-old girl had a paraspinal mass at L2 reaching the canal.\n"
                "Biopsy showed a BCOR-CCNB3 sarcoma.\n\n"
                "DIFFERENTIAL DIAGNOSIS\n"
                "Ewing sarcoma, neuroblastoma and rhabdomyosarcoma were considered.\n")
    assert r["diagnosis"]["term"].endswith("/SarcomaWithBCORGeneticAlteration")


@pytest.mark.parametrize("sentence", [
    "Primary Ewing sarcoma of the central nervous system can present with brain lesions and leptomeningeal spread.",
    "Multifocal Ewing sarcoma presenting with intracranial haemorrhage and leptomeningeal dissemination.",
])
def test_extent_at_presentation_and_what_a_type_can_do_are_no_outcome(sentence):
    r = extract("A 34-year-old man had an intradural Ewing sarcoma at L3, biopsied at laminectomy.\n" + sentence + "\n"
                "He died of the disease 6 months after the diagnosis.\n")
    assert r["outcome"]["metastasis"] is None
    assert r["outcome"]["status"] == "died of disease"


def test_a_later_metastasis_is_an_outcome():
    r = extract("A 34-year-old man had an intradural Ewing sarcoma at L3, resected.\n"
                "Ten months later he developed lung metastases.\n")
    assert r["outcome"]["metastasis"] is True


@pytest.mark.parametrize("sentence, n", [
    ("He then received three lines of chemotherapy.", 3),
    ("He received radiation and several successive lines of chemotherapy.", 2),
    ("He received more than one line of chemotherapy (the drugs are not named).", 2),
])
def test_lines_of_chemotherapy_told_by_their_number(sentence, n):
    r = extract("A 34-year-old man had an intradural Ewing sarcoma at L3, biopsied.\n" + sentence + "\n")
    assert [i["category"] for i in r["interventions"]].count("chemotherapy") == n


def test_infliximab_is_a_drug():
    r = extract("A 68-year-old man had melanoma metastases at T7-T10, irradiated.\n"
                "An immune-related myelitis did not respond to steroids; he was given infliximab.\n")
    assert any(i["agents"] == ["infliximab"] and i["category"] == "other_drug" for i in r["interventions"])


def test_a_timeline_row_radiotherapy_and_radiosurgery_apart():
    r = extract("A 68-year-old man had melanoma metastases at T7-T10.\n\n"
                "TIMELINE\n"
                "  Month 0       Ipilimumab plus nivolumab started.\n"
                "  During ICB    External-beam radiotherapy to the T7-T10 vertebral metastases, 30 Gy in 10\n"
                "                fractions.\n"
                "                Stereotactic radiosurgery (SRS) to 16 brain metastases.\n"
                "  +1 month      Brain MRI: one new punctate cerebellar metastasis -> SRS.\n")
    rts = [i for i in r["interventions"] if i["category"] == "radiotherapy"]
    assert len(rts) == 3
    assert rts[0]["dose_gy"] == 30


def test_a_treatment_that_did_not_work_was_given():
    r = extract("A 68-year-old man had melanoma metastases at T7-T10, irradiated.\n"
                "The myelitis did not respond to steroids; he was given cyclophosphamide.\n"
                "The vertebral disease did not respond to imatinib.\n")
    drugs = {tuple(i["agents"]): i.get("response") for i in r["interventions"] if i["agents"]}
    assert drugs == {("cyclophosphamide",): None, ("imatinib",): "no response"}
