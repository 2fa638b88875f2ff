"""The benchmark scripts keep working (at a small N; the figures themselves are not asserted)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_run_py_at_small_n(tmp_path):
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--cases", "40", "--out", str(out),
                           "--repeat", "2", "--requests", "16", "--clients", "4", "--text-sample", "20",
                           "--rdflib-timeout", "20", "--workdir", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    res = json.loads(out.read_text())
    assert res["cases"] == 40 and res["triples"] > 4000
    assert set(res["ingest"]) >= {"records_per_s", "text_reports_per_s"}
    assert set(res["store"]) >= {"disk_mb", "peak_rss_mb", "snapshot_mb", "start_serving_s", "restart_serving_s",
                                 "complete_s"}
    assert res["store"]["complete_s"] >= res["store"]["start_serving_s"]
    assert set(res["web"]) >= {"entity_page_p95_ms", "case_page_p95_ms", "sparql_p95_ms", "requests_per_s"}
    from spinekg import queries

    names = set(queries.library()) - {"federated-gene-xrefs"}
    assert set(res["queries"]) == names
    for base in ("pyoxigraph", "rdflib_memory"):
        assert set(res["baselines"][base]) == names
    # rdflib answers each query or fails on it (its engine raises on some valid queries): never a hang
    assert all(isinstance(q["p50_ms"], float) or q["p50_ms"] == "error"
               for q in res["baselines"]["rdflib_memory"].values())
    assert all(q["cold_ms"] >= 0 and q["p95_ms"] >= q["p50_ms"] for q in res["queries"].values())
    assert set(res["queries_whole_graph"]) == {"cases-by-tumor-type", "ihc-profile", "treatments-by-tumor-type"}
    assert "median overhead" in proc.stdout


def test_extract_throughput_script(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extract_throughput.py"), "--repeat", "1",
                           "--json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(proc.stdout)
    assert figures["reports"] > 0 and figures["peak_rss_mb"] > 0
