"""Case graphs checked against the SHACL shapes (``ontology/shapes.ttl``) with pySHACL.

``violations(triples)`` gives one line per problem ("patient: ageYears: ..."), naming the part of the case and
the predicate; the store refuses a case whose graph has any (see ``EmbeddedStore.build``). The shapes say what
each node kind of a case graph carries; a term of the ontology is checked by its namespace here, by HermiT in
``spinekg ontology check``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import rdflib
from rdflib.namespace import SH
from spinekg.ontology import BASE, data_path

SHAPES_IRI = BASE + "shapes"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def shapes_path() -> Any:
    return data_path("shapes.ttl")


@functools.lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(shapes_path(), format="turtle")


def build_checked(records: Iterable[Any]) -> list[Any]:
    """The quads of each record, every case graph checked against the shapes: a case that does not fit is refused
    (RecordError) with one line naming its document, part and field."""
    from spinekg.graph.builder import build_case

    from spinekg.errors import RecordError, one_line

    records = list(records)
    built = []
    for r in records:
        try:
            built.append(build_case(r))
        except ValueError as e:  # a value RDF cannot hold (a lone surrogate in a string)
            raise RecordError(f"cannot be written as RDF ({one_line(str(e), 200)})", document=r.document) from None
    for cq, rec in zip(built, records, strict=True):
        problems = violations(oxigraph_triples([*cq.asserted, *cq.inferred]))
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise RecordError(f"does not fit the case shapes: {problems[0]}{more}", document=rec.document)
    return built


def violations(triples: Iterable[tuple[Any, Any, Any]] | rdflib.Graph) -> list[str]:
    """The shapes' complaints about a graph (empty when it conforms), one line each, sorted."""
    from pyshacl import validate

    data = triples if isinstance(triples, rdflib.Graph) else _graph(triples)
    conforms, report, _text = validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True,
                                       allow_warnings=True)
    if conforms:
        return []
    out = set()
    for res in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(res, SH.focusNode)
        path = report.value(res, SH.resultPath)
        msg = report.value(res, SH.resultMessage)
        out.add(f"{_part(focus)}: {_local(path) if path is not None else 'node'}: {msg}")
    return sorted(out)


def _graph(triples: Iterable[tuple[Any, Any, Any]]) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in triples:
        g.add(t)
    return g


def _part(node: Any) -> str:
    """'case/ID/patient' -> 'patient', 'case/ID' -> 'case', an evidence node -> 'evidence'."""
    s = str(node)
    m = re.match(rf"{re.escape(BASE)}case/[^/#]+(?:[/#](.*))?$", s)
    if not m:
        return s
    return (m.group(1) or "case").split("/")[0] if m.group(1) is None or "ev" not in m.group(1) else "evidence"


def _local(iri: Any) -> str:
    return re.split(r"[/#]", str(iri))[-1]


def oxigraph_triples(quads: Iterable[Any]) -> list[tuple[Any, Any, Any]]:
    """rdflib triples from Oxigraph quads (or triples)."""
    import pyoxigraph as ox

    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            return rdflib.URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        if t.datatype is None or t.datatype.value == _XSD_STRING:  # a simple literal is an xsd:string (RDF 1.1)
            return rdflib.Literal(t.value)
        return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))

    return [(term(q.subject), term(q.predicate), term(q.object)) for q in quads]
