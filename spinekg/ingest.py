"""From files to the store: load, build, write, one file at a time; a failed file stores nothing."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from spinekg.errors import SpineKGError, one_line
from spinekg.graph.store import EmbeddedStore, IngestReport
from spinekg.loaders import expand_paths, load_path

logger = logging.getLogger(__name__)


def ingest_paths(store: EmbeddedStore, paths: list[Path], *, input_format: str | None = None,
                 progress: bool = False, rebuild: bool = False) -> IngestReport:
    """Ingest every file (directories expanded); failures are collected, not raised.

    Each file's cases are written as whole cases, one transaction each, as the file is read. With
    rebuild, the files' cases replace the whole store instead, bulk-loaded (EmbeddedStore.rebuild).
    """
    files = expand_paths(paths)
    report = IngestReport()
    seen_ids: dict[str, str] = {}
    kept = []
    sink: Any = None if progress else _Null()
    with click.progressbar(files, label="reading" if rebuild else "ingesting", file=sink,
                           item_show_func=lambda p: p.name if p else "") as bar:
        for path in bar:
            report.files += 1
            try:
                loaded = load_path(path, input_format)
                built = [] if rebuild else store.build(loaded.records)
            except SpineKGError as e:
                report.failures.append(str(e) if e.document else f"{one_line(path.name)}: {e}")
                continue
            ids = [r.id for r in loaded.records]
            clash = [cid for cid in ids if seen_ids.get(cid, str(path)) != str(path)]
            twin = [cid for cid in clash if Path(seen_ids[cid]).stem == path.stem]
            if twin and len(twin) == len(clash):
                # the same document twice, as its text and as its curated record: the curated record is kept
                curated = path.suffix.lower() in (".json", ".yaml", ".yml")
                other = one_line(Path(seen_ids[twin[0]]).name)
                which = "this curated record replaces it" if curated else "the curated record is kept"
                report.warnings.append(f"{one_line(path.name)}: the same case as {other} (its text and its curated "
                                       f"record); {which}")
                if not curated:
                    continue
                clash = []
            if clash:
                report.failures.append(f"{one_line(path.name)}: case id {clash[0]!r} was already given by "
                                       f"{one_line(seen_ids[clash[0]])} in this run")
                continue
            for cid in ids:
                seen_ids[cid] = str(path)
            report.warnings.extend(loaded.warnings)
            for r in loaded.records:
                if empty(r):
                    report.warnings.append(f"{one_line(r.document)}: case {r.id!r} holds no fact (no patient, "
                                           f"diagnosis, level, finding or treatment): is it a case report?")
            if rebuild:
                kept.extend(loaded.records)
                continue
            report.quads += store.write(built)
            report.cases += len(built)
            for cq in built:
                report.warnings.extend(cq.warnings)
    if rebuild:
        done = store.rebuild(kept)
        report.cases, report.quads = done.cases, done.quads
        report.warnings.extend(done.warnings)
    return report


def empty(rec: Any) -> bool:
    """A case with nothing a researcher could use."""
    return not (rec.patient.age_years is not None or rec.patient.sex or rec.diagnosis.label or rec.vertebrae
                or rec.markers or rec.genomic or rec.interventions)


class _Null:
    """A file that swallows the progress bar when stderr is not a terminal."""

    def write(self, _s: str) -> int:
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
