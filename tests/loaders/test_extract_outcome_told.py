"""The patient's disease told as metastatic ("widely metastatic", "had become metastatic", "diagnosed with
metastatic stage IV carcinoma", "metastatic deposits in both lungs", "metastatic lymph nodes appeared") is a
metastasis, and a recurrence told by what found it ("imaging found a local recurrence"), by where it came
("postoperative recurrence of the adenocarcinoma", "a CNS relapse of neuroblastoma") or as the disease the patient
had ("had recurrent adenocarcinoma") is a recurrence; a type's recurrent genetic lesions, a recurrent infection and
the same words said of no patient are neither. Texts written for these tests."""

from __future__ import annotations

import pytest
from extracting import extract

CASE = "Case presentation\nA 52-year-old woman had a mass of the left thigh and underwent a biopsy. {}\n"


@pytest.mark.parametrize("said", [
    "Staging showed widely metastatic leiomyosarcoma.",
    "Within two years the tumour had become metastatic.",
    "She was diagnosed with metastatic (stage IV) lung adenocarcinoma.",
    "She now has a metastatic carcinoma in the left axilla.",
    "Restaging CT found metastatic deposits in both lungs.",
    "Metastatic lymph nodes appeared in the groin six months later.",
])
def test_disease_told_as_metastatic(said: str) -> None:
    assert extract(CASE.format(said))["outcome"]["metastasis"] is True


@pytest.mark.parametrize("said", [
    "Metastases of leiomyosarcoma usually involve the lungs first.",
    "Metastatic deposits in both lungs are common in this sarcoma.",
    "No metastatic deposits were found in the lungs.",
    "A metastatic carcinoma was considered but excluded on immunohistochemistry.",
])
def test_metastatic_said_of_no_patient_or_denied(said: str) -> None:
    assert extract(CASE.format(said))["outcome"]["metastasis"] is not True


@pytest.mark.parametrize("said", [
    "Two years later, routine imaging found a local recurrence.",
    "MRI at 18 months detected a small recurrence at the resection margin.",
    "Postoperative recurrence of the lung adenocarcinoma was treated with gefitinib.",
    "Eight months later she had a CNS relapse of her neuroblastoma.",
    "Gefitinib was started for the recurrent disease.",
])
def test_recurrence_told_by_finding_place_or_disease(said: str) -> None:
    assert extract(CASE.format(said))["outcome"]["recurrence"] is True


@pytest.mark.parametrize("said", [
    "Routine imaging at two years found no recurrence.",
    "A PCR screen for the recurrent leukaemia fusion genes was negative.",
    "She had had recurrent otitis media since childhood.",
    "Local recurrence of the tumour is common after intralesional curettage.",
])
def test_recurrence_denied_genetic_or_of_another_kind(said: str) -> None:
    assert extract(CASE.format(said))["outcome"]["recurrence"] is not True
