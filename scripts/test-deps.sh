#!/usr/bin/env bash
# The real components the tests drive, from Debian's packages: Chromium and its driver (the browser tests)
# and Virtuoso (the remote-store tests). Installs what is missing when it can (as root or with passwordless
# sudo). Without CI=true, what it cannot install is said in one line and those tests skip; with CI=true a
# missing component is an error. Called by test.sh; SPINEKG_NO_INSTALL=1 skips every installation.
set -uo pipefail
cd "$(dirname "$0")/.."
missing=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
try() {  # try NAME SKIPPED-TESTS COMMAND...
  local name=$1 what=$2; shift 2
  if "$@" >"$log" 2>&1; then
    return 0
  fi
  if [ "${CI:-}" = "true" ]; then
    cat "$log" >&2
    echo "test-deps: CI=true and $name could not be installed" >&2
    missing=1
  else
    echo "test-deps: $name is not installed and could not be installed ($(tail -n1 "$log"))," \
         "so the $what tests will be SKIPPED" >&2
  fi
}
if [ "${SPINEKG_NO_INSTALL:-}" = 1 ]; then
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || \
    echo "test-deps: SPINEKG_NO_INSTALL=1 and no chromium/chromedriver: the browser tests will be SKIPPED" >&2
  command -v virtuoso-t >/dev/null 2>&1 || \
    echo "test-deps: SPINEKG_NO_INSTALL=1 and no virtuoso-t: the remote-store (Virtuoso) tests will be SKIPPED" >&2
  exit 0
fi
try "Chromium (chromium, chromium-driver)" "browser (web UI)" scripts/browser.sh
try "Virtuoso (virtuoso-opensource-7-bin)" "remote-store (Virtuoso)" scripts/virtuoso.sh install
exit $missing
