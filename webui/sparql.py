"""The SPARQL 1.1 Protocol endpoint at /sparql: read-only, results by content negotiation.

- GET ``?query=``, POST form (``query=``), POST ``application/sparql-query``; ``default-graph-uri``
  and ``named-graph-uri`` narrow the dataset as the protocol says.
- SELECT/ASK as SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD,
  RDF/XML; 406 for a type it cannot give; 400 with the parser's message for a malformed query.
- No update route: SPARQL Update is refused (403) and cannot run through the query route.
- Each query runs in a killable child process (``spinekg.graph.sandbox``): a timeout ends it
  with 503, a result over the cap with 413, and other requests are not held up.
- ``SERVICE`` only to the configured allow-list, checked before anything is contacted.
- Without a query: the service description (Turtle and friends) or, for browsers, the query page.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from spinekg.graph.policy import check_in_process, unescape
from spinekg.graph.sandbox import QueryTimeout, ResultTooLarge
from spinekg.webui import get_store

from spinekg import queries
from spinekg.errors import QueryError, QueryRefused, StoreError

bp = Blueprint("sparql", __name__)

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
CONTENT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                 "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
                 "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
_KEYWORD = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(\w+)", re.IGNORECASE)
_UPDATE_WORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}


def _plain(status: int, message: str) -> Response:
    return Response(message.rstrip() + "\n", status=status, content_type="text/plain; charset=utf-8")


def _query_text() -> str | None:
    if request.method == "POST":
        ctype = (request.mimetype or "").lower()
        if ctype == "application/sparql-update" or "update" in request.form:
            abort(_plain(403, "this endpoint is read-only: SPARQL Update is not accepted"))
        if ctype == "application/sparql-query":
            return request.get_data(as_text=True)
        if ctype not in ("application/x-www-form-urlencoded", "multipart/form-data", ""):
            abort(_plain(415, f"unsupported request type {ctype}; send a form or application/sparql-query"))
        return request.form.get("query")
    if "update" in request.args:
        abort(_plain(403, "this endpoint is read-only: SPARQL Update is not accepted"))
    return request.args.get("query")


def _form(q: str) -> str:
    """The query form's keyword (select, ask, construct, describe, or an update keyword)."""
    body = re.sub(r"(?m)#[^\n]*$", "", unescape(q))
    m = _KEYWORD.match(body)
    return m.group(1).lower() if m else ""


_ALIASES = {
    "json": "application/sparql-results+json", "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle", "text/n3": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "n-triples": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml", "rdf": "application/rdf+xml",
}
_GRAPH_OVERRIDES = {"application/sparql-results+xml": "application/rdf+xml", "application/sparql-results+json":
                    "application/ld+json", "application/json": "application/ld+json", "application/xml":
                    "application/rdf+xml"}


def _negotiate(graph: bool) -> str:
    """The result format: the first usable 'format'/'output'/'results' parameter, else the Accept header."""
    table = GRAPH_TYPES if graph else RESULT_TYPES
    asked = [v for key in ("format", "output", "results") for v in request.values.getlist(key) if v]
    if asked:
        for v in asked:
            mt = _ALIASES.get(v.lower(), v.lower())
            if graph:
                mt = _GRAPH_OVERRIDES.get(mt, mt)
            if mt in table:
                return table[mt]
        abort(_plain(406, f"a {'graph' if graph else 'SELECT/ASK'} result cannot be given as {asked[0]!r}"))
    offered = list(table)
    accept = request.accept_mimetypes
    if not accept or accept.best in ("*/*", "") or accept.best is None:
        return table[offered[0]]
    best = accept.best_match(offered)
    if best is None:
        abort(_plain(406, "none of the accepted types can be given; offered: " + ", ".join(offered[:4])))
    return table[best]


def _dataset_clause(q: str) -> str:
    """The protocol's default-graph-uri / named-graph-uri, as FROM / FROM NAMED (they override the query's)."""
    defaults = request.values.getlist("default-graph-uri")
    named = request.values.getlist("named-graph-uri")
    if not defaults and not named:
        return q
    for iri in defaults + named:
        if not re.fullmatch(r"[^<>\"{}|^`\\\s]+", iri):
            abort(_plain(400, f"not an IRI: {iri!r}"))
    clause = " ".join([f"FROM <{g}>" for g in defaults] + [f"FROM NAMED <{g}>" for g in named])
    m = re.search(r"\bWHERE\s*\{", q, re.IGNORECASE) or re.search(r"\{", q)
    if m is None:
        abort(_plain(400, "cannot apply default-graph-uri to a query without a WHERE group"))
    return q[: m.start()] + clause + " " + q[m.start():]


def service_description() -> Response:
    from spinekg.graph.describe import service_description_graph

    fmt = _negotiate(graph=True)
    g = service_description_graph(request.url_root.rstrip("/") + "/sparql")
    data = g.serialize(format={"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld",
                               "rdfxml": "xml"}[fmt], encoding="utf-8")
    return Response(data, content_type=CONTENT_TYPES[fmt], headers={"Vary": "Accept"})


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Any:
    q = _query_text()
    if not q:
        if request.accept_mimetypes.accept_html and not request.values.get("format"):
            example = request.args.get("example")
            if example and example not in queries.library():
                abort(404, f"no query named {example!r}")
            return render_template("sparql.html", library=queries.library(),
                                   query=queries.get(example).sparql if example else None)
        return service_description()
    if len(q) > current_app.config["MAX_QUERY_CHARS"]:
        return _plain(413, f"the query is longer than {current_app.config['MAX_QUERY_CHARS']} characters")
    form = _form(q)
    if form in _UPDATE_WORDS:
        return _plain(403, "this endpoint is read-only: SPARQL Update is not accepted")
    sandbox = current_app.extensions.get("spinekg_sandbox")
    try:
        check_in_process(q, current_app.config["SERVICE_ALLOW_LIST"], sandboxed=sandbox is not None)
    except QueryRefused as e:
        return _plain(403, str(e))
    except QueryError as e:
        return _plain(400, str(e))
    fmt = _negotiate(form in ("construct", "describe"))
    q = _dataset_clause(q)
    try:
        if sandbox is not None:
            data = sandbox.run(q, None, fmt, timeout_s=current_app.config["QUERY_TIMEOUT"])
        else:
            data = get_store().query_serialized(q, None, fmt)
    except QueryTimeout as e:
        return _plain(503, str(e))
    except ResultTooLarge as e:
        return _plain(413, str(e))
    except QueryRefused as e:
        return _plain(403, str(e))
    except QueryError as e:
        msg = str(e)
        if "cannot be written as" in msg:
            return _plain(406, msg)
        return _plain(400, msg)
    except StoreError as e:
        return _plain(500, str(e))
    return Response(data, content_type=CONTENT_TYPES[fmt], headers={"Vary": "Accept"})
