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

The modules: ``validate`` (the field checks and the closed value sets), ``provenance``
(``Span``, ``Source``), ``facts`` (patient, diagnosis, markers, genomic findings, mentions),
``course`` (timing, interventions, outcome, neurological status, complications) and
``record`` (``CaseRecord``).
"""

from spinekg.model.course import Complication, Intervention, NeuroStatus, Outcome, Timing
from spinekg.model.facts import Diagnosis, Finding, GenomicFinding, Marker, Patient
from spinekg.model.provenance import Source, Span
from spinekg.model.record import RECORD_FIELDS, CaseRecord, safe_id
from spinekg.model.validate import (
    ASSESSED,
    CATEGORIES,
    GENE_RE,
    GENOMIC_KINDS,
    MAX_TEXT,
    METHODS,
    RESULTS,
    SCALES,
    SEXES,
    STATUSES,
    TIMING_ANCHORS,
)

__all__ = [
    "ASSESSED", "CATEGORIES", "GENE_RE", "GENOMIC_KINDS", "MAX_TEXT", "METHODS", "RECORD_FIELDS", "RESULTS",
    "SCALES", "SEXES", "STATUSES", "TIMING_ANCHORS",
    "CaseRecord", "Complication", "Diagnosis", "Finding", "GenomicFinding", "Intervention", "Marker",
    "NeuroStatus", "Outcome", "Patient", "Source", "Span", "Timing", "safe_id",
]
