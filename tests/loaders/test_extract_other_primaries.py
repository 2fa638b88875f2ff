"""Tumours named in spinal case reports that are no tumour type of the spine's own: acute lymphoblastic leukaemia
(its classes in the ontology), and the primaries of other organs a spinal metastasis is named by beside the
carcinomas (lung cancers by abbreviation, Merkel cell carcinoma, seminoma, the embryonal tumours of childhood,
pheochromocytoma, mesothelioma, thymoma, carcinoid and organ neuroendocrine tumours). Texts written for these tests."""

from __future__ import annotations

import pytest
from extracting import extract

ONTO = "https://w3id.org/spinekg/ontology/"


@pytest.mark.parametrize(("named", "term"), [
    ("B-cell acute lymphoblastic leukaemia", "BLymphoblasticLeukemia"),
    ("B-cell precursor acute lymphoblastic leukemia (BCP-ALL)", "BLymphoblasticLeukemia"),
    ("T-cell acute lymphoblastic leukemia", "TLymphoblasticLeukemia"),
    ("acute lymphoblastic leukaemia", "AcuteLymphoblasticLeukemia"),
])
def test_acute_lymphoblastic_leukaemia_is_its_class(named: str, term: str) -> None:
    r = extract("Case presentation\nA 6-year-old boy had had back pain for three weeks. Radiographs showed compression "
                f"fractures of T12 and L1. A bone marrow aspirate showed 82% blasts, and {named} was diagnosed. "
                "He was treated on a standard induction protocol.\n")
    assert r["diagnosis"]["term"] == ONTO + term
    assert r["vertebrae"] == ["T12", "L1"]


def test_lymphoblastic_lymphoma_stays_its_own_class() -> None:
    r = extract("Case presentation\nA 14-year-old girl had an epidural mass at T4-T6. Biopsy showed a T-lymphoblastic "
                "lymphoma; the bone marrow was not involved.\n")
    assert r["diagnosis"]["term"] == ONTO + "LymphoblasticLymphoma"


@pytest.mark.parametrize("named", [
    "NSCLC", "Merkel cell carcinoma", "seminoma", "Wilms tumour", "nephroblastoma",
    "malignant pleural mesothelioma", "thymoma", "carcinoid tumour", "pancreatic neuroendocrine tumour",
])
def test_a_spinal_metastasis_is_named_by_its_primary(named: str) -> None:
    r = extract(f"Case presentation\nA 52-year-old man with {named} diagnosed two years earlier presented with back "
                "pain. MRI showed a lesion of the T10 vertebral body with epidural extension. A CT-guided biopsy "
                f"of T10 confirmed metastatic {named}.\n")
    assert r["diagnosis"]["term"] == ONTO + "Metastasis"
    assert r["diagnosis"]["label"].lower().endswith(named.lower())
    assert r["vertebrae"] == ["T10"]


def test_the_cauda_equina_neuroendocrine_tumour_is_no_metastasis() -> None:
    r = extract("Case presentation\nA 45-year-old woman had an intradural mass at L3. It was resected in one piece. "
                "Histology showed a neuroendocrine tumour, and the diagnosis was cauda equina neuroendocrine tumour "
                "(formerly paraganglioma of the cauda equina).\n")
    assert r["diagnosis"]["term"] == ONTO + "CaudaEquinaNeuroendocrineTumor"


def test_the_cervical_spine_is_no_primary() -> None:
    r = extract("Case presentation\nA 60-year-old man had a lytic lesion of the C5 vertebra. Biopsy showed a "
                "plasmacytoma; no other lesion was found on whole-body imaging.\n")
    assert r["diagnosis"]["term"] == ONTO + "Plasmacytoma"


def test_a_pheochromocytoma_is_classed_as_itself_like_a_paraganglioma() -> None:
    # (the ontology holds pheochromocytoma, the intra-adrenal paraganglioma, since genomic19: its spread to the spine is
    # classed by the tumour's own class, as a paraganglioma's is)
    r = extract("Case presentation\nA 52-year-old man with pheochromocytoma diagnosed two years earlier presented with "
                "back pain. MRI showed a lesion of the T10 vertebral body. A CT-guided biopsy of T10 confirmed "
                "metastatic pheochromocytoma.\n")
    assert r["diagnosis"]["term"] == ONTO + "Pheochromocytoma"
    assert r["vertebrae"] == ["T10"]
