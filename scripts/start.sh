#!/usr/bin/env bash
# npm start: install what is missing, build the extension, open Chromium with it
# loaded on the workspace and the practice call page.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-dependencies.sh
npx wxt build
node scripts/launch-chromium.mjs "$@"
