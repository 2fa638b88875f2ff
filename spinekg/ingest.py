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
                 progress: bool = False) -> IngestReport:
    """Ingest every file (directories expanded); failures are collected, not raised."""
    files = expand_paths(paths)
    report = IngestReport()
    seen_ids: dict[str, str] = {}
    sink: Any = None if progress else _Null()
    with click.progressbar(files, label="ingesting", file=sink,
                           item_show_func=lambda p: p.name if p else "") as bar:
        for path in bar:
            report.files += 1
            try:
                loaded = load_path(path, input_format)
                built = store.build(loaded.records)
            except SpineKGError as e:
                report.failures.append(str(e) if e.document else f"{one_line(path.name)}: {e}")
                continue
            clash = [cq.case_id for cq in built if seen_ids.get(cq.case_id, str(path)) != str(path)]
            if clash:
                report.failures.append(f"{path}: case id {clash[0]!r} was already given by "
                                       f"{seen_ids[clash[0]]} in this run")
                continue
            for cq in built:
                seen_ids[cq.case_id] = str(path)
            report.quads += store.write(built)
            report.cases += len(built)
            report.warnings.extend(loaded.warnings)
            for cq in built:
                report.warnings.extend(cq.warnings)
    return report


class _Null:
    """A file that swallows the progress bar when stderr is not a terminal."""

    def write(self, _s: str) -> int:
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
