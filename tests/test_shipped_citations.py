"""Every report spinekg ships shows its citation: on its case page, in /cases and in the case-json export."""

from __future__ import annotations

from pathlib import Path

import pytest
from spinekg.graph import EmbeddedStore
from spinekg.loaders import load_path
from spinekg.ontology import ontology_path
from spinekg.webui import create_app

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "reports"
pytestmark = pytest.mark.skipif(not ontology_path().exists() or not SHIPPED.is_dir(), reason="no shipped reports")


@pytest.fixture(scope="module")
def shipped():
    records = [r for f in sorted(SHIPPED.glob("*.txt")) for r in load_path(f).records]
    st = EmbeddedStore(None)
    st.ingest(records)
    app = create_app({"TESTING": True, "SANDBOX": False}, store=st)
    return records, st, app.test_client()


def test_every_shipped_case_is_cited(shipped):
    records, st, client = shipped
    assert records
    listing = client.get("/cases?download=cases&format=csv").data.decode()
    for r in records:
        assert r.source.title or r.source.doi or r.source.pmid, r.document
        page = client.get(f"/case/{r.id}").data.decode().replace("&#39;", "'")
        cite = r.source.title.split(":")[0][:40] if r.source.title else (r.source.doi or r.source.pmid)
        assert cite in page, r.id
        if r.source.title:
            assert cite in listing, r.id


def test_the_export_carries_the_citation(shipped):
    records, st, _ = shipped
    out = {d["id"]: d for d in st.case_records()}
    for r in records:
        assert out[r.id]["source"]["title"] == r.source.title
