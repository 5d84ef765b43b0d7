#!/bin/sh
# Cluster membership of one Couchbase Server 7.x node, run by the agent's jobs (autopilot.json5):
#
#   manage.sh start    couchbase-server in the foreground, as the couchbase user   (job "couchbase-server")
#   manage.sh setup    initialise a new cluster, or join through a healthy member and
#                      rebalance                                                    (job "setup")
#   manage.sh health   exit 0 only while this node is an active, healthy member     (check of job "couchbase")
#   manage.sh leave    rebalance this node out through another member
#                                                                                   (pre-stop hook "leave")
#
# setup and leave run under the Consul lock couchbase/init, which the agent takes before either starts and gives up
# when it exits ("lock" in autopilot.json5): nodes started or stopped together change the cluster one at a time.
#
# Environment (docker-compose.yml sets it; defaults in brackets):
#   CONSUL                       host:port of the Consul HTTP API [consul:8500]
#   CONSUL_HTTP_TOKEN            ACL token, when Consul wants one
#   COUCHBASE_USER, _PASS        the cluster's administrator [Administrator, password]
#   COUCHBASE_SERVICES           the services of every node [data,index,query]
#   COUCHBASE_RAMSIZE            data service quota, MiB [256]
#   COUCHBASE_INDEX_RAMSIZE      index service quota, MiB [256]
#   COUCHBASE_CLUSTER_NAME       [autopilot]
#   CONTAINERPILOT_COUCHBASE_IP  this node's address as the agent registers it (the agent sets it)
#
# Every failure prints one line on stderr naming the step that failed, and exits non-zero.
set -eu

PATH=$PATH:/opt/couchbase/bin

CB_USER=${COUCHBASE_USER:-Administrator}
CB_PASS=${COUCHBASE_PASS:-password}
CB_SERVICES=${COUCHBASE_SERVICES:-data,index,query}
CB_RAMSIZE=${COUCHBASE_RAMSIZE:-256}
CB_INDEX_RAMSIZE=${COUCHBASE_INDEX_RAMSIZE:-256}
CB_CLUSTER_NAME=${COUCHBASE_CLUSTER_NAME:-autopilot}
CONSUL_URL=http://${CONSUL:-consul:8500}

SERVICE=couchbase         # the registered job of autopilot.json5, and so its Consul service
SEED_KEY=couchbase/seed   # host:port of a member: the node that initialised the cluster, until it leaves
LOCAL=127.0.0.1:8091

step=${1:-}
SELF=""

say() { printf 'manage.sh %s: %s\n' "$step" "$*" >&2; }
fail() {
  say "$*"
  exit 1
}

# This node's address: the one the agent advertises in Consul, else the container's.
self_address() {
  if [ -n "${CONTAINERPILOT_COUCHBASE_IP:-}" ]; then
    printf '%s\n' "$CONTAINERPILOT_COUCHBASE_IP"
  else
    hostname -i | awk '{ print $1 }'
  fi
}

# consul_api METHOD PATH [curl arguments]: the answer's body on stdout; fails on any HTTP error.
consul_api() {
  api_method=$1
  api_path=$2
  shift 2
  if [ -n "${CONSUL_HTTP_TOKEN:-}" ]; then
    set -- -H "X-Consul-Token: $CONSUL_HTTP_TOKEN" "$@"
  fi
  curl -fsS --max-time 10 -X "$api_method" "$@" "$CONSUL_URL$api_path"
}

# couchbase_api HOST:PORT PATH: GET with the administrator's credentials.
couchbase_api() {
  curl -fsS --connect-timeout 3 --max-time 10 -u "$CB_USER:$CB_PASS" "http://$1$2"
}

# The answering node's place in its cluster (default: this node), from GET /pools/default:
# "<clusterMembership> <status> <hostname>", e.g. "active healthy 172.18.0.3:8091". Nothing when it is in no
# cluster (an unprovisioned node answers 404), does not answer, or does not take our credentials.
node_state() {
  pools=$(couchbase_api "${1:-$LOCAL}" /pools/default 2>/dev/null) || return 0
  printf '%s' "$pools" \
    | jq -r '.nodes[] | select(.thisNode == true) | "\(.clusterMembership) \(.status) \(.hostname)"' \
      2>/dev/null || true
}

wait_for_rest() {
  rest_deadline=$(($(date +%s) + $1))
  until curl -fsS --max-time 5 -o /dev/null "http://$LOCAL/ui/index.html" 2>/dev/null; do
    [ "$(date +%s)" -lt "$rest_deadline" ] || fail "the REST API on $LOCAL did not answer within $1 s"
    sleep 2
  done
}

# Members to join through, one host:port a line: the passing "couchbase" instances in Consul, then the seed (the
# node that initialised the cluster is a member before its own registration passes).
candidates() {
  passing=$(consul_api GET "/v1/health/service/$SERVICE?passing") \
    || fail "asking Consul for the passing $SERVICE instances failed"
  printf '%s' "$passing" | jq -r '.[].Service | "\(.Address):\(.Port)"' \
    || fail "reading Consul's list of $SERVICE instances failed: $passing"
  seed=$(consul_api GET "/v1/kv/$SEED_KEY?raw" 2>/dev/null) || seed=""   # 404: no cluster recorded
  [ -z "$seed" ] || printf '%s\n' "$seed"
}

# Sets "member" to the first candidate other than this node that says itself it is an active, healthy member,
# and "known" to every candidate other than this node (empty: there is no cluster yet).
choose_member() {
  list=$(candidates) || exit 1
  member=""
  known=""
  for candidate in $list; do
    case $candidate in
      :* | "$SELF":*) continue ;; # no address, or this node
    esac
    case " $known " in
      *" $candidate "*) continue ;;
    esac
    known="${known:+$known }$candidate"
    if [ -z "$member" ]; then
      case $(node_state "$candidate") in
        "active healthy "*) member=$candidate ;;
        *) say "not joining through $candidate: it does not answer as an active, healthy member" ;;
      esac
    fi
  done
}

init_cluster() {
  say "no member to join: initialising a new cluster on $SELF"
  couchbase-cli node-init -c "$LOCAL" -u "$CB_USER" -p "$CB_PASS" --node-init-hostname "$SELF" \
    || fail "couchbase-cli node-init (naming this node $SELF) failed"
  couchbase-cli cluster-init -c "$LOCAL" --cluster-username "$CB_USER" --cluster-password "$CB_PASS" \
    --cluster-name "$CB_CLUSTER_NAME" --services "$CB_SERVICES" \
    --cluster-ramsize "$CB_RAMSIZE" --cluster-index-ramsize "$CB_INDEX_RAMSIZE" \
    --index-storage-setting default \
    || fail "couchbase-cli cluster-init on $SELF failed"
  consul_api PUT "/v1/kv/$SEED_KEY" --data "$SELF:8091" >/dev/null \
    || fail "recording the new cluster in Consul ($SEED_KEY) failed"
}

rebalance_through() {
  couchbase-cli rebalance -c "$1" -u "$CB_USER" -p "$CB_PASS" --no-progress-bar \
    || fail "couchbase-cli rebalance through $1 failed"
}

join_through() {
  say "joining the cluster through $1"
  couchbase-cli server-add -c "$1" -u "$CB_USER" -p "$CB_PASS" --server-add "$SELF:8091" \
    --server-add-username "$CB_USER" --server-add-password "$CB_PASS" --services "$CB_SERVICES" \
    || fail "couchbase-cli server-add (adding $SELF through $1) failed"
  rebalance_through "$1"
}

# Until this node says it is an active, healthy member, for at most $1 seconds.
wait_until_active() {
  active_deadline=$(($(date +%s) + $1))
  while :; do
    state=$(node_state)
    case $state in
      "active healthy "*) return 0 ;;
    esac
    [ "$(date +%s)" -lt "$active_deadline" ] \
      || fail "this node is not an active, healthy member $1 s after joining (${state:-in no cluster})"
    sleep 2
  done
}

setup() {
  SELF=$(self_address)
  [ -n "$SELF" ] || fail "finding this node's address failed (CONTAINERPILOT_COUCHBASE_IP unset, hostname -i empty)"
  wait_for_rest 120
  state=$(node_state)
  case $state in
    "active "*)
      say "already a member ($state): nothing to do"
      return 0
      ;;
  esac
  state=$(node_state) # again: what happened before this run counts
  case $state in
    "active "*)
      say "already a member ($state): nothing to do"
      ;;
    inactiveAdded*)
      say "added earlier but never rebalanced in ($state): rebalancing"
      rebalance_through "$LOCAL"
      ;;
    inactiveFailed*)
      fail "this node was failed over ($state): recover it (couchbase-cli recovery) or remove it, by hand"
      ;;
    "")
      choose_member
      if [ -n "$member" ]; then
        join_through "$member"
      elif [ -z "$known" ]; then
        init_cluster
      else
        # Members are known but none answers: starting a second cluster beside them would split the data.
        fail "no known member answers ($known): not initialising a second cluster; try again later"
      fi
      ;;
    *)
      fail "this node is in an unexpected state: $state"
      ;;
  esac
  wait_until_active 120
  say "$SELF is an active member of the cluster"
}

health() {
  state=$(node_state)
  case $state in
    "active healthy "*) return 0 ;;
    "") fail "this node is in no cluster (GET /pools/default on $LOCAL gave no answer for it)" ;;
    *) fail "this node is not an active, healthy member: $state" ;;
  esac
}

leave() {
  SELF=$(self_address)
  if [ -z "$(node_state)" ]; then
    say "this node is in no cluster: nothing to leave"
    return 0
  fi
  state=$(node_state)
  if [ -z "$state" ]; then
    say "this node is in no cluster any more: nothing to leave"
    return 0
  fi
  name=${state##* } # the node's name in the cluster, host:port
  pools=$(couchbase_api "$LOCAL" /pools/default) || fail "reading the cluster's nodes from $LOCAL failed"
  others=$(printf '%s' "$pools" \
    | jq -r '.nodes[] | select(.thisNode != true and .clusterMembership == "active") | .hostname') \
    || fail "reading the cluster's nodes from $LOCAL failed: $pools"
  seed=$(consul_api GET "/v1/kv/$SEED_KEY?raw" 2>/dev/null) || seed=""
  if [ -z "$others" ]; then
    say "$name is the last node of the cluster: nothing to rebalance onto, it stops as it is"
    if [ "$seed" = "$name" ]; then
      consul_api DELETE "/v1/kv/$SEED_KEY" >/dev/null || say "warning: removing $SEED_KEY from Consul failed"
    fi
    return 0
  fi
  for other in $others; do
    say "leaving the cluster: rebalancing $name out through $other"
    if couchbase-cli rebalance -c "$other" -u "$CB_USER" -p "$CB_PASS" --server-remove "$name" --no-progress-bar; then
      if [ "$seed" = "$name" ]; then
        consul_api PUT "/v1/kv/$SEED_KEY" --data "$other" >/dev/null \
          || say "warning: moving $SEED_KEY in Consul to $other failed"
      fi
      say "$name has left the cluster"
      return 0
    fi
    say "couchbase-cli rebalance --server-remove $name through $other failed; trying the next member"
  done
  fail "couchbase-cli rebalance --server-remove $name failed through every member ($(echo "$others" | tr '\n' ' '))"
}

start() {
  cd /opt/couchbase || fail "starting: /opt/couchbase is missing (is this the couchbase/server image?)"
  # The folders the image's runit script makes; a fresh volume has none of them.
  for dir in var/lib/couchbase var/lib/couchbase/config var/lib/couchbase/data var/lib/couchbase/stats \
    var/lib/couchbase/logs; do
    if [ ! -d "$dir" ]; then
      mkdir -p "$dir" || fail "starting: making $dir failed"
      if [ "$(id -u)" = 0 ]; then
        chown couchbase:couchbase "$dir" || fail "starting: giving $dir to the couchbase user failed"
      fi
    fi
  done
  # Erlang wants a writable HOME if one is set; couchbase-server sets one itself when there is none.
  unset HOME
  if [ "$(id -u)" = 0 ]; then
    exec chpst -u couchbase /opt/couchbase/bin/couchbase-server -- -kernel global_enable_tracing false -noinput
  fi
  exec /opt/couchbase/bin/couchbase-server -- -kernel global_enable_tracing false -noinput
}

trap 'exit 143' TERM
trap 'exit 130' INT

case $step in
  start) start ;;
  setup) setup ;;
  health) health ;;
  leave) leave ;;
  *)
    printf 'usage: %s start|setup|health|leave\n' "$0" >&2
    exit 2
    ;;
esac
