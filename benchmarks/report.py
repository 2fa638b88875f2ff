"""Markdown tables of benchmarks/run.py results, side by side by N (for docs/benchmarks/README.md).

    python benchmarks/report.py docs/benchmarks/run-*.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.2f}" if v < 10 else f"{v:,.0f}" if v >= 1000 else f"{v:,.1f}"
    return "" if v is None else str(v)


def table(header: list[str], rows: list[list[Any]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(_fmt(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def report(runs: list[dict[str, Any]]) -> str:
    ns = [f"{r['cases']:,} cases" for r in runs]
    parts = []
    get = [("triples", lambda r: r["triples"]),
           ("full rebuild, records/s", lambda r: r["ingest"]["records_per_s"]),
           ("full rebuild, s", lambda r: r["ingest"]["seconds"]),
           ("text reports/s (one core)", lambda r: r["ingest"]["text_reports_per_s"]),
           ("store on disk, MB", lambda r: r["store"]["disk_mb"]),
           ("serving snapshot, MB", lambda r: r["store"].get("snapshot_mb")),
           ("server peak RSS, MB", lambda r: r["store"]["server_peak_rss_mb"]),
           ("benchmark process peak RSS, MB", lambda r: r["store"]["peak_rss_mb"]),
           ("copy into memory, s", lambda r: r.get("copy_to_memory_s")),
           ("first start until / answers, s", lambda r: r["store"]["start_serving_s"]),
           ("first start until the search index and page-table file are done, s",
            lambda r: r["store"].get("complete_s")),
           ("restart on the unchanged store, s", lambda r: r["store"].get("restart_serving_s")),
           ("entity page p95, ms (8 clients)", lambda r: r["web"]["entity_page_p95_ms"]),
           ("entity page first visit p95, ms", lambda r: r["web"].get("entity_first_visit_p95_ms")),
           ("case page p95, ms", lambda r: r["web"]["case_page_p95_ms"]),
           ("case page first visit p95, ms", lambda r: r["web"].get("case_first_visit_p95_ms")),
           ("SPARQL request p95, ms", lambda r: r["web"]["sparql_p95_ms"]),
           ("SPARQL first request p95, ms", lambda r: r["web"].get("sparql_first_visit_p95_ms")),
           ("requests/s", lambda r: r["web"]["requests_per_s"]),
           ("query overhead over bare pyoxigraph, first runs (median)",
            lambda r: r.get("overhead_vs_pyoxigraph_cold_median")),
           ("query overhead over bare pyoxigraph, as served (median)", lambda r: r["overhead_vs_pyoxigraph_median"])]
    parts.append(table(["", *ns], [[name, *(f(r) for r in runs)] for name, f in get]))
    names = sorted(runs[-1]["queries"])
    rows = []
    for name in names:
        row: list[Any] = [name]
        for r in runs:
            q, base = r["queries"].get(name, {}), r["baselines"]["pyoxigraph"].get(name, {})
            rd = r["baselines"]["rdflib_memory"].get(name, {}).get("p50_ms")
            row.append(f"{_fmt(q.get('cold_ms'))} / {_fmt(q.get('p95_ms'))} / {_fmt(base.get('p50_ms'))} / {_fmt(rd)}")
        rows.append(row)
    for name in sorted(runs[-1].get("queries_whole_graph", {})):
        rows.append([f"{name} (every case)", *(
            f"{_fmt(r.get('queries_whole_graph', {}).get(name, {}).get('cold_ms'))} / "
            f"{_fmt(r.get('queries_whole_graph', {}).get(name, {}).get('p95_ms'))} / / " for r in runs)])
    parts.append("Each cell: first run (ms) / p95 as served (ms) / bare pyoxigraph p50 (ms) / rdflib p50 (ms)\n\n"
                 + table(["query", *ns], rows))
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", type=Path)
    a = ap.parse_args(argv)
    runs = sorted((json.loads(p.read_text(encoding="utf-8")) for p in a.results), key=lambda r: r["cases"])
    print(report(runs), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
