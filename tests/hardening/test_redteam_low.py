"""The red team's medium and low findings (../shared/reviews/redteam.md #5, #6, #8, #12-#19), each with the test
that would have caught it: a forged Host header does not poison the VoID; a bad file fails alone, in one line; no
"javascript:" link; a record's term never retypes a node; no dot-segment IRI; the ontology is serialised once;
a malformed IRI in a path is a 404; stored control characters never reach the terminal."""

import json

import pyoxigraph as ox
import pytest
from spinekg.graph import EmbeddedStore
from spinekg.webui import create_app

from spinekg.cli import main
from spinekg.model import CaseRecord


@pytest.fixture()
def app(records):
    st = EmbeddedStore(None)
    st.ingest(records[:2])
    app = create_app({"TESTING": True}, store=st)
    yield app
    app.extensions["spinekg_sandbox"].close()


def test_a_forged_host_header_reaches_only_its_sender(app):  # 8
    c = app.test_client()
    forged = c.get("/.well-known/void", headers={"Host": "evil.example", "Accept": "text/turtle"}).get_data(True)
    assert "evil.example/sparql" in forged  # its own answer may say what it sent
    honest = c.get("/.well-known/void", headers={"Accept": "text/turtle"}).get_data(True)
    assert "evil.example" not in honest and "localhost/sparql" in honest


def test_a_bad_file_fails_alone_in_one_line(tmp_path):  # 13
    from click.testing import CliRunner

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "00-bignum.json").write_text('{"document": "a.txt", "patient": {"age_years": ' + "9" * 5001 + "}}",
                                          encoding="utf-8")
    (folder / "01-list.json").write_text('{"resourceType": "x", "subject": {"id": "p"}, "metaData": [1], '
                                         '"phenotypicFeatures": "x", "interpretations": ["x"]}', encoding="utf-8")
    (folder / "02-good.json").write_text(json.dumps({"document": "good.txt", "id": "good",
                                                     "diagnosis": {"label": "chordoma"}, "vertebrae": ["L2"]}),
                                         encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(tmp_path / "s")])
    assert "Traceback" not in res.output
    assert res.exit_code != 0 and "00-bignum.json" in res.output
    ids = [c["id"] for c in json.loads(CliRunner().invoke(main, ["export", "--store", str(tmp_path / "s"),
                                                                  "--format", "case-json"]).stdout)]
    assert ids == ["good"]


def test_no_javascript_link(app):  # 14
    page = app.test_client().get("/query", query_string={
        "query": 'SELECT (IRI("javascript:alert(document.domain)") AS ?x) WHERE {}'}).get_data(True)
    assert 'href="javascript:' not in page


def test_a_term_never_retypes_a_node():  # 15
    st = EmbeddedStore(None)
    rec = CaseRecord.from_dict({
        "id": "confuse", "document": "confuse.txt", "diagnosis": {"label": "chordoma"},
        "interventions": [{"category": "surgery", "label": "laminectomy",
                           "term": "https://w3id.org/spinekg/ontology/Case"},
                          {"category": "chemotherapy", "agents": ["doxorubicin"],
                           "agent_terms": ["https://w3id.org/spinekg/ontology/Chordoma"]}],
        "markers": [{"name": "S100", "result": "positive", "term": "https://w3id.org/spinekg/case/other"}]},
        document="confuse.txt")
    rep = st.ingest([rec])
    n = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/spinekg/ontology/Case> }").rows[0]["n"]
    assert n.value == "1"
    assert any("is not a procedure" in w for w in rep.warnings)


def test_no_dot_segment_iri():  # 16
    st = EmbeddedStore(None)
    st.ingest([CaseRecord.from_dict({"id": "dots", "document": "dots.txt", "markers": [
        {"name": "..", "result": "positive"}, {"name": ".", "result": "negative"}],
        "interventions": [{"category": "chemotherapy", "agents": [".."]}]}, document="dots.txt")])
    iris = {t.value for q in st.store for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    assert not [i for i in iris if i.endswith(("/..", "/.")) or "/../" in i or "/./" in i]


def test_the_ontology_is_serialised_once(app):  # 17
    c = app.test_client()
    first = c.get("/ontology.jsonld")
    assert first.status_code == 200
    assert ("ontology", "json-ld") in app.extensions["spinekg_cache"]
    assert c.get("/ontology.jsonld").data == first.data


@pytest.mark.parametrize("path", ["/gene/a%20b", "/gene/a%3Eb.ttl", "/gene/%7B%7D.nt", "/case/xss%201", "/%00"])
def test_a_malformed_iri_in_a_path_is_a_404(app, path):  # 18
    assert app.test_client().get(path).status_code == 404


def test_stored_control_characters_never_reach_the_terminal(tmp_path):  # 19
    from click.testing import CliRunner

    rec = {"document": "ansi.txt", "id": "ansi", "markers": [
        {"name": "S100\x1b]0;PWNED\x07\x1b[2J\x1b[31mFAKE", "result": "positive"}]}
    (tmp_path / "ansi.json").write_text(json.dumps(rec), encoding="utf-8")
    st = tmp_path / "s"
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "ansi.json"), "--store", str(st)]).exit_code == 0
    res = CliRunner().invoke(main, ["query", 'SELECT ?n WHERE { ?m <http://www.w3.org/2000/01/rdf-schema#label> ?n '
                                             'FILTER(CONTAINS(?n, "S100")) }', "--store", str(st)])
    assert res.exit_code == 0 and "\x1b" not in res.output and "\x07" not in res.output
    assert "S100" in res.output


def test_a_record_claiming_another_reports_doi_leaves_nothing_behind():  # 12
    st = EmbeddedStore(None)
    doi = "10.1016/j.ijscr.2017.08.045"
    real = CaseRecord.from_dict({"id": "real", "document": "real.txt", "diagnosis": {"label": "chordoma"},
                                 "source": {"doi": doi, "title": "A real report", "year": 2017}}, document="real.txt")
    hostile = CaseRecord.from_dict({"id": "hijack", "document": "h.txt", "diagnosis": {"label": "chordoma"},
                                    "source": {"doi": doi, "title": "RETRACTED - see evil.example", "year": 1999,
                                               "url": "https://evil.example/notice"}}, document="h.txt")
    benign = CaseRecord.from_dict({"id": "hijack", "document": "h.txt", "diagnosis": {"label": "chordoma"}},
                                  document="h.txt")
    st.ingest([real])
    st.ingest([hostile])
    st.ingest([benign])  # the hostile case replaced
    text = "\n".join(str(q) for q in st.store)
    assert "evil.example" not in text and "RETRACTED" not in text
    assert st.case_record("real")["source"]["title"] == "A real report"


CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # the store's quads squared: billions of rows


def test_a_huge_result_stops_at_the_cap_in_its_worker(records):  # 6
    """The worker streams the result into a capped buffer: past the cap it stops at once with 413 (not a 500
    after taking gigabytes, not a 503 after serialising for the whole timeout)."""
    st = EmbeddedStore(None)
    st.ingest(records[:2])
    app = create_app({"TESTING": True, "MAX_RESULT_BYTES": 1 << 20, "QUERY_TIMEOUT": 120.0}, store=st)
    try:
        r = app.test_client().get("/sparql", query_string={"query": CROSS, "format": "csv"})
        assert r.status_code == 413, r.get_data(True)[:300]
        assert "larger than 1 MB" in r.get_data(True)
    finally:
        app.extensions["spinekg_sandbox"].close()
    with pytest.raises(Exception, match="larger than"):
        st.serialize_capped(CROSS, None, "json", 1 << 20)


def test_the_query_page_gets_only_the_rows_it_shows(app, monkeypatch):  # 5
    """/query asks its worker for the first rows (the rest only counted there), so the web process never parses
    a large result; its download goes to /sparql, under the endpoint's caps."""
    sandbox = app.extensions["spinekg_sandbox"]
    seen = []
    real = sandbox.run

    def spy(q, bindings, fmt, **kw):
        data = real(q, bindings, fmt, **kw)
        seen.append((fmt, len(data)))
        return data

    monkeypatch.setattr(sandbox, "run", spy)
    c = app.test_client()
    body = c.get("/query", query_string={"query": CROSS + " LIMIT 125000"}).get_data(True)
    assert seen and seen[0][0] == "rows:1000" and seen[0][1] < 1 << 20
    assert "125000 rows" in body and "The first 1000 rows" in body
    r = c.get("/query", query_string={"query": CROSS + " LIMIT 5", "download": "results", "format": "tsv"})
    where = r.headers["Location"]
    assert r.status_code == 302 and where.startswith("/sparql?") and "format=tsv" in where
