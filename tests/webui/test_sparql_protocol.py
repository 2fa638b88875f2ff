"""The SPARQL endpoint as clients use it: a real waitress server on 127.0.0.1, SPARQLWrapper, rdflib, raw HTTP."""

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib
from spinekg.webui import create_app

SELECT = "SELECT ?c WHERE { ?c a skg:Case } ORDER BY ?c"
FULL_SELECT = "PREFIX skg: <https://w3id.org/spinekg/ontology/> SELECT ?c WHERE { ?c a skg:Case } ORDER BY ?c"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(store):
    from local_server import LocalServer

    app = create_app({"QUERY_TIMEOUT": 2.0, "MAX_CONTENT_LENGTH": 64 * 1024, "MAX_QUERY_CHARS": 20_000}, store=store)
    server = LocalServer(app, threads=8)
    yield server.url
    server.close()
    app.extensions["spinekg_sandbox"].close()


def http(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_sparqlwrapper_every_format(server):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    for fmt in (JSON, XML, CSV, TSV):
        sw = SPARQLWrapper(server + "/sparql")
        sw.setQuery(FULL_SELECT)
        sw.setReturnFormat(fmt)
        res = sw.query().convert()
        if fmt == JSON:
            assert len(res["results"]["bindings"]) == 19
        elif fmt == XML:
            assert len(res.getElementsByTagName("result")) == 19
        else:
            assert len(res.decode().strip().splitlines()) == 20


CONSTRUCT = "PREFIX skg: <https://w3id.org/spinekg/ontology/> CONSTRUCT { ?c a skg:Case } WHERE { ?c a skg:Case }"


@pytest.mark.parametrize("fmt", ["turtle", "xml", "json-ld"])
def test_sparqlwrapper_construct_every_rdf_format(server, fmt):
    from SPARQLWrapper import JSONLD, RDFXML, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat({"turtle": TURTLE, "xml": RDFXML, "json-ld": JSONLD}[fmt])
    body = sw.query().response.read()
    g = rdflib.Graph().parse(data=body, format=fmt)
    assert len(g) == 19


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                         ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_curl_construct_every_rdf_format(server, accept, fmt):
    status, headers, body = http(server + "/sparql", data=CONSTRUCT.encode(),
                                 headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(rdflib.Graph().parse(data=body, format=fmt)) == 19


def test_rdflib_sparqlstore(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(store=SPARQLStore(server + "/sparql"))
    rows = list(g.query(FULL_SELECT))
    assert len(rows) == 19


def test_curl_like_post_and_get(server):
    status, headers, body = http(server + "/sparql", data=FULL_SELECT.encode(),
                                 headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and body.decode().splitlines()[0] == "c"
    status, headers, body = http(server + "/sparql?" + urllib.parse.urlencode({"query": SELECT, "format": "json"}))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert headers.get("Access-Control-Allow-Origin") == "*"


def test_ask_and_describe(server):
    q = urllib.parse.urlencode({"query": "ASK { <https://w3id.org/spinekg/case/dev-001> a skg:Case }"})
    status, _, body = http(server + "/sparql?" + q, headers={"Accept": "application/sparql-results+json"})
    assert json.loads(body)["boolean"] is True
    q = urllib.parse.urlencode({"query": "DESCRIBE <https://w3id.org/spinekg/case/dev-001>"})
    status, headers, body = http(server + "/sparql?" + q, headers={"Accept": "application/n-triples"})
    assert status == 200 and len(rdflib.Graph().parse(data=body, format="nt")) > 3


def test_default_graph_uri_narrows_the_dataset(server):
    q = urllib.parse.urlencode([("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a skg:Case }"),
                                ("default-graph-uri", "https://w3id.org/spinekg/case/dev-001")])
    status, _, body = http(server + "/sparql?" + q, headers={"Accept": "application/sparql-results+json"})
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"


def test_malformed_query_is_400_with_the_parser_message(server):
    status, _, body = http(server + "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x"}))
    assert status == 400 and b"malformed query" in body


def test_406_for_an_unavailable_type(server):
    status, _, _ = http(server + "/sparql?" + urllib.parse.urlencode({"query": SELECT}),
                        headers={"Accept": "image/png"})
    assert status == 406
    status, _, _ = http(server + "/sparql?" + urllib.parse.urlencode({"query": SELECT}),
                        headers={"Accept": "text/turtle"})
    assert status == 406


@pytest.mark.parametrize("kind, data, ctype", [
    ("update form field", b"update=INSERT+DATA+%7B%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E+%7D",
     "application/x-www-form-urlencoded"),
    ("update body", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    ("update through query", b"query=DELETE+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D", "application/x-www-form-urlencoded"),
    ("drop through query", b"query=DROP+ALL", "application/x-www-form-urlencoded"),
    ("load through query", b"query=LOAD+%3Chttp%3A%2F%2F127.0.0.1%3A1%2Fx%3E", "application/x-www-form-urlencoded"),
])
def test_every_update_form_is_refused(server, store, kind, data, ctype):
    before = len(store.store)
    status, _, body = http(server + "/sparql", data=data, headers={"Content-Type": ctype})
    assert status in (400, 403), kind
    assert len(store.store) == before


def test_runaway_query_is_stopped_and_others_still_served(server):
    result = {}

    def runaway():
        t0 = time.monotonic()
        result["status"] = http(server + "/sparql?" + urllib.parse.urlencode({"query": CROSS}))[0]
        result["seconds"] = time.monotonic() - t0

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.3)
    for _ in range(5):  # while it runs, small queries are answered
        status, _, body = http(server + "/sparql?" + urllib.parse.urlencode({"query": SELECT, "format": "csv"}))
        assert status == 200 and len(body.decode().splitlines()) == 20
    t.join(30)
    assert result["status"] == 503  # stopped at the timeout with an error status, never an empty result


def test_oversized_requests_are_refused(server):
    big = b"query=" + b"%20" * (70 * 1024)
    status, _, _ = http(server + "/sparql", data=big, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413
    long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30_000
    status, _, _ = http(server + "/sparql", data=long_query.encode(),
                        headers={"Content-Type": "application/sparql-query"})
    assert status == 413


def test_service_outside_the_allow_list_is_refused_without_connecting(server):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    queries = [
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE SILENT ex:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ]
    for q in queries:
        status, _, body = http(server + "/sparql?" + urllib.parse.urlencode({"query": q}))
        assert status in (400, 403), q
    with pytest.raises(socket.timeout):
        listener.accept()  # nobody connected
    listener.close()


def test_service_description(server):
    status, headers, body = http(server + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in g


def test_void_statistics_match_the_store(server, store):
    status, _, body = http(server + "/.well-known/void", headers={"Accept": "text/turtle"})
    assert status == 200
    g = rdflib.Graph().parse(data=body, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = rdflib.URIRef("https://w3id.org/spinekg/dataset")
    union = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"].value
    assert str(g.value(ds, void.triples)) == union
    assert str(g.value(ds, void.uriSpace)) == "https://w3id.org/spinekg/"
    assert (ds, void.sparqlEndpoint, rdflib.URIRef(server + "/sparql")) in g
    linksets = list(g.objects(ds, void.subset))
    assert len(linksets) >= 5


def test_the_shapes_are_published_at_their_iri_and_in_the_void(server):
    status, headers, body = http(server + "/shapes")
    assert status == 200
    g = rdflib.Graph().parse(data=body, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert len(set(g.subjects(rdflib.RDF.type, sh.NodeShape))) >= 12
    status, _, body = http(server + "/shapes.jsonld")
    assert status == 200 and rdflib.Graph().parse(data=body, format="json-ld")
    status, _, body = http(server + "/.well-known/void", headers={"Accept": "text/turtle"})
    void = rdflib.Graph().parse(data=body, format="turtle")
    ds = rdflib.URIRef("https://w3id.org/spinekg/dataset")
    conforms = rdflib.URIRef("http://purl.org/dc/terms/conformsTo")
    assert (ds, conforms, rdflib.URIRef("https://w3id.org/spinekg/shapes")) in void
