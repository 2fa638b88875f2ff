"""Marker lists the lexicon does not fully know, and the polarity cues of a clause.

A token in a list after a polarity cue ("negative for Demin and SOX-10"), or between two listed
markers ("CD45, TdT and cytokeratin", "SOX10-, PR-, SSTR2A-"), is kept as the text writes it.
"""

from __future__ import annotations

import re

_POS_PRE = re.compile(
    r"\b(?:(?:positiv(?:e|ity)|immunopositiv\w*|reactiv\w*|immunoreactiv\w*)\s+(?:staining\s+|expression\s+)?(?:for"
    r"|of|to|with)"
    r"|(?:over)?express(?:ed|ion\s+of|ing)|stain(?:ed|ing)?\s+(?:\w+\s+){0,3}?(?:for|with)|labell?ed\s+(?:for|with)"
    r"|highlighted\s+by"
    # "The cells also carried the myeloid antigens CD13, CD33 and HLA-DR"
    r"|(?:carried|bore|displayed)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:antigens?|markers?|molecules?)"
    r"|retained|preserved|showed\s+(?:\w+\s+)?positivity\s+for|positive)\b", re.IGNORECASE)
_NEG_PRE = re.compile(
    r"\b(?:negativ(?:e|ity)\s+(?:staining\s+)?(?:for|of|to|with)|no\s+(?:\w+\s+){0,3}?(?:staining|expression|"
    r"immunoreactivity"
    r"|reactivity|positivity)\s+(?:\w+\s+){0,3}?(?:for|of|with|to)|not\s+(?:express\w*|stain\w*|reactive)"
    r"|lack(?:ed|ing|s)?\s+(?:of\s+)?(?:expression\s+(?:of|for)\s+)?|loss\s+of(?:\s+(?:nuclear\s+)?expression\s+of)?"
    r"|absence\s+of|without|negative)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[;.]\s|\b(?:whereas|but|while|although|however)\b|,\s*(?:and\s+)?(?:the|results?)\b",
                     re.IGNORECASE)
_TOKEN_MARKER = re.compile(r"^[A-Za-z][A-Za-z0-9\-.]{1,14}$")
_NOT_MARKER = {"the", "tumor", "tumour", "cells", "cell", "staining", "stain", "markers", "marker", "results", "both",
               "all", "also", "was", "were", "tissue", "neoplastic", "nuclear", "cytoplasmic", "membranous", "focal",
               "diffuse", "strong", "weak", "others", "other", "antibodies", "immunohistochemistry", "them"}


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in _CLAUSE.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _add_unknown(text: str, items: list[tuple[int, int, str, str | None]]) -> list[tuple[int, int, str, str | None]]:
    """Tokens in a marker list after a polarity cue that the lexicon does not know ("negative for Demin and SOX-10")."""
    out = list(items)
    for cue in list(_POS_PRE.finditer(text)) + list(_NEG_PRE.finditer(text)):
        if not cue.group().lower().endswith(("for", "of", "with", "to")):
            continue
        _, clause_end = _clause_bounds(text, cue.end())
        pos = cue.end()
        segment = text[pos:clause_end]
        known = [it for it in items if pos <= it[0] < clause_end]
        if not known:
            continue  # a list is only trusted when the lexicon knows one of its members
        for piece in re.finditer(r"[^,]+", segment):
            for sub in re.finditer(r"(?:(?<=\s)|^)(?:and\s+|or\s+)?([^\s()][^()]*?)\s*(?:\([^()]*\))?\s*(?=\band\b|"
                                   r"\bor\b|$)",
                                   piece.group()):
                word = sub.group(1).strip().rstrip(".")
                a = pos + piece.start() + sub.start(1)
                if not word:
                    continue
                if any(it[0] <= a < it[1] or a <= it[0] < a + len(word) for it in out):
                    continue
                if _TOKEN_MARKER.match(word) and word.lower() not in _NOT_MARKER and _marker_like(word):
                    out.append((a, a + len(word), word, None))
                else:
                    break
            else:
                continue
            break
    return _sandwiched(text, sorted(out))


def _marker_like(word: str) -> bool:
    return word[0].isupper() or bool(re.match(r"^[a-z]{1,2}\d", word))


_BETWEEN_KNOWN = re.compile(r"^(?:\s*\([^()]{0,60}\)|[+\-−]{1,3})?\s*,\s*([A-Za-z][A-Za-z0-9\-.]{0,13}[A-Za-z0-9])\s*"
                            r"(?:[+\-−]{1,3}\s*)?(?:,|\band\b|\bor\b)\s*$")


def _sandwiched(text: str, items: list[tuple[int, int, str, str | None]]) -> list[tuple[int, int, str, str | None]]:
    """A token the lexicon does not know between two listed markers ("CD45, TdT and cytokeratin"), or closing a
    list of known markers before the list's result ("CK, S-100 and HHV-8 were negative")."""
    out = list(items)
    for a, b in zip(items, items[1:], strict=False):
        m = _BETWEEN_KNOWN.match(text[a[1]:b[0]])
        if m and m.group(1).lower() not in _NOT_MARKER and _marker_like(m.group(1)):
            out.append((a[1] + m.start(1), a[1] + m.end(1), m.group(1), None))
    if items:
        last = items[-1]
        m = _LAST_BEFORE_RESULT.match(text[last[1]:])
        if m and m.group(1).lower() not in _NOT_MARKER and _marker_like(m.group(1)):
            out.append((last[1] + m.start(1), last[1] + m.end(1), m.group(1), None))
    return sorted(out)


#: the last member of a list, after a known marker and "and"/"or", right before the list's copula and result
_LAST_BEFORE_RESULT = re.compile(r"^(?:\s*\([^()]{0,60}\))?\s*,?\s*(?:and|or)\s+([A-Za-z][A-Za-z0-9\-.]{0,13}"
                                 r"[A-Za-z0-9])\s+(?=(?:was|were|are|is)\s+(?:all\s+|both\s+|also\s+)?"
                                 r"(?:(?:strongly|diffusely|focally|weakly|uniformly|completely)\s+)?"
                                 r"(?:positive|negative)\b)", re.IGNORECASE)
