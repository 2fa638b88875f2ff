"""What the blind batch genomic10 showed, fixed in general (tests/data/genomic10: molecular reports of tumour kinds of
the spine at any site); each test is on text written for it, not on the batch's documents."""

from __future__ import annotations

import pytest
from extracting import categories, extract
from spinekg.ontology import ontology_path

pytestmark = pytest.mark.skipif(not ontology_path().exists(), reason="the ontology is not there yet")


def _genomic(record: dict) -> set[tuple[str, str | None, str | None]]:
    return {(g["kind"], g.get("gene") or g.get("gene5"), g.get("gene3")) for g in record["genomic"]}


def test_a_result_in_capitals_before_the_finding_is_no_gene():
    r = extract("Case report\nA 5-year-old boy had a sinonasal tumour.\nTest: FISH for EWSR1 (22q12).\nResult: "
                "POSITIVE - EWSR1 gene rearrangement detected.\n")
    assert _genomic(r) == {("fusion", "EWSR1", None)}


def test_a_cohort_counted_gives_the_case_no_treatment_mutation_or_outcome():
    r = extract("Case report\nA 52-year-old man had a mucosal melanoma. Mutation analysis showed a KIT exon 11 "
                "mutation, and he was started on imatinib.\nIn a retrospective study of 40 patients, 14 of 18 patients "
                "received nilotinib. Of 24 evaluable patients, 8 had a KIT mutation and 3 an NRAS mutation. Among 28 "
                "patients with head and neck melanoma, none had distant metastases.\n")
    assert {g[1] for g in _genomic(r)} == {"KIT"}
    assert categories(r) == ["targeted_therapy"]
    assert r["outcome"]["metastasis"] is None
