#!/usr/bin/env bash
# The layer rule of docs/architecture.md, checked over every tracked source file:
#   - a folder includes only the layers listed for it below (its own files always);
#   - the plain C++ layers include no Qt at all (no sockets, no clock, no event loop);
#   - QtNetwork (sockets, addresses) only in core/net, core/node, core/http and core/api, plus the
#     exceptions docs/architecture.md names (address parsing in the window, a test probe);
#   - the simulator's seam into the engine, core/protocol/engine_sim.h, only in core/sim.
# Every include target is a CMake library that exports the whole source root, so the build
# alone cannot refuse an upward include; this script does. Prints each violation as
# file:line and exits 1 when there is one. Run by CI's first step.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [core/wire]=""
  [core/protocol]="core/wire"
  [core/value]="core/protocol core/wire"
  [core/serf]="core/value core/protocol core/wire"
  [core/sim]="core/value core/protocol core/wire"
  [core/lab]="core/sim core/value core/protocol core/wire"
  [core/capture]="core/serf core/wire"
  [core/net]="core/wire"
  [core/node]="core/net core/serf core/value core/protocol core/wire"
  [core/http]=""
  [core/api]="core/http core/node core/net core/serf core/value core/protocol core/wire"
  # The window: core/node's types and facade; capture and lab windows drive core/capture
  # and core/lab; trace rows come from core/net's PacketTracer; keys and frames from
  # core/wire (docs/architecture.md, "Known exceptions").
  [ui]="ui core/node core/net core/capture core/lab core/wire"
  [app]="app ui core/api core/http core/node core/capture core/lab core/sim core/serf core/value core/protocol core/wire"
)
plain_cpp="core/wire core/protocol core/value core/serf core/sim core/lab core/capture"
network_ok="core/net core/node core/http core/api ui/dialogs/join_targets.cpp ui/dialogs/settings_dialog.cpp app/gui/widget_probe.cpp app/common/node_command_line.cpp"

violations=0
report() {
  echo "layer rule: $1" >&2
  violations=$((violations + 1))
}

layer_of() { # sets $layer to the folder a path belongs to, as named in `allowed` (no fork)
  local rest=${1#*/}
  case $1 in
  core/*) layer="core/${rest%%/*}" ;;
  *) layer=${1%%/*} ;;
  esac
}

while IFS=: read -r file line target; do
  [[ -z "$file" ]] && continue
  layer_of "$file"
  from=$layer
  [[ -v "allowed[$from]" ]] || continue
  layer_of "$target"
  to=$layer
  [[ "$to" == "$from" ]] && continue
  [[ " ${allowed[$from]} " == *" $to "* ]] ||
    report "$file:$line includes $target ($from may include: ${allowed[$from]:-nothing of ours})"
done < <(git grep -n -o -E '#include "(core|ui|app|bench|tests|fuzz)/[^"]+"' -- core ui app |
  sed -E 's/#include "([^"]+)"/\1/')

while IFS=: read -r file line _; do
  [[ -z "$file" ]] && continue
  layer_of "$file"
  report "$file:$line includes Qt in a plain C++ layer ($layer)"
done < <(git grep -n -E '#include <Q[A-Za-z]*(/[A-Za-z]+)?>' -- $plain_cpp || true)

network_headers='#include <(QUdpSocket|QTcpSocket|QTcpServer|QHostAddress|QHostInfo|QNetwork[A-Za-z]*|QLocalServer|QLocalSocket|QAbstractSocket|QtNetwork[^>]*)>'
while IFS=: read -r file line _; do
  [[ -z "$file" ]] && continue
  ok=0
  for allowed_path in $network_ok; do
    [[ "$file" == "$allowed_path" || "$file" == "$allowed_path"/* ]] && ok=1
  done
  [[ $ok -eq 1 ]] || report "$file:$line uses QtNetwork outside core/net, core/node, core/http and core/api"
done < <(git grep -n -E "$network_headers" -- core ui app || true)

# The simulator's seam into the engine (core/protocol/engine_sim.h): core/sim only.
while IFS=: read -r file line _; do
  [[ -z "$file" ]] && continue
  [[ "$file" == core/sim/* || "$file" == core/protocol/* ]] ||
    report "$file:$line includes core/protocol/engine_sim.h (only core/sim may)"
done < <(git grep -n -E '#include "(core/protocol/)?engine_sim\.h"' -- core ui app bench tests fuzz || true)

if [[ $violations -gt 0 ]]; then
  echo "layer rule: $violations violation(s); see docs/architecture.md" >&2
  exit 1
fi
echo "layer rule: ok (every include follows docs/architecture.md)"
