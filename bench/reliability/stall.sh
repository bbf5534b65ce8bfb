#!/usr/bin/env bash
# stall.sh — Lifeguard under a stalled process: 5 agents (--profile local) on 127.0.0.1; one
# is frozen with SIGSTOP for STALL_S seconds then resumed with SIGCONT, ROUNDS times. Prints,
# from every agent's JSON events, how often a HEALTHY node was suspected or declared dead (the
# false positives Lifeguard should prevent), and what happened to the stalled one.
# usage: bench/reliability/stall.sh [AGENT_BINARY] [ROUNDS=5] [STALL_S=3] [NODES=5]
# Prints, never fails on figures; exits 1 only if the cluster could not form.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
agent=${1:-$root/build-rel/app/agent/grapevine-agent}
rounds=${2:-5}
stall=${3:-3}
nodes=${4:-5}
victim=n$((nodes / 2))
work=$(mktemp -d /tmp/grapevine-stall.XXXXXX)
# Gossip ports base.., HTTP ports base+100..: all below Linux's ephemeral range (32768 and
# up), where the agents' own outgoing TCP connections take their ports (one once took a
# port this script had picked, and that agent could not start).
base=$((20000 + RANDOM % (32768 - 20000 - 100 - nodes)))
pids=()
cleanup() { for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

for i in $(seq 0 $((nodes - 1))); do
  args=(--name "n$i" --bind "127.0.0.1:$((base + i))" --http "127.0.0.1:$((base + 100 + i))"
        --profile local --log-format json)
  [ "$i" -gt 0 ] && args+=(--join "127.0.0.1:$base")
  "$agent" "${args[@]}" >"$work/n$i.log" 2>"$work/n$i.err" &
  pids+=($!)
done

alive_count() { curl -s --max-time 2 "http://127.0.0.1:$((base + 100 + $1))/v1/members" |
                jq '[.[] | select(.state == "alive")] | length' 2>/dev/null || echo 0; }
formed=no
for _ in $(seq 1 60); do
  ok=1
  for i in $(seq 0 $((nodes - 1))); do [ "$(alive_count "$i")" = "$nodes" ] || ok=0; done
  [ $ok = 1 ] && { formed=yes; break; }
  sleep 0.5
done
[ $formed = yes ] || { echo "cluster of $nodes did not form; logs in $work"; exit 1; }
sleep 2
start_ms=$(date +%s%3N)
vpid=${pids[$((nodes / 2))]}
for r in $(seq 1 "$rounds"); do
  kill -STOP "$vpid"; sleep "$stall"; kill -CONT "$vpid"
  sleep 5 # let the stalled node refute and the cluster settle before the next freeze
done
sleep 5

printf '%-6s %-10s %10s %10s %10s\n' view about suspect dead/left state_end
false_dead=0; false_suspect=0; victim_dead=0
for i in $(seq 0 $((nodes - 1))); do
  log="$work/n$i.log"
  for j in $(seq 0 $((nodes - 1))); do
    [ "$i" = "$j" ] && continue
    s=$(jq -c "select(.ev == \"update\" and .node == \"n$j\" and .state == \"suspect\")" "$log" 2>/dev/null | wc -l)
    d=$(jq -c "select(.ev == \"leave\" and .node == \"n$j\")" "$log" 2>/dev/null | wc -l)
    state=$(curl -s --max-time 2 "http://127.0.0.1:$((base + 100 + i))/v1/members" |
            jq -r ".[] | select(.name == \"n$j\") | .state" 2>/dev/null)
    if [ "n$j" != "$victim" ]; then # a healthy node, seen by anyone (the stalled one too)
      false_dead=$((false_dead + d)); false_suspect=$((false_suspect + s))
    else
      victim_dead=$((victim_dead + d))
    fi
    printf '%-6s %-10s %10s %10s %10s\n' "n$i" "n$j" "$s" "$d" "${state:-?}"
  done
done
echo "stalled node: $victim, $rounds rounds of SIGSTOP ${stall}s, nodes $nodes, profile local"
echo "healthy nodes suspected (events, any view): $false_suspect"
echo "healthy nodes declared dead (leave events, any view): $false_dead"
echo "stalled node declared dead (leave events, any view): $victim_dead"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "logs: $work (started at ${start_ms} ms)"
