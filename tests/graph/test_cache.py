"""The answers a frozen (served) store keeps: right, bounded, never for SERVICE or volatile functions."""

from __future__ import annotations

import os

import pytest
from spinekg.graph import EmbeddedStore
from spinekg.graph.cache import LRUCache, cacheable

from spinekg.errors import StoreError
from spinekg.model import CaseRecord


def _frozen(records: list[CaseRecord]) -> EmbeddedStore:
    st = EmbeddedStore(None)
    st.ingest(records[:5])
    return st.freeze()


def test_lru_cache_drops_the_least_recently_used_past_its_weight():
    c: LRUCache[str, bytes] = LRUCache(max_entries=10, max_weight=10)
    c.put("a", b"aaaa", weight=4)
    c.put("b", b"bbbb", weight=4)
    assert c.get("a") == b"aaaa"  # now b is the least recently used
    c.put("c", b"cccc", weight=4)
    assert c.get("b") is None and c.get("a") == b"aaaa" and c.get("c") == b"cccc"
    c.put("huge", b"x" * 11, weight=11)  # heavier than the whole cache: not kept, nothing evicted
    assert c.get("huge") is None and len(c) == 2


@pytest.mark.parametrize("text", ["SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
                                  "SELECT (NOW() AS ?t) WHERE {}", "SELECT (rand() AS ?r) WHERE {}",
                                  "SELECT (STRUUID() AS ?u) WHERE {}", "CONSTRUCT { ?s ?p [] } WHERE { ?s ?p ?o }",
                                  "SELECT (BNODE() AS ?b) WHERE {}"])
def test_queries_whose_answer_is_not_the_stores_alone_are_not_cacheable(text):
    assert cacheable(text) == ("[]" in text)


def test_a_frozen_store_answers_from_its_cache_and_takes_no_writes(records):
    st = _frozen(records)
    q = "SELECT ?c WHERE { ?c a skg:Case } ORDER BY ?c"
    first = st.query(q)
    assert len(first.rows) == 5
    assert st.query(q) is first  # kept
    assert st.query(q, {"c": "case:" + records[0].id}).rows != first.rows  # bindings are part of the key
    data = st.query_serialized(q, None, "csv")
    assert st.query_serialized(q, None, "csv") == data and st.query_serialized(q, None, "tsv") != data
    with pytest.raises(StoreError):
        st.ingest(records[5:6])


def test_an_unfrozen_store_keeps_nothing(records):
    st = EmbeddedStore(None)
    st.ingest(records[:2])
    q = "SELECT ?c WHERE { ?c a skg:Case }"
    assert st.query(q) is not st.query(q)
    st.ingest(records[2:3])
    assert len(st.query(q).rows) == 3  # a store still being written sees every write


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the sandbox forks")
def test_the_sandbox_keeps_answers_of_a_frozen_store(records):
    from spinekg.graph.sandbox import QuerySandbox

    st = _frozen(records)
    box = QuerySandbox(st)
    try:
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?c a skg:Case }"
        a = box.run(q, None, "json")
        assert box.run(q, None, "json") == a
        assert box.cache is not None and box.cache.hits == 1
        box.run("SELECT (NOW() AS ?t) WHERE {}", None, "json")
        box.run("SELECT (NOW() AS ?t) WHERE {}", None, "json")
        assert box.cache.hits == 1  # a volatile query runs every time
    finally:
        box.close()


def test_the_store_version_changes_with_every_change(records, tmp_path):
    st = EmbeddedStore(tmp_path / "s")
    v0 = st.version()
    st.ingest(records[:2])
    v1 = st.version()
    st.remove_case(records[0].id)
    v2 = st.version()
    st.rebuild(records[:3])
    v3 = st.version()
    assert None not in (v0, v1, v2, v3) and len({v0, v1, v2, v3}) == 4
    st.ingest([])  # nothing written, nothing changed
    assert st.version() == v3


def test_a_store_refreshes_an_ontology_whose_files_changed(records, tmp_path):
    import pyoxigraph as ox
    from spinekg.graph.store import META, ONTOLOGY_VERSION, STORE_NODE

    from spinekg import ontology

    st = EmbeddedStore(tmp_path / "s")
    st.ingest(records[:1])
    # a store made by an older release: same owl:versionInfo, other files
    for q in list(st.store.quads_for_pattern(STORE_NODE, ONTOLOGY_VERSION, None, META)):
        st.store.remove(q)
    st.store.add(ox.Quad(STORE_NODE, ONTOLOGY_VERSION, ox.Literal(ontology.version() + "+000000000000"), META))
    st.store.remove_graph(ox.NamedNode(ontology.ONTOLOGY_IRI))
    st.close()
    again = EmbeddedStore(tmp_path / "s")
    marker = [q.object.value for q in again.store.quads_for_pattern(STORE_NODE, ONTOLOGY_VERSION, None, META)]
    assert marker == [ontology.fingerprint()]
    assert again.query("ASK { skg:Chordoma rdfs:label ?l }").boolean
    assert again.case_ids() == [records[0].id]


def test_the_page_tables_are_kept_beside_the_store_and_read_back(records, tmp_path, monkeypatch):
    from spinekg.graph.summary import SiteIndex
    from spinekg.webui import create_app

    disk = EmbeddedStore(tmp_path / "s")
    disk.ingest(records[:4])
    cache = tmp_path / "s.site-cache"
    first = create_app({"SANDBOX": False, "SITE_CACHE_FILE": cache}, store=disk.in_memory_copy().freeze())
    assert first.extensions["spinekg_site"].wait(60)
    site = first.extensions["spinekg_site"].get()
    assert cache.is_file() and site.index.counts["cases"] == 4

    def no_build(*a, **k):
        raise AssertionError("rebuilt although the kept tables were current")

    monkeypatch.setattr(SiteIndex, "build", no_build)
    again = create_app({"SANDBOX": False, "SITE_CACHE_FILE": cache}, store=disk.in_memory_copy().freeze())
    with again.test_client() as c:
        assert c.get("/").status_code == 200
        hits = c.get("/api/search?q=" + records[0].id).get_json()
        assert any(h["iri"].endswith("/case/" + records[0].id) for h in hits)
    monkeypatch.undo()
    disk.ingest(records[4:5])  # a new version: the kept tables no longer apply
    third = create_app({"SANDBOX": False, "SITE_CACHE_FILE": cache}, store=disk.in_memory_copy().freeze())
    with third.app_context():
        assert third.extensions["spinekg_site"].get().index.counts["cases"] == 5
