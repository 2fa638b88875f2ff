"""/ontology is the way into the vocabulary: the tumour-type tree along the families with case counts
(subtypes included), the term lists with their cases, downloads; the home page lists every tumour type."""

import csv
import io
import re

import pytest
from spinekg.graph.summary import SiteIndex
from spinekg.graph.vocabulary import type_tree, vocabulary
from spinekg.ontology import SKG
from spinekg.ontology.lexicon import lexicon
from spinekg.webui import create_app


@pytest.fixture(scope="module")
def client(store):
    app = create_app({"TESTING": True}, store=store)
    yield app.test_client()
    app.extensions["spinekg_sandbox"].close()


@pytest.fixture(scope="module")
def index(store):
    return SiteIndex.build(store)


def _find(nodes, iri):
    for n in nodes:
        if n.iri == iri and not n.repeated:
            return n
        hit = _find(n.children, iri)
        if hit:
            return hit
    return None


def test_counts_include_subtypes(index):
    tree = type_tree(lexicon(), index)
    own = {}
    for c in index.cases:
        own[c.type] = own.get(c.type, 0) + 1
    lex = lexicon()
    for iri in (SKG + "Chondrosarcoma", SKG + "BoneTumor"):
        node = _find(tree, iri)
        assert node is not None, iri
        expected = sum(n for t, n in own.items() if t == iri or iri in lex.ancestors(t or ""))
        assert node.cases == expected and node.cases >= node.own
    # every class with a case is drawn, and every case's type appears somewhere in the tree
    for t in own:
        assert _find(tree, t) is not None, t


def test_every_tumour_class_is_in_the_tree(index):
    lex = lexicon()
    seen = set()

    def walk(nodes):
        for n in nodes:
            seen.add(n.iri)
            walk(n.children)
    walk(type_tree(lex, index))
    classes = {t.iri for t in lex.of_kind("tumor_type")} - {SKG + "Neoplasm"}
    assert classes - seen == set()


def test_vocabulary_page(client, index):
    r = client.get("/ontology", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.mimetype == "text/html"
    body = r.data.decode()
    assert "subtypes" in body and 'id="types"' in body
    for key in ("levels", "markers", "genes", "fusions", "drugs", "procedures"):
        assert f'id="{key}"' in body
    assert 'href="/ontology/Chondrosarcoma"' in body
    # the tree's number for chondrosarcoma is the case count with subtypes
    n = _find(type_tree(lexicon(), index), SKG + "Chondrosarcoma").cases
    assert re.search(r'href="/ontology/Chondrosarcoma">[^<]*</a>\s*<span class="n[^"]*"[^>]*>' + str(n) + "<", body)
    # the RDF stays where it was
    ttl = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert ttl.mimetype == "text/turtle" and b"owl:Ontology" in ttl.data


def test_term_lists_download_and_count(client, index):
    r = client.get("/ontology?download=markers")
    rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert rows and set(rows[0]) >= {"term", "iri", "cases"}
    cd34 = [row for row in rows if row["iri"].endswith("/CD34")]
    assert cd34 and int(cd34[0]["cases"]) == sum(1 for c in index.cases if any(m.endswith("/CD34") for m in c.markers))
    levels = list(csv.DictReader(io.StringIO(client.get("/ontology?download=levels").data.decode("utf-8-sig"))))
    assert [row["term"] for row in levels][:3] == ["C1", "C2", "C3"]  # cranial to caudal, not by count


def test_home_lists_every_tumour_type_and_links_the_lists(client, index):
    body = client.get("/").data.decode()
    types = {c.type for c in index.cases if c.type}
    assert len(types) > 12
    for t in types:
        assert f'href="/ontology/{t.rsplit("/", 1)[1]}"' in body, t
    for key in ("types", "markers", "genes", "fusions", "drugs", "procedures"):
        assert f'href="/ontology#{key}"' in body


def test_vocabulary_of_an_empty_store(tmp_path):
    from spinekg.graph.store import EmbeddedStore
    ix = SiteIndex.build(EmbeddedStore(str(tmp_path / "s")))
    v = vocabulary(lexicon(), ix)
    assert v["cases"] == 0 and v["tree"] and all(n.cases == 0 for n in v["tree"])
