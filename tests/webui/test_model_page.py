"""The model is documented from the shapes and the ontology: docs/model.md is what the generator writes now, and
/model shows the diagram and every node kind's predicates, linked from /sparql."""

from pathlib import Path

import pytest
from spinekg.graph.model_doc import describe_model, markdown
from spinekg.webui import create_app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "model.md"


@pytest.fixture(scope="module")
def client(store):
    app = create_app({"TESTING": True}, store=store)
    yield app.test_client()
    app.extensions["spinekg_sandbox"].close()


@pytest.mark.skipif(not DOCS.exists(), reason="run from a checkout")
def test_docs_model_is_current():
    assert DOCS.read_text(encoding="utf-8") == markdown(), "run: python -m spinekg.graph.model_doc"


def test_every_node_kind_of_the_shapes_is_described():
    names = {k.name for k in describe_model()}
    assert {"Case", "Patient", "Tumor", "IHCResult", "GenomicFinding", "Intervention", "Outcome", "Evidence"} <= names
    preds = {p.path for k in describe_model() for p in k.predicates}
    assert {"skg:hasTumor", "skg:locatedIn", "skg:marker", "skg:agent", "skg:followUpMonths", "skg:quote"} <= preds


def test_the_model_page_and_its_link(client):
    r = client.get("/model")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "<svg" in page and 'id="Tumor"' in page and "skg:locatedIn" in page
    sparql = client.get("/sparql", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/model"' in sparql
