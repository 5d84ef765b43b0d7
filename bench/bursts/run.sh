#!/usr/bin/env bash
# Bursts benchmark: what the agent's occasional work costs, to weigh JVM flags that save memory at idle (-Xint, a
# capped JIT) against how promptly a burst still finishes. Starts a Consul dev agent and the packaged agent with
# bench/footprint/templated.json5 (a registered job with a check, a watch, telemetry, a file template), lets it settle,
# then times ROUNDS of each burst:
#   scrape    GET /metrics on the telemetry port (curl's wall time)
#   reload    `autopilot -reload` (the whole client command's wall time; the agent answers once the reload is over)
#   render    a change to the watched service in Consul until the template's file holds it (the watch's answer, the
#             render and the file's write)
# For each: the median wall time and the agent's CPU (user + system, from /proc) from the start of the burst until 1 s
# after its end, so that what the JIT compiles because of it is counted too. Then the agent's memory.
# Usage: bench/bursts/run.sh [ROUNDS]   (default 10). JVM flags to try go in JDK_JAVA_OPTIONS (the JVM reads them as
# if they were in lib/jvm.options), e.g. JDK_JAVA_OPTIONS=-Xint bench/bursts/run.sh. The 5,000-instance catalog
# answer is bench/big-catalog/run.sh, which takes JDK_JAVA_OPTIONS the same way.
# Run by hand; the figures go to docs/performance.md with the machine and the date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

rounds=${1:-10}
find_jdk
ensure_dist
agent=$AUTOPILOT_DIST/bin/autopilot
consul=$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")
config=$AUTOPILOT_ROOT/bench/footprint/templated.json5
ticks=$(getconf CLK_TCK)

bench_work
http=$(loopback_port)
"$consul" agent -dev -bind 127.0.0.1 -client 127.0.0.1 -http-port "$http" -dns-port -1 -grpc-port -1 \
  -serf-lan-port "$(loopback_port)" -serf-wan-port "$(loopback_port)" -server-port "$(loopback_port)" \
  >"$work/consul.log" 2>&1 &
pids+=($!)
api=http://127.0.0.1:$http
wait_until 60 consul_has_leader "$api" || { tail -n 20 "$work/consul.log" >&2; die "Consul did not start"; }

telemetry=$(loopback_port)
export CONSUL_ADDR=127.0.0.1:$http BENCH_STARTED=$work/started BENCH_SOCKET=$work/control.socket
export BENCH_TELEMETRY_PORT=$telemetry
"$agent" -config "$config" >"$work/agent.log" 2>&1 &
pid=$!
pids+=("$pid")
wait_until 20 test -s "$BENCH_STARTED" || bench_fail "the job never started"
sleep 10 # the agent settles: registrations, first checks, the JIT's start-up compilations

cpu_ms() { awk -v t="$ticks" '{ print ($14 + $15) * 1000 / t }' "/proc/$pid/stat"; }
now_ns() { date +%s%N; }

# burst NAME COMMAND...: ROUNDS runs; COMMAND prints the burst's wall time in ms.
burst() {
  local name=$1 before wall
  shift
  : >"$work/$name.wall"
  : >"$work/$name.cpu"
  for _ in $(seq "$rounds"); do
    before=$(cpu_ms)
    wall=$("$@")
    sleep 1
    echo "$wall" >>"$work/$name.wall"
    echo "$(cpu_ms) - $before" | bc >>"$work/$name.cpu"
  done
  printf '%-8s wall median %7.1f ms   agent CPU median %6.0f ms\n' "$name" "$(median <"$work/$name.wall")" \
    "$(median <"$work/$name.cpu")"
}

scrape() {
  local start
  start=$(now_ns)
  curl -fsS -o /dev/null "http://127.0.0.1:$telemetry/metrics"
  echo "($(now_ns) - $start) / 1000000" | bc -l
}

reload() {
  local start
  start=$(now_ns)
  "$agent" -config "$config" -reload >/dev/null
  echo "($(now_ns) - $start) / 1000000" | bc -l
}

instance=0
render() {
  local start file=$BENCH_STARTED.upstreams
  instance=$((instance + 1))
  start=$(now_ns)
  curl -fsS -X PUT -d "{\"ID\":\"db-$instance\",\"Name\":\"db\",\"Address\":\"10.0.0.$instance\",\"Port\":5432}" \
    "$api/v1/agent/service/register" >/dev/null
  until grep -qs "10.0.0.$instance:5432" "$file"; do
    (( $(now_ns) - start < 10000000000 )) || bench_fail "the template never rendered db-$instance"
    sleep 0.01
  done
  echo "($(now_ns) - $start) / 1000000" | bc -l
}

printf 'rounds: %s, JDK_JAVA_OPTIONS: %s, machine: %s cores, %s, load average %s\n' "$rounds" \
  "${JDK_JAVA_OPTIONS:-(none)}" "$(nproc)" "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
burst scrape scrape
burst reload reload
burst render render
kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/smaps_rollup"; }
printf 'after the bursts: RSS %.1f MiB, anonymous %.1f MiB, threads %s\n' "$(echo "$(kib Rss) / 1024" | bc -l)" \
  "$(echo "$(kib Anonymous) / 1024" | bc -l)" "$(find "/proc/$pid/task" -mindepth 1 -maxdepth 1 | wc -l)"
