"""Genes the ontology does not model, read by their HGNC symbol where a genomic notation is told (sentences
written for this test, in the ways reports of carcinomas metastatic to the spine and of germline syndromes give
them); a symbol that reports use as an abbreviation, a vertebral level or a family stem is not a gene."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.ontology import hgnc, ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

CASE = "A 58-year-old woman had back pain. MRI showed a lesion of the T9 vertebra compressing the cord. "


def _genomic(sentence: str) -> list[tuple[object, ...]]:
    r = extract(CASE + sentence)
    return sorted((g["kind"], g.get("gene") or "", g.get("gene5") or "", g.get("gene3") or "",
                   g.get("variant") or "", g.get("origin") or "") for g in r["genomic"])


def test_the_table_holds_approved_and_previous_symbols():
    table = hgnc.symbols()
    assert table["MSH2"] == ("MSH2", "HGNC:7325")
    assert table["MLL"][0] == "KMT2A"  # a previous symbol made current
    assert "SSX" not in table  # the stem of SSX1, SSX2, SSX4 names none of them


@pytest.mark.parametrize("sentence, want", [
    ("A germline MSH2 c.1906G>C (p.Ala636Pro) variant was found.", [("mutation", "MSH2", "", "", "A636P", "germline")]),
    ("Molecular testing showed an EML4-ALK variant 3 rearrangement.", [("fusion", "", "EML4", "ALK", "", "")]),
    ("NGS identified STK11 and KEAP1 mutations with KRAS G12C.",
     [("mutation", "KEAP1", "", "", "", ""), ("mutation", "KRAS", "", "", "G12C", ""),
      ("mutation", "STK11", "", "", "", "")]),
    ("The tumour showed CCNE1 amplification and homozygous deletion of MTAP.",
     [("amplification", "CCNE1", "", "", "", ""), ("deletion", "MTAP", "", "", "", "")]),
    ("Sequencing showed MUTYH G382D and ATM c.7271T>G (p.V2424G).",
     [("mutation", "ATM", "", "", "V2424G", ""), ("mutation", "MUTYH", "", "", "G382D", "")]),
    ("A CCDC6-RET fusion was found.", [("fusion", "", "CCDC6", "RET", "", "")]),
    # old names of oncogenes with their prefix, HGNC aliases
    ("An N-myc amplification was detected by Southern blot.", [("amplification", "MYCN", "", "", "", "")]),
    ("A c-kit exon 11 mutation (p.W557_K558del) was detected.", [("mutation", "KIT", "", "", "W557_K558del", "")]),
    ("c-Myc amplification was demonstrated by FISH.", [("amplification", "MYC", "", "", "", "")]),
    # a fusion partner written by its alias
    ("RT-PCR detected the TLS-CHOP fusion transcript.", [("fusion", "", "FUS", "DDIT3", "", "")]),
])
def test_genes_outside_the_ontology(sentence, want):
    assert _genomic(sentence) == want


@pytest.mark.parametrize("sentence", [
    "No pathogenic PALB2 variant was found on germline testing.",
    "TES was performed after the deletion of the posterior elements was planned.",
    "The C5 root was sacrificed; the fusion extended from C4 to C6.",
    "Next-generation sequencing (MSK-IMPACT) found no mutation.",
])
def test_no_gene_where_none_is_told(sentence):
    assert _genomic(sentence) == []


def test_a_family_stem_is_not_one_of_its_genes():
    assert _genomic("RT-PCR detected the SYT-SSX fusion transcript.") == [("fusion", "", "SS18", "SSX", "", "")]


@pytest.mark.parametrize("sentence, want", [
    ("EGFR L858R and T790M mutations were found.", ["L858R", "T790M"]),
    ("EGFR G719X and L861Q compound mutations were found.", ["G719X", "L861Q"]),
    ("NRAS Q61K was found.", ["Q61K"]),
])
def test_a_genes_further_changes_after_the_first(sentence, want):
    assert [g[4] for g in _genomic(sentence)] == want


@pytest.mark.parametrize("sentence, gene", [
    ("Next-generation sequencing showed EGFR ex19del.", "EGFR"),
    ("The tumour harboured an EGFR exon20ins.", "EGFR"),
    ("A METex14 skipping alteration was identified.", "MET"),
])
def test_an_exon_change_glued_as_lung_reports_write_it(sentence, gene):
    """A mutation of the gene whose protein change is not told (the record keeps no exon-level change)."""
    assert _genomic(sentence) == [("mutation", gene, "", "", "", "")]


def test_a_negated_glued_exon_change_is_no_finding():
    assert _genomic("No EGFR ex19del was found.") == []


def test_the_table_holds_unambiguous_aliases():
    aliases = hgnc.aliases()
    assert aliases["CHOP"][0] == "DDIT3"
    assert aliases["n-myc"][0] == aliases["N-myc"][0] == "MYCN"  # a prefixed oncogene name, in any case
    assert "ALK1" not in aliases  # an alias of ALK and of ACVRL1 names neither


@pytest.mark.parametrize("sentence", [
    "The tumour cells were c-kit positive on immunohistochemistry.",
    "Immunohistochemistry showed c-kit positivity, and no KIT mutation was found.",
    "She received R-CHOP chemotherapy.",
])
def test_an_alias_is_no_finding_without_a_genomic_result(sentence):
    assert _genomic(sentence) == []


def test_a_change_told_without_its_gene_is_the_mutated_gene_s():
    # the resistance mutation of a rebiopsy, told after the gene's first mutation; a negative one stays no finding
    got = _genomic("Sequencing showed an EGFR L858R mutation. She received erlotinib. After 12 months the disease "
                   "progressed and a rebiopsy found a T790M resistance mutation.")
    assert [g[4] for g in got] == ["L858R", "T790M"]
    assert [g[4] for g in _genomic("Sequencing showed an EGFR L858R mutation. A rebiopsy showed no T790M "
                                   "mutation.")] == ["L858R"]
    assert _genomic("A T790M mutation was found.") == []  # no gene told before it


@pytest.mark.parametrize("sentence, exons", [
    ("RT-PCR detected an EWS-FLI1 type 1 transcript (EWS exon 7 fused to FLI1 exon 6).", (7, 6)),
    ("An EWSR1::FLI1 fusion (exon 7::exon 6) was found.", (7, 6)),
])
def test_the_exons_of_a_fusion(sentence, exons):
    r = extract(CASE + sentence)
    assert [(g["gene5"], g["gene3"], g.get("exon5"), g.get("exon3")) for g in r["genomic"]] == [
        ("EWSR1", "FLI1", *exons)]
