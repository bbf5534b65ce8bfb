#!/usr/bin/env bash
# soak.sh — a long run of many grapevine-agent processes on 127.0.0.1 with one agent stalled
# periodically (SIGSTOP for 2–5 s, then SIGCONT) while values are set every few seconds on
# random agents. At the end it prints, from every agent's JSON events and HTTP API: healthy
# nodes declared dead or left by anyone (false positives, must be 0), how many distinct values
# the agents hold (must be 1), and whether every member is alive everywhere.
# The default profile is lan, not local: 20 agents share 2 cores with whatever else runs, and
# local's 200 ms probe timeout would turn scheduling delays into suspicions (the stall is
# the fault under test, not the machine's load).
# usage: bench/reliability/soak.sh [--agent PATH] [--agents N=20] [--duration S=600]
#          [--stall-every S=20] [--set-every S=3] [--profile lan|local|wan] [--check]
# --check: exit 1 on a false positive, a divergence or a member not alive at the end
# (ctest's soak_short). Without it the script only prints (exit 1 if the cluster never forms).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
agent=$root/build-rel/app/agent/grapevine-agent
nodes=20 duration=600 stall_every=20 set_every=3 profile=lan check=0
while [ $# -gt 0 ]; do
  case $1 in
    --agent) agent=$2; shift ;;
    --agents) nodes=$2; shift ;;
    --duration) duration=$2; shift ;;
    --stall-every) stall_every=$2; shift ;;
    --set-every) set_every=$2; shift ;;
    --profile) profile=$2; shift ;;
    --check) check=1 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in curl jq; do
  command -v $tool >/dev/null || { echo "soak.sh: needs $tool (scripts/deps.sh)"; exit 2; }
done
[ -x "$agent" ] || { echo "soak.sh: no agent at $agent (--agent PATH)"; exit 2; }

work=$(mktemp -d /tmp/grapevine-soak.XXXXXX)
# Gossip ports base.., HTTP ports base+100..: all below Linux's ephemeral range (32768 and
# up), where the agents' own outgoing TCP connections take their ports (one once took a
# port this script had picked, and that agent could not start).
base=$((20000 + RANDOM % (32768 - 20000 - 100 - nodes)))
victim=1 # n1 is stalled; n0 is the seed everyone joins
pids=()
cleanup() { for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
now_ms() { date +%s%3N; }
api() { curl -s --max-time 3 "http://127.0.0.1:$((base + 100 + $1))$2"; }

for i in $(seq 0 $((nodes - 1))); do
  args=(--name "n$i" --bind "127.0.0.1:$((base + i))" --http "127.0.0.1:$((base + 100 + i))"
        --profile "$profile" --log-format json --data-dir "$work/d$i")
  [ "$i" -gt 0 ] && args+=(--join "127.0.0.1:$base")
  "$agent" "${args[@]}" >"$work/n$i.log" 2>"$work/n$i.err" &
  pids+=($!)
done

alive_count() { api "$1" /v1/members | jq '[.[] | select(.state == "alive")] | length' 2>/dev/null || echo 0; }
all_alive() {
  for i in $(seq 0 $((nodes - 1))); do [ "$(alive_count "$i")" = "$nodes" ] || return 1; done
}
formed=no
for _ in $(seq 1 120); do all_alive && { formed=yes; break; }; sleep 0.5; done
[ $formed = yes ] || { echo "cluster of $nodes did not form within 60 s; logs in $work"; exit 1; }

# The run: a set every set_every s on a random running agent, a stall every stall_every s.
start=$(now_ms); end=$((start + duration * 1000))
next_set=$start; next_stall=$((start + stall_every * 1000)); stall_until=0
sets=0 set_failures=0 stalls=0 stalled_ms=0
while [ "$(now_ms)" -lt "$end" ]; do
  t=$(now_ms)
  if [ "$stall_until" -gt 0 ] && [ "$t" -ge "$stall_until" ]; then
    kill -CONT "${pids[$victim]}"; stall_until=0
  elif [ "$stall_until" = 0 ] && [ "$t" -ge "$next_stall" ] && [ $((end - t)) -gt 5000 ]; then
    len=$((2000 + RANDOM % 3001))
    kill -STOP "${pids[$victim]}"; stall_until=$((t + len))
    stalls=$((stalls + 1)); stalled_ms=$((stalled_ms + len)); next_stall=$((t + stall_every * 1000))
  fi
  if [ "$t" -ge "$next_set" ]; then
    target=$((RANDOM % nodes))
    [ "$target" = "$victim" ] && [ "$stall_until" -gt 0 ] && target=0
    sets=$((sets + 1))
    api "$target" "/?set=soak-$sets-from-n$target" | grep -q "^SET last value" ||
      set_failures=$((set_failures + 1))
    next_set=$((t + set_every * 1000))
  fi
  sleep 0.2
done
[ "$stall_until" -gt 0 ] && kill -CONT "${pids[$victim]}"
last_set=$(now_ms)

# Convergence: every agent holds the same (value, lamport, origin), bounded by 60 s.
distinct=0
versions() { for i in $(seq 0 $((nodes - 1))); do api "$i" /v1/value | jq -c '[.value, .lamport, .origin]'; done | sort -u; }
for _ in $(seq 1 120); do
  distinct=$(versions | grep -c .)
  [ "$distinct" = 1 ] && break
  sleep 0.5
done
converge_ms=$(($(now_ms) - last_set))
# (viewer, member) pairs not alive; a stall that just ended gets 10 s to be refuted.
not_alive_pairs() {
  local n=0
  for i in $(seq 0 $((nodes - 1))); do n=$((n + nodes - $(alive_count "$i"))); done
  echo $n
}
not_alive=$(not_alive_pairs)
[ "$not_alive" = 0 ] || { sleep 10; not_alive=$(not_alive_pairs); }

# False positives: leave events (dead or left) about any node but the stalled one, any view.
false_dead=0 victim_dead=0 false_suspect=0 victim_suspect=0
for i in $(seq 0 $((nodes - 1))); do
  while read -r ev node; do
    [ "$node" = "n$i" ] && continue
    if [ "$node" = "n$victim" ]; then
      [ "$ev" = leave ] && victim_dead=$((victim_dead + 1)) || victim_suspect=$((victim_suspect + 1))
    else
      [ "$ev" = leave ] && false_dead=$((false_dead + 1)) || false_suspect=$((false_suspect + 1))
    fi
  done < <(jq -r 'select(.ev == "leave" or (.ev == "update" and .state == "suspect")) | "\(.ev) \(.node)"' \
           "$work/n$i.log" 2>/dev/null)
done

printf '%-48s %s\n' "agents / profile / duration" "$nodes / $profile / ${duration} s" \
  "stalls done (SIGSTOP 2-5 s of n$victim)" "$stalls (${stalled_ms} ms stopped in all)" \
  "values set / failed requests" "$sets / $set_failures" \
  "healthy nodes declared dead or left (any view)" "$false_dead" \
  "healthy nodes suspected (events, any view)" "$false_suspect" \
  "stalled node suspected / declared dead" "$victim_suspect / $victim_dead" \
  "distinct values at the end" "$distinct (after ${converge_ms} ms)" \
  "(viewer, member) pairs not alive at the end" "$not_alive" \
  "load average at the end" "$(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$false_dead" != 0 ] || [ "$distinct" != 1 ] || [ "$not_alive" != 0 ]; then
  echo "soak: FAILED (logs kept in $work)"
  [ $check = 1 ] && exit 1
  exit 0
fi
echo "soak: passed"
cleanup
trap - EXIT
rm -rf "$work"
