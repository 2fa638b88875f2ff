"""Case records from the plain text of a case report (Markdown or text with page furniture).

``extract_text(text, document)`` gives one record per patient (``id`` = the document stem, or
stem + "-case1", "-case2", ... for a report of several patients), every fact with its evidence
(sentence and character span) and, where one exists, the ontology term it was grounded to.
Tumour types, markers, genes, drugs, procedures, modalities and symptoms are matched through the
ontology lexicon; notation (levels, doses, fusions, numbers as words) is read by the modules of
``spinekg.loaders.extract``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spinekg.loaders.extract import (
    clinical,
    findings,
    furniture,
    genomic,
    interventions,
    markers,
    outcome,
    patient,
    tables,
    timing,
)
from spinekg.loaders.extract import diagnosis as dx
from spinekg.loaders.extract.levels import find_levels, tumor_levels
from spinekg.loaders.extract.lexmatch import Matcher, Mention, abbreviations, default_matcher, tokens
from spinekg.loaders.extract.numwords import NUMBER
from spinekg.loaders.extract.prefilter import needs
from spinekg.loaders.extract.primary_site import carcinoma_mentions
from spinekg.loaders.extract.sentences import (
    COHORT_COUNTED,
    COMPARED_WITH,
    Document,
    Sentence,
    named_patients,
    patient_clauses,
    respective,
    segment,
)
from spinekg.ontology import SKG, ontology_store
from spinekg.ontology.lexicon import Lexicon, lexicon, norm

from spinekg.model import CaseRecord

logger = logging.getLogger(__name__)
_METASTASIS = f"{SKG}Metastasis"



@dataclass(frozen=True)
class Resources:
    """Everything the extractor derives from the ontology once per process."""

    matcher: Matcher
    drug_category: dict[str, str]
    regimen_agents: dict[str, list[str]]
    gene_symbol: dict[str, str]
    fusion_term: dict[tuple[str, str], str]
    tumor_parents: dict[str, list[str]]
    generic_tumors: set[str]
    generic_procedures: set[str]
    labels: dict[str, str]
    pattern_names: dict[str, str]
    #: chromosome rearrangements of the ontology's fusions: (fusion IRI, 5' symbol, 3' symbol, ISCN notation)
    translocations: tuple[tuple[str, str, str, str], ...] = ()
    #: the hormonal agents, given as one line with a targeted drug they are joined to ("fulvestrant with alpelisib")
    hormonal: frozenset[str] = frozenset()
    #: the corticosteroids, a part of the regimen of the antineoplastic drugs they are listed with ("bortezomib,
    #: carfilzomib and dexamethasone")
    corticosteroids: frozenset[str] = frozenset()
    #: the immunomodulatory agents (lenalidomide, thalidomide, pomalidomide), antineoplastic in such a regimen
    immunomodulatory: frozenset[str] = frozenset()


def _query(q: str) -> list[tuple[str, ...]]:
    try:
        return [tuple(t.value for t in row) for row in ontology_store().query(q)]  # type: ignore[union-attr]
    except (OSError, ValueError, SyntaxError) as e:  # no ontology yet
        logger.warning("ontology query failed: %s", e)
        return []


def build_resources(lex: Lexicon, matcher: Matcher | None = None) -> Resources:
    matcher = matcher or Matcher(lex)
    drugs = {t.iri for t in lex.of_kind("drug")}
    # the ontology says which record category a drug's therapy is (skg:recordCategory on the drug or its class)
    drug_category = {d: lex.category(d) or "other_drug" for d in drugs}
    regimen_agents: dict[str, list[str]] = {}
    regimens = {t.iri for t in lex.of_kind("regimen")}
    for r, d in _query(f"SELECT ?r ?d WHERE {{ ?r ?p ?d . ?d a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#subCl"
                       f"assOf>* "
                       f"<{SKG}Drug> }}"):
        if r in regimens and d in drugs:
            regimen_agents.setdefault(r, []).append(d)
    gene_symbol = {t.iri: t.label for t in lex.of_kind("gene")}
    fusion_term: dict[tuple[str, str], str] = {}
    for t in lex.of_kind("fusion"):
        parts = t.label.replace("–", "::").replace("-", "::").split("::")
        if len(parts) == 2:
            fusion_term[(parts[0].strip(), parts[1].strip())] = t.iri
    tumor_parents = {t.iri: list(t.parents) for t in lex.of_kind("tumor_type")}
    roots = [iri for iri, ps in tumor_parents.items() if not any(p in tumor_parents for p in ps)]
    generic_tumors: set[str] = set()
    for root in roots:
        generic_tumors |= dx.generic_terms(tumor_parents, root)
    generic_procedures = set()
    for t in lex.of_kind("procedure"):
        if t.category and not any(lex.category(p) == t.category for p in t.parents):
            generic_procedures.add(t.iri)  # the top class of its category: "surgery", "biopsy", ...
    labels = {iri: t.label for iri, t in lex.terms.items()}
    pattern_names: dict[str, str] = {}
    for t in lex.of_kind("pattern"):
        for n in [t.label, *t.synonyms]:
            if len(tokens(n)) == 1:
                pattern_names[norm(n)] = t.label
    by_iri = {iri: pair for pair, iri in fusion_term.items()}
    translocations = tuple(sorted(
        (f, *by_iri[f], n) for f, n in _query(f"SELECT ?f ?n WHERE {{ ?f <{SKG}cytogeneticNotation> ?n }}")
        if f in by_iri))
    hormonal = frozenset(d for (d,) in _query(f"SELECT ?d WHERE {{ ?d a <{SKG}HormonalAgent> }}") if d in drugs)
    steroids = frozenset(d for (d,) in _query(f"SELECT ?d WHERE {{ ?d a <{SKG}Corticosteroid> }}") if d in drugs)
    imids = frozenset(d for (d,) in _query(f"SELECT ?d WHERE {{ ?d a <{SKG}ImmunomodulatoryAgent> }}") if d in drugs)
    return Resources(matcher, drug_category, regimen_agents, gene_symbol, fusion_term, tumor_parents, generic_tumors,
                     generic_procedures, labels, pattern_names, translocations, hormonal, steroids, imids)


@functools.lru_cache(maxsize=1)
def default_resources() -> Resources:
    return build_resources(lexicon(), default_matcher())


_LETTER = re.compile(r"[A-Za-z]")


def _written_as_named(m: Mention, matcher: Matcher) -> bool:
    term = matcher.lex.terms.get(m.iri)
    said = re.sub(r"\s", "", m.surface)
    return term is not None and any(re.sub(r"\s", "", n) == said for n in [term.label, *term.synonyms])


def _mentions(doc: Document, matcher: Matcher) -> dict[int, list[Mention]]:
    """Lexicon mentions of every sentence (keyed by sentence start), abbreviations resolved, and the metastases
    named by their primary ("prostate adenocarcinoma")."""
    extra: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    out: dict[int, list[Mention]] = {}
    metastasis = _METASTASIS if _METASTASIS in matcher.lex.terms else None
    for s in doc.sentences:
        found = matcher.find(s.text, s.start, extra or None)
        # (a name without letters is read only as written: "7+3" is not the "7 (3+4)" of a Gleason score nor a
        # haemoglobin of "7.3")
        found = [m for m in found if _LETTER.search(m.surface) or _written_as_named(m, matcher)]
        if metastasis:
            found = sorted(found + carcinoma_mentions(s.text, s.start, metastasis, found), key=lambda m: m.start)
        out[s.start] = found
        for k, v in abbreviations(s.text, s.start, found).items():
            extra.setdefault(k, []).extend(x for x in v if x not in extra.get(k, []))
    return out


#: a regimen the report names itself: "a combination of irinotecan and cisplatin (the \"I/C regimen\")"
_DEFINED = re.compile(r"\(\s*(?:the\s+)?[\"“'‘]?(?P<abbr>[A-Z][A-Za-z0-9/+\-]{0,8})(?:\s+(?:regimen|protocol"
                      r"|combination"
                      r"|scheme|therapy))?[\"”'’]?\s*\)")


def _defined_regimens(doc: Document, mentions: dict[int, list[Mention]], drug_category: dict[str, str]) -> None:
    """A regimen named by the report ("the I/C regimen") stands, wherever it is named, for the drugs it was defined
    with: their mentions are added at each later naming."""
    defined: dict[str, list[Mention]] = {}
    for s in doc.sentences:
        for m in _DEFINED.finditer(s.text):
            drugs = [x for x in mentions[s.start] if x.kind == "drug" and drug_category.get(x.iri) == "chemotherapy"
                     and m.start() - 90 <= x.start - s.start < m.start()]
            if len({x.iri for x in drugs}) >= 2 and not any(x.start - s.start >= m.start() and x.end - s.start
                                                            <= m.end() for x in mentions[s.start]):
                defined.setdefault(m.group("abbr"), drugs)
    for abbr, drugs in defined.items():
        rx = re.compile(rf"(?<![\w/]){re.escape(abbr)}(?![\w/])")
        for s in doc.sentences:
            for m in rx.finditer(s.text):
                a, b = s.start + m.start(), s.start + m.end()
                if any(x.start <= a < x.end for x in mentions[s.start]) or _DEFINED.match(s.text,
                                                                                     max(0, m.start() - 10)):
                    continue
                seen: set[str] = set()
                for d in drugs:
                    if d.iri not in seen:
                        seen.add(d.iri)
                        mentions[s.start].append(Mention("drug", d.iri, a, b, d.surface))
            mentions[s.start].sort(key=lambda x: x.start)


def _tuples(sents: list[Sentence], mentions: dict[int, list[Mention]], kinds: tuple[str, ...],
            ) -> list[tuple[str, int, dict[str, object], list[Mention]]]:
    return [(s.text, s.start, s.span(), [m for m in mentions[s.start] if m.kind in kinds]) for s in sents]


def extract_text(text: str, document: str, resources: Resources | None = None) -> list[CaseRecord]:
    """One case record per patient the report describes."""
    res = resources or default_resources()
    timing.clear()  # their caches serve one document's repeated questions, not the next document
    res.matcher.forget()
    doc = segment(furniture.clean(text))  # same length, so evidence spans still index the text as given
    mentions = _mentions(doc, res.matcher)
    _defined_regimens(doc, mentions, res.drug_category)
    stem = Path(document).stem
    src = patient.source(text)
    patients = doc.patients or [0]
    # each patient's sex, to tell whom "in the woman" of a sentence told for the whole series speaks of
    sexes = {p: patient.age_sex([s.text for s in doc.case_sentences(p) if s.patient == p])[1] for p in patients if p}
    records = []
    for p in patients:
        rid = f"{stem}-case{p}" if p else stem
        d = _record(doc, mentions, res, p, sexes)
        d.update(document=Path(document).name, id=rid, method="text_mined", source=src)
        records.append(CaseRecord.from_dict(d, document=Path(document).name))
    return records


#: a sentence of the introduction or discussion about the report's own patient or tumour
_OURS = re.compile(r"\b(?:our|this|the\s+(?:present|current|index|reported))\s+(?:\w+\s+)?(?:patients?|cases?|child"
                   r"|boy|girl|man|woman|tumou?rs?|lesions?|neoplasm)\b|\bwe\s+(?:\w+\s+)?(?:report|present|describe"
                   r"|diagnosed|treated)\b|\bthe\s+authors\s+(?:\w+\s+)?(?:report|present|describe)\b"
                   r"|\bin\s+our\b|\bherein\b|\bhere\s+we\b", re.IGNORECASE)
#: a word of a spinal site: a case without one (and without a level) is of a tumour away from the spine
_SPINAL_SITE = re.compile(r"\b(?:spin(?:e|es|al|ous)|vertebr\w*|sacr\w*|coccy\w*|intradural|extradural|epidural"
                          r"|intramedullary|cauda\s+equina|paraspinal|paravertebral|lumbar|thoracic\s+(?:spine|cord|level)|cervical\s+"
                          r"(?:spine|cord)|conus|filum|myelopathy|cord\s+compression)\b", re.IGNORECASE)

#: a statement about every patient of a series: "All three tumours were immunopositive for brachyury", "There was
#: no recurrence in either patient"
_FOR_ALL = re.compile(r"\b(?:all|both|each|every|either|neither)(?:\s+(?:two|three|four|five|six))?\s+(?:of\s+)?"
                      r"(?:(?:the|our|these)\s+)?(?:(?:two|three|four|five|six)\s+)?(?:patients?|cases?|tumou?rs?"
                      r"|lesions?|specimens?|chordomas?|sarcomas?|women|men|children|girls|boys|infants|adults)\b"
                      # "All three underwent decompression", "both were treated" (as the subject: not "biopsies of the
                      # lung and of the skin both showed LCH")
                      r"|(?:^|[;:,]\s*|\b(?:and|but|then|later)\s+)(?:all\s+(?:two|three|four|five|six)|both)\s+"
                      r"(?:were|had|underwent|received|developed"
                      r"|presented|showed|remained|recovered|required|needed|stained|expressed|carried|harbou?red)\b",
                      re.IGNORECASE)


def _level_item(s: Sentence, ms: list[Mention], res: Resources, a: int = 0, b: int | None = None,
                ) -> tuple[str, dict[str, object], list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """A sentence (or its part a:b) as tumor_levels reads it: its text and the spans of its procedures, tumour
    names and other names, in the part's offsets."""
    b = len(s.text) if b is None else b
    inside = [m for m in ms if a <= m.start - s.start and m.end - s.start <= b]

    def spans(pred: Callable[[Mention], bool]) -> list[tuple[int, int]]:
        return [(m.start - s.start - a, m.end - s.start - a) for m in inside if pred(m)]
    procs = spans(lambda m: m.kind == "procedure" and res.matcher.lex.category(m.iri) in (
        "surgery", "biopsy", "embolization", "radiotherapy"))
    return (s.text[a:b], s.span(), procs, spans(lambda m: m.kind == "tumor_type"),
            spans(lambda m: m.kind in ("marker", "gene", "drug")))


#: the patients of a series of one sex, in the plural
_WOMEN = re.compile(r"\b(?:women|girls|females|mothers|pregnant)\b", re.IGNORECASE)
_MEN = re.compile(r"\b(?:men|boys|males)\b", re.IGNORECASE)
#: a time or a number of a measure, for the clause of each patient ("75 months for the first, 38 for the second")
_TIME = re.compile(rf"\b(?:{NUMBER})[\s-]*(?:years?|months?|weeks?|days?|Gy|cm|mm)\b", re.IGNORECASE)
#: a sentence whose subject is the report's own tumour or patient: "The tumour carried ...", "Her lesion showed ..."
_DEFINITE_SUBJECT = re.compile(r"^\W*(?:the|his|her|this)\s+(?:patient'?s\s+)?(?:tumou?r|lesion|mass|neoplasm|patient)"
                               r"\s+(?:carried|harbou?red|showed|had|was|displayed|revealed|contained)\b",
                               re.IGNORECASE)
#: the adverbs of a statement about a kind of tumour, not about a patient
_GENERALLY = (r"(?:characteristically|typically|usually|generally|classically|commonly|frequently|often|invariably"
              r"|consistently)")
#: a summary that gives the patients of a series each their own: "One proved to be ...; the other was ...", "...,
#: respectively"
_EACH_HIS_OWN = re.compile(r"\bthe\s+other\b|\brespectively\b|\b(?:the\s+)?(?:first|second|third)\s+(?:patient|case)\b",
                           re.IGNORECASE)
_GENERAL_CLAIM = needs(re.compile(
    rf"\b{_GENERALLY}\s+(?:stains?|express(?:es)?|shows?|displays?|harbou?rs?|carry|carries|are|is|lacks?|tests?)\b"
    # "BRAF V600 mutations are often reported in DIA/DIG"
    rf"|\b(?:is|are|have\s+been|has\s+been)\s+{_GENERALLY}\s+(?:reported|found|seen|described|detected|observed"
    r"|identified)\b"
    r"|\b(?:most|many|these|such)\s+(?:\w+\s+)?(?:tumou?rs|cases|lesions|neoplasms)\s+"
    r"(?:have|carry|harbou?r|show|display|express|lack)\b"
    # a share of a kind of tumour: "BRAF V600E is present in roughly 60-80% of tumours"
    r"|\b\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?\s*%\s+of\s+(?:all\s+|the\s+|these\s+)?"
    r"(?:\w+\s+)?(?:tumou?rs|cases|patients|lesions|examples|neoplasms|(?-i:[A-Z]{2,6}s))\b"
    # "ROS1 fusions account for about 10% of IMTs"
    r"|\b(?:account|accounts)\s+for\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+)?\d+(?:\.\d+)?\s*%"
    # "roughly 10-15% arise from mutations in SDHB", "about a third are caused by germline variants"
    r"|\b\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?\s*%\s+(?:of\s+(?:them|these|cases)\s+)?(?:arise|are\s+caused"
    r"|are\s+due|result|carry|harbou?r|have|show)\b"
    rf"|{COHORT_COUNTED.pattern}"  # "Of 24 evaluable patients, 8 had a KIT mutation"
    # a count of a group: "in seven of the 11 new carriers scanned", "8 of 22 had local relapses"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:the\s+)?(?:\d{2,}|[4-9])\s+(?:[\w-]+\s+)"
    r"{0,2}?(?:carriers|patients|cases|families|tumou?rs|children|adults|individuals|subjects|samples)\b"
    # what is said of a kind of change: "De novo mutations in BRCA1 and BRCA2 are rare"
    r"|\b(?:mutations|variants|alterations|fusions|rearrangements|deletions|amplifications)\s+(?:in|of)\s+[^.;]{1,40}?"
    r"\s+are\s+(?:very\s+|extremely\s+|exceedingly\s+)?(?:rare|uncommon|common|frequent|infrequent|unusual)\b"
    # a share in words: "Roughly half of patients carry the somatic JAK2 V617F mutation"
    r"|\b(?:half|a\s+third|a\s+quarter|two\s+thirds|three\s+quarters)\s+of\s+(?:all\s+|the\s+)?(?:[\w-]+\s+)?(?:patients"
    r"|cases|tumou?rs)\s+(?:carry|have|harbou?r|show)\b"
    # a cohort counted by its carriers: "(1,523 with a BRCA1 and 369 with a BRCA2 mutation)"
    r"|\b(?:cohort|series|study|registry)\s+of\s+(?:\w+\s+){0,2}?(?:carriers|patients|families|individuals)\b"
    # "MUC4 staining and an EWSR1-CREB3L1 fusion are the hallmarks", "Alternative fusions ... have been reported
    # occasionally"
    r"|\b(?:is|are)\s+(?:the\s+|its\s+)?hallmarks?\b|\b(?:has|have)\s+(?:also\s+)?been\s+(?:reported|described)\s+"
    r"(?:occasionally|rarely|in\s+(?:a\s+few|some|other|several|rare))"
    # a trial's or a study's patients counted: "In the ECOG trials E9486/9487, 351 patients were studied by FISH"
    r"|\b(?:trials?|study|studies|series|cohort|registry|analysis)\b[^.;]{0,60}?\b\d{2,}(?:,\d{3})?\s+(?:patients|cases"
    r"|tumou?rs|men|women|children|adults)\b"
    rf"|{COMPARED_WITH.pattern}"  # "comparing it with ALK/ROS1 fusion-positive disease treated with crizotinib"
    # what is commonest in a kind of tumour: "the NAB2-STAT6 fusion is by far the most frequent alteration", "across
    # public SFTP samples"
    r"|\b(?:the\s+)?(?:most|second\s+most)\s+(?:frequent|common|prevalent)\s+(?:\w+\s+)?(?:alterations?|changes?"
    # (not one patient's own samples: "Shared across the tumour samples: TP53 mutation; NF1 mutation")
    r"|fusions?|mutations?|events?|findings?|drivers?|partners?)\b"
    r"|\bacross\s+(?!(?:the|her|his|their|its|all|both|these|our|each)\b)(?:\w+\s+){0,3}?(?:samples|tumou?rs|cases"
    r"|cohorts|series)\b"
    # a share said in words: "A small proportion carry the alternative t(12;22) EWS-DDIT3 rearrangement instead"
    r"|\b(?:small|large|minor|substantial|significant)?\s*(?:proportion|minority|majority|fraction|subset)\s+"
    r"(?:of\s+[^.;]{1,40}?\s+)?(?:carry|carries|harbou?rs?|have|has|shows?|display|express)\b"
    # a cohort's findings: "In an Italian cohort of 36 children with mastocytosis, D816V was found in 4 patients"
    r"|\bin\s+(?:a|an|one|another|that|the\s+same)\s+(?:[\w-]+\s+){0,2}?(?:cohort|series|study|review|registry)\s+of\s+\d+",
    re.IGNORECASE),
    "characteristic", "typical", "usual", "general", "classical", "common", "frequent", "often",
    "invariabl", "consistent", "most", "many", "these", "such", "%", "account", "hallmark", "reported", "described",
    "cohort", "series", "study", "review", "registry", "rare", "frequent", "unusual", "carriers", "patients", "cases",
    "families", "tumours", "tumors", "children", "adults", "individuals", "subjects", "samples", "proportion",
    "minority", "majority", "fraction", "subset", "trial", "analysis", "across", "compar", "half", "third", "quarter")
#: a sentence of the case part that speaks of a kind of tumour in general: "a network frequently altered in paediatric
#: gliomas" (its tumours in the plural are nobody's diagnosis)
_GENERAL_PLURAL = re.compile(rf"\b(?:{_GENERALLY}|rarely|most|many)\b", re.IGNORECASE)
#: one patient's samples, all of them: "Molecular testing of both specimens found ..."
_OWN_SPECIMENS = re.compile(r"\b(?:all|both|each|every)\s+(?:(?:two|three|four)\s+)?(?:of\s+)?(?:the\s+|his\s+|her\s+)?"
                            r"(?:(?:two|three|four)\s+)?(?:specimens?|samples?|biopsies|sites)\b", re.IGNORECASE)
#: a sentence about one patient of a series told as a whole: "one of them", "the first patient", "a 34-year-old man"
_SINGLED_OUT = re.compile(r"\b(?:one|another|the\s+other|the\s+(?:first|second|third|fourth|last|former|latter)"
                          r"|(?:a|an)\s+\d{1,3}[\s-]*(?:year|month)s?[\s-]*old|two\s+of\s+(?:them|the))\b"
                          r"|\b(?:patient|case)\s+\d\b", re.IGNORECASE)
#: a tumour's name inside a gene's or a protein's full name: "Ewing sarcoma breakpoint region 1 (EWSR1)", "Wilms
#: tumour 1", "synovial sarcoma X breakpoint 2", "rhabdomyosarcoma 2 associated transcript", "anaplastic lymphoma
#: kinase (ALK)"
_GENE_NAME_AFTER = re.compile(r"\s*(?:[XY]\s+)?(?:breakpoint|translocation|associated|antigen|protein|gene\b|oncogene"
                              r"|kinase\b|receptor\b"
                              r"|susceptibility|suppressor"
                              # a gene's number ("Wilms tumour 1 (WT1)"), not a size or a time ("an osteosarcoma 2 cm")
                              r"|\d{1,2}(?=\s*\(|\s+(?:gene|protein|associated|transcript)\b))", re.IGNORECASE)


_FLOW_HEADING = re.compile(r"\bflow[\s-]+cytometr\w*|\b(?-i:FCM)\b", re.IGNORECASE)


def _under_flow_heading(doc: Document) -> set[int]:
    """The starts of the sentences under a flow cytometry heading ("FLOW CYTOMETRY (aspirate)"), to the next heading."""
    out: set[int] = set()
    under = False
    for s in doc.sentences:
        if s.heading:
            under = bool(_FLOW_HEADING.search(s.text))
        elif under:
            out.add(s.start)
    return out


def _record(doc: Document, mentions: dict[int, list[Mention]], res: Resources, p: int,
            sexes: dict[int, str | None] | None = None) -> dict[str, object]:
    # a patient of a series has the facts of their own part; of what is told for the series as a whole only
    # what is said of all ("All three tumours were positive for brachyury"), never another patient's age or levels
    own = doc.case_sentences(p)
    # (a sentence of this patient's part told for all but naming another: "In both women ..., in the first
    # patient already on the needle biopsy" is the first one's)
    case = [s for s in own if not p or s.patient == p and not (
        _FOR_ALL.search(s.text) and p not in (named_patients(s.text, doc.patients) or {p}))]
    # a series told as a whole ("Three patients are reported ...", no part per patient): what its case part says
    # of none of them singly is said of each
    whole = bool(p) and doc.announced > 1 and not doc.groups and not any(x.patient for x in doc.sentences)
    shared = [s for s in doc.case_sentences() if p and s.patient != p and (
              p in doc.groups[s.start] if s.start in doc.groups else (
                  # ("In both women the diagnosis was chordoma, in the first already on the needle biopsy": what it
                  # says is the first one's)
                  # (not "both specimens" in another patient's part: that patient's node and marrow)
                  (_FOR_ALL.search(s.text) and p in (named_patients(s.text, doc.patients) or {p})
                   and not (s.patient and _OWN_SPECIMENS.search(s.text)
                            and not _FOR_ALL.search(_OWN_SPECIMENS.sub("", s.text))))
                  or s.start in doc.for_all
                  or (whole and s.patient == 0 and not _SINGLED_OUT.search(s.text))))]
    # "followed for 13, 11 and 5 years, respectively": each patient's own number in the sentence told for all
    said = {s.start: respective(s.text, doc.told_for(s.start), p) for s in shared}
    said = {k: v for k, v in said.items() if v}
    if p:
        # "Follow-up was 75 months for the first woman, 38 months for the second and 15 for the third": the
        # sentence as it reads for this patient, its lead and this patient's own clause
        for s in doc.case_sentences():
            if s.patient or s.start in said or s.summary or (s.start in doc.groups and p not in doc.groups[s.start]):
                continue
            times = [(m.start(), m.end()) for m in _TIME.finditer(s.text)]
            clauses = patient_clauses(s.text, doc.told_for(s.start), sexes or {}, times) if len(times) > 1 else {}
            if p in clauses and len(clauses) > 1:
                a, b = clauses[p][0]
                lead = s.text[:times[0][0]] if times[0][0] < a else ""
                said[s.start] = lead + re.sub(r"^[\s,;]*(?:and\s+)?", "", s.text[a:b]) if lead else s.text[a:b]
                if s not in shared:
                    shared.append(s)
        shared.sort(key=lambda s: s.start)
    # a structured abstract's "Background:" may say what the patient's tumour carried ("The tumour carried an SDHB
    # mutation, c.470delT"): of a single patient's report, a summary sentence about "the/our tumour" is its own
    no_body = not any(x.summary for x in doc.sentences)  # no "Introduction": what comes before the case is its summary
    own_summary = [s for s in doc.sentences if not p and (s.summary or no_body) and s.section == "intro"
                   and not s.heading and (_OURS.search(s.text) or _DEFINITE_SUBJECT.match(s.text))]
    # (a general statement of the entity, in the present tense, is nobody's finding: "The tumour cells of EHE
    # characteristically stain for CD31")
    pathology = sorted((x for x in case + shared + own_summary if not _GENERAL_CLAIM.search(x.text)),
                       key=lambda s: s.start)
    # what the narrative tells of all the patients (not the abstract's summary) is each one's treatment and outcome
    told = sorted(case + [s for s in shared if not s.summary], key=lambda s: s.start)
    texts = [s.text for s in case]
    age, sex, where = patient.age_sex(texts)
    if sex is None and whole:  # "three women ...": a series told as a whole, of one sex
        words = " ".join(s.text for s in shared)
        fem, mal = bool(_WOMEN.search(words)), bool(_MEN.search(words))
        sex = "female" if fem and not mal else "male" if mal and not fem else None
    patient_ev = [case[where].span()] if where is not None else []
    if age is None and said:  # "aged 34, 45 and 60 years, respectively"
        resp = [s for s in shared if s.start in said]
        r_age, r_sex, r_where = patient.age_sex([said[s.start] for s in resp])
        if r_age is not None and r_where is not None:
            age, patient_ev = r_age, [resp[r_where].span()]

    # the diagnosis reads the whole report (minus other patients' parts)
    # the introduction and the discussion name a diagnosis only when they speak of this patient ("our case
    # was ...") or open the article with its subject ("Solitary fibrous tumours are ..."); their other tumours
    # are the literature's (a 19-year-old man's osteoblastoma)
    opening = next((s.start for s in doc.sentences if not s.heading and s.section == "intro"), -1)
    # (the opening only as its subject: "Solitary fibrous tumours are ...", not "... are found in gliomas")
    # (elsewhere in the introduction and discussion a tumour in the plural is the literature's, even beside "this
    # tumour": "solitary fibrous tumours have been described in many sites ... this rare tumour")
    lookup = res.matcher.lex.lookup

    def tumor_type(name: str) -> str | None:
        return lookup("tumor_type", name)

    own_named = bool(p) and any(m.kind == "tumor_type" for s in doc.sentences if s.patient == p and not s.heading
                                for m in mentions[s.start])
    dx_sents = [(s.text, s.start, s.span(), [m for m in mentions[s.start] if m.kind == "tumor_type"
                                             and not _GENE_NAME_AFTER.match(s.text, m.end - s.start) and (
                    s.start != opening or m.start - s.start < 40 or _OURS.search(s.text)) and (
                    (s.section not in ("intro", "other") and not _GENERAL_PLURAL.search(s.text)) or s.start == opening
                    or dx.singular(m.surface, m.iri, tumor_type) == m.surface)], s.section)
                for s in doc.sentences if not s.heading and (s.section != "case" or s.patient in (0, p) or not p)
                and (s.section not in ("intro", "other") or s.start == opening or _OURS.search(s.text))
                # (a patient of a series whose own part names the tumour takes it from there, not from the abstract
                # that names every patient's: "One proved to be a null cell carcinoma ...; the other was a silent
                # Crooke's cell carcinoma")
                and not (p and s.summary and own_named and _EACH_HIS_OWN.search(s.text))]
    # the sentence a diagnosis heading introduces, and the items of a list of diagnoses set aside
    finals, excluded, after_head, lead_excl = set(), set(), False, False
    for s in doc.sentences:
        if s.heading:
            after_head, lead_excl = bool(dx.FINAL_HEADING.match(s.text)), False
            continue
        if after_head:
            finals.add(s.start)
        after_head = False
        item = bool(furniture.LIST_ITEM.match(s.text))
        if lead_excl and item:
            excluded.add(s.start)
        elif not item:
            lead_excl = bool(dx.EXCLUDED_LEAD.search(s.text))
    diag = dx.extract_diagnosis(dx_sents, res.tumor_parents, res.generic_tumors,
                                tumor_type,
                                finals=frozenset(finals), excluded=frozenset(excluded))
    if p and diag.term is None and doc.sentences:
        # a patient of a series whose own part names no tumour has the one the report's title or summary names
        # for all ("Larotrectinib ... in infantile fibrosarcoma: three patients", then "Patient 1. The tumour was
        # detected antenatally ...")
        told_all = [doc.sentences[0]] + [s for s in doc.sentences[1:] if s.summary and not s.heading
                                          and s.section in ("intro", "case") and s.patient == 0]
        diag_all = dx.extract_diagnosis(
            [(s.text, s.start, s.span(), [m for m in mentions[s.start] if m.kind == "tumor_type"], "case")
             for s in told_all], res.tumor_parents, res.generic_tumors,
            tumor_type)
        if diag_all.term is not None:
            diag = diag_all

    level_items = [_level_item(s, mentions[s.start], res) for s in case]
    if p:
        # a sentence told for the whole series gives a patient the levels of the clause that names them ("of C3-5
        # in the man and of C2 to C4 in the woman", "at C3-5 and C2-C4, respectively")
        for s in doc.case_sentences():
            if s.patient == 0 and not s.summary and (s.start not in doc.groups or p in doc.groups[s.start]):
                groups = [(lm.start, lm.end) for lm in find_levels(s.text)]
                for a, b in patient_clauses(s.text, doc.told_for(s.start), sexes or {}, groups).get(p, []):
                    level_items.append(_level_item(s, mentions[s.start], res, a, b))
    levels = tumor_levels(level_items)

    # (a part under a flow cytometry heading tells antigens of cells in suspension, not stains of the tumour)
    flow = _under_flow_heading(doc)
    mk = markers.extract_markers([(tables.as_prose(t), b, sp, ms) for t, b, sp, ms in  # pipe tables as prose
                                  _tuples([x for x in pathology if x.start not in flow], mentions,
                                          ("marker", "gene"))], res.pattern_names,
                              metastatic=diag.term == _METASTASIS)
    gn = genomic.extract_genomic(_tuples(pathology, mentions, ("gene",)), res.gene_symbol, res.fusion_term,
                                 res.translocations)
    away = not levels and not any(_SPINAL_SITE.search(s.text) for s in case)  # a case of no spinal site
    iv = interventions.extract_interventions(
        _tuples(told, mentions, ("procedure", "drug", "regimen", "intent", "response")), res.matcher,
        res.drug_category, res.regimen_agents, res.generic_procedures, res.labels,
        frozenset(s.start for s in told if s.summary), metastatic=diag.term == _METASTASIS, hormonal=res.hormonal,
        corticosteroids=res.corticosteroids, immunomodulatory=res.immunomodulatory,
        away_from_spine=away)
    # the genes with a mutation or copy change ("ALK positive" beside an ALK fusion is the stain of the fused kinase)
    genotyped = {g.gene for g in gn if g.gene}
    oc = outcome.extract_outcome([said.get(s.start, s.text) for s in told], [s.span() for s in told])
    imaging = findings.lexical_findings(_tuples(case, mentions, ("imaging",)), "imaging", res.labels)
    symptoms = findings.lexical_findings(_tuples(case, mentions, ("symptom",)), "symptom", res.labels)
    compartments = findings.lexical_findings(_tuples(case, mentions, ("compartment",)), "compartment", res.labels)
    size = next((v for v in (findings.size_cm(t) for t in texts) if v is not None), None)
    necro = next((v for v in (findings.necrosis(t) for t in texts) if v is not None), None)
    ivs: list[dict[str, object]] = [
        {"category": f.category, "label": f.label, "term": f.term, "agents": f.agents, "agent_terms": f.agent_terms,
         "levels": [x for x in f.levels if x], "dose_gy": f.dose_gy, "fractions": f.fractions, "cycles": f.cycles,
         "dose": f.dose, "intent": f.intent, "response": f.response, "steps": f.steps, "evidence": f.evidence}
        for f in iv]
    if oc.recurrence and oc.by_growth and all(i["category"] == "biopsy" for i in ivs):
        oc.recurrence = None  # an untreated tumour that grew ("the lesion progressed" after a biopsy) did not recur
    neuro, complications, recurrence_timing = _clinical(told, ivs, res, oc.recurrence)

    return {
        "patient": {"age_years": age, "sex": sex, "evidence": patient_ev},
        "diagnosis": {"label": diag.label, "term": diag.term, "grade": diag.grade, "evidence": diag.evidence},
        "ruled_out": diag.ruled_out,
        "vertebrae": list(levels),
        "details": {
            "vertebrae": [{"label": lvl, "term": res.matcher.lex.lookup("vertebra", lvl), "evidence": ev}
                          for lvl, ev in levels.items()],
            "imaging": imaging,
            "symptoms": symptoms,
        },
        "markers": [{"name": m.name, "result": m.result, "value_percent": m.value_percent, "pattern": m.pattern,
                     "term": m.term, "evidence": m.evidence} for m in mk if not _genotype_only(m, genotyped)],
        "genomic": [{"kind": g.kind, "gene5": g.gene5, "gene3": g.gene3, "exon5": g.exon5, "exon3": g.exon3,
                     "gene": g.gene, "variant": g.variant, "term": g.term, "evidence": g.evidence, "origin": g.origin}
                    for g in gn if _valid_gene(g)],
        "interventions": ivs,
        # (a spinal tumour that is a carcinoma's metastasis, or a tumour the report calls metastatic ("metastatic
        # paraganglioma"), is a metastasis of the disease, said or not)
        "outcome": {"follow_up_months": oc.follow_up_months, "recurrence": oc.recurrence,
                    # (a disease called metastatic had its metastasis, whatever the last state: "Dx: metastatic
                    # cutaneous melanoma ... complete response. NED")
                    # (a carcinoma is the spine's metastasis only in a case of the spine: of a kidney tumour it is
                    # the primary)
                    "metastasis": True if oc.metastasis or (
                        ((diag.term == _METASTASIS and not away) or _called_metastatic(diag))
                        and not any(outcome.about_relative(str(e.get("text", ""))) for e in diag.evidence))
                    else oc.metastasis,
                    "status": oc.status, "recurrence_timing": recurrence_timing, "evidence": oc.evidence},
        "neurological": neuro,
        "complications": complications,
        "compartment": _compartment(compartments),
        "size_cm": size,
        "necrosis_percent": necro,
    }


def _called_metastatic(diag: dx.DiagnosisFact) -> bool:
    """Does the report call the tumour of its diagnosis metastatic ("the case as metastatic paraganglioma")?"""
    if not diag.label:
        return False
    said = re.compile(rf"\bmetastatic\s+(?:\([^()]{{1,20}}\)\s+|[\w-]+\s+){{0,2}}?{re.escape(diag.label)}",
                      re.IGNORECASE)  # "metastatic (stage IV) NSCLC"
    return any(said.search(str(e.get("text", ""))) for e in diag.evidence)


def _clinical(case: list[Sentence], ivs: list[dict[str, object]], res: Resources, recurrence: bool | None,
              ) -> tuple[list[dict[str, object]], list[dict[str, object]], dict[str, object] | None]:
    """Neurological assessments, complications and relative times (sets ``timing``/``uneventful`` on ``ivs``)."""
    sents = [(s.text, s.start) for s in case if not s.heading]
    clinical.intervention_times(ivs)  # type: ignore[arg-type]
    treated = [clinical.first_start(x) for x in ivs if x.get("category") != "biopsy"]  # type: ignore[arg-type]
    neuro = clinical.grade_terms(clinical.neuro(sents, min(treated, default=10**12)), res.matcher.lex)
    comps = clinical.complications(sents, res.matcher.lex, ivs)  # type: ignore[arg-type]
    return neuro, comps, clinical.recurrence_timing(sents) if recurrence else None


def _compartment(items: list[dict[str, object]]) -> str | None:
    if not items:
        return None
    best = max(items, key=lambda x: len(x["evidence"]))  # type: ignore[arg-type]
    return str(best["label"])


#: a word of a stain, not of a genotype
_STAIN_WORD = re.compile(rf"\b(?:{genomic.STAIN_WORDS}|VE1|clone)\b", re.IGNORECASE)


def _genotype_only(m: markers.MarkerFact, genotyped: set[str]) -> bool:
    """A gene said positive where only its genotype is told ("her disease was BRAF-positive, that is, it carried an
    activating BRAF mutation"): the genomic finding, not a stain."""
    return m.name.upper() in genotyped and not any(_STAIN_WORD.search(str(e.get("text", ""))) for e in m.evidence)


def _valid_gene(g: genomic.GenomicFact) -> bool:
    from spinekg.model import GENE_RE

    return all(GENE_RE.match(x) for x in (g.gene5, g.gene3, g.gene) if x)
