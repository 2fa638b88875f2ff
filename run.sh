#!/usr/bin/env bash
# Set up spinekg, ingest the case reports it ships, and serve the web UI and SPARQL endpoint.
#   ./run.sh            -> http://127.0.0.1:8000/
# Environment: PORT (8000), SPINEKG_STORE (the store directory, default ./var/store), PYTHON (python3).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
export SPINEKG_STORE=${SPINEKG_STORE:-$PWD/var/store}
if [ ! -x .venv/bin/spinekg ] || [ pyproject.toml -nt .venv/.installed ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet .
  touch .venv/.installed
fi
# the shipped case reports (text, with their citations) and the curated records of published cases
.venv/bin/spinekg ingest data/reports/*.txt data/curated/*.json --store "$SPINEKG_STORE"
exec .venv/bin/spinekg serve --store "$SPINEKG_STORE" --host 127.0.0.1 --port "${PORT:-8000}"
