"""Notation families found by the blind reports c01-c12 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract, tumour_levels
from spinekg.loaders.extract.genomic import one_letter
from spinekg.loaders.extract.levels import tumor_levels
from spinekg.loaders.extract.negation import status
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def one(text: str) -> dict:
    return extract("A 61-year-old man had neck pain. " + text)


# levels ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # a syrinx, oedema or cord signal beside the tumour is not the tumour
    ("An enhancing nodule at T6 lay below a syrinx reaching from C5 to T4.", ["T6"]),
    ("Cord oedema extended from T2 to T8 around the lesion at T5.", ["T5"]),
    ("A syrinx sat above the tumour at C3-C4.", ["C3", "C4"]),
    # vessels and nerves named with their region word
    ("The mass was supplied by the right T11 and T12 intercostal arteries.", []),
    ("The L4 lumbar nerve root was displaced.", []),
    # the ontology's word names of C1 and C2
    ("A bony spur grew from the anterior arch of the atlas.", ["C1"]),
    ("An osteolytic lesion destroyed the dens of the axis.", ["C2"]),
    ("The fracture line ran along the axis of the vertebral body at L2.", ["L2"]),
    ("A mass of the cervical atlas was found.", ["C1"]),
])
def test_level_notation_c(text, expected):
    assert tumour_levels(text) == expected


def test_a_level_inside_a_marker_name_is_no_level():
    text = "The cells were negative for cyclin D1 and positive for CD138."
    span = {"text": text}
    start = text.index("cyclin D1")
    assert tumor_levels([(text, span, [], [], [(start, start + len("cyclin D1"))])]) == {}
    assert "T1" not in one("The plasma cells at L3 were negative for cyclin D1.")["vertebrae"]


# lexicon matching ------------------------------------------------------------------------------
def test_a_name_glued_to_a_longer_symbol_is_not_matched():
    r = one("Sequencing found a MAP2K1 K57N mutation. No chemotherapy was given.")
    assert not [i for i in r["interventions"] if i["category"] == "chemotherapy"]
    assert [(g["gene"], g["variant"]) for g in r["genomic"]] == [("MAP2K1", "K57N")]


# clauses ---------------------------------------------------------------------------------------
def test_comma_so_ends_a_negated_clause():
    s = "No plane could be developed, so only a needle biopsy was taken."
    assert status(s, s.index("needle biopsy"), s.index("needle biopsy") + 13) is None


# markers ---------------------------------------------------------------------------------------
def marks(text: str) -> dict[str, str]:
    return {m["name"]: m["result"] for m in one(text)["markers"]}


def test_polarity_word_before_the_next_marker_belongs_to_it():
    got = marks("The cells expressed Olig2, showed loss of H3K27me3, and retained nuclear ATRX expression.")
    assert got["H3K27me3"] == "negative" and got["ATRX"] == "positive"


def test_positive_in_a_cell_population():
    assert marks("Immunostaining: SATB2 was positive in the lining osteoblasts.")["SATB2"] == "positive"


def test_an_immunostain_noun_before_the_copula():
    assert marks("The BRAF V600E (VE1) immunostain was negative.")["BRAF V600E"] == "negative"


def test_new_lexicon_markers():
    got = marks("The stromal cells were positive for inhibin alpha and negative for PAX8; "
                "myeloperoxidase was negative and PD-L1 was expressed.")
    assert got == {"inhibin alpha": "positive", "PAX8": "negative", "myeloperoxidase": "negative",
                   "PD-L1": "positive"}


def test_a_list_ihc_line_with_pr():
    r = one("Immunoprofile: PR+ (60%), SSTR2A+, S-100 -.")
    by = {m["name"]: (m["result"], m["value_percent"]) for m in r["markers"]}
    assert by["PR"] == ("positive", 60) and by["SSTR2A"] == ("positive", None) and by["S-100"][0] == "negative"


# genomic ---------------------------------------------------------------------------------------
def test_variant_after_cdna_notation_and_three_letter_codes():
    assert one_letter("Gly12Asp") == "G12D" and one_letter("Q61R") == "Q61R"
    r = one("Germline testing showed a VHL c.194C>G (p.Ser65Trp) mutation.")
    assert [(g["gene"], g["variant"]) for g in r["genomic"]] == [("VHL", "S65W")]


# outcome ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "key", "value"), [
    ("MRI at 18 months showed a small nodular recurrence in the bed.", "recurrence", True),
    ("Imaging at 3 years showed neither local recurrence nor metastasis.", "recurrence", False),
    ("Two lung nodules were confirmed as metastatic disease at biopsy.", "metastasis", True),
    ("At 2 years chest CT remained clear of metastases.", "metastasis", False),
    ("He is free of local or distant disease at 40 months.", "metastasis", False),
    ("At 20 months there was no reactivation.", "recurrence", False),
    ("At 9 months the residual epidural tissue was stable in size.", "status", "alive with disease"),
])
def test_outcome_notation_c(text, key, value):
    assert one(text)["outcome"][key] == value


def test_a_relatives_outcome_is_not_the_patients():
    r = one("His father had died of metastatic renal cancer at 60. The tumour was resected.")
    assert r["outcome"]["metastasis"] is None and r["outcome"]["status"] is None


# diagnosis -------------------------------------------------------------------------------------
def test_a_general_remark_in_the_discussion_does_not_rule_out_the_case_diagnosis():
    r = one("Biopsy showed Langerhans cell histiocytosis of the T9 body.\n\nDiscussion\n"
            "Ewing sarcoma can mimic Langerhans cell histiocytosis on imaging.")
    assert r["diagnosis"]["label"].lower().startswith("langerhans") and not r["ruled_out"]
