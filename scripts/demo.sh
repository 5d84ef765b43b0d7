#!/usr/bin/env bash
# The agent at work, on this machine and without Docker: the node example of examples/node/ (a Node.js tier behind
# nginx that assembles itself through Consul). It installs what is missing (nginx, curl, Node.js from Debian;
# Consul through scripts/install-consul.sh), builds the agent if it was never built or its sources changed since,
# starts a Consul dev agent, nginx's agent and APPS app agents (each PID 1 of its own namespaces, as root), prints
# where to look and how to scale, and waits. Ctrl-C (or SIGTERM) stops everything it started.
#
# Usage: scripts/demo.sh [--apps N] [--check]
#   --apps N    app instances to start with (default 3)
#   --check     start, make one request through nginx, stop: exit 0 if it was answered by an app instance
# Environment: AUTOPILOT_DEMO_DIR (state and logs; default /tmp/autopilot-node-demo; --check uses a fresh
# temporary folder), NGINX_PORT (default 8080) and CONSUL_PORT (default 8500), used when free (else random ports),
# AUTOPILOT_DIST and CONSUL_BIN as for examples/node/local/run.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../examples/node/local/cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/../examples/node/local/cluster.sh"

usage() { sed -n 's/^# Usage: /usage: /p; s/^#   /  /p' "${BASH_SOURCE[0]}" >&2; exit 2; }

apps=3
check=false
while (( $# > 0 )); do
  case $1 in
    --apps) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage; apps=$2; shift 2 ;;
    --check) check=true; shift ;;
    -h|--help) usage ;;
    *) usage ;;
  esac
done

dir=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $dir ]]; then
    log ""
    log "stopping the agents, nginx, node and Consul ..."
    cluster_stop
    rm -rf "$dir"
    log "stopped."
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 0' INT TERM   # Ctrl-C is how the demo ends: not a failure

find_jdk
cluster_requirements
ensure_dist
if [[ $check == true ]]; then
  state=$(mktemp -d "${TMPDIR:-/tmp}/autopilot-demo-check.XXXXXX")
else
  state=${AUTOPILOT_DEMO_DIR:-/tmp/autopilot-node-demo}
fi
cluster_init "$state" "${NGINX_PORT:-8080}" "${CONSUL_PORT:-8500}"   # refuses a folder where a demo runs
dir=$CLUSTER_DIR

log "starting Consul ..."
cluster_start_consul
log "starting nginx's agent and $apps app agents ..."
cluster_start_nginx
for ((i = 1; i <= apps; i++)); do cluster_start_app "$i"; done

all_pass() { [[ $(cluster_passing app 2>/dev/null | wc -l) -ge $apps ]]; }
nginx_answers() { curl -fs --max-time 2 "$CLUSTER_NGINX_URL/" | grep -q '^hello from '; }
if ! wait_until 60 all_pass || ! wait_until 30 nginx_answers; then
  for name in nginx node-1 consul; do
    log "--- last lines of $dir/$name.log"
    tail -n 20 "$dir/$name.log" >&2 || true
  done
  die "the example did not come up within 90 s"
fi

if [[ $check == true ]]; then
  answer=$(curl -fsS --max-time 5 "$CLUSTER_NGINX_URL/")
  echo "GET $CLUSTER_NGINX_URL/ -> $answer"
  echo "demo check passed: $apps app instances pass in Consul, nginx answers through them"
  exit 0
fi

try() { printf '  %-52s # %s\n' "$1" "$2"; }
scale=examples/node/local/scale.sh
[[ $dir == /tmp/autopilot-node-demo ]] || scale="AUTOPILOT_DEMO_DIR=$dir $scale"
cat <<EOF

The node example runs: $apps Node.js instances behind nginx, each with its own agent, assembled through Consul.

$(cluster_describe)

Try (from $AUTOPILOT_ROOT):
$(try "curl $CLUSTER_NGINX_URL/" "repeat: the instance that answers changes")
$(try "$scale up" "one more instance: it registers, nginx's agent renders it in, nginx reloads")
$(try "$scale down" "the newest: SIGTERM to its agent, which deregisters it, drains, then stops node")
$(try "$scale list" "agents, node pids, passing instances")
$(try "kill -9 <a node pid from the list>" "its agent starts node again")
$(try "cat $CLUSTER_NGINX_CONF" "the upstreams, as rendered")

Ctrl-C stops everything.
EOF

while true; do
  sleep 5 &
  wait $! || true
done
