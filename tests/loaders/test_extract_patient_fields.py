"""A report's patient told in fields ("Patient: adolescent boy, 17 years", a board note's "Patient" part with
"- Age: 74 years", "Sex: male") is the case's patient. Texts written for these tests."""

from __future__ import annotations

import pytest
from extracting import extract


@pytest.mark.parametrize("text, age, sex", [
    ("SURGICAL PATHOLOGY REPORT\n\nPatient: adolescent boy, 17 years\nSpecimen: tumour tissue\n\nFINAL DIAGNOSIS\n"
     "Synovial sarcoma.\n", 17, "male"),
    ("Tumour board note\n- Age: 68 years\n- Sex: female\n- Diagnosis: lung adenocarcinoma.\n", 68, "female"),
    ("THORACIC TUMOUR BOARD\n\nPatient\n- Age: 74 years\n- Sex: not given\n\nClinical question\nDriver status of a "
     "lung cancer.\n", 74, None),
    ("Pathology report\nPatient: young woman (age not given)\nDiagnosis: astrocytoma.\n", None, "female"),
])
def test_patient_told_in_fields(text: str, age: int | None, sex: str | None) -> None:
    r = extract(text)
    assert (r["patient"]["age_years"], r["patient"]["sex"]) == (age, sex)


def test_a_field_of_another_kind_opens_no_case():
    r = extract("Background\nAge: 74 is the median age of such patients in registries.\nCase report\nA 41-year-old man "
                "had a chordoma of L2.\n")
    assert r["patient"]["age_years"] == 41
