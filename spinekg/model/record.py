"""``CaseRecord``: one patient case from one report, made of the facts of ``facts`` and ``course``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from spinekg.errors import RecordError
from spinekg.model.course import Complication, Intervention, NeuroStatus, Outcome
from spinekg.model.facts import Diagnosis, Finding, GenomicFinding, Marker, Patient, findings
from spinekg.model.provenance import Source
from spinekg.model.validate import METHODS, Ctx, as_dict, as_list, choice, opt_num, opt_str, strs, vertebral_levels

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
        ctx = Ctx(document)
        if not isinstance(d, dict):
            raise ctx.fail(f"a case record must be an object, got {type(d).__name__}")
        doc = opt_str(d.get("document"), ctx.at("document"), max_len=500) or document
        if not doc:
            raise ctx.at("document").fail("is required")
        ctx = Ctx(document or doc)
        rid = opt_str(d.get("id"), ctx.at("id"), max_len=200)
        rid = safe_id(rid or doc.rsplit(".", 1)[0])
        level_items = as_list(d.get("vertebrae"), ctx.at("vertebrae"))
        details = as_dict(d.get("details"), ctx.at("details"))
        method = choice(d.get("method") or "curated", ctx.at("method"), METHODS) or "curated"
        return cls(
            document=doc,
            id=rid,
            source=Source.from_dict(d.get("source"), ctx.at("source")),
            patient=Patient.from_dict(d.get("patient"), ctx.at("patient")),
            diagnosis=Diagnosis.from_dict(d.get("diagnosis"), ctx.at("diagnosis")),
            ruled_out=strs(d.get("ruled_out"), ctx.at("ruled_out")),
            vertebrae=vertebral_levels(level_items, ctx.at("vertebrae")),
            markers=tuple(Marker.from_dict(x, ctx.at("markers").at(i))
                          for i, x in enumerate(as_list(d.get("markers"), ctx.at("markers")))),
            genomic=tuple(GenomicFinding.from_dict(x, ctx.at("genomic").at(i))
                          for i, x in enumerate(as_list(d.get("genomic"), ctx.at("genomic")))),
            interventions=tuple(Intervention.from_dict(x, ctx.at("interventions").at(i))
                                for i, x in enumerate(as_list(d.get("interventions"), ctx.at("interventions")))),
            imaging=findings(details.get("imaging") or d.get("imaging"), ctx.at("imaging")),
            symptoms=findings(details.get("symptoms") or d.get("symptoms"), ctx.at("symptoms")),
            outcome=Outcome.from_dict(d.get("outcome"), ctx.at("outcome")),
            neurological=tuple(NeuroStatus.from_dict(x, ctx.at("neurological").at(i))
                               for i, x in enumerate(as_list(d.get("neurological"), ctx.at("neurological")))),
            complications=tuple(Complication.from_dict(x, ctx.at("complications").at(i))
                                for i, x in enumerate(as_list(d.get("complications"), ctx.at("complications")))),
            compartment=opt_str(d.get("compartment"), ctx.at("compartment"), max_len=100),
            size_cm=opt_num(d.get("size_cm"), ctx.at("size_cm"), lo=0, hi=200),
            necrosis_percent=opt_num(d.get("necrosis_percent"), ctx.at("necrosis_percent"), lo=0, hi=100),
            level_details=findings(details.get("vertebrae"), ctx.at("details").at("vertebrae")),
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
