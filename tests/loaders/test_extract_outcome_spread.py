"""A patient's tumour told as having spread ("had spread widely", "has spread throughout the neuraxis") is a
metastasis; spread told as a general feature, or denied, is not. Texts written for these tests."""

from __future__ import annotations

import pytest
from extracting import extract

CASE = "Case presentation\nA 3-year-old girl had a mass of the fourth ventricle and underwent resection. {}\n"


@pytest.mark.parametrize("said", [
    "By then her tumour had spread widely.",
    "Staging MRI showed that the disease had already spread along the whole neuraxis.",
    "The carcinoma has spread throughout the craniospinal axis.",
])
def test_told_spread_is_metastasis(said: str) -> None:
    assert extract(CASE.format(said))["outcome"]["metastasis"] is True


@pytest.mark.parametrize("said", [
    "In children, spread along the whole neuraxis is a known but uncommon feature of these tumours.",
    "The tumour has not spread widely.",
    "There was no sign that the tumour had spread widely.",
])
def test_general_or_denied_spread_is_not(said: str) -> None:
    assert extract(CASE.format(said))["outcome"]["metastasis"] is not True
