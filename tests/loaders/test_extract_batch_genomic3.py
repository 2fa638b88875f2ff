"""What the blind batch genomic3 showed, fixed in general (tests/data/genomic3: whole articles, clinicians' notes,
lines of treatment, molecularly defined nervous-system tumours); each test is on text written for it, not on the
batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, marker_results
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

CASE = "A 50-year-old woman had a tumour of the T9 vertebra. "


def _fusions(text: str) -> list[tuple[str | None, str | None]]:
    return [(g["gene5"], g["gene3"]) for g in extract(CASE + text)["genomic"] if g["kind"] == "fusion"]


def test_a_reference_title_is_no_run_in_label():
    r = extract("Case presentation\nA 24-year-old had an inflammatory myofibroblastic tumour of T9; sequencing "
                "showed a ROS1 fusion, and crizotinib was started.\n\nReferences\n1. Kim J. [Case report: metastatic "
                "IMT with CARS1-ALK fusion treated with alectinib.] Cancer Res Treat. 2024.\n")
    assert [(g["gene5"], g["gene3"]) for g in r["genomic"]] == [(None, "ROS1")]
    assert categories(r) == ["targeted_therapy"]


def test_general_statements_of_the_disease():
    r = extract(CASE + "Inflammatory myofibroblastic tumour often carries ALK rearrangements. ROS1 fusions "
                       "account for about 10% of IMTs, close to half of the ALK-negative ones. Radical surgery is the "
                       "treatment for resectable disease.")
    assert (r["genomic"], r["markers"], r["interventions"]) == ([], [], [])


def test_drugs_told_by_what_they_are_licensed_for_were_not_given():
    r = extract("Pt: 60 y/o F.\nDx: metastatic cutaneous melanoma of T9, BRAF K601E-mutated.\nBRAF inhibitors "
                "(vemurafenib, dabrafenib) are licensed only for BRAF V600-mutant disease, so not available.\n"
                "Rx: trametinib, compassionate use. Current status: complete response. NED.\n")
    assert [i["agents"] for i in r["interventions"]] == [["trametinib"]]
    assert r["patient"]["sex"] == "female"
    assert r["outcome"]["metastasis"] is True  # (a disease called metastatic had its metastasis, in remission now)


def test_a_deletion_inside_an_exon_is_a_mutation():
    r = extract(CASE + "EGFR: deletion in exon 19 (mutation positive).")
    assert [(g["kind"], g["gene"]) for g in r["genomic"]] == [("mutation", "EGFR")]


def test_a_lead_in_to_a_number_of_reports_lists_other_patients():
    r = extract(CASE + "Germline testing showed SDHC c.43C>T, p.Arg15X.\nOur case adds to a small number of reports "
                       "of aggressive disease:\n- Three unrelated patients carried SDHC c.397C>T (p.Arg133*).\n")
    assert [g["variant"] for g in r["genomic"]] == ["R15X"]


@pytest.mark.parametrize("sentence, want", [
    ("RT-PCR showed a chimeric C11orf95-LOC-RELA transcript.", [("ZFTA", "RELA")]),  # (C11orf95: ZFTA's old symbol)
    ("Sequencing found an NTRK3-C22orf34 gene fusion.", [("NTRK3", "C22orf34")]),
])
def test_open_reading_frame_symbols(sentence, want):
    assert _fusions(sentence) == want


def test_a_decision_and_follow_up_part_after_the_discussion():
    r = extract("Case\nA 67-year-old man had prostate cancer metastatic to L2.\n\nDiscussion\nOlaparib is effective in "
                "BRCA-mutated prostate cancer.\n\n5. Decision and follow-up\nLine 3: olaparib was started.\n")
    assert [i["agents"] for i in r["interventions"]] == [["olaparib"]]
    assert marker_results(r) == {}


def test_an_internal_tandem_duplication_told_after_its_exon():
    r = extract(CASE + "Sequencing of BCOR exon 15 showed an in-frame internal tandem duplication.")
    assert [(g["gene"], g["variant"]) for g in r["genomic"]] == [("BCOR", None)]
