#!/bin/sh
# The ThreadSanitizer pass's verdict over every process it ran, not only the test programs:
# the e2e tests start the window and agents as child processes whose output they capture and
# whose exit code a kill hides, so a report there would go unseen. The tsan preset sets
# TSAN_OPTIONS log_path into DIR: each process writes its reports to DIR/report.<pid>.
#   tsan_reports.sh clear DIR   — before the first test (ctest fixture setup)
#   tsan_reports.sh check DIR   — after the last one: fails, printing them, if any exist
set -eu
mode=$1
dir=$2
case $mode in
clear)
  rm -rf "$dir"
  mkdir -p "$dir"
  ;;
check)
  found=$(find "$dir" -type f -name 'report.*' | sort)
  if [ -n "$found" ]; then
    for f in $found; do
      echo "=== $f"
      cat "$f"
    done
    echo "ThreadSanitizer: $(echo "$found" | wc -l) process(es) reported (above)" >&2
    exit 1
  fi
  echo "ThreadSanitizer: no report from any process"
  ;;
*)
  echo "usage: $0 clear|check DIR" >&2
  exit 2
  ;;
esac
