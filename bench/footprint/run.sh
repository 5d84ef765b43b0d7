#!/usr/bin/env bash
# Footprint benchmark, in three modes.
#
# bench/footprint/run.sh [RUNS] [IDLE_SECONDS] [CONFIG]            (defaults 5, 5 and typical.json5)
#   Starts the packaged agent RUNS times, one at a time, and reports as medians
#   - the time from exec of the launcher to the first child's first instruction (the child writes a timestamp),
#   - RSS, PSS and private (anonymous + private file) memory of the agent after it has idled IDLE seconds,
#     from /proc/<pid>/smaps_rollup.
#   minimal.json5 is the smallest container, templated.json5 the typical one with a file template.
#
# bench/footprint/run.sh fleet [N] [IDLE_SECONDS] [CONFIG]         (defaults 10, 12 and typical.json5; as root)
#   Starts a Consul dev agent on free loopback ports, then N agents at once, each PID 1 of its own pid, mount and UTS
#   namespaces (unshare) with host name fleet-I (so its service IDs are app-fleet-I and containerpilot-fleet-I), its
#   own control socket and telemetry port. Once every job has started and every agent's service app is in Consul's
#   catalog, it idles IDLE seconds, then reads per agent the PSS, anonymous and RSS memory of the agent's own
#   processes (the JVM and the reaper's anchor, `sh -c read autopilot_reaper_anchor`; not the job's) and the JVM's
#   threads, then the JVM's CPU time (user + system) over the next 10 s. Prints each agent, the medians and the
#   sums over the fleet. CONFIG must register a job named app with Consul at CONSUL_ADDR (typical.json5 and
#   templated.json5 do).
#
# bench/footprint/run.sh client [RUNS]                             (default 30)
#   Starts one agent with its control socket and a user metric, then times whole client processes with
#   `hyperfine -N -w 3 -r RUNS`: -ping, -putmetric, -putenv, -status, and `curl --unix-socket` on /v3/ping as the
#   reference. Prints median, min and max wall time and the mean CPU time (user + system) of each.
#
# Every mode uses $AUTOPILOT_DIST, else agent/target/autopilot, built first if missing or older than the sources.
# Run by hand; the figures go to docs/performance.md with the machine and the date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

here=$(dirname "${BASH_SOURCE[0]}")
cpu_window=10   # seconds over which the fleet's idle CPU time is taken

kib() { awk -v k="$1" '$1 == k":" { print $2 }' "$2"; }
mib() { awk '{ printf "%.1f", $1 / 1024 }'; }

# The Java the launcher runs: the distribution's bundled runtime if it has one.
java_version() {
  local java=$JAVA_HOME/bin/java
  [[ -x $AUTOPILOT_DIST/runtime/bin/java ]] && java=$AUTOPILOT_DIST/runtime/bin/java
  "$java" -version 2>&1 | head -1
}
cpu_model() { awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo; }
machine() {
  printf 'machine: %s cores, %s, %s, load average before the run %s, %s\n' "$(nproc)" "$(cpu_model)" \
    "$(java_version)" "$1" "$(date '+%F %H:%M %Z')"
}
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

single() {
  local runs=${1:-5} idle=${2:-5} config=${3:-$here/typical.json5} i start pid figure
  find_jdk
  ensure_dist
  local agent=$AUTOPILOT_DIST/bin/autopilot
  bench_work

  : > "$work/startup_ms"; : > "$work/rss"; : > "$work/pss"; : > "$work/private"; : > "$work/anon"
  for i in $(seq "$runs"); do
    export BENCH_STARTED=$work/started.$i BENCH_SOCKET=$work/control.$i.socket
    start=$(date +%s%N)
    "$agent" -config "$config" >"$work/agent.log" 2>&1 &
    pid=$!
    pids=("$pid")
    wait_until 10 test -s "$BENCH_STARTED" || bench_fail "run $i: the job never started"
    echo $(( ($(cat "$BENCH_STARTED") - start) / 1000000 )) >> "$work/startup_ms"
    sleep "$idle"
    cp "/proc/$pid/smaps_rollup" "$work/smaps.$i"
    kib Rss "$work/smaps.$i" >> "$work/rss"
    kib Pss "$work/smaps.$i" >> "$work/pss"
    kib Anonymous "$work/smaps.$i" >> "$work/anon"
    echo $(( $(kib Private_Clean "$work/smaps.$i") + $(kib Private_Dirty "$work/smaps.$i") )) >> "$work/private"
    kill -TERM "$pid"
    wait "$pid" || true
    pids=()
  done

  printf 'config: %s, runs: %s, idle: %ss, machine: %s cores, %s, %s\n' "$(basename "$config")" "$runs" "$idle" \
    "$(nproc)" "$(cpu_model)" "$(java_version)"
  printf '%-34s %s\n' "exec to first child (ms, median)" "$(median < "$work/startup_ms")"
  for figure in rss pss private anon; do
    printf '%-34s %s\n' "$figure (MiB, median)" "$(median < "$work/$figure" | mib)"
  done
}

# --- fleet ---------------------------------------------------------------------------------------------------------

# Prints N distinct TCP ports free on 127.0.0.1 now, one a line (held together while chosen, so none repeats).
loopback_ports() {
  python3 -c 'import socket, sys
held = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in held: s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in held))' "$1"
}

start_consul() {
  local http=$1 serf_lan=$2 serf_wan=$3 server=$4
  "$consul" agent -dev -node fleet-consul -bind 127.0.0.1 -client 127.0.0.1 -http-port "$http" -dns-port -1 \
    -grpc-port -1 -serf-lan-port "$serf_lan" -serf-wan-port "$serf_wan" -server-port "$server" \
    >"$work/consul.log" 2>&1 &
  pids+=($!)
  api=http://127.0.0.1:$http
  wait_until 60 consul_has_leader "$api" || { tail -n 20 "$work/consul.log" >&2; die "Consul did not start"; }
}

# Agent I runs as PID 1 of new pid, mount and UTS namespaces; a shell names the host fleet-I, then becomes the
# launcher, which becomes the JVM. --kill-child: should unshare die first, the agent goes with it.
start_agent() {
  local i=$1 config=$2 telemetry=$3
  # shellcheck disable=SC2016  # $0 and $@ are the namespace shell's own
  BENCH_STARTED=$work/started.$i BENCH_SOCKET=$work/control.$i.socket BENCH_TELEMETRY_PORT=$telemetry \
    CONSUL_ADDR=${api#http://} unshare --pid --fork --mount-proc --uts --kill-child \
    sh -c 'echo "$0" > /proc/sys/kernel/hostname && exec "$@"' "fleet-$i" "$agent" -config "$config" \
    >"$work/agent.$i.log" 2>&1 &
  agents+=($!)
}

# The agent I's log, then exit.
agent_fail() {
  echo "agent fleet-$1: $2; it said:" >&2
  cat "$work/agent.$1.log" >&2
  exit 1
}

all_registered() {
  local ids i
  ids=$(curl -fsS --max-time 2 "$api/v1/catalog/service/app" | jq -r '.[].ServiceID') || return 1
  for i in $(seq "${#agents[@]}"); do
    grep -qx "app-fleet-$i" <<<"$ids" || return 1
  done
}

# Sets jvms[I] to the host pid of agent I's JVM: the child of its unshare, PID 1 of the namespace.
find_jvm() {
  local jvm
  jvm=$(unshare_child "${agents[$1 - 1]}") || agent_fail "$1" "its namespace has no process left"
  [[ $(cat "/proc/$jvm/comm") == java ]] || agent_fail "$1" "PID 1 of its namespace is $(cat "/proc/$jvm/comm"), not java"
  jvms[$1]=$jvm
}

# The agent's own processes: the JVM and, among its children, the reaper's anchor (not the job's processes).
own_processes() {
  local child children
  echo "$1"
  read -ra children <<<"$(cat /proc/"$1"/task/*/children 2>/dev/null)"
  for child in "${children[@]}"; do
    if [[ $(tr '\0' ' ' <"/proc/$child/cmdline" 2>/dev/null) == "/bin/sh -c read autopilot_reaper_anchor " ]]; then
      echo "$child"
    fi
  done
}

# Prints "processes PSS anonymous RSS" (KiB) summed over the pids given.
memory_of() {
  local pid files=()
  for pid; do files+=("/proc/$pid/smaps_rollup"); done
  awk -v n=$# '$1 == "Pss:" { p += $2 } $1 == "Anonymous:" { a += $2 } $1 == "Rss:" { r += $2 }
    END { print n, p, a, r }' "${files[@]}"
}

# user + system time of a process, in clock ticks (the fields after the command name, which is in parentheses).
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# An agent has ended once its unshare has no child left (unshare then exits too).
all_agents_ended() {
  local pid
  for pid in "${agents[@]}"; do
    if unshare_child "$pid" >/dev/null; then return 1; fi
  done
}

# TERMs every agent and waits for it (a shell not yet the JVM ignores TERM as PID 1: unshare is TERMed then, and
# --kill-child ends the rest), then Consul and the folder go as in bench_cleanup.
fleet_cleanup() {
  local pid jvm
  for pid in "${agents[@]}"; do
    if jvm=$(unshare_child "$pid") && [[ $(cat "/proc/$jvm/comm" 2>/dev/null) == java ]]; then
      kill -TERM "$jvm" 2>/dev/null || true
    else
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  if ! wait_until 30 all_agents_ended; then
    log "agents still running 30 s after TERM; killing them"
    for pid in "${agents[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  fi
  bench_cleanup
}

fleet() {
  local size=${1:-10} idle=${2:-12} config=${3:-$here/typical.json5} load i ports jvms=() memory=() ticks=()
  (( EUID == 0 )) || die "fleet mode runs as root: each agent is PID 1 of its own namespaces (unshare --pid ...)"
  pid_namespaces_work || die "unshare --pid --fork --mount-proc --uts fails here (a sandbox without namespaces?)"
  load=$(load_average)
  find_jdk
  ensure_dist
  agent=$AUTOPILOT_DIST/bin/autopilot
  consul=$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")
  bench_work
  agents=()
  trap fleet_cleanup EXIT

  mapfile -t ports < <(loopback_ports $(( size + 4 )))
  start_consul "${ports[@]:0:4}"
  for i in $(seq "$size"); do start_agent "$i" "$config" "${ports[i + 3]}"; done
  for i in $(seq "$size"); do
    wait_until 60 test -s "$work/started.$i" || agent_fail "$i" "its job did not start within 60 s"
  done
  wait_until 60 all_registered || die "not every agent's service app is in Consul's catalog after 60 s (CONFIG must" \
    "register a job named app): $(curl -s "$api/v1/catalog/service/app" | jq -c '[.[].ServiceID]')"

  sleep "$idle"
  for i in $(seq "$size"); do
    find_jvm "$i"
    # shellcheck disable=SC2046  # one pid a word
    memory[i]="fleet-$i $(memory_of $(own_processes "${jvms[i]}")) $(awk '$1 == "Threads:" { print $2 }' \
      "/proc/${jvms[i]}/status")"
    ticks[i]=$(cpu_ticks "${jvms[i]}")
  done
  sleep "$cpu_window"
  for i in $(seq "$size"); do
    [[ -r /proc/${jvms[i]}/stat ]] || agent_fail "$i" "it ended during the CPU window"
    echo "${memory[i]} $(( ($(cpu_ticks "${jvms[i]}") - ticks[i]) * 1000 / $(getconf CLK_TCK) ))"
  done >"$work/rows"
  fleet_report "$size" "$idle" "$config" "$load"
}

# Prints $work/rows, "agent processes PSS anonymous RSS threads CPU" a line (KiB, ms), then their medians and sums.
fleet_report() {
  local size=$1 idle=$2 config=$3 load=$4 column
  printf 'fleet: %s agents, each PID 1 of its own namespaces, %s, idle %s s, then CPU over %s s; %s -dev\n' \
    "$size" "$(basename "$config")" "$idle" "$cpu_window" "$("$consul" version | head -1)"
  machine "$load"
  echo "memory of the agent's own processes (JVM + reaper's anchor) from smaps_rollup; threads and CPU of the JVM"
  {
    cat "$work/rows"
    echo median - "$(for column in 3 4 5 6 7; do cut -d' ' -f"$column" "$work/rows" | median; done | xargs)"
    awk '{ for (c = 3; c <= 7; c++) s[c] += $c } END { print "sum", "-", s[3], s[4], s[5], s[6], s[7] }' "$work/rows"
  } | awk -v cpu="CPU ms/${cpu_window}s" '
    BEGIN { printf "%-10s %9s %8s %8s %8s %7s %11s\n", "agent", "processes", "PSS MiB", "anon MiB", "RSS MiB", "threads", cpu }
    { printf "%-10s %9s %8.1f %8.1f %8.1f %7s %11s\n", $1, $2, $3 / 1024, $4 / 1024, $5 / 1024, $6, $7 }'
}

# --- client --------------------------------------------------------------------------------------------------------

client() {
  local runs=${1:-30} load socket telemetry config i
  load=$(load_average)
  find_jdk
  ensure_dist
  local agent=$AUTOPILOT_DIST/bin/autopilot
  bench_work
  socket=$work/control.socket
  telemetry=$(loopback_port)
  config=$work/client.json5
  cat >"$config" <<JSON
{
  control: { socket: "$socket" },
  telemetry: { port: $telemetry, interfaces: ["static:127.0.0.1"], metrics: [{ name: "hits", type: "counter" }] },
  jobs: [{ name: "app", exec: ["sleep", "3600"] }],
}
JSON
  "$agent" -config "$config" >"$work/agent.log" 2>&1 &
  pids+=($!)
  wait_until 20 test -S "$socket" || bench_fail "the agent never served its socket"

  local names=('autopilot -ping' 'autopilot -putmetric hits=1' 'autopilot -putenv A=b' 'autopilot -status'
    'curl --unix-socket, /v3/ping')
  local commands=(
    "$agent -config $config -ping"
    "$agent -config $config -putmetric hits=1"
    "$agent -config $config -putenv A=b"
    "$agent -config $config -status"
    "curl -sf --unix-socket $socket http://localhost/v3/ping"
  )
  # A command that fails is fast: each must succeed before it is timed (hyperfine also stops at a failure).
  local timed=()
  for i in "${!commands[@]}"; do
    # shellcheck disable=SC2086  # split into words as hyperfine -N does; the paths have no spaces
    ${commands[i]} >"$work/once.out" 2>&1 || { cat "$work/once.out" >&2; bench_fail "'${commands[i]}' failed"; }
    timed+=(-n "${names[i]}" "${commands[i]}")
  done
  hyperfine -N -w 3 -r "$runs" --export-json "$work/client.json" "${timed[@]}" >"$work/hyperfine.log" 2>&1 \
    || { cat "$work/hyperfine.log" >&2; die "hyperfine failed"; }

  printf 'client: %s runs of each whole process (hyperfine -N -w 3), one agent answering\n' "$runs"
  machine "$load"
  printf '%-32s %10s %10s %10s %10s\n' command 'median ms' 'min ms' 'max ms' 'CPU ms'
  jq -r '.results[] | [.command, .median, .min, .max, .user + .system] | @tsv' "$work/client.json" \
    | awk -F'\t' '{ printf "%-32s %10.1f %10.1f %10.1f %10.1f\n", $1, $2 * 1000, $3 * 1000, $4 * 1000, $5 * 1000 }'
}

case ${1:-} in
  fleet) shift; fleet "$@" ;;
  client) shift; client "$@" ;;
  *) single "$@" ;;
esac
