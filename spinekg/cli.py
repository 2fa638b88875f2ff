"""The spinekg command line: thin wrappers over the library.

Every error spinekg raises on purpose becomes one line on stderr and a non-zero exit;
``spinekg --traceback ...`` shows the rest.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from spinekg import __version__
from spinekg.errors import SpineKGError, one_line
from spinekg.loaders import LOADERS
from spinekg.loaders.harvest import EUROPEPMC as EUROPEPMC_URL
from spinekg.loaders.harvest import EUTILS as EUTILS_URL

F = TypeVar("F", bound=Callable[..., Any])
logger = logging.getLogger("spinekg")


def store_option(f: F) -> F:
    from spinekg.graph.store import DEFAULT_STORE

    return click.option(
        "--store", "store", default=None, metavar="DIR",
        help=f"Store directory (default: $SPINEKG_STORE or {DEFAULT_STORE}); ':memory:' for a throwaway one.",
    )(f)


class Group(click.Group):
    """Turns SpineKGError (and a few OS errors) into one line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SpineKGError as e:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.echo(f"spinekg: error: {e}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("spinekg: interrupted", err=True)
            sys.exit(130)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="spinekg")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.option("--traceback", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def main(ctx: click.Context, verbose: int, traceback: bool) -> None:
    """spinekg: a knowledge graph of rare spinal tumors built from case reports."""
    ctx.ensure_object(dict)
    ctx.obj["traceback"] = traceback
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _open(store: str | None, *, read_only: bool = False) -> Any:
    from spinekg.graph import open_store

    return open_store(store, read_only=read_only)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--input-format", type=click.Choice(sorted(LOADERS)),
              default=None, help="Read every file as this format instead of sniffing it.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no warnings, only the summary.")
@click.option("--rebuild", is_flag=True,
              help="Replace the whole store with these files' cases, bulk-loaded (the fastest full rebuild; "
                   "the old store stays whole until the new one is complete).")
def ingest(paths: tuple[Path, ...], store: str | None, input_format: str | None, quiet: bool,
           rebuild: bool) -> None:
    """Read case reports or curated records into the store.

    PATHS are files or directories (the files inside are read). A file that fails is
    reported and nothing of it is stored; the others are still ingested.
    """
    from spinekg.ingest import ingest_paths

    st = _open(store)
    if rebuild and not hasattr(st, "rebuild"):
        from spinekg.errors import StoreError

        raise StoreError("--rebuild works on the embedded store only")
    report = ingest_paths(st, list(paths), input_format=input_format,
                          progress=not quiet and sys.stderr.isatty(), rebuild=rebuild)
    st.close()
    if not quiet:
        for w in report.warnings:
            click.echo(f"warning: {one_line(w)}", err=True)
    for f in report.failures:
        click.echo(f"error: {one_line(f)}", err=True)
    click.echo(f"files read: {report.files}, cases stored: {report.cases}, quads written: {report.quads}, "
               f"warnings: {len(report.warnings)}, failures: {len(report.failures)}", err=True)
    if report.failures:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "yaml"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="File to write (default stdout).")
@click.option("--input-format", type=click.Choice(sorted(LOADERS)), default=None,
              help="Read every file as this format instead of sniffing it.")
def extract(paths: tuple[Path, ...], fmt: str, output: Path | None, input_format: str | None) -> None:
    """Extract case records from reports (text, Markdown, PubMed/JATS XML, PDF, phenopackets, records).

    Prints a JSON (or YAML) list of case records, each fact with its evidence and ontology term.
    A file that fails is reported on stderr and the others are still extracted.
    """
    import yaml

    from spinekg.loaders import expand_paths, load_path

    out: list[dict[str, Any]] = []
    failures = 0
    for path in expand_paths(list(paths)):
        try:
            res = load_path(path, input_format)
        except SpineKGError as e:
            failures += 1
            click.echo(f"error: {e}" if e.document else f"error: {one_line(path.name)}: {e}", err=True)
            continue
        out.extend(r.to_dict() for r in res.records)
    text = json.dumps(out, ensure_ascii=False, indent=1) + "\n" if fmt == "json" else \
        yaml.safe_dump(out, allow_unicode=True, sort_keys=False)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
    if failures:
        sys.exit(1)


@main.command()
@click.argument("query", required=False)
@click.option("--id", "ids", multiple=True, metavar="ID",
              help="A PMID, PMCID or DOI to harvest instead of a query (repeatable).")
@click.option("--ids-from", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A file of PMIDs, PMCIDs or DOIs, one per line.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("corpus"),
              show_default=True, help="The folder that keeps the raw files and the manifest.")
@click.option("--update", "update_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Re-run the saved query of this corpus for what is new since its last run.")
@click.option("--since", default=None, help="Only papers published since this date (2015, 2015-06-30).")
@click.option("--max", "limit", type=click.IntRange(1, 100_000), default=None, help="At most this many hits.")
@click.option("--no-screen", is_flag=True, help="Keep every hit (no screening verdicts).")
@click.option("--ingest", "do_ingest", is_flag=True, help="Ingest the included papers into --store afterwards.")
@click.option("--email", default=lambda: os.environ.get("NCBI_EMAIL"),
              help="Your e-mail, sent to NCBI as it asks (default $NCBI_EMAIL).")
@click.option("--eutils", default=lambda: os.environ.get("SPINEKG_EUTILS", EUTILS_URL), show_default="NCBI",
              help="E-utilities base URL (a mirror or a test server).")
@click.option("--europepmc", default=lambda: os.environ.get("SPINEKG_EUROPEPMC", EUROPEPMC_URL),
              show_default="EBI", help="Europe PMC REST base URL.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
@store_option
@click.pass_context
def harvest(ctx: click.Context, query: str | None, ids: tuple[str, ...], ids_from: Path | None, corpus_dir: Path,
            update_dir: Path | None, since: str | None, limit: int | None, no_screen: bool, do_ingest: bool,
            email: str | None, eutils: str, europepmc: str, quiet: bool, store: str | None) -> None:
    """Harvest case reports from PubMed (with open-access full text from Europe PMC/PMC) into a corpus folder.

    QUERY is a PubMed query ('chordoma AND spine AND case reports[pt]'); or give --id / --ids-from, or
    --update CORPUS. The API key, if any, comes from $NCBI_API_KEY (10 requests/s instead of 3).
    """
    from spinekg.loaders.harvest import Client
    from spinekg.loaders.harvest import harvest as run_harvest

    all_ids = list(ids) + ([x.strip() for x in ids_from.read_text(encoding="utf-8").splitlines() if x.strip()
                            and not x.startswith("#")] if ids_from else [])
    if update_dir is not None:
        corpus_dir = update_dir
    if sum(bool(x) for x in (query, all_ids, update_dir)) != 1:
        raise click.UsageError("give a QUERY, or --id/--ids-from, or --update CORPUS (one of them)")
    for u in (eutils, europepmc):
        if not u.startswith(("http://", "https://")):
            raise click.UsageError(f"{u!r} is not an http(s) URL")
    client = Client(email=email, api_key=os.environ.get("NCBI_API_KEY") or None,
                    eutils=eutils.rstrip("/") + "/", europepmc=europepmc.rstrip("/") + "/")

    def progress(items: list[str]) -> Any:
        with click.progressbar(length=len(items), label="fetching",
                               file=io.StringIO() if quiet or not sys.stderr.isatty() else None) as bar:
            for item in items:
                yield item
                bar.update(1)

    summary = run_harvest(corpus_dir, client, query=query, ids=all_ids, since=since, limit=limit,
                          screen=not no_screen, update=update_dir is not None, progress=progress)
    click.echo(f"corpus: {corpus_dir}", err=True)
    for line in summary.lines():
        click.echo(line, err=True)
    if do_ingest:  # the included papers: each one's full text, else its PubMed record
        ctx.invoke(ingest, paths=(corpus_dir,), store=store, input_format=None, quiet=quiet, rebuild=False)


@main.command()
@click.argument("query", required=False)
@store_option
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (an IRI, a CURIE such as skg:T11, or a literal).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="json is SPARQL 1.1 Query Results JSON.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
def query(query: str | None, store: str | None, params: tuple[str, ...], fmt: str, list_: bool) -> None:
    """Run a named query (see --list), a .rq file, or SPARQL text."""
    from spinekg import queries
    from spinekg.errors import QueryError
    from spinekg.results import write_table

    if list_:
        for q in queries.library().values():
            ps = ", ".join(f"{p.name}={p.default}" if p.default else p.name for p in q.params)
            click.echo(f"{q.name:32} {q.title}" + (f"  [{ps}]" if ps else ""))
        return
    if not query:
        raise QueryError("give a query name, a .rq file or SPARQL text (or --list)")
    given: dict[str, str] = {}
    for p in params:
        if "=" not in p:
            raise QueryError(f"--param {p!r} is not NAME=VALUE")
        k, v = p.split("=", 1)
        given[k.strip()] = v
    if query in queries.library():
        nq = queries.get(query)
        sparql, bindings = nq.sparql, nq.bindings(given)
    elif query.endswith(".rq") and Path(query).is_file():
        sparql, bindings = Path(query).read_text(encoding="utf-8"), given
    elif any(k in query.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        sparql, bindings = query, given
    else:
        raise QueryError(f"no query named {query!r} and not a .rq file or SPARQL text (see --list)")
    st = _open_reading(store)
    if fmt == "table":
        out = io.StringIO()
        write_table(st.query(sparql, bindings), out)
        click.echo(out.getvalue(), nl=False)
    else:
        rdf = {"json": "turtle", "csv": "ntriples", "tsv": "ntriples"}
        try:
            data = st.query_serialized(sparql, bindings, fmt)
        except QueryError:
            data = st.query_serialized(sparql, bindings, rdf[fmt])
        sys.stdout.buffer.write(data if data.endswith(b"\n") or not data else data + b"\n")  # a shell's next line
        sys.stdout.buffer.flush()


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "nquads", "trig", "ntriples", "jsonld", "rdfxml",
                                                     "case-json", "phenopacket", "sssom", "void"]),
              default="nquads", show_default=True,
              help="RDF formats include the VoID description; phenopacket is one Phenopacket v2 JSON per line.")
@click.option("--no-void", is_flag=True, help="Leave the VoID description out of RDF exports.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="File to write (default stdout).")
@click.option("--case", "case_id", default=None, metavar="ID",
              help="One whole case: its graph, its inferred graph and the labels of its terms (RDF), or its record "
                   "(case-json, phenopacket).")
def export(store: str | None, fmt: str, output: Path | None, no_void: bool, case_id: str | None) -> None:
    """Export the graph (RDF), the case records (case-json) or the ontology's mappings (sssom)."""
    from spinekg.errors import StoreError

    st = _open_reading(store)
    if case_id is not None and (fmt in ("sssom", "void") or case_id not in st.case_ids()):
        raise StoreError(f"no case {case_id!r} in this store" if fmt not in ("sssom", "void")
                         else f"--case does not apply to --format {fmt}")
    fh: Any = output.open("wb") if output is not None else sys.stdout.buffer
    try:
        if case_id is not None and fmt in ("case-json", "phenopacket"):
            rec = st.case_record(case_id)
            if fmt == "phenopacket":
                from spinekg.graph.phenopacket import to_phenopacket

                lost: list[str] = []
                rec = to_phenopacket(rec, unmapped=lost)
                _say_unmapped(case_id, lost)
            fh.write(json.dumps(rec, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
        elif case_id is not None:
            st.dump_case(fh, case_id, fmt)
        elif fmt == "case-json":
            _write_case_json(st, fh)
        elif fmt == "phenopacket":
            from spinekg.graph.phenopacket import to_phenopacket

            for rec in st.case_records():
                lost = []
                fh.write(json.dumps(to_phenopacket(rec, unmapped=lost), ensure_ascii=False).encode("utf-8") + b"\n")
                _say_unmapped(rec["id"], lost)
        elif fmt == "void":
            from spinekg.graph.describe import void_graph

            fh.write(void_graph(st).serialize(format="turtle", encoding="utf-8"))
        elif fmt == "sssom":
            from spinekg.ontology.sssom import write_sssom

            text = io.StringIO()
            write_sssom(text)
            fh.write(text.getvalue().encode("utf-8"))
        else:
            st.dump(fh, fmt, with_void=not no_void)
    finally:
        fh.flush()
        if output is not None:
            fh.close()


def _say_unmapped(case_id: str, lost: list[str]) -> None:
    """One line on stderr per case whose Phenopacket could not hold everything."""
    if lost:
        click.echo(f"{case_id}: not in the phenopacket: {'; '.join(lost)}", err=True)


def request_log(app: Any, out: Any = None) -> Any:
    """The WSGI app, logging one line per request to stderr: method, path, status, milliseconds."""
    import time

    def logged(environ: dict[str, Any], start_response: Any) -> Any:
        t0 = time.perf_counter()
        status: list[str] = []

        def start(st: str, headers: Any, exc_info: Any = None) -> Any:
            status.append(st.split(" ", 1)[0])
            return start_response(st, headers, exc_info) if exc_info else start_response(st, headers)

        try:
            return app(environ, start)
        finally:
            path = environ.get("PATH_INFO", "") + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else "")
            line = (f"{environ.get('REQUEST_METHOD', '?')} {path[:200]!s} {status[0] if status else '-'} "
                    f"{(time.perf_counter() - t0) * 1000:.0f} ms")
            click.echo("".join(c if c.isprintable() else "?" for c in line), err=True, file=out)

    return logged


def _open_reading(store: str | None) -> Any:
    """A store to read: an existing directory opened read-only, or a throwaway ':memory:' one."""
    from spinekg.errors import StoreError
    from spinekg.graph.store import DEFAULT_STORE

    if store == ":memory:" or (store or "").startswith(("http://", "https://")):
        return _open(store, read_only=store != ":memory:")
    path = Path(store) if store else DEFAULT_STORE
    if not path.is_dir():
        raise StoreError(f"no store at {path} (run 'spinekg ingest ... --store {path}' first)")
    return _open(str(path), read_only=True)


def _write_case_json(st: Any, fh: Any) -> None:
    """A JSON list of case records, written one record at a time."""
    fh.write(b"[")
    for i, rec in enumerate(st.case_records()):
        fh.write((",\n" if i else "\n").encode())
        fh.write(json.dumps(rec, ensure_ascii=False).encode("utf-8"))
    fh.write(b"\n]\n")


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(store: str | None, as_json: bool) -> None:
    """What the store holds."""
    from spinekg.graph.summary import FACETS, SiteIndex

    st = _open_reading(store)
    s = st.stats()
    # what the home page and /browse count: cases per tumour type, level, marker, fusion, treatment, ...
    ix = SiteIndex.build(st if hasattr(st, "store") else st.in_memory_copy())
    counts = {name: {label: n for _key, label, n in ix.facet_counts(key, None)} for key, name in FACETS}
    if as_json:
        click.echo(json.dumps({**s, "cases_by": counts}, indent=2, ensure_ascii=False))
    else:
        for k, v in s.items():
            click.echo(f"{k:18} {v}")
        for name, values in counts.items():
            if values:
                shown = ", ".join(f"{label} {n}" for label, n in list(values.items())[:15])
                more = f", ... ({len(values) - 15} more)" if len(values) > 15 else ""
                click.echo(f"{('cases by ' + name.lower()):18} {shown}{more}")


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Worker threads of the waitress server.")
@click.option("--query-timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds a SPARQL query may run before it is stopped (503).")
@click.option("--allow-service", multiple=True, metavar="URL",
              help="An endpoint SPARQL SERVICE may call (repeatable); none by default.")
@click.option("--disk", is_flag=True, help="Serve straight from the on-disk store instead of an in-memory copy.")
def serve(store: str | None, host: str, port: int, threads: int, query_timeout: float,
          allow_service: tuple[str, ...], disk: bool) -> None:
    """Serve the web UI and the SPARQL endpoint (read-only) with waitress."""
    import waitress

    from spinekg.webui import create_app

    st = _open_reading(store)
    site_cache = Path(str(st.path) + ".site-cache") if getattr(st, "path", None) is not None else None
    if not disk:
        st = st.in_memory_copy()
    st.freeze()
    app = create_app({"QUERY_TIMEOUT": query_timeout, "SERVICE_ALLOW_LIST": tuple(allow_service),
                      "PRECOMPUTE": True, "SITE_CACHE_FILE": site_cache}, store=st)
    cases = app.extensions["spinekg_site"].get().index.counts["cases"]  # counting the store itself takes seconds
    click.echo(f"spinekg: serving {cases} cases on http://{host}:{port}/ (SPARQL at /sparql); press Ctrl+C to stop",
               err=True)
    waitress.serve(request_log(app), host=host, port=port, threads=threads, ident="spinekg",
                   max_request_body_size=app.config["MAX_CONTENT_LENGTH"], max_request_header_size=256 * 1024,
                   # a hundred slow clients must not lock everyone out: more open connections, idle ones closed
                   connection_limit=1000, channel_timeout=30)


@main.command("backup")
@store_option
@click.argument("target", type=click.Path(path_type=Path))
def backup_cmd(store: str | None, target: Path) -> None:
    """Back the store up into the folder TARGET (gzipped N-Quads and a manifest with a checksum)."""
    from spinekg.graph.backup import backup

    m = backup(_open_reading(store), target)
    click.echo(f"backed up {m['cases']} cases ({m['quads']} quads) to {target}")


@main.command("restore")
@click.argument("source", type=click.Path(path_type=Path, exists=True, file_okay=False))
@store_option
@click.option("--force", is_flag=True, help="Replace a store that already exists at --store.")
def restore_cmd(source: Path, store: str | None, force: bool) -> None:
    """Restore a backup folder SOURCE into --store (checked against its manifest before it replaces anything)."""
    from spinekg.graph.backup import restore
    from spinekg.graph.store import DEFAULT_STORE

    m = restore(source, Path(store) if store else DEFAULT_STORE, force=force)
    click.echo(f"restored {m['cases']} cases ({m['quads']} quads) from {source}")


@main.group()
def ontology() -> None:
    """Check the ontology, reason over it, write its mappings."""


@ontology.command("check")
@click.option("--reasoner/--no-reasoner", default=True, show_default=True,
              help="Also run HermiT (needs Java) and compare with the committed inferred axioms.")
def ontology_check(reasoner: bool) -> None:
    """Run the ontology's checks: annotations, IDs, structure, and HermiT consistency."""
    from spinekg.ontology.check import run_checks

    problems, summary = run_checks(reasoner=reasoner)
    for line in summary:
        click.echo(line)
    for p in problems:
        click.echo(f"problem: {p}", err=True)
    if problems:
        click.echo(f"spinekg: error: the ontology failed {len(problems)} check(s)", err=True)
        sys.exit(1)
    click.echo("ontology OK")


@ontology.command("reason")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Where to write the inferred axioms (default: the package's spinekg-inferred.ttl).")
def ontology_reason(output: Path | None) -> None:
    """Classify the ontology with HermiT and write what it infers."""
    from spinekg.ontology import inferred_path
    from spinekg.ontology.reason import write_inferred

    target = output or inferred_path()
    n = write_inferred(target)
    click.echo(f"wrote {n} inferred axioms to {target}")


@ontology.command("sssom")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="File (default stdout).")
def ontology_sssom(output: Path | None) -> None:
    """Write the ontology's external mappings as an SSSOM TSV."""
    from spinekg.ontology.sssom import write_sssom

    if output is None:
        write_sssom(sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as fh:
            write_sssom(fh)


if __name__ == "__main__":
    main()
