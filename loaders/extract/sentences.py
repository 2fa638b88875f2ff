"""A report cut into sentences with character offsets, each placed in a section and a patient.

Sections: ``meta`` (source furniture: "Title:", "DOI-LINK:", ...), ``legend`` (figure legends and table
captions: they tell no fact and are never evidence), ``intro`` (before the case
is told), ``case`` (the case description), ``other`` (discussion, comments, FAQ, references,
newsletters: text about the disease in general, not about this patient).

>>> doc = segment("Background text.\\nA 43-year-old woman had pain. She improved.\\nDiscussion\\nChordoma is rare.")
>>> [(s.section, s.text) for s in doc.sentences if not s.heading]  # doctest: +NORMALIZE_WHITESPACE
[('intro', 'Background text.'), ('case', 'A 43-year-old woman had pain.'), ('case', 'She improved.'),
 ('other', 'Chordoma is rare.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spinekg.loaders.extract.numwords import NUMBER, to_number
from spinekg.loaders.extract.tables import is_row

#: A sentence longer than this is cut (bounded work on single huge lines).
MAX_SENTENCE = 2000
#: Evidence kept per fact (a fact said a thousand times keeps its first few sentences).
MAX_EVIDENCE = 8


def add_evidence(spans: list[dict[str, object]], span: dict[str, object]) -> None:
    """Append a span to a fact's evidence, once, up to MAX_EVIDENCE."""
    if len(spans) < MAX_EVIDENCE and span not in spans:
        spans.append(span)

#: the numbering and markup before a heading's words: "2 | ", "3.1 ", "II. ", "## ", "**"
_NUMBERING = re.compile(r"^[\W_]{0,6}(?:(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|(?:[IVX]{1,4}|[A-H])[.)])\s*"
                        r"(?:[|:.)\-–—]\s*)?)?(?=[A-Za-z])")
_HEADING_OTHER = re.compile(
    r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:comments?|discussion|conclusions?|references|bibliography|acknowledge?ments?"
    r"|about this article|everything you need to know|frequently asked|faq\b|newsletter|funding"
    r"|conflicts? of interest|competing interests?|declarations?|author(?:s'?)? contributions|ethics"
    r"|consent|abbreviations|literature review|review of (?:the )?literature|subscribe|related articles"
    r"|this article is based on|learning points|key messages|take-home|supplementary"
    r"|data availability|footnotes|publisher'?s note|article information|cite this|disclosures?|patient consent"
    r"|informed consent|ethical (?:approval|statement)|acknowledg\w*|open access|author information|notes|lessons?"
    r"|summary of (?:the )?literature|previously reported cases|similar cases)\b",
    re.IGNORECASE)
_HEADING_CASE = re.compile(
    r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:case (?:presentation|report|description|history|summary|details)"
    r"|clinical (?:presentation|summary|history|case)|patient (?:presentation|history|information)"
    r"|history and (?:examination|presentation)|presentation)\b", re.IGNORECASE)
_HEADING_INTRO = re.compile(r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:introduction|background|abstract|summary)\b",
                            re.IGNORECASE)
#: a label that opens a part of a structured abstract or a declaration inside a paragraph: "Background:",
#: "Case presentation:", "Conclusions:", "Funding:"; the part runs to the next label or heading
_RUNIN = re.compile(
    r"^\W{0,3}(?P<label>background|introduction|objectives?|purpose|importance|rationale|methods?"
    r"|case\s+(?:presentation|report|description|summary|history)|clinical\s+(?:presentation|case|findings)"
    r"|patient\s+concerns?|diagnos[ie]s|interventions?|outcomes?|results?|observations?"
    r"|conclusions?|discussion|comments?|lessons?|learning\s+points?|funding|conflicts?\s+of\s+interests?"
    r"|competing\s+interests?|consent|ethics(?:\s+\w+)?|author(?:s'?)?\s+contributions?|acknowledge?ments?"
    r"|data\s+availability|disclosures?)\s*:", re.IGNORECASE)
_RUNIN_SECTION = {"background": "intro", "introduction": "intro", "objective": "intro", "objectives": "intro",
                  "purpose": "intro", "importance": "intro", "rationale": "intro"}  # "Methods:" tells the case
_PATIENT_HEAD = re.compile(
    r"^\W{0,6}(?:case|patient)(?:\s+report)?\s*(?:no\.?\s*|#\s*)?(\d{1,3}|[IVX]{1,4}\b|one|two|three|four|five|six)"
    r"(?=\s*[:.)\-–—]|\s*$|\s+(?:a|an|the|was|is|was a)\b)", re.IGNORECASE)
#: a part of a series' case section told for all its patients: "Treatment and outcome (both cases)"
_SHARED_HEAD = re.compile(r"\b(?:both|all|either|each)\s+(?:(?:two|three|four|five|six)\s+)?(?:of\s+)?"
                          r"(?:the\s+|our\s+)?(?:cases|patients)\b|\bour\s+(?:two|three|four|five|six)?\s*(?:cases|patients)\b",
                          re.IGNORECASE)
_ORDINAL_PATIENT = re.compile(r"^\W{0,6}(?:the\s+)?(first|second|third|fourth|fifth)\s+(?:case|patient)\b",
                              re.IGNORECASE)
#: a figure legend or table caption: "Fig. 1MRI results. (A) ...", "Figure 2. Histology", "Table 1 Patients": it may
#: repeat a fact of the case but tells none, and is never shown as evidence
_LEGEND = re.compile(r"^\W{0,3}(?:fig(?:ure)?s?\.?\s*\d{1,2}[A-Za-z]?(?:\s*[.:|)\-–—]|\s*[A-Z(])"
                     r"|(?:supplementary\s+)?(?:table|graph|chart)\s+\d{1,2}\s*[.:|\-–—])", re.IGNORECASE)
_META = re.compile(r"^\s*(?:title|doi(?:-link)?|journal|publisher|authors?|published|subject|keywords?|pmid"
                   r"|pmcid|received|accepted|citation|copyright|volume|issue)\s*:", re.IGNORECASE)
_PARA_OTHER = re.compile(r"^\W{0,3}(?:comments?|discussion|conclusions?)\s*[:.\-–—]\s*", re.IGNORECASE)
#: a field of a clinical letter or tumour-board summary ("Rx:", "FU 28 mo:", "Outcome:"): after a
#: "Discussion:"/"Conclusion:" paragraph of such a summary, the patient's own record resumes
_CASE_FIELD = re.compile(
    r"^\W{0,3}(?:rx|tx|treatment|therapy|management|surgery|procedures?|operation|outcome|course|progress|follow[\s-]?up"
    r"|fu|plan|histo\w*|ihc|immunohistochemistry|molecular|imaging|mri|ct|labs?|bx|biopsy|pathology|dx|diagnosis"
    r"|presentation|presenting|hx|history|pt|patient)\b[^:.]{0,20}:", re.IGNORECASE)
#: a sentence citing other patients ("In one earlier report, ...", "Other patients in the literature ...")
_LITERATURE = re.compile(
    r"\b(?:in\s+(?:one|an?|another)\s+(?:earlier|previous|prior|published|other)\s+(?:report|case|study|series)"
    r"|in\s+another\s+(?:case|patient|report|series)|et\s+al\.?\s+(?:\(\d{4}\)\s+)?(?:reported|described|presented"
    r"|treated)"
    r"|other\s+(?:published\s+)?(?:patients|cases)\s+(?:in|from|described|reported|with)"
    r"|(?:previously|earlier)\s+(?:reported|published|described)\s+(?:patients?|cases?))\b", re.IGNORECASE)
_AGE_NOUN = re.compile(rf"\b(?P<n>{NUMBER})[\s-]*(?P<u>year|yr|month)s?[\s-]*old\b", re.IGNORECASE)
#: A sentence that introduces the patient: "A 43-year-old woman", "a 20-month-old boy", "aged 43".
INTRO_PATIENT = re.compile(
    rf"\b{NUMBER}[\s-]*(?:year|yr|month|week|day)s?[\s-]*old\b|\baged\s+\d{{1,3}}\b"
    r"|\b(?:a|an)\s+(?:\w+\s+){0,3}(?:woman|man|girl|boy|female|male|lady|gentleman|patient|child|infant)"
    r"\s+(?:in\s+(?:his|her)\s+\w+ies|who\s+presented|presented|was\s+admitted|was\s+referred|complained)",
    re.IGNORECASE)
#: the patient of a clinical letter or tumour-board summary: "Pt: 47M", "Patient 63 F", "Pt: 55 y/F"
PATIENT_CODE = re.compile(r"\b(?i:pts?|patient|age/sex)\s*[:.,]?\s*(?P<n>\d{1,3})\s*-?\s*"
                          r"(?:(?i:y(?:ears?|rs?)?|yo)\s*)?[/,]?\s*(?P<sex>[MF])\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "first": 1, "second": 2,
            "third": 3, "fourth": 4, "fifth": 5}
# sentence ends: after . ! ? (and closing quotes/brackets) before a capital, digit or bracket,
# except after common abbreviations
_SPLIT = re.compile(r"(?<=[.!?])[\"”')\]]?\s+(?=[\"“(\[]?[A-Z0-9•·])")
_ABBREV_END = re.compile(r"(?:\b(?:fig|figs|e\.g|i\.e|et al|vs|dr|no|nos|approx|ca|cf|mr|mrs|ms|st|inc|ref"
                         r"|refs|tab|vol|pp|resp|incl)\.|\b[A-Z]\.)$", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    section: str
    patient: int = 0  # 0: not inside a numbered patient's part
    heading: bool = False
    summary: bool = False  # in the title or abstract, before the article's introduction: a summary of the case

    def span(self) -> dict[str, object]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Document:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    for_all: set[int] = field(default_factory=set)  # starts of the sentences of a part told for all patients

    @property
    def patients(self) -> list[int]:
        """The numbered patients of a multi-patient report ([] for a single-patient report)."""
        nums = sorted({s.patient for s in self.sentences if s.patient})
        return nums if len(nums) > 1 else []

    def case_sentences(self, patient: int = 0) -> list[Sentence]:
        """The sentences telling the case (of one numbered patient, with the shared ones, if given)."""
        return [s for s in self.sentences if s.section == "case" and s.patient in (0, patient)
                and not s.heading] if patient else [s for s in self.sentences if s.section == "case"
                                                    and not s.heading]


def _patient_number(text: str) -> int | None:
    m = _PATIENT_HEAD.match(text) or _ORDINAL_PATIENT.match(text)
    if not m:
        return None
    g = m.group(1).lower()
    if g.isdigit():
        return int(g)
    return _ROMAN.get(g) or _WORDNUM.get(g)


def _is_heading(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if s.startswith("#"):
        return True
    words = s.split()
    return len(s) <= 90 and len(words) <= 12 and not re.search(r"[.;,]\s*$", s) and not s.endswith(":") \
        or (len(words) <= 6 and s.endswith(":"))


def _split_sentences(line: str, base: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    pos = 0
    pieces: list[tuple[int, int]] = []
    for m in _SPLIT.finditer(line):
        if _ABBREV_END.search(line[max(0, m.start() - 8):m.start()]):
            continue
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(line)))
    for a, b in pieces:
        while b - a > MAX_SENTENCE:  # cut a huge run at a space near the cap
            cut = line.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
            cut = cut if cut > a else a + MAX_SENTENCE
            out.append((line[a:cut], base + a, base + cut))
            a = cut
        seg = line[a:b]
        lead = len(seg) - len(seg.lstrip())
        seg = seg.strip()
        if seg:
            out.append((seg, base + a + lead, base + a + lead + len(seg)))
    return out


def _age_key(m: re.Match[str]) -> str:
    n = to_number(m.group("n"))
    return f"{n if n is not None else m.group('n').lower()} {m.group('u').lower()[:2]}"


def _line_starts(text: str) -> dict[int, str]:
    """Each line by the offset it starts at."""
    out, pos = {}, 0
    for line in text.splitlines(keepends=True):
        out[pos] = line
        pos += len(line)
    return out


def segment(text: str) -> Document:
    """Cut a report into sentences, sections and patients."""
    doc = Document(text)
    raw: list[tuple[str, int, int, str, int, bool]] = []
    section = "intro"
    explicit_case = False
    para_other = False  # inside the "Discussion:" paragraph of a summary (a field label ends it)
    first_age: str | None = None  # the age that introduced the patient ("43-year-old")
    patient = 0
    pos = 0
    table_open = False
    # an article with a case heading tells its patient there: before it, an introduction's "a 34-year-old man"
    # is someone else (only the abstract, before the introduction, may introduce the patient)
    heads = [(i, _NUMBERING.sub("", x.strip())) for i, x in _line_starts(text).items() if _is_heading(x.strip())]
    has_case_heading = any(_HEADING_CASE.match(h) or _patient_number(h) is not None for _, h in heads)
    in_introduction = False
    shared_part = False
    # where the title block ends (an "Abstract" heading) and the body begins (an "Introduction" heading): a
    # "Case Report" line above the abstract is the article's type, and what the case part says before the
    # introduction is its summary
    abstract_at = next((i for i, h in heads if re.match(r"\W*(?:abstract|summary)\W*$", h, re.IGNORECASE)), -1)
    body_at = next((i for i, h in heads if re.match(r"\W*introduction\b", h, re.IGNORECASE)), -1)
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            continue
        if is_row(stripped):  # a table row: never a heading; the rows of one table are one sentence
            a, b = start + body.find(stripped), start + body.find(stripped) + len(stripped)
            if table_open and raw:
                a = raw[-1][1]
                raw[-1] = (text[a:b], a, b, raw[-1][3], raw[-1][4], False)
            else:
                raw.append((stripped, a, b, section, patient if section == "case" else 0, False))
            table_open = True
            continue
        table_open = False
        heading = _is_heading(stripped)
        head = _NUMBERING.sub("", stripped) if heading else stripped
        num = _patient_number(head)
        if heading:
            shared_part = False
        if num is not None and (heading or _PATIENT_HEAD.match(stripped) or _ORDINAL_PATIENT.match(stripped)):
            patient, section, explicit_case = num, "case", True
        elif heading and patient and section == "case" and _SHARED_HEAD.search(head):
            patient, shared_part = 0, True  # "Treatment and outcome (both cases)" after "Case 1", "Case 2"
        elif heading and _HEADING_OTHER.match(head):
            section = "other"
        elif heading and _HEADING_CASE.match(head) and start < abstract_at:
            pass  # "Case Report" above the abstract: the article type, in the title block
        elif heading and _HEADING_CASE.match(head):
            section, explicit_case = "case", True
        elif heading and _HEADING_INTRO.match(head):
            section = "intro"
            in_introduction = not re.match(r"\W*(?:abstract|summary)\b", head, re.IGNORECASE)
        elif _LEGEND.match(stripped) and not ("|" in stripped or "\t" in stripped):  # a table's rows are data
            for sent, a, b in _split_sentences(body, start):
                raw.append((sent, a, b, "legend", 0, False))
            continue
        elif _META.match(stripped):
            raw.append((stripped, start + body.find(stripped), start + body.find(stripped) + len(stripped),
                        "meta", 0, False))
            continue
        elif _PARA_OTHER.match(stripped):
            section, para_other = "other", True
        elif para_other and _CASE_FIELD.match(stripped):
            section, para_other = "case", False
        sec = section
        for sent, a, b in _split_sentences(body, start):
            runin = _RUNIN.match(sent)
            if runin and not heading:
                label = re.sub(r"\s+", " ", runin.group("label").lower())
                # "Background:" opens an abstract's general part; in a clinical letter, after the patient, it is
                # the patient's own history
                intro_label = _RUNIN_SECTION.get(label)
                section = sec = (section if intro_label and section == "case" else intro_label) or ("other" if re.match(
                    r"concl|discuss|comment|lesson|learning|fund|conflict|compet|consent|ethic|author|acknow|data|discl",
                    label) else "case")
            elif sec == "intro" and not explicit_case and not (has_case_heading and in_introduction) and (
                    INTRO_PATIENT.search(sent) or PATIENT_CODE.search(sent)):
                section = sec = "case"
            own = sec
            if sec == "case" and not patient and not heading:
                ages = [_age_key(m) for m in _AGE_NOUN.finditer(sent)]
                if first_age is None and ages:
                    first_age = ages[0]
                elif (ages and first_age not in ages) or _LITERATURE.search(sent):
                    own = "other"  # another patient's story told inside the case ("a 40-year-old man needed ...")
            if shared_part and own == "case" and not heading:
                doc.for_all.add(a)
            raw.append((sent, a, b, own, patient if own == "case" else 0, heading))
    if not any(r[3] == "case" for r in raw):
        # no recognisable case description: read the whole text as the case
        raw = [(t, a, b, "case" if s == "intro" else s, p, h) for t, a, b, s, p, h in raw]
    doc.sentences = [Sentence(t, a, b, s, p, h, a < body_at) for t, a, b, s, p, h in raw]
    return doc
