#!/bin/sh
# Assembles a Redis Cluster through Consul; the agent runs it (see redis.json5).
#
#   manage.sh health   exit 0 when the local redis-server answers PONG (the redis job's health check)
#   manage.sh join     after the local redis-server is healthy: create the cluster, or join it and take slots
#   manage.sh leave    before the local redis-server stops: hand its slots to the others, then leave the cluster
#
# join and leave run under one Consul lock, which the agent takes before either starts and gives up after it exits
# (their "lock" in redis.json5), so nodes that start or stop together change the cluster one at a time. The node that
# holds the lock and finds no healthy member reporting cluster_state:ok, and no KV marker saying a
# cluster was made, creates it: it takes all 16384 slots (CLUSTER ADDSLOTSRANGE) and writes the marker, naming itself.
# Every later node meets a member, waits until every node agrees on who is in the cluster, and rebalances so that it
# gets its share of the slots. A leaving node rebalances with weight 0 (its slots go to the others), then
# `redis-cli --cluster del-node` makes every other node forget it. The last node to leave removes the marker.
#
# Environment (the agent passes its own on):
#   CONSUL_HTTP_ADDR        Consul's HTTP API: host:port or a URL (default 127.0.0.1:8500); CONSUL_HTTP_TOKEN is sent
#   REDIS_PORT              the local redis-server's port (default 6379); its cluster bus is REDIS_PORT + 10000
#   CONTAINERPILOT_REDIS_IP the address the node is known by (set by the agent; default 127.0.0.1)
#   NODE_NAME               this node's name in logs and in the marker (default: the host name)
#   REDIS_SERVICE           the Consul service of the nodes (default redis)
#   REDIS_CLUSTER_KEY       the KV prefix of the marker (default redis-cluster; the lock is redis.json5's)
# Needs curl, jq and redis-cli (7.0 or later, for CLUSTER ADDSLOTSRANGE).
set -eu

CMD=${1:-}
CONSUL=${CONSUL_HTTP_ADDR:-127.0.0.1:8500}
case $CONSUL in
  http://* | https://*) ;;
  *) CONSUL=http://$CONSUL ;;
esac
CONSUL=${CONSUL%/}
PORT=${REDIS_PORT:-6379}
HOST=${CONTAINERPILOT_REDIS_IP:-127.0.0.1}
NODE=${NODE_NAME:-$(hostname)}
SERVICE=${REDIS_SERVICE:-redis}
PREFIX=${REDIS_CLUSTER_KEY:-redis-cluster}
MARKER_KEY=$PREFIX/initialised
TMP=

say() { printf '%s %s: %s\n' "$NODE" "$CMD" "$*"; }
warn() { printf '%s %s: warning: %s\n' "$NODE" "$CMD" "$*" >&2; }
fail() {
  printf '%s %s: error: %s\n' "$NODE" "$CMD" "$*" >&2
  exit 1
}
now() { date +%s; }

# --- Redis --------------------------------------------------------------------------------------------------------

# rcli HOST PORT ARGS...: one command; error replies fail too (-e), and a hung node cannot hang the script.
rcli() {
  rcli_host=$1
  rcli_port=$2
  shift 2
  timeout 10 redis-cli -e -h "$rcli_host" -p "$rcli_port" "$@"
}

# Runs `redis-cli --cluster ARGS...`, logging its report without the progress bars and colours. Its exit status.
cluster_tool() {
  cluster_tool_status=0
  redis-cli --cluster "$@" >"$TMP" 2>&1 </dev/null || cluster_tool_status=$?
  sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^#*//' -e '/^$/d' "$TMP" | sed "s/^/  redis-cli --cluster $1: /"
  return "$cluster_tool_status"
}

# field HOST PORT NAME: a field of CLUSTER INFO (cluster_state, cluster_known_nodes, ...); fails if the node does not
# answer.
field() {
  field_info=$(rcli "$1" "$2" cluster info) || return 1
  printf '%s\n' "$field_info" | tr -d '\r' | sed -n "s/^$3://p"
}

# Sums the slots of the CLUSTER NODES lines on stdin (fields 9 onwards: "a-b", "a", or "[a->-id]" for a migration).
count_slots() {
  awk '{ for (i = 9; i <= NF; i++) { if ($i ~ /^\[/) continue; n = split($i, r, "-"); s += (n == 2) ? r[2] - r[1] + 1 : 1 } }
       END { print s + 0 }'
}

state_ok() {
  [ "$(field "$1" "$2" cluster_state)" = ok ]
}

# This node is no longer in the CLUSTER NODES of HOST:PORT.
forgotten_by() {
  forgotten_nodes=$(rcli "${1%:*}" "${1##*:}" cluster nodes) || return 1
  ! printf '%s\n' "$forgotten_nodes" | grep -q "^$MY_ID "
}

# The number of slots this node owns; fails if it does not answer.
my_slots() {
  my_nodes=$(rcli "$HOST" "$PORT" cluster nodes) || return 1
  printf '%s\n' "$my_nodes" | awk '$3 ~ /myself/' | count_slots
}

# Prints the ids of the nodes that HOST PORT counts as members (not in handshake, not failing), sorted, on one line.
members_seen_by() {
  rcli "$1" "$2" cluster nodes | awk '$3 !~ /handshake|noaddr|fail/ { print $1 }' | sort | tr '\n' ' '
}

# The cluster as seen from HOST PORT has settled: this node is a member, every member sees the same members and
# cluster_state:ok, and `--cluster check` finds the slot configuration agreed, all slots covered and none half-moved.
# (CLUSTER MEET returns at once: until the handshake is done, the others do not list the new node.)
settled() {
  settled_view=$(members_seen_by "$1" "$2") || return 1
  case " $settled_view" in
    *" $MY_ID "*) ;;
    *) return 1 ;;
  esac
  for settled_addr in $(rcli "$1" "$2" cluster nodes | awk '$3 !~ /handshake|noaddr|fail/ { split($2, a, "@"); print a[1] }'); do
    settled_host=${settled_addr%:*}
    [ -n "$settled_host" ] || settled_host=$1
    settled_port=${settled_addr##*:}
    [ "$(members_seen_by "$settled_host" "$settled_port")" = "$settled_view" ] || return 1
    state_ok "$settled_host" "$settled_port" || return 1
  done
  redis-cli --cluster check "$1:$2" >"$TMP" 2>&1 </dev/null || return 1
  ! grep -q -e '\[ERR\]' -e '\[WARNING\]' "$TMP"
}

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every half second until it succeeds; fails after SECONDS.
wait_for() {
  wait_for_end=$(($(now) + $1))
  wait_for_what=$2
  shift 2
  until "$@"; do
    [ "$(now)" -lt "$wait_for_end" ] || {
      warn "gave up waiting for $wait_for_what"
      return 1
    }
    sleep 0.5
  done
}

# Rebalances the cluster through HOST:PORT with the extra ARGS; on failure repairs half-moved slots and tries again.
rebalance() {
  rebalance_addr=$1
  shift
  for rebalance_try in 1 2 3; do
    wait_for 60 "the cluster to settle before rebalancing" settled "${rebalance_addr%:*}" "${rebalance_addr##*:}" \
      || cluster_tool fix "$rebalance_addr" --cluster-yes || true
    if cluster_tool rebalance "$rebalance_addr" --cluster-use-empty-masters "$@"; then
      return 0
    fi
    warn "rebalance through $rebalance_addr failed (attempt $rebalance_try of 3); fixing open slots"
    cluster_tool fix "$rebalance_addr" --cluster-yes || true
  done
  return 1
}

# --- Consul -------------------------------------------------------------------------------------------------------

consul() {
  consul_method=$1
  consul_path=$2
  shift 2
  if [ -n "${CONSUL_HTTP_TOKEN:-}" ]; then
    curl -fsS --max-time 15 -X "$consul_method" -H "X-Consul-Token: $CONSUL_HTTP_TOKEN" "$@" "$CONSUL$consul_path"
  else
    curl -fsS --max-time 15 -X "$consul_method" "$@" "$CONSUL$consul_path"
  fi
}

kv_get() {
  consul GET "/v1/kv/$1?raw" 2>/dev/null || true
}

# Prints "address port" of each instance of the service whose checks pass; fails if Consul does not answer.
healthy_members() {
  members_json=$(consul GET "/v1/health/service/$SERVICE?passing") || return 1
  printf '%s\n' "$members_json" \
    | jq -r '.[] | "\(if (.Service.Address // "") == "" then .Node.Address else .Service.Address end) \(.Service.Port)"'
}

cleanup() {
  [ -z "$TMP" ] || rm -f "$TMP"
}

# --- Commands -----------------------------------------------------------------------------------------------------

# A healthy member other than this node that reports cluster_state:ok, as "host port"; nothing if there is none.
# Fails if Consul cannot be asked: no answer must never look like "no cluster yet".
find_member() {
  members=$(healthy_members) || fail "could not ask Consul at $CONSUL for the healthy instances of $SERVICE"
  printf '%s\n' "$members" | while read -r member_host member_port; do
    [ -n "$member_host" ] || continue
    member_id=$(rcli "$member_host" "$member_port" cluster myid 2>/dev/null) || continue
    [ "$member_id" != "$MY_ID" ] || continue
    if [ "$(field "$member_host" "$member_port" cluster_state 2>/dev/null)" = ok ]; then
      printf '%s %s\n' "$member_host" "$member_port"
      break
    fi
  done
}

create_cluster() {
  rcli "$HOST" "$PORT" cluster addslotsrange 0 16383 >/dev/null || fail "CLUSTER ADDSLOTSRANGE 0 16383 failed on $HOST:$PORT"
  wait_for 30 "cluster_state:ok on this node" state_ok "$HOST" "$PORT" \
    || fail "this node took every slot but its cluster_state did not become ok"
  created=$(consul PUT "/v1/kv/$MARKER_KEY?cas=0" --data "created by $NODE (node $MY_ID, $HOST:$PORT) at $(date -u +%Y-%m-%dT%H:%M:%SZ)") \
    || fail "could not write $MARKER_KEY in Consul"
  [ "$created" = true ] || warn "$MARKER_KEY was written meanwhile by another node: $(kv_get "$MARKER_KEY")"
  say "created the cluster: $NODE ($HOST:$PORT, node $MY_ID) holds all 16384 slots"
}

join_cluster() {
  seed_host=$1
  seed_port=$2
  if ! rcli "$seed_host" "$seed_port" cluster nodes | grep -q "^$MY_ID "; then
    say "meeting the cluster through $seed_host:$seed_port"
    rcli "$HOST" "$PORT" cluster meet "$seed_host" "$seed_port" >/dev/null \
      || fail "CLUSTER MEET $seed_host $seed_port failed on $HOST:$PORT"
  fi
  wait_for 60 "every node to know every other" settled "$seed_host" "$seed_port" \
    || fail "the cluster did not settle after this node met $seed_host:$seed_port"
  rebalance "$seed_host:$seed_port" || fail "could not rebalance slots onto this node through $seed_host:$seed_port"
  joined_slots=$(my_slots)
  [ "$joined_slots" -gt 0 ] || fail "the rebalance gave this node no slots"
  say "joined the cluster: $joined_slots slots on this node, $(field "$HOST" "$PORT" cluster_size) masters"
}

cmd_health() {
  [ "$(redis-cli -h "$HOST" -p "$PORT" ping 2>&1)" = PONG ]
}

cmd_join() {
  MY_ID=$(rcli "$HOST" "$PORT" cluster myid) || fail "redis at $HOST:$PORT does not answer CLUSTER MYID (is cluster-enabled on?)"
  slots=$(my_slots) || fail "redis at $HOST:$PORT does not answer CLUSTER NODES"
  if [ "$slots" -gt 0 ]; then
    say "already in the cluster with $slots slots"
    return 0
  fi
  member=$(find_member) || exit 1
  if [ -z "$member" ]; then
    marker=$(kv_get "$MARKER_KEY")
    [ -z "$marker" ] || fail "Consul says a cluster exists ($MARKER_KEY: $marker) but no healthy $SERVICE reports" \
      "cluster_state:ok; not creating a second one (delete the key to start a new cluster)"
    create_cluster
  else
    # shellcheck disable=SC2086  # "host port"
    join_cluster $member
  fi
}

cmd_leave() {
  MY_ID=$(rcli "$HOST" "$PORT" cluster myid) || fail "redis at $HOST:$PORT does not answer CLUSTER MYID"
  slots=$(my_slots) || fail "redis at $HOST:$PORT does not answer CLUSTER NODES"
  known=$(field "$HOST" "$PORT" cluster_known_nodes) || fail "redis at $HOST:$PORT does not answer CLUSTER INFO"
  if [ "$known" -le 1 ]; then
    if [ "$slots" -gt 0 ]; then
      consul DELETE "/v1/kv/$MARKER_KEY" >/dev/null || warn "could not delete $MARKER_KEY"
      say "the last node leaves: the cluster ends with it ($MARKER_KEY removed)"
    else
      say "not in a cluster: nothing to hand over"
    fi
    return 0
  fi
  other=$(rcli "$HOST" "$PORT" cluster nodes \
    | awk '$3 !~ /myself|handshake|noaddr|fail/ && $3 ~ /master/ && $8 == "connected" { split($2, a, "@"); print a[1]; exit }')
  [ -n "$other" ] || fail "no other master is reachable: $slots slots cannot be handed over"
  if [ "$slots" -gt 0 ]; then
    say "handing $slots slots over to the other masters"
    rebalance "$HOST:$PORT" --cluster-weight "$MY_ID=0" || fail "could not move this node's slots away"
    slots=$(my_slots)
    [ "$slots" -eq 0 ] || fail "$slots slots are still on this node after the rebalance"
  fi
  cluster_tool del-node "$other" "$MY_ID" || fail "redis-cli --cluster del-node $other $MY_ID failed"
  wait_for 20 "$other to forget this node" forgotten_by "$other" \
    || fail "$other still lists this node after del-node"
  say "left the cluster: slots handed over, forgotten by the others"
}

case $CMD in
  health)
    cmd_health
    exit
    ;;
  join | leave) ;;
  *)
    printf 'usage: %s health|join|leave\n' "$0" >&2
    exit 2
    ;;
esac
for tool in curl jq redis-cli timeout; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done
TMP=$(mktemp)
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP
"cmd_$CMD"
