"""Tables rendered as text: "Table 1. Immunohistochemistry | CD34 | + | STAT6 | + |" or one row a line.

A pipe-delimited table is read as prose by the notation readers: ``as_prose`` rewrites it, keeping
every character offset, so that a result cell follows its marker the way a mark does in a sentence
("CD34 +; STAT6 +;"). The pipe before a result cell becomes a space, every other pipe a clause
break, and a qualifier before the sign moves behind it ("focal +" -> "+ focal"), so that the sign
stands right after the marker.

>>> as_prose("| EMA | focal + |")
'; EMA   + focal ;'
>>> as_prose("Immunohistochemistry | CD34 | + | PR | − | Ki-67 | 8% |")
'Immunohistochemistry ; CD34   + ; PR   − ; Ki-67   8% ;'
>>> is_row("| Vimentin | + |"), is_row("A sentence with no cells.")
(True, False)
"""

from __future__ import annotations

import re

#: a cell that holds only a result: a sign, a result word, a percentage (with qualifiers)
_QUAL = r"(?:focal(?:ly)?|diffuse(?:ly)?|weak(?:ly)?|strong(?:ly)?|patchy|scattered|partial(?:ly)?|moderate(?:ly)?)"
_RESULT_CELL = re.compile(
    rf"^\s*(?:{_QUAL}\s+)*(?:\+{{1,3}}|[-−–]|positive|negative|pos|neg|lost|retained|preserved|absent|expressed"
    r"|not\s+expressed|\d{1,3}(?:\.\d+)?\s*%|<\s*\d{1,3}\s*%)(?:\s*\([^()|]{0,40}\))?\s*$", re.IGNORECASE)
_QUAL_SIGN = re.compile(rf"^(\s*)((?:{_QUAL}\s+)+)(\+{{1,3}}|[-−–])", re.IGNORECASE)
_ROW = re.compile(r"^\s*\|.*\|\s*$")


def is_row(line: str) -> bool:
    """A line that is a row of a pipe table ("| EMA | + |")."""
    return bool(_ROW.match(line)) and line.count("|") >= 2


def as_prose(text: str) -> str:
    """The text with its pipe cells read as marker-result pairs; same length, unchanged without a table."""
    if text.count("|") < 2:
        return text
    pieces = text.split("|")
    out = [pieces[0]]
    for cell in pieces[1:]:
        if _RESULT_CELL.match(cell):
            m = _QUAL_SIGN.match(cell)
            if m:  # "focal +" -> "+ focal": the sign right after the marker
                cell = m.group(1) + m.group(3) + " " + m.group(2).rstrip() + cell[m.end():]
            out.append(" " + cell)
        else:
            out.append(";" + cell)
    return "".join(out)
