#!/usr/bin/env bash
# Runs the Redis Cluster example on loopback and checks what it promises: a Consul dev agent, then three agents started
# at once (each PID 1 of its own pid, mount and UTS namespaces when run as root, else plain processes), each running
# examples/redis-cluster/redis.json5 with its own port, data directory and control socket. It checks that exactly one
# node created the cluster and the others joined, that every slot is served and keys are readable from every node,
# that a fourth node joins and takes slots, that a node stopped with SIGTERM hands its slots back and leaves Consul,
# and that the last node to stop ends the cluster. Prints "ok - ..." / "not ok - ..." per check and "N passed, M
# failed"; exits 0 only if nothing failed. Everything it starts is stopped and its temporary directory removed on exit
# (REDIS_EXAMPLE_KEEP=1 keeps the directory, with each agent's log; REDIS_EXAMPLE_NAMESPACES=0 runs the agents as
# plain processes even as root).
#
# Uses $AUTOPILOT_DIST if set, else agent/target/autopilot, built (scripts/build.sh) if missing or older than the
# agent's sources; Consul from scripts/install-consul.sh (which honours $CONSUL_BIN). Installs redis-server,
# redis-tools, curl and jq if they are missing (as root).
#
# Usage: examples/redis-cluster/local/run.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/lib/common.sh"

example=$AUTOPILOT_ROOT/examples/redis-cluster
config=$example/redis.json5
manage=$example/manage.sh

ensure_packages redis-server redis-tools curl jq
ensure_dist
agent=$AUTOPILOT_DIST/bin/autopilot
consul=$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")

work=$(mktemp -d "${TMPDIR:-/tmp}/redis-cluster.XXXXXX")
consul_pid=
declare -A outer=() port=()   # per node: the pid we started (unshare, or the agent itself), its redis port

# --- cleanup ------------------------------------------------------------------------------------------------------

cleanup() {
  set +e
  exec 3>&2 2>/dev/null   # not bash's "Killed" notice for each agent killed here
  local n pid
  for n in "${!outer[@]}"; do
    pid=$(agent_pid "$n") && kill -KILL "$pid" 2>/dev/null   # in a namespace, its init: takes all with it
    kill -KILL "${outer[$n]}" 2>/dev/null
    # Plain processes (not root): redis-server outlives a killed agent.
    if [[ -f "$work/node$n/redis.pid" ]]; then
      pid=$(<"$work/node$n/redis.pid")
      [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server ]] && kill -KILL "$pid" 2>/dev/null
    fi
  done
  [[ -z "$consul_pid" ]] || kill "$consul_pid" 2>/dev/null
  wait
  exec 2>&3 3>&-
  if [[ "${REDIS_EXAMPLE_KEEP:-}" == 1 ]]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- helpers ------------------------------------------------------------------------------------------------------

passed=0
failed=0

ok() {
  printf 'ok - %s\n' "$*"
  passed=$((passed + 1))
}

not_ok() {
  printf 'not ok - %s\n' "$*"
  failed=$((failed + 1))
  local n
  for n in $(printf '%s\n' "${!outer[@]}" | sort); do
    printf '  --- node%s log (tail) ---\n' "$n"
    tail -n 25 "$work/node$n.log" 2>/dev/null | sed 's/^/  /'
  done
}

# check WHAT COMMAND...: one assertion; $last is "ok" or "not ok" afterwards.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; last=ok; else not_ok "$what"; last="not ok"; fi
}

# check_within SECONDS WHAT COMMAND...: an assertion that may take up to SECONDS to come true.
check_within() {
  local seconds=$1 what=$2
  shift 2
  if wait_until "$seconds" "$@"; then ok "$what"; last=ok; else not_ok "$what (not within ${seconds}s)"; last="not ok"; fi
}

summary() {
  printf '%d passed, %d failed\n' "$passed" "$failed"
}

# Ends the run when what follows cannot work without what just failed.
bail_out() {
  printf 'Bail out! %s\n' "$*"
  summary
  exit 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_ports COUNT LOW HIGH [OFFSET]: a random first port of COUNT free ones in [LOW, HIGH) (and each +OFFSET free).
free_ports() {
  local count=$1 low=$2 high=$3 offset=${4:-0} base i attempt
  for attempt in $(seq 50); do
    base=$((low + RANDOM % (high - low - count)))
    for ((i = 0; i < count; i++)); do
      port_free $((base + i)) || continue 2
      ((offset == 0)) || port_free $((base + i + offset)) || continue 2
    done
    printf '%s\n' "$base"
    return 0
  done
  die "no $count free loopback ports found in $low-$high after $attempt tries"
}

rcli() {
  local p=$1
  shift
  timeout 10 redis-cli -h 127.0.0.1 -p "$p" "$@" 2>/dev/null
}

info_field() { rcli "$1" cluster info | tr -d '\r' | sed -n "s/^$2://p"; }

# Masters that own slots, as node $1 sees them.
masters_with_slots() {
  rcli "$1" cluster nodes | awk '$3 ~ /master/ && $3 !~ /fail/ && NF >= 9' | wc -l
}

# The cluster seen from every node in $2.. has settled with $1 members: state ok, every slot assigned, $1 known nodes,
# $1 masters owning slots.
cluster_is() {
  local members=$1 p
  shift
  for p in "$@"; do
    [[ "$(info_field "$p" cluster_state)" == ok ]] || return 1
    [[ "$(info_field "$p" cluster_slots_assigned)" == 16384 ]] || return 1
    [[ "$(info_field "$p" cluster_known_nodes)" == "$members" ]] || return 1
    [[ "$(masters_with_slots "$p")" == "$members" ]] || return 1
  done
}

every_node_ok() {
  local p
  for p in "$@"; do
    [[ "$(info_field "$p" cluster_state)" == ok && "$(info_field "$p" cluster_slots_assigned)" == 16384 ]] || return 1
  done
}

masters_own_slots() {
  local members=$1 p
  shift
  for p in "$@"; do
    [[ "$(masters_with_slots "$p")" == "$members" ]] || return 1
  done
}

# Every key written by write_keys reads back through each node in $@ (redis-cli -c follows MOVED redirections).
keys_readable() {
  local p i
  for p in "$@"; do
    for i in $(seq 10); do
      [[ "$(rcli "$p" -c get "autopilot:key:$i")" == "value-$i" ]] || return 1
    done
  done
}

write_keys() {
  local p=$1 i
  for i in $(seq 10); do
    [[ "$(rcli "$p" -c set "autopilot:key:$i" "value-$i")" == OK ]] || return 1
  done
}

consul_get() { curl -fsS --max-time 10 "$consul_url$1"; }
passing_ids() { consul_get "/v1/health/service/redis?passing" | jq -r '.[].Service.ID' | sort | paste -sd ' ' -; }
registered_count() { consul_get "/v1/catalog/service/redis" | jq length; }
marker() { consul_get "/v1/kv/redis-cluster/initialised?raw" 2>/dev/null || true; }

passing_are() { [[ "$(passing_ids)" == "$*" ]]; }

# --- nodes --------------------------------------------------------------------------------------------------------

use_namespaces=false
if [[ "${REDIS_EXAMPLE_NAMESPACES:-1}" != 0 ]] && pid_namespaces_work; then
  use_namespaces=true
fi

start_node() {
  local n=$1
  port[$n]=$((redis_base + n - 1))
  mkdir -p "$work/node$n"
  local environment=(
    "NODE_NAME=node$n" "REDIS_PORT=${port[$n]}" "REDIS_DATA=$work/node$n" "REDIS_BIND=127.0.0.1"
    "REDIS_INTERFACE=static:127.0.0.1" "REDIS_MANAGE=$manage" "CONSUL_HTTP_ADDR=127.0.0.1:$consul_port"
    "CONTROL_SOCKET=$work/node$n.sock"
  )
  if [[ "$use_namespaces" == true ]]; then
    # The agent is PID 1 of its namespace and has its own host name (so its default service ID would be its own).
    # shellcheck disable=SC2016  # expanded by the inner shell
    env "${environment[@]}" unshare --pid --fork --mount-proc --uts \
      sh -c 'hostname "$NODE_NAME" && exec "$0" "$@"' "$agent" -config "$config" \
      >"$work/node$n.log" 2>&1 </dev/null &
  else
    env "${environment[@]}" "$agent" -config "$config" >"$work/node$n.log" 2>&1 </dev/null &
  fi
  outer[$n]=$!
}

# The host pid of node $1's agent once it is the JVM (not the shell or the launcher that exec it).
agent_pid() {
  local pid=${outer[$1]}
  if [[ "$use_namespaces" == true ]]; then
    pid=$(unshare_child "$pid") || return 1
  fi
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == */java ]] || return 1
  printf '%s\n' "$pid"
}

# The agent of node $1 handles SIGTERM: until then the kernel drops a TERM sent to a namespace's init.
catches_term() {
  local pid mask
  pid=$(agent_pid "$1") || return 1
  mask=$(awk '/^SigCgt:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || return 1
  (((16#$mask >> 14) & 1))
}

stop_node() {
  local n=$1
  wait_until 20 catches_term "$n" || return 1
  kill -TERM "$(agent_pid "$n")"
}

exited() { ! kill -0 "${outer[$1]}" 2>/dev/null; }

# Waits up to $2 seconds for node $1's agent to exit; sets $exit_code to its exit status (or "none: still running").
await_exit() {
  exit_code=0
  wait_until "$2" exited "$1" || { exit_code="none: still running"; return 0; }
  wait "${outer[$1]}" || exit_code=$?
}

logged() { grep -q -- "$2" "$work/node$1.log"; }

# --- what the checks look at --------------------------------------------------------------------------------------

validates() {
  local out
  out=$("$agent" -validate -config "$config" 2>&1) || { printf '%s\n' "$out"; return 1; }
}

# Nodes $1.. have each logged the end of their join job: created the cluster, or joined it.
joins_done() {
  local n
  for n in "$@"; do
    grep -q -e "created the cluster" -e "joined the cluster" "$work/node$n.log" || return 1
  done
}

formed() { joins_done 1 2 3 && cluster_is 3 "${port[1]}" "${port[2]}" "${port[3]}"; }

# The nodes (of $2..) whose log has $1, on one line.
nodes_that_logged() {
  local what=$1 n found=()
  shift
  for n in "$@"; do
    if grep -q -- "$what" "$work/node$n.log"; then found+=("node$n"); fi
  done
  echo "${found[*]}"
}

count() {
  local words
  read -ra words <<<"$1"
  echo "${#words[@]}"
}

# -status on the control socket of each of nodes 1-3: redis healthy and running, join completed. Else says why in
# $status_problem.
statuses_fine() {
  local n status
  for n in 1 2 3; do
    status=$(CONTROL_SOCKET=$work/node$n.sock "$agent" -status -config "$config" 2>&1) \
      || { status_problem="node$n -status failed: $status"; return 1; }
    jq -e '[.jobs[] | {(.name): (.health + "/" + .state)}] | add
           | .redis == "healthy/running" and (.join | endswith("/completed"))' <<<"$status" >/dev/null \
      || { status_problem="node$n -status: $(jq -c '[.jobs[] | [.name, .health, .state]]' <<<"$status")"; return 1; }
  done
}

owns_slots() { rcli "$1" cluster nodes | awk '$3 ~ /myself/ && NF >= 9' | grep -q .; }

# No node on the ports $2.. lists node id $1 in CLUSTER NODES.
forgotten() {
  local id=$1 p
  shift
  for p in "$@"; do
    ! rcli "$p" cluster nodes | grep -q "^$id " || return 1
  done
}

# --- the run ------------------------------------------------------------------------------------------------------

started=$SECONDS
# Ports below Linux's ephemeral range (32768-60999 by default), so no outgoing connection holds one by chance when
# redis-server binds it: Consul's four in 30000-32767, redis's in 12000-19999 with their cluster bus (+10000) in
# 22000-29999.
consul_port=$(free_ports 4 30000 32768)
redis_base=$(free_ports 4 12000 20000 10000)
consul_url=http://127.0.0.1:$consul_port
"$consul" agent -dev -bind 127.0.0.1 -client 127.0.0.1 -node redis-example -http-port "$consul_port" \
  -dns-port -1 -grpc-port -1 -serf-lan-port $((consul_port + 1)) -serf-wan-port $((consul_port + 2)) \
  -server-port $((consul_port + 3)) >"$work/consul.log" 2>&1 &
consul_pid=$!
wait_until 30 consul_has_leader "$consul_url" \
  || { tail -n 20 "$work/consul.log" >&2; bail_out "Consul did not start on port $consul_port"; }
echo "# Consul on 127.0.0.1:$consul_port; redis nodes on ports $redis_base-$((redis_base + 3)); work dir $work"
echo "# agents as PID 1 of their own namespaces: $use_namespaces"

check "autopilot -validate accepts redis.json5" validates

for n in 1 2 3; do start_node "$n"; done

check_within 60 "three redis services pass in Consul" passing_are redis-node1 redis-node2 redis-node3
check_within 90 "the three nodes form one cluster" formed
[[ "$last" == ok ]] || bail_out "no cluster of three"

creator=$(marker)
creator_node=$(sed -n 's/^created by \(node[0-9]*\) .*/\1/p' <<<"$creator")
creators=$(nodes_that_logged "created the cluster" 1 2 3)
check "exactly one node created the cluster (logged by: ${creators:-none}; marker: ${creator:-none})" \
  test "${creator_node:-?}" = "$creators"
joiners=$(nodes_that_logged "joined the cluster" 1 2 3)
check "the two others joined it (${joiners:-none})" test "$(count "$joiners")" = 2
check "every node reports cluster_state:ok and all 16384 slots assigned" \
  every_node_ok "${port[1]}" "${port[2]}" "${port[3]}"
check "3 masters, each owning slots" masters_own_slots 3 "${port[1]}" "${port[2]}" "${port[3]}"
check "keys written through node1 (redis-cli -c)" write_keys "${port[1]}"
check "the keys are readable from every node" keys_readable "${port[1]}" "${port[2]}" "${port[3]}"
check_within 15 "each agent's -status on its own control socket: redis healthy and running, join completed" \
  statuses_fine
[[ "$last" == ok ]] || echo "# $status_problem"

start_node 4
check_within 60 "a fourth redis service passes in Consul" \
  passing_are redis-node1 redis-node2 redis-node3 redis-node4
check_within 60 "node4 joins: 4 masters own slots, seen from every node" \
  cluster_is 4 "${port[1]}" "${port[2]}" "${port[3]}" "${port[4]}"
check "node4 owns slots" owns_slots "${port[4]}"
check_within 30 "node4 logged its join" logged 4 "joined the cluster"
check "the keys are readable from node4" keys_readable "${port[4]}"

# Stop the node that created the cluster: it is not special once others have joined.
leaving=${creator_node#node}
leaving=${leaving:-1}
staying=()
for n in 1 2 3 4; do [[ "$n" == "$leaving" ]] || staying+=("$n"); done
staying_ports=("${port[${staying[0]}]}" "${port[${staying[1]}]}" "${port[${staying[2]}]}")
leaving_id=$(rcli "${port[$leaving]}" cluster myid)
check "SIGTERM to node$leaving's agent" stop_node "$leaving"
await_exit "$leaving" 90
check "node$leaving's agent exits 0 (exit status: $exit_code)" test "$exit_code" = 0
check "node$leaving handed its slots over and left" logged "$leaving" "left the cluster"
check_within 15 "node$leaving's service left Consul" \
  passing_are "redis-node${staying[0]}" "redis-node${staying[1]}" "redis-node${staying[2]}"
check_within 20 "no other node lists node$leaving in CLUSTER NODES" forgotten "$leaving_id" "${staying_ports[@]}"
check_within 30 "the three left serve all 16384 slots, each master owning some" cluster_is 3 "${staying_ports[@]}"
check "the keys are still readable from every node" keys_readable "${staying_ports[@]}"

# Stop the rest at once: they leave one at a time under the lock, and the last one ends the cluster.
for n in "${staying[@]}"; do stop_node "$n" || true; done
codes=()
for n in "${staying[@]}"; do
  await_exit "$n" 120
  codes+=("node$n: $exit_code")
done
check "the other three agents, stopped together, exit 0 ($(printf '%s, ' "${codes[@]}" | sed 's/, $//'))" \
  test "${codes[*]}" = "node${staying[0]}: 0 node${staying[1]}: 0 node${staying[2]}: 0"
enders=$(nodes_that_logged "the last node leaves" 1 2 3 4)
leavers=$(nodes_that_logged "left the cluster" 1 2 3 4)
check "one node was the last and ended the cluster (${enders:-none}), the others left it (${leavers:-none})" \
  test "$(count "$enders")-$(count "$leavers")" = 1-3
check "the cluster marker is gone from Consul" test -z "$(marker)"
check "no redis service is left in Consul" test "$(registered_count)" = 0

echo "# run took $((SECONDS - started))s"
summary
((failed == 0))
