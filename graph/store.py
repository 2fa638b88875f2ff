"""The embedded store: Oxigraph on disk (or in memory for tests), with the ontology loaded.

>>> from spinekg.model import CaseRecord
>>> st = EmbeddedStore(None)
>>> report = st.ingest([CaseRecord.from_dict({"document": "a.txt", "vertebrae": ["T11"]})])
>>> report.cases
1
>>> st.case_ids()
['a']
"""

from __future__ import annotations

import io
import itertools
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from spinekg.graph import iris
from spinekg.graph.builder import CaseQuads, build_case
from spinekg.graph.cache import LRUCache, cacheable
from spinekg.graph.records import case_to_dict

from spinekg import ontology
from spinekg.errors import QueryError, ResultTooLarge, StoreError
from spinekg.model import CaseRecord

logger = logging.getLogger(__name__)

DEFAULT_STORE = Path(os.environ.get("SPINEKG_STORE", Path.home() / ".local" / "share" / "spinekg" / "store"))
SKG_CASE = ontology.SKG + "Case"
META = ox.NamedNode(iris.META_GRAPH)
ONTOLOGY_VERSION = ox.NamedNode(ontology.SKG + "loadedOntologyVersion")
STORE_VERSION = ox.NamedNode(ontology.SKG + "storeVersion")  # a new value after every change
STORE_NODE = ox.NamedNode(ontology.BASE + "store")

_FROM = re.compile(r"(?im)^[^#\n]*\bFROM\s+(?:NAMED\s+)?<")

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass
class IngestReport:
    files: int = 0
    cases: int = 0
    quads: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@dataclass
class QueryResult:
    """A SELECT result: the variables and one dict per row (variable -> term, absent when unbound).

    ASK gives ``boolean``; CONSTRUCT/DESCRIBE give ``triples``.
    """

    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


def write_case(quads: list[ox.Quad], out: IO[bytes], fmt: str) -> bool:
    """Serialize a case's quads: dataset formats keep its graphs, triple formats get their union."""
    if not quads:
        return False
    rdf_format = FORMATS[fmt]
    if rdf_format.supports_datasets:
        ox.serialize(quads, out, rdf_format, prefixes=ontology.PREFIXES)
    else:
        ox.serialize(sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str), out, rdf_format,
                     prefixes=ontology.PREFIXES)
    return True


def to_term(value: str) -> ox.NamedNode | ox.Literal:
    """A query parameter: an IRI ('https://...'), a CURIE with a known prefix ('skg:T11'), or a literal."""
    expanded = iris.expand(value)
    if expanded != value or value.startswith(("http://", "https://", "urn:")):
        try:
            return ox.NamedNode(expanded)
        except ValueError:
            raise QueryError(f"{value!r} is not a valid IRI") from None
    if value.lstrip("-").isdigit():
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value)


Built = tuple[bytes, int, list[str]]  # N-Quads, how many quads, warnings


def csv_rows(data: bytes) -> list[dict[str, str]]:
    """SPARQL CSV results as one dict per row, empty (unbound) cells left out, equal strings shared."""
    import csv
    import io

    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader, None) or []
    pool: dict[str, str] = {}
    share = pool.setdefault
    return [{k: share(v, v) for k, v in zip(header, row, strict=True) if v} for row in reader]


class _CappedBuffer(io.RawIOBase):
    """A binary writer that keeps what is written until it passes its cap, then refuses every write."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap, self.data, self.over = cap, bytearray(), False

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        if self.over or len(self.data) + len(b) > self.cap:
            self.over = True
            raise OSError("the result passed the size cap")
        self.data += b
        return len(b)


#: how many more solutions a table counts (without keeping them) past those it shows
COUNT_CAP = 1_000_000


def _term_cell(t: Any) -> list[str]:
    if isinstance(t, ox.NamedNode):
        return ["uri", t.value]
    if isinstance(t, ox.BlankNode):
        return ["bnode", t.value]
    return ["literal", getattr(t, "value", str(t))]


def _first_rows(res: Any, n: int) -> bytes:
    """The first n rows of a result as compact JSON ({"vars", "rows", "total", "more"}), the rest only counted (up to
    COUNT_CAP): what a results page shows, built where the query runs, never the whole result in memory."""
    import json

    if isinstance(res, ox.QueryBoolean):
        return json.dumps({"boolean": bool(res)}).encode()
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        rows: list[list[Any]] = []
        total = 0
        for sol in res:
            if total < n:
                rows.append([None if sol[i] is None else _term_cell(sol[i]) for i in range(len(names))])
            total += 1
            if total >= n + COUNT_CAP:
                break
        return json.dumps({"vars": names, "rows": rows, "total": total, "more": total >= n + COUNT_CAP}).encode()
    rows = []
    total = 0
    for tr in res:
        if total < n:
            rows.append([_term_cell(tr.subject), _term_cell(tr.predicate), _term_cell(tr.object)])
        total += 1
        if total >= n + COUNT_CAP:
            break
    return json.dumps({"vars": ["subject", "predicate", "object"], "rows": rows, "total": total,
                       "more": total >= n + COUNT_CAP}).encode()


def _build_nquads(recs: list[CaseRecord]) -> Built:
    """N-Quads of the cases built from the records, and their warnings (runs in a worker process)."""
    built = [build_case(r) for r in recs]
    quads = [q for cq in built for q in cq.all()]
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    return data, len(quads), [w for cq in built for w in cq.warnings]


def _build_chunks(chunks: list[list[CaseRecord]], workers: int | None) -> Iterator[Built]:
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n <= 1 or len(chunks) <= 1 or not hasattr(os, "fork"):
        yield from map(_build_nquads, chunks)
        return
    import multiprocessing

    from spinekg.ontology.lexicon import lexicon

    lexicon()  # built once here, inherited by the forked workers
    with multiprocessing.get_context("fork").Pool(n) as pool:
        yield from pool.imap(_build_nquads, chunks)


def _through_pipe(produce: Callable[[IO[bytes]], object], consume: Callable[[IO[bytes]], object]) -> None:
    """Run produce (writing) in a thread and consume (reading) here, joined by a pipe.

    A failure on either side stops both (the other sees the pipe end) and is raised here.
    """
    import threading

    r, w = os.pipe()
    failed: list[BaseException] = []

    def run() -> None:
        try:
            with os.fdopen(w, "wb") as fh:
                produce(fh)
        except BrokenPipeError:
            pass  # the reader stopped; its own error is raised below
        except BaseException as e:  # noqa: BLE001 - handed to the reading thread
            failed.append(e)

    t = threading.Thread(target=run, name="spinekg-pipe", daemon=True)
    t.start()
    try:
        with os.fdopen(r, "rb") as fh:
            consume(fh)
    finally:
        t.join()
    if failed:
        raise failed[0]


def _stream_load(target: ox.Store, parts: Iterator[Built], copy: IO[bytes] | None, rep: IngestReport) -> None:
    """Bulk-load the N-Quads parts into target in one call, copying them to `copy`.

    One call lets Oxigraph batch the whole load (a call per part is slower: more, smaller index files).
    """

    def feed(fh: IO[bytes]) -> None:
        for data, n, warned in parts:
            fh.write(data)
            if copy is not None:
                copy.write(data)
            rep.quads += n
            rep.warnings.extend(warned)

    # lenient: the N-Quads come from Oxigraph's own serializer
    _through_pipe(feed, lambda fh: target.bulk_load(fh, ox.RdfFormat.N_QUADS, lenient=True))


SNAPSHOT_SUFFIX = ".snapshot.nq"


def _new_version() -> str:
    import uuid

    return uuid.uuid4().hex


def _version_quad(version: str) -> ox.Quad:
    return ox.Quad(STORE_NODE, STORE_VERSION, ox.Literal(version), META)


def _snapshot_header(version: str) -> bytes:
    return f"# spinekg snapshot of store version {version}\n".encode()


def _open_snapshot(path: Path, version: str) -> IO[bytes] | None:
    """A new snapshot file with its header, or None where nothing can be written there."""
    try:
        fh = path.open("wb")
    except OSError as e:
        logger.info("no snapshot written beside the store: %s", e)
        return None
    fh.write(_snapshot_header(version))
    return fh


class EmbeddedStore:
    """spinekg's graph in an Oxigraph store: one named graph per case, the ontology beside them."""

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from None
        self.read_only = read_only
        #: answers kept while the store is frozen for serving (see freeze)
        self.results: LRUCache[tuple[Any, ...], Any] | None = None
        if not read_only:
            self.ensure_ontology()

    def freeze(self, cache_bytes: int = 256 * 1024 * 1024) -> EmbeddedStore:
        """Take no more writes and keep query answers (up to cache_bytes) for as long as this object serves.

        A served store never changes, so a query's answer stays right for its lifetime; queries that
        call SERVICE or a volatile function (NOW, RAND, ...) are never kept.
        """
        self.read_only = True
        self.results = LRUCache(max_entries=4096, max_weight=cache_bytes)
        return self

    # --- ontology ------------------------------------------------------------------------
    def ensure_ontology(self) -> None:
        """Load (or refresh) the shipped ontology and its inferred axioms when their version changed."""
        wanted = ontology.fingerprint()
        have = [str(getattr(q.object, "value", q.object))
                for q in self.store.quads_for_pattern(STORE_NODE, ONTOLOGY_VERSION, None, META)]
        if have == [wanted]:
            return
        og, ig = ox.NamedNode(iris.ONTOLOGY_GRAPH), ox.NamedNode(iris.ONTOLOGY_INFERRED_GRAPH)
        quads = self._ontology_quads()
        for g in (og, ig):
            if self.store.contains_named_graph(g):
                self.store.remove_graph(g)
        for q in self.store.quads_for_pattern(STORE_NODE, ONTOLOGY_VERSION, None, META):
            self.store.remove(q)
        self.store.extend(quads)
        self._touch()

    def version(self) -> str | None:
        """A token that changes with every change to the store (what caches of its contents are keyed by)."""
        for q in self.store.quads_for_pattern(STORE_NODE, STORE_VERSION, None, META):
            return str(getattr(q.object, "value", q.object))
        return None

    def _touch(self, target: ox.Store | None = None, version: str | None = None) -> None:
        st = self.store if target is None else target
        for q in list(st.quads_for_pattern(STORE_NODE, STORE_VERSION, None, META)):
            st.remove(q)
        st.add(_version_quad(version or _new_version()))
        if target is None and self.path is not None:
            self._snapshot_path().unlink(missing_ok=True)  # it no longer matches

    @staticmethod
    def _ontology_quads() -> list[ox.Quad]:
        """The ontology and its inferred axioms in their graphs, with the version marker."""
        og, ig = ox.NamedNode(iris.ONTOLOGY_GRAPH), ox.NamedNode(iris.ONTOLOGY_INFERRED_GRAPH)
        quads = [ox.Quad(q.subject, q.predicate, q.object, og)
                 for q in ox.parse(path=str(ontology.ontology_path()), format=ox.RdfFormat.TURTLE)]
        if ontology.inferred_path().exists():
            quads += [ox.Quad(q.subject, q.predicate, q.object, ig)
                      for q in ox.parse(path=str(ontology.inferred_path()), format=ox.RdfFormat.TURTLE)]
        quads.append(ox.Quad(STORE_NODE, ONTOLOGY_VERSION, ox.Literal(ontology.fingerprint()), META))
        return quads

    # --- writing -------------------------------------------------------------------------
    def build(self, records: Iterable[CaseRecord]) -> list[CaseQuads]:
        """Quads of every record, built and checked against the case shapes (``ontology/shapes.ttl``) before
        anything is written: a case that does not fit is refused with one line naming its part and field, and a
        failure writes nothing."""
        from spinekg.graph.shapes import build_checked

        return build_checked(records)

    def write(self, built: list[CaseQuads]) -> int:
        """Replace each case's graphs with the built quads; returns the number of quads written."""
        self._check_writable()
        n, changed = 0, False
        for cq in built:
            quads = list(cq.all())
            n += len(quads)
            graphs = [ox.NamedNode(g) for g in (cq.graph, iris.inferred_graph(cq.case_id))]
            present = [g for g in graphs if self.store.contains_named_graph(g)]
            if present and self._holds(quads, graphs, present):
                continue  # the case is stored exactly so already: re-ingesting it changes nothing
            for g in present:
                self.store.remove_graph(g)
            self.store.extend(quads)
            changed = True
        if changed:
            self._touch()
        return n  # each case is one transaction, durable in the write-ahead log; flushed on close

    def _holds(self, quads: list[ox.Quad], graphs: list[ox.NamedNode], present: list[ox.NamedNode]) -> bool:
        """True when the case's graphs hold exactly its quads and the store has its shared ones (entities)."""
        mine = {str(q) for q in quads if q.graph_name in graphs}
        stored = {str(q) for g in present for q in self.store.quads_for_pattern(None, None, None, g)}
        return mine == stored and all(q in self.store for q in quads if q.graph_name not in graphs)

    def ingest(self, records: Iterable[CaseRecord]) -> IngestReport:
        built = self.build(records)
        rep = IngestReport(cases=len(built))
        rep.quads = self.write(built)
        for cq in built:
            rep.warnings.extend(cq.warnings)
        return rep

    def rebuild(self, records: list[CaseRecord], *, workers: int | None = None, chunk: int = 2000) -> IngestReport:
        """Replace the whole store with these records: a full rebuild, as fast as the disk allows.

        Quads are built in `workers` processes (default: one per core) and bulk-loaded into a fresh
        store beside this one, which then takes its place; until that swap the old store is intact,
        so a rebuild killed midway leaves the previous store whole, and running it again completes.
        """
        self._check_writable()
        rep = IngestReport(cases=len(records))
        chunks = [records[i:i + chunk] for i in range(0, len(records), chunk)]
        version = _new_version()
        snap: IO[bytes] | None = None
        staging: Path | None = None
        if self.path is None:
            self.store.clear()
            self.ensure_ontology()
            target = self.store
        else:
            staging = self.path.with_name(self.path.name + ".rebuilding")
            shutil.rmtree(staging, ignore_errors=True)
            target = ox.Store(str(staging))
            ontology_quads = self._ontology_quads()
            target.bulk_extend(ontology_quads)
            snap = _open_snapshot(self._snapshot_path(".rebuilding"), version)
            if snap is not None:
                ox.serialize(ontology_quads, snap, ox.RdfFormat.N_QUADS)
        try:
            _stream_load(target, _build_chunks(chunks, workers), snap, rep)
        except BaseException:
            if snap is not None:  # what was written is no snapshot of anything; the staging store goes too
                snap.close()
                self._snapshot_path(".rebuilding").unlink(missing_ok=True)
            if staging is not None:
                del target
                shutil.rmtree(staging, ignore_errors=True)
            raise
        self._touch(target, version)
        if self.path is not None and staging is not None:
            target.flush()
            del target
            if snap is not None:
                ox.serialize([_version_quad(version)], snap, ox.RdfFormat.N_QUADS)
                snap.close()
            old = self.path.with_name(self.path.name + ".replaced")
            shutil.rmtree(old, ignore_errors=True)
            del self.store
            os.replace(self.path, old)
            os.replace(staging, self.path)
            shutil.rmtree(old, ignore_errors=True)
            if snap is not None:
                os.replace(self._snapshot_path(".rebuilding"), self._snapshot_path())
            self.store = ox.Store(str(self.path))
        return rep

    # --- the serving snapshot -------------------------------------------------------------
    def _snapshot_path(self, infix: str = "") -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + infix + SNAPSHOT_SUFFIX)

    def snapshot(self) -> Path | None:
        """The N-Quads snapshot beside the store, when it holds this very version of the store.

        Reading the on-disk store whole is slow (Oxigraph looks every term up); loading N-Quads into
        memory is several times faster. rebuild writes the snapshot, in_memory_copy writes it when it is
        missing or stale, and every change to the store removes it.
        """
        if self.path is None:
            return None
        path = self._snapshot_path()
        try:
            with path.open("rb") as fh:
                head = fh.readline(200)
        except OSError:
            return None
        version = self.version()
        return path if version is not None and head == _snapshot_header(version) else None

    def remove_case(self, case_id: str) -> bool:
        self._check_writable()
        found = False
        for g in (iris.case_graph(case_id), iris.inferred_graph(case_id)):
            node = ox.NamedNode(g)
            if self.store.contains_named_graph(node):
                self.store.remove_graph(node)
                found = True
        if found:
            self._touch()
        return found

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")

    # --- reading -------------------------------------------------------------------------
    def _run(self, sparql: str, bindings: dict[str, Any] | None) -> Any:
        from spinekg.queries import bind_values

        terms = {k: str(v if isinstance(v, (ox.NamedNode, ox.Literal)) else to_term(str(v)))
                 for k, v in (bindings or {}).items()}
        # a query that names its dataset (FROM / FROM NAMED) gets exactly that; others see every graph
        union = _FROM.search(sparql) is None
        try:
            return self.store.query(bind_values(sparql, terms), use_default_graph_as_union=union,
                                    prefixes=ontology.PREFIXES)
        except SyntaxError as e:
            raise QueryError(f"malformed query: {str(e).splitlines()[0] if str(e) else e}") from None
        except OSError as e:
            raise StoreError(f"query failed: {e}") from None

    def _cache_key(self, kind: str, sparql: str, bindings: dict[str, Any] | None) -> tuple[Any, ...] | None:
        if self.results is None or not cacheable(sparql):
            return None
        return (kind, sparql, tuple(sorted((k, str(v)) for k, v in (bindings or {}).items())))

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs; parameters are bound as terms (VALUES).

        On a frozen store the answer is kept and shared: treat the result as read-only.
        """
        key = self._cache_key("rows", sparql, bindings)
        if key is not None and self.results is not None:
            hit = self.results.get(key)
            if hit is not None:
                return hit  # type: ignore[no-any-return]
        res = self._run(sparql, bindings)
        if isinstance(res, ox.QueryBoolean):
            out = QueryResult(boolean=bool(res))
        elif isinstance(res, ox.QuerySolutions):
            variables = [v.value for v in res.variables]
            rows = []
            for sol in res:
                rows.append({v: sol[v] for v in variables if sol[v] is not None})
            out = QueryResult(variables=variables, rows=rows)
        else:
            out = QueryResult(triples=list(res))
        if key is not None and self.results is not None:
            size = len(out.rows) * max(len(out.variables), 1) + len(out.triples or ())
            self.results.put(key, out, weight=200 * size + 200)
        return out

    def select_values(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT's rows as plain strings (an IRI's text, a literal's lexical form); unbound ones left out.

        For whole-store tables: several times faster than `query` on big answers (Oxigraph writes the
        rows as SPARQL CSV, Python's csv module reads them), and equal strings are one object.
        """
        res = self._run(sparql, None)
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("select_values takes a SELECT query")
        text = res.serialize(format=ox.QueryResultsFormat.CSV) or b""
        return csv_rows(text)

    def query_serialized(self, sparql: str, bindings: dict[str, Any] | None, fmt: str) -> bytes:
        """A query's results in a standard format: json, xml, csv, tsv (SELECT/ASK) or an RDF format."""
        key = self._cache_key(fmt, sparql, bindings)
        if key is not None and self.results is not None:
            hit = self.results.get(key)
            if hit is not None:
                return hit  # type: ignore[no-any-return]
        data = self._serialized(sparql, bindings, fmt)
        if key is not None and self.results is not None:
            self.results.put(key, data, weight=len(data) + 200)
        return data

    def _serialized(self, sparql: str, bindings: dict[str, Any] | None, fmt: str, out: Any = None) -> bytes:
        """The result in a format; with ``out`` (a binary writer) written there as it is produced instead, so a
        caller can stop a result that grows past a cap without ever holding all of it (returns b"" then)."""
        res = self._run(sparql, bindings)
        if fmt.startswith("rows:"):
            data = _first_rows(res, int(fmt[5:]))
            if out is not None:
                out.write(data)
                return b""
            return data
        if isinstance(res, (ox.QuerySolutions, ox.QueryBoolean)):
            rf = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}.get(fmt)
            if rf is None:
                raise QueryError(f"a SELECT or ASK result cannot be written as {fmt}")
            if out is not None:
                res.serialize(out, format=rf)
                return b""
            return res.serialize(format=rf) or b""
        if fmt not in FORMATS:
            raise QueryError(f"a graph result cannot be written as {fmt}")
        if out is not None:
            ox.serialize(res, out, format=FORMATS[fmt], prefixes=ontology.PREFIXES)
            return b""
        return ox.serialize(res, format=FORMATS[fmt], prefixes=ontology.PREFIXES) or b""

    def serialize_capped(self, sparql: str, bindings: dict[str, Any] | None, fmt: str, cap: int) -> bytes:
        """The result in a format, produced as it streams and stopped as soon as it passes ``cap`` bytes
        (ResultTooLarge): a huge result never sits whole in memory (the query workers answer this way)."""
        out = _CappedBuffer(cap)
        try:
            self._serialized(sparql, bindings, fmt, out)
        except Exception:
            if out.over:
                raise ResultTooLarge(f"the result is larger than {cap // (1 << 20)} MB; add a LIMIT or narrow the "
                                     "query") from None
            raise
        if out.over:
            raise ResultTooLarge(f"the result is larger than {cap // (1 << 20)} MB; add a LIMIT or narrow the query")
        return bytes(out.data)

    def case_ids(self) -> list[str]:
        ids = []
        pred = ox.NamedNode(ontology.SKG + "caseId")
        q: Any
        for q in self.store.quads_for_pattern(None, pred, None, None):
            if q.graph_name.value == q.subject.value:
                ids.append(q.object.value)
        return sorted(ids)

    def case_record(self, case_id: str) -> dict[str, Any] | None:
        g = ox.NamedNode(iris.case_graph(case_id))
        if not self.store.contains_named_graph(g):
            return None
        quads = list(self.store.quads_for_pattern(None, None, None, g))
        report: Any = next((q.object for q in quads if q.predicate.value == ontology.SKG + "reportedIn"), None)
        ent = list(self.store.quads_for_pattern(report, None, None, ox.NamedNode(iris.ENTITIES_GRAPH))) \
            if report is not None else []
        return case_to_dict(g.value, quads, ent)

    def case_records(self) -> Iterator[dict[str, Any]]:
        for cid in self.case_ids():
            rec = self.case_record(cid)
            if rec is not None:
                yield rec

    def case_quads(self, case_id: str) -> list[ox.Quad]:
        """The whole case: its named graph, its inferred graph, and the labels (in the ontology's graph) of every
        term its graphs use; [] for an unknown case."""
        graphs = [ox.NamedNode(iris.case_graph(case_id)), ox.NamedNode(iris.inferred_graph(case_id))]
        quads = [q for g in graphs for q in self.store.quads_for_pattern(None, None, None, g)]
        if not quads:
            return []
        terms = {t for q in quads for t in (q.predicate, q.object) if isinstance(t, ox.NamedNode)}
        terms |= {q.subject for q in quads if isinstance(q.subject, ox.NamedNode)}
        label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        seen = {str(q) for q in quads}
        for t in sorted(terms, key=lambda x: x.value):
            for q in self.store.quads_for_pattern(t, label, None, None):
                if q.graph_name not in graphs and str(q) not in seen:
                    seen.add(str(q))
                    quads.append(q)
        return quads

    def dump_case(self, out: IO[bytes], case_id: str, fmt: str) -> bool:
        """Serialize the whole case (``case_quads``): dataset formats keep its graphs, triple formats get their
        union. False for an unknown case."""
        return write_case(self.case_quads(case_id), out, fmt)

    def dump(self, out: IO[bytes], fmt: str, *, graph: str | None = None, with_void: bool = True) -> None:
        """Serialize the store (or one graph) in an RDF format, streamed by Oxigraph.

        Dataset formats (N-Quads, TriG, JSON-LD) keep every named graph; triple formats get the union
        of all graphs. The dataset's VoID description is added (in its own graph) unless with_void is off.
        """
        rdf_format = FORMATS[fmt]
        void: list[ox.Quad] = []
        if with_void and graph is None:
            from spinekg.graph.describe import VOID_GRAPH, void_graph

            nt = void_graph(self).serialize(format="nt", encoding="utf-8")
            void = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(VOID_GRAPH))
                    for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]
        if graph is not None:
            triples: Any = (ox.Triple(q.subject, q.predicate, q.object)
                            for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
            ox.serialize(triples, out, rdf_format, prefixes=ontology.PREFIXES)
        elif rdf_format.supports_datasets:
            ox.serialize(itertools.chain(self.store, void), out, rdf_format, prefixes=ontology.PREFIXES)
        else:
            union: Any = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            ox.serialize(itertools.chain(union, (ox.Triple(q.subject, q.predicate, q.object) for q in void)), out,
                         rdf_format, prefixes=ontology.PREFIXES)

    def stats(self) -> dict[str, Any]:
        res = self.query("""
            SELECT (COUNT(DISTINCT ?c) AS ?cases) (COUNT(DISTINCT ?r) AS ?reports) WHERE {
              ?c a skg:Case . OPTIONAL { ?c skg:reportedIn ?r } }""")
        row = res.rows[0] if res.rows else {}
        quads = len(self.store)
        graphs = sum(1 for _ in self.store.named_graphs())
        return {
            "store": str(self.path) if self.path else ":memory:",
            "cases": int(row["cases"].value) if "cases" in row else 0,
            "reports": int(row["reports"].value) if "reports" in row else 0,
            "quads": quads,
            "named_graphs": graphs,
            "ontology_version": ontology.version(),
        }

    def in_memory_copy(self) -> EmbeddedStore:
        """The same graph in a fresh in-memory store (serving from memory is several times faster).

        Loaded with `load`, not `bulk_load`: into memory it is faster (10.4M quads: 29 s against 39 s)
        and peaks lower.

        From the snapshot when it is current (see snapshot); else the store is written out as a new
        snapshot and loaded from it; where nothing can be written beside the store, it is streamed
        through a pipe (one thread dumps, another loads, both in Oxigraph without the GIL).
        """
        mem = EmbeddedStore(None)
        mem.store.clear()
        snap = self.snapshot()
        if snap is None and self.path is not None and self.version() is not None:
            snap = self._write_snapshot()
        if snap is not None:
            mem.store.load(path=str(snap), format=ox.RdfFormat.N_QUADS, lenient=True)
            return mem
        try:
            _through_pipe(lambda fh: self.store.dump(fh, ox.RdfFormat.N_QUADS),
                          lambda fh: mem.store.load(fh, ox.RdfFormat.N_QUADS, lenient=True))
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"cannot copy the store into memory: {e}") from None
        return mem

    def _write_snapshot(self) -> Path | None:
        version = self.version()
        tmp = self._snapshot_path(f".{os.getpid()}.tmp")
        fh = _open_snapshot(tmp, version) if version else None
        if fh is None:
            return None
        try:
            with fh:
                self.store.dump(fh, ox.RdfFormat.N_QUADS)
            os.replace(tmp, self._snapshot_path())
        except OSError as e:
            logger.info("no snapshot written beside the store: %s", e)
            tmp.unlink(missing_ok=True)
            return None
        return self._snapshot_path()

    def close(self) -> None:
        if self.path is not None and not self.read_only:
            self.store.flush()
        del self.store
