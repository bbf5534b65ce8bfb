#!/bin/sh
# A picture of one window in a five-node cluster on 127.0.0.1 (four headless agents + the
# window), a value set through the window's HTTP API, under Xvfb. (docs/screenshot.png shows
# three windows joined by hand through the Join dialog; this script does not overwrite it.)
#   tests/e2e/screenshot.sh BUILD_DIR [OUTPUT.png]
set -eu
build=${1:?usage: screenshot.sh BUILD_DIR [OUTPUT.png]}
out=${2:-window-screenshot.png}
gui=$build/app/gui/grapevine
agent=$build/app/agent/grapevine-agent
work=$(mktemp -d)
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT INT TERM

base=$((20000 + $$ % 20000))
i=1
for name in alder birch cedar dogwood; do
    port=$((base + i))
    join=""
    [ "$i" -gt 1 ] && join="--join 127.0.0.1:$((base + 1))"
    "$agent" --name "$name" --bind "127.0.0.1:$port" --profile local --data-dir "$work/$name" $join \
        >"$work/$name.log" 2>&1 &
    pids="$pids $!"
    i=$((i + 1))
done
http=$((base + 50))
XDG_CONFIG_HOME=$work/config xvfb-run -a -s "-screen 0 1440x900x24" \
    "$gui" --name elm --bind "127.0.0.1:$((base + 10))" --profile local --data-dir "$work/elm" \
    --join "127.0.0.1:$((base + 1))" --http "127.0.0.1:$http" \
    --screenshot "$out" --screenshot-delay 7000 --quit-after-screenshot >"$work/elm.log" 2>&1 &
gui_pid=$!
pids="$pids $gui_pid"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$http/v1/value" >/dev/null && break; sleep 0.2; done
sleep 3
curl -sf -X PUT --data-binary 'ripe grapes on every vine' "http://127.0.0.1:$http/v1/value" >/dev/null
wait "$gui_pid"
echo "screenshot: $out"
