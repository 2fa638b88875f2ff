"""Where a fact comes from: the quoted span of the document (``Span``) and the publication (``Source``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spinekg.errors import RecordError
from spinekg.model.validate import MAX_TEXT, Ctx, as_dict, as_list, opt_num, opt_str, strs


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
    def from_any(cls, v: Any, ctx: Ctx) -> Span:
        if isinstance(v, str):
            return cls(text=v[:MAX_TEXT])
        d = as_dict(v, ctx)
        text = opt_str(d.get("text", d.get("sentence")), ctx.at("text")) or ""
        start = opt_num(d.get("start"), ctx.at("start"), lo=0, integer=True)
        end = opt_num(d.get("end"), ctx.at("end"), lo=0, integer=True)
        if start is not None and end is not None and end < start:
            raise ctx.fail(f"span end {end} is before start {start}")
        return cls(text=text, start=start, end=end)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


def read_evidence(v: Any, ctx: Ctx) -> tuple[Span, ...]:
    """The spans of a fact's ``evidence``: one text, one span object, or a list of either."""
    if v is None:
        return ()
    if isinstance(v, (str, dict)):
        v = [v]
    return tuple(Span.from_any(x, ctx.at(i)) for i, x in enumerate(as_list(v, ctx)))


def evidence_dicts(ev: tuple[Span, ...]) -> list[dict[str, Any]]:
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
    def from_dict(cls, d: Any, ctx: Ctx) -> Source:
        d = as_dict(d, ctx)
        pmid = d.get("pmid")
        if isinstance(pmid, int) and not isinstance(pmid, bool):
            pmid = str(pmid)
        doi = opt_str(d.get("doi"), ctx.at("doi"), max_len=300)
        if doi and not re.match(r"^10\.\d{4,9}/\S+$", doi):
            raise ctx.at("doi").fail(f"{doi!r} is not a DOI", doi)
        pm = opt_str(pmid, ctx.at("pmid"), max_len=20)
        if pm and not pm.isdigit():
            raise ctx.at("pmid").fail(f"{pm!r} is not a PubMed ID", pm)
        return cls(
            url=opt_str(d.get("url"), ctx.at("url"), max_len=2000),
            doi=doi,
            pmid=pm,
            pmcid=opt_str(d.get("pmcid"), ctx.at("pmcid"), max_len=20),
            title=opt_str(d.get("title"), ctx.at("title"), max_len=2000),
            journal=opt_str(d.get("journal"), ctx.at("journal"), max_len=500),
            year=opt_num(d.get("year"), ctx.at("year"), lo=1800, hi=2100, integer=True),  # type: ignore[arg-type]
            authors=strs(d.get("authors"), ctx.at("authors")),
        )

    @classmethod
    def parse(cls, d: Any, document: str | None = None) -> Source:
        """Validate a source dict on its own (errors name the field under 'source')."""
        return cls.from_dict(d, Ctx(document, "source"))

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "doi": self.doi, "pmid": self.pmid, "pmcid": self.pmcid, "title": self.title,
                "journal": self.journal, "year": self.year, "authors": list(self.authors)}
