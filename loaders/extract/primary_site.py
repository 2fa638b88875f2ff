"""A spinal metastasis named by its primary: "prostate adenocarcinoma", "metastatic thyroid cancer",
"adenocarcinoma of the lung", "renal cell carcinoma".

The ontology's tumour types are the spine's own tumours and one class for what spread to the spine
(``skg:Metastasis``); a report names that class by the primary's organ and histology. A carcinoma in a
spinal case report is a metastasis (the spine has no epithelium of its own), so such a phrase is a
mention of the metastasis class, labelled as the report words it. Phrases the lexicon already knows
(a named tumour type) are left to the lexicon.

>>> [m.surface for m in carcinoma_mentions("the lesion originated from prostate adenocarcinoma.", 0, "M")]
['prostate adenocarcinoma']
>>> [m.surface for m in carcinoma_mentions("a metastasis of papillary thyroid carcinoma", 0, "M")]
['papillary thyroid carcinoma']
>>> [m.surface for m in carcinoma_mentions("cervical cancer screening; cervical spine carcinoma", 0, "M")]
[]
>>> [m.surface for m in carcinoma_mentions("resection revealed metastatic melanoma", 0, "M")]
['metastatic melanoma']
>>> [m.surface for m in carcinoma_mentions("adenocarcinoma with features pointing to a lung primary", 0, "M")]
['adenocarcinoma']
>>> [m.surface for m in carcinoma_mentions("biopsies from the right upper and middle lobes: adenocarcinoma", 0, "M")]
['adenocarcinoma']
"""

from __future__ import annotations

import re

from spinekg.loaders.extract.lexmatch import Mention

_ORGAN = (r"prostat(?:e|ic)|thyroid|breast|lung|pulmonary|bronchogenic|renal|kidney|colon|colonic|colorectal|rectal"
          r"|gastric|stomach|oesophageal|esophageal|pancreatic|pancreas|hepatic|liver|gallbladder|bladder|urothelial"
          r"|ovarian|endometrial|uterine|nasopharyngeal|laryngeal|oral|tongue|salivary|adrenal|adrenocortical"
          r"|parotid|thymic|testicular|penile|vulvar|anal|hepatocellular|cholangio|biliary|appendiceal")
_HISTOLOGY = (r"(?:papillary|follicular|medullary|anaplastic|clear[- ]cell|small[- ]cell|non-small[- ]cell"
              r"|squamous(?:[- ]cell)?|ductal|lobular|invasive|mucinous|signet[- ]ring|neuroendocrine|acinar"
              r"|poorly\s+differentiated|well[- ]differentiated|moderately\s+differentiated|differentiated|cell)")
_CARCINOMA = r"(?:adeno)?carcinomas?|cancers?"
_OTHER_PRIMARY = (r"seminomas?|choriocarcinomas?|embryonal\s+carcinomas?|dysgerminomas?"
                  r"|wilms(?:'s|\u2019s|'|\u2019)?\s+tumou?rs?|nephroblastomas?|retinoblastomas?|hepatoblastomas?"
                  r"|(?:malignant\s+)?(?:pleural\s+|peritoneal\s+)?mesotheliomas?|thymomas?"
                  r"|carcinoid(?:\s+tumou?rs?)?"
                  r"|(?:pancreatic|lung|pulmonary|bronchial|small[\s-]bowel|ileal|rectal|gastric|thymic)\s+"
                  r"(?:well[\s-]differentiated\s+)?neuroendocrine\s+(?:tumou?r|neoplasm)s?"
                  r"|neuroendocrine\s+(?:tumou?r|neoplasm)s?\s+of\s+the\s+(?:pancreas|lung|small\s+bowel|ileum|rectum"
                  r"|stomach|thymus)")
_PHRASES = re.compile(
    rf"\b(?:(?:{_ORGAN})(?:[\s-]+{_HISTOLOGY})*[\s-]+(?:{_CARCINOMA})"
    rf"|(?:{_HISTOLOGY}[\s-]+)*(?:{_ORGAN})[\s-]+(?:{_HISTOLOGY}[\s-]+)*(?:{_CARCINOMA})"
    rf"|(?:{_HISTOLOGY}[\s-]+)*(?:{_CARCINOMA})\s+of\s+(?:the\s+)?(?:{_ORGAN}|uterine\s+cervix|cervix)"
    r"|renal[\s-]+cell[\s-]+carcinomas?|hepatocellular[\s-]+carcinomas?|cholangiocarcinomas?"
    # a melanoma of the skin, eye or mucosa that spread to the spine (a primary melanocytic tumour of the meninges
    # is the lexicon's): "metastatic melanoma", "cutaneous malignant melanoma", "melanoma metastasis"
    r"|(?:metastatic|cutaneous|uveal|choroidal|conjunctival|mucosal|acral|ocular|skin)(?:\s+malignant)?\s+melanomas?"
    r"|melanomas?(?=\s+metasta)"
    # the lung cancers by their abbreviations ("EGFR-mutant NSCLC"), the skin's Merkel cell carcinoma
    r"|N?SCLCs?|merkel[\s-]+cell\s+carcinomas?"
    # tumours of other organs that are no carcinoma and no tumour type of the spine: germ cell tumours of the gonads
    # (the spine's own germinoma, teratoma and yolk sac tumour, and germ cell tumours at large, are the lexicon's),
    # the embryonal tumours of the kidney, eye and liver, and the adrenal's, pleura's, thymus' and gut's own tumours; a
    # neuroendocrine tumour only with its organ, since the cauda equina has one of its own
    rf"|{_OTHER_PRIMARY})\b",
    re.IGNORECASE)


#: a carcinoma whose organ is said after it: "adenocarcinoma with features pointing to a lung primary",
#: "a carcinoma of probable renal origin"
_ORGAN_SAID_AFTER = re.compile(rf"\b(?:(?:{_HISTOLOGY})[\s-]+)*(?:{_CARCINOMA})\b"
                               rf"(?=[^.;]{{0,60}}?\b(?:{_ORGAN})\s+(?:primary|origin)\b)", re.IGNORECASE)


#: ... or before it, the organ the sample was taken from with the carcinoma as its result: "bronchoscopy, with biopsies
#: from the right upper and middle lobes: adenocarcinoma", "a biopsy of the lung mass revealed adenocarcinoma"
_ORGAN_SAID_BEFORE = re.compile(
    rf"\b(?:{_ORGAN}|lobes?|bronch\w*)\b[^.;:]{{0,80}}?(?::\s*|\b(?:showed|revealed|confirmed|demonstrated|disclosed"
    rf"|was|were|as)\s+(?:an?\s+)?)(?P<c>(?:(?:{_HISTOLOGY})[\s-]+)*(?:adeno)?carcinoma)\b(?!\s+(?:of|in|from)\b)",
    re.IGNORECASE)


#: a word every phrase above needs (the cheap test before the patterns)
_CHEAP = re.compile(r"carcinom|cancer|melanom|sclc|seminom|nephroblastom|retinoblastom|hepatoblastom"
                    r"|mesotheliom|thymom|wilms|carcinoid|neuroendocrine")


def carcinoma_mentions(text: str, base: int, iri: str, taken: list[Mention] | None = None) -> list[Mention]:
    """Mentions of ``iri`` (the metastasis class) for the carcinomas text names by their primary."""
    low = text.lower()
    if not _CHEAP.search(low):
        return []
    busy = [(m.start, m.end) for m in taken or [] if m.kind == "tumor_type"]
    out: list[Mention] = []
    said_before = [(m.start("c"), m.end("c"), m.group("c")) for m in _ORGAN_SAID_BEFORE.finditer(text)]
    for m in [*_PHRASES.finditer(text), *_ORGAN_SAID_AFTER.finditer(text)]:
        said_before = [x for x in said_before if not (x[0] < m.end() and m.start() < x[1])]
        a, b = base + m.start(), base + m.end()
        if any(s < b and a < e for s, e in busy) or any(o.start < b and a < o.end for o in out):
            continue
        out.append(Mention("tumor_type", iri, a, b, m.group()))
    for start, end, surface in said_before:
        a, b = base + start, base + end
        if not any(s < b and a < e for s, e in busy) and not any(o.start < b and a < o.end for o in out):
            out.append(Mention("tumor_type", iri, a, b, surface))
    return sorted(out, key=lambda x: x.start)
