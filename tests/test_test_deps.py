"""test.sh's first step (scripts/test-deps.sh): installs the browser and Virtuoso when it can, and otherwise
says in one line which tests it skips; with CI=true a component it cannot install is an error."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "test-deps.sh"


def _bare_path(tmp_path: Path) -> str:
    """A PATH with the shell tools but no virtuoso-t and an apt-get that always fails (as without root)."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("bash", "sh", "cat", "tail", "mktemp", "rm", "id", "env", "sed", "head", "dirname"):
        found = shutil.which(tool)
        if found:
            (bin_ / tool).symlink_to(found)
    fake = bin_ / "apt-get"
    fake.write_text("#!/bin/sh\necho 'E: could not open lock file (are you root?)' >&2\nexit 100\n")
    fake.chmod(0o755)
    return str(bin_)


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "SPINEKG_NO_INSTALL")}
    base["PATH"] = _bare_path(tmp_path)
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env={**base, **env},
                          cwd=tmp_path, timeout=60)


def test_a_missing_component_is_said_and_skipped_outside_ci(tmp_path: Path) -> None:
    proc = _run(tmp_path)
    assert proc.returncode == 0, proc.stderr
    line = [x for x in proc.stderr.splitlines() if "Virtuoso" in x]
    assert len(line) == 1 and "remote-store (Virtuoso) tests will be SKIPPED" in line[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_missing_component_fails_in_ci(tmp_path: Path) -> None:
    proc = _run(tmp_path, CI="true")
    assert proc.returncode == 1
    assert "CI=true and Virtuoso (virtuoso-opensource-7-bin) could not be installed" in proc.stderr


def test_no_install_installs_nothing(tmp_path: Path) -> None:
    proc = _run(tmp_path, SPINEKG_NO_INSTALL="1")
    assert proc.returncode == 0
    assert "no virtuoso-t: the remote-store (Virtuoso) tests will be SKIPPED" in proc.stderr


@pytest.mark.skipif(shutil.which("virtuoso-t") is None or not Path("/usr/bin/chromedriver").exists(),
                    reason="needs both components installed")
def test_installed_components_pass_quietly() -> None:
    proc = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "SKIPPED" not in proc.stderr
