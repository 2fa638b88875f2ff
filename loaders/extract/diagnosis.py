"""The final diagnosis, and the diagnoses the text rules out.

Every tumour type the lexicon finds is weighed by how it is said: a statement of the diagnosis
("final diagnosis", "diagnosed as", "consistent with", "confirmed", "proved to be", "the lesion
was an osteoblastoma") beats a plain mention, the case description beats the introduction and
the discussion, and of two statements the later wins (a revised diagnosis). Excluded ones
("ruled out", "not supported", "rather than", "no evidence of") go to ``ruled_out`` and are never
the diagnosis; hedged ones ("suspected", "mimicking", "favoured") only count when nothing else
is said. Of an ancestor and its descendant, the more specific term wins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from spinekg.loaders.extract.lexmatch import Mention
from spinekg.loaders.extract.negation import clause_start, status
from spinekg.loaders.extract.outcome import about_relative
from spinekg.loaders.extract.sentences import add_evidence

#: a molecular or pathological result that settles what the tumour was: "..., suggesting the tumor was an NTRK
#: rearranged spindle cell tumor" (a conclusion, not a hedge: it names what this tumour is, after the tests)
_CONCLUDED = re.compile(r"\b(?:suggest(?:ing|ed|s)|indicat(?:ing|ed|es)|establish(?:ing|ed))\s+(?:that\s+)?"
                        r"(?:the|this|her|his)\s+(?:tumou?r|lesion|neoplasm|mass)\s+(?:was|is|to\s+be)\s+"
                        r"(?:an?\s+|the\s+)?$", re.IGNORECASE)
_FINAL = re.compile(r"\b(?:final(?:ly)?|definitive|ultimate(?:ly)?|eventual(?:ly)?|revised|conclusive|integrated)\b"
                    r"[^.;]{0,40}$"
                    r"|\bfurther\s+testing\s+revealed[^.;]{0,20}$", re.IGNORECASE)
#: the diagnosis a revision ends at: "reclassified the lesion from the initial Ewing sarcoma impression to CIC-DUX4
#: sarcoma" (its words of the first impression hedge nothing of the revised one)
_RECLASSIFIED_TO = re.compile(r"\b(?:re-?classified|re-?diagnosed|revised|changed)\s+(?:\w+\s+){0,3}?from\s+"
                              r"[^.;]{1,80}?\s+(?:to|as|into)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_STRONG_PRE = re.compile(
    r"\b(?:diagnos(?:is|ed|tic)\s+(?:\w+\s+){0,2}?(?:of|as|was|with|is)|consistent\s+with|compatible\s+with|confirm\w*"
    r"|proved\s+to\s+be|proven|turned\s+out\s+to\s+be|identified\s+as"
    r"|(?:judged|deemed)\s+to\s+be|reclassified\s+as|revealed\s+(?:to\s+be\s+)?|showed|established"
    r"|diagnostic\s+of|characteristic\s+of|in\s+keeping\s+with|typical\s+of|supporting|support\w*\s+(?:the\s+)"
    r"?diagnosis"
    r"|(?:was|is)\s+(?:a|an)|(?:was|is)\s+(?:therefore\s+)?|were\s+(?:those\s+)?of|pathology\s+(?:showed|revealed)"
    r"|histolog\w*\s+(?:showed|revealed|confirmed)|report(?:ed|s)?\s+(?:a|an)"
    r"|(?<![A-Za-z])(?:dx|diagnosis)\s*:)\s*(?:a|an|the)?\s*(?:\w+[\s-]+){0,4}$",
    re.IGNORECASE)
_STRONG_POST = re.compile(r"^[^.;]{0,30}?\b(?:was|were|is)\s+(?:then\s+|finally\s+|therefore\s+)?(?:diagnosed|"
                          r"confirmed|made"
                          r"|established)\b", re.IGNORECASE)
_OUTCOME_WORDS = re.compile(r"\b(?:recurren\w*|residual|relaps\w*|progressi\w*|metasta\w*|remnant|regrowth)\W+"
                            r"(?:\w+\W+)?$",
                            re.IGNORECASE)
#: "no sign of the LCH coming back": the outcome, not the diagnosis
_OUTCOME_AFTER = re.compile(r"^\s*(?:\w+\s+)?(?:coming|came|comes)\s+back\b|^\s*(?:\w+\s+)?(?:returning|recurring"
                            r"|relapsing|reappearing|regrowing|progressing)\b", re.IGNORECASE)
_EVOLVED_TO = re.compile(r"\b(?:progress\w*|evolv\w*|evolution)\s+(?:\w+\s+){0,2}?(?:to|into)\s+(?:(?:an?|overt"
                         r"|frank|systemic|symptomatic)\s+)*$", re.IGNORECASE)
_LIKENESS = re.compile(r"\b(?:(?:immuno)?phenotype\s+(?:was\s+|is\s+)?(?:that\s+of|like\s+that\s+of|resembl\w*"
                       r"|reminiscent\s+of|similar\s+to)"
                       # a behaviour compared: "point towards the behaviour of adrenocortical carcinoma rather than"
                       r"|behaviou?r\s+(?:of|typical\s+of|like\s+that\s+of|similar\s+to)"
                       # a part of the tissue compared: "areas resembling an aneurysmal bone cyst"
                       r"|(?:areas?|foci|focus|regions?|zones?|features?|components?|patterns?|appearances?|fields?)"
                       r"\s+(?:\w+\s+)?(?:resembl\w*|reminiscent\s+of|similar\s+to|like\s+those\s+of)"
                       # a comparison that opens the sentence: "Like DLGNT, the tumour had a 1p/19q codeletion"
                       r"|^\W*(?:un)?like"
                       # the mimic told apart: "the tumour was hard to separate from desmoid-type fibromatosis"
                       r"|(?:hard|difficult|impossible)\s+to\s+(?:separate|distinguish|differentiate|tell\s+apart)"
                       r"\s+from|(?:separated|distinguished|differentiated)\s+from)"
                       r"\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)
_LIKE_AFTER = re.compile(r"^-like\b", re.IGNORECASE)
#: a first diagnosis the case then revises: "the lesion was first managed as an osteoblastoma", "at first taken for a
#: schwannoma", "originally reported as", "mistaken for"
_SUPERSEDED = re.compile(r"\b(?:(?:initially|originally|first|at\s+first)\s+(?:\w+\s+)?(?:managed|treated|taken"
                         r"|regarded|interpreted|labell?ed|misdiagnosed|mistaken|considered|reported|read|thought"
                         r"|diagnosed)\s+(?:as|for|to\s+be|with)|mistaken\s+for"
                         # "the lump had been attributed to a lipoma"
                         r"|(?:had\s+been|was|were)\s+(?:\w+\s+)?(?:attributed|ascribed)\s+to"
                         # "reclassified the lesion from the initial Ewing sarcoma impression to ..."
                         r"|\bfrom\s+(?:the|an?|its|his|her)\s+(?:initial|original|first|earlier|previous|provisional)"
                         # "the initial histological impression was of an Ewing-like sarcoma"
                         # ("working diagnosis: pilocytic astrocytoma", a field of a first report)
                         r"|(?:initial|first|original|provisional|preliminary|working)\s+(?:\w+\s+)?(?:impression"
                         r"|diagnosis)(?:\s+(?:was|were)(?:\s+(?:of|that\s+of))?|\s*[:.]+))\s+(?:an?\s+|the\s+)?"
                         r"(?:[\w-]+\s+){0,3}$",
                         re.IGNORECASE)
#: a cohort's diagnoses, counted: "three patients had NF1, one a ganglioneuroma, and four had schwannomatosis"
_COUNTED_DIAGNOSES = re.compile(r"(?:^|[,;:]\s*|\band\s+)(?:one|two|three|four|five|six|seven|eight|nine|ten"
                                r"|\d{1,3})\s+"
                                r"(?:(?:of\s+them|patients?|cases?)\s+)?(?:had|with|showed|were|was|an?)\b",
                                re.IGNORECASE)
#: a report's field of its final diagnosis: "Integrated diagnosis: ...", "Final diagnosis - ..."
_FINAL_FIELD = re.compile(r"^\W{0,3}(?:final|integrated|definitive|revised)\s+(?:\w+\s+)?diagnosis\s*[:\-–]",
                          re.IGNORECASE)
#: the features of a kind of tumour said to be absent: "It did not, however, show the usual features of DLGNT"
_LACKS_FEATURES = re.compile(r"\b(?:did|does|do)\s+not(?:\s*,\s*\w+\s*,)?\s+(?:show|have|display|fit|meet|share)\s+"
                             r"(?:[\w-]+\s+){0,5}?(?:features|criteria|picture|appearance|pattern|hallmarks)\s+of\s+"
                             r"(?:an?\s+|the\s+)?$|\b(?:lack(?:ed|s|ing)?|without)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
                             r"(?:features|hallmarks)\s+of\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
#: a second tumour joined to the one a finding names: "... showed a phaeochromocytoma ... together with
#: haemangioblastomas in the spine"
_JOINED_BEFORE = re.compile(r"\b(?:together|along)\s+with\s+(?:an?\s+|the\s+|multiple\s+)?$|\bas\s+well\s+as\s+"
                            r"(?:an?\s+|the\s+|multiple\s+)?$", re.IGNORECASE)
#: a match said to be weak: "but only with low confidence", "a low calibrated score"
_LOW_CONFIDENCE = re.compile(r"\b(?:low|borderline|insufficient|poor)\s+(?:confidence|calibrated\s+score"
                             r"|match\s+score)\b"
                             r"|\bbelow\s+the\s+(?:\w+\s+)?threshold\b", re.IGNORECASE)
_FINAL_STATED = re.compile(r"\b(?:final|definitive|revised|definite)\s+(?:\w+\s+)?diagnosis\s+(?:was|is|of)\b"
                           r"|\bthe\s+diagnosis\s+of\s+[^.;]{1,60}?\s+stood\b"
                           # "Methylation profiling corrected a histological diagnosis of ependymoma to PTPR"
                           r"|\b(?:corrected|changed|revised|reclassified)\s+(?:a|an|the|its|his|her)?\s*(?:[\w-]+\s+){0,2}?"
                           r"diagnosis\s+of\s+[^.;]{1,60}?\s+(?:to|into)\b"
                           r"|\bre-?diagnosed\s+as\b|\bdiagnosis\s+was\s+(?:then\s+)?revised\b", re.IGNORECASE)
#: the chronic marrow diseases a mass of blasts arises in (its blast phase in bone or a node is the case's tumour)
_UNDERLYING = frozenset({"ChronicMyeloidLeukemia", "MyeloproliferativeNeoplasm"})
_SECTION_WEIGHT = {"case": 1.0, "intro": 0.5, "meta": 0.6, "other": 0.3}
_HEDGE_WEIGHT = 0.15


@dataclass
class Candidate:
    iri: str
    score: float = 0.0
    best_rank: int = 0
    last_strong: int = -1
    label: str = ""
    label_rank: int = -1
    label_named: int = 0  # the label names a metastasis by its primary
    evidence: list[dict[str, object]] = field(default_factory=list)
    excluded: bool = False
    asserted: bool = False
    excluded_at: int = -1
    reasserted: bool = False  # stated firmly in the case after it was excluded (a revised differential)
    excluded_in_case: bool = False  # excluded by the case description itself (not only by the discussion)
    excluded_in: int = -1  # the offset of the sentence that excluded it
    spinal: int = 0  # mentions tied to the spine by the nearest site word ("the spinal lesion was diagnosed as X")
    elsewhere: int = 0  # ... and to a site outside it ("the femoral LGCOS")


@dataclass
class DiagnosisFact:
    label: str | None
    term: str | None
    grade: str | None
    evidence: list[dict[str, object]]
    ruled_out: list[str]


_GRADE = re.compile(r"\b((?:low|intermediate|high|low-intermediate|intermediate-high)[\s-]grade|grade\s+(?:[1-4]|"
                    r"I{1,3}V?|IV))\b",
                    re.IGNORECASE)


#: the disease a tumour arose in or came with, named after it: "myeloid sarcoma with concurrent acute myeloid
#: leukaemia", "... occurring together with APL", "in the setting of myelofibrosis"
_SETTING_BEFORE = re.compile(r"\b(?:with\s+(?:concurrent|coexisting|co-existing|concomitant|simultaneous|accompanying"
                             r"|underlying)|(?:occurring\s+)?together\s+with|in\s+(?:the|a)\s+(?:setting|context)\s+of"
                             r"|on\s+(?:a|the)\s+background\s+of|secondary\s+to)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
                             re.IGNORECASE)


#: the words that place a tumour: in the spine, or outside it
_SPINE_SITE = (r"spin(?:e|al)|vertebra\w*|lumbar|thoracic|cervical|sacr(?:um|al)|coccy\w*|cauda|epidural|intradural"
               r"|extradural|intramedullary|paraspinal|conus|(?-i:[CTLS]\d{1,2})")
_OTHER_SITE = (r"femur|femoral|tibia\w*|fibula\w*|humer\w*|radius|ulna\w*|pelvi\w*|iliac|ilium|ribs?|skull|cranial"
               r"|orbit\w*|mandib\w*|maxill\w*|lung|pulmonary|liver|hepatic|breast|kidney|renal|thyroid|adrenal"
               r"|pancrea\w*|gastric|stomach|colon|ovar\w*|uter\w*|testi\w*|prostat\w*|brain|cerebr\w*|knee|shoulder"
               r"|thigh|forearm")
_SITE = re.compile(rf"\b(?:(?P<spine>{_SPINE_SITE})|(?P<other>{_OTHER_SITE}))\b", re.IGNORECASE)


#: the words of a spread: "metastatic", "metastases", "spread to", "deposits", "secondary", "disseminated", "the lesion
#: was later found to originate from prostate adenocarcinoma", "an L2 lesion from prostate adenocarcinoma"
_SPREAD = re.compile(r"\b(?:metasta\w*|spread\w*|deposits?|secondar(?:y|ies)|dissemin\w*|seeding|originat\w*"
                     r"|primary\s+(?:site|tumou?r|lesion|cancer)|unknown\s+primary"
                     r"|from\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,3}(?:carcinoma|adenocarcinoma|cancer))\b",
                     re.IGNORECASE)


def _site_of(text: str, start: int, end: int) -> str | None:
    """Where the nearest site word places a mention ("the spinal lesion was diagnosed as X", "the femoral X"): the
    last one in the 80 characters before it, or else the first in the 40 after."""
    before = list(_SITE.finditer(text, max(0, start - 80), start))
    after = _SITE.search(text, end, min(len(text), end + 40))
    # (a site the mention's own phrase names wins: "together with haemangioblastomas in the spine", after "a
    # phaeochromocytoma in the left adrenal gland")
    own = after is not None and re.fullmatch(r"\s*(?:in|of|at|within|involving)\s+(?:the\s+|his\s+|her\s+)?",
                                            text[end:after.start()], re.IGNORECASE) is not None
    m = after if own else before[-1] if before else after
    if m is None:
        return None
    return "spine" if m.group("spine") else "elsewhere"


#: a heading that gives the diagnosis ("DIAGNOSIS", "ANSWER - FINAL DIAGNOSIS", "Integrated diagnosis"; not
#: "Differential diagnosis")
FINAL_HEADING = re.compile(r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\.?\s*)?(?:[\w ]{1,30}\s[-–:]\s*)?(?:(?:final|integrated"
                           r"|definitive|pathological|histopathological|histological|revised)\s+)?diagnos[ie]s\W*$",
                           re.IGNORECASE)
#: the lead-in of a list of diagnoses set aside: "on that basis the team discarded:", "Excluded:"
EXCLUDED_LEAD = re.compile(r"\b(?:discard\w*|exclu\w*|ruled\s+out|rule\s+out|set\s+aside|eliminat\w*|withdrawn"
                           r"|retracted|abandoned)\b"
                           r"[^.;]{0,60}:\s*$", re.IGNORECASE)


def extract_diagnosis(sentences: list[tuple[str, int, dict[str, object], list[Mention], str]],
                      parents: dict[str, list[str]], generic: set[str],
                      lookup: Callable[[str], str | None] | None = None, *,
                      finals: frozenset[int] = frozenset(), excluded: frozenset[int] = frozenset()) -> DiagnosisFact:
    """sentences: (text, offset, span, tumour-type mentions, section) of the whole report, in order; ``finals``: the
    offsets of the sentences a diagnosis heading introduces; ``excluded``: those of the items of a list of
    diagnoses set aside."""
    cands: dict[str, Candidate] = {}
    ruled_out: dict[str, str] = {}
    order = 0
    final_said = False  # the report states its final diagnosis somewhere, in words the ontology may not name
    prev_rank, prev_at = 0, -1  # the rank of the last mention, and its sentence
    spread_told = False  # the case tells of a spread (a metastasis, a deposit, a secondary)
    for text, base, span, mentions, section in sentences:
        final_said |= section == "case" and bool(_FINAL_STATED.search(text))
        spread_told |= section == "case" and bool(_SPREAD.search(text))
        if len(_COUNTED_DIAGNOSES.findall(text)) >= 2:
            continue  # "three patients had NF1, one a ganglioneuroma, one an ependymoma": a cohort's diagnoses
        for m in mentions:
            order += 1
            if m.iri in generic:
                continue
            s, e = m.start - base, m.end - base
            if _LIKENESS.search(text[max(0, s - 70):s]) or _LIKE_AFTER.match(text[e:e + 8]):
                continue  # "its immunophenotype was that of a glomus tumour", "a glomus-like phenotype": a likeness
            if about_relative(text[clause_start(text, s):s]):
                continue  # "The patient's son had been diagnosed with breast cancer": a relative's disease
            st = "excluded" if base in excluded else status(text, s, e, proposals=False)
            if st is None and _LOW_CONFIDENCE.search(text):
                st = "hedged"  # "methylation profiling matched the tumour to DLGNT, but only with low confidence"
            if st is None and _LACKS_FEATURES.search(text[max(0, s - 120):s]):
                continue  # "It did not, however, show the usual clinical or histological features of DLGNT"
            surface = m.long_form or m.surface
            if st in ("excluded", "negated") and (_OUTCOME_WORDS.search(text[max(0, s - 40):s])
                                                  or _OUTCOME_AFTER.match(text[e:e + 40])):
                continue  # "no evidence of recurrent GCT" says nothing about the diagnosis
            if st == "negated":
                continue
            if st == "excluded":
                ruled_out.setdefault(m.iri, surface)
                c = cands.setdefault(m.iri, Candidate(m.iri))
                c.excluded, c.excluded_at, c.reasserted, c.excluded_in = True, order, False, base
                c.excluded_in_case |= section == "case"
                continue
            before = text[clause_start(text, s):s]
            revised_to = bool(_RECLASSIFIED_TO.search(text[max(0, s - 160):s]))
            if revised_to:
                st = None
            concluded = st == "hedged" and bool(_CONCLUDED.search(text[max(0, s - 80):s]))
            if concluded:
                st = None
            rank = 1
            joined = bool(prev_rank and prev_at == base and _JOINED_BEFORE.search(text[max(0, s - 40):s]))
            if joined:
                rank = prev_rank  # "MRI showed a phaeochromocytoma ... together with haemangioblastomas in the spine"
            elif _STRONG_PRE.search(before[-90:]) or _STRONG_POST.match(text[e:e + 60]):
                rank = 3
                if _FINAL.search(text[:s][-120:]):
                    rank = 4
            if concluded or revised_to or (base in finals and st is None) or (st is None and _FINAL_FIELD.match(text)):
                rank = 4  # (the sentence under a "Final diagnosis" heading, or its field: "Integrated diagnosis: ...")
            prev_rank, prev_at = rank, base
            if rank > 1 and not joined and _SETTING_BEFORE.search(before[-60:]):
                rank = 1  # "myeloid sarcoma with concurrent acute myeloid leukaemia": the setting, not the tumour
            superseded = bool(_SUPERSEDED.search(before[-90:]))
            if st == "hedged" or superseded:
                rank = 0
            elif _EVOLVED_TO.search(before[-60:]):
                rank = 1  # "progression to multiple myeloma was diagnosed": what the tumour became later
            c = cands.setdefault(m.iri, Candidate(m.iri))
            if rank and section == "case":
                site = _site_of(text, s, e)
                c.spinal += site == "spine"
                c.elsewhere += site == "elsewhere"
            weight = _SECTION_WEIGHT.get(section, 0.5) * (rank if rank else _HEDGE_WEIGHT)
            c.score += weight
            if st != "hedged" and not superseded:
                c.asserted = True
            key_rank = rank * 10 + (5 if section == "case" else 0)
            if key_rank > c.best_rank:
                c.best_rank = key_rank
            if rank >= 3 and section == "case":
                c.last_strong = order
                if c.excluded and base != c.excluded_in:
                    # (not in the sentence that excluded it: "LCH is excluded, because langerin ... separates LCH
                    # from ICH")
                    c.reasserted = True
            # (a metastasis is named by its primary rather than by the class's own words: "adenocarcinoma" of a lung
            # biopsy, not the "bone metastases" of the imaging)
            named = 1 if rank and lookup is not None and m.iri.endswith("/Metastasis") and lookup(surface) != m.iri \
                else 0
            if named > c.label_named or (named == c.label_named and (
                    key_rank > c.label_rank or (key_rank == c.label_rank and len(surface) > len(c.label)
                                                and m.long_form is None))):
                c.label, c.label_rank, c.label_named = surface, key_rank, named
            add_evidence(c.evidence, span)
    for c in cands.values():
        # general remarks elsewhere ("Ewing sarcoma can mimic LCH") do not undo the case's firm diagnosis
        if c.reasserted or (c.last_strong >= 0 and not c.excluded_in_case):
            ruled_out.pop(c.iri, None)
    pool = [c for c in cands.values() if c.asserted and c.iri not in ruled_out]
    if not spread_told and any(not c.iri.endswith("/Metastasis") for c in pool):
        # a carcinoma named by its organ is the spine's metastasis only when the case tells of a spread: "Separately
        # from the desmoids, an invasive follicular thyroid carcinoma was diagnosed" is a second tumour
        pool = [c for c in pool if not c.iri.endswith("/Metastasis")]
    if not pool:
        # (a first impression the report then revised is not its diagnosis when the final one is told, even in
        # words no term names: "The final diagnosis was an undifferentiated sarcoma harbouring an NTRK3 fusion")
        # (nor is a suspicion only, when the final one is told: "Its appearance suggested an ependymoma", then "The
        # final diagnosis was atypical choroid plexus papilloma")
        pool = [c for c in cands.values() if c.iri not in ruled_out and not final_said]
    best = max(pool, key=lambda c: (c.best_rank, c.last_strong, c.score), default=None)
    if best is not None and best.elsewhere and not best.spinal:
        # two tumours said as firmly, one of a site outside the spine ("a synchronous low-grade central
        # osteosarcoma of the femur"): the spine's is the case's
        best = next((c for c in pool if c.best_rank >= best.best_rank and c.spinal and c.spinal >= c.elsewhere), best)
    if best is not None and best.iri.rsplit("/", 1)[-1] in _UNDERLYING:
        # a chronic marrow disease and a mass of blasts the case names ("a spinal granulocytic sarcoma was the first
        # sign that CML had come back"): the mass is the tumour the case is about
        masses = [c for c in pool if c is not best and c.best_rank >= 15
                  and not c.iri.endswith("/Metastasis") and best.iri not in _ancestors(c.iri, parents)
                  and c.iri.rsplit("/", 1)[-1] not in _UNDERLYING]
        best = max(masses, key=lambda c: (c.best_rank, c.last_strong, c.score), default=best)
    if best is not None:
        # a more specific term said as firmly (or a descendant at all) wins over its ancestor
        for c in pool:
            # (not a descendant said only before the final diagnosis: "compatible with a diffuse low-grade glioma" on
            # imaging, then "Integrated diagnosis: high-grade glioneuronal tumour")
            if c is not best and best.iri in _ancestors(c.iri, parents) and c.best_rank >= min(best.best_rank, 15) \
                    and not (best.best_rank >= 40 > c.best_rank):
                best = c
    grade = None
    if best is not None:
        for ev in best.evidence:
            g = _GRADE.search(str(ev["text"]))
            if g:
                grade = g.group(1).lower().replace(" grade", "").replace("-grade", "")
                break
    out_ruled = [singular(lbl, iri, lookup) for iri, lbl in ruled_out.items() if best is None or iri != best.iri]
    if best is None:
        return DiagnosisFact(None, None, None, [], out_ruled)
    return DiagnosisFact(singular(best.label, best.iri, lookup), best.iri, grade, best.evidence, out_ruled)


def singular(label: str, iri: str, lookup: Callable[[str], str | None] | None) -> str:
    """A plural label in its singular form when the lexicon names the same term so ("tumours" -> "tumour")."""
    if not lookup or not re.search(r"[^su]s$", label):
        return label
    if iri.endswith("/Metastasis") and re.search(r"(?:cancer|carcinoma|melanoma)s$", label):
        return label[:-1]  # a metastasis named by its primary in the plural ("differentiated thyroid cancers")
    cands = [label[:-3] + "y"] if label.endswith("ies") else []
    cands += [label[:-1], label[:-2]] if label.endswith("es") else [label[:-1]]
    for cand in cands:
        if lookup(cand) == iri:
            return cand
    return label


def _ancestors(iri: str, parents: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(parents.get(iri, []))
    while stack:
        p = stack.pop()
        if p not in seen:
            seen.add(p)
            stack.extend(parents.get(p, []))
    return seen


def generic_terms(parents: dict[str, list[str]], root: str) -> set[str]:
    """The root of the tumour types and the grouping classes with many children (never a diagnosis)."""
    children: dict[str, int] = defaultdict(int)
    for ps in parents.values():
        for p in ps:
            children[p] += 1
    return {root} | {iri for iri, n in children.items() if iri in parents and root in parents[iri] and n >= 3}
