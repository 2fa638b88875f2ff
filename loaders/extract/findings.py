"""Small findings: imaging modalities, symptoms, the compartment, tumour size and necrosis.

Modalities, symptoms and compartments come from the lexicon (negated and hedged mentions
dropped: "angiography was not performed"); size and necrosis are notation.

>>> size_cm("The tumor measured approximately 11.26 cm x 7.29 cm.")
11.26
>>> size_cm("an intradural mass of 18 x 27 x 19 mm")
2.7
>>> necrosis("showing tumor necrosis of approximately 70%")
70
"""

from __future__ import annotations

import re

from spinekg.loaders.extract.lexmatch import Mention
from spinekg.loaders.extract.negation import status
from spinekg.loaders.extract.sentences import add_evidence

_DIM = r"\d{1,3}(?:[.,]\d{1,2})?"
_SIZE = re.compile(rf"\b({_DIM})\s*(cm|mm)?\s*(?:[x×*]\s*({_DIM})\s*(cm|mm)?\s*)?(?:[x×*]\s*({_DIM})\s*)?(cm|mm)\b",
                   re.I)
_SIZE_CONTEXT = re.compile(r"tumou?r|mass|lesion|measur|size|diameter|dimension", re.I)
_NOT_TUMOR_SIZE = re.compile(r"specimen|stalk|margin|incision|defect|cyst\b|node", re.I)
_NECROSIS = re.compile(r"necrosis\s+(?:\w+\s+){0,3}?(?:of\s+)?(?:approximately\s+|about\s+|~\s*)?(\d{1,3})\s*%"
                       r"|(\d{1,3})\s*%\s+(?:\w+\s+){0,2}?necrosis", re.I)
_NO_NECROSIS = re.compile(r"\bno\s+(?:\w+\s+){0,4}?necrosis\b|\bwithout\s+necrosis\b", re.I)


def size_cm(text: str) -> float | None:
    """The largest dimension of the tumour a sentence gives, in cm."""
    if not _SIZE_CONTEXT.search(text):
        return None
    best = None
    for m in _SIZE.finditer(text):
        if _NOT_TUMOR_SIZE.search(text[max(0, m.start() - 60):m.start()]):
            continue
        unit = m.group(6).lower()
        vals = [float(v.replace(",", ".")) for v in (m.group(1), m.group(3), m.group(5)) if v]
        v = max(vals) / (10 if unit == "mm" else 1)
        best = v if best is None else max(best, v)
    return round(best, 2) if best is not None else None


def necrosis(text: str) -> int | None:
    m = _NECROSIS.search(text)
    if m:
        return int(m.group(1) or m.group(2))
    return 0 if _NO_NECROSIS.search(text) else None


def lexical_findings(sentences: list[tuple[str, int, dict[str, object], list[Mention]]], kind: str,
                     labels: dict[str, str]) -> list[dict[str, object]]:
    """Asserted mentions of one kind, one item per term: {label, term, evidence}."""
    out: dict[str, dict[str, object]] = {}
    for text, base, span, mentions in sentences:
        for m in mentions:
            if m.kind != kind or status(text, m.start - base, m.end - base, proposals=False) is not None:
                continue
            if kind == "imaging" and re.match(r"^[\s-]*guided", text[m.end - base:]):
                continue  # "CT-guided biopsy" is a biopsy, not an imaging study
            item = out.setdefault(m.iri, {"label": labels.get(m.iri, m.surface), "term": m.iri, "evidence": []})
            ev = item["evidence"]
            assert isinstance(ev, list)
            add_evidence(ev, span)
    return list(out.values())
