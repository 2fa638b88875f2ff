"""The facts of the patient and the tumor: who, what diagnosis, which markers and genomic findings, and the
grounded mentions (levels, imaging, symptoms) that have no structure of their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spinekg.model.provenance import Span, evidence_dicts, read_evidence
from spinekg.model.validate import (
    ALLELE_ORIGINS,
    GENOMIC_KINDS,
    RESULTS,
    SEXES,
    Ctx,
    as_dict,
    as_list,
    choice,
    gene_symbol,
    opt_bool,
    opt_num,
    opt_str,
    strs,
)


@dataclass(frozen=True)
class Patient:
    age_years: float | int | None = None
    sex: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: Ctx) -> Patient:
        d = as_dict(d, ctx)
        return cls(
            age_years=opt_num(d.get("age_years"), ctx.at("age_years"), lo=0, hi=130),
            sex=choice(d.get("sex"), ctx.at("sex"), SEXES),
            evidence=read_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"age_years": self.age_years, "sex": self.sex, "evidence": evidence_dicts(self.evidence)}


@dataclass(frozen=True)
class Diagnosis:
    label: str | None = None
    accept: tuple[str, ...] = ()
    grade: str | None = None
    primary: bool | None = None
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: Ctx) -> Diagnosis:
        d = as_dict(d, ctx)
        grade = d.get("grade")
        if isinstance(grade, (int, float)) and not isinstance(grade, bool):
            grade = str(grade)
        return cls(
            label=opt_str(d.get("label"), ctx.at("label"), max_len=300),
            accept=strs(d.get("accept"), ctx.at("accept")),
            grade=opt_str(grade, ctx.at("grade"), max_len=100),
            primary=opt_bool(d.get("primary"), ctx.at("primary")),
            term=opt_str(d.get("term"), ctx.at("term"), max_len=500),
            evidence=read_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "accept": list(self.accept), "grade": self.grade, "primary": self.primary,
                "term": self.term, "evidence": evidence_dicts(self.evidence)}


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
    def from_dict(cls, d: Any, ctx: Ctx) -> Marker:
        d = as_dict(d, ctx)
        name = opt_str(d.get("name"), ctx.at("name"), max_len=100)
        if not name:
            raise ctx.at("name").fail("is required")
        return cls(
            name=name,
            result=choice(d.get("result"), ctx.at("result"), RESULTS),
            value_percent=opt_num(d.get("value_percent"), ctx.at("value_percent"), lo=0, hi=100),
            pattern=opt_str(d.get("pattern"), ctx.at("pattern"), max_len=100),
            accept=strs(d.get("accept"), ctx.at("accept")),
            term=opt_str(d.get("term"), ctx.at("term"), max_len=500),
            evidence=read_evidence(d.get("evidence"), ctx.at("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "result": self.result, "value_percent": self.value_percent,
                "pattern": self.pattern, "accept": list(self.accept), "term": self.term,
                "evidence": evidence_dicts(self.evidence)}


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
    origin: str | None = None  # "germline" or "somatic" when the report says which
    accept_gene: tuple[str, ...] = ()
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, d: Any, ctx: Ctx) -> GenomicFinding:
        d = as_dict(d, ctx)
        kind = choice(d.get("kind"), ctx.at("kind"), GENOMIC_KINDS, required=True)
        assert kind is not None
        fusion = kind == "fusion"
        g = cls(
            kind=kind,
            gene5=gene_symbol(d.get("gene5"), ctx.at("gene5"), required=False),
            # a rearrangement whose partner the report does not name keeps the one it names ("FUS::?", "?::NTRK1")
            gene3=gene_symbol(d.get("gene3"), ctx.at("gene3"), required=fusion and not d.get("gene5")),
            exon5=opt_num(d.get("exon5"), ctx.at("exon5"), lo=0, hi=500, integer=True),  # type: ignore[arg-type]
            exon3=opt_num(d.get("exon3"), ctx.at("exon3"), lo=0, hi=500, integer=True),  # type: ignore[arg-type]
            gene=gene_symbol(d.get("gene"), ctx.at("gene"), required=not fusion),
            variant=opt_str(d.get("variant"), ctx.at("variant"), max_len=100),
            method=opt_str(d.get("method"), ctx.at("method"), max_len=100),
            origin=choice(d.get("origin"), ctx.at("origin"), ALLELE_ORIGINS),
            accept_gene=strs(d.get("accept_gene"), ctx.at("accept_gene")),
            term=opt_str(d.get("term"), ctx.at("term"), max_len=500),
            evidence=read_evidence(d.get("evidence"), ctx.at("evidence")),
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
        out.update(method=self.method, term=self.term, evidence=evidence_dicts(self.evidence))
        if self.origin:
            out["origin"] = self.origin
        return out


@dataclass(frozen=True)
class Finding:
    """A grounded mention that has no structure of its own: a level, an imaging modality, a symptom."""

    label: str
    term: str | None = None
    evidence: tuple[Span, ...] = ()

    @classmethod
    def from_any(cls, v: Any, ctx: Ctx) -> Finding:
        if isinstance(v, str):
            s = opt_str(v, ctx, max_len=300)
            if not s:
                raise ctx.fail("is empty")
            return cls(label=s)
        d = as_dict(v, ctx)
        label = opt_str(d.get("label"), ctx.at("label"), max_len=300)
        if not label:
            raise ctx.at("label").fail("is required")
        return cls(label=label, term=opt_str(d.get("term"), ctx.at("term"), max_len=500),
                   evidence=read_evidence(d.get("evidence"), ctx.at("evidence")))

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "term": self.term, "evidence": evidence_dicts(self.evidence)}


def findings(v: Any, ctx: Ctx) -> tuple[Finding, ...]:
    return tuple(Finding.from_any(x, ctx.at(i)) for i, x in enumerate(as_list(v, ctx)))
