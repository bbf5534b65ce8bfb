#!/bin/sh
# Builds the libFuzzer targets in the `asan` preset's tree (clang, ASan + UBSan, every library
# compiled with -fsanitize=fuzzer-no-link: the same tree as the sanitizer test pass, so CI
# builds it once; see fuzz/CMakeLists.txt) and runs each for SECONDS (default 60; CI uses 60,
# a longer run is the same script with a bigger number), printing the executions per target.
# Crashes land in build-asan/fuzz-out/<target>/; the table is build-asan/fuzz-out.table.
# The checked-in seeds (fuzz/corpus/<target>/) are copied, never written to.
# usage: fuzz/run.sh [SECONDS] [TARGET...]   (default: every target)
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
all="fuzz_packet fuzz_stream fuzz_lzw fuzz_pushpull_merge fuzz_http fuzz_user_payload
  fuzz_state_file fuzz_engine_sequence fuzz_node_options fuzz_settings_load fuzz_http_api
  fuzz_capture"
targets=${*:-$all}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tree="$root/build-asan"
[ -f "$tree/build.ninja" ] || cmake --preset asan >/dev/null
# shellcheck disable=SC2086
cmake --build "$tree" --target $targets -j2
out="$tree/fuzz-out"
mkdir -p "$out"
# Targets run side by side, FUZZ_JOBS at a time (default: one per core): each still gets
# SECONDS of its own, and CI waits 6 minutes for twelve targets instead of 12 on 2 cores.
jobs=${FUZZ_JOBS:-$(nproc)}

run_target() { # target -> writes $out/<target>/row
  target=$1
  binary="$tree/fuzz/$target"
  seeds="$root/fuzz/corpus/$target"
  work="$out/$target"
  rm -rf "$work"
  mkdir -p "$work/corpus"
  cp "$seeds/"* "$work/corpus/"
  log="$work/log.txt"
  result=ok
  if ! (cd "$work" && "$binary" corpus -max_total_time="$seconds" -print_final_stats=1 \
        -max_len=8192 -rss_limit_mb=2048 -timeout=20 -artifact_prefix="$work/" >"$log" 2>&1); then
    result="FINDING (see $log)"
  fi
  execs=$(grep 'stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
  printf '%-20s %10s %12s %8s  %s\n' "$target" "$seconds" "${execs:-?}" \
    "$(( ${execs:-0} / (seconds > 0 ? seconds : 1) ))" "$result" > "$work/row"
}

running=0
for target in $targets; do
  run_target "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait
    running=0
  fi
done
wait

status=0
printf '%-20s %10s %12s %8s  %s\n' target seconds executions exec/s result > "$out.table"
for target in $targets; do
  cat "$out/$target/row" >> "$out.table"
  grep -q ' ok$' "$out/$target/row" || status=1
done
cat "$out.table"
exit $status
