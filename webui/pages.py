"""Reading pages: home, search, browse, query results, cases, and every IRI under the base dereferenced.

Every IRI minted under https://w3id.org/spinekg/ is served on the same path, as HTML or as RDF by
``Accept`` or extension. The pages read the per-store tables of ``spinekg.graph.summary`` and the
search index of ``spinekg.graph.search`` (both built once per served store) and run a few small
queries of ``spinekg.graph.views``; they hold no SPARQL themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request
from markupsafe import Markup
from spinekg.graph import iris, views
from spinekg.graph.cache import LRUCache
from spinekg.graph.summary import FACETS, PLAIN_FACETS, SPINE, CaseRow, levels_text
from spinekg.ontology import BASE, SKG
from spinekg.webui import charts, get_site, get_store, present
from spinekg.webui.tables import Table, page

from spinekg import queries

bp = Blueprint("pages", __name__)

RDF_TYPES = {
    "text/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/n-triples": ("ntriples", "application/n-triples"),
    "application/ld+json": ("jsonld", "application/ld+json"),
    "application/rdf+xml": ("rdfxml", "application/rdf+xml"),
    "application/trig": ("trig", "application/trig"),
    "application/n-quads": ("nquads", "application/n-quads"),
}
#: rdflib's names of the formats (a document of one graph: N-Quads of it are its N-Triples)
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml", "trig": "trig",
                  "nquads": "nt"}
EXTENSIONS = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
              ".rdf": "application/rdf+xml", ".trig": "application/trig", ".nq": "application/n-quads"}
#: the questions the home page offers, from the query library
EXAMPLES = [("cases-by-tumor-type", "Which cases are chordomas (or any subtype)?", {"type": "skg:Chordoma"}),
            ("fusions-by-gene", "Which fusions involve NTRK3, and which drugs were given?", {"gene": "gene:NTRK3"}),
            ("ihc-profile", "What is the immunohistochemical profile of solitary fibrous tumors?",
             {"type": "skg:SolitaryFibrousTumor"}),
            ("cases-at-level", "Which cases involve T11 or a level next to it?", {}),
            ("en-bloc-vs-intralesional", "Does en bloc surgery recur less than intralesional surgery?", {}),
            ("outcomes-by-tumor-type", "How do outcomes compare across tumor types?", {})]
CASE_COLUMNS = ["case", "tumor type", "diagnosis", "age", "sex", "levels", "year", "follow-up (months)", "outcome",
                "report"]
CASE_NUMERIC = (3, 6, 7)  # the columns right-aligned as numbers
#: ?sort=KEY (or -KEY for descending) on /cases and /browse: the column it sorts, and the case's sort key
#: (unknown values always last, whichever the direction)
SORTS: dict[str, tuple[str, Callable[[CaseRow], Any]]] = {
    "case": ("case", lambda c: c.id),
    "type": ("tumor type", lambda c: get_site().index.label(c.type).lower() if c.type else None),
    "age": ("age", lambda c: c.age),
    "sex": ("sex", lambda c: c.sex),
    "levels": ("levels", lambda c: _level_key(c.levels[0]) if c.levels else None),
    "year": ("year", lambda c: c.year),
    "follow-up": ("follow-up (months)", lambda c: c.follow_up),
    "outcome": ("outcome", lambda c: outcome_text(c) or None),
}
_LEVEL_ORDER = {iri: i for i, (_, iri) in enumerate(SPINE)}


def _level_key(iri: str) -> int:
    return _LEVEL_ORDER.get(iri, len(_LEVEL_ORDER))


def outcome_text(c: CaseRow) -> str:
    """The outcome in a few words: the status, then recurrence and metastasis as stated ("alive, no recurrence")."""
    parts = []
    ix = get_site().index
    if c.status:
        parts.append(ix.label(c.status))
    elif c.status_text:
        parts.append(c.status_text)
    if c.recurrence is not None:
        parts.append("recurrence" if c.recurrence else "no recurrence")
    if c.metastasis is not None:
        parts.append("metastasis" if c.metastasis else "no metastasis")
    return ", ".join(parts)


def sort_cases(cases: list[CaseRow], key: str | None) -> list[CaseRow]:
    """The cases by ?sort=KEY (-KEY descending); unknown values last either way; ties keep the given order."""
    if not key:
        return cases
    name = key.lstrip("-")
    if name not in SORTS:
        abort(400, f"cases sort by {', '.join(SORTS)}, not {name!r}")
    get = SORTS[name][1]
    known = [(get(c), c) for c in cases]
    have = [x for x in known if x[0] is not None]
    have.sort(key=lambda x: x[0], reverse=key.startswith("-"))
    return [c for _, c in have] + [c for v, c in known if v is None]


def sort_links() -> dict[str, str]:
    """Column name -> the link that sorts the listing by it (again: the other direction)."""
    cur = request.args.get("sort", "")
    return {col: with_args(sort=("-" + k) if cur == k else k, page=None) for k, (col, _) in SORTS.items()}
PAGE_SIZE = 100
SHOWN_RESULTS = 1000  # rows of a query result the /query page shows (the download has all)
SHOWN = 100  # cases listed on an entity page (the download has all)


@bp.app_template_filter("curie")
def curie_filter(iri: str) -> str:
    return iris.curie(iri)


@bp.app_template_filter("count")
def count(n: Any, noun: str) -> str:
    """'1 month', '2 months', '1.5 months', '1 case'."""
    return f"{n:g} {noun}" + ("" if n == 1 else "s") if isinstance(n, (int, float)) else f"{n} {noun}s"


@bp.app_template_filter("local_href")
def local_href(iri: str) -> str | None:
    """The path on this server of an IRI under the base, else None."""
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else None


@bp.app_template_global("href")
def href(iri: str) -> str:
    """Where a link to an IRI goes: its page here, the IRI itself if it is a web address, else nowhere ("#"):
    a stored or queried "javascript:" IRI never becomes a link."""
    return local_href(iri) or (iri if iri.lower().startswith(("http://", "https://")) else "#")


@bp.app_template_global("with_args")
def with_args(**changes: Any) -> str:
    """This page's URL with some query arguments changed (None removes one)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in changes]
    for k, v in changes.items():
        if v is not None:
            args.extend((k, x) for x in (v if isinstance(v, list) else [v]))
    return request.path + ("?" + urlencode(args) if args else "")


@bp.app_template_global("example_query")
def example_query(name: str | None) -> str | None:
    """The text of a library query with its parameters bound (?name=value in the URL, else the defaults)."""
    if not name or name not in queries.library():
        return None
    q = queries.get(name)
    given = {p.name: request.args[p.name] for p in q.params if request.args.get(p.name)}
    try:
        return views.example_text(name, given)
    except Exception:  # noqa: BLE001 - a bad parameter value: show the query unbound
        return q.sparql


class PageCache:
    """Rendered reading pages by URL: the store is read-only while served, so a page never changes."""

    def __init__(self, size: int = 2048, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.pages: LRUCache[str, str] = LRUCache(max_entries=size, max_weight=max_bytes)

    def get(self, key: str, render: Callable[[], Any]) -> Any:
        page = self.pages.get(key)
        if page is not None:
            return page
        page = render()
        if isinstance(page, str):  # HTML; downloads and other responses are made each time
            self.pages.put(key, page, weight=len(page))
        return page


def cached(render: Callable[[], Any]) -> Any:
    """The page for this URL (path and arguments), rendered once; only GETs are kept."""
    if request.method != "GET":
        return render()
    cache = current_app.extensions.setdefault("spinekg_pages", PageCache(current_app.config["PAGE_CACHE_SIZE"]))
    return cache.get(request.full_path if request.args else request.path, render)


def case_rows(cases: list[CaseRow], with_iri: bool = False) -> list[list[Any]]:
    """The rows of a case table (CASE_COLUMNS; a download also gives each case's IRI, second)."""
    ix = get_site().index
    reports = ix.reports
    rows = []
    for c in cases:
        row = [(c.id, local_href(c.iri)), (ix.label(c.type), href(c.type)) if c.type else None, c.diagnosis,
               _num(c.age), c.sex, levels_text(c.levels), c.year, _num(c.follow_up), outcome_text(c) or None,
               (_clip(reports.get(c.report, {}).get("label") or "", None if with_iri else 70), local_href(c.report))
               if c.report else None]
        if with_iri:
            row.insert(1, c.iri)
        rows.append(row)
    return rows


def _clip(text: str, n: int | None) -> str:
    """A long title cut for a table cell (downloads keep it whole)."""
    return text if n is None or len(text) <= n else text[: n - 1].rstrip() + "…"


def case_table(name: str, cases: list[CaseRow], title: str, download: bool = False) -> Table:
    cols = [*CASE_COLUMNS[:1], "iri", *CASE_COLUMNS[1:]] if download else CASE_COLUMNS
    return Table(name, cols, case_rows(cases, with_iri=download), title)


def _num(v: float | None) -> Any:
    return None if v is None else int(v) if float(v).is_integer() else v


# --- home, cases -----------------------------------------------------------------------------
@bp.route("/")
def home() -> Any:
    return cached(_home)


def _home() -> Any:
    ix = get_site().index
    spine = charts.spine(ix.spine_counts(), lambda lv: "/browse?" + urlencode({"level": iris.curie(lv["iri"])}),
                         title="Cases per vertebral level")
    recent = case_table("recent", ix.recent(8), "Recent cases", download=request.args.get("download") == "recent")
    lib = queries.library()
    examples = [(name, question, lib[name], params) for name, question, params in EXAMPLES if name in lib]
    types = ix.top_types
    return page([recent], lambda: render_template("home.html", counts=ix.counts, spine=spine, recent=recent,
                                                  examples=examples, types=types))


def _listing(total: int, cases: Callable[[int, int | None], list[CaseRow]], title: str) -> dict[str, Any]:
    """A paged list of cases: this page's table (`tbl`), the whole one to download (`download`, filled
    only when asked for), `total`, `page` and `pages`. cases(start, stop) gives them in order."""
    try:
        pg = max(1, int(request.args.get("page", 1)))
    except ValueError:
        pg = 1
    key = request.args.get("sort") or None
    if key:  # sorted: all of them, then the page
        every = sort_cases(cases(0, None), key)
        cases = lambda start, stop: every[start:stop]  # noqa: E731
    whole = case_table("cases", cases(0, None) if request.args.get("download") else [], title, download=True)
    shown = case_table("cases", cases((pg - 1) * PAGE_SIZE, pg * PAGE_SIZE), title)
    shown.header_links = sort_links()
    if key:
        shown.sorted_by = (SORTS[key.lstrip("-")][0], key.startswith("-"))
    return {"download": whole, "tbl": shown, "total": total, "page": pg,
            "pages": max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)}


@bp.route("/cases")
def cases() -> Any:
    return cached(_cases)


def _cases() -> Any:
    ix = get_site().index
    by_id = ix.by_id()
    ls = _listing(len(by_id), lambda start, stop: by_id[start:stop], "Cases")
    return page([ls.pop("download")], lambda: render_template("cases.html", **ls))


# --- search ----------------------------------------------------------------------------------
@bp.route("/search")
def search() -> Any:
    q = request.args.get("q", "").strip()[:200]
    hits = get_site().search.search(q, limit=100) if q else []
    t = Table("results", ["label", "type", "matched", "field", "cases", "iri"],
              [[(h.label, h.href or h.iri), h.type, h.matched, h.field, h.cases, h.iri] for h in hits], "Results")
    return page([t], lambda: render_template("search.html", q=q, hits=hits, tbl=t))


@bp.route("/api/search")
def api_search() -> Any:
    q = request.args.get("q", "").strip()[:200]
    try:
        limit = max(1, min(50, int(request.args.get("limit", 10))))
    except ValueError:
        abort(400, "limit must be a number")
    hits = get_site().search.search(q, limit=limit) if q else []
    resp = jsonify([h.as_dict() for h in hits])
    resp.headers["Cache-Control"] = "public, max-age=300"
    return resp


@bp.route("/health")
def health() -> Any:
    """Whether the server serves, what, and whether its background work (search index, profiles,
    the page-table file) is done; for monitors and load balancers."""
    site_cache = current_app.extensions["spinekg_site"]
    ix = get_site().index
    resp = jsonify(status="ok", cases=ix.counts["cases"], store_version=getattr(get_store(), "version", lambda: None)(),
                   complete=site_cache.finished.is_set())
    resp.headers["Cache-Control"] = "no-store"
    return resp


# --- browse by facets --------------------------------------------------------------------------
def _facet_key(facet: str, value: str) -> str:
    if facet in PLAIN_FACETS and not value.startswith(("skg:", "http")):
        return value
    if facet == "marker" and "=" in value:
        base, _, res = value.rpartition("=")
        return iris.expand(base) + "=" + res
    return iris.expand(value)


def _facet_param(key: str) -> str:
    if "=" in key and key.startswith("http"):
        base, _, res = key.rpartition("=")
        return iris.curie(base) + "=" + res
    return iris.curie(key) if key.startswith("http") else key


def _browse() -> Any:
    ix = get_site().index
    chosen = {f: [_facet_key(f, v) for v in request.args.getlist(f) if v] for f, _ in FACETS}
    chosen = {f: v for f, v in chosen.items() if v}
    sel = ix.select(chosen)
    total = sel.bit_count()
    expanded = request.args.get("more")
    facets = []
    for f, title in FACETS:
        values = [(k, label, n, k in chosen.get(f, [])) for k, label, n in ix.facet_counts(f, sel if chosen else None)]
        if f == "type":
            values = _type_level(values, chosen.get("type", []))
        facets.append({"key": f, "title": title, "values": values if expanded == f else values[:12],
                       "more": len(values) - 12 if expanded != f and len(values) > 12 else 0})
    selected = [(f, dict(FACETS)[f], _facet_param(k), ix.facet_labels[f].get(k, k)) for f, ks in chosen.items()
                for k in ks]
    ls = _listing(total, lambda start, stop: ix.selected(sel, start, stop), "Matching cases")
    return page([ls.pop("download")], lambda: render_template("browse.html", facets=facets, selected=selected,
                                                              param=_facet_param, **ls))


def _type_level(values: list[tuple[str, str, int, bool]], chosen: list[str]) -> list[tuple[str, str, int, bool]]:
    """The tumour-type facet as a hierarchy: the families under skg:Neoplasm, and once a type is chosen, the
    subtypes just below it (a chosen type stays listed), so generic classes do not crowd out specific ones."""
    from spinekg.ontology.lexicon import lexicon

    lex = lexicon()
    tops = {SKG + "Neoplasm", *chosen}
    return [v for v in values if v[3] or tops & set(lex.terms[v[0]].parents if v[0] in lex.terms else [])
            or v[0] not in lex.terms]


@bp.route("/browse")
def browse() -> Any:
    return cached(_browse)


# --- query results -----------------------------------------------------------------------------
@bp.route("/query", methods=["GET", "POST"])
def query_page() -> Any:
    """A query's results as a table (GET keeps a permanent link); downloads go through /sparql."""
    from spinekg.graph.policy import check_in_process
    from spinekg.graph.sandbox import QueryTimeout, ResultTooLarge
    from spinekg.webui.sparql import _UPDATE_WORDS, _form

    from spinekg.errors import QueryError, QueryRefused, StoreError

    example = request.values.get("example")
    text = request.values.get("query") or (example_query(example) if example else None)
    if example and not text:
        abort(404, f"no query named {example!r}")
    ctx: dict[str, Any] = {"query": text, "example": example, "library": queries.library()}
    if not text:
        return render_template("query.html", **ctx)
    status, result, error = 200, None, None
    if len(text) > current_app.config["MAX_QUERY_CHARS"]:
        status, error = 413, f"the query is longer than {current_app.config['MAX_QUERY_CHARS']} characters"
    elif _form(text) in _UPDATE_WORDS:
        status, error = 403, "this endpoint is read-only: SPARQL Update is not accepted"
    elif request.args.get("download") == "results":
        # the whole result as a file: streamed by the endpoint under its caps, never tabulated here
        return redirect("/sparql?" + urlencode({"query": text, "format": request.args.get("format", "csv")}))
    else:
        # only the rows the page shows come back from the query's process (the rest is counted there)
        fmt = f"rows:{SHOWN_RESULTS}"
        sandbox = current_app.extensions.get("spinekg_sandbox")
        try:
            check_in_process(text, current_app.config["SERVICE_ALLOW_LIST"], sandboxed=sandbox is not None)
            if sandbox is not None:
                data = sandbox.run(text, None, fmt, timeout_s=current_app.config["QUERY_TIMEOUT"])
            else:
                data = get_store().query_serialized(text, None, fmt)
            result = views.result_table(data, fmt)
        except QueryTimeout as e:
            status, error = 503, str(e)
        except ResultTooLarge as e:
            status, error = 413, str(e)
        except QueryRefused as e:
            status, error = 403, str(e)
        except (QueryError, StoreError, RuntimeError) as e:
            status, error = 400, str(e)
    table = Table("results", result.columns if result else [], [list(r) for r in result.rows] if result else [])
    if result is not None:
        ctx.update(shown=table, total=result.total if result.total is not None else len(table.rows),
                   more=result.more, boolean=result.boolean, is_graph=_form(text) in ("construct", "describe"))
    ctx.update(error=error, result_files=[(f, "/sparql?" + urlencode({"query": text, "format": f}))
                                       for f in ("csv", "tsv", "json")])
    resp = page([table], lambda: render_template("query.html", **ctx), stem="query")
    return (resp, status) if isinstance(resp, str) else resp


# --- linked data -------------------------------------------------------------------------------
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
    import rdflib
    from spinekg.graph.describe import void_graph

    cache = current_app.extensions.setdefault("spinekg_cache", {})
    if "void" not in cache:  # the statistics, computed once; nothing in it comes from a request
        cache["void"] = void_graph(get_store())
    # the endpoint and the dump are where this server is: the configured public URL, else this request's own
    # (per request, never kept: a forged Host header reaches only the one who sent it)
    root = (current_app.config.get("PUBLIC_URL") or request.url_root).rstrip("/")
    g = rdflib.Graph()
    for prefix, ns in cache["void"].namespaces():
        g.bind(prefix, ns)
    g += cache["void"]
    ds = rdflib.URIRef(BASE + "dataset")
    void_ns = rdflib.Namespace("http://rdfs.org/ns/void#")
    g.add((ds, void_ns.sparqlEndpoint, rdflib.URIRef(root + "/sparql")))
    g.add((ds, void_ns.dataDump, rdflib.URIRef(root + "/download/spinekg.nq.gz")))
    mt = request.accept_mimetypes.best_match(list(RDF_TYPES)) or "text/turtle"
    if request.accept_mimetypes.best in ("*/*", None) or request.accept_mimetypes.accept_html:
        mt = "text/turtle"
    fmt = RDFLIB_FORMATS[RDF_TYPES[mt][0]]
    return Response(g.serialize(format=fmt, encoding="utf-8"), content_type=RDF_TYPES[mt][1],
                    headers={"Vary": "Accept"})


@bp.route("/ontology")
@bp.route("/ontology.<ext>")
def ontology_document(ext: str | None = None) -> Any:
    """The ontology IRI serves the ontology: the whole document as RDF, or its page for browsers."""
    from spinekg.ontology import ontology_path

    rdf = EXTENSIONS.get("." + ext) if ext else _wanted_rdf("ontology")[1]
    if ext and rdf is None:
        abort(404, f"no ontology format {ext!r}")
    if rdf is None:
        return cached(_vocabulary)
    if rdf == "text/turtle":
        return Response(ontology_path().read_bytes(), content_type="text/turtle; charset=utf-8")
    import rdflib

    fmt = RDFLIB_FORMATS[RDF_TYPES[rdf][0]]
    cache = current_app.extensions.setdefault("spinekg_cache", {})
    if ("ontology", fmt) not in cache:  # the ontology never changes while the server runs: serialised once
        g = rdflib.Graph().parse(ontology_path(), format="turtle")
        cache[("ontology", fmt)] = g.serialize(format=fmt, encoding="utf-8")
    return Response(cache[("ontology", fmt)], content_type=RDF_TYPES[rdf][1])


def _vocabulary() -> Any:
    """The way into the vocabulary: the ontology's header, the tumour-type tree with its cases, the term lists."""
    from spinekg.graph.vocabulary import vocabulary
    from spinekg.ontology import ONTOLOGY_IRI
    from spinekg.ontology.lexicon import lexicon

    d = views.describe(get_store(), ONTOLOGY_IRI)
    vocab = vocabulary(lexicon(), get_site().index)
    lists = [Table(tl.key, ["term", "iri", "cases"], [[(lab, href(iri)), iri, n] for iri, lab, n in tl.terms],
                   tl.title) for tl in vocab["lists"]]
    return page(lists, lambda: render_template("vocabulary.html", d=d, iri=ONTOLOGY_IRI, tables=lists, **vocab),
                stem="spinekg-vocabulary")


@bp.route("/model")
def model_page() -> Any:
    """The case-graph model: a diagram and the predicates of every node kind, from the shapes and the ontology."""
    from markupsafe import Markup
    from spinekg.graph.model_doc import describe_model, svg

    return cached(lambda: render_template("model.html", kinds=describe_model(), diagram=Markup(svg())))


@bp.route("/shapes")
@bp.route("/shapes.<ext>")
def shapes_document(ext: str | None = None) -> Any:
    """The SHACL shapes every case graph conforms to, at their stable IRI (<base>/shapes): Turtle unless another
    RDF format is asked for by extension or Accept."""
    from spinekg.graph.shapes import shapes_graph, shapes_path

    rdf = EXTENSIONS.get("." + ext) if ext else (_wanted_rdf("shapes")[1] or "text/turtle")
    if rdf is None:
        abort(404, f"no shapes format {ext!r}")
    if rdf == "text/turtle":
        return Response(shapes_path().read_bytes(), content_type="text/turtle; charset=utf-8")
    fmt = RDFLIB_FORMATS[RDF_TYPES[rdf][0]]
    return Response(shapes_graph().serialize(format=fmt, encoding="utf-8"), content_type=RDF_TYPES[rdf][1])


@bp.route("/<path:path>")
def entity(path: str) -> Any:
    """Dereference an IRI minted under the base: its page, or its triples in an RDF format."""
    if ".." in path.split("/"):
        abort(404, "no such page")
    path, rdf = _wanted_rdf(path)
    iri = BASE + path
    try:
        ox.NamedNode(iri)
    except ValueError:
        abort(404, "no such page: not a valid IRI")
    st = get_store()
    if rdf is None:
        from flask import make_response

        resp = make_response(cached(lambda: _entity_html(path, iri)))
        resp.headers["Vary"] = "Accept"
        return resp
    fmt, content_type = RDF_TYPES[rdf]
    if path.startswith("case/") and path.count("/") == 1:  # the whole case: its graphs and its terms' labels
        import io

        buf = io.BytesIO()
        if not st.dump_case(buf, path.split("/", 1)[1], fmt):
            abort(404, f"no case {path.split('/', 1)[1]!r} in this graph")
        return Response(buf.getvalue(), content_type=content_type, headers={"Vary": "Accept"})
    desc = views.describe(st, iri)
    if not desc.exists:
        abort(404, f"nothing is known about {iri}")
    return Response(views.describe_rdf(st, iri, fmt), content_type=content_type, headers={"Vary": "Accept"})


def _entity_html(path: str, iri: str) -> Any:
    st = get_store()
    if path.startswith("case/") and path.count("/") == 1:
        rec = st.case_record(path.split("/", 1)[1])
        if rec is None:
            abort(404, f"no case {path.split('/', 1)[1]!r} in this graph")
        return case_page(rec, views.describe(st, iri, incoming_limit=50))
    desc = views.describe(st, iri)
    if not desc.exists:
        abort(404, f"nothing is known about {iri}")
    return entity_page(iri, desc)


def entity_page(iri: str, d: views.Description) -> Any:
    ix = get_site().index
    involved = ix.cases_of(iri)
    # every case only for the download; the page lists the first ones
    wanted = request.args.get("download") == "cases"
    cases = case_table("cases", involved if wanted else involved[:SHOWN], "Cases", download=wanted)
    shown = case_table("cases", involved[:SHOWN], "Cases")
    out = Table("statements", ["property", "value"], [
        [(pl or iris.curie(p)), (ol or iris.curie(o.value), href(o.value)) if o.__class__.__name__ == "NamedNode"
         else o.value] for p, pl, o, ol in d.outgoing], "Statements")
    inc = Table("links", ["from", "property"], [[(sl or iris.curie(s), href(s)), pl or iris.curie(p)]
                                                for p, pl, s, sl in d.incoming], "Links to it")
    tables = [cases, out, inc]
    ctx: dict[str, Any] = {"d": d, "cases": shown, "ncases": len(involved), "statements": out, "links": inc}
    if d.kind == "tumor type":
        prof = ix.tumor_type_profile(iri)
        ihc = Table("ihc", ["marker", "positive", "negative", "equivocal", "tested"], [
            [(m["label"], href(m["iri"])), m["positive"], m["negative"], m["equivocal"], m["tested"]]
            for m in prof["ihc"]], "Immunohistochemical profile")
        named = {k: Table(k, [title, "cases"], [[(x["label"], href(x["iri"])), x["cases"]] for x in prof[k]], title)
                 for k, title in (("levels", "level"), ("fusions", "fusion"), ("treatments", "treatment"),
                                  ("drugs", "drug"), ("subtypes", "subtype"))}
        status = Table("status", ["status", "cases"], [[s["label"], s["cases"]] for s in prof["status"]], "Status")
        by_t = Table("follow-up", ["treatment", "cases", "median follow-up (months)", "recurred", "recurrence known"],
                     [[(g["label"], href(g["iri"])), g["n"], g["median"], g["recurred"], g["known"]]
                      for g in prof["by_treatment"]], "Follow-up and recurrence by treatment")
        tables += [ihc, status, by_t, *named.values()]
        ctx.update(profile=prof, ihc=ihc, named=named, status=status, by_treatment=by_t,
                   plot=charts.follow_up_plot(prof["by_treatment"]) if any(
                       g["points"] for g in prof["by_treatment"]) else None)
    if d.kind == "vertebra":
        ctx["spine"] = charts.spine([{"label": lab, "iri": i} for lab, i in SPINE],
                                    lambda lv: local_href(lv["iri"]), highlight={iri}, compact=True,
                                    title=f"{d.label} in the vertebral column")
    if d.kind == "report":
        ctx["source"] = views.source_links(views.report_source(get_store(), iri))
    return page(tables, lambda: render_template("entity.html", **ctx), stem=iris.curie(iri).replace(":", "-"))


def case_page(rec: dict[str, Any], desc: views.Description) -> Any:
    levels = {SKG + ("Sacrum" if v == "sacrum" else "Coccyx" if v == "coccyx" else v) for v in rec["vertebrae"]}
    spine = charts.spine([{"label": lab, "iri": i} for lab, i in SPINE], lambda lv: local_href(lv["iri"]),
                         highlight=levels, compact=True, title="Levels of the tumor")
    words = {**present.fact_words(rec), **present.clinical_words(rec)}
    tables = present.tables(rec)
    # the patient's, the diagnosis's and the levels' sentences, each once (one sentence often names them all)
    summary = present.unique_evidence([rec["patient"]["evidence"], rec["diagnosis"]["evidence"],
                                       *[v["evidence"] for v in rec.get("details", {}).get("vertebrae", [])]])
    summary_words = [*words["patient"], *words["diagnosis"], *words["levels"]]
    return page(tables, lambda: render_template(
        "case.html", rec=rec, desc=desc, spine=spine, timeline=charts.timeline(present.steps(rec)), words=words,
        summary=summary, summary_words=summary_words,
        tables={t.name: t for t in tables}, sources=views.source_links(rec["source"]), neuro_text=present.neuro_text,
        timing_text=present.timing_text), stem=f"case-{rec['id']}")


@bp.app_template_global("evidence_rows")
def evidence_rows(items: list[dict[str, Any]], words: list[Any], keep_order: bool = False) -> list[dict[str, Any]]:
    return present.evidence_rows(items, words, keep_order=keep_order)


@bp.app_template_global("term_label")
def term_label(iri: str) -> str:
    """An ontology term's label ("vertebral body"), never its local name ("VertebralBody")."""
    return get_site().index.label(iri)


@bp.app_template_global("mark")
def mark(text: str, words: Any) -> Markup:
    return present.highlight(text or "", words or [])
