"""The graph: case records as RDF, in an embedded Oxigraph store (or a remote SPARQL server)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from spinekg.graph.store import DEFAULT_STORE, EmbeddedStore, IngestReport, QueryResult


def open_store(spec: str | Path | None = None, *, read_only: bool = False) -> Any:
    """Open a store: a directory path (created if missing), ':memory:', None for the default path, or the
    URL of a SPARQL endpoint (http:// or https://) for a :class:`~spinekg.graph.remote.RemoteStore`.

    A remote store takes its update endpoint from ``SPINEKG_UPDATE_URL`` (default: the same URL), its
    credentials from ``SPINEKG_SPARQL_USER`` / ``SPINEKG_SPARQL_PASSWORD`` and the HTTP authentication
    scheme from ``SPINEKG_SPARQL_AUTH`` (basic or digest, default basic).
    """
    if spec is not None and str(spec).startswith(("http://", "https://")):
        from spinekg.graph.remote import RemoteStore

        return RemoteStore(str(spec), update_url=os.environ.get("SPINEKG_UPDATE_URL") or None,
                           user=os.environ.get("SPINEKG_SPARQL_USER") or None,
                           password=os.environ.get("SPINEKG_SPARQL_PASSWORD") or None,
                           auth=os.environ.get("SPINEKG_SPARQL_AUTH", "basic"), read_only=read_only)
    if spec is None:
        return EmbeddedStore(DEFAULT_STORE, read_only=read_only)
    if str(spec) == ":memory:":
        return EmbeddedStore(None)
    return EmbeddedStore(Path(spec), read_only=read_only)


__all__ = ["DEFAULT_STORE", "EmbeddedStore", "IngestReport", "QueryResult", "open_store"]
