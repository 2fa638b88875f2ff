"""Text copied out of a PDF or a web page, made readable again without moving a character.

A copied article comes with its page furniture (running headers and footers, page numbers, "Downloaded
from ..."), sentences broken across lines and words hyphenated at line ends. ``clean`` removes the
furniture and joins the lines, *keeping the text's length and the position of every line*, so that the
evidence spans the extractor reports still index the document as read:

- a line repeated on three or more pages (digits aside), a line that is only a page number or "Page 3 of 8",
  and "Downloaded from"/"Open Access"/"Cite this article" lines become spaces;
- a word hyphenated across a line end is rejoined ("chondro-\\nsarcoma" -> "chondrosarcoma" and two spaces
  after it); a hyphen that belongs to the text stays ("T11-\\nT12" -> "T11-T12" and a space);
- a line that stops mid-sentence is joined to the next line of its paragraph (its line break becomes a space).

>>> clean("The tumour was a chondro-\\nsarcoma of T11-\\nT12 treated with\\nen bloc resection.")
'The tumour was a chondrosarcoma   of T11-T12  treated with en bloc resection.'
"""

from __future__ import annotations

import re
from collections import Counter

_PAGE_ONLY = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_FURNITURE = re.compile(r"^\s*(?:downloaded\s+from\b|open\s+access\b|cite\s+this\s+article\b"
                        r"|please\s+cite\s+this\s+article\b|this\s+article\s+is\s+"
                        r"(?:licensed|distributed)\b|©|copyright\b|\(c\)\s+\d{4}|all\s+rights\s+reserved\b"
                        r"|https?://\S+\s*$|www\.\S+\s*$)", re.IGNORECASE)
_HYPHEN_BREAK = re.compile(r"(?<=([A-Za-z0-9]))-\n(?=([A-Za-z0-9]+))")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\"”]\s*$")
_TABLE = re.compile(r"\||\t")
_LEADER = re.compile(r"(?<=\S)[ \t]*\.{4,}[ \t]*(?=\S)")
#: a short leader after a field's name at the start of a line ("IDH status .. negative", "- DOG1 ... positive"); a
#: spaced ellipsis ("The tumour ... was removed") stays one
_SHORT_LEADER = re.compile(r"^(?P<field>[^\n.]{0,40}\S)(?P<lead>[ \t]+\.\.[ \t]+)(?=\S)"
                           r"|^(?P<field3>[ \t]*[-•*–][ \t]+[^\n.]{0,40}\S)(?P<lead3>[ \t]+\.{3}[ \t]+)(?=\S)",
                           re.MULTILINE)
#: "Case 12", "Patient 3": a series' headings repeat with their numbers, and are no furniture
_NUMBERED = re.compile(r"^\W*(?:case|patient|table|figure|fig\.)\s*(?:no\.?\s*)?\d", re.IGNORECASE)


#: lines alike closer than this (a blank line between at most) are a list, not running headers
_PAGE_GAP = 3


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def clean(text: str) -> str:
    """The text with furniture blanked and broken lines joined, of the same length, line for line."""
    # a report's dot leaders are its fields' colons: "CD34 ............ positive" is "CD34: positive"
    text = _LEADER.sub(lambda m: " " * (len(m.group()) - 2) + ": ", text)
    if ".." in text:
        text = _SHORT_LEADER.sub(lambda m: (m.group("field") or m.group("field3"))
                                 + " " * (len(m.group("lead") or m.group("lead3")) - 2) + ": ", text)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    counts = Counter(_key(x) for x in lines if 0 < len(x.strip()) <= 160)
    # (a running header or footer comes once a page; lines alike one after the other are a list: "CD3 negative",
    # "CD5 negative", "CD4 negative")
    at: dict[str, list[int]] = {}
    for i, x in enumerate(lines):
        if counts[_key(x)] >= 3:
            at.setdefault(_key(x), []).append(i)
    listed = {k for k, where in at.items() if min(b - a for a, b in zip(where, where[1:], strict=False)) < _PAGE_GAP}
    out: list[str] = []
    for line in lines:
        s = line.strip()
        if s and (_PAGE_ONLY.match(s) or _FURNITURE.match(s) or (counts[_key(line)] >= 3 and len(s) <= 160
                                                                 and not _TABLE.search(s) and not _NUMBERED.match(s)
                                                                 and _key(line) not in listed)):
            line = " " * len(line)
        out.append(line)
    text = "\n".join(out)
    text = _HYPHEN_BREAK.sub(_rejoin_marker, text)
    text = _move_rejoined(text)
    return _join_wrapped(text)


def _rejoin_marker(m: re.Match[str]) -> str:
    # a lower-case continuation is one word broken in two; anything else keeps its hyphen (T11-T12, SS18-SSX1)
    return "\x00\x00" if m.group(1).isalpha() and m.group(2)[:1].islower() else "-\x00"


def _move_rejoined(text: str) -> str:
    """Move the NUL placeholders left by a rejoined break to just after the word they split."""
    # (what precedes the placeholders stays where it is: matching it too, with a lazy "\S*?", made a long token
    # without one quadratic, as "T1-T1-..." in a hostile input)
    if "\x00" not in text:
        return text
    return re.sub(r"(\x00+)(\w*)", lambda m: m.group(2) + " " * len(m.group(1)), text)


_CONTINUES = re.compile(r"(?:,|\b(?:and|or|of|with|the|a|an|in|to|for|by|at|from|on|as|was|were|is|are|than|that"
                        r"|which|who|after|before|under|into|between|showing|revealed|showed|aged))\s*$", re.IGNORECASE)


#: a heading naming its part by a capital letter ("Patient A", "Case B"), whose "A" is no article
_LETTER_HEAD = re.compile(r"\W{0,3}[A-Z][a-z]+\s+[A-Z]")


def _hard_wrapped(lines: list[str]) -> bool:
    """A text broken into lines of a page's width (a copied PDF), not one line per paragraph."""
    body = [x.strip() for x in lines if len(x.strip()) > 20]
    if len(body) < 8:
        return False
    open_ended = [x for x in body if 40 <= len(x) <= 110 and not _ENDS_SENTENCE.search(x)]
    return len(open_ended) > 0.4 * len(body)


#: words set apart by a run of spaces: the columns of a table laid out with spaces
#: ("EWSR1 rearrangement    not present")
COLUMN_GAP = re.compile(r"\S {4,}\S")


#: the start of a list's item ("- ", "• ", "2) ", "(b) "): a line of its own
LIST_ITEM = re.compile(r"\s*(?:[-•*–]|\d{1,2}[.)]|\(?[a-h]\))\s+")
#: a line drawn under a table's header ("-------  -------")
_RULE = re.compile(r"^[-=_–—\s]{3,}$")


def _caps_heading(line: str) -> bool:
    """A short line in capitals ("COMMENT", "WHAT THE SPINE MRI SHOWED"): a heading, never the start of a paragraph
    the next line goes on with ("COMMENT" then "pPNET belongs to ...")."""
    return line.isupper() and len(line.split()) <= 12


def _list_title(line: str, after: str) -> bool:
    """A short capitalised line whose next line starts a list's item: the title of that list ("Molecular addendum"
    above "- diffuse midline glioma, ..."), never the end of the line before."""
    return line[0].isupper() and len(line.split()) <= 10 and not re.search(r"[.!?;:,]\s*$", line) \
        and bool(LIST_ITEM.match(after))


def _lower_start(line: str) -> bool:
    """A line that starts in lower case, also after an opening bracket or quote ("(epithelial cell adhesion ...")."""
    return line[0].islower() or bool(re.match(r"[(\[\"'‘“]\s*[a-z]", line))


def _hangs_under(line: str, nxt: str) -> bool:
    """The next line starts where the text after the last wide gap of this one starts, as a timeline's or a form's
    wrapped entry does, and has no gap of its own."""
    gaps = list(COLUMN_GAP.finditer(line))
    if not gaps or COLUMN_GAP.search(nxt.strip()):
        return False
    column = gaps[-1].end() - 1
    return len(nxt) - len(nxt.lstrip(" ")) == column and column >= 8


def _join_wrapped(text: str) -> str:
    chars = list(text)
    pos = 0
    lines = text.split("\n")
    wrapped = _hard_wrapped(lines)
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        s, n = line.strip(), nxt.strip()
        # (a line indented to where the text column of a "label      text" line starts goes on with that text:
        # "Genetics         Testing identified ... EPCAM" / "                 (epithelial cell adhesion molecule) and")
        hanging = bool(COLUMN_GAP.search(s)) and _hangs_under(line, nxt)
        if s and n and not _ENDS_SENTENCE.search(s) and not _TABLE.search(s) and not _TABLE.search(n) \
                and not _LETTER_HEAD.fullmatch(s) and not (_caps_heading(s) and not _caps_heading(n)) \
                and not (COLUMN_GAP.search(s) and (COLUMN_GAP.search(n) or not (_lower_start(n) or hanging))) \
                and not (COLUMN_GAP.search(n) and not COLUMN_GAP.search(s)) \
                and not _RULE.match(s) and not _RULE.match(n) and not LIST_ITEM.match(n) \
                and not _list_title(n, lines[i + 2] if i + 2 < len(lines) else "") \
                and (_lower_start(n) or hanging or _CONTINUES.search(s) or wrapped and len(s) > 40 and not n.isupper()):
            chars[pos] = " "
        elif s and not n and i + 2 < len(lines) and (after := lines[i + 2].strip()) \
                and (after[0].islower() or after[0] == "(" or (after[0].isdigit() and _CONTINUES.search(s))) \
                and len(s) > 20 and not _ENDS_SENTENCE.search(s) and not _TABLE.search(s) and not _caps_heading(s) \
                and not _TABLE.search(after) and (_CONTINUES.search(s) or after.split()[0].isalpha()
                                                  or after[0] == "("):
            # a sentence a column or page break cut in two paragraphs: "... neither a local" / "" / "recurrence nor"
            # (or "In one published case" / "" / "(World J Clin Cases 2023), for example, ...")
            chars[pos] = chars[pos + 1 + len(nxt)] = " "
        pos += 1
    return "".join(chars)
