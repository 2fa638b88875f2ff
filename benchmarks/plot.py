"""Plot latency against N from benchmarks/run.py results (matplotlib, the "bench" extra).

    python benchmarks/plot.py docs/benchmarks/run-*.json --out docs/benchmarks/latency.svg
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = sorted((json.loads(p.read_text()) for p in a.results), key=lambda r: r["cases"])
    ns = [r["cases"] for r in runs]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for (key, first, label), color in zip((("entity_page_p95_ms", "entity_first_visit_p95_ms", "entity page"),
                                           ("case_page_p95_ms", "case_first_visit_p95_ms", "case page"),
                                           ("sparql_p95_ms", "sparql_first_visit_p95_ms", "SPARQL request")),
                                          ("tab:blue", "tab:orange", "tab:green"), strict=True):
        left.plot(ns, [r["web"][key] for r in runs], marker="o", color=color, label=f"{label} p95, as served")
        if all(first in r["web"] for r in runs):
            left.plot(ns, [r["web"][first] for r in runs], marker="x", linestyle="--", color=color,
                      label=f"{label} p95, first visit")
    left.set(xscale="log", yscale="log", xlabel="cases", ylabel="ms", title="Web (8 concurrent clients)")
    left.legend()
    names = sorted(runs[-1]["queries"])
    for name in names:
        right.plot(ns, [r["queries"][name].get("cold_ms", r["queries"][name]["p95_ms"]) for r in runs], marker=".",
                   linewidth=1, label=name)
    right.axhline(1000, color="grey", linestyle="--", linewidth=0.8)
    right.set(xscale="log", yscale="log", xlabel="cases", ylabel="ms",
              title="Library queries, first run (nothing cached)")
    right.legend(fontsize=6, ncol=2)
    fig.tight_layout()
    fig.savefig(a.out)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
