"""What the first run of the molecular14 batch showed, fixed in general (texts written for these tests, not the
batch's): an undifferentiated sarcoma named without its cell shape, an inherited or pathogenic change named without
the word mutation (BRCA1, BRCA2 and MLH1 now genes of the ontology), and a tumour that spread to the spinal cord."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_an_undifferentiated_sarcoma_without_its_cell_shape():
    r = extract("A 22-year-old woman had a chest wall tumour; histology showed a high-grade undifferentiated sarcoma. "
                "A year later it recurred in the sacrum.")
    assert r["diagnosis"]["term"].endswith("/UndifferentiatedSarcoma")
    assert "undifferentiated sarcoma" in r["diagnosis"]["label"]


@pytest.mark.parametrize("sentence, genes", [
    ("Testing of constitutional DNA confirmed the pathogenic BRCA2 alteration.", ["BRCA2"]),
    ("Germline BRCA1 was found, and the MLH1 change was reclassified as of uncertain significance.", ["BRCA1"]),
    ("Germline BRCA2 testing was negative.", []),
])
def test_an_inherited_change_named_without_the_word_mutation(sentence, genes):
    r = extract("A 40-year-old woman had a sacral sarcoma. " + sentence)
    assert sorted(g["gene"] for g in r["genomic"] if g["kind"] == "mutation") == genes


@pytest.mark.parametrize("sentence", [
    "We describe a man whose temporal glioblastoma spread to the spinal cord.",
    "The shared mutation identified the cord lesion as spread of the known glioblastoma.",
])
def test_a_tumour_that_spread_to_the_spinal_cord(sentence):
    r = extract("A 48-year-old man with a temporal lobe glioblastoma developed myelopathy; MRI showed an "
                "intramedullary lesion at T10, which was biopsied. " + sentence)
    assert r["outcome"]["metastasis"] is True
