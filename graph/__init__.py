"""The graph: case records as RDF, in an embedded Oxigraph store (or a remote SPARQL server)."""

from __future__ import annotations

from pathlib import Path

from spinekg.graph.store import DEFAULT_STORE, EmbeddedStore, IngestReport, QueryResult


def open_store(spec: str | Path | None = None, *, read_only: bool = False) -> EmbeddedStore:
    """Open a store: a directory path (created if missing), ':memory:', or None for the default path."""
    if spec is None:
        return EmbeddedStore(DEFAULT_STORE, read_only=read_only)
    if str(spec) == ":memory:":
        return EmbeddedStore(None)
    return EmbeddedStore(Path(spec), read_only=read_only)


__all__ = ["DEFAULT_STORE", "EmbeddedStore", "IngestReport", "QueryResult", "open_store"]
