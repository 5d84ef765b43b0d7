#!/usr/bin/env bash
# Control-plane round trip: starts the packaged agent with a one-job config, then reports median, min and max of
#   - RUNS whole-process runs of `autopilot -ping` (exec of the launcher to its exit: what a health check pays),
#   - RUNS in-process requests (GET /v3/ping through ControlClient, after a warm-up: the server's part).
# Usage: bench/control-roundtrip/run.sh [RUNS]   (default 20). Uses $AUTOPILOT_DIST, else agent/target/autopilot,
# built first if missing or older than the sources.
# Run by hand; the figures go to docs/performance.md with the machine and the date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

runs=${1:-20}
find_jdk
ensure_dist
agent=$AUTOPILOT_DIST/bin/autopilot

work=$(mktemp -d)
socket=$work/control.socket
cat > "$work/agent.json5" <<JSON
{ control: { socket: "$socket" }, jobs: [ { name: "app", exec: ["sleep", "600"] } ] }
JSON
"$agent" -config "$work/agent.json5" >"$work/agent.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
wait_until 10 test -S "$socket" || { echo "the agent never served its socket:" >&2; cat "$work/agent.log" >&2; exit 1; }

for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$agent" -config "$work/agent.json5" -ping >/dev/null
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print (e - s) / 1e6 }'
done | ms_summary | sed 's/^/autopilot -ping (whole process): /'

"$JAVA_HOME/bin/java" -cp "$AUTOPILOT_DIST/lib/*" "$AUTOPILOT_ROOT/bench/control-roundtrip/RoundTrip.java" \
  "$socket" "$runs" | ms_summary | sed 's/^/GET \/v3\/ping in process: /'
