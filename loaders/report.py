"""Plain-text and Markdown case reports: decoded (UTF-8, UTF-16/32 with BOM, Latin-1), then extracted."""

from __future__ import annotations

from pathlib import Path

from spinekg.loaders.base import LoadResult, decode_text

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

    return LoadResult(records=extract_text(decode_text(data, path.name), path.name))
