"""Notation families found by the blind reports d01-d12 (tests/data/reports), each on inline text
written for this test (never a sentence copied from a report)."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.loaders.extract.levels import find_levels
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.outcome import extract_outcome, follow_up
from spinekg.loaders.extract.sentences import segment
from spinekg.loaders.extract.tables import as_prose, is_row
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def one(text: str) -> dict:
    return extract("A 58-year-old woman had back pain. " + text)


def markers(text: str) -> dict[str, tuple[str, object]]:
    return {m["name"]: (m["result"], m["value_percent"]) for m in one(text)["markers"]}


# tables rendered as text ---------------------------------------------------------------------------
def test_table_cells_read_as_marker_results_keeping_offsets():
    line = "Staining | Desmin | + | CD117 | − | MIB-1 | 12% |"
    prose = as_prose(line)
    assert len(prose) == len(line)
    assert prose == "Staining ; Desmin   + ; CD117   − ; MIB-1   12% ;"
    assert as_prose("No table here, only a 5-10% index.") == "No table here, only a 5-10% index."
    assert as_prose("| CK7 | weak + |") == "; CK7   + weak ;"


def test_inline_table_gives_markers():
    got = markers("Table 2. Immunostains | Desmin | + | CD117 | − | MIB-1 | 12% |")
    assert got["Desmin"] == ("positive", None) and got["CD117"] == ("negative", None)
    assert got["MIB-1"] == ("positive", 12)


def test_table_rows_are_one_sentence_not_headings():
    text = ("A 58-year-old woman had back pain.\nTable 1. Stains\n| Marker | Result |\n| CK7 | focal + |\n"
            "| TTF-1 | − |\n")
    rows = [s for s in segment(text).sentences if "|" in s.text]
    assert len(rows) == 1 and not rows[0].heading and rows[0].text.count("\n") == 2
    assert is_row("| CK7 | focal + |") and not is_row("CK7 | +")
    got = {m["name"]: m for m in one("\nTable 1. Stains\n| Marker | Result |\n| S-100 | focal + |\n| TTF-1 | − |\n"
                                     "| INI1 | lost |\n")["markers"]}
    assert got["S-100"]["result"] == "positive"
    assert got["TTF-1"]["result"] == "negative" and got["TTF-1"]["pattern"] is None
    assert got["INI1"]["result"] == "negative"


# outcome ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "months"), [
    ("Her latest follow-up was at 31 months, with no sign of disease.", 31),
    ("The follow-up was after 4 years from the operation.", 48),
    ("A relapse was seen 7 months after the corpectomy.", 7),
])
def test_follow_up_wordings_d(text, months):
    assert follow_up(text) == months


@pytest.mark.parametrize(("text", "recurrence"), [
    ("At 15 months, a local relapse was identified at the resection bed.", True),
    ("Local relapse in the sacral stump was confirmed by biopsy.", True),
    ("Two years later a new relapse occurred at the same level.", True),
    ("No local relapse was identified on the last scan.", False),
])
def test_relapse_wordings(text, recurrence):
    assert extract_outcome([text]).recurrence is recurrence


def test_general_tendency_is_no_outcome():
    o = extract_outcome(["Such tumours have a strong tendency for late distant metastasis."])
    assert o.metastasis is None


# clauses ---------------------------------------------------------------------------------------------
def test_passive_exclusion_looks_back_only():
    s = "Lymphoma was excluded and the diagnosis of chordoma was made."
    assert status(s, 0, 8) == "excluded"
    assert status(s, s.index("chordoma"), s.index("chordoma") + 8) is None


def test_subordinate_clause_ends_at_its_comma():
    s = "Because re-excision was declined, imatinib 400 mg daily was started."
    assert status(s, s.index("imatinib"), s.index("imatinib") + 8) is None
    assert status(s, s.index("re-excision"), s.index("re-excision") + 11) == "proposed"


def test_so_that_ends_a_clause():
    s = "FISH showed a COL1A1::PDGFB fusion, so that dermatofibrosarcoma was excluded."
    assert status(s, s.index("COL1A1"), s.index("PDGFB") + 5) is None


def test_disease_property_is_not_a_treatment():
    s = "Alveolar soft part sarcoma is largely resistant to cytotoxic chemotherapy."
    assert status(s, s.index("chemotherapy"), s.index("chemotherapy") + 12) == "hedged"
    assert "chemotherapy" not in {i["category"] for i in one(s)["interventions"]}


# names -----------------------------------------------------------------------------------------------
def test_acronym_hyphenated_to_another_is_not_matched():
    cats = {i["category"] for i in one("RT-PCR detected the transcript, and adjuvant RT was given.")["interventions"]}
    assert cats == {"radiotherapy"}
    assert not one("An RT-PCR assay was run on the biopsy tissue.")["interventions"] or \
        "radiotherapy" not in {i["category"] for i in one("An RT-PCR assay was run.")["interventions"]}


def test_non_prefix_names_the_opposite():
    from spinekg.loaders.extract.lexmatch import default_matcher

    found = [m.surface for m in default_matcher().find("A non-Hodgkin lymphoma was suspected at first.")]
    assert "Hodgkin lymphoma" not in found
    assert one("The final diagnosis was classical Hodgkin lymphoma.")["diagnosis"]["label"] == \
        "classical Hodgkin lymphoma"


def test_histopathology_of_a_specimen_is_no_biopsy():
    r = one("The mass was excised. Histopathological examination showed a schwannoma.")
    assert "biopsy" not in {i["category"] for i in r["interventions"]}


# genomic ----------------------------------------------------------------------------------------------
def test_exons_after_each_symbol():
    (g,) = one("RNA sequencing found a SS18-SSX1 fusion joining SS18 exon 10 to SSX1 exon 6.")["genomic"]
    assert (g["gene5"], g["gene3"], g["exon5"], g["exon3"]) == ("SS18", "SSX1", 10, 6)


def test_sdhb_mutation_and_loss_of_staining():
    r = one("Loss of SDHB expression was seen in the chief cells. Germline testing found an SDHB mutation, "
            "c.274T>C (p.S92P).")
    assert {(m["name"], m["result"]) for m in r["markers"]} >= {("SDHB", "negative")}
    assert [(g["kind"], g["gene"], g["variant"]) for g in r["genomic"]] == [("mutation", "SDHB", "S92P")]


# levels -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("The chordoma extended from S2 to coccyx.", ["S2", "S3", "S4", "S5", "coccyx"]),
    ("A mass ran from S4 to the coccyx.", ["S4", "S5", "coccyx"]),
    ("The L5, the sacrum and the coccyx were normal.", ["L5", "sacrum", "coccyx"]),
])
def test_range_to_the_coccyx(text, expected):
    assert [lvl for m in find_levels(text) for lvl in m.levels] == expected


# lexicon ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "label"), [
    ("Histology confirmed a chondromyxoid fibroma.", "chondromyxoid fibroma"),
    ("The diagnosis was alveolar soft part sarcoma.", "alveolar soft part sarcoma"),
    ("The final diagnosis was extraskeletal myxoid chondrosarcoma.", "extraskeletal myxoid chondrosarcoma"),
])
def test_new_tumour_types(text, label):
    assert one(text)["diagnosis"]["label"] == label


def test_abvd_and_fusion_procedures():
    r = one("She received four cycles of ABVD. An occipitocervical fusion was performed.")
    chemo = next(i for i in r["interventions"] if i["category"] == "chemotherapy")
    assert set(chemo["agents"]) == {"doxorubicin", "bleomycin", "vinblastine", "dacarbazine"}
    assert any(i["category"] == "surgery" and "occipitocervical fusion" in i["label"] for i in r["interventions"])
    r = one("A lung nodule was treated with percutaneous cryoablation after phenoxybenzamine was given.")
    cats = {(i["category"], tuple(i["agents"])) for i in r["interventions"]}
    assert ("other_drug", ("phenoxybenzamine",)) in cats and any(c == "surgery" for c, _ in cats)
