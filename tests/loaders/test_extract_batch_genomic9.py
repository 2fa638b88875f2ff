"""What the blind batch genomic9 showed, fixed in general (tests/data/genomic9: molecular reports of tumour kinds of the
spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import extract, marker_results
from spinekg.loaders.extract import furniture
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _fusions(record: dict) -> set[tuple[str | None, str | None, int | None, int | None]]:
    return {(g["gene5"], g["gene3"], g.get("exon5"), g.get("exon3")) for g in record["genomic"]
            if g["kind"] == "fusion"}


def _mutations(record: dict) -> set[tuple[str, str | None]]:
    return {(g["gene"], g["variant"]) for g in record["genomic"] if g["kind"] == "mutation"}


def test_an_age_in_days():
    r = extract("Case presentation\nA boy aged 9 days was brought in with vomiting and a full fontanelle.\n")
    assert r["patient"]["age_years"] == pytest.approx(0.02, abs=0.01)


def test_a_stain_highlighted_before_another_stains_share_and_an_index_told_high():
    r = extract("Case report\nA 50-year-old man had a node mass. The marrow held myeloid cells highlighted by "
                "myeloperoxidase, with fewer than 1% CD34-positive blasts. The node infiltrate was CD30 negative, with "
                "a high Ki-67 proliferation index.\n")
    assert marker_results(r) == {"myeloperoxidase": "positive", "CD34": "positive", "CD30": "negative",
                                 "Ki-67": "positive"}


def test_positive_for_after_negative_for():
    r = extract("Case report\nA 55-year-old man had a multisystem illness. A blood-based sequencing assay of "
                "cell-free DNA was negative for BRAF V600E and positive for a MAP2K1 mutation.\n")
    assert _mutations(r) == {("MAP2K1", None)}


def test_a_letters_comment_after_its_patient_is_not_the_case():
    r = extract("To the Editor,\nOur patient, a man aged 61 years, had a histiocytosis. Sequencing found a MAP2K1 "
                "mutation.\nTwo points deserve emphasis. First, a negative BRAF V600E result does not exclude the "
                "disease. Conversely, a patient has been described who carried a CSF1R mutation and was treated with "
                "cobimetinib.\n")
    assert _mutations(r) == {("MAP2K1", None)}
    assert r["interventions"] == []


def test_a_change_a_later_test_refuted():
    r = extract("Case report\nA 45-year-old woman had a thyroid nodule. A qPCR assay reported a BRAF V600E mutation. "
                "The final pathology was a follicular carcinoma. Sanger sequencing of BRAF found no V600E "
                "substitution but a non-V600E BRAF mutation.\n")
    assert _mutations(r) == {("BRAF", None)}


def test_a_fusion_with_its_exons_as_e_numbers():
    r = extract("Case report\nA 30-year-old woman had a thyroid carcinoma.\nMolecular result: ETV6(E5)::NTRK3(E15).\n")
    assert _fusions(r) == {("ETV6", "NTRK3", 5, 15)}


def test_a_sentence_a_column_break_cut_before_a_bracket_or_a_number():
    text = ("Rationale: A result often pushes a diagnosis. In one published case\n\n(Clin Case Rep 2021), for "
            "example, a 63-year-old woman had a carcinoma.\n\nWe add a case. Our patient, a man aged\n\n55 years, had "
            "a long illness.\n")
    out = furniture.clean(text)
    assert "In one published case  (Clin" in out and "aged  55 years" in out


def test_a_variant_told_where_it_was_found_before_its_change():
    r = extract("Case report\nA toddler had a medulloblastoma. Sequencing found a pathogenic PTEN variant in the "
                "germline, p.(Arg130Ter) (ClinVar).\n")
    assert _mutations(r) == {("PTEN", "R130*")}
