#!/usr/bin/env bash
# Runs every `bench:*` npm script in smoke mode (BENCH_SMOKE=1: tiny data, results in
# bench-results/smoke/, logs in bench-results/smoke/logs/), then checks that each wrote its JSON
# with the fields listed in backend/tools/bench-fields.json. Needs the built dashboard
# (dist/frontend/dashboard/browser) for bench:dashboard; PostgreSQL is used by bench:import when
# it answers on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf bench-results/smoke
mkdir -p bench-results/smoke/logs
export BENCH_SMOKE=1
benches=$(node -p "Object.keys(require('./package.json').scripts).filter((s) => s.startsWith('bench:')).map((s) => s.slice(6)).join(' ')")
for name in $benches; do
  args=()
  # The dashboard bench's nx target builds the dashboard first; here it is already built.
  [ "$name" = dashboard ] && args=(-- --excludeTaskDependencies)
  log="bench-results/smoke/logs/$name.log"
  start=$SECONDS
  if npm run "bench:$name" "${args[@]}" >"$log" 2>&1; then
    printf 'bench:%-20s %4d s\n' "$name" $((SECONDS - start))
  else
    printf 'bench:%-20s FAILED after %d s; end of %s:\n' "$name" $((SECONDS - start)) "$log"
    tail -n 40 "$log"
    exit 1
  fi
done
node -r ./backend/tools/register.js backend/tools/bench-check.ts
node -r ./backend/tools/register.js --test --test-reporter=dot backend/tools/bench-docs.spec.ts backend/tools/readme-capacity.spec.ts
node -r ./backend/tools/register.js backend/tools/bench-docs.ts --check
node -r ./backend/tools/register.js backend/tools/readme-capacity.ts --check
