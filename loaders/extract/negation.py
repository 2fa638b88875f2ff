"""Is a mention negated, hedged, excluded or only proposed? Cues in its clause decide.

A clause runs between ';', ':', '.', 'but', 'whereas', 'however', 'although' and a new
subject after a comma ('..., and the tumour ...'). A cue before the mention in its clause
("no", "negative for", "ruling out", "suspected") or a copula after the mention and the list
it stands in ("... were negative", "... was not performed") applies to it.

>>> s = "Schwannoma and meningioma were ruled out; the lesion was a chordoma."
>>> status(s, 0, 10), status(s, 15, 25), status(s, 58, 66)
('excluded', 'excluded', None)
>>> status("A non-epithelial tumour such as fibrosarcoma was suspected.", 32, 44)
'hedged'
>>> status("The patient might benefit from entrectinib.", 31, 42)
'proposed'
"""

from __future__ import annotations

import bisect
import functools
import re

from spinekg.loaders.extract.prefilter import needs

_BOUNDARY = re.compile(
    # (a bracket glued to a word is notation, not an aside: "inv(16), t(8;21), BCR-ABL1")
    r"[;:.!?]\s|\s[–—-]\s|(?<!\w)\((?:[^()]{0,80})\)|\b(?:but|whereas|however|although|though|while|except|yet|which|who|because|since)\b"
    # a second verb of the same subject: "declined en bloc resection and underwent curettage"
    r"|\band\s+(?=(?:then\s+|later\s+|subsequently\s+|instead\s+)?(?:underwent|received|started|began|was\s+treated)\b)"
    # a new subject of its own verb: "..., and denosumab was started"
    r"|,\s*and\s+(?=[\w-]+\s+(?:was|were)\s+(?:then\s+)?(?:started|given|begun|initiated|administered|performed"
    r"|continued)\b)"
    r"|,\s*(?:and\s+|but\s+|then\s+|so\s+|thus\s+|hence\s+|therefore\s+)?(?=(?:the|a|an|he|she|it|they|there|his|her|this|these|after|before|at|on"
    r"|in|during|we|subsequent\w*|final\w*)\b)|,\s*(?:so|thus|hence|therefore)\s+",
    re.IGNORECASE)

#: the comparatives of a claim that weighs one treatment or entity against another
_COMPARATIVES = r"safer|quicker|faster|easier|simpler|better|cheaper|preferable|superior|inferior"
_EXCLUDED_PRE = needs(re.compile(
    r"\b(?:rul(?:e|ed|ing)\s+out|exclud(?:e|ed|ing)|rather\s+than|instead\s+of|not\s+(?:consistent|compatible)\s+with"
    r"|differential\s+diagnos[ie]s(?:\s+(?:of|included|includes|including|was|were|comprised))?|argu\w+\s+against"
    r"|mimick?(?:ed|s|ing)?|misdiagnos\w*|distinguish\w*\s+(?:it\s+)?from|differentiat\w+\s+(?:it\s+)?from"
    # "TFCP2-rearranged tumours should be kept apart from MYOD1-mutant spindle cell rhabdomyosarcoma"
    r"|(?:kept|set|told|held)\s+apart\s+from|separated\s+from"
    r"|no\s+(?:evidence|signs?|features?)\s+of|unlike"
    # the other term of a comparison: "marrow aspiration is quicker and safer than laminectomy"
    rf"|(?:{_COMPARATIVES}|less\s+invasive|more\s+(?:invasive|morbid|effective|appropriate))\s+(?:than|to)"
    # a likeness measured against another entity: "weaker than is typical of Ewing sarcoma"
    r"|than\s+(?:is\s+|in\s+|that\s+of\s+)?(?:typical|usual|characteristic|expected|seen|common)\w*\s+(?:of|in|for))\b",
    re.IGNORECASE),
    "rul", "exclud", "rather", "instead", "consistent", "compatible", "differential", "argu", "mimic", "misdiagnos",
    "apart", "separated",
    "distinguish", "differentiat", "evidence", "sign", "feature", "unlike", "safer", "quicker", "faster", "easier",
    "simpler", "better", "cheaper", "preferable", "superior", "inferior", "invasive", "morbid", "effective",
    "appropriate", "than")
_NEG_PRE = re.compile(
    r"\b(?:no|not|without|absence\s+of|absent|negative\s+for|negativity\s+for|free\s+of|lack(?:ed|s|ing)?(?:\s+of)?"
    r"|neither|nor|denied|denies|never|none\s+of|loss\s+of|lost)\b", re.IGNORECASE)
_HEDGE_PRE = needs(re.compile(
    r"\b(?:suspect(?:ed|ing)?|suspicious\s+(?:of|for)|possib(?:le|ly)|probabl[ey]|likely|presum(?:ed|ptive)"
    r"|such\s+as|considered|consideration|favou?r(?:ed|ing|s)?|read\s+as|interpreted\s+as|suggest(?:ive|ing|ed|s)?"
    r"|(?<!-)versus(?!-)|vs\.?|(?-i:DDx)|working\s+diagnosis|provisional|impression|mimic\w*|resembl\w+|may|might|could|would"
    r"|cannot|differential|question\s+of|concern\s+for|initially\s+(?:thought|diagnosed|suspected)|thought\s+to\s+be"
    r"|potential(?:ly)?|candidate|possibility\s+of"
    # the alternative of a differential: "the main alternative was a bone metastasis of melanoma"
    r"|(?:main|chief|other|only|principal|diagnostic)\s+alternatives?\s+(?:was|were|is|are|being|would\s+be)"
    r"|alternative\s+diagnos[ie]s"
    # an indirect question: "the abstract does not say whether the compression was operated on or irradiated"
    r"|(?:say|says|said|state|states|stated|know|known|clear|report|reports|reported|tell|tells|mention|mentions"
    r"|unclear|unknown|uncertain)\s+whether"
    # a likeness of phenotype, not the diagnosis: "its immunophenotype was that of a glomus tumour"
    r"|(?:immuno)?phenotype\s+(?:was\s+|is\s+)?(?:that\s+of|like\s+that\s+of|resembl\w*|reminiscent\s+of)"
    # a property of the disease, not a treatment given: "ASPS is resistant to conventional chemotherapy"
    r"|(?:is|are)\s+(?:\w+\s+)?(?:resistant|refractory|insensitive|sensitive|responsive)\s+to)\b", re.IGNORECASE),
    "suspect", "suspicious", "possib", "probabl", "likely", "presum", "such", "consider", "favo", "read",
    "interpreted", "suggest", "versus", "vs", "ddx", "working", "provisional", "impression", "mimic", "resembl",
    "may", "might", "could", "would", "cannot", "differential", "question", "concern", "initially", "thought",
    "potential", "candidate", "alternative", "phenotype", "resistant", "refractory", "sensitive", "responsive",
    "whether")
_PROPOSED_PRE = re.compile(
    r"\b(?:recommend\w*|advis\w*|propos\w*|plan(?:s|ned|ning)?\b|consider\w*|offered|declin\w*|refus\w*|might|may"
    r"|booked|scheduled"
    r"|could|should|ideally|needs?\s+to|must"
    r"|would|benefit\s+from|candidate\s+for|option|options|eligible|awaiting|await\w*|if\s+needed|if\s+necessary"
    r"|in\s+case\s+of|future|potential(?:ly)?|possible|discussed|suggest\w*|unsuitable|not\s+(?:feasible|possible)"
    r"|anticipat\w*|morbidity\s+of|alternative\s+to|avoid(?:ed|ing|s)?|(?<![-\w])spared"
    # the aim of another treatment: "to make the tumour regress far enough for a complete resection", "in order
    # to allow surgery"
    r"|(?:far|small|large)\s+enough\s+(?:for|to)|in\s+order\s+to|with\s+the\s+aim\s+of"
    # a means of resectability: "unresectable, or resectable only by amputation"
    r"|(?:resectable|operable|removable|curable)\s+(?:only\s+)?(?:by|with|through)"
    r"|to\s+(?:allow|enable|permit|facilitate|make\s+possible)"
    # what a treatment can do in general: "those that need treatment can usually be managed by excision alone"
    r"|can\s+(?:\w+ly\s+|also\s+|then\s+)?be\s+\w+ed\s+(?:by|with)(?:\s+\w+){0,4})\b",
    re.IGNORECASE)

_COPULA = (r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|remained|proved|appeared"
           # "a carcinoma of unknown primary site had to be considered"
           r"|had\s+to\s+be|must\s+be|needed\s+to\s+be|should\s+be)")
_ADVERBS = r"(?:all|also|both|completely|entirely|therefore|thus|thereby|hence|finally|then|subsequently)"
_POST = re.compile(
    rf"^[^;:.]{{0,160}}?\b{_COPULA}\s+(?:{_ADVERBS}\s+)?"
    r"(?P<cue>not\s+(?:supported|detected|found|seen|identified|observed|performed|done|given|present|confirmed"
    r"|consistent|compatible|expressed|shown|evident"
    # a treatment never given: "an EGFR TKI was not available", "BRAF inhibitor treatment was not started"
    r"|available|started|initiated|administered|begun|used|prescribed|pursued|undertaken|attempted)|ruled\s+out|excluded"
    r"|negative|absent|unlikely|suspected"
    r"|considered|favou?red|(?:the\s+|an?\s+)?(?:most\s+)?(?:possible|probable|likely)|unproven|unconfirmed|recommended|proposed|planned|suggested|advised|declined"
    r"|refused|offered|discussed(?=\s*$|\s+but\s+(?:not|never)\b)|not\s+(?:recommended|feasible|possible)|deemed|thought"
    # "Treatment with a BRAF inhibitor was raised as an option to consider"
    r"|raised\s+as\s+(?:an?\s+)?(?:option|possibility)"
    # judged impossible: "en bloc resection was judged unfeasible", "ablation was considered unsafe"
    r"|(?:rarely|seldom|not\s+always|often\s+not)\s+(?:feasible|possible|indicated|performed|needed|required)"
    # "surgery and embolization were judged to have no role", "were to be reconsidered after that scan"
    r"|(?:judged|felt|considered|thought|deemed)\s+to\s+have\s+no\s+(?:role|place|indication)"
    r"|to\s+be\s+(?:reconsidered|considered|revisited|discussed|decided|planned|scheduled)"
    r"|(?:judged|felt|regarded\s+as)\s+(?:to\s+be\s+)?(?:unfeasible|infeasible|unsafe|impossible|inappropriate"
    r"|contraindicated|too\s+risky|not\s+(?:feasible|safe|possible|indicated))"
    r"|unfeasible|infeasible|unsafe|contraindicated"
    # a treatment called off: "the chemotherapy appointments were cancelled"
    r"|cancell?ed|called\s+off|withheld|abandoned|postponed|deferred|missing|lacking"
    r"|(?:scheduled|booked)(?!\s+and\s+(?:\w+\s+)?(?:performed|carried|done|given|administered|completed|started"
    r"|undertaken)\b))",
    re.IGNORECASE)
_POST_KIND = {"cancelled": "negated", "canceled": "negated", "called": "negated", "withheld": "negated",
              "abandoned": "negated", "postponed": "proposed", "deferred": "proposed", "scheduled": "proposed",
              "booked": "proposed", "missing": "negated", "lacking": "negated",
              "supported": "excluded", "confirmed": "excluded", "ruled": "excluded", "excluded": "excluded",
              "unlikely": "excluded",
              "suspected": "hedged", "considered": "hedged", "favoured": "hedged", "favored": "hedged",
              "possible": "hedged", "probable": "hedged", "likely": "hedged", "thought": "hedged",
              "unproven": "hedged", "unconfirmed": "hedged",
              "deemed": "hedged", "recommended": "proposed", "proposed": "proposed", "planned": "proposed",
              "suggested": "proposed", "advised": "proposed", "declined": "proposed", "refused": "proposed",
              "offered": "proposed", "feasible": "proposed", "discussed": "proposed", "judged": "proposed",
              "felt": "proposed", "regarded": "proposed", "unfeasible": "proposed", "infeasible": "proposed",
              "unsafe": "proposed", "contraindicated": "proposed", "rarely": "proposed", "seldom": "proposed",
              "often": "proposed", "to": "proposed", "raised": "proposed"}
_TRAILING_COPULA = re.compile(
    rf"\b{_COPULA}\s*(?:{_ADVERBS}\s*)?$", re.IGNORECASE)
_POST_MODAL = re.compile(r"^[^;:.]{0,60}?\b(?:could|can|cannot|may|might)\s+(?:not\s+)?(?:be\s+)?"
                         r"(?:excluded|ruled\s+out"
                         r"|considered|represent|be\s+a)"
                         # a general claim about a treatment: "complete resection appears to be associated with ..."
                         r"|^\s*(?:\w+\s+){0,2}?(?:appears?|seems?)\s+to\s+(?:be\s+)?(?:associated|linked|related"
                         r"|correlated|effective|beneficial|superior|inferior|the\s+best|preferable)", re.IGNORECASE)
#: a verbless exclusion right after the name, as letters write it: "Chordoma excluded (brachyury-)"
#: (a copula in between gives the exclusion its own subject: "revised to X, and Y was excluded")
_TERSE_EXCLUDED = re.compile(r"^\s*(?:(?:and|,)\s*(?:(?!\b(?:was|were|is|are|been)\b)[\w\- ]){1,40}?\s+)?"
                             r"(?:excluded|ruled\s+out)\b", re.IGNORECASE)
#: named only in a report's general part: "Decompression and radiotherapy appear in the paper's general comments only"
_ONLY_DISCUSSED = re.compile(r"^[^;:.]{0,60}?\b(?:appears?|is|are|was|were)\s+(?:only\s+)?(?:(?:mentioned|named|cited"
                             r"|discussed)\s+)?(?:only\s+)?in\s+(?:the\s+)?(?:[\w'’]+\s+){0,2}?(?:general\s+)?"
                             r"(?:comments|discussion|background|introduction|literature|review)\b", re.IGNORECASE)
#: a diagnosis set aside right after its name: "Solitary fibrous tumour is therefore set aside" (its own clause only:
#: not "X was classified, and the Y alternatives were set aside")
_SET_ASIDE_AFTER = re.compile(r"^\s*(?:was|were|is|are|has\s+been|had\s+been)\s+(?:(?:\w+ly|therefore|thus|then|hence"
                              r"|also)\s+)?(?:set\s+aside|discarded|dismissed)\b", re.IGNORECASE)
#: a treatment kept for later or offered as one choice: "X held in reserve if ...", "X is another option"
_RESERVE = re.compile(r"^[^;:.]{0,60}?\b(?:held|kept)\s+in\s+reserve|^[^;:.]{0,60}?\breserved\s+for\b"
                      r"|^[^;:.]{0,80}?\b(?:is|are|remains?|was|were)\s+(?:an?|another|one|the)\s+(?:\w+\s+)?"
                      r"(?:option|alternative)s?\b", re.IGNORECASE)
#: a counterfactual: "resection of L5 would have required sacrifice of the roots" (not done)
_COUNTERFACTUAL = re.compile(r"^[^;:.]{0,80}?\bwould\s+(?:have\s+)?(?:required|require|necessitated|necessitate"
                             r"|entailed|entail|meant|mean|sacrificed|sacrifice|risked|risk|caused|cause)\b",
                             re.IGNORECASE)
#: one or the other, not told which: "vertebroplasty and/or radiotherapy", "A, B, or both were added"
_EITHER_AFTER = re.compile(r"^\s*(?:and\s*/\s*or\b|(?:,\s*[\w\- ]{1,40}){0,3},?\s+or\s+both\b)", re.IGNORECASE)
_EITHER_BEFORE = re.compile(r"\band\s*/\s*or\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: a treatment as the subject of a comparison in the present: "open biopsy is safer than ...", "X is preferable to Y"
_COMPARED_AFTER = re.compile(rf"^\s*(?:is|are)\s+(?:\w+\s+){{0,3}}?(?:{_COMPARATIVES}|less\s+\w+|more\s+\w+)\s+"
                             r"(?:than|to)\b", re.IGNORECASE)
#: what had not yet happened: "Before induction chemotherapy or radiotherapy could be given, he died"
_BEFORE_COULD = re.compile(r"^[^;:.]{0,80}?\bcould\s+(?:\w+ly\s+)?(?:be\s+)?(?:given|started|administered|initiated"
                           r"|begun|delivered|performed|undertaken|arranged|scheduled)\b", re.IGNORECASE)
_BEFORE_UNTIL = re.compile(r"\b(?:before|until)\s+(?:\w+\s+){0,6}$", re.IGNORECASE)
#: a condition in the present, said of any patient: "when a hamartoma is resected", "if radiotherapy is given"
_CONDITION_BEFORE = re.compile(r"\b(?:if|when|whenever|unless|once)\s+(?:(?:an?|any|the|such\s+an?)\s+)?"
                               r"(?:[\w-]+\s+){0,3}?(?:is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CONDITION_NAMED = re.compile(r"\b(?:if|when|whenever|unless|once)\s+(?:(?:an?|any|the)\s+)?(?:[\w-]+\s+){0,2}$",
                              re.IGNORECASE)
_PRESENT_AFTER = re.compile(r"^\s*(?:is|are)\s+(?:\w+ly\s+)?(?:\w+ed|given|done|chosen|undertaken|begun)\b",
                            re.IGNORECASE)
#: "... recommended radiotherapy, and proton therapy was delivered": the mention has its own verb of doing
_DONE_AFTER = re.compile(r"^\s*(?:\([^()]{0,60}\)\s*)?(?:was|were)\s+(?:then\s+|subsequently\s+)?(?:delivered|given"
                         r"|administered|performed|started|initiated|carried\s+out|completed|undertaken)\b",
                         re.IGNORECASE)
#: a past ability achieved: "the tumour could be removed totally", "it could be completely resected"
_ACHIEVED_BEFORE = re.compile(r"\bcould\s+(?:then\s+|finally\s+|eventually\s+)?be\s+"
                              r"(?P<adv>(?:totally|completely|entirely|successfully|fully|radically|grossly)\s+)?$",
                              re.IGNORECASE)
_ACHIEVED_AFTER = re.compile(r"^\s*(?:totally|completely|entirely|successfully|fully|radically|en\s+bloc|in\s+toto"
                             r"|in\s+one\s+piece|in\s+its\s+entirety)\b", re.IGNORECASE)
_ACHIEVED_PHRASE = re.compile(
    r"\bcould\s+(?:then\s+|finally\s+|eventually\s+)?be\s+(?:(?:totally|completely|entirely|successfully|fully"
    r"|radically|grossly)\s+\w+ed\b|\w+ed\s+(?:totally|completely|entirely|successfully|fully|radically|en\s+bloc"
    r"|in\s+toto|in\s+one\s+piece)\b)", re.IGNORECASE)
_INNER_VERB = re.compile(rf"\b{_COPULA}\b|\b(?:showed|revealed|demonstrated|underwent|received)\b", re.IGNORECASE)


#: a verb of finding that opens the mention's own statement ("... does not require the partner, identified a fusion of
#: X")
_FOUND_VERB = re.compile(r"\b(?:identified|detected|showed|revealed|demonstrated|confirmed|disclosed|found"
                         # "negative for BRAF V600E and positive for a MAP2K1 mutation"
                         r"|(?<!-)positive\s+for)\b", re.IGNORECASE)
_NEG_BEFORE_VERB = re.compile(r"\b(?:no|not|never|neither|nor|without)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _after_last_finding(before: str) -> str:
    """The words after the last verb of finding that is not itself negated: a negation before it ("which does not
    require ..., identified") does not reach past it ("did not detect the rearrangement" still does)."""
    for m in reversed(list(_FOUND_VERB.finditer(before))):
        if not _NEG_BEFORE_VERB.search(before[max(0, m.start() - 30):m.start()]):
            return before[m.end():]
        break
    return before


_NOT_BEFORE = re.compile(r"\b(?:not|cannot|can't|doesn't|does\s+not|did\s+not|never)\s+$", re.IGNORECASE)
#: cues that exclude only what follows them directly ("rather than X", "instead of X")
#: what a likeness is seen in, after the thing it is like: "plasma cells mimic mature neutrophils in plasma cell
#: myeloma" (the myeloma is the setting, not the mimicked)
_MIMIC_SETTING = re.compile(r"^\s+(?:[\w-]+\s+){1,4}in\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_NEAR_ONLY = re.compile(r"rather|instead|\w+er\b|less|more|preferable|superior|inferior", re.IGNORECASE)
#: (not a verb's phrase: "constitutional rather than acquired by the myeloma clone" excludes no myeloma)
_DIRECT_OBJECT = re.compile(r"^(?!\s*(?:\w+ed|seen|made|found|arising|occurring|caused)\s+(?:by|in|from|within|through)"
                            r"\b)"
                            # (nor a phrase of its own after a noun: "instead of mutilating surgery in infantile
                            # fibrosarcoma" excludes the surgery, not the fibrosarcoma)
                            r"\s*(?:(?:an?|the|a\s+diagnosis\s+of|of)\s+)?(?:(?!(?:in|for)\s)[\w\-/]+\s+)"
                            r"{0,3}$", re.IGNORECASE)
_PASSIVE_EXCLUSION = re.compile(r"\b(?:was|were|is|are|been)\s+(?:(?:\w+ly|therefore|thus|then|hence)\s+)?"
                                r"(?:ruled\s+out|excluded|set\s+aside|discarded|dismissed)\b", re.IGNORECASE)
_SUBORDINATOR_END = re.compile(r"\b(?:since|because|although|though|while|whereas)\s*$", re.IGNORECASE)
_ASIDE = re.compile(r"\((?:[^()]{0,80})\)")
_NEW_SUBJECT = re.compile(r",\s*(?:and|but)\s", re.IGNORECASE)


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding pos begins."""
    # (the boundaries of the whole text: a boundary's look-ahead reads the words after it, which may lie past pos)
    ends = _boundary_ends(text)
    i = bisect.bisect_right(ends, pos)
    return ends[i - 1] if i else 0


@functools.lru_cache(maxsize=256)
def _boundary_ends(text: str) -> tuple[int, ...]:
    """Where each clause boundary of a text ends, in order (a sentence's clauses are asked for again and again)."""
    return tuple(m.end() for m in _BOUNDARY.finditer(text))


def clause_end(text: str, pos: int) -> int:
    """Where the clause holding pos ends."""
    m = _BOUNDARY.search(text, pos)
    return m.start() if m else len(text)


#: a word that negates its sentence, read far back: "The account does not give her age, ..., any radiotherapy"
_NEGATOR = re.compile(r"\b(?:not?|never|without|nor|neither|none)\b", re.IGNORECASE)
_ANY_BEFORE = {n: re.compile(rf"\bany\s+(?:[\w-]+\s+){{0,{n}}}$", re.IGNORECASE) for n in (2, 5)}


def negated_any(text: str, start: int, words: int) -> bool:
    """Whether the mention at start is one of "any" (at most ``words`` words after it) in a sentence a negation has
    gone before: "Not reported: any test for AURKA or MYCN amplification", "did not give ... any radiotherapy"."""
    return bool(_ANY_BEFORE[words].search(text[max(0, start - max(30, 10 * words)):start])) \
        and bool(_NEGATOR.search(text[:start]))


_BUT_EXCLUDED = re.compile(r"^\s*,?\s*but\s+(?:(?:it|they|this|these|was|were|is|are)\s+){0,2}(?:\w+ly\s+|then\s+"
                           r"|later\s+)?(?:(?:was|were|been)\s+)?(?:excluded|ruled\s+out|not\s+(?:supported|confirmed))\b",
                           re.IGNORECASE)


#: what a relative clause after it says the patient's tumour lacks: "..., which this tumour does NOT carry"
_WHICH_NOT_AFTER = re.compile(r"[^.;]{0,40}?,?\s*which\s+(?:this|the|our|his|her|their)\s+(?:patient'?s?\s+)?"
                              r"(?:tumou?rs?|patients?|lesions?|case)\s+(?:does|did|do)\s+not\s+(?:carry|have|harbou?r"
                              r"|show)\b", re.IGNORECASE)
#: a treatment the patient never had: "radiotherapy-naive", "chemotherapy naïve"
_NAIVE_AFTER = re.compile(r"[\s-]?na[iï]ve\b", re.IGNORECASE)
#: advice in the imperative, an item of a board's recommendations: "- Start androgen deprivation therapy (ADT).",
#: "Consider radiotherapy"
_IMPERATIVE = re.compile(r"^\W{0,3}(?:start|begin|initiate|consider|offer|continue|give|add|plan|refer|recommend"
                         r"|discuss|proceed\s+(?:to|with)|manage\s+(?:as|with))\b(?!\s+(?:was|were|of)\b)",
                         re.IGNORECASE)
#: a sentence of the authors' advice: "We suggest that ...", "We would recommend ..."
_WE_ADVISE = re.compile(r"^\W{0,3}(?:we|i)\s+(?:would\s+|therefore\s+|thus\s+|strongly\s+)?(?:suggest|recommend|propose"
                        r"|advocate|advise|urge)\b", re.IGNORECASE)


#: a question, not a statement of what was done: "Question to the board: what is the place of targeted therapy",
#: "Is there a targetable driver?"
_QUESTION = re.compile(r"^\W*(?:questions?(?:\s+(?:to|for)\s+(?:the\s+)?(?:board|MDT|team|meeting|panel))?\s*:"
                       r"|[^.!]*\?\s*$)", re.IGNORECASE)


def status(text: str, start: int, end: int, *, proposals: bool = True) -> str | None:
    """'excluded', 'negated', 'hedged', 'proposed' or None (asserted) for text[start:end] in a sentence.

    A suspicion the same sentence then drops is an exclusion: "X was considered but excluded".
    """
    if _WHICH_NOT_AFTER.match(text, end):
        return "negated"  # "the familiar BRAF p.Val600Glu (V600E) variant, which this tumour does NOT carry"
    if proposals and _QUESTION.match(text):
        return "proposed"  # "Question to the board: what is the place of targeted therapy, ...?"
    if _NAIVE_AFTER.match(text, end) or (proposals and (_WE_ADVISE.match(text) or _IMPERATIVE.match(text))):
        # "both patients remained radiotherapy-naive": never given; "We suggest that ... should not ... require
        # up-front cranial irradiation": the authors' advice, not what was done
        return "negated" if _NAIVE_AFTER.match(text, end) else "proposed"
    st = _status(text, start, end, proposals=proposals)
    if st == "hedged" and _BUT_EXCLUDED.match(text[clause_end(text, end):]):
        return "excluded"
    return st


#: the lead-in of a list that is advice or a possibility: "molecular confirmation should be sought: FISH for ..., RT-PCR
#: for EWS-FLI1 ..."
_MODAL_LEAD = re.compile(r"\b(?:should|must|may|might|could|would|can|options?|recommend\w*|advis\w*|suggest\w*"
                         r"|consider\w*)\b[^:;.]{0,80}:\s*$", re.IGNORECASE)


#: a field of a letter whose values are possibilities: "DDx: lymphoma, myeloma", "Differential diagnosis: ..."
_HEDGED_FIELD = re.compile(r"^\W{0,3}(?:(?-i:DDx)|differentials?(?:\s+diagnos[ie]s)?|suspected|suspicion|impression"
                           r"|working\s+diagnosis|possible\s+diagnos[ie]s)\s*:\s*$", re.IGNORECASE)


#: a treatment that did not work was given: "did not respond to steroids", "showed no response to imatinib"
_NO_RESPONSE_TO = re.compile(r"\b(?:(?:did|does)\s+not|didn't|failed\s+to|no\s+longer)\s+respond(?:ed)?\s+"
                             r"(?:\w+\s+){0,2}?to\s+(?:[\w-]+\s+){0,3}?$"
                             r"|\bno\s+(?:\w+\s+)?response\s+to\s+(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)


def _status(text: str, start: int, end: int, *, proposals: bool = True) -> str | None:
    if text.rstrip().endswith("?"):
        return "hedged"  # a question asks, it tells nothing: "START CHEMOTHERAPY OR WAIT FOR MOLECULAR RESULTS?"
    cs = clause_start(text, start)
    if cs and text[:cs].rstrip().endswith(":") and (_MODAL_LEAD.search(text[clause_start(text, cs - 2):cs])
                                                    or _HEDGED_FIELD.match(text[:cs])):
        return "hedged"
    before = text[cs:start]
    before = before[-120:]
    # a passive exclusion looks back only: "X was excluded and the diagnosis of Y was made"
    passives = list(_PASSIVE_EXCLUSION.finditer(before))
    if passives:
        before = before[passives[-1].end():]
    # a subordinate clause ends at its comma: "since surgery was refused, pazopanib was started"
    if _SUBORDINATOR_END.search(text[max(0, cs - 12):cs]) and "," in before:
        before = before[before.rfind(",") + 1:]
    if any((not _NEAR_ONLY.match(m.group()) or _DIRECT_OBJECT.match(before[m.end():]))
           and not _NOT_BEFORE.search(before[max(0, m.start() - 20):m.start()])  # "does not exclude X"
           and not (m.group().lower().startswith("mimic") and _MIMIC_SETTING.match(before[m.end():]))
           for m in _EXCLUDED_PRE.finditer(before)):
        return "excluded"  # ("rather than MN1, ... the HGNET-MN1 subclass": the cue's own object was MN1)
    if _NO_RESPONSE_TO.search(before):
        return None  # "did not respond to cyclophosphamide": given, without effect (its response is read elsewhere)
    if _NEG_PRE.search(_after_last_finding(before)):
        return "negated"
    before = _ACHIEVED_PHRASE.sub(" ", before)  # "could be removed totally, and histology showed ...": not a hedge
    if _ACHIEVED_BEFORE.search(before) and (_ACHIEVED_BEFORE.search(before).group("adv")  # type: ignore[union-attr]
                                            or _ACHIEVED_AFTER.match(text[end:end + 30])):
        return None  # "the tumour could be removed totally": what could be done was done
    if proposals and _PROPOSED_PRE.search(before) and not _DONE_AFTER.match(text[end:end + 60]):
        return "proposed"
    if _HEDGE_PRE.search(before):
        return "hedged"
    # a bracketed aside does not end the clause after the mention: "Myeloma screening (SPEP) was negative"
    masked = _ASIDE.sub(lambda a: " " * len(a.group()), text)
    # ... nor does an appositive between commas: "An EGFR TKI, the class designed for T790M, was not available"
    ap = _APPOSITIVE.match(masked, end)
    after = masked[end:clause_end(masked, end)] if ap is None else masked[ap.end():clause_end(masked, ap.end())]
    if _POST_MODAL.match(after) or _ONLY_DISCUSSED.match(after):
        return "hedged"
    if _TERSE_EXCLUDED.match(after) or _SET_ASIDE_AFTER.match(after):
        return "excluded"
    if proposals and (_RESERVE.match(after) or _COUNTERFACTUAL.match(after)):
        return "proposed"
    if _EITHER_AFTER.match(after) or _EITHER_BEFORE.search(before):
        return "hedged"  # "vertebroplasty and/or radiotherapy", "A, B, or both": which one was given is not told
    if proposals and _COMPARED_AFTER.match(after):
        return "proposed"  # "open surgery is less invasive than ...": a claim about a treatment, not one given
    if proposals and ((_BEFORE_COULD.match(after) and _BEFORE_UNTIL.search(before))
                      or _CONDITION_BEFORE.search(before)
                      or (_CONDITION_NAMED.search(before) and _PRESENT_AFTER.match(after))):
        return "proposed"  # not yet done, or said of any patient on a condition
    m = _POST.match(after)
    if m and _INNER_VERB.search(text[cs:start]) and _NEW_SUBJECT.search(after[:m.start("cue")]):
        m = None  # "was revised to X, and Y was excluded": the copula has its own subject
    if m and not _INNER_VERB.search(_strip_last_copula(after[:m.start("cue")])):
        cue = m.group("cue").lower()
        if cue.startswith("not"):
            last = cue.split()[-1]
            return _POST_KIND.get(last, "negated")
        if cue in ("negative", "absent"):
            return "negated"
        # (the word that says it, past an article: "is the likely, but unproven, event")
        kind = _POST_KIND.get(next(w for w in cue.split() if w not in ("the", "a", "an", "most")))
        if kind == "proposed" and not proposals:
            return None
        return kind
    return None


#: an appositive right after a mention, between commas, before the mention's own verb
_APPOSITIVE = re.compile(rf",\s*(?:the|a|an|which|that)\s+[^,;:.()]{{1,80}},\s*(?={_COPULA}\b)", re.IGNORECASE)


def _strip_last_copula(s: str) -> str:
    """The words between a mention and the copula of the cue (the copula itself removed)."""
    m = _TRAILING_COPULA.search(s)
    return s[:m.start()] if m else s
