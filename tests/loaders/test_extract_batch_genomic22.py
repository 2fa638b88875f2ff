"""What the blind batch genomic22 showed, fixed in general (tests/data/genomic22: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import extract, marker_results, mutation_pairs
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_a_gene_fields_value_not_a_symbol_in_its_full_name():
    r = extract("A 24-year-old woman had bilateral phaeochromocytomas.\nGermline result\n  Gene:        MAX (MYC "
                "associated factor X)\n  Variant:     c.70_73delAAAC, p.Lys24fs*40\n")
    assert mutation_pairs(r) == {("MAX", "K24fs*40")}


def test_a_stains_own_no_after_an_earlier_positive():
    r = extract("A 62-year-old woman had skin papules. On immunohistochemistry the histiocytes were CD1a positive and "
                "CD68 positive, with no langerin (CD207) staining.")
    assert marker_results(r) == {"CD1a": "positive", "CD68": "positive", "langerin": "negative"}


def test_diagnoses_listed_as_withdrawn():
    r = extract("A 20-year-old man had a foot mass. It was first treated as Ewing sarcoma.\nBoard conclusion: clear "
                "cell sarcoma of soft tissue of the right foot, with EWSR1-ATF1 fusion. The earlier diagnoses are "
                "withdrawn:\n- synovial sarcoma;\n- Ewing sarcoma.\n")
    assert r["diagnosis"]["label"] == "clear cell sarcoma of soft tissue"
    assert "Ewing sarcoma" in r["ruled_out"]
