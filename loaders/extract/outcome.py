"""The outcome: follow-up in months, recurrence, metastasis, status (only when the text says).

>>> o = extract_outcome(["Monitoring over five years revealed no signs of local recurrence or distant metastasis."])
>>> o.follow_up_months, o.recurrence, o.metastasis, o.status
(60, False, False, 'no evidence of disease')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.numwords import NUMBER, months, to_number
from spinekg.loaders.extract.prefilter import needs
from spinekg.loaders.extract.sentences import COHORT_COUNTED, COHORT_SHARE, add_evidence

_N = rf"(?P<n>{NUMBER}|\d{{1,3}}(?:\.\d)?)"
_U = r"(?P<u>years?|months?|weeks?|yrs?|mos?)"
_AFTER_WHAT = (r"(?:the\s+|his\s+|her\s+|initial\s+|primary\s+|definitive\s+)?(?:\w+[\s-]+){0,2}?(?:operation|"
               r"surgery|surgical"
               r"|resection|excision|treatment|therapy|radiotherapy|chemotherapy|spondylectomy|laminectomy|procedure"
               r"|sacrectomy|corpectomy|vertebrectomy|curettage"
               r"|diagnosis|discharge|presentation|consultation|admission|intervention|removal|injection|emboli[sz]ation"
               r"|vertebroplasty"
               r"|kyphoplasty|augmentation|fusion|decompression|radiosurgery"
               # ... or its abbreviation: "Twelve months after GTR she remains free of disease"
               r"|(?:GTR|STR|NTR|TES|SRS|SBRT|ASCT|HSCT)\b"
               # "about 30 months after he enrolled in the trial"
               r"|(?:he|she)\s+(?:enrolled|started|began)\b"
               # an organ's operation: "two years after the nephroureterectomy", "after thyroidectomy"
               r"|\w+ectomy)")
_FOLLOW = [
    re.compile(rf"\b{_N}[\s-]*{_U}[\s-]+(?:of\s+)?(?:post-?operative\s+|clinical\s+|radiological\s+)?"
               r"follow[\s-]?up", re.I),
    re.compile(rf"\bFU\s*:?\s*{_N}\s*{_U}(?![\w-])"),  # "FU 30 mo NED"
    re.compile(rf"\blost\s+to\s+follow[\s-]?up\s+(?:after|at|beyond)\s+(?:about\s+|approximately\s+)?{_N}\s*{_U}",
               re.I),
    re.compile(rf"\bfollow[\s-]?up\s+(?:period\s+|duration\s+|time\s+|evaluation\s+|examination\s+|review\s+|visit\s+"
               rf"|imaging\s+|MRI\s+)?(?:of|was|lasted|for|at|over|:)\s+"
               rf"(?:(?:at|after)\s+)?(?:about\s+|approximately\s+"
               rf"|nearly\s+|almost\s+|more\s+than\s+|over\s+|up\s+to\s+)?{_N}\s*{_U}", re.I),
    re.compile(rf"\b{_N}[\s-]*{_U}\s+(?:after|following|post|from)\s+(?!(?:starting|the\s+start|initiation|beginning|"
               rf"onset)){_AFTER_WHAT}",
               re.I),
    re.compile(rf"\b{_N}[\s-]*{_U}[\s-]+post-?operative(?:ly)?\s*(?:visit|review|examination|imaging|follow)?", re.I),
    re.compile(rf"\b(?:monitor(?:ing|ed)|observ(?:ed|ation)|surveillance|follow(?:ed)?[\s-]?up|followed)\s+"
               rf"(?:\w+\s+){{0,3}}"
               rf"(?:for|over|during)\s+(?:a\s+period\s+of\s+|the\s+(?:next|following|last)\s+|more\s+than\s+)"
               rf"?{_N}\s*{_U}", re.I),
    re.compile(rf"\b(?:at|after|by)\s+(?:the\s+)?{_N}[\s-]*{_U}[\s-]+(?:post-?operative\s+)?(?:visit|review|check|"
               rf"control)", re.I),
    re.compile(rf"\b(?:at|after)\s+(?:a\s+)?{_N}[\s-]*{_U}\s+follow", re.I),
    # "overall survival was 14 months", "the overall survival of each was 14 months" (a patient's, not a cohort's)
    # "her survival from the first diagnosis was 2 years and 9 months"
    re.compile(rf"\b(?:her|his|the\s+patient'?s)\s+(?:overall\s+)?survival\s+(?:time\s+)?(?:from\s+(?:the\s+)?(?:first\s+"
               rf"|initial\s+)?(?:diagnosis|presentation)\s+)?(?:was|of|:)\s+(?:about\s+|approximately\s+)?{_N}\s*{_U}\b",
               re.I),
    re.compile(rf"(?<!median\s)(?<!mean\s)(?<!average\s)\boverall\s+survival\s+(?:of\s+(?:each|both|the\s+\w+)\s+)?"
               rf"(?:was\s+|of\s+|:\s*)?(?:about\s+|approximately\s+)?{_N}\s*{_U}\b(?![\s-]+(?:rate|survival))", re.I),
    # "the bone metastases stayed under good control for more than 13 years", "has remained stable for 18 months":
    # the course lasted at least that long
    re.compile(rf"\b(?:remained|remains|stayed|stays|(?:was|were|has\s+been|have\s+been|had\s+been)(?:\s+kept)?)\s+"
               rf"(?:(?:well\s+|under\s+(?:good\s+|excellent\s+|adequate\s+)?)?(?:controlled|control|stable)"
               # "had remained in good health for 24 months", "has been disease-free for 2 years"
               rf"|well|in\s+good\s+(?:health|condition)|disease[\s-]free|free\s+of\s+disease|asymptomatic"
               rf"|symptom[\s-]free|in\s+(?:complete\s+)?remission|alive\s+and\s+well|maintained|sustained"
               # "she had been progression-free on alectinib for 22 months"
               rf"|progression[\s-]free(?:\s+(?:on|under|with)\s+[\w-]+)?)\s+"
               rf"(?:for|over)\s+(?:about\s+|approximately\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+"
               rf"|at\s+least\s+)?{_N}\s*{_U}", re.I),
    # "At the most recent visit, 20 months after starting larotrectinib, ..."
    re.compile(rf"\bat\s+(?:the\s+|her\s+|his\s+)?(?:most\s+recent|last|latest|final)\s+(?:clinic\s+)?(?:visit|"
               rf"follow[\s-]?up|review|contact|evaluation|examination|assessment)\s*,?\s*(?:at\s+)?(?:about\s+"
               rf"|approximately\s+)?{_N}[\s-]*{_U}\b", re.I),
    # "Two years on, the boy remains in complete remission": the time to a state that still holds
    re.compile(rf"\b{_N}[\s-]*{_U}\s+(?:on|later)\s*,\s*(?:the\s+\w+|he|she|they|our\s+patient)\s+(?:remains|is\s+still"
               rf"|continues|is\s+alive|is\s+well|has\s+remained)\b", re.I),
]
_FOLLOW.append(  # "A man, now 72 years old, was diagnosed eight years ago with myeloma": the time since
    re.compile(rf"\b(?:now|currently)\b[^.;]{{0,40}}?\bdiagnosed\s+{_N}[\s-]*{_U}\s+ago\b", re.I))
_FOLLOW.append(  # "progression-free survival had reached 32 months at the last follow-up"
    re.compile(rf"\b{_N}[\s-]*{_U}\s+(?:at|by)\s+(?:the\s+|her\s+|his\s+)?(?:last|latest|most\s+recent|final)\s+"
               rf"(?:follow[\s-]?up|visit|review)\b", re.I))
#: the patterns that name the follow-up itself (the others infer it from a time after the treatment)
_STATED = [_FOLLOW[i] for i in (0, 1, 2, 3, 6, len(_FOLLOW) - 1)]
#: every follow-up pattern needs a unit of time: a sentence without one is not read further
_HAS_TIME = needs(re.compile(r"(?:week|month|year|mo|yr)s?\b", re.IGNORECASE),
                  "week", "month", "year", "mo", "yr")
_AT = re.compile(r"\b(?:at|after|by)\s+(?:the\s+|a\s+)?$", re.I)
_IMAGING = r"MRI|CT|PET(?:[\s-]CT)?|imaging|scans?|radiographs?|X-rays?"
#: "pain-free at 18 months": a state of the patient said at a time point
_WELL = (r"\b(?:asymptomatic|pain[\s-]free|symptom[\s-]free|well|alive|ambulatory|neurologically\s+(?:intact|normal)"
         r"|walking\s+(?:independently|unaided))")
#: "At 30 months there was no recurrence": a bare time point counts as follow-up only in a sentence
#: that states the outcome at that time.
_AT_TIME = re.compile(rf"(?:(?:^|[,;:]\s*|\b(?:and|but)\s+|{_WELL}\s+"
                      # "alive without disease at 129 months", "free of recurrence after 2 years"
                      rf"|\b(?:without|free\s+of|no)\s+(?:\w+\s+){{0,2}}?(?:disease|recurrence|relapse|progression)\s+)"
                      rf"(?:at|after)\s+|\b(?:{_IMAGING})\s+(?:at\s+)?)"
                      rf"(?:(?:the|a|about|approximately)\s+)?"
                      rf"{_N}[\s-]*{_U}\b(?!\s+(?:of\s+age|old|later|earlier|before|prior))", re.I)
#: "five years later he leads a normal daily life without recurrence": the state of the patient a time later
_LATER_WELL = re.compile(rf"\b{_N}[\s-]*{_U}\s+later\s*,?\s+(?:(?:he|she|the\s+patient|the\s+child|both|they)\s+"
                         # "On ultrasound one year later there was no structural recurrence"
                         r"|there\s+(?:was|were)\s+(?=no\b))"
                         r"(?:(?:\w+\s+){0,8}?(?:without|no|free\s+of)\s+(?:\w+\s+){0,2}?(?:recurrence|relapse|"
                         r"evidence|signs?|progression|disease|symptoms?)"
                         # "more than 12 months later, the patient was alive and had no symptoms"
                         r"|(?:is|was|remains|remained|are|were)\s+(?:still\s+)?(?:alive|well|asymptomatic"
                         r"|symptom[\s-]free|pain[\s-]free|doing\s+well|in\s+(?:complete\s+|continuous\s+)?remission)\b)"
                         # "Two years later the tumour had regressed completely": the state of the tumour then
                         rf"|\b{_N.replace('<n>', '<n2>')}[\s-]*{_U.replace('<u>', '<u2>')}\s+later\s*,?\s+the\s+"
                         r"(?:tumou?r|mass|lesion)\s+(?:had\s+)?(?:\w+\s+)?"
                         r"(?:regressed|disappeared|resolved|shrunk|shrank|vanished)\b", re.I)
#: "died of ... about a year after the onset": the survival, counted from the onset or the diagnosis
_DIED_AFTER = re.compile(rf"\b(?:died|death)\b[^;.]{{0,100}}?\b(?:about\s+|approximately\s+|nearly\s+|some\s+)?"
                         rf"{_N}[\s-]*{_U}\s+(?:after|from|following)\s+(?:the\s+|his\s+|her\s+)?(?:initial\s+)?"
                         r"(?:onset|diagnosis|presentation|first\s+symptoms?|operation|surgery|admission"
                         # "died 16 months after the beginning of TMZ treatment": the survival from the treatment
                         r"|(?:start|beginning|initiation)\s+of\s+(?:[\w-]+\s+){0,3}?(?:treatment|therapy|chemotherapy"
                         r"|radiotherapy))", re.I)
_CLAUSES = re.compile(r"\s*;\s+")
#: a time and a half: "sustained at one and a half years", "a year and a half later"
_AND_A_HALF = needs(re.compile(rf"\b({NUMBER}|an?)\s+(?:and\s+a\s+half\s+(year|month)s?|(year|month)\s+and\s+a\s+half)"
                               r"\b", re.IGNORECASE), "half")
#: a time told by its ordinal: "He died in the 20th month after diagnosis"
_ORDINAL_TIME = needs(re.compile(r"\bthe\s+(\d{1,3})(?:st|nd|rd|th)\s+(month|year|week)\b", re.IGNORECASE),
                      "month", "year", "week")
#: "a spinal MRI obtained 4 years later showed no recurrence": the last imaging, counted from the treatment
_IMAGING_LATER = re.compile(rf"\b(?:{_IMAGING})\s+(?:(?:obtained|performed|taken|done)\s+)?{_N}[\s-]*{_U}\s+later\s+"
                            r"(?:showed|revealed|demonstrated|confirmed|found)\s+no\b", re.I)
_NOT_FOLLOW = re.compile(r"\bdischarg\w*|\bhistory\b|\bprior\s+to\b|\bbefore\b.{0,20}(?:presentation|admission)"
                         # a series' figure: "metastasis appeared on average 26.4 months after diagnosis"
                         r"|\bon\s+average\b|\b(?:mean|median|average)\b", re.I)
#: "free of disease", "free of local or distant disease", "clear of disease"
_FREE_OF_DISEASE = (r"(?:free|clear)\s+of\s+(?:(?:any|local|distant|residual|recurrent|clinical|radiological|or|and)"
                    r"\s+){0,4}disease")
#: the abbreviation of letters and tumour-board summaries ("FU 30 mo NED")
#: "no evidence of disease" as an abbreviation, or "alive without disease"
_NED = r"\b(?-i:NED)\b|\balive\s+(?:and\s+)?without\s+(?:(?:any|evidence\s+of|signs?\s+of)\s+)?(?:disease|tumou?r)\b"
_RECUR_POS = needs(re.compile(
    r"\b(?:recurred|relapsed|recurrence\s+(?:was|were)\s+(?:detected|found|noted|observed|diagnosed|confirmed|seen)"
    # a biopsy of new lesions proving the tumour back: "Biopsies of these nodules confirmed recurrent sarcoma"
    r"|(?:confirmed|proved|showed|revealed|demonstrated)\s+(?:a\s+|the\s+)?recurren(?:t|ce\s+of)\s+(?:\w+\s+){0,2}?"
    r"(?:sarcoma|tumou?r|disease|carcinoma|lymphoma|[a-z]+oma)\b"
    r"|(?:developed|had|showed|revealed|with|found|detected|disclosed|identified|demonstrated)\s+(?:a\s+)?"
    r"(?:(?!(?:no|not|without|any|neither|nor|never)\b)[\w.\-]+\s+){0,3}?(?:recurrence|relapse|reactivation)"
    # the relapse named by where it came: "Postoperative recurrence of the lung adenocarcinoma", "a CNS relapse of
    # high-risk neuroblastoma"
    r"|\b(?:postoperative|post-operative|local|distant|late|early|isolated|first|second|third|CNS|marrow|"
    r"leptomeningeal|nodal|pulmonary|hepatic|skeletal)\s+(?:recurrence|relapse)\s+of\s+(?:the\s+|his\s+|her\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:tumou?r|disease|carcinoma|adenocarcinoma|sarcoma|lymphoma|leuka?emia|[a-z]{3,}oma)\b"
    # (not "progressed on first-line treatment": a tumour that never went away)
    r"|(?:tumou?r|lesion|mass|residual\s+\w+)\s+(?:had\s+|has\s+)?(?:progressed(?!\s+(?:on|during|despite|under|while|through)\b)"
    r"|regrew|re-grew|recurred|relapsed)\b"
    # "The disease came back 4 months after vemurafenib was stopped"
    r"|\b(?:the\s+|her\s+|his\s+)?(?:disease|tumou?r|lesions?|LCH|sarcoma|lymphoma)\s+(?:later\s+|then\s+|soon\s+)?"
    r"(?:came|had\s+come|has\s+come|grew|had\s+grown|has\s+grown)\s+back\b"
    # a relapse counted: "3. First relapse, in the bone marrow: chemotherapy and DLI", "her third relapse"
    r"|\b(?:first|second|third|fourth|fifth)\s+(?:relapse|recurrence)\b(?!\s*-?\s*free)"
    # "a local relapse was partially resected", "an extended relapse was invading the hemisphere"
    r"|\ban?\s+(?:(?:local|further|new|second|third|extended|later|late|distant)\s+)?(?:relapse|recurrence)\s+(?:was|had)"
    r"\s+(?!not\b|no\b)"
    r"|local\s+recurrence\s+(?:at|in|of)|regrowth|re-growth|tumou?r\s+progression\s+(?:was\s+)?(?:noted|observed|"
    r"seen)"
    # "a local relapse at T11 was detected", "local relapse at the ventral margin was diagnosed"
    r"|(?:recurrence|relapse)\s+(?:(?!(?:no|not|without|and|but)\b)[\w.\-]+\s+){0,5}?(?:was|were|had\s+been)\s+"
    r"(?:detected|found|noted|observed|diagnosed|confirmed|seen|identified|documented|demonstrated)"
    # "a second relapse appeared", "local relapse occurred"
    r"|(?:recurrences?|relapses?)\s+(?:(?:at|in)\s+(?:\w+\s+){0,3}?)?(?:then\s+|later\s+|subsequently\s+|eventually"
    r"\s+|soon\s+)?(?:appeared|occurred|developed|ensued|came|followed"
    r"|supervened)"
    # the relapse told as a fact of its own: "The relapse was therefore confined to the testis"
    r"|\b(?:the|this|his|her)\s+(?:\w+\s+)?(?:relapse|recurrence)\s+(?:was|were)\s+(?:therefore\s+|thus\s+|also\s+)?"
    r"(?:confined|limited|restricted|located|locali[sz]ed|isolated)\b"
    # the relapse named by its form: "relapse in the form of a granulocytic sarcoma", "a relapse as a chloroma"
    r"|(?:recurrence|relapse)\s+(?:in\s+the\s+form\s+of|as\s+(?:a|an)\b)"
    # the lesion is the relapse: "myeloid sarcoma representing a relapse of her leukaemia"
    r"|(?:representing|represented|was|as|taken\s+by)\s+(?:a|the)\s+(?:\w+\s+)?(?:relapse|recurrence)\s+of\s+(?:her|his|the)\b"
    # the tissue says so: "Biopsy of the mass showed recurrent B-LBL"
    r"|(?:biopsy|histolog\w*|patholog\w*|specimen|cytolog\w*)\b[^.;]{0,40}?\b(?:showed|revealed|confirmed|demonstrated"
    r"|disclosed)\s+(?:a\s+|an\s+)?recurrent\b"
    r")", re.I),
    "recur", "relaps", "reactivat", "progress", "regrew", "re-grew", "growth", "back")
_GROWTH_ONLY = re.compile(r"progress|growth", re.I)
_RECUR_WORD = re.compile(r"recur|relaps|regr|re-gr|reactivat", re.I)
#: the case is a recurrence: "resection of the recurrent tumour", "the final diagnosis was recurrent X"; a later
#: "no recurrence" after the reported treatment is the outcome
_RECUR_PRESENTING = re.compile(
    r"\b(?:resection|excision|removal|re-?resection|debulking|curettage|presented\s+with|diagnosis\s+(?:was|of))\s+"
    r"(?:of\s+)?(?:the\s+|a\s+|an\s+|this\s+|her\s+|his\s+)?recurrent\b"
    # "the findings were interpreted as recurrence of the pilocytic astrocytoma"
    r"|\b(?:interpreted|diagnosed|regarded|confirmed|identified)\s+as\s+(?:an?\s+)?(?:late\s+|local\s+|distant\s+)?"
    r"(?:recurrence|relapse)\b"
    # "had recurrent lung adenocarcinoma", "gefitinib started for the recurrent disease" (not "recurrent otitis")
    r"|\b(?:had|has|with|for|developed)\s+(?:a\s+|an\s+|the\s+|her\s+|his\s+)?recurrent\s+(?:[\w-]+\s+){0,3}?"
    r"(?:tumou?r|disease|carcinoma|adenocarcinoma|sarcoma|lymphoma|leuka?emia|[a-z]{3,}oma)\b"
    # a type's recurrent genetic lesions: "a screen for the recurrent acute leukaemia fusion genes"
    r"(?!\s+(?:fusions?|genes?|mutations?|translocations?|rearrangements?|abnormalit\w+|alterations?))", re.I)
#: a complete response of the disease, not of one compartment: "the bone marrow was in complete response" while the
#: tumour was in partial response
_WHOLE = r"(?<!marrow\swas\sin\s)(?<!marrow\sis\sin\s)(?<!marrow\sin\s)(?<!marrow\s)"
#: the free interval a named end point measures, not the patient's course: "metastasis-free survival", "disease-free
#: survival rates"
_NOT_END_POINT = r"(?!\s+(?:survival|interval|rate|period|time)\b)"
#: a disease held in partial remission: "has stayed in partial remission", "remains in partial response"
_IN_PARTIAL = (r"\b(?:stayed|remained|remains?|is\s+still|was\s+still|continues|continued|kept)\s+(?:\w+\s+)?in\s+"
               r"(?:a\s+)?partial\s+(?:remission|response)\b")
_IN_PARTIAL_RX = re.compile(_IN_PARTIAL, re.I)
#: ... or held in check on its drug: "all three patients remain on treatment without progression"
_ON_TREATMENT = re.compile(r"\b(?:remain(?:s|ed)?|still|continu\w+|stay(?:s|ed)?)\s+on\s+(?:\w+\s+)?"
                           r"(?:treatment|therapy|\w+inib|\w+mab|the\s+drug)\b", re.I)
#: ... unless the disease is said gone: "he remains on entrectinib and has no evidence of disease"
_NED_SAID = re.compile(rf"\bno\s+(?:evidence|signs?)\s+of\s+(?:\w+\s+)?disease|\bdisease[\s-]free\b|\bcomplete\s+"
                       rf"(?:remission|response)|{_NED}", re.I)
_RECUR_NEG = needs(re.compile(
    r"\b(?:no|without|neither|nor|free\s+of|clear\s+of|none\s+of\s+(?:them|the\s+\w+))\s+(?:\w+\s+){0,4}?"
    r"(?:recurren\w*|relapse|progression|regrowth"
    r"|reactivation)"
    # ("progression-free survival was 4 months", "progression-free on alectinib": a time to progression, or a
    # disease held in check, not a disease gone that did not come back)
    rf"|(?:recurrence|relapse)[\s-]free{_NOT_END_POINT}|progression[\s-]free(?!\s+(?:survival|interval|on|under|with|while)\b)"
    r"|no\s+(?:sign|signs|evidence)\s+of\s+(?:residual\s+)?(?:disease|"
    r"tumou?r)(?![\s-]+progression)"
    rf"|disease[\s-]free{_NOT_END_POINT}|tumou?r[\s-]free(?!\s+(?:\w+\s+)?margins?)|{_WHOLE}complete\s+(?:remission|response)|"
    rf"{_FREE_OF_DISEASE}|{_NED}",
    re.I),
    "recur", "relaps", "progress", "regrowth", "reactivat", "disease", "tumor", "tumour", "remission", "response",
    "ned")
_METS_POS = needs(re.compile(
    r"\b(?:developed|had|showed|revealed|with|detected|found|multiple|new|pulmonary|lung|liver|hepatic|brain|bone|"
    r"osseous|bony|skull|ribs?|nodal|adrenal|skeletal|peritoneal|pleural|cutaneous|skin|widespread|further"
    r"|distant)\s+(?:\w+\s+){0,2}?metasta(?:sis|ses|tic\s+(?:disease|lesions?|foci|nodules?|tumou?rs?|deposits?|masses))"
    # a field's line: "- Metastases in the lung, liver, abdomen and bowel."
    r"|^\W{0,3}metasta(?:sis|ses)\s+(?:in|to)\s+(?:the\s+)?(?:lungs?|liver|brain|bones?|abdomen|skin|nodes|lymph|spine"
    r"|adrenals?|peritoneum|bowel|pleura)\b"
    r"|\b(?:confirmed|proved|proven|shown)\s+(?:\w+\s+){0,4}?(?:to\s+be|as)\s+metastatic\b"
    # spread along the neuraxis: "further metastases along the neural axis", "intramedullary dissemination"
    r"|\bfurther\s+metasta(?:sis|ses)|\bmeningeal\s+dissemination"
    r"|\b(?:intramedullary|leptomeningeal|neuraxis|neuraxial|subarachnoid|drop|csf)"
    r"\s+(?:dissemination|spread|seeding|metasta(?:sis|ses))|\bcarcinomatous\s+meningitis"
    # "the recurrent disease subsequently spread to the liver", "now metastatic to the liver"
    r"|\b(?:spread|metastasi[sz]ed|metastatic)\s+to\s+(?:the\s+|both\s+)?(?:liver|lungs?|brain|bones?|skeleton|pleura"
    r"|peritoneum|lymph\s+nodes?|adrenals?|kidneys?|skin|spinal\s+cord|spine|cauda\s+equina|leptomeninges|neuraxis)\b"
    # "whose CPC had spread widely", "the disease has spread throughout the neuraxis": the patient's tumour told as
    # having spread (a perfect tense: "spread along the neuraxis is a known feature" is no case's)
    r"|\b(?:had|has|have)\s+(?:already\s+|since\s+|then\s+|now\s+)?(?:spread|disseminated)\s+(?:widely|diffusely|"
    r"extensively|(?:throughout|along|over)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:neuraxis|neural\s+axis|spinal|"
    r"craniospinal|leptomening|subarachnoid|body|skeleton))"
    # "the tumour metastasised caudally along the neuraxis"
    r"|\bmetastasi[sz]ed\s+(?:\w+\s+)?(?:along|through(?:out)?|within)\s+(?:the\s+)?(?:neuraxis|neural\s+axis|spinal"
    r"|craniospinal|CSF|cerebrospinal)"
    # "identified the spinal lesion as spread of the known supratentorial glioblastoma"
    r"|\b(?:lesion|tumou?r|mass|deposit)\s+as\s+(?:a\s+)?(?:spread|metastasis|drop\s+metastasis|seeding)\s+of\b"
    # "metastatic lesions were found in the atlas and the axis", "a metastasis in a pelvic lymph node was proven"
    r"|\bmetasta(?:sis|ses|tic\s+(?:disease|lesions?|foci|deposits?|nodules?))\s+(?:(?:in|to)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,3}?)?(?:was|were|had\s+been)\s+"
    r"(?:then\s+|later\s+|subsequently\s+)?(?:found|detected|discovered|identified|noted|diagnosed|proven|proved"
    r"|confirmed)\b"
    # "distant spread of a supratentorial glioblastoma to the spinal cord"
    r"|\b(?:spread|dissemination|metastasis)\s+of\s+(?:a|an|the|his|her)\s+(?:[\w-]+\s+){0,3}?to\s+the\s+(?:spinal\s+cord"
    r"|spine|cauda\s+equina|leptomeninges|neuraxis|sacrum|vertebra\w*)\b"
    # "systemic metastases developed in the vertebra and the chest", "a metastasis appeared in the liver"
    r"|\bmetasta(?:sis|ses|tic\s+(?:lymph\s+nodes?|lesions?|deposits?|nodules?|foci))\s+(?:then\s+|later\s+|"
    r"subsequently\s+|eventually\s+)?(?:developed|appeared|occurred|emerged)\b"
    # the disease told as metastatic: "widely metastatic melanoma", "had become metastatic", "was diagnosed with
    # metastatic (stage IV) NSCLC", "She now has a metastatic squamous cell carcinoma in the right inguinal area"
    r"|\b(?:widely|widespread|extensively|diffusely|disseminated|multiply)\s+metastatic\b"
    r"|\b(?:became|become)\s+metastatic\b"
    r"|\b(?:diagnosed\s+with|(?:she|he|patient)\s+(?:now\s+)?(?:has|had)|(?:patient|woman|man|girl|boy|child)\s+with)"
    r"\s+(?:an?\s+)?metastatic\s+(?:\(?stage\s+IV\)?\s+)?(?:[\w-]+\s+){0,3}?(?:carcinoma|adenocarcinoma|melanoma|"
    r"sarcoma|cancer|tumou?r|disease|[a-z]{3,}oma|(?-i:[A-Z]{2,6}))\b"  # ("metastatic LCNEC", "NSCLC", "IMT")
    r"|\bmetastatic\s+(?:deposits?|lesions?|nodules?|foci|lymph\s+nodes?)\s+in\s+(?:both|the|his|her|several|"
    r"multiple)\s+(?:lungs?|liver|brain|bones?|lymph\s+nodes?|peritoneum|pleura|adrenals?)\b", re.I),
    "metasta", "dissemin", "spread", "seeding", "carcinomat")
#: a new deposit of the disease appearing later in the story
_NEW_DEPOSIT = re.compile(r"\bnew\s+(?:\w+\s+){0,2}?(?:metasta(?:sis|ses|tic\s+(?:lesions?|deposits?))|deposits?)\s+"
                          r"(?:then\s+|later\s+|subsequently\s+)?(?:appeared|developed|occurred|emerged|was\s+found"
                          r"|was\s+detected)\b", re.I)
_METS_NEG = needs(re.compile(
    r"\b(?:no|without|neither|nor|free\s+of|clear\s+of)\s+(?:\w+\s+){0,7}?(?:metasta\w*|dissemination|seeding)"
    # ("shorter overall and metastasis-free survival": an end point, not the patient's course)
    rf"|metasta\w*[\s-]free{_NOT_END_POINT}"
    rf"|no\s+(?:sign|signs|evidence)\s+of\s+(?:residual\s+)?disease(?![\s-]+progression)"
    rf"|disease[\s-]free{_NOT_END_POINT}|{_FREE_OF_DISEASE}|{_NED}", re.I),
    "metasta", "dissemin", "seeding", "disease", "ned")
_STATUS = [
    # a cause other than the tumour, named: never guessed from a cause the list does not know
    ("died of other cause", re.compile(r"\b(?:died|death)\s+(?:of|from|due\s+to)\s+(?:an?\s+)?(?:unrelated|other|non-?"
                                       r"(?:tumou?r|cancer|oncologic)|pneumonia|sepsis|septic|myocardial|cardiac|heart"
                                       r"|stroke|cerebrovascular|pulmonary\s+embol|covid|infection|natural\s+causes|old\s+age"
                                       r"|accident|suicide|renal\s+failure|trauma"
                                       # a second cancer: "died of metastatic lung cancer originating from the kidney"
                                       r"|(?:an?\s+)?(?:second|another|unrelated)\s+(?:primary\s+)?(?:malignan|cancer|carcinoma)"
                                       r"|(?:metastatic\s+)?(?:lung|breast|renal|kidney|colon|colorectal|rectal|gastric|stomach"
                                       r"|prostate|pancreatic|hepatocellular|liver|bladder|thyroid|ovarian|oesophageal"
                                       r"|esophageal)\s+(?:cancer|carcinoma|adenocarcinoma))"
                                       # "developed a severe nosocomial infection and died"
                                       r"|\b(?:infection|pneumonia|sepsis|septic\s+shock|myocardial\s+infarction|stroke"
                                       r"|embolism|heart\s+failure|renal\s+failure|haemorrhage|hemorrhage)\s+and\s+"
                                       r"(?:subsequently\s+|later\s+|eventually\s+)?died\b(?!\s+(?:of|from))", re.I)),
    ("died of disease", re.compile(r"\b(?:died|death)\s+(?:of|from|due\s+to)\s+(?:the\s+)?(?:\w+\s+)?"
                                   r"(?:disease|tumou?r|"
                                   r"progressi\w*|metasta\w*|cancer|sarcoma|lymphoma|recurren\w*|dissemin\w*|spread"
                                   r"|carcinomat\w*|leptomening\w*|meningitis)|\bdied\b"
                                   # "the disease was fatal within six months"
                                   r"|\b(?:disease|tumou?r|cancer|sarcoma|illness)\s+(?:was|proved|became)\s+fatal\b"
                                   r"|\b(?-i:DOD)\b", re.I)),
    ("alive with disease", re.compile(r"\balive\s+with\s+(?:\w+\s+)?(?:disease|tumou?r)|\b(?-i:AWD)\b"
                                      # "She has stayed in partial remission, with no sign of disease progression"
                                      rf"|{_IN_PARTIAL}"
                                      r"|\bresidual\s+(?:disease|tumou?r)"
                                      r"\s+(?:remains|persist)|\bstable\s+disease\b"
                                      r"|\bresidual\s+(?:\w+\s+){0,2}?(?:disease|tumou?r|tissue|lesion|mass)\s+"
                                      r"(?:was|is|remained|remains)\s+(?:\w+\s+)?(?:unchanged|stable)\b", re.I)),
    ("no evidence of disease", re.compile(
        r"\b(?:no|without)\s+(?:clinical\s+or\s+radiological\s+)?(?:evidence|signs?)\s+of\s+(?:local\s+)?(?:residual\s+|"
        r"recurrent\s+)?"
        r"(?:disease|tumou?r|recurren\w*|relapse)(?![\s-]+progression)|disease[\s-]free|tumou?r[\s-]free(?!\s+(?:\w+\s+)?margins?)|"
        rf"{_FREE_OF_DISEASE}|{_NED}"
        rf"|{_WHOLE}complete\s+(?:remission|response)|no\s+(?:local\s+)?recurrence|without\s+recurrence"
        r"|recurrence[\s-]free|\bfree\s+of\s+(?:any\s+)?(?:local\s+|tumou?r\s+)?(?:recurrence|relapse)"
        r"|\bneither\s+(?:an?\s+)?(?:local\s+)?(?:recurrence|relapse)\s+nor\b", re.I)),
]


@dataclass
class OutcomeFact:
    follow_up_months: float | int | None = None
    recurrence: bool | None = None
    metastasis: bool | None = None
    status: str | None = None
    evidence: list[dict[str, object]] = field(default_factory=list)
    #: the recurrence is told only as growth ("the cord lesion had progressed locally"): a recurrence only of a
    #: tumour that had been treated, which the record, not the sentence, knows
    by_growth: bool = False


#: "recurred eight years after the removal": the time to an event, not the follow-up
_TIME_TO_EVENT = re.compile(r"\b(?:recurred|relapsed|recurring|relapsing|progressed|reappeared)\s+(?:\w+\s+)?$", re.I)


def follow_up(text: str, *, stated: bool = False) -> float | int | None:
    """The longest follow-up a sentence states, in months (with ``stated``, only one it calls a follow-up:
    "followed for 12 months", not "three years after this first operation")."""
    said, any_ = _follow_ups(text)
    return said if stated else any_


#: "one year and two months", "2 years 3 months": one time told in two units
_COMPOUND = needs(re.compile(rf"\b(?P<y>{NUMBER})[\s-]*(?:years?|yrs?)\s*(?:,\s*|and\s+|\s)(?P<m>{NUMBER})[\s-]*"
                             r"(?:months?|mos?)\b", re.I),
                  "year", "yr")


def _compound_months(m: re.Match[str]) -> str:
    y, mo = to_number(m.group("y")), to_number(m.group("m"))
    if y is None or mo is None:
        return m.group()
    return f"{months(y, 'years') + mo:g} months"


def _follow_ups(text: str) -> tuple[float | int | None, float | int | None]:
    """(the longest follow-up the sentence names as one, the longest of any kind), in months."""
    if not _HAS_TIME.search(text):
        return None, None
    text = _COMPOUND.sub(_compound_months, text)
    best = said = None
    for rx in _FOLLOW:
        named = rx in _STATED
        for m in rx.finditer(text):
            n = to_number(m.group("n"))
            if n is None or not n or _TIME_TO_EVENT.search(text[max(0, m.start() - 40):m.start()]) or _not_follow(
                    text, m):
                continue
            v = months(n, m.group("u"))
            if best is None or v > best:
                best = v
            # "at 14 months follow-up MRI showed": a time point, not the length of the follow-up
            if named and not _AT.search(text[max(0, m.start() - 12):m.start()]) and (said is None or v > said):
                said = v
    return said, best


def _not_follow(text: str, m: re.Match[str]) -> bool:
    """A time told of the discharge, the history or the time before presentation, not of the follow-up: the words
    in the time's own clause (a sentence telling the whole course may be discharged early and followed later)."""
    a = max(text.rfind(",", 0, m.start()), text.rfind(";", 0, m.start()), text.rfind(" and ", 0, m.start()))
    a = max(a, m.start() - 60, 0)
    b = min([i for i in (text.find(",", m.end()), text.find(";", m.end())) if i >= 0] or [len(text)])
    return bool(_NOT_FOLLOW.search(text[a:b]))


def _states_outcome(text: str) -> bool:
    return any(rx.search(text) for rx in (_RECUR_POS, _RECUR_PRESENTING, _RECUR_NEG, _METS_POS, _METS_NEG)) or any(
        rx.search(text) for _, rx in _STATUS)


def _time_point(text: str) -> float | int | None:
    """The time point of an outcome statement ("At 30 months there was no recurrence"), in months."""
    if not _HAS_TIME.search(text):  # (every time point has a unit: the cheap test first)
        return None
    # (a state "a time later" is itself the outcome: "12 months later, the patient was alive and had no symptoms")
    found = [*_AT_TIME.finditer(text), *_IMAGING_LATER.finditer(text), *_LATER_WELL.finditer(text),
             *_DIED_AFTER.finditer(text)] if _states_outcome(text) else list(_LATER_WELL.finditer(text))
    best = None
    for m in found:
        n = to_number(m.group("n") or m.groupdict().get("n2") or "")
        if n and not _not_follow(text, m):
            v = months(n, m.group("u") or m.groupdict().get("u2"))
            best = v if best is None or v > best else best
    return best


#: a word every recurrence, metastasis and status pattern needs (the cheap test before the patterns)
_OUTCOME_WORD = needs(re.compile(
    r"recur|relaps|progress|regr|re-gr|reactivat|metasta|dissemin|spread|seeding|carcinomat|died"
    r"|death|alive|\bAWD\b|residual|stable|evidence|\bsigns?\b|free|clear|\bNED\b|\bDOD\b"
    r"|remission|response|fatal|came\s+back|come\s+back|grew\s+back|grown\s+back", re.I),
    "recur", "relaps", "progress", "regr", "re-gr", "reactivat", "metasta", "dissemin", "spread",
    "seeding", "carcinomat", "died", "death", "alive", "awd", "residual", "stable", "evidence",
    "sign", "free", "clear", "ned", "dod", "remission", "response", "fatal", "back")


def extract_outcome(sentences: list[str], spans: list[dict[str, object]] | None = None) -> OutcomeFact:
    out = OutcomeFact()
    spans = spans or [{"text": s} for s in sentences]
    stated_fu = False
    presenting = False  # the recurrence known so far is the one the patient presented with
    for text, span in zip(sentences, spans, strict=False):
        if not _OUTCOME_WORD.search(text) and not _HAS_TIME.search(text):
            continue  # every outcome pattern needs one of these words, every follow-up a unit of time
        if about_relative(text) or _STATISTIC.search(text) or _FIRST_DIAGNOSIS_FIELD.match(text):
            # (nor a first or referring diagnosis the report revises: "Original diagnosis (referring report): lymph node
            # with metastasis of malignant melanoma")
            continue  # "Her mother had died of metastatic disease", "5-year progression-free survival rates were ..."
        used = False
        # the disease is still there, held in check ("all three patients remain on treatment without progression")
        partial = bool(_IN_PARTIAL_RX.search(text)
                       or (_ON_TREATMENT.search(text) and not _NED_SAID.search(text)))
        past = bool(_PAST.search(text))  # "Six years earlier ... breast carcinoma ..., disease-free since"
        # a long sentence chaining the whole course with semicolons is read clause by clause ("..., he was
        # discharged walking; five years later he leads a normal life without recurrence")
        said = fu = None
        told = _ORDINAL_TIME.sub(r"\1 \2s", text)  # "in the 20th month" as "in 20 months"
        told = _AND_A_HALF.sub(lambda m: f"{(to_number(m.group(1)) or 1) + 0.5:g} {m.group(2) or m.group(3)}s", told)
        for clause in _CLAUSES.split(told):
            c_said, c_fu = _follow_ups(clause)
            if c_fu is None:
                c_fu = _time_point(clause)
            said = c_said if c_said is not None and (said is None or c_said > said) else said
            fu = c_fu if c_fu is not None and (fu is None or c_fu > fu) else fu
        if said is not None and (not stated_fu or out.follow_up_months is None or said > out.follow_up_months):
            out.follow_up_months, used, stated_fu = said, True, True  # a follow-up the text names wins
        elif fu is not None and not stated_fu and (out.follow_up_months is None or fu > out.follow_up_months):
            out.follow_up_months, used = fu, True
        if (rp := _RECUR_POS.search(text)) and not _hedged(text, _RECUR_POS):
            grown = bool(_GROWTH_ONLY.search(rp.group(0))) and not _RECUR_WORD.search(rp.group(0))
            out.by_growth = grown and (out.by_growth or out.recurrence is not True)
            out.recurrence, used, presenting = True, True, False
        elif _RECUR_PRESENTING.search(text) and out.recurrence is None:
            out.recurrence, used, presenting = True, True, True
        elif _RECUR_NEG.search(text) and (out.recurrence is None or presenting) and not past and not partial:
            out.recurrence, used = False, True
        if (mn := _METS_NEG.search(text)) and partial and not re.search(r"metasta|dissemin|seeding", mn.group(), re.I):
            pass  # a disease held in partial remission "with no sign of disease progression" is not free of it
        elif mn:
            if out.metastasis is None and not past:
                out.metastasis, used = False, True
        elif (mp := _METS_POS.search(text)) and not _hedged(text, _METS_POS) \
                and not _AT_PRESENTATION.search(text[max(0, mp.start() - 100):mp.start()]):
            out.metastasis, used = True, True
            if out.recurrence is False and _NEW_DEPOSIT.search(text) and not past:
                # "he stayed disease-free ... About one year later a new intramedullary metastasis appeared": the
                # disease came back; the earlier "disease-free" no longer holds
                out.recurrence = True
        for name, rx in _STATUS:
            if rx.search(text) and not _hedged(text, rx) and not (past and name == "no evidence of disease"):
                if name != "no evidence of disease" or out.status is None or out.status == name:
                    out.status, used = name, True
                break
        if used:
            add_evidence(out.evidence, span)
    if out.status == "no evidence of disease" and out.recurrence is True and out.metastasis is None:
        pass  # a treated relapse can end free of disease
    return out


#: a field of a first diagnosis, before the report's own: "Original diagnosis (referring report): ..."
_FIRST_DIAGNOSIS_FIELD = re.compile(r"^\W{0,3}(?:original|initial|provisional|preliminary|referring|working|outside"
                                    r"|clinical|differential)\s+(?:\w+\s+)?diagnos[ie]s\b[^:]{0,40}:", re.I)
#: a statistic of a cohort: survival rates, medians, shares of patients
_STATISTIC = re.compile(r"\b(?:survival|recurrence|relapse|control|response)\s+"
                        r"(?:rates?|estimates?|curves?|probabilit\w*)\b"
                        r"|\bmedian\b|\bhazard\s+ratio|\bprogression-free\s+and\s+overall\s+survival"
                        rf"|{COHORT_COUNTED.pattern}"  # "among 28 Brazilian patients ..."
                        rf"|{COHORT_SHARE.pattern}", re.I)
_KIN = re.compile(r"\b(?:(?:his|her|their|the\s+patient'?s)\s+(?:\w+\s+)?(?:mother|father|sister|brother|sibling|son"
                  r"|daughter|aunt|uncle|grandmother|grandfather|cousin|twin|parent)s?|family\s+history)\b", re.I)


def about_relative(text: str) -> bool:
    """A sentence about a relative (its outcome words are not the patient's)."""
    return bool(_KIN.search(text))



#: a sentence about an earlier illness: its "disease-free" is not the outcome of this tumour
_PAST = re.compile(r"\b(?:years?|decades?)\s+(?:earlier|ago|previously|before)\b"
                   r"|^\W*(?:background|pmhx|pmh|(?:past\s+)?(?:medical\s+)?history|hx)\s*:", re.I)

#: "risk of", "a high tendency for late local recurrence and distant metastasis": general statements
_PREVENT = re.compile(r"\b(?:risk|tendency|propensity|likelihood|rate|incidence)\s+(?:of|for|to)\b"
                      r"|\bprone\s+to\b|\bto\s+(?:prevent|minimi[sz]e|reduce|avoid)\b", re.I)


def _hedged(text: str, rx: re.Pattern[str]) -> bool:
    m = rx.search(text)
    if not m:
        return False
    return status(text, m.start(), m.end()) in ("hedged", "proposed", "negated") or bool(
        _PREVENT.search(text[max(0, m.start() - 40):m.start()])) or bool(
        _GENERAL.search(text[max(0, m.start() - 120):m.start()])) or bool(_GENERAL_AFTER.match(text, m.end()))


#: what is said of the kind, after the words: "Local recurrence of the tumour is common after curettage"
_GENERAL_AFTER = re.compile(r"[^.;]{0,40}?\b(?:is|are)\s+(?:very\s+|more\s+|less\s+|relatively\s+|not\s+)?"
                            r"(?:common|frequent|rare|uncommon|typical|usual|well[\s-]known)\b", re.I)


#: the extent the disease had when it was found, not what it did later: "... presenting with intracranial
#: haemorrhage and leptomeningeal dissemination"
_AT_PRESENTATION = re.compile(r"\bpresent(?:ing|ed|s)?\s+with\b[^.;]{0,90}$", re.I)


#: what a tumour type can do, said of the type: "Primary Ewing sarcoma of the CNS can present with ... leptomeningeal
#: spread"
_GENERAL = re.compile(r"\b(?:can|may|might|could|often|usually|typically|frequently|commonly|tends?\s+to)\s+"
                      r"(?:\w+\s+){0,2}?(?:present|occur|arise|show|cause|spread|develop|lead|metastasi[sz]e)\w*\b"
                      r"(?![^.;]{0,120}\b(?:he|she|our\s+patient|this\s+patient|the\s+patient)\b)", re.I)
