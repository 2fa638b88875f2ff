"""What the first run of the molecular27 batch showed, fixed in general (texts written for these tests, not the
batch's): an extent told with a verb ("began at C2 and extended as far as T2"), biallelic inactivation of a gene, a
PARP inhibitor as targeted therapy, and a carcinoma told as a second tumour, not the spine's metastasis, when the case
tells of no spread."""

from __future__ import annotations

import pytest
from extracting import categories, extract, tumour_levels
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


@pytest.mark.parametrize(("text", "levels"), [
    ("MRI showed an intramedullary mass that began at the C3 level and extended caudally as far as C6.",
     ["C3", "C4", "C5", "C6"]),
    ("There was a mass at T11, extending down to L1.", ["T11", "T12", "L1"]),
])
def test_an_extent_told_with_a_verb_is_a_range(text, levels):
    assert tumour_levels(text) == levels


@pytest.mark.parametrize("said", ["Genetic work-up showed that he carried biallelic inactivation of BRCA2.",
                                  "Genetic work-up showed biallelic BRCA2 inactivation."])
def test_biallelic_inactivation_of_a_gene_is_its_mutation(said):
    r = extract(f"Case report\nA 2-year-old boy had an intramedullary embryonal tumour at C4. {said}\n")
    assert [(g["kind"], g["gene"]) for g in r["genomic"]] == [("mutation", "BRCA2")]


def test_a_parp_inhibitor_is_targeted_therapy():
    r = extract("Case report\nA 60-year-old woman had ovarian carcinoma metastatic to L3. Because of a BRCA1 mutation "
                "she was started on a PARP inhibitor.\n")
    assert categories(r) == ["targeted_therapy"]


def test_a_carcinoma_told_as_a_second_tumour_is_not_the_spines_metastasis():
    r = extract("Case report\nOur patient is a young man with familial adenomatous polyposis. He developed multiple "
                "desmoid tumours, some of them spinal. Separately from the desmoids, a papillary thyroid carcinoma "
                "was diagnosed.\n")
    assert r["diagnosis"]["label"] == "desmoid tumour" and r["outcome"]["metastasis"] is not True


@pytest.mark.parametrize("said", [
    "The L2 lesion was later found to originate from prostate adenocarcinoma.",
    "Biopsy of the L2 lesion showed metastatic prostate adenocarcinoma.",
])
def test_a_carcinoma_that_reached_the_spine_is_its_metastasis(said):
    r = extract(f"Case report\nA 60-year-old man presented with back pain. MRI showed a lesion of L2. {said}\n")
    assert r["diagnosis"]["term"].endswith("/Metastasis")
