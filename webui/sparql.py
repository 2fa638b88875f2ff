"""The SPARQL 1.1 Protocol endpoint at /sparql: read-only, results by content negotiation."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, request
from spinekg.webui import get_store

from spinekg import queries
from spinekg.errors import QueryError, StoreError

bp = Blueprint("sparql", __name__)

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                "ntriples": "application/n-triples", "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
CONTENT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                 "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
                 "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}


def _query_text() -> str | None:
    if request.method == "POST":
        ctype = (request.mimetype or "").lower()
        if ctype == "application/sparql-query":
            return request.get_data(as_text=True)
        if ctype == "application/sparql-update" or "update" in request.form:
            abort(403, "this endpoint is read-only: SPARQL Update is not accepted")
        return request.form.get("query")
    if "update" in request.args:
        abort(403, "this endpoint is read-only: SPARQL Update is not accepted")
    return request.args.get("query")


def _is_graph_query(q: str) -> bool:
    import re

    body = re.sub(r"(?im)^\s*(PREFIX|BASE)\s+[^\n]*$", "", re.sub(r"#[^\n]*", "", q))
    return re.match(r"\s*(CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE) is not None


def _negotiate(graph: bool) -> str:
    fmt = request.values.get("format")
    if fmt:
        mt = FORMAT_PARAM.get(fmt.lower())
        if mt is None:
            abort(406, f"unknown format {fmt!r}")
    else:
        offered = list(GRAPH_TYPES if graph else RESULT_TYPES)
        if not request.accept_mimetypes or request.accept_mimetypes.best in ("*/*", ""):
            mt = offered[0]
        else:
            mt = request.accept_mimetypes.best_match(offered)
            if mt is None:
                abort(406, "cannot give the result as any of the accepted types; offered: " + ", ".join(offered))
    table = GRAPH_TYPES if graph else RESULT_TYPES
    if mt not in table:
        abort(406, f"a {'graph' if graph else 'SELECT/ASK'} result cannot be given as {mt}")
    return table[mt]


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Any:
    q = _query_text()
    if not q:
        if request.accept_mimetypes.accept_html:
            return render_template("sparql.html", library=queries.library(),
                                   query=request.args.get("example") and queries.get(request.args["example"]).sparql)
        abort(400, "no query given (use the 'query' parameter)")
    fmt = _negotiate(_is_graph_query(q))
    try:
        data = get_store().query_serialized(q, None, fmt)
    except QueryError as e:
        msg = str(e)
        if "graph result cannot" in msg or "cannot be written" in msg:
            abort(406, msg)
        return Response(msg + "\n", status=400, content_type="text/plain; charset=utf-8")
    except StoreError as e:
        return Response(str(e) + "\n", status=500, content_type="text/plain; charset=utf-8")
    return Response(data, content_type=CONTENT_TYPES[fmt], headers={"Vary": "Accept"})
