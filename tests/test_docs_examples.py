"""Every command shown in docs/*.md is checked as written: `spinekg ...` lines are parsed by the real command line
(options, types and choices; a server that binds 0.0.0.0 or a 100k-case benchmark is not started in the tests),
`benchmarks/*.py` lines are parsed by the script's own argument parser, and the cheap ones (the report of the
stored benchmark figures) are run. Setup lines (python -m venv, pip install) are not commands of spinekg's."""

from __future__ import annotations

import argparse
import glob
import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted({*ROOT.glob("docs/*.md"), *ROOT.glob("docs/**/*.md")})
#: scripts cheap enough to run as written in the tests
RUN = {"report.py"}


def _commands() -> list[tuple[str, str]]:
    out = []
    for path in DOCS:
        for block in re.findall(r"```(?:sh|bash|console)?\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            for line in block.splitlines():
                line = line.split("  #")[0].strip()
                if line.startswith("spinekg ") or re.search(r"\bbenchmarks/\w+\.py\b", line):
                    out.append((path.relative_to(ROOT).as_posix(), line))
    return out


COMMANDS = _commands()


def test_the_docs_show_commands():
    assert any(c.startswith("spinekg serve") for _, c in COMMANDS)
    assert sum("benchmarks/" in c for _, c in COMMANDS) >= 4


def _serve_as_written(args: list[str]) -> None:
    """Run the serve example with its options, on a store of one shipped report and on 127.0.0.1 (the tests bind
    nothing else), until it answers its home page."""
    import socket
    import tempfile
    import time
    import urllib.request

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        report = sorted((ROOT / "data" / "reports").glob("*.txt"))[0]
        subprocess.run([sys.executable, "-m", "spinekg", "ingest", str(report), "--store", str(store), "-q"],
                       check=True, capture_output=True, timeout=300)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        swap = {"--store": str(store), "--host": "127.0.0.1", "--port": str(port)}
        argv = [swap.get(args[i - 1], a) if i else a for i, a in enumerate(args)]
        proc = subprocess.Popen([sys.executable, "-m", "spinekg", *argv[1:]], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        try:
            deadline, body = time.monotonic() + 120, ""
            while time.monotonic() < deadline and not body:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                        body = r.read().decode()
                except OSError:
                    assert proc.poll() is None, proc.stderr.read()[-2000:] if proc.stderr else ""
                    time.sleep(0.3)
            assert "spinekg" in body.lower()
        finally:
            proc.terminate()
            proc.communicate(timeout=30)  # reads and closes the server's stderr


class _Parsed(Exception):
    pass


@pytest.mark.parametrize("doc, command", COMMANDS, ids=[c[:60] for _, c in COMMANDS])
def test_a_docs_command_is_valid_as_written(doc, command, monkeypatch):
    args = shlex.split(command)
    if args[0] == "spinekg":
        from spinekg.cli import main

        ctx = main.make_context("spinekg", args[1:], resilient_parsing=False)
        sub = main.get_command(ctx, args[1])
        assert sub is not None, command
        with ctx:
            sub.make_context(args[1], args[2:], parent=ctx)  # raises on an unknown option or a bad value
        if args[1] == "serve":
            _serve_as_written(args)
        return
    script = next(a for a in args if a.startswith("benchmarks/"))
    rest = args[args.index(script) + 1:]
    expanded = [m for a in rest for m in (sorted(glob.glob(str(ROOT / a))) if "*" in a else [a])]
    if Path(script).name in RUN:
        res = subprocess.run([sys.executable, script, *expanded], cwd=ROOT, capture_output=True, text=True,
                             timeout=120)
        assert res.returncode == 0 and res.stdout.strip(), res.stderr[-2000:]
        return
    spec = importlib.util.spec_from_file_location("docs_example", ROOT / script)
    mod = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
    except ImportError as e:  # an optional extra (plot.py's "bench") that this environment lacks
        pytest.skip(f"{script} needs {e.name}")
    real = argparse.ArgumentParser.parse_args

    def parse_only(self, argv=None, namespace=None):  # type: ignore[no-untyped-def]
        real(self, argv, namespace)  # exits with status 2 on a bad option
        raise _Parsed

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", parse_only)
    with pytest.raises(_Parsed):
        mod.main(expanded)
