#!/bin/sh
# A bare QSKIP exits 0, so ctest would report the skipped case as "Passed". Every skip in the
# tests goes through GRAPEVINE_REQUIRE_PEER (peer_required.h), which fails unless
# GRAPEVINE_ALLOW_SKIP=1 and then makes the program exit 77 ("Skipped").
# usage: check_no_bare_qskip.sh TESTS_DIR
found=$(grep -rn --include='*.cpp' --include='*.h' 'QSKIP *(' "$1" | grep -v '/support/peer_required.h:')
if [ -n "$found" ]; then
  echo "bare QSKIP (use GRAPEVINE_REQUIRE_PEER from tests/support/peer_required.h):"
  echo "$found"
  exit 1
fi
echo "no bare QSKIP under $1"
