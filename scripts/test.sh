#!/usr/bin/env bash
# Installs the dependencies, configures and builds the `dev` preset (build/), and runs
# every test with ctest. Usage: bash scripts/test.sh [extra ctest arguments, e.g. -L unit]
# Environment: GRAPEVINE_SKIP_DEPS=1 skips apt; GRAPEVINE_JOBS (default: nproc) sets the
# build and test parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
jobs=${GRAPEVINE_JOBS:-$(nproc)}

echo "== configure (preset dev)"
cmake --preset dev
echo "== build"
cmake --build --preset dev -j "$jobs"
echo "== test"
status=0
ctest --preset dev -j "$jobs" --output-on-failure "$@" || status=$?
echo
if [[ $status -eq 0 ]]; then
  echo "== ALL TESTS PASSED (build/, skipped tests are listed above as 'Not Run' / 'Skipped')"
else
  echo "== TESTS FAILED (exit $status): see the output above; rerun one with: ctest --test-dir build -R <name> -V"
fi
exit $status
