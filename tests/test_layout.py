"""Every way a user starts spinekg works from any folder, the checkout's root included: there the folder
spinekg/ comes first on sys.path and shadows the installed package (./test.sh installs it non-editable),
so it must find its subpackages (graph/, loaders/, ...) beside it as the installed package holds them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("cwd", [ROOT, ROOT / "tests", ROOT / "data"])
def test_python_m_spinekg_runs_from_any_folder(cwd: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "spinekg", "--help"], cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "ingest" in proc.stdout and "serve" in proc.stdout


def test_every_subpackage_imports_from_the_root(tmp_path: Path) -> None:
    code = ("import spinekg.cli, spinekg.loaders.extract, spinekg.graph, spinekg.ontology, spinekg.queries, "
            "spinekg.webui, spinekg.model; from spinekg.queries import library; print(len(library()))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout.strip()) > 10


def test_ingest_and_query_from_the_root(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run = [sys.executable, "-m", "spinekg"]
    ing = subprocess.run([*run, "ingest", "data/reports/000_921a4fa1c48c7696.json", "--store", str(store)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert ing.returncode == 0, ing.stderr[-2000:]
    q = subprocess.run([*run, "query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store",
                        str(store), "--format", "csv"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert q.returncode == 0, q.stderr[-2000:]
    assert int(q.stdout.splitlines()[-1]) > 50
