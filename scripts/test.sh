#!/usr/bin/env bash
# npm test — every test: types, lint, unit, integration (real PostgreSQL), end-to-end
# (Chromium against `next start`). Stops at the first failing stage; ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { printf '\n=== %s ===\n' "$1"; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Keep each runner's output on screen and in $log, for the closing count.
run() { "$@" 2>&1 | tee -a "$log"; }

stage "generate Prisma client"; npm run --silent generate
stage "typecheck"; npx tsc --noEmit
stage "lint"; npx eslint . --max-warnings=0
stage "layering rules"; npm run --silent lint:deps
stage "unit"; run npx vitest run --project unit
stage "integration"; run npx vitest run --project integration
stage "build"; npx next build
stage "end-to-end"; run npm run --silent test:e2e

plain=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log")
vitest=$(echo "$plain" | awk '$1 == "Tests" && $3 == "passed" { n += $2 } END { print n + 0 }')
e2e=$(echo "$plain" | awk '$2 == "passed" && $3 ~ /^\(/ && $1 ~ /^[0-9]+$/ { n = $1 } END { print n + 0 }')
printf '\n%s passed, 0 failed\n' "$(( ${vitest:-0} + ${e2e:-0} ))"
