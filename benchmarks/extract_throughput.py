"""Extraction throughput, the slowest document and peak memory, on one core, for reports like the shipped ones.

    python benchmarks/extract_throughput.py [--repeat 20] [DIR_OR_FILES ...]

Prints reports per second (after a warm-up pass that builds the lexicon): over all passes, in the
best pass and in the median one (a shared machine slows some passes), and the peak resident memory
of the process. Defaults to the plain-text reports in data/reports/.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=20, help="passes over the reports (default 20)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from spinekg.loaders.text import extract_text

    paths = args.paths or [ROOT / "data" / "reports"]
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    if not texts:
        print("no reports found", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    for name, text in texts:  # warm-up: builds the lexicon and compiles the patterns
        extract_text(text, name)
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = 0
    slowest: dict[str, float] = {}
    passes: list[float] = []
    for _ in range(args.repeat):
        t_pass = time.perf_counter()
        for name, text in texts:
            t1 = time.perf_counter()
            extract_text(text, name)
            slowest[name] = min(slowest.get(name, 1e9), time.perf_counter() - t1)  # best of the passes
            n += 1
        passes.append(time.perf_counter() - t_pass)
    elapsed = time.perf_counter() - t0
    worst = max(slowest, key=lambda k: slowest[k])
    words = {name: len(text.split()) for name, text in texts}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {"reports": n, "seconds": round(elapsed, 3), "reports_per_s": round(n / elapsed, 1),
               # (on a shared machine other work slows some passes: the best pass is the code's own speed)
               "best_pass_reports_per_s": round(len(texts) / min(passes), 1),
               "median_pass_reports_per_s": round(len(texts) / sorted(passes)[len(passes) // 2], 1),
               "first_pass_s": round(warm, 3), "peak_rss_mb": round(peak_mb, 1),
               "mean_chars": round(sum(len(t) for _, t in texts) / len(texts)),
               "mean_words": round(sum(words.values()) / len(words)),
               "slowest_doc": worst, "slowest_doc_words": words[worst], "slowest_doc_s": round(slowest[worst], 4)}
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:26} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
