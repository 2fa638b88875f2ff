"""Molecular notations as reports write them: HGVS, exons in every order, translocations, promoter hotspots,
family shorthand (CDKN2A/B), co-amplification, and negative tests that are not findings."""

from __future__ import annotations

import pytest
from extracting import extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def genomic(sentence: str) -> list[tuple]:
    r = extract("A 30-year-old man had a sarcoma of L2. " + sentence)
    keys = ("gene3", "exon5", "exon3", "variant")
    return [(g["kind"], g.get("gene5") or g.get("gene"), *(g.get(k) for k in keys)) for g in r["genomic"]]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Sequencing showed a TP53 c.743G>A (p.Arg248Gln) mutation.", [("mutation", "TP53", None, None, None, "R248Q")]),
    ("RT-PCR showed fusion of exon 4 of NAB2 with exon 2 of STAT6.", [("fusion", "NAB2", "STAT6", 4, 2, None)]),
    ("RT-PCR showed EWSR1 exon 7 fused to FLI1 exon 6.", [("fusion", "EWSR1", "FLI1", 7, 6, None)]),
    ("Karyotype showed t(X;18)(p11;q11), and RT-PCR confirmed SS18-SSX1.", [("fusion", "SS18", "SSX1", None, None,
                                                                            None)]),
    ("FISH showed t(11;22)(q24;q12) with EWS-FLI1 fusion.", [("fusion", "EWSR1", "FLI1", None, None, None)]),
    ("An H3F3A G34W mutation was found.", [("mutation", "H3-3A", None, None, None, "G34W")]),
    ("TERT promoter C228T mutation was detected.", [("mutation", "TERT", None, None, None, "C228T")]),
    ("Homozygous CDKN2A/B deletion was found.", [("deletion", "CDKN2A", None, None, None, None),
                                                 ("deletion", "CDKN2B", None, None, None, None)]),
    ("MDM2-CDK4 co-amplification was found.", [("amplification", "MDM2", None, None, None, None),
                                               ("amplification", "CDK4", None, None, None, None)]),
    ("FISH showed MDM2 amplification (MDM2/CEP12 ratio 8.2).", [("amplification", "MDM2", None, None, None, None)]),
    ("No SS18 rearrangement was detected by FISH.", []),
    ("No TERT promoter C228T mutation was detected.", []),
    # a partner unnamed: the fusion of the one named gene (EWSR1 is a 5' partner)
    ("Break-apart FISH showed a rearrangement of EWSR1.", [("fusion", "EWSR1", None, None, None, None)]),
    ("CD99 and NKX2-2 were positive.", []),  # immunohistochemistry, not genomic
])
def test_notation(sentence, expected):
    assert genomic(sentence) == expected
