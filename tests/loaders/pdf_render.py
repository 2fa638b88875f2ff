"""Render a plain-text article as a two-column journal PDF (fpdf2), the way a typesetter lays one out.

``render_two_column(text, path)`` sets the first line as the title, full width on page 1 (with the abstract, if
the next heading is "Abstract" or "Summary", full width below it), then the rest in two justified columns:
headings in bold on lines of their own, long words hyphenated at some line ends ("chondro-" / "sarcoma"), words
holding a hyphen broken after it ("T11-" / "T12"), the ligatures fi, fl, ff, ffi, ffl set as ligature glyphs,
pipe lines ("a | b | c") set as a ruled table (one row a line, cells in aligned columns, no pipes drawn; too wide
for a column, it floats full width to the top of the next page), a running header (journal, year, volume and
page) and a footer ("Page 2 of 5" and the licence) on every page.

Justified lines are set word by word (no space characters, as TeX does); a paragraph's last line is set as one
string. Each page's content stream is written row by row across both columns (left line, right line, next
row), as many journal producers write it: a reader that follows the stream interleaves the columns.

The renderer knows nothing of the extractor: headings are short lines without closing punctuation, and lines in
capitals of up to 16 words (a colon or a bracketed remark allowed); lines of rule characters ("=====") are drawn,
not set as text; each line of the text is a paragraph, except a line indented under a list's item, which goes on
with the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
PAGE_W, PAGE_H = 595.28, 841.89
MARGIN, GUTTER, TOP, BOTTOM = 42.0, 20.0, 64.0, 60.0
COL_W = (PAGE_W - 2 * MARGIN - GUTTER) / 2
BODY, LEAD = 9.0, 11.2
_HEADING = re.compile(r"^(?:#+\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s*(?:\|\s*)?)?[A-Za-z][^.;:!?]{1,80}$")
_ABSTRACT = re.compile(r"^(?:abstract|summary)$", re.IGNORECASE)
_LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02"))
_ASCII = {"–": "-", "—": "-", "−": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "×": "x", "≥": ">=", "≤": "<=",
          "µ": "u"}


@dataclass
class _Op:
    """One thing drawn on a page: a string at a baseline, or a horizontal rule (``text`` empty)."""

    page: int
    y: float
    x: float
    text: str = ""
    style: str = ""
    size: float = BODY
    sans: bool = False
    x2: float = 0.0


class _Setter:
    """Lays text out into ops page by page, column by column."""

    def __init__(self, pdf: FPDF, unicode_fonts: bool) -> None:
        self.pdf = pdf
        self.unicode = unicode_fonts
        self.body, self.sans = ("Serif", "Sans") if unicode_fonts else ("Times", "Helvetica")
        self.ops: list[_Op] = []
        self.page, self.col, self.y, self.col_top = 1, 0, TOP, TOP
        self.hyphen_turn = False
        self.floats: list[tuple[list[list[str]], list[float], float]] = []

    # --- measuring -----------------------------------------------------------------------------------------------
    def width(self, s: str, style: str = "", size: float = BODY) -> float:
        self.pdf.set_font(self.body, style, size)
        return float(self.pdf.get_string_width(s))

    def clean(self, s: str) -> str:
        if self.unicode:
            return s
        s = "".join(_ASCII.get(c, c) for c in s)
        return s.encode("latin-1", "replace").decode("latin-1")

    def ligatures(self, word: str) -> str:
        if not self.unicode:
            return word
        for a, b in _LIGATURES:
            word = word.replace(a, b)
        return word

    # --- breaking lines ------------------------------------------------------------------------------------------
    def _split(self, word: str, room: float, style: str, size: float) -> tuple[str, str] | None:
        """Where a word that does not fit may break: after a hyphen it holds, or (every other time) inside a long
        word of letters, keeping four letters before the break and three after it."""
        cuts = [i + 1 for i, c in enumerate(word[:-1]) if c == "-" and i > 0]
        if not cuts and len(word) >= 8 and word[:-3].isalpha():
            self.hyphen_turn = not self.hyphen_turn
            if self.hyphen_turn:
                cuts = list(range(4, len(word) - 2))
        for i in sorted(cuts, reverse=True):
            head = word[:i] if word[i - 1] == "-" else word[:i] + "-"
            if self.width(head, style, size) <= room:
                return head, word[i:]
        return None

    def lines(self, text: str, width: float, style: str = "", size: float = BODY) -> list[list[str]]:
        """The words of a paragraph broken into lines of at most ``width``."""
        width = max(width, 24.0)
        words = [self.ligatures(w) for w in self.clean(text).split()]
        out: list[list[str]] = []
        cur: list[str] = []
        used = 0.0
        space = self.width(" ", style, size)
        while words:
            word = words.pop(0)
            w = self.width(word, style, size)
            if w > width and len(word) > 1:  # a token wider than the line (a URL, a hash) is cut where it ends
                cut = max(1, max((i for i in range(1, len(word)) if self.width(word[:i], style, size) <= width),
                                 default=1))
                words[:0] = [word[:cut], word[cut:]]
                continue
            if not cur or used + space + w <= width:
                used += (space if cur else 0) + w
                cur.append(word)
                continue
            piece = self._split(word, width - used - space, style, size)
            if piece:
                cur.append(piece[0])
                words.insert(0, piece[1])
            else:
                words.insert(0, word)
            out.append(cur)
            cur, used = [], 0.0
        if cur:
            out.append(cur)
        return out

    # --- placing -------------------------------------------------------------------------------------------------
    def _room(self, height: float) -> None:
        """Move to the next column (or page) if ``height`` does not fit in this one."""
        if self.y + height <= PAGE_H - BOTTOM:
            return
        if self.col == 0:
            self.col, self.y = 1, self.col_top
        else:
            self.new_page()

    def new_page(self) -> None:
        """The next page: the tables waiting for room go full width at its top, the columns start below them."""
        self.page, self.col, self.y = self.page + 1, 0, TOP
        while self.floats:
            self._place_table(*self.floats.pop(0), full=True)
        self.col_top = self.y

    def set_line(self, words: list[str], x0: float, width: float, justify: bool, style: str, size: float) -> None:
        base = self.y + size
        if not justify or len(words) == 1:
            self.ops.append(_Op(self.page, base, x0, " ".join(words), style, size))
            return
        widths = [self.width(w, style, size) for w in words]
        gap = (width - sum(widths)) / (len(words) - 1)
        x = x0
        for w, wd in zip(words, widths, strict=True):
            self.ops.append(_Op(self.page, base, x, w, style, size))
            x += wd + gap

    def paragraph(self, text: str, *, full: bool = False, style: str = "", size: float = BODY,
                  lead: float = LEAD, before: float = 0.0, after: float = 3.0, justify: bool = True) -> None:
        width = PAGE_W - 2 * MARGIN if full else COL_W
        rows = self.lines(text, width, style, size)
        self.y += before
        if not full:  # a heading is kept with two lines of what follows it
            self._room(lead * (3 if style == "B" else 1))
        for i, words in enumerate(rows):
            if not full:
                self._room(lead)
            x0 = MARGIN if full else MARGIN + self.col * (COL_W + GUTTER)
            self.set_line(words, x0, width, justify and i < len(rows) - 1, style, size)
            self.y += lead
        self.y += after

    def table(self, rows: list[list[str]]) -> None:
        """A ruled table: in the column if it fits there (down to 6.5 pt), else full width at the top of the next
        page (a float), its cells wrapped to share the page's width."""
        cells = [[self.clean(c) for c in r] for r in rows]
        ncol = max(len(r) for r in cells)
        cells = [r + [""] * (ncol - len(r)) for r in cells]
        pad = 9.0
        for size in (7.5, 7.0, 6.5):
            natural = [max(self.width(r[i], "", size) for r in cells) + pad for i in range(ncol)]
            if sum(natural) - pad <= COL_W:
                self._place_table(cells, natural, size, full=False)
                return
        width = PAGE_W - 2 * MARGIN
        share = width / ncol
        small = [w for w in natural if w <= share]
        spare = (width - sum(small)) / max(1, ncol - len(small))
        widths = [w if w <= share else spare for w in natural]
        self.floats.append((cells, widths, size))

    def _wrap_cell(self, text: str, width: float, size: float) -> list[str]:
        return [" ".join(ws) for ws in self.lines(text, width, "", size)] or [""]

    def _place_table(self, cells: list[list[str]], widths: list[float], size: float, full: bool) -> None:
        lead = size * 1.35
        pad = 9.0
        if not full:
            self.y += 3
            self._room(lead * min(3, len(cells)) + 4)
        x0 = MARGIN if full else MARGIN + self.col * (COL_W + GUTTER)
        span = PAGE_W - 2 * MARGIN if full else COL_W
        self.ops.append(_Op(self.page, self.y, x0, x2=x0 + span))
        self.y += 2
        for r in cells:
            wrapped = [self._wrap_cell(c, w - pad, size) if full else [c] for c, w in zip(r, widths, strict=True)]
            for k in range(max(len(w) for w in wrapped)):
                if not full:
                    self._room(lead)
                    x0 = MARGIN + self.col * (COL_W + GUTTER)
                x = x0
                for parts, w in zip(wrapped, widths, strict=True):
                    if k < len(parts) and parts[k].strip():
                        self.ops.append(_Op(self.page, self.y + size, x, parts[k].strip(), "", size))
                    x += w
                self.y += lead
            self.y += 1 if full else 0
        self.ops.append(_Op(self.page, self.y + 1, x0, x2=x0 + span))
        self.y += 10 if full else 6


def _fonts(pdf: FPDF) -> bool:
    if not (DEJAVU / "DejaVuSerif.ttf").exists():
        return False
    for style, suffix in (("", ""), ("B", "-Bold"), ("I", "-Italic")):
        pdf.add_font("Serif", style, str(DEJAVU / f"DejaVuSerif{suffix}.ttf"))
    pdf.add_font("Sans", "", str(DEJAVU / "DejaVuSans.ttf"))
    pdf.add_font("Sans", "I", str(DEJAVU / "DejaVuSans-Oblique.ttf"))
    return True


_RULE = re.compile(r"^[=\-_*~–—]{5,}$")
#: the gap between a timeline's or a form's label and its text ("Genetics         Testing identified ...")
_GAP = re.compile(r"^\S+(?: \S+){0,3} {2,}\S")
_ITEM = re.compile(r"^(?:[-•*–]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")


def _caps_title(s: str) -> bool:
    """A line in capitals (a bracketed remark after it aside) of up to 16 words: a heading, colon or not."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", s)
    letters = [c for c in bare if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and len(bare.split()) <= 16 \
        and not re.search(r"[.;!?,]$", s) and "|" not in s


def _table_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def render_two_column(text: str, path: Path, *, title: str | None = None,
                      header: str = "Journal of Spinal Oncology Case Reports 2024", footer: bool = True,
                      authors: str | None = None, doi: str | None = None,
                      metadata: dict[str, str] | None = None, xmp: str | None = None,
                      core_fonts: bool = False, justify: bool = True) -> Path:
    """Write ``text`` (first line the title) to ``path`` as a two-column journal PDF; see the module's docstring.

    ``metadata`` goes to the document information (keys title, author, subject, keywords), ``xmp`` is written as
    the XMP packet, ``doi`` is printed under the title; ``core_fonts`` sets Times and Helvetica (text they cannot
    encode transliterated, no ligatures) even where DejaVu is installed; ``justify=False`` sets ragged lines."""
    pdf = FPDF(format="A4", unit="pt")
    unicode_fonts = not core_fonts and _fonts(pdf)
    pdf.set_auto_page_break(False)
    st = _Setter(pdf, unicode_fonts)
    lines: list[str] = []
    item = False  # the last paragraph is a list's item: a line indented under it goes on with it
    entry = False  # the last paragraph is a "label      text" entry
    for raw in text.splitlines():
        x = raw.strip().replace("\t", " | ")
        if not x:
            item = False
            continue
        # (so does a line indented deep under a "label      text" entry of a timeline or a form, without a gap of
        # its own: the entry's text wrapped)
        hanging = entry and len(raw) - len(raw.lstrip()) >= 8 and not re.search(r"\S {2,}\S", x)
        if (item or hanging) and raw[:1].isspace() and not _ITEM.match(x) and "|" not in x and lines:
            lines[-1] = f"{lines[-1]} {x}"
            continue
        lines.append(x)
        item = bool(_ITEM.match(x)) and not re.fullmatch(r"[-–—=_*~ ]{5,}", x)  # (a dashed rule is no item)
        entry = bool(_GAP.search(x))
    if title is None:
        title, lines = (lines[0], lines[1:]) if lines else ("", [])
    st.paragraph(title, full=True, style="B", size=15, lead=18, justify=False, after=4)
    if authors:
        st.paragraph(authors, full=True, style="I", size=9.5, lead=12, justify=False, after=2)
    if doi:
        st.paragraph(f"https://doi.org/{doi}", full=True, size=8, lead=10, justify=False, after=2)
    st.y += 6
    if lines and _ABSTRACT.match(lines[0]):  # the abstract, full width, above the columns
        st.paragraph(lines[0], full=True, style="B", size=9.5, lead=12, justify=False, after=1)
        lines = lines[1:]
        while lines and not (_HEADING.match(lines[0]) and len(lines[0].split()) <= 10):
            st.paragraph(lines.pop(0), full=True)
        st.y += 2
        st.ops.append(_Op(1, st.y, MARGIN, x2=PAGE_W - MARGIN))
        st.y += 10
    st.col_top = st.y
    table: list[list[str]] = []
    for line in lines + [""]:
        if line.count("|") >= 2:
            table.append(_table_cells(line))
            continue
        if table:
            st.table(table)
            table = []
        if not line:
            continue
        if _RULE.match(line):
            continue  # a rule line ("=====") is drawn, not set as text
        if (_HEADING.match(line) and len(line.split()) <= 10) or _caps_title(line):
            st.paragraph(line.lstrip("# "), style="B", size=9.5, lead=12, before=5, after=2, justify=False)
        else:
            st.paragraph(line, justify=justify)
    if st.floats:
        st.new_page()
    _write(pdf, st, header, footer, unicode_fonts, metadata, xmp)
    pdf.output(str(path))
    return path


def _write(pdf: FPDF, st: _Setter, header: str, footer: bool, unicode_fonts: bool,
           metadata: dict[str, str] | None, xmp: str | None) -> None:
    """Draw the ops page by page, row by row across the columns, with the running header and footer."""
    for key, value in (metadata or {}).items():
        getattr(pdf, f"set_{key}")(value)
    if xmp:
        pdf.set_xmp_metadata(xmp)
    pages = max((op.page for op in st.ops), default=1)
    for n in range(1, pages + 1):
        pdf.add_page()
        if header:
            pdf.set_font(st.sans, "I", 7.5)
            pdf.text(MARGIN, 40, st.clean(header))
            right = f"Vol. 12, {100 + n}"
            pdf.text(PAGE_W - MARGIN - pdf.get_string_width(right), 40, right)
            pdf.line(MARGIN, 45, PAGE_W - MARGIN, 45)
        for op in sorted((o for o in st.ops if o.page == n), key=lambda o: (round(o.y, 1), o.x)):
            if not op.text:
                pdf.set_line_width(0.4)
                pdf.line(op.x, op.y, op.x2, op.y)
                continue
            pdf.set_font(st.body, op.style, op.size)
            pdf.text(op.x, op.y, op.text)
        if footer:  # the page number on the outer side, the licence on the inner side
            pdf.set_font(st.sans, "", 7.5)
            num, licence = f"Page {n} of {pages}", "\u00a9 2024 The Authors. Published under CC BY 4.0"
            outer = PAGE_W - MARGIN - pdf.get_string_width(num) if n % 2 else MARGIN
            inner = MARGIN if n % 2 else PAGE_W - MARGIN - pdf.get_string_width(st.clean(licence))
            pdf.text(outer, PAGE_H - 34, num)
            pdf.text(inner, PAGE_H - 34, st.clean(licence))
