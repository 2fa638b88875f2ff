"""PubMed XML and PMC JATS XML: metadata from the XML, case text from the abstract and the case sections.

Parsed with defusedxml: no DTDs, no entity expansion, no external entities. The text given to
the extractor is the report's plain text as this module lays it out (title, abstract, then every body section
under its heading, one paragraph per line, figure legends and table rows on lines of their own); the text
extractor finds the case parts as in any article. Evidence offsets refer to that text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from spinekg.loaders.base import LoadResult

from spinekg.errors import InputFormatError

SKIP_SECTION = re.compile(r"reference|acknowledg|funding|conflict|competing|author|abbreviation|"
                          r"ethic|consent|availability|supplementary|contribution", re.IGNORECASE)


def _text(el: Element | None) -> str:
    if el is None:
        return ""
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def _parse(path: Path, data: bytes) -> Element:
    head = data[:2048].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise InputFormatError(f"unsafe XML refused ({type(e).__name__}: entities or external references)",
                               document=path.name) from None
    except Exception as e:  # ParseError and friends
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputFormatError(f"malformed XML: {msg}", document=path.name) from None


def sniff_pubmed(head: bytes, path: Path) -> bool:
    return b"<PubmedArticle" in head or b"<!DOCTYPE PubmedArticleSet" in head or b"<MedlineCitation" in head


def sniff_jats(head: bytes, path: Path) -> bool:
    return (b"<article" in head and (b"JATS" in head or b"jats" in head or b"<front" in head
                                     or b"article-type" in head or b"dtd-version" in head))


def _record_text(title: str, paragraphs: list[str]) -> str:
    parts = [title] if title else []
    parts += [p for p in paragraphs if p]
    return "\n\n".join(parts) + "\n"


def _extract(text: str, document: str, source: Mapping[str, object]) -> LoadResult:
    """Extract case records from the laid-out text; the XML's metadata is the source of each."""
    import dataclasses

    from spinekg.loaders.text import extract_text

    from spinekg.errors import RecordError
    from spinekg.model import Source

    warnings: list[str] = []
    try:
        meta = Source.parse(source, document)
    except RecordError as err:
        # (an identifier the XML gives malformed, "10.3389/x | 10.3892/y" as one DOI, is left out, not the article)
        warnings.append(f"{document}: {err}; the malformed identifier is left out of its citation")
        kept = {k: v for k, v in source.items() if k not in ("doi", "pmid", "pmcid")}
        meta = Source.parse(kept, document)
    records = [dataclasses.replace(r, source=meta) for r in extract_text(text, document)]
    return LoadResult(records=records, warnings=warnings)



def load_pubmed(path: Path, data: bytes) -> LoadResult:
    root = _parse(path, data)
    articles = root.findall(".//PubmedArticle") or ([root] if root.tag == "PubmedArticle" else [])
    if not articles:
        raise InputFormatError("no PubmedArticle in this PubMed XML", document=path.name)
    out = LoadResult()
    for i, art in enumerate(articles):
        cit = art.find("MedlineCitation")
        if cit is None:
            continue
        a = cit.find("Article")
        pmid = _text(cit.find("PMID")) or None
        doi = None
        for el in list(art.iterfind(".//ArticleId")) + list(art.iterfind(".//ELocationID")):
            if (el.get("IdType") or el.get("EIdType")) == "doi":
                doi = _text(el)
                break
        year_txt = _text(art.find(".//PubDate/Year")) or _text(art.find(".//PubDate/MedlineDate"))[:4]
        authors = []
        for au in art.iterfind(".//AuthorList/Author"):
            name = " ".join(x for x in (_text(au.find("ForeName")), _text(au.find("LastName"))) if x)
            authors.append(name or _text(au.find("CollectiveName")))
        title = _text(a.find("ArticleTitle")) if a is not None else ""
        paragraphs = []
        for ab in art.iterfind(".//Abstract/AbstractText"):
            label = ab.get("Label")
            paragraphs.append(f"{label}: {_text(ab)}" if label else _text(ab))
        source = {"pmid": pmid, "doi": doi, "title": title or None,
                  "journal": _text(art.find(".//Journal/Title")) or None,
                  "year": int(year_txt) if year_txt.isdigit() else None, "authors": [x for x in authors if x]}
        doc = path.name if len(articles) == 1 else f"{path.name}#{pmid or i + 1}"
        res = _extract(_record_text(title, paragraphs), doc, source)
        out.records.extend(res.records)
        out.warnings.extend(res.warnings)
    if not out.records:
        raise InputFormatError("no PubmedArticle here has a MedlineCitation to read", document=path.name)
    return out


_OUT_OF_LINE = ("fig", "table-wrap", "fn", "disp-formula", "supplementary-material")


def _inline(el: Element) -> str:
    """An element's text without the figures, tables and footnotes placed inside it (iterative: a hostile
    document may nest thousands deep)."""
    parts: list[str] = [el.text or ""]
    stack: list[tuple[Element, bool]] = [(c, True) for c in reversed(list(el))]
    while stack:
        e, entering = stack.pop()
        if not entering:
            parts.append(e.tail or "")
            continue
        if e.tag in _OUT_OF_LINE:
            parts.append(e.tail or "")
            continue
        parts.append(e.text or "")
        stack.append((e, False))
        stack.extend((c, True) for c in reversed(list(e)))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _caption(kind: str, el: Element) -> str:
    label = _text(el.find("label")) or kind
    return f"{label}. {_text(el.find('caption'))}".strip()


def _table_rows(tw: Element) -> list[str]:
    """A JATS table as rows of cells between bars, '| a | b |' (the text extractor reads tables so)."""
    return ["| " + " | ".join(_text(c) for c in tr if c.tag in ("td", "th")) + " |" for tr in tw.iter("tr")]


def _jats_layout(sec: Element, out: list[str], depth: int = 0) -> None:
    """A section as the text extractor reads an article: its heading on a line of its own, then its
    paragraphs, its figure legends and table captions (which tell no fact) and its tables' rows."""
    title = " ".join(x for x in (_text(sec.find("label")), _text(sec.find("title"))) if x)
    if SKIP_SECTION.search(title):
        return
    if title:
        out.append(title)
    for child in sec:
        if child.tag == "p":
            out.append(_inline(child))
            for fig in child.iter("fig"):
                out.append(_caption("Figure", fig))
            for tw in child.iter("table-wrap"):
                out.append(_caption("Table", tw))
                out.extend(_table_rows(tw))
        elif child.tag == "sec":
            _jats_layout(child, out, depth + 1)
        elif child.tag == "fig":
            out.append(_caption("Figure", child))
        elif child.tag == "table-wrap":
            out.append(_caption("Table", child))
            out.extend(_table_rows(child))
        elif child.tag in ("list", "disp-quote", "boxed-text"):
            out.append(_inline(child))


def _jats_text(meta: Element | None, body: Element | None, title: str) -> list[str]:
    """The article laid out as text: the abstract (a structured one with its labels run in), then the body's
    sections with their headings. The text extractor then decides, as for any article, which parts tell the
    case (abstract and case sections) and which do not (introduction, discussion, legends, tables of others)."""
    out: list[str] = []
    abstract = meta.find("abstract") if meta is not None else None
    if abstract is not None:
        out.append("Abstract")
        secs = abstract.findall("sec")
        for sec in secs:
            head = _text(sec.find("title"))
            paras = " ".join(_inline(p) for p in sec.findall("p"))
            out.append(f"{head}: {paras}" if head else paras)
        if not secs:
            out.extend(_inline(p) for p in abstract.findall("p"))
    if body is not None:
        for child in body:
            if child.tag == "sec":
                _jats_layout(child, out)
            elif child.tag == "p":
                out.append(_inline(child))
    return [x for x in out if x]


def load_jats(path: Path, data: bytes) -> LoadResult:
    root = _parse(path, data)
    art = root if root.tag == "article" else root.find(".//article")
    if art is None:
        raise InputFormatError("no <article> in this JATS XML", document=path.name)
    meta = art.find("front/article-meta")
    ids: dict[str, str] = {}
    if meta is not None:
        for el in meta.iterfind("article-id"):
            ids[el.get("pub-id-type") or ""] = _text(el)
    year = _text(meta.find("pub-date/year")) if meta is not None else ""
    authors = []
    if meta is not None:
        for c in meta.iterfind(".//contrib[@contrib-type='author']"):
            name = " ".join(x for x in (_text(c.find("name/given-names")), _text(c.find("name/surname"))) if x)
            if name:
                authors.append(name)
    title = _text(meta.find("title-group/article-title")) if meta is not None else ""
    pmcid = ids.get("pmc") or ids.get("pmcid")
    if pmcid and not pmcid.upper().startswith("PMC"):
        pmcid = "PMC" + pmcid
    source = {"doi": ids.get("doi"), "pmid": ids.get("pmid"), "pmcid": pmcid, "title": title or None,
              "journal": _text(art.find("front/journal-meta/journal-title-group/journal-title")) or None,
              "year": int(year) if year.isdigit() else None, "authors": authors}
    paragraphs = _jats_text(meta, art.find("body"), title)
    if not any(p for p in paragraphs if p != "Abstract"):
        raise InputFormatError("this JATS article has no body or abstract text", document=path.name)
    return _extract(_record_text(title, paragraphs), path.name, source)

