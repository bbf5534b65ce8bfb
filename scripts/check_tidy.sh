#!/usr/bin/env bash
# clang-tidy with the repo's curated checks (.clang-tidy: what is on and off, with reasons)
# over the dev build's compile database (build/compile_commands.json; `cmake --preset dev`
# exports it). Prints every diagnostic once (a header's shows up in each file including it),
# their count, and exits 1 when there is any. Usage: scripts/check_tidy.sh [build-dir]
#
# Scope: GRAPEVINE_TIDY_SCOPE, a regular expression over paths from the repository's root;
# by default the whole tree, core/, app/ and ui/ (202 files, about 6 CPU-seconds each on the
# 2-core build machine: about 10 minutes at -j2), their .cpp files and their own headers.
# CI narrows it to core/{wire,protocol} for time (.ci/run says why). By hand, e.g.:
#   GRAPEVINE_TIDY_SCOPE='core/(net|node)/' scripts/check_tidy.sh
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
scope=${GRAPEVINE_TIDY_SCOPE:-'(core|app|ui)/'}
jobs=${GRAPEVINE_JOBS:-$(nproc)}
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "check_tidy: $build/compile_commands.json is missing: run 'cmake --preset dev' first" >&2
  exit 2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
root="$PWD/"
run-clang-tidy -p "$build" -j "$jobs" -quiet -extra-arg=-Wno-unknown-warning-option -header-filter="^$root($scope)" "^$root($scope)" \
  >"$log" 2>&1 || status=$?

# One line per distinct diagnostic, colour codes stripped, paths relative to the repo.
diagnostics=$(sed 's/\x1b\[[0-9;]*m//g' "$log" |
  grep -E '^/[^ ]+:[0-9]+:[0-9]+: (warning|error): ' | sed "s|^$root||" | sort -u || true)
count=0
[[ -n "$diagnostics" ]] && count=$(wc -l <<<"$diagnostics")
files=$(grep -cE '^[^ ]*clang-tidy[^ ]* ' "$log" || true)
if [[ $count -gt 0 ]]; then
  echo "$diagnostics"
  echo "check_tidy: $count diagnostic(s) in $files file(s) of ${scope}" >&2
  exit 1
fi
if [[ $status -ne 0 || $files -eq 0 ]]; then
  tail -n 40 "$log" >&2
  echo "check_tidy: run-clang-tidy failed (exit $status, $files file(s) checked)" >&2
  exit 1
fi
echo "check_tidy: 0 diagnostics in $files file(s) of ${scope}"
