"""The ontology lexicon compiled once into a token matcher; abbreviations a text defines.

Text and names are cut into the same tokens (letters and digits apart, so "S-100", "S100"
and "S 100" are one name), lower-cased, with British spellings folded ("tumour", "haem-",
"oedema") and a possessive "'s" dropped ("Ewing's sarcoma" is "Ewing sarcoma"). A short
all-capital name ("ES", "RT", "ALL") only matches capitals in the text. The matcher finds,
for every kind, the longest names left to right; a plural ("chordomas", "biopsies")
matches its singular.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from spinekg.ontology.lexicon import Lexicon, lexicon

_TOKEN = re.compile(r"[A-Za-z]+(?:['’]s\b)?|\d+|[α-ωΑ-Ω]")
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "λ": "lambda"}
#: Kinds the matcher reads from the lexicon (vertebrae are notation, handled by spinekg.levels).
KINDS = ("tumor_type", "procedure", "marker", "gene", "drug", "regimen", "imaging", "imaging_finding",
         "symptom", "compartment", "status", "pattern", "intent", "response", "margin", "region")
MAX_TOKENS = 10


def fold(token: str) -> str:
    """One token as names and text are compared."""
    hit = _FOLDED.get(token)
    if hit is None:
        if len(_FOLDED) > 50_000:
            _FOLDED.clear()
        hit = _FOLDED[token] = _fold(token)
    return hit


_FOLDED: dict[str, str] = {}  # a document's words recur: each is folded once


def _fold(token: str) -> str:
    t = token.lower()
    if t.endswith(("'s", "’s")):
        t = t[:-2]
    t = _GREEK.get(t, t)
    if len(t) > 4 and t.endswith("our"):
        t = t[:-3] + "or"
    if len(t) > 3:
        t = t.replace("ae", "e").replace("oe", "e")
    return t


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) of a text."""
    get = _FOLDED.get
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        out.append((get(t) or fold(t), *m.span()))
    return out


@functools.lru_cache(maxsize=20_000)
def _singular(t: str) -> tuple[str, ...]:
    return tuple(_singulars(t))


def _singulars(t: str) -> list[str]:
    if len(t) < 4 or not t.endswith("s") or t.endswith(("ss", "us", "is")):
        return []
    out = [t[:-1]]
    if t.endswith("ies"):
        out.insert(0, t[:-3] + "y")
    elif t.endswith("es"):
        out.append(t[:-2])
    return [fold(x) for x in out]


_GRADE_WORDS = {"low", "high", "intermediate"}

_PARTICIPLE = (("ization", "ized"), ("isation", "ised"), ("ation", "ated"), ("ction", "cted"), ("ssion", "ssed"),
               ("sion", "sed"), ("oval", "oved"), ("debulking", "debulked"), ("biopsy", "biopsied"))


#: participles that in case reports mean something else: pain "radiated to the leg" (radiotherapy is "irradiated")
_NOT_PARTICIPLE = frozenset({"radiated"})


def participle(noun: str) -> str | None:
    """The past participle of a procedure noun ("resection" -> "resected", "removal" -> "removed")."""
    for suffix, repl in _PARTICIPLE:
        if noun.endswith(suffix) and (len(noun) > len(suffix) + 2 or noun == suffix):
            return noun[: -len(suffix)] + repl
    return None


def _caps_only(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return bool(letters) and letters.isupper() and len(letters) <= 4 and not re.search(r"\d", name)


@dataclass(frozen=True)
class Mention:
    kind: str
    iri: str
    start: int  # offsets in the document
    end: int
    surface: str
    long_form: str | None = None  # for an abbreviation the text defined: the phrase it stands for


@dataclass
class _Entry:
    kind: str
    iri: str
    caps: bool


class Matcher:
    """Every name of the lexicon's kinds, as token tuples."""

    def __init__(self, lex: Lexicon, kinds: tuple[str, ...] = KINDS) -> None:
        self.lex = lex
        self._recent: dict[tuple[str, int], list[Mention]] = {}  # one document's sentences (see forget())
        self.names: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.prefixes: set[tuple[str, ...]] = set()
        #: the first token of every name (a token that starts none is passed over at once)
        self.starts: set[str] = set()
        self._may_start: dict[str, bool] = {}  # a token -> whether it or its singular starts a name
        #: a procedure's past participle -> the noun it comes from ("resected" -> "resection")
        self.participles: dict[str, str] = {}
        for kind in kinds:
            for iri, term in ((t.iri, t) for t in lex.of_kind(kind)):
                for name in [term.label, *term.synonyms]:
                    self.add(name, kind, iri)
        for iri, term in ((t.iri, t) for t in lex.of_kind("procedure")):
            for name in [term.label, *term.synonyms]:
                toks = [t for t, _, _ in tokens(name)]
                part = participle(toks[0]) if len(toks) == 1 else None
                if part in _NOT_PARTICIPLE:
                    part = None
                if part and (part,) not in self.names:
                    self.add(part, "procedure", iri)
                if part:
                    self.participles.setdefault(part, name.lower())

    def add(self, name: str, kind: str, iri: str) -> None:
        toks = tuple(t for t, _, _ in tokens(name))
        if not toks or len(toks) > MAX_TOKENS:
            return
        if len(toks) == 1 and (len(toks[0]) < 2 or toks[0].isdigit()):
            return  # one letter or a bare number is never a name
        entries = self.names[toks]
        caps = _caps_only(name)
        for e in entries:
            if e.kind == kind and e.iri == iri:
                e.caps = e.caps and caps
                return
        if any(e.kind == kind for e in entries):
            return  # the first term of a kind keeps a shared name
        entries.append(_Entry(kind, iri, caps))
        self.starts.add(toks[0])
        self._may_start.clear()
        for i in range(1, len(toks)):
            self.prefixes.add(toks[:i])

    def find(self, text: str, base: int = 0, extra: dict[tuple[str, ...], list[tuple[str, str, str]]] | None = None,
             ) -> list[Mention]:
        """Longest mentions of every kind in text (offsets shifted by base), left to right."""
        if extra:
            return self._find(text, base, extra)
        key = (text, base)
        hit = self._recent.get(key)
        if hit is None:  # the clinical readers ask again for sentences the extractor has read
            if len(self._recent) > 512:
                self._recent.clear()
            hit = self._recent[key] = self._find(text, base, None)
        return list(hit)

    def _slashed(self, text: str, start: int) -> bool:
        """Is the acronym at start the second half of an unknown one written with a slash ("AT/RT", not "CT/MRI")?"""
        m = _ACRONYM_BEFORE.search(text, max(0, start - 5), start)
        return m is not None and (m.group(1).lower(),) not in self.names

    def _gene_after(self, text: str, end: int) -> bool:
        """Is the acronym hyphenated after a gene symbol another gene ("PLZF-RARA": two genes, not one name), or
        the partner of a fusion the words after name ("SYT-SSX fusion", where the SSX family is no one gene)?"""
        m = _HYPHENED_SYMBOL.match(text, end)
        return m is not None and (any(x.kind == "gene" for x in self.names.get((fold(m.group(1)),), ()))
                                  or _FUSION_WORD_AFTER.match(text, m.end()) is not None)

    def forget(self) -> None:
        """Drop the mentions kept for the document read last."""
        self._recent.clear()

    def _find(self, text: str, base: int, extra: dict[tuple[str, ...], list[tuple[str, str, str]]] | None,
              ) -> list[Mention]:
        toks = tokens(text)
        found: dict[str, list[tuple[int, int, str, str | None, int]]] = defaultdict(list)
        n = len(toks)
        starts, may_start = self.starts, self._may_start
        # every prefix of the text's own abbreviations, whole ones included
        extra_prefixes = {k[:i] for k in extra for i in range(1, len(k) + 1)} if extra else set()
        extra_starts = {k[0] for k in extra_prefixes}
        for i in range(n):
            first = toks[i][0]
            may = may_start.get(first)
            if may is None:
                if len(may_start) > 50_000:
                    may_start.clear()
                may = may_start[first] = first in starts or any(v in starts for v in _singular(first))
            if not may and not (extra_starts and (first in extra_starts
                                                  or any(v in extra_starts for v in _singular(first)))):
                continue  # no name starts here
            key: tuple[str, ...] = ()
            best: dict[str, tuple[int, str, str | None, int]] = {}
            j = i - 1
            while j + 1 < min(n, i + MAX_TOKENS + 2):
                j += 1
                tok = toks[j][0]
                # a grade inside a name is read past: "NTRK-rearranged low-grade spindle cell sarcoma" names the
                # NTRK-rearranged spindle cell sarcoma (the grade stays in the surface, where the grade is read)
                if key and tok in _GRADE_WORDS and j + 2 < n and toks[j + 1][0] == "grade" \
                        and (*key, tok) not in self.prefixes \
                        and any((*key, v) in self.prefixes or (*key, v) in self.names
                                for v in (toks[j + 2][0], *_singular(toks[j + 2][0]))):
                    j += 1
                    continue
                hits: list[tuple[str, str, str | None]] = []
                strip = 0
                for variant in (tok, *_singular(tok)):
                    k = (*key, variant)
                    for e in self.names.get(k, ()):
                        if e.caps and (not _caps_surface(text[toks[i][1]:toks[j][2]])
                                       or (_COMPOUND_ACRONYM.match(text, toks[j][2])
                                           and not (e.kind == "gene" and self._gene_after(text, toks[j][2])))
                                       or self._slashed(text, toks[i][1])
                                       or _STAGE_BEFORE.search(text, max(0, toks[i][1] - 12), toks[i][1])):
                            continue
                        hits.append((e.kind, e.iri, None))
                    if extra:
                        for kind, iri, long_form in extra.get(k, ()):
                            if text[toks[i][1]:toks[j][2]] == long_form.split("\x00")[0]:
                                hits.append((kind, iri, long_form.split("\x00")[1]))
                    if hits:
                        strip = _plural_letters(tok, variant)
                        break
                for kind, iri, lf in hits:
                    best[kind] = (j, iri, lf, strip)
                key = (*key, tok)
                if key not in self.prefixes and key not in extra_prefixes:
                    break
            for kind, (j, iri, lf, strip) in best.items():
                if _glued(text, toks[i][1], toks[j][2]):
                    continue  # "MAP" inside "MAP2K1", "CK" inside "CK7": part of a longer symbol
                if _NON_BEFORE.search(text, max(0, toks[i][1] - 4), toks[i][1]):
                    continue  # "Hodgkin lymphoma" in "non-Hodgkin lymphoma" names the opposite
                found[kind].append((toks[i][1], toks[j][2], iri, lf, strip))
        out: list[Mention] = []
        for kind, cands in found.items():
            last_end = -1
            for c_start, c_end, iri, lf, strip in sorted(cands, key=lambda c: (c[0], -c[1])):
                if c_start < last_end:
                    continue
                surface = text[c_start:c_end]
                if strip:  # a plural names the singular term: "tumours" -> "tumour", "biopsies" -> "biopsy"
                    surface = surface[:-3] + "y" if strip == 3 else surface[:-strip]
                out.append(Mention(kind, iri, base + c_start, base + c_end, surface, lf))
                last_end = c_end
        out.sort(key=lambda m: (m.start, -m.end))
        return out


def _plural_letters(tok: str, variant: str) -> int:
    """How many letters of a plural surface to drop (3 means 'ies' -> 'y')."""
    if variant == tok:
        return 0
    if tok.endswith("ies") and variant.endswith("y"):
        return 3
    return 2 if tok.endswith("es") and len(variant) <= len(tok) - 2 else 1


def _glued(text: str, start: int, end: int) -> bool:
    """Whether a match runs on into letters or digits written against it (a letter-digit seam, no separator)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isalnum() and before.isdigit() != text[start].isdigit()) or (
        after.isalnum() and after.isdigit() != text[end - 1].isdigit())


_NON_BEFORE = re.compile(r"\bnon-$", re.IGNORECASE)
#: an acronym hyphenated to another is one name: "RT" in "RT-PCR" is not radiotherapy
_COMPOUND_ACRONYM = re.compile(r"[-–][A-Z]{2,}\b")
_HYPHENED_SYMBOL = re.compile(r"[-–]([A-Z][A-Z0-9]{1,9})\b")
_FUSION_WORD_AFTER = re.compile(r"[\s-]*(?:gene\s+)?(?:fusion|rearrangement|translocation|chimer|transcript)",
                                re.IGNORECASE)
#: ... or the second half of one written with a slash: the "RT" of "AT/RT" (atypical teratoid/rhabdoid tumour)
_ACRONYM_BEFORE = re.compile(r"\b([A-Z]{1,3})/$")
#: a capital code after "stage" is a stage ("stage IE", "stage IIB"), not an acronym ("IE" chemotherapy)
_STAGE_BEFORE = re.compile(r"\bstages?\s+$", re.IGNORECASE)


def _caps_surface(s: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", s)
    return letters.isupper()


@functools.lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    """The matcher of the shipped ontology (built once per process)."""
    return Matcher(lexicon())


_ABBR = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-]{0,9}?)s?\s*[),;]")


def abbreviations(text: str, base: int, mentions: list[Mention]) -> dict[tuple[str, ...], list[tuple[str, str, str]]]:
    """Abbreviations a sentence defines ("total en bloc spondylectomy (TES)") for a mention just before them.

    Returns token key -> [(kind, iri, "ABBR\\x00long form")], for Matcher.find(extra=...).
    """
    out: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    for m in _ABBR.finditer(text):
        abbr = m.group(1)
        if sum(c.isupper() for c in abbr) < 2:
            continue
        before = base + m.start()
        for men in mentions:
            # the abbreviation may take in a modifier said before the term: "metastatic paraganglioma (MPG)"
            lead = re.findall(r"[A-Za-z]+", text[max(0, men.start - base - 30):max(0, men.start - base)])[-2:]
            if men.long_form is None and 0 <= before - men.end <= 2 and (
                    _initials_fit(abbr, men.surface) or _initials_fit(abbr, " ".join([*lead, men.surface]))):
                key = tuple(t for t, _, _ in tokens(abbr))
                out.setdefault(key, []).append((men.kind, men.iri, f"{abbr}\x00{men.surface}"))
    return out


def _initials_fit(abbr: str, phrase: str) -> bool:
    """Whether an abbreviation's first letter starts some word of the phrase (a loose check)."""
    words = re.findall(r"[A-Za-z]+", phrase)
    return bool(words) and abbr[0].lower() in {w[0].lower() for w in words}
