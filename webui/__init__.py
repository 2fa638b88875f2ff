"""The web front end: Flask application factory, blueprints for pages and the SPARQL endpoint."""

from __future__ import annotations

import atexit
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import Flask, render_template
from spinekg.graph.store import EmbeddedStore

if TYPE_CHECKING:
    from spinekg.graph.search import SearchIndex
    from spinekg.graph.summary import SiteIndex


def create_app(config: dict[str, Any] | None = None, *, store: EmbeddedStore | None = None) -> Flask:
    """A spinekg web app over a store (injected; an empty in-memory one when none is given)."""
    app = Flask(__name__)
    app.config.update(
        QUERY_TIMEOUT=30.0,  # seconds a SPARQL query may run
        MAX_RESULT_BYTES=64 * 1024 * 1024,  # largest serialized result the endpoint returns
        MAX_QUERY_CHARS=100_000,  # longest query text accepted
        MAX_CONTENT_LENGTH=256 * 1024,  # largest request body (Flask answers 413 past it)
        SERVICE_ALLOW_LIST=(),  # endpoints SERVICE may call
        SANDBOX=True,  # run SPARQL in killable child processes (needs os.fork)
        MAX_CONCURRENT_QUERIES=4,
        PAGE_CACHE_SIZE=2048,  # rendered pages kept per served store (they never change while it is served)
        PRECOMPUTE=False,  # build the page tables and the search index now rather than on the first request
    )
    app.config.update(config or {})
    st = store if store is not None else EmbeddedStore(None)
    app.extensions["spinekg_store"] = st
    app.extensions["spinekg_site"] = _SiteCache(st)
    if app.config.get("PRECOMPUTE"):
        app.extensions["spinekg_site"].get()
    if app.config["SANDBOX"] and hasattr(os, "fork"):
        from spinekg.graph.sandbox import Limits, QuerySandbox

        sandbox = QuerySandbox(st, Limits(
            timeout_s=float(app.config["QUERY_TIMEOUT"]), max_result_bytes=int(app.config["MAX_RESULT_BYTES"]),
            max_concurrent=int(app.config["MAX_CONCURRENT_QUERIES"])))
        app.extensions["spinekg_sandbox"] = sandbox
        atexit.register(sandbox.close)

    from flask_cors import CORS

    CORS(app, resources={r"/sparql": {"origins": "*"}, r"/.well-known/*": {"origins": "*"},
                         r"/*": {"origins": "*", "methods": ["GET", "HEAD", "OPTIONS"]}})

    from spinekg.webui import pages, sparql

    app.register_blueprint(sparql.bp)
    app.register_blueprint(pages.bp)

    @app.after_request
    def security_headers(resp: Any) -> Any:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                "script-src 'self'; frame-ancestors 'none'")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        return resp

    @app.errorhandler(404)
    def not_found(e: Any) -> Any:
        return render_template("error.html", code=404, message=getattr(e, "description", "Not found")), 404

    @app.errorhandler(400)
    def bad_request(e: Any) -> Any:
        return render_template("error.html", code=400, message=getattr(e, "description", "Bad request")), 400

    @app.errorhandler(405)
    def not_allowed(e: Any) -> Any:
        return render_template("error.html", code=405, message=getattr(e, "description", "Method not allowed")), 405

    return app


@dataclass
class Site:
    """What the pages of one served store read: its summary tables and its search index."""

    index: SiteIndex
    search: SearchIndex


class _SiteCache:
    """The store's Site, built once on first use (the store is read-only while it is served)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.lock = threading.Lock()
        self.site: Site | None = None

    def get(self) -> Site:
        if self.site is None:
            with self.lock:
                if self.site is None:
                    from spinekg.graph.search import SearchIndex, entries
                    from spinekg.graph.summary import SiteIndex

                    index = SiteIndex.build(self.store)
                    self.site = Site(index=index, search=SearchIndex.build(entries(index)))
        return self.site


def get_store() -> EmbeddedStore:
    from flask import current_app

    return current_app.extensions["spinekg_store"]  # type: ignore[no-any-return]


def get_site() -> Site:
    """The served store's summary tables and search index (built on first use, then shared)."""
    from flask import current_app

    return current_app.extensions["spinekg_site"].get()  # type: ignore[no-any-return]
