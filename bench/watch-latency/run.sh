#!/usr/bin/env bash
# Watch latency benchmark: the time from a change in Consul to the job it triggers running.
#   Starts a Consul dev agent on free loopback ports (the binary from scripts/install-consul.sh, or $CONSUL_BIN) and
#   the packaged agent with a watch of service "bench-target" whose `changed` starts a job that appends
#   `date +%s%N` to a file. Then N times: note the time, register (odd rounds) or deregister (even rounds) an
#   instance of bench-target through Consul's HTTP API, and wait for the job's next timestamp. Prints the median,
#   min and max of the differences in milliseconds.
# Usage: bench/watch-latency/run.sh [N]   (default 20). Builds the agent first if needed.
# Run by hand; the figures go to docs/performance.md with the machine and the date.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-20}
# shellcheck source=../../scripts/lib/common.sh
source "$root/scripts/lib/common.sh"
find_jdk
agent=$root/agent/target/autopilot/bin/autopilot
[ -x "$agent" ] || bash "$root/scripts/build.sh" >/dev/null
consul=${CONSUL_BIN:-$(bash "$root/scripts/install-consul.sh" | tail -1)}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }

http=$(free_port)
"$consul" agent -dev -node bench -bind 127.0.0.1 -client 127.0.0.1 -http-port "$http" -dns-port -1 -grpc-port -1 \
  -serf-lan-port "$(free_port)" -serf-wan-port "$(free_port)" -server-port "$(free_port)" >"$work/consul.log" 2>&1 &
pids+=($!)
api=http://127.0.0.1:$http
for _ in $(seq 100); do
  curl -fsS "$api/v1/status/leader" 2>/dev/null | grep -q ':' && break
  sleep 0.1
done

stamps=$work/stamps
cat >"$work/bench.json5" <<JSON
{
  consul: "127.0.0.1:$http",
  logging: { level: "WARN" },
  jobs: [{
    name: "on-change",
    exec: ["sh", "-c", "date +%s%N >> $stamps"],
    when: { source: "watch.bench-target", each: "changed" },
  }],
  watches: [{ name: "bench-target", interval: 5 }],
}
JSON
"$agent" -config "$work/bench.json5" >"$work/agent.log" 2>&1 &
pids+=($!)
sleep 2 # the agent subscribes, and the watch's first (empty) result is not a change

register='{"ID":"bench-1","Name":"bench-target","Address":"127.0.0.1","Port":9999}'
: >"$work/ms"
for i in $(seq "$rounds"); do
  before=$(lines "$stamps")
  start=$(date +%s%N)
  if (( i % 2 )); then
    curl -fsS -X PUT -d "$register" "$api/v1/agent/service/register" >/dev/null
  else
    curl -fsS -X PUT "$api/v1/agent/service/deregister/bench-1" >/dev/null
  fi
  for _ in $(seq 5000); do
    [ "$(lines "$stamps")" -gt "$before" ] && break
    sleep 0.001
  done
  if [ "$(lines "$stamps")" -le "$before" ]; then
    echo "round $i: the job never ran; the agent said:" >&2
    cat "$work/agent.log" >&2
    exit 1
  fi
  ran=$(tail -1 "$stamps")
  echo $(( (ran - start) / 1000 )) | awk '{ printf "%.1f\n", $1 / 1000 }' >>"$work/ms"
  sleep 0.2 # let the job's run end, so the next change is not skipped as an overlap
done

echo "watch change -> job running, $rounds rounds (register/deregister alternately):"
echo "  median $(median <"$work/ms") ms, min $(sort -n "$work/ms" | head -1) ms, max $(sort -n "$work/ms" | tail -1) ms"
