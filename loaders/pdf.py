"""PDF case reports: the text layer (pypdf), then the text extractor."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from spinekg.loaders.base import LoadResult

from spinekg.errors import InputFormatError

logger = logging.getLogger(__name__)
MAX_PAGES = 200


def sniff_pdf(head: bytes, path: Path) -> bool:
    return head.lstrip()[:5] == b"%PDF-"


def pdf_text(path: Path, data: bytes) -> str:
    """The text layer of a PDF, page after page; a corrupt or textless PDF is an InputFormatError."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputFormatError("PDF is encrypted", document=path.name)
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise InputFormatError(f"PDF has {len(pages)} pages, over the limit of {MAX_PAGES}", document=path.name)
        text = "\n\n".join(p.extract_text() or "" for p in pages)
    except InputFormatError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError,
            AssertionError, ZeroDivisionError) as e:
        raise InputFormatError(f"corrupt PDF ({type(e).__name__})", document=path.name) from None
    if not text.strip():
        raise InputFormatError("PDF has no text layer (scanned images are not read)", document=path.name)
    return text


def load_pdf(path: Path, data: bytes) -> LoadResult:
    from spinekg.loaders.text import extract_text

    return LoadResult(records=extract_text(pdf_text(path, data), path.name))
