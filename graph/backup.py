"""Backup and restore: the whole store as gzipped N-Quads with a manifest, checked on the way back.

A backup is a folder holding ``spinekg.nq.gz`` (every quad of every graph) and ``manifest.json``
(versions, counts, SHA-256). Restoring loads it into a fresh store beside the target and moves it
into place only once the quad count and checksum agree, so a failed restore leaves nothing half
written. N-Quads are independent of the Oxigraph version, unlike a copy of its files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox
from spinekg.graph.store import EmbeddedStore

from spinekg import __version__, ontology
from spinekg.errors import StoreError

DATA = "spinekg.nq.gz"
MANIFEST = "manifest.json"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def backup(store: EmbeddedStore, target: Path) -> dict[str, Any]:
    """Write a backup of the store into the folder target (created; must not hold a backup already)."""
    if (target / MANIFEST).exists():
        raise StoreError(f"{target} already holds a backup; choose another folder")
    target.mkdir(parents=True, exist_ok=True)
    data = target / DATA
    tmp = target / (DATA + ".partial")
    with gzip.open(tmp, "wb", compresslevel=6) as fh:
        store.store.dump(fh, ox.RdfFormat.N_QUADS)
    os.replace(tmp, data)
    manifest = {
        "format": "spinekg-backup/1",
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "spinekg_version": __version__,
        "ontology_version": ontology.version(),
        "quads": len(store.store),
        "cases": len(store.case_ids()),
        "named_graphs": sum(1 for _ in store.store.named_graphs()),
        "data": DATA,
        "sha256": _sha256(data),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise StoreError(f"{source} is not a spinekg backup (manifest.json: {e})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != "spinekg-backup/1":
        raise StoreError(f"{source} is not a spinekg backup (unknown manifest format)")
    return manifest


def restore(source: Path, target: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore a backup into the store folder target; an existing store is replaced only with force."""
    manifest = read_manifest(source)
    data = source / str(manifest.get("data", DATA))
    if not data.is_file():
        raise StoreError(f"the backup's data file {data.name} is missing")
    if _sha256(data) != manifest.get("sha256"):
        raise StoreError("the backup's data file does not match its checksum; it is damaged")
    if target.exists() and any(target.iterdir()) and not force:
        raise StoreError(f"{target} already holds a store; use --force to replace it")
    staging = target.with_name(target.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        st = ox.Store(str(staging))
        with gzip.open(data, "rb") as fh:
            st.bulk_load(cast(IO[bytes], fh), ox.RdfFormat.N_QUADS)
        n = len(st)
        st.flush()
        del st
    except (OSError, SyntaxError, ValueError) as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"the backup could not be loaded: {e}") from None
    if n != manifest.get("quads"):
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"the restored store holds {n} quads, the manifest says {manifest.get('quads')}")
    if target.exists():
        old = target.with_name(target.name + ".replaced")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, target)
    return manifest
