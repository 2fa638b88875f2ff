"""Latency of the web pages under a bounded concurrent load, on a synthetic store of N cases.

    python benchmarks/web_latency.py --cases 1000 --cases 10000 [--requests 400] [--clients 8]
                                     [--server-threads 8] [--json out.json]

For each N: synthetic curated case records (``benchmarks/synth.py``: tumor types, levels, markers,
fusions, interventions and outcomes drawn from the ontology's lexicon in realistic proportions) are
ingested into an on-disk store; ``spinekg serve`` serves it (waitress, an in-memory copy, as in
production) in a subprocess on 127.0.0.1, so the clients do not share the server's GIL. After a
warm-up (the first request builds the per-store page tables and search index; its time is reported),
each page kind gets a fixed number of requests from ``--clients`` threads, each with a keep-alive
connection, over a sample of URLs of that kind. Prints p50/p95/max per kind; ``--json`` writes them.
"cold" is the first request of each URL (before the page cache holds it), from the same clients.
The issue's target: p95 under 100 ms for entity and case pages at 10k cases.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ENTITY_QUERIES = {
    "tumor type": "SELECT DISTINCT ?x WHERE { GRAPH ?c { ?c skg:hasTumor ?t . ?t a ?x FILTER(?x != skg:Tumor) } }",
    "vertebra": "SELECT DISTINCT ?x WHERE { ?t skg:locatedIn ?x }",
    "marker": "SELECT DISTINCT ?x WHERE { ?r skg:marker ?x }",
    "gene": "SELECT DISTINCT ?x WHERE { ?g skg:gene ?x }",
    "fusion": "SELECT DISTINCT ?x WHERE { ?g skg:fusion ?x }",
    "drug": "SELECT DISTINCT ?x WHERE { ?i skg:agent ?x }",
    "procedure": "SELECT DISTINCT ?x WHERE { GRAPH ?c { ?i skg:sequence ?s ; a ?x } }",
    "report": "SELECT ?x WHERE { ?c skg:reportedIn ?x } LIMIT 200",
}
SEARCHES = ["chordoma", "NTRK", "TES", "EWSR1", "giant cell", "S100", "NCIT:C2947", "HGNC:8033", "en bloc", "T11",
            "schwann", "denosumab", "brachy", "lumbar"]


def build_store(n: int, path: Path, seed: int = 7) -> float:
    from spinekg.graph import open_store
    from synth import records

    from spinekg.model import CaseRecord

    t = time.perf_counter()
    st = open_store(str(path))
    st.rebuild([CaseRecord.from_dict(d) for d in records(n, seed=seed)])  # the bulk path (ingest --rebuild)
    st.close()
    return time.perf_counter() - t


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(base: str, path: str, accept: str = "text/html", timeout: float = 600) -> tuple[int, bytes]:
    req = urllib.request.Request(base + path, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.read()


def wait_complete(base: str, timeout: float) -> float:
    """Seconds until the server's /health says its search index, profiles and page-table file are done
    (it serves before that); first visits are measured after it, on a settled server."""
    t = time.perf_counter()
    while time.perf_counter() - t < timeout:
        _, body = get(base, "/health", "application/json")
        if json.loads(body).get("complete"):
            break
        time.sleep(0.2)
    return time.perf_counter() - t


def sparql(base: str, q: str) -> list[str]:
    _, body = get(base, "/sparql?" + urllib.parse.urlencode({"query": q}), "application/sparql-results+json")
    return [b["x"]["value"] for b in json.loads(body)["results"]["bindings"]]


def urls(base: str, case_ids: list[str], rng: random.Random, per_kind: int = 60) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    entity: list[str] = []
    for kind, q in ENTITY_QUERIES.items():
        iris = [i for i in sparql(base, q) if i.startswith("https://w3id.org/spinekg/")]
        paths = ["/" + i[len("https://w3id.org/spinekg/"):] for i in iris]
        if paths:
            out[f"entity: {kind}"] = rng.sample(paths, min(per_kind, len(paths)))
            entity += out[f"entity: {kind}"]
    out["entity: all kinds"] = entity
    out["case"] = ["/case/" + c for c in rng.sample(case_ids, min(200, len(case_ids)))]
    out["home"] = ["/"]
    out["search page"] = ["/search?" + urllib.parse.urlencode({"q": q}) for q in SEARCHES]
    out["search api"] = ["/api/search?" + urllib.parse.urlencode({"q": q[:k]}) for q in SEARCHES
                         for k in (2, 4, len(q))]
    types = [p.split("/ontology/")[1] for p in out.get("entity: tumor type", [])]
    levels = [p.split("/ontology/")[1] for p in out.get("entity: vertebra", [])]
    out["browse"] = ["/browse"] + [f"/browse?type=skg:{t}" for t in types[:10]] + \
                    [f"/browse?type=skg:{t}&level=skg:{lv}" for t in types[:5] for lv in levels[:4]] + \
                    ["/browse?outcome=recurrence", "/browse?region=skg:ThoracicSpine&outcome=no-recurrence"]
    return out


def load(host: str, port: int, paths: list[str], n: int, clients: int) -> list[float]:
    """n requests over the paths (round robin from a random start), from `clients` keep-alive threads."""
    lat: list[float] = []
    lock = threading.Lock()
    counter = iter(range(n))
    errors: list[str] = []

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        mine = []
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            path = paths[i % len(paths)]
            t = time.perf_counter()
            conn.request("GET", path, headers={"Accept": "text/html"})
            r = conn.getresponse()
            r.read()
            mine.append(time.perf_counter() - t)
            if r.status != 200:
                errors.append(f"{r.status} {path}")
        conn.close()
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, e.g. {errors[:3]}")
    return lat


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000


def run(n: int, requests: int, clients: int, server_threads: int, seed: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="spinekg-bench-") as tmp:
        store = Path(tmp) / "store"
        print(f"\n== {n} cases: building the store ...", flush=True)
        build_s = build_store(n, store, seed)
        port = free_port()
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        srv = subprocess.Popen([sys.executable, "-m", "spinekg", "serve", "--store", str(store), "--host", "127.0.0.1",
                                "--port", str(port), "--threads", str(server_threads)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(9000):  # 30 minutes at most (a first start at 100k cases takes about 1.5)
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if srv.poll() is not None:
                        raise SystemExit("the server exited: " + (srv.stderr.read() or b"").decode()[-500:]) from None
                    time.sleep(0.2)
            t = time.perf_counter()
            get(base, "/")
            first_s = time.perf_counter() - t
            complete_s = wait_complete(base, 1800)
            rng = random.Random(seed)
            case_ids = [f"synthetic-{i:06d}" for i in range(n)]
            plan = urls(base, case_ids, rng)
            results = {}
            for kind, paths in plan.items():
                # cold: each URL once, first time (rendered, then kept by the page cache); then the measured load
                cold = load("127.0.0.1", port, paths, len(paths), clients)
                lat = load("127.0.0.1", port, paths, requests if len(paths) > 1 else requests // 2, clients)
                results[kind] = {"requests": len(lat), "urls": len(paths), "p50_ms": round(pct(lat, 50), 1),
                                 "p95_ms": round(pct(lat, 95), 1), "max_ms": round(max(lat) * 1000, 1),
                                 "mean_ms": round(statistics.mean(lat) * 1000, 1),
                                 "cold_p50_ms": round(pct(cold, 50), 1), "cold_p95_ms": round(pct(cold, 95), 1)}
        finally:
            os.killpg(srv.pid, signal.SIGTERM)
            srv.wait(timeout=30)
    print(f"store built in {build_s:.1f} s; first request {first_s * 1000:.0f} ms; the search index, profiles "
          f"and page-table file done {complete_s:.1f} s after it")
    print(f"{'page':22} {'urls':>5} {'reqs':>5} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}   "
          f"{'cold p50':>8} {'cold p95':>8}")
    for kind, r in results.items():
        print(f"{kind:22} {r['urls']:>5} {r['requests']:>5} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['max_ms']:>7}   "
              f"{r['cold_p50_ms']:>8} {r['cold_p95_ms']:>8}")
    return {"cases": n, "store_build_s": round(build_s, 1), "first_request_ms": round(first_s * 1000),
            "complete_after_s": round(complete_s, 1),
            "clients": clients, "server_threads": server_threads, "pages": results}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, action="append", help="store size (repeatable); default 1000")
    ap.add_argument("--requests", type=int, default=400, help="requests per page kind")
    ap.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    ap.add_argument("--server-threads", type=int, default=8, help="waitress worker threads")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="write the figures here")
    a = ap.parse_args(argv)
    out = [run(n, a.requests, a.clients, a.server_threads, a.seed) for n in (a.cases or [1000])]
    if a.json:
        a.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
