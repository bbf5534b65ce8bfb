#!/bin/sh
# The shell side of peer_required.h: a test whose real peer (a program, a validator, a
# display) is missing runs this instead. It FAILS naming the peer; with
# GRAPEVINE_ALLOW_SKIP=1 it exits 77, which ctest (SKIP_RETURN_CODE 77) reports "Skipped".
# usage: missing_peer.sh "WHAT IS MISSING"
if [ "${GRAPEVINE_ALLOW_SKIP:-0}" = 1 ]; then
  echo "MISSING PEER, skipped (GRAPEVINE_ALLOW_SKIP=1): $1" >&2
  exit 77
fi
echo "MISSING PEER: $1 (install it with scripts/deps.sh, or set GRAPEVINE_ALLOW_SKIP=1 to skip)" >&2
exit 1
