"""Notation families found by the blind reports b01-b12 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract, tumour_levels
from spinekg.loaders.extract.negation import status
from spinekg.ontology import ontology_path

needs_ontology = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def one(text: str) -> dict:
    return extract(text)


def markers(text: str) -> dict[str, str]:
    return {m["name"]: m["result"] for m in one("A 52-year-old woman. " + text)["markers"]}


# levels ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # a range whose ends are qualified ("from the X of A to the Y of B")
    ("A mass extended from the upper endplate of T11 to the lower third of L1.", ["T11", "T12", "L1"]),
    ("The lesion ran from the caudal part of C5 down to the body of C7.", ["C5", "C6", "C7"]),
    # two discs / interspaces / vessels named together are not tumour levels
    ("The C4/5 and C5/6 discs were normal.", []),
    ("The osteotomy passed through the S2/3 interspace.", []),
    ("Embolization of the right T9 and T10 segmental arteries was done.", []),
    # a level the text says is spared
    ("The T8 vertebral body was spared.", []),
    ("The tumour destroyed L4, sparing L5.", ["L4"]),
    ("T6 and T7 were involved, whereas T8 was not involved.", ["T6", "T7"]),
])
def test_levels(text, expected):
    assert tumour_levels(text) == expected


# markers ---------------------------------------------------------------------------------------
@needs_ontology
@pytest.mark.parametrize(("text", "expected"), [
    # a noun after the marker carries the result ("CD99 staining", "EMA positivity")
    ("Immunohistochemistry showed membranous CD99 staining and nuclear NKX2.2 positivity.",
     {"CD99": "positive", "NKX2.2": "positive"}),
    ("There was no CD99 staining on immunohistochemistry.", {"CD99": "negative"}),
    ("Immunostains: loss of INI-1 expression in the tumour cells.", {"INI-1": "negative"}),
    # "X expression was retained/lost in ..."
    ("On immunohistochemistry, H3K27me3 expression was retained in all cells.", {"H3K27me3": "positive"}),
    ("On immunohistochemistry, INI-1 expression was lost in the tumour cells.", {"INI-1": "negative"}),
    # a bracketed staining pattern is a positive result
    ("Immunohistochemistry: STAT6 (strong, nuclear), CD34 (patchy); desmin (-).",
     {"STAT6": "positive", "CD34": "positive", "desmin": "negative"}),
    # a singular copula after a list belongs to the last marker only
    ("The cells were negative for S100, SOX10 was weakly positive.", {"S100": "negative", "SOX10": "positive"}),
    # "..., as were A and B" repeats the result before it
    ("Immunostaining for desmin was negative, as were myogenin and MyoD1.",
     {"desmin": "negative", "myogenin": "negative", "MyoD1": "negative"}),
    # a bracketed synonym does not break a list; an unknown name inside a known list is kept
    ("On immunostaining, CD45 (LCA), Zeb9 and desmin were negative.",
     {"CD45": "negative", "Zeb9": "negative", "desmin": "negative"}),
    ("The tumour cells stained positive for SATB2 and p99x.", {"SATB2": "positive", "p99x": "positive"}),
])
def test_marker_notation(text, expected):
    assert markers(text) == expected


# negation and hedging --------------------------------------------------------------------------
def test_copula_after_a_coordinated_clause_has_its_own_subject():
    s = "The diagnosis was changed to chordoma of the sacrum, and metastatic carcinoma was excluded."
    assert status(s, s.index("chordoma"), s.index("chordoma") + 8) is None
    c = s.index("metastatic carcinoma")
    assert status(s, c, c + 20) == "excluded"
    t = "The patient underwent laminectomy, and radiotherapy was declined."
    assert status(t, t.index("laminectomy"), t.index("laminectomy") + 11) is None
    assert status(t, t.index("radiotherapy"), t.index("radiotherapy") + 12) == "proposed"


def test_a_bracketed_aside_does_not_hide_the_copula():
    s = "Lymphoma work-up (flow cytometry and marrow biopsy) was negative."
    assert status(s, 0, 8) == "negated"


def test_an_anticipated_operation_is_not_one():
    s = "Given the anticipated morbidity of a sacrectomy, radiotherapy alone was chosen."
    assert status(s, s.index("sacrectomy"), s.index("sacrectomy") + 10) == "proposed"


# diagnosis -------------------------------------------------------------------------------------
@needs_ontology
def test_a_differential_that_becomes_the_final_diagnosis():
    r = one("A 30-year-old man had a lumbar mass. The differential diagnosis comprised schwannoma and "
            "paraganglioma. Histology showed a paraganglioma; the final diagnosis was paraganglioma.")
    assert r["diagnosis"]["label"].lower() == "paraganglioma"
    assert [x.lower() for x in r["ruled_out"]] == ["schwannoma"]


# genomic ---------------------------------------------------------------------------------------
@needs_ontology
def test_exons_named_apart_from_the_fusion():
    r = one("A 3-year-old boy. Sequencing found an ETV6::NTRK3 fusion that joined exon 5 of ETV6 to exon 15 of NTRK3.")
    (g,) = r["genomic"]
    assert (g["gene5"], g["gene3"], g["exon5"], g["exon3"]) == ("ETV6", "NTRK3", 5, 15)


# outcome ---------------------------------------------------------------------------------------
@needs_ontology
@pytest.mark.parametrize(("text", "months", "mets"), [
    ("At the latest review, 15 months after starting entrectinib, the mass was smaller.", 15, None),
    ("At 2 years there was no recurrence and no evidence of leptomeningeal seeding.", 24, False),
    ("A lung nodule was resected and proved on histology to be metastatic chordoma.", None, True),
])
def test_outcome_notation(text, months, mets):
    o = one("A 50-year-old woman had a chordoma of L2. " + text)["outcome"]
    assert (o["follow_up_months"], o["metastasis"]) == (months, mets)
