"""Notation families found by the blind reports e01-e12 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract.levels import find_levels, is_tumor_level
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.outcome import extract_outcome
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def one(text: str) -> dict:
    return extract("A 47-year-old man had neck pain. " + text)


def markers(text: str) -> dict[str, str]:
    return {m["name"]: m["result"] for m in one(text)["markers"]}


def genomic(text: str) -> list[tuple]:
    return [(g["kind"], g.get("gene") or g.get("gene5"), g.get("variant") or g.get("gene3"))
            for g in one(text)["genomic"]]


# markers -------------------------------------------------------------------------------------------
def test_plus_ve_and_minus_ve_marks():
    got = markers("Immunostains: the spindle cells were CD34+ve and desmin -ve, with SOX10 +ve nuclei.")
    assert got == {"CD34": "positive", "desmin": "negative", "SOX10": "positive"}


def test_marker_name_ending_in_a_bracketed_clone_keeps_the_list_result():
    got = markers("On immunostaining, EMA, desmin and CK (AE1/AE3) were all negative.")
    assert got == {"EMA": "negative", "desmin": "negative", "CK": "negative"}


def test_light_chains_and_gata3_are_markers():
    got = markers("The plasma cells stained for lambda light chain but were negative for kappa light chain "
                  "and GATA3.")
    assert got == {"lambda light chain": "positive", "kappa light chain": "negative", "GATA3": "negative"}


# genomic -------------------------------------------------------------------------------------------
def test_deletions_of_a_listed_pair():
    assert genomic("Copy-number analysis showed homozygous deletions of CDKN2A and NF1.") == [
        ("deletion", "CDKN2A", None), ("deletion", "NF1", None)]
    assert genomic("FISH showed amplification of MDM2 and CDK4.") == [
        ("amplification", "MDM2", None), ("amplification", "CDK4", None)]


def test_mutation_of_a_gene_the_lexicon_does_not_know():
    assert genomic("Panel sequencing found a PLCG2 R665W mutation.") == [("mutation", "PLCG2", "R665W")]
    assert genomic("No PLCG2 R665W mutation was found.") == []


# interventions -------------------------------------------------------------------------------------
def test_chemotherapy_with_its_listed_agents_survives_drugs_named_elsewhere():
    r = one("She had four courses of induction chemotherapy (carboplatin and etoposide). Maintenance was "
            "oral cyclophosphamide.")
    agents = {a for i in r["interventions"] for a in i["agents"]}
    assert agents == {"carboplatin", "etoposide", "cyclophosphamide"}


def test_stage_code_is_not_a_regimen_or_a_level():
    r = one("A biopsy showed a lymphoma, stage IE by Ann Arbor. The tumour was INRG stage L2.")
    assert not [i for i in r["interventions"] if i["category"] == "chemotherapy"]
    text = "The disease was classified as locoregional (L2) neuroblastoma."
    assert [m for m in find_levels(text) if is_tumor_level(text, m)] == []


def test_new_drugs_and_their_categories():
    r = one("He received busulfan, then dinutuximab; the cyst was injected with polidocanol.")
    cats = {a: i["category"] for i in r["interventions"] for a in i["agents"]}
    assert cats == {"busulfan": "chemotherapy", "dinutuximab": "immunotherapy", "polidocanol": "other_drug"}


# diagnosis -----------------------------------------------------------------------------------------
def test_suspicion_dropped_in_the_same_sentence_is_an_exclusion():
    s = "Chordoma and chondrosarcoma had been suspected on CT but were ruled out."
    assert status(s, 0, 8) == "excluded" and status(s, 13, 27) == "excluded"
    s = "Chordoma was suspected but the biopsy showed a schwannoma."
    assert status(s, 0, 8) == "hedged"


def test_a_later_progression_is_not_the_diagnosis():
    r = one("A biopsy confirmed a solitary plasmacytoma of bone at T9. Two years later progression to multiple "
            "myeloma was diagnosed.")
    assert r["diagnosis"]["label"] == "solitary plasmacytoma of bone"
    r = one("The neuroblastoma was confirmed by biopsy of the paraspinal mass at T6.")
    assert r["diagnosis"]["label"] == "neuroblastoma"


# outcome -------------------------------------------------------------------------------------------
def test_disease_free_after_an_earlier_illness_is_not_the_outcome():
    o = extract_outcome(["Ten years earlier she had a melanoma excised and had been disease-free since."])
    assert (o.recurrence, o.metastasis, o.status) == (None, None, None)
    o = extract_outcome(["At 3 years she was disease-free."])
    assert (o.recurrence, o.metastasis, o.status) == (False, False, "no evidence of disease")
