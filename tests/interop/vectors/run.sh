#!/bin/sh
# Builds the Go vector printer offline against Debian's packages, prints the vectors, and
# runs the C++ comparer on them. Fails when Go or go-msgpack is missing (exit 77, ctest
# "Skipped", only with GRAPEVINE_ALLOW_SKIP=1).
# usage: run.sh <vectors-source-dir> <work-dir> <tst_go_vectors-exe>
set -eu
src=$1 work=$2 exe=$3
gopath=/usr/share/gocode
if ! command -v go >/dev/null 2>&1 || [ ! -d "$gopath/src/github.com/hashicorp/go-msgpack/codec" ]; then
  exec sh "$src/../../support/missing_peer.sh" "go or golang-github-hashicorp-go-msgpack-dev (the Go vector printer)"
fi
mkdir -p "$work"
export GO111MODULE=off GOPATH="$gopath" GOCACHE="$work/gocache"
(cd "$src" && go build -o "$work/vectors" .)
"$work/vectors" > "$work/go_vectors.txt"
echo "generated $(grep -vc '^#' "$work/go_vectors.txt") vectors into $work/go_vectors.txt"
GRAPEVINE_GO_VECTORS="$work/go_vectors.txt" exec "$exe"
