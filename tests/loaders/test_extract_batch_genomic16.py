"""What the blind batch genomic16 showed, fixed in general (tests/data/genomic16: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, fusion_pairs, tumour_levels
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def test_context_from_other_series_is_the_literature():
    r = extract("Poster abstract\nResults: The tumour of a 61-year-old patient carried a SCYL3-NTRK1 fusion.\nContext "
                "from other series (not this patient): a screen of 971 cancers found NTRK1 fusions in three. Two were "
                "TPM3-NTRK1 and one was TPR-NTRK1.\n")
    assert fusion_pairs(r) == {("SCYL3", "NTRK1")}


def test_a_drug_defined_after_a_run_in_label():
    r = extract("Case report\nA 61-year-old had a colorectal cancer with an NTRK1 fusion.\nTherapeutic implication: "
                "Entrectinib is an orally available inhibitor of pan-TRK, ROS1 and ALK.\n")
    assert categories(r) == []


def test_bright_on_t2_is_an_mri_sequence():
    assert tumour_levels("The scan revealed an oval, non-enhancing lesion that was bright on T2 and lay in the "
                         "temporal lobe.") == []
