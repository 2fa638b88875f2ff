"""Relative times in a sentence: "three months later", "after 2 weeks", "at 6 months postoperatively".

Each expression keeps its text and, where the number can be read, the months it states and what
they are counted from: the event it names ("one year after surgery" -> ``surgery``; "after
diagnosis" -> ``presentation``), or, for a bare "three months later" / "after 2 weeks", the
``previous event`` of the narrative (for an intervention: the intervention before it, or the
presentation for the first one). Months are not summed along the narrative: a record keeps what
the text states, and a reader can chain them.

>>> [(t.text, t.months, t.relative_to) for t in find("Three months later, she underwent surgery.")]
[('Three months later', 3, 'previous event')]
>>> [(t.text, t.months, t.relative_to) for t in find("MRI at 6 months postoperatively was clear.")]
[('at 6 months postoperatively', 6, 'surgery')]
>>> [(t.months, t.relative_to) for t in find("One year after the en bloc resection, it recurred.")]
[(12, 'surgery')]
>>> find("A 6-year-old boy; at 3 years of age he fell.")
[]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spinekg.loaders.extract.numwords import NUMBER, months, to_number

_UNIT = r"(?P<u>days?|weeks?|months?|years?|yrs?|mos?)\b"
_ANY_UNIT = re.compile(r"(?:day|week|month|year|yr|mo)s?\b", re.I)
_NUM = rf"(?P<n>{NUMBER}|several|a\s+few|few)"
_APPROX = (r"(?:(?:about|approximately|approx\.|around|nearly|almost|over|some|roughly|more\s+than|less\s+than"
           r"|only|just|another|a\s+further|further)\s+)?")
_AMOUNT = rf"{_APPROX}{_NUM}[\s-]+{_UNIT}(?!\s+(?:of\s+age|old)\b)(?![\s-]+old\b)"

_SURGERY = (r"surgery|surgeries|operation|operative\s+\w+|resection|excision|laminectomy|laminoplasty|corpectomy"
            r"|spondylectomy|vertebrectomy|sacrectomy|decompression|fixation|instrumentation|fusion|curettage"
            r"|procedure|kyphoplasty|vertebroplasty|surgical\s+\w+")
_RADIO = r"radiotherapy|radiation(?:\s+therapy)?|irradiation|radiosurgery|sbrt|srs|rt|proton\s+\w+|carbon[\s-]ion\s+\w+"
_CHEMO = r"chemotherapy|chemo|cycles?"
_PRESENT = r"presentation|diagnosis|admission|onset|initial\s+symptoms|symptom\s+onset|first\s+visit|referral"
_TREAT = r"treatment|therapy|initiation|starting\s+\w+|the\s+start"
_BIOPSY = r"biopsy"
_ANCHORS = (("surgery", _SURGERY), ("radiotherapy", _RADIO), ("chemotherapy", _CHEMO), ("presentation", _PRESENT),
            ("biopsy", _BIOPSY), ("treatment", _TREAT))
_ANCHOR_RE = "|".join(f"(?:{rx})" for _, rx in _ANCHORS)
_ANCHOR = (r"(?P<a>(?:(?:the|his|her|their|initial|first|second|index|primary|definitive|last|previous|prior"
           rf"|this|that|adjuvant|en|bloc|total|partial|[\w-]+)\s+){{0,3}}?(?:{_ANCHOR_RE}))\b")
_POSTOP = r"post-?\s?operatively|post-?\s?operative(?:\s+period)?|post-?\s?surgery|after\s+(?:the\s+)?surgery"

_PATTERNS = [
    # "6 months postoperatively", "one year after the resection", "2 weeks following radiotherapy"
    (re.compile(rf"(?:\b(?:at|by|about|around)\s+)?\b{_AMOUNT}\s+(?:{_POSTOP})\b", re.I), "surgery"),
    (re.compile(rf"(?:\b(?:at|by)\s+)?\b{_AMOUNT}\s+(?:after|following|post|from|since)\s+{_ANCHOR}", re.I), None),
    # "three months later", "a year thereafter"
    (re.compile(rf"\b{_AMOUNT}\s+(?:later|thereafter|afterwards?|subsequently)\b", re.I), "previous event"),
    # "after 2 weeks", "at 18 months"
    (re.compile(rf"\b(?:after|following|within|at|by)\s+(?:a\s+period\s+of\s+)?{_AMOUNT}(?!\s+of\b)", re.I),
     "previous event"),
]


@dataclass(frozen=True)
class RelTime:
    text: str
    start: int  # offsets in the sentence
    end: int
    months: float | int | None
    relative_to: str

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "months": self.months, "relative_to": self.relative_to}


def anchor_of(words: str) -> str:
    """The kind of event a phrase names ("the en bloc resection" -> 'surgery')."""
    w = words.lower()
    for name, rx in _ANCHORS:
        if re.search(rf"\b(?:{rx})\b", w):
            return name
    return "previous event"


def find(sentence: str) -> list[RelTime]:
    """The relative times of a sentence, left to right, none overlapping."""
    return list(_find(sentence))


def clear() -> None:
    """Forget the times of the sentences read so far."""
    _find.cache_clear()


@functools.lru_cache(maxsize=1024)
def _find(sentence: str) -> tuple[RelTime, ...]:
    # the clinical readers ask for the same sentence's times several times over (neurology, complications, ...)
    found: list[RelTime] = []
    if not _ANY_UNIT.search(sentence):
        return ()  # every expression names a unit of time
    for rx, anchor in _PATTERNS:
        for m in rx.finditer(sentence):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            value = to_number(re.sub(r"\s+", " ", m.group("n")))
            mo = months(value, m.group("u")) if value is not None else None
            rel = anchor or anchor_of(m.group("a"))
            found.append(RelTime(m.group().strip(), m.start(), m.end(), mo, rel))
    return tuple(sorted(found, key=lambda t: t.start))


def nearest(times: list[RelTime], pos: int, limit: int | None = None) -> RelTime | None:
    """The time expression that best dates a mention at ``pos``: the last one before it, else the first after
    it (before ``limit``, where the next mention starts)."""
    before = [t for t in times if t.start <= pos]
    if before:
        return before[-1]
    after = [t for t in times if t.start > pos and (limit is None or t.start < limit)]
    return after[0] if after else None
