"""Case record -> RDF quads, with the ontology's terms, stable IRIs and provenance per fact.

Each case goes into its own named graph (the case IRI). Shared entities that the ontology
does not know (a new gene, drug or fusion) are described in the entities graph. What is
inferred (superclasses of the tumor type, regions of the levels) goes into the case's
inferred graph, apart from what was asserted.

The builder is made of ``build_writer`` (the quads, provenance and grounding), ``build_tumor``
(tumor, markers, genomic findings) and ``build_course`` (interventions, neurological status,
complications, outcome); this module writes the case, its report, patient and mentions.
"""

from __future__ import annotations

import logging

import pyoxigraph as ox
from spinekg.graph import iris
from spinekg.graph.build_course import CATEGORY_CLASS, CourseWriter
from spinekg.graph.build_tumor import GENOMIC_CLASS, RESULT_IRI, TumorWriter, slug_norm
from spinekg.graph.build_writer import (
    BOOL,
    DCT,
    DEC,
    INT,
    METHOD_IRI,
    PROV_DERIVED,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_ALT,
    XSD,
    CaseQuads,
    N,
    P,
    boolean,
    integer,
    num,
)
from spinekg.ontology.lexicon import Lexicon, lexicon

from spinekg import __version__
from spinekg.levels import level_runs
from spinekg.model import CaseRecord

__all__ = [
    "BOOL", "CATEGORY_CLASS", "DCT", "DEC", "GENOMIC_CLASS", "INT", "METHOD_IRI", "PROV_DERIVED", "RDF_OBJECT",
    "RDF_PREDICATE", "RDF_TYPE", "RDFS_LABEL", "RESULT_IRI", "SKOS_ALT", "XSD",
    "CaseQuads", "N", "P", "boolean", "build_case", "integer", "num", "slug_norm",
]

logger = logging.getLogger(__name__)


class _Builder(TumorWriter, CourseWriter):
    def build(self) -> CaseQuads:
        rec = self.rec
        self.add(self.case, RDF_TYPE, P("Case"))
        self.add(self.case, P("reportedIn"), self.report)
        self.lit(self.case, P("document"), rec.document)
        self.lit(self.case, P("caseId"), rec.id)
        # provenance once, on the case's named graph (named by the case IRI): what holds for every fact in it
        self.add(self.g, PROV_DERIVED, self.report)
        self.add(self.g, P("assertionMethod"), self.method)
        self.lit(self.g, P("extractorVersion"), f"spinekg {__version__}")
        self.report_node()
        self.patient()
        tumor = self.tumor()
        self.markers(tumor)
        self.genomic(tumor)
        self.interventions()
        self.findings()
        self.outcome()
        self.neurological()
        self.complications()
        if self.out.inferred:
            # what the inferred graph holds was inferred from this case and the ontology, by spinekg's builder
            self.infer(self.ig, P("assertionMethod"), P("Inferred"))
            self.infer(self.ig, PROV_DERIVED, self.case)
            self.infer(self.ig, PROV_DERIVED, N(iris.ONTOLOGY_GRAPH))
            self.infer(self.ig, P("extractorVersion"), ox.Literal(f"spinekg {__version__}"))
        label = f"case {rec.id}"
        if rec.diagnosis.label:
            label += f": {rec.diagnosis.label}"
        if rec.vertebrae:
            label += " at " + level_runs(rec.vertebrae)
        self.lit(self.case, RDFS_LABEL, label)
        return self.out

    def report_node(self) -> None:
        """The report: its type is shared (entities graph), what this case says of it (title, DOI, year, ...)
        stays in the case's own graph, so a record claiming another report's DOI cannot rewrite that report for
        good: replacing or removing the record takes its claims with it."""
        s, r = self.rec.source, self.report
        self.entity(r, RDF_TYPE, P("CaseReport"))
        if s.title:
            self.add(r, N(DCT + "title"), ox.Literal(s.title))
            self.add(r, RDFS_LABEL, ox.Literal(s.title))
        else:
            self.add(r, RDFS_LABEL, ox.Literal(f"report {self.rec.document}"))
        for key, val in (("doi", s.doi), ("pmid", s.pmid), ("pmcid", s.pmcid), ("journal", s.journal)):
            if val:
                self.add(r, P(key), ox.Literal(val))
        if s.url:
            self.add(r, P("url"), ox.Literal(s.url))
        if s.year is not None:
            self.add(r, P("publicationYear"), integer(s.year))
        if s.authors:
            self.add(r, P("authors"), ox.Literal("; ".join(s.authors)))
        self.add(r, P("document"), ox.Literal(self.rec.document))

    def patient(self) -> None:
        p = self.rec.patient
        node = N(iris.part_iri(self.rec.id, "patient"))
        self.add(self.case, P("hasPatient"), node)
        self.add(node, RDF_TYPE, P("Patient"))
        self.lit(node, RDFS_LABEL, f"patient of case {self.rec.id}")
        if p.age_years is not None:
            self.add(node, P("ageYears"), num(p.age_years))
        if p.sex:
            self.add(node, P("hasSex"), P(p.sex.capitalize()))
        self.fact(node, p.evidence)

    def findings(self) -> None:
        for kind, prop, items in (("imaging", "hasImaging", self.rec.imaging),
                                  ("symptom", "hasSymptom", self.rec.symptoms)):
            for f in items:
                iri = self.known(f.term, kind) or self.term(kind, f.label)
                if iri:
                    self.add(self.case, P(prop), N(iri))
                    if f.evidence:
                        self.evidence(self.case, f.evidence, (P(prop), N(iri)))
                self.add(self.case, P(prop + "Text"), ox.Literal(f.label))


def build_case(rec: CaseRecord, lex: Lexicon | None = None) -> CaseQuads:
    """All quads of one case record."""
    return _Builder(rec, lex or lexicon()).build()
