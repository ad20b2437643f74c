#!/usr/bin/env bash
# npm test — every test: types, lint, unit, integration (real PostgreSQL), end-to-end
# (Chromium against `next start`). Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { printf '\n=== %s ===\n' "$1"; }

stage "generate Prisma client"; npm run --silent generate
stage "typecheck"; npx tsc --noEmit
stage "lint"; npx eslint . --max-warnings=0
stage "unit"; npx vitest run --project unit
stage "integration"; npx vitest run --project integration
stage "build"; npx next build
stage "end-to-end"; npm run --silent test:e2e
