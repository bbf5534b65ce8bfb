#!/usr/bin/env bash
# Installs the dependencies, builds Grapevine, and starts a three-node cluster on
# 127.0.0.1 (gossip ports 7946..7948, each joining the others): three windows when a
# display is available, otherwise three headless agents with their HTTP API on
# 127.0.0.1:8001..8003. Ctrl-C stops everything (each node leaves gracefully).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
jobs=${GRAPEVINE_JOBS:-$(nproc)}
cmake --preset dev >/dev/null

have_target() { cmake --build --preset dev --target help | grep -q "^$1:"; }
find_bin() { find build -type f -name "$1" -perm -u+x 2>/dev/null | head -n 1; }

targets=()
have_target grapevine-agent && targets+=(grapevine-agent)
have_target grapevine && targets+=(grapevine)
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "demo: neither grapevine nor grapevine-agent exists in this checkout yet" >&2
  exit 1
fi
echo "== building ${targets[*]}"
cmake --build --preset dev -j "$jobs" --target "${targets[@]}"

gui=$(find_bin grapevine)
agent=$(find_bin grapevine-agent)
pids=()
stop() {
  echo "demo: stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop INT TERM

ports=(7946 7947 7948)
joins_for() { for p in "${ports[@]}"; do [[ $p != "$1" ]] && printf -- "--join 127.0.0.1:%s " "$p"; done; }

if [[ -n "$gui" && ( -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ) ]]; then
  # Under sudo, the windows run as the desktop user: root is often refused by the display.
  as_user=()
  if [[ $(id -u) -eq 0 && -n "${SUDO_USER:-}" && "${SUDO_USER}" != root ]]; then
    as_user=(sudo -u "$SUDO_USER" --preserve-env=DISPLAY,XAUTHORITY,WAYLAND_DISPLAY)
  fi
  for i in 0 1 2; do
    port=${ports[$i]}
    # shellcheck disable=SC2046
    "${as_user[@]}" "$gui" --name "node$((i + 1))" --bind "127.0.0.1:$port" --profile local $(joins_for "$port") &
    pids+=($!)
  done
  echo "demo: three windows started (node1..node3 on 127.0.0.1:7946..7948). Close them or press Ctrl-C."
else
  if [[ -z "$gui" ]]; then
    echo "demo: the desktop window (grapevine) is not built in this checkout; starting three headless agents."
  else
    echo "demo: no \$DISPLAY (no desktop session); starting three headless agents instead of windows."
    echo "      On a desktop, run this script from a terminal inside the session to get the windows."
  fi
  [[ -n "$agent" ]] || { echo "demo: grapevine-agent was not built" >&2; exit 1; }
  for i in 0 1 2; do
    port=${ports[$i]}
    # shellcheck disable=SC2046
    "$agent" --name "node$((i + 1))" --bind "127.0.0.1:$port" --profile local \
      --http "127.0.0.1:800$((i + 1))" $(joins_for "$port") &
    pids+=($!)
  done
  cat <<MSG
demo: agents node1..node3 run on 127.0.0.1:7946..7948. Try, in another terminal:
        curl '127.0.0.1:8001/?set=hello'          # set the value on node1
        curl 127.0.0.1:8003/                      # read it on node3
        curl 127.0.0.1:8002/v1/members            # membership as node2 sees it
      Ctrl-C stops the cluster.
MSG
fi
wait
