#!/usr/bin/env bash
# Control-plane round trip: starts the packaged agent with a one-job config, then reports median, min and max of
#   - RUNS whole-process runs of `autopilot -ping` (exec of the launcher to its exit: what a health check pays),
#   - RUNS in-process requests (GET /v3/ping through ControlClient, after a warm-up: the server's part).
# Usage: bench/control-roundtrip/run.sh [RUNS]   (default 20). Builds the agent first if needed.
# Run by hand; the figures go to docs/performance.md with the machine and the date.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-20}
# shellcheck source=../../scripts/lib/common.sh
source "$root/scripts/lib/common.sh"
find_jdk
dist=$root/agent/target/autopilot
agent=$dist/bin/autopilot
[ -x "$agent" ] || bash "$root/scripts/build.sh" >/dev/null

work=$(mktemp -d)
socket=$work/control.socket
cat > "$work/agent.json5" <<JSON
{ control: { socket: "$socket" }, jobs: [ { name: "app", exec: ["sleep", "600"] } ] }
JSON
"$agent" -config "$work/agent.json5" >"$work/agent.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 200); do
  [ -S "$socket" ] && break
  sleep 0.05
done
[ -S "$socket" ] || { echo "the agent never served its socket:" >&2; cat "$work/agent.log" >&2; exit 1; }

stats() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
  printf "median %.1f ms, min %.1f ms, max %.1f ms (%d runs)\n", m, v[1], v[NR], NR }'; }

for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$agent" -config "$work/agent.json5" -ping >/dev/null
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print (e - s) / 1e6 }'
done | stats | sed 's/^/autopilot -ping (whole process): /'

"$JAVA_HOME/bin/java" -cp "$dist/lib/*" "$root/bench/control-roundtrip/RoundTrip.java" "$socket" "$runs" | stats \
  | sed 's/^/GET \/v3\/ping in process: /'
