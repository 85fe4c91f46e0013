#!/usr/bin/env bash
# Installs what Intervju needs on a fresh Debian machine: Chromium (Debian's own
# package: Playwright cannot download browsers here), xmllint, LibreOffice's
# headless Writer and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

export ONNXRUNTIME_NODE_INSTALL=skip

# Debian packages: Chromium for the end-to-end tests, xmllint (libxml2-utils) to
# validate REFI-QDA exports against their schema in the unit tests, and
# LibreOffice's Writer without its GUI (`soffice --headless`) to check that the
# .docx exports open (docs/exports.md). The Writer comes without recommended
# packages: Debian 12, about 84 MB to download and 258 MB on disk, instead of a
# desktop office suite. Debian's python3-torch and python3-onnx (with OpenBLAS:
# with the reference BLAS torch is about 40 times slower) make the test model and
# run the model converter and its test (docs/models.md).
PACKAGES=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || PACKAGES+=(chromium)
command -v xmllint >/dev/null 2>&1 || PACKAGES+=(libxml2-utils)
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || PACKAGES+=(python3-torch)
/usr/bin/python3 -c 'import onnx' >/dev/null 2>&1 || PACKAGES+=(python3-onnx)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || PACKAGES+=(libopenblas0-pthread)
WRITER=()
command -v soffice >/dev/null 2>&1 || WRITER+=(libreoffice-writer-nogui)
if [ "${#PACKAGES[@]}" -gt 0 ] || [ "${#WRITER[@]}" -gt 0 ]; then
  echo "» Installing ${PACKAGES[*]} ${WRITER[*]} from Debian's packages …"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  [ "${#PACKAGES[@]}" -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
  [ "${#WRITER[@]}" -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${WRITER[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "» Installing npm packages (npm ci) …"
  npm ci --no-audit --no-fund
fi
