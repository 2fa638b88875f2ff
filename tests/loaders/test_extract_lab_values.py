"""A laboratory value is no stain: "serum PSA was negative" or "tumour markers (CEA, AFP) were negative" tell a blood
test, while the same antigens stained on the tumour are markers. And the stains pathology reports name for
haematolymphoid, epithelial and mesenchymal work-ups are grounded in the ontology."""

from __future__ import annotations

import pytest
from extracting import extract, marker_results
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

LEAD = "A 68-year-old man had a metastasis at L2. A CT-guided biopsy of L2 was done.\n"


@pytest.mark.parametrize("sentence", [
    "Serum PSA was negative.",
    "Tumour markers (CEA, AFP and CA19-9) were negative.",
    "Serum tumour markers including CEA and AFP were within normal limits, and PSA was negative.",
    "Serum thyroglobulin was elevated (540 ng/mL) and calcitonin was negative.",
    "Laboratory tests: AFP negative, beta-hCG negative.",
])
def test_a_blood_test_is_no_stain(sentence):
    assert extract(LEAD + sentence + "\n")["markers"] == []


@pytest.mark.parametrize("sentence, expected", [
    ("Serum AFP was 1,200 ng/mL; the tumour cells were positive for AFP and SALL4.",
     {"AFP": "positive", "SALL4": "positive"}),
    ("Immunohistochemistry showed positivity for thyroglobulin, TTF-1 and PAX8, and the serum thyroglobulin level "
     "was 320 ng/mL.", {"thyroglobulin": "positive", "TTF-1": "positive", "PAX8": "positive"}),
    ("Plasma cells were CD138 positive.", {"CD138": "positive"}),
])
def test_a_stain_beside_a_blood_test_is_kept(sentence, expected):
    assert marker_results(extract(LEAD + sentence + "\n")) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The blasts were positive for CD13, CD33, CD117 and HLA-DR and negative for CD3.",
     {"CD13": "positive", "CD33": "positive", "CD117": "positive", "HLA-DR": "positive", "CD3": "negative"}),
    ("The histiocytes were HAM56 positive.", {"HAM56": "positive"}),
    ("The tumour was positive for HER2 (3+) and negative for mammaglobin and GCDFP-15.",
     {"HER2": "positive", "mammaglobin": "negative", "GCDFP-15": "negative"}),
    ("Tumour cells expressed CA-IX and RCC marker.", {"CA-IX": "positive", "RCC marker": "positive"}),
    ("The cells stained for muscle-specific actin (HHF35) and myoglobin.",
     {"muscle-specific actin": "positive", "myoglobin": "positive"}),
])
def test_stains_are_grounded(sentence, expected):
    r = extract(LEAD + sentence + "\n")
    assert marker_results(r) == expected
    assert all(m["term"] for m in r["markers"])
