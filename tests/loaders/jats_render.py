"""Render a plain-text article fixture as PMC JATS XML, the way PMC would hold it: front matter (title, DOI,
PMID, journal, year from the gold's source), the abstract, body sections nested by their numbering, figure
legends as <fig>, pipe tables as <table-wrap>, and the references in <back>. Used to check that an article
read from JATS scores as it does from text.

The renderer knows nothing of the extractor: headings are short lines without closing punctuation, and lines
in capitals of up to 16 words (a colon or a bracketed remark allowed), as a copy-editor would mark them.
"""

from __future__ import annotations

import re
from collections import Counter
from xml.sax.saxutils import escape

_HEADING = re.compile(r"^(?:#+\s*)?(?P<num>\d{1,2}(?:\.\d{1,2})*\.?\s*(?:\|\s*)?)?(?P<title>[A-Za-z][^.;:!?]{1,80})$")
_LEGEND = re.compile(r"^(?P<label>(?:Fig(?:ure)?\.?|Table)\s*\d+[A-Za-z]?)[.:|]?\s*(?P<rest>.*)$", re.IGNORECASE)
_BACK = re.compile(r"^(?:references|bibliography|acknowledge?ments?|funding|conflicts? of interest|competing interests"
                   r"|declarations?|author contributions|consent|ethics)", re.IGNORECASE)


#: a field of a note ("Patient: 17-year-old male"), and the fields of a title block that are not the body's
_FIELD = re.compile(r"^[A-Z][\w /()'-]{0,30}:\s+\S")
_META_FIELD = re.compile(r"^(?:keywords?|key\s+words|correspondence|doi|received|accepted|revised|published|citation"
                         r"|e-?mail|authors?|affiliations?|journal|copyright|cite\s+this|how\s+to\s+cite|running\s+title"
                         r"|article\s+type|volume|issue|pmid|pmcid|orcid|funding)\b", re.IGNORECASE)


#: a line that starts an item of its own: a bullet, a numbered or lettered item, a field
_ITEM = re.compile(r"^(?:[-•*–]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)|^[A-Z][\w /()'-]{0,30}:\s"
                   # a form's field with a dot leader: "PATIENT ........ male, 27 years", "Interpretation . The ..."
                   r"|^[A-Z][\w /()'-]{0,30}?\s\.+\s")
#: a line of rule characters: drawn by the typesetter, no text of the article
_RULE_LINE = re.compile(r"[-–—=_*~ ]{5,}")


def _para(text: str) -> str:
    return f"<p>{escape(text)}</p>"


_ANY_HEADING = re.compile(r"^(?:#+\s*)?(?P<num>\d{1,2}(?:\.\d{1,2})*\.?\s*(?:\|\s*)?)?(?P<title>.+)$")


def _caps_title(s: str) -> bool:
    """A line in capitals (a bracketed remark after it aside) of up to 16 words: a typesetter's heading, colon or
    not ("PART C - FOR COMPARISON: OTHER PUBLISHED PATIENTS", "6. COMPARISON CASES ... (not the index patient)")."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", s)
    letters = [c for c in bare if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and len(bare.split()) <= 16 \
        and not re.search(r"[.;!?,]$", s) and "|" not in s


def _is_heading(line: str) -> bool:
    s = line.strip()
    return (bool(_HEADING.match(s)) and len(s.split()) <= 10 and not s.endswith(",") and "|" not in s[3:]) \
        or _caps_title(s)


def _unwrap(text: str) -> list[str]:
    """The text's lines with the hard wraps of a copied page undone, as a JATS paragraph holds them: a long line
    that stops mid-sentence goes on in the next one, a line indented under a list's item goes on with the item, a
    word hyphenated at the line end is one word again."""
    out: list[str] = []
    prev_blank = True
    item_start = ""  # the line the last paragraph began with
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _RULE_LINE.fullmatch(line):
            prev_blank = True
            continue
        last = out[-1] if out and not prev_blank else None
        if last is not None and _ITEM.match(item_start) and raw[:1].isspace() and not _ITEM.match(line) \
                and "|" not in line and not re.fullmatch(r"[-–—=_*~ ]{5,}", item_start):
            out[-1] = f"{last} {line}"  # a line indented under a list item goes on with the item
        elif last is not None and "|" not in last and "|" not in line and len(last) >= 60 \
                and not re.search(r"[.!?:;]['\"”’)]?$", last) and not _ITEM.match(line) \
                and not _caps_title(last):
            if re.search(r"[a-z]-$", last) and line[:1].islower():
                out[-1] = last[:-1] + line  # "osse-" + "ous"
            else:
                out[-1] = f"{last} {line}"
        else:
            out.append(line)
            item_start = line
        prev_blank = False
    return out


def render_jats(text: str, source: dict | None = None) -> str:
    """The article as JATS XML (a string)."""
    source = source or {}
    lines = _unwrap(text)
    title = source.get("title") or (lines[0] if lines else "")
    body: list[str] = []
    abstract: list[str] = []
    back: list[str] = []
    target = None  # the list paragraphs go to: abstract, body or back
    depth: list[int] = []  # open <sec> levels
    table: list[list[str]] = []

    def flush_table() -> None:
        if table and target is body:
            head, *rows = table
            cells = "".join(f"<th>{escape(c)}</th>" for c in head)
            trs = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
            body.append(f"<table-wrap><table><tr>{cells}</tr>{trs}</table></table-wrap>")
        table.clear()

    # a page's running head and foot ("Downloaded from ...", a journal line whose halves swap sides on facing pages)
    # are the printed page's, not the article's: PMC holds none of them
    keys = Counter(tuple(sorted(x.split())) for x in lines if len(x.split()) >= 3)
    for line in lines[1:]:
        if len(line.split()) >= 3 and keys[tuple(sorted(line.split()))] >= 2 and not _is_heading(line.strip()):
            continue
        if "|" in line and line.count("|") >= 2:
            table.append([c.strip() for c in line.strip("|").split("|")])
            continue
        flush_table()
        legend = _LEGEND.match(line)
        if legend and target is body:
            kind = "table-wrap" if legend.group("label").lower().startswith("table") else "fig"
            body.append(f"<{kind}><label>{escape(legend.group('label'))}</label><caption>"
                        f"{_para(legend.group('rest'))}</caption></{kind}>")
            continue
        if _is_heading(line):
            m = _HEADING.match(line) or _ANY_HEADING.match(line.strip())
            assert m is not None
            head = m.group("title").strip()
            if head.lower() in ("abstract", "summary"):
                target = abstract
                continue
            if _BACK.match(head):
                while depth:
                    body.append("</sec>")
                    depth.pop()
                target = back
                continue
            if target is abstract and head.lower().startswith("keywords"):
                continue
            level = (m.group("num") or "").strip(" .|").count(".") + 1 if m.group("num") else 1
            while depth and depth[-1] >= level:
                body.append("</sec>")
                depth.pop()
            num = (m.group("num") or "").strip(" |")
            label = f"<label>{escape(num)}</label>" if num else ""
            body.append(f"<sec>{label}<title>{escape(head)}</title>")
            depth.append(level)
            target = body
            continue
        if target is None and (len(line.split()) >= 25 or (_FIELD.match(line) and not _META_FIELD.match(line))):
            target = body  # an article without headings: its first paragraph (or a note's first field) opens the body
        if target is None:
            continue  # title block: authors, affiliations, journal lines
        if target is abstract and re.match(r"^keywords?\s*:", line, re.IGNORECASE):
            continue
        target.append(_para(line))
    flush_table()
    while depth:
        body.append("</sec>")
        depth.pop()
    ids = "".join(f'<article-id pub-id-type="{k}">{escape(str(source[k]))}</article-id>'
                  for k in ("doi", "pmid") if source.get(k))
    year = f"<pub-date><year>{source['year']}</year></pub-date>" if source.get("year") else ""
    journal = (f"<journal-meta><journal-title-group><journal-title>{escape(source['journal'])}</journal-title>"
               f"</journal-title-group></journal-meta>") if source.get("journal") else ""
    refs = "".join(f"<ref><mixed-citation>{escape(x[3:-4])}</mixed-citation></ref>" for x in back)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<article article-type="case-report" dtd-version="1.3">'
            f"<front>{journal}<article-meta>{ids}<title-group><article-title>{escape(title)}</article-title>"
            f"</title-group>{year}<abstract>{''.join(abstract)}</abstract></article-meta></front>"
            f"<body>{''.join(body)}</body><back><ref-list>{refs}</ref-list></back></article>\n")
