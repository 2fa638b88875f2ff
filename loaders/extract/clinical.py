"""Neurological status, complications and relative times of a case.

- Neurological status: Frankel and ASIA (AIS) grades A-E, including "improved from Frankel C to E";
  MRC muscle strength ("grade 3/5", "4+/5 strength", "MRC grade 4"); intact ("neurologically
  intact", "no neurological deficit") or a deficit. Each with when it was assessed
  (``presentation``, ``postoperative``, ``follow-up``) from the words around it, or, with no cue,
  ``presentation`` when the sentence comes before the first treatment.
- Complications: the ontology's complication classes (labels and skos:altLabel synonyms), unless
  negated, hedged or preventive ("DVT prophylaxis"), each linked to the intervention the sentence
  says it followed (by naming it or its kind: "postoperatively", "after radiotherapy"). "Without
  complications" / "uneventful" marks that intervention's course as uneventful.
- Relative times (``spinekg.loaders.extract.timing``) on interventions, complications, assessments
  and the recurrence.

>>> [(n["scale"], n["grade"], n["assessed"]) for n in neuro([("On admission she was Frankel C.", 0)], 99)]
[('frankel', 'C', 'presentation')]
>>> [(n["scale"], n["grade"]) for n in neuro([("Hip flexion was 3/5 bilaterally.", 0)], 99)]
[('mrc', '3')]
>>> [n["intact"] for n in neuro([("He had no neurological deficit.", 0)], 99)]
[True]
"""

from __future__ import annotations

import re
from typing import Any

from spinekg.loaders.extract import negation, timing
from spinekg.loaders.extract.lexmatch import Matcher
from spinekg.loaders.extract.prefilter import needs
from spinekg.ontology.lexicon import Lexicon

Sent = tuple[str, int]  # text, start offset in the document

_LETTER = (r"(?P<g1>[A-E])\b(?:\s*\)?\s*(?:to|→|->|–|into|and\s+then)\s+(?:(?:Frankel|ASIA|AIS)\s+)?(?:grade\s+)?"
           r"(?P<g2>[A-E])\b)?")
_FRANKEL = re.compile(r"\b(?i:Frankel)(?i:\s+(?:grade|class|classification|score|scale|type|status))*"
                      r"\s*(?i:was|of|is|:|=)?\s*\(?"
                      + _LETTER)
_ASIA = re.compile(r"\b(?:ASIA|AIS)(?i:\s+(?:impairment\s+scale|impairment|grade|scale|score|class)"
                   r"|\s*\((?:AIS|ASIA)\))*"
                   r"\s*(?i:was|of|is|:|=)?\s*\(?" + _LETTER)
_FROM = re.compile(r"\bfrom\s+(?:(?:Frankel|ASIA|AIS)\s+)?(?:grade\s+)?$", re.I)
_MRC_FRACTION = re.compile(r"(?<![\d/.])(?P<g>[0-5][+-]?)\s*/\s*5\b(?!\s*/|\.\d)")
_MRC_WORD = re.compile(r"\bMRC(?:\s+(?:scale|grade|score))*\s*(?:of\s+)?(?P<g>[0-5][+-]?)(?![\d/.])"
                       r"|\b(?:strength|power)\s+(?:\w+\s+){0,2}?grade\s+(?P<h>[0-5][+-]?)"
                       r"(?![\d/.]|\s*(?:cm|mm|%))", re.I)
_MOTOR_CUE = needs(re.compile(
    r"strength|power|motor|weak|\bMRC\b|muscle|pares|plegi|flex|extens|limb|\blegs?\b|\barms?\b"
    r"|\bhip|knee|ankle|hand|grip|foot|feet|toe|deltoid|biceps|triceps|quadriceps|psoas|dorsi",
    re.I),
    "strength", "power", "motor", "weak", "mrc", "muscle", "pares", "plegi", "flex", "extens", "limb",
    "leg", "arm", "hip", "knee", "ankle", "hand", "grip", "foot", "feet", "toe", "deltoid", "biceps",
    "triceps", "quadriceps", "psoas", "dorsi")
_NEURO = r"neurologic(?:al)?(?:ally)?"
_INTACT = needs(re.compile(
    rf"\b{_NEURO}\s+(?:intact|normal|unremarkable)\b|\b(?:no|without(?:\s+any)?)\s+(?:(?:focal|obvious|significant|major"
    rf"|apparent|residual|motor|sensory|or|and|other)\s+){{0,3}}{_NEURO}\s+(?:deficits?|impairment|signs|symptoms"
    rf"|abnormalit\w+|dysfunction)|\b{_NEURO}\s+(?:examination|exam|status|function|findings)\s+(?:was|were|remained|is)"
    rf"\s+(?:\w+\s+)?(?:normal|intact|unremarkable)|\bnormal\s+{_NEURO}\s+(?:examination|exam|status|function)"
    rf"|\b(?:complete|full)\s+{_NEURO}\s+recovery|\b{_NEURO}\s+(?:deficits?|symptoms)\s+(?:\w+\s+){{0,2}}?"
    r"(?:resolved|disappeared|recovered\s+(?:completely|fully))", re.I),
    "neurologic")
_NOT_INTACT_QUAL = re.compile(r"\b(?:new|further|additional|worsening|worsened|progressive|deteriorat\w*)"
                              r"\s+(?:\w+\s+)?$",
                              re.I)
_DEFICIT = re.compile(rf"\b{_NEURO}\s+(?:deficits?|impairment|deterioration|dysfunction)\b", re.I)
_CHANGED = re.compile(r"\s+(?:\w+\s+){0,2}?(?:recovered|resolved|improved|disappeared|regressed)\b", re.I)
_PREVENT = re.compile(r"\b(?:risk|risks|prevent\w*|prophyla\w*|avoid\w*|minimi[sz]\w*|reduc\w*|chance|rate|incidence"
                      r"|concern|danger|potential)\b[^.;]{0,40}$", re.I)

_FOLLOW_CUE = re.compile(r"\bfollow[- ]?ups?\b|\b(?:months?|years?)\s+(?:later|after|post)|\bat\s+(?:\w+\s+){0,2}"
                         r"(?:months?|years?)\b|\blast\s+(?:visit|review)|\bcurrently\b|\bat\s+present\b", re.I)
_POSTOP_CUE = re.compile(r"\bpost-?\s?operative(?:ly)?|\bpost-?\s?surgery"
                         r"|\b(?:after|following)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
                         r"(?:surgery|operation|resection|decompression|procedure|excision|fixation|intervention)"
                         r"|\b(?:at|on|upon)\s+discharge|\bimmediately\s+after", re.I)
_PRESENT_CUE = re.compile(r"\b(?:at|on|upon)\s+(?:initial\s+|first\s+)?(?:presentation|admission|diagnosis|arrival)"
                          r"|\bpresent(?:ed|ing|ation)\b|\badmitted\b|\bpre-?\s?operative(?:ly)?|\bbefore\s+(?:the\s+)?"
                          r"(?:surgery|operation|treatment)|\binitially\b"
                          r"|\binitial\s+(?:examination|presentation|assessment|evaluation|visit)", re.I)

_SURGERY_CUE = re.compile(r"\bpost-?\s?operative(?:ly)?|\bpost-?\s?surgery|\bintra-?\s?operative(?:ly)?"
                          r"|\bsurg\w*|\boperat\w*"
                          r"|\bresection|\bexcision|\bwound|\binstrumentation|\bfixation|\bfusion|\bscrews?\b|\bimplant",
                          re.I)
_RADIO_CUE = re.compile(r"\bradiat\w*|\bradiotherap\w*|\birradiat\w*|\bradiosurg\w*|\bSBRT\b|\bproton"
                        r"|\bcarbon[- ]ion", re.I)
_CHEMO_CUE = re.compile(r"\bchemotherap\w*|\bcycles?\b", re.I)
_CUES = (("surgery", _SURGERY_CUE), ("radiotherapy", _RADIO_CUE), ("chemotherapy", _CHEMO_CUE))
_UNEVENTFUL = needs(re.compile(
    r"\b(?:course|recovery|period|convalescence|stay)\s+(?:\w+\s+){0,2}?"
    r"(?:was|were|remained|proved)\s+"
    r"uneventful|\buneventful\s+(?:post-?\s?operative\s+)?(?:course|recovery|period|convalescence)"
    r"|\brecovered\s+uneventfully|\bwithout\s+(?:any\s+)?(?:\w+\s+)?complications?\b|\bno\s+(?:\w+\s+){0,2}?"
    r"complications?\b|\bfree\s+of\s+(?:any\s+)?complications?|\buncomplicated\b"
    r"|\bcomplication[- ]free\b", re.I),
    "uneventful", "complicat")


def _when(text: str, pos: int, first_treatment: int, start: int, later: bool = False) -> str | None:
    """When an assessment at ``pos`` of a sentence was made: the nearest cue before it, else any cue of the sentence."""
    before = text[max(0, pos - 80):pos]
    best: tuple[int, str] | None = None
    for name, rx in (("follow-up", _FOLLOW_CUE), ("postoperative", _POSTOP_CUE), ("presentation", _PRESENT_CUE)):
        if later and name == "presentation":
            continue
        for m in rx.finditer(before):
            if best is None or m.start() > best[0]:
                best = (m.start(), name)
    if best:
        return best[1]
    for name, rx in (("follow-up", _FOLLOW_CUE), ("postoperative", _POSTOP_CUE), ("presentation", _PRESENT_CUE)):
        if not (later and name == "presentation") and rx.search(text):
            return name
    return "presentation" if start < first_treatment and not later else None


def _item(scale: str | None, grade: str | None, intact: bool | None, assessed: str | None,
          when: timing.RelTime | None, span: dict[str, object]) -> dict[str, Any]:
    if when is not None and when.months is not None and assessed != "presentation":
        assessed = "follow-up" if when.months >= 1 else "postoperative" if when.relative_to == "surgery" else assessed
    return {"scale": scale, "grade": grade, "intact": intact, "assessed": assessed,
            "timing": when.as_dict() if when and assessed != "presentation" else None, "evidence": [span]}


def neuro(sentences: list[Sent], first_treatment: int) -> list[dict[str, Any]]:
    """The neurological assessments of a case's sentences (``first_treatment``: where treatment starts)."""
    out: list[dict[str, Any]] = []
    for text, start in sentences:
        span = {"text": text, "start": start, "end": start + len(text)}
        times = timing.find(text)
        graded = False
        for scale, rx in (("frankel", _FRANKEL), ("asia", _ASIA)):
            for m in rx.finditer(text):
                if negation.status(text, m.start(), m.end()) in ("negated", "hedged", "proposed"):
                    continue
                graded = True
                second = m.group("g2")
                went_from = second is not None or bool(_FROM.search(text[:m.start("g1")]))
                first_when = _when(text, m.start(), first_treatment, start)
                if second is not None and first_when not in ("presentation", None):
                    first_when = "presentation"  # "improved from Frankel C to E": the first grade is the earlier one
                out.append(_item(scale, m.group("g1"), None, first_when or ("presentation" if went_from else None),
                                 timing.nearest(times, m.start()), span))
                if second is not None:
                    later = _when(text, m.start("g2"), first_treatment, start, later=True)
                    out.append(_item(scale, second, None, later,
                                     timing.nearest(times, m.start("g2")), span))
        if _MOTOR_CUE.search(text):
            seen: set[str] = set()
            for m in [*_MRC_FRACTION.finditer(text), *_MRC_WORD.finditer(text)]:
                g = m.group("g") or m.groupdict().get("h")
                if not g or g in seen or negation.status(text, m.start(), m.end()) in ("hedged", "proposed"):
                    continue
                seen.add(g)
                graded = True
                out.append(_item("mrc", g, None, _when(text, m.start(), first_treatment, start),
                                 timing.nearest(times, m.start()), span))
        if graded:
            continue
        i = _INTACT.search(text)
        if i and not _NOT_INTACT_QUAL.search(text[max(0, i.start() - 30):i.start() + 12]):
            if not _PREVENT.search(text[:i.start()]) and negation.status(text, i.start(), i.end()) not in (
                    "hedged", "proposed"):
                out.append(_item(None, None, True, _when(text, i.start(), first_treatment, start),
                                 timing.nearest(times, i.start()), span))
            continue
        d = _DEFICIT.search(text)
        if d and negation.status(text, d.start(), d.end()) is None and not _PREVENT.search(text[:d.start()]) \
                and not _CHANGED.match(text[d.end():]):
            out.append(_item(None, None, False, _when(text, d.start(), first_treatment, start),
                             timing.nearest(times, d.start()), span))
    return _dedupe(out)


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for it in items:
        same = next((o for o in out if all(o[k] == it[k] for k in ("scale", "grade", "intact", "assessed"))), None)
        if same is None:
            out.append(it)
        elif it["evidence"][0] not in same["evidence"]:
            same["evidence"].append(it["evidence"][0])
    return out


_MATCHERS: dict[int, tuple[Lexicon, Matcher]] = {}


def complication_matcher(lex: Lexicon) -> Matcher:
    """A matcher of the lexicon's complication names (one per lexicon)."""
    hit = _MATCHERS.get(id(lex))
    if hit is None or hit[0] is not lex:
        hit = (lex, Matcher(lex, kinds=("complication",)))
        _MATCHERS.clear()
        _MATCHERS[id(lex)] = hit
    return hit[1]


def first_start(iv: dict[str, Any]) -> int:
    ev = iv.get("evidence") or []
    return int(ev[0]["start"]) if ev and ev[0].get("start") is not None else 0


def _names(iv: dict[str, Any]) -> list[str]:
    return [n for n in (iv.get("label"), *(iv.get("agents") or [])) if n and len(n) > 3]


def followed(text: str, start: int, interventions: list[dict[str, Any]], skip: tuple[int, int] = (0, 0)) -> int | None:
    """The 1-based number of the intervention a sentence says something followed, or None."""
    masked = text[:skip[0]] + " " * (skip[1] - skip[0]) + text[skip[1]:]
    named = [i for i, iv in enumerate(interventions)
             if any(re.search(rf"\b{re.escape(n)}\b", masked, re.I) for n in _names(iv))]
    if named:
        return named[-1] + 1
    for category, rx in _CUES:
        if rx.search(masked if category != "radiotherapy" else text):
            cands = [i for i, iv in enumerate(interventions) if iv.get("category") == category]
            if not cands:
                continue
            before = [i for i in cands if first_start(interventions[i]) <= start]
            return (before[-1] if before else cands[0]) + 1
    return None


def complications(sentences: list[Sent], lex: Lexicon, interventions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The complications of a case's sentences; marks interventions whose course was uneventful."""
    matcher = complication_matcher(lex)
    root = lex.lookup("complication", "complication")
    out: dict[str, dict[str, Any]] = {}
    for text, start in sentences:
        span = {"text": text, "start": start, "end": start + len(text)}
        times = timing.find(text)
        for m in matcher.find(text, start):
            a, b = m.start - start, m.end - start
            if m.kind != "complication" or m.iri == root or negation.status(text, a, b) is not None \
                    or _PREVENT.search(text[:a]):
                continue
            if re.match(r"\s*(?:prophyla\w*|prevention|risk)\b", text[b:], re.I):
                continue
            if m.iri in out:
                if span not in out[m.iri]["evidence"]:
                    out[m.iri]["evidence"].append(span)
                continue
            when = timing.nearest(times, a)
            out[m.iri] = {"label": lex.label(m.iri) or m.surface, "term": m.iri,
                          "after": followed(text, start, interventions, (a, b)),
                          "timing": when.as_dict() if when else None, "evidence": [span]}
        u = _UNEVENTFUL.search(text)
        if u and not any(m.kind == "complication" and m.iri != root for m in matcher.find(text, start)
                         if negation.status(text, m.start - start, m.end - start) is None):
            n = followed(text, start, interventions, (u.start(), u.end()))
            if n is None:
                prior = [i for i, iv in enumerate(interventions) if first_start(iv) <= start]
                n = prior[-1] + 1 if prior else None
            if n is not None:
                interventions[n - 1]["uneventful"] = True
    return list(out.values())


def intervention_times(interventions: list[dict[str, Any]]) -> None:
    """Set each intervention's ``timing`` from its first evidence sentence, where one is stated."""
    by_sentence: dict[int, list[int]] = {}
    for i, iv in enumerate(interventions):
        if iv.get("evidence"):
            by_sentence.setdefault(first_start(iv), []).append(i)
    for idx in by_sentence.values():
        text = str(interventions[idx[0]]["evidence"][0]["text"])
        times = timing.find(text)
        if not times:
            continue
        pos = {i: _position(text, interventions[i]) for i in idx}
        order = sorted(idx, key=lambda i: pos[i])
        for t in times:
            # a time dates the mention right after it ("Three months later, X"),
            # else the one before it ("X a year later")
            outside = [i for i in order if not t.start <= pos[i] < t.end]
            after = [i for i in outside if pos[i] >= t.end]
            before = [i for i in outside if pos[i] < t.start]
            target = after[0] if after else (before[-1] if before else None)
            if target is not None and interventions[target].get("timing") is None \
                    and t.relative_to != interventions[target].get("category"):
                interventions[target]["timing"] = t.as_dict()


_CATEGORY_WORD = {"surgery": _SURGERY_CUE, "radiotherapy": _RADIO_CUE, "chemotherapy": _CHEMO_CUE,
                  "biopsy": re.compile(r"\bbiops\w*", re.I), "embolization": re.compile(r"\bemboli\w*", re.I)}


def _position(text: str, iv: dict[str, Any]) -> int:
    for n in _names(iv):
        m = re.search(rf"\b{re.escape(n)}\b", text, re.I)
        if m:
            return m.start()
    rx = _CATEGORY_WORD.get(str(iv.get("category")))
    m = rx.search(text) if rx else None
    return m.start() if m else 0


_RECUR = re.compile(r"\brecur(?:red|rence|rent|s)?\b|\brelapse[ds]?\b|\bregrowth\b|\bregrew\b", re.I)


def recurrence_timing(sentences: list[Sent]) -> dict[str, object] | None:
    """When the local recurrence was found, from the first sentence asserting one with a relative time."""
    for text, _ in sentences:
        for m in _RECUR.finditer(text):
            if negation.status(text, m.start(), m.end()) is not None or _PREVENT.search(text[:m.start()]):
                continue
            t = timing.nearest(timing.find(text), m.start())
            if t is not None:
                return t.as_dict()
    return None


_GRADE_NAME = {"frankel": "Frankel {}", "asia": "ASIA {}", "mrc": "MRC grade {}"}


def grade_terms(items: list[dict[str, Any]], lex: Lexicon) -> list[dict[str, Any]]:
    """Ground each assessment's grade to the ontology's individual (Frankel C -> skg:FrankelC; MRC 4+ -> skg:MRC4)."""
    for it in items:
        if it["scale"] and it["grade"]:
            it["term"] = lex.lookup("neuro_grade", _GRADE_NAME[it["scale"]].format(it["grade"][:1]))
    return items

