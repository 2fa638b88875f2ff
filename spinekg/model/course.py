"""The course of a case: interventions, outcome, neurological assessments and complications, each with the
relative time (``Timing``) at which it happened where the report says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spinekg.model.provenance import Span, evidence_dicts, read_evidence
from spinekg.model.validate import (
    ASSESSED,
    CATEGORIES,
    GRADE,
    SCALES,
    STATUSES,
    TIMING_ANCHORS,
    Ctx,
    as_dict,
    choice,
    opt_bool,
    opt_num,
    opt_str,
    strs,
    vertebral_levels,
)


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
    def from_any(cls, v: Any, ctx: Ctx) -> Timing | None:
        if v is None or isinstance(v, str):
            s = opt_str(v, ctx, max_len=200)
            return cls(text=s) if s else None
        d = as_dict(v, ctx)
        text = opt_str(d.get("text"), ctx.at("text"), max_len=200)
        months = opt_num(d.get("months"), ctx.at("months"), lo=0, hi=1200)
        if not text and months is None:
            return None
        return cls(text=text or "", months=months,
                   relative_to=choice(d.get("relative_to"), ctx.at("relative_to"), TIMING_ANCHORS))

    @classmethod
    def parse(cls, v: Any) -> Timing | None:
        return cls.from_any(v, Ctx(None, "timing"))

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
    steps: tuple[str, ...] = ()  # the other procedures of one operation ("reconstruction", "posterior fixation")
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: Ctx) -> Intervention:
        d = as_dict(d, ctx)
        category = choice(d.get("category"), ctx.at("category"), CATEGORIES, required=True)
        assert category is not None
        return cls(
            category=category,
            label=opt_str(d.get("label"), ctx.at("label"), max_len=300),
            accept=strs(d.get("accept"), ctx.at("accept")),
            agents=strs(d.get("agents"), ctx.at("agents")),
            levels=vertebral_levels(d.get("levels"), ctx.at("levels")),
            dose_gy=opt_num(d.get("dose_gy"), ctx.at("dose_gy"), lo=0, hi=500),
            fractions=opt_num(d.get("fractions"), ctx.at("fractions"), lo=0, hi=200, integer=True),  # type: ignore[arg-type]
            cycles=opt_num(d.get("cycles"), ctx.at("cycles"), lo=0, hi=200, integer=True),  # type: ignore[arg-type]
            dose=opt_str(d.get("dose"), ctx.at("dose"), max_len=200),
            intent=opt_str(d.get("intent"), ctx.at("intent"), max_len=100),
            response=opt_str(d.get("response"), ctx.at("response"), max_len=100),
            result=opt_str(d.get("result"), ctx.at("result"), max_len=200),
            margin=opt_str(d.get("margin"), ctx.at("margin"), max_len=100),
            timing=Timing.from_any(d.get("timing"), ctx.at("timing")),
            uneventful=opt_bool(d.get("uneventful"), ctx.at("uneventful")),
            term=opt_str(d.get("term"), ctx.at("term"), max_len=500),
            agent_terms=strs(d.get("agent_terms"), ctx.at("agent_terms")),
            steps=strs(d.get("steps"), ctx.at("steps")),
            evidence=read_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "label": self.label, "accept": list(self.accept),
                "agents": list(self.agents), "levels": list(self.levels), "dose_gy": self.dose_gy,
                "fractions": self.fractions, "cycles": self.cycles, "dose": self.dose, "intent": self.intent,
                "response": self.response, "result": self.result, "margin": self.margin,
                "timing": _timing_dict(self.timing), "uneventful": self.uneventful, "term": self.term,
                "agent_terms": list(self.agent_terms), **({"steps": list(self.steps)} if self.steps else {}),
                "evidence": evidence_dicts(self.evidence)}


@dataclass(frozen=True)
class Outcome:
    follow_up_months: float | int | None = None
    recurrence: bool | None = None
    metastasis: bool | None = None
    status: str | None = None
    recurrence_timing: Timing | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: Ctx) -> Outcome:
        d = as_dict(d, ctx)
        return cls(
            follow_up_months=opt_num(d.get("follow_up_months"), ctx.at("follow_up_months"), lo=0, hi=1200),
            recurrence=opt_bool(d.get("recurrence"), ctx.at("recurrence")),
            metastasis=opt_bool(d.get("metastasis"), ctx.at("metastasis")),
            status=choice(d.get("status"), ctx.at("status"), STATUSES),
            recurrence_timing=Timing.from_any(d.get("recurrence_timing"), ctx.at("recurrence_timing")),
            evidence=read_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"follow_up_months": self.follow_up_months, "recurrence": self.recurrence,
                "metastasis": self.metastasis, "status": self.status,
                "recurrence_timing": _timing_dict(self.recurrence_timing),
                "evidence": evidence_dicts(self.evidence)}


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
    def from_dict(cls, d: Any, ctx: Ctx) -> NeuroStatus:
        d = as_dict(d, ctx)
        scale = choice(d.get("scale"), ctx.at("scale"), SCALES)
        grade = d.get("grade")
        if isinstance(grade, int) and not isinstance(grade, bool):
            grade = str(grade)
        g = opt_str(grade, ctx.at("grade"), max_len=10)
        if g is not None:
            g = g.upper()
            if scale is None:
                raise ctx.at("scale").fail("is required with a grade")
            if not GRADE[scale].match(g):
                raise ctx.at("grade").fail(f"{g!r} is not a {scale} grade", g)
        intact = opt_bool(d.get("intact"), ctx.at("intact"))
        if g is None and intact is None:
            raise ctx.fail("needs a grade or intact")
        return cls(scale=scale, grade=g, intact=intact,
                   assessed=choice(d.get("assessed"), ctx.at("assessed"), ASSESSED),
                   timing=Timing.from_any(d.get("timing"), ctx.at("timing")),
                   term=opt_str(d.get("term"), ctx.at("term"), max_len=500),
                   evidence=read_evidence(d.get("evidence"), ctx.at("evidence")))

    @classmethod
    def parse(cls, d: Any) -> NeuroStatus:
        return cls.from_dict(d, Ctx(None, "neurological"))

    def to_dict(self) -> dict[str, Any]:
        return {"scale": self.scale, "grade": self.grade, "intact": self.intact, "assessed": self.assessed,
                "timing": _timing_dict(self.timing), "term": self.term, "evidence": evidence_dicts(self.evidence)}


@dataclass(frozen=True)
class Complication:
    """A complication, with the intervention it followed (its 1-based number in ``interventions``) if stated."""

    label: str
    after: int | None = None
    timing: Timing | None = None
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: Ctx) -> Complication:
        d = as_dict(d, ctx)
        label = opt_str(d.get("label"), ctx.at("label"), max_len=300)
        if not label:
            raise ctx.at("label").fail("is required")
        return cls(label=label,
                   after=opt_num(d.get("after"), ctx.at("after"), lo=1, hi=10_000, integer=True),  # type: ignore[arg-type]
                   timing=Timing.from_any(d.get("timing"), ctx.at("timing")),
                   term=opt_str(d.get("term"), ctx.at("term"), max_len=500),
                   evidence=read_evidence(d.get("evidence"), ctx.at("evidence")))

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "after": self.after, "timing": _timing_dict(self.timing), "term": self.term,
                "evidence": evidence_dicts(self.evidence)}
