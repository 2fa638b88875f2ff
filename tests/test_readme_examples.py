"""The README's commands for after ./run.sh run as written (with this Python's spinekg for .venv/bin/spinekg),
against a store of the shipped reports."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _examples() -> list[str]:
    return [line.split("#")[0].strip() for line in README.read_text(encoding="utf-8").splitlines()
            if line.startswith(".venv/bin/spinekg ")]


@pytest.mark.skipif(not README.exists() or not (ROOT / "data" / "reports").is_dir(), reason="run from a checkout")
def test_the_readme_examples_run(tmp_path):
    examples = _examples()
    assert len(examples) >= 2
    store = tmp_path / "store"
    env = {"SPINEKG_STORE": str(store), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "spinekg"]
    res = subprocess.run([*run, "ingest", str(ROOT / "data" / "reports")], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    for cmd in examples:
        args = re.findall(r"'[^']*'|\S+", cmd)[1:]
        res = subprocess.run([*run, *[a.strip("'") for a in args]], capture_output=True, text=True, env=env,
                             cwd=tmp_path, timeout=300)
        assert res.returncode == 0, (cmd, res.stderr[-2000:])
        assert res.stdout.strip(), cmd
