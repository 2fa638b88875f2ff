"""Numbers written as words or digits, and durations in months.

>>> to_number("twenty-three"), to_number("11th"), to_number("eleventh"), to_number("2.5")
(23, 11, 11, 2.5)
>>> months(5, "years"), months(2, "weeks")
(60, 0.46)
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20,
}
OTHER = {"a": 1, "an": 1, "a single": 1, "single": 1, "half a": 0.5, "one and a half": 1.5, "a couple of": 2,
         "several": None, "few": None}

_word = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_ord = "|".join(sorted(ORDINALS, key=len, reverse=True))
#: A number: digits (with decimals), a word number ("twenty-three", "one hundred"), "a"/"an".
NUMBER = (rf"(?:\d{{1,4}}(?:[.,]\d{{1,3}})?|(?:(?:{_word})(?:[\s-](?:{_word}))?(?:\s+hundred)?)"
          rf"|(?:{_word}|\d{{1,2}}) and a half|half an?|an?)")
#: An ordinal: "11th", "eleventh", "twenty-first".
ORDINAL = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|(?:(?:{'|'.join(TENS)})[\s-])?(?:{_ord}))"

_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
_ORD_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def to_number(text: str) -> float | int | None:
    """The value of a number or ordinal in digits or words, or None."""
    t = text.strip().lower()
    if not t:
        return None
    if _DIGITS.match(t):
        t = t.replace(",", ".")
        return float(t) if "." in t else int(t)
    m = _ORD_DIGITS.match(t)
    if m:
        return int(m.group(1))
    if t in OTHER:
        return OTHER[t]
    if t.startswith("half a"):
        return 0.5
    if t.endswith(" and a half"):  # "two and a half", "3 and a half"
        whole = to_number(t[: -len(" and a half")])
        return whole + 0.5 if whole is not None else None
    total = 0
    seen = False
    for part in re.split(r"[\s-]+", t):
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        elif part in ORDINALS:
            total += ORDINALS[part]
        elif part == "hundred":
            total = (total or 1) * 100
        elif part == "and":
            continue
        else:
            return None
        seen = True
    return total if seen else None


_UNIT_MONTHS = {"day": 1 / 30.4375, "week": 7 / 30.4375, "month": 1.0, "year": 12.0, "yr": 12.0, "mo": 1.0}


def months(value: float | int, unit: str) -> float | int:
    """A duration in months (rounded to 0.01; whole numbers stay whole)."""
    u = unit.lower().rstrip("s")
    u = {"yr": "year", "mo": "month", "mth": "month"}.get(u, u)
    m = value * _UNIT_MONTHS.get(u, 1.0)
    r = round(m, 2)
    return int(r) if r == int(r) else r
