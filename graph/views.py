"""What the web pages show, as functions over a store (the views themselves hold no SPARQL)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from spinekg.graph import iris
from spinekg.graph.store import EmbeddedStore
from spinekg.ontology import BASE, SKG

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DEFINITION = "http://www.w3.org/2004/02/skos/core#definition"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
ABBREV = SKG + "abbreviation"
MATCHES = ("http://www.w3.org/2004/02/skos/core#exactMatch", "http://www.w3.org/2004/02/skos/core#closeMatch")
OBO = "http://purl.obolibrary.org/obo/"
#: kinds of pages, by the class an IRI is an instance of (ontology classes get theirs from the lexicon)
TYPE_KINDS = {SKG + "Case": "case", SKG + "CaseReport": "report", SKG + "Gene": "gene", SKG + "IHCMarker": "marker",
              SKG + "Drug": "drug", SKG + "GeneFusion": "fusion", SKG + "Vertebra": "vertebra",
              SKG + "SpinalRegion": "region", SKG + "Tumor": "tumor", SKG + "Patient": "patient",
              SKG + "IHCResult": "IHC result", SKG + "Outcome": "outcome"}
LEXICON_KINDS = {"tumor_type": "tumor type", "procedure": "procedure", "imaging_finding": "imaging finding",
                 "status": "outcome status", "method": "detection method"}


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
    #: property -> (its label, how many subjects link with it), for every incoming link (not only those listed)
    incoming_counts: dict[str, tuple[str | None, int]] = field(default_factory=dict)
    parents: list[tuple[str, str | None]] = field(default_factory=list)
    children: list[tuple[str, str | None]] = field(default_factory=list)
    kind: str | None = None

    @property
    def exists(self) -> bool:
        return bool(self.outgoing or self.incoming)

    @property
    def incoming_total(self) -> int:
        return sum(n for _, n in self.incoming_counts.values()) or len(self.incoming)

    @property
    def external_ids(self) -> list[tuple[str, str]]:
        """(CURIE, link to its home page) of each external match."""
        return [external_link(m) for m in self.matches]


def describe(store: EmbeddedStore, iri: str, *, limit: int = 500, incoming_limit: int = 100) -> Description:
    """Label, types, definition, synonyms, external matches, parents, children, and the links in and out."""
    node = ox.NamedNode(iri)
    d = Description(iri=iri)
    out = store.query("""
        SELECT DISTINCT ?p ?pl ?o ?ol WHERE { ?s ?p ?o . OPTIONAL { ?p rdfs:label ?pl }
          OPTIONAL { ?o rdfs:label ?ol } } ORDER BY ?p ?o LIMIT """ + str(int(limit)), {"s": node})
    for r in out.rows:
        p, o = r["p"].value, r["o"]
        ol = r["ol"].value if "ol" in r else None
        if p == LABEL and d.label is None:
            d.label = o.value
        elif p == DEFINITION and d.definition is None:
            d.definition = o.value
        elif p in (ALT, ABBREV) and o.value not in d.synonyms:
            d.synonyms.append(o.value)
        elif p in MATCHES:
            d.matches.append(o.value)
        elif p == TYPE:
            d.types.append((o.value, ol))
        d.outgoing.append((p, r["pl"].value if "pl" in r else None, o, ol))
    # the links in: counted per property, and a sample (no ORDER BY: a type may have thousands of members)
    # the term is serialized by Oxigraph (a NamedNode is a valid IRI), as bind_values would; it goes in the
    # subquery itself so that the count is over its links only
    counts = store.query("""
        SELECT ?p ?pl ?n WHERE { { SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p $O } GROUP BY ?p }
          OPTIONAL { ?p rdfs:label ?pl } }""".replace("$O", str(node)))
    for r in counts.rows:
        d.incoming_counts[r["p"].value] = (r["pl"].value if "pl" in r else None, int(r["n"].value))
    inc = store.query("""
        SELECT DISTINCT ?s ?sl ?p ?pl WHERE { ?s ?p ?o . FILTER(isIRI(?s)) OPTIONAL { ?s rdfs:label ?sl }
          OPTIONAL { ?p rdfs:label ?pl } } LIMIT """ + str(int(incoming_limit)), {"o": node})
    for r in inc.rows:
        d.incoming.append((r["p"].value, r["pl"].value if "pl" in r else None, r["s"].value,
                           r["sl"].value if "sl" in r else None))
    d.incoming.sort(key=lambda x: (x[1] or x[0], (x[3] or x[2]).lower()))
    tree = store.query("""
        SELECT DISTINCT ?rel ?x ?xl WHERE {
          GRAPH <$G> { { ?s rdfs:subClassOf ?x BIND("parent" AS ?rel) }
                       UNION { ?x rdfs:subClassOf ?s BIND("child" AS ?rel) } }
          FILTER(isIRI(?x)) OPTIONAL { ?x rdfs:label ?xl } } LIMIT 500""".replace("$G", iris.ONTOLOGY_GRAPH),
        {"s": node})
    d.parents = []
    for r in tree.rows:
        pair = (r["x"].value, r["xl"].value if "xl" in r else None)
        (d.parents if r["rel"].value == "parent" else d.children).append(pair)
    d.children.sort(key=lambda x: (x[1] or x[0]).lower())
    d.kind = kind_of(d)
    return d


def kind_of(d: Description) -> str | None:
    """What sort of page an IRI gets: tumor type, vertebra, gene, case ... (None for anything else)."""
    from spinekg.ontology.lexicon import lexicon

    t = lexicon().terms.get(d.iri)
    if t is not None:
        return LEXICON_KINDS.get(t.kind, t.kind.replace("_", " "))
    for ty, _ in d.types:
        if ty in TYPE_KINDS:
            return TYPE_KINDS[ty]
    return None


def external_link(iri: str) -> tuple[str, str]:
    """The CURIE of an external IRI and the page to link it to (NCIt's browser, HGNC, DrugBank, OBO PURLs)."""
    from spinekg.ontology.check import EXTERNAL

    cid = EXTERNAL.compress(iri) or iri
    prefix, _, local = cid.partition(":")
    if prefix == "NCIT":
        return cid, f"https://evsexplore.semantics.cancer.gov/evsexplore/concept/ncit/{local}"
    if prefix == "HGNC":
        return f"HGNC:{local}", f"https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:{local}"
    if prefix == "DRUGBANK":
        return f"DrugBank:{local}", f"https://go.drugbank.com/drugs/{local}"
    if prefix == "Orphanet":
        return cid, f"https://www.orpha.net/en/disease/detail/{local}"
    if prefix in ("UBERON", "HP", "MONDO", "CHEBI", "SO", "MAXO", "DOID"):
        return cid, f"{OBO}{prefix}_{local}"
    return cid, iri


def source_links(source: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(kind, identifier, link) of a report: DOI, PubMed, PMC, URL."""
    out = []
    if source.get("doi"):
        out.append(("DOI", source["doi"], "https://doi.org/" + source["doi"]))
    if source.get("pmid"):
        out.append(("PubMed", source["pmid"], f"https://pubmed.ncbi.nlm.nih.gov/{source['pmid']}/"))
    if source.get("pmcid"):
        out.append(("PMC", source["pmcid"], f"https://pmc.ncbi.nlm.nih.gov/articles/{source['pmcid']}/"))
    if source.get("url") and str(source["url"]).startswith(("http://", "https://")):
        from urllib.parse import urlsplit

        out.append(("at", urlsplit(source["url"]).netloc or source["url"], source["url"]))
    return out


def report_source(store: EmbeddedStore, iri: str) -> dict[str, Any]:
    """A report's bibliographic fields (DOI, PMID, PMCID, URL, journal, year, authors)."""
    res = store.query("SELECT ?p ?o WHERE { GRAPH ?g { ?r ?p ?o } }", {"r": ox.NamedNode(iri)})  # as its cases say
    keys = {SKG + k: k for k in ("doi", "pmid", "pmcid", "url", "journal", "publicationYear", "authors")}
    return {keys[r["p"].value]: r["o"].value for r in res.rows if r["p"].value in keys}


def describe_rdf(store: EmbeddedStore, iri: str, fmt: str) -> bytes:
    """The triples about an IRI (its own, and the links pointing at it) in an RDF format."""
    return store.query_serialized("CONSTRUCT { ?s ?p ?o . ?x ?q ?s } WHERE { { ?s ?p ?o } UNION { ?x ?q ?s } }",
                                  {"s": ox.NamedNode(iri)}, fmt)


def link(iri: str) -> str | None:
    """Where a result's IRI links: its page here, the IRI if it is a web address, else nowhere (never a
    "javascript:" link)."""
    return local_path(iri) or (iri if iri.lower().startswith(("http://", "https://")) else None)


def local_path(iri: str) -> str | None:
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else None


# --- the query library, run for the results page ------------------------------------------
def example_text(name: str, given: dict[str, str]) -> str:
    """A library query with its parameters (the given ones, else the defaults) bound in a VALUES block."""
    from spinekg.graph.store import to_term

    from spinekg import queries

    q = queries.get(name)
    terms = {k: str(to_term(v)) for k, v in q.bindings(given).items()}
    return queries.bind_values(q.sparql, terms)


@dataclass
class ResultTable:
    """A SPARQL result as a table: variables, and rows of (text, link or None) cells."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[tuple[str, str | None]]] = field(default_factory=list)
    boolean: bool | None = None
    total: int | None = None  # every row of the result (the table may hold only the first)
    more: bool = False  # counting stopped before the end


def result_table(data: bytes, fmt: str) -> ResultTable:
    """Parse a serialized result (SPARQL JSON for SELECT/ASK, N-Triples for a graph, or the first rows as the
    store's "rows:N" format gives them) into a table."""
    t = ResultTable()
    if fmt.startswith("rows:"):
        doc = json.loads(data or b"{}")
        if "boolean" in doc:
            t.boolean = bool(doc["boolean"])
            return t
        t.columns, t.total, t.more = list(doc["vars"]), int(doc["total"]), bool(doc.get("more"))
        for raw in doc["rows"]:
            t.rows.append([("", None) if c is None else
                           (iris.curie(c[1]), link(c[1])) if c[0] == "uri" else (c[1], None) for c in raw])
        return t
    if fmt == "json":
        doc = json.loads(data or b"{}")
        if "boolean" in doc:
            t.boolean = bool(doc["boolean"])
            return t
        t.columns = list(doc.get("head", {}).get("vars", []))
        for b in doc.get("results", {}).get("bindings", []):
            row: list[tuple[str, str | None]] = []
            for v in t.columns:
                cell = b.get(v)
                if cell is None:
                    row.append(("", None))
                elif cell.get("type") == "uri":
                    row.append((iris.curie(cell["value"]), link(cell["value"])))
                else:
                    row.append((cell.get("value", ""), None))
            t.rows.append(row)
        return t
    t.columns = ["subject", "predicate", "object"]
    for tr in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        row = []
        for term in (tr.subject, tr.predicate, tr.object):
            if isinstance(term, ox.NamedNode):
                row.append((iris.curie(term.value), link(term.value)))
            else:
                row.append((getattr(term, "value", str(term)), None))
        t.rows.append(row)
    return t
