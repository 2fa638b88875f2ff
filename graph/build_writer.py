"""The quad writer the case builder is made of: RDF terms and literals, the case's three graphs
(asserted, entities, inferred), provenance per fact, and grounding text to ontology terms."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from spinekg.graph import iris
from spinekg.graph.iris import skg
from spinekg.ontology.lexicon import Lexicon
from spinekg.ontology.vocab import SKG

from spinekg.model import CaseRecord, Span

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_PREDICATE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
RDF_OBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
SKOS_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DEC = ox.NamedNode(XSD + "decimal")
INT = ox.NamedNode(XSD + "integer")
BOOL = ox.NamedNode(XSD + "boolean")

METHOD_IRI = {"curated": skg("Curated"), "text_mined": skg("TextMined"), "inferred": skg("Inferred")}


def N(iri: str) -> ox.NamedNode:  # noqa: N802 - reads like rdflib's URIRef
    return ox.NamedNode(iri)


@functools.lru_cache(maxsize=512)
def P(local: str) -> ox.NamedNode:  # noqa: N802
    """A term of the ontology by local name; unknown names fail (the vocabulary is closed)."""
    return ox.NamedNode(str(getattr(SKG, local)))


def num(v: float | int) -> ox.Literal:
    if isinstance(v, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(v, int) or float(v).is_integer():
        return ox.Literal(str(int(v)), datatype=INT if isinstance(v, int) else DEC)
    return ox.Literal(repr(float(v)), datatype=DEC)


def integer(v: int) -> ox.Literal:
    return ox.Literal(str(int(v)), datatype=INT)


def boolean(v: bool) -> ox.Literal:
    return ox.Literal("true" if v else "false", datatype=BOOL)


def level_local(level: str) -> str:
    """The ontology's local name of a vertebral level (C1, ..., Sacrum, Coccyx)."""
    return {"sacrum": "Sacrum", "coccyx": "Coccyx"}.get(level, level)


@dataclass
class CaseQuads:
    """The quads of one case: asserted (case graph), entities, and inferred."""

    case_id: str
    graph: str
    asserted: list[ox.Quad] = field(default_factory=list)
    entities: list[ox.Quad] = field(default_factory=list)
    inferred: list[ox.Quad] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def all(self) -> Iterator[ox.Quad]:
        yield from self.asserted
        yield from self.entities
        yield from self.inferred


class CaseWriter:
    """Writes the quads of one record into a ``CaseQuads``; the node writers build on it."""

    def __init__(self, rec: CaseRecord, lex: Lexicon) -> None:
        self.rec = rec
        self.lex = lex
        self.out = CaseQuads(case_id=rec.id, graph=iris.case_graph(rec.id))
        self.g = N(self.out.graph)
        self.eg = N(iris.ENTITIES_GRAPH)
        self.ig = N(iris.inferred_graph(rec.id))
        self.case = N(iris.case_iri(rec.id))
        self.report = N(iris.report_iri(doi=rec.source.doi, pmid=rec.source.pmid, pmcid=rec.source.pmcid,
                                        document=rec.document))
        self.method = N(METHOD_IRI[rec.method])
        self.n_evidence = 0

    # --- small writers -------------------------------------------------------------------
    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out.asserted.append(ox.Quad(s, p, o, self.g))

    def lit(self, s: ox.NamedNode, p: ox.NamedNode, v: str | None) -> None:
        if v is not None and v != "":
            self.add(s, p, ox.Literal(v))

    def entity(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out.entities.append(ox.Quad(s, p, o, self.eg))

    def infer(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out.inferred.append(ox.Quad(s, p, o, self.ig))

    def warn(self, msg: str) -> None:
        self.out.warnings.append(f"{self.rec.document}: {msg}")

    # --- provenance ----------------------------------------------------------------------
    def fact(self, node: ox.NamedNode, evidence: tuple[Span, ...]) -> None:
        """Link a fact node to one evidence node per quoted span. Its source, how it was asserted and by which
        extractor are stated once, on the case's named graph (the case IRI names it), for every fact in it."""
        self.evidence(node, evidence)

    def evidence(self, node: ox.NamedNode, evidence: tuple[Span, ...],
                 about: tuple[ox.NamedNode, ox.NamedNode | ox.Literal] | None = None) -> None:
        """Evidence nodes: the quoted span, where it is, which fact (and which statement) it supports."""
        for span in evidence:
            self.n_evidence += 1
            ev = N(iris.part_iri(self.rec.id, "evidence", self.n_evidence))
            self.add(node, P("hasEvidence"), ev)
            self.add(ev, RDF_TYPE, P("Evidence"))
            self.add(ev, P("supports"), node)
            if about is not None:
                self.add(ev, RDF_PREDICATE, about[0])
                self.add(ev, RDF_OBJECT, about[1])
            self.lit(ev, P("quote"), span.text)
            if span.start is not None:
                self.add(ev, P("charStart"), integer(span.start))
            if span.end is not None:
                self.add(ev, P("charEnd"), integer(span.end))

    # --- grounding -----------------------------------------------------------------------
    def known(self, term: str | None, *kinds: str) -> str | None:
        """A record's ``term`` when it names an ontology term of one of these kinds; else None (with a warning):
        a term is never trusted to retype a node ("skg:Case" on an intervention, a case IRI on a marker)."""
        if not term:
            return None
        iri = iris.expand(term)
        t = self.lex.terms.get(iri or "")
        if t is None or t.kind not in kinds:
            self.warn(f"term {term!r} is not a {' or '.join(kinds)} of the ontology; read from the label instead")
            return None
        return iri

    def term(self, kind: str, *texts: str | None) -> str | None:
        for t in texts:
            if t:
                iri = self.lex.lookup(kind, t)
                if iri:
                    return iri
        return None

    def ancestors(self, cls: str) -> list[str]:
        return self.lex.ancestors(cls)
