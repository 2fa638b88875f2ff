"""One side-by-side benchmark of spinekg at N cases: ingest, store, every library query, the web server,
and the same queries on bare pyoxigraph and on rdflib's in-memory graph, all in one run.

    python benchmarks/run.py --cases 1000 --out results-1k.json [--requests 200] [--clients 8]

Steps (numbers from one process on this machine; the web figures from a production server in a
subprocess under a bounded concurrent load on 127.0.0.1):

1. N synthetic curated records (benchmarks/synth.py, deterministic by --seed) are ingested by the
   project's own path into a fresh on-disk store: a full rebuild. ``records_per_s``. A sample of
   synthetic report texts is extracted on one core: ``text_reports_per_s``.
2. ``store``: the on-disk size and this process's peak RSS; the server's own peak RSS and how long
   it took to start serving.
3. ``queries``: every query of the library with its default parameters, run --repeat times on the
   served kind of store (an in-memory copy, through EmbeddedStore.query, rows materialised as the
   web and CLI use them): p50/p95.
4. ``baselines``: the same query texts, parameters bound the same way, on the same quads loaded
   straight into a bare pyoxigraph store and into rdflib's in-memory Dataset (default graph as the
   union), all rows materialised. rdflib is skipped above --rdflib-max-cases (it takes minutes per
   query there) and each rdflib query is stopped after --rdflib-timeout seconds ("timeout").
5. ``web``: p95 latency of entity, case and SPARQL requests and the overall requests per second,
   from --clients keep-alive clients, --requests requests per kind.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
import web_latency as web  # noqa: E402

SKIP = {"federated-gene-xrefs"}  # needs an external endpoint


def _ms(xs: list[float], p: float) -> float:
    return round(web.pct(xs, p), 2)


def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def ingest(n: int, seed: int, store_dir: Path) -> dict[str, Any]:
    from spinekg.graph.store import EmbeddedStore

    from spinekg.model import CaseRecord

    dicts = list(synth.records(n, seed))
    t = time.perf_counter()
    st = EmbeddedStore(store_dir)
    recs = [CaseRecord.from_dict(d) for d in dicts]
    st.rebuild(recs)
    st.close()
    seconds = time.perf_counter() - t
    return {"seconds": round(seconds, 2), "records_per_s": round(n / seconds, 1)}


def text_throughput(seed: int, sample: int) -> float:
    """Reports per second, one core, over `sample` synthetic report texts (after a warm-up)."""
    from spinekg.loaders.text import extract_text

    texts = [(synth.report_text(d), d["document"]) for d in synth.records(sample, seed + 1)]
    extract_text(*texts[0])
    if hasattr(os, "sched_setaffinity"):
        before = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(before)})
    t = time.perf_counter()
    for text, name in texts:
        extract_text(text, name)
    rate = len(texts) / (time.perf_counter() - t)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, before)
    return round(rate, 1)


#: parameters that name things the synthetic cases have (the defaults name a seed case and a drug they lack)
BENCH_PARAMS: dict[str, dict[str, str]] = {
    "case-summary": {"case": "case:synthetic-000001"},
    "evidence": {"case": "case:synthetic-000001"},
    "cases-by-drug": {"drug": "drug:denosumab"},
}
#: queries also timed over every case (type = the root class): reported apart as queries_whole_graph
WHOLE_GRAPH = ("cases-by-tumor-type", "ihc-profile", "treatments-by-tumor-type")


def library() -> dict[str, tuple[str, dict[str, str]]]:
    from spinekg import queries

    return {name: (q.sparql, q.bindings(BENCH_PARAMS.get(name))) for name, q in queries.library().items()
            if name not in SKIP}


def whole_graph() -> dict[str, tuple[str, dict[str, str]]]:
    from spinekg import queries

    return {name: (queries.get(name).sparql, {"type": "skg:Neoplasm"}) for name in WHOLE_GRAPH}


def bound_text(sparql: str, bindings: dict[str, str]) -> str:
    """The query with its parameters bound exactly as the project binds them (for the baselines)."""
    from spinekg.graph.store import to_term
    from spinekg.ontology import PREFIXES
    from spinekg.queries import bind_values

    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return prologue + bind_values(sparql, {k: str(to_term(v)) for k, v in bindings.items()})


def time_queries(run_one: Any, queries: dict[str, Any], repeat: int) -> dict[str, dict[str, float]]:
    """p50/p95 of `repeat` runs of each query after a first run, whose time is kept as cold_ms."""
    out = {}
    for name, q in queries.items():
        t = time.perf_counter()
        run_one(q)
        cold = time.perf_counter() - t
        lat = []
        for _ in range(repeat):
            t = time.perf_counter()
            run_one(q)
            lat.append(time.perf_counter() - t)
        out[name] = {"p50_ms": _ms(lat, 50), "p95_ms": _ms(lat, 95), "cold_ms": round(cold * 1000, 2)}
    return out


def _rdflib_one(ds: Any, text: str, conn: Any) -> None:
    t = time.perf_counter()
    try:
        rows = list(ds.query(text))
    except Exception as e:  # noqa: BLE001 - rdflib's own failure on a valid query is a result here
        conn.send((None, f"{type(e).__name__}: {e}"))
        return
    conn.send((time.perf_counter() - t, len(rows)))


def _rdflib_worker(nquads: bytes, texts: dict[str, str], timeout: float, conn: Any) -> None:
    """Load the quads once, then run each query in a child forked from here (killed past `timeout`)."""
    import rdflib

    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=nquads, format="nquads")
    ctx = mp.get_context("fork")
    for name, text in texts.items():
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_rdflib_one, args=(ds, text, child))
        proc.start()
        if parent.poll(timeout):
            seconds, value = parent.recv()
            conn.send((name, {"p50_ms": "error", "error": str(value)[:200]} if seconds is None
                       else {"p50_ms": round(seconds * 1000, 2), "rows": value}))
        else:
            conn.send((name, {"p50_ms": "timeout", "timeout_s": timeout}))
        proc.kill()
        proc.join(10)
    conn.send(("done", None))


def rdflib_baseline(nquads: bytes, texts: dict[str, str], timeout: float) -> dict[str, dict[str, Any]]:
    """Each query once on rdflib's in-memory Dataset; a query still running after `timeout` s is stopped
    ("timeout") and the next one still runs (each runs in a process forked from the loaded Dataset)."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_worker, args=(nquads, texts, timeout, child))
    proc.start()
    out: dict[str, dict[str, Any]] = {}
    try:
        while parent.poll(600 + timeout):
            name, value = parent.recv()
            if name == "done":
                break
            out[name] = value
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(10)
    for name in texts:
        out.setdefault(name, {"p50_ms": "error", "error": "rdflib did not load the data in time"})
    return out


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


@contextlib.contextmanager
def serving(store_dir: Path, start_timeout: float) -> Iterator[tuple[subprocess.Popen[bytes], int, float]]:
    """A production server on the store (a subprocess on 127.0.0.1): (process, port, seconds until / answered)."""
    port = web.free_port()
    t0 = time.perf_counter()
    srv = subprocess.Popen([sys.executable, "-m", "spinekg", "serve", "--store", str(store_dir), "--host",
                            "127.0.0.1", "--port", str(port), "--threads", "8"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if srv.poll() is not None:
                    raise SystemExit("the server exited: " + (srv.stderr.read() or b"").decode()[-500:]) from None
                if time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start serving within {start_timeout:g} s") from None
                time.sleep(0.1)
        web.get(f"http://127.0.0.1:{port}", "/")
        yield srv, port, time.perf_counter() - t0
    finally:
        # the server may have died already (its process group is then gone)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(srv.pid, signal.SIGTERM)
        try:
            srv.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(srv.pid, signal.SIGKILL)


def web_load(store_dir: Path, n: int, requests: int, clients: int, seed: int,
             start_timeout: float = 1800.0) -> dict[str, Any]:
    """Latency under a bounded concurrent load; the first start (which builds the page tables and, after a
    change, the snapshot) and a restart on the unchanged store (which reads both back) are both timed."""
    with serving(store_dir, start_timeout) as (srv, port, start_s):
        base = f"http://127.0.0.1:{port}"
        complete_s = start_s + web.wait_complete(base, start_timeout)
        rng = random.Random(seed)
        plan = web.urls(base, [f"synthetic-{i:06d}" for i in range(n)], rng, per_kind=40)
        lib = library()
        sparql_paths = ["/sparql?" + urllib.parse.urlencode({"query": bound_text(*lib[name]), "format": "json"})
                        for name in ("cases-at-level", "fusions-by-gene", "cases-by-marker", "cases-by-drug",
                                     "external-ids", "case-summary")]
        kinds = {"entity": plan["entity: all kinds"], "case": plan["case"], "sparql": sparql_paths}
        result: dict[str, Any] = {}
        total, t_all = 0, 0.0
        for kind, paths in kinds.items():
            first = web.load("127.0.0.1", port, paths, len(paths), clients)  # first visit: rendered, not cached
            result[f"{kind}_first_visit_p95_ms"] = _ms(first, 95)
            t = time.perf_counter()
            lat = web.load("127.0.0.1", port, paths, requests, clients)
            t_all += time.perf_counter() - t
            total += len(lat)
            result[f"{kind}_page_p95_ms" if kind != "sparql" else "sparql_p95_ms"] = _ms(lat, 95)
            result[f"{kind}_p50_ms"] = _ms(lat, 50)
        result["requests_per_s"] = round(total / t_all, 1)
        result["server_start_s"] = round(start_s, 2)
        result["server_complete_s"] = round(complete_s, 2)
        result["server_peak_rss_mb"] = _peak_rss_mb(srv.pid)
    with serving(store_dir, start_timeout) as (_srv, _port, restart_s):
        result["server_restart_s"] = round(restart_s, 2)
    return result


def measure_queries(store_dir: Path, n: int, repeat: int, rdflib_max: int, rdflib_timeout: float,
                    res: dict[str, Any]) -> None:
    """Every library query on the served kind of store, and on the two baselines (fills res).

    The served store is the server's: an in-memory copy, frozen, so it keeps its answers. cold_ms is a
    query's first run there (nothing kept yet: the engine's own time plus the project's); p50/p95 are
    the runs after it, as a server answers a question asked again.
    """
    import pyoxigraph as ox
    from spinekg.graph.store import EmbeddedStore

    disk = EmbeddedStore(store_dir, read_only=True)
    res["triples"] = len(disk.store)
    t = time.perf_counter()
    served = disk.in_memory_copy().freeze()
    res["copy_to_memory_s"] = round(time.perf_counter() - t, 2)
    del disk
    print(f"[{n} cases] queries ...", flush=True)
    lib = library()
    res["queries"] = time_queries(lambda q: served.query(q[0], q[1]).rows, lib, repeat)
    res["queries_whole_graph"] = time_queries(lambda q: served.query(q[0], q[1]).rows, whole_graph(), repeat)
    bare = ox.Store()
    bare.bulk_extend(served.store)
    texts = {name: bound_text(*q) for name, q in lib.items()}

    def run_bare(text: str) -> Any:
        result = bare.query(text, use_default_graph_as_union=True)
        return bool(result) if isinstance(result, ox.QueryBoolean) else [tuple(s) for s in result]

    base_ox = time_queries(run_bare, texts, repeat)
    res["baselines"] = {"pyoxigraph": {k: {"p50_ms": v["p50_ms"], "cold_ms": v["cold_ms"]}
                                       for k, v in base_ox.items()}}
    if n <= rdflib_max:
        print(f"[{n} cases] rdflib baseline ...", flush=True)
        nq = served.store.dump(format=ox.RdfFormat.N_QUADS) or b""
        res["baselines"]["rdflib_memory"] = rdflib_baseline(nq, texts, rdflib_timeout)
    else:
        res["baselines"]["rdflib_memory"] = {k: {"p50_ms": "skipped", "reason": f"over {rdflib_max} cases"}
                                             for k in texts}

    def median_ratio(key: str) -> float:
        return round(statistics.median(res["queries"][k][key] / max(base_ox[k][key], 1e-3)
                                       for k in res["queries"]), 2)

    res["overhead_vs_pyoxigraph_median"] = median_ratio("p50_ms")
    res["overhead_vs_pyoxigraph_cold_median"] = median_ratio("cold_ms")


def run(n: int, seed: int, repeat: int, requests: int, clients: int, rdflib_max: int, rdflib_timeout: float,
        text_sample: int, workdir: Path | None, partial: Path | None = None) -> dict[str, Any]:

    tmp = Path(tempfile.mkdtemp(prefix="spinekg-run-", dir=workdir))
    try:
        store_dir = tmp / "store"
        res: dict[str, Any] = {"cases": n}
        print(f"[{n} cases] ingest ...", flush=True)
        ing = ingest(n, seed, store_dir)
        res["ingest"] = {"records_per_s": ing["records_per_s"], "seconds": ing["seconds"],
                         "text_reports_per_s": text_throughput(seed, min(text_sample, max(n, 50)))}
        measure_queries(store_dir, n, repeat, rdflib_max, rdflib_timeout, res)
        snapshot = store_dir.with_name(store_dir.name + ".snapshot.nq")
        res["store"] = {"disk_mb": _dir_mb(store_dir),
                        "snapshot_mb": round(snapshot.stat().st_size / 1e6, 1) if snapshot.exists() else 0.0,
                        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
        if partial is not None:
            partial.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        print(f"[{n} cases] web ...", flush=True)
        res["web"] = web_load(store_dir, n, requests, clients, seed)
        res["store"]["server_peak_rss_mb"] = res["web"].pop("server_peak_rss_mb")
        res["store"]["start_serving_s"] = res["web"].pop("server_start_s")
        res["store"]["restart_serving_s"] = res["web"].pop("server_restart_s")
        res["store"]["complete_s"] = res["web"].pop("server_complete_s")
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def print_table(res: dict[str, Any]) -> None:
    print(f"\n== spinekg at {res['cases']} cases, {res['triples']} triples")
    i, s, w = res["ingest"], res["store"], res["web"]
    print(f"ingest: {i['records_per_s']} records/s ({i['seconds']} s), {i['text_reports_per_s']} text reports/s "
          "(one core)")
    print(f"store: {s['disk_mb']} MB on disk (+ {s['snapshot_mb']} MB serving snapshot), "
          f"peak RSS {s['peak_rss_mb']} MB (benchmark process), server {s['server_peak_rss_mb']} MB, "
          f"serving after {s['start_serving_s']} s, complete after {s['complete_s']} s "
          f"(restarted: {s['restart_serving_s']} s)")
    print(f"web: entity p95 {w['entity_page_p95_ms']} ms, case p95 {w['case_page_p95_ms']} ms, "
          f"sparql p95 {w['sparql_p95_ms']} ms, {w['requests_per_s']} requests/s")
    print(f"{'query':28} {'cold ms':>9} {'p50 ms':>9} {'p95 ms':>9} {'oxigraph':>9} {'rdflib':>10}")
    for name, q in res["queries"].items():
        ox_ms = res["baselines"]["pyoxigraph"][name]["p50_ms"]
        rd = res["baselines"]["rdflib_memory"].get(name, {}).get("p50_ms", "")
        print(f"{name:28} {q['cold_ms']:>9} {q['p50_ms']:>9} {q['p95_ms']:>9} {ox_ms:>9} {rd!s:>10}")
    for name, q in res["queries_whole_graph"].items():
        print(f"{name + ' (every case)':38} {q['cold_ms']:>9} {q['p50_ms']:>9} {q['p95_ms']:>9}")
    print(f"median overhead over bare pyoxigraph: {res['overhead_vs_pyoxigraph_median']}x as served "
          f"(answers kept), {res['overhead_vs_pyoxigraph_cold_median']}x first run against first run")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=10, help="runs of each query (p50/p95)")
    ap.add_argument("--requests", type=int, default=200, help="web requests per page kind")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--rdflib-max-cases", type=int, default=10_000)
    ap.add_argument("--rdflib-timeout", type=float, default=5.0,
                    help="seconds an rdflib query may run before it is stopped (the next one still runs)")
    ap.add_argument("--text-sample", type=int, default=300)
    ap.add_argument("--workdir", type=Path, default=None, help="where the temporary store goes")
    a = ap.parse_args(argv)
    res = run(a.cases, a.seed, a.repeat, a.requests, a.clients, a.rdflib_max_cases, a.rdflib_timeout,
              a.text_sample, a.workdir, a.out.with_suffix(".partial.json"))
    a.out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print_table(res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
