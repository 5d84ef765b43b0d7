#!/usr/bin/env bash
# Footprint benchmark: starts the packaged agent with typical.json5 several times and reports, as medians,
#   - the time from exec of the launcher to the first child's first instruction (the child writes a timestamp),
#   - RSS, PSS and private (anonymous + private file) memory of the agent after it has idled IDLE seconds,
#     from /proc/<pid>/smaps_rollup.
# Usage: bench/footprint/run.sh [RUNS] [IDLE_SECONDS] [CONFIG]   (defaults 5, 5 and typical.json5; minimal.json5 is
# the smallest container, templated.json5 the typical one with a file template). Uses $AUTOPILOT_DIST, else
# agent/target/autopilot, built first if missing or older than the sources.
# Run by hand; the figures go to docs/performance.md with the machine and the date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

runs=${1:-5}
idle=${2:-5}
config=${3:-$(dirname "$0")/typical.json5}
find_jdk
ensure_dist
agent=$AUTOPILOT_DIST/bin/autopilot

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kib() { awk -v k="$1" '$1 == k":" { print $2 }' "$2"; }

: > "$work/startup_ms"; : > "$work/rss"; : > "$work/pss"; : > "$work/private"; : > "$work/anon"
for i in $(seq "$runs"); do
  export BENCH_STARTED=$work/started.$i BENCH_SOCKET=$work/control.$i.socket
  start=$(date +%s%N)
  "$agent" -config "$config" >"$work/agent.$i.log" 2>&1 &
  pid=$!
  if ! wait_until 10 test -s "$BENCH_STARTED"; then
    echo "run $i: the job never started; the agent said:" >&2
    cat "$work/agent.$i.log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  echo $(( ($(cat "$BENCH_STARTED") - start) / 1000000 )) >> "$work/startup_ms"
  sleep "$idle"
  cp "/proc/$pid/smaps_rollup" "$work/smaps.$i"
  kib Rss "$work/smaps.$i" >> "$work/rss"
  kib Pss "$work/smaps.$i" >> "$work/pss"
  kib Anonymous "$work/smaps.$i" >> "$work/anon"
  echo $(( $(kib Private_Clean "$work/smaps.$i") + $(kib Private_Dirty "$work/smaps.$i") )) >> "$work/private"
  kill -TERM "$pid"
  wait "$pid" || true
done

printf 'config: %s, runs: %s, idle: %ss, machine: %s cores, %s, %s\n' "$(basename "$config")" "$runs" "$idle" "$(nproc)" \
  "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
printf '%-34s %s\n' "exec to first child (ms, median)" "$(median < "$work/startup_ms")"
for figure in rss pss private anon; do
  printf '%-34s %s\n' "$figure (MiB, median)" "$(median < "$work/$figure" | awk '{ printf "%.1f", $1 / 1024 }')"
done
