"""The remote store: spinekg's graph on a SPARQL 1.1 server (Virtuoso, GraphDB, Fuseki, Neptune ...).

``RemoteStore`` has the public methods of :class:`~spinekg.graph.store.EmbeddedStore` and gives the
same shapes back (rows of pyoxigraph terms), so every caller works unchanged. It speaks SPARQL 1.1
Query and Update through SPARQLWrapper; results come back as SPARQL JSON (SELECT/ASK) or N-Triples
(CONSTRUCT/DESCRIBE) and are turned into pyoxigraph terms; data is written as N-Triples serialized by
pyoxigraph inside ``INSERT DATA { GRAPH <g> { ... } }``, in bounded batches.

The graph layout is the embedded store's: one named graph per case, ``<case>/inferred`` beside it, the
shared entities, the ontology and the store metadata in their own graphs. Queries are meant to run
over the union of all graphs, which depends on the server:

- Virtuoso: a query without FROM runs over the union of all graphs (nothing to do). The anonymous
  ``/sparql`` endpoint needs ``GRANT SPARQL_UPDATE TO "SPARQL"`` (see scripts/virtuoso.sh), or use
  ``/sparql-auth`` with a user, a password and ``auth="digest"``.
- Fuseki (TDB2): set ``tdb2:unionDefaultGraph true`` on the dataset, and use ``/ds/sparql`` and
  ``/ds/update`` (or ``/ds`` for both).
- GraphDB and Neptune: the default graph of a query is the union of all graphs by default; GraphDB
  takes updates at ``/repositories/ID/statements``.

Prefixes of :data:`spinekg.ontology.PREFIXES` that a query does not declare are declared for it.
"""

from __future__ import annotations

import ast
import json
import logging
import re
import urllib.error
from collections.abc import Iterable, Iterator
from typing import IO, Any

import pyoxigraph as ox
import spinekg.ontology as ontology
from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)
from spinekg.graph import iris
from spinekg.graph.builder import CaseQuads
from spinekg.graph.records import case_to_dict
from spinekg.graph.store import (
    FORMATS,
    ONTOLOGY_VERSION,
    STORE_NODE,
    STORE_VERSION,
    EmbeddedStore,
    IngestReport,
    QueryResult,
    to_term,
)

from spinekg.errors import QueryError, StoreError
from spinekg.model import CaseRecord

logger = logging.getLogger(__name__)

RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
RDF_MEDIA = {"turtle": "text/turtle", "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
             "jsonld": "application/ld+json", "nquads": "application/n-quads", "trig": "application/trig"}
GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")
_BNODE_CHARS = re.compile(r"[^A-Za-z0-9_]")
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
PAGE = 10000  # rows per page when reading a graph (Virtuoso's default ResultSetMaxRows is 10000)


def term_from_json(b: dict[str, Any]) -> Any:
    """A term of a SPARQL 1.1 JSON result as a pyoxigraph term (Virtuoso's 'typed-literal' included)."""
    kind, value = b.get("type"), b.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode("b" + _BNODE_CHARS.sub("_", value))
    if kind in ("literal", "typed-literal"):
        lang = b.get("xml:lang")
        if lang:
            return ox.Literal(value, language=lang)
        dt = b.get("datatype")
        if dt == XSD_BOOLEAN and value in ("0", "1"):
            value = "true" if value == "1" else "false"  # Virtuoso writes booleans as 0/1: the same values
        return ox.Literal(value, datatype=ox.NamedNode(dt)) if dt else ox.Literal(value)
    if kind == "triple":
        t = value
        return ox.Triple(term_from_json(t["subject"]), term_from_json(t["predicate"]), term_from_json(t["object"]))
    raise StoreError(f"the SPARQL server returned a term of unknown type {kind!r}")


def with_prefixes(sparql: str) -> str:
    """The query with a PREFIX declaration for each prefix of spinekg it does not declare itself."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in ontology.PREFIXES.items() if p not in declared)
    return head + sparql


def _server_message(e: Exception) -> str:
    """The first line of the server's answer inside a SPARQLWrapper exception (or the exception itself)."""
    text = str(e)
    if "Response:\n" in text:
        raw = text.split("Response:\n", 1)[1].strip()
        try:
            raw = ast.literal_eval(raw).decode("utf-8", "replace")
        except (ValueError, SyntaxError, AttributeError):
            pass
        lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
        if lines:
            return lines[0][:300]
    return text.splitlines()[0] if text else type(e).__name__


def _base_media(ctype: str) -> str:
    return ctype.split(";", 1)[0].strip().lower()


class RemoteStore:
    """spinekg's graph on a SPARQL 1.1 server, with the public methods of the embedded store."""

    def __init__(self, url: str, *, update_url: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 60, read_only: bool = False,
                 auth: str = "basic", batch_size: int = 1000) -> None:
        self.url = url
        self.update_url = update_url or url
        self.user, self.password = user, password
        self.timeout = timeout
        self.read_only = read_only
        self.auth = DIGEST if auth.lower() == "digest" else BASIC
        self.batch_size = max(1, batch_size)
        self.path = None  # not on disk: callers that print a path get the URL from stats()
        if not read_only:
            self.ensure_ontology()

    # --- HTTP ------------------------------------------------------------------------------
    def _request(self, text: str, accept: str | None = None) -> tuple[bytes, str, str]:
        """Send a query or an update; returns the body, its media type and the SPARQL query form."""
        w = SPARQLWrapper(self.url, updateEndpoint=self.update_url)
        w.setTimeout(max(1, int(self.timeout)))
        w.setMethod(POST)
        w.setOnlyConneg(True)
        if self.user:
            w.setCredentials(self.user, self.password or "")
            w.setHTTPAuth(self.auth)
        w.setQuery(text)
        form = str(w.queryType or "SELECT").upper()
        update = w.isSparqlUpdateRequest()
        if accept is None:
            accept = GRAPH_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else RESULT_MEDIA["json"]
        w.addCustomHttpHeader("Accept", accept)
        where = self.update_url if update else self.url
        what = "an update" if update else "the query"
        try:
            res = w.query()
            body = res.response.read()
            ctype = res.response.info().get("Content-Type", "")
        except QueryBadFormed as e:
            msg = _server_message(e)
            if update:
                raise StoreError(f"the SPARQL server at {where} refused {what}: {msg}") from None
            raise QueryError(f"the SPARQL server refused the query: {msg}") from None
        except Unauthorized:
            raise StoreError(f"the SPARQL server at {where} denied access (401): check "
                             "SPINEKG_SPARQL_USER and SPINEKG_SPARQL_PASSWORD") from None
        except EndPointNotFound:
            raise StoreError(f"no SPARQL endpoint at {where} (404)") from None
        except URITooLong:
            raise StoreError(f"the SPARQL server at {where} found {what} too long (414)") from None
        except (EndPointInternalError, SPARQLWrapperException) as e:
            raise StoreError(f"the SPARQL server at {where} failed on {what}: {_server_message(e)}") from None
        except urllib.error.HTTPError as e:
            raise StoreError(f"the SPARQL server at {where} answered HTTP {e.code} to {what}") from None
        except urllib.error.URLError as e:
            raise StoreError(f"cannot reach the SPARQL server at {where}: {e.reason}") from None
        except TimeoutError:
            raise StoreError(f"the SPARQL server at {where} did not answer within {self.timeout:g} s") from None
        except OSError as e:
            raise StoreError(f"cannot talk to the SPARQL server at {where}: {e}") from None
        return body, _base_media(ctype), form

    def _update(self, text: str) -> None:
        self._check_writable()
        self._request(with_prefixes(text))

    def _select(self, text: str) -> QueryResult:
        body, media, form = self._request(with_prefixes(text))
        return self._parse(body, media, form)

    def _parse(self, body: bytes, media: str, form: str) -> QueryResult:
        if form in ("CONSTRUCT", "DESCRIBE"):
            fmt = ox.RdfFormat.from_media_type(media) if media else ox.RdfFormat.N_TRIPLES
            if fmt is None:
                raise StoreError(f"the SPARQL server answered a graph query with {media or 'no media type'}")
            try:
                return QueryResult(triples=[q.triple for q in ox.parse(body, format=fmt)])
            except SyntaxError as e:
                raise StoreError(f"the SPARQL server sent unreadable {fmt}: {str(e).splitlines()[0]}") from None
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise StoreError(f"the SPARQL server sent {media or 'an answer'} that is not SPARQL JSON") from None
        if "boolean" in data:
            return QueryResult(boolean=bool(data["boolean"]))
        variables = list(data.get("head", {}).get("vars", []))
        rows = [{k: term_from_json(v) for k, v in b.items()} for b in data.get("results", {}).get("bindings", [])]
        return QueryResult(variables=variables, rows=rows)

    # --- ontology ------------------------------------------------------------------------
    def ensure_ontology(self) -> None:
        """Load (or refresh) the ontology and its inferred axioms when the version in the meta graph differs."""
        wanted = ontology.fingerprint()
        res = self._select(f"SELECT ?v WHERE {{ GRAPH <{iris.META_GRAPH}> {{ {STORE_NODE} {ONTOLOGY_VERSION} ?v }} }}")
        if [r["v"].value for r in res.rows if "v" in r] == [wanted]:
            return
        self._check_writable()
        og, ig = ox.NamedNode(iris.ONTOLOGY_GRAPH), ox.NamedNode(iris.ONTOLOGY_INFERRED_GRAPH)
        quads = [ox.Quad(q.subject, q.predicate, q.object, og)
                 for q in ox.parse(path=str(ontology.ontology_path()), format=ox.RdfFormat.TURTLE)]
        if ontology.inferred_path().exists():
            quads += [ox.Quad(q.subject, q.predicate, q.object, ig)
                      for q in ox.parse(path=str(ontology.inferred_path()), format=ox.RdfFormat.TURTLE)]
        self._update(f"DROP SILENT GRAPH {og} ;\nDROP SILENT GRAPH {ig} ;\n"
                     f"DELETE WHERE {{ GRAPH <{iris.META_GRAPH}> {{ {STORE_NODE} {ONTOLOGY_VERSION} ?v }} }}")
        self._insert(quads)
        # the version last: an interrupted load is redone on the next open
        self._insert([ox.Quad(STORE_NODE, ONTOLOGY_VERSION, ox.Literal(wanted), ox.NamedNode(iris.META_GRAPH))])
        self._touch()

    def version(self) -> str | None:
        """A token that changes with every change made through spinekg (as EmbeddedStore.version)."""
        res = self._select(f"SELECT ?v WHERE {{ GRAPH <{iris.META_GRAPH}> {{ {STORE_NODE} {STORE_VERSION} ?v }} }}")
        return next((r["v"].value for r in res.rows if "v" in r), None)

    def _touch(self) -> None:
        import uuid

        self._update(f"DELETE WHERE {{ GRAPH <{iris.META_GRAPH}> {{ {STORE_NODE} {STORE_VERSION} ?v }} }}")
        self._insert([ox.Quad(STORE_NODE, STORE_VERSION, ox.Literal(uuid.uuid4().hex), ox.NamedNode(iris.META_GRAPH))])

    # --- writing -------------------------------------------------------------------------
    def build(self, records: Iterable[CaseRecord]) -> list[CaseQuads]:
        """Quads of every record, built and checked against the case shapes before anything is written."""
        from spinekg.graph.shapes import build_checked

        return build_checked(records)

    def write(self, built: list[CaseQuads]) -> int:
        """Replace each case's graphs (DROP SILENT GRAPH, then INSERT DATA); returns the quads written."""
        self._check_writable()
        n = 0
        for cq in built:
            quads = list(cq.all())
            self._update(f"DROP SILENT GRAPH <{cq.graph}> ;\nDROP SILENT GRAPH <{iris.inferred_graph(cq.case_id)}>")
            self._insert(quads)
            n += len(quads)
        if built:
            self._touch()
        return n

    def _insert(self, quads: list[ox.Quad]) -> None:
        """INSERT DATA per graph in batches of ``batch_size`` triples, serialized by pyoxigraph as N-Triples.

        Triples with blank nodes go, all of a graph together, into ``INSERT { ... } WHERE {}``: Virtuoso 7.2
        refuses blank nodes in INSERT DATA, and one request keeps a blank node the same node.
        """
        by_graph: dict[str, tuple[list[ox.Triple], list[ox.Triple]]] = {}
        for q in quads:
            g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
            plain, blank = by_graph.setdefault(g, ([], []))
            has_blank = isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
            (blank if has_blank else plain).append(q.triple)
        for g, (plain, blank) in by_graph.items():
            for i in range(0, len(plain), self.batch_size):
                self._update(f"INSERT DATA {{ {self._block(g, plain[i:i + self.batch_size])} }}")
            if blank:
                self._update(f"INSERT {{ {self._block(g, blank)} }} WHERE {{ }}")

    @staticmethod
    def _block(graph: str, triples: list[ox.Triple]) -> str:
        nt = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        return f"GRAPH {graph} {{\n{nt}}}" if graph else nt

    def ingest(self, records: Iterable[CaseRecord]) -> IngestReport:
        built = self.build(records)
        rep = IngestReport(cases=len(built))
        rep.quads = self.write(built)
        for cq in built:
            rep.warnings.extend(cq.warnings)
        return rep

    def remove_case(self, case_id: str) -> bool:
        self._check_writable()
        graphs = (iris.case_graph(case_id), iris.inferred_graph(case_id))
        found = any(self._select(f"ASK {{ GRAPH <{g}> {{ ?s ?p ?o }} }}").boolean for g in graphs)
        if found:
            self._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
            self._touch()
        return found

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")

    # --- reading -------------------------------------------------------------------------
    def _prepare(self, sparql: str, bindings: dict[str, Any] | None) -> str:
        from spinekg.queries import bind_values

        terms = {k: str(v if isinstance(v, (ox.NamedNode, ox.Literal)) else to_term(str(v)))
                 for k, v in (bindings or {}).items()}
        return with_prefixes(bind_values(sparql, terms))

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs; parameters are bound as terms (VALUES)."""
        body, media, form = self._request(self._prepare(sparql, bindings))
        return self._parse(body, media, form)

    def select_values(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT's rows as plain strings (see EmbeddedStore.select_values)."""
        return [{k: str(v.value) for k, v in r.items()} for r in self.query(sparql).rows]

    def query_serialized(self, sparql: str, bindings: dict[str, Any] | None, fmt: str) -> bytes:
        """A query's results in a standard format, as the server writes it, else converted by pyoxigraph."""
        text = self._prepare(sparql, bindings)
        probe = SPARQLWrapper(self.url)
        probe.setQuery(text)
        graph_form = str(probe.queryType).upper() in ("CONSTRUCT", "DESCRIBE")
        if not graph_form:
            if fmt not in RESULT_MEDIA:
                raise QueryError(f"a SELECT or ASK result cannot be written as {fmt}")
            body, media, _ = self._request(text, accept=RESULT_MEDIA[fmt])
            if media == RESULT_MEDIA[fmt]:
                return body
            if media != RESULT_MEDIA["json"]:
                body, media, _ = self._request(text, accept=RESULT_MEDIA["json"])
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            return parsed.serialize(format=ox.QueryResultsFormat.from_media_type(RESULT_MEDIA[fmt])) or b""
        if fmt not in FORMATS:
            raise QueryError(f"a graph result cannot be written as {fmt}")
        body, media, form = self._request(text, accept=RDF_MEDIA[fmt] + ", " + GRAPH_ACCEPT)
        if media == RDF_MEDIA[fmt]:
            return body
        triples = self._parse(body, media, form).triples or []
        return ox.serialize(triples, format=FORMATS[fmt], prefixes=ontology.PREFIXES) or b""

    def _graph_triples(self, graph: str) -> list[ox.Triple]:
        """Every triple of one graph, read in pages of SPARQL JSON."""
        out: list[ox.Triple] = []
        for page in range(100000):
            res = self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} "
                               f"ORDER BY ?s ?p ?o LIMIT {PAGE} OFFSET {page * PAGE}")
            out.extend(ox.Triple(r["s"], r["p"], r["o"]) for r in res.rows)
            if len(res.rows) < PAGE:
                break
        return out

    def _graphs(self) -> list[str]:
        """spinekg's named graphs on the server (the server's own graphs left out)."""
        res = self._select(f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                           f'FILTER(STRSTARTS(STR(?g), "{ontology.BASE}")) }}')
        return sorted(r["g"].value for r in res.rows)

    def _quads(self) -> Iterator[ox.Quad]:
        for g in self._graphs():
            node = ox.NamedNode(g)
            for t in self._graph_triples(g):
                yield ox.Quad(t.subject, t.predicate, t.object, node)

    def case_quads(self, case_id: str) -> list[ox.Quad]:
        """The whole case, as the embedded store gives it: its graph, its inferred graph, its terms' labels."""
        quads: list[ox.Quad] = []
        for g in (iris.case_graph(case_id), iris.inferred_graph(case_id)):
            node = ox.NamedNode(g)
            quads += [ox.Quad(t.subject, t.predicate, t.object, node) for t in self._graph_triples(g)]
        if not quads:
            return []
        terms = sorted({t.value for q in quads for t in (q.subject, q.predicate, q.object)
                        if isinstance(t, ox.NamedNode)})
        seen = {str(q) for q in quads}
        for i in range(0, len(terms), 200):
            values = " ".join(f"<{t}>" for t in terms[i:i + 200])
            res = self._select(f"SELECT ?s ?l ?g WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s "
                               f"<http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}")
            for r in res.rows:
                q = ox.Quad(r["s"], ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), r["l"], r["g"])
                if str(q) not in seen and "/case/" not in r["g"].value:
                    seen.add(str(q))
                    quads.append(q)
        return quads

    def dump_case(self, out: IO[bytes], case_id: str, fmt: str) -> bool:
        from spinekg.graph.store import write_case

        return write_case(self.case_quads(case_id), out, fmt)

    def case_ids(self) -> list[str]:
        res = self._select("SELECT ?id WHERE { GRAPH ?g { ?g skg:caseId ?id } }")
        return sorted(r["id"].value for r in res.rows)

    def case_record(self, case_id: str) -> dict[str, Any] | None:
        g = ox.NamedNode(iris.case_graph(case_id))
        quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in self._graph_triples(g.value)]
        if not quads:
            return None
        report: Any = next((q.object for q in quads if q.predicate.value == ontology.SKG + "reportedIn"), None)
        ent: list[ox.Quad] = []
        if isinstance(report, ox.NamedNode):
            eg = ox.NamedNode(iris.ENTITIES_GRAPH)
            res = self._select(f"SELECT ?p ?o WHERE {{ GRAPH {eg} {{ {report} ?p ?o }} }}")
            ent = [ox.Quad(report, r["p"], r["o"], eg) for r in res.rows]
        return case_to_dict(g.value, quads, ent)

    def case_records(self) -> Iterator[dict[str, Any]]:
        for cid in self.case_ids():
            rec = self.case_record(cid)
            if rec is not None:
                yield rec

    def dump(self, out: IO[bytes], fmt: str, *, graph: str | None = None, with_void: bool = True) -> None:
        """Serialize spinekg's graphs (or one graph), read from the server graph by graph.

        Like the embedded store's dump, with the dataset's VoID description unless ``with_void`` is off;
        the VoID statistics are computed on an in-memory copy (the server's own graphs left out).
        """
        rdf_format = FORMATS[fmt]
        if graph is not None:
            ox.serialize(self._graph_triples(graph), out, rdf_format, prefixes=ontology.PREFIXES)
        elif with_void:
            self.in_memory_copy().dump(out, fmt)
        elif rdf_format == ox.RdfFormat.N_QUADS:
            for g in self._graphs():  # streamed, one graph at a time
                node = ox.NamedNode(g)
                ox.serialize([ox.Quad(t.subject, t.predicate, t.object, node) for t in self._graph_triples(g)],
                             out, rdf_format)
        else:
            self.in_memory_copy().dump(out, fmt, with_void=False)

    def stats(self) -> dict[str, Any]:
        res = self.query("""
            SELECT (COUNT(DISTINCT ?c) AS ?cases) (COUNT(DISTINCT ?r) AS ?reports) WHERE {
              ?c a skg:Case . OPTIONAL { ?c skg:reportedIn ?r } }""")
        row = res.rows[0] if res.rows else {}
        size = self._select(f'SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{ '
                            f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{ontology.BASE}")) }}')
        srow = size.rows[0] if size.rows else {}
        return {
            "store": self.url,
            "cases": int(row["cases"].value) if "cases" in row else 0,
            "reports": int(row["reports"].value) if "reports" in row else 0,
            "quads": int(srow["quads"].value) if "quads" in srow else 0,
            "named_graphs": int(srow["graphs"].value) if "graphs" in srow else 0,
            "ontology_version": ontology.version(),
        }

    def in_memory_copy(self) -> EmbeddedStore:
        """spinekg's graphs copied from the server into a fresh in-memory embedded store."""
        mem = EmbeddedStore(None)
        mem.store.clear()
        mem.store.bulk_extend(self._quads())
        return mem

    def close(self) -> None:
        """Nothing to release: every request is its own HTTP connection."""
