"""Render a plain-text article fixture as a two-column journal PDF (fpdf2), as a typesetter would: the title
full width on page 1, then justified text in two columns, headings in bold on lines of their own, long
words hyphenated where a line breaks (soft hyphens), a running header with the journal and a footer with
the page number on every page, and pipe tables kept as rows.

The renderer knows nothing of the extractor: headings are short lines without closing punctuation.
"""

from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_HEADING = re.compile(r"^(?:#+\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s*(?:\|\s*)?)?[A-Za-z][^.;:!?]{1,80}$")
_LONG_WORD = re.compile(r"\b([a-z]{5,})([a-z]{5,})\b")


class _Journal(FPDF):
    journal = "Journal of Spinal Oncology Case Reports 2024;12(3):101-109"

    def header(self) -> None:
        self.set_font(self.family_name, "I", 8)
        self.cell(0, 6, self.journal, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.family_name, "", 8)
        self.cell(0, 6, f"Page {self.page_no()}", align="C")


def _fonts(pdf: _Journal) -> str:
    if (DEJAVU / "DejaVuSans.ttf").exists():
        pdf.add_font("DejaVu", "", str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        pdf.add_font("DejaVu", "I", str(DEJAVU / "DejaVuSans-Oblique.ttf"))
        return "DejaVu"
    return "Helvetica"


def _plain(text: str, family: str) -> str:
    if family != "Helvetica":
        return text
    table = {"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "×": "x", "≥": ">=", "≤": "<=", "µ": "u",
             "\u00ad": "-"}
    text = "".join(table.get(c, c) for c in text)
    return text.encode("latin-1", "replace").decode("latin-1")


def _hyphenable(line: str) -> str:
    """Soft hyphens inside long words, so the typesetter can break them across lines as a journal does."""
    return _LONG_WORD.sub(lambda m: m.group(1) + "\u00ad" + m.group(2), line)


def render_two_column(text: str, path: Path, *, title: str | None = None) -> Path:
    pdf = _Journal(format="A4")
    pdf.family_name = _fonts(pdf)
    family = pdf.family_name
    pdf.set_auto_page_break(True, 18)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    lines = [x.strip().replace("\t", " | ") for x in text.splitlines() if x.strip()]
    head = title or (lines[0] if lines else "")
    pdf.set_font(family, "B", 14)
    pdf.multi_cell(0, 7, _plain(head, family), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.text_columns(ncols=2, gutter=8, text_align="JUSTIFY") as cols:
        for line in lines[1:]:
            if line.count("|") >= 2:  # a table row: left-aligned, cells apart
                with cols.paragraph(text_align="LEFT", bottom_margin=0.5) as par:
                    pdf.set_font(family, "", 7)
                    par.write(_plain(line, family))
            elif _HEADING.match(line) and len(line.split()) <= 10:
                with cols.paragraph(text_align="LEFT", top_margin=2.5, bottom_margin=1) as par:
                    pdf.set_font(family, "B", 9.5)
                    par.write(_plain(line.lstrip("# "), family))
            else:
                with cols.paragraph(bottom_margin=1.5) as par:
                    pdf.set_font(family, "", 9)
                    par.write(_plain(_hyphenable(line), family))
    pdf.output(str(path))
    return path
