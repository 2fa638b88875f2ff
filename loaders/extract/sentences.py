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

from spinekg.loaders.extract.furniture import COLUMN_GAP, LIST_ITEM
from spinekg.loaders.extract.numwords import NUMBER, to_number
from spinekg.loaders.extract.prefilter import needs
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
_NUMBERING = re.compile(r"^[\W_]{0,6}(?:(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|(?:[IVX]{1,4}|[A-H])[.)]"
                        # a poster's or a form's numbered parts: "PANEL 5 - SIMILAR CASES", "Part 2: Discussion"
                        r"|(?i:panel|part|section|box|step)\s+\d{1,2}[.)]?)\s*"
                        r"(?:[|:.)\-–—]\s*)?)?(?=[A-Za-z])")
_HEADING_OTHER = re.compile(
    r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:(?:board\s+|panel\s+|editorial\s+)?comments?"
    r"|(?:clinical\s+|general\s+|brief\s+|board\s+|panel\s+)?discussion"
    r"|discussion\s+points?|teaching\s+points?|questions?\s+(?:for|to)\s+the\s+(?:board|panel)"
    r"|(?:points?|questions?|topics?|issues?|matters?)\s+(?:raised\s+)?(?:for|in|at)\s+(?:the\s+)?discussion"
    r"|points?\s+(?:raised|made|discussed)\b"
    r"|why\s+(?:this|the)\s+case|what\s+(?:this|the)\s+case\s+(?:teaches|shows|adds)|conclusions?|references"
    # the literature's patients: "Other published spinal epidural Ewing sarcomas", "Companion cases (not this patient)"
    r"|(?:other|published|previous(?:ly)?|reported|companion|similar|comparable|comparison)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:cases|patients"
    r"|reports|tumou?rs|sarcomas|series|children|adults|carriers|families|kindreds|cohorts|studies)\b"
    r"|comparisons?\s+with\s+(?:the\s+)?(?:literature|reported|published|other|previous)\b"
    r"|.*\b(?:for\s+comparison|not\s+(?:this|our|the\s+index)\s+patient|not\s+ours\b"
    r"|(?:another|other)\s+(?:published|reported)\s+(?:patient|case)\b|none\s+(?:is|was|of\s+them\s+is)\s+(?:this|our)\s+patient"
    r"|other\s+patients|for\s+context\s+only|not\s+(?:about|concerning|of)\s+(?:this|our|the(?:\s+index)?)\s+patient"
    r"|in\s+general\b"
    r"|points?\s+of\s+comparison|not\s+to\s+be\s+confused\s+with)"
    r"|(?=(?:why|how|what|when|which|is|are|does|do|can|could|should)\b[^?]{3,80}\?\s*$)\w+"  # a question to discuss
    r"|bibliography|acknowledge?ments?|(?:board\s+|panel\s+|team\s+|our\s+)?recommendations?\s*$"
    r"|about this article|everything you need to know|frequently asked|faq\b|newsletter|funding"
    r"|conflicts? of interest|competing interests?|declarations?|author(?:s'?)? contributions|ethics"
    r"|consent|abbreviations|literature review|review of (?:the )?literature|subscribe|related articles"
    r"|this article is based on|learning points|key messages|take-home|supplementary"
    r"|data availability|footnotes|publisher'?s note|article information|cite this|disclosures?|patient consent"
    r"|informed consent|ethical (?:approval|statement)|acknowledg\w*|open access|author information|notes|lessons?"
    r"|summary of (?:the )?literature|previously reported cases|similar cases"
    r"|(?:background|lessons?|evidence|cases?|data)\s+(?:from|in)\s+the\s+literature)\b",
    re.IGNORECASE)
_HEADING_CASE = re.compile(
    r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:case (?:presentation|report|description|history|summary|details|series)"
    r"|clinical (?:presentation|summary|history|case|course|follow[\s-]?up)"
    r"|patient (?:presentation|history|information|details)|patient\s+and\s+(?:question|history|presentation|request"
    r"|problem|disease|diagnosis|tumou?r|course)|patient\s*$"  # a board note's "Patient" part
    # the patient's later story: "Follow-up", "Treatment and outcome", "Outcome and follow-up"
    r"|follow[\s-]?up\s*(?:\([^()]{0,80}\))?\s*$|(?:treatment|management|therapy)\s+and\s+(?:outcome|follow[\s-]?up)"
    r"|outcome\s+and\s+follow[\s-]?up|(?:decision|plan|course|response)\s+and\s+(?:follow[\s-]?up|outcome)"
    r"|(?:the |our )?patient'?s?'? (?:findings|course|history|data|details)|our (?:patients?|cases?)\b"
    r"|(?:patients|cases)(?: and methods)?\s*$|(?:the\s+|our\s+)?case\s*$"
    r"|(?:the|our|this|these)\s+(?:(?:two|three|four|five|six)\s+)?patients?(?=\s*(?:\([^()]{0,80}\))?\s*$)"
    # "The patient - timeline", "Our patient: clinical course"
    r"|(?:(?:the|our|this)\s+|(?:the\s+)?index\s+)(?:patient|case)\s*(?:[-–—:|]\s*(?:[\w-]+\s*){1,4})?$"
    # "Molecular findings in the patient", "Pathology of our case"
    r"|(?:[\w-]+\s+){1,3}(?:in|of)\s+(?:the|our|this)\s+(?:patient|case|child|boy|girl|man|woman)\s*$"
    r"|history and (?:examination|presentation)|presentation"
    # a report's closing "FINAL DIAGNOSIS", after its comment
    r"|final\s+(?:pathological\s+|histological\s+|integrated\s+)?diagnos[ie]s\s*$)\b", re.IGNORECASE)
#: a heading of a report's findings on its patient ("Molecular findings (tumour DNA)", "Additional studies",
#: "Immunohistochemistry"): after a background part, the patient's own record resumes
_HEADING_RESULTS = re.compile(
    r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:(?:molecular|genetic|genomic|cytogenetic|sequencing|laboratory|imaging|radiolog\w*"
    r"|histolog\w*|histopatholog\w*|patholog\w*|immunohistochemi\w*|operative|surgical|microscopic|gross|clinical)"
    r"\s+(?:findings|results?|studies|description|examination|analysis|testing|data)"
    r"|(?:additional|ancillary|supplementary|further)\s+(?:stud(?:y|ies)|tests?|testing|investigations?)"
    r"|(?:molecular|genetic|genomic)\s+(?:pathology|genetics|diagnostics|profil\w*|testing|work-?up)"
    r"|immunohistochemistry|investigations|findings|results)(?:\s*\([^()]{0,60}\))?\s*$", re.IGNORECASE)
_HEADING_INTRO = re.compile(r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:introduction|background|abstract|summary(?!\s+of\b))\b",
                            re.IGNORECASE)
#: a label that opens a part of a structured abstract or a declaration inside a paragraph: "Background:",
#: "Case presentation:", "Conclusions:", "Funding:"; the part runs to the next label or heading
_RUNIN = re.compile(
    r"^\W{0,3}(?P<label>background|introduction|objectives?|purpose|importance|rationale|methods?|study\s+design"
    r"|summary\s+of\s+background\s+data|aims?"
    r"|case(?:\s+(?:presentation|report|description|summary|history))?|clinical\s+(?:presentation|case|findings)"
    # the literature's patients: "Context from the literature (other patients)."
    r"|context\s+from\s+(?:the\s+literature|other\s+(?:series|reports|studies|patients|cases))"
    r"|(?:similar|other|comparable|previously\s+reported)\s+cases|(?:review\s+of\s+(?:the\s+)?)?literature"
    r"|literature\s+review"
    r"|patient\s+concerns?|diagnos[ie]s|interventions?|outcomes?|results?|observations?"
    r"|conclusions?|(?:clinical\s+)?discussion|comments?|lessons?|learning\s+points?|funding|conflicts?\s+of\s+interests?"
    r"|competing\s+interests?|consent|ethics(?:\s+\w+)?|author(?:s'?)?\s+contributions?|acknowledge?ments?"
    r"|data\s+availability|disclosures?)(?:\s*\([^()]{1,60}\))?\s*:", re.IGNORECASE)
#: ... or a poster's label ended by a full stop, a sentence of its own: "Background.", "Case.", "Conclusion."
_RUNIN_STOP = re.compile(r"^\W{0,3}(?P<label>background|case|conclusions?|context\s+from\s+the\s+literature"
                         r"|(?:similar|other|comparable|previously\s+reported)\s+cases)(?:\s*\([^()]{1,60}\))?\s*\.\s*$",
                         re.IGNORECASE)
_RUNIN_SECTION = {"background": "intro", "introduction": "intro", "objective": "intro", "objectives": "intro",
                  "purpose": "intro", "importance": "intro", "rationale": "intro", "study design": "intro",
                  "summary of background data": "intro", "aim": "intro", "aims": "intro"}  # "Methods:" tells the case
_PATIENT_HEAD = re.compile(
    r"^\W{0,6}(?:case|patient|twin)(?:\s+report)?\s*(?:no\.?\s*|#\s*)?(\d{1,3}|[IVX]{1,4}\b|one|two|three|four|five|six"
    r"|(?-i:[A-F])(?=\s*[.:)]|\s*$))"
    # (a bracketed aside may stand before the stop: "Patient 1 (the mother).", "Case 2 (index patient):")
    r"(?=\s*(?:\([^()]{1,40}\)\s*)?(?:[:.)\-–—]|$)|\s*,(?!\s*\d)|\s*$|\s+(?:a|an|the|was|is|was a)\b)", re.IGNORECASE)
#: a run-in opening the part of a patient named by a relation and a name, or by initials: "Twin David.",
#: "Sister Anna:", "Proband (II-3)." is not one; "Patient J.S.", "Case M.K.:"
_NAMED_HEAD = re.compile(r"^\W{0,6}(?:(?:twin|sibling|brother|sister|proband|son|daughter)\s+(?-i:([A-Z][a-z]{2,15}))"
                         r"\s*[.:]|(?:case|patient)\s+(?-i:([A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?))\s*:?)\s",
                         re.IGNORECASE)
#: a part of a series' case section told for all its patients: "Treatment and outcome (both cases)"
_SHARED_HEAD = re.compile(r"\b(?:both|all|either|each)\s+(?:(?:two|three|four|five|six)\s+)?(?:of\s+)?"
                          r"(?:the\s+|our\s+)?(?:cases|patients)\b|\bour\s+(?:two|three|four|five|six)?\s*(?:cases|patients)\b",
                          re.IGNORECASE)
#: a numbered patient as the subject of what happened to them: "Case 1 declined postoperative adjuvant therapy.",
#: "Case 3, a woman, already had metastases ..."
_NUMBERED_SUBJECT = re.compile(r"^\W{0,3}(?:case|patient)\s+(\d{1,2})\s*(?:,[^,.;]{1,40},\s*)?"
                               r"(?:(?:\w+ly|already|then|also|later|subsequently)\s+)?(?:was|were|had|has|is|received|declined|refused|underwent"
                               r"|developed|died|remained|remains|presented|showed|relapsed|recovered|required|needed"
                               r"|got|started|began|continued)\b", re.IGNORECASE)
#: ... and a paragraph's run-in label that says so: "Immunophenotype (both cases)."
_SHARED_RUNIN = re.compile(r"^\W{0,3}[A-Z][\w /,-]{0,40}\(\s*(?:in\s+)?(?:both|all|each)\s+"
                           r"(?:(?:two|three|four)\s+)?(?:cases|patients|tumou?rs)\s*\)\s*[.:]", re.IGNORECASE)
_ORDINAL = r"^\W{0,6}(?:the\s+)?(first|second|third|fourth|fifth)\s+(?:case|patient|child|boy|girl|man|woman)\b"
_ORDINAL_PATIENT = re.compile(_ORDINAL, re.IGNORECASE)
#: ... told as the subject of what happened to them: "The first child was admitted ...", "The third child, a girl, had"
_ORDINAL_SUBJECT = re.compile(_ORDINAL + r"\s*(?:,\s*(?:an?\s+)?[\w\s-]{1,30},\s*)?(?:was|had|presented|underwent"
                              r"|received|developed|complained|showed)\b", re.IGNORECASE)
#: a figure legend or table caption: "Fig. 1MRI results. (A) ...", "Figure 2. Histology", "Table 1 Patients": it may
#: repeat a fact of the case but tells none, and is never shown as evidence
_LEGEND = re.compile(r"^\W{0,3}(?:fig(?:ure)?s?\.?\s*\d{1,2}[A-Za-z]?(?:\s*[.:|)\-–—]|\s*[A-Z(])"
                     r"|(?:supplementary\s+)?(?:table|graph|chart)\s+\d{1,2}\s*[.:|\-–—])", re.IGNORECASE)
_META = re.compile(r"^\s*(?:title|doi(?:-link)?|journal|publisher|authors?|published|subject|keywords?|pmid"
                   r"|pmcid|received|accepted|citation|copyright|volume|issue|correspondence(?:\s+to)?"
                   r"|address\s+for\s+correspondence|e-?mail|corresponding\s+author)\s*:"
                   # an affiliation line: "1Department of Orthopaedic Surgery, 2Department of ..."
                   r"|^\W{0,3}(?:[a-z\d]{1,2}\s*)?(?:Department|Division|Faculty|School|Institute|Centre|Center"
                   r"|Laboratory|Unit)\s+of\s+[A-Z]", re.IGNORECASE)
#: a structured abstract's keywords line, where the abstract ends; its closing parts; how long such a part runs
_KEYWORDS = re.compile(r"^\W{0,3}key\s?-?words?\b\s*[:.\-–—]?", re.IGNORECASE | re.MULTILINE)
_ABSTRACT_DISCUSSION = re.compile(r"\W*discussion\W*$", re.IGNORECASE)
_ABSTRACT_CLOSING = re.compile(r"\W*(?:discussion|conclusions?)\W*$", re.IGNORECASE)
_ABSTRACT_PART = 2500
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
    # the reports just named, one by one: "Two other reports help place this case. In one, an 11-year-old boy ...
    # In another, an adult AML ..."
    r"|^\W*in\s+(?:one|another|the\s+other|the\s+first|the\s+second|a\s+second|a\s+third)(?=\s*,)"
    # "In a monozygotic infant pair with MLL-ENL-positive ALL, twin A presented at 9 months"
    r"|^\W*in\s+(?:a|an|one|another)\s+(?:[\w-]+\s+){0,3}?(?:pair|family|kindred|series|cohort)\s+(?:with|of)\b"
    r"|other\s+(?:published\s+)?(?:patients|cases)\s+(?:in|from|described|reported|with)"
    r"|(?:previously|earlier)\s+(?:reported|published|described)\s+(?:patients?|cases?)"
    # "Another group documented a 23-year-old man", "A Japanese team reported a girl"
    r"|(?:another|one|a|an)\s+(?:[\w-]+\s+)?(?:group|team|centre|center|institution)\s+(?:\w+\s+)?(?:reported"
    r"|described|documented|presented|published|treated)"
    # "A 2020 letter described a 6-year-old girl", "One paper reported ..."
    r"|\b(?:a|an|one|another)\s+(?:[\w-]+\s+)?(?:letter|report|paper"
    r"|study|case\s+report|publication|abstract)\s+(?:\w+\s+)?(?:described|reported|documented|presented|found)"
    # a letter's opening on the report it answers: "We read with interest the recent report of a 24-year-old
    # patient with ..."
    r"|\bwe\s+read\s+(?:with\s+(?:great\s+)?interest\s+)?(?:the\s+)?(?:recent\s+)?(?:report|article|paper|case)\b"
    r"|\b(?:the|a)\s+(?:recent|earlier|previous|published)\s+(?:report|description|case\s+report)\s+of\s+(?:a|an)\b"
    # "Elsewhere, a young man with ...", "That report illustrates ...", "In that series, ..."
    r"|^\W*elsewhere\b|\bthat\s+(?:report|series|study|paper|publication)\b|\bin\s+(?:that|the\s+same)\s+series\b"
    # "Those authors suggested that decompression be reserved for ...": the authors of a report just cited
    r"|\b(?:those|these)\s+authors\b)\b",
    re.IGNORECASE)
#: the age that introduces a patient of a series: "a 56-year-old man", "aged 62", "a woman of 41"
_NEW_PATIENT_AGE = re.compile(rf"\b{NUMBER}[\s-]*(?:year|yr|month)s?[\s-]*old\b|\baged\s+\d{{1,3}}\b"
                              r"|\b(?:woman|man|girl|boy|lady|gentleman)\s+of\s+\d{1,3}\b", re.IGNORECASE)
#: a patient of the literature: "The first case was reported by Smith", "(Smith et al., 2001)"
_CITED = re.compile(r"\b(?:reported|described|published|documented)\s+by\b(?!\s+the\s+(?:present\s+)?authors\b)"
                    r"|\bet\s+al\b|\[\d{1,3}\]"
                    # "Two patients published in the Journal of Hematology had ..."
                    r"|\b(?:patients?|cases?)\s+(?:\w+\s+){0,2}?(?:published|reported|described)\s+in\s+(?:the\s+)?"
                    r"(?-i:[A-Z])"
                    # "Jeon and Choi described a 75-year-old woman"
                    r"|(?-i:\b[A-Z][a-z]+\s+and\s+[A-Z][a-z]+)\s+(?:described|reported|documented|presented|published)\b"
                    r"|\(\w+,?\s+(?:19|20)\d{2}\)"
                    # a journal reference in brackets: "(J Clin Neurosci 2011;18:601-606)", "(BMC Res Notes 2016;9:438)"
                    r"|\((?:(?-i:[A-Z])[A-Za-z.&-]*\s+){1,6}(?:19|20)\d{2}\s*;\s*\d"
                    r"|\band\s+(?:colleagues|co-?workers|associates|co-?authors)\b"
                    # another group's patient named by its authors: "Their own patient, a 62-year-old woman, had ..."
                    r"|^\W*their\s+(?:own\s+)?(?:index\s+)?(?:patient|case)\b", re.IGNORECASE)


#: the lead-in of a list of other patients: "two other published tumours are summarised below for comparison only;
#: neither concerns this patient:", "other reports in lung cancer involving the spine:"
_OTHERS_LISTED = needs(re.compile(
    r"(?:\bfor\s+comparison\b|\bnone\s+of\s+(?:them|these)\s+(?:is|was|concerns?)\b"
    # "None of their findings apply to our patient:"
    r"|\bnone\s+of\s+(?:their|these|those|the)\s+(?:\w+\s+)?(?:findings|results|data|facts|details)\s+"
    r"(?:appl(?:y|ies)|belongs?|refers?|relates?)\s+to\b|\bneither\s+(?:of\s+them\s+)?"
    r"(?:is|was|concerns?)\b|\bnot\s+(?:our|the\s+index|this)\s+patient\b|\bother\s+(?:\w+\s+){0,4}?(?:reports?|cases?"
    r"|patients?|publications?|famil(?:y|ies)|kindreds?)\b"
    r"|\b(?:published|reported|described)\s+(?:\w+\s+){0,3}?(?:cases|patients|reports|families)\b"
    r"|\bnot\s+(?:about|concerning)\s+(?:this|our|the)\s+patient\b"
    # "Background for the clinical team (published data, not results for this patient):"
    r"|\bnot\s+(?:\w+\s+){1,3}?(?:for|of|from)\s+(?:this|our|the\s+index)\s+patient\b|\bpublished\s+data\b"
    # "Our case adds to a small number of reports of aggressive disease outside the SDHB group:"
    r"|\b(?:number|handful)\s+of\s+(?:\w+\s+)?(?:reports|publications)\b"
    # "Published experience supports this approach:", "The literature offers two parallels:"
    r"|\b(?:published|reported)\s+(?:experience|evidence|literature|series|studies|work)\b"
    r"|\bthe\s+literature\s+(?:\w+\s+)?(?:supports?|shows?|offers?|describes?|includes?|holds?)\b"
    # "larger reports, which should not be confused with our patient's course:"
    r"|\b(?:not|never)\s+(?:be\s+)?confused\s+with\s+(?:our|this|the\s+present|her|him|them)\b"
    # "Two comparison points from the literature help place our patient:"
    r"|\bcomparison\s+(?:points?|cases?|data|patients?)\b|\bfrom\s+the\s+literature\b"
    r"|\b(?:larger|later|further|subsequent|other)\s+(?:\w+\s+)?(?:reports|series|studies|trials|cohorts)\b)"
    # (a lead-in ends with a colon, or is a line of its own without a full stop: "... - the items below are NOT about
    # this patient")
    r"[^.]*(?::\s*$|(?<![.:])$)", re.IGNORECASE),
    "comparison", "none", "neither", "not", "other", "published", "reported", "described", "number", "handful",
    "literature", "confused", "larger", "later", "further", "subsequent")


def _cited(text: str) -> bool:
    """Does a sentence tell of a patient of the literature ("Smith et al. reported ...", "Another group ...")?"""
    return bool(_LITERATURE.search(text) or _CITED.search(text))


#: an age told as "aged 9" or "at the age of 47 years" (the patient's reader takes them too)
AGED = re.compile(r"\baged\s+(?P<n>\d{1,3})(?:\s*(?P<u>years?|months?|weeks?|days?))?\b", re.IGNORECASE)
AGE_OF = re.compile(r"\b(?:at\s+the\s+)?age\s+of\s+(?P<n>\d{1,3})(?:\s*(?P<u>years?|months?))?\b", re.IGNORECASE)
#: a share of a cohort: "in 85% of the cases", "64% of patients" (a statistic, never the patient's own fact)
COHORT_SHARE = re.compile(r"\b\d+(?:\.\d+)?\s*%\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?(?:\w+\s+)?"
                          r"(?:patients|cases)\b", re.IGNORECASE)
#: a group counted first: "Of 24 evaluable patients, 8 had ...", "among 28 Brazilian patients, ..." (a cohort's, never
#: the patient's own fact)
#: another kind of disease compared with the case's: "comparing it with ALK/ROS1 fusion-positive disease treated with
#: crizotinib" (its findings and treatments are that disease's)
COMPARED_WITH = re.compile(r"\bcompar(?:ing|ed)\s+(?:it|them|this|these|that)\s+(?:with|to)\b", re.IGNORECASE)
COHORT_COUNTED = re.compile(r"\b(?:of|among)\s+(?:the\s+)?\d+\s+(?:[\w-]+\s+){0,2}?(?:patients|cases)\b", re.IGNORECASE)
_AGE_NOUN = needs(re.compile(rf"\b(?P<n>{NUMBER})[\s-]*(?P<u>year|yr|month|week|day)s?[\s-]*old\b", re.IGNORECASE),
                  "old")
_FOUND_AT = (r"\b(?:found|diagnosed|shown|discovered)\s*,?\s+at\s+(?:the\s+age\s+of\s+)?(?P<n>\d{1,3})\s*,?\s+"
             r"(?:to\s+(?:have|harbou?r|carry)|with)\b")
#: A sentence that introduces the patient: "A 43-year-old woman", "a 20-month-old boy", "aged 43".
INTRO_PATIENT = re.compile(
    rf"\b{NUMBER}[\s-]*(?:year|yr|month|week|day)s?[\s-]*old\b|\baged\s+\d{{1,3}}\b"
    r"|\b(?:woman|man|girl|boy|lady|gentleman)\s+of\s+\d{1,3}\b"
    r"|\b(?:a|an)\s+(?:\w+\s+){0,3}(?:woman|man|girl|boy|female|male|lady|gentleman|patient|child|infant)"
    r"\s+(?:in\s+(?:his|her)\s+\w+ies|who\s+presented|presented|was\s+admitted|was\s+referred|complained)"
    # ... or with the age the tumour was found at: "A girl was found to have a meningioma at the age of 3 years"
    r"|^\W*(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:woman|man|girl|boy|lady|gentleman|patient|child|infant)\s+(?:was\s+(?:found|"
    r"diagnosed|noted|seen)|first\s+presented|developed|noticed)\b[^.;]{0,80}?\b(?:at\s+the\s+age\s+of|aged)\s+\d{1,3}\b"
    # a patient introduced without an age: "Our patient is a Norwegian woman who ..."
    r"|\bour\s+patient\s+(?:is|was)\s+an?\s+(?:[\w-]+\s+){0,3}(?:woman|man|girl|boy|lady|child|infant|patient)\b"
    # the report's own patient with the age at diagnosis told in passing: "We describe a woman followed in an
    # osteoporosis clinic who was found, at 69, to have SM" (without an age, "We describe a young man whose ..."
    # leaves the patient to the case part)
    r"|\bwe\s+(?:describe|report|present)\s+(?:here\s+)?(?:the\s+case\s+of\s+)?an?\s+(?:[\w-]+\s+){0,3}"
    r"(?:woman|man|girl|boy|lady|gentleman|patient|child|infant)\s+(?:who|whose|with|followed|treated|seen)\b"
    rf"[^.;]{{0,120}}?{_FOUND_AT}",
    re.IGNORECASE)
#: the age at diagnosis told in passing: "who was found, at 69, to have SM", "diagnosed at 47 with ..."
AGE_FOUND_AT = re.compile(_FOUND_AT, re.IGNORECASE)
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
                         r"|refs|tab|vol|pp|resp|incl)\.|(?<!['’])\b[A-Z]\.)$", re.IGNORECASE)  # (not "her sister's.")


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
    groups: dict[int, frozenset[int]] = field(default_factory=dict)  # sentence start -> the patients of its part
    announced: int = 0  # "Three patients are reported": a series told as a whole, without a part per patient

    @property
    def patients(self) -> list[int]:
        """The numbered patients of a multi-patient report ([] for a single-patient report): those with a part of
        their own, those of a part told for some of them ("Cases 2 and 3"), and, for a series told as a whole,
        as many as it announces."""
        nums = {s.patient for s in self.sentences if s.patient} | {p for g in self.groups.values() for p in g}
        if self.announced > 1 and not nums:
            nums = set(range(1, self.announced + 1))
        return sorted(nums) if len(nums) > 1 else []

    def told_for(self, start: int) -> list[int]:
        """The patients a sentence of the case part speaks for: those of its part ("Cases 2 and 3"), else all."""
        return sorted(self.groups[start]) if start in self.groups else self.patients

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
    if len(g) == 1 and g in "abcdef" and m.group(1).isupper():  # "Patient A.", "Case B:"
        return ord(g) - ord("a") + 1
    return _ROMAN.get(g) or _WORDNUM.get(g)


#: a patient of a series named by their place in it, as an appositive: "Five months later his elder sister, the
#: second patient, was 13 years old when ..."
_APPOSITIVE_ORDINAL = re.compile(r"^[^.;]{0,80}?,\s+the\s+(first|second|third|fourth|fifth)\s+(?:patient|case|child)"
                                 r"\s*,", re.IGNORECASE)


def _appositive_number(text: str) -> int | None:
    m = _APPOSITIVE_ORDINAL.match(text)
    return _WORDNUM.get(m.group(1).lower()) if m else None


#: a name and its result after a dash: "BCL10 - mutated", "MAP2K1 - F53L (MEK1 p.Phe53Leu), activating", "ALK -
#: not detected", "CD99 - positive"; a gene and its change
_RESULT_ITEM = re.compile(r"^[A-Za-z][\w./-]{0,24}(?:\s+[\w./-]{1,24}){0,2}\s+[-–—]\s+(?:(?:not\s+)?(?:mutated|mutation"
                          r"|amplified|amplification|deleted|deletion|rearranged|rearrangement|detected|found"
                          r"|present|positive|negative|absent|wild[\s-]?type|fused)\b|[cp]\.\s?\S"
                          r"|[A-Z]\d{1,4}(?:[A-Z]|\*|fs|del|dup|ins)\b)"
                          # ... or a row of a table of variants whose column gaps a PDF closed: "NOTCH1 p.P2133T variant
                          # of unknown significance"
                          r"|^[A-Za-z][\w-]{1,11}\s+(?:N[MCRP]_\d{4,12}(?:\.\d{1,3})?:)?[cp]\.\s?[A-Z\d*]"
                          # ... or a gene symbol and the kind of its change, under "mutations detected in:" ("CDKN2A
                          # mutation", "MDM2  amplification")
                          r"|^(?-i:[A-Z][A-Z0-9]{1,9}(?:/[A-Z0-9]{1,2})?)\s+(?:(?:somatic|germline|pathogenic|activating"
                          r"|truncating|missense|frameshift|nonsense)\s+)?(?:mutation|mutated|variant|amplification"
                          r"|amplified|deletion|deleted|fusion|rearrangement|rearranged)\s*$"
                          # ... or a gene and its hotspot: "FLT1-R593W (FLT1, fms-related tyrosine kinase 1)"
                          r"|^(?-i:[A-Z][A-Z0-9]{1,9}[-\s]+[A-Z]\d{1,4}[A-Z*])(?=[\s(,;]|$)"
                          # ... or a stain and its result, a line each under "Immunohistochemistry:": "CD45 positive",
                          # "TdT strongly and diffusely positive", "Ki-67 about 90% of nuclei"
                          r"|^[A-Za-z][\w./-]{0,15}\s+(?:(?:strongly|diffusely|focally|weakly|partially|patchily|and)\s+)"
                          r"{0,3}(?:positive|negative)\b|^[A-Za-z][\w./-]{0,15}\s+(?:about\s+|approximately\s+|~\s*)?"
                          r"\d{1,3}\s*%", re.IGNORECASE)


#: the lead of a list whose items were not found: "Not detected in either specimen:", "Negative for the following:"
NEGATIVE_LEAD = re.compile(r"^\W{0,3}(?:not\s+(?:detected|found|identified|present)|negative(?:\s+for)?|absent)\b"
                           r"[^.:]{0,80}:\s*$", re.IGNORECASE)

def _is_heading(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if s.startswith("#"):
        return True
    words = s.split()
    # (its label may have a bracket of its own: "EMA (epithelial membrane antigen): focally positive")
    if re.match(r"^\W{0,3}[A-Za-z][\w /()'-]{0,30}(?:\s*\([^()]{1,40}\))?:\s+\S", s) \
            and not _PATIENT_HEAD.match(s) and not (
            s.isupper() and len(words) <= 16 and _HEADING_OTHER.match(s)):
        # a field with its value ("Patient: 17-year-old male", "- CD99: positive"), not a heading; a title in capitals
        # that opens a part of other patients is one ("PART C - FOR COMPARISON: OTHER PUBLISHED PATIENTS")
        return False
    if re.match(r"[-•*–]\s+\S", s):
        return False  # an item of a list ("- NRAS - mutation detected")
    if NEGATIVE_LEAD.match(s):
        return False  # the lead of a list of what was not found ("Not detected in either specimen:"), no heading
    if _RESULT_ITEM.match(s):
        return False  # an item of a list without its bullet, a name and its result: "BCL10 - mutated", "MAP2K1 - F53L"
    if s.count("|") >= 2 and " | " in s:
        return False  # a row of a table laid out with bars: "Next-generation sequencing | not stated | FLT3-ITD ..."
    if re.match(r"\d{2,3}(?:~\d{2,3})?<?\d?n?>?,\s?[XY]{1,4}\b", s):
        return False  # a karyotype on a line of its own: "46,XX,t(11;22)(q23.3;q11.2)"
    if COLUMN_GAP.search(s) and not re.search(r"\S {4,}\d{1,4}$", s):
        return False  # the cells of a table laid out with spaces ("EWSR1 rearrangement      not present")
    if len(s) <= 110 and len(words) <= 16 and re.match(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]", s) \
            and not re.search(r"[.;,:]\s*$", s) and not re.search(r"\b(?:was|were|is|are|had|has)\b", s):
        return True  # a numbered heading of many words: "4. Comparable published cases mentioned at the board (...)"
    if re.search(r"\)\s*$", s) and not re.search(r"[.;,]\s*\)?\s*$", s):
        # a heading with a remark in brackets: "Points of comparison from the literature (other families; not ...)"
        bare = re.sub(r"\s*\([^()]*\)\s*$", "", s)
        remark = s[len(bare):]
        if bare and bare != s and len(bare) <= 60 and len(bare.split()) <= (12 if bare.isupper() else 8) \
                and len(s) <= 200 \
                and not re.search(r"\b(?:table|fig(?:ure)?s?)\b", remark, re.IGNORECASE):
            return True
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


def _opening_age(sent: str) -> str | None:
    """The key of the age a sentence opens with ("At the age of 47 years ...", "Aged 9, she ...")."""
    pos = re.match(r"\W*", sent).end()  # type: ignore[union-attr]
    m = AGE_OF.match(sent, pos) or AGED.match(sent, pos)
    return f"{m.group('n')} {(m.group('u') or 'year').lower()[:2]}" if m else None


def _age_key(m: re.Match[str]) -> str:
    n = to_number(m.group("n"))
    return f"{n if n is not None else m.group('n').lower()} {m.group('u').lower()[:2]}"


#: an age said after the person: "a woman of 66", "a man of 70 years"
_PERSON_OF_AGE = needs(re.compile(r"\b(?:woman|man|girl|boy|lady|gentleman)\s+of\s+(?P<n>\d{1,3})\b"
                                  r"(?:\s*(?P<u>years?|months?))?", re.IGNORECASE), "man", "girl", "boy", "lady")


#: ... or the age a person presented at: "A further child presented at 4 years with ..."
_PRESENTED_AT = needs(re.compile(r"\b(?:child|boy|girl|man|woman|patient|infant|adult)\s+(?:first\s+)?"
                                 r"(?:presented|was\s+diagnosed)\s+at\s+(?:the\s+age\s+of\s+)?(?P<n>\d{1,3})\s*"
                                 r"(?P<u>years?|months?)\b", re.IGNORECASE), "presented", "diagnosed")


def _ages(sent: str) -> list[str]:
    """The keys of the ages a sentence states ("43-year-old", "a woman of 66")."""
    out = [_age_key(m) for m in _AGE_NOUN.finditer(sent)]
    out += [f"{int(m.group('n'))} {(m.group('u') or 'year').lower()[:2]}" for m in _PERSON_OF_AGE.finditer(sent)]
    out += [f"{int(m.group('n'))} {m.group('u').lower()[:2]}" for m in _PRESENTED_AT.finditer(sent)]
    return out


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
    preamble_other = False  # the "other" part is a teaching file's "Why this case", before any part of the patient
    board_other = False  # the other part is a tumour board's discussion of the patient
    others_part = False  # the other part tells other patients, inside the patient's record
    para_other = False  # inside the "Discussion:" paragraph of a summary (a field label ends it)
    first_age: str | None = None  # the age that introduced the patient ("43-year-old")
    patient = 0
    named: dict[str, int] = {}  # the patients of a series told by name or initials, in their order
    pos = 0
    table_open = False
    # an article with a case heading tells its patient there: before it, an introduction's "a 34-year-old man"
    # is someone else (only the abstract, before the introduction, may introduce the patient)
    heads = [(i, _NUMBERING.sub("", x.strip())) for i, x in _line_starts(text).items() if _is_heading(x.strip())]
    has_case_heading = any(_HEADING_CASE.match(h) or _patient_number(h) is not None for _, h in heads)
    in_introduction = False
    shared_part = False
    in_references = False  # inside the reference list (its items' titles tell no part of the report)
    after_others = False  # the paragraph just after a list of other patients
    comment_in_case = False  # the "Comment:" paragraph that made the section "other" stood inside the case part
    runin_patient = False  # the patient's part was opened by a run-in ("Patient 2 (first child). ..."), not a heading
    group_part: frozenset[int] | None = None  # the patients of a "Cases 2 and 3" part
    lit_table = False  # inside the rows of a table of the literature
    table_kind: str | None = None  # a table of the report's own patients: a row ("rows") or a column ("cols") each
    table_cols: dict[int, int] = {}  # column index -> patient, in a table with a column per patient
    # where the title block ends (an "Abstract" heading) and the body begins (an "Introduction" heading): a
    # "Case Report" line above the abstract is the article's type, and what the case part says before the
    # introduction is its summary
    abstract_at = next((i for i, h in heads if re.match(r"\W*(?:abstract|summary)\W*$", h, re.IGNORECASE)), -1)
    # a structured abstract ends at its keywords: its "Discussion" part, before them, still tells the patient
    # ("DISCUSSION The patient was first given an EGFR inhibitor, then underwent surgery ..."), as the abstract's
    # other parts do
    keywords_at = next((m.start() for m in _KEYWORDS.finditer(text)), -1)
    if keywords_at >= 0 and not any(i > keywords_at for i, _ in heads) and len(
            text[text.find("\n", keywords_at) % (len(text) + 1):].strip()) < 200:
        keywords_at = -1  # keywords printed at the article's end, nothing after them, close no abstract
    body_at = next((i for i, h in heads if re.match(r"\W*introduction\b", h, re.IGNORECASE)), -1)
    if body_at < 0 and 0 <= abstract_at < keywords_at:
        # without an "Introduction", a "Background" heading after the abstract's keywords opens the body (BMC's
        # and JMCR's introduction; a "BACKGROUND" inside a structured abstract does not)
        body_at = next((i for i, h in heads if i > keywords_at and re.match(r"\W*background\W*$", h, re.IGNORECASE)),
                       -1)

    def abstract_part(at: int) -> bool:
        return at < keywords_at <= at + _ABSTRACT_PART and explicit_case and not any(
            at < i < keywords_at and not _ABSTRACT_CLOSING.match(h) for i, h in heads)
    item_other = False  # the list item the last line belongs to tells another patient's story
    others_listed = False  # inside a list its lead-in says is of other patients ("none of them is our patient:")
    nested_style: str | None = None  # the kind of item that led in a list of others nested in a list
    in_item = False  # the last line was a list item or a line of one
    item_open = False  # ... and it broke off mid-sentence (a column or page break of a PDF)
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        body = line.rstrip("\r\n")
        bullet = bool(LIST_ITEM.match(body))  # ("- ", "2) ", and "a)", "(b)" items)
        stripped = body.strip()
        if not stripped:
            # (blank lines may stand between a lead-in and its list, between its items, and in an item broken off)
            in_item = in_item and item_open
            continue
        # a line indented under a list item, or after one broken off, goes on with that item ("- A 24-year-old man
        # ... L5.\n  He received ...")
        goes_on = not bullet and in_item and (bool(re.match(r"^\s{2,}\S", body)) or item_open)
        if bullet:
            item_other = False
        other_story = item_other if goes_on else False  # the list item has turned to another patient's story
        if bullet and others_listed and re.match(r"\d{1,2}\.\s", stripped) and _is_heading(stripped):
            bullet = False  # "2. Patient": the document's next numbered part ends a list of others
        in_item = bullet or goes_on
        item_open = in_item and not re.search(r"[.!?]\W{0,2}$", stripped)
        if not in_item:
            # (the paragraph right after a list of other patients may sum them up: "None of these patients carried a
            # G34-mutant tumour, and the adults had glioblastoma")
            after_others = others_listed
            others_listed = item_other = False
            nested_style = None
        elif bullet and nested_style and _item_style(body) == nested_style:
            others_listed, nested_style = False, None  # back to the list the lead-in item belonged to
        if in_item and others_listed:
            for sent, sa, sb in _split_sentences(body, start):
                raw.append((sent, sa, sb, "other", 0, False))
            continue
        if lit_table and (stripped.count(";") >= 2 or "\t" in body or is_row(stripped)):
            # a row of a table of the literature ("Table 1. Reported cases ...; source; age/sex; level; ..."): never
            # the patient's, whatever section it sits in
            a = start + body.find(stripped)
            raw.append((stripped, a, a + len(stripped), "other", 0, False))
            continue
        lit_table = False
        cells = _table_cells(stripped)
        if cells is not None and (table_open or is_row(stripped) or _patient_table(cells)[0] or (
                section == "case" and _row_patient(cells[0]) is not None)):
            # a table row: never a heading; the rows of one table are one sentence, except in a table of the
            # report's own patients, whose rows (or columns) are each patient's
            a, b = start + body.find(stripped), start + body.find(stripped) + len(stripped)
            if not table_open and section == "case" and _row_patient(cells[0]) is not None:
                # a table of the patients without a header row ("Patient 1 | 14 years | ..."): a row each
                table_kind, table_cols = "rows", {}
                raw.append((stripped, a, b, section, _row_patient(cells[0]) or 0, False))
            elif not table_open:
                table_kind, table_cols = _patient_table(cells) if section == "case" else (None, {})
                # a timeline of the report ("Day | Event"), uncaptioned, is the patient's wherever it stands (a PDF
                # floats a wide table to the top of a later page, past the discussion)
                own = "case" if section != "case" and _timeline_header(cells) else section
                raw.append((stripped, a, b, own, patient if own == "case" else 0, False))
            elif table_kind == "rows" and (who := _row_patient(cells[0])) is not None:
                raw.append((stripped, a, b, section, who, False))  # "1 | 48 / male | lumbosacral pain | ..."
            elif table_kind == "cols":
                for col, who in table_cols.items():  # "CD34 | positive | positive": each patient's cell alone
                    raw.append((_mask_cells(stripped, cells, col, set(table_cols)), a, b, section, who, False))
            elif raw:
                a = raw[-1][1]
                raw[-1] = (text[a:b], a, b, raw[-1][3], raw[-1][4], False)
            table_open = True
            continue
        table_open = False
        heading = _is_heading(stripped)
        head = _NUMBERING.sub("", stripped) if heading else stripped
        num = _patient_number(head)
        # a patient's part headed with its source in brackets: "Case 2 (Stettner GM, ..., Neuropediatrics 2007)"
        src = _HEAD_SOURCE.match(stripped)
        unsourced = stripped[src.end():] if src else stripped  # (the line after the head and its source)
        bare_head = src.group(1) + unsourced if src else stripped  # (the line without the source)
        if num is None and src and len(bare_head) < 20:
            num = _patient_number(bare_head)
        if num is None and (nm := _NAMED_HEAD.match(stripped)) and not _cited(stripped[:200]):
            # "Twin David.", "Patient J.S.": the patients in the order they are named
            num = named.setdefault((nm.group(1) or nm.group(2)).replace(" ", ""), len(named) + 1)
        if heading:
            shared_part = False
            in_references = bool(_REFERENCES_HEAD.match(head))
        group = _group_numbers(head) if heading else None
        if heading:
            group_part = group
        if group:
            patient, section, explicit_case = 0, "case", True  # "Cases 2 and 3": a part told for some patients
        elif num is not None and (heading or ((_PATIENT_HEAD.match(bare_head) or _ORDINAL_PATIENT.match(stripped)
                                               or _NAMED_HEAD.match(stripped))
                                              # (its source in brackets after the number is no citing of others)
                                              and not _cited(unsourced[:200]))):
            patient, section, explicit_case = num, "case", True
            runin_patient = not heading
        elif heading and patient and section == "case" and _SHARED_HEAD.search(head):
            patient, shared_part = 0, True  # "Treatment and outcome (both cases)" after "Case 1", "Case 2"
        elif heading and patient and runin_patient and section == "case" and _HEADING_RESULTS.match(head):
            # a results heading after the patients' run-in parts ("Patient 1 (the mother). ...", then "Molecular
            # findings"): the parts are over, and what it tells is told for all
            patient, shared_part = 0, True
        elif heading and _HEADING_OTHER.match(head):
            section = "case" if _ABSTRACT_DISCUSSION.match(head) and abstract_part(start) else "other"
            preamble_other = section == "other" and not explicit_case and bool(_PREAMBLE_HEAD.match(head))
            # (a tumour board's discussion of the patient: its "Outcome recorded after the meeting" is theirs again)
            # ("Question to the board", then "Discussion": still the board's)
            board_other = section == "other" and (board_other or bool(_BOARD_WORD.search(head)))
            # (a part of other patients told inside the patient's record: "Comparison data (other patients - not this
            # child)", then "Treatment delivered")
            others_part = section == "other" and bool(_OTHERS_HEAD.search(head)) and any(r[3] == "case" for r in raw)
        elif heading and _HEADING_CASE.match(head) and start < abstract_at:
            pass  # "Case Report" above the abstract: the article type, in the title block
        elif heading and _HEADING_CASE.match(head) and not (section == "other" and not preamble_other and (
                _BARE_PRESENTATION.match(head) or (_LATER_STORY.match(head) and _SUBSECTION.match(stripped)))):
            # ("Presentation and imaging" as a part of the discussion is about the disease, not the patient, as is
            # its "3.3 | Treatment and follow-up"; an unnumbered "Clinical follow-up" after a comment is the patient's)
            section, explicit_case = "case", True
        elif heading and _ADDENDUM_HEAD.match(head):
            section, explicit_case = "case", True  # a report's "ADDENDUM - INTERPHASE FISH" after its comment
        elif heading and section == "other" and (board_other or others_part or _BOARD_WORD.search(head)
                                                 or _BOARD_WORD.search(text[:300])) and (
                _STORY_HEAD.match(head) or _CONSENSUS_HEAD.match(head)):
            # (a board's note says so in its title: "BREAST MOLECULAR TUMOUR BOARD - CASE NOTE", then "Discussion"
            # and "Recommendation and course")
            # "Board discussion", then "Outcome recorded after the meeting"; "Discussion", then "Treatment after the
            # board"
            section, board_other = "case", False
        elif heading and para_other and comment_in_case and _STORY_HEAD.match(head):
            # "Treatment" after a "Comment: ..." paragraph of the case: the patient's story goes on
            section, para_other = "case", False
        elif heading and (section == "intro" or preamble_other) and _HEADING_RESULTS.match(head):
            # "Molecular findings" after a report's "Background to the request" or a board note's "Why this case was
            # presented"
            section, explicit_case = "case", True
        elif heading and _SUMMARY_HEAD.match(head) \
                and sum(1 for r in raw if r[3] in ("case", "intro") and not r[5]) >= 5 and start > len(text) // 2:
            section = "other"  # a letter's closing "Summary" after the patient's story: the story again, told twice
        elif heading and _BACKGROUND_HEAD.match(head) \
                and any(r[3] == "case" and _DEMOGRAPHIC_FIELD.match(r[0]) for r in raw):
            section = "case"  # a board note's "Background" after its "Patient: 37-year-old woman" is her history
        elif heading and _HEADING_INTRO.match(head):
            section = "intro"
            in_introduction = not re.match(r"\W*(?:abstract|summary)\b", head, re.IGNORECASE)
        elif _LEGEND.match(stripped) and not ("|" in stripped or "\t" in stripped):  # a table's rows are data
            for sent, a, b in _split_sentences(body, start):
                raw.append((sent, a, b, "legend", 0, False))
            lit_table = bool(re.match(r"\W*table", stripped, re.IGNORECASE) and _LIT_CAPTION.search(stripped))
            continue
        elif _META.match(stripped):
            raw.append((stripped, start + body.find(stripped), start + body.find(stripped) + len(stripped),
                        "meta", 0, False))
            continue
        elif _PARA_OTHER.match(stripped):
            comment_in_case = section == "case" and explicit_case  # a "Comment:" paragraph inside the case part
            section, para_other = "other", True
        elif para_other and _CASE_FIELD.match(stripped):
            section, para_other = "case", False
        elif section == "other" and explicit_case and _LATE_FIELD.match(stripped):
            section = "case"  # a board note's "Follow-up note: the patient was later started on ..." after its comment
        elif section == "other" and _ADDENDUM.match(stripped) and any(r[3] == "case" and not r[5] for r in raw):
            section = "case"  # a report's "MOLECULAR ADDENDUM: next-generation sequencing" after its comment
        sec = section
        # a paragraph whose run-in label says it is told for all: "Immunophenotype (both cases). The tumour cells ..."
        para_for_all = bool(_SHARED_RUNIN.match(body.lstrip()))
        prev_other = False  # the sentence before, in this paragraph, told another patient's story
        para_sents: list[str] = []  # ... and the sentences before, in this paragraph
        for sent, a, b in _split_sentences(body, start):
            runin = _RUNIN.match(sent) or _RUNIN_STOP.match(sent)
            # (a reference's title is no run-in label: "[Case report: metastatic IMT with ...]" in the references)
            # (nor is a field of an item of a list in another part: "- ...: a 17-year-old male ... Diagnosis: papillary
            # type 2 RCC ... Management: left radical nephrectomy" under "Discussion points (literature, NOT this
            # patient)")
            if runin and not heading and not in_references and not (in_item and section == "other"):
                label = re.sub(r"\s+", " ", runin.group("label").lower())
                # "Background:" opens an abstract's general part; in a clinical letter, after the patient, it is
                # the patient's own history
                intro_label = _RUNIN_SECTION.get(label)
                # (not when only the title told of the patient: "DESMOPLASTIC INFANTILE GANGLIOGLIOMA ... IN A
                # 6-YEAR-OLD GIRL", then "BACKGROUND: Desmoplastic infantile astrocytoma and ... are benign")
                told = any(r[3] == "case" and not r[5] and re.search(r"[a-z]", r[0]) and not r[0].startswith("(")
                           for r in raw)
                section = sec = (section if intro_label and section == "case" and told else intro_label) or (
                    "other" if re.match(
                    r"concl|(?:clinical )?discuss|comment|lesson|learning|fund|conflict|compet|consent|ethic|author"
                    r"|context|similar|other|comparable|previously|literature|review\s+of"
                    r"|acknow|data|discl", label) and not (label == "discussion" and abstract_part(a)) else "case")
            elif (not heading and (sec == "case" or (sec == "intro" and not in_introduction))
                  and (pn := _patient_number(sent) or _appositive_number(sent) or (
                      int(ns.group(1)) if (ns := _NUMBERED_SUBJECT.match(sent)) else None)) is not None
                  and (_NEW_PATIENT_AGE.search(sent[:160]) or _ORDINAL_SUBJECT.match(sent)
                       or _NUMBERED_SUBJECT.match(sent))
                  and not _cited(sent)):
                # "The second patient, a 56-year-old man, ...": a patient of a series introduced inside a
                # paragraph (an abstract telling the patients one after another)
                patient, section, sec = pn, "case", "case"
            elif sec == "case" and not heading and not patient and _COMMENT_OPENER.match(sent) \
                    and any(r[3] == "case" and not r[5] for r in raw):
                # a letter's comment after its patient: "Two points deserve emphasis.", "Published experience points
                # the same way."
                section = sec = "other"
            elif sec == "intro" and not explicit_case and not patient and _FAMILY_TOLD.search(sent) \
                    and not _cited(sent):
                section = sec = "case"  # "We studied a single family in which five of nine members had ..."
            elif sec == "intro" and not explicit_case and not ((has_case_heading or patient) and in_introduction) and (
                    INTRO_PATIENT.search(sent) or PATIENT_CODE.search(sent) or _DEMOGRAPHIC_FIELD.match(sent)) \
                    and not _cited(sent) and not (_ONE_OF_THEM.match(sent) and any(_cited(x) for x in para_sents)):
                # (the patients a cited sentence brings in, then told one by one: "Two patients published in the
                # Journal of Hematology had SM without any KIT mutation. One was a 49-year-old woman ...")
                # ("Bustoros and colleagues described a 40-year-old man" does not open the case)
                section = sec = "case"
                field_age = re.search(r"\b(\d{1,3})\s*(?:years?|yrs?|y)\b", sent) \
                    if _DEMOGRAPHIC_FIELD.match(sent) else None
                if first_age is None and field_age and not patient and not _ages(sent):
                    first_age = f"{int(field_age.group(1))} ye"  # "Patient: male, 19 years": the age the field gives
                elif first_age is None and not patient and not _ages(sent) and not PATIENT_CODE.search(sent) \
                        and not (_DEMOGRAPHIC_FIELD.match(sent) and not re.search(r"\d", sent)):
                    # "Our patient is a Norwegian woman": a later "58-year-old man" is someone else (a report's field
                    # "Patient: male" leaves the age to the history told after it)
                    first_age = "-"
            own = sec
            if sec == "case" and patient and not heading and _cited(sent) and _patient_number(sent) is None and (
                    _ages(sent) or any(rx.search(sent) for rx in (_OF_AGE, AGED, AGE_OF))):
                own = "other"  # a patient of the literature cited in a numbered patient's part, with their own age
            if sec == "case" and not patient and not heading:
                ages = _ages(sent)
                # (or a patient the text says is another report's: "Another report, of a 29-year-old woman ..., is a
                # separate patient and is cited for comparison only")
                cited = _cited(sent) or bool(_OTHER_REPORT.search(sent))
                if first_age is None and ages and not cited:  # (a cited patient's age is never the first)
                    first_age = ages[0]
                elif first_age == "-" and ages and not cited and not para_sents and raw and raw[-1][5] \
                        and raw[-1][3] == "case":
                    # the patient the summary told without an age, now told under the case's heading: "We report the
                    # case of a woman whose ...", then "CASE PRESENTATION" and "A 50-year-old woman ..."
                    first_age = ages[0]
                elif first_age is None and not cited and (at := _opening_age(sent)):
                    # "At the age of 47 years this gentleman underwent MRI": the patient's age, said first; a later
                    # "a 28-year-old man" is someone else
                    first_age = at
                elif (ages and first_age not in ages) or cited:
                    own = "other"  # another patient's story told inside the case ("a 40-year-old man needed ...")
                    other_story = item_other = in_item
                    # (in a paragraph too, when the sentence brings in another patient: "Di Carlo and colleagues
                    # reported a two-year-old girl with ARMS ... Her tumour had no PAX-FOXO1 fusion but ...")
                    other_story = other_story or _brings_in_other(sent)
                    # (a run of other patients in one paragraph: "They then described a 36-year-old woman ... A
                    # 46-year-old man reported from Shenyang had ... At consultation the cells were ...")
                    other_story = other_story or (prev_other and bool(ages))
                    # (a patient of the literature brought in after the paragraph said others were described: "...
                    # has been described before, but with a different course. A 52-year-old man ... He relapsed ...")
                    other_story = other_story or bool(_INDEFINITE_PERSON.match(sent) and any(
                        _DESCRIBED.search(x) for x in para_sents))
                    # (a person brought in by an indefinite phrase, not a relative: "In a poster from Old Dominion
                    # University, a 44-year-old man with right knee pain ...", then "He had wide excision ...")
                    other_story = other_story or bool(_SOMEONE_ELSE.search(sent) and not _RELATIVE.search(sent))
                elif (_GROUP_DESCRIBED.search(sent) or (prev_other and _THEIR_GROUP.match(sent))) \
                        and not _BACK_TO_OURS.search(sent):
                    # (or the group of the authors just cited: "Sun and colleagues found ... In their six cases SATB2
                    # was always positive")
                    # "In 2008 the entity was first described in three young infants with ...", then "Two of them
                    # received a short course of chemotherapy": a group of the literature and its story
                    own, other_story = "other", True
                elif other_story and not _BACK_TO_OURS.search(sent):
                    own = "other"  # ... and the rest of that list item ("- Smith described ... He had GTR ...")
                elif after_others and _THESE_OTHERS.search(sent) and not _BACK_TO_OURS.search(sent[:60]):
                    own = "other"  # "None of these patients carried ...": the list's patients summed up
            if not in_item and (_OTHERS_LISTED.search(sent) or (sent.rstrip().endswith(":") and _cited(sent))):
                # (or a cited lead: "Hasenfratz and colleagues profiled three H3F3A-mutated GCTBs treated with ...:")
                others_listed = True  # "... for comparison; none of them is our patient:" opens a list of others
            elif bullet and _OTHERS_LISTED.search(sent) and sent.rstrip().endswith(":"):
                # ... or an item that leads in a list of its own ("- Comparison cases (other published patients, NOT
                # this one):" then "a) ...", "b) ..."), which ends at the next item of the lead-in's kind
                others_listed, nested_style = True, _item_style(body)
            if own == "other" and not heading and not prev_other and _BOTH_OURS.match(sent) \
                    and len({r[4] for r in raw if r[4]}) >= 2:
                # a comment on the series' own patients: "Both tumours had the defining EWSR1::SMAD3 fusion."
                own = "case"
                doc.for_all.add(a)
            if (shared_part or para_for_all) and own == "case" and not heading:
                doc.for_all.add(a)
            if group_part and own == "case" and not heading:
                doc.groups[a] = group_part
            if own in ("case", "intro") and not heading and (n_told := _announced(sent)):
                doc.announced = max(doc.announced, n_told)
            prev_other = own == "other"
            para_sents.append(sent)
            raw.append((sent, a, b, own, patient if own == "case" else 0, heading))
    if not any(r[3] == "case" for r in raw):
        # no recognisable case description: read the whole text as the case, but for the literature's patients told
        # in it ("In BMC Medical Imaging (2020) [1], a 51-year-old man ... He then had spinal radiotherapy")
        told_other = False
        kept: list[tuple[str, int, int, str, int, bool]] = []
        for t, a, b, s, p, h in raw:
            if s == "intro" and not h:
                new_paragraph = bool(kept) and "\n\n" in text[kept[-1][2]:a]
                if _brings_in_other(t) or (_ONE_OF_THEM.match(t) and kept and _cited(kept[-1][0])):
                    # ("Two patients published in the Journal of Hematology had ... One was a 49-year-old woman")
                    told_other = True  # ... to the end of its paragraph, unless the text comes back to its own
                elif (new_paragraph and not _THIRD_PERSON.search(t)) or _FIRST_PERSON.search(t) \
                        or _BACK_TO_OURS.search(t):
                    told_other = False  # (a paragraph going on with "he" goes on with that patient)
                kept.append((t, a, b, "other" if told_other else "case", p, h))
            else:
                kept.append((t, a, b, "case" if s == "intro" else s, p, h))
        raw = kept
    _first_unnumbered(raw)
    raw = _family_parts(raw, doc.groups)
    # (a letter's subject line sums the case up as a title does: "Re: ... after excision and re-excision"; the letter
    # then tells each operation)
    raw = [(t, a, b, "intro" if s == "case" and _SUBJECT_LINE.match(t) and sum(
        1 for r in raw if r[1] > a and r[3] == "case" and not r[5]) >= 3 else s, p, h) for t, a, b, s, p, h in raw]
    doc.sentences = [Sentence(t, a, b, s, p, h, a < body_at) for t, a, b, s, p, h in raw]
    if doc.announced and (any(s.patient for s in doc.sentences) or doc.groups or any(
            s.section == "case" and _AGE_NOUN.search(s.text) and not _RESPECTIVELY.search(s.text)
            for s in doc.sentences)):
        doc.announced = 0  # its patients have parts of their own, or are told one by one without them: not split
    return doc


def _first_unnumbered(raw: list[tuple[str, int, int, str, int, bool]]) -> None:
    """A series whose first patient is told without a number, the next ones with theirs ("A girl aged 16 months
    presented ...", then "The second child was a boy ..."): the case sentences just before the second patient's,
    from the one that introduces a patient, are the first patient's."""
    if any(r[4] == 1 for r in raw):
        return
    second = next((i for i, r in enumerate(raw) if r[4] == 2), None)
    if second is None:
        return
    run = []
    for i in range(second - 1, -1, -1):
        t, _a, _b, sec, who, head = raw[i]
        if sec != "case" or who or head:
            break
        run.append(i)
    starts = [i for i in run if _NEW_PATIENT_AGE.search(raw[i][0][:160]) or INTRO_PATIENT.search(raw[i][0])]
    if not starts:
        return
    first = min(starts)
    for i in run:
        if i >= first:
            t, a, b, sec, _who, head = raw[i]
            raw[i] = (t, a, b, sec, 1, head)


_LATER_STORY = re.compile(r"\W*(?:clinical\s+)?follow[\s-]?up|\W*(?:treatment|management|therapy|outcome)\s+and\s+",
                          re.IGNORECASE)
_SUBSECTION = re.compile(r"^\W{0,6}\d{1,2}\.\d{1,2}")
#: a field that adds the patient's later course to a note: "Follow-up note:", "Addendum:", "Update:"
_LATE_FIELD = re.compile(r"^\W{0,3}(?:follow[\s-]?up(?:\s+note)?|addendum|update|later\s+course)\s*[:.\-–—]\s+"
                         r"(?:the|our|this)\s+(?:patient|child|boy|girl|man|woman)\b", re.IGNORECASE)
#: a sentence on both of the series' own patients: "Both tumours had the defining EWSR1::SMAD3 fusion."
_BOTH_OURS = re.compile(r"^\W*(?:in\s+)?both\s+(?:of\s+(?:our|the|these)\s+)?(?:tumou?rs|patients|cases|lesions"
                        r"|children|specimens)\b(?!\s+(?:of|from|in)\s+(?:their|that|this|another|the\s+other))",
                        re.IGNORECASE)
#: a patient's part headed with its source in brackets: "Case 2 (Stettner GM, ..., Neuropediatrics 2007;38(1):29-31)"
_HEAD_SOURCE = re.compile(r"^(\W{0,6}(?:case|patient)\s*(?:no\.?\s*)?\d{1,2})\s*\((?:[^()]|\([^()]*\))*\)?",
                          re.IGNORECASE)
#: a board's own conclusion on its patient: "Board consensus", "MDT decision"
_CONSENSUS_HEAD = re.compile(r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:(?:board|MDT|multidisciplinary|team|panel)(?:'s)?\s+)?"
                             r"(?:consensus|decision|verdict|opinion)\b", re.IGNORECASE)
#: a heading of its own: a letter's closing "Summary", a board note's "Background"
_SUMMARY_HEAD = re.compile(r"\W{0,6}(?:\d{1,2}\.?\s*)?(?:summary|in\s+summary)\s*$", re.IGNORECASE)
_BACKGROUND_HEAD = re.compile(r"\W{0,6}(?:\d{1,2}\.?\s*)?background\s*$", re.IGNORECASE)
#: a letter's subject line: "Re: adult woman with a myxoid liposarcoma of the lower back, after excision and ..."
_SUBJECT_LINE = re.compile(r"^\W{0,3}(?:re|subject|regarding)\s*:\s", re.IGNORECASE)
#: a report's addendum on its own specimen, after its comment: "MOLECULAR ADDENDUM: next-generation sequencing (NGS)"
_ADDENDUM = re.compile(r"^\W{0,3}(?:(?:molecular|genetic|genomic|cytogenetic|sequencing|FISH|immunohistochemi\w*)\s+)?"
                       r"addend(?:um|a)\b(?:\s*\d{1,2})?\s*(?:[:.\-–—(]|$)", re.IGNORECASE)
_REFERENCES_HEAD = re.compile(r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:references|bibliography|literature\s+cited)\b",
                              re.IGNORECASE)
_THESE_OTHERS = re.compile(r"\b(?:none|all|each|most|several|some|both)\s+of\s+(?:these|those|them)\b"
                           r"|\b(?:these|those)\s+(?:patients|cases|reports|children|adults)\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
#: a report's addendum: the patient's later results ("ADDENDUM - INTERPHASE FISH", "Molecular addendum")
_ADDENDUM_HEAD = re.compile(r"^\W{0,6}(?:(?:molecular|cytogenetic|genetic|FISH|pathology|follow[\s-]?up|clinical"
                            r"|outcome)\s+)?addend(?:um|a)\b",
                            re.IGNORECASE)
#: an age told after its number: "at 9 months of age" ("aged 4" and "at the age of 3" are AGED's and AGE_OF's)
_OF_AGE = re.compile(r"\b\d{1,3}\s*(?:months?|years?|weeks?)\s+of\s+age\b", re.IGNORECASE)

#: one of a group just named, told next: "One was a 49-year-old woman ...", "The other had ..."
_ONE_OF_THEM = re.compile(r"^\W*(?:one|the\s+other|another|the\s+first|the\s+second)\s+(?:was|had|were|is)\b",
                          re.IGNORECASE)

#: a sentence telling of another report's patient: "Another report, of a 29-year-old woman", "a separate patient"
_OTHER_REPORT = re.compile(r"\b(?:another|a\s+(?:previous|prior|separate|different|recent))\s+(?:case\s+)?report\b"
                           r"|\b(?:is|was)\s+a\s+(?:separate|different)\s+patient\b|\bfor\s+comparison\s+only\b",
                           re.IGNORECASE)
#: a heading of a family's part in a series of families: "Family 1 (identified through the paraganglioma registry)"
_FAMILY_HEAD = re.compile(r"^\W{0,6}(?:family|kindred|pedigree)\s+(?:\d{1,2}|[A-F]|[IVX]{1,4})\b", re.IGNORECASE)


def _family_parts(raw: list[tuple[str, int, int, str, int, bool]],
                  groups: dict[int, frozenset[int]]) -> list[tuple[str, int, int, str, int, bool]]:
    """What a family's part says before its patients' own parts ("This family carries the germline SDHB mutation
    c.847-50delTCTC") is said of the patients of that family: the part's sentences are the case's, grouped with
    them."""
    out = list(raw)
    pending: list[int] = []  # indexes into out
    members: set[int] = set()
    in_family = False

    def close() -> None:
        if members:
            for i in pending:
                t, a, b, _s, p, h = out[i]
                out[i] = (t, a, b, "case", p, h)
                groups.setdefault(a, frozenset(members))

    for i, (t, _a, _b, s, p, h) in enumerate(raw):
        if h and _FAMILY_HEAD.match(t):
            if in_family:
                close()
            pending, members, in_family = [], set(), True
            continue
        if not in_family:
            continue
        if h and s not in ("case", "intro"):
            close()
            in_family, pending, members = False, [], set()
        elif s in ("case", "intro") and not h and not p and not members:
            pending.append(i)
        elif p:
            members.add(p)
    if in_family:
        close()
    return out


def _brings_in_other(sent: str) -> bool:
    """A cited sentence bringing in another patient: "Di Carlo and colleagues reported a two-year-old girl ..."."""
    return _cited(sent) and bool(_ages(sent) or _PERSON.search(sent))


#: a person brought in by a sentence: "reported a girl with ...", "a man who ..."
_PERSON = re.compile(r"\b(?:an?|another|one|the\s+(?:single|only|sole))\s+(?:[\w-]+\s+){0,2}?"
                     r"(?:girl|boy|man|woman|child|infant|patient|adult|"
                     r"adolescent|toddler)\b", re.IGNORECASE)
#: a heading of the patient's later story
#: a tumour board's words in a heading: "Board discussion", "Discussion at the meeting"
_BOARD_WORD = re.compile(r"\b(?:board|meeting|MDT|multidisciplinary|tumou?r\s+conference)\b", re.IGNORECASE)
_STORY_HEAD = re.compile(r"^\W{0,6}(?:\d{1,2}\.?\s*)?(?:recommendations?\s*(?:/|and|&)\s*)?"
                         r"(?:treatment|management|therapy|outcome|course|follow[\s-]?up"
                         r"|clinical\s+course|progress)\b", re.IGNORECASE)
#: a heading of other patients' part: "Comparison data (other patients - not this child)", "Similar cases"
_OTHERS_HEAD = re.compile(r"\bother\s+patients\b|\bnot\s+(?:this|our|the)\b|\bcomparison\b|\bcompanion\b"
                          r"|\bsimilar\s+cases\b|\bpreviously\s+reported\b|\bfor\s+context\b", re.IGNORECASE)
#: the opening of a comment on the case, in a letter or a short report that has no "Discussion" heading
_COMMENT_OPENER = re.compile(r"^\W*(?:(?:two|three|four|several|a\s+few|some)\s+(?:points|lessons|features|aspects"
                             r"|observations|cautions|caveats|remarks|comments|messages)\s+(?:deserve|merit|are\s+worth"
                             r"|warrant|stand\s+out)"
                             # ... or the count alone, a sentence of its own: "Two cautions."
                             r"|(?:two|three|four|several|a\s+few|some)\s+(?:points|lessons|cautions|caveats|remarks"
                             r"|comments|messages|observations)(?=\s*[.:]\s*$)"
                             r"|(?:published|previous|reported)\s+(?:experience|reports|cases)\s+(?:points?|support"
                             r"|suggests?|shows?))\b", re.IGNORECASE)
#: a person brought in by an indefinite article and an age: "A 52-year-old man with ...", "An 8-year-old had ..."
_INDEFINITE_PERSON = re.compile(rf"^\W*(?:an?|another)\s+{NUMBER}[\s-]*(?:year|month)s?[\s-]*old\b", re.IGNORECASE)
#: a group of patients of other reports: "first described in three young infants", "reported in 12 adults"
_GROUP_DESCRIBED = re.compile(rf"\b(?:described|reported|published|documented)\s+(?:in|among)\s+(?:\w+\s+){{0,2}}?"
                              rf"(?:{NUMBER}|several|a\s+few)\s+(?:[\w-]+\s+){{0,2}}?(?:infants|children|patients|adults"
                              rf"|cases|men|women|boys|girls|adolescents)\b", re.IGNORECASE)
#: someone brought in by an indefinite phrase with an age: "a 44-year-old man with right knee pain", "Another man of
#: 44, reported in ..."
_SOMEONE_ELSE = re.compile(rf"(?:^|[,;:]\s+|\b(?:was|is|had|described|reported|presented)\s+)(?:an?|another|one)\s+"
                           rf"(?:[\w-]+\s+){{0,2}}?(?:{NUMBER}[\s-]*(?:year|month)s?[\s-]*old\b|(?:man|woman|boy|girl"
                           rf"|child|infant|patient|adult)\s+(?:of|aged)\s+\d)", re.IGNORECASE)
#: ... not the patient's relative: "his 30-year-old son", "a sister aged 12"
_RELATIVE = re.compile(r"\b(?:son|daughter|brother|sister|mother|father|sibling|twin|cousin|aunt|uncle|niece|nephew"
                       r"|wife|husband|spouse|partner|grand\w+|parent|relative|proband|child(?:ren)?\s+of)\b",
                       re.IGNORECASE)
#: the group of the authors just cited: "In their six cases", "Their series of 12 patients"
_THEIR_GROUP = re.compile(r"^\W*(?:in\s+|of\s+|among\s+)?their\s+(?:[\w-]+\s+){0,2}?(?:cases|patients|series|cohort"
                          r"|tumou?rs|study|studies|experience|samples)\b", re.IGNORECASE)
#: a paragraph telling of other reports: "... has been described before", "was reported in"
_DESCRIBED = re.compile(r"\b(?:been\s+)?(?:described|reported|published|documented)\s+(?:before|previously|earlier"
                        r"|in\b)|\b(?:previously|earlier)\s+(?:described|reported|published)\b", re.IGNORECASE)
#: a teaching file's opening part on why the case is shown, before the patient's own parts: its "Presentation" is the
#: patient's
_PREAMBLE_HEAD = re.compile(r"\W*(?:why\s+(?:this|the)\s+case|what\s+(?:this|the)\s+case\s+(?:teaches|shows|adds))",
                            re.IGNORECASE)
_BARE_PRESENTATION = re.compile(r"^\W{0,6}(?:\d{1,2}(?:\.\d{1,2})*\.?\s*)?presentation\b", re.IGNORECASE)
#: a sentence back on the report's own patient: "In this man the only result ...", "Our patient ..."
_BACK_TO_OURS = re.compile(r"\b(?:our|this|the\s+present)\s+(?:patient|case|man|woman|boy|girl|child|infant)\b"
                           r"|\bin\s+(?:this|our)\s+(?:man|woman|patient|child|case)\b", re.IGNORECASE)


_TIME_CELL = re.compile(r"^(?:(?:gestational\s+)?(?:day|date|time|week|month|year|age|time\s*point|when|period)s?"
                        r"\b[^|]{0,30}|post-?operative\s+day)$", re.IGNORECASE)
_EVENT_CELL = re.compile(r"^(?:events?|clinical\s+(?:course|events?)|course|what\s+happened|milestones?)$",
                         re.IGNORECASE)


def _timeline_header(cells: list[str]) -> bool:
    """A table's header of a timeline: a column of times and one of events ("Day | Event", "Gestational week / time |
    Event")."""
    return len(cells) >= 2 and bool(_TIME_CELL.match(cells[0].strip())) and any(
        _EVENT_CELL.match(c.strip()) for c in cells[1:])


def _item_style(line: str) -> str | None:
    """The kind of a list item's mark: a bullet, a number or a letter."""
    m = re.match(r"\s*(?:(?P<b>[-•*–])|\(?(?P<n>\d{1,2})[.)]|\(?(?P<l>[a-hA-H])[.)])\s", line)
    return None if not m else "bullet" if m.group("b") else "number" if m.group("n") else "letter"


def _table_cells(line: str) -> list[str] | None:
    """The cells of a table row written with pipes (with or without outer ones) or tabs; None for prose."""
    if is_row(line):
        return [c.strip() for c in line.strip().strip("|").split("|")]
    if line.count("|") >= 2 and len(line) < 600:
        return [c.strip() for c in line.split("|")]
    if line.count("\t") >= 2:
        return [c.strip() for c in line.split("\t")]
    if len(line) < 300 and len(cells := re.split(r"\s{3,}", line.strip())) >= 3:
        return cells  # a table aligned with spaces: "1         2 y, F    right calcaneus  FISH    BCOR-CCNB3 ..."
    return None


_ROW_PATIENT = re.compile(r"^(?:(?:patient|case|pt)\.?\s*(?:no\.?\s*)?)?#?\s*(\d{1,2})\.?$", re.IGNORECASE)
_PATIENT_COLUMN = re.compile(r"^(?:patient|case|pt)\.?\s*(?:no\.?\s*)?#?\s*(\d{1,2})$", re.IGNORECASE)


def _row_patient(cell: str) -> int | None:
    m = _ROW_PATIENT.match(cell.strip())
    return int(m.group(1)) if m and 0 < int(m.group(1)) <= 20 else None


def _patient_table(header: list[str]) -> tuple[str | None, dict[int, int]]:
    """Is a table's header that of a table of patients: a row per patient ("Patient | Age/sex | ...") or a column
    per patient ("Antibody | Patient 1 | Patient 2")?"""
    if header and re.match(r"^(?:patients?|cases?|pts?|no\.?|#|n)$", header[0].strip(), re.IGNORECASE):
        return "rows", {}
    cols = {i: int(m.group(1)) for i, c in enumerate(header) if i and (m := _PATIENT_COLUMN.match(c))}
    return ("cols", cols) if len(cols) >= 2 else (None, {})


def _mask_cells(line: str, cells: list[str], keep: int, patient_cols: set[int]) -> str:
    """The row as it reads for one patient: its other cells, then the patient's own, the other patients' dropped
    ("CD34 | positive | negative" reads "CD34|positive|" for the first), padded to the row's length so that the
    sentence's offsets still hold."""
    out = "|".join(c for i, c in enumerate(cells) if i not in patient_cols or i == keep) + "|"
    return out.ljust(len(line)) if len(out) <= len(line) else line


#: the caption of a table of other patients: "Table 1. Reported spinal cases cited in this review"
_LIT_CAPTION = re.compile(r"\b(?:review|literature|reported|published|previous(?:ly)?|cited|prior)\b", re.IGNORECASE)
#: "Cases 2 and 3", "Patients 2-4": a part told for some patients of a series
_GROUP_HEAD = re.compile(r"^\W{0,6}(?:cases|patients)\s+(\d{1,2})((?:\s*(?:,|and|&|-|–|to)\s*\d{1,2})+)\s*[:.]?\s*$",
                         re.IGNORECASE)


def _group_numbers(head: str) -> frozenset[int] | None:
    m = _GROUP_HEAD.match(head)
    if not m:
        return None
    nums = [int(m.group(1)), *map(int, re.findall(r"\d{1,2}", m.group(2)))]
    if re.search(r"-|–|to", m.group(2)) and len(nums) == 2:
        nums = list(range(nums[0], nums[1] + 1))
    return frozenset(nums) if 1 < len(nums) <= 8 else None


#: "Three patients are reported", "We describe these three patients", "we report two cases": a series told as a whole
_ANNOUNCED = needs(re.compile(
    r"\b(?:we\s+(?:report|describe|present|treated|operated\s+on)\s+(?:our\s+experience\s+(?:with|of|in)\s+|these\s+"
    r"|the\s+)?"
    r"(?P<a>two|three|four|five|six|[2-6])\s+(?:[\w-]+\s+){0,3}?(?:patients|cases|children|adults)\b"
    r"|(?P<b>two|three|four|five|six|[2-6])\s+(?:[\w-]+\s+){0,3}?(?:patients|cases)\s+(?:are|were)\s+"
    r"(?:reported|described|presented)\b"
    # "The three women described here"
    r"|(?P<c>two|three|four|five|six)\s+(?:[\w-]+\s+){0,2}?(?:patients|cases|women|men|children|girls|boys|adults"
    r"|infants)\s+(?:(?:are|were)\s+)?(?:described|reported|presented)\s+here\b"
    # a family told as a whole: "a single family in which five of nine members had an intramedullary ependymoma"
    r"|\b(?:a|one)\s+(?:single\s+|large\s+)?family\s+(?:in\s+which|where|whose)\s+"
    r"(?P<d>two|three|four|five|six|[2-6])\s+(?:of\s+(?:its\s+|the\s+)?(?:\w+\s+)?(?:\d{1,2}|\w+)\s+)?"
    r"(?:[\w-]+\s+)?members\s+(?:had|have|were|developed|presented|carried)\b"
    r")", re.IGNORECASE),
    "report", "describ", "present", "treated", "operated", "family")


#: a report's field naming its patient: "Decedent: female, 67 years", "Patient: male, 12"
_DEMOGRAPHIC_FIELD = re.compile(r"^\W{0,3}(?:(?:patient|decedent|deceased|subject|pt|proband)\s*:\s*"
                                r"(?:(?:adolescent|adult|young|elderly|older|teenage|little)\s+)?"
                                r"(?:(?:fe)?male|woman|man|girl|boy|child|infant|\d)"
                                # a form's own fields: "- Age: 74 years", "Sex: female"
                                r"|age(?:\s+at\s+(?:presentation|diagnosis))?\s*:\s*\d|sex\s*:\s*(?:fe)?male\b)",
                                re.IGNORECASE)
_FAMILY_TOLD = re.compile(r"\b(?:we\s+(?:studied|report|describe|present)|here\s+we\s+(?:report|describe))\b[\s,]*"
                          r"(?:[\w-]+[\s,]+){0,4}?(?:a|one)\s+(?:single\s+|large\s+)?family\b", re.IGNORECASE)


def _announced(text: str) -> int:
    m = _ANNOUNCED.search(text)
    if not m:
        return 0
    return int(to_number(m.group("a") or m.group("b") or m.group("c") or m.group("d")) or 0)


#: who a clause of a sentence told for a whole series is about: "of C3-5 in the man and of C2 to C4 in the woman",
#: "in the first patient", "in case 2", "the latter"
_WHO = re.compile(r"\b(?:in|for|of|to)\s+(?:the\s+)?(?:(?P<sex>woman|man|girl|boy|lady|gentleman|female|male)"
                  r"|(?P<ord>first|second|third|fourth|fifth|former|latter)(?:\s+(?:patient|case|one|woman|man|child|girl|boy))?"
                  r"|(?:case|patient)\s+(?P<num>\d{1,2}|[IV]{1,3}|one|two|three|(?-i:[A-F])(?='s\b|\b)))\b",
                  re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[:;]\s*")


def _placed(m: re.Match[str], patients: list[int]) -> int | None:
    """The patient a match of _WHO names by place ("the second", "the latter") or number ("case 2"), if one of them."""
    if m.group("ord"):
        o = m.group("ord").lower()
        n = {"former": 1, "latter": len(patients)}.get(o) or _WORDNUM.get(o)
    elif m.group("num"):
        w = m.group("num").lower()
        n = int(w) if w.isdigit() else _ROMAN.get(w) or _WORDNUM.get(w)
        if n is None and len(w) == 1 and w in "abcdef":
            n = ord(w) - ord("a") + 1  # "in Patient A's tumour"
    else:
        return None
    return n if n in patients else None


def named_patients(text: str, patients: list[int]) -> set[int]:
    """The patients of a series a sentence names by their place or number ("in the first patient", "in case 2")."""
    return {n for m in _WHO.finditer(text) if (n := _placed(m, patients)) is not None}


def patient_clauses(text: str, patients: list[int], sexes: dict[int, str | None],
                    groups: list[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
    """The parts of a sentence told for several patients that speak of one of them, as (start, end) in the
    sentence: a clause naming the patient ("of C3-5 in the man and of C2 to C4 in the woman") or, with
    "respectively", the n-th of the sentence's ``groups`` (the spans of the facts listed, e.g. level ranges) for the
    n-th patient when there are as many as patients. A patient named by sex only when that sex is theirs alone."""
    out: dict[int, list[tuple[int, int]]] = {}
    if _RESPECTIVELY.search(text) and len(groups) == len(patients) > 1:
        for p, g in zip(patients, groups, strict=True):
            out.setdefault(p, []).append(g)
        return out
    anchors: list[tuple[int, int, int]] = []  # (start, end, patient)
    for m in _WHO.finditer(text):
        who: int | None = None
        if m.group("sex"):
            sex = "female" if m.group("sex").lower() in ("woman", "girl", "lady", "female") else "male"
            owners = [p for p in patients if sexes.get(p) == sex]
            who = owners[0] if len(owners) == 1 and all(sexes.get(p) for p in patients) else None
        else:
            who = _placed(m, patients)
            if m.group("ord") and m.group("ord").lower() in ("former", "latter") and len(patients) != 2:
                who = None  # "the latter" of three is no one in particular
        if who is not None:
            anchors.append((m.start(), m.end(), who))
    if len(anchors) < 2 or len({w for _, _, w in anchors}) < 2:
        return out
    # the fact comes before its patient ("of C3-5 in the man") when the sentence names one before the first anchor
    # in the anchor's clause; otherwise after it ("in the man, C3-5 ...")
    clause_at = max((m.end() for m in _CLAUSE_START.finditer(text, 0, anchors[0][0])), default=0)
    before = any(clause_at <= a < anchors[0][0] for a, _ in groups)
    for i, (a, b, who) in enumerate(anchors):
        if before:
            lo = anchors[i - 1][1] if i else clause_at
            out.setdefault(who, []).append((lo, b))
        else:
            hi = anchors[i + 1][0] if i + 1 < len(anchors) else len(text)
            out.setdefault(who, []).append((a, hi))
    return out


_NUM = r"\d{1,3}(?:\.\d)?"
_RESPECTIVE = re.compile(rf"(?P<list>{_NUM}(?:\s*(?:,|and|,\s*and)\s*{_NUM})+)"
                         r"(?P<unit>\s*(?:-|\s)?(?:years?|yrs?|months?|mos?|weeks?|days?|cm|mm|Gy)\b)")


def respective(text: str, patients: list[int], p: int) -> str | None:
    """The sentence as it reads for patient p of a series when it lists one number per patient "respectively"
    ("followed for 13, 11 and 5 years, respectively" reads "followed for 11 years" for the second); None when it
    does not."""
    if p not in patients or not _RESPECTIVELY.search(text):
        return None
    m = _RESPECTIVE.search(text)
    if not m:
        return None
    values = re.findall(_NUM, m.group("list"))
    if len(values) != len(patients):
        return None
    own = values[patients.index(p)]
    out = text[:m.start()] + own + m.group("unit") + text[m.end():]
    return re.sub(r",?\s*respectively\b", "", out, flags=re.IGNORECASE)
