#!/usr/bin/env bash
# Usage: scripts/demo.sh [--build-dir DIR] [--agents] [--lab [N]]
#
# Starts a three-node cluster on 127.0.0.1: three windows when a display is available,
# otherwise (or with --agents) three headless agents with their HTTP API from 127.0.0.1:8001.
# Each node takes the first free gossip port from 7946 up; the second joins the port the
# first really got, the third both. Ctrl-C stops everything: each node leaves gracefully.
#
#   --build-dir DIR  use the programs already built in DIR (no package install, no build)
#   --agents         headless agents even when a display is available
#   --lab [N]        instead, one lab window: a simulated cluster of N nodes (default 50)
#                    running the real engine, its clock already playing (needs a display)
#
# Without --build-dir it installs the dependencies and builds in build/. Under sudo only the
# package install runs as root: the build and the windows run as the user who called sudo,
# so build/ stays theirs and the windows open on their display.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=""
agents_only=0
lab_nodes=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --build-dir) build_dir=${2:?demo: --build-dir needs a folder}; shift 2 ;;
    --build-dir=*) build_dir=${1#*=}; shift ;;
    --agents) agents_only=1; shift ;;
    --lab)
      if [[ ${2:-} =~ ^[0-9]+$ ]]; then lab_nodes=$2; shift 2; else lab_nodes=50; shift; fi ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

as_user=()
if [[ $(id -u) -eq 0 && -n "${SUDO_USER:-}" && "${SUDO_USER}" != root ]]; then
  as_user=(sudo -u "$SUDO_USER" --preserve-env=DISPLAY,XAUTHORITY,WAYLAND_DISPLAY,XDG_RUNTIME_DIR,GRAPEVINE_JOBS,GRAPEVINE_SKIP_DEPS)
fi

if [[ -z "$build_dir" ]]; then
  bash scripts/deps.sh
  build_dir=build
  jobs=${GRAPEVINE_JOBS:-$(nproc)}
  "${as_user[@]}" cmake --preset dev >/dev/null
  have_target() { "${as_user[@]}" cmake --build "$build_dir" --target help | grep -q "^$1:"; }
  targets=()
  have_target grapevine-agent && targets+=(grapevine-agent)
  have_target grapevine && targets+=(grapevine)
  if [[ ${#targets[@]} -eq 0 ]]; then
    echo "demo: neither grapevine nor grapevine-agent exists in this checkout yet" >&2
    exit 1
  fi
  echo "== building ${targets[*]} in $build_dir"
  "${as_user[@]}" cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}"
elif [[ ! -d "$build_dir" ]]; then
  echo "demo: --build-dir $build_dir is not a folder" >&2
  exit 2
fi

find_bin() { find "$build_dir" -type f -name "$1" -perm -u+x 2>/dev/null | head -n 1; }
gui=$(find_bin grapevine)
agent=$(find_bin grapevine-agent)

if [[ -n "$lab_nodes" ]]; then
  [[ -n "$gui" ]] || { echo "demo: the grapevine window is not built in $build_dir" >&2; exit 1; }
  [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]] || { echo "demo: --lab needs a display" >&2; exit 1; }
  echo "demo: a lab window with $lab_nodes simulated nodes (File › Save scenario… records the run)"
  exec "${as_user[@]}" "$gui" --lab --nodes "$lab_nodes" --play
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/grapevine-demo.XXXXXX")
pids=()
stop() {
  trap - INT TERM
  echo "demo: stopping (each node leaves the cluster first)"
  # Exactly one SIGTERM each: a second one would make a node quit without finishing its leave.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
  rm -rf "$logs"
  exit 0
}
trap stop INT TERM

# start_node N PORT COMMAND… — starts node N, echoes its events with a [nodeN] prefix, and
# sets $address to the gossip address it really bound (from its "up" event). Returns 1 when
# the node exited before it was up (its port was taken, for an agent).
address=""
start_node() {
  local n=$1 port=$2 log="$logs/node$1.log"
  shift 2
  : >"$log"
  "$@" --log-format text >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 200); do
    address=$(sed -n 's/.* up .*addr=\([^ ]*\).*/\1/p' "$log" | head -n 1)
    if [[ -n "$address" ]]; then
      pids+=("$pid")
      tail -n +1 -f --pid="$pid" "$log" | sed -u "s/^/[node$n] /" &
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { wait "$pid" || true; sed "s/^/[node$n] /" "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "demo: node$n (port $port) did not come up in 20 s" >&2
  kill -TERM "$pid" 2>/dev/null || true
  return 1
}

joins=()
use_gui=0
if [[ $agents_only -eq 0 && -n "$gui" && ( -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ) ]]; then
  use_gui=1
fi
if [[ $use_gui -eq 0 && -z "$agent" ]]; then
  echo "demo: grapevine-agent is not built in $build_dir" >&2
  exit 1
fi

port=7946
http=8001
for n in 1 2 3; do
  for _attempt in $(seq 20); do
    if [[ $use_gui -eq 1 ]]; then
      # A window moves on to the next free port by itself.
      cmd=("${as_user[@]}" "$gui" --name "node$n" --bind "127.0.0.1:$port" --profile local)
    else
      cmd=("$agent" --name "node$n" --bind "127.0.0.1:$port" --profile local --http "127.0.0.1:$http")
    fi
    for j in "${joins[@]}"; do cmd+=(--join "$j"); done
    if start_node "$n" "$port" "${cmd[@]}"; then break; fi
    port=$((port + 1)) http=$((http + 1))
  done
  [[ -n "$address" ]] || { echo "demo: could not start node$n" >&2; stop; exit 1; }
  echo "demo: node$n is up on $address${joins[*]:+, joining ${joins[*]}}"
  joins+=("$address")
  port=$((${address##*:} + 1)) http=$((http + 1))
done

if [[ $use_gui -eq 1 ]]; then
  echo "demo: three windows started. Close them, or press Ctrl-C here."
else
  [[ $agents_only -eq 1 ]] || echo "demo: no display (or no grapevine window built): three headless agents instead."
  cat <<MSG
demo: try, in another terminal (HTTP ports as printed in the "http" lines above):
        curl '127.0.0.1:8001/?set=hello'          # set the value on node1
        curl 127.0.0.1:8003/                      # read it on node3
        curl 127.0.0.1:8002/v1/members            # membership as node2 sees it
      Ctrl-C stops the cluster.
MSG
fi
# Returns when every node has exited (windows closed), or through stop() on Ctrl-C.
for pid in "${pids[@]}"; do wait "$pid" || true; done
rm -rf "$logs"
