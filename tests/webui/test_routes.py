import json

import pytest
import rdflib
from spinekg.webui import create_app


@pytest.fixture(scope="module")
def app(store):
    app = create_app({"TESTING": True, "QUERY_TIMEOUT": 5.0}, store=store)
    yield app
    app.extensions["spinekg_sandbox"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.mark.parametrize("path", ["/", "/cases", "/sparql", "/case/dev-012", "/ontology/Chordoma", "/ontology/T11",
                                  "/gene/NTRK3", "/marker/S100", "/drug/entrectinib", "/fusion/NAB2--STAT6",
                                  "/ontology/TotalEnBlocSpondylectomy", "/ontology"])
def test_pages_render(client, path):
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 200, (path, r.status_code)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in r.headers


def test_unknown_pages_are_404(client):
    for path in ("/case/nope", "/ontology/NoSuchThing", "/nothing/here", "/case/../etc/passwd"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert b"404" in r.data


@pytest.mark.parametrize("ext, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml")])
def test_rdf_by_extension(client, ext, fmt):
    r = client.get("/case/dev-012" + ext)
    assert r.status_code == 200
    if fmt == "json-ld":  # a dataset format: the case's named graphs are kept
        import pyoxigraph as ox

        triples = {(q.subject.value, q.predicate.value, q.object.value)
                   for q in ox.parse(r.data, format=ox.RdfFormat.JSON_LD)}
        assert ("https://w3id.org/spinekg/case/dev-012", str(rdflib.RDF.type),
                "https://w3id.org/spinekg/ontology/Case") in triples
        return
    g = rdflib.Graph().parse(data=r.data, format=fmt)
    assert (rdflib.URIRef("https://w3id.org/spinekg/case/dev-012"), rdflib.RDF.type,
            rdflib.URIRef("https://w3id.org/spinekg/ontology/Case")) in g


@pytest.mark.parametrize("ext, accept", [(".trig", None), (".nq", None), ("", "application/trig"),
                                         ("", "text/turtle")])
def test_a_case_in_rdf_is_the_whole_case(client, ext, accept):
    import pyoxigraph as ox

    r = client.get("/case/dev-012" + ext, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG,
           "text/turtle": ox.RdfFormat.TURTLE}[ext or accept]
    quads = list(ox.parse(r.data, format=fmt))
    case = "https://w3id.org/spinekg/case/dev-012"
    subjects = {q.subject.value for q in quads}
    # the case's own nodes (patient, tumour, interventions, evidence), not only the case node and its links
    assert {case, case + "/patient", case + "/tumor"} <= subjects, sorted(subjects)[:10]
    assert len(quads) > 60
    if fmt != ox.RdfFormat.TURTLE:
        graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
        assert {case, case + "/inferred"} <= graphs
    assert client.get("/case/no-such-case.ttl").status_code == 404


def test_rdf_by_accept(client):
    r = client.get("/gene/NTRK3", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    rdflib.Graph().parse(data=r.data, format="turtle")


def test_sparql_select_formats(client):
    q = "SELECT ?c WHERE { ?c a skg:Case } ORDER BY ?c"
    r = client.get("/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(json.loads(r.data)["results"]["bindings"]) == 19
    for accept in ("application/sparql-results+xml", "text/csv", "text/tab-separated-values"):
        r = client.post("/sparql", data={"query": q}, headers={"Accept": accept})
        assert r.status_code == 200 and r.mimetype == accept
    r = client.post("/sparql", data=q, content_type="application/sparql-query",
                    headers={"Accept": "text/csv"})
    assert r.data.decode().splitlines()[0] == "c"


def test_sparql_construct_and_errors(client):
    r = client.get("/sparql", query_string={"query": "CONSTRUCT { ?c a skg:Case } WHERE { ?c a skg:Case }"},
                   headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and len(rdflib.Graph().parse(data=r.data, format="turtle")) == 19
    bad = client.get("/sparql", query_string={"query": "SELEKT nothing"})
    assert bad.status_code == 400
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
                   headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_updates_are_refused(client, store):
    n = len(store.store)
    for data in ({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
                 {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}):
        r = client.post("/sparql", data=data)
        assert r.status_code in (400, 403)
    r = client.post("/sparql", data="DROP ALL", content_type="application/sparql-update")
    assert r.status_code == 403
    assert len(store.store) == n


ENTITIES = {
    "case": "/case/dev-001", "tumor type": "/ontology/SolitaryFibrousTumor", "vertebra": "/ontology/C2",
    "region": "/ontology/CervicalSpine", "marker": "/marker/CD34", "gene": "/gene/STAT6",
    "fusion": "/fusion/NAB2--STAT6", "drug": "/drug/doxorubicin", "procedure": "/ontology/TotalEnBlocSpondylectomy",
    "report": "/report/doi-10.1016-j.ijscr.2017.08.045", "case part": "/case/dev-001/tumor",
}
FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}


@pytest.mark.parametrize("kind", sorted(ENTITIES))
@pytest.mark.parametrize("accept", sorted(FORMATS))
def test_every_kind_of_iri_dereferences_in_every_format(client, kind, accept):
    path = ENTITIES[kind]
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 200, (kind, accept)
    assert r.mimetype == accept
    import pyoxigraph as ox

    # read with Oxigraph, graphs and all (a whole case comes in JSON-LD as its named graphs)
    fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
           "xml": ox.RdfFormat.RDF_XML}[FORMATS[accept]]
    iri = "https://w3id.org/spinekg" + path
    terms = {t.value for q in ox.parse(r.data, format=fmt) for t in (q.subject, q.object)}
    assert iri in terms
    html = client.get(path, headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.mimetype == "text/html"


def test_the_ontology_iri_serves_the_ontology(client):
    r = client.get("/ontology", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.data, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/spinekg/ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in g
    assert len(g) > 5000
    r = client.get("/ontology.rdf")
    assert r.status_code == 200 and len(rdflib.Graph().parse(data=r.data, format="xml")) > 5000


def test_report_text_is_escaped(store):
    from spinekg.graph import EmbeddedStore

    from spinekg.model import CaseRecord

    st = EmbeddedStore(None)
    st.ingest([CaseRecord.from_dict({"document": "x.txt", "diagnosis": {"label": "<script>alert(1)</script>"},
                                     "patient": {"evidence": [{"text": "<img src=x onerror=alert(1)>"}]}})])
    app = create_app({"TESTING": True, "SANDBOX": False}, store=st)
    c = app.test_client()
    for path in ("/", "/case/x", "/case/x/tumor"):
        body = c.get(path).data
        assert b"<script>alert" not in body and b"<img src=x" not in body, path
        assert b"&lt;script&gt;" in body or b"&lt;img" in body or path == "/case/x/tumor"


def test_counts_say_one_month_and_two_months(app):
    with app.app_context():
        f = app.jinja_env.filters["count"]
        assert (f(1, "month"), f(2, "month"), f(1.5, "month"), f(1, "case"), f(0, "case")) == (
            "1 month", "2 months", "1.5 months", "1 case", "0 cases")
