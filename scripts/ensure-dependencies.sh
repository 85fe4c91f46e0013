#!/usr/bin/env bash
# Installs what Intervju needs on a fresh Debian machine: Chromium (Debian's own
# package: Playwright cannot download browsers here), xmllint and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

export ONNXRUNTIME_NODE_INSTALL=skip

# Debian packages: Chromium for the end-to-end tests, xmllint (libxml2-utils) to
# validate REFI-QDA exports against their schema in the unit tests.
PACKAGES=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || PACKAGES+=(chromium)
command -v xmllint >/dev/null 2>&1 || PACKAGES+=(libxml2-utils)
if [ "${#PACKAGES[@]}" -gt 0 ]; then
  echo "» Installing ${PACKAGES[*]} from Debian's packages …"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "» Installing npm packages (npm ci) …"
  npm ci --no-audit --no-fund
fi
