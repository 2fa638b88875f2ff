"""Immunohistochemistry results: which marker, positive or negative, how much, what pattern.

Markers are found by the lexicon; the notation around them is read here: lists after a cue
("positive for A, B and C", "negative for D and E"), a result after the list ("A and B were
negative"), marks on the marker ("S100(+)", "CD34-", "S-100-positive"), parenthesised
qualifiers ("GFAP (weak positivity)", "TLE1 (diffuse, strong)"), a result noun after the marker
("CD99 staining", "EMA positivity", "INI1 expression was lost"), "..., as were A and B", a singular
copula after a list ("negative for A, B was positive": B alone) and percentages ("Ki-67 ~40%",
"MIB-1 index of 5%"). A bracketed synonym ("CD45 (LCA)") is the same marker. A token in such a list
that the lexicon does not know is kept as the text writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spinekg.loaders.extract.interventions import FOR_A_CARCINOMA, REMOTE_PAST
from spinekg.loaders.extract.lexmatch import Mention
from spinekg.loaders.extract.marker_lists import _NEG_PRE, _POS_PRE, _add_unknown, _clause_bounds
from spinekg.loaders.extract.prefilter import needs
from spinekg.loaders.extract.sentences import add_evidence

_IHC_SENTENCE = needs(re.compile(
    r"immun|stain|positiv|negativ|express|reactiv|label|index|\(\s*[+\-−]\s*\)|\+|ki-?67|mib|antigen"
    r"|\bIHC\b|[A-Za-z0-9][\-−](?=\s*,\s*[A-Za-z]|\s*[.;)]|\s*$)",
    re.IGNORECASE),
    "immun", "stain", "positiv", "negativ", "express", "reactiv", "label", "index", "+", "ki",
    "mib", "ihc", "-", "−", "antigen")
#: a test of another kind than a stain (molecular, genetic, flow cytometry): its "positive" is no stain's
_OTHER_TEST = re.compile(r"\b(?:FISH|in situ hybridi[sz]ation|sequencing|PCR|NGS|karyotyp\w*|methylation"
                        # "molecular testing showed a BRAF V600E-positive carcinoma", "molecular work-up ... showed an
                        # ALK rearrangement (ALK-positive disease)": a genotype, not a stain
                        r"|molecular(?:ly)?\s+(?:test\w*|analys[ie]s|work-?up|stud(?:y|ies)|profil\w*|diagnos\w*)"
                        r"|genetic\s+(?:test\w*|analys[ie]s)"
                        # a flow cytometry result is not immunohistochemistry: "Flow cytometry: CD56 expressed"
                        r"|flow\s+cytometr\w*|immunophenotyping\s+by\s+flow)\b",
                        re.IGNORECASE)
#: a stain naming a group of tumours or patients, not a result: "the drug was first used against ALK-positive tumours"
_GROUP_OF_TUMOURS = re.compile(r"[\s-]*(?:positive|negative|\+|-)\s+(?:[\w-]+\s+)?(?:tumou?rs|cancers|carcinomas"
                               r"|lymphomas|sarcomas|lesions|neoplasms|patients|cases|diseases|NSCLCs)\b",
                               re.IGNORECASE)
#: a gene's result that is a genotype: "BRAF: positive (mutation detected)"
_GENOTYPE_RESULT = re.compile(r"\s*:?\s*(?:positive|negative|detected|not\s+detected)\s*\(\s*(?:mutation|variant|fusion"
                              r"|rearrangement|amplification|deletion)s?\b", re.IGNORECASE)
_IHC_WORD = re.compile(r"immun(?!ophenotyp)|stain", re.IGNORECASE)
_FLOW = re.compile(r"\bflow\s+cytometr\w*|\bimmunophenotyp\w*", re.IGNORECASE)
#: a sentence going on about the cells just told: "It expressed CD38 ...", "The cells were CD19-positive"
_GOES_ON = re.compile(r"^\W*(?:it|they|these(?:\s+cells)?|the\s+(?:cells|population|clone|blasts"
                      r"|(?:blast|abnormal|neoplastic|leuka?emic)\s+(?:population|cells)))\b"
                      # "A further 16% were abnormal mast cells with a CD2-negative, CD25-positive phenotype"
                      r"|^\W*(?:a\s+further|another|the\s+remaining|the\s+other)\s+\d{1,3}(?:\.\d)?\s*%",
                      re.IGNORECASE)
#: a laboratory value, not a stain: "serum PSA was negative", "tumour markers (CEA, AFP) were negative", "AFP level"
_LAB_WORD = needs(re.compile(r"\b(?:serum|plasma(?!\s*(?:cells?|cytoid|blast\w*|cytom\w*))|urin(?:e|ary)|laboratory"
                             r"|tumou?r\s+markers?|blood\s+(?:tests?|levels?|work-?up|work))\b", re.IGNORECASE),
                  "serum", "plasma", "urin", "laborator", "marker", "blood")
_TISSUE_WORD = re.compile(r"immun|stain|\bIHC\b|biops|specimen|tissue|(?:tumou?r|neoplastic|lesional)\s+cells",
                          re.IGNORECASE)
_LAB_AFTER = re.compile(r"^\s*(?:\(\w+\)\s*)?(?:levels?|concentrations?|titres?|titers?)\b"
                        r"|^[^.;]{0,30}?\d\s*(?:ng|[µμ]g|mg|pg|m?IU|k?U|[nmp]mol)\s*/\s*(?:m?L|dL|l)\b", re.IGNORECASE)
_GENOMIC_BEFORE = re.compile(r"[A-Za-z0-9]{2,}\s?(?:-|–|::|/)\s?$|\b(?:gene|(?:fusion|rearrangement|amplification"
                             r"|deletion"
                             r"|mutation)s?\s+of(?:\s+the)?)\s+$",
                             re.IGNORECASE)
_INDEX_TAIL = re.compile(r"[\s-]+(?:(?:labell?ing|proliferati\w+|positivity)\s+)?(?:index|LI|rate)$", re.IGNORECASE)
_GENOMIC_AFTER = re.compile(r"^[\s-]*(?:gene|fusion|rearrange\w*|amplifi\w*|mutat\w*|translocation|transcript|"
                            r"deletion|chimer\w*"
                            r"|break|exon|FISH|locus|probe|sequencing|PCR|RT-PCR|NGS)\b|^\s*::", re.IGNORECASE)
_PARTNER_AFTER = re.compile(r"^\s?[-–/]\s?[A-Z][A-Z0-9]{1,9}\b")

_POST = re.compile(
    # a field of a report: "Cyclin D1: diffuse, strong expression", "CD99: positive"
    # ("ALK immunohistochemistry: strong positive staining of the tumour cells")
    r"^\s*(?:(?:\s+(?:immunohistochemistry|immunostain(?:ing)?|IHC))?\s*:\s*(?:(?:diffuse|strong|focal|weak|patchy"
    r"|scattered|occasional|variabl|heterogeneous"
    r"|moderate|intense|relatively|very|nuclear|cytoplasmic"
    r"|membranous)\w*[\s,]+(?:and\s+|but\s+)?){0,4})?"
    # ("the nuclear BAF47 (INI1) protein was lost")
    r"(?:\([^()]{0,60}\)\s*)?(?:(?:(?:staining|expression|immunoreactivity|immunostain(?:ing)?|reactivity|protein|IHC"
    r"|immunohistochemistry)\s+)?"
    r"(?:(?:was|were|is|are|being)\s+(?:also\s+|all\s+|both\s+|found\s+(?:to\s+be\s+)?)?)?"
    r"(?:(?:strongly|diffusely|focally|weakly|partially|patchily|moderately|intensely|and|,)\s+){0,4}"
    r"(?P<pol>positive|negative|immunoreactive|reactive|immunopositive|expressed|not\s+expressed|absent|retained|lost|loss(?!\s+of\b)"
    r"|preserved"
    r"|negligible|undetectable"
    r"|low|high|elevated|increased)(?!\s+(?:for|of|to|with)\b|(?<=ve)\s+in\s+(?:the\s+)?(?:\d|(?:\w+\s+)?"
    r"(?:vessels?|endotheli\w*|background|internal|normal|entrapped|non-?neoplastic|nuclei)\b))"
    r"|(?P<mark>-positive|-negative|\s?[+\-−]\s?ve\b|\s*\(\s*\+{1,3}\s*\)|\s*\(\s*[-−]\s*\)|\+{1,3}(?![\w])"
    r"|[-−](?![\w\-]))"
    r"|(?P<stain>stain(?:ed|s)\b|(?:immuno)?stains?\b[^.;]{0,40}?\bhighlight(?:ed|s)\b)"
    r"|(?P<noun>(?:immuno)?(?:staining|positivity|expression|reactivity|immunoreactivity|immunopositivity)\b"
    # "Immunostaining showed nuclear STAT6 protein."
    r"|protein\b(?=\s*[.;,]|\s*$|\s+in\s+(?:the\s+)?(?:tumou?r|neoplastic|lesional)\b)))",
    re.IGNORECASE)
#: a qualifier in brackets that says only how a marker stained: "TLE1 (diffuse, strong)", "EMA (focal)"
_PAREN_PATTERN = re.compile(r"^\s*\(\s*(?:(?:diffuse|focal|strong|weak|patchy|moderate|scattered|partial|intense"
                            r"|nuclear|cytoplasmic|membranous|dot-like|granular)\w*[\s,;/]*(?:and\s+)?)+"
                            r"(?:positiv\w*\s*)?\)", re.IGNORECASE)
#: the list after it shares the polarity of the clause before: "CD34 was negative, as were A, B and C"
_AS_WERE = re.compile(r"\bas\s+(?:were|was|did|are|is)\s+(?:also\s+)?$", re.IGNORECASE)
#: a negation before a marker whose only polarity is a noun after it ("no CD99 staining")
_NOUN_NEG = re.compile(r"\b(?:no|not|without|absen\w+|lack\w*|loss|lost)\b", re.IGNORECASE)
_SINGULAR_COPULA = re.compile(r"^\s*(?:\([^()]{0,60}\)\s*)?(?:was|is)\b", re.IGNORECASE)
#: ... and what a list says of each of its markers: "CD99, the ETS transcription factor ERG and ..."
_SEPARATOR = re.compile(r"^(?:\s*(?:,|and|or|&|as\s+well\s+as|/|\([^()]{0,60}\)|proteins?|antigens?|expression"
                        r"|the(?:\s+[\w\-]+){0,4}?\s+(?:transcription\s+factor|proto-?oncogene|protein|antigen|marker)"
                        r"|the"
                        # an item the lexicon does not hold, hyphenated ("cytokeratin, vimentin, alpha-actin, MyoD1 and
                        # myogenin were expressed")
                        r"|(?<=,\s)(?![\w-]*(?:positiv|negativ|express|stain|reactiv))[A-Za-zα-ω]{2,}-[A-Za-z0-9]{2,}"
                        r"(?=\s*,)"
                        r")\s*)*$", re.IGNORECASE)
_PERCENT = re.compile(r"^(?:approx\.|[^.;%])"r"{0,45}?(?<![\d.\-–])(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s?cent\b)"
                      r"(?!\s*(?:-|–|to)\s*\d)", re.IGNORECASE)
#: a qualifier between a marker and its mark: "GFAP focal+", "CK weak+"
_QUAL_MARK = re.compile(r"^\s+(?:focal|diffuse|weak|strong|patchy|partial|scattered)\w*\s*(?=[+\-−](?!\w))",
                        re.IGNORECASE)
#: a bracketed aside right after a marker's name
_ASIDE_AFTER = re.compile(r"\s*\([^()]{1,60}\)")
#: a share under 1% ("below 1%", "<1%", "in less than 1% of cells") or none ("0%")
_UNDER_ONE = re.compile(r"^[^.;%]{0,45}?(?:(?:below|less\s+than|under|fewer\s+than|<)\s*1\s*(?:%|per\s?cent\b)"
                        r"|(?<![\d.])0\s*(?:%|per\s?cent\b))", re.IGNORECASE)
_RANGE_PERCENT = re.compile(r"^[^.;%]{0,45}?(?<![\d.])(?P<lo>\d{1,3})\s*%?\s*(?:-|–|to)\s*(?P<hi>\d{1,3})\s*%")


_KI67_TOLD = re.compile(r"^[\s\-:]*(?:\(?MIB-?1\)?\s*)?(?:(?:labell?ing|proliferati\w+|positivity)\s+)*(?:index|indices"
                        r"|rate|LI\b|was|were|is|of|at|:|\d|~|≈|<|>|approx|about|around|low|high|elevated|increased"
                        r"|\()", re.IGNORECASE)


@dataclass
class MarkerFact:
    name: str
    term: str | None
    result: str | None
    value_percent: float | int | None = None
    pattern: str | None = None
    evidence: list[dict[str, object]] = field(default_factory=list)


def _last(regex: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for m in regex.finditer(text):
        last = m
    return last


def _pre_polarity(text: str, start: int) -> tuple[str | None, int]:
    cs, _ = _clause_bounds(text, start)
    before = text[cs:start]
    pos, neg = _last(_POS_PRE, before), _last(_NEG_PRE, before)
    if pos and (not neg or pos.start() > neg.end()):
        return "positive", cs + pos.start()
    if neg:
        return "negative", cs + neg.start()
    return None, start


#: a verb of showing before a stain: "the cells showed staining for ..."
_SHOWING = re.compile(r"\b(?:show\w*|demonstrat\w*|reveal\w*|display\w*|exhibit\w*|had|has|have|with|gave|giv\w+)\b",
                      re.IGNORECASE)
#: "the H3 K36M antibody showed diffuse nuclear staining": a verb of showing before the result noun
_SHOWED = re.compile(r"^\s*(?:antibody\s+)?(?:showed|shows|demonstrated|revealed|displayed|displays|gave)\s+"
                     r"(?:(?:strong|diffuse|focal|weak|patchy|nuclear|cytoplasmic|membranous|intense|moderate|aberrant"
                     r"|variable|scattered|and)\w*,?\s+){0,4}"
                     r"(?:immuno)?(?:staining|positivity|expression|reactivity|immunoreactivity)\b", re.IGNORECASE)


#: a stain's loss told after its name: "ATRX: loss of immunohistochemical expression", "INI1 - loss of nuclear staining"
_LOSS_AFTER = re.compile(r"^\s*(?:[:\-–]\s*)?(?:(?:complete|partial|total|diffuse)\s+)?loss\s+of\s+(?:\w+\s+){0,2}"
                         r"(?:expression|staining|immunoreactivity|immunostaining)\b", re.IGNORECASE)


#: a semiquantitative score after the marker: "HER2 immunohistochemistry score 2+", "HER2 (IHC) 3+", "HER2 score: 0"
_SCORE_AFTER = re.compile(r"^\s*(?:\(\s*IHC\s*\)\s*)?(?:(?:immunohistochemi\w*|immunostain\w*|IHC)\s+)?"
                          r"(?:(?:score|scored)\s*(?:of\s+|was\s+|:\s*|as\s+)?|(?:was|of)\s+)?"
                          r"(?P<n>[0-3])\s?(?P<plus>\+)?(?![\w%]|\.\d)(?(plus)|(?=\s*(?:[,;.)]|$|\s+(?:by|on)\b)))",
                          re.IGNORECASE)


#: a stain's result as scored, after how it looked: "TFE3: weak nuclear staining of uncertain significance, scored as
#: NEGATIVE"
_SCORED_AS = re.compile(r"^\s*:?[^.;:]{0,70}?\b(?:scored|read|interpreted|called|reported)\s+as\s+(?:formally\s+)?"
                        r"(?P<pol>negative|positive)\b", re.IGNORECASE)


def _post_polarity(after: str) -> str | None:
    if sa := _SCORED_AS.match(after):
        return sa.group("pol").lower()
    if _SHOWED.match(after):
        return "noun"
    if _LOSS_AFTER.match(after):
        return "negative"
    sc = _SCORE_AFTER.match(after)
    if sc and (sc.group("plus") or re.match(r"\s*\S*\s*(?:immuno|IHC|score)", after, re.IGNORECASE)):
        return "negative" if sc.group("n") == "0" else "positive"  # (1+ is faint, partial staining: stained)
    m = _POST.match(after)
    if not m:
        return None
    if m.group("noun"):
        return "noun"  # "CD99 staining", "EMA positivity": positive unless the clause negates it
    word = (m.group("pol") or m.group("mark") or m.group("stain") or "").lower().strip()
    if re.fullmatch(r"[+\-−]\s?ve", word):  # "SATB2+ve", "CK -ve"
        return "positive" if word[0] == "+" else "negative"
    if word in ("negative", "-negative", "absent", "lost", "loss", "not expressed", "negligible",
                "undetectable") or re.fullmatch(r"\(\s*[-−]\s*\)|[-−]",
                                                                                              word):
        return "negative"
    return "positive"


def _groups(text: str, items: list[tuple[int, int, str, str | None]]) -> list[list[tuple[int, int, str, str | None]]]:
    """Runs of markers joined by list separators ("A, B and C")."""
    groups: list[list[tuple[int, int, str, str | None]]] = [[items[0]]]
    for it in items[1:]:
        if _SEPARATOR.match(text[groups[-1][-1][1]:it[0]]):
            groups[-1].append(it)
        else:
            groups.append([it])
    return groups


def _glosses(text: str, items: list[tuple[int, int, str, str | None]]) -> list[tuple[int, int, str, str | None]]:
    """Drop a marker written in brackets right after another as its gloss: "CD45 (LCA)", "INI-1 (SMARCB1)"."""
    out: list[tuple[int, int, str, str | None]] = []
    for it in items:
        if out and it[3] is not None and it[3] == out[-1][3] and not text[out[-1][1]:it[0]].strip():
            # the same stain named twice in a row, the second its clone: "pan-cytokeratin AE1/AE3, Ki-67 and ..."
            out[-1] = (out[-1][0], it[1], out[-1][2], out[-1][3])
            continue
        if out:
            gloss = re.match(r"^\s*\(([^()]{0,40})\)", text[out[-1][1]:])
            if gloss and out[-1][1] + gloss.start(1) <= it[0] and it[1] <= out[-1][1] + gloss.end(1):
                continue
        out.append(it)
    return out


def _name(surface: str) -> str:
    """The marker's name without a bracketed gloss the lexicon matched with it ("progesterone receptor (PR)")."""
    bare = re.sub(r"\s*\([^()]*\)?\s*$", "", surface)
    bare = re.sub(r"^(?:nuclear|cytoplasmic|membranous|diffuse|focal)\s+", "", bare, flags=re.IGNORECASE)
    if re.fullmatch(r"[A-Za-z]{1,3}-?\d{1,3}[A-Za-z]?\s+protein", bare, re.IGNORECASE):
        bare = bare.rsplit(None, 1)[0]  # "p53 protein was expressed": p53 ("glial fibrillary acidic protein" stays)
    return bare or surface


#: what a stain shows of the tissue the tumour grows in, not of the tumour: "showed residual nerve fibres inside the
#: tumour", "highlighted entrapped axons"
_NATIVE_TISSUE = re.compile(r"^\W*(?:\w+\s+){0,4}?(?:showed|highlighted|revealed|outlined|demonstrated|stained)\s+"
                            r"(?:the\s+|a\s+few\s+|some\s+|scattered\s+)?(?:residual|entrapped|preserved|native|normal"
                            r"|non-?neoplastic|surrounding|adjacent)\s+(?:\w+\s+)?(?:nerve\s+)?(?:fib(?:re|er)s?|axons?"
                            r"|neurons?|vessels?|tissue|parenchyma)\b", re.IGNORECASE)
#: a stain without a result: "Synaptophysin staining was inconclusive", "S100 was equivocal"
_INCONCLUSIVE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:was|were|is|remained)\s+(?:\w+\s+)?(?:inconclusive|equivocal"
                           r"|indeterminate|uninterpretable|non-?contributory|non-?diagnostic|not\s+interpretable)\b",
                           re.IGNORECASE)


#: a marker naming a population of immune cells around the tumour, not a stain of its cells: "tumour-associated CD8+ T
#: cells", "CD3-positive infiltrating lymphocytes", "the density of CD8+ T cells"
_CELLS_AFTER = re.compile(r"(?:\s*\+|-positive|\s+positive)?\s*(?:(?:tumou?r[\s-])?infiltrating\s+(?:T\s+)?lymphocytes"
                          r"|(?P<cells>(?:T|B|NK)[\s-]?(?:cells?|lymphocytes?)))\b", re.IGNORECASE)
_IMMUNE_CONTEXT = re.compile(r"\b(?:tumou?r[\s-]associated|infiltrat\w*|intratumou?ral|peritumou?ral|stromal|background"
                             r"|reactive|count\w*|densit\w*|number\s+of|immune)\b", re.IGNORECASE)


def _immune_cells(text: str, start: int, end: int) -> bool:
    m = _CELLS_AFTER.match(text, end)
    if m is None:
        return False
    return not m.group("cells") or bool(_IMMUNE_CONTEXT.search(text[max(0, start - 40):start])
                                        or _IMMUNE_CONTEXT.search(text[m.end():m.end() + 60]))


def _partner_after(text: str, base: int, m: Mention, mentions: list[Mention]) -> bool:
    """A gene named with a fusion partner after a slash or dash ("EWSR1/FLI1"); a stain's own alias or clone after a
    slash is not one ("CD45/LCA", "CD68/KP1")."""
    pm = _PARTNER_AFTER.match(text[m.end - base:m.end - base + 20])
    if pm is None:
        return False
    if m.kind != "marker":
        return True
    at = m.end + pm.start() + len(pm.group()) - len(pm.group().lstrip(" -–/"))
    other = next((x for x in mentions if x.start == at), None)
    return other is not None and other.kind == "gene" and other.iri != m.iri


#: a sentence that opens a list of stains on the lines after it ("the tumour cells were positive for:",
#: "Immunohistochemistry:"), and a line of such a list ("- FOSB;", "• CD31", "2) ERG.")
_LIST_LEAD = re.compile(r"(?:\b(?:positive|negative|(?:immuno)?reactive|express\w*|stain\w*)(?:\s+for)?"
                        r"|immun\w*|\bIHC)\s*:\s*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–·]|\d{1,2}[.)])\s+")


def _join_lists(sentences: list[tuple[str, int, dict[str, object], list[Mention]]],
                ) -> list[tuple[str, int, dict[str, object], list[Mention]]]:
    """A list of stains told one a line after its lead, as one sentence: "positive for:" and "- FOSB;", "- CD31;",
    "- ERG." read as "positive for  FOSB,  CD31,  ERG." (offsets kept: bullets and the lead's colon become spaces,
    an item's closing semicolon a comma)."""
    out: list[tuple[str, int, dict[str, object], list[Mention]]] = []
    i = 0
    while i < len(sentences):
        text, base, span, ms = sentences[i]
        j, end = i + 1, base + len(text)
        if _LIST_LEAD.search(text):
            while (j < len(sentences) and _LIST_ITEM.match(sentences[j][0]) and len(sentences[j][0]) <= 80
                   and 0 <= sentences[j][1] - end <= 4):
                end = sentences[j][1] + len(sentences[j][0])
                j += 1
        if j == i + 1:
            out.append(sentences[i])
            i += 1
            continue
        parts, mentions, at = [text[:-1] + " "], list(ms), base + len(text)
        for k in range(i + 1, j):
            t2, b2, _, m2 = sentences[k]
            bullet = _LIST_ITEM.match(t2)
            item = " " * bullet.end() + t2[bullet.end():] if bullet else t2
            if k < j - 1 and item.rstrip().endswith((";", ".")):
                item = item.rstrip()[:-1] + "," + item[len(item.rstrip()):]
            parts.append(" " * (b2 - at) + item)
            mentions += m2
            at = b2 + len(t2)
        joined = "".join(parts)
        out.append((joined, base, {"text": joined, "start": base, "end": at}, mentions))
        i = j
    return out


def extract_markers(sentences: list[tuple[str, int, dict[str, object], list[Mention]]],
                    pattern_names: dict[str, str], metastatic: bool = False) -> list[MarkerFact]:
    """Markers of the case: sentences are (text, offset, span, mentions of kind marker/gene/pattern); metastatic:
    the case's tumour is a carcinoma's metastasis (the stains of that carcinoma are the case's)."""
    facts: dict[str, MarkerFact] = {}
    after_flow = False
    for text, base, span, mentions in _join_lists(sentences):
        # (the sentences after a flow cytometry result that go on about its cells: "Flow cytometry ... found an
        # abnormal clonal plasma cell population. It expressed CD38 and CD138")
        if after_flow and _GOES_ON.match(text) and not _IHC_WORD.search(text):
            continue  # (and the next one goes on about them too: "It does not express CD19, CD20, ...")
        after_flow = bool(_FLOW.search(text)) and not _IHC_WORD.search(text)
        if not _IHC_SENTENCE.search(text) or (_OTHER_TEST.search(text) and not _IHC_WORD.search(text)):
            continue
        if not metastatic and REMOTE_PAST.search(text):
            # the stains of another, earlier carcinoma are not this tumour's, as its treatment is not ("six years
            # earlier ... lumpectomy for a hormone receptor-positive carcinoma of the breast")
            spans = [(base + m.start(), base + m.end()) for m in FOR_A_CARCINOMA.finditer(text)]
            mentions = [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in spans)]
        if _LAB_WORD.search(text) and not _TISSUE_WORD.search(text):
            continue  # "Serum PSA was negative": a blood test, not a stain
        marks = [m for m in mentions if m.kind == "marker"]
        taken = {(m.start, m.end) for m in marks}
        marks += [m for m in mentions if m.kind == "gene" and not any(a < m.end and m.start < b for a, b in taken)]
        marks = [m for m in marks if not _GENOMIC_AFTER.match(text[m.end - base:m.end - base + 20])
                 and not _partner_after(text, base, m, mentions)
                 and not _GENOMIC_BEFORE.search(text[max(0, m.start - base - 32):m.start - base])
                 and not _lab_value(text, m.start - base, m.end - base)
                 and not _immune_cells(text, m.start - base, m.end - base)
                 and not _GROUP_OF_TUMOURS.match(text, m.end - base)
                 and not _GENOTYPE_RESULT.match(text, m.end - base)]
        # (a stain's name spelt out in brackets after its abbreviation is that stain: "EMA (epithelial membrane
        # antigen): focally positive")
        marks = [m for m in marks if not any(
            o.iri == m.iri and o.end <= m.start and re.fullmatch(r"\s*\(\s*", text[o.end - base:m.start - base])
            and text[m.end - base:m.end - base + 2].lstrip().startswith(")") for o in marks)]
        items: list[tuple[int, int, str, str | None]] = [
            (m.start - base, _closed(text, m.surface, m.end - base), _name(_INDEX_TAIL.sub("", m.surface)), m.iri)
            for m in sorted(marks, key=lambda x: x.start)]
        items = [_abbreviation(text, it) for it in _add_unknown(text, _glosses(text, items))]
        if not items:
            continue
        last_result: str | None = None
        for group in _groups(text, items):
            end = group[-1][1]
            # (past a bracketed clone or alias before the result: "CD99 (MIC2 gene product, clone O13): positive")
            aside = _ASIDE_AFTER.match(text, end) if not _PAREN_PATTERN.match(text[end:]) else None
            told_at = aside.end() if aside else end
            group_post = _post_polarity(text[told_at:told_at + 80]) if not _modifies_next(text, end, items) else None
            pre, cue_at = _pre_polarity(text, group[0][0])
            if pre is None and _AS_WERE.search(text[max(0, group[0][0] - 20):group[0][0]]):
                pre = last_result  # "CD34 was negative, as were TTF-1 and CDX2"
            if group_post == "noun":
                cs = _clause_bounds(text, group[0][0])[0]
                neg = _NOUN_NEG.search(text, max(cs, cue_at if pre else cs), group[0][0])
                if neg is not None and pre and cue_at < neg.start():
                    # "CD68 positive, with no langerin (CD207) staining": the noun's own "no", after the last cue
                    group_post, pre = "negative", None
                else:
                    group_post = None if pre else ("negative" if _NOUN_NEG.search(text[cs:group[0][0]]) else "positive")
            # ("Staining for A, B and C was negative": the noun of the test is no result, the copula's is every item's)
            # (but "The cells showed staining for A and B, and C was negative" tells A and B positive)
            test_noun = pre == "positive" and bool(re.match(r"stain(?:ing|s)?\s", text[cue_at:], re.IGNORECASE)) \
                and not _SHOWING.search(text[_clause_bounds(text, group[0][0])[0]:cue_at])
            singular = len(group) > 1 and pre is not None and not test_noun and _SINGULAR_COPULA.match(text[end:])
            group_pattern = _pattern(text[max(0, cue_at - 25):group[0][0]].rsplit(";", 1)[-1], pattern_names)
            for s0, e, name, iri in group:
                qm = _QUAL_MARK.match(text[e:e + 30])
                at = e + (qm.end() if qm else 0)
                own = _post_polarity(text[at:at + 12]) if _own_mark(text[at:at + 12]) else None
                if own is None and _PAREN_PATTERN.match(text[e:]):
                    own = "positive"  # "TLE1 (diffuse, strong)": a staining pattern is a positive result
                # "negative for A, B was positive": a singular copula after a list is the last item's alone
                post = None if singular and e != end else group_post
                result = own or post or pre
                last_result = result or last_result
                is_ki67 = bool(re.match(r"(?:ki-?\s?67|mib)", name, re.IGNORECASE))
                after = text[e:e + 60]
                value = None
                rm = _RANGE_PERCENT.match(after)
                if rm and not any(s2 > e and s2 < e + rm.end() for s2, _, _, _ in items):
                    value = (float(rm.group("lo")) + float(rm.group("hi"))) / 2  # "2-3%": the middle, 2.5
                    value = int(value) if value == int(value) else value
                elif not rm:
                    pm = _PERCENT.match(after)
                    if pm and not any(s2 > e and s2 < e + pm.end() for s2, _, _, _ in items):
                        value = float(pm.group(1))
                        value = int(value) if value == int(value) else value
                um = _UNDER_ONE.match(after)
                if not is_ki67 and um and result in (None, "positive") and not any(
                        e < s2 <= e + um.end() + 20 for s2, _, _, _ in items):  # (not the next stain's share)
                    # fewer than 1% of the cells stained (or none): the negative result of every scoring of a stain
                    # (PD-L1 "below 1%", ER and PR "<1%"), not a low positive one
                    result, value = "negative", None
                # a Ki-67 index is a result when one is told ("Ki-67 index was low", "Ki-67 of 5%"), not when Ki-67
                # is only listed among the stains done
                ki67_told = is_ki67 and bool(_KI67_TOLD.match(after))
                if result is None and (ki67_told or value is not None):
                    result = "positive"
                if is_ki67 and own is None and re.search(r"\b(?:high|low|elevated|increased|raised|moderate)\s+$",
                                                          text[max(0, s0 - 14):s0], re.IGNORECASE):
                    result = "positive"  # "CD30 negative, with a high Ki-67 proliferation index": an index told
                if result is None or _INCONCLUSIVE.match(text[e:e + 60]):
                    continue  # "Synaptophysin staining was inconclusive": no result
                if _NATIVE_TISSUE.search(text[e:e + 100]):
                    continue  # "staining for neurofilament showed residual nerve fibres": the nerve's, not the tumour's
                if is_ki67 and result == "negative" and value:
                    result = "positive"
                paren = re.match(r"^\s*\(([^()]{0,60})\)", text[e:])
                pattern = (_pattern(paren.group(1), pattern_names) if paren else None) or group_pattern
                key = iri or name.lower()
                fact = facts.get(key)
                if fact is None:
                    facts[key] = MarkerFact(name, iri, result, value, pattern, [span])
                else:
                    if fact.value_percent is None and value is not None:
                        fact.value_percent = value
                    fact.pattern = fact.pattern or pattern
                    add_evidence(fact.evidence, span)
    return list(facts.values())


_PRE_MODIFIER = re.compile(r"^\s*,?\s*(?:and\s+)?(?:retained|preserved|lost|positive|negative)\s+"
                           r"(?:(?:nuclear|cytoplasmic|membranous|diffuse|focal|strong|weak)\s+){0,2}$", re.IGNORECASE)


def _lab_value(text: str, start: int, end: int) -> bool:
    """A marker named as a laboratory value in a sentence that also tells stains: "serum AFP (1,200 ng/mL)", "CEA
    levels", "the tumour markers CEA and AFP"."""
    if _LAB_AFTER.match(text[end:end + 45]):
        return True
    before = text[max(0, start - 45):start]
    ends = [m.end() for m in _LAB_WORD.finditer(before)]
    if not ends:
        return False
    between = before[ends[-1]:]
    return not _TISSUE_WORD.search(between) and ";" not in between and ":" not in between


def _closed(text: str, surface: str, end: int) -> int:
    """The end of a mention, past the bracket its name left open: "CK (AE1/AE3" + ")"."""
    if surface.count("(") > surface.count(")"):
        m = re.match(r"\s*\)", text[end:])
        if m:
            return end + m.end()
    return end


def _abbreviation(text: str, item: tuple[int, int, str, str | None]) -> tuple[int, int, str, str | None]:
    """A marker written as the bracketed short form of a full name ("transducin-like enhancer of split 1
    (TLE1) was positive") ends past its closing bracket, so the result after the bracket is its own."""
    start, end, name, iri = item
    close = re.match(r"\s*\)", text[end:])
    if close and re.search(r"\(\s*$", text[max(0, start - 3):start]):
        return start, end + close.end(), name, iri
    return item


def _modifies_next(text: str, end: int, items: list[tuple[int, int, str, str | None]]) -> bool:
    """Whether the polarity word after a marker stands before the next one ("..., and retained ATRX expression")."""
    nxt = min((it[0] for it in items if it[0] >= end), default=None)
    return nxt is not None and bool(_PRE_MODIFIER.match(text[end:nxt]))


def _own_mark(after: str) -> bool:
    return bool(re.match(r"^(?:-positive|-negative|\s?[+\-−]\s?ve\b|\s*\(\s*[+\-−]{1,3}\s*\)|\+{1,3}(?![\w])"
                         r"|[-−](?![\w\-]))", after,
                         re.IGNORECASE))


def _pattern(window: str, names: dict[str, str]) -> str | None:
    for w in re.findall(r"[A-Za-z]+", window.lower()):
        for cand in (w, re.sub(r"ly$", "", w), re.sub(r"ity$", "", w)):
            if cand in names:
                return names[cand]
    return None
