"""A journal page's text in reading order, from pypdf's layout-mode text (each text row laid out by position).

``reading_order(rows)`` finds the gutter of a two-column page (a column of blank characters that splits
most rows in two) and reads the page band by band: within a band the left column, then the right; a row
that crosses the gutter (the title, a full-width table or figure legend) closes the band and is read where
it stands (below the first two-column row, a row whose columns touch is parted at the space nearest the
gutter: justified text can leave one space there). ``strip_running(pages)`` drops the running headers and
footers (rows repeated at the top or bottom of pages, digits aside) and page-number rows. Ligatures (ﬁ, ﬂ)
are normalised and justified spacing collapsed; words hyphenated at line ends and wrapped lines are
rejoined later by the text extractor (``spinekg.loaders.extract.furniture``), as for any copied text.

>>> rows = ["A title of the paper running across the whole page", "",
...         "The left column, one.         The right column, one.",
...         "The left column, two.         The right column, two."]
>>> reading_order(rows, min_rows=2)  # doctest: +NORMALIZE_WHITESPACE
['A title of the paper running across the whole page', '', 'The left column, one.', 'The left column, two.', '',
 'The right column, one.', 'The right column, two.']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_GAP = re.compile(r"(?<=\S)(\s{3,})(?=\S)")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)


def _gutter(rows: list[str], min_rows: int) -> int | None:
    """The character column that splits the page's rows into two columns, if it has two."""
    width = max((len(r) for r in rows), default=0)
    if width < 40:
        return None
    votes: Counter[int] = Counter()
    texty = 0
    for r in rows:
        if len(r.strip()) < 10:
            continue
        texty += 1
        # blank between two texts, before a right-column-only row's text, after a left-column-only row's
        # (a column's rows need not share their baselines with the other's)
        spans = [m.span(1) for m in _GAP.finditer(r)]
        lead = len(r) - len(r.lstrip())
        if lead >= 0.3 * width:
            spans.append((int(0.25 * width), lead))
        elif len(r) <= 0.7 * width:
            spans.append((len(r), int(0.8 * width)))
        for a, b in spans:
            if 0.25 * width <= a and b <= 0.8 * width + 1:
                for c in range(a + 1, b):
                    votes[c] += 1
    if not votes:
        return None
    col, n = max(votes.items(), key=lambda kv: (kv[1], -abs(kv[0] - width / 2)))
    return col if n >= max(min_rows, 0.4 * texty) else None


def _splits(row: str, col: int) -> bool:
    """The row has blank space at the gutter (or nothing on one side of it)."""
    return len(row) <= col or row[max(0, col - 1):col + 1].strip() == ""


def _nearest_space(row: str, col: int, reach: int = 8) -> int | None:
    """Where a justified row whose two columns touch at the gutter parts (the space nearest the gutter)."""
    for d in range(reach + 1):
        for c in (col - d, col + d):
            if 0 < c < len(row) and row[c] == " ":
                return c
    return None


def reading_order(rows: list[str], min_rows: int = 6) -> list[str]:
    """A page's rows in reading order (see the module's docstring)."""
    rows = [r.rstrip() for r in rows]
    col = _gutter(rows, min_rows)
    if col is None:
        return [_tidy(r) for r in rows]
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []

    def flush() -> None:
        if left or right:
            out.extend(left)
            if left and right:
                out.append("")
            out.extend(right)
            left.clear()
            right.clear()

    in_columns = False
    for r in rows:
        cut = col if _splits(r, col) else _nearest_space(r, col) if in_columns and "|" not in r else None
        if not r.strip():
            left.append("")
            right.append("")
        elif cut is not None:
            in_columns = True
            lt, rt = r[:cut].strip(), r[cut:].strip()
            if lt:
                left.append(_tidy(lt))
            if rt:
                right.append(_tidy(rt))
        else:  # a row across the gutter: the band above it is read, then the row
            flush()
            out.append(_tidy(r))
            out.append("")
    flush()
    return _squeeze(out)


def _tidy(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", unicodedata.normalize("NFKC", text)).strip()


def _squeeze(rows: list[str]) -> list[str]:
    out: list[str] = []
    for r in rows:
        if r or (out and out[-1]):
            out.append(r)
    return out


def _key(row: str) -> str:
    return re.sub(r"\d+", "#", row.strip().lower())


def strip_running(pages: list[list[str]]) -> list[list[str]]:
    """The pages without their running headers and footers and page-number rows."""
    edges: Counter[str] = Counter()
    for rows in pages:
        body = [r for r in rows if r.strip()]
        for k in {_key(r) for r in body[:2] + body[-2:]}:
            edges[k] += 1
    repeated = {k for k, n in edges.items() if n >= 2 and len(pages) >= 2}
    out = []
    for rows in pages:
        kept = [i for i, r in enumerate(rows) if r.strip()]
        edge = set(kept[:2] + kept[-2:])
        out.append([r for i, r in enumerate(rows)
                    if not (i in edge and (_key(r) in repeated or _PAGE_NUMBER.match(r)))])
    return out
