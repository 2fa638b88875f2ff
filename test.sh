#!/usr/bin/env bash
# Set up a clean test environment (a non-editable install) and run the checks and the tests.
#   ./test.sh [pytest args]
set -euo pipefail
export HYPOTHESIS_NO_PLUGINS=1  # a plugin of an indirect dependency (trio) warns at start-up, which the tests make an error
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
VENV=${TEST_VENV:-.venv-test}
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
fi
# Chromium and Virtuoso for the browser and remote-store tests (Debian packages; said plainly when skipped)
scripts/test-deps.sh
# a non-editable install, so a file left out of the package fails here rather than for a user
"$VENV/bin/pip" install --quiet --force-reinstall --no-deps . && "$VENV/bin/pip" install --quiet ".[test]"
"$VENV/bin/ruff" check .
"$VENV/bin/mypy" spinekg graph loaders ontology webui
# run from a folder outside the checkout so the installed package, not the source tree, is imported;
# pytest-xdist spreads the tests over the cores (at most 4 workers: each starts its own Virtuoso and browser)
CORES=$(nproc 2>/dev/null || echo 1)
WORKERS=${PYTEST_WORKERS:-$(( CORES < 4 ? CORES : 4 ))}
cd tests && exec "../$VENV/bin/python" -m pytest -q -p no:cacheprovider -n "$WORKERS" "$@"
