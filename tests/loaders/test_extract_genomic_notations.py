"""Genomic notations probed before the molecular9 batch was run (sentences written for this test, each a
common way a molecular result is reported): kind words between the gene and 'mutation', the protein change
preferred to the cDNA change, the hotspot before 'TERT promoter', partner-less fusions on the side the
ontology's fusions give the gene, listed rearrangements, and the clonality of the immunoglobulin loci."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")

CASE = "A 34-year-old man presented with back pain. MRI showed a lytic lesion of the L2 vertebral body. "


def _genomic(sentence: str) -> list[tuple[object, ...]]:
    r = extract(CASE + sentence)
    return sorted((g["kind"], g.get("gene") or "", g.get("gene5") or "", g.get("gene3") or "",
                   g.get("variant") or "") for g in r["genomic"])


@pytest.mark.parametrize("sentence, want", [
    ("An NF2 nonsense mutation (p.Arg262*) was found in the tumour.", ("NF2", "R262*")),
    ("Whole-exome sequencing identified a pathogenic NF1 frameshift variant (c.2033dupC).", ("NF1", "c.2033dupC")),
    ("A SUFU germline mutation was detected.", ("SUFU", "")),
    ("Genetic testing showed a germline VHL mutation (c.499C>T; p.Arg167Trp).", ("VHL", "R167W")),
    ("The mutation c.1799T>A (p.V600E) in BRAF was identified.", ("BRAF", "V600E")),
    ("A C250T TERT promoter mutation was found.", ("TERT", "C250T")),
    ("Sequencing of the TERT promoter revealed the C228T mutation.", ("TERT", "C228T")),
    ("A pathogenic variant in PRKAR1A (c.491_492delTG) was detected.", ("PRKAR1A", "c.491_492delTG")),
])
def test_mutation_notations(sentence, want):
    assert _genomic(sentence) == [("mutation", *want[:1], "", "", want[1])]


@pytest.mark.parametrize("sentence", ["A R132C mutation of IDH1 was found.",
                                      "A K27M mutation in H3F3A was detected by Sanger sequencing."])
def test_the_article_a_is_never_a_gene(sentence):
    assert all(g[1] != "A" for g in _genomic(sentence))
    assert len(_genomic(sentence)) == 1


@pytest.mark.parametrize("sentence, want", [
    ("Fluorescence in situ hybridization with an ALK break-apart probe showed rearrangement of ALK.",
     ("", "ALK")),
    ("MYC rearrangement was detected by FISH; BCL2 and BCL6 were not rearranged.", ("", "MYC")),
    ("FISH revealed a BRAF rearrangement.", ("", "BRAF")),
    ("The tumour carried a ROS1 fusion.", ("", "ROS1")),
    ("A KMT2A rearrangement was found on FISH.", ("KMT2A", "")),
    ("FISH showed EWSR1 gene rearrangement.", ("EWSR1", "")),
])
def test_a_partner_less_fusion_takes_the_side_of_the_ontologys_fusions(sentence, want):
    assert _genomic(sentence) == [("fusion", "", *want, "")]


def test_listed_rearrangements_are_each_a_fusion():
    assert _genomic("The tumour showed BCL2 and MYC rearrangements (double-hit lymphoma).") == [
        ("fusion", "", "", "BCL2", ""), ("fusion", "", "", "MYC", "")]


@pytest.mark.parametrize("sentence", ["PCR showed a clonal IGH gene rearrangement.",
                                      "The tumour showed an IGH rearrangement on FISH."])
def test_an_immunoglobulin_locus_rearranged_without_a_partner_is_no_fusion(sentence):
    assert _genomic(sentence) == []


def test_a_named_immunoglobulin_translocation_is_a_fusion():
    assert _genomic("FISH showed t(11;14) with an IGH-CCND1 fusion.") == [("fusion", "", "IGH", "CCND1", "")]


def test_an_alk_fusion_protein_stain_is_no_genomic_finding():
    assert _genomic("Immunostaining for the ALK fusion protein was positive.") == []


@pytest.mark.parametrize("sentence, gene, variant", [
    ("Sequencing: H3-3A p.K28M (K27M) detected.", "H3-3A", "K27M"),
    ("Sequencing showed H3F3A p.Lys28Met.", "H3-3A", "K27M"),
    ("Sequencing showed H3F3A p.G35W.", "H3-3A", "G34W"),
    ("Sequencing showed an H3 K27M mutation.", "H3", "K27M"),
])
def test_a_histone_hotspot_in_hgvs_numbering_is_named_as_the_literature_does(sentence, gene, variant):
    r = extract("A 30-year-old man had a diffuse midline glioma at T8. Biopsy confirmed it.\n" + sentence + "\n")
    assert [(g["gene"], g["variant"]) for g in r["genomic"]] == [(gene, variant)]
