"""Reading pages: home, cases, and every IRI under the base dereferenced (HTML or RDF by Accept)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, request
from spinekg.graph import iris, views
from spinekg.ontology import BASE
from spinekg.webui import get_store

bp = Blueprint("pages", __name__)

RDF_TYPES = {
    "text/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/n-triples": ("ntriples", "application/n-triples"),
    "application/ld+json": ("jsonld", "application/ld+json"),
    "application/rdf+xml": ("rdfxml", "application/rdf+xml"),
}
EXTENSIONS = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
              ".rdf": "application/rdf+xml"}


@bp.app_template_filter("curie")
def curie_filter(iri: str) -> str:
    return iris.curie(iri)


@bp.app_template_filter("local_href")
def local_href(iri: str) -> str | None:
    """The path on this server of an IRI under the base, else None."""
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else None


@bp.route("/")
def home() -> str:
    st = get_store()
    return render_template("home.html", summary=views.summary(st), cases=views.list_cases(st, limit=50))


@bp.route("/cases")
def cases() -> str:
    return render_template("cases.html", cases=views.list_cases(get_store(), limit=10_000))


def _wanted_rdf(path: str) -> tuple[str, str | None]:
    for ext, mt in EXTENSIONS.items():
        if path.endswith(ext):
            return path[: -len(ext)], mt
    best = request.accept_mimetypes.best_match(["text/html", *RDF_TYPES])
    if best and best != "text/html" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]:
        return path, best
    return path, None


@bp.route("/.well-known/void")
def void() -> Any:
    """The VoID description of the dataset (computed once per served store)."""
    from flask import current_app
    from spinekg.graph.describe import void_graph

    cache = current_app.extensions.setdefault("spinekg_cache", {})
    if "void" not in cache:
        root = request.url_root.rstrip("/")
        cache["void"] = void_graph(get_store(), endpoint=root + "/sparql", dump=root + "/download/spinekg.nq.gz")
    mt = request.accept_mimetypes.best_match(list(RDF_TYPES)) or "text/turtle"
    if request.accept_mimetypes.best in ("*/*", None) or request.accept_mimetypes.accept_html:
        mt = "text/turtle"
    fmt = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[RDF_TYPES[mt][0]]
    return Response(cache["void"].serialize(format=fmt, encoding="utf-8"), content_type=RDF_TYPES[mt][1],
                    headers={"Vary": "Accept"})


@bp.route("/ontology")
@bp.route("/ontology.<ext>")
def ontology_document(ext: str | None = None) -> Any:
    """The ontology IRI serves the ontology: the whole document as RDF, or its page for browsers."""
    from spinekg.ontology import ONTOLOGY_IRI, ontology_path

    rdf = EXTENSIONS.get("." + ext) if ext else _wanted_rdf("ontology")[1]
    if ext and rdf is None:
        abort(404, f"no ontology format {ext!r}")
    if rdf is None:
        return render_template("entity.html", d=views.describe(get_store(), ONTOLOGY_IRI))
    if rdf == "text/turtle":
        return Response(ontology_path().read_bytes(), content_type="text/turtle; charset=utf-8")
    import rdflib

    g = rdflib.Graph().parse(ontology_path(), format="turtle")
    fmt = {"application/n-triples": "nt", "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[rdf]
    return Response(g.serialize(format=fmt, encoding="utf-8"), content_type=RDF_TYPES[rdf][1])


@bp.route("/<path:path>")
def entity(path: str) -> Any:
    """Dereference an IRI minted under the base: its page, or its triples in an RDF format."""
    if ".." in path.split("/"):
        abort(404, "no such page")
    path, rdf = _wanted_rdf(path)
    iri = BASE + path
    st = get_store()
    if path.startswith("case/") and path.count("/") == 1 and rdf is None:
        rec = st.case_record(path.split("/", 1)[1])
        if rec is None:
            abort(404, f"no case {path.split('/', 1)[1]!r} in this graph")
        return render_template("case.html", rec=rec, desc=views.describe(st, iri))
    desc = views.describe(st, iri)
    if not desc.exists:
        abort(404, f"nothing is known about {iri}")
    if rdf is not None:
        fmt, content_type = RDF_TYPES[rdf]
        return Response(views.describe_rdf(st, iri, fmt), content_type=content_type,
                        headers={"Vary": "Accept"})
    return render_template("entity.html", d=desc)
