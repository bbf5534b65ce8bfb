#!/bin/sh
# Builds the libFuzzer targets with the `fuzz` preset and runs each for SECONDS (default 60),
# printing the executions per target. Crashes land in build-fuzz/fuzz-out/<target>/.
# The checked-in seeds (fuzz/corpus/<target>/) are copied, never written to.
# usage: fuzz/run.sh [SECONDS]
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_packet fuzz_stream fuzz_lzw -j2
out="$root/build-fuzz/fuzz-out"
status=0
printf '%-12s %10s %12s %8s  %s\n' target seconds executions exec/s result > "$out.table" 2>/dev/null || {
  mkdir -p "$out"; printf '%-12s %10s %12s %8s  %s\n' target seconds executions exec/s result > "$out.table"; }
for target in fuzz_packet fuzz_stream fuzz_lzw; do
  work="$out/$target"
  rm -rf "$work"
  mkdir -p "$work/corpus"
  cp "$root/fuzz/corpus/$target/"* "$work/corpus/"
  log="$work/log.txt"
  result=ok
  if ! (cd "$work" && "$root/build-fuzz/fuzz/$target" corpus -max_total_time="$seconds" -print_final_stats=1 \
        -max_len=8192 -rss_limit_mb=2048 -timeout=20 -artifact_prefix="$work/" >"$log" 2>&1); then
    result="FINDING (see $log)"
    status=1
  fi
  execs=$(grep 'stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
  printf '%-12s %10s %12s %8s  %s\n' "$target" "$seconds" "${execs:-?}" \
    "$(( ${execs:-0} / (seconds > 0 ? seconds : 1) ))" "$result" >> "$out.table"
done
cat "$out.table"
exit $status
