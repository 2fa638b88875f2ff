"""Notation families found by the blind reports g01-g12 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.outcome import extract_outcome
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def one(text: str) -> dict:
    return extract("A 61-year-old man had neck pain. " + text)


def markers(text: str) -> dict[str, str]:
    return {m["name"]: m["result"] for m in one(text)["markers"]}


def test_exclusion_with_its_own_copula_does_not_reach_back_over_the_comma():
    s = "The label was changed to Ewing sarcoma, and small cell osteosarcoma was excluded."
    i = s.index("Ewing")
    assert status(s, i, i + len("Ewing sarcoma"), proposals=False) is None
    j = s.index("small cell")
    assert status(s, j, j + len("small cell osteosarcoma"), proposals=False) == "excluded"
    # the verbless form still excludes its whole list
    t = "Plasmacytoma and lymphoma excluded; the lesion was a chordoma."
    assert status(t, 0, len("Plasmacytoma"), proposals=False) == "excluded"


def test_revised_diagnosis_followed_by_an_exclusion_is_the_diagnosis():
    r = one("Histology was reread, and the diagnosis was amended to chordoma, and chondrosarcoma was excluded.")
    assert r["diagnosis"]["label"] == "chordoma"


@pytest.mark.parametrize("text, label", [
    ("Biopsy of the C5 epidural mass confirmed a granulocytic sarcoma.", "granulocytic sarcoma"),
    ("The final diagnosis was a glomus tumour of the C4 vertebra.", "glomus tumour"),
    ("The pigmented intradural tumour at C3 was a meningeal melanocytoma.", "meningeal melanocytoma"),
])
def test_new_tumour_types(text, label):
    assert label in (one(text)["diagnosis"]["label"] or "")


def test_new_markers():
    got = markers("The cells stained for type IV collagen and muramidase and showed nuclear β-catenin, "
                  "whereas CD1a was negative.")
    assert got.get("collagen IV") or got.get("type IV collagen")
    assert any("catenin" in k for k in got)
    assert any(k in ("lysozyme", "muramidase") for k in got)


def test_variant_after_a_verb_of_finding():
    r = one("Pyrosequencing of CTNNB1 exon 3 revealed a T41A mutation.")
    assert {"kind": "mutation", "gene": "CTNNB1", "variant": "T41A"}.items() <= r["genomic"][0].items()
    r = one("Targeted sequencing of GNAQ identified the Q209P variant.")
    assert [(g["gene"], g["variant"]) for g in r["genomic"]] == [("GNAQ", "Q209P")]


def test_daunorubicin_is_a_chemotherapy_agent():
    r = one("Induction with idarubicin-free daunorubicin and cytarabine was given for two cycles.")
    agents = {a for i in r["interventions"] for a in i["agents"]}
    assert {"daunorubicin", "cytarabine"} <= agents


def test_follow_up_after_a_state_of_the_patient():
    o = extract_outcome(["She was symptom-free at 30 months, with no recurrence on imaging."])
    assert (o.follow_up_months, o.recurrence) == (30, False)
    assert extract_outcome(["He first walked at 14 months of age."]).follow_up_months is None


def test_a_dose_is_not_part_of_the_radiotherapy_label():
    r = one("A chordoma of C2 was treated with radiotherapy of 66.6 Gy in 37 fractions.")
    (rt,) = [i for i in r["interventions"] if i["category"] == "radiotherapy"]
    assert rt["label"] == "radiotherapy" and rt["dose_gy"] == 66.6
