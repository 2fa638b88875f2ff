"""Vertebral levels in text: notation ("T11", "Th11", "D11", "C3-5", "C2/3", "T12 to L2",
"the eleventh thoracic vertebra", "between T9 and T11"), and which of them the tumour involves.

>>> [(m.levels, m.start) for m in find_levels("MRI showed a mass from T12 to L2 and a lesion at C3-5.")]
[(['T12', 'L1', 'L2'], 18), (['C3', 'C4', 'C5'], 49)]
>>> [m.levels for m in find_levels("the eleventh thoracic vertebra; T1-weighted images; the L2/3 disc")]
[['T11'], ['L2', 'L3']]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spinekg.loaders.extract.numwords import ORDINAL, to_number
from spinekg.loaders.extract.prefilter import Prefiltered, needs
from spinekg.loaders.extract.sentences import add_evidence

from spinekg.levels import INDEX, canonical_level, expand_range

_PFX = r"(?:C|Th|T|D|L|S)"
#: (a lower-case letter written against the number makes it something else: "D1cc" is a dose-volume, "1p" an arm;
#: so do two capitals: "D2HG" is D-2-hydroxyglutarate)
_ONE_B = rf"{_PFX}\s?-?\d{{1,2}}(?![\d])(?!(?-i:[a-z]|[A-Z]{{2}}|-(?!level|vertebra|segment)[a-z]{{4}}))"
#: (after a possessive "'s" the "s" is no sacral level: "the patient's 1p/19q co-deleted tumour")
_ONE = rf"(?<![A-Za-z0-9\-/.'’]){_ONE_B}"
_NOT_LEVEL = re.compile(
    r"^(?:[\s-]*(?:weighted|W\b|WI\b|signal|image|sequence|hyper|hypo|iso|FLAIR|STIR|N\d|M\d|-\d{2}|mapping|relaxation"
    r"|\s*\+\s*C|[a-z]{2,}\d|DM\b|\s*(?:and|/|,|or)\s*T\d[\s-]*(?:weighted|W\b|WI\b)))", re.IGNORECASE)
_MRI_BEFORE = re.compile(r"(?:hypo|hyper|iso|intens\w*|signal|weighted|sequences?|images?|fat[\s-]suppressed"
                         r"|fat[\s-]sat|post-?contrast|contrast[\s-]enhanced|gadolinium[\s-]enhanced|sagittal|axial"
                         r"|coronal|bright|dark)\s+(?:on\s+)?$", re.IGNORECASE)
#: the other sequence before it: "isointense on T1 and on T2", "hypointense on T1-weighted and T2 images"
_MRI_SEQUENCE_BEFORE = re.compile(r"(?:hypo|hyper|iso|intens\w*|signal)\w*\s+(?:on\s+)?T[12]"
                                  r"(?:[\s-]*(?:weighted|W|WI))?(?:\s+images?)?\s*(?:,|and|or|/)\s*(?:on\s+)?(?:the\s+)?$",
                                  re.IGNORECASE)
#: a list of MRI sequences: "T2, fat-suppressed T2, post-contrast T1, DWI"
_MRI_LIST_AFTER = re.compile(r"^\s*(?:,|and|/)\s*(?:fat[\s-]suppressed|fat[\s-]sat|post-?contrast|contrast|STIR|DWI"
                             r"|FLAIR|ADC|T[12]\b|gadolinium|diffusion)", re.IGNORECASE)
_SEP = (r"\s*(?:-|–|—|(?:down\s+)?to|through|thru|/|~"
        # an extent told with a verb: "began at the C2 level and extended caudally as far as T2"
        r"|,?\s*(?:and\s+)?(?:extend(?:ed|ing|s)?|ran|runs|running|reach(?:ed|ing|es)?|spread(?:ing|s)?)\s+"
        r"(?:(?:caudally|cranially|rostrally|downwards?|upwards?|inferiorly|superiorly)\s+)?"
        r"(?:as\s+far\s+as|(?:down\s+|up\s+)?to|into)\s+(?:the\s+)?(?:level\s+of\s+)?)\s*")
_RANGE = re.compile(
    rf"(?:(?:from|between)\s+(?:the\s+)?)?(?P<a>{_ONE})(?:\s+(?:vertebra[el]?|level|body|segment)s?)?"
    rf"(?:(?P<sep>{_SEP}|\s+and\s+)(?:the\s+)?(?P<b>{_ONE_B}|\d{{1,2}}(?![\d]))(?![\s-]*(?:weighted|W\b|WI\b)))?",
    re.IGNORECASE)
_REGION_WORD = {"cervical": "C", "thoracic": "T", "dorsal": "T", "lumbar": "L", "sacral": "S"}
_WORDS = re.compile(
    rf"\b(?P<o1>{ORDINAL})(?:(?:\s*(?:-|–|to|through|and)\s*|,\s*)(?P<o2>{ORDINAL}))?\s+"
    r"(?P<reg>cervical|thoracic|dorsal|lumbar|sacral)\s+(?:vertebra[el]?|vertebral|level|segment|spinous|body|bodies"
    r"|spine|lamina|pedicle)",
    re.IGNORECASE)
#: one sacral tumour, its level not given ("a sacral chordoma", "the sacral region"; not "sacral chordomas" of the
#: disease in general)
#: the region an examination covers: "MRI of the sacrum", "plain radiographs of the coccyx"
_IMAGED = re.compile(r"\b(?:MRI|MR\s+imaging|CT|imaging|scans?|radiographs?|X-rays?|films?|views?|ultrasound)\s+of\s+"
                     r"(?:the\s+)?$", re.IGNORECASE)
_SACRAL_SITE = needs(re.compile(
    r"\b(?:(?P<w>sacral)\s+(?:region|level|spine|area|canal|mass|tumou?r|lesion|neoplasm"
    r"|[a-z]*oma)"
    r"|(?P<sc>sacrococcygeal)\s+(?:mass|tumou?r|lesion|neoplasm|[a-z]*oma))\b", re.IGNORECASE),
    "sacr")
_WHOLE = needs(re.compile(r"\b(sacrum|sacral\s+bone|coccyx|coccygeal\s+bone)\b", re.IGNORECASE),
               "sacr", "cocc")
#: (a sentence without a region word is searched only if it writes a letter and a number as a level does)
_ALL = needs(re.compile(rf"{_RANGE.pattern}|{_WORDS.pattern}", re.IGNORECASE),
             "cervical", "thoracic", "dorsal", "lumbar", "sacral", cue=re.compile(r"[CTDLSctdls][Hh]?\s?-?\d"))

#: Words after a level that make it something other than a vertebra the tumour is in.
_AFTER_NOT_TUMOR = re.compile(
    r"^[\s,]*(?:and\s+(?:the\s+)?[\w/\-]+\s+)?(?:\(?[A-Z]\d+\)?\s*)?(?:(?:left|right|bilateral)\s+)?"
    r"(?:(?:sensory|motor|sensorimotor|sensory-motor)\s+)?(?:nerve\s+)?"
    r"(?:roots?|rootlets?|dermatomes?|dermatomal|nerves?|discs?|disks?|interspaces?|(?:segmental\s+)?arter(?:y|ies)"
    r"|intervertebral|foram\w*|sensory\s+level|spinal\s+nerve|radicul\w*|myotome|pedicle\s+screws?|screws?"
    r"|(?:cervical|thoracic|lumbar|sacral|intercostal|segmental|radicular)\s+(?:arter(?:y|ies)|nerves?|roots?))\b"
    # a blast type of the old FAB classification: "vacuolated blasts with L3 morphology", "L3-like vacuolation"
    r"|^(?:\s*(?:morpholog\w*|type\s+blasts|blasts|cytolog\w*|subtype)|-like\b)",
    re.IGNORECASE)
_BEFORE_NOT_TUMOR = re.compile(
    r"\b(?:fixation|fixed|instrumentation|instrumented|screws?|rods?|fusion|fused|arthrodesis|stabili[sz]\w*|plate|cage"
    r"|graft|kyphosis|scoliosis|dermatomes?|(?:sensation|sense|sensory|vibration|proprioception|pinprick|touch|an?esthesia|hypo\w+|numbness"
    r"|(?:par|dys)(?:a)?esthesi\w*|tingling)\s+below(?:\s+the)?|"
    r"sensory\s+level|level\s+of\s+sensation|nerve\s+roots?|rootlets?\s+of"
    r"|roots?\s+of|disc|disk|kyphoplasty|imaging\s+(?:range|field)|scanned|field\s+of\s+view"
    # the extent of a radiation field: "delivered to a field extending from T12 to L3"
    r"|(?:radiation|radiotherapy|irradiation|treatment|RT|portal)\s+fields?|fields?\s+(?:extending|covering"
    r"|encompassing|spanning))\b[^.;]{0,40}$",
    re.IGNORECASE)


@dataclass(frozen=True)
class LevelMention:
    levels: list[str]
    start: int  # offsets in the sentence
    end: int
    text: str


def _level(tok: str, prefix: str | None = None) -> str | None:
    t = tok.strip()
    if t.isdigit() and prefix:
        t = prefix + t
    return canonical_level(t.replace(" ", "").replace("-", ""))


def find_levels(text: str) -> list[LevelMention]:
    """Every level or range of levels written in a sentence."""
    out: list[LevelMention] = []
    for m in _ALL.finditer(text):
        if m.group("o1"):
            reg = _REGION_WORD[m.group("reg").lower()]
            nums = [to_number(m.group("o1"))]
            if m.group("o2"):
                nums.append(to_number(m.group("o2")))
            labels = [lv for lv in (canonical_level(f"{reg}{int(n)}") for n in nums if n) if lv]
            if not labels:
                continue
            levels = expand_range(labels[0], labels[-1]) if len(labels) == 2 and "and" not in m.group() else labels
            out.append(LevelMention(levels, m.start(), m.end(), m.group()))
            continue
        a_txt = m.group("a")
        # ("T1 and T2" after a signal word are the two sequences: "isointense on T1 and T2", "on T1 and on T2")
        pair = a_txt.upper() == "T1" and "and" in (m.group("sep") or "") \
            and bool(re.fullmatch(r"T\s?2", (m.group("b") or "").strip(), re.I))
        if a_txt.upper() in ("T1", "T2") and (not m.group("b") or pair) and (
                _MRI_BEFORE.search(text[max(0, m.start() - 30):m.start()]) or _MRI_LIST_AFTER.match(text[m.end():])
                or _MRI_SEQUENCE_BEFORE.search(text[max(0, m.start() - 40):m.start()])):
            continue
        a = _level(a_txt)
        if a is None:
            continue
        b = None
        if m.group("b"):
            b_txt = m.group("b")
            b = _level(b_txt, prefix=re.match(r"[A-Za-z]+", a_txt).group().upper()  # type: ignore[union-attr]
                       if b_txt.strip().isdigit() else None)
            if b_txt.strip().isdigit() and b is not None and (int(b_txt) <= int(a[1:]) if a[0] == b[0] else True):
                b = None  # "T7-1" is no range
        if not b and _NOT_LEVEL.match(text[m.start("a") + len(a_txt):]):
            continue
        if b:
            sep = (m.group("sep") or "").strip().lower()
            between = m.group().lower().startswith("between")
            levels = [a, b] if sep == "and" and not between else expand_range(a, b)
        else:
            levels = [a]
        out.append(LevelMention(levels, m.start(), m.end(), m.group()))
    for rx, lvl in _named_vertebrae():
        for m in rx.finditer(text):
            out.append(LevelMention([lvl], m.start("name"), m.end("name"), m.group("name")))
    for m in _FROM_SKULL.finditer(text):  # "from the medulla oblongata down to the C3 level": C1 to C3
        last = canonical_level(f"C{int(m.group('n'))}")
        if last:
            out = [x for x in out if not (m.start() <= x.start < m.end())]
            out.append(LevelMention(expand_range("C1", last), m.start(), m.end(), m.group()))
    for m in _WHOLE.finditer(text):
        if _IMAGED.search(text[max(0, m.start() - 40):m.start()]):
            continue  # "an MRI of the sacrum showed ...": the region imaged, not where the tumour is
        word = m.group(1).lower().split()[0]
        out.append(LevelMention(["sacrum" if word.startswith("sacr") else "coccyx"], m.start(), m.end(), m.group()))
    for m in _SACRAL_SITE.finditer(text):
        # "a sacral chordoma", "a tumour of the sacral region", "lesions of the lumbar and sacral spine": the sacrum,
        # its level not given ("sacrococcygeal": the sacrum and the coccyx)
        both = bool(m.group("sc"))
        out.append(LevelMention(["sacrum", "coccyx"] if both else ["sacrum"], m.start(), m.end(), m.group()))
    out.sort(key=lambda x: x.start)
    return _loose_ranges(text, out)


@functools.lru_cache(maxsize=1)
def _named_vertebrae() -> list[tuple[Prefiltered, str]]:
    """The ontology's word names of single vertebrae ("the atlas", "the axis", "vertebra prominens").

    A one-word name that is also an ordinary word must follow "the" (or a bracket) and not start a
    phrase of its own ("the axis of the tumour")."""
    try:
        from spinekg.ontology.lexicon import lexicon
        terms = lexicon().of_kind("vertebra")
    except (OSError, ValueError, SyntaxError):  # no ontology
        return []
    out: list[tuple[Prefiltered, str]] = []
    for t in terms:
        lvl = canonical_level(t.label)
        if lvl is None or lvl in ("sacrum", "coccyx"):
            continue  # the whole bones are read by _WHOLE
        for name in [t.label, *t.synonyms]:
            if re.search(rf"\d|\b{ORDINAL}\b", name, re.IGNORECASE) or canonical_level(name):
                continue
            words = re.escape(name).replace("\\ ", r"\s+")
            if " " in name:
                rx = rf"\b(?P<name>{words})\b"
            else:
                rx = rf"(?:\bthe\s+|\()(?P<name>{words})\b(?!\s+(?:of|to)\b|-)"
            out.append((needs(re.compile(rx, re.IGNORECASE), name.split()[0].casefold()), lvl))
    return out


_FROM_LOOSE = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?of\s+(?:the\s+)?$", re.IGNORECASE)
_TO_LOOSE = re.compile(r"^\s+(?:to|through|down\s+to|as\s+far\s+as)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?of\s+(?:the\s+)?$",
                       re.IGNORECASE)


#: a tumour reaching down from above the spine: "from the medulla oblongata down to the C3 level"
_FROM_SKULL = needs(re.compile(
    r"\bfrom\s+(?:the\s+)?(?:lower\s+)?(?:medulla(?:\s+oblongata)?|foramen\s+magnum|cranio-?cervical\s+junction"
    r"|cervicomedullary\s+junction|brain\s*stem|clivus|posterior\s+fossa|skull\s+base|occiput)\s+"
    r"(?:(?:down|caudally)\s+)?(?:to|through|as\s+far\s+as)\s+(?:the\s+)?(?:level\s+of\s+(?:the\s+)?)?"
    r"C\s?-?(?P<n>[1-7])\b(?![\s-]*(?:weighted|W\b))", re.IGNORECASE),
    "from")
_FROM_BEFORE = re.compile(r"\b(?:from|between|extend\w*|spann\w*)\s+(?:from\s+)?(?:the\s+)?$", re.IGNORECASE)
_TO_COCCYX = re.compile(r"^\s*(?:-|–|to|through|down\s+to|as\s+far\s+as)\s*(?:the\s+)?$", re.IGNORECASE)


def levels_index(level: str) -> int:
    return INDEX.get(level, INDEX["S1"])


def _loose_ranges(text: str, found: list[LevelMention]) -> list[LevelMention]:
    """'from the lower border of Th12 to the mid-body of L2' is the range T12-L2."""
    out: list[LevelMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        to_coccyx = bool(b and b.levels == ["coccyx"] and a.levels[-1] not in ("sacrum", "coccyx")
                         and _TO_COCCYX.match(text[a.end:b.start]))  # "from S1 to coccyx"
        if (b and b.levels == ["sacrum"] and a.levels[-1].startswith("L") and _TO_COCCYX.match(text[a.end:b.start])
                and (re.match(r"(?:from|between)\b", a.text, re.IGNORECASE)
                     or _FROM_BEFORE.search(text[max(0, a.start - 30):a.start]))):
            # "from the L3 vertebra to the sacrum": the lumbar levels down to L5 and the sacrum
            out.append(LevelMention([*expand_range(a.levels[0], "L5"), "sacrum"], a.start, b.end, text[a.start:b.end]))
            i += 2
            continue
        if to_coccyx or (b and len(a.levels) == 1 and len(b.levels) == 1
                         and _FROM_LOOSE.search(text[max(0, a.start - 50):a.start])
                         and _TO_LOOSE.match(text[a.end:b.start])):
            assert b is not None
            levels = expand_range(a.levels[0] if not to_coccyx else a.levels[-1], b.levels[0])
            levels = sorted(set(a.levels) | set(levels), key=levels_index) if to_coccyx else levels
            if len(levels) > 1:
                out.append(LevelMention(levels, a.start, b.end, text[a.start:b.end]))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


#: A level the text says the tumour spares: "The S1 segment ... was spared", "sparing T10", "L3 was not involved".
_SPARED_AFTER = re.compile(
    r"^[^.;:]{0,60}?\b(?:was|were|is|are|remained|appeared)\s+(?:\w+\s+)?(?:spared|intact|uninvolved|unaffected|normal"
    r"|preserved|free|not\s+(?:involved|affected|infiltrated|invaded))\b", re.IGNORECASE)
_SPARED_BEFORE = re.compile(r"\b(?:sparing|spared|without\s+(?:involvement|invasion|infiltration)\s+of|except)"
                            r"\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)


_STAGE_BEFORE = re.compile(r"\b(?:stages?|INRGS*|INSS|locoregional|FAB)\s*(?:\(\s*)?$", re.IGNORECASE)

#: A cord finding next to the tumour, not the tumour: "a syrinx from C2 to T1", "oedema extending to T9".
_NON_TUMOR_FINDING = re.compile(
    r"\b(?:syrinx|syringes|syring\w*|hydromyel\w*|o?edema|cord\s+(?:signal|swelling)|flow\s+voids?)\b"
    r"(?P<gap>[^.;()]{0,40})$", re.IGNORECASE)
_TUMOR_NOUN = re.compile(r"\b(?:tumou?rs?|lesions?|mass|masses|neoplasm|nodules?|cysts?)\b", re.IGNORECASE)


def is_tumor_level(text: str, mention: LevelMention) -> bool:
    """Whether a level mention places the tumour (not a fixation, root, dermatome, disc or syrinx level)."""
    if _AFTER_NOT_TUMOR.match(text[mention.end:mention.end + 40]):
        return False
    finding = _NON_TUMOR_FINDING.search(text[max(0, mention.start - 60):mention.start])
    if finding and not _TUMOR_NOUN.search(finding.group("gap")):
        return False
    after = text[mention.end:]
    if _SPARED_AFTER.match(after) and not re.match(r"^[^.;:]{0,60}?\b(?:but|whereas|while|tumou?r|lesion|mass)\b",
                                                   after[:_SPARED_AFTER.match(after).end()]):  # type: ignore[union-attr]
        return False
    if _SPARED_BEFORE.search(text[max(0, mention.start - 40):mention.start]):
        return False
    if _STAGE_BEFORE.search(text[max(0, mention.start - 30):mention.start]):
        return False  # a stage code: "INRG stage L2", "locoregional (L2) neuroblastoma"; a blast type, "FAB L2"
    before = text[max(0, mention.start - 60):mention.start]
    return not _BEFORE_NOT_TUMOR.search(before)


_TUMOR_CUE = re.compile(
    r"\b(?:tumou?rs?|lesions?|mass|masses|neoplasm|spread|spreading|involv\w*|extend\w*|extension|destr\w*|infiltrat\w*"
    r"|invad\w*|invasion|centred|centered|arising|arose|located|situated|occupy\w*|compress\w*|expansile|lytic"
    r"|collapse|fracture|spanning|abnormalit\w*|uptake|signal|enhanc\w*)\b", re.IGNORECASE)


#: an operation on the skull whose laminectomy is only its exposure: "a suboccipital craniotomy with a C1 laminectomy"
_CRANIAL_ACCESS = re.compile(r"\b(?:craniotomy|craniectomy|suboccipital|posterior\s+fossa|far[\s-]lateral|telovelar)\b",
                             re.IGNORECASE)


def tumor_levels(items: list[tuple[str, dict[str, object], list[tuple[int, int]], list[tuple[int, int]]]]
                 | list[tuple[str, dict[str, object], list[tuple[int, int]], list[tuple[int, int]],
                              list[tuple[int, int]]]],
                 ) -> dict[str, list[dict[str, object]]]:
    """Levels the tumour involves, each with its evidence spans.

    items: (sentence, span, procedure spans, tumour-type spans) per case sentence, offsets within the
    sentence. A level in a sentence about an operation counts when it is tied to the tumour (nearer a
    tumour word than the procedure); the levels of the operation stand in only when the text places the
    tumour nowhere else. Fixation, root, dermatome and disc levels never count. An optional fifth
    element lists spans of other lexicon names (markers, genes): a level inside one ("cyclin D1") is
    part of that name.
    """
    tumor: dict[str, list[dict[str, object]]] = {}
    surgical: dict[str, list[dict[str, object]]] = {}
    for text, span, procs, tumors, *rest in items:
        names = rest[0] if rest else []
        for lm in find_levels(text):
            if not is_tumor_level(text, lm) or any(a < lm.end and lm.start < b for a, b in names):
                continue
            target = tumor
            if procs:
                p_before = max((e for s, e in procs if e <= lm.start), default=-1)
                t_before = max((m.end() for m in _TUMOR_CUE.finditer(text, 0, lm.start)), default=-1)
                t_before = max(t_before, max((e for s, e in tumors if e <= lm.start), default=-1))
                right = text[lm.end:lm.end + 40]
                tied_after = bool(_TUMOR_CUE.match(right.lstrip(" ,")) or any(0 <= s - lm.end <= 20 for s, _ in tumors))
                if not tied_after and p_before >= t_before:
                    target = surgical
                    if _CRANIAL_ACCESS.search(text):
                        continue  # "a suboccipital craniotomy with a C1 laminectomy": the exposure of the skull's
            for lvl in lm.levels:
                spans = target.setdefault(lvl, [])
                add_evidence(spans, span)
    out = tumor or surgical
    if any(k.startswith("S") and k != "sacrum" for k in out):
        out.pop("sacrum", None)
    return out
