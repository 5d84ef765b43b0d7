#!/usr/bin/env bash
# Big catalog benchmark: how fast a watch on a service of 5,000 instances reacts to a change, with the packaged agent
# and its real heap (-Xmx32m, lib/jvm.options).
#   Starts a single Consul server on free loopback ports (not -dev, which indents its JSON: the answer here is compact,
#   as a production Consul writes it), registers INSTANCES passing instances of "big" (register.py), then
#   1. Consul alone: N times, a blocking query with curl on the current index, a change, and the time until curl has
#      the whole answer (what no client can beat);
#   2. the agent: started with a watch of "big" whose `changed` starts a job that appends `date +%s%N` to a file;
#      N times, a change (register or deregister one more instance) and the time until the job runs.
#   Prints the answer's size, both series (median, min, max in ms) and the agent's RSS and heap use at the end.
# Usage: bench/big-catalog/run.sh [N] [INSTANCES]   (defaults 10 and 5000). Uses $AUTOPILOT_DIST, else
# agent/target/autopilot, built first if missing or older than the sources.
# Run by hand; the figures go to docs/performance.md with the machine and the date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

rounds=${1:-10}
instances=${2:-5000}
find_jdk
ensure_dist
agent=$AUTOPILOT_DIST/bin/autopilot
consul=$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")

bench_work

http=$(loopback_port)
"$consul" agent -server -bootstrap-expect 1 -data-dir "$work/consul-data" -node bench -bind 127.0.0.1 \
  -client 127.0.0.1 -http-port "$http" -dns-port -1 -grpc-port -1 -serf-lan-port "$(loopback_port)" \
  -serf-wan-port "$(loopback_port)" -server-port "$(loopback_port)" >"$work/consul.log" 2>&1 &
pids+=($!)
api=http://127.0.0.1:$http
wait_until 60 consul_has_leader "$api" || { tail -n 20 "$work/consul.log" >&2; die "Consul did not start"; }
python3 "$(dirname "$0")/register.py" "$api" big "$instances"
query="$api/v1/health/service/big?passing=1"
size=$(curl -fsS -o /dev/null -w '%{size_download}' "$query")
echo "GET /v1/health/service/big: $instances instances, $size bytes of JSON"

# Round i changes the service: odd rounds register one more instance, even rounds deregister it.
change() {
  if (( $1 % 2 )); then
    curl -fsS -X PUT -d '{"Node":"big-node-0","Address":"10.1.0.1","Service":{"ID":"big-extra","Service":"big","Port":1}}' \
      "$api/v1/catalog/register" >/dev/null
  else
    curl -fsS -X PUT -d '{"Node":"big-node-0","ServiceID":"big-extra"}' "$api/v1/catalog/deregister" >/dev/null
  fi
}
index() { curl -fsS -o /dev/null -D - "$query" | tr -d '\r' | awk 'tolower($1) == "x-consul-index:" { print $2 }'; }

: >"$work/consul_ms"
for i in $(seq "$rounds"); do
  (curl -fsS -o /dev/null "$query&index=$(index)&wait=30s" && date +%s%N >"$work/answered") &
  curl_pid=$!
  sleep 0.5  # the blocking query is waiting in Consul
  start=$(date +%s%N)
  change "$i"
  wait "$curl_pid"
  echo $(( ($(cat "$work/answered") - start) / 1000 )) | awk '{ printf "%.1f\n", $1 / 1000 }' >>"$work/consul_ms"
done
echo "Consul alone, change -> whole answer received by curl:"
echo "  $(ms_summary <"$work/consul_ms")"

stamps=$work/stamps
telemetry=$(loopback_port)
cat >"$work/bench.json5" <<JSON
{
  consul: "127.0.0.1:$http",
  logging: { level: "WARN" },
  control: { socket: "$work/control.socket" },
  jobs: [{
    name: "on-change",
    exec: ["sh", "-c", "date +%s%N >> $stamps"],
    when: { source: "watch.big", each: "changed" },
  }],
  watches: [{ name: "big", interval: 5 }],
  telemetry: { port: $telemetry, interfaces: ["static:127.0.0.1"] },
}
JSON
"$agent" -config "$work/bench.json5" >"$work/agent.log" 2>&1 &
agent_pid=$!
pids+=("$agent_pid")

metric() { curl -s --max-time 2 "http://127.0.0.1:$telemetry/metrics" | awk -v name="$1" '$1 == name { print $2 }'; }
runs_ended() {
  local ended
  ended=$(metric 'containerpilot_events{code="ExitSuccess",source="on-change"}')
  [[ -n $ended ]] && awk -v ended="$ended" -v want="$1" 'BEGIN { exit !(ended >= want) }'
}
# The first result is a change too: the job runs once before the rounds.
wait_until 60 runs_ended 1 || bench_fail "the watch had no first result within 60 s"
: >"$work/agent_ms"
for i in $(seq "$rounds"); do
  start=$(date +%s%N)
  change "$i"
  wait_until 30 runs_ended $(( i + 1 )) || bench_fail "round $i: the job did not run"
  ran=$(tail -1 "$stamps")
  echo $(( (ran - start) / 1000 )) | awk '{ printf "%.1f\n", $1 / 1000 }' >>"$work/agent_ms"
done
echo "the agent, change -> the watch's job running:"
echo "  $(ms_summary <"$work/agent_ms")"
# The launcher execs the JVM, so the agent's pid is the JVM's.
rss=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$agent_pid/status")
heap=$("$JAVA_HOME/bin/jcmd" "$agent_pid" GC.heap_info 2>/dev/null \
  | awk '/total .*, used/ { sub(/K,?/, "", $5); used += $5 } END { print used }' || true)
echo "agent after the rounds: RSS $rss KiB, heap in use ${heap:-?} KiB (of -Xmx32m)"
if grep -q OutOfMemoryError "$work/agent.log"; then bench_fail "the agent ran out of memory"; fi
