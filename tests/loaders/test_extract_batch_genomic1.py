"""What the blind batch genomic1 showed, fixed in general (tests/data/genomic1: how reports tell a patient's own
molecular results, in tumours of the spine's kinds at any site); each test is on text written for it, not on the
batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract, marker_results
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

CASE = "A 50-year-old woman had a tumour of the T9 vertebra. "


def _genomic(text: str) -> list[tuple[object, ...]]:
    return sorted((g["kind"], g.get("gene") or "", g.get("gene5") or "", g.get("gene3") or "", g.get("variant") or "",
                   g.get("exon5") or 0, g.get("exon3") or 0) for g in extract(CASE + text)["genomic"])


def test_a_fusion_named_by_an_alias_that_is_also_a_regimen_is_no_chemotherapy():
    r = extract(CASE + "FISH showed a rearranged CHOP locus. RT-PCR identified the EWS-CHOP chimeric transcript: "
                       "exon 7 of EWS was fused to exon 2 of CHOP.")
    assert r["interventions"] == []
    assert _genomic("RT-PCR identified the EWS-CHOP chimeric transcript: exon 7 of EWS was fused to exon 2 of CHOP.") \
        == [("fusion", "", "EWSR1", "DDIT3", "", 7, 2)]
    assert categories(extract(CASE + "She received six cycles of CHOP.")) == ["chemotherapy"]


def test_the_noun_of_a_stain_is_no_result_of_the_markers_listed_after_it():
    r = extract(CASE + "Staining for CD34, S100 and SOX10 was negative.")
    assert marker_results(r) == {"CD34": "negative", "S100": "negative", "SOX10": "negative"}
    r = extract(CASE + "The cells showed staining for CD34 and S100, and SOX10 was negative.")
    assert marker_results(r) == {"CD34": "positive", "S100": "positive", "SOX10": "negative"}


def test_histone_changes_of_the_gene_the_sentence_names():
    assert _genomic("Sequencing detected two H3F3B mutations: H3.3 p.Val36Leu and H3.3 p.Lys37Met.") == [
        ("mutation", "H3-3B", "", "", "K36M", 0, 0), ("mutation", "H3-3B", "", "", "V36L", 0, 0)]
    assert _genomic("Sequencing identified H3F3B mutations resulting in p.Val36Leu of histone H3.3.") == [
        ("mutation", "H3-3B", "", "", "V36L", 0, 0)]
    # a sentence of stains tells no genotype, whatever word of mutation it uses
    assert _genomic("Antibody staining for the mutant histone proteins - H3.3 G34W and G34R - was negative.") == []


@pytest.mark.parametrize("sentence, want", [
    ("Sequencing showed an NF2 truncating mutation c.1006_1021delins16.",
     [("mutation", "NF2", "", "", "c.1006_1021delins16", 0, 0)]),
    ("Array analysis showed a partial deletion of chromosome 22q that takes in NF2, SMARCB1 and LZTR1.",
     [("deletion", "LZTR1", "", "", "", 0, 0), ("deletion", "NF2", "", "", "", 0, 0),
      ("deletion", "SMARCB1", "", "", "", 0, 0)]),
    ("Germline SMARCE1 testing found the same pathogenic variant, c.525delT.",
     [("mutation", "SMARCE1", "", "", "c.525delT", 0, 0)]),
    ("Molecular: TERT promoter mutated; EGFR amplified.",
     [("amplification", "EGFR", "", "", "", 0, 0), ("mutation", "TERT", "", "", "", 0, 0)]),
    ("FISH showed t(4;14)(p16;q32), the source of the IgH-MMSET fusion.",
     [("fusion", "", "IGH", "NSD2", "", 0, 0)]),
    ("The diagnosis was recorded as BRAF V600E-negative, MAP2K1 p.Cys121Ser-positive.",
     [("mutation", "MAP2K1", "", "", "C121S", 0, 0)]),
])
def test_notations_of_the_batch(sentence, want):
    assert _genomic(sentence) == want


def test_an_exon_told_with_a_mutation_keeps_it_beside_a_later_change():
    got = _genomic("Testing identified an activating EGFR mutation in exon 19. Years later a rebiopsy found a T790M "
                   "resistance mutation.")
    assert [(g[1], g[4]) for g in got] == [("EGFR", ""), ("EGFR", "T790M")]


def test_a_translocation_told_with_other_bands_is_not_named_again_as_a_known_one():
    assert _genomic("The karyotype was:\n46,XX,t(11;22)(q23.3;q11.2)\nThe inherited t(11;22) may have acted with the "
                    "acquired t(4;14).") == []
    assert _genomic("The karyotype showed t(11;22)(q24;q12).") == [("fusion", "", "EWSR1", "FLI1", "", 0, 0)]


def test_csf_diversion_is_an_operation():
    r = extract(CASE + "To relieve the hydrocephalus a ventriculostomy was performed and an external ventricular drain "
                       "was placed.")
    assert categories(r) == ["surgery"]


def test_a_liquid_biopsy_takes_no_tissue():
    r = extract(CASE + "A repeated liquid biopsy showed a KRAS G12C mutation.")
    assert "biopsy" not in categories(r)
    assert "biopsy" in categories(extract(CASE + "A CT-guided biopsy of T9 was done."))


def test_a_first_line_kinase_inhibitor_and_a_later_named_one_are_two_lines():
    r = extract(CASE + "She was started on an EGFR TKI as first-line treatment. When her disease progressed, treatment "
                       "was changed to the third-generation EGFR TKI osimertinib.")
    assert [(i["category"], i["agents"]) for i in r["interventions"]] == [
        ("targeted_therapy", []), ("targeted_therapy", ["osimertinib"])]


def test_the_drugs_a_chemotherapy_is_told_to_consist_of_are_one_line():
    r = extract(CASE + "She was treated with repeated rounds of chemotherapy based on bortezomib and lenalidomide.")
    assert [(i["category"], sorted(i["agents"])) for i in r["interventions"]] == [
        ("chemotherapy", ["bortezomib", "lenalidomide"])]


def test_rather_than_before_a_verb_excludes_no_diagnosis():
    r = extract("A 67-year-old woman had multiple myeloma of T8. The translocation was constitutional rather than "
                "acquired by the myeloma clone.")
    assert r["diagnosis"]["label"] == "multiple myeloma"


def test_a_further_child_of_the_literature_is_someone_else():
    r = extract("A 6-year-old girl had a clear cell meningioma of L2. Germline SMARCE1 testing found a pathogenic "
                "variant.\nSMARCE1-associated meningioma is increasingly recognised. A further child presented at 4 "
                "years with a meningioma and somatic NF1 and DMD mutations.")
    assert {g.get("gene") for g in r["genomic"]} == {"SMARCE1"}


def test_a_board_note_s_results_after_its_why_this_case():
    r = extract("MOLECULAR TUMOUR BOARD\nPatient: woman, 74 years\nWorking diagnosis: inflammatory myofibroblastic "
                "tumour of T9\n\n1. Why this case was presented\nThe question was whether the molecular work-up could "
                "identify the driver.\n\n2. Molecular results (patient's tumour)\n- FISH and sequencing: the EML4-ALK "
                "fusion gene is present.\n")
    assert [(g["gene5"], g["gene3"]) for g in r["genomic"]] == [("EML4", "ALK")]


@pytest.mark.parametrize("sentence, months", [
    ("At the time of reporting the patient had remained in good health for 24 months.", 24),
    ("At the time of writing, he had been in good health for 2 years.", 24),
    ("He has remained well for 18 months.", 18),
])
def test_a_time_the_patient_stayed_well_is_the_follow_up(sentence, months):
    assert extract(CASE + "She underwent resection. " + sentence)["outcome"]["follow_up_months"] == months


def test_a_hotspot_stain_written_in_hgvs():
    r = extract(CASE + "IDH1 p.R132H (mutation-specific antibody): negative; the common IDH1 mutation is not present.")
    assert marker_results(r) == {"IDH1 p.R132H": "negative"}
    assert r["genomic"] == []


def test_a_test_s_purpose_in_a_clause_before_its_own_result():
    assert _genomic("A geneticist was consulted to look for a germline origin, and germline SMARCE1 testing found the "
                    "same pathogenic variant, c.525delT, in the girl and in her mother.") == [
        ("mutation", "SMARCE1", "", "", "c.525delT", 0, 0)]
    assert _genomic("FISH was performed to look for amplification of MDM2, and MDM2 was not amplified.") == []


def test_the_h3_3_gene_named_by_its_protein_letter():
    # ("H3.3A" is H3-3A's, as "H3F3A" is; it had been read as H3-3B)
    assert _genomic("Sequencing of H3.3A detected an H3.3 p.Gly35Arg mutation.") == [
        ("mutation", "H3-3A", "", "", "G34R", 0, 0)]
