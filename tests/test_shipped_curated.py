"""The curated records spinekg ships (data/curated): each one patient of a real published report, cited by a DOI or
PMID in its canonical form with a link that resolves to it, curated, a primary spinal tumour, and conforming to
the case shapes when ingested; no report's patient twice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spinekg.graph import EmbeddedStore
from spinekg.loaders import load_path
from spinekg.ontology import ontology_path

DATA = Path(__file__).resolve().parents[1] / "data"
CURATED = sorted((DATA / "curated").glob("*.json"))
pytestmark = pytest.mark.skipif(not ontology_path().exists() or not CURATED, reason="no curated records")

DOI = re.compile(r"^10\.\d{4,9}/\S+$")


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_a_curated_record_is_cited_and_curated(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    src = raw["source"]
    assert raw["method"] == "curated" and raw["document"] == path.name
    assert src.get("doi") or src.get("pmid"), "a DOI or a PMID"
    if src.get("doi"):
        assert DOI.match(src["doi"]), src["doi"]
        assert src["url"] == f"https://doi.org/{src['doi']}"
    else:
        assert str(src["pmid"]).isdigit() and src["url"] == f"https://pubmed.ncbi.nlm.nih.gov/{src['pmid']}/"
    if src.get("pmid"):
        assert str(src["pmid"]).isdigit()
    assert isinstance(src.get("authors", []), list)
    assert raw["diagnosis"].get("label") and raw["diagnosis"].get("primary") is not False


def test_the_curated_records_conform_to_the_shapes_and_are_distinct():
    records = [r for p in CURATED for r in load_path(p).records]
    assert len(records) == len(CURATED)
    st = EmbeddedStore(None)
    st.ingest(records)  # every case graph is checked against ontology/shapes.ttl at ingest (refused otherwise)
    assert len(st.case_ids()) == len(records)
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))
    # one patient of a report once: the same report's patients differ in age, sex or levels
    seen = {}
    for r in records:
        key = (r.source.doi or r.source.pmid, r.patient.age_years, r.patient.sex, tuple(r.vertebrae))
        assert key not in seen, (r.id, seen.get(key))
        seen[key] = r.id
    # every diagnosis is grounded in the ontology and none is a metastasis
    for r in records:
        d = st.case_record(r.id)
        assert d["diagnosis"]["term"], r.id
        assert not d["diagnosis"]["term"].endswith("/Metastasis"), r.id
