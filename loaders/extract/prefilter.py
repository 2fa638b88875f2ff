"""A costly pattern behind a cheap test of the words every match must hold.

Most of the extractor's patterns look for one of a few words ("recurrence", "relapse", "years earlier") and most
sentences hold none of them. Python's ``re`` tries such a pattern at every position of the sentence, slowest of all
when it ignores case. ``needs(pattern, words)`` wraps it: a text in which none of the words occurs (case-folded) is
passed over at once, and any other is searched by the pattern itself, so the answers are the pattern's own. The words
must be what every match holds: tests/loaders/test_prefilter.py checks it over every sentence of the test documents.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator


class Prefiltered:
    """A compiled pattern, searched only in texts holding one of its words (lower case)."""

    __slots__ = ("rx", "words", "cue", "pattern", "flags", "groupindex", "groups")

    def __init__(self, rx: re.Pattern[str], words: tuple[str, ...], cue: re.Pattern[str] | None = None) -> None:
        if not (words or cue) or any(w != w.casefold() or not w for w in words):
            raise ValueError(f"prefilter words must be non-empty and lower case: {words!r}")
        self.rx = rx
        self.words = words
        self.cue = cue
        self.pattern = rx.pattern  # (patterns are composed from each other's sources)
        self.flags = rx.flags
        self.groupindex = rx.groupindex
        self.groups = rx.groups

    def may_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether the text (or its part from pos to endpos) holds one of the words."""
        part = text[pos:endpos] if pos or endpos < len(text) else text
        low = part.casefold()
        for w in self.words:
            if w in low:
                return True
        return self.cue is not None and self.cue.search(part) is not None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.search(text, pos, endpos) if self.may_match(text, pos, endpos) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.match(text, pos, endpos) if self.may_match(text, pos, endpos) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.rx.finditer(text, pos, endpos) if self.may_match(text, pos, endpos) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[object]:
        return self.rx.findall(text, pos, endpos) if self.may_match(text, pos, endpos) else []

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.rx.sub(repl, text, count) if self.may_match(text) else text

    def __repr__(self) -> str:
        return f"needs({self.rx!r}, {self.words!r}, cue={self.cue!r})"


def needs(rx: re.Pattern[str], *words: str, cue: re.Pattern[str] | None = None) -> Prefiltered:
    """rx, searched only where one of the words (lower case) occurs, or a match of cue: a quick pattern (one that
    starts with a set of characters) that every match of rx not holding one of the words also matches."""
    return Prefiltered(rx, words, cue)
