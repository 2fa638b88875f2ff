"""The patient (age, sex) and the publication (title, DOI, year, journal, authors) a report states.

>>> age_sex(["A 25-year-old female presented with back pain."])[:2]
(25, 'female')
>>> age_sex(["A twenty-month-old boy was brought in."])[:2]
(1.67, 'male')
>>> age_sex(["A woman in her sixties had pain."])[:2]
(None, 'female')
"""

from __future__ import annotations

import re

from spinekg.loaders.extract.numwords import NUMBER, to_number
from spinekg.loaders.extract.sentences import AGE_FOUND_AT, AGE_OF, AGED, PATIENT_CODE

_AGE = [
    (re.compile(rf"\b(?P<n>{NUMBER})[\s-]*(?P<u>year|yr|month|week|day)s?[\s-]*old\b", re.I)),
    AGED,
    AGE_OF,
    (re.compile(r"\b(?P<n>\d{1,3})\s*(?P<u>years?|yrs?)\s+of\s+age\b", re.I)),
    # an infant's age when the tumour was found: "diagnosed with medulloblastoma at 2 months of age" (not "At 17
    # months of age she was crawling", a later visit)
    (re.compile(r"\b(?:diagnosed|presented|found|detected|noticed|admitted|referred)\b[^.;]{0,60}?\bat\s+"
                r"(?P<n>\d{1,3})\s*(?P<u>months?|weeks?|days?)\s+of\s+age\b", re.I)),
    (re.compile(r"\b(?P<n>\d{1,3})\s*-?\s*(?:y/?o|yo)\b", re.I)),
    # a table's "48 / male", "40/F"
    (re.compile(r"(?:^|\|\s*|\t)(?P<n>\d{1,3})\s*(?:y(?:ears?|rs?)?\.?)?\s*/\s*(?:male|female|M|F)\b")),
    # the age cell of a patient's row: "Patient 1 | 14 years | ..."
    (re.compile(r"^\W{0,3}(?:patient|case|pt)\.?\s*\d{1,2}\s*[|\t]\s*(?P<n>\d{1,3})\s*(?P<u>years?|yrs?|months?)?\s*"
                r"(?:[|\t]|$)", re.I)),
    # a field of a table: "| Age at presentation | 16 years |", "Age: 16 years"
    (re.compile(r"\bage(?:\s+at\s+(?:presentation|diagnosis|surgery|onset))?\s*(?:\(\w+\))?\s*[|:]\s*(?P<n>\d{1,3})"
                r"\s*(?P<u>years?|yrs?|months?)?\b", re.I)),
    # "a woman of 41", "a man of 62 years"
    (re.compile(r"\b(?:woman|man|girl|boy|lady|gentleman|female|male|patient)\s+of\s+(?P<n>\d{1,3})"
                r"(?:\s*(?P<u>years?|months?))?\b(?!\s*(?:%|cm|mm|kg|gy|patients|cases))", re.I)),
    (re.compile(r"\b(?P<n>\d{1,3})\s*(?:years?|y)\s*,?\s*(?:female|male|woman|man|F|M)\b")),
    # the sex first in a field: "Decedent: female, 67 years", "Patient: male, 12 yrs"
    (re.compile(r":\s*(?:(?:adolescent|adult|young|elderly|older|teenage|little)\s+)?(?:female|male|woman|man|girl|boy)"
                r"\s*,\s*(?P<n>\d{1,3})\s*(?P<u>years?|yrs?|months?)\b", re.I)),
    PATIENT_CODE,  # "Pt: 47M"
    AGE_FOUND_AT,  # "who was found, at 69, to have SM"
]
#: a newborn: "a newborn girl", "a female new-born", "a neonate", "a baby girl seen in the newborn period": aged 0
_NEWBORN = re.compile(r"\b(?:an?|the|this|our)\s+(?:(?:female|male|term|preterm|premature)\s+)?(?:new-?born|neonate)\b"
                      r"|\bnew-?born\s+(?:girl|boy|infant|baby|son|daughter)\b"
                      r"|\b(?:girl|boy|baby|infant)\b[^.;]{0,40}?\b(?:in|during)\s+the\s+(?:new-?born|neonatal)\s+period\b"
                      # "Patient: male, born at term; presented in the neonatal period"
                      r"|\bpresent(?:ed|ing)\s+(?:in|during)\s+the\s+(?:new-?born|neonatal)\s+period\b"
                      # the tumour found before or at birth: "detected antenatally", "a mass ... was present at birth"
                      r"|\b(?:detected|found|diagnosed|seen|noted|identified)\s+(?:\w+\s+){0,2}?(?:antenatally|prenatally"
                      r"|in\s+utero|before\s+birth)\b|\b(?:tumou?r|mass|lesion|swelling)\b[^.;]{0,60}?\bpresent\s+at\s+birth\b",
                      re.I)
_FEMALE = re.compile(r"\b(?:woman|female|girl|lady|mother|wife|daughter|pregnan\w*|primigravida|she)\b", re.I)
_MALE = re.compile(r"\b(?:man|male|boy|gentleman|father|husband|son|he)\b", re.I)
_AGE_SEX_LETTER = re.compile(r"\b\d{1,3}\s*-?\s*(?:y/?o|yo|y|yrs?)\.?\s*,?\s*(?-i:([FM]))\b", re.I)
_SEX_NOUN_F = re.compile(r"\b(?:woman|female|girl|lady)\b", re.I)
_SEX_NOUN_M = re.compile(r"\b(?:man|male|boy|gentleman)\b", re.I)
_PRONOUN_F = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
_PRONOUN_M = re.compile(r"\b(?:he|his|him|himself)\b", re.I)


def age_sex(sentences: list[str]) -> tuple[float | int | None, str | None, int | None]:
    """(age in years, sex, index of the sentence that gave the age) from the case's sentences."""
    age: float | int | None = None
    where = None
    for i, s in enumerate(sentences):
        for rx in _AGE:
            m = rx.search(s)
            if not m:
                continue
            n = to_number(m.group("n"))
            if n is None:
                continue
            unit = (m.groupdict().get("u") or "year").lower()
            if unit.startswith("month"):
                v = round(n / 12, 2)
            elif unit.startswith("week"):
                v = round(n / 52.18, 2)
            elif unit.startswith("day"):
                v = round(n / 365.25, 2)
            else:
                v = n
            if 0 <= v <= 120:
                age, where = (int(v) if v == int(v) else v), i
                break
        if age is None and _NEWBORN.search(s):
            age, where = 0, i
        if age is not None:
            break
    sex = None
    code = PATIENT_CODE.search(sentences[where]) if where is not None else None
    if code:
        return age, "female" if code.group("sex") == "F" else "male", where
    # a clinic note's "60 y/o F", "45yo M", "52 y F"
    letter = _AGE_SEX_LETTER.search(sentences[where]) if where is not None else None
    if letter:
        return age, "female" if letter.group(1) == "F" else "male", where
    # the sentence introducing the patient, then the whole case: nouns first, pronouns as a fallback
    ordered = ([sentences[where]] if where is not None else []) + sentences
    for s in ordered:
        f, m = _SEX_NOUN_F.search(s), _SEX_NOUN_M.search(s)
        if f and (not m or f.start() < m.start()):
            sex = "female"
            break
        if m:
            sex = "male"
            break
    if sex is None:
        text = " ".join(sentences)
        nf, nm = len(_PRONOUN_F.findall(text)), len(_PRONOUN_M.findall(text))
        if nf > nm:
            sex = "female"
        elif nm > nf:
            sex = "male"
    return age, sex, where


#: a DOI as reports and PDFs print it (the closing punctuation of a sentence left out)
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s,;\"'<>]+[^\s,;.\"'<>)\]])")
_TITLE = re.compile(r"^\s*title\s*:\s*(.+?)\s*$", re.I | re.M)
_YEAR = re.compile(r"^\s*(?:published|publication\s+date|date)\s*:\s*.*?\b((?:19|20)\d{2})\b", re.I | re.M)
_JOURNAL = re.compile(r"^\s*journal\s*:\s*(.+?)\s*$", re.I | re.M)
_AUTHORS = re.compile(r"^\s*authors?\s*:\s*(.+?)\s*$", re.I | re.M)
_URL = re.compile(r"^\s*(?:url|source|link)\s*:\s*(https?://\S+)", re.I | re.M)


def source(text: str) -> dict[str, object]:
    """Publication metadata stated in the text (fields it does not state are None)."""
    head = text[:200_000]
    out: dict[str, object] = {}
    doi = DOI.search(head)
    if doi:
        out["doi"] = doi.group(1)
    for key, rx in (("title", _TITLE), ("journal", _JOURNAL), ("url", _URL)):
        m = rx.search(head)
        if m:
            out[key] = m.group(1)[:1000]
    y = _YEAR.search(head)
    if y:
        out["year"] = int(y.group(1))
    a = _AUTHORS.search(head)
    if a:
        out["authors"] = [x.strip() for x in re.split(r",|;|\band\b", a.group(1)) if x.strip()][:50]
    return out
