#!/bin/sh
# Install the headless browser the web UI's browser tests drive: Debian's chromium and chromium-driver
# (no browser binaries are downloaded from anywhere else). Idempotent: does nothing when both are there.
# Usage: scripts/browser.sh   (as root, or with sudo available)
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "browser.sh: chromium and chromedriver are installed"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "browser.sh: chromium or chromedriver is missing and this user cannot install them" \
             "(run as root, or: apt-get install chromium chromium-driver)" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version || true
/usr/bin/chromedriver --version
