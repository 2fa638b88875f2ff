"""Screening a harvested record: is it a case report of a primary spinal tumour? A verdict with its reason, from
the title, the abstract and the publication types alone (what PubMed gives for every hit).

The rules, in order (the first that applies decides):

1. a review, systematic review, meta-analysis, guideline or protocol (by publication type, or a title that says
   so without also saying "case") is ``excluded: review article`` / ``excluded: guideline or protocol``;
2. an animal patient (dog, cat, horse, ... and no human patient) is ``excluded: animal study``;
3. no spinal site named (vertebra, sacrum, spinal canal or cord, cauda equina, a level such as "T11", ...) is
   ``excluded: not spinal``; a site named only as elsewhere in the skull base or a limb is not spinal either;
4. no tumour named (the ontology's tumour types, or a tumour word) is ``excluded: not a tumour``;
5. a metastasis as the subject (the ontology's metastasis class, or "metastatic ... carcinoma" / "... metastasis")
   with no primary spinal tumour named beside it is ``excluded: metastasis``;
6. a cohort without individual patients (retrospective/cohort/registry wording or "N patients" with N >= 5, and
   no single patient told) is ``excluded: cohort without individual cases``;
7. otherwise a told patient ("a 45-year-old woman", "we report a case", publication type Case Reports) is
   ``included``; anything else is ``excluded: no individual patient``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

_REVIEW_TYPES = {"review", "systematic review", "meta-analysis", "scoping review"}
_GUIDE_TYPES = {"practice guideline", "guideline", "consensus development conference", "clinical trial protocol"}
_REVIEW_TITLE = re.compile(r"\b(?:systematic\s+review|meta-?analysis|scoping\s+review|narrative\s+review|a\s+review"
                           r"|review\s+of\s+(?:the\s+)?(?:literature|current)|an?\s+update|state\s+of\s+the\s+art"
                           r"|current\s+concepts|overview)\b", re.IGNORECASE)
_CASE_WORDS = re.compile(r"\bcase\b|\bpatient\b|year-old|years?\s+old", re.IGNORECASE)
_ANIMAL = re.compile(r"\b(?:dogs?|canine|cats?|feline|horses?|equine|cattle|bovine|cows?|pigs?|porcine|sheep|ovine"
                     r"|goats?|mice|mouse|murine|rats?|rabbits?|ferrets?|veterinary|breed|spayed|neutered|bitch"
                     r"|gelding|mare|macaque|primate)\b", re.IGNORECASE)
_HUMAN = re.compile(r"\b(?:\d{1,3}-year-old\s+(?:wo)?(?:man|men|boy|girl|child|patient|female|male|adult|infant)"
                    r"|(?:wo)?man\b|boy\b|girl\b|infant\b|human)", re.IGNORECASE)
_SPINE = re.compile(r"\b(?:spin(?:e|al)|vertebra[el]?|vertebral|sacrum|sacral|sacrococcygeal|coccyx|coccygeal"
                    r"|intradural|intramedullary|extramedullary|extradural|epidural|paraspinal|paravertebral"
                    r"|cauda\s+equina|filum\s+terminale|conus\s+medullaris|spinal\s+cord|myelopathy"
                    r"|(?:cervical|thoracic|lumbar|thoracolumbar|lumbosacral|cervicothoracic)\s+(?:intramedullary"
                    r"|intradural|extradural|epidural|extramedullary|paraspinal|paravertebral|cord|spine|region"
                    r"|vertebra\w*|level|segment|canal)|[CTL]\d{1,2}\s*[-–]\s*[CTLS]?\d{1,2}|\b(?:C[1-7]|T(?:[1-9]|1[0-2])"
                    r"|Th\d{1,2}|L[1-5]|S[1-5])\b(?:\s+vertebra\w*|\s+level)?|atlas|axis\b|odontoid|dens\b"
                    r"|neural\s+foramen|foraminal|dumbbell)", re.IGNORECASE)
_TUMOUR_WORD = re.compile(r"\b(?:tumou?rs?|neoplasms?|neoplasia|\w*omas?\b|sarcomas?|carcinomas?|lymphomas?"
                          r"|leuka?emia|malignan\w*|metasta\w*|histiocytosis)", re.IGNORECASE)
#: a lesion that is not a neoplasm, however much it looks like one ("abscess mimicking a tumour")
_NON_NEOPLASTIC = re.compile(r"\b(?:tubercul\w*|abscess\w*|osteomyelitis|spondylo-?discitis|discitis|infection\w*"
                             r"|brucell\w*|echinococc\w*|hydatid|synovial\s+cysts?|perineural\s+cysts?|tarlov"
                             r"|arachnoid\s+cysts?|ganglion\s+cysts?|juxtafacet|ha?ematoma\w*|sarcoidosis|gout\w*"
                             r"|pseudotumou?rs?|pseudoaneurysm|degenerative|herniat\w*|sequestrat\w*|disc\s+extrusion"
                             # vascular malformations are no neoplasms
                             r"|cavernous\s+malformations?|cavernomas?|arteriovenous\s+(?:malformations?|fistulae?)"
                             r"|vascular\s+malformations?)\b", re.IGNORECASE)
#: a primary inside the skull: its spinal "drop metastases" are metastases
_INTRACRANIAL = re.compile(r"\b(?:intracranial|pineal|brain|cerebr\w*|cerebell\w*|supratentorial|infratentorial"
                           r"|posterior\s+fossa|ventric\w*|thalam\w*|frontal|temporal|parietal|occipital)\b",
                           re.IGNORECASE)
#: spread that reached the spine: "drop metastases to the spine", "lumbar metastasis", "spinal dissemination"
_SPREAD = re.compile(r"\b(?:metasta\w*|dissemination|seeding|spread)\s+(?:to|in|into|along)\s+(?:the\s+)?(?:spin\w*"
                     r"|lumbar|thoracic|cervical|sacral|cauda|neuraxis)|\b(?:spinal|lumbar|thoracic|sacral|drop|intraspinal"
                     r"|leptomeningeal)\s+(?:metasta\w*|dissemination|seeding)", re.IGNORECASE)
#: a review that tells a patient of its own: "... with an illustrative case", "we present two cases and review"
_REVIEW_WITH_CASE = re.compile(r"\billustrative\s+case|\bwith\s+(?:an?|two|three)\s+(?:\w+\s+)?cases?\b|\bcase\s+report"
                               r"|\b(?:we|the\s+authors)\s+(?:report|present|describe)\w*\s+(?:an?|two|three|[2-5]|the|our)\s+"
                               r"(?:\w+\s+){0,3}(?:cases?|patients?|man|woman|boy|girl|child|adults?)\b", re.IGNORECASE)
_MIMIC = re.compile(r"\b(?:mimick?\w*|imitat\w*|simulat\w*|masquerad\w*|mistaken|misdiagnos\w*|resembl\w*)\b",
                    re.IGNORECASE)
_NOT_TUMOUR_OMA = {"hematoma", "haematoma", "granuloma", "seroma", "lipoma-like", "glaucoma", "trauma", "stroma",
                   "diploma", "aroma", "coma", "soma", "plasma", "edema", "oedema", "lymphedema", "syringoma"}
_METASTASIS = re.compile(r"\bmetasta\w*|\bsecondary\s+(?:deposits?|tumou?rs?)|\bcarcinoma\b", re.IGNORECASE)
_PRIMARY_WORDS = re.compile(r"\bprimary\b", re.IGNORECASE)
_COHORT = re.compile(r"\b(?:retrospective(?:ly)?|cohort|registry|database|multicent(?:er|re)|institutional\s+series"
                     r"|consecutive|we\s+(?:reviewed|analy[sz]ed|identified)|case\s+series\s+of\s+\d{2,}"
                     r"|(?:\d{2,}|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s+"
                     r"(?:consecutive\s+)?(?:patients|cases|children|adults))\b", re.IGNORECASE)
_ONE_PATIENT = re.compile(r"\b(?:an?\s+\d{1,3}[-\s](?:year|month|week|day)s?[-\s]old|(?:we|the\s+authors)\s+"
                          r"(?:report|present|describe)\w*\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}(?:case|patient|man"
                          r"|woman|boy|girl|child)|case\s+(?:report|presentation|description)|a\s+(?:rare\s+)?case"
                          r"\s+of|(?:two|three|2|3)\s+(?:cases|patients)\b|our\s+(?:case|patient)|this\s+patient)",
                          re.IGNORECASE)
#: a vertebral level (not an MRI sequence: "T2-weighted", "T1WI", "T2 hyperintense")
_LEVEL_IN_TEXT = re.compile(r"\b(?:C[1-7]|T(?:[1-9]|1[0-2])|Th\d{1,2}|L[1-5]|S[1-5])\b(?![-\s]*(?:weighted|WI\b|W\b"
                            r"|signal|images?|sequences?|hyper|hypo|iso|FLAIR|relaxation|map))", re.IGNORECASE)
#: the words that also name places in the skull (intradural, epidural, ...) do not make a title spinal by themselves
_SHARED_WITH_SKULL = re.compile(r"^(?:intradural|extradural|epidural|extramedullary|intramedullary)$", re.IGNORECASE)
_ELSEWHERE = re.compile(r"\b(?:clivus|clival|skull\s+base|intracranial|cerebell\w*|cerebr\w*|orbit\w*|mandib\w*"
                        r"|maxill\w*|femur|femoral|tibia\w*|humer\w*|pelvi\w*|iliac|ilium|acetabul\w*|knee|hip\b|hand"
                        r"|foot|breast|lung|kidney|renal|liver|hepatic|thyroid|prostat\w*|vestibular|acoustic)\b",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    included: bool
    reason: str  # "included" or why not: "review article", "metastasis", ...

    def __str__(self) -> str:
        return "included" if self.included else f"excluded: {self.reason}"


@functools.lru_cache(maxsize=1)
def _matcher():  # type: ignore[no-untyped-def]
    from spinekg.loaders.extract.lexmatch import default_matcher

    return default_matcher()


def _levels_named(text: str) -> bool:
    """Whether a text names a vertebral level; T1 and T2, which also name MRI sequences, only beside a vertebral
    word ("the T2 vertebra", "T1 pedicle") or in a range ("C7-T1")."""
    for m in _LEVEL_IN_TEXT.finditer(text):
        if m.group(0).upper() not in ("T1", "T2"):
            return True
        around = text[max(0, m.start() - 4):m.end() + 25]
        if re.search(r"[-–]\s*T[12]\b|\bT[12]\s*[-–]\s*[CTL]?\d|vertebr|level|pedicle|lamina|spinous|body",
                     around, re.IGNORECASE):
            return True
    return False


def _tumours(text: str) -> tuple[list[str], bool]:
    """The ontology's tumour types named in a text (IRIs), and whether a metastasis class is among them."""
    from spinekg.ontology import SKG

    iris = [m.iri for m in _matcher().find(text) if m.kind == "tumor_type"]
    primary = [i for i in iris if i != SKG + "Metastasis"]
    return primary, len(primary) < len(iris)


def screen(title: str, abstract: str, publication_types: Iterable[str] = ()) -> Verdict:
    """The verdict on one record (see the module's rules)."""
    types = {t.strip().lower() for t in publication_types}
    text = f"{title}\n{abstract}"
    if types & _REVIEW_TYPES and "case reports" not in types and not _REVIEW_WITH_CASE.search(text):
        return Verdict(False, "review article")
    if _REVIEW_TITLE.search(title) and not re.search(r"\bcases?\b|\breport\b", title, re.IGNORECASE):
        return Verdict(False, "review article")
    if types & _GUIDE_TYPES:
        return Verdict(False, "guideline or protocol")
    if _ANIMAL.search(text) and not _HUMAN.search(text):
        return Verdict(False, "animal study")
    spine_in_title = any(not _SHARED_WITH_SKULL.match(m.group(0)) for m in _SPINE.finditer(title))
    spine_hits = _SPINE.findall(text)
    if not spine_hits:
        return Verdict(False, "not spinal")
    primary, metastasis = _tumours(text)
    words = [w for w in _TUMOUR_WORD.findall(text) if w.lower() not in _NOT_TUMOUR_OMA]
    if not primary and not metastasis and not words:
        return Verdict(False, "not a tumour")
    title_primary, title_meta = _tumours(title)
    # the title's subject is a lesion that is no neoplasm ("abscess mimicking a tumour"); a tumour "masquerading as
    # tuberculosis" is still the tumour: what comes before the likeness word is the subject
    mimic = _MIMIC.search(title)
    subject = title[:mimic.start()] if mimic else title
    if _NON_NEOPLASTIC.search(subject) and not _tumours(subject)[0]:
        return Verdict(False, "not a tumour")
    # the subject is a metastasis: the title says so, or the text names only a metastasis / carcinoma
    if (title_meta and not title_primary) or (_METASTASIS.search(title) and not title_primary
                                              and not _PRIMARY_WORDS.search(title)):
        return Verdict(False, "metastasis")
    if metastasis and not primary:
        return Verdict(False, "metastasis")
    if _SPREAD.search(title) and _INTRACRANIAL.search(title):
        return Verdict(False, "metastasis")  # "Intracranial glioblastoma with drop metastases to the spine"
    # a tumour of the same histology elsewhere: the title places it outside the spine, and the text names no
    # vertebral level it reached ("a GCT of the skull base and of C1 and C2" is spinal too)
    if not spine_in_title and _ELSEWHERE.search(title) and not _levels_named(abstract):
        return Verdict(False, "not spinal")
    one = _ONE_PATIENT.search(text) or "case reports" in types
    if _COHORT.search(text) and not (_ONE_PATIENT.search(text) and ("case reports" in types
                                                                    or _REVIEW_WITH_CASE.search(title))):
        return Verdict(False, "cohort without individual cases")
    if not one:
        return Verdict(False, "no individual patient")
    return Verdict(True, "included")
