"""The web front end: Flask application factory, blueprints for pages and the SPARQL endpoint."""

from __future__ import annotations

import atexit
import gc
import logging
import os
import pickle
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, render_template
from spinekg.graph.store import EmbeddedStore

logger = logging.getLogger(__name__)

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
        SITE_CACHE_FILE=None,  # where the page tables and search index are kept between runs (keyed by store version)
    )
    app.config.update(config or {})
    st = store if store is not None else EmbeddedStore(None)
    app.extensions["spinekg_store"] = st
    app.extensions["spinekg_site"] = _SiteCache(st, app.config["SITE_CACHE_FILE"])
    # the query sandbox forks its zygote first, holding the store and little else: what the server
    # builds after it (page tables, pages, caches) is its own memory, not pages shared copy-on-write
    # that its every write would have to copy (at 100k cases that made first visits about 4x slower)
    if app.config["SANDBOX"] and hasattr(os, "fork"):
        from spinekg.graph.sandbox import Limits, QuerySandbox

        sandbox = QuerySandbox(st, Limits(
            timeout_s=float(app.config["QUERY_TIMEOUT"]), max_result_bytes=int(app.config["MAX_RESULT_BYTES"]),
            max_concurrent=int(app.config["MAX_CONCURRENT_QUERIES"]),
            service_allow=tuple(app.config["SERVICE_ALLOW_LIST"]),
            # an embedded store needs no network to answer; without an allow-list its workers get none
            isolate_network=not app.config["SERVICE_ALLOW_LIST"] and isinstance(st, EmbeddedStore)))
        app.extensions["spinekg_sandbox"] = sandbox
        atexit.register(sandbox.close)
    if app.config.get("PRECOMPUTE"):
        app.extensions["spinekg_site"].get()

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


class Site:
    """What the pages of one served store read: its summary tables and its search index.

    On a first start the search index is still being built (in the background, so the server serves
    as soon as the tables are ready); reading ``search`` waits for it.
    """

    def __init__(self, index: SiteIndex, search: SearchIndex | None = None) -> None:
        self.index = index
        self._search = search
        self._error: BaseException | None = None
        self.search_ready = threading.Event()
        if search is not None:
            self.search_ready.set()

    @property
    def search(self) -> SearchIndex:
        self.search_ready.wait()
        if self._search is None:
            raise RuntimeError(f"the search index could not be built: {self._error}")
        return self._search


class _SiteCache:
    """The store's Site, built once on first use (the store is read-only while it is served).

    With a cache file, the Site is also kept on disk beside the store, keyed by the store's version
    (which changes with every write) and the code's and ontology's versions, so a server restarted on
    an unchanged store reads it back instead of rebuilding it. A new Site is usable once its tables
    are built; its search index, the tumor type profiles and the cache file follow in a thread.
    """

    def __init__(self, store: EmbeddedStore, cache_file: str | Path | None = None) -> None:
        self.store = store
        self.cache_file = Path(cache_file) if cache_file else None
        self.lock = threading.Lock()
        self.site: Site | None = None
        self.finished = threading.Event()  # the search index, profiles and cache file are done

    def get(self) -> Site:
        if self.site is None:
            with self.lock:
                if self.site is None:
                    self.site = self._load() or self._build()
        return self.site

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the Site is complete (tables, search index, profiles, cache file written)."""
        self.get()
        return self.finished.wait(timeout)

    def _key(self) -> tuple[str, ...] | None:
        version = getattr(self.store, "version", lambda: None)()
        if self.cache_file is None or version is None:
            return None
        from spinekg import __version__, ontology

        return (SITE_CACHE_FORMAT, __version__, ontology.fingerprint(), version)

    def _build(self) -> Site:
        from spinekg.graph.summary import SiteIndex

        site = Site(SiteIndex.build(self.store))
        threading.Thread(target=self._finish, args=(site,), name="spinekg-site", daemon=True).start()
        return site

    def _finish(self, site: Site) -> None:
        from spinekg.graph.search import SearchIndex, entries

        try:
            try:
                site._search = SearchIndex.build(entries(site.index))
            except Exception as e:  # noqa: BLE001 - reported to whoever searches
                site._error = e
                logger.exception("the search index could not be built")
                return
            finally:
                site.search_ready.set()
            site.index.precompute_profiles()  # the tumor type pages' aggregates, kept with the tables
            self._write(site)
        finally:
            _settle()
            self.finished.set()

    def _write(self, site: Site) -> None:
        key = self._key()
        if key is None or self.cache_file is None:
            return
        tmp = self.cache_file.with_name(self.cache_file.name + f".{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as fh:
                pickle.dump({"key": key, "index": site.index, "search": site.search.to_bytes()}, fh,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.cache_file)
        except OSError as e:  # a read-only place: the Site is simply rebuilt next time
            logger.info("the page tables were not kept in %s: %s", self.cache_file, e)
            tmp.unlink(missing_ok=True)

    def _load(self) -> Site | None:
        key = self._key()
        if key is None or self.cache_file is None or not self.cache_file.is_file():
            return None
        from spinekg.graph.search import SearchIndex

        try:
            with self.cache_file.open("rb") as fh:
                data = pickle.load(fh)  # noqa: S301 - written by this class beside the store, like the store itself
            if not isinstance(data, dict) or data.get("key") != key:
                return None
            site = Site(data["index"], SearchIndex.from_bytes(data["search"]))
        except Exception as e:  # noqa: BLE001 - a stale or damaged cache file is rebuilt, never fatal
            logger.info("the page tables in %s were not used: %s", self.cache_file, e)
            return None
        _settle()
        self.finished.set()
        return site


def _settle() -> None:
    """Leave the Site's objects out of Python's cyclic garbage collection from now on.

    They live as long as the server; at 100k cases they are over a million objects, and a full
    collection walking them took 0.7 s, a pause every thread waits out (first visits' p95 rose to
    1.3 s). Frozen objects are still freed by reference counting when dropped.
    """
    gc.collect()
    gc.freeze()


SITE_CACHE_FORMAT = "3"


def get_store() -> EmbeddedStore:
    from flask import current_app

    return current_app.extensions["spinekg_store"]  # type: ignore[no-any-return]


def get_site() -> Site:
    """The served store's summary tables and search index (built on first use, then shared)."""
    from flask import current_app

    return current_app.extensions["spinekg_site"].get()  # type: ignore[no-any-return]
