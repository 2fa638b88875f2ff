"""The field checks of the case record, and the closed value sets they check against.

Each check takes the raw value and a ``Ctx`` (where in the record it sits) and returns the
clean value or raises ``RecordError`` naming the field.

>>> opt_num(" 4", Ctx("a.txt", "patient.age_years"))
Traceback (most recent call last):
...
spinekg.errors.RecordError: a.txt: patient.age_years: expected a number, got str ' 4'
"""

from __future__ import annotations

import math
import re
from typing import Any

from spinekg.errors import RecordError
from spinekg.levels import canonical_level, sort_levels

SEXES = ("female", "male")
RESULTS = ("positive", "negative", "equivocal")
GENOMIC_KINDS = ("fusion", "mutation", "amplification", "deletion")
#: where a variant is: inherited in every cell, or acquired in the tumour only
ALLELE_ORIGINS = ("germline", "somatic")
CATEGORIES = ("biopsy", "surgery", "radiotherapy", "chemotherapy", "targeted_therapy",
              "immunotherapy", "other_drug", "embolization")
#: the last status a report gives; "alive" and "died" when it says no more (as a Phenopacket's vital status does)
STATUSES = ("no evidence of disease", "alive with disease", "died of disease", "died of other cause", "alive", "died")
METHODS = ("curated", "text_mined", "inferred")
SCALES = ("frankel", "asia", "mrc")
ASSESSED = ("presentation", "postoperative", "follow-up")
#: what a relative time is counted from ("previous event": "three months later", "after 2 weeks")
TIMING_ANCHORS = ("presentation", "previous event", "surgery", "radiotherapy", "chemotherapy", "biopsy",
                  "treatment")
GRADE = {"frankel": re.compile(r"^[A-E]$"), "asia": re.compile(r"^[A-E]$"), "mrc": re.compile(r"^[0-5][+-]?$")}
GENE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,30}$")
MAX_TEXT = 20_000


class Ctx:
    """Where in a record a value sits, for error messages."""

    def __init__(self, document: str | None, path: str = "") -> None:
        self.document = document
        self.path = path

    def at(self, key: str | int) -> Ctx:
        sub = f"{self.path}[{key}]" if isinstance(key, int) else (f"{self.path}.{key}" if self.path else key)
        return Ctx(self.document, sub)

    def fail(self, message: str, value: object = None) -> RecordError:
        return RecordError(message, document=self.document, field=self.path or None, value=value)


def opt_str(v: Any, ctx: Ctx, *, max_len: int = MAX_TEXT) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise ctx.fail(f"expected text, got {type(v).__name__}", v)
    if len(v) > max_len:
        raise ctx.fail(f"text longer than {max_len} characters", v)
    return v.strip() or None


def opt_num(v: Any, ctx: Ctx, *, lo: float | None = None, hi: float | None = None,
            integer: bool = False) -> float | int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ctx.fail(f"expected a number, got {type(v).__name__} {v!r}", v)
    if not math.isfinite(v):
        raise ctx.fail(f"expected a finite number, got {v!r}", v)
    if lo is not None and v < lo:
        raise ctx.fail(f"{v!r} is below {lo:g}", v)
    if hi is not None and v > hi:
        raise ctx.fail(f"{v!r} is above {hi:g}", v)
    if integer:
        if float(v) != int(v):
            raise ctx.fail(f"expected a whole number, got {v!r}", v)
        return int(v)
    return int(v) if isinstance(v, int) else float(v)


def opt_bool(v: Any, ctx: Ctx) -> bool | None:
    if v is None or isinstance(v, bool):
        return v
    raise ctx.fail(f"expected true, false or null, got {v!r}", v)


def choice(v: Any, ctx: Ctx, allowed: tuple[str, ...], *, required: bool = False) -> str | None:
    s = opt_str(v, ctx)
    if s is None:
        if required:
            raise ctx.fail("is required")
        return None
    low = s.lower()
    if low not in allowed:
        raise ctx.fail(f"{s!r} is not one of {', '.join(allowed)}", v)
    return low


def as_list(v: Any, ctx: Ctx) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise ctx.fail(f"expected a list, got {type(v).__name__}", v)
    return v


def as_dict(v: Any, ctx: Ctx) -> dict[str, Any]:
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise ctx.fail(f"expected an object, got {type(v).__name__}", v)
    return v


def strs(v: Any, ctx: Ctx) -> tuple[str, ...]:
    out = []
    for i, x in enumerate(as_list(v, ctx)):
        s = opt_str(x, ctx.at(i), max_len=500)
        if s:
            out.append(s)
    return tuple(out)


def gene_symbol(v: Any, ctx: Ctx, *, required: bool = False) -> str | None:
    s = opt_str(v, ctx, max_len=40)
    if s is None:
        if required:
            raise ctx.fail("is required")
        return None
    if not GENE_RE.match(s):
        raise ctx.fail(f"{s!r} is not a gene symbol", v)
    return s


def vertebral_levels(v: Any, ctx: Ctx) -> tuple[str, ...]:
    out = []
    for i, x in enumerate(as_list(v, ctx)):
        label = x.get("label") if isinstance(x, dict) else x
        if not isinstance(label, str):
            raise ctx.at(i).fail(f"expected a vertebral level, got {label!r}", label)
        lvl = canonical_level(label)
        if lvl is None:
            raise ctx.at(i).fail(f"unknown vertebral level {label!r} (expected C1-C7, T1-T12, L1-L5, "
                                 "S1-S5, sacrum or coccyx)", label)
        out.append(lvl)
    return tuple(sort_levels(out))
