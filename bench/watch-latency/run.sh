#!/usr/bin/env bash
# Watch latency benchmark: the time from a change in Consul to the job it triggers running.
#   Starts a Consul dev agent on free loopback ports (the binary from scripts/install-consul.sh, or $CONSUL_BIN) and
#   the packaged agent with a watch of service "bench-target" whose `changed` starts a job that appends
#   `date +%s%N` to a file. Then N times: note the time, register (odd rounds) or deregister (even rounds) an
#   instance of bench-target through Consul's HTTP API, and wait for the job's run to end. Prints the median,
#   min and max of the differences between the noted time and the job's timestamp, in milliseconds.
# Usage: bench/watch-latency/run.sh [N]   (default 20). Uses $AUTOPILOT_DIST, else agent/target/autopilot, built
# first if missing or older than the sources.
# Run by hand; the figures go to docs/performance.md with the machine and the date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

rounds=${1:-20}
find_jdk
ensure_dist
agent=$AUTOPILOT_DIST/bin/autopilot
consul=$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")

bench_work

http=$(loopback_port)
"$consul" agent -dev -node bench -bind 127.0.0.1 -client 127.0.0.1 -http-port "$http" -dns-port -1 -grpc-port -1 \
  -serf-lan-port "$(loopback_port)" -serf-wan-port "$(loopback_port)" -server-port "$(loopback_port)" >"$work/consul.log" 2>&1 &
pids+=($!)
api=http://127.0.0.1:$http
wait_until 30 consul_has_leader "$api" || { tail -n 20 "$work/consul.log" >&2; die "Consul did not start"; }

# Telemetry is how the script sees the agent: the watch's first result, and each run of the job ending.
stamps=$work/stamps
telemetry=$(loopback_port)
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
  telemetry: { port: $telemetry, interfaces: ["static:127.0.0.1"] },
}
JSON
"$agent" -config "$work/bench.json5" >"$work/agent.log" 2>&1 &
pids+=($!)

metric() { curl -s --max-time 1 "http://127.0.0.1:$telemetry/metrics" | awk -v name="$1" '$1 == name { print $2 }'; }
# The watch has had its first result, which is no change: a registration from now on is one.
watching() { [[ -n $(metric 'containerpilot_watch_instances{service="bench-target"}') ]]; }
# The job has ended $1 runs: it is no longer running, so the next change is not skipped as an overlap.
runs_ended() {
  local ended
  ended=$(metric 'containerpilot_events{code="ExitSuccess",source="on-change"}')
  [[ -n $ended ]] && awk -v ended="$ended" -v want="$1" 'BEGIN { exit !(ended >= want) }'
}
wait_until 30 watching || bench_fail "the watch had no first result within 30 s"

register='{"ID":"bench-1","Name":"bench-target","Address":"127.0.0.1","Port":9999}'
: >"$work/ms"
for i in $(seq "$rounds"); do
  start=$(date +%s%N)
  if (( i % 2 )); then
    curl -fsS -X PUT -d "$register" "$api/v1/agent/service/register" >/dev/null
  else
    curl -fsS -X PUT "$api/v1/agent/service/deregister/bench-1" >/dev/null
  fi
  wait_until 5 runs_ended "$i" || bench_fail "round $i: the job did not run"
  ran=$(tail -1 "$stamps")
  echo $(( (ran - start) / 1000 )) | awk '{ printf "%.1f\n", $1 / 1000 }' >>"$work/ms"
done

echo "watch change -> job running, $rounds rounds (register/deregister alternately):"
echo "  $(ms_summary <"$work/ms")"
