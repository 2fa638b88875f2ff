"""Plain-text and Markdown case reports: decoded (UTF-8, UTF-16/32 with BOM, Latin-1), then extracted.

A report's citation comes from its text (a DOI line, "Title:", "Journal:") and, where a curated record or gold
file ``NAME.json`` stands beside ``NAME.txt``, from that file's ``source``: only its bibliographic fields are
read, never a clinical fact.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Any

from spinekg.loaders.base import LoadResult, decode_text, read_bytes

from spinekg.errors import InputFormatError, SpineKGError
from spinekg.model import CaseRecord

logger = logging.getLogger(__name__)
_SOURCE_KEYS = ("url", "doi", "pmid", "pmcid", "title", "journal", "year", "authors")

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
STRUCTURED_SUFFIXES = (".json", ".jsonld", ".yaml", ".yml", ".xml", ".nxml", ".pdf")


def sniff_text(head: bytes, path: Path) -> bool:
    """Anything that decodes as text and is not a structured format another loader claims."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:3] == b"\xef\xbb\xbf":
        return True
    if path.suffix.lower() in STRUCTURED_SUFFIXES:
        return False
    return b"\x00" not in head and (path.suffix.lower() in TEXT_SUFFIXES or head.strip()[:1].isalnum())


def load_text(path: Path, data: bytes) -> LoadResult:
    from spinekg.loaders.text import extract_text

    records = extract_text(decode_text(data, path.name), path.name)
    beside = sibling_source(path)
    if beside:
        records = [with_source(r, beside) for r in records]
    return LoadResult(records=with_sibling_id(records, path))


def sibling_source(path: Path) -> dict[str, Any]:
    """The ``source`` of the curated record ``NAME.json`` beside ``NAME.txt`` ({} if none or unreadable)."""
    side = path.with_suffix(".json")
    if side == path or not side.is_file() or side.is_symlink():
        return {}
    try:
        data = json.loads(read_bytes(side, max_bytes=2_000_000))
    except (InputFormatError, ValueError, RecursionError) as e:
        logger.warning("%s: the citation beside it was not read (%s)", path.name, e)
        return {}
    src = data.get("source") if isinstance(data, dict) else None
    return {k: src[k] for k in _SOURCE_KEYS if isinstance(src, dict) and src.get(k) not in (None, "", [])}


def with_sibling_id(records: list[CaseRecord], path: Path) -> list[CaseRecord]:
    """One id per case whether it comes from its text or its curated record: the id of ``NAME.json`` beside the
    text (its patients numbered as the text's: ID-case2, ...), else the text's own (its stem)."""
    side = path.with_suffix(".json")
    if side == path or not side.is_file() or side.is_symlink():
        return records
    try:
        data = json.loads(read_bytes(side, max_bytes=2_000_000))
    except (InputFormatError, ValueError, RecursionError):
        return records
    cid = data.get("id") if isinstance(data, dict) else None
    if not isinstance(cid, str) or not cid.strip() or cid == path.stem:
        return records
    out = []
    for r in records:
        rid = cid + r.id[len(path.stem):] if r.id.startswith(path.stem) else r.id
        try:
            out.append(CaseRecord.from_dict({**r.to_dict(), "id": rid}, document=r.document))
        except SpineKGError as e:
            logger.warning("%s: the id beside it is not valid (%s)", r.document, e)
            out.append(r)
    return out


def with_source(rec: CaseRecord, beside: dict[str, Any], *, fill: bool = False) -> CaseRecord:
    """The record with the curated citation's fields, and the text's own for those it does not give (with
    ``fill``, the text's own win and ``beside`` only completes them: a PDF's metadata)."""
    merged = {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(rec.source).items()
              if v not in (None, "", [], ())}
    merged = {**beside, **merged} if fill else {**merged, **beside}
    try:
        return CaseRecord.from_dict({**rec.to_dict(), "source": merged}, document=rec.document)
    except SpineKGError as e:
        logger.warning("%s: the citation beside it is not valid (%s)", rec.document, e)
        return rec
