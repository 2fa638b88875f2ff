"""The remote store on a private Virtuoso (scripts/virtuoso.sh): every query answers as on the embedded store.

Skipped when Virtuoso is not installed, unless CI=true: then scripts/virtuoso.sh installs Debian's
package (as root) and a missing or broken Virtuoso is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from SPARQLWrapper import POST, SPARQLWrapper
from spinekg.graph.remote import RemoteStore
from spinekg.graph.store import STORE_VERSION

from spinekg import queries
from spinekg.cli import main
from spinekg.errors import QueryError, StoreError

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "virtuoso.sh"
CASES = sorted((ROOT / "tests" / "data" / "cases").glob("*.json"))
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                             "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
                             "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
TIMINGS: dict[str, float] = {}

# the parameter values tests/test_queries.py uses, besides each query's defaults
PARAMS: dict[str, list[dict[str, str]]] = {
    "cases-by-tumor-type": [{"type": "skg:Neoplasm"}, {"type": "skg:SolitaryFibrousTumor"}],
    "cases-at-level": [{"level": "skg:T11", "adjacent": "false"}, {"level": "skg:T4", "adjacent": "true"},
                       {"level": "skg:L1", "adjacent": "true"}],
    "cases-by-region": [{"region": "skg:ThoracicSpine"}, {"region": "skg:SacralSpine"}],
    "fusions-by-gene": [{"gene": "gene:NTRK3"}, {"gene": "gene:NAB2"}, {"gene": "gene:STAT6"}],
    "ihc-profile": [{"type": "skg:Neoplasm"}],
    "treatments-by-tumor-type": [{"type": "skg:GiantCellTumorOfBone"}, {"type": "skg:Neoplasm"}],
    "external-ids": [{"entity": "skg:Chordoma"}, {"entity": "skg:T8"}],
    "case-summary": [{"case": "case:dev-012"}],
    "evidence": [{"case": "case:dev-012"}],
    "cases-by-marker": [{"marker": "marker:S100"}],
    "cases-by-drug": [{"drug": "drug:entrectinib"}, {"drug": "drug:denosumab"}],
}
NEEDS_EXTERNAL = {"federated-gene-xrefs"}  # tested below with Virtuoso standing in for the external endpoint
CASES_TO_RUN = [(name, p) for name in sorted(queries.library()) if name not in NEEDS_EXTERNAL
                for p in [{}, *PARAMS.get(name, [])]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[str]:
    """A private Virtuoso started by scripts/virtuoso.sh in a temp dir; its SPARQL endpoint URL."""
    if shutil.which("virtuoso-t") is None and os.environ.get("CI") != "true":
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin; with CI=true "
                    "scripts/virtuoso.sh installs it)")
    # not under pytest's basetemp: other pytest runs on the machine prune old basetemps while this one runs
    d = Path(tempfile.mkdtemp(prefix="spinekg-virtuoso-"))
    env = {**os.environ, "VIRTUOSO_PORT": str(_free_port()), "VIRTUOSO_HTTP_PORT": str(_free_port())}
    t0 = time.monotonic()
    proc = subprocess.run(["bash", str(SCRIPT), "start", str(d)], env=env, capture_output=True, text=True,
                          timeout=900, check=False)
    TIMINGS["start"] = time.monotonic() - t0
    if proc.returncode != 0 or not proc.stdout.strip():
        subprocess.run(["bash", str(SCRIPT), "stop", str(d)], capture_output=True, timeout=120, check=False)
        pytest.fail(f"scripts/virtuoso.sh failed ({proc.returncode}): {proc.stderr[-3000:]}")
    try:
        yield proc.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(d)], capture_output=True, timeout=120, check=False)
        shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="session")
def remote(virtuoso: str, records: list[Any]) -> RemoteStore:
    """The fixture cases ingested into Virtuoso through the remote store."""
    t0 = time.monotonic()
    st = RemoteStore(virtuoso)
    st.ingest(records)
    TIMINGS["load"] = time.monotonic() - t0
    return st


# --- comparing answers ---------------------------------------------------------------------
def norm(term: Any, concat: bool = False) -> tuple[Any, ...]:
    """A term as a comparable value: numbers by value (4.0 = 4, decimal = integer), booleans by value,
    GROUP_CONCAT results as the sorted list of their items (their order is unspecified)."""
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    dt = term.datatype.value
    if dt in NUMERIC:
        try:
            # 6 decimals: AVG of integers is a decimal whose digits differ between engines
            return ("number", round(Decimal(term.value), 6).normalize())
        except InvalidOperation:
            return ("number", term.value)
    if dt == XSD + "boolean":
        return ("boolean", term.value in ("true", "1"))
    if concat:
        return ("concat", tuple(sorted(term.value.split(", "))))
    return ("literal", term.value, term.language, dt)


def aggregated(sparql: str, funcs: str) -> set[str]:
    return set(re.findall(rf"\((?:{funcs})\s*\((?:[^()]|\([^()]*\))*\)\s+AS\s+\?(\w+)\)", sparql, re.I))


def compare(sparql: str, emb: Any, rem: Any) -> None:
    """Same rows (as multisets) on both stores.

    One documented allowance: an aggregate (AVG, MAX, MIN, SUM, GROUP_CONCAT) over a group in which
    some inputs are unbound is left unbound by Oxigraph, while Virtuoso aggregates the bound ones
    (see test_oxigraph_aggregate_over_unbound): where the embedded answer has no value there, the
    remote one may have one. Where both have one, it must be the same.
    """
    assert emb.variables == rem.variables
    concat = aggregated(sparql, "GROUP_CONCAT")
    lenient = aggregated(sparql, "AVG|MAX|MIN|SUM|GROUP_CONCAT")

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(sorted((k, norm(v, k in concat)) for k, v in row.items() if k not in lenient))

    remaining = [(key(r), {k: norm(v, k in concat) for k, v in r.items() if k in lenient}) for r in rem.rows]
    assert len(emb.rows) == len(rem.rows), f"{len(emb.rows)} rows embedded, {len(rem.rows)} on Virtuoso"
    for row in emb.rows:
        k = key(row)
        want = {c: norm(v, c in concat) for c, v in row.items() if c in lenient}
        match = next((i for i, (rk, rl) in enumerate(remaining)
                      if rk == k and all(rl.get(c) == v for c, v in want.items())), None)
        assert match is not None, f"embedded row not on Virtuoso: {row}"
        remaining.pop(match)


@pytest.mark.parametrize(("name", "params"), CASES_TO_RUN,
                         ids=[f"{n}-{'-'.join(p.values()) or 'defaults'}" for n, p in CASES_TO_RUN])
def test_query_answers_as_embedded(remote: RemoteStore, store: Any, name: str, params: dict[str, str]) -> None:
    q = queries.get(name)
    compare(q.sparql, store.query(q.sparql, q.bindings(params)), remote.query(q.sparql, q.bindings(params)))


# --- Virtuoso 7.2's deviations: why some queries are written the way they are ------------------------
def _rows(st: Any, sparql: str, bindings: dict[str, str] | None = None) -> int:
    return len(st.query(sparql, bindings).rows)


def test_virtuoso_bind_exists_is_an_integer(remote: RemoteStore, store: Any) -> None:
    """cases-at-level builds ?direct with STRDT: Virtuoso answers BIND(EXISTS {...}) with 1/0, not a boolean."""
    q = "SELECT ?d WHERE { BIND(EXISTS { ?c a skg:Case } AS ?d) }"
    assert store.query(q).rows[0]["d"].datatype.value == XSD + "boolean"
    assert remote.query(q).rows[0]["d"].datatype.value == XSD + "integer"


def test_virtuoso_path_to_bound_class(remote: RemoteStore, store: Any) -> None:
    """treatments-by-tumor-type and ihc-profile use the materialised types, not a/rdfs:subClassOf* ?type."""
    q = """SELECT ?category ?procedure (COUNT(DISTINCT ?case) AS ?cases) WHERE {
      ?case skg:hasTumor ?tumor ; skg:hasIntervention ?iv .
      ?tumor a/rdfs:subClassOf* ?type .
      ?iv skg:category ?category . GRAPH ?case { ?iv a ?procedure } } GROUP BY ?category ?procedure"""
    assert _rows(store, q, {"type": "skg:Neoplasm"}) != _rows(remote, q, {"type": "skg:Neoplasm"})


ORIGINAL_CASES_BY_TUMOR_TYPE = """SELECT ?case ?tumorType WHERE {
  ?case a skg:Case ; skg:hasTumor ?tumor .
  ?tumor a ?tumorType .
  ?tumorType rdfs:subClassOf* ?type .
  FILTER NOT EXISTS { ?tumor a ?narrower . ?narrower rdfs:subClassOf+ ?tumorType . FILTER(?narrower != ?tumorType) }
}"""


def test_virtuoso_path_inside_exists(remote: RemoteStore, store: Any) -> None:
    """cases-by-tumor-type uses the materialised types: its original form gives 1 case of 19 on Virtuoso,
    and a ZeroOrMore path inside EXISTS loses solutions there too."""
    assert _rows(store, ORIGINAL_CASES_BY_TUMOR_TYPE, {"type": "skg:Neoplasm"}) == 19
    assert _rows(remote, ORIGINAL_CASES_BY_TUMOR_TYPE, {"type": "skg:Neoplasm"}) != 19
    q = "SELECT DISTINCT ?tumor WHERE { ?case skg:hasTumor ?tumor . FILTER EXISTS { ?tumor a/rdfs:subClassOf* ?x } }"
    assert _rows(store, q, {"x": "skg:Neoplasm"}) == 19
    assert _rows(remote, q, {"x": "skg:Neoplasm"}) != 19


def test_virtuoso_repeats_path_solutions(remote: RemoteStore, store: Any) -> None:
    """A ZeroOrMore path gives each pair once (SPARQL 1.1); Virtuoso repeats them, so AVG over them is off."""
    q = "SELECT ?t WHERE { ?c skg:hasTumor ?t . ?t a ?k . ?k rdfs:subClassOf* skg:Neoplasm }"
    assert _rows(remote, q) > _rows(store, q)


def test_virtuoso_refuses_order_by_aggregate_aliases(remote: RemoteStore, store: Any) -> None:
    """ihc-profile orders by the aggregates themselves: Virtuoso refuses ORDER BY (?alias1 + ?alias2)."""
    q = """SELECT ?m (COUNT(?r) AS ?a) (COUNT(?r) AS ?b) WHERE { ?r skg:marker ?m } GROUP BY ?m
           ORDER BY DESC(?a + ?b)"""
    store.query(q)
    with pytest.raises(QueryError, match="Virtuoso"):
        remote.query(q)


def test_oxigraph_aggregate_over_unbound(remote: RemoteStore, store: Any) -> None:
    """Oxigraph leaves AVG unbound when one input is unbound (OPTIONAL); Virtuoso averages the bound ones.
    en-bloc-vs-intralesional computes its mean as SUM/COUNT so both give it; ihc-profile and
    outcomes-by-tumor-type keep AVG/MAX (Virtuoso 7.2 fails on the SUM/COUNT form there with
    'Bad dfe in sqlo_place_exp')."""
    q = "SELECT (AVG(?fu) AS ?m) WHERE { ?c a skg:Case . OPTIONAL { ?c skg:hasOutcome/skg:followUpMonths ?fu } }"
    assert "m" not in store.query(q).rows[0]
    assert "m" in remote.query(q).rows[0]


# --- the store's other methods --------------------------------------------------------------
def test_stats_and_reingest(remote: RemoteStore, store: Any, records: list[Any]) -> None:
    before = remote.stats()
    assert {k: v for k, v in before.items() if k != "store"} == {k: v for k, v in store.stats().items()
                                                                 if k != "store"}
    remote.ingest(records)
    assert remote.stats() == before
    assert remote.case_ids() == store.case_ids()


def unordered(value: Any) -> Any:
    """A case record with its lists of plain values sorted: RDF keeps no order among a property's values."""
    if isinstance(value, dict):
        return {k: unordered(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [unordered(v) for v in value]
        return sorted(items, key=repr) if all(not isinstance(v, (dict, list)) for v in items) else items
    return value


def test_case_records_round_trip(remote: RemoteStore, store: Any) -> None:
    assert [unordered(r) for r in remote.case_records()] == [unordered(r) for r in store.case_records()]
    assert remote.case_record("no-such-case") is None


def test_query_serialized(remote: RemoteStore, store: Any) -> None:
    q = queries.get("cases-by-region")
    for fmt in ("json", "xml", "csv", "tsv"):
        data = remote.query_serialized(q.sparql, {"region": "skg:SacralSpine"}, fmt)
        assert b"dev-008" in data and b"dev-011" in data, fmt
    c = "CONSTRUCT { ?c skg:caseId ?id } WHERE { ?c a skg:Case ; skg:caseId ?id }"
    for fmt in ("turtle", "ntriples", "nquads", "jsonld", "rdfxml", "trig"):
        data = remote.query_serialized(c, None, fmt)
        parsed = list(ox.parse(data, format={"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                                             "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD,
                                             "rdfxml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG}[fmt]))
        assert len(parsed) == 19, fmt
    with pytest.raises(QueryError):
        remote.query_serialized(c, None, "csv")
    assert remote.query("ASK { ?c a skg:Case }").boolean is True
    assert len(remote.query(c).triples or []) == 19
    with pytest.raises(QueryError, match="refused"):
        remote.query("SELECT ?x WHERE { ?x ")


def test_dump_matches_embedded(remote: RemoteStore, store: Any, tmp_path: Path) -> None:
    import io

    out = io.BytesIO()
    remote.dump(out, "nquads", with_void=False)
    quads = list(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == store.stats()["quads"]
    emb = io.BytesIO()
    store.dump(emb, "nquads", with_void=False)
    def named(qs: Any) -> set[ox.Quad]:  # blank nodes get other labels on the server; each store has its version
        return {q for q in qs if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
                and q.predicate != STORE_VERSION}

    assert named(quads) == named(ox.parse(emb.getvalue(), format=ox.RdfFormat.N_QUADS))
    with_void = io.BytesIO()
    remote.dump(with_void, "trig")
    assert len(list(ox.parse(with_void.getvalue(), format=ox.RdfFormat.TRIG))) > len(quads)
    ttl = io.BytesIO()
    remote.dump(ttl, "turtle", graph="https://w3id.org/spinekg/case/dev-012")
    assert len(list(ox.parse(ttl.getvalue(), format=ox.RdfFormat.TURTLE))) == \
        len(list(store.store.quads_for_pattern(None, None, None, ox.NamedNode("https://w3id.org/spinekg/case/dev-012"))))


def test_failing_write_raises_store_error(virtuoso: str, records: list[Any]) -> None:
    bad = RemoteStore(virtuoso, update_url=virtuoso.replace("/sparql", "/no-such-endpoint"))
    with pytest.raises(StoreError) as e:
        bad.ingest(records[:1])
    assert "\n" not in str(e.value) and "no-such-endpoint" in str(e.value)
    port = _free_port()
    with pytest.raises(StoreError, match="cannot reach") as e2:
        RemoteStore(f"http://127.0.0.1:{port}/sparql")
    assert "\n" not in str(e2.value)
    with pytest.raises(StoreError, match="read-only"):
        RemoteStore(virtuoso, read_only=True).ingest(records[:1])


def test_remove_case(remote: RemoteStore, records: list[Any]) -> None:
    quads = remote.stats()["quads"]
    rec = next(r for r in records if r.id == "dev-012")
    assert remote.remove_case("dev-012") is True
    assert "dev-012" not in remote.case_ids()
    assert remote.remove_case("dev-012") is False
    remote.ingest([rec])
    assert "dev-012" in remote.case_ids() and remote.stats()["quads"] == quads


def test_cli_against_virtuoso(virtuoso: str, remote: RemoteStore, runner: Any, tmp_path: Path) -> None:
    res = runner.invoke(main, ["ingest", "-q", *map(str, CASES), "--store", virtuoso])
    assert res.exit_code == 0, res.output
    assert "cases stored: 19" in res.output
    res = runner.invoke(main, ["query", "cases-by-region", "-p", "region=skg:SacralSpine", "--format", "csv",
                               "--store", virtuoso])
    assert res.exit_code == 0, res.output
    assert "dev-008" in res.output and "dev-011" in res.output
    res = runner.invoke(main, ["query", "fusions-by-gene", "--store", virtuoso])
    assert res.exit_code == 0 and "004_1432f32da3d2dc29" in res.output
    out = tmp_path / "all.nq"
    res = runner.invoke(main, ["export", "--format", "nquads", "-o", str(out), "--store", virtuoso])
    assert res.exit_code == 0, res.output
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))) >= remote.stats()["quads"]
    res = runner.invoke(main, ["export", "--format", "case-json", "--store", virtuoso])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.output)) == 19


# --- federation -----------------------------------------------------------------------------
class _DirectPostAdapter(BaseHTTPRequestHandler):
    """Passes SPARQL requests on to Virtuoso as form posts.

    Oxigraph sends SERVICE queries as a direct POST (Content-Type: application/sparql-query, SPARQL 1.1
    Protocol); Virtuoso 7.2.5 never answers such a request (it hangs until the client gives up), while it
    answers the form-encoded POST at once. This adapter is the only thing between the two.
    """

    target = ""

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
            body = urllib.parse.urlencode({"query": body.decode("utf-8")}).encode("ascii")
        req = urllib.request.Request(self.target, data=body, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": self.headers.get("Accept", "application/sparql-results+json")})
        with urllib.request.urlopen(req, timeout=30) as resp:
            data, ctype = resp.read(), resp.headers.get("Content-Type", "application/sparql-results+json")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        pass


def test_federated_gene_xrefs(virtuoso: str, store: Any) -> None:
    """The embedded store joins its fusion genes with facts that Virtuoso, as the external endpoint, holds.

    The endpoint is the query's parameter, bound like any other (spinekg.queries.bind_values puts the IRI
    term into the SERVICE clause, since Oxigraph does not take a SERVICE variable bound by VALUES).
    """
    hgnc = store.query("SELECT ?h WHERE { gene:NTRK3 skos:exactMatch ?h . "
                       'FILTER(STRSTARTS(STR(?h), "https://identifiers.org/hgnc:")) }').rows[0]["h"]
    w = SPARQLWrapper(virtuoso)
    w.setMethod(POST)
    w.setQuery(f"INSERT DATA {{ GRAPH <urn:spinekg-test:external> {{ {hgnc} "
               '<http://www.w3.org/2000/01/rdf-schema#comment> "neurotrophic receptor tyrosine kinase 3 (stand-in)" '
               f'. {hgnc} <http://purl.org/dc/terms/identifier> "HGNC:8033" }} }}')
    w.query()
    handler = type("Adapter", (_DirectPostAdapter,), {"target": virtuoso})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        q = queries.get("federated-gene-xrefs")
        res = store.query(q.sparql, q.bindings({"endpoint": endpoint}))
        got = {(r["geneLabel"].value, r["property"].value, r["value"].value) for r in res.rows}
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert ("NTRK3", "http://www.w3.org/2000/01/rdf-schema#comment",
            "neurotrophic receptor tyrosine kinase 3 (stand-in)") in got
    assert ("NTRK3", "http://purl.org/dc/terms/identifier", "HGNC:8033") in got
    assert {g for g, _, _ in got} == {"NTRK3"}  # only the gene the stand-in knows


def test_a_whole_case_as_embedded(remote: RemoteStore, store: Any) -> None:
    case_id = sorted(store.case_ids())[0]
    mine = {str(q) for q in store.case_quads(case_id)}
    theirs = {str(q) for q in remote.case_quads(case_id)}
    assert mine and theirs == mine
    assert remote.case_quads("no-such-case") == []
