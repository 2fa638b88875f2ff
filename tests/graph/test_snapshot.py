"""The N-Quads snapshot a served copy is loaded from: written by rebuild and by the first copy, never stale."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from spinekg.graph import EmbeddedStore
from spinekg.graph import store as store_mod


def _quads(st: EmbeddedStore) -> tuple[int, list[str]]:
    """How many quads, and those without blank nodes (a blank node gets a new label in every copy)."""
    named = sorted(str(q) for q in st.store
                   if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode))
    return len(st.store), named


def test_rebuild_writes_a_snapshot_the_copy_loads_instead_of_reading_the_store(records, tmp_path, monkeypatch):
    st = EmbeddedStore(tmp_path / "s")
    st.rebuild(records[:6])
    snap = st.snapshot()
    assert snap is not None and snap.name == "s.snapshot.nq"
    want = _quads(st)

    def no_dump(*a, **k):
        raise AssertionError("the store was read whole although its snapshot was current")

    monkeypatch.setattr(ox.Store, "dump", no_dump)
    assert _quads(st.in_memory_copy()) == want


def test_a_change_retires_the_snapshot_and_the_next_copy_writes_a_current_one(records, tmp_path):
    st = EmbeddedStore(tmp_path / "s")
    st.rebuild(records[:3])
    assert st.snapshot() is not None
    st.ingest(records[3:5])
    assert st.snapshot() is None and not (tmp_path / "s.snapshot.nq").exists()
    copy = st.in_memory_copy()
    assert _quads(copy) == _quads(st) and len(copy.case_ids()) == 5
    assert st.snapshot() is not None
    reader = EmbeddedStore(tmp_path / "s", read_only=True)  # as `spinekg serve` opens it
    assert reader.snapshot() == st.snapshot()


def test_a_snapshot_of_another_version_is_never_loaded(records, tmp_path):
    st = EmbeddedStore(tmp_path / "s")
    st.rebuild(records[:3])
    other = EmbeddedStore(tmp_path / "t")
    other.rebuild(records[3:6])
    (tmp_path / "t.snapshot.nq").replace(tmp_path / "s.snapshot.nq")  # right name, wrong contents
    assert st.snapshot() is None
    assert sorted(st.in_memory_copy().case_ids()) == sorted(r.id for r in records[:3])


@pytest.mark.parametrize("where", ["copy", "rebuild"])
def test_without_a_writable_place_beside_the_store_copies_still_work(records, tmp_path, monkeypatch, where):
    monkeypatch.setattr(store_mod, "_open_snapshot", lambda path, version: None)
    st = EmbeddedStore(tmp_path / "s")
    if where == "rebuild":
        st.rebuild(records[:4])
    else:
        st.ingest(records[:4])
    assert st.snapshot() is None
    assert _quads(st.in_memory_copy()) == _quads(st)
