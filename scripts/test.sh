#!/usr/bin/env bash
# npm test — every test: types, lint, unit, integration (real PostgreSQL), end-to-end
# (Chromium against `next start`). Stops at the first failing stage; ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { printf '\n=== %s ===\n' "$1"; }
log=$(mktemp)
pgid=$(mktemp)
trap 'rm -f "$log" "$pgid"' EXIT

# Each stage runs under a time limit, in a process group of its own (timeout's). A stage that
# hangs is stopped with everything it started and fails with a list of what was running, rather
# than holding CI until its hard limit; and whatever a finished stage left running is listed and
# stopped, because a leftover holding the output pipe open would keep `tee` and CI waiting.
guard() {
  local limit=$1 rc=0
  shift
  timeout --kill-after=15s "$limit" bash -c 'echo "$PPID" >"$0"; exec "$@"' "$pgid" "$@" || rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    printf '\n=== this stage did not finish within %s; what was running:\n' "$limit"
    ps -eo pid,ppid,etime,args --sort=start_time | cut -c1-200 | tail -40
  fi
  local group
  group=$(cat "$pgid" 2>/dev/null || true)
  if [ -n "$group" ] && pgrep -g "$group" >/dev/null 2>&1; then
    printf '\n=== this stage left processes running; stopping them:\n'
    pgrep -a -g "$group" | cut -c1-200 || true
    pkill -KILL -g "$group" || true
  fi
  return "$rc"
}
# Keep each runner's output on screen and in $log, for the closing count.
run() { guard "$@" 2>&1 | tee -a "$log"; }

stage "generate Prisma client"; guard 5m npm run --silent generate
stage "typecheck"; guard 10m npx tsc --noEmit
stage "lint"; guard 10m npx eslint . --max-warnings=0
stage "layering rules"; guard 5m npm run --silent lint:deps
stage "unit"; run 10m npx vitest run --project unit
stage "integration"; run 25m npx vitest run --project integration
stage "build"; guard 15m npx next build
stage "end-to-end"; run 30m npm run --silent test:e2e

plain=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log")
vitest=$(echo "$plain" | awk '$1 == "Tests" && $3 == "passed" { n += $2 } END { print n + 0 }')
e2e=$(echo "$plain" | awk '$2 == "passed" && $3 ~ /^\(/ && $1 ~ /^[0-9]+$/ { n = $1 } END { print n + 0 }')
printf '\n%s passed, 0 failed\n' "$(( ${vitest:-0} + ${e2e:-0} ))"
