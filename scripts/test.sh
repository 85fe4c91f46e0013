#!/usr/bin/env bash
# npm test: every test, unit and end-to-end, against a fresh production build.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-dependencies.sh || exit 1
rm -rf test-results
mkdir -p test-results

status=0
echo "» Type check"
npx wxt prepare >/dev/null && npx tsc --noEmit -p tsconfig.json || status=1
echo "» Unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json || status=1
echo "» Production build"
npx wxt build || exit 1
echo "» End-to-end tests (Playwright, Debian Chromium, built extension)"
npx playwright test || status=1
node scripts/summarise-tests.mjs test-results/unit.json test-results/e2e.json || status=1
exit $status
