"""The case record: one typed, frozen record from loaders to the graph builder.

Its JSON face is ../shared/eval/CASE-RECORD.md: ``CaseRecord.from_dict`` validates a dict
(curated JSON/YAML, or what the extractor builds) and ``to_dict`` gives it back. Each fact
carries its evidence (the sentence and character span it came from) and the ontology term
it was grounded to.

>>> rec = CaseRecord.from_dict({"document": "a.txt", "patient": {"age_years": 43, "sex": "female"},
...                             "vertebrae": ["T11", "t12"]})
>>> rec.vertebrae
('T11', 'T12')
>>> rec.to_dict()["patient"]["age_years"]
43
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from typing import Any

from spinekg.errors import RecordError
from spinekg.levels import canonical_level, sort_levels

SEXES = ("female", "male")
RESULTS = ("positive", "negative", "equivocal")
GENOMIC_KINDS = ("fusion", "mutation", "amplification", "deletion")
CATEGORIES = ("biopsy", "surgery", "radiotherapy", "chemotherapy", "targeted_therapy",
              "immunotherapy", "other_drug", "embolization")
STATUSES = ("no evidence of disease", "alive with disease", "died of disease", "died of other cause")
METHODS = ("curated", "text_mined", "inferred")
SCALES = ("frankel", "asia", "mrc")
ASSESSED = ("presentation", "postoperative", "follow-up")
#: what a relative time is counted from ("previous event": "three months later", "after 2 weeks")
TIMING_ANCHORS = ("presentation", "previous event", "surgery", "radiotherapy", "chemotherapy", "biopsy",
                  "treatment")
_GRADE = {"frankel": re.compile(r"^[A-E]$"), "asia": re.compile(r"^[A-E]$"), "mrc": re.compile(r"^[0-5][+-]?$")}
GENE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,30}$")
MAX_TEXT = 20_000


class _Ctx:
    """Where in a record a value sits, for error messages."""

    def __init__(self, document: str | None, path: str = "") -> None:
        self.document = document
        self.path = path

    def at(self, key: str | int) -> _Ctx:
        sub = f"{self.path}[{key}]" if isinstance(key, int) else (f"{self.path}.{key}" if self.path else key)
        return _Ctx(self.document, sub)

    def fail(self, message: str, value: object = None) -> RecordError:
        return RecordError(message, document=self.document, field=self.path or None, value=value)


def _opt_str(v: Any, ctx: _Ctx, *, max_len: int = MAX_TEXT) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise ctx.fail(f"expected text, got {type(v).__name__}", v)
    if len(v) > max_len:
        raise ctx.fail(f"text longer than {max_len} characters", v)
    return v.strip() or None


def _opt_num(v: Any, ctx: _Ctx, *, lo: float | None = None, hi: float | None = None,
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


def _opt_bool(v: Any, ctx: _Ctx) -> bool | None:
    if v is None or isinstance(v, bool):
        return v
    raise ctx.fail(f"expected true, false or null, got {v!r}", v)


def _choice(v: Any, ctx: _Ctx, allowed: tuple[str, ...], *, required: bool = False) -> str | None:
    s = _opt_str(v, ctx)
    if s is None:
        if required:
            raise ctx.fail("is required")
        return None
    low = s.lower()
    if low not in allowed:
        raise ctx.fail(f"{s!r} is not one of {', '.join(allowed)}", v)
    return low


def _list(v: Any, ctx: _Ctx) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise ctx.fail(f"expected a list, got {type(v).__name__}", v)
    return v


def _dict(v: Any, ctx: _Ctx) -> dict[str, Any]:
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise ctx.fail(f"expected an object, got {type(v).__name__}", v)
    return v


def _strs(v: Any, ctx: _Ctx) -> tuple[str, ...]:
    out = []
    for i, x in enumerate(_list(v, ctx)):
        s = _opt_str(x, ctx.at(i), max_len=500)
        if s:
            out.append(s)
    return tuple(out)


def _gene(v: Any, ctx: _Ctx, *, required: bool = False) -> str | None:
    s = _opt_str(v, ctx, max_len=40)
    if s is None:
        if required:
            raise ctx.fail("is required")
        return None
    if not GENE_RE.match(s):
        raise ctx.fail(f"{s!r} is not a gene symbol", v)
    return s


@dataclass(frozen=True)
class Span:
    """A stretch of a document's text that supports a fact."""

    text: str
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and not (0 <= self.start <= self.end):
            raise RecordError(f"bad character span {self.start}..{self.end}", field="evidence")

    @classmethod
    def from_any(cls, v: Any, ctx: _Ctx) -> Span:
        if isinstance(v, str):
            return cls(text=v[:MAX_TEXT])
        d = _dict(v, ctx)
        text = _opt_str(d.get("text", d.get("sentence")), ctx.at("text")) or ""
        start = _opt_num(d.get("start"), ctx.at("start"), lo=0, integer=True)
        end = _opt_num(d.get("end"), ctx.at("end"), lo=0, integer=True)
        if start is not None and end is not None and end < start:
            raise ctx.fail(f"span end {end} is before start {start}")
        return cls(text=text, start=start, end=end)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


def _evidence(v: Any, ctx: _Ctx) -> tuple[Span, ...]:
    if v is None:
        return ()
    if isinstance(v, (str, dict)):
        v = [v]
    return tuple(Span.from_any(x, ctx.at(i)) for i, x in enumerate(_list(v, ctx)))


def _ev_dict(ev: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [s.to_dict() for s in ev]


@dataclass(frozen=True)
class Source:
    """The publication a case comes from."""

    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    authors: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> Source:
        d = _dict(d, ctx)
        pmid = d.get("pmid")
        if isinstance(pmid, int) and not isinstance(pmid, bool):
            pmid = str(pmid)
        doi = _opt_str(d.get("doi"), ctx.at("doi"), max_len=300)
        if doi and not re.match(r"^10\.\d{4,9}/\S+$", doi):
            raise ctx.at("doi").fail(f"{doi!r} is not a DOI", doi)
        pm = _opt_str(pmid, ctx.at("pmid"), max_len=20)
        if pm and not pm.isdigit():
            raise ctx.at("pmid").fail(f"{pm!r} is not a PubMed ID", pm)
        return cls(
            url=_opt_str(d.get("url"), ctx.at("url"), max_len=2000),
            doi=doi,
            pmid=pm,
            pmcid=_opt_str(d.get("pmcid"), ctx.at("pmcid"), max_len=20),
            title=_opt_str(d.get("title"), ctx.at("title"), max_len=2000),
            journal=_opt_str(d.get("journal"), ctx.at("journal"), max_len=500),
            year=_opt_num(d.get("year"), ctx.at("year"), lo=1800, hi=2100, integer=True),  # type: ignore[arg-type]
            authors=_strs(d.get("authors"), ctx.at("authors")),
        )

    @classmethod
    def parse(cls, d: Any, document: str | None = None) -> Source:
        """Validate a source dict on its own (errors name the field under 'source')."""
        return cls.from_dict(d, _Ctx(document, "source"))

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "doi": self.doi, "pmid": self.pmid, "pmcid": self.pmcid, "title": self.title,
                "journal": self.journal, "year": self.year, "authors": list(self.authors)}


@dataclass(frozen=True)
class Patient:
    age_years: float | int | None = None
    sex: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> Patient:
        d = _dict(d, ctx)
        return cls(
            age_years=_opt_num(d.get("age_years"), ctx.at("age_years"), lo=0, hi=130),
            sex=_choice(d.get("sex"), ctx.at("sex"), SEXES),
            evidence=_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"age_years": self.age_years, "sex": self.sex, "evidence": _ev_dict(self.evidence)}


@dataclass(frozen=True)
class Diagnosis:
    label: str | None = None
    accept: tuple[str, ...] = ()
    grade: str | None = None
    primary: bool | None = None
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> Diagnosis:
        d = _dict(d, ctx)
        grade = d.get("grade")
        if isinstance(grade, (int, float)) and not isinstance(grade, bool):
            grade = str(grade)
        return cls(
            label=_opt_str(d.get("label"), ctx.at("label"), max_len=300),
            accept=_strs(d.get("accept"), ctx.at("accept")),
            grade=_opt_str(grade, ctx.at("grade"), max_len=100),
            primary=_opt_bool(d.get("primary"), ctx.at("primary")),
            term=_opt_str(d.get("term"), ctx.at("term"), max_len=500),
            evidence=_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "accept": list(self.accept), "grade": self.grade, "primary": self.primary,
                "term": self.term, "evidence": _ev_dict(self.evidence)}


@dataclass(frozen=True)
class Marker:
    name: str
    result: str | None = None
    value_percent: float | int | None = None
    pattern: str | None = None
    accept: tuple[str, ...] = ()
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> Marker:
        d = _dict(d, ctx)
        name = _opt_str(d.get("name"), ctx.at("name"), max_len=100)
        if not name:
            raise ctx.at("name").fail("is required")
        return cls(
            name=name,
            result=_choice(d.get("result"), ctx.at("result"), RESULTS),
            value_percent=_opt_num(d.get("value_percent"), ctx.at("value_percent"), lo=0, hi=100),
            pattern=_opt_str(d.get("pattern"), ctx.at("pattern"), max_len=100),
            accept=_strs(d.get("accept"), ctx.at("accept")),
            term=_opt_str(d.get("term"), ctx.at("term"), max_len=500),
            evidence=_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "result": self.result, "value_percent": self.value_percent,
                "pattern": self.pattern, "accept": list(self.accept), "term": self.term,
                "evidence": _ev_dict(self.evidence)}


@dataclass(frozen=True)
class GenomicFinding:
    kind: str
    gene5: str | None = None
    gene3: str | None = None
    exon5: int | None = None
    exon3: int | None = None
    gene: str | None = None
    variant: str | None = None
    method: str | None = None
    accept_gene: tuple[str, ...] = ()
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> GenomicFinding:
        d = _dict(d, ctx)
        kind = _choice(d.get("kind"), ctx.at("kind"), GENOMIC_KINDS, required=True)
        assert kind is not None
        fusion = kind == "fusion"
        g = cls(
            kind=kind,
            gene5=_gene(d.get("gene5"), ctx.at("gene5"), required=False),
            gene3=_gene(d.get("gene3"), ctx.at("gene3"), required=fusion),
            exon5=_opt_num(d.get("exon5"), ctx.at("exon5"), lo=0, hi=500, integer=True),  # type: ignore[arg-type]
            exon3=_opt_num(d.get("exon3"), ctx.at("exon3"), lo=0, hi=500, integer=True),  # type: ignore[arg-type]
            gene=_gene(d.get("gene"), ctx.at("gene"), required=not fusion),
            variant=_opt_str(d.get("variant"), ctx.at("variant"), max_len=100),
            method=_opt_str(d.get("method"), ctx.at("method"), max_len=100),
            accept_gene=_strs(d.get("accept_gene"), ctx.at("accept_gene")),
            term=_opt_str(d.get("term"), ctx.at("term"), max_len=500),
            evidence=_evidence(d.get("evidence"), ctx.at("evidence")),
        )
        return g

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "fusion":
            out.update(gene5=self.gene5, gene3=self.gene3, exon5=self.exon5, exon3=self.exon3)
        else:
            out.update(gene=self.gene, variant=self.variant)
            if self.accept_gene:
                out["accept_gene"] = list(self.accept_gene)
        out.update(method=self.method, term=self.term, evidence=_ev_dict(self.evidence))
        return out


@dataclass(frozen=True)
class Timing:
    """A relative time as written ("three months later"), and where it can be computed, its months after an anchor.

    >>> Timing.parse({"text": "two years after surgery", "months": 24, "relative_to": "surgery"}).months
    24
    """

    text: str
    months: float | int | None = None
    relative_to: str | None = None

    @classmethod
    def from_any(cls, v: Any, ctx: _Ctx) -> Timing | None:
        if v is None or isinstance(v, str):
            s = _opt_str(v, ctx, max_len=200)
            return cls(text=s) if s else None
        d = _dict(v, ctx)
        text = _opt_str(d.get("text"), ctx.at("text"), max_len=200)
        months = _opt_num(d.get("months"), ctx.at("months"), lo=0, hi=1200)
        if not text and months is None:
            return None
        return cls(text=text or "", months=months,
                   relative_to=_choice(d.get("relative_to"), ctx.at("relative_to"), TIMING_ANCHORS))

    @classmethod
    def parse(cls, v: Any) -> Timing | None:
        return cls.from_any(v, _Ctx(None, "timing"))

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "months": self.months, "relative_to": self.relative_to}


def _timing_dict(t: Timing | None) -> dict[str, Any] | None:
    return t.to_dict() if t else None


@dataclass(frozen=True)
class Intervention:
    category: str
    label: str | None = None
    accept: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    dose_gy: float | int | None = None
    fractions: int | None = None
    cycles: int | None = None
    dose: str | None = None
    intent: str | None = None
    response: str | None = None
    result: str | None = None
    margin: str | None = None
    timing: Timing | None = None
    uneventful: bool | None = None
    term: str | None = None
    agent_terms: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> Intervention:
        d = _dict(d, ctx)
        category = _choice(d.get("category"), ctx.at("category"), CATEGORIES, required=True)
        assert category is not None
        return cls(
            category=category,
            label=_opt_str(d.get("label"), ctx.at("label"), max_len=300),
            accept=_strs(d.get("accept"), ctx.at("accept")),
            agents=_strs(d.get("agents"), ctx.at("agents")),
            levels=_levels(d.get("levels"), ctx.at("levels")),
            dose_gy=_opt_num(d.get("dose_gy"), ctx.at("dose_gy"), lo=0, hi=500),
            fractions=_opt_num(d.get("fractions"), ctx.at("fractions"), lo=0, hi=200, integer=True),  # type: ignore[arg-type]
            cycles=_opt_num(d.get("cycles"), ctx.at("cycles"), lo=0, hi=200, integer=True),  # type: ignore[arg-type]
            dose=_opt_str(d.get("dose"), ctx.at("dose"), max_len=200),
            intent=_opt_str(d.get("intent"), ctx.at("intent"), max_len=100),
            response=_opt_str(d.get("response"), ctx.at("response"), max_len=100),
            result=_opt_str(d.get("result"), ctx.at("result"), max_len=200),
            margin=_opt_str(d.get("margin"), ctx.at("margin"), max_len=100),
            timing=Timing.from_any(d.get("timing"), ctx.at("timing")),
            uneventful=_opt_bool(d.get("uneventful"), ctx.at("uneventful")),
            term=_opt_str(d.get("term"), ctx.at("term"), max_len=500),
            agent_terms=_strs(d.get("agent_terms"), ctx.at("agent_terms")),
            evidence=_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "label": self.label, "accept": list(self.accept),
                "agents": list(self.agents), "levels": list(self.levels), "dose_gy": self.dose_gy,
                "fractions": self.fractions, "cycles": self.cycles, "dose": self.dose, "intent": self.intent,
                "response": self.response, "result": self.result, "margin": self.margin,
                "timing": _timing_dict(self.timing), "uneventful": self.uneventful, "term": self.term,
                "agent_terms": list(self.agent_terms), "evidence": _ev_dict(self.evidence)}


@dataclass(frozen=True)
class Outcome:
    follow_up_months: float | int | None = None
    recurrence: bool | None = None
    metastasis: bool | None = None
    status: str | None = None
    recurrence_timing: Timing | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> Outcome:
        d = _dict(d, ctx)
        return cls(
            follow_up_months=_opt_num(d.get("follow_up_months"), ctx.at("follow_up_months"), lo=0, hi=1200),
            recurrence=_opt_bool(d.get("recurrence"), ctx.at("recurrence")),
            metastasis=_opt_bool(d.get("metastasis"), ctx.at("metastasis")),
            status=_choice(d.get("status"), ctx.at("status"), STATUSES),
            recurrence_timing=Timing.from_any(d.get("recurrence_timing"), ctx.at("recurrence_timing")),
            evidence=_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"follow_up_months": self.follow_up_months, "recurrence": self.recurrence,
                "metastasis": self.metastasis, "status": self.status,
                "recurrence_timing": _timing_dict(self.recurrence_timing), "evidence": _ev_dict(self.evidence)}


@dataclass(frozen=True)
class NeuroStatus:
    """One neurological assessment: a Frankel, ASIA or MRC grade, and/or intact (True) or with a deficit (False).

    >>> NeuroStatus.parse({"scale": "frankel", "grade": "c", "assessed": "presentation"}).grade
    'C'
    """

    scale: str | None = None
    grade: str | None = None
    intact: bool | None = None
    assessed: str | None = None
    timing: Timing | None = None
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> NeuroStatus:
        d = _dict(d, ctx)
        scale = _choice(d.get("scale"), ctx.at("scale"), SCALES)
        grade = d.get("grade")
        if isinstance(grade, int) and not isinstance(grade, bool):
            grade = str(grade)
        g = _opt_str(grade, ctx.at("grade"), max_len=10)
        if g is not None:
            g = g.upper()
            if scale is None:
                raise ctx.at("scale").fail("is required with a grade")
            if not _GRADE[scale].match(g):
                raise ctx.at("grade").fail(f"{g!r} is not a {scale} grade", g)
        intact = _opt_bool(d.get("intact"), ctx.at("intact"))
        if g is None and intact is None:
            raise ctx.fail("needs a grade or intact")
        return cls(scale=scale, grade=g, intact=intact,
                   assessed=_choice(d.get("assessed"), ctx.at("assessed"), ASSESSED),
                   timing=Timing.from_any(d.get("timing"), ctx.at("timing")),
                   term=_opt_str(d.get("term"), ctx.at("term"), max_len=500),
                   evidence=_evidence(d.get("evidence"), ctx.at("evidence")))

    @classmethod
    def parse(cls, d: Any) -> NeuroStatus:
        return cls.from_dict(d, _Ctx(None, "neurological"))

    def to_dict(self) -> dict[str, Any]:
        return {"scale": self.scale, "grade": self.grade, "intact": self.intact, "assessed": self.assessed,
                "timing": _timing_dict(self.timing), "term": self.term, "evidence": _ev_dict(self.evidence)}


@dataclass(frozen=True)
class Complication:
    """A complication, with the intervention it followed (its 1-based number in ``interventions``) if stated."""

    label: str
    after: int | None = None
    timing: Timing | None = None
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: _Ctx) -> Complication:
        d = _dict(d, ctx)
        label = _opt_str(d.get("label"), ctx.at("label"), max_len=300)
        if not label:
            raise ctx.at("label").fail("is required")
        return cls(label=label,
                   after=_opt_num(d.get("after"), ctx.at("after"), lo=1, hi=10_000, integer=True),  # type: ignore[arg-type]
                   timing=Timing.from_any(d.get("timing"), ctx.at("timing")),
                   term=_opt_str(d.get("term"), ctx.at("term"), max_len=500),
                   evidence=_evidence(d.get("evidence"), ctx.at("evidence")))

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "after": self.after, "timing": _timing_dict(self.timing), "term": self.term,
                "evidence": _ev_dict(self.evidence)}


@dataclass(frozen=True)
class Finding:
    """A grounded mention that has no structure of its own: a level, an imaging modality, a symptom."""

    label: str
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_any(cls, v: Any, ctx: _Ctx) -> Finding:
        if isinstance(v, str):
            s = _opt_str(v, ctx, max_len=300)
            if not s:
                raise ctx.fail("is empty")
            return cls(label=s)
        d = _dict(v, ctx)
        label = _opt_str(d.get("label"), ctx.at("label"), max_len=300)
        if not label:
            raise ctx.at("label").fail("is required")
        return cls(label=label, term=_opt_str(d.get("term"), ctx.at("term"), max_len=500),
                   evidence=_evidence(d.get("evidence"), ctx.at("evidence")))

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "term": self.term, "evidence": _ev_dict(self.evidence)}


def _levels(v: Any, ctx: _Ctx) -> tuple[str, ...]:
    out = []
    for i, x in enumerate(_list(v, ctx)):
        label = x.get("label") if isinstance(x, dict) else x
        if not isinstance(label, str):
            raise ctx.at(i).fail(f"expected a vertebral level, got {label!r}", label)
        lvl = canonical_level(label)
        if lvl is None:
            raise ctx.at(i).fail(f"unknown vertebral level {label!r} (expected C1-C7, T1-T12, L1-L5, "
                                 "S1-S5, sacrum or coccyx)", label)
        out.append(lvl)
    return tuple(sort_levels(out))


def _findings(v: Any, ctx: _Ctx) -> tuple[Finding, ...]:
    return tuple(Finding.from_any(x, ctx.at(i)) for i, x in enumerate(_list(v, ctx)))


_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


def safe_id(text: str) -> str:
    """An IRI-safe identifier made from text ('dev 001/a' -> 'dev-001-a')."""
    s = _SAFE_ID.sub("-", text).strip("-.")
    return s[:120] or "case"


@dataclass(frozen=True)
class CaseRecord:
    """One patient case from one report."""

    document: str
    id: str
    source: Source = field(default_factory=Source)
    patient: Patient = field(default_factory=Patient)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    ruled_out: tuple[str, ...] = ()
    vertebrae: tuple[str, ...] = ()
    markers: tuple[Marker, ...] = ()
    genomic: tuple[GenomicFinding, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    imaging: tuple[Finding, ...] = ()
    symptoms: tuple[Finding, ...] = ()
    outcome: Outcome = field(default_factory=Outcome)
    neurological: tuple[NeuroStatus, ...] = ()
    complications: tuple[Complication, ...] = ()
    compartment: str | None = None
    size_cm: float | int | None = None
    necrosis_percent: float | int | None = None
    level_details: tuple[Finding, ...] = ()
    method: str = "curated"

    def __post_init__(self) -> None:
        if not self.document:
            raise RecordError("is required", field="document")
        if not self.id or _SAFE_ID.search(self.id):
            raise RecordError(f"{self.id!r} is not an IRI-safe id", document=self.document, field="id")
        if self.method not in METHODS:
            raise RecordError(f"{self.method!r} is not one of {', '.join(METHODS)}", document=self.document,
                              field="method")
        for i, c in enumerate(self.complications):
            if c.after is not None and c.after > len(self.interventions):
                raise RecordError(f"follows intervention {c.after}, but the record has {len(self.interventions)}",
                                  document=self.document, field=f"complications[{i}].after", value=c.after)

    @classmethod
    def from_dict(cls, d: Any, *, document: str | None = None) -> CaseRecord:
        """Validate a dict into a record; every problem raises RecordError naming the field."""
        ctx = _Ctx(document)
        if not isinstance(d, dict):
            raise ctx.fail(f"a case record must be an object, got {type(d).__name__}")
        doc = _opt_str(d.get("document"), ctx.at("document"), max_len=500) or document
        if not doc:
            raise ctx.at("document").fail("is required")
        ctx = _Ctx(document or doc)
        rid = _opt_str(d.get("id"), ctx.at("id"), max_len=200)
        rid = safe_id(rid or doc.rsplit(".", 1)[0])
        level_items = _list(d.get("vertebrae"), ctx.at("vertebrae"))
        details = _dict(d.get("details"), ctx.at("details"))
        method = _choice(d.get("method") or "curated", ctx.at("method"), METHODS) or "curated"
        return cls(
            document=doc,
            id=rid,
            source=Source.from_dict(d.get("source"), ctx.at("source")),
            patient=Patient.from_dict(d.get("patient"), ctx.at("patient")),
            diagnosis=Diagnosis.from_dict(d.get("diagnosis"), ctx.at("diagnosis")),
            ruled_out=_strs(d.get("ruled_out"), ctx.at("ruled_out")),
            vertebrae=_levels(level_items, ctx.at("vertebrae")),
            markers=tuple(Marker.from_dict(x, ctx.at("markers").at(i))
                          for i, x in enumerate(_list(d.get("markers"), ctx.at("markers")))),
            genomic=tuple(GenomicFinding.from_dict(x, ctx.at("genomic").at(i))
                          for i, x in enumerate(_list(d.get("genomic"), ctx.at("genomic")))),
            interventions=tuple(Intervention.from_dict(x, ctx.at("interventions").at(i))
                                for i, x in enumerate(_list(d.get("interventions"), ctx.at("interventions")))),
            imaging=_findings(details.get("imaging") or d.get("imaging"), ctx.at("imaging")),
            symptoms=_findings(details.get("symptoms") or d.get("symptoms"), ctx.at("symptoms")),
            outcome=Outcome.from_dict(d.get("outcome"), ctx.at("outcome")),
            neurological=tuple(NeuroStatus.from_dict(x, ctx.at("neurological").at(i))
                               for i, x in enumerate(_list(d.get("neurological"), ctx.at("neurological")))),
            complications=tuple(Complication.from_dict(x, ctx.at("complications").at(i))
                                for i, x in enumerate(_list(d.get("complications"), ctx.at("complications")))),
            compartment=_opt_str(d.get("compartment"), ctx.at("compartment"), max_len=100),
            size_cm=_opt_num(d.get("size_cm"), ctx.at("size_cm"), lo=0, hi=200),
            necrosis_percent=_opt_num(d.get("necrosis_percent"), ctx.at("necrosis_percent"), lo=0, hi=100),
            level_details=_findings(details.get("vertebrae"), ctx.at("details").at("vertebrae")),
            method=method,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON face (CASE-RECORD.md), with terms and evidence beside each fact."""
        return {
            "document": self.document,
            "id": self.id,
            "method": self.method,
            "source": self.source.to_dict(),
            "patient": self.patient.to_dict(),
            "diagnosis": self.diagnosis.to_dict(),
            "ruled_out": list(self.ruled_out),
            "vertebrae": list(self.vertebrae),
            "markers": [m.to_dict() for m in self.markers],
            "genomic": [g.to_dict() for g in self.genomic],
            "interventions": [i.to_dict() for i in self.interventions],
            "imaging": [f.label for f in self.imaging],
            "symptoms": [f.label for f in self.symptoms],
            "outcome": self.outcome.to_dict(),
            "neurological": [n.to_dict() for n in self.neurological],
            "complications": [c.to_dict() for c in self.complications],
            "compartment": self.compartment,
            "size_cm": self.size_cm,
            "necrosis_percent": self.necrosis_percent,
            "details": {
                "vertebrae": [f.to_dict() for f in self.level_details],
                "imaging": [f.to_dict() for f in self.imaging],
                "symptoms": [f.to_dict() for f in self.symptoms],
            },
        }


RECORD_FIELDS = tuple(f.name for f in fields(CaseRecord))
