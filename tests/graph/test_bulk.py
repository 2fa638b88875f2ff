"""Whole-store paths: the streamed bulk rebuild, answers read as plain strings, the bitset facets."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from spinekg.graph import EmbeddedStore
from spinekg.graph import store as store_mod
from spinekg.graph.summary import SiteIndex, bit_positions, to_bits


def test_rebuild_counts_what_it_loaded_and_a_failing_part_leaves_the_old_store(records, tmp_path, monkeypatch):
    st = EmbeddedStore(tmp_path / "s")
    rep = st.rebuild(records[:6], workers=1, chunk=2)
    assert rep.cases == 6 and sorted(st.case_ids()) == sorted(r.id for r in records[:6])
    case_quads = sum(1 for q in st.store if str(q.graph_name).startswith("<https://w3id.org/spinekg/case/"))
    assert case_quads <= rep.quads <= len(st.store)
    before = sorted(st.case_ids())
    real = store_mod._build_nquads
    calls = []

    def fails_on_the_second_part(recs):
        calls.append(1)
        if len(calls) == 2:
            raise ValueError("a record the builder cannot take")
        return real(recs)

    monkeypatch.setattr(store_mod, "_build_nquads", fails_on_the_second_part)
    with pytest.raises(ValueError, match="cannot take"):
        st.rebuild(records[6:12], workers=1, chunk=2)
    assert sorted(st.case_ids()) == before  # the store in place is the old one, whole
    assert st.snapshot() is not None
    assert not (tmp_path / "s.rebuilding").exists() and not (tmp_path / "s.rebuilding.snapshot.nq").exists()


def test_a_loader_failure_stops_the_feeding_thread_and_is_raised():
    target = ox.Store()
    parts = iter([(b"<urn:a> <urn:b> <urn:c> <urn:g> .\n", 1, []), (b"not n-quads at all\n", 1, []),
                  *[(b"<urn:a> <urn:b> <urn:d> <urn:g> .\n" * 10_000, 10_000, [])] * 50])
    with pytest.raises(SyntaxError):
        store_mod._stream_load(target, parts, None, store_mod.IngestReport())
    assert next(parts, None) is not None  # the feeder stopped when the loader did


def test_select_values_gives_the_same_strings_as_query(store):
    q = """SELECT ?case ?label ?fu ?none WHERE { ?case a skg:Case ; rdfs:label ?label .
             OPTIONAL { ?case skg:hasOutcome/skg:followUpMonths ?fu } OPTIONAL { ?case skg:nothing ?none } }"""
    want = sorted(sorted((k, str(v.value)) for k, v in r.items()) for r in store.query(q).rows)
    got = store.select_values(q)
    assert sorted(sorted(r.items()) for r in got) == want and want
    assert all("none" not in r for r in got)


def test_csv_rows_reads_quotes_commas_and_line_breaks():
    st = EmbeddedStore(None)
    st.store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.Literal('a "b", c\nd'),
                         ox.NamedNode("urn:g")))
    assert st.select_values("SELECT ?o ?u WHERE { <urn:x> <urn:p> ?o }") == [{"o": 'a "b", c\nd'}]


def test_bitsets_hold_exactly_their_members():
    members = {0, 7, 8, 9, 1000, 4095}
    bits = to_bits(sorted(members))
    assert bits.bit_count() == len(members) and list(bit_positions(bits)) == sorted(members)
    assert to_bits([]) == 0 and list(bit_positions(0)) == []


def test_facets_select_like_sets_and_list_cases_newest_first(store):
    ix = SiteIndex.build(store)
    years = [c.year or 0 for c in ix.cases]
    assert years == sorted(years, reverse=True)
    types = ix.facets["type"]
    regions = ix.facets["region"]
    t, r = max(types, key=lambda k: types[k].bit_count()), max(regions, key=lambda k: regions[k].bit_count())
    want = [i for i, c in enumerate(ix.cases) if t in c.types and r in c.regions]
    sel = ix.select({"type": [t], "region": [r]})
    assert list(bit_positions(sel)) == want
    assert [c.iri for c in ix.selected(sel, 1, 3)] == [ix.cases[i].iri for i in want[1:3]]
    counts = dict((k, n) for k, _, n in ix.facet_counts("region", ix.select({"type": [t]})))
    assert counts[r] == sum(1 for c in ix.cases if t in c.types and r in c.regions)
