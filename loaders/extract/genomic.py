"""Genomic findings: fusions (5' partner first, exons), point mutations, amplifications, deletions.

Genes come from the lexicon (symbols and their aliases: "EWS" is EWSR1); the notation is read
here: "A-B", "A::B", "A/B", "A exon 6 - B exon 14", "SPECC1L exon6-NTRK3 exon14", "A exon 6 was
joined to B exon 16", "fusion of A with B", "t(11;22) ... EWSR1-FLI1", "IDH1 R132H",
"MDM2 amplification", "deletion of CDKN2A". A fusion needs both partners named; negated
findings ("no EWSR1 rearrangement", "FISH was negative for ...") are not findings.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spinekg.loaders.extract.lexmatch import Mention
from spinekg.loaders.extract.negation import clause_end, clause_start, negated_any, status
from spinekg.loaders.extract.prefilter import needs
from spinekg.loaders.extract.sentences import NEGATIVE_LEAD, add_evidence
from spinekg.loaders.extract.tables import is_row
from spinekg.ontology import hgnc

_FUSION_CONTEXT = needs(re.compile(
    r"fusion|fused|translocat|rearrang|chimer|transcript|joined|breakpoint|t\(\s*[\dXY]|::",
    re.IGNORECASE),
    "fusion", "fused", "translocat", "rearrang", "chimer", "transcript", "joined", "breakpoint",
    "t(", "::")
#: a promoter hotspot: "TERT promoter C228T mutation", "TERT promoter mutation (c.-124C>T)"
_PROMOTER = needs(re.compile(
    r"(?<![\w\-])(?P<g>[A-Z][A-Z0-9]{1,9})\s+promoter\s*(?:hotspot\s+)?(?:mutation\s*|variant\s*)?"
    # (a field and its value: "TERT promoter: mutated, C250T")
    r"[(,:]?\s*(?:(?:mutated|mutant|positive|detected)\s*[(,:;]?\s*)?(?P<v>[ACGT]\d{2,4}[ACGT]|(?:c\.\s?)?-\d{1,4}[ACGT]>[ACGT])(?![\w>])"
    # ... or the hotspot first: "a C250T TERT promoter mutation"
    r"|(?<![\w\-])(?P<v2>[ACGT]\d{2,4}[ACGT])\s+(?P<g2>[A-Z][A-Z0-9]{1,9})\s+promoter\s+"
    r"(?:hotspot\s+)?(?:mutation|variant)"),
    "promoter")
#: the TERT promoter hotspots by their place before the start codon ("c.-124C>T"), as reports and the record name
#: them by their genomic coordinate (C228T: chr5:1,295,228 C>T)
_TERT_HOTSPOTS = {"-124C>T": "C228T", "-146C>T": "C250T", "-124C>A": "C228A"}


def _promoter_variant(gene: str, v: str) -> str:
    v = re.sub(r"\s|^c\.", "", v)
    return _TERT_HOTSPOTS.get(v, v) if gene == "TERT" else v


#: "CDKN2A/B": two genes of one family written as one
_SIBLING = re.compile(r"^/(?P<x>[A-Z0-9])(?![\w\-])")
_BETWEEN = re.compile(
    # (the 5' partner's exon, or its breakpoint in an intron, between them: "PHF1 (breakpoint in intron 1) and EPC1",
    # "PHF1(intron 1) - EPC1(exon 10)")
    r"^\)?\s*(?:\(?\s*(?:breakpoint\s+in\s+)?(?:exon\s*(?P<e5>\d{1,3})|intron\s*\d{1,3}|(?-i:E)(?P<e5e>\d{1,3}))"
    r"\s*\)?\s*)?"  # ("ETV6(E4)::NTRK3(E14)")
    r"(?:(?P<sym>::|-|–|—|/|^:$|-LOC-)|\s(?:was|is|were|being)?\s*(?:joined|fused|linked)"
    r"\s+(?:to|with)(?:\s+(?:the\s+)?(?:[a-z][a-z-]*\s+){1,4}(?:\d{1,2}\s*)?\()?"  # "... fused to tropomyosin 4 (TPM4)"
    r"|\s(?P<conj>and|with|to)\s)\s*$", re.IGNORECASE)
_SYNONYMOUS = re.compile(r"^([A-Z](?:[a-z]{2})?)(\d{1,4})\1$")
_JUNCTION_AFTER = re.compile(r"\s*(?:fusion\s*)?\(?\s*(?:variant\s*\d{1,2}[a-c]?\s*[,;:]?\s*)?\(?\s*"
                             r"(?P<a>[A-Z])(?P<e5>\d{1,2})[a-c]?(?:/b)?\s*[;:]\s*(?P<b>[A-Z])(?P<e3>\d{1,2})\b(?P<f5>)?(?P<f3>)?")
_EXON_AFTER = re.compile(r"^\s*(?:\(\s*)?(?:exon\s*|(?-i:E)(?=\d{1,3}\s*\)))(\d{1,3})", re.IGNORECASE)
_EXONS_AFTER = re.compile(r"^\s*(?:(?:gene\s+)?fusion\s*)?[(,]?\s*(?:exons?\s*(?P<e5>\d{1,3})\s*"
                          r"(?:::|[:/_\-–]|to|and)\s*"
                          r"(?:exon\s*)?(?P<e3>\d{1,3})\b|(?P<f5>\d{1,2})\s*[_:]\s*(?P<f3>\d{1,2})(?=\s*\)|\s+(?:fusion"
                          r"|variant|transcript)))", re.IGNORECASE)
#: each partner with its exon, glued: "NAB2ex6-STAT6ex16", "NAB2 ex4::STAT6 ex2"
_GLUED_EXONS = needs(re.compile(
    r"(?<![\w\-])(?P<a>[A-Z][A-Z0-9]{1,9}?)\s?ex(?:on)?\s?(?P<e5>\d{1,3})\s?(?:::|[-–/:])\s?"
    r"(?P<b>[A-Z][A-Z0-9]{1,9}?)\s?ex(?:on)?\s?(?P<e3>\d{1,3})(?!\d)"),
    "ex")
_FUSION_OF = re.compile(r"\b(?:fusion|fused|translocation|rearrangement|chimer\w*)\s+(?:gene\s+|transcript\s+)?"
                        r"(?:of|between|involving|joining|linking)"
                        r"\s+(?:the\s+)?$", re.IGNORECASE)
_RAW_FUSION = needs(re.compile(
    # (its bracket closed first: "Alpha (MALAT1)-TFEB")
    r"(?<![\w\-])(?P<a>[A-Z][A-Z0-9]{1,9}|Ig[HKL]|C\d{1,2}orf\d{1,3})\)?(?:\s?(?:::|-|–|/)\s?|:(?!:))"
    r"(?:LOC\s?-\s?)?(?P<b>[A-Z][A-Z0-9]{1,9}|Ig[HKL]|C\d{1,2}orf\d{1,3})"
    r"(?![\w\-])"
    r"(?=[\s-]*(?:gene\s+|in-frame\s+)?(?:fusion|rearrangement|translocation|chimer|transcript))"),
    "fusion", "rearrangement", "translocation", "chimer", "transcript")
_RAW_FUSION_OF = needs(re.compile(
    r"\b(?:fusion|translocation|rearrangement)\s+(?:gene\s+|transcript\s+)?(?:of|between|involving)\s+(?:the\s+)?"
    r"(?P<a>[A-Z][A-Z0-9]{1,9})\s+(?:gene\s+)?(?:with|and|to)\s+(?:the\s+)?(?P<b>[A-Z][A-Z0-9]{1,9})(?![\w\-])"),
    "fusion", "translocation", "rearrangement")
#: a change at the DNA level: "c.1799T>A", "c.463+1G>A", "c.811-39_841del69bp", "c.237_238insC"
#: (as typeset too: "C.423 + 1G > A")
_C_CHANGE = (r"[cC]\.\s?[\d_+\-*]+(?:\s[+\-]\s?\d+)?(?:[ACGT]+\s?>\s?[ACGT]+|delins(?:[ACGT]+|\d+)"
             r"|del(?:\d+(?:bp)?|[ACGT]*)|dup[ACGT]*|ins[ACGT]+)")
#: a change at the protein level, without its "p.": "R132H", "Arg248Gln", "R352Hfs*89", "Leu341SerfsTer23", "R1426*",
#: an in-frame deletion or duplication over a range "W557_K558del", "Ala502_Tyr503dup", "V560del", "E746_A750delinsQ"
_AA = r"[A-Z](?:[a-z]{2})?"
#: the change of a range said in a word after it: "p.M844_S847 deletion", "KIT V560 deletion"
_CHANGE_NOUN = r"\s(?:deletion|duplication|insertion)(?![\w-])"
_P_CHANGE = (rf"{_AA}\d{{1,4}}(?:_{_AA}\d{{1,4}}(?=del|dup|ins|{_CHANGE_NOUN}))?"
             rf"(?:(?:{_AA})?fs(?:\*|Ter)?\d*|delins[A-Z](?:[a-z]{{2}})?"
             rf"(?:[A-Z](?:[a-z]{{2}})?)*|{_AA}|\*|del|dup|ins[A-Z]*|{_CHANGE_NOUN})?")
#: the kind of a mutation said between the gene and the word: "NF2 nonsense mutation", "SUFU germline variant"
_KIND_WORDS = (r"(?:(?:nonsense|missense|frameshift|frame-shift|splice[\s-]site|truncating|hotspot|point|somatic"
               r"|germ-?line|heterozygous|homozygous|(?:likely\s+)?pathogenic|activating|inactivating|deleterious"
               r"|de\s+novo|stop[\s-]gain)\s+)*")
_VARIANT = re.compile(
    # (a hyphen may join the gene to its change: "H3F3A-K27M mutation", "IDH1-R132H")
    # (past a bracketed alias of the gene: "MAP2K1 (MEK1) p.E102_I103del")
    rf"^\s*(?:\(\s*[A-Za-z0-9-]{{2,12}}\s*\)\s*(?=(?:p\.\s?)?[A-Z]\d))?"
    rf"(?::|\|(?=\s*(?:p\.\s?)?[A-Z]\d)|-(?=[A-Z]\d)|[-–—]\s(?=(?:p\.\s?)?[A-Z]\d))?\s*(?:gene\s*[,:]?\s+)?(?:\(?\s*(?:exon\s*\d{{1,3}}\s+)?{_KIND_WORDS}"
    r"(?:(?i:mutation|variant|mutated|alteration)|(?=[^.;]{0,30}p\.)(?:in-frame\s+)?(?:deletion|duplication|insertion))"
    # ("NPM1: MUTATION DETECTED, p.W288*")
    r"(?:\s+(?i:detected|found|identified|present))?"
    r"\s*[,:]?\s*(?:(?:(?:was|is)\s+(?:located\s+|found\s+)?)?in\s+(?:exon\s*\d{1,3}|(?:the\s+)?(?:germline|tumou?r"
    r"|blood|plasma))\s*[,:]?\s*)?)?\(?\s*"  # ("a pathogenic PTEN variant in the germline, p.(Glu7Argfs*4)")
    r"(?:(?:at|in)\s+codon\s+\d{1,4}\s*[,:]?\s*)?"  # "an NRAS mutation at codon 61, p.Gln61Lys"
    r"(?:codon\s+(?=[A-Z]\d))?"  # "a RET codon M918T mutation"
    r"(?:c\.\s?[\d_+\-*]+(?:[ACGT]+>[ACGT]+|del(?:\d+(?:bp)?|[ACGT]*)|dup[ACGT]*|ins[ACGT]+)?\s*[,;]?\s*)?\(?\s*(?:p\.\s?\(?)?"
    rf"(?P<v>{_P_CHANGE})(?![\w])(?!\s*[;:]\s*[A-Z]\d)")  # (not a fusion's junction: "EML4-ALK (E19:A20)")
#: one more change of the same gene after a change: "EGFR L858R and T790M", "G719X/L861Q", "Q61K, Q61R"
#: (after the first one's place or a remark: "R132H in the cortex and R132G in the pons"; or in a table's next
#: column: "IDH1    p.R132H (canonical)    p.R132G (non-canonical)")
_MORE_CHANGES = re.compile(r"^\)?(?:\s*\([^()]{1,30}\))?(?:\s+(?:in|at|of|from)\s+[^,;.:()]{1,40}?)?"
                           r"(?:\s*(?:,\s*(?:and\s+)?|and\s+|/\s*|\+\s*|plus\s+)|\s{3,}|\t\s*)(?:exon\s*\d{1,3}\s+)?"
                           rf"(?:p\.\s?\(?)?(?P<v>{_P_CHANGE})(?![\w>])(?!\s*[A-Z][A-Z0-9]{{1,9}}\b)")
#: a gene's changes listed after its mutation word, or after its test's verb: "two IDH1 mutations, R132H and R132G",
#: "different IDH1 variants: R132H in the cortex and R132G in the pons", "IDH1 sequencing showed p.R132H ..."
_CHANGES_LISTED = re.compile(r"^\s*(?:gene\s+)?(?:(?:mutations|variants|alterations|changes)\s*[:,]\s*"
                             r"|(?:analysis|sequencing|testing|genotyping)\s+(?:showed|revealed|found|detected"
                             r"|identified)\s+)"
                             rf"(?:p\.\s?\(?)?(?P<v>{_P_CHANGE})(?![\w>])")
#: a change told by its exon, glued as lung-cancer reports write it: "EGFR ex19del", "EGFR exon19del", "METex14
#: skipping", "EGFR Ex20ins"
_GLUED_EXON_CHANGE = needs(re.compile(
    # (the abbreviations of the change, "ex19del", "exon 20 ins", or the abbreviation of the exon, "METex14 skipping";
    # "exon 19 deletion" in words is read after the gene, where its protein change may follow)
    r"(?<![\w\-.])(?P<g>[A-Z][A-Z0-9]{1,9}?)\s?(?:(?:[Ee]x|[Ee]xon)\s?(?P<e>\d{1,2})\s?[-‐]?\s?(?P<k>del|ins|dup)"
    r"|[Ee]x(?P<e2>\d{1,2})\s?[-‐]?\s?(?P<k2>skipping|deletion|insertion|del|ins|dup))(?![a-z])"
    r"(?![^.;]{0,30}\bp\.)"),
    "ex")
_EXON_KIND = {"del": "deletion", "ins": "insertion", "dup": "duplication"}
#: a change told by its exon: "EGFR exon 19 deletion", "EGFR exon 20 insertion", "MET exon 14 skipping"
_EXON_CHANGE_AFTER = re.compile(r"^\s*(?:gene\s+)?(?:\(\s*)?exon\s*(\d{1,2})\s+(?:in-frame\s+)?"
                                r"(deletion|insertion|skipping|duplication)s?\b(?![^.;]{0,30}\bp\.)", re.IGNORECASE)
#: an exon's change named before the exon: "EGFR: deletion in exon 19", "KIT insertion within exon 11"
_CHANGE_IN_EXON = re.compile(r"^\s*(?:gene\s+)?:?\s*(?:an?\s+)?(?:in-frame\s+)?"
                             r"(deletion|insertion|duplication|skipping)s?\s+(?:in|of|within)\s+exon\s*(\d{1,2})\b",
                             re.IGNORECASE)
#: the exon of a mutation, after it: "mutation in exon 19", "mutation (exon 11)"
_IN_EXON = re.compile(r"^\s*(?:in\s+exon|\(\s*exon)\s*(\d{1,2})\b", re.IGNORECASE)
#: a BCR::ABL1 junction: e1a2 (p190), e13a2 and e14a2 (also b2a2, b3a2: p210), e19a2 (p230)
_BCR_ABL_JUNCTION = re.compile(r"(?<![\w-])(e1|e13|e14|e19|b2|b3)a(2|3)(?![\w-])", re.IGNORECASE)
_B_EXONS = {"b2": 13, "b3": 14}
#: a gene said to carry an inherited or pathogenic change without the word mutation: "the pathogenic BRCA2
#: alteration", "germline BRCA2 was found in a young woman"
_QUALIFIED_BEFORE = re.compile(r"\b(?:(?:likely\s+)?pathogenic|deleterious|germ-?line|constitutional)\s+(?:\w+\s+)?$",
                               re.IGNORECASE)
_ALTERATION_AFTER = re.compile(r"^\s*(?:alterations?|changes?|defects?\b|(?:was|were|is)\s+(?:also\s+)?(?:found|"
                               r"detected|identified|confirmed|uncovered|present))\b", re.IGNORECASE)
_ITD_AFTER = re.compile(r"^\s*(?:gene\s+)?(?:\(?exon\s*\d{1,3}\)?\s+)?(?:-\s*)?"
                        r"(?:internal\s+tandem\s+duplication|ITD)s?\b"
                        r"|^\s*(?:gene\s+)?(?:\(?exon\s*\d{1,3}\)?\s+)?(?:(?:was|were|is)\s+)?(?:found\s+to\s+)?"
                        r"(?:harbou?r|carr(?:y|ied)|show)\w*\s+(?:an?\s+)?(?:in-frame\s+)?"
                        r"(?:internal\s+tandem\s+duplication|ITD)\b", re.IGNORECASE)
_ITD_BEFORE = re.compile(r"\b(?:internal\s+tandem\s+duplications?|ITDs?)\s+(?:\(ITD\)\s+)?(?:of|in|within|affecting)\s+"
                         r"(?:exon\s*\d{1,3}\s+(?:of|in)\s+)?(?:the\s+)?$", re.IGNORECASE)
#: the word of a mutation after the gene, or a row's or a field's result ("NRAS - mutation detected", "NRAS: mutation
#: detected"); not "the PLZF-RARA variant of APL", a form of a disease
#: ("KIT exon 11 mutation": the exon between them)
_MUTATION_WORD = re.compile(rf"^\s*(?:gene\s+)?(?:promoter\s*)?(?:[:–—|-]\s*)?(?:\(?exon\s*\d{{1,3}}\)?\s+)?"
                            rf"{_KIND_WORDS}(?:mutation|mutations|mutated|mutant|variant(?!\s+(?:form\s+)?of\b))\b",
                            re.IGNORECASE)
#: a list of genes sharing the word after its last: "NRAS, PIK3CA, KIT and TP53 mutations"
_LISTED_MUTATIONS = re.compile(rf"^(?:\s*(?:,|/|and|or|,\s*and|,\s*or)\s*[A-Z][A-Z0-9]{{1,9}})+\s+(?:genes?\s+)?"
                               rf"{_KIND_WORDS}(?:mutations|variants)\b")
#: what may stand between a gene and the result said of it: its band, the word gene, a field's colon ("MDM2 (12q15)
#: amplification", "CDKN2A: homozygous deletion", "MYCN - AMPLIFIED"; a table's result cell: "| TERT copy number |
#: AMPLIFIED |")
_RESULT_PREFIX = (r"^\s*(?:\(\s*\d{1,2}[pq][\d.]+\s*\)\s*)?(?:gene\s+)?"
                  r"(?:copy[\s-]number(?:\s+status)?\s*|signals?\s+)?(?:(?::|\s[-–—]|\|)\s*)?")
_AMP_AFTER = re.compile(rf"{_RESULT_PREFIX}"
                        r"(?:-?(?:co-?)?amplifi(?:cation|ed)"
                        # a copy-number gain: "BRAF gain", "a BRAF (7q34) duplication"
                        r"|(?:copy[\s-]number\s+)?gain\b|duplication\b(?!\s+(?:of|in)\s+exon)"
                        r"|(?:was|were|is)\s+(?:co-?)?amplified|"
                        # "MDM2/CDK4 co-amplification", "MDM2 and CDK4 amplification": the list shares it
                        r"(?:\s*(?:-|/|,|and)\s*(?-i:[A-Z][A-Z0-9]{1,9}))+\s+(?:genes?\s+)?(?:co-?)?amplifi|"
                        r"copy[\s-]number\s+gain)",
                        re.IGNORECASE)
#: "... of A", "... of A and B", "... of A, B and C": a list after the cue shares it
_LISTED = (r"(?:[A-Z][A-Za-z0-9\-]{1,9}(?:\s+gene)?(?:\s*\([^()]{1,60}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
           r"(?:of\s+)?)*")
_AMP_BEFORE = re.compile(rf"\b(?:[Aa]mplifications?|(?:copy[\s-]number\s+)?[Gg]ains?)\s+of\s+(?:the\s+)?{_LISTED}$")
_DEL_AFTER = re.compile(rf"{_RESULT_PREFIX}(?:(?:homozygous|heterozygous|germ-?line|somatic|constitutional)\s+)*"
                        # (not a stain's loss: "ATRX: loss of immunohistochemical expression")
                        # (a deletion inside an exon is a mutation: "EGFR: deletion in exon 19")
                        r"(?:deletion(?!\s+(?:in|of|within)\s+exons?\b)|deleted|loss\b(?!\s+of\s+(?:[\w-]+\s+){0,3}"
                        r"(?:expression|staining|immunoreactivity"
                        # (nor a loss of heterozygosity: "MSH6 | loss of the wild-type allele (second hit)")
                        r"|immunostaining|protein|alleles?|heterozygosity))|(?:was|were"
                        r"|is)\s+deleted)",
                        re.IGNORECASE)
_DEL_BEFORE = re.compile(rf"\b(?:(?:[Hh]omozygous|[Hh]eterozygous|[Bb]iallelic)\s+)?[Dd]eletions?\s+"
                         # "a deletion involving two genes, EPCAM (...) and MSH2 (...)", "a large deletion taking out
                         # the entire NF2 gene"
                         rf"(?:of|involving|affecting|encompassing|spanning|including|taking\s+out|removing|covering"
                         # ("a partial deletion of chromosome 22q that takes in NF2, SMARCB1 and LZTR1")
                         rf"|(?:of\s+(?:chromosome\s+|the\s+)?(?:[\dXY]{{1,2}}[pq][\d.]*(?:\s?[-–]\s?[pq]?[\d.]+)?"
                         rf"\s+)?(?:region\s+)?)?"
                         rf"(?:that|which)\s+(?:removed|removes|took\s+out|takes\s+out|took\s+in|takes\s+in"
                         rf"|included|includes|encompassed|encompasses|covered|covers|spanned|spans))\s+(?:the\s+)?"
                         # ("a deletion encompassing all nine exons of SMARCB1": the whole gene)
                         rf"(?:all\s+(?:\w+\s+)?(?:of\s+the\s+)?exons\s+of\s+(?:the\s+)?)?"
                         # ("a large germline deletion removing exons 1 to 12 of BRCA1": a deletion of the gene's exons)
                         rf"(?:exons\s+\d{{1,2}}\s*(?:-|–|to|through)\s*\d{{1,2}}\s+of\s+(?:the\s+)?)?"
                         rf"(?:(?:entire|whole|complete)\s+)?(?:(?:two|three|both)\s+)?(?:genes?\s*[,:]?\s*)?{_LISTED}$"
                         # "the deleted segment reached into SMARCB1"
                         rf"|\b(?:deleted\s+(?:segment|region|interval)|deletion)\s+(?:\w+\s+)?(?:reached|extended"
                         rf"|reaching|extending)\s+into\s+(?:the\s+)?{_LISTED}$")
#: the kind of a point change, which a copy-number change is not: "a constitutional base substitution", "a splice-site
#: mutation", "a missense variant"
_CHANGE_KIND = re.compile(r"\b(?:substitution|splice|missense|nonsense|frameshift|truncating|stop[\s-]?gain"
                          r"|point\s+mutation)", re.IGNORECASE)
#: both copies of a gene inactivated, said around it: "biallelic BRCA2 inactivation"
_BIALLELIC_BEFORE = re.compile(r"\b(?:bi-?allelic|compound[\s-]heterozygous)\s+$", re.IGNORECASE)
_INACTIVATION_AFTER = re.compile(r"^\s*(?:gene\s+)?inactivation\b", re.IGNORECASE)
#: a gene lost, said before it, in a sentence telling a test of the genome: "loss of SMARCB1 and NF2 by MLPA"
#: ("loss of the remaining wild-type SDHB allele")
_LOSS_BEFORE = re.compile(rf"\b(?:loss|losses)\s+of\s+(?:the\s+|one\s+)?(?:(?:entire|whole|remaining|other|second"
                          rf"|wild[\s-]?type|normal)\s+){{0,3}}{_LISTED}$"
                          # a chromosome arm lost with the gene on it: "loss of chromosome 22q, including the SMARCB1
                          # locus", "loss of the short arm of chromosome 1, a region that includes SDHB"
                          rf"|\b(?:loss|losses|deletion)\s+(?:with\s+loss\s+of\s+heterozygosity\s+)?of\s+(?:the\s+)?"
                          rf"(?:(?:short|long)\s+arm\s+of\s+)?(?:chromosome\s+)?(?:\d{{1,2}}|X)[pq]?(?:\d{{1,2}}(?:\.\d)?)?"
                          rf"\s*,?\s+(?:a\s+region\s+)?(?:which\s+|that\s+)?(?:includ\w*|encompass\w*|span\w*|involv\w*"
                          rf"|tak\w*|cover\w*|contain\w*)\s+(?:with\s+it\s+)?(?:the\s+)?$", re.IGNORECASE)
#: ... not of its protein: "loss of SMARCB1 expression", "loss of INI1 (SMARCB1) staining"
_PROTEIN_AFTER = re.compile(r"^\s*(?:\([^()]{0,30}\)\s*)?(?:gene\s+)?(?:protein\s+)?(?:expression|staining|immuno\w*"
                            r"|protein|nuclear)", re.IGNORECASE)
#: the variant said after a verb: "sequencing of CTNNB1 exon 3 detected the S45F mutation"
_VERB_VARIANT = re.compile(r"^\s*(?:gene\s+|promoter\s+)?(?:\(?exon\s*\d{1,3}\)?\s+)?(?:was\s+|were\s+)?"
                           r"(?:detected|revealed|showed|identified|demonstrated|disclosed|found|harbou?red|confirmed)\s+(?:a|an|the)\s+"
                           r"(?:(?:heterozygous|homozygous|somatic|hotspot|missense|activating|point)\s+)*"
                           # (the word first, too: "FGFR1 showed the hotspot mutation K656E (p.Lys656Glu)")
                           r"(?:(?P<word>mutation|variant|substitution)\s+)?(?:p\.\s?)?"
                           r"(?P<v>[A-Z]\d{1,4}[A-Z*])"
                           r"(?(word)(?![\w])|\s+(?:(?:point|missense)\s+)?(?:mutation|variant|substitution)\b)")
#: a symbol the lexicon does not know, with a protein change and the word: "MYD88 L265P mutation"
_RAW_MUTATION = needs(re.compile(
    r"(?<![\w\-])(?P<g>[A-Z][A-Z0-9]{1,9})\s+(?:gene\s+)?(?:p\.\s?)?"
    r"(?P<v>[A-Z]\d{1,4}[A-Z*])(?![\w])\s+(?:(?:point|somatic|germline|activating|hotspot|missense)\s+)?(?:mutation|variant)"),
    "mutation", "variant")
#: ... or with the word first and the protein change in HGNC notation after it: "SDHD mutation, c.242C>T (p.P81L)"
_RAW_MUTATION_HGVS = needs(re.compile(r"(?<![\w\-])(?P<g>[A-Z][A-Z0-9]{1,9})\s+(?:gene\s+)?(?:(?:point|somatic|germline"
                                      r"|activating|hotspot|missense|pathogenic)\s+)?(?:mutation|variant)\s*[,:]?\s*"
                                      r"(?:\(?\s*c\.\s?[\d_+\-*]+(?:[ACGT]+>[ACGT]+)?\s*\)?\s*[,;]?\s*)?\(?\s*p\.\s?"
                                      r"(?P<v>[A-Z]\d{1,4}[A-Z*])(?![\w])"),
                           "mutation", "variant")


#: a change in HGVS notation: "c.7675+1G>A", "c.811-39_841del69bp", "p.Cys1016Arg", "p.R352Hfs*89"
_HGVS = (rf"(?:{_C_CHANGE}"
         rf"|p\.\s?\(?{_P_CHANGE}\)?)(?![\w>*])")
#: the test, its verb and the change after the gene: "NF1 analysis identified a novel splice-site mutation,
#: c.7675+1G>A", "NF2 sequencing showed a heterozygous deletion, c.811-39_841del69bp"
_VERB_HGVS = re.compile(rf"^\s*(?:gene\s+)?(?:(?:(?:analysis|sequencing|testing|screening|genotyping)\s+)?"
                        r"(?:(?:has|have)\s+)?"
                        r"(?:(?:was|were)\s+)?(?:identified|revealed|showed|detected|disclosed|demonstrated|found"
                        r"|uncovered)\s+(?:a|an|the|one)\s+"
                        # (or the test's field: "SDHB analysis: heterozygous splice-site mutation in intron 4, ...")
                        r"|(?:analysis|sequencing|testing|screening|genotyping)\s*:\s*(?:an?\s+)?)"
                        r"(?:(?:novel|new|known|recurrent|same|previously\s+\w+)\s+)?"
                        rf"{_KIND_WORDS}(?:mutation|variant|alteration|change|deletion|duplication|insertion"
                        rf"|substitution)\b(?:\s+in\s+(?:exon|intron)\s*\d{{1,3}})?(?:\s*[,:(]?\s*(?P<v>{_HGVS}"
                        # ("the hotspot mutation K656E (p.Lys656Glu)")
                        rf"|(?-i:[A-Z]\d{{1,4}}[A-Z*])(?![\w>])))?")
#: ... or several changes after the verb: "Two novel NF1 alterations were identified, p.Cys1016Arg and p.Arg304Ter"
#: ... or the changes a gene's mutations make, listed after them: "two H3F3B mutations: H3.3 p.Gly35Trp and H3.3
#: p.Val36Leu", "H3F3B mutations resulting in p.Gly35Trp and p.Val36Leu of histone H3.3"
_PROTEIN_NAME = r"(?:(?:histone\s+)?H3\.3\s+|[A-Z][A-Z0-9]{1,9}\s+)?"
_PLURAL_HGVS = re.compile(rf"^\s*(?:gene\s+)?(?:(?:mutations|variants|alterations|changes)\s+(?:were|have\s+been)\s+"
                          rf"(?:\w+\s+)?(?:identified|found|detected)\s*[,:]"
                          rf"|(?:mutations|variants|alterations)\s*(?::|\s(?:resulting\s+in|leading\s+to|causing"
                          rf"|producing)\s))"
                          rf"\s*{_PROTEIN_NAME}(?P<vs>{_HGVS}(?:\s*(?:,\s*(?:and\s+)?"
                          rf"|and\s+){_PROTEIN_NAME}{_HGVS})*)")
#: the genes a panel found mutated, listed: "mutations were listed in the following genes: AXIN1, CD70, PTCH1
#: and SPEN" (symbols the ontology lacks are taken as written)
_GENE_LIST = needs(re.compile(
    r"\b(?:[Mm]utations?|[Vv]ariants?|[Aa]lterations?)\b(?:(?!\b(?:no|not|without)\b)[^.;:]){0,60}?"
    r"\b(?:in|of|affecting)\s+(?:the\s+)?(?:(?:following\s+)?(?:[\w-]+\s+){0,2}?genes?\s*:?\s*)?"
    r"(?P<list>[A-Z][A-Z0-9]{1,9}(?:/[A-Z0-9]{1,2})?(?:\s*(?:,\s*(?:and\s+)?|and\s+)"
    r"[A-Z][A-Z0-9]{1,9}(?:/[A-Z0-9]{1,2})?)+)"),
    "mutation", "variant", "alteration")
#: a gene's result said positive, the bracket saying it is a mutation: "BRAF: positive (mutation detected)"
_POSITIVE_GENOTYPE = re.compile(r"^\s*:?\s*positive\s*\(\s*(?:mutation|variant)s?\s+"
                                r"(?:detected|found|present|identified)\s*\)", re.IGNORECASE)
#: the header of a table's gene column and of its change column
_GENE_HEAD = re.compile(r"^\s*(?:genes?|gene\s+symbol|genomic\s+alteration\s+gene|target)\s*$", re.IGNORECASE)
_CHANGE_HEAD = re.compile(r"^\s*(?:protein\s+change|amino[\s-]acid\s+change|p\.\s*change|HGVS\s*\(?p\.?\)?|protein"
                          r"|variant(?:\s+\(protein\))?|alteration|mutation|change|aa\s+change)\s*$", re.IGNORECASE)
_CELL_CHANGE = re.compile(rf"^\s*(?:p\.\s?\(?)?(?P<v>{_P_CHANGE})\)?\s*$")


def _table_changes(text: str, genes: list[_Gene]) -> list[tuple[str, str]]:
    """(gene, protein change) of each row of a table laid out with bars whose header names a gene column and a
    protein-change column ("| Gene | Exon | Protein change | Type |"), the change in its own cell."""
    if text.count("|") < 6 or "\n" not in text:
        return []
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    header = None
    out = []
    for ln, at in zip(lines, starts, strict=True):
        if not is_row(ln):
            header = None
            continue
        cells = ln.strip().strip("|").split("|")
        if header is None:
            gcol = next((i for i, c in enumerate(cells) if _GENE_HEAD.match(c)), None)
            ccol = next((i for i, c in enumerate(cells) if _CHANGE_HEAD.match(c)), None)
            header = (gcol, ccol)
            continue
        gcol, ccol = header
        if gcol is None or ccol is None or max(gcol, ccol) >= len(cells) or re.match(r"^\s*:?-{3,}", cells[0]):
            continue
        cm = _CELL_CHANGE.match(cells[ccol])
        if not cm:
            continue
        lo = at + ln.index("|") + 1 + sum(len(c) + 1 for c in cells[:gcol])
        hi = lo + len(cells[gcol])
        gene = next((g for g in genes if g.iri is not None and lo <= g.start and g.end <= hi), None)
        if gene is not None and not _row_negative(text, hi):
            out.append((gene.symbol, one_letter(cm.group("v"))))
    return out


#: a line whose label is the kind of result and whose value its genes: "- Mutation: TP53", "Copy number loss: CDKN2A,
#: CDKN2B", "Amplification: MDM2"
_LABEL_FIRST = re.compile(r"^\W{0,3}(?P<kind>(?:(?:pathogenic|somatic|germ-?line)\s+)?(?:mutations?|variants?|SNVs?)"
                          r"|(?:copy[\s-]number\s+)?(?:loss(?:es)?|gains?)|(?:homozygous\s+)?deletions?"
                          r"|amplifications?)\s*:\s*(?P<list>[A-Z][A-Za-z0-9-]{1,10}(?:\s*(?:,|;|and)\s*"
                          r"[A-Z][A-Za-z0-9-]{1,10})*)\s*\.?\s*$", re.IGNORECASE)
#: capitals that are no gene symbol in such a list
_NOT_SYMBOLS = frozenset({"DNA", "RNA", "NGS", "FISH", "PCR", "IHC", "MSI", "MSS", "TMB", "CNV", "SNV", "LOH", "WHO",
                          "MRI", "CT", "PET", "AND", "OR", "NOS", "RT", "QPCR", "CISH", "SISH",
                          # a result in capitals before the finding: "Result: POSITIVE - EWSR1 gene rearrangement"
                          "POSITIVE", "NEGATIVE", "DETECTED", "PRESENT", "ABSENT", "RESULT"})


#: a sentence that tells a genomic result, where a symbol the ontology does not model is read by its HGNC symbol
_GENOMIC_CUE = needs(re.compile(r"mutat|variant|fusion|fused|rearrang|amplif|delet|transloc|germ-?line|duplicat"
                                r"|insertion|skipping|alteration|splice|frameshift|nonsense|missense|pathogenic|"
                                r"[cp]\.\s?[\dA-Z(]|::|copy[\s-]number", re.IGNORECASE),
                     "mutat", "variant", "fusion", "fused", "rearrang", "amplif", "delet", "transloc", "germ",
                     "duplicat", "insertion", "skipping", "alteration", "splice", "frameshift", "nonsense", "missense",
                     "pathogenic", "c.", "p.", "::", "copy")
#: ... or a symbol with its hotspot, without a word of mutation: "Her CSF also carried MYD88 L265P"
_HOTSPOT_CUE = re.compile(r"(?<![\w.])[A-Z][A-Z0-9]{2,9}(?:\s+|-(?=[A-Z]\d))(?:p\.\s?)?[ACDEFGHIKLMNPQRSTVWY]\d{1,4}"
                          r"[ACDEFGHIKLMNPQRSTVWY*](?![\w])")
#: a capitalised token that may be an HGNC symbol ("MSH2", "EML4", "C11orf95" is not read: lower-case letters)
_SYMBOL_TOKEN = re.compile(r"(?<![\w.])(?:[A-Z][A-Z0-9]{2,9}|C\d{1,2}orf\d{1,3})(?![\w])")
#: HGNC symbols that reports use as abbreviations or words, never read as a gene outside the ontology's own genes
_ABBREVIATIONS = frozenset(
    "TES SFT UPS SMA MCS TSC PDF ECD DCE PTC RCC MPG SAH SRS MTX SDH LCA TAZ NHS AGT CORD ADC SIS MDS MSS CELL AMD "
    "RFP CBR PLB DIC STS CMAR APS CCNU MBP SHS WAS GGT CGA ERK AE1 MUM1 PGL1 PGL2 PGL3 PGL4 CAT SET MAX REST CAR "
    "IMPACT ACHE APEX ARC COIL FACE FAT GOV HAS HIS IPP KIN LARGE LUM MUT NODAL NTS NUMB PER PHP PTS RAN SAT SHE "
    "SON SPIN SUR TRO UND CASE TEST AIM CLINIC CAPS CRP ESR ALP LDH AFP CEA HCG PSA PTH TSH ACE ADA BMP CGRP EPO GH "
    "IGF1 INS MRS PAS STAR TNF TRH VIP WBC GCS ECOG ASIA NRS VAS ODI JOA SINS TNM AJCC NCCN FDA".split())
#: a vertebral level or a segment ("T10", "S100" is a stain): never a gene
_LEVEL_LIKE = re.compile(r"^(?:[CTLS]\d{1,3}|TH\d{1,2}|D\d{1,2})$")


def _hgnc_genes(text: str, known: list[_Gene]) -> list[_Gene]:
    """Symbols of protein-coding genes the ontology does not model, in a sentence that tells a genomic result:
    "a germline MSH2 c.1906G>C (p.Ala636Pro) variant", "EML4-ALK variant 3" (HGNC, previous symbols made current)."""
    if not _GENOMIC_CUE.search(text) and not _HOTSPOT_CUE.search(text):
        return []
    table, aliases = hgnc.symbols(), hgnc.aliases()
    taken = [(g.start, g.end) for g in known]  # (the ontology's genes, read from the lexicon's mentions)
    out = []
    for m in _SYMBOL_TOKEN.finditer(text):
        tok = m.group()
        if tok in _ABBREVIATIONS or _LEVEL_LIKE.match(tok) or tok in _NOT_SYMBOLS:
            continue
        # (an oncogene's prefixed old name written without its hyphen: "CMYC amplification" (c-Myc), "CKIT")
        hit = table.get(tok) or (aliases.get(f"{tok[0].lower()}-{tok[1:].lower()}") if tok[0] in "CNKH" else None)
        if hit and not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(_hgnc_gene(m, hit))
    # a symbol written with a hyphen before its last letter or digit: "SDH-D c.147dupA", "an SDH-B mutation"
    for m in _HYPHENATED_TOKEN.finditer(text):
        joined = m.group(1) + m.group(2)
        hit = table.get(joined) if joined not in _ABBREVIATIONS else None
        if hit and not any(a < m.end() and m.start() < b for a, b in taken):
            out = [g for g in out if not (g.start < m.end() and m.start() < g.end)]
            out.append(_hgnc_gene(m, hit))
    # an oncogene's old name with its prefix, an HGNC alias: "N-myc amplification", "a c-kit exon 11 mutation"
    for m in _PREFIXED_TOKEN.finditer(text):
        hit = aliases.get(m.group()) or aliases.get(m.group().lower())
        if hit and not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(_hgnc_gene(m, hit))
    return out


def _hgnc_gene(m: re.Match[str], hit: tuple[str, str]) -> _Gene:
    """The gene an HGNC symbol found in the text names: (approved symbol, HGNC ID)."""
    return _Gene(m.start(), m.end(), hit[0], f"https://identifiers.org/{hit[1].lower()}")


#: a protein change with its mutation word and no gene: "a T790M resistance mutation", "the acquired C797S mutation"
_BARE_CHANGE = re.compile(r"(?<![\w.\-])(?:p\.\s?)?(?P<v>[ACDEFGHIKLMNPQRSTVWY]\d{2,4}[ACDEFGHIKLMNPQRSTVWY])(?![\w\-])"
                          r"\s+(?:(?:secondary|acquired|resistance|gatekeeper|point|missense|somatic|hotspot)\s+){0,2}"
                          r"(?:mutation|variant|substitution)s?\b")
#: a partner written before or after a hyphen: "Alpha-TFEB", "TFEB-Alpha"
_HYPHEN_BEFORE = re.compile(r"(?<!\bnon)(?<!\banti)[A-Za-z0-9]\)?[-–]$")  # (not a spaced dash: "POSITIVE - EWSR1")
_HYPHEN_AFTER = re.compile(r"[-–](?!(?:rearrang|positiv|negativ|fusion|fused|translocat|mutant|mutat|split|break"
                           r"|amplif|driven|related|associated|altered|deriv|type|like|specific|target|inhibit)\w*)[A-Za-z]",
                           re.IGNORECASE)
_HYPHENATED_TOKEN = re.compile(r"(?<![\w.\-])([A-Z][A-Z0-9]{1,6})-([A-Z0-9]{1,2})(?![\w\-])")
_PREFIXED_TOKEN = re.compile(rf"(?<![\w\-]){hgnc.PREFIXED_NAME}(?![\w\-])")


def _partner(token: str) -> str:
    """A fusion partner written out by a symbol the lexicon lacks: its approved symbol when HGNC knows the token as
    a previous or an alias symbol of one gene ("CHOP" of "TLS-CHOP" is DDIT3), else the token."""
    if re.fullmatch(r"Ig[HKL]", token):
        return token.upper()  # the immunoglobulin loci, written "IgH-MMSET"
    hit = hgnc.lookup(token)
    return hit[0] if hit and token not in _NOT_SYMBOLS and token not in _ABBREVIATIONS else token


#: a report's gene and variant fields: "Gene: SMARCB1", then "Variant: c.92A>T, p.(Glu31Val)"
#: (with its name in brackets: "Gene: FH (fumarate hydratase)")
_GENE_FIELD = re.compile(r"^\W{0,3}gene\s*:\s*\S+(?:\s*\([^()]{1,60}\))?\s*$", re.IGNORECASE)


def _field_symbol(text: str, genes: list[_Gene]) -> str | None:
    """The gene a "Gene:" field names: its value, not a symbol inside the bracketed full name after it ("Gene: MAX
    (MYC associated factor X)" is MAX)."""
    m = re.match(r"^\W{0,3}gene\s*:\s*(\S+)", text, re.IGNORECASE)
    if m is None:
        return None
    at = next((g for g in genes if g.start == m.start(1)), None)
    if at is not None:
        return at.symbol
    hit = hgnc.symbols().get(m.group(1).strip(",;"))
    return hit[0] if hit else (genes[0].symbol if len({g.symbol for g in genes}) == 1 else None)
_VARIANT_FIELD = re.compile(r"^\W{0,3}(?:variant|mutation|alteration|change|HGVS(?:\.?[cp])?|cDNA|protein"
                            r"|(?:nucleotide|amino[\s-]acid|DNA|protein)\s+change)\s*:\s*(?P<v>.{3,120})$",
                            re.IGNORECASE)


def _cdna(v: str) -> str:
    """A change as written, without its spaces and with the small c. of HGVS ("C.423 + 1G > A" is c.423+1G>A)."""
    v = re.sub(r"\s", "", v)
    return "c." + v[2:] if v.startswith("C.") else v


def _hgvs(v: str) -> str:
    """A change as the record gives it: the protein change in one-letter codes, the cDNA change as written."""
    v = _cdna(v)
    return one_letter(v[2:].strip("()")) if v.startswith("p.") else v


#: a balanced chromosome rearrangement: "t(8;21)(q22;q22)", "t(X;18)", "a (2;17) translocation", "inv(16)(p13.1q22)"
_TRANSLOCATION = re.compile(
    r"(?<![\w(])(?:(?P<kind>t|inv)\s?\((?P<c1>[\dXY]{1,2})(?:;(?P<c2>[\dXY]{1,2}))?\)"
    r"|\((?P<d1>[\dXY]{1,2});(?P<d2>[\dXY]{1,2})\)(?=\s*(?:chromosom\w+\s+)?translocation))"
    r"(?:\s?\((?P<b1>[pq][\d.]+);?(?P<b2>[pq][\d.]+)\))?")
_ISCN = re.compile(r"(?P<kind>t|inv)\((?P<c1>[\dXY]{1,2})(?:;(?P<c2>[\dXY]{1,2}))?\)(?:\((?P<b1>[pq][\d.]+);?"
                   r"(?P<b2>[pq][\d.]+)\))?")


def _band(a: str | None, b: str | None) -> bool:
    """Bands agree when one refines the other: q22 and q22.1, p11.2 and p11."""
    return not a or not b or a.startswith(b) or b.startswith(a)


@functools.lru_cache(maxsize=256)
def _iscn(notation: str) -> re.Match[str] | None:
    """An ontology fusion's ISCN notation, parsed once per process."""
    return _ISCN.match(notation)


def _made_by(m: re.Match[str], translocations: tuple[tuple[str, str, str, str], ...]) -> list[tuple[str, str, str]]:
    """The ontology's fusions a rearrangement said in the text makes."""
    kind = m.group("kind") or "t"
    c1, c2 = m.group("c1") or m.group("d1"), m.group("c2") or m.group("d2")
    out = []
    for f, g5, g3, notation in translocations:
        n = _iscn(notation)
        if not n or n.group("kind") != kind:
            continue
        if kind == "inv" and n.group("c1") == c1 and not c2:
            out.append((f, g5, g3))
        elif (n.group("c1"), n.group("c2")) == (c1, c2) and _band(m.group("b1"), n.group("b1")) \
                and _band(m.group("b2"), n.group("b2")):
            out.append((f, g5, g3))
    return sorted(set(out))


#: the protein change named before its gene: "a Phe119Leu mutation in exon 2 of the VHL gene", "p.R132H of IDH1"
_VARIANT_BEFORE = re.compile(r"(?<![\w.])(?:p\.\s?)?(?P<v>[A-Z][a-z]{2}\d{1,4}(?:[A-Z][a-z]{2}|\*|fs)"
                             r"|[A-Z]\d{1,4}[A-Z*]"
                             # an in-frame change of a range: "p.W557_K558del in KIT exon 11", "a p.M844_S847 deletion
                             # in PDGFRA exon 18"
                             r"|(?:[A-Z][a-z]{2}|[A-Z])\d{1,4}_(?:[A-Z][a-z]{2}|[A-Z])\d{1,4}(?:del|dup|ins[A-Z]*)?)"
                             r"\s+(?:(?:point|somatic|germline|activating|hotspot|missense|heterozygous|homozygous"
                             r"|in-frame)\s+)?"
                             r"(?P<word>mutation|variant|substitution|(?P<noun>deletion|duplication|insertion))?"
                             r"\s*(?<=\s)(?:(?:was\s+)?(?:found|detected|identified)\s+)?"
                             r"(?:in|of|within)\s+(?:exon\s*\d{1,3}\s+(?:of|in)\s+)?(?:the\s+)?$")


def _change_before(vb: re.Match[str]) -> str | None:
    """The change a _VARIANT_BEFORE match tells, or None: a point change needs the word of a mutation after it
    ("a Phe119Leu mutation in"); a range needs its kind, glued ("p.W557_K558del in") or in a word ("a p.M844_S847
    deletion in", read as M844_S847del)."""
    v = vb.group("v")
    if "_" not in v:
        return v if vb.group("word") else None
    if re.search(r"(?:del|dup|ins[A-Z]*)$", v):
        return v
    return v + vb.group("noun")[:3] if vb.group("noun") else None
#: a histone or other symbol the lexicon lacks, with a hotspot, said of a sequencing result: "Sequencing revealed
#: H3 K27M", "the same H3 K27M and PTPN11 mutations" (never of a stain: "H3 K27M immunostaining")
#: the words of a stain (immunohistochemistry), not of a genotype
STAIN_WORDS = r"immuno\w*|stain\w*|IHC|antibod\w*|express\w*"
_RAW_HOTSPOT = re.compile(r"(?<![\w\-])(?P<g>[A-Z][A-Z0-9]{1,9}(?:\.\d)?)(?:\s+|-(?=[A-Z]\d{1,4}[A-Z]\b))(?:p\.\s?)?"
                          r"(?P<v>[A-Z]\d{1,4}[A-Z]|[A-Z][a-z]{2}\d{1,4}[A-Z][a-z]{2})(?![\w])"
                          rf"(?!\s*(?:[-‐]?\s*(?:{STAIN_WORDS}|positiv\w*|negativ\w*)))")
#: ... or glued to its symbol: "BRAFV600E", "IDH1R132H", "H3K27M-mutant" (of a symbol the ontology knows, or a histone)
_GLUED_HOTSPOT = re.compile(r"(?<![\w\-.])(?P<g>H3\.3|[A-Z][A-Z0-9]{1,9}?)(?P<v>[A-Z]\d{1,4}[A-Z])(?![\w])"
                            rf"(?!\s*(?:[-‐]?\s*(?:{STAIN_WORDS}|positiv\w*|negativ\w*)))")


#: a histone residue said mutant without the change: "diffuse midline glioma, H3 K27-mutant", "H3F3A G34-mutated"
#: ("H3 K27-altered" is not: the alteration may be EZHIP overexpression)
_HISTONE_SITE = needs(re.compile(r"(?<![\w\-.])(?P<g>H3(?:\.3)?|H3-3A|H3F3A|H3-3B|H3F3B)[\s-]?(?P<site>K27|K36|G34)"
                                 r"[\s-](?:mutant|mutated|mutation)\b"), "mutant", "mutated", "mutation")
_HISTONE_GENE = {"H3F3A": "H3-3A", "H3F3B": "H3-3B"}


#: the histone H3 genes and families whose hotspots the literature numbers without the first methionine
_HISTONES = frozenset({"H3", "H3.3", "H3-3A", "H3-3B", "H3C1", "H3C2", "H3C3", "H3C4", "H3C6", "H3C7", "H3C8",
                       "H3C10", "H3C11", "H3C12", "H3C13", "H3C14", "H3C15", "H3-4", "H3-5"})
_HGVS_HOTSPOT = re.compile(r"^(?P<aa>[KG])(?P<n>28|35|37)(?P<to>[A-Z])$")


def _legacy_histone(variant: str) -> str:
    """A histone H3 hotspot in HGVS numbering (counting the first methionine) in the numbering of the literature and
    the WHO classification: p.K28M is K27M, p.G35R is G34R, p.K37M is K36M.

    >>> _legacy_histone("K28M"), _legacy_histone("G35W"), _legacy_histone("K27M"), _legacy_histone("G34R")
    ('K27M', 'G34W', 'K27M', 'G34R')
    """
    m = _HGVS_HOTSPOT.match(variant)
    if not m or (m.group("aa"), m.group("n")) not in {("K", "28"), ("G", "35"), ("K", "37")}:
        return variant
    return f"{m.group('aa')}{int(m.group('n')) - 1}{m.group('to')}"


def _histone(gene: str, variant: str, text: str = "") -> str:
    """'H3.3' is the histone of two genes: its K36M is H3-3B's (chondroblastoma), its K27M and G34 changes H3-3A's,
    unless the sentence names one of the two genes alone ("two H3F3B mutations: H3.3 p.Gly35Trp and ...")."""
    if gene != "H3.3":
        return gene
    named = {f"H3-3{m.group('g')}" for m in _H33_GENE.finditer(text)}
    if len(named) == 1:
        return named.pop()
    return "H3-3B" if variant.startswith("K36") else "H3-3A"


_H33_GENE = re.compile(r"\bH3(?:F3|-3|\.3)(?P<g>A|B)\b")


#: a bracketed clone name and the word after it: "BRAFV600E (VE1) immunostain"
_CLONE_AFTER = re.compile(r"\s*\([^()]{1,20}\)\s*\S+")
_SEQUENCED = needs(re.compile(r"\b(?:sequenc\w*|NGS|genotyp\w*|mutations?|mutant|genetic|molecular|pyrosequenc\w*|PCR"
                              r"|harbou?r\w*)\b", re.IGNORECASE),
                   "sequenc", "ngs", "genotyp", "mutation", "mutant", "genetic", "molecular", "pcr", "harbo")
_STAINED = re.compile(rf"\b(?:{STAIN_WORDS})\b", re.IGNORECASE)
#: the words of a test of the genome
_GENOTYPED = re.compile(r"\b(?:FISH|in\s+situ\s+hybridi[sz]ation|sequenc\w*|NGS|copy[\s-]number|PCR|array|a?CGH"
                        r"|karyotyp\w*"
                        r"|MLPA|SNP|methylation|molecular|genetic|genomic)\b", re.IGNORECASE)
#: a chromosomal region amplified: "amplification of 12q13-15", "12q13-15 amplification"
_REGION = r"((?:\d{1,2}|X|Y)[pq]\d{1,2}(?:\.\d{1,2})?(?:\s?[-–]\s?[pq]?\d{1,2}(?:\.\d{1,2})?)?)"
_REGION_AMP = needs(re.compile(
    rf"\b[Aa]mplifi(?:cation|ed)\s+(?:of\s+)?(?:the\s+)?(?:chromosom\w+\s+)?(?:region\s+)?"
    rf"{_REGION}"
    rf"(?![\w.])|(?<![\w.]){_REGION}\s+(?:region\s+)?(?:amplification|gain)\b"),
    "amplifi", "gain")

#: a chromosomal region deleted: "a de novo deletion of 1.5 Mb at 22q11.21", "22q11.23 deletion"
_REGION_DEL = needs(re.compile(
    rf"\b(?:(?:homozygous|heterozygous|de\s+novo|interstitial|constitutional)\s+)?[Dd]eletions?\s+"
    rf"(?:of\s+\d+(?:\.\d+)?\s*(?:kb|Kb|KB|Mb|MB|bp)\s+)?(?:at|of|in)\s+(?:chromosome\s+)?{_REGION}"
    rf"(?!\w|\.\d)|(?<![\w.]){_REGION}\s+(?:micro)?deletion\b(?!\s+syndrome)"),
    "delet")
#: ... or before the gene: "c.340+1G>A in the VHL gene", "c.525delT of SMARCE1"
_CDNA_BEFORE = re.compile(rf"(?<![\w.])(?P<v>{_C_CHANGE})"
                          # with its protein change: "c.1799T>A (p.V600E) in BRAF" (the protein change is the variant)
                          r"(?![\w>])(?:\s*[(,;]\s*p\.\s?(?P<p>[A-Z](?:[a-z]{2})?\d{1,4}(?:[A-Z](?:[a-z]{2})?|\*|fs\*?\d*))\)?)?"
                          r"\s+(?:(?:mutation|variant|change|alteration)\s+)?(?:in|of|within)\s+"
                          r"(?:exon\s*\d{1,3}\s+(?:of|in)\s+)?(?:the\s+)?[*_]?$")
#: a change given only at the DNA level: "EGFR c.3617A>C"
_CDNA = re.compile(rf"^\s*:?\s*(?:gene\s+)?(?:{_KIND_WORDS}(?:mutation|variant)\s*)?[,:]?[\s*_]*\(?\s*"
                   rf"(?P<v>{_C_CHANGE})(?![\w>])")
#: the protein change told right after the DNA change: "c.299G>A, p.Arg100Gln", "c.844C>T (p.Arg282Trp)"
_PROTEIN_AFTER_CDNA = re.compile(rf"^\s*[,;(]?\s*(?:p\.\s?\(?(?P<v>{_P_CHANGE})\)?)(?![\w>*])")
#: a gene rearranged with a partner the text does not name: "rearrangement of the FUS gene", "EWSR1 rearrangement"
_REARRANGED_AFTER = re.compile(r"^\s*(?:(?:\s*(?:,|and|/)\s*[A-Z][A-Z0-9]{1,9})+\s+)?"  # "BCL2 and MYC rearrangements"
                               r"(?:\(\s*\d{1,2}[pq][\d.]+\s*\)\s*)?(?:gene\s+|genes\s+|locus\s+)?(?::\s*)?"
                               r"(?:was\s+|is\s+|were\s+)?(?:(?:shown|found|proven"
                               r"|confirmed|demonstrated)\s+to\s+be\s+)?(?:rearrange(?:ments?|d)|split|translocation"
                               r"|translocated|fusions?\s+(?:transcripts?|genes?)|break-?apart\s+(?:signals?|pattern)"
                               # a fusion with its partner unnamed: "a ROS1 fusion" (not "ALK fusion protein" stains)
                               # ("RET fusion-positive lung adenocarcinoma" is the tumour's fusion)
                               r"|fusion(?![\s-]*(?:protein|negativ|status|testing|analys)))\b",
                               re.IGNORECASE)
_REARRANGED_BEFORE = re.compile(r"\b(?:rearrangements?|disruption|split(?:ting)?|translocation)\s+(?:of\s+)?(?:the\s+)?"
                                # (and each gene of a list: "rearrangements of both MYC and BCL2")
                                r"(?:(?:both|either)\s+)?(?:[A-Z][A-Z0-9]{1,9}\s*(?:\((?:[^()]|\([^()]{0,12}\)){1,40}\)\s*)?"
                                r"(?:,|and|or|,\s*and)"
                                # (with their bands: "rearrangements of MYC (8q24), BCL2 (the t(14;18)) and BCL6")
                                r"\s*(?:the\s+)?){0,4}$"
                                r"|\b(?:gene\s+)?fusion\s+(?:involving|of)\s+(?:the\s+)?$"
                                # "a chromosomal translocation involving 8q24, the MYC locus"
                                r"|\b(?:translocation|rearrangement)\s+(?:involving|affecting|at)\s+(?:the\s+)?"
                                r"(?:(?:\d{1,2}|X|Y)[pq][\d.]+\s*,?\s*(?:the\s+|i\.e\.\s*)?)?$", re.IGNORECASE)

#: genes that are the 3' partner of their fusions whichever way a report writes the pair: kinases that keep their
#: kinase domain, and genes a partner's promoter drives (PLAG1 of lipoblastoma and pleomorphic adenoma, USP6 of nodular
#: fasciitis and aneurysmal bone cyst)
_KINASES_3P = frozenset({"ALK", "ROS1", "RET", "NTRK1", "NTRK2", "NTRK3", "BRAF", "RAF1", "ABL1", "PLAG1", "USP6"})
#: the word before the gene: "activating mutations of FGFR1", "a somatic mutation in the NF2 gene"
_MUTATION_BEFORE = re.compile(rf"\b(?:(?:activating|inactivating|somatic|germline|point|missense|hotspot|pathogenic"
                              rf"|likely\s+pathogenic|truncating|frameshift|nonsense|loss-of-function|gain-of-function)\s+)*"
                              rf"(?:[Mm]utations?|MUTATIONS?|(?<=pathogenic\s)variants?)\s+"
                              # ("a mutation detected in exon 11 of KIT", "MUTATION DETECTED in ...")
                              rf"(?:(?:was\s+|were\s+)?(?:detected|found|identified|DETECTED|FOUND|IDENTIFIED)\s+)?"
                              rf"(?:of|in)\s+(?:exon\s*\d{{1,3}}\s+(?:of|in)\s+)?"
                              rf"(?:the\s+)?{_LISTED}(?:c-)?$"
                              # "the child carried biallelic inactivation of BRCA2"
                              rf"|\b(?:bi-?allelic|compound\s+heterozygous|homozygous)\s+(?:inactivation|inactivating"
                              rf"\s+(?:mutations?|variants?)|(?:loss-of-function|pathogenic|truncating)\s+(?:mutations?"
                              rf"|variants?))\s+(?:of|in)\s+(?:the\s+)?$"
                              # "a constitutional substitution at the splice donor site of intron 8 of NF2"
                              rf"|\b(?:base\s+|nucleotide\s+|point\s+|single[\s-]nucleotide\s+)?substitution\s+"
                              rf"(?:at\s+(?:the\s+)?splice[\s-](?:donor|acceptor)\s+site\s+)?(?:of\s+intron\s*\d{{1,3}}\s+)?"
                              rf"(?:of|in)\s+(?:the\s+)?$"
                              # "mutations in SMARCB1 (also known as INI1, SNF5 or BAF47) and in LZTR1"
                              rf"|\b[Mm]utations?\s+(?:of|in)\s+(?:the\s+)?[A-Z][A-Za-z0-9\-]{{1,9}}\s*(?:\([^()]{{0,60}}\))?"
                              rf"\s*,?\s*(?:and|or)\s+(?:in\s+|of\s+)?(?:the\s+)?$")
#: a change named before its gene, its protein change after the gene and a comma: "a previously unreported missense
#: change in TP53, R248Q"
_CHANGE_IN_GENE = re.compile(r"\b(?:mutations?|variants?|changes?|substitutions?|alterations?)\s+"
                             r"(?:(?:in|at)\s+exon\s*\d{1,2}\s+)?(?:in|of|affecting)\s+(?:the\s+)?$", re.IGNORECASE)
_COMMA_CHANGE = re.compile(rf"^\s*(?:gene\s*)?,\s*(?:p\.\s?)?(?P<v>{_P_CHANGE})(?![\w>])")
#: a change told after a colon, its DNA change and then perhaps its protein change: ": c.1021G>A (p.D341N)"
_C_THEN_P = rf":\s*(?P<c>{_C_CHANGE})(?:[^.;:]{{0,60}}?\bp\.\s?\(?(?P<p>{_P_CHANGE})\)?)?"
_APPOSED_CHANGE = re.compile(rf"\s*,\s*(?:the|a|an)\s+[^.;:()]{{3,100}}{_C_THEN_P}"
                             # "... in exon 1 of the VHL gene on chromosome 3 (3p25-p26): Gly93Ser (p.Gly93Ser, G93S)"
                             rf"|(?:\s+gene)?[^.;:]{{0,50}}:\s*(?:p\.\s?\(?)?(?P<p2>{_P_CHANGE})(?![\w>])")
#: a gene's change told after a colon, past the word of the change: "the same FH variant as his father: c.1021G>A
#: (p.D341N)", "FH found a missense change in exon 7: c.1021G>A, which predicts p.Asp341Asn (p.D341N)"
_CHANGE_AFTER_COLON = re.compile(rf"(?:\s+gene)?(?:\s+(?:was\s+)?(?:found|showed|revealed|identified)\s+(?:an?|the)"
                                 rf"(?:\s+[\w-]+){{0,2}})?\s+(?:mutation|variant|change|substitution|alteration)\b"
                                 rf"[^.;:]{{0,40}}{_C_THEN_P}", re.IGNORECASE)
#: a gene's test named before it, its finding after: "Mutational analysis of PTEN confirmed it by showing a nonsense
#: point mutation in exon 8"
_ANALYSIS_OF = re.compile(r"\b(?:mutation(?:al)?\s+|genetic\s+|molecular\s+|germ-?line\s+)?(?:analysis|sequencing"
                          r"|testing|screening)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_SHOWING_MUTATION = re.compile(r"(?:\s+gene)?[^.;]{0,50}?\b(?:show\w*|reveal\w*|identif\w*|found|detect\w*"
                               r"|demonstrat\w*|disclos\w*)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
                               r"(?:mutation|variant)\b", re.IGNORECASE)
#: a break-apart FISH result said as positive: "FISH for the FOXO1 gene was positive" (with the split signals or the
#: probe named in the sentence)
_FISH_BEFORE = re.compile(r"\b(?:FISH|fluorescence\s+in\s+situ\s+hybridi[sz]ation)\s+(?:\(FISH\)\s+)?(?:for|of|with)\s+"
                          r"(?:(?:the|a|an)\s+)?(?:break-?apart\s+(?:probe\s+)?(?:of|for)\s+(?:the\s+)?)?$"
                          r"|\bbreak-?apart\s+(?:FISH\s+)?(?:probes?\s+)?(?:for|of)\s+(?:the\s+)?$", re.IGNORECASE)
_PROBE_AFTER = re.compile(r"^\s*(?:gene\s+)?(?:\(\s*\d{1,2}[pq][\d.]+\s*\)\s*)?(?:dual[\s-]colou?r\s+)?break-?apart\s+"
                          r"(?:FISH\s+)?(?:probes?|assay|FISH|analysis|testing)", re.IGNORECASE)
#: ... its result: "showed rearrangement", "revealed split signals", "demonstrated a break-apart pattern"
_NOT_WORD = r"(?!\b(?:no|not|nor|neither|without|absen\w*|negative|lack\w*)\b)"
_SPLIT_FOUND = re.compile(rf"^(?:{_NOT_WORD}[^.;]){{0,60}}?"
                          rf"\b(?:show|reveal|demonstrat|confirm|detect|display|disclos)\w*\s+"
                          rf"(?:an?\s+|the\s+)?(?:{_NOT_WORD}\w+\s+){{0,2}}?(?:rearrange\w*|split|separat\w*"
                          rf"|break-?apart\s+(?:signal|pattern)\w*)"
                          rf"|^(?:{_NOT_WORD}[^.;]){{0,60}}?\b(?:was|were)\s+positive\b", re.IGNORECASE)
_POSITIVE_AFTER = re.compile(r"^\s*(?:gene\s+)?(?:break-?apart\s+)?(?:probe\s+)?(?:was|were|is)\s+positive\b",
                             re.IGNORECASE)
_BREAK_APART = re.compile(r"\bbreak-?apart\b|\bsplit\s+signals?\b|\bseparated\s+(?:\w+\s+){0,3}signals?\b"
                          r"|\brearrang\w*", re.IGNORECASE)
#: exons said apart from the fusion's name: "joining exon 7 of TPM3 to exon 10 of NTRK1"
_EXON_OF = needs(re.compile(r"\bexon\s*(?P<e5>\d{1,3})\s+of\s+(?:the\s+)?(?P<a>[A-Z][A-Za-z0-9]{1,9})\b[^.;]{0,40}?"
                            r"\bexon\s*(?P<e3>\d{1,3})\s+of\s+(?:the\s+)?(?P<b>[A-Z][A-Za-z0-9]{1,9})\b"),
                 "exon")
#: ... or after the symbol: "joining EWSR1 exon 7 to FLI1 exon 6", "NAB2 exon 4 with STAT6 exon 2"
_SYMBOL_EXON = needs(re.compile(r"\b(?P<a>[A-Z][A-Za-z0-9]{1,9})\s+exon\s*(?P<e5>\d{1,3})\s*(?:(?:(?:was|is)\s+)?"
                                r"(?:fused|joined|linked)\s+(?:in[\s-]frame\s+)?(?:to|with)|to|with|and|-|–|::)\s*"
                                r"(?:the\s+)?(?P<b>[A-Z][A-Za-z0-9]{1,9})\s+exon\s*(?P<e3>\d{1,3})\b"),
                     "exon")


_AA3 = {"ala": "A", "arg": "R", "asn": "N", "asp": "D", "cys": "C", "gln": "Q", "glu": "E", "gly": "G", "his": "H",
        "ile": "I", "leu": "L", "lys": "K", "met": "M", "phe": "F", "pro": "P", "ser": "S", "thr": "T", "trp": "W",
        "tyr": "Y", "val": "V", "ter": "*"}
_THREE_LETTER = re.compile(r"^([A-Z][a-z]{2})(\d{1,4})([A-Z][a-z]{2})?(.*)$")


def one_letter(variant: str) -> str:
    """A protein change in one-letter amino-acid codes ("Arg167Trp" -> "R167W"; "R167W" unchanged).

    >>> one_letter("Arg167Trp"), one_letter("Gly34Trp"), one_letter("V600E"), one_letter("Arg213Ter")
    ('R167W', 'G34W', 'V600E', 'R213*')
    """
    # (the change of a range said in a word: "M844_S847 deletion" is "M844_S847del")
    variant = re.sub(r"\s(del|dup|ins)(?:etion|lication|ertion)$", r"\1", variant)
    m = _THREE_LETTER.match(variant)
    if not m or m.group(1).lower() not in _AA3 or (m.group(3) and m.group(3).lower() not in _AA3):
        return variant
    # every residue of it: "Trp557_Lys558del" -> "W557_K558del", "Leu341SerfsTer23" -> "L341Sfs*23"
    return re.sub(r"[A-Z][a-z]{2}", lambda x: _AA3.get(x.group().lower(), x.group()), variant)


@dataclass
class GenomicFact:
    kind: str
    gene5: str | None = None
    gene3: str | None = None
    exon5: int | None = None
    exon3: int | None = None
    gene: str | None = None
    variant: str | None = None
    term: str | None = None
    evidence: list[dict[str, object]] = field(default_factory=list)
    origin: str | None = None  # "germline" or "somatic", when the report says so next to it
    exon_change: str | None = None  # a change told by its exon only ("EGFR exon 19 deletion"): no protein change

    def key(self) -> tuple[object, ...]:
        return (self.kind, self.gene5, self.gene3, self.gene, self.variant, self.exon_change)


@dataclass(frozen=True)
class _Gene:
    start: int
    end: int
    symbol: str
    iri: str | None


#: what a test looked for, not what it found: "primers for the EWS/FLI1, EWS/ERG and EWS/ATF1 transcripts
#: detected an EWSR1/ATF1 transcript", "a panel including BRAF V600E" (up to the verb of finding)
_TESTED_FOR = re.compile(r"\b(?:primers?|probes?|panels?|assays?|tested|testing|screen(?:ed|ing)|look(?:ed|ing)?"
                         # "FISH was performed to look for gain of MDM2", "to exclude amplification of MDM2"
                         r"|search(?:ed|ing)?|to\s+(?:assess|evaluate|check|exclude|rule\s+out|search|detect))\b"
                         # (a result verb before the "of" is a result: "the probe showed rearrangement of EWSR1")
                         # (nor a result said before the "for": "testing of marrow cells was positive for the D816V")
                         r"(?:(?!\b(?:show|reveal|detect|demonstrat|identif|found(?!er)|confirm|disclos|positive)\w*)[^.;])"
                         r"{0,40}?"
                         r"\b(?:for|of|including|covering)\b(?![^.;]*?\b(?:detect|show|reveal|demonstrat"
                         r"|identif|found(?!er)|confirm|disclos|harbou?r|positive\s+for)\w*)", re.IGNORECASE)


#: the variant is inherited ("a germline SDHB mutation", "constitutional") or acquired in the tumour ("somatic")
_GERMLINE = re.compile(r"\b(?:germ-?line|constitutional|inherited|heritable|familial)\b", re.IGNORECASE)
_SOMATIC = re.compile(r"\b(?:somatic|tumou?r-only|acquired)\b", re.IGNORECASE)


def _origins(text: str, span: dict[str, object], genes: list[_Gene], facts: dict[tuple[object, ...], GenomicFact],
             ) -> None:
    """Mark the findings of this sentence germline or somatic from the words in their clause."""
    if not (_GERMLINE.search(text) or _SOMATIC.search(text)):
        return
    for f in facts.values():
        if f.origin is not None or span not in f.evidence:
            continue
        ordered = sorted(genes, key=lambda x: x.start)
        for i, g in enumerate(ordered):
            if g.symbol in (f.gene, f.gene5, f.gene3):
                # its own words: from the gene before it (or its clause's start) to the gene after it
                lo = max(clause_start(text, g.start), ordered[i - 1].end if i else 0)
                hi = min(clause_end(text, g.end), ordered[i + 1].start if i + 1 < len(ordered) else len(text),
                         g.end + 60)
                if i + 1 < len(ordered):
                    hi = max(g.end, hi - 25)  # a word just before the next gene is that gene's ("and a germline TP53")
                before = [(m.start(), "germline") for m in _GERMLINE.finditer(text, lo, g.start)] + \
                    [(m.start(), "somatic") for m in _SOMATIC.finditer(text, lo, g.start)]
                after = [(m.start(), "germline") for m in _GERMLINE.finditer(text, g.end, hi)] + \
                    [(m.start(), "somatic") for m in _SOMATIC.finditer(text, g.end, hi)]
                if before:
                    f.origin = max(before)[1]  # the nearest word before it
                elif after:
                    f.origin = min(after)[1]


#: the immunoglobulin and T-cell receptor loci, rearranged in every lymphocyte: with no partner named, not a fusion
_RECOMBINING_LOCI = frozenset({"IGH", "IGK", "IGL", "TRA", "TRB", "TRG", "TRD"})


#: a result field that says none was found: "IDH1 and IDH2 mutations: NOT detected", "EGFR amplification: negative"
_NEGATIVE_RESULT = (r"(?:not\s+(?:detected|found|identified|present|seen)|negative|absent|wild[\s-]?type"
                    # "FUS-ATF1 / EWSR1-ATF1: no result is reported for these"
                    r"|none(?:\s+(?:detected|found))?|no\s+results?\b(?:\s+(?:is|was|were|are))?(?:\s+\w+)?)\b")
#: a result field or table cell after the mention: "EWSR1 rearrangement: not present", "EWSR1 rearrangement
#: negative" (a column of a table laid out with spaces), "EWSR1 rearrangement not present"
_FIELD_NEGATIVE = re.compile(rf"^(?:[^.;:]{{0,60}}:"
                             rf"|(?:(?!\b(?:positive|detected|present|found|identified)\b)[^.;:\t]){{0,60}}?"
                             rf"(?:\t| {{2,}}|\s[-–—]\s))\s*{_NEGATIVE_RESULT}"
                             rf"|^\s*(?:gene\s+)?(?:rearrangements?|fusions?|translocations?|mutations?|amplifications?"
                             rf"|deletions?)\s+{_NEGATIVE_RESULT}"
                             # "... cervical spinal cord; BRAF V600E not detected; QKI-RAF1 fusion"
                             rf"|^\s+(?:was\s+|were\s+|is\s+)?not\s+(?:detected|found|identified|present)\b",
                             re.IGNORECASE)


#: ... and a result said right after the mention: "testing of the tumour: BRAF V600E mutation DETECTED"
#: (its own result: no other gene listed before it, and the verb has no object: not "... and EWS/WT1 transcripts
#: detected an EWSR1/ATF1 transcript")
_FOUND_AFTER = re.compile(r"^(?:(?!\b(?:not?|without|neither|nor|and|or)\b)[^.;:,/]){0,40}?"
                          r"\b(?:detected|found|identified"
                          r"|present|positive)\b(?!\s+(?:a|an|the|in|by)\b)", re.IGNORECASE)


#: a table cell's own result word
_CELL_RESULT = re.compile(r"\b(?:detected|positive|present|found|identified|confirmed|amplified|mutated|rearranged)\b",
                          re.IGNORECASE)
#: a result glued to the finding's name: "BRAF V600E-negative", "ALK-negative", "IDH wild-type"
_GLUED_NEGATIVE = re.compile(r"^(?:-|\s)?(?:negative|wild[\s-]?type|non-?mutated|unmutated)\b", re.IGNORECASE)


#: a field that says its list was not found: "Negative: CD34, BRAF V600E (mutation-specific antibody)", "Not detected:
#: ..." (up to a field that says found: "Negative: CD34. Positive: ...")
_NEGATIVE_LABEL = re.compile(r"^\W{0,3}(?:negative(?:\s+for)?|not\s+(?:detected|found|identified|present)|absent"
                             r"|wild[\s-]?type)\s*:", re.IGNORECASE)
_POSITIVE_LABEL = re.compile(r"\b(?:positive(?:\s+for)?|detected|found|present|identified)\s*:", re.IGNORECASE)
#: ... and an item of a list (under sentences.NEGATIVE_LEAD, "Not detected in either specimen:", it was not found)
_ITEM = re.compile(r"^\s*[-•*–]\s")


#: a gene's change told of a group, not of the patient: "patients with an EGFR mutation", "tumours harbouring KRAS
#: mutations", "the EGFR-mutant comparison group"
_HOLDERS_BEFORE = re.compile(r"\b(?:patients|cases|tumou?rs|subjects|individuals|those|people|carriers|families)\s+"
                             r"(?:(?:who\s+)?(?:with|harbou?ring|carrying|having|had|have)\s+)(?:an?\s+|the\s+)?"
                             r"(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
_GROUP_AFTER = re.compile(r"^[\s-]*(?:mutant|mutated|positive|negative|altered|rearranged|wild[\s-]?type)?[\s-]*"
                          r"(?:comparison\s+|control\s+)?(?:groups?|cohorts?|arms?|subsets?|subgroups?|populations?)\b",
                          re.IGNORECASE)

#: a field of a report that names what a test looked for: "Primer sets: ...", "Probes: ...", "Genes tested: ..."
_DESIGN_FIELD = re.compile(r"^\W{0,3}(?:primers?(?:\s+sets?)?|probes?(?:\s+sets?)?|targets?|genes\s+(?:tested|covered"
                           r"|analy[sz]ed)|panel(?:\s+content)?|assays?|tests?\s+(?:requested|ordered|performed|sent)"
                           r"|(?:request|requested|indication|clinical\s+question)(?:\s+for\s+\w+)?)\s*:",
                           re.IGNORECASE)

_CELL_GAP = re.compile(r" \| |(?<=\S) {3,}(?=\S)")


def _column_result(text: str, start: int) -> bool | None:
    """For a finding named in the header row of a pipe table ("| Sample | MYD88 p.L265P | MYD88 p.V217F |"), whether
    any row below tells it found (None when it is not in a table's header)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    header = text[line_start:line_end if line_end >= 0 else len(text)]
    rest = text[line_end + 1:] if line_end >= 0 else ""
    if header.count("|") < 2 or not re.match(r"\s*\|?\s*:?-{3,}", rest):
        return None
    col = header[:start - line_start].count("|") - (1 if header.lstrip().startswith("|") else 0)
    cells = [row.strip().strip("|").split("|") for row in rest.splitlines()[1:] if row.count("|") >= 2]
    values = [c[col].strip() for c in cells if 0 <= col < len(c)]
    return any(_CELL_RESULT.search(v) and not re.match(_NEGATIVE_RESULT, v, re.IGNORECASE) for v in values)


#: a result cell that says a row's finding was not found: "| EGFR activating mutation | not detected |"
_ROW_NEGATIVE = re.compile(r"^\s*(?:not\s+(?:detected|found|identified|present|seen)|negative|absent|none\b|no\b"
                           r"|wild[\s-]?type|(?-i:WT)\b|normal\b)", re.IGNORECASE)


#: the test of a gene finding its change: "Testing of FH found a missense change in exon 7: c.1021G>A"
_TEST_FOUND_CHANGE = re.compile(r"\s+(?:gene\s+)?(?:found|showed|revealed|identified|detected|disclosed)\s+"
                                r"(?:an?|the)\s+"
                                r"(?:[\w-]+\s+){0,3}?(?:mutation|variant|change|substitution|deletion|alteration)\b",
                                re.IGNORECASE)
#: a gene pair named as the probe of a test: "the LSI IGH/CCND1 dual-fusion probe", "a CCND1 break-apart probe"
_PROBE_NAMED = re.compile(r"\s*(?:\(\s*\w+\s*\)\s*)?(?:(?:dual[\s-]colou?r|dual[\s-]fusion|fusion|break[\s-]?apart"
                          r"|split|translocation|FISH)\s+)+probes?\b", re.IGNORECASE)


def _row_negative(text: str, end: int) -> bool:
    """Whether the finding ending at ``end`` stands in a row of a table laid out with bars whose next cell is a
    negative result."""
    row_end = text.find("\n", end)
    rest = text[end:row_end if row_end >= 0 else len(text)]
    return "|" in rest and bool(_ROW_NEGATIVE.match(rest.split("|", 1)[1]))


def _asserted(text: str, start: int, end: int) -> bool:
    if negated_any(text, start, 5):
        return False  # "Not reported: any test for AURKA or MYCN amplification"
    if (pn := _PROBE_NAMED.match(text, end)) and not re.search(
            r"\b(?:positive|split|separat\w*|rearrang\w*|detected|identified|confirmed|showed\s+(?:an?|the)\b)",
            text[pn.end():].split(".")[0], re.IGNORECASE):
        return False  # "FISH with the LSI IGH/CCND1 fusion probe ... showed neither": the test's probe, no result
    if "|" in text and _row_negative(text, end):
        return False
    if (column := _column_result(text, start)) is not None:
        return column  # found in one row at least, or in none
    if "\n" in text:
        # a row of a table laid out with bars is read alone: "| TERT promoter | NO mutation detected |" negates
        # nothing of the next row's "| TERT copy number | AMPLIFIED |"
        rs, re_ = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        re_ = len(text) if re_ < 0 else re_
        if (rs > 0 or re_ < len(text)) and is_row(text[rs:re_]):
            return _asserted(text[rs:re_], start - rs, end - rs)
    if _DESIGN_FIELD.match(text) and not _CELL_RESULT.search(text):
        return False  # the test's design, not its result: "Primer sets: SYT-SSX1 and SYT-SSX2 (tested separately)."
    if (lead := _NEGATIVE_LABEL.match(text)) and start >= lead.end() \
            and not _POSITIVE_LABEL.search(text, lead.end(), start):
        return False
    if " | " in text or "   " in text:
        # a row of a table: a cell that tells its own result is read alone ("Next-generation sequencing | not
        # stated | FLT3-ITD detected; RUNX1 mutation detected": the specimen's "not stated" negates nothing; the
        # same in a table aligned with spaces)
        gaps = [m for m in _CELL_GAP.finditer(text)]
        before = [m for m in gaps if m.end() <= start]
        after = [m for m in gaps if m.start() >= end]
        cs = before[-1].end() if before else 0
        cell = text[cs:after[0].start() if after else len(text)]
        if before and _CELL_RESULT.search(cell):
            return _asserted(cell, start - cs, end - cs)
    if _FIELD_NEGATIVE.match(text[end:]) or _GLUED_NEGATIVE.match(text[end:]):
        return False
    # (the test's purpose told in a clause of its own is not this finding's: "consulted to look for a germline
    # origin, and germline SMARCE1 testing found the same pathogenic variant")
    window = text[max(0, start - 200):start]
    if _RAN_FOR.search(window) and not _RESULT_LATER.search(text[start:]):
        return False  # "We ran RT-PCR for the SS18-SSX1 and SS18-SSX2 transcripts on FFPE tissue": the test's design
    # (not when the test is named, then its result in a clause after a colon: "FISH with an MDM2 probe: in 88% of
    # nuclei the MDM2 signal was amplified"; a list of its targets is no result: "a panel covering four fusion
    # transcripts: TEL-AML1, BCR-ABL (p190), ...")
    if (tf := _TESTED_FOR.search(window)) and not _FOUND_AFTER.match(text[end:]) \
            and not _TEST_FOUND_CHANGE.match(text, end) \
            and not re.search(r":\s+[^:]*\b[a-z]{2,}\b[^:]*$", window[tf.start():]):
        clause = _NEW_CLAUSE.split(window)[-1]
        if clause == window or _TESTED_FOR.search(clause) or not _RESULT_VERB.match(text[start:]):
            return False
    return status(text, start, end, proposals=False) is None


#: a test run for something, told as the study's design: "We ran RT-PCR for ...", "FISH was performed for ..."
_FOR_TARGETS = r"(?:\w+\s+){0,3}?for\s+(?:the\s+)?(?:[\w-]+\s*(?:,|and|or)?\s*){0,6}$"  # "... for the SS18-SSX1 and"
_RAN_FOR = re.compile(r"\b(?:ran|run|performed|carried\s+out|done|used|applied)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
                      rf"(?:RT-PCR|PCR|FISH|NGS|sequencing|assays?|probes?|primers?)\s+{_FOR_TARGETS}"
                      r"|\b(?:RT-PCR|PCR|FISH|NGS|sequencing)\s+(?:was|were)\s+(?:performed|done|carried\s+out|run)\s+"
                      rf"{_FOR_TARGETS}", re.IGNORECASE)
#: ... and its result, later in the sentence
_RESULT_LATER = re.compile(r"\b(?:show\w*|reveal\w*|detect\w*|demonstrat\w*|identif\w*|found|confirm\w*|disclos\w*"
                           r"|positive|present)\b", re.IGNORECASE)
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|whereas|while)\s+", re.IGNORECASE)
#: the gene's own test finding something, in a clause of its own: "SMARCE1 testing found the same variant"
_RESULT_VERB = re.compile(r"^[\w\-]+\s+(?:gene\s+)?(?:testing|analysis|sequencing|screening|genotyping)\s+"
                          r"(?:has\s+|had\s+)?"
                          r"(?:found|identified|detected|showed|revealed|confirmed|disclosed)\s+(?:a|an|the|one|two)\b",
                          re.IGNORECASE)


def _asserted_item(text: str, cue: int, end: int) -> bool:
    """Whether a finding said by its word before the gene ("gain of MDM2") is asserted, read from the item of a list
    it stands in: "loss of CDKN2A and gain of MDM2" does not negate the gain, "... and no gain of MDM2" does."""
    k = max(text.rfind(" and ", 0, cue), text.rfind(",", 0, cue), text.rfind(";", 0, cue))
    k = k + 1 if k >= 0 else 0
    return _asserted(text[k:], cue - k, end - k) and not _TESTED_FOR.search(text[max(0, cue - 200):cue])


#: the change a small deletion is told by, right after its word: ", c.1116_1130del15", " (p.Glu746_Ala750del)"
_SMALL_CHANGE_AFTER = re.compile(r"\s*[,:(]?\s*(?P<v>(?:c\.\s?[\d_+\-*]+del\w*|p\.\s?\(?[A-Z][a-z]{0,2}\d+_"
                                 r"[A-Z][a-z]{0,2}\d+del\w*\)?))")
#: a reference sequence an HGVS change is written on: "NM_000546.6:", "NP_000537.3:", "ENST00000269305.9:"
_REFSEQ = re.compile(r"\b(?:N[MCGRP]|X[MR]|ENS[TG])_?\d{5,15}(?:\.\d{1,3})?:(?=\s?[cgpn]\.)")


def extract_genomic(sentences: list[tuple[str, int, dict[str, object], list[Mention]]],
                    symbol_of: dict[str, str], fusion_term: dict[tuple[str, str], str],
                    translocations: tuple[tuple[str, str, str, str], ...] = ()) -> list[GenomicFact]:
    """Findings of the case; symbol_of maps a gene IRI to its symbol, fusion_term (5', 3') to a fusion IRI,
    translocations gives the ontology's fusions with their chromosome rearrangement (ISCN)."""
    facts: dict[tuple[object, ...], GenomicFact] = {}
    rearranged: list[tuple[str, dict[str, object], str | None]] = []
    told: list[tuple[str, dict[str, object], list[_Gene]]] = []
    exon_claims: list[tuple[str, str, int, int]] = []  # (5' gene, 3' gene, its exon, the other's) said in the text

    last_mutated: str | None = None  # the gene of the mutation told last

    def add(fact: GenomicFact, span: dict[str, object]) -> None:
        nonlocal last_mutated
        if fact.kind == "mutation" and fact.gene:
            last_mutated = fact.gene
        if fact.kind == "mutation" and fact.gene in _HISTONES and fact.variant:
            fact.variant = _legacy_histone(fact.variant)  # "H3-3A p.K28M" is the H3 K27M of the literature
        old = facts.get(fact.key())
        if old is None:
            fact.evidence.append(span)
            facts[fact.key()] = fact
        else:
            old.exon5 = old.exon5 if old.exon5 is not None else fact.exon5
            old.exon3 = old.exon3 if old.exon3 is not None else fact.exon3
            add_evidence(old.evidence, span)

    gene_symbols = set(symbol_of.values())
    threes = {b for _a, b in fusion_term} - {a for a, _b in fusion_term}  # the partners only ever 3' ("ALK")
    # the rearrangements told with bands no fusion of the ontology has ("t(11;22)(q23.3;q11.2)"): the same
    # rearrangement named again without them is that one
    other_bands = {(m.group("c1") or m.group("d1"), m.group("c2") or m.group("d2"))
                   for text, *_rest in sentences for m in _TRANSLOCATION.finditer(text)
                   if m.group("b1") and not _made_by(m, translocations)}
    field_gene: tuple[str, int] | None = None  # a report's "Gene: SMARCB1" line, for the "Variant:" line after it
    field_cdna: dict[str, GenomicFact] = {}  # the DNA change a field gave the gene
    negative_list = False  # inside a list whose lead said its items were not found
    by_karyotype: set[tuple[object, ...]] = set()  # the fusions a rearrangement's numbers gave
    named_genes: set[str] = set()  # the genes the text names
    for n_sent, (text, base, span, mentions) in enumerate(sentences):
        # (a reference sequence before a change is no part of it: "NM_000546.6:c.733G>A", blanked to keep offsets)
        text = _REFSEQ.sub(lambda m: " " * len(m.group()), text) if ":" in text else text
        if NEGATIVE_LEAD.match(text):
            negative_list = True
            continue
        if negative_list and _ITEM.match(text):
            continue
        negative_list = False
        genes = [_Gene(m.start - base, m.end - base, symbol_of.get(m.iri, m.surface), m.iri)
                 for m in mentions if m.kind == "gene"]
        genes = sorted(genes + _hgnc_genes(text, genes), key=lambda g: g.start)
        named_genes.update(g.symbol for g in genes)
        if _GENE_FIELD.match(text) and (field_sym := _field_symbol(text, genes)):  # ("Gene: FH (fumarate hydratase)")
            field_gene = (field_sym, n_sent)
        elif (vf := _VARIANT_FIELD.match(text)) and field_gene and n_sent - field_gene[1] <= 4 and not genes:
            # ("Gene: TP53", "Exon: 8", "cDNA: c.844C>T", "Protein: p.Arg282Trp": the protein change when one is told)
            changes = re.findall(_HGVS, vf.group("v"))
            best = next((c for c in changes if c.startswith("p.")), changes[0] if changes else None)
            if best:
                told_c = field_cdna.pop(field_gene[0], None)
                if best.startswith("p.") and told_c is not None:
                    facts.pop(told_c.key(), None)  # the DNA change of the field before is this protein change
                fact = GenomicFact("mutation", gene=field_gene[0], variant=_hgvs(best))
                add(fact, span)
                if not best.startswith("p."):
                    field_cdna[field_gene[0]] = fact
        covered = [(g.start, g.end) for g in genes]
        # symbols the lexicon does not know, in explicit fusion notation
        for m in [*_RAW_FUSION.finditer(text), *_RAW_FUSION_OF.finditer(text)]:
            if m.group("a") in _NOT_SYMBOLS or m.group("b") in _NOT_SYMBOLS:
                continue  # "RT-PCR chimeric transcript": a method, not two genes
            for grp in ("a", "b"):
                s, e = m.span(grp)
                if not any(a < e and s < b for a, b in covered):
                    genes.append(_Gene(s, e, _partner(m.group(grp)), None))
        for m in [*_RAW_MUTATION.finditer(text), *_RAW_MUTATION_HGVS.finditer(text)]:
            if not any(a < m.end("g") and m.start("g") < b for a, b in covered) and _asserted(text, m.start(), m.end()):
                add(GenomicFact("mutation", gene=m.group("g"), variant=m.group("v")), span)
        # (a gene's own symbol glued to a hotspot is a genotype without more words: "carried BRAFV600E"; a histone
        # hotspot is as often the name of a stain: "H3K27M" needs a word of sequencing)
        for m in _GLUED_EXON_CHANGE.finditer(text):
            sym = m.group("g")
            if (sym in gene_symbols or sym in hgnc.approved()) and sym not in _ABBREVIATIONS \
                    and _asserted(text, m.start(), m.end()):
                kind = (m.group("k") or m.group("k2")).lower()
                kind = _EXON_KIND.get(kind, kind)
                exon = int(m.group("e") or m.group("e2"))
                add(GenomicFact("mutation", gene=sym, exon_change=f"exon {exon} {kind}"), span)
        sequenced = bool(_SEQUENCED.search(text))
        glued = [m for m in _GLUED_HOTSPOT.finditer(text) if m.group("g") in gene_symbols
                 or (sequenced and m.group("g") in ("H3", "H3.3"))]
        if sequenced or glued:
            for m in [*(_RAW_HOTSPOT.finditer(text) if sequenced else ()), *glued]:
                # (its clause, and the words after a bracketed clone name: "BRAFV600E (VE1) immunostain")
                clone = _CLONE_AFTER.match(text, m.end())
                clause = text[clause_start(text, m.start()):max(clause_end(text, m.end()),
                                                                 clone.end() if clone else 0)]
                # (a sentence of stains without a genotyping word tells no genotype: "antibody staining for the
                # mutant histone proteins - H3.3 G34W, ... - was negative")
                # (a symbol HGNC knows, or a histone's: not a word in capitals, "K27M AND G34R")
                sym = m.group("g")
                if sym in _NOT_SYMBOLS or not (sym in gene_symbols or re.fullmatch(r"H\d(?:\.\d)?", sym)
                                               or hgnc.lookup(sym)):
                    continue
                if (not any(a < m.end("g") and m.start("g") < b for a, b in covered) and not _STAINED.search(clause)
                        and not (_STAINED.search(text) and not _GENOTYPED.search(text))
                        and _asserted(text, m.start(), m.end())):
                    v = one_letter(m.group("v"))
                    add(GenomicFact("mutation", gene=_histone(m.group("g"), v, text), variant=v), span)
        for m in _HISTONE_SITE.finditer(text):
            clause = text[clause_start(text, m.start()):clause_end(text, m.end())]
            if not any(a < m.end("g") and m.start("g") < b for a, b in covered) and not _STAINED.search(clause) \
                    and _asserted(text, m.start(), m.end()):
                g = _HISTONE_GENE.get(m.group("g"), m.group("g"))
                add(GenomicFact("mutation", gene=_histone(g, m.group("site"))), span)
        for kind, rx in (("amplification", _REGION_AMP), ("deletion", _REGION_DEL)):
            for m in rx.finditer(text):
                if _asserted(text, m.start(), m.end()):  # the region as one token: "12q13-15"
                    region = re.sub(r"\s|–", lambda x: "" if x.group().isspace() else "-", m.group(1) or m.group(2))
                    add(GenomicFact(kind, gene=region), span)
        for m in _TRANSLOCATION.finditer(text):
            # "AML with t(8;21)", "carried a (2;17) translocation": the fusion the rearrangement makes, when the
            # ontology knows one for it (its bands, when given, choose among several: t(11;22)(q24;q12) is
            # EWSR1::FLI1, (p13;q12) EWSR1::WT1); of several, only the gene they share
            if not _asserted(text, m.start(), m.end()):
                continue
            pair = (m.group("c1") or m.group("d1"), m.group("c2") or m.group("d2"))
            if not m.group("b1") and pair in other_bands:
                continue  # "the inherited t(11;22)", told before as t(11;22)(q23.3;q11.2): not the Ewing one
            made = _made_by(m, translocations)
            if len(made) == 1:
                fid, f5, f3 = made[0]
                add(GenomicFact("fusion", gene5=f5, gene3=f3, term=fid), span)
                by_karyotype.add(GenomicFact("fusion", gene5=f5, gene3=f3).key())
            elif made:
                fives, threes_ = {x[1] for x in made}, {x[2] for x in made}
                if len(fives) == 1:
                    rearranged.append((next(iter(fives)), span, "5"))
                elif len(threes_) == 1:
                    rearranged.append((next(iter(threes_)), span, "3"))
        for m in _PROMOTER.finditer(text):
            if _asserted(text, m.start(), m.end()):
                gene = m.group("g") or m.group("g2")
                add(GenomicFact("mutation", gene=gene, variant=_promoter_variant(gene, m.group("v") or m.group("v2"))),
                    span)
        if (lf := _LABEL_FIRST.match(text)) and _asserted(text, lf.start("list"), lf.end("list")):
            # a result's kind as the label, its genes after it: "- Mutation: TP53", "- Copy number loss: CDKN2A"
            word = lf.group("kind").lower()
            kind = "amplification" if re.search(r"amplif|gain", word) else "deletion" if re.search(
                r"loss|delet", word) else "mutation"
            for g in genes:
                if g.iri is not None and lf.start("list") <= g.start and g.end <= lf.end("list"):
                    add(GenomicFact(kind, gene=g.symbol), span)
        for m in _GENE_LIST.finditer(text):
            if not _asserted(text, m.start(), m.end()):
                continue
            for tok in re.finditer(r"[A-Z][A-Z0-9]{1,9}(?:/[A-Z0-9]{1,2})?", m.group("list")):
                pos = m.start("list") + tok.start()
                listed_as = next((g.symbol for g in genes if g.start <= pos < g.end), None)
                sym = listed_as or tok.group().split("/")[0]
                if sym in _NOT_SYMBOLS or re.fullmatch(r"[ACGTU]+", sym) \
                        or text[m.start("list") + tok.end():].lstrip().startswith(">") \
                        or (listed_as is None and re.fullmatch(r"[A-Z]\d{1,4}[A-Z]", sym)):
                    continue  # ("CGA>C": a nucleotide change, not a gene; nor is "TP53, R337H"'s protein change)
                add(GenomicFact("mutation", gene=sym), span)
                sib = re.search(r"/([A-Z0-9])$", tok.group())
                if sib and sym[-1:].isalpha() == sib.group(1).isalpha():
                    add(GenomicFact("mutation", gene=sym[:-1] + sib.group(1)), span)  # "CDKN2A/B"
        genes.sort(key=lambda g: g.start)
        used: set[int] = set()
        context = bool(_FUSION_CONTEXT.search(text))
        if context or fusion_term:
            for i in range(len(genes) - 1):
                a, b = genes[i], genes[i + 1]
                if a.symbol == b.symbol:
                    continue
                between = text[a.end:b.start]
                bm = _BETWEEN.match(between)
                if not bm:
                    continue
                # without a fusion word, only a pair the ontology knows as a fusion, written as one ("SS18-SSX1")
                # (or a pair each named with its exon or intron: "PHF1(intron 1) - EPC1(exon 10)")
                # (or its junction by the partners' initials: "EML4-ALK (E19:A20)", "variant 1 (E13;A20)")
                jx = _JUNCTION_AFTER.match(text, b.end)
                jx = jx if jx and (jx.group("a"), jx.group("b")) == (a.symbol[0], b.symbol[0]) else None
                told_exons = bool(jx) or bool(re.search(r"exon|intron", between, re.IGNORECASE)) and bool(
                    _EXON_AFTER.match(text[b.end:]))
                if not context and not told_exons and not (
                        (a.symbol, b.symbol) in fusion_term and bm.group("sym") in ("::", "-", "–", "-LOC-")):
                    continue
                if bm.group("conj") and not _FUSION_OF.search(text[max(0, a.start - 40):a.start]):
                    continue
                if bm.group("sym") == "/" and not re.search(r"fusion|rearrang|translocat|chimer|transcript",
                                                            text[b.end:b.end + 40], re.IGNORECASE):
                    continue
                if not _asserted(text, a.start, b.end):
                    continue
                e3 = _EXON_AFTER.match(text[b.end:])
                e5 = bm.group("e5") or bm.group("e5e")
                both = None if (e3 or e5) else _EXONS_AFTER.match(text[b.end:b.end + 60]) or jx
                if both:
                    e5, e3x = both.group("e5") or both.group("f5"), both.group("e3") or both.group("f3")
                fact = GenomicFact("fusion", gene5=a.symbol, gene3=b.symbol,
                                   exon5=int(e5) if e5 else None,
                                   exon3=int(e3.group(1)) if e3 else (int(e3x) if both else None),
                                   term=fusion_term.get((a.symbol, b.symbol)))
                if not e5 and not e3 and not both and fact.term is None and (b.symbol, a.symbol) in fusion_term \
                        and (bm.group("sym") == "/" or (bm.group("sym") in ("-", "–") and a.symbol in _KINASES_3P)):
                    # "MYH11/CBFB fusion": a slash does not say which partner is 5'; the ontology's fusion does (and
                    # a hyphen written with the kinase first, "NTRK1-TPM3", is the ontology's TPM3::NTRK1: the kinase
                    # domain is the 3' part of these fusions)
                    fact = GenomicFact("fusion", gene5=b.symbol, gene3=a.symbol,
                                       term=fusion_term[(b.symbol, a.symbol)])
                elif bm.group("sym") in (None, "/") and not e5 and not e3 and not both and fact.term is None \
                        and a.symbol in threes and b.symbol not in threes:
                    # "ALK was fused to tropomyosin 4 (TPM4)": nor do words; a kinase the ontology's fusions only
                    # ever give 3' is the 3' partner
                    fact = GenomicFact("fusion", gene5=b.symbol, gene3=a.symbol,
                                       term=fusion_term.get((b.symbol, a.symbol)))
                add(fact, span)
                used.update((i, i + 1))
        for m in _GLUED_EXONS.finditer(text):
            g5, g3 = m.group("a"), m.group("b")
            if g5 == g3 or not _asserted(text, m.start(), m.end()):
                continue
            if g5 in gene_symbols and g3 in gene_symbols:
                add(GenomicFact("fusion", gene5=g5, gene3=g3, exon5=int(m.group("e5")), exon3=int(m.group("e3")),
                                term=fusion_term.get((g5, g3))), span)
            else:  # (partners the ontology lacks: the exons of a fusion read elsewhere, never a fusion of their own)
                exon_claims.append((_partner(g5), _partner(g3), int(m.group("e5")), int(m.group("e3"))))
        for m in [*_EXON_OF.finditer(text), *_SYMBOL_EXON.finditer(text)]:
            at = {g.start: g.symbol for g in genes}
            g5, g3 = at.get(m.start("a")), at.get(m.start("b"))
            if (g5 or m.group("a")) == (g3 or m.group("b")) or not _asserted(text, m.start(), m.end()):
                continue
            exon_claims.append((g5 or _partner(m.group("a")), g3 or _partner(m.group("b")), int(m.group("e5")),
                                int(m.group("e3"))))
            if g5 and g3 and context:
                # "fusion of exon 4 of NAB2 with exon 2 of STAT6": the exons name the partners
                add(GenomicFact("fusion", gene5=g5, gene3=g3, exon5=int(m.group("e5")), exon3=int(m.group("e3")),
                                term=fusion_term.get((g5, g3))), span)
        for sym, v in _table_changes(text, genes):
            # a results table with a gene column and a change column: "| PIK3CA | 21 | p.G1007R | missense |"
            add(GenomicFact("mutation", gene=sym, variant=v), span)
        told.append((text, span, genes))
        # a change told without its gene, after the gene's mutation was told: "a rebiopsy found a T790M resistance
        # mutation" (the EGFR of the first biopsy)
        if not genes and last_mutated:
            for m in _BARE_CHANGE.finditer(text):
                if _asserted(text, m.start(), m.end()):
                    add(GenomicFact("mutation", gene=last_mutated, variant=m.group("v")), span)
        for i, g in enumerate(genes):
            if i in used or g.iri is None:
                continue
            pos = g.end  # where the words after the gene begin
            before = text[max(0, g.start - 40):g.start]
            if _HOLDERS_BEFORE.search(text[max(0, g.start - 60):g.start]) or _GROUP_AFTER.match(text[g.end:]):
                continue  # a cohort's: "patients with an EGFR mutation", "the EGFR-mutant comparison group"
            if text.startswith(")", pos) and before.rstrip().endswith("("):
                pos += 1  # "succinate dehydrogenase subunit B (SDHB) mutation": the symbol after its name
            sib = _SIBLING.match(text[pos:pos + 40])
            symbols = [g.symbol]
            if sib and g.symbol[-1:].isalpha() == sib.group("x").isalpha():
                symbols.append(g.symbol[:-1] + sib.group("x"))  # "CDKN2A/B" is CDKN2A and CDKN2B
                pos += sib.end()
            after = text[pos:pos + 40]
            # (a change is read whole, however long its words: "frameshift mutation (c.1021delC, p.Leu341Serfs*23)")
            change_after = text[pos:pos + 120]
            long_after = text[g.end:g.end + 200]
            hv = _VERB_HGVS.match(long_after) or _PLURAL_HGVS.match(long_after)
            if hv and _asserted(text, g.start, g.end + hv.end()):
                found = hv.group("v") if "v" in hv.groupdict() else hv.group("vs")
                if found and found.lower().startswith("c.") and (
                        pa := _PROTEIN_AFTER_CDNA.match(long_after[hv.end():])):
                    found = f"p.{pa.group('v')}"  # "c.563T>C (p.Leu188Pro)": the protein change it makes
                for v in re.findall(_HGVS, found or "") or ([found] if found else []):
                    add(GenomicFact("mutation", gene=g.symbol, variant=_hgvs(v)), span)
                if not found:
                    add(GenomicFact("mutation", gene=g.symbol), span)  # "NF1 testing showed a missense mutation"
                continue
            if (lc := _CHANGES_LISTED.match(long_after)) and _asserted(text, g.start, g.end + lc.end()):
                add(GenomicFact("mutation", gene=g.symbol, variant=one_letter(lc.group("v"))), span)
                rest = long_after[lc.end():]
                while (more := _MORE_CHANGES.match(rest)) and _asserted(text, g.start, g.end + len(long_after)
                                                                         - len(rest) + more.end()):
                    add(GenomicFact("mutation", gene=g.symbol, variant=one_letter(more.group("v"))), span)
                    rest = rest[more.end():]
                continue
            vb = _VARIANT_BEFORE.search(text[max(0, g.start - 80):g.start])
            before_change = _change_before(vb) if vb else None
            if vb and before_change and _asserted(text, g.start - len(text[max(0, g.start - 80):g.start]) + vb.start(),
                                                  g.end):
                add(GenomicFact("mutation", gene=g.symbol, variant=one_letter(before_change)), span)
                continue
            cb = _CDNA_BEFORE.search(text[max(0, g.start - 80):g.start])
            if cb and _asserted(text, g.start - len(text[max(0, g.start - 80):g.start]) + cb.start(), g.end):
                # "the pathogenic variant c.340+1G>A in the VHL gene"
                v = one_letter(cb.group("p")) if cb.group("p") else _cdna(cb.group("v"))
                add(GenomicFact("mutation", gene=g.symbol, variant=v), span)
                continue
            vm = _VARIANT.match(change_after) or _VERB_VARIANT.match(text[g.end:g.end + 90])
            if vm is None and _CHANGE_IN_GENE.search(before):
                vm = _COMMA_CHANGE.match(change_after)  # "a missense change in TP53, R248Q (arginine 248 to ...)"
                # ... or after an appositive and a colon: "a germline mutation in SDHA, the gene for the flavoprotein
                # subunit A ...: c.91C>T, a nonsense change predicted as p.Arg31*"
                ap = None if vm else _APPOSED_CHANGE.match(text, g.end)
                if ap and not any(o.start < ap.end() and o.end > g.end for o in genes if o is not g) \
                        and _asserted(text, g.start, ap.end()):
                    v = ap.group("p") or ap.group("p2")
                    add(GenomicFact("mutation", gene=g.symbol, variant=one_letter(v) if v else _cdna(ap.group("c"))),
                        span)
                    continue
            if vm is None and (cc := _CHANGE_AFTER_COLON.match(text, g.end)) and _asserted(text, g.start, g.end) \
                    and not re.search(r"\b(?:no|not|without|neither|nor)\b", cc.group(), re.IGNORECASE):
                # "the same FH variant as his father: c.1021G>A (p.D341N)", "Testing of FH found a missense change in
                # exon 7: c.1021G>A, which predicts p.Asp341Asn"
                v = cc.group("p")
                add(GenomicFact("mutation", gene=g.symbol, variant=one_letter(v) if v else _cdna(cc.group("c"))),
                    span)
                continue
            if vm is None and _ANALYSIS_OF.search(before) and (sh := _SHOWING_MUTATION.match(text, g.end)) \
                    and not re.search(r"\b(?:no|not|without|neither|nor|any|failed)\b", sh.group(), re.IGNORECASE) \
                    and _asserted(text, g.start, sh.end()):
                # "Mutational analysis of PTEN confirmed it by showing a nonsense point mutation in exon 8"
                ex = re.search(r"\bexon\s*(\d{1,2})\b", text[sh.end():sh.end() + 20])
                add(GenomicFact("mutation", gene=g.symbol, exon_change=f"exon {ex.group(1)} mutation" if ex else None),
                    span)
                continue
            stained = bool(_STAINED.search(text[clause_start(text, g.start):clause_end(text, g.end)])) and not \
                re.search(r"mutat|sequenc|variant", text, re.IGNORECASE)  # "immunostains for ... BRAF V600E"
            if vm and stained:
                continue
            cm = _CDNA.match(change_after)
            if cm and not vm:
                if _asserted(text, g.start, g.end + cm.end()):
                    # (its protein change said after it: "IDH1, c.299G>A, p.Arg100Gln (p.R100Q)")
                    pm = _PROTEIN_AFTER_CDNA.match(change_after[cm.end():])
                    add(GenomicFact("mutation", gene=g.symbol, variant=one_letter(pm.group("v")) if pm
                                    else _cdna(cm.group("v"))), span)
                continue
            if vm and (re.search(r"mutat|variant|p\.", text, re.IGNORECASE)
                       or re.match(r"^[A-Z]\d+[A-Z]$", vm.group("v"))
                       or re.search(r"_\S+" + _CHANGE_NOUN + "$", vm.group("v"))):  # "KIT W557_K558 deletion"
                if _asserted(text, g.start, g.end + vm.end()):
                    add(GenomicFact("mutation", gene=g.symbol, variant=one_letter(vm.group("v"))), span)
                    # the same gene's further changes listed after it: "EGFR L858R and T790M mutations",
                    # "EGFR G719X/L861Q"
                    rest = text[g.end + vm.end():g.end + vm.end() + 120]
                    while (more := _MORE_CHANGES.match(rest)) and _asserted(text, g.start, len(text) - len(rest)
                                                                             + more.end()):
                        add(GenomicFact("mutation", gene=g.symbol, variant=one_letter(more.group("v"))), span)
                        rest = rest[more.end():]
                continue
            ex = _EXON_CHANGE_AFTER.match(after)
            if ex is None and (ix := _CHANGE_IN_EXON.match(after)) and _asserted(text, g.start, g.end + ix.end()):
                # "EGFR: deletion in exon 19": the same, the change named first
                add(GenomicFact("mutation", gene=g.symbol, exon_change=f"exon {ix.group(2)} {ix.group(1).lower()}"),
                    span)
                continue
            if ex and _asserted(text, g.start, g.end + ex.end()):
                # "an EGFR exon 19 deletion", "MET exon 14 skipping": a mutation whose protein change is not told
                add(GenomicFact("mutation", gene=g.symbol, exon_change=f"exon {ex.group(1)} {ex.group(2).lower()}"),
                    span)
                continue
            if _ITD_AFTER.match(change_after) or _ITD_BEFORE.search(before):
                if _asserted(text, g.start, g.end):
                    # (an ITD has no protein change: GOLD.md's variant is then null; the change is kept as its exon's)
                    add(GenomicFact("mutation", gene=g.symbol, exon_change="internal tandem duplication"), span)
                continue
            if _QUALIFIED_BEFORE.search(before) and _ALTERATION_AFTER.match(after):
                # "the pathogenic BRCA2 alteration was confirmed", "germline BRCA2 was found": a mutation
                if _asserted(text, g.start, g.end):
                    add(GenomicFact("mutation", gene=g.symbol), span)
                continue
            wide = text[max(0, g.start - 120):g.start]
            # (the symbol in brackets after the gene's name: "a germline mutation in the succinate dehydrogenase
            # subunit C gene (SDHC)" is read as if the symbol stood where the name does)
            if wide.endswith("(") and text.startswith(")", g.end):
                for n_words in range(1, 7):
                    nm = re.search(rf"(?:[\w-]+\s+){{{n_words}}}(?:gene\s+)?\(\s*$", wide)
                    if nm and _MUTATION_BEFORE.search(wide[:nm.start()]):
                        wide = wide[:nm.start()]
                        break
            if (pg := _POSITIVE_GENOTYPE.match(after)) and _asserted(text, g.start, g.end + pg.end()):
                add(GenomicFact("mutation", gene=g.symbol), span)  # "BRAF: positive (mutation detected)"
                continue
            mw = _MUTATION_WORD.match(after)
            if mw or (_MUTATION_BEFORE.search(wide) and not _STAINED.search(before)) or (
                    _BIALLELIC_BEFORE.search(before) and _INACTIVATION_AFTER.match(after)):
                if _asserted(text, g.start, g.end):
                    # (its exon, when told: "an activating EGFR mutation in exon 19", "a KIT exon 11 mutation": a
                    # change of its own, beside a later "T790M")
                    em = mw and (re.search(r"exon\s*(\d{1,2})", mw.group()) or _IN_EXON.match(after[mw.end():]))
                    add(GenomicFact("mutation", gene=g.symbol,
                                    exon_change=f"exon {em.group(1)} mutation" if em else None), span)
                continue
            if lm := _LISTED_MUTATIONS.match(after):
                if _asserted(text, g.start, pos + lm.end()):  # (what is said after the list is said of each)
                    add(GenomicFact("mutation", gene=g.symbol), span)
                continue
            fish = ((_FISH_BEFORE.search(before) and _POSITIVE_AFTER.match(after)
                     and _BREAK_APART.search(text))  # "FISH for the FOXO1 gene was positive: ... separated signals"
                    or ((_FISH_BEFORE.search(before) or _PROBE_AFTER.match(after))
                        and (sf := _SPLIT_FOUND.match(text[g.end:g.end + 120]))
                        and _asserted(text, g.start, g.end + sf.end())))
            if _REARRANGED_AFTER.match(after) or _REARRANGED_BEFORE.search(text[max(0, g.start - 100):g.start]) \
                    or fish:
                if _asserted(text, g.start, g.end):
                    # (the side a hyphen gives it, beside a partner not read: "the Alpha-TFEB fusion" is 3' TFEB)
                    side = "3" if _HYPHEN_BEFORE.search(text, 0, g.start) else "5" if _HYPHEN_AFTER.match(
                        text, g.end) else None
                    rearranged.append((g.symbol, span, side))
                continue
            ab = _AMP_BEFORE.search(text, max(0, g.start - 160), g.start)
            if _AMP_AFTER.match(after) or ab:
                # (a gain said before the gene is asserted from its word on: "loss of CDKN2A and gain of MDM2" does
                # not negate the gain)
                if _asserted(text, g.start, g.end) or (ab is not None and _asserted_item(text, ab.start(), g.end)):
                    for sym in symbols:
                        add(GenomicFact("amplification", gene=sym), span)
                continue
            lm = _LOSS_BEFORE.search(text, max(0, g.start - 160), g.start)
            # (the loss is the finding: whether it is asserted is read from the word "loss" on)
            lost = bool(lm and _GENOTYPED.search(text) and not _PROTEIN_AFTER.match(after)
                        and not _STAINED.search(before) and _asserted_item(text, lm.start(), g.end))
            if lost:
                for sym in symbols:
                    add(GenomicFact("deletion", gene=sym), span)
                continue
            if (dm := _DEL_AFTER.match(change_after)) and (sc := _SMALL_CHANGE_AFTER.match(change_after, dm.end())) \
                    and _asserted(text, g.start, g.end):
                # a small deletion told by its change: "the same deleterious GATA2 deletion, c.1116_1130del15" is a
                # mutation, not a loss of the gene
                add(GenomicFact("mutation", gene=g.symbol, variant=_hgvs(sc.group("v"))), span)
                continue
            if dm or _DEL_BEFORE.search(text[max(0, g.start - 160):g.start]):
                # (a stain's loss is no deletion: "Immunohistochemistry: ATRX loss", unless a genotype is told too)
                lost_stain = dm is not None and dm.group().rstrip().lower().endswith("loss") \
                    and bool(_STAINED.search(text)) and not _GENOTYPED.search(text)
                if _asserted(text, g.start, g.end) and not lost_stain:
                    for sym in symbols:
                        add(GenomicFact("deletion", gene=sym), span)
    # a gene's "deletion" whose small deletion the text tells ("MAP2K1 p.E102_I103del", then "the activating MAP2K1
    # deletion") is that change, not a loss of the gene
    small_del = {f.gene for f in facts.values() if f.kind == "mutation" and f.variant and "del" in f.variant
                 and "delins" not in f.variant}
    for k, f in list(facts.items()):
        if f.kind == "deletion" and f.gene in small_del:
            del facts[k]
    # a change a later test refuted: "qPCR reported a BRAF V600E mutation", then "Sanger sequencing found no V600E"
    # or "The qPCR 'V600E' result was therefore not correct"
    for k, f in list(facts.items()):
        if f.kind != "mutation" or not f.variant or not re.fullmatch(r"[A-Z]\d{1,4}[A-Z*]", f.variant):
            continue
        first = min((told.index(t) for t in told for e in f.evidence if t[1] is e), default=None)
        v = re.escape(f.variant)
        refuted = re.compile(rf"\b(?:no|without)\s+(?:\w+\s+){{0,2}}?{v}\b(?!\s*-?\s*(?:negative|wild))"
                             rf"|\b{v}\W{{0,3}}\s+(?:(?:result|call|finding|mutation)\W{{0,3}}\s+)?(?:was|were)\s+"
                             rf"(?:therefore\s+|thus\s+)?(?:not\s+(?:confirmed|correct|real|true|reproduced)|wrong"
                             rf"|incorrect|false|a\s+false)", re.IGNORECASE)
        if first is not None and any(refuted.search(t[0]) for t in told[first + 1:]):
            del facts[k]
    for text, span, genes in told:
        _origins(text, span, genes, facts)
    # the exons said apart from the fusion's name, in another sentence or for partners the ontology lacks:
    # "chimeric transcript: exon 5 of FUS joined to exon 2 of POU5F1", then "FUS::POU5F1 fusion"
    for f in facts.values():
        if f.kind == "fusion" and f.exon5 is None and f.exon3 is None:
            claim = next(((e5, e3) for g5, g3, e5, e3 in exon_claims if (g5, g3) == (f.gene5, f.gene3)), None)
            if claim:
                f.exon5, f.exon3 = claim
    # a gene rearranged with a partner not named is a fusion of one known partner, unless a named fusion holds it
    # (break-apart FISH, then the transcript): on the side the ontology's fusions give it ("NTRK1" 3', "FUS" 5')
    named_partners = {x for f in facts.values() if f.kind == "fusion" for x in (f.gene5, f.gene3)}
    for sym, sp, side in rearranged:
        # a "clonal IGH rearrangement" is the lymphocytes' own recombination (a clonality test), not a fusion
        if sym not in named_partners and sym not in _RECOMBINING_LOCI:
            three = side == "3" or (side is None and (sym in threes or sym in _KINASES_3P))
            add(GenomicFact("fusion", gene5=None if three else sym, gene3=sym if three else None), sp)
    # a rearrangement told by its chromosomes is the fusion the text names for them, not the ontology's other fusion
    # of the same chromosomes: "the alternative t(12;22) EWS-DDIT3 rearrangement" is not EWSR1::ATF1, and a t(X;17)
    # beside a named USP9X-USP6 fusion is not ASPSCR1::TFE3 (a rearrangement alone keeps the ontology's fusion)
    for k, f in list(facts.items()):
        if f.kind != "fusion" or f.key() not in by_karyotype or (f.gene5 in named_genes and f.gene3 in named_genes):
            continue
        others = [o for o in facts.values() if o is not f and o.kind == "fusion" and o.gene5 in named_genes
                  and o.gene3 in named_genes]
        if any(any(e in o.evidence for e in f.evidence) for o in others) or (
                others and f.gene5 not in named_genes and f.gene3 not in named_genes):
            del facts[k]
    # a fusion named by a partner's family ("the SYT-SSX fusion transcripts" of a method) when a member's is told
    # ("SYT-SSX1 fusion transcript detected"): the member's
    for k, f in list(facts.items()):
        if f.kind == "fusion" and f.gene5 and f.gene3 and any(
                o is not f and o.kind == "fusion" and (
                    (o.gene5 == f.gene5 and o.gene3 and o.gene3 != f.gene3 and re.fullmatch(
                        re.escape(f.gene3) + r"\d{1,2}", o.gene3))
                    or (o.gene3 == f.gene3 and o.gene5 and o.gene5 != f.gene5 and re.fullmatch(
                        re.escape(f.gene5) + r"\d{1,2}", o.gene5)))
                for o in facts.values()):
            del facts[k]
    # a fusion written with an old symbol the ontology does not hold ("EWS-ERG ..., the product of t(21;22)") is the
    # one its rearrangement names with the current symbols, in the same sentence
    hgnc_approved = hgnc.approved()

    def approved(symbol: str | None) -> bool:
        return symbol in gene_symbols or symbol in hgnc_approved

    for k, f in list(facts.items()):
        if f.kind != "fusion" or not f.gene5 or not f.gene3 or (approved(f.gene5) and approved(f.gene3)):
            continue
        if any(o is not f and o.kind == "fusion" and approved(o.gene5) and approved(o.gene3)
               and (o.gene3 == f.gene3 or o.gene5 == f.gene5)
               and any(e in o.evidence for e in f.evidence) for o in facts.values()):
            del facts[k]
    # one change told in both notations ("c.7109T>A (p.Val2370Asp)" in one sentence, "c.7109T>A" in another) is its
    # protein change
    for k, f in list(facts.items()):
        if f.kind == "mutation" and f.variant and f.variant.startswith("c.") and any(
                o.kind == "mutation" and o.gene == f.gene and o.variant and not o.variant.startswith("c.")
                and any(f.variant in re.sub(r"\s", "", str(e.get("text", ""))) for e in o.evidence)
                for o in facts.values()):
            del facts[k]
    # a synonymous change ("c.414A>G, p.Pro138Pro") changes no residue: it is told by its DNA change
    for f in facts.values():
        if f.kind == "mutation" and f.variant and (syn := _SYNONYMOUS.match(f.variant)):
            for e in f.evidence:
                if cm := re.search(rf"(?P<c>{_C_CHANGE})[\s,;(]{{0,4}}p\.\s?\(?[A-Za-z]{{1,3}}{syn.group(2)}(?!\d)",
                                   str(e.get("text", ""))):
                    f.variant = _cdna(cm.group("c"))
                    break
    # the BCR::ABL1 transcript named by its junction ("the e1a2 BCR-ABL1 fusion transcript", "b3a2"): its exons
    for f in facts.values():
        if f.kind == "fusion" and (f.gene5, f.gene3) == ("BCR", "ABL1") and f.exon5 is None and f.exon3 is None:
            jm = next((m for e in f.evidence for m in [_BCR_ABL_JUNCTION.search(str(e.get("text", "")))] if m), None)
            if jm:
                f.exon5 = _B_EXONS.get(jm.group(1).lower(), None) or int(jm.group(1)[1:])
                f.exon3 = int(jm.group(2))
    # a mutation without a variant is dropped when the same gene has one with a variant
    out = list(facts.values())
    # a codon told alone ("ALK: F1174 mutation") when the change at that codon is told ("ALKF1174L")
    codons = {(f.gene, f.variant[:-1]) for f in out if f.kind == "mutation" and f.variant
              and re.fullmatch(r"[A-Z]\d{1,4}[A-Z*]", f.variant)}
    out = [f for f in out if not (f.kind == "mutation" and f.variant and re.fullmatch(r"[A-Z]\d{1,4}", f.variant)
                                  and (f.gene, f.variant) in codons)]
    # (a codon told alone is no change: "BRAF: V600 mutation DETECTED" is a BRAF mutation whose change is not given)
    merged: dict[tuple[object, ...], GenomicFact] = {}
    for f in out:
        if f.kind == "mutation" and f.variant and re.fullmatch(r"[A-Z]\d{1,4}", f.variant):
            f.variant = None
        if (same := merged.get(f.key())) is not None:
            for e in f.evidence:
                add_evidence(same.evidence, e)
        else:
            merged[f.key()] = f
    out = list(merged.values())
    with_variant = {f.gene for f in out if f.kind == "mutation" and (f.variant or f.exon_change)}
    # ... or a copy-number change told in the same sentence ("EGFR amplification", loosely called an "EGFR
    # amplification mutation"; a change told apart is a second hit: "a constitutional substitution ... of NF2", then
    # "a large deletion taking out the entire NF2 gene")
    copy_told = {(f.gene, str(e.get("text"))) for f in out if f.kind in ("amplification", "deletion")
                 for e in f.evidence}
    copied = {f.gene for f in out if f.kind in ("amplification", "deletion")}
    with_variant |= {f.gene for f in out if f.kind == "mutation" and f.gene in copied and not any(
        (f.gene, str(e.get("text"))) not in copy_told and _CHANGE_KIND.search(str(e.get("text"))) for e in f.evidence)}
    # ... and a family name ("H3 K27M") when a gene of it has the same change ("H3F3A K27M", read as H3-3A)
    named = {(f.gene, f.variant) for f in out if f.kind == "mutation" and f.variant}
    # (the origin the dropped telling gave stays with the gene's change: "a germline TP53 variant", then "a TP53
    # variant in exon 5")
    for f in out:
        if f.kind == "mutation" and not f.variant and not f.exon_change and f.gene in with_variant and f.origin:
            for o in out:
                if o.kind == "mutation" and o.gene == f.gene and (o.variant or o.exon_change) and o.origin is None:
                    o.origin = f.origin
    return [f for f in out if not (f.kind == "mutation" and not f.variant and not f.exon_change
                                   and f.gene in with_variant)
            and not (f.kind == "mutation" and f.variant and any(
                v == f.variant and g != f.gene and (g or "").startswith(f.gene or "") for g, v in named))]
