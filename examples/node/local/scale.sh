#!/usr/bin/env bash
# Scales the app tier of the node example started by scripts/demo.sh (or of any cluster made by cluster.sh).
#
#   examples/node/local/scale.sh up [COUNT]      start COUNT more app agents (default 1), each PID 1 of its namespaces
#   examples/node/local/scale.sh down [COUNT]    SIGTERM to the COUNT newest app agents (default 1)
#   examples/node/local/scale.sh list            the app agents, and the instances passing in Consul
#
# The cluster is the one in $AUTOPILOT_DEMO_DIR (default: /tmp/autopilot-node-demo, scripts/demo.sh's). Agents
# started here are stopped by the demo's Ctrl-C like the others.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"

usage() { sed -n 's/^#   //p' "${BASH_SOURCE[0]}" >&2; exit 2; }

command=${1:-}
count=${2:-1}
[[ $count =~ ^[1-9][0-9]*$ ]] || usage
dir=${AUTOPILOT_DEMO_DIR:-/tmp/autopilot-node-demo}
[[ -f $dir/cluster.env ]] || die "no cluster running in $dir: start one with scripts/demo.sh"
cluster_load "$dir"
consul_has_leader "$CLUSTER_CONSUL_URL" || die "the cluster in $dir is not running (its Consul does not answer)"

list() {
  local name
  for name in $(cluster_apps); do
    printf '%-8s agent pid %-7s node pid %-7s port %s\n' "$name" "$(cluster_agent_pid "$name" || echo -)" \
      "$(cluster_child_pid "$name" node || echo -)" "$(cat "$CLUSTER_DIR/$name.port")"
  done
  echo "passing in Consul: $(cluster_passing app | paste -sd ' ')"
}

passes() { cluster_passing app | grep -qx "app-$1"; }

case $command in
  up)
    last=$(cluster_apps | tail -n 1)
    next=$(( ${last#node-} + 1 ))
    started=()
    for ((i = next; i < next + count; i++)); do
      cluster_start_app "$i"
      started+=("node-$i")
    done
    for name in "${started[@]}"; do
      if wait_until 30 passes "$name"; then
        echo "$name passes in Consul; nginx's agent adds it to the upstreams"
      else
        log "$name does not pass in Consul after 30 s; its log:"
        tail -n 20 "$CLUSTER_DIR/$name.log" >&2
      fi
    done
    ;;
  down)
    mapfile -t running < <(cluster_apps)
    (( ${#running[@]} > 0 )) || die "no app agent runs"
    for name in $(printf '%s\n' "${running[@]}" | tail -n "$count"); do
      echo "SIGTERM to $name's agent: it deregisters, drains, stops node"
      cluster_stop_agent "$name"
    done
    ;;
  list) ;;
  *) usage ;;
esac
list
