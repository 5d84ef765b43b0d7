#!/usr/bin/env bash
# Builds the agent if needed and shows what it does today on the example configurations: the version, a valid
# config summarised, a broken one with every problem and its source line, a config rendered through its template,
# and the agent supervising a few jobs as PID 1 of a new pid namespace (as root; else as a plain process) until
# SIGTERM, and two agents on a local Consul dev agent: one registers a service, the other watches it and reacts to
# its changes.
# Sets up what it needs: a JDK 25 (found as scripts/test.sh finds it), Maven, curl, and Consul (scripts/install-consul.sh).
#
# Usage: scripts/try.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

examples=$AUTOPILOT_ROOT/agent/src/test/resources/io/autopilot/config/examples
ensure_dist
dist=$AUTOPILOT_DIST
agent=$dist/bin/autopilot
cd "$examples"

step() { printf '\n$ %s\n' "$*"; }

step autopilot -version
"$agent" -version

step autopilot -validate -config consul-agent.json5
"$agent" -validate -config consul-agent.json5

step autopilot -validate -config stopping-invalid.json5
"$agent" -validate -config stopping-invalid.json5 || echo "(exit code $?)"

step CONSUL=consul.service:8301 autopilot -template -config consul-agent.json5
CONSUL=consul.service:8301 "$agent" -template -config consul-agent.json5 | sed -n '1,12p'
echo "..."

supervision=$AUTOPILOT_ROOT/examples/supervision/app.json5
# A socket of its own, not the host's /var/run/containerpilot.socket (unshare gives no private /run).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CONTROL_SOCKET=$work/supervision.socket
if pid_namespaces_work; then
  step "unshare --pid --fork --mount-proc autopilot -config examples/supervision/app.json5   # as PID 1; SIGTERM after 3 s"
  unshare --pid --fork --mount-proc "$agent" -config "$supervision" &
  namespace=$!
  sleep 3
  # unshare itself ignores TERM: the agent is its child, PID 1 inside the new namespace.
  kill -TERM "$(unshare_child "$namespace")"
else
  step "autopilot -config examples/supervision/app.json5   # SIGTERM after 3 s"
  "$agent" -config "$supervision" &
  namespace=$!
  sleep 3
  kill -TERM "$namespace"
fi
status=0
wait "$namespace" || status=$?
echo "(exit code $status)"

# Consul: a dev agent on loopback, one agent registering "web", another watching it.
ensure_packages curl
consul=$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")
port=$((20000 + RANDOM % 20000))
"$consul" agent -dev -bind 127.0.0.1 -client 127.0.0.1 -http-port "$port" -dns-port -1 -grpc-port -1 \
  -serf-lan-port $((port + 1)) -serf-wan-port $((port + 2)) -server-port $((port + 3)) >"$work/consul.log" 2>&1 &
consul_pid=$!
pids=("$consul_pid")
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
wait_until 30 consul_has_leader "http://127.0.0.1:$port" \
  || { tail -n 20 "$work/consul.log" >&2; die "Consul did not start on port $port"; }
export CONSUL=127.0.0.1:$port
# web passes in Consul; the watcher has printed at least $1 changes of web (its job's output).
web_passes() { [[ $(curl -s "http://127.0.0.1:$port/v1/health/service/web?passing" || true) == *'"ID"'* ]]; }
watcher_saw() { (( $(grep -c 'web changed: added' "$work/watcher.log" 2>/dev/null || true) >= $1 )); }

step "a Consul dev agent on 127.0.0.1:$port; autopilot -config examples/discovery/watcher.json5 &"
CONTROL_SOCKET=$work/watcher.sock "$agent" -config "$AUTOPILOT_ROOT/examples/discovery/watcher.json5" \
  > >(tee "$work/watcher.log" | sed -u 's/^/  [watcher] /') 2>&1 &
pids+=($!)
wait_until 30 test -S "$work/watcher.sock" || die "the watcher did not start"
step "autopilot -config examples/discovery/web.json5 &   # registers web; SIGTERM once it passes in Consul"
CONTROL_SOCKET=$work/web.sock "$agent" -config "$AUTOPILOT_ROOT/examples/discovery/web.json5" \
  > >(sed -u 's/^/  [web] /') 2>&1 &
web=$!
pids+=("$web")
wait_until 30 web_passes || log "web does not pass in Consul after 30 s"
wait_until 10 watcher_saw 1 || log "the watcher did not react to web within 10 s"
step "curl http://127.0.0.1:$port/v1/health/service/web?passing   # what Consul knows"
curl -s "http://127.0.0.1:$port/v1/health/service/web?passing" | grep -A6 '"Service": {' \
  | grep -E '"(ID|Service|Address|Port)":' | tr -s ' ' | paste -sd ' ' || echo "  (not registered)"
step "CONTROL_SOCKET=... autopilot -config examples/discovery/web.json5 -status"
CONTROL_SOCKET=$work/web.sock "$agent" -config "$AUTOPILOT_ROOT/examples/discovery/web.json5" -status | head -c 400
echo
kill -TERM "$web"
wait "$web" || true
wait_until 10 watcher_saw 2 || log "the watcher did not react to web's leaving within 10 s"

printf '\nThe agent is in %s; see README.md for what each step of the project adds.\n' "$dist"
