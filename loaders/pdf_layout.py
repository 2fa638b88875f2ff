"""A PDF's text in reading order, from the glyphs of its pages and their positions.

The reader of a PDF (``spinekg.loaders.pdf``) gives, page by page, each glyph's text, left and right edges,
baseline, font size and weight. ``reading_text`` turns them into the text the extractor expects:

- glyphs on one baseline make a row; a wide gap (an em or more) parts a row into cells;
- running headers and footers are dropped: rows at the top or bottom of two or more pages that read the same
  (digits aside), rows that are only a page number ("7", "Page 3 of 8"), and small-print rows set apart at a
  page's edge;
- a two-column page is found by its gutter (a band near the middle that the rows of the body leave blank)
  and read band by band: the left column, then the right; a row across the gutter (the title, the abstract, a
  full-width table) closes the band above it and is read where it stands;
- wrapped lines are joined into paragraphs, a blank line between paragraphs: a line ends its paragraph when the
  next line's first word would have fitted on it, when the next line is indented, set apart by a wider space
  or in another font size or weight (so a heading keeps a line of its own), unless a sentence runs on (the
  line ends without a full stop and the next begins in lower case);
- a word hyphenated at a line end is rejoined ("chondro-" + "sarcoma"), a hyphen of the text is kept ("T11-" +
  "T12", "SS18-" + "SSX1", "18-month-" + "old", and a hyphenated form the document uses elsewhere);
- rows of cells aligned with their neighbours are a table: one line a row, "| a | b | c |", a wrapped cell's
  lines joined into its row; a table that interrupts a paragraph (a float at the top of a page) follows it;
- ligatures and other compatibility characters are normalised (NFKC) and runs of spaces collapsed.

``tests/loaders/test_pdf_layout.py`` shows each on glyphs placed by hand and on journal pages set by fpdf2.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
#: "Case 2", "Table 1": numbered headings repeat with their numbers and are no furniture
_NUMBERED = re.compile(r"^\W*(?:case|patient|table|figure|fig\.)\s*(?:no\.?\s*)?\d", re.IGNORECASE)


@dataclass(frozen=True)
class Glyph:
    """A character (or a run of characters) drawn on a page: left and right edges, baseline (downwards from
    the top of the page, in points), font size and whether the font is bold."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool = False


@dataclass
class Line:
    """One line of a column (or across the page): its cells (x0, x1, text), baseline, size and weight, and the
    left and right edges of the column it is set in."""

    cells: list[tuple[float, float, str]]
    y: float
    size: float
    bold: bool
    page: int
    left: float = 0.0
    right: float = 0.0
    spanning: bool = False
    table: int = 0  # the number of the table the line is a row of (0: none)
    word: float = 0.0  # the width of its first word

    @property
    def x0(self) -> float:
        return self.cells[0][0]

    @property
    def x1(self) -> float:
        return self.cells[-1][1]

    @property
    def text(self) -> str:
        return " ".join(c[2] for c in self.cells)


# --- rows and cells ------------------------------------------------------------------------------------------

def _rows(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """The glyphs grouped by baseline (a superscript joins the row it is raised from), top to bottom."""
    rows: list[list[Glyph]] = []
    top = 0.0
    for g in sorted((g for g in glyphs if g.text.strip()), key=lambda g: g.y):
        if rows and g.y - top <= 0.45 * max(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])
            top = g.y
    return rows


def _words(glyphs: Sequence[Glyph]) -> list[tuple[float, float, str]]:
    """A row's glyphs left to right as words (x0, x1, text): a gap wider than a sixth of an em parts words."""
    words: list[tuple[float, float, str]] = []
    parts: list[str] = []
    x0 = end = 0.0
    for g in sorted(glyphs, key=lambda g: g.x0):
        if parts and g.x0 - end <= 0.17 * max(g.size, 1.0):
            parts.append(g.text)
            end = max(end, g.x1)
            continue
        if parts:
            words.append((x0, end, "".join(parts)))
        parts, x0, end = [g.text], g.x0, g.x1
    if parts:
        words.append((x0, end, "".join(parts)))
    return words


def _cells(glyphs: Sequence[Glyph], gap: float = 1.0) -> list[tuple[float, float, str]]:
    """A row's words as cells (x0, x1, text): a gap of ``gap`` em or more parts cells, unless the row's word gaps
    are all alike (a justified line spreads its words evenly; after punctuation TeX may space them wider)."""
    words = _words(glyphs)
    if not words:
        return []
    gaps = [b[0] - a[1] for a, b in zip(words, words[1:], strict=False)]
    em = statistics.median(g.size for g in glyphs)
    punct = [w[2].endswith((".", ",", ";", ":", "!", "?")) for w in words]
    inner = [d for d, p in zip(gaps, punct, strict=False) if not p]
    inner = inner if len(inner) >= 3 else gaps  # (two gaps alike may be a table's: its widest cells in one row)
    even = max(inner) + 0.12 * em if len(inner) >= 3 and max(inner) - min(inner) <= 0.12 * em else 0.0
    cells: list[tuple[float, float, list[str]]] = []
    for i, (a, b, text) in enumerate(words):
        if cells and (gaps[i - 1] <= even * (1.6 if punct[i - 1] else 1.0) or gaps[i - 1] < gap * em):
            cells[-1][2].append(text)
            cells[-1] = (cells[-1][0], b, cells[-1][2])
        else:
            cells.append((a, b, [text]))
    return [(a, b, t) for a, b, ws in cells if (t := _tidy(" ".join(ws)))]


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _style(glyphs: Sequence[Glyph]) -> tuple[float, float, bool]:
    """A line's baseline, font size and weight (what most of its glyphs have)."""
    size = statistics.median(g.size for g in glyphs)
    main = [g for g in glyphs if g.size >= 0.8 * size] or list(glyphs)
    return statistics.median(g.y for g in main), size, sum(g.bold for g in main) > 0.6 * len(main)


# --- running headers and footers ------------------------------------------------------------------------------

def _key(row: list[Glyph]) -> str:
    """A row as running furniture is compared: its cells in any order, digits aside."""
    return " | ".join(sorted(re.sub(r"\d+", "#", c[2].lower()) for c in _cells(row)))


def strip_furniture(pages: list[list[list[Glyph]]], heights: Sequence[float]) -> list[list[list[Glyph]]]:
    """The pages' rows (top to bottom) without running headers and footers: of the two rows at the top and the
    two at the bottom of each page, those that read the same on two pages or more (digits aside; "Case 2" and
    "Table 1" are headings), those that are only a page number, and an outermost row in small print set apart."""
    body = statistics.median(g.size for rows in pages for r in rows for g in r) if any(pages) else 0.0
    seen: Counter[str] = Counter()
    for rows in pages:
        seen.update({_key(r) for r in rows[:2] + rows[-2:]})

    def furniture(rows: list[list[Glyph]], i: int, height: float) -> bool:
        text = " ".join(c[2] for c in _cells(rows[i]))
        if _PAGE_NUMBER.match(text):
            return True
        if seen[_key(rows[i])] >= 2 and len(pages) >= 2 and len(rows) > 2 and not _NUMBERED.match(text):
            return True  # (a page's only text is no running header)
        if i not in (0, len(rows) - 1):
            return False
        y = rows[i][0].y
        near = min((abs(rows[j][0].y - y) for j in (i - 1, i + 1) if 0 <= j < len(rows)), default=99.0)
        small = statistics.median(g.size for g in rows[i]) < 0.95 * body
        return small and (y < 0.12 * height or y > 0.88 * height) and near > 2.2 * body

    out = []
    for rows, height in zip(pages, heights, strict=True):
        edges = {i for i in (0, 1, len(rows) - 2, len(rows) - 1) if 0 <= i < len(rows)}
        out.append([r for i, r in enumerate(rows) if not (i in edges and furniture(rows, i, height))])
    return out


# --- columns ---------------------------------------------------------------------------------------------------

def _gutter(rows: list[list[tuple[float, float, str]]], width: float) -> tuple[float, float] | None:
    """The blank band between the two columns of a page, if it has two.

    Near the middle of the page, a band that few rows cross (the title, the abstract) with text starting
    right after it, three rows or more on one left edge (the right column); or, for a right column of one or
    two rows or none, many rows ending right before it on one right edge (a justified left column)."""
    lo, hi = int(0.25 * width), int(0.75 * width)
    if hi - lo < 20 or len(rows) < 4:
        return None
    steps = [0] * (hi - lo + 1)
    for cells in rows:
        for a, b, _ in cells:
            first, last = max(lo, int(a) + 1), min(hi, int(b) + 1)
            if first < last:
                steps[first - lo] += 1
                steps[last - lo] -= 1
    cover = list(itertools.accumulate(steps[:-1]))
    if min(cover) > 0.5 * len(rows):
        return None
    most = min(cover) + max(2, len(rows) // 10)

    def low(x: int) -> bool:
        return lo <= x < hi and cover[x - lo] <= most

    def best(xs: Counter[int]) -> tuple[int, int]:
        x = max(xs, key=lambda v: (xs[v - 1] + xs[v] + xs[v + 1], -v), default=0)
        return x, xs[x - 1] + xs[x] + xs[x + 1]

    starts = Counter(round(c[0]) for cells in rows for c in cells if lo < c[0] < hi and low(round(c[0]) - 2))
    ends = Counter(round(c[1]) for cells in rows for c in cells if lo < c[1] < hi and low(round(c[1]) + 2))
    start, n_start = best(starts)
    end, n_end = best(ends)
    if n_start >= 3:
        a = start - 1
        while low(a - 1):
            a -= 1
        return (float(a), float(start)) if start - a >= 4 else None
    if n_end >= 5:
        b = end + 1
        while low(b) and not (n_start and b >= start):
            b += 1
        if b - end < 4:
            return None
        # no right column: a row reaching past the left column's edge is across the page
        return float(end), float(b if n_start else min(b, end + 8))
    return None


def page_lines(rows: list[list[Glyph]], width: float, page: int) -> list[Line]:
    """A page's rows as lines in reading order: band by band, the left column then the right."""
    cells = [_cells(r, gap=0.8) for r in rows]
    gutter = _gutter(cells, width)
    if gutter is None:
        lines = [_line(r, page) for r in rows]
        _edges(lines)
        return lines
    mid = (gutter[0] + gutter[1]) / 2
    spanning = [any(a < mid < b for a, b, _ in c) for c in cells]
    _widen(spanning, cells, rows)
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for row, span in zip(rows, spanning, strict=True):
        if span:
            out += left + right
            left, right = [], []
            out.append(_line(row, page, spanning=True))
            continue
        for side, keep in ((left, lambda g: g.x0 < mid), (right, lambda g: g.x0 >= mid)):
            part = [g for g in row if keep(g)]
            if part:
                side.append(_line(part, page))
    out += left + right
    for col in ([x for x in out if x.spanning], [x for x in out if not x.spanning and x.x0 < mid],
                [x for x in out if not x.spanning and x.x0 >= mid]):
        _edges(col)
    return out


def _widen(spanning: list[bool], cells: list[list[tuple[float, float, str]]], rows: list[list[Glyph]]) -> None:
    """A table across the page: the rows next to a row across the gutter with three cells or more whose inner
    cells start on its columns (or whose one cell starts on an inner column: a wrapped cell) are its rows."""
    seeds = [i for i in range(len(rows)) if spanning[i] and len(cells[i]) >= 3]
    if not seeds:
        return
    cols = {round(c[0]) for i in seeds for c in cells[i]}
    first = min(cols)
    for i in seeds:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(rows) and not spanning[j] and _close(rows[j - step], rows[j]):
                inner = [round(c[0]) for c in cells[j][1:]] or [round(cells[j][0][0])]
                if not any(x + d in cols and x + d != first for x in inner for d in range(-2, 3)):
                    break
                spanning[j] = True
                j += step


def _close(a: list[Glyph], b: list[Glyph]) -> bool:
    """Two rows of one table: set in the same size, at most two and a half lines apart."""
    size_a, size_b = statistics.median(g.size for g in a), statistics.median(g.size for g in b)
    return abs(size_a - size_b) <= 0.6 and abs(a[0].y - b[0].y) <= 2.5 * min(size_a, size_b)


def _line(glyphs: list[Glyph], page: int, spanning: bool = False) -> Line:
    y, size, bold = _style(glyphs)
    first = _words(glyphs)[0]
    return Line(_cells(glyphs), y, size, bold, page, spanning=spanning, word=first[1] - first[0])


def _edges(col: list[Line]) -> None:
    """Set each line's column edges: the leftmost start and rightmost end of the column's lines of its usual
    size (a title or a table in small print does not set them)."""
    if not col:
        return
    size = statistics.median(x.size for x in col)
    core = [x for x in col if abs(x.size - size) <= 0.6] or col
    left, right = min(x.x0 for x in core), max(x.x1 for x in core)
    for x in col:
        x.left, x.right = left, right


# --- tables ------------------------------------------------------------------------------------------------------

def _mark_tables(lines: list[Line]) -> None:
    """Number the runs of lines whose cells line up: two or more lines sharing the start of an inner cell, or
    one line of four cells or more (a one-cell line whose start is an inner cell's continues a wrapped cell)."""
    number = 0
    i = 0
    while i < len(lines):
        if len(lines[i].cells) < 2:
            i += 1
            continue
        run = [i]
        inner = {round(c[0]) for c in lines[i].cells[1:]}
        while run[-1] + 1 < len(lines) and _near(lines[run[-1]], lines[run[-1] + 1]):
            nxt = lines[run[-1] + 1]
            if len(nxt.cells) < 2 and not any(round(nxt.x0) + d in inner for d in range(-2, 3)):
                break
            run.append(run[-1] + 1)
            inner |= {round(c[0]) for c in nxt.cells[1:]}
        starts = [{round(c[0]) for c in lines[k].cells[1:]} for k in run if len(lines[k].cells) >= 2]
        seen = Counter(x for xs in starts for x in xs)
        shared = sum(any(sum(seen[x + d] - (x + d in xs) for d in range(-2, 3)) > 0 for x in xs) for xs in starts)
        widest = max(len(lines[k].cells) for k in run)
        if shared >= 2 or widest >= 4 or (len(run) >= 2 and widest >= 3):
            number += 1
            for k in run:
                lines[k].table = number
        i = run[-1] + 1  # (a run that is no table is text: its lines start no table either)


def _near(a: Line, b: Line) -> bool:
    return a.page == b.page and a.spanning == b.spanning and 0 < b.y - a.y <= 2.0 * max(a.size, b.size)


def _table_rows(rows: list[Line], vocab: Counter[str]) -> list[str]:
    """A table's lines as "| a | b |" rows: each cell in the column whose start is nearest left of it; a line
    whose first column is empty continues the row above."""
    cols: list[float] = []
    for x in sorted(c[0] for r in rows for c in r.cells):
        if not cols or x - cols[-1] > 3:
            cols.append(x)
    out: list[list[str]] = []
    for r in rows:
        cells = [""] * len(cols)
        for a, _, t in r.cells:
            k = max(0, bisect.bisect_right(cols, a + 3) - 1)
            cells[k] = _join(cells[k], t, vocab) if cells[k] else t
        if out and not cells[0]:
            out[-1] = [_join(p, t, vocab) if p and t else p or t for p, t in zip(out[-1], cells, strict=True)]
        else:
            out.append(cells)
    return ["| " + " | ".join(r) + " |" for r in out]


# --- paragraphs --------------------------------------------------------------------------------------------------

def _breaks(a: Line, b: Line, pitch: float) -> bool:
    """Whether line ``a`` ends its paragraph before line ``b`` (see the module's docstring)."""
    if a.table or b.table or a.bold != b.bold or abs(a.size - b.size) > 0.3:
        return True
    if b.text[:1].islower() and not re.search(r"[.!?:;]\W*$", a.text):
        return False  # a sentence runs on (past a figure, a page break or a wider space)
    em = a.size
    if b.x0 - b.left > 0.7 * em and a.x0 - a.left <= 0.7 * em:
        return True  # b is indented
    if _near(a, b) and b.y - a.y > (pitch + 0.25) * em:
        return True  # set apart (pitch: the usual distance of two lines, in em)
    if re.search(r"[^\W\d_][-\u00ad]$", a.text) and b.text[:1].islower():
        return False  # a word broken at the line end (its rest may be short)
    return a.right - a.x1 > b.word + 0.35 * em  # b's first word (and a space) would have fitted on a


#: the parts of compounds common in clinical English ("follow-up", "anti-inflammatory", "T2-weighted",
#: "twenty-two"): a line that ends "follow-" before "up" keeps its hyphen
_COMPOUND_HEADS = frozenset("anti non pan self well ill poorly follow high low soft co ex multi semi half so first "
                            "second third long short full".split())
_COMPOUND_TAILS = frozenset("up based like related associated guided weighted positive negative type free grade term "
                            "risk old line dose rich induced dependent specific enhanced enhancing".split())
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine twenty thirty forty fifty sixty seventy "
                          "eighty ninety".split())


def _hyphen_kept(head: str, word: str, vocab: Counter[str]) -> bool:
    """Whether a line ending "head-" before "word" holds a hyphen of the text (not a word broken in two)."""
    if not head.isalpha() or not word[:1].islower():
        return True  # T11-T12, SS18-SSX1, 18-month-old, CD99-positive
    h, w = head.lower(), word.lower()
    joined, hyphened = vocab[h + w], vocab[f"{h}-{w}"]
    if joined != hyphened:
        return hyphened > joined  # the document writes the word elsewhere
    if h in _COMPOUND_HEADS or w in _COMPOUND_TAILS or (h in _NUMBER_WORDS and w in _NUMBER_WORDS):
        return True
    # both halves are words the document uses elsewhere (this line end counts each once)
    return min(len(h), len(w)) >= 3 and vocab[h] >= 2 and vocab[w] >= 2


def _glue(a: str, b: str, vocab: Counter[str]) -> tuple[str, str]:
    """How line ``a`` meets the next line ``b`` of its paragraph: ``a`` (without its hyphen if ``b`` ends a word
    broken in two) and what goes between them (a space, or nothing after a hyphen)."""
    if a.endswith("\u00ad"):
        return a[:-1], ""
    if not re.search(r"[\w)\]][-\u2010\u2011\u2013]$", a):  # (also after a bracket: "hormone receptor (HR)-")
        return a, " "
    head = a.rsplit(" ", 1)[-1][:-1]
    tail = re.match(r"[^\s.,;:!?)\]]*", b)
    word = tail.group(0) if tail else ""
    soft = a.endswith(("-", "\u2010")) and not _hyphen_kept(head, word, vocab)
    return (a[:-1] if soft else a), ""


def _join(a: str, b: str, vocab: Counter[str]) -> str:
    """Two lines of a paragraph joined: a word hyphenated at the line end rejoined, a hyphen of the text kept."""
    head, sep = _glue(a, b, vocab)
    return head + sep + b


def _vocabulary(lines: list[Line]) -> Counter[str]:
    return Counter(w.lower() for x in lines for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", x.text))


def assemble(lines: list[Line]) -> str:
    """The lines (in reading order) as paragraphs and table rows, a blank line between blocks."""
    _mark_tables(lines)
    vocab = _vocabulary(lines)
    steps = [(b.y - a.y) / a.size for a, b in zip(lines, lines[1:], strict=False)
             if _near(a, b) and abs(a.size - b.size) < 0.3]
    pitch = statistics.median(steps) if steps else 1.2
    blocks: list[str] = []
    held: list[str] = []  # tables waiting for the paragraph they interrupt to end
    table_last = False  # the last block is a table (a table right after it continues it: a column or page later)
    last: Line | None = None  # the last line of the open paragraph
    parts: list[str] = []  # its lines and what goes between them

    def close() -> None:
        nonlocal last, table_last
        if parts:
            blocks.append("".join(parts))
            table_last = False
        blocks.extend(held)
        table_last = table_last or bool(held)
        parts.clear()
        held.clear()
        last = None

    i = 0
    while i < len(lines):
        x = lines[i]
        if x.table:
            j = i
            while j < len(lines) and lines[j].table == x.table:
                j += 1
            rows = "\n".join(_table_rows(lines[i:j], vocab))
            after = lines[j] if j < len(lines) else None
            if last is not None and after is not None and not after.table and not _breaks(last, after, pitch) \
                    and not re.search(r"[.!?:]\W*$", last.text):
                held.append(rows)  # a float inside a sentence: it follows the paragraph
            else:
                close()
                if table_last:
                    blocks[-1] += "\n" + rows
                else:
                    blocks.append(rows)
                table_last = True
            i = j
            continue
        if last is not None and not _breaks(last, x, pitch):
            parts[-1], sep = _glue(parts[-1], x.text, vocab)
            parts.extend([sep, x.text])
        else:
            close()
            parts.append(x.text)
        last = x
        i += 1
    close()
    return "\n\n".join(b for b in blocks if b.strip())


def reading_text(pages: Sequence[Sequence[Glyph]], widths: Sequence[float],
                 heights: Sequence[float] | None = None) -> str:
    """The text of the pages (each a sequence of glyphs, with the page's width and height) in reading order."""
    heights = heights if heights is not None else [1.414 * w for w in widths]
    rows = strip_furniture([_rows(p) for p in pages], heights)
    lines: list[Line] = []
    for n, (r, w) in enumerate(zip(rows, widths, strict=True)):
        lines += page_lines(r, w, n + 1)
    return assemble(lines)
