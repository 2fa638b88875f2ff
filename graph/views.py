"""What the web pages show, as functions over a store (the views themselves hold no SPARQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from spinekg.graph.store import EmbeddedStore

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DEFINITION = "http://www.w3.org/2004/02/skos/core#definition"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
MATCHES = ("http://www.w3.org/2004/02/skos/core#exactMatch", "http://www.w3.org/2004/02/skos/core#closeMatch")


def summary(store: EmbeddedStore) -> dict[str, int]:
    res = store.query("""
        SELECT (COUNT(DISTINCT ?c) AS ?cases) (COUNT(DISTINCT ?r) AS ?reports) (COUNT(DISTINCT ?tt) AS ?tumorTypes)
               (COUNT(DISTINCT ?f) AS ?fusions) (COUNT(DISTINCT ?d) AS ?drugs) WHERE {
          ?c a skg:Case .
          OPTIONAL { ?c skg:reportedIn ?r }
          OPTIONAL { GRAPH ?c { ?c skg:hasTumor ?t . ?t a ?tt . FILTER(?tt != skg:Tumor) } }
          OPTIONAL { ?c skg:hasTumor/skg:hasGenomicFinding/skg:fusion ?f }
          OPTIONAL { ?c skg:hasIntervention/skg:agent ?d }
        }""")
    row = res.rows[0] if res.rows else {}
    return {k: int(row[k].value) if k in row else 0 for k in ("cases", "reports", "tumorTypes", "fusions", "drugs")}


def list_cases(store: EmbeddedStore, limit: int = 200) -> list[dict[str, str]]:
    res = store.query("""
        SELECT ?case ?label ?diagnosis WHERE {
          ?case a skg:Case ; rdfs:label ?label .
          OPTIONAL { ?case skg:hasTumor/skg:diagnosisLabel ?diagnosis }
        } ORDER BY ?case LIMIT """ + str(int(limit)))
    return [{k: v.value for k, v in r.items()} for r in res.rows]


@dataclass
class Description:
    iri: str
    label: str | None = None
    types: list[tuple[str, str | None]] = field(default_factory=list)
    definition: str | None = None
    synonyms: list[str] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)
    outgoing: list[tuple[str, str | None, Any, str | None]] = field(default_factory=list)
    incoming: list[tuple[str, str | None, str, str | None]] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return bool(self.outgoing or self.incoming)


def describe(store: EmbeddedStore, iri: str, *, limit: int = 500) -> Description:
    """Label, types, definition, synonyms, external matches, and the links in and out of an IRI."""
    node = ox.NamedNode(iri)
    d = Description(iri=iri)
    out = store.query("""
        SELECT DISTINCT ?p ?pl ?o ?ol WHERE { ?s ?p ?o . OPTIONAL { ?p rdfs:label ?pl }
          OPTIONAL { ?o rdfs:label ?ol } } ORDER BY ?p ?o LIMIT """ + str(int(limit)), {"s": node})
    for r in out.rows:
        p, o = r["p"].value, r["o"]
        if p == LABEL and d.label is None:
            d.label = o.value
        elif p == DEFINITION and d.definition is None:
            d.definition = o.value
        elif p == ALT:
            d.synonyms.append(o.value)
        elif p in MATCHES:
            d.matches.append(o.value)
        elif p == TYPE:
            d.types.append((o.value, r["ol"].value if "ol" in r else None))
        d.outgoing.append((p, r["pl"].value if "pl" in r else None, o, r["ol"].value if "ol" in r else None))
    inc = store.query("""
        SELECT DISTINCT ?s ?sl ?p ?pl WHERE { ?s ?p ?o . OPTIONAL { ?s rdfs:label ?sl }
          OPTIONAL { ?p rdfs:label ?pl } } ORDER BY ?p ?s LIMIT """ + str(int(limit)), {"o": node})
    for r in inc.rows:
        d.incoming.append((r["p"].value, r["pl"].value if "pl" in r else None, r["s"].value,
                           r["sl"].value if "sl" in r else None))
    return d


def describe_rdf(store: EmbeddedStore, iri: str, fmt: str) -> bytes:
    """The triples about an IRI (its own, and the links pointing at it) in an RDF format."""
    return store.query_serialized("CONSTRUCT { ?s ?p ?o . ?x ?q ?s } WHERE { { ?s ?p ?o } UNION { ?x ?q ?s } }",
                                  {"s": ox.NamedNode(iri)}, fmt)
