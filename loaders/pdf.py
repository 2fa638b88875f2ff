"""PDF case reports: the text layer in reading order, then the text extractor.

Library: pypdfium2 (PDFium), chosen by measurement (docs/pdf-reader.md): it gives every character with its box,
baseline, font size and weight, which ``spinekg.loaders.pdf_layout`` needs to put two-column pages in reading
order, and it is the fastest of the readers compared. pypdf (already a dependency) checks the bounds first: a
page's content streams are inflated with a ceiling before PDFium parses them, so a small file that inflates to
gigabytes of operators is refused at once. Every cost is bounded: the file (20 MB, by the loader), the pages
(200), each page's decompressed content (4 MB, form XObjects included), the characters of a page (200,000) and
of the whole document (2,000,000). A corrupt, encrypted or textless PDF is an InputFormatError of one line.

``pdf_metadata(data)`` gives the citation a PDF states: title, authors, DOI and year, from the document information,
the XMP packet (dc:title, dc:creator, dc:identifier, prism:doi, prism dates) and the first page's text.
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from spinekg.loaders.base import LoadResult
from spinekg.loaders.extract.patient import DOI
from spinekg.loaders.pdf_layout import Glyph, reading_text

from spinekg.errors import InputFormatError

__all__ = ["MAX_PAGES", "MAX_PAGE_CONTENT", "MAX_PAGE_CHARS", "MAX_TEXT_CHARS", "load_pdf", "pdf_metadata",
           "pdf_text", "sniff_pdf"]

logger = logging.getLogger(__name__)
MAX_PAGES = 200
MAX_PAGE_CONTENT = 4 * 1024 * 1024  # bytes of decompressed content stream a page may have
MAX_PAGE_CHARS = 200_000  # characters of text a page may give
MAX_TEXT_CHARS = 2_000_000  # characters of text a whole PDF may give
_ERRORS: tuple[type[BaseException], ...] = (ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
                                            RecursionError, AssertionError, ZeroDivisionError, OverflowError,
                                            UnicodeError, LookupError, NotImplementedError, zlib.error,
                                            ctypes.ArgumentError)
#: PDFium is not thread-safe: one document at a time in this process (the web UI serves from threads)
_PDFIUM = threading.Lock()
#: what PDFium reports for a hyphen it takes for a word broken at a line end
_LINE_HYPHENS = {"\ufffe": "-", "\x02": "-"}
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?((?:19|20)\d{2})\b"  # © 2024
                   r"|\bpublished(?:\s+online)?:?\s+(?:\w+\.?\s+){0,3}?((?:19|20)\d{2})\b"  # Published: 3 May 2024
                   r"|\b((?:19|20)\d{2})\s*;\s*\d{1,4}\s*(?:\(\s*\w{1,6}\s*\))?\s*:\s*[e\d]",  # 2024;12(3):101
                   re.IGNORECASE)


def sniff_pdf(head: bytes, path: Path) -> bool:
    return head.lstrip()[:5] == b"%PDF-"


# --- bounds, checked with pypdf before PDFium parses a page --------------------------------------------------------

def _inflated(stream: Any, limit: int) -> int:
    """How many bytes a stream decodes to, counting no further than ``limit`` + 1: ASCII85 and ASCIIHex (which
    shrink) then Flate inflated with a ceiling; any other filter decoded by pypdf (which caps its decoders)."""
    from pypdf.filters import ASCII85Decode, ASCIIHexDecode

    filters = stream.get("/Filter")
    names = [str(f) for f in (filters if isinstance(filters, list) else [filters] if filters else [])]
    data = getattr(stream, "_data", b"") or b""
    while names and names[0] in ("/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx"):
        data = (ASCII85Decode if "85" in names.pop(0) else ASCIIHexDecode).decode(data)
    if not names:
        return len(data)
    if names in (["/FlateDecode"], ["/Fl"]):
        return len(zlib.decompressobj().decompress(data, limit + 1))
    return len(stream.get_data())


def _streams(page: Any) -> Iterator[Any]:
    """The content streams of a page and of the form XObjects it draws (nested forms too, each once)."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    parts = list(contents) if isinstance(contents, list) else [contents] if contents is not None else []
    yield from (p.get_object() for p in parts)
    seen: set[int] = set()
    todo: list[Any] = [page.get("/Resources")]
    while todo:
        ref: Any = todo.pop()
        res: Any = ref.get_object() if ref is not None else None
        xobjects: Any = res.get("/XObject") if hasattr(res, "get") else None
        xobjects = xobjects.get_object() if xobjects is not None else None
        for item in (xobjects.values() if hasattr(xobjects, "values") else []):
            form = item.get_object()
            if id(form) in seen or len(seen) > 1000 or not hasattr(form, "get") or form.get("/Subtype") != "/Form":
                continue
            seen.add(id(form))
            yield form
            todo.append(form.get("/Resources"))


def _check_bounds(path: Path, data: bytes) -> None:
    """Refuse an encrypted PDF, one of too many pages, or a page whose content inflates past the limit."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise InputFormatError("PDF is encrypted", document=path.name)
    if len(reader.pages) > MAX_PAGES:
        raise InputFormatError(f"PDF has {len(reader.pages)} pages, over the limit of {MAX_PAGES}", document=path.name)
    sizes: dict[int, int] = {}  # a stream several pages draw (a form XObject) is inflated once
    for page in reader.pages:
        size = 0
        for stream in _streams(page):
            if id(stream) not in sizes:
                sizes[id(stream)] = _inflated(stream, MAX_PAGE_CONTENT)
            size += sizes[id(stream)]
            if size > MAX_PAGE_CONTENT:
                raise InputFormatError(f"a PDF page's content is over the limit of {MAX_PAGE_CONTENT / 1e6:.0f} MB",
                                       document=path.name)


# --- glyphs, with PDFium -------------------------------------------------------------------------------------------

@contextmanager
def _document(path: Path, data: bytes) -> Iterator[Any]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            encrypted = "password" in str(e).lower()
            raise InputFormatError("PDF is encrypted" if encrypted else "corrupt PDF (PDFium could not open it)",
                                   document=path.name) from None
        try:
            if raw.FPDF_GetSecurityHandlerRevision(doc.raw) != -1:
                raise InputFormatError("PDF is encrypted", document=path.name)
            yield doc
        finally:
            doc.close()


def _page_glyphs(textpage: Any, height: float) -> list[Glyph]:
    """Every character PDFium read on a page (its own inserted spaces and line breaks aside)."""
    import pypdfium2.raw as raw

    n = textpage.count_chars()
    text = textpage.get_text_range(0, n) if n else ""
    box, ox, oy = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    tp = textpage.raw
    named: dict[int | None, bool] = {}  # bold by the font's name, per text object (fonts of no stated weight)

    def bold(k: int) -> bool:
        weight = raw.FPDFText_GetFontWeight(tp, k)
        if weight > 0:
            return bool(weight >= 600)
        obj = ctypes.cast(raw.FPDFText_GetTextObject(tp, k), ctypes.c_void_p).value
        if obj not in named:
            name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
            raw.FPDFText_GetFontInfo(tp, k, name, 128, flags)
            named[obj] = bool(flags.value & 1 << 18 or _BOLD_NAME.search(name.value.decode("latin-1")))
        return named[obj]

    glyphs = []
    for k in range(n):
        if raw.FPDFText_IsGenerated(tp, k) == 1:
            continue
        ch = text[k] if len(text) == n else chr(raw.FPDFText_GetUnicode(tp, k))
        ch = _LINE_HYPHENS.get(ch, ch)
        if not ch.strip() or ord(ch) < 32:
            continue
        if not raw.FPDFText_GetLooseCharBox(tp, k, box) or not raw.FPDFText_GetCharOrigin(tp, k, ox, oy):
            continue
        size = raw.FPDFText_GetFontSize(tp, k)
        glyphs.append(Glyph(ch, box.left, box.right, height - oy.value, size if size > 0 else box.top - box.bottom,
                            bold(k)))
    return glyphs


def _pages(path: Path, data: bytes) -> tuple[list[list[Glyph]], list[float], list[float]]:
    pages, widths, heights = [], [], []
    total = 0
    with _document(path, data) as doc:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                n = textpage.count_chars()
                total += max(n, 0)
                if n > MAX_PAGE_CHARS or total > MAX_TEXT_CHARS:
                    limit = MAX_PAGE_CHARS if n > MAX_PAGE_CHARS else MAX_TEXT_CHARS
                    raise InputFormatError(f"PDF text is longer than {limit:,} characters"
                                           + (f" on page {i + 1}" if limit == MAX_PAGE_CHARS else ""),
                                           document=path.name)
                width, height = page.get_size()
                pages.append(_page_glyphs(textpage, height))
                widths.append(width)
                heights.append(height)
            finally:
                textpage.close()
                page.close()
    return pages, widths, heights


def pdf_text(path: Path, data: bytes) -> str:
    """The text layer of a PDF in reading order; a corrupt, over-large or textless PDF is an InputFormatError."""
    import pypdfium2 as pdfium
    from pypdf.errors import PyPdfError

    try:
        _check_bounds(path, data)
        pages, widths, heights = _pages(path, data)
        text = reading_text(pages, widths, heights)
    except InputFormatError:
        raise
    except (PyPdfError, pdfium.PdfiumError, *_ERRORS) as e:  # type: ignore[misc]
        raise InputFormatError(f"corrupt PDF ({type(e).__name__})", document=path.name) from None
    if not text.strip():
        raise InputFormatError("PDF has no text layer (scanned images are not read)", document=path.name)
    return text


# --- metadata ------------------------------------------------------------------------------------------------------

def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _xmp(reader: Any) -> dict[str, list[str]]:
    """The XMP packet's properties by local name ("title", "creator", "doi", "identifier", "coverDate"), each
    with its values (an rdf:Alt, rdf:Seq or rdf:Bag gives its items; an attribute of rdf:Description one)."""
    import defusedxml.ElementTree as ET

    meta = reader.trailer["/Root"].get("/Metadata")
    meta = meta.get_object() if meta is not None else None
    if meta is None or not hasattr(meta, "get_data") or _inflated(meta, 1 << 20) > 1 << 20:
        return {}
    out: dict[str, list[str]] = {}
    for el in ET.fromstring(meta.get_data()).iter():
        for key, value in el.attrib.items():
            out.setdefault(_local(key), []).append(value.strip())
        if _local(el.tag) in ("li", "Alt", "Seq", "Bag", "Description", "RDF", "xmpmeta"):
            continue
        items = [li.text.strip() for li in el.iter() if _local(li.tag) == "li" and (li.text or "").strip()]
        text = (el.text or "").strip()
        out.setdefault(_local(el.tag), []).extend(items or ([text] if text else []))
    return {k: v for k, v in out.items() if v}


def _first_page_text(data: bytes) -> str:
    try:
        _check_bounds(Path("metadata.pdf"), data)
        with _document(Path("metadata.pdf"), data) as doc:
            if len(doc) == 0:
                return ""
            page = doc[0]
            textpage = page.get_textpage()
            try:
                n = min(textpage.count_chars(), 20_000)
                return str(textpage.get_text_range(0, n)) if n > 0 else ""
            finally:
                textpage.close()
                page.close()
    except InputFormatError:
        return ""


def pdf_metadata(data: bytes) -> dict[str, Any]:
    """The citation a PDF states: ``title``, ``authors`` (a list), ``doi`` and ``year``, each where present
    (from the document information, the XMP packet, then the first page's text); {} for an unreadable PDF."""
    import pypdfium2 as pdfium
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return {}
        info = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
        xmp = _xmp(reader)
        first = _first_page_text(data)
    except (PyPdfError, pdfium.PdfiumError, SyntaxError, *_ERRORS) as e:  # type: ignore[misc]
        logger.info("no metadata read from a PDF: %s", type(e).__name__)
        return {}
    out: dict[str, Any] = {}
    title = info.get("/Title", "").strip() or next(iter(xmp.get("title", [])), "")
    if len(title) > 8 and not re.search(r"\.(?:pdf|docx?|tex|dvi|indd|rtf)$|^microsoft word\b|^untitled", title, re.I):
        out["title"] = " ".join(title.split())[:1000]
    author = info.get("/Author", "").strip()
    authors = xmp.get("creator") or [a for a in re.split(r"\s*;\s*" if ";" in author else r"\s*,\s*|\s+and\s+",
                                                         author) if a.strip()]
    if authors:
        out["authors"] = [" ".join(a.split()) for a in authors][:50]
    fields = [info.get(k, "") for k in ("/doi", "/DOI", "/Subject", "/Keywords")]
    fields += [v for k in ("doi", "identifier") for v in xmp.get(k, [])]
    doi = next((m for m in (DOI.search(f) for f in fields + [first]) if m), None)
    if doi:
        out["doi"] = doi.group(1)
    dates = [v for k in ("coverDate", "publicationDate", "coverDisplayDate", "date") for v in xmp.get(k, [])]
    year = next((m.group(1) for m in (re.search(r"\b((?:19|20)\d{2})\b", d) for d in dates) if m), None)
    if year is None and (m := _YEAR.search(first)):
        year = next(g for g in m.groups() if g)
    if year:
        out["year"] = int(year)
    return out


def load_pdf(path: Path, data: bytes) -> LoadResult:
    """Records from the PDF's text; their citation is what the text states, completed from the PDF's own metadata
    (document information, XMP, first page), and overridden by a curated ``NAME.json`` beside it."""
    from spinekg.loaders.report import sibling_source, with_source
    from spinekg.loaders.text import extract_text

    records = extract_text(pdf_text(path, data), path.name)
    meta = pdf_metadata(data)
    if meta:
        records = [with_source(r, meta, fill=True) for r in records]
    beside = sibling_source(path)
    if beside:
        records = [with_source(r, beside) for r in records]
    return LoadResult(records=records)
