"""Interventions the patient had: biopsies, operations, radiotherapy, drugs and regimens, embolization.

Procedures, drugs and regimens come from the lexicon with their record category; the label is
the text's own phrase, widened by its modifiers ("open transpedicular biopsy", "total
laminectomy of L3", "T5/6 laminectomy"). A participle with an adverb names the procedure
it implies ("totally resected" is a total resection, "removed en bloc" an en bloc removal) when
the lexicon knows that name. A proposed, declined, negated or hedged treatment ("might benefit
from entrectinib") is not one; several mentions of one procedure are one intervention, and a
bare "surgery" or "biopsy" folds into the named one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spinekg.loaders.extract.levels import find_levels
from spinekg.loaders.extract.lexmatch import Matcher, Mention
from spinekg.loaders.extract.negation import clause_end, clause_start, negated_any, status
from spinekg.loaders.extract.numwords import NUMBER, to_number
from spinekg.loaders.extract.prefilter import needs
from spinekg.loaders.extract.sentences import COHORT_COUNTED, COHORT_SHARE, COMPARED_WITH, add_evidence
from spinekg.ontology import SKG, hgnc
from spinekg.ontology.lexicon import Lexicon, norm

_STOP = {"a", "an", "the", "of", "with", "was", "were", "is", "are", "be", "been", "being", "underwent", "undergo",
         "received", "receive", "performed", "had", "has", "have", "and", "or", "to", "for", "by", "after", "before",
         "then", "she", "he", "they", "his", "her", "their", "this", "that", "which", "in", "on", "at", "from",
         "through", "via", "using", "as", "but", "also", "initial", "initially", "subsequent", "subsequently",
         "further", "first", "second", "another", "repeat", "repeated", "following", "followed", "during", "under",
         "patient", "tumor", "tumour", "lesion", "mass", "later", "who", "it", "its", "we", "our", "treated",
         "treatment", "given", "administered", "started", "starting", "multiple", "several", "two", "three",
         "one", "both", "all", "any", "there", "these", "those", "new", "whole", "single", "prior"}
_GY = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*(?:Gy|gray)\b")
_FRACTIONS = needs(re.compile(rf"\b({NUMBER})\s+(?:daily\s+)?fractions?\b|\bin\s+({NUMBER})\s+(?:sessions|fx)\b",
                              re.IGNORECASE),
                   "fraction", "session", "fx")
_CYCLES = re.compile(rf"\b({NUMBER})\s+(?:\w+\s+)?(?:cycles?|courses?|rounds?)\b", re.IGNORECASE)
_DOSE = re.compile(
    r"\b(\d{1,5}(?:\.\d{1,3})?\s*(?:mg|g|µg|mcg|μg|IU|U|mL)(?![a-zA-Z])(?:\s*/\s*(?:m2|m²|kg|day|d|week|wk))?)"
    r"(?:\s*(?:,\s*)?(QD|q\.?d\.?|BID|b\.?i\.?d\.?|TID|QW|once\s+(?:a\s+)?daily|once\s+a\s+day|twice\s+(?:a\s+)"
    r"?daily|twice\s+a\s+day"
    r"|daily|weekly|every\s+\d+\s+(?:weeks|days|hours)|q\d+w|per\s+day))?", re.IGNORECASE)
_FREQ = {"qd": "once daily", "q.d.": "once daily", "q.d": "once daily", "bid": "twice daily", "b.i.d.": "twice daily",
         "b.i.d": "twice daily", "tid": "three times daily", "qw": "once weekly", "once a day": "once daily",
         "once a daily": "once daily", "twice a day": "twice daily", "per day": "daily"}
_ADVERB = re.compile(r"\b(totally|completely|partially|subtotally|radically|widely|entirely|grossly|marginally"
                     r"|surgically|en[\s-]bloc)\b", re.IGNORECASE)
#: "resection of the L4 body"; not a dose ("radiotherapy of 50.4 Gy" is named "radiotherapy")
_RIGHT_OF = re.compile(r"^\s+of\s+(?:the\s+)?(?!\d)((?:[\w\-/]+\s+){0,3}?[\w\-/]+)(?=\s*(?:[,;.()]|\s(?:"
                       r"and|with|through|via|using|followed|together|including|in|at|was|were|by|for)\b|$))",
                       re.IGNORECASE)
#: a treatment of another, earlier disease: "Twenty years earlier she had received pelvic irradiation for a cervical
#: carcinoma" (a remote-past cue in the sentence, and "for" a carcinoma/lymphoma/... after the treatment)
REMOTE_PAST = needs(re.compile(
    rf"\b(?:(?:{NUMBER}|\d{{1,2}}|several|many)\s+years?\s+(?:earlier|before|previously|ago|"
    r"prior)|previously|in\s+(?:her|his)\s+(?:childhood|youth|adolescence))\b", re.IGNORECASE),
    "year", "previously", "childhood", "youth", "adolescence")
_FOR_A = r"\bfor\s+(?:a|an|the|her|his)?\s*(?:[\w\-']+\s+){0,3}?"  # "for a hormone receptor-positive ..."
_FOR_OTHER_DISEASE = re.compile(rf"^[^;.]{{0,40}}?{_FOR_A}"
                                r"(?:carcinoma|cancer|lymphoma|leuk(?:a)?emia|seminoma|retinoblastoma|Wilms|"
                                r"nephroblastoma|neuroblastoma|medulloblastoma)\b", re.IGNORECASE)
#: (a carcinoma only: the spine has no epithelium, so a carcinoma treated years before is another disease, where a
#: lymphoma or a medulloblastoma treated before may be the case's own)
FOR_A_CARCINOMA = needs(re.compile(rf"{_FOR_A}(?:carcinoma|cancer)\b", re.IGNORECASE),
                        "carcinoma", "cancer")
#: a laboratory step named like an operation: "after formalin fixation and paraffin embedding"
_LAB_PROCESS = re.compile(r"\b(?:formalin|formaldehyde|buffered|alcohol|tissue|specimen|sample)[\s-]+$", re.IGNORECASE)
#: a radiation word naming a cause or a place, not a treatment given: "radiation-induced sarcoma", "radiation field"
#: a drug naming a harm it did, not a treatment given: "ATRA (differentiation) syndrome", "bleomycin-induced ..."
_DRUG_ATTRIBUTE = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:syndrome|toxicity)\b|[\s-](?:induced|related|associated)\b",
                             re.IGNORECASE)
_RADIATION_ATTRIBUTE = re.compile(r"^(?:-|\s)(?:associated|induced|related)\b|^\s+fields?\b(?![^.;]{0,60}\b(?:Gy|"
                                  r"fractions?)\b)", re.IGNORECASE)
_CHEMORADIATION = needs(re.compile(r"\b(?:(?:concurrent|concomitant|adjuvant|definitive|neoadjuvant)\s+)?(?:chemo-?\s?"
                                   r"(?:radiation|radiotherapy|irradiation)(?:\s+therapy)?"
                                   # ("concurrent radiochemotherapy to 59.4 Gy with temozolomide")
                                   r"|radio-?\s?chemotherapy)\b", re.IGNORECASE),
                        "chemo")
_NECESSARY = re.compile(r"^[^.;]{0,80}?\b(?:was|were)\s+(?:deemed|considered|judged|thought|felt)\s+(?:to\s+be\s+)?"
                        r"(?:necessary|indicated|required|mandatory|essential|warranted)\b", re.IGNORECASE)
_GENERIC_TERM = {"radiotherapy": SKG + "Radiotherapy", "chemotherapy": SKG + "Chemotherapy"}
#: the drugs in brackets after a chemotherapy or its named regimen: "chemotherapy with the R-CHOPE regimen (rituximab,
#: cyclophosphamide, ...)"
_PAREN_AFTER = re.compile(r"^\s*(?:(?:with|using|of)\s+(?:the\s+|an?\s+)?[\w\-/+]{2,12}\s+)?(?:regimen\s*|protocol\s*"
                          r"|chemotherapy\s*)?\([^()]{0,200}\)")
#: what did not respond, named after the words: "did not respond to steroids and plasmapheresis"
_RESPONDED_TO = re.compile(r"\s+to\s+[^.;:]{1,60}")
_RESPONSE_NEG = needs(re.compile(r"\b(?:did\s+not|didn't|failed\s+to)\s+respond|\bno\s+(?:significant\s+)?(?:response|"
                                 r"change)",
                                 re.IGNORECASE),
                      "respond", "response", "change")


@dataclass
class InterventionFact:
    category: str
    label: str | None
    term: str | None
    agents: list[str] = field(default_factory=list)
    agent_terms: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    dose_gy: float | int | None = None
    fractions: int | None = None
    cycles: int | None = None
    dose: str | None = None
    intent: str | None = None
    response: str | None = None
    evidence: list[dict[str, object]] = field(default_factory=list)
    asserted: bool = False
    steps: list[str] = field(default_factory=list)
    necessary: bool = False  # decided on ("was deemed necessary"), not yet said to be done
    course: int = 0  # which course of the story (a recurrence starts the next): radiotherapy and chemotherapy
    summary: bool = False  # told only in the title or abstract
    at: int = -1  # where a surgery mention is (document offset), for operations() to group mentions into events
    back: bool = False  # every mention refers back to a treatment told before ("by the end of RT")
    resumed: int = 0  # a drug given again after it was stopped ("Alectinib was restarted"): a line of its own
    positions: list[int] = field(default_factory=list)  # where the mentions that told it are (document offsets)


def _adjective(adverb: str) -> str:
    a = adverb.lower().replace("-", " ")
    if a.startswith("en"):
        return "en bloc"
    if a.endswith("ally"):
        return a[:-2]
    if a.endswith("ely"):
        return a[:-1]
    return a[:-2] if a.endswith("ly") else a


_MODIFIER = re.compile(
    r"^(?:[\w]+-[\w\-/]+|[A-Z]{1,3}\d{1,2}(?:[/\-–]\w{1,3})?|\w+(?:al|ic|ive|ous|ar|ary|ior|ile|ent|ant)|open|total"
    r"|gross"
    r"|partial|subtotal|complete|wide|en|bloc|radical|needle|core|simple|emergency|staged|extended|multilevel|right"
    r"|left"
    r"|combined|rib|graft|screw|mass|segmental|short|long|one|two|three|single|repeat|trapezius|posterolateral|upfront"
    r"|CT|MRI|ultrasound|fluoroscopy|image|whole|spinal|tumou?r|vertebral|bone|tissue|autogenous|structural|open"
    # the agent of an embolization or ablation: "ethanol embolization", "coil embolization"
    r"|ethanol|alcohol|coil|glue|particle|cement|sclerosant)$",
    re.IGNORECASE)


def _label(text: str, s: int, e: int) -> str:
    """The mention widened by the modifiers before it and an 'of ...' phrase after it."""
    lo = max(0, s - 60)
    start = s
    if lm := re.search(r"\blateral\s+mass\s+$", text[lo:s], re.IGNORECASE):
        start = lo + lm.start()  # "lateral mass stabilization": the vertebra's lateral mass, not the tumour
    words = list(re.finditer(r"[\w][\w\-–/’']*", text[lo:start]))
    for w in reversed(words[-3:]):
        gap = text[lo + w.end():start]
        if gap.strip() or w.group().lower() in _STOP or not _MODIFIER.match(w.group()):
            break
        start = lo + w.start()
    end = e
    m = _RIGHT_OF.match(text[e:e + 60])
    if m and not any(w.lower() in ("which", "that", "this") for w in m.group(1).split()):
        end = e + m.end()
    return text[start:end].strip()


def _dose_gy(text: str) -> float | int | None:
    """The total dose in Gy a sentence states: the one it calls the total, else the first that is not a fraction's
    ("32 fractions of 1.8 Gy, 57.6 Gy in total" is 57.6)."""
    doses = list(_GY.finditer(text))
    if not doses:
        return None
    g = next((d for d in doses if _TOTAL_AFTER.match(text, d.end())
              or _TOTAL_BEFORE.search(text, max(0, d.start() - 30), d.start())), None) or next(
        (d for d in doses if not _PER_FRACTION_BEFORE.search(text, max(0, d.start() - 30), d.start())
         and not _PER_FRACTION_AFTER.match(text, d.end())), doses[0])
    return _gy(g.group(1))


def _gy(number: str) -> float | int:
    """A dose in Gy as its number: whole as an int ("60"), else a float ("50.4")."""
    v = float(number)
    return int(v) if v == int(v) else v


#: a dose told as the total: "57.6 Gy in total", "a total dose of 50.4 Gy", "total 45 Gy"
_TOTAL_AFTER = re.compile(r"\s*(?:in\s+total|total|overall|cumulative)\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"\b(?:total|cumulative)\s+(?:\w+\s+)?(?:dose\s+)?(?:of\s+|was\s+|:\s*)?$", re.IGNORECASE)
#: a dose told per fraction: "32 fractions of 1.8 Gy", "25 x 2 Gy", "2 Gy per fraction", "1.8 Gy/fraction", "daily"
_PER_FRACTION_BEFORE = re.compile(r"(?:\bfractions?\s+of|\d\s*[x×*])\s*$", re.IGNORECASE)
_PER_FRACTION_AFTER = re.compile(r"\s*(?:(?:per|/|a|each)\s*(?:fraction|fx|day|session)|daily\b|fractions?\b)",
                                 re.IGNORECASE)


def _intent_in_name(surface: str, lex: Lexicon) -> str | None:
    """The treatment intent a procedure's name states, as an intent IRI: the ontology keeps intent words in
    procedure synonyms for text ('palliative radiotherapy' is a skg:Radiotherapy) and the intent apart.

    >>> from spinekg.ontology.lexicon import lexicon
    >>> _intent_in_name("palliative radiotherapy", lexicon()).rsplit("/", 1)[-1]
    'Palliative'
    >>> _intent_in_name("laminectomy", lexicon()) is None
    True
    """
    words, intents = norm(surface).split(), lex.names("intent")
    for n in range(min(3, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            iri = intents.get(" ".join(words[i:i + n]))
            if iri:
                return iri
    return None


def _num(txt: str | None) -> int | None:
    v = to_number(txt) if txt else None
    return int(v) if isinstance(v, (int, float)) and v == int(v) else None


def extract_interventions(sentences: list[tuple[str, int, dict[str, object], list[Mention]]], matcher: Matcher,
                          drug_category: dict[str, str], regimen_agents: dict[str, list[str]],
                          generic: set[str], names: dict[str, str], summaries: frozenset[int] = frozenset(),
                          metastatic: bool = False, hormonal: frozenset[str] = frozenset(),
                          corticosteroids: frozenset[str] = frozenset(),
                          immunomodulatory: frozenset[str] = frozenset(),
                          away_from_spine: bool = False) -> list[InterventionFact]:
    """Interventions of the case. names: term IRI -> preferred label (drugs, regimens, procedures); metastatic:
    the case's tumour is a carcinoma's metastasis (that carcinoma's earlier treatment and the operation on its organ
    of origin are the patient's own); away_from_spine: the case tells of no spinal site, so an operation on an organ
    is on the case's own tumour ("She underwent laparoscopic radical nephrectomy" for a renal solitary fibrous
    tumour)."""
    lex = matcher.lex
    facts: list[InterventionFact] = []
    by_key: dict[tuple[str, str], InterventionFact] = {}

    def get(key: tuple[str, str], make: InterventionFact) -> InterventionFact:
        if key not in by_key:
            by_key[key] = make
            facts.append(make)
        return by_key[key]

    course, narrative = 0, False
    stopped: set[str] = set()  # drugs the story has stopped ("Alectinib was then discontinued")
    resumed: dict[str, int] = {}  # ... and how often one was given again after that
    for n_sent, (text, base, span, mentions) in enumerate(sentences):
        if COHORT_SHARE.search(text) or _COHORT_COUNT.search(text):
            continue  # "resection had been carried out in 85% of the cases", "14 of 18 patients received crizotinib"
        if n_sent + 1 < len(sentences) and len(text.split()) <= 6 \
                and _NOT_GIVEN_NEXT.match(sentences[n_sent + 1][0]):
            continue  # "- Platinum chemotherapy. This was considered but not given": an item's label, then its fate
        mentions = _alternatives(text, base, mentions, drug_category, lex)
        first_drug = min((m for m in mentions if m.kind in ("drug", "regimen")), key=lambda m: m.start, default=None)
        # (after a run-in label too: "Therapeutic implication: Entrectinib is an orally available inhibitor ...")
        run_in = _LABEL_BEFORE.match(text)
        if first_drug is not None and first_drug.start - base <= (run_in.end() if run_in else 0) + 4 \
                and _DEFINED_AFTER.match(text, first_drug.end - base):
            continue  # "Osimertinib (AZD9291) is a third-generation EGFR TKI that ...": what a drug is, not a dose
        if not narrative and base not in summaries:
            course, narrative = 0, True  # the narrative tells the story again from its start
        procs = [m for m in mentions if m.kind == "procedure" and lex.category(m.iri)
                 and (metastatic or away_from_spine or m.iri != _PRIMARY_RESECTION)]
        drugs = [m for m in mentions if m.kind == "drug"]
        regimens = [m for m in mentions if m.kind == "regimen"]
        if facts and _FAILED_RECAP.search(text):
            # a recap of what has failed, each told before: "PXA that has failed surgery three times, tumour-bed
            # irradiation, vemurafenib with bevacizumab, and bevacizumab with lomustine"
            told_cats = {f.category for f in facts}
            told_agents = {a for f in facts for a in f.agent_terms}
            procs = [m for m in procs if lex.category(m.iri) not in told_cats]
            drugs = [m for m in drugs if m.iri not in told_agents]
            regimens = [m for m in regimens if "chemotherapy" not in told_cats]
        cue = _NEW_COURSE.search(text) if not _NO_COURSE.search(text) else None
        # ("surgery followed by adjuvant chemotherapy, but the tumour progressed": the cue after every treatment of
        # the sentence ends their course, it does not start it)
        late = bool(cue and (procs or drugs or regimens) and all(m.end - base <= cue.start()
                                                                   for m in [*procs, *drugs, *regimens]))
        if facts and cue and not late:
            course += 1  # a recurrence or a change of line: what is given from here on is another course
        intents = [m for m in mentions if m.kind == "intent"]
        responses = [m for m in mentions if m.kind == "response"]
        attached: set[int] = set()
        # drugs listed together with cytotoxic ones are one regimen: "rituximab with methotrexate and cytarabine",
        # "cyclophosphamide, vincristine, doxorubicin and dexamethasone", "bendamustine and rituximab"
        in_regimen: set[int] = set()
        # ... and drugs of one kind given together are one line: "nivolumab combined with ipilimumab"
        combined: dict[int, str] = {}
        with_targeted: set[int] = set()
        listed = sorted(drugs, key=lambda m: m.start)
        # (a drug's abbreviation in brackets after its name is that drug again: "all-trans retinoic acid (ATRA) plus
        # daunorubicin" joins the two drugs across the bracket)
        again_bracketed = {id(m) for i, m in enumerate(listed) if i and listed[i - 1].iri == m.iri and re.fullmatch(
            r"\s*\(\s*", text[listed[i - 1].end - base:m.start - base])}
        listed = [m for m in listed if id(m) not in again_bracketed]
        runs: list[list[Mention]] = [listed[:1]] if listed else []
        # the run's last drug was paired with what stands before it ("X combined with Y", "chemotherapy with Y")
        paired = bool(listed and _PAIRED_BEFORE.search(text[:listed[0].start - base]))
        in_sequence = bool(_IN_SEQUENCE.search(text))
        listed_apart = False  # the last two drugs were items of a list, told apart by a comma
        for a, b in zip(listed, listed[1:], strict=False):
            between = text[a.end - base:b.start - base]
            # (a pair, then ", and" another: "... hypomethylating therapy combined with venetoclax, and trametinib":
            # the items of a list of lines, where "rituximab with cyclophosphamide, doxorubicin, ..." goes on; in a
            # list told in sequence only a word that pairs them joins two drugs; the "and" closing a list whose items
            # were told apart is the list's: "received chemoradiotherapy, gefitinib, platinum-pemetrexed and
            # erlotinib")
            if _REGIMEN_JOIN.fullmatch(between) and not (paired and _SERIAL_AND.fullmatch(between)) \
                    and not (in_sequence and not _PAIRED.search(between)) \
                    and not (listed_apart and re.fullmatch(r"\s*,?\s*and\s+", between)):
                runs[-1].append(b)
                paired = bool(_PAIRED.search(between))
                listed_apart = False
            else:
                runs.append([b])
                paired = bool(_PAIRED_BEFORE.search(text[:b.start - base]))
                # (", ", ", platinum-"; not ", then ")
                listed_apart = bool(re.fullmatch(r"\s*,\s*(?:[\w]+-)?", between))
        run_of = {id(x): i for i, run in enumerate(runs) for x in run}
        # (regimens told one after the other in a sentence are lines of their own: "ixazomib, lenalidomide and
        # dexamethasone, then pomalidomide and dexamethasone")
        line_of: dict[int, int] = {}
        for i, run in enumerate(runs):
            line_of[i] = line_of.get(i - 1, 0) + (1 if i and _THEN_BETWEEN.fullmatch(
                text[runs[i - 1][-1].end - base:run[0].start - base]) else 0)
        for run in runs:
            cats = {drug_category.get(x.iri, "other_drug") for x in run}
            if len(run) > 1 and "chemotherapy" in cats:
                in_regimen.update(id(x) for x in run)
            elif len(run) > 1 and not regimens and any(x.iri in corticosteroids for x in run) and all(
                    x.iri in corticosteroids or x.iri in immunomodulatory
                    or drug_category.get(x.iri) == "targeted_therapy" for x in run) and (len(run) > 2 or any(
                        x.iri in immunomodulatory or (names.get(x.iri) or "").endswith("zomib") for x in run)):
                # a corticosteroid listed with two antineoplastic drugs or more is a part of their regimen, as the
                # myeloma regimens of the ontology have it: "bortezomib, carfilzomib and dexamethasone", "ixazomib,
                # lenalidomide and dexamethasone" are one line of chemotherapy, as VRd is, and so are the doublets
                # of a thalidomide analogue or a proteasome inhibitor (INN stem -zomib) with it, "bortezomib and
                # dexamethasone", "pomalidomide and dexamethasone" (a steroid beside another drug, "tacrolimus and
                # prednisone", "sirolimus with methylprednisolone", is told for itself)
                in_regimen.update(id(x) for x in run)
        for d in drugs:  # ... and a drug joined to a named regimen: "rituximab with hyper-CVAD", "R plus CHOP", or
            # to a chemotherapy named by its kind: "hypomethylating therapy combined with venetoclax"
            # (or after it, past the regimen's bracketed drugs: "FOLFIRI (leucovorin, fluorouracil and irinotecan)
            # combined with bevacizumab")
            if not regimens and any(lex.category(p.iri) == "chemotherapy" and p.end <= d.start
                                    and _CONTENT_JOIN.fullmatch(text[p.end - base:d.start - base]) for p in procs):
                # the drugs a chemotherapy is told to consist of, whatever their class: "chemotherapy based on
                # bortezomib and lenalidomide", "chemotherapy with bortezomib and lenalidomide"
                in_regimen.update(id(x) for x in (runs[run_of[id(d)]] if id(d) in run_of else [d]))
            elif any(_REGIMEN_JOIN.fullmatch(text[d.end - base:r.start - base]) for r in regimens if r.start >= d.end) \
                    or any(_PAIRED_JOIN.fullmatch(_BRACKET_FIRST.sub(" ", text[r.end - base:d.start - base]))
                           for r in regimens if r.end <= d.start) \
                    or not regimens and any(lex.category(p.iri) == "chemotherapy" and p.end <= d.start
                           and _PAIRED_JOIN.fullmatch(text[p.end - base:d.start - base]) for p in procs):
                in_regimen.add(id(d))
            elif len(run) > 1 and len(cats) == 1 and len({x.iri for x in run}) > 1:
                joint = "+".join(sorted({x.iri for x in run}))
                combined.update((id(x), joint) for x in run)
            elif len(run) > 1 and cats == {"targeted_therapy", "other_drug"} and all(
                    x.iri in hormonal for x in run if drug_category.get(x.iri, "other_drug") == "other_drug"):
                # an endocrine drug joined to a targeted one is one line of the targeted therapy: "fulvestrant with
                # the CDK4/6 inhibitor palbociclib", "exemestane plus everolimus"
                joint = "+".join(sorted({x.iri for x in run}))
                combined.update((id(x), joint) for x in run)
                with_targeted.update(id(x) for x in run)
        sentence_facts: list[tuple[InterventionFact, Mention]] = []
        second = None if metastatic else _SECOND_CANCER.search(text)
        for m in [*procs, *regimens]:
            s, e = m.start - base, m.end - base
            st = status(text, s, e)
            if st is None and REMOTE_PAST.search(text) and _FOR_OTHER_DISEASE.match(text[e:]):
                st = "history"  # the treatment of another, earlier disease is not an intervention of this case
            if st is None and second is not None and second.start() < s:
                st = "history"  # "a second, unrelated cancer ..., which was resected": that cancer's treatment
            if st is None and _LAB_PROCESS.search(text[max(0, s - 30):s]):
                st = "attribute"  # "formalin fixation", "tissue fixation": the specimen's, not the spine's
            if st is None and _PLACE_AFTER.match(text[e:]):
                st = "attribute"  # "the temporalis muscle overlying the original operation site": a place
            if st is None and m.kind == "procedure" and _NOT_SURGICAL_BEFORE.search(text[max(0, s - 30):s]) \
                    and re.match(r"reconstruct", m.surface, re.IGNORECASE):
                st = "attribute"  # "Subclonal reconstruction", "3D reconstruction of the CT": an analysis, no operation
            if st is None and negated_any(text, s, 2):
                st = "negated"  # "The published account does not give her age, ..., any radiotherapy"
            if st is None and m.kind == "procedure" and re.match(r"\s+recipients?\b", text[e:]):
                st = "attribute"  # "a heavily pretreated allograft recipient": a person, no operation
            if st is None and m.kind == "procedure" and _IMAGING_AFTER.match(text[e:]):
                st = "attribute"  # "iodine-131 metaiodobenzylguanidine (MIBG) imaging": a tracer's scan, no treatment
            if m.kind == "procedure" and _AVOIDED_AFTER.match(text[e:]):
                continue  # "amputation proposed, not done", "an amputation of a hand or foot, was avoided"
            if m.kind == "procedure" and _SPECIMEN_AFTER.match(text[e:]) and any(f.term == m.iri for f in facts):
                # "Skull-base meningioma, craniotomy specimen (archival blocks)": the specimen of an operation told
                # before, not another one
                continue
            if m.kind == "procedure" and m.surface.lower().endswith("ed") and _ADJECTIVE_PARTICIPLE.match(
                    text[e:]) and re.search(r"\b(?:the|a|an|this|that)\s+(?:re-?)?$", text[max(0, s - 11):s],
                                            re.IGNORECASE):
                continue  # "examination of the resected lesion": the operation told elsewhere, named by its specimen
            if m.kind == "procedure" and re.search(r"inhibitors$", text[s:e], re.IGNORECASE) \
                    and not _GIVEN_BEFORE.search(text[max(0, s - 60):s]):
                continue  # "tyrosine kinase inhibitors have produced responses": a class of drugs, not a treatment
            if m.kind == "procedure" and m.iri == _MARROW and (_MARROW_NORMAL.search(text[e:])
                                                               or _SPECIMEN_OF.search(text[max(0, s - 12):s])):
                # (a test "of the bone marrow aspirate" names the specimen, not a sampling of the tumour)
                continue  # a staging marrow ("bone marrow aspirates were normal"), not a biopsy of the tumour
            if m.kind == "procedure" and lex.category(m.iri) == "surgery" and any(
                    p.start - base >= e and _BY_MEANS.fullmatch(text[e:p.start - base]) and (
                        lex.category(p.iri) == "biopsy" or (lex.category(p.iri) == "surgery" and re.search(
                            r"excision|resection", p.surface, re.IGNORECASE) and re.match(
                            r"\s+by\b", text[e:], re.IGNORECASE))) for p in procs):
                # "the swelling was removed by excisional biopsy": one event, the biopsy; "the tumour was removed by
                # complete surgical excision": the operation named by its means (not by its access: "removed through
                # a laminectomy" is the removal)
                continue
            if _GENERAL_ROLE.match(text[e:]) or (s <= 12 and _MAY_OFFER.match(text[e:])) or _USUALLY_BEFORE.search(
                    text[max(0, s - 100):s]):
                # "Radical surgery is the treatment for resectable disease", "Spinal surgery and internal irradiation
                # added to an EGFR inhibitor may offer ...": what a treatment does for a disease, not the patient's
                continue
            if m.kind == "procedure" and lex.category(m.iri) == "biopsy" and _LIQUID.search(text[max(0, s - 30):s]):
                continue  # "a liquid biopsy", "blood-based biopsies": a blood test for tumour DNA, no tissue taken
            if m.kind == "regimen" and ((_ALIAS_BEFORE.search(text[max(0, s - 15):s]) and _ALIAS_AFTER.match(text[e:]))
                                        or (st is None and (_NOT_REGIMEN_AFTER.match(text[e:])
                                                            or _gene_before(text[max(0, s - 30):s])))):
                # "the MAP-kinase pathway": a protein, not the MAP regimen; "the EWS-CHOP transcript": a gene; "the
                # DDIT3 (CHOP) gene": a gene's old name in brackets
                continue
            if m.kind == "procedure" and lex.category(m.iri) in ("targeted_therapy", "immunotherapy", "other_drug") \
                    and _STOPPED_AFTER.match(text[e:]) and (
                        any(f.category == lex.category(m.iri) and f.asserted and f.agents for f in facts)
                        or any(drug_category.get(d.iri) == lex.category(m.iri) and d.end <= m.start for d in drugs)):
                continue  # "zoledronic acid ..., and antiresorptive therapy was stopped": the line told, named back
            if st is None and _RADIATION_ATTRIBUTE.match(text[e:]):
                st = "attribute"  # "radiation-associated osteosarcoma", "the former radiation field": no treatment
            iri, label = m.iri, (m.long_form or _label(text, s, e))
            if m.kind == "procedure" and norm(m.surface) in matcher.participles:
                iri, label = _participle(text, s, e, m, matcher, iri, label)
            elif m.kind == "procedure" and re.fullmatch(r"[a-z]+(?:ied|ed)", m.surface, re.IGNORECASE) \
                    and label == m.surface:
                label = lex.label(iri) or label  # "was biopsied": the biopsy
            cat = lex.category(iri) or "chemotherapy"
            if m.kind == "regimen":
                cat = "chemotherapy"
            key = (cat, iri if cat not in ("chemotherapy",) else "chemotherapy")
            if cat == "surgery":  # each mention its own, until operations() groups them into events
                key = (cat, f"{iri}@{m.start}")
            elif cat == "biopsy" and _WITH_ASPIRATE.search(text[max(0, s - 40):s]) and (same := next(
                    (k for k, v in by_key.items() if v.category == "biopsy" and span in v.evidence), None)):
                key = same  # "A bone marrow aspirate and core biopsy were obtained": one sampling of the marrow
            elif cat == "biopsy" and any(f.category == "biopsy" and f.asserted for f in facts) \
                    and not _PLURAL_BIOPSIES.search(m.surface) and (
                        (again := _ANOTHER_BIOPSY.search(text[max(0, s - 40):s]))
                        or re.match(r"\s+again\b", text[e:], re.IGNORECASE) or (
                            _BIOPSY_LATER.search(text) and not _THAT_BIOPSY.search(text[max(0, s - 30):s]))):
                # a biopsy taken again: "a second biopsy", "A year later the pontine lesion was biopsied" (not "about
                # one year after the first biopsy", which names the one told; "repeated open biopsies" sum several
                # up); the second biopsy told again is that one
                nth = again.group("n").lower() if again else ""
                key = (cat, f"{iri}#{nth}" if nth in ("second", "third", "fourth") else f"{iri}@{m.start}")
            elif cat in ("chemotherapy", "radiotherapy"):
                # a named regimen is a line of its own ("VIDE induction", then "VAI consolidation"), and so is each
                # chemotherapy of a list told in sequence ("taxane-based chemotherapy, platinum-based chemotherapy")
                line = iri if m.kind == "regimen" else key[1]
                if cat == "radiotherapy" and _ANOTHER_COURSE.search(text[max(0, s - 60):s]):
                    line = f"{line}@{m.start}"  # "she completed a second course of cervical spine SBRT"
                if in_sequence and cat == "chemotherapy" and m.kind == "procedure" and norm(label) != norm(
                        names.get(iri, "")):
                    line = f"{line}:{norm(label)}"
                elif cat == "chemotherapy" and m.kind == "procedure" and (
                        ph := _LATER_PHASE.search(text[max(0, s - 25):e])):
                    # a later phase of treatment is a line of its own: "induction used the Hyper-CVAD regimen ...
                    # Consolidation chemotherapy followed"
                    line = f"{line}:{norm(ph.group())}"
                    label = text[max(0, s - 25) + ph.start():e]
                key = (cat, f"{line}#{course}{'s' if base in summaries else ''}")
            elif cat == "targeted_therapy" and iri in generic:
                key = (cat, f"{iri}#{course}")  # a first-line "EGFR TKI", then "the third-generation EGFR TKI ..."
            own_dose: float | int | None = None
            if cat == "radiotherapy" and (od := _OWN_DOSE.match(text, e)):
                own_dose = _gy(od.group(1))
                prev = by_key.get(key)
                if prev is not None and prev.dose_gy is not None and prev.dose_gy != own_dose:
                    # a course of its own dose: "local radiotherapy (60 Gy), prophylactic cranial radiotherapy of 12 Gy"
                    key = (cat, f"{key[1]}@{m.start}")
            fact = get(key, InterventionFact(cat, label, iri, course=course, summary=base in summaries,
                                             at=m.start if cat == "surgery" else -1))
            if own_dose is not None and fact.dose_gy is None:
                fact.dose_gy = own_dose
            back = bool(_BACK.search(text[max(0, s - 60):s]))
            fact.back = back if not fact.evidence else fact.back and back
            if m.kind == "regimen" and st is None and fact.term in generic:
                fact.term = iri  # the regimen names the chemotherapy better than the word does
            if len(label) > len(fact.label or "") and st is None:
                fact.label = label
            fact.asserted |= st is None
            fact.necessary |= st is not None and cat == "surgery" and bool(_NECESSARY.match(text[e:]))
            add_evidence(fact.evidence, span)
            sentence_facts.append((fact, m))
            fact.positions.append(m.start)
            cs, ce = clause_start(text, s), clause_end(text, e)
            if cat in ("chemotherapy", "targeted_therapy", "immunotherapy", "other_drug"):
                # drugs named with it ("doxorubicin/ifosfamide combination chemotherapy", "R-CHOP (rituximab, ...)")
                paren = _PAREN_AFTER.match(text[e:])
                bracket = range(e, e + paren.end()) if paren else range(0)  # "R-CHOP (rituximab, ...)"
                # (a prophylactic intrathecal chemotherapy told beside a systemic line does not take its drugs)
                near = [] if _OWN_LINE.search(label) and not paren else [
                    d for d in drugs if cs - 80 <= d.start - base <= ce + 120
                        # (a drug of another purpose told beside "steroids" is not given as steroids: "did not
                        # respond to steroids; he was given infliximab")
                        # (and a class of drugs takes only the drugs it names or is given with: "androgen-deprivation
                        # therapy with leuprolide", "bisphosphonates (zoledronic acid)", "steroids and intravenous
                        # immunoglobulin", not another item of a list: "endocrine therapy, radiotherapy and denosumab")
                        and (cat != "other_drug" or d.start - base in bracket or (
                            cs <= d.start - base <= ce and (m.kind != "procedure" or _NAMED_WITH.fullmatch(
                                text[e:max(e, d.start - base)]) or _NAMED_AS.fullmatch(text[d.end - base:s])
                                or (not in_sequence and _GIVEN_WITH.fullmatch(text[e:max(e, d.start - base)])))))
                        # (a drug told after a word of sequence is the next line's: "VDC/IE and then irinotecan")
                        and not _SEQUENCE.search(text[min(e, d.end - base):max(s, d.start - base)])
                        # (a regimen whose agents the ontology knows takes those, the bracketed ones and the drugs
                        # of its own clause: "rituximab with hyper-CVAD", "alternating cycles of A, B and C and of IE")
                        and (m.kind != "regimen" or not regimen_agents.get(m.iri) or d.iri in regimen_agents[m.iri]
                             or cs <= d.start - base <= ce or id(d) in in_regimen or d.start - base in bracket)
                        and (drug_category.get(d.iri) == cat or d.iri in regimen_agents.get(m.iri, ())
                             or (cat == "chemotherapy" and id(d) in in_regimen) or d.start - base in bracket
                             or (cat == "targeted_therapy" and id(d) in with_targeted))]
                for d in near:
                    attached.add(id(d))
                    _add_agent(fact, names.get(d.iri, d.surface), d.iri)
                # (the regimen's own drugs unless the text lists them, as "VAC (vincristine, adriamycin, ...)" does;
                # a drug joined to it is added to them: "rituximab with hyper-CVAD")
                if m.kind == "regimen" and not any(d.iri in regimen_agents.get(m.iri, ()) or d.start - base in bracket
                                                   for d in near):
                    for a in regimen_agents.get(m.iri, []):
                        _add_agent(fact, names.get(a, a), a)
            if cat == "radiotherapy":
                if fact.dose_gy is None:
                    fact.dose_gy = _dose_gy(text)
                fr = _FRACTIONS.search(text)
                if fr and fact.fractions is None:
                    fact.fractions = _num(fr.group(1) or fr.group(2))
            if cat == "chemotherapy":
                cy = _CYCLES.search(text)
                if cy and fact.cycles is None:
                    fact.cycles = _num(cy.group(1))
            if cat in ("surgery", "biopsy", "embolization"):
                for lm in find_levels(text[cs:ce]):
                    for lvl in lm.levels:
                        if lvl not in fact.levels:
                            fact.levels.append(lvl)
        tm = _TISSUE_TAKEN.search(text)
        if tm and not any(lex.category(p.iri) == "biopsy" or (lex.category(p.iri) == "surgery"
                                                             and tm.start() - 40 <= p.start - base < tm.end())
                          for p in procs) \
                and status(text, tm.start(), tm.end()) is None and (biopsy := lex.lookup("procedure", "biopsy")):
            fact = get(("biopsy", biopsy), InterventionFact("biopsy", names.get(biopsy, "biopsy"), biopsy,
                                                            course=course, summary=base in summaries))
            fact.asserted = True
            add_evidence(fact.evidence, span)
        for cm in _CHEMORADIATION.finditer(text):
            # one phrase, two treatments: a course of radiotherapy and the chemotherapy given with it
            if status(text, cm.start(), cm.end()) is None:
                for cat in ("radiotherapy", "chemotherapy"):
                    fact = get((cat, f"chemoradiation#{course}{'s' if base in summaries else ''}"),
                               InterventionFact(cat, cm.group().strip(), _GENERIC_TERM[cat], course=course,
                                                summary=base in summaries))
                    fact.asserted = True
                    add_evidence(fact.evidence, span)
                    if cat == "radiotherapy" and fact.dose_gy is None:
                        fact.dose_gy = _dose_gy(text)
        # "Six years earlier she had undergone lumpectomy ... for a breast carcinoma, followed by adjuvant tamoxifen":
        # the drugs of another, earlier disease
        other_disease = not metastatic and bool(REMOTE_PAST.search(text) and FOR_A_CARCINOMA.search(text))
        for d in drugs:
            if id(d) in attached or id(d) in again_bracketed or other_disease or (
                    second is not None and second.start() < d.start - base):
                continue
            s, e = d.start - base, d.end - base
            if _DRUG_ATTRIBUTE.match(text, e):
                continue  # "ATRA (differentiation) syndrome", "bleomycin-induced pneumonitis": a harm the drug did
            if _LICENSED_AFTER.match(text, e):
                continue  # "BRAF inhibitors (vemurafenib, dabrafenib) are licensed only for V600-mutant disease"
            st = status(text, s, e)
            cat = "chemotherapy" if id(d) in in_regimen else "targeted_therapy" if id(d) in with_targeted \
                else drug_category.get(d.iri, "other_drug")
            clause = text[clause_start(text, s):clause_end(text, e)]
            if st is None and _RESUMED.search(clause) and d.iri in stopped:
                resumed[d.iri] = resumed.get(d.iri, 0) + 1  # "Alectinib was restarted": a new line of the drug
                stopped.discard(d.iri)
            elif _STOPPED.search(clause):
                stopped.add(d.iri)
            # the cytotoxic agents a sentence lists are one line ("six cycles of cisplatin and vincristine"); another
            # kind of drug is a therapy of its own (denosumab, imatinib)
            # (in a list told in sequence each item is a line: "docetaxel, cabazitaxel and enzalutamide in sequence")
            item = f".{run_of[id(d)]}" if in_sequence and id(d) in run_of else \
                f"~{line_of[run_of[id(d)]]}" if id(d) in run_of and line_of.get(run_of[id(d)]) else ""
            key = (cat, f"drugs@{base}{item}#{course}{'s' if base in summaries else ''}") if cat == "chemotherapy" \
                else (cat, combined.get(id(d), d.iri) + (f"^{resumed[d.iri]}" if resumed.get(d.iri) else ""))
            if cat == "chemotherapy" and _ADDED_TO_LINE.search(clause) and (line := next(
                    (k for f in reversed(facts) if f.category == "chemotherapy" and f.course == course and f.asserted
                     for k, v in by_key.items() if v is f and not k[1].startswith(f"drugs@{base}")), None)):
                key = line  # "Cisplatin and irinotecan were added in the last cycle": drugs joining the line given
            fact = get(key, InterventionFact(cat, names.get(d.iri, d.surface), d.iri, course=course,
                                             summary=base in summaries, resumed=resumed.get(d.iri, 0))
                       if cat != "chemotherapy" else
                       InterventionFact(cat, names.get(_GENERIC_TERM[cat], "chemotherapy"), _GENERIC_TERM[cat],
                                        course=course, summary=base in summaries))
            _add_agent(fact, names.get(d.iri, d.surface), d.iri)
            if id(d) in combined and len(fact.agents) > 1:
                fact.label = " + ".join(fact.agents)  # "nivolumab + ipilimumab"
            fact.asserted |= st is None
            add_evidence(fact.evidence, span)
            dm = _DOSE.search(text, e, min(len(text), e + 60))
            if dm and fact.dose is None:
                freq = (dm.group(2) or "").strip()
                fact.dose = " ".join(x for x in (dm.group(1), _FREQ.get(freq.lower(), freq.lower())) if x)
            cy = _CYCLES.search(text)
            if cy and fact.cycles is None and cat == "chemotherapy":
                fact.cycles = _num(cy.group(1))
            sentence_facts.append((fact, d))
        for fact, m in sentence_facts:
            own = _intent_in_name(m.surface, lex) if m.kind == "procedure" else None
            if own and fact.intent is None:
                # the intent the procedure's own name states: "palliative radiotherapy", "preoperative embolization"
                fact.intent = names.get(own, lex.terms[own].label)
            for im in intents:
                # an intent word inside another procedure's name is that procedure's ("preoperative embolization
                # followed by en bloc resection": the resection is not preoperative)
                other = any(p is not m and p.start <= im.start and im.end <= p.end for p in procs)
                if abs(im.start - m.start) < 40 and fact.intent is None and not other:
                    fact.intent = names.get(im.iri, im.surface)
            for rm in responses:
                # "no tumour progression was observed" is no response of any kind: a wrong fact is worse than none
                if rm.start > m.start and fact.response is None and status(
                        text, rm.start - base, rm.end - base, proposals=False) is None:
                    fact.response = names.get(rm.iri, rm.surface)
            rn = _RESPONSE_NEG.search(text) if fact.response is None else None
            if rn and fact.category in ("chemotherapy", "targeted_therapy", "immunotherapy", "radiotherapy") and not (
                    (to := _RESPONDED_TO.match(text, rn.end())) and not to.start() <= m.start - base < to.end()):
                # ("did not respond to steroids; he was given cyclophosphamide": the steroids' response, not the
                # cyclophosphamide's)
                fact.response = "no response"
        if late:
            course += 1
    # "a partial resection ... was deemed necessary", then only "following surgery": the operation decided on
    # is the one that was done
    told = [f for f in facts if f.category == "surgery" and f.asserted]
    if told and all(f.term in generic for f in told):
        for f in facts:
            f.asserted |= f.necessary
    out = [f for f in facts if f.asserted]
    # a generic "surgery"/"biopsy" folds into a named procedure of its category (a drug therapy named by the
    # agents listed with it stays: "VIDE chemotherapy (vincristine, ...)" beside drugs named elsewhere)
    out = courses(out, generic)
    out = operations(out, [b for _t, b, _s, _m in sentences], {b: t for t, b, _s, _m in sentences}, lex, generic,
                     summaries)
    out = counted(out, generic, names)
    for f in out:
        if "sacrum" in f.levels and any(re.fullmatch(r"S\d", x) for x in f.levels):
            f.levels.remove("sacrum")  # its levels name the sacrum better
        if f.category in ("chemotherapy", "targeted_therapy", "immunotherapy", "other_drug") and f.agents \
                and f.term in generic and (norm(f.label or "") in {norm(n) for n in (names.get(f.term or "", ""),)}
                                           or re.search(r"\binhibitor$", f.label or "", re.IGNORECASE)):
            # ("the BRAF inhibitor vemurafenib": the drug names the treatment better than its class)
            f.label = " + ".join(f.agents) if len(f.agents) > 1 else f.agents[0]
    return out


#: a class of drugs given to the patient: "was treated with radiation and with immune checkpoint inhibitors"
_GIVEN_BEFORE = re.compile(r"\b(?:was|were|been)\s+(?:then\s+|subsequently\s+)?(?:treated|managed)\s+with\b"
                           r"[^.;]{0,40}$"
                           r"|\b(?:received|was\s+given|was\s+started\s+on|commenced)\s+(?:\w+\s+){0,3}$",
                           re.IGNORECASE)
#: tissue taken for diagnosis without the word biopsy: "tissue was obtained from one of the iliac lesions"
_TISSUE_TAKEN = needs(re.compile(
    r"\b(?:tissue|specimens?|samples?|material)\s+(?:was|were)\s+(?:then\s+|subsequently\s+)?"
    r"(?:obtained|taken|harvested|sampled)\s+from\s+(?:one\s+of\s+)?(?:the|an?|his|her)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:lesions?|mass(?:es)?|tumou?rs?|vertebrae?|bones?|nodes?|nodules?)\b"
    r"|\btissue\s+sampled\s+from\b", re.IGNORECASE),
    "tissue", "specimen", "sample", "material")
#: what joins the drugs of one regimen in a list
_REGIMEN_JOIN = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:,\s*(?:and\s+)?|\s(?:and|with|plus|(?:combined|together)"
                           r"\s+with|in\s+combination\s+with)\s+|\s*[+/]\s*)\s*(?:(?:high|low)-dose\s+)?"
                           # the second drug's class said before it: "fulvestrant with the CDK4/6 inhibitor palbociclib"
                           r"(?:(?:the|an?)\s+(?:[\w/-]+\s+){0,2}(?:inhibitor|antibody|agent|blocker|antagonist)\s+)?")


#: what pairs two drugs ("X combined with Y", "X plus Y", "X + Y"), and the ", and" of a list's last item
_PAIR_WORDS = r"(?:(?:combined|together)\s+with|in\s+combination\s+with|with|plus)"
_PAIRED = re.compile(rf"\b{_PAIR_WORDS}\b|[+/]", re.IGNORECASE)
_PAIRED_BEFORE = re.compile(rf"\b{_PAIR_WORDS}\s+$", re.IGNORECASE)
_PAIRED_JOIN = re.compile(rf"\s+{_PAIR_WORDS}\s+|\s*\+\s*", re.IGNORECASE)
_CONTENT_JOIN = re.compile(r"\s+(?:based\s+on|consisting\s+of|containing|including|using|with)\s+(?:the\s+)?",
                           re.IGNORECASE)
_THEN_BETWEEN = re.compile(r"\s*[,;]?\s*(?:and\s+)?(?:then|followed\s+by|later|subsequently|thereafter)\s+"
                           r"(?:by\s+|with\s+)?", re.IGNORECASE)
_SERIAL_AND = re.compile(r"\s*,\s*and\s+", re.IGNORECASE)
#: the bracket a regimen's drugs are listed in, right after its name
_BRACKET_FIRST = re.compile(r"^\s*\([^()]{0,120}\)")


#: an adjective naming a kind of operation ("transsphenoidal", "endoscopic"), not one naming an operation back ("the two
#: previous operations")
_KIND_ADJECTIVE = r"(?!previous\b|various\b|numerous\b|original\b|initial\b)[a-z]+(?:al|ic|ous|ive|ary|oid)"
#: operations in the plural, and told by their number: "she underwent three additional surgical procedures"
_OPERATIONS = r"(?:re-?)?operations|surgeries|procedures|(?:re-?)?resections|debulkings|laminectomies"
_COUNTED = re.compile(r"(?<![\w/\-–.:])(?P<n>two|three|four|five|six|[2-6])\s+(?:(?:more|further|additional"
                      r"|subsequent|other|separate|repeat|revision|salvage|consecutive|open|spinal|surgical"
                      # (or another adjective: "two transsphenoidal operations", "two endoscopic resections")
                      rf"|{_KIND_ADJECTIVE})\s+){{0,3}}"
                      rf"(?P<noun>{_OPERATIONS})\b", re.IGNORECASE)
_PLURAL_OPS = re.compile(rf"(?:{_OPERATIONS})$", re.IGNORECASE)


#: lines of drug treatment told by their number, the drugs unnamed: "several successive lines of chemotherapy", "more
#: than one line of chemotherapy" (at least two)
_LINES = re.compile(r"(?<![\w/\-–.:])(?P<n>two|three|four|five|six|[2-6]|several|multiple|more\s+than\s+one)\s+"
                    # ("five different types of chemotherapy", "three regimens of chemotherapy")
                    r"(?:(?:successive|further|different|consecutive|subsequent)\s+)*(?:lines?|types?|kinds?"
                    r"|regimens?)\s+of\s+(?:\w+\s+)?"
                    r"(?P<kind>chemotherapy|systemic\s+(?:therapy|treatment))\b", re.IGNORECASE)


#: a count that adds to the operations told ("three further operations"), not one that sums them up ("two resections
#: in total")
_ADDED = re.compile(r"\b(?:more|further|additional|subsequent|other|separate|repeat|revision|salvage|consecutive)\b",
                    re.IGNORECASE)


def _summing(f: InterventionFact) -> bool:
    """The operations told by their number sum up the operations (no word adds them to others)."""
    for sp in f.evidence:
        m = _COUNTED.search(str(sp["text"]))
        if m:
            # (operations of a named kind sum up only their kind: "two transsphenoidal operations, then a
            # transcranial resection" are three)
            return not _ADDED.search(m.group()) and not _KIND_ADJ.search(m.group())
    return False


_KIND_ADJ = re.compile(rf"\b(?!surgical\b|spinal\b){_KIND_ADJECTIVE}\s", re.IGNORECASE)


def _count(f: InterventionFact) -> int | None:
    """How many operations a surgery told by its number stands for, or lines a chemotherapy of unnamed drugs; None
    when it is not told so or when its label names something else."""
    if f.category == "chemotherapy" and not f.agents:
        for sp in f.evidence:
            m = _LINES.search(str(sp["text"]))
            if m and status(str(sp["text"]), m.start(), m.end()) is None:
                return int(to_number(m.group("n")) or 2)  # ("several", "multiple", "more than one": two at least)
        return None
    if f.category in ("embolization", "surgery", "biopsy", "radiotherapy") and f.label and len(f.label) >= 6 \
            and not f.agents:
        # "The tumour was embolised on two separate occasions", "biopsied twice", "underwent tumour removal four
        # times": as many procedures
        for sp in f.evidence:
            text = str(sp["text"])
            # (its word as the text has it: "embolised" for "embolization")
            said = re.search(rf"\b{re.escape(f.label.lower()[:6])}\w*", text, re.IGNORECASE)
            m = _OCCASIONS.match(text, said.end()) if said else None
            if m and said and status(text, said.start(), said.end()) is None:
                return 2 if m.group("twice") else int(to_number(m.group("n") or m.group("n2")) or 1)
    if f.category != "surgery" or not f.label or not _PLURAL_OPS.search(f.label):
        return None
    for sp in f.evidence:
        m = _COUNTED.search(str(sp["text"]))
        if m and m.group("noun").lower() in f.label.lower() and status(str(sp["text"]), m.start(), m.end()) is None:
            return int(to_number(m.group("n")) or 1)
    return None


#: a procedure done more than once, told right after it: "embolised on two separate occasions", "biopsied twice"
_OCCASIONS = re.compile(rf"[^.;]{{0,20}}?\b(?:on\s+(?P<n>{NUMBER})\s+(?:separate\s+|different\s+|consecutive\s+)?"
                        rf"occasions|(?P<twice>twice)|(?P<n2>{NUMBER})\s+times)\b", re.IGNORECASE)


def _singular(label: str) -> str:
    return re.sub(r"(?<=[a-z])s$", "", re.sub(r"ies$", "y", label))


def counted(facts: list[InterventionFact], generic: set[str], names: dict[str, str]) -> list[InterventionFact]:
    """An operation told as "three further operations" is three operations (the abstract's count and the
    narrative's, when they are the same number, one telling), each named in the singular."""
    out: list[InterventionFact] = []
    seen: list[tuple[int, InterventionFact]] = []
    counts = {id(f): _count(f) for f in facts}
    for f in facts:
        n = counts[id(f)]
        if n is None:
            out.append(f)
            continue
        if f.category == "surgery" and _summing(f):
            # "two resections in total", the narrative then telling each: the count sums them up and adds only the
            # operations it does not tell
            told = sum(1 for g in facts if g is not f and g.category == "surgery" and counts[id(g)] is None)
            n -= told
            if n <= 0:
                for g in facts:  # (its sentence is the evidence of the operations it counts)
                    if g is not f and g.category == "surgery" and counts[id(g)] is None:
                        for sp in f.evidence:
                            add_evidence(g.evidence, sp)
                        break
                continue
        twin = next((g for k, g in seen if k == n and (g.summary or f.summary)), None)
        if twin is not None:  # the abstract's "three further operations" and the narrative's are the same three
            for sp in f.evidence:
                add_evidence(twin.evidence, sp)
            continue
        seen.append((n, f))
        f.label = (names.get(f.term or "") if f.term in generic else None) or _singular(f.label or "")
        out.append(f)
        out.extend(InterventionFact(f.category, f.label, f.term, levels=list(f.levels), evidence=list(f.evidence),
                                    asserted=True, course=f.course, summary=f.summary) for _ in range(n - 1))
    return out


#: a sentence saying the treatment just named was not given: "This was considered but not given", "It was declined"
_NOT_GIVEN_NEXT = re.compile(r"^\W*(?:this|it|that|these|they)\s+(?:was|were)\s+(?:\w+\s+){0,3}?(?:not\s+(?:given|done"
                             r"|performed|started|used|administered|pursued)|declined|refused|withheld|deferred|omitted)\b",
                             re.IGNORECASE)
#: a procedure naming a place: "the original operation site", "the biopsy tract" (a "resection bed" or "cavity" still
#: tells the resection)
_PLACE_AFTER = re.compile(r"^[\s-]*(?:site|sites|scar|tract|wound)\b", re.IGNORECASE)
#: a dose told right after a course: "radiotherapy (60 Gy)", "cranial radiotherapy of 12 Gy", "RT to 45 Gy"
_OWN_DOSE = re.compile(r"\s*(?:\(|,\s*|of\s+|to\s+|with\s+|at\s+)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*Gy\b(?!\s*(?:per|/|x|×)"
                       r"\s*(?:fraction|fx|day))", re.IGNORECASE)
#: a recap of the treatments a tumour has failed or resisted, told again: "has failed surgery three times, ...",
#: "refractory to ..."
_FAILED_RECAP = re.compile(r"\b(?:has|have|had)\s+(?:now\s+)?failed\b"
                           r"|\b(?:refractory|resistant)\s+to\s+(?:all\s+|both\s+)?"
                           r"(?:\w+\s+)?(?:prior|previous|earlier|the\s+above)\b|\bafter\s+failure\s+of\s+(?:all|both|prior"
                           r"|previous)\b", re.IGNORECASE)
#: what reconstructs data or images, not tissue: "subclonal reconstruction", "multiplanar reconstruction"
_NOT_SURGICAL_BEFORE = re.compile(r"\b(?:subclonal|clonal|phylogenetic|phylogeny|evolutionary|lineage|tree|image"
                                  r"|imaging|three-dimensional|3-?D|multiplanar|volumetric|sagittal|coronal|axial|CT|MRI"
                                  r"|haplotype|copy[\s-]number)\s*$", re.IGNORECASE)
#: a radionuclide named as the tracer of a scan: "iodine-131 MIBG imaging", "radioiodine uptake", "I-131 whole-body
#: scan"
_IMAGING_AFTER = re.compile(r"^[\s-]*(?:[\w-]+\s+){0,2}?(?:\([^()]{1,20}\)\s+)?(?:imaging|scans?|scintigraph\w*"
                            r"|uptake|SPECT|whole[\s-]body\s+scan\w*)\b", re.IGNORECASE)
#: a participle used as an adjective of the specimen: "the resected lesion", "the excised mass"
_ADJECTIVE_PARTICIPLE = re.compile(r"^\s+(?:lesions?|tumou?rs?|mass|masses|specimens?|tissues?|material|pieces?"
                                   r"|fragments?|samples?|vertebrae?|segments?|bone|area|areas|site|bed|region|cavity)\b",
                                   re.IGNORECASE)
#: a drug told by what it is licensed or approved for, not given: "... (vemurafenib, dabrafenib) and BRAFi/MEKi
#: combinations are licensed only for BRAF V600-mutant disease"
_LICENSED_AFTER = re.compile(r"[^.;]{0,80}?\b(?:are|is)\s+(?:only\s+)?"
                             r"(?:licensed|approved|indicated|reserved|reimbursed)"
                             r"\b", re.IGNORECASE)
#: a treatment told as what a disease is treated with, in the present: "Surgery is the treatment of choice for ...",
#: "Chemotherapy remains the mainstay of ..."
_GENERAL_ROLE = re.compile(r"^\s+(?:is|are|remains?)\s+(?:still\s+)?(?:the\s+|a\s+)?(?:standard|mainstay|cornerstone"
                           r"|treatment|therapy|first[\s-]line|preferred|recommended|gold\s+standard|main|primary"
                           r"|only\s+curative|principal)\b", re.IGNORECASE)
#: what usually happens in a disease, told before the mention: "extraneural disease from glioma is usually described
#: late in the course, after repeated operations"
_USUALLY_BEFORE = re.compile(r"\b(?:is|are)\s+(?:usually|typically|generally|commonly|mostly|often)\b[^.;]*$",
                             re.IGNORECASE)
_MAY_OFFER = re.compile(r"[^.;]{0,80}?\b(?:may|might|can|could)\s+(?:offer|provide|improve|help|achieve|give|prolong"
                        r"|be\s+(?:an?\s+)?(?:option|effective|useful|beneficial|considered|safe))\b", re.IGNORECASE)
#: the blood drawn for a "liquid biopsy": "liquid biopsy", "liquid-biopsy sequencing", "blood-based biopsies"
_LIQUID = re.compile(r"\b(?:liquid|(?:blood|plasma|serum|urine|CSF)[\s-]based)[\s-]+$", re.IGNORECASE)
#: a regimen's letters as part of another name: "MAP-kinase", "MAP kinase pathway", or a gene's ("CHOP" is an alias
#: of DDIT3): "the CHOP gene", "a rearranged CHOP locus", "CHOP break-apart FISH"
_NOT_REGIMEN_AFTER = re.compile(r"^[\s-]?(?:kinases?|K\b|signal\w*|pathways?|cascade|genes?\b|locus|loci|rearrang\w*"
                                r"|fusions?\b|chimer\w*|transcripts?\b|break-?apart|translocation|exon|protein"
                                # a protein's number: "MAP-2" (a stain), not the MAP regimen
                                r"|-\d)",
                                re.IGNORECASE)
#: ... or a gene's old name in brackets after its symbol: "the DDIT3 (CHOP) gene"
_ALIAS_BEFORE = re.compile(r"\b[A-Z][A-Z0-9-]{1,9}\s*\(\s*$")
_ALIAS_AFTER = re.compile(r"\s*\)")
#: ... or the 3' partner of a fusion written out, or an exon of it: "EWS-CHOP", "TLS/CHOP", "exon 2 of CHOP"
_FUSION_PARTNER_BEFORE = re.compile(r"(?:(?<![\w\-])(?P<g>[A-Z][A-Za-z0-9]{2,9})\s?(?:::|[-/–])"
                                    r"|\bexon\s*\d{1,3}\s+of\s+(?:the\s+)?)$")


def _gene_before(before: str) -> bool:
    m = _FUSION_PARTNER_BEFORE.search(before)
    if m is None:
        return False
    return not m.group("g") or hgnc.lookup(m.group("g")) is not None
#: the story moves to another course of treatment: a recurrence, progression, a change of line
_NEW_COURSE = needs(re.compile(
    r"\b(?:recurren(?:ce|t)|recurred|relaps\w*|regrowth|re-?growth"
    # progression of the disease, not of a symptom ("progressive tetraparesis")
    r"|progression(?!\s+of\s+(?:the\s+|her\s+|his\s+)?(?:weakness|symptoms?|paresis|pain|deficits?"
    r"|myelopathy|\w*paresis|numbness|gait))|(?:tumou?r|disease|lesion|mass)\s+(?:had\s+)?progressed"
    r"|progressive\s+disease"
    # "the primary tumour nevertheless kept growing": progression in other words
    r"|(?:kept|continued)\s+(?:on\s+)?(?:growing|enlarging|to\s+(?:grow|enlarge))"
    r"|grew\s+(?:despite|during|on)"
    r"|(?:second|third|fourth)[- ]line|salvage|switched|changed\s+to|refractory"
    r"|(?:months?|years?)\s+later"
    # a new deposit treated: "one new punctate cerebellar metastasis -> SRS"
    r"|new\s+(?:[\w-]+\s+){0,3}?metasta(?:sis|ses|tic\s+(?:lesions?|deposits?))"
    # "the boy developed multiple CNS metastases", "a new chemotherapy course of irinotecan"
    r"|developed\s+(?:[\w-]+\s+){0,3}?metasta(?:sis|ses)|a\s+new\s+(?:[\w-]+\s+)?(?:course|line|regimen))\b",
    re.IGNORECASE),
    "recur", "relaps", "growth", "progress", "grow", "grew", "enlarg", "line", "salvage", "switched",
    "changed", "refractory", "month", "year", "new", "developed")
#: the disease came back or spread, told between two operations: they are two
_STORY_MOVED = re.compile(r"\b(?:recurred|relapsed|developed\s+(?:[\w-]+\s+){0,3}?(?:metasta\w+|recurrence|relapse))\b",
                          re.IGNORECASE)
#: ... unless it says there was none: "no recurrence", "without progression"
_NO_COURSE = needs(re.compile(
    r"\b(?:no|without|free\s+of|absence\s+of|if|in\s+case\s+of|risk\s+of|tendency\s+(?:for|to)"
    r"|propensity\s+(?:for|to))\s+(?:\w+\s+){0,3}?"
    r"(?:recurren\w*|relaps\w*|progress\w*|regrowth)|\b(?:recurrence|progression|relapse)[\s-]free\b",
    re.IGNORECASE),
    "recur", "relaps", "progress", "regrowth")
#: a marrow sampled for staging and found normal ("bone marrow aspirates were clear", "free of tumour"): no biopsy
#: of the case's tumour
_MARROW = SKG + "BoneMarrowBiopsy"
_SPECIMEN_OF = re.compile(r"\b(?:of|on|in|from)\s+(?:the\s+|a\s+|her\s+|his\s+)?$", re.IGNORECASE)
#: the operation on a carcinoma's organ of origin: the patient's treatment only when the spinal tumour is that
#: carcinoma's metastasis ("a nephrectomy 2015 for clear cell RCC" beside a schwannoma is another disease's)
_PRIMARY_RESECTION = SKG + "PrimaryTumorResection"
#: a phase of treatment that is never the first line: its chemotherapy is a line of its own
_PHASES = r"consolidation|maintenance|salvage|second[\s-]line|third[\s-]line"
#: (as a field too: "Consolidation: high-dose chemotherapy")
_LATER_PHASE = re.compile(rf"\b(?:{_PHASES})\s*:?(?:\s+[\w-]+){{0,2}}\s*$", re.IGNORECASE)
#: an operation said, after it, not to have been done: "amputation proposed, not done", "amputation avoided", "surgery,
#: whether ... or an amputation of a hand or foot, was avoided"
#: (the words between tell no other event: not "resection was achieved, so adjuvant radiotherapy was not needed")
_AVOIDED_AFTER = re.compile(r"^(?:(?!\b(?:was|were|is|are|has|have|had|so|and|but|then|while|which)\b)[^.;|]){0,60}?"
                            r"(?:,\s*|\s)(?:(?:was|were|had\s+been|could\s+be)\s+)?(?:avoided"
                            r"|not\s+(?:done|performed|carried\s+out|needed|required))\b", re.IGNORECASE)
#: a specimen named by the operation that gave it: "craniotomy specimen", "the nephrectomy specimens"
_SPECIMEN_AFTER = re.compile(r"\s+(?:specimens?|samples?|blocks?)\b", re.IGNORECASE)
_MARROW_NORMAL = re.compile(r"^[^.;]{0,80}?\b(?:(?:was|were)\s+(?:\w+\s+)?(?:normal|clear|negative|unremarkable"
                            r"|uninvolved|free\s+of)|showed\s+no\b|revealed\s+no\b|without\s+(?:\w+\s+)?(?:involvement|infiltration"
                            r"|tumou?r|malignan\w*))", re.IGNORECASE)
#: a chemotherapy given for another purpose than the line it is told with: central nervous system prophylaxis
#: ("prophylactic intrathecal chemotherapy")
_OWN_LINE = re.compile(r"\bprophyla\w*\s+intrathecal\b|\bintrathecal\s+prophyla\w*"
                       # (a line of one of two drugs, not told which: "gefitinib or erlotinib", made by _alternatives)
                       r"|^[\w-]+(?:\s+[\w-]+)?\s+or\s+[\w-]+(?:\s+[\w-]+)?$", re.IGNORECASE)
#: ... and a later phase's chemotherapy, unless told in the same sentence as the line it names ("second-line
#: chemotherapy with irinotecan and temozolomide")
_PHASE_LABEL = re.compile(rf"^(?:{_PHASES})\b", re.IGNORECASE)


def _own_phase(f: InterventionFact, into: InterventionFact) -> bool:
    """Is f a later phase's chemotherapy told apart from the line ``into``?"""
    return bool(_PHASE_LABEL.match(f.label or "")) and not any(
        a.get("start") == b.get("start") for a in f.evidence for b in into.evidence)
#: the means of a procedure named after it: "removed by excisional biopsy"
_BY_MEANS = re.compile(r"\s+(?:by|via|through|using)\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}", re.IGNORECASE)
#: a drug stopped, and given again after that
_STOPPED = re.compile(r"\b(?:discontinu\w*|stopped|ceased|withdrawn|withheld|interrupted|halted|suspended"
                      r"|withdrawal\s+of)\b", re.IGNORECASE)
#: ... said right after a treatment's name: "antiresorptive therapy was stopped", "imatinib therapy was discontinued"
_STOPPED_AFTER = re.compile(r"\s+(?:was|were|had\s+been|has\s+been)\s+(?:then\s+|therefore\s+|subsequently\s+)?"
                            r"(?:discontinued|stopped|ceased|withdrawn|withheld|interrupted|halted|suspended)\b",
                            re.IGNORECASE)
_RESUMED = re.compile(r"\b(?:re-?start\w*|resum\w*|re-?introduc\w*|re-?initiat\w*|re-?challeng\w*|reinstitut\w*"
                      r"|re-?administ\w*|(?:started|given|begun)\s+again)\b", re.IGNORECASE)
#: a treatment named again, not given again: "pain resolved by the end of RT", "after radiotherapy"
_BACK = re.compile(r"\b(?:the|this|that|his|her|post)\s*-?\s*$|\b(?:end\s+of|after|following|since|from|completion\s+of"
                   # (not across a table's column gap: "During ICB    External-beam radiotherapy ...", a timeline)
                   r"|during)\s(?:[\w\-]+\s(?!\s)){0,5}?\s?$", re.IGNORECASE)


#: a radionuclide swallowed or injected, not a beam: a treatment of its own beside a course of external beam
#: radiotherapy ("external beam radiotherapy to the spinal lesion ... radioactive iodine therapy")
_SYSTEMIC_RT = frozenset({SKG + "RadioiodineTherapy"})
_RADIOSURGERY = SKG + "StereotacticRadiosurgery"


def courses(facts: list[InterventionFact], generic: set[str]) -> list[InterventionFact]:
    """One radiotherapy per course, one chemotherapy per line: a generic "radiotherapy"/"chemotherapy" folds
    into a named one of its course (a bare "surgery" or "biopsy" into a named one of its category), what the
    abstract summarised into the narrative's telling of it, and a line told twice (same agents) is one."""
    drugs = ("chemotherapy", "targeted_therapy", "immunotherapy", "other_drug")

    def same_course(a: InterventionFact, b: InterventionFact) -> bool:
        # (a first-line "EGFR TKI", then "treatment was changed to ... osimertinib" after progression: two lines)
        return a.category not in ("chemotherapy", "radiotherapy", "targeted_therapy") or a.course == b.course

    out = list(facts)
    # the abstract's summary is the narrative's treatment, where the narrative tells one of its kind
    for f in [x for x in out if x.summary and x.category in ("chemotherapy", "radiotherapy")]:
        told = [x for x in out if not x.summary and x.category == f.category]
        # (the same name is the same line unless their drugs differ: two lines both still named "chemotherapy")
        match = next((x for x in told if norm(x.label or "") == norm(f.label or "") and (
            not f.agents or not x.agents or set(f.agents) <= set(x.agents) or set(x.agents) <= set(f.agents))),
            None) or \
            next((x for x in told if set(f.agents) <= set(x.agents) and (f.agents or x.agents)), None) or \
            next((x for x in told if not f.agents and (f.term in generic or f.term == x.term)
                  and not _OWN_LINE.search(f.label or "")), None)
        if match is not None:
            _merge_course(match, f)
            out.remove(f)
    named = [f for f in out if f.term not in generic and f.category != "surgery"]
    kept = []
    for f in out:
        if f.category == "surgery":  # operations() folds a generic operation into its event
            kept.append(f)
            continue
        into = next((x for x in named if x is not f and x.category == f.category and same_course(x, f)
                     and x.term not in _SYSTEMIC_RT
                     and (f.term in generic or (x.term == _RADIOSURGERY) == (f.term == _RADIOSURGERY))), None)
        if into is None and f.back:  # "by the end of RT": the course told before
            into = next((x for x in reversed(out) if x is not f and x.category == f.category
                         and x.course < f.course), None)
        if f.term in generic and not f.agents and into is not None and not _OWN_LINE.search(f.label or "") \
                and not _own_phase(f, into) and not (f.dose_gy and into.dose_gy and f.dose_gy != into.dose_gy):
            # (not a course of its own dose: "local radiotherapy (60 Gy), prophylactic cranial radiotherapy of 12 Gy")
            _merge_course(into, f)
            continue
        if f.back and f.category == "radiotherapy" and into is not None and not f.dose_gy:
            _merge_course(into, f)  # "after completion of proton therapy": the course told before
            continue
        kept.append(f)
    # a chemotherapy without agents folds into one with agents of its course; a line told again is that line
    final: list[InterventionFact] = []
    for f in kept:
        if f.category == "chemotherapy" and not f.agents and not _OWN_LINE.search(f.label or ""):
            into = next((x for x in kept if x.category == "chemotherapy" and x.agents and same_course(x, f)
                         and not _own_phase(f, x)), None)
            if into is not None:
                _merge_course(into, f)
                continue
        # one course of radiotherapy, whatever techniques its planning named ("3DCRT and IMRT plans were compared"),
        # unless the doses say two
        one_course = next((x for x in final if x.category == f.category == "radiotherapy" and same_course(x, f)
                           and not (x.dose_gy and f.dose_gy and x.dose_gy != f.dose_gy)
                           and (x.term in _SYSTEMIC_RT) == (f.term in _SYSTEMIC_RT)
                           # (radiosurgery is a treatment of its own: "SRS to 16 brain metastases" beside the
                           # spine's external-beam course)
                           and (x.term == _RADIOSURGERY) == (f.term == _RADIOSURGERY)), None)
        if one_course is not None:
            _merge_course(one_course, f)
            continue
        told_with = next((x for x in final if x.category == f.category == "chemotherapy" and same_course(x, f)
                          and set(x.agents) & set(f.agents) and _shared_sentence(x, f)
                          and not _sequenced(x, f)), None)
        if told_with is not None:  # "cycles of VDC alternating with IE": the regimens of one line
            _merge_course(told_with, f)
            continue
        again = next((x for x in final if x.category == f.category and f.category in drugs and f.agents
                      and x.resumed == f.resumed
                      and (set(x.agents) == set(f.agents) or set(f.agents) < set(x.agents) and same_course(x, f))),
                     None)  # the line told again, or some of its agents named again in its course
        if again is not None:
            _merge_course(again, f)
            continue
        final.append(f)
    return final


#: the drugs a class of treatment is given with, named after it: "androgen-deprivation therapy with leuprolide",
#: "endocrine therapy, namely letrozole and ...", "antiresorptive therapy in the form of zoledronic acid"
_NAMED_WITH = re.compile(r"\s*[,:]?\s*(?:with|using|namely|such\s+as|including|in\s+the\s+form\s+of|consisting\s+of"
                         r"|comprising|i\.e\.,?|e\.g\.,?)\s+(?:[\w-]+(?:\s*,\s*|\s+)){0,4}?", re.IGNORECASE)
#: ... or the drug given together with it: "steroids and intravenous immunoglobulin"
_GIVEN_WITH = re.compile(r"\s*(?:and|plus|\+|/)\s*", re.IGNORECASE)
#: ... or before it: "letrozole as endocrine therapy"
_NAMED_AS = re.compile(r"\s+(?:as|for)\s+(?:[\w-]+\s+){0,2}?", re.IGNORECASE)
#: a course of radiotherapy told as another one: "a second course of cervical spine SBRT", "a further course of"
_ANOTHER_COURSE = re.compile(r"\b(?:second|third|fourth|another|further|new|repeat(?:ed)?|additional)\s+"
                             r"(?:\w+\s+)?courses?\s+of\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
#: another cancer the patient also had, told with its own treatment: "By then the patient also had a second, unrelated
#: cancer: an adenocarcinoma of the colon ..., which was resected and treated with adjuvant FOLFOX4 chemotherapy"
_SECOND_CANCER = needs(re.compile(
    r"\b(?:second|another|unrelated|separate|synchronous|metachronous|independent)\s*,?\s+(?:(?:unrelated|primary"
    r"|independent|synchronous|metachronous|separate)\s*,?\s+)*(?:cancer|carcinoma|adenocarcinoma"
    r"|malignan(?:cy|t\s+tumou?r))\b", re.IGNORECASE),
    "cancer", "carcinoma", "malignan")
#: a list told as treatments given one after another, not together: "multimodal treatment followed in sequence:
#: taxane-based chemotherapy, platinum-based chemotherapy, ...", "treated sequentially with docetaxel, enzalutamide and
#: radium-223", "he received, over the years, A, B and C"
_IN_SEQUENCE = needs(re.compile(
    r"\b(?:in\s+sequence|sequential(?:ly)?|successive(?:ly)?|in\s+succession|one\s+after\s+(?:the\s+)?other"
    r"|consecutive(?:ly)?|(?:several|multiple|various|subsequent|further|successive|two|three|four|five)\s+"
    r"(?:further\s+|more\s+)?lines\s+of|over\s+the\s+(?:following\s+|next\s+|ensuing\s+)?years)\b", re.IGNORECASE),
    "sequen", "success", "other", "consecutive", "lines", "years")
#: a word of sequence between two treatments: the second is a line of its own ("VIDE induction followed by VAI")
_SEQUENCE = re.compile(r"\b(?:then|followed\s+by|later|subsequently|after\s+which|afterwards|switched\s+to"
                       r"|replaced\s+by|second[- ]line|third[- ]line)\b", re.IGNORECASE)


def _sequenced(a: InterventionFact, b: InterventionFact) -> bool:
    """Are two treatments told apart: in no sentence together, or, in each they share, with a word of sequence
    between them or without a word that joins them?"""
    for sp in a.evidence:
        start, text = int(str(sp["start"])), str(sp["text"])
        end = start + len(text)
        pa = [x for x in a.positions if start <= x < end]
        pb = [x for x in b.positions if start <= x < end]
        for x in pa:
            for y in pb:
                lo, hi = sorted((x, y))
                between = text[lo - start:hi - start]
                # (two regimens are one line only when told as joined: "VDC alternating with IE", not "VIDE
                # induction, definitive radiotherapy and VAI consolidation")
                if not _SEQUENCE.search(between) and _JOINED.search(between):
                    return False
    return True


#: two regimens of one line: "VDC alternating with IE", "VDC/IE", "R-CHOP plus HD-MTX"
_JOINED = re.compile(r"\balternat\w*|\bin\s+alternation\b|\bcombined\s+with\b|\btogether\s+with\b|^\S*\s*(?:/|\+|plus"
                     r"|with|and)\s*\S*$", re.IGNORECASE)


def _shared_sentence(a: InterventionFact, b: InterventionFact) -> bool:
    """Are two treatments told in one sentence of the narrative (not only in the abstract)?"""
    return not (a.summary or b.summary) and bool({e["start"] for e in a.evidence} & {e["start"] for e in b.evidence})


def _merge_course(into: InterventionFact, f: InterventionFact) -> None:
    for sp in f.evidence:
        add_evidence(into.evidence, sp)
    for a, t in zip(f.agents, f.agent_terms, strict=False):
        _add_agent(into, a, t)
    for attr in ("dose_gy", "fractions", "cycles", "dose", "intent", "response"):
        if getattr(into, attr) is None:
            setattr(into, attr, getattr(f, attr))


_LABEL_BEFORE = re.compile(r"^[^:.;]{1,40}:\s*")
#: a drug defined, opening its sentence: "Osimertinib (AZD9291) is a third-generation, mono-anilino-pyrimidine EGFR TKI"
_DEFINED_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,?\s*(?:is|are)\s+(?:an?|the)\s+", re.IGNORECASE)
#: drugs told as alternatives: "first-generation EGFR TKIs (gefitinib or erlotinib)"
_OR_BETWEEN = re.compile(r"\s*,?\s*or\s+", re.IGNORECASE)
_OR_NEGATED = re.compile(r"\b(?:not|no|never|without|neither|nor|failed|fail(?:s|ure)?|refractory|resistant|intolerant"
                         r"|unresponsive)\b", re.IGNORECASE)
_EITHER = re.compile(r"\beither\s+$|\band\s*/\s*$", re.IGNORECASE)
_THERAPY_OF = {"chemotherapy": "Chemotherapy", "targeted_therapy": "TargetedTherapy", "immunotherapy": "Immunotherapy",
               "other_drug": "OtherDrugTherapy"}


def _alternatives(text: str, base: int, mentions: list[Mention], drug_category: dict[str, str],
                  lex: Lexicon) -> list[Mention]:
    """Drugs of one kind told as alternatives ("had been treated with gefitinib or erlotinib") are one line of that
    kind whose drug is not told: one mention of the therapy, no agent."""
    drugs = sorted((m for m in mentions if m.kind == "drug"), key=lambda m: m.start)
    out = list(mentions)
    i = 0
    while i < len(drugs) - 1:
        j = i
        cat = drug_category.get(drugs[i].iri, "other_drug")
        while j + 1 < len(drugs) and drug_category.get(drugs[j + 1].iri, "other_drug") == cat \
                and drugs[j + 1].iri != drugs[j].iri \
                and _OR_BETWEEN.fullmatch(text[drugs[j].end - base:drugs[j + 1].start - base]) \
                and not _EITHER.search(text[drugs[j].end - base:drugs[j + 1].start - base]):
            j += 1
        iri = f"{SKG}{_THERAPY_OF.get(cat, '')}"
        listed_before = i > 0 and re.fullmatch(r"\s*,\s*", text[drugs[i - 1].end - base:drugs[i].start - base])
        # (after a negation "or" joins both: "did not respond to afatinib or anlotinib")
        start = drugs[i].start - base
        negated = bool(_OR_NEGATED.search(text[clause_start(text, start):start]))
        if j > i and iri in lex.terms and not listed_before and not negated:
            run = drugs[i:j + 1]
            # (the class they were named for goes with them: "a first-generation EGFR TKI (gefitinib or erlotinib)")
            out = [m for m in out if all(m is not x for x in run) and not (
                m.kind == "procedure" and m.iri == iri and 0 <= run[0].start - m.end <= 30)]
            said = text[run[0].start - base:run[-1].end - base]
            out.append(Mention("procedure", iri, run[0].start, run[-1].end, said))
        i = j + 1
    return sorted(out, key=lambda m: m.start)


#: a cohort counted: "14 of 18 patients received crizotinib", "in a retrospective study of 40 patients"
_COHORT_COUNT = re.compile(r"\b\d+\s+of\s+(?:the\s+)?\d{2,}\s+(?:[\w-]+\s+){0,2}?(?:patients|cases|children|adults)\b"
                           rf"|{COHORT_COUNTED.pattern}"
                           r"|\b(?:retrospective|prospective|multicent(?:re|er)|five-centre|cohort)\s+(?:\w+\s+){0,2}?"
                           r"(?:study|series|analysis|cohort)\s+of\s+\d+"
                           rf"|{COMPARED_WITH.pattern}"  # another disease's treatment compared
                           # a trial's arms: "In the phase III AURA3 trial, 419 patients ... were randomised to ..."
                           r"|\brandomi[sz]ed\s+(?:to|between|1:1)\b|\b(?:phase\s+(?:I{1,3}V?|[1-4])\w*|randomi[sz]ed)\s+"
                           r"(?:[\w-]+\s+){0,3}?trials?\b"
                           # "the BRIM3 trial, which randomised vemurafenib against dacarbazine"
                           r"|\brandomi[sz](?:ed|ing|es)\s+[^.;]{1,60}?\s+(?:against|versus|vs\.?|with)\s",
                           re.IGNORECASE)
#: the core taken with the aspirate, in one sitting: "bone marrow aspiration and trephine biopsy"
_WITH_ASPIRATE = re.compile(r"\baspirat(?:e|es|ion|ions)\s+and\s+(?:a\s+|the\s+)?(?:bone\s+marrow\s+)?$", re.IGNORECASE)
#: drugs joining the line being given: "Cisplatin and irinotecan were added in the last cycle", "with the addition
#: of etoposide"
_ADDED_TO_LINE = re.compile(r"\b(?:(?:was|were)\s+(?:then\s+|also\s+|later\s+|subsequently\s+)?added"
                            r"|the\s+addition\s+of|added\s+to\s+(?:the|this|his|her)\s+(?:regimen|chemotherapy"
                            r"|treatment))\b", re.IGNORECASE)
#: a biopsy taken again, not the one told: "a second biopsy", "a repeat biopsy", "re-biopsy", "another biopsy"
_ANOTHER_BIOPSY = re.compile(r"\b(?P<n>second|third|fourth|repeat|another|further|new)\s+(?:[\w-]+\s+){0,2}?$",
                             re.IGNORECASE)
_PLURAL_BIOPSIES = re.compile(r"ies\b|sies\b|s$", re.IGNORECASE)
#: ... or after time has passed: "A year later the pontine lesion was biopsied"
_BIOPSY_LATER = re.compile(r"\b(?:(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\s+"
                           r"(?:after|later)|at\s+(?:recurrence|relapse|progression))\b", re.IGNORECASE)
#: ... unless the biopsy named is the one told: "after the first biopsy", "this biopsy"
_THAT_BIOPSY = re.compile(r"\b(?:the\s+(?:first|initial|previous|earlier|original|diagnostic)|this|that|the)\s+"
                          r"(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
#: a new operation, not more of the one just told: a recurrence, a revision, a second stage, time passing
_NEW_OPERATION = re.compile(
    r"\b(?:recurren\w*|relaps\w*|regrowth|re-?growth|progress\w*|re-?operat\w*|re-?resect\w*|re-?excis\w*|revision"
    r"|second(?:ary)?,?\s+(?:\w+\s+)?(?:operation|surgery|resection|excision|procedure|stage|look)"
    r"|(?:two|2)[- ]stage[d]?"
    r"|staged|again|another\s+(?:\w+\s+)?(?:operation|surgery|resection|procedure)|repeat(?:ed)?|residual|salvage"
    r"|(?:days?|weeks?|months?|years?)\s+(?:after|later)|after\s+(?:\w+\s+){0,2}(?:days?|weeks?|months?|years?)"
    r"|in\s+(?:19|20)\d\d)\b", re.IGNORECASE)
#: a sentence that sums the case up: "we report ...", "treated with chemotherapy and en bloc spondylectomy"
_SUMMARY = re.compile(r"\b(?:we\s+(?:report|describe|present)|this\s+(?:case|report)"
                      r"|(?:was|were)\s+treated\s+(?:with|by)|treated\s+(?:with|by)\s+\w+|managed\s+(?:with|by)"
                      r"|(?:followed\s+by|and|with|plus)\s+(?:\w+\s+){0,2}(?:radio\w*|chemo\w*|irradiation|proton\w*))\b",
                      re.IGNORECASE)
#: time passing between two operations told in one sentence: "a fusion, followed one week later by a resection"
_GAP = re.compile(r"\b(?:(?:days?|weeks?|months?|years?)\s+(?:after|later)|(?:two|2)[- ]stage[ds]?|staged|later"
                  r"|thereafter|subsequently|afterwards)\b", re.IGNORECASE)
#: another kind of event told between two operations of one sentence ("an emergency laminectomy ..., he received
#: radiotherapy, and then, following embolization, a stabilization was carried out"): they are two operations
_OTHER_EVENT = re.compile(r"\b(?:radiotherapy|radiation|irradiat\w*|radiosurgery|emboli[sz]ation|embolized|embolised"
                          r"|chemotherapy|chemoradiotherapy|\d+(?:\.\d+)?\s*Gy)\b", re.IGNORECASE)
#: an operation named by its place in the story: "after the second operation"
_NTH_OPERATION = re.compile(r"\b(?:the|his|her)\s+(first|second|third|fourth)\s+$", re.IGNORECASE)
#: a repeat of an operation, not the first telling of one: "re-resection", "a second operation", "at recurrence"
_REPEAT = re.compile(r"\b(?:recurren\w*|relaps\w*|re-?operat\w*|re-?resect\w*|re-?excis\w*|revision|second(?:ary)?,?\s+"
                     r"(?:\w+\s+)?(?:operation|surgery|resection|excision|procedure|stage|look)|again|another|repeat"
                     r"(?:ed)?|residual|salvage)\b", re.IGNORECASE)
#: weaker: a later step of the story ("He subsequently underwent ..."), unless what follows is a step of the operation
_LATER = re.compile(r"\b(?:later|thereafter|afterwards|subsequently|then\s+underwent|eventually)\b", re.IGNORECASE)
#: the parts of an operation that are not its purpose: reconstruction, instrumentation, fusion, a flap, decompression
STEP_CLASSES = ("SpinalReconstruction", "InstrumentationAndFusion", "FlapReconstruction", "Decompression",
                "BoneGrafting", "LymphNodeDissection")
#: procedures done on their own, percutaneously: never folded into an open operation by being told next to it
_STANDALONE = ("RadiofrequencyAblation", "Cryoablation", "Kyphoplasty")
#: an operation of the patient's past, told before the present one
_PAST = re.compile(r"\b(?:earlier|previously|ago|years?\s+before|(?:prior\s+to|before)\s+(?:(?:this|the|her|his)\s+)?"
                   r"(?:(?:present|current|index)\s+)?(?:presentation|admission|referral)|had\s+(?:undergone"
                   r"|been\s+(?:treated|operated)|received)|at\s+another\s+(?:hospital|institution|centre|center))\b",
                   re.IGNORECASE)
#: the operation as the point a time is counted from: "six months after surgery", "even after gross total resection"
_SINCE = re.compile(r"\b(?:after|since|following|post|before|from)\s+(?:(?:the|his|her|this|that|a|an|initial|first"
                    r"|index|primary|simpson|grade|[IV]+(?:-[IV]+)?)\s+){0,3}$", re.IGNORECASE)
_TIME_SINCE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few)"
                         r"\s+(?:days?|weeks?|months?|years?)\s+(?:after|following|post)\s+(?:the\s+|his\s+|her\s+)?"
                         # "14 years after the first spinal cord operation"
                         r"(?:(?:first|initial|index|original|spinal|cord|spine|primary)\s+){0,3}$",
                         re.IGNORECASE)
_DATES_FIRST = re.compile(r"\b(?:subsequently|later|then|thereafter|afterwards)\s+(?:performed|done|carried\s+out"
                          r"|undertaken|completed)\b", re.IGNORECASE)
_FIRST = re.compile(r"\b(?:first|original|initial|index|primary|earlier|previous)\s+(?:[\w\-]+\s+)?$", re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:the|this|that|his|her|their|its|same)\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)


def _anaphor(text: str, where: int) -> bool:
    """Is the procedure named at ``where`` a definite reference to one told before ("after the spondylectomy"), not
    a passive verb with its subject ("The tumour was resected")?"""
    before = text[max(0, where - 40):max(0, where)]
    return bool(_ANAPHOR.search(before)) and not _PASSIVE_BEFORE.search(before)


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _is(lex: object, iri: str | None, names: tuple[str, ...]) -> bool:
    if not iri:
        return False
    chain = [iri, *lex.ancestors(iri)]  # type: ignore[attr-defined]
    return any(c.rsplit("/", 1)[-1] in names for c in chain)


#: a report's field naming its specimen: "Specimen: intradural tumour, conus medullaris, resected 2016"
_SPECIMEN_FIELD = re.compile(r"^\W*(?:specimens?|material)\s*(?:\([^()]{0,30}\))?\s*:", re.IGNORECASE)


#: a date of the story told by its year: "In 2016", "in September 2016", "by early 2019"
_DATED = re.compile(r"\b(?:in|on|by)\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:January|February|March|April|May|June|July"
                    r"|August|September|October|November|December)\s+)?(?:19|20)\d\d\b", re.IGNORECASE)


def _moved_on(texts: dict[int, str], starts: list[int], a: int, b: int) -> bool:
    """Whether a sentence between sentences a and b moves the story on (a recurrence, a date, "years later")."""
    return any(_NEW_OPERATION.search(texts.get(starts[x], "")) for x in range(a + 1, b))


#: an operation done again, said after its name: "the tumour was resected again"
_AGAIN_AFTER = re.compile(r"\S*\s+(?:again|once\s+more|a\s+second\s+time)\b", re.IGNORECASE)


def operations(facts: list[InterventionFact], starts: list[int], texts: dict[int, str],
               lex: object, generic: set[str] = frozenset(),  # type: ignore[assignment]
               summaries: frozenset[int] = frozenset()) -> list[InterventionFact]:
    """One surgery per operation: the steps of one operation (a TES with its reconstruction, a laminectomy
    with the resection it gave access to) told in one sentence or the next ones are one event; a mention
    with a new-operation cue (a recurrence, a second stage, months later) starts another; a later mention
    of an operation already told (in the abstract and again in the case; "at 2 years after the
    spondylectomy") is that operation again.

    The event's label is its first-told purpose (a step names it only when it has no other procedure); its
    other procedures stay as its ``steps``.
    """
    import bisect

    def sentence_of(span: dict[str, object]) -> int:
        return max(0, bisect.bisect_right(starts, int(span["start"])) - 1)  # type: ignore[call-overload]

    def related(a: str | None, b: str | None) -> bool:
        return bool(a and b and (a == b or a in lex.ancestors(b) or b in lex.ancestors(a)))  # type: ignore[attr-defined]

    # the sentences where another kind of event is told: the story has moved on between two mentions
    others = sorted({sentence_of(sp) for f in facts if f.category != "surgery" for sp in f.evidence})
    surg = sorted((f for f in facts if f.category == "surgery" and f.evidence),
                  key=lambda f: int(f.evidence[0]["start"]))  # type: ignore[call-overload]
    events: list[tuple[InterventionFact, set[int], list[str | None]]] = []
    counts = {id(f) for f in surg if _count(f) is not None}
    folded: set[int] = set()
    closed: set[int] = set()
    last_at: dict[tuple[int, int], int] = {}  # where in a sentence an event was last named
    for f in surg:
        first = f.evidence[0]
        idx = sentence_of(first)
        text = texts.get(starts[idx], "")
        # where in its sentence the procedure is named (evidence spans are whole sentences)
        found = f.at - starts[idx] if f.at >= starts[idx] else (text.lower().find((f.label or "").lower())
                                                                if f.label else -1)
        where = max(found, 0)
        cue_window = text[:where] + text[where:where + len(f.label or "") + 40]
        step = _is(lex, f.term, STEP_CLASSES) or f.term in generic
        target = None
        # operations told by their number ("three further operations") are events of their own: never a step
        # of another, never the operation a later mention names
        # (nor is a report's field naming its specimen: it names the operation the history tells later)
        pool = [e for e in events if id(e[0]) not in counts
                and not _SPECIMEN_FIELD.match(texts.get(starts[min(e[1])], ""))]
        if pool and id(f) not in counts:
            ev, sents, terms = pool[-1]
            if idx not in sents:  # the operation its own sentence tells, if one was folded into an earlier telling
                ev, sents, terms = next((e for e in reversed(pool) if idx in e[1]), pool[-1])
            family = [e for e, _, ts in pool if any(related(f.term, t) for t in ts)]
            # once time has passed since an operation, only its own name or a broader one is it again ("the en
            # bloc spondylectomy"); a narrower or sibling procedure ("an anterior corpectomy") is a new one
            # (a named procedure is not one of "three further operations": operations told by number are not it)
            again = [e for e, e_sents, ts in pool if any(related(f.term, t) for t in ts if t not in generic
                                                               or f.term in generic
                                                               or not _PLURAL_OPS.search(e.label or ""))
                     and (
                id(e) not in closed or any(f.term == t or f.term in lex.ancestors(t) for t in ts if t))  # type: ignore[attr-defined]
                     # (an operation told as history is not the one told now, unless named back: "the earlier X")
                     and not (_PAST.search(texts.get(starts[min(e_sents)], "")) and not _PAST.search(text)
                              and not _anaphor(text, where))]
            between = any(max(sents) < o < idx for o in others)
            # a new date told since the last telling: "In 2011 ... a second resection ... In 2016 MRI of the spine
            # showed ... The intradural lesion was surgically resected" is another operation
            # ... or the story moved on in a sentence between: "The residual primary was then resected. At the end
            # of maintenance therapy, the boy developed multiple CNS metastases. ... a ventriculoperitoneal shunt"
            dated = any(_DATED.search(t) or (x < idx and _STORY_MOVED.search(t) and not _NO_COURSE.search(t))
                        for x in range(max(sents) + 1, idx + 1) for t in [texts.get(starts[x], "")])
            # "a posterior fusion, followed one week later by a transoral resection": two operations in a sentence
            said = last_at.get((id(ev), idx), -1)
            if said < 0 and idx in sents:
                said = text.lower().find((ev.label or "").lower())
                said = said + len(ev.label or "") if said >= 0 else -1
            # "the TES was subsequently performed, and the spine was reconstructed": the cue dates the first one
            gap = _DATES_FIRST.sub(" ", text[said:where]) if 0 <= said < where else ""
            past = _PAST.search(texts.get(starts[min(sents)], "")) and not _PAST.search(text)
            repeat = bool(gap and _REPEAT.search(gap + (f.label or "").split(" ")[0])) \
                or bool(_AGAIN_AFTER.match(text, where))  # "..., and a second operation", "... was resected again"
            nth = _NTH_OPERATION.search(text[max(0, where - 30):max(0, where)]) if f.term in generic else None
            # (counted among the operations of the same telling: the abstract's, or the narrative's)
            told = [e for e, e_sents, _ in events
                    if any(starts[x] in summaries for x in e_sents) == (starts[idx] in summaries)]
            n_th = int(to_number(nth.group(1)) or 0) if nth else 0
            if n_th and len(told) >= n_th:
                target = told[n_th - 1]  # "three months after the second operation": the operation told second
            elif idx in sents and family and f.term in generic and _SINCE.search(
                    text[max(0, where - 40):max(0, where)]):
                target = family[-1]  # "..., and two years after surgery he remains well": the time is counted from it
                closed.add(id(target))
            elif idx in sents and not _GAP.search(gap) and not repeat and not _OTHER_EVENT.search(gap):
                target = ev  # told in a sentence of that operation: one of its steps
            elif idx in sents:
                target = None
            elif _PAST.search(text[:where + len(f.label or "") + 40]) and not _PAST.search(
                    texts.get(starts[min(sents)], "")) and not _anaphor(text, where):
                # "Seven years earlier he had undergone palliative surgery": an operation of the past (a word of the
                # past well after it is another clause's: "... so soon after surgery, [...] could have been found
                # earlier")
                target = None
            elif past and not (family and _anaphor(text, where)):
                target = None  # the last operation was told as history ("ten years earlier he had undergone")
            elif _is(lex, f.term, _STANDALONE):
                target = None
            elif family and _anaphor(text, where) and not _REPEAT.search(
                    text[max(0, where - 40):where + len(f.label or "")]):
                # "after the spondylectomy": the operation told before; "the original resection": the first
                target = family[0] if _FIRST.search(text[max(0, where - 40):where]) else family[-1]
                if _SINCE.search(text[max(0, where - 40):max(0, where)]):
                    closed.add(id(target))  # "three years after this first operation": time has passed since
            elif _SINCE.search(text[max(0, where - 40):max(0, where)]):
                target = family[-1] if family else ev  # "26 months after surgery": a time counted from it
                closed.add(id(target))  # time has passed since it: what is told next is not one of its steps
            elif _NEW_OPERATION.search(cue_window):
                target = None
            elif _is(lex, ev.term, ("PrimaryTumorResection",)) and not _is(lex, f.term, ("PrimaryTumorResection",)) \
                    and any(_NEW_OPERATION.search(texts.get(starts[x], "")) for x in range(max(sents) + 1, idx)):
                # "He first underwent pulmonary surgery ... Four years later he developed cervical myelopathy ... He
                # underwent cervical surgery": time has passed since the operation on the primary; this is the spine's
                target = None
            elif step and idx - max(sents) <= 2 and not between and id(ev) not in closed and not _is(
                    lex, ev.term, _STANDALONE):  # a decompression after a kyphoplasty is an open operation of its own
                target = ev
            elif again and not between and not dated:
                target = again[-1]
            elif _LATER.search(cue_window):
                target = None
            elif idx - max(sents) <= 2 and not between and not dated and id(ev) not in closed:
                target = ev
        if target is None and f.term in generic and _TIME_SINCE.search(text[max(0, where - 40):max(0, where)]) \
                and (events or any(x.category == "biopsy" for x in facts)):
            # "he died 9 months after surgery": a time counted from an operation told elsewhere, not a new one
            folded.add(id(f))
            if events:
                _fold(events[-1][0], f, lex, generic)
            continue
        if target is None:
            events.append((f, {sentence_of(sp) for sp in f.evidence}, [f.term]))
            if f.term not in generic and _TIME_SINCE.search(re.sub(r"\b(?:an?)\s+$", "",
                                                                   text[max(0, where - 40):max(0, where)])):
                # "a mass twelve years after a nephrectomy": time has passed since it, what follows is no step of it
                closed.add(id(f))
            if f.at >= 0:
                last_at[(id(f), idx)] = f.at - starts[idx] + len(f.label or "")
            continue
        folded.add(id(f))
        _fold(target, f, lex, generic)
        if f.at >= 0:
            last_at[(id(target), idx)] = f.at - starts[idx] + len(f.label or "")
        for e, sents, terms in events:
            if e is target:
                sents.update(sentence_of(sp) for sp in f.evidence)
                terms.append(f.term)
    # an operation summarised first (title, abstract) and told later in the narrative is one operation, told
    # where the narrative tells it: fold the earlier into the later unless the later is a repeat or the earlier
    # was history
    other_at = set(others)
    kept: list[tuple[InterventionFact, set[int], list[str | None]]] = []
    is_summary = [any(x in other_at or starts[x] in summaries or _SUMMARY.search(texts.get(starts[x], ""))
                      for x in sents) for _, sents, _ in events]  # on what each was told in, before any folding
    # (and where each was first told, before any folding)
    own_at = {id(e): min(sents) for e, sents, _ in events}
    for i, (a, a_sents, a_terms) in enumerate(events):
        specific = [t for t in a_terms if t not in generic]
        # a report's field naming its specimen ("Specimen: intradural tumour, conus medullaris, resected 2016") names
        # the operation the report is about, the last of its kind the history tells
        field = bool(_SPECIMEN_FIELD.match(texts.get(starts[own_at[id(a)]], "")))
        summary = is_summary[i] or field
        # (a field naming its specimen by a generic operation, "SPECIMEN: Globe, enucleation", is the resection the
        # history tells)
        field_terms = set(a_terms) if field and not specific else set()
        # (each with whether it is told as a repeat)
        candidates = [(b, bool(_REPEAT.search(texts.get(starts[min(b_sents)], ""))))
                      for b, b_sents, b_terms in events[i + 1:] if id(b) not in counts
                      and (any(related(x, y) for x in specific for y in b_terms if y not in generic)
                           or bool(field_terms & set(b_terms)) if summary
                          # the very same procedure told again (a shared step, a graft or a fusion, is not)
                          else bool({t for t in specific if not _is(lex, t, STEP_CLASSES)} & set(b_terms)))
                      # a step done again months later ("One month later ... decompression") is another operation,
                      # and so is one told after the story has moved on ("In 2011 ... progression ... In 2016 ...")
                      and (summary or (not _NEW_OPERATION.search(texts.get(starts[min(b_sents)], ""))
                                       and not _moved_on(texts, starts, max(a_sents), own_at[id(b)])))
                      # (an operation of the past is that operation again only when told as the past again)
                      and (not _PAST.search(texts.get(starts[min(a_sents)], ""))
                           or bool(_PAST.search(texts.get(starts[min(b_sents)], ""))))]
        # (a report's specimen is the operation the history tells, even one told as a repeat when no other is)
        later_ones = [b for b, repeat in candidates if not repeat] or (
            [b for b, _repeat in candidates] if field else [])
        later = None if id(a) in counts or not later_ones else later_ones[-1] if field else later_ones[0]
        if later is None:
            kept.append((a, a_sents, a_terms))
            continue
        folded.add(id(a))
        _fold(later, a, lex, generic, keep_label=True)
        for b, b_sents, b_terms in events[i + 1:]:
            if b is later:
                b_sents.update(a_sents)
                b_terms.extend(a_terms)
    return [f for f in facts if id(f) not in folded]


def _fold(event: InterventionFact, step: InterventionFact, lex: object, generic: set[str], *,
          keep_label: bool = False) -> None:
    """Merge a step into its operation: evidence, levels; the event named by its purpose rather than a step,
    by a step rather than a generic word ("operation")."""
    def rank(f: InterventionFact) -> float:
        if f.term in generic:
            return 0
        if _is(lex, f.term, ("BoneGrafting",)):
            return 0.5  # a graft names an operation least of its steps
        if _is(lex, f.term, STEP_CLASSES):
            return 1
        return 2 if (f.term or "").endswith("/TumorResection") else 3  # a bare "resection" names it least

    narrower = bool(step.term and event.term and step.term != event.term
                    and event.term in lex.ancestors(step.term))  # type: ignore[attr-defined]
    if narrower and rank(step) == rank(event):  # "excision", then "removed en bloc": the same act, named better
        event.label, event.term = step.label, step.term
    elif rank(step) > rank(event) or (keep_label and rank(step) == rank(event)
                                      and len(step.label or "") > len(event.label or "")):
        if event.label and event.label not in event.steps and not keep_label:
            event.steps.append(event.label)
        event.label, event.term = step.label, step.term
    elif step.label and step.label not in event.steps and step.label != event.label and not keep_label:
        event.steps.append(step.label)
    for span in step.evidence:
        add_evidence(event.evidence, span)
    event.evidence.sort(key=lambda sp: int(sp["start"]))  # type: ignore[call-overload]
    for lvl in step.levels:
        if lvl not in event.levels:
            event.levels.append(lvl)


def _add_agent(fact: InterventionFact, name: str, iri: str) -> None:
    if name not in fact.agents:
        fact.agents.append(name)
        fact.agent_terms.append(iri)


def _participle(text: str, s: int, e: int, m: Mention, matcher: Matcher, iri: str, label: str) -> tuple[str, str]:
    """'totally resected' -> total resection; 'removed en bloc' -> en bloc removal (when the lexicon knows them)."""
    noun = matcher.participles[norm(m.surface)]
    window_before = text[max(0, s - 25):s]
    window_after = text[e:e + 25]
    adverbs = [a.group() for a in _ADVERB.finditer(window_before)][-1:] + \
        [a.group() for a in _ADVERB.finditer(window_after)][:1]
    for adv in adverbs:
        name = f"{_adjective(adv)} {noun}"
        hit = matcher.lex.lookup("procedure", name)
        if hit:
            return hit, name
    return iri, label if label != m.surface else (matcher.lex.label(iri) or label)
