"""PDF case reports: the text layer in reading order (pypdf's layout mode, columns split at the gutter), the
citation from the document information and the first page, then the text extractor.

Library: pypdf (already a dependency). Its layout mode lays each text row out by position, which lets
``spinekg.loaders.pdf_layout`` find a two-column page's gutter and read left column then right; its plain
mode (kept as the fallback) follows the content stream, which for many journals interleaves the columns.
Every cost is bounded before the work: the file (20 MB), the pages (200), each page's decompressed content
stream and the text extracted in all.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

from spinekg.loaders.base import LoadResult
from spinekg.loaders.pdf_layout import reading_order, strip_running

from spinekg.errors import InputFormatError

logger = logging.getLogger(__name__)
MAX_PAGES = 200
MAX_PAGE_CONTENT = 4 * 1024 * 1024  # bytes of decompressed content stream a page may have
MAX_TEXT_CHARS = 2_000_000  # characters of text a whole PDF may give
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)\]])")
_PYPDF_ERRORS: tuple[type[BaseException], ...] = (ValueError, KeyError, TypeError, AttributeError, IndexError,
                                                  OSError, RecursionError, AssertionError, ZeroDivisionError,
                                                  OverflowError, UnicodeError)


def sniff_pdf(head: bytes, path: Path) -> bool:
    return head.lstrip()[:5] == b"%PDF-"


def _reader(path: Path, data: bytes) -> Any:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise InputFormatError("PDF is encrypted", document=path.name)
    if len(reader.pages) > MAX_PAGES:
        raise InputFormatError(f"PDF has {len(reader.pages)} pages, over the limit of {MAX_PAGES}", document=path.name)
    return reader


def _page_rows(page: Any, path: Path) -> list[str]:
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    if size > MAX_PAGE_CONTENT:
        raise InputFormatError(f"a PDF page's content is {size / 1e6:.0f} MB, over the limit of "
                               f"{MAX_PAGE_CONTENT / 1e6:.0f} MB", document=path.name)
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
    except _PYPDF_ERRORS:
        text = page.extract_text() or ""
    return (text or "").splitlines()


def pdf_text(path: Path, data: bytes) -> str:
    """The text layer of a PDF in reading order; a corrupt, over-large or textless PDF is an InputFormatError."""
    from pypdf.errors import PyPdfError

    try:
        reader = _reader(path, data)
        pages: list[list[str]] = []
        total = 0
        for page in reader.pages:
            rows = _page_rows(page, path)
            total += sum(len(r) for r in rows)
            if total > MAX_TEXT_CHARS:
                raise InputFormatError(f"PDF text is longer than {MAX_TEXT_CHARS:,} characters", document=path.name)
            pages.append(rows)
    except InputFormatError:
        raise
    except (PyPdfError, *_PYPDF_ERRORS) as e:  # type: ignore[misc]
        raise InputFormatError(f"corrupt PDF ({type(e).__name__})", document=path.name) from None
    text = "\n\n".join("\n".join(reading_order(rows)) for rows in strip_running(pages))
    if not text.strip():
        raise InputFormatError("PDF has no text layer (scanned images are not read)", document=path.name)
    return text


def pdf_metadata(path: Path, data: bytes, first_page: str = "") -> dict[str, Any]:
    """The citation a PDF states: title and authors from its document information, the DOI from there or
    from the first page's text, and the year of a DOI-bearing first page's copyright or publication line."""
    from pypdf.errors import PyPdfError

    out: dict[str, Any] = {}
    try:
        info = _reader(path, data).metadata or {}
        title, author = info.get("/Title"), info.get("/Author")
        subject = " ".join(str(info.get(k) or "") for k in ("/Subject", "/doi", "/Keywords"))
    except (InputFormatError, PyPdfError, *_PYPDF_ERRORS):  # type: ignore[misc]
        return out
    if title and len(str(title).strip()) > 8:
        out["title"] = str(title).strip()[:1000]
    if author:
        out["authors"] = [a.strip() for a in re.split(r";|,|\band\b", str(author)) if a.strip()][:50]
    doi = _DOI.search(subject) or _DOI.search(first_page[:5000])
    if doi:
        out["doi"] = doi.group(1)
    return out


def load_pdf(path: Path, data: bytes) -> LoadResult:
    import dataclasses

    from spinekg.loaders.text import extract_text

    from spinekg.model import Source

    text = pdf_text(path, data)
    records = extract_text(text, path.name)
    meta = pdf_metadata(path, data, text)
    if meta:
        out = []
        for r in records:
            given = {k: v for k, v in dataclasses.asdict(r.source).items() if v not in (None, "", [], ())}
            try:
                source = Source.parse({**{k: list(v) if isinstance(v, tuple) else v for k, v in given.items()},
                                       **{k: v for k, v in meta.items() if k not in given}}, path.name)
            except InputFormatError:
                source = r.source
            out.append(dataclasses.replace(r, source=source))
        records = out
    return LoadResult(records=records)
