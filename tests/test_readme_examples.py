"""The README's commands for after ./run.sh run as written (with this Python's spinekg for .venv/bin/spinekg),
against a store of the shipped reports; its harvest commands against the local fake E-utilities and Europe PMC
(tests/harvest/fake_services.py; nothing reaches the internet)."""

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
    sys.path.insert(0, str(Path(__file__).parent / "harvest"))
    from fake_services import Services, serve

    examples = _examples()
    assert len(examples) >= 2
    store = tmp_path / "store"
    srv = serve(Services())
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    env = {"SPINEKG_STORE": str(store), "PATH": "/usr/bin:/bin", "SPINEKG_EUTILS": base + "/eutils/",
           "SPINEKG_EUROPEPMC": base + "/epmc/", "NCBI_EMAIL": "test@example.org"}
    run = [sys.executable, "-m", "spinekg"]
    res = subprocess.run([*run, "ingest", str(ROOT / "data" / "reports")], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    for cmd in examples:
        args = re.findall(r"'[^']*'|\S+", cmd)[1:]
        res = subprocess.run([*run, *[a.strip("'") for a in args]], capture_output=True, text=True, env=env,
                             cwd=tmp_path, timeout=300)
        assert res.returncode == 0, (cmd, res.stderr[-2000:])
        assert res.stdout.strip() or res.stderr.strip(), cmd
    srv.shutdown()
    srv.server_close()
    assert any("harvest" in e for e in examples) and (tmp_path / "corpus" / "chordoma" / "manifest.json").is_file()
