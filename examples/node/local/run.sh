#!/usr/bin/env bash
# End-to-end run of the node example on this machine, without Docker (part of scripts/test.sh): a Consul dev agent,
# nginx's agent and three app agents, each agent PID 1 of its own namespaces (see cluster.sh), then checks that the
# tier assembles and reassembles itself:
#   - three app instances pass in Consul; nginx's agent renders them as nginx's upstreams; requests reach all three;
#   - an instance nginx cannot parse, registered by hand, is refused by the template's `nginx -t`: the file stays;
#   - SIGTERM to an app agent: the instance leaves Consul and the upstreams within seconds;
#   - kill -9 of a node process: its agent starts it again and it passes again;
#   - a fourth instance joins the upstreams and gets traffic;
#   - no request fails meanwhile, and nginx's master process is the same throughout: only its workers were replaced.
# Prints `ok - ...` / `not ok - ...` lines (with the tail of the relevant logs on a failure), and last
# `N passed, M failed`; exits 0 only when nothing failed.
#
# Environment: AUTOPILOT_DIST (the agent's folder; default: agent/target/autopilot, built if missing or stale),
# CONSUL_BIN (default: scripts/install-consul.sh), KEEP=1 keeps the work folder (logs, rendered nginx.conf),
# CLUSTER_PLAIN=1 runs the agents as plain processes rather than in namespaces of their own.
#
# Usage: examples/node/local/run.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"

passed=0
failed=0
work=""
load_pid=""

ok() {
  passed=$((passed + 1))
  printf 'ok - %s\n' "$1"
}

# not_ok DESCRIPTION LOG...: a failed check, with the last lines of the named logs (nginx, node-1, consul, ...).
not_ok() {
  local name file
  failed=$((failed + 1))
  printf 'not ok - %s\n' "$1"
  shift
  for name in "$@"; do
    file=$work/$name.log
    [[ -f $file ]] || file=$work/$name
    [[ -f $file ]] || continue
    printf '  # --- last lines of %s\n' "${file#"$work"/}"
    tail -n 25 "$file" | sed 's/^/  # /'
  done
}

# not_ok_logs DESCRIPTION "LOG...": not_ok with the logs as one string.
not_ok_logs() {
  local names
  read -ra names <<<"$2"
  not_ok "$1" "${names[@]}"
}

# check DESCRIPTION "LOG..." CMD...: ok if CMD succeeds.
check() {
  local description=$1 logs=$2
  shift 2
  if "$@"; then ok "$description"; else not_ok_logs "$description" "$logs"; fi
}

# eventually SECONDS DESCRIPTION "LOG..." CMD...: ok once CMD succeeds within SECONDS; the time it took is shown.
eventually() {
  local seconds=$1 description=$2 logs=$3 start elapsed
  shift 3
  start=$(date +%s%N)
  if wait_until "$seconds" "$@"; then
    elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    ok "$description (after $((elapsed / 1000)).$(printf '%03d' $((elapsed % 1000))) s)"
  else
    not_ok_logs "$description (not within $seconds s)" "$logs"
  fi
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $load_pid ]]; then kill "$load_pid" 2>/dev/null || true; wait "$load_pid" 2>/dev/null || true; fi
  cluster_stop
  if [[ -n $work ]]; then
    if [[ ${KEEP:-} == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- what the checks look at -------------------------------------------------------------------------------

# The instance that answered a request through nginx ("node-2"), or nothing.
answer() { curl -s --max-time 3 "$CLUSTER_NGINX_URL/" | sed -n 's/^hello from \([^ ]*\) .*/\1/p'; }

# The service IDs in the rendered nginx.conf's upstream block, one a line.
upstreams() { sed -n 's/^ *server .*# \(app-[^ ]*\) on .*/\1/p' "$CLUSTER_NGINX_CONF" 2>/dev/null || true; }

sorted() { printf '%s\n' "$@" | sort; }
passing_are() { [[ $(cluster_passing app 2>/dev/null | sort) == "$(sorted "$@")" ]]; }
upstreams_are() { [[ $(upstreams | sort) == "$(sorted "$@")" ]]; }
nginx_serves() { [[ -n $(answer) ]]; }

# reaches N INSTANCE...: N requests through nginx reach every INSTANCE, and only those.
reaches() {
  local requests=$1 seen
  shift
  seen=$(for _ in $(seq "$requests"); do answer; done | sort -u)
  [[ $seen == "$(sorted "$@")" ]] || { log "  # $requests requests reached: $(echo "$seen" | paste -sd ' ')"; return 1; }
}
# gets_traffic INSTANCE: one of 12 requests reaches it.
gets_traffic() {
  local _
  for _ in $(seq 12); do [[ $(answer) == "$1" ]] && return 0; done
  return 1
}

# The nginx template's lastError in `autopilot -status` of nginx's agent contains $1.
template_error_has() {
  CONTROL_SOCKET=$work/nginx.sock "$AUTOPILOT" -config "$NODE_EXAMPLE/nginx/autopilot.json5" -status 2>/dev/null \
    | node -e '
      let text = "";
      process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
        const template = (JSON.parse(text).templates || []).find((t) => t.name === "nginx");
        process.exit(template && (template.lastError || "").includes(process.argv[1]) ? 0 : 1);
      });' "$1"
}

nginx_master() { cluster_child_pid nginx nginx; }
nginx_workers() {
  local master=$1
  # shellcheck disable=SC2013
  cat /proc/"$master"/task/*/children 2>/dev/null | tr ' ' '\n' | sed '/^$/d' | sort
}

app_passes() { cluster_passing app 2>/dev/null | grep -qx "app-$1"; }
app_gone() { ! cluster_passing app 2>/dev/null | grep -qx "app-$1"; }
not_upstream() { ! upstreams | grep -qx "app-$1"; }
is_upstream() { upstreams | grep -qx "app-$1"; }
agent_gone() { ! pid_alive "$1"; }
node_restarted() {
  local pid
  pid=$(cluster_child_pid "$1" node) && [[ $pid != "$2" ]]
}

# Requests through nginx in a loop, one status code a line in $work/load.codes, until $work/load.stop exists.
load() {
  local code
  while [[ ! -f $work/load.stop ]]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$CLUSTER_NGINX_URL/") || code=${code:-000}
    printf '%s\n' "$code"
    sleep 0.01
  done >"$work/load.codes"
}

# --- the run ---------------------------------------------------------------------------------------------------

cluster_requirements
ensure_dist
work=$(mktemp -d "${TMPDIR:-/tmp}/autopilot-node.XXXXXX")
cluster_init "$work"
if [[ $CLUSTER_NAMESPACES == true ]]; then
  echo "# each agent is PID 1 of its own pid, mount and UTS namespaces"
else
  echo "# the agents run as plain processes with distinct service IDs (no unshare: not root, or CLUSTER_PLAIN=1)"
fi
cluster_start_consul
ok "Consul dev agent up at $CLUSTER_CONSUL_URL"
cluster_start_nginx
for n in 1 2 3; do cluster_start_app "$n"; done

eventually 30 "three app instances pass in Consul" "node-1 node-2 node-3" \
  passing_are app-node-1 app-node-2 app-node-3
eventually 20 "nginx's agent rendered the three instances as upstreams" "nginx" \
  upstreams_are app-node-1 app-node-2 app-node-3
eventually 20 "nginx answers through them at $CLUSTER_NGINX_URL" "nginx" nginx_serves
check "30 requests through nginx reach all three instances" "nginx nginx/access.log" \
  reaches 30 node-1 node-2 node-3

master=$(nginx_master || true)
workers=$(nginx_workers "$master")
conf_before=$(cat "$CLUSTER_NGINX_CONF" 2>/dev/null || true)
load &
load_pid=$!

# An instance whose address nginx cannot parse: the render is refused by `nginx -t`, and nginx.conf stays as it was.
bogus='{"ID":"app-bogus","Name":"app","Address":"not an address","Port":1}'
curl -fsS -X PUT --data "$bogus" "$CLUSTER_CONSUL_URL/v1/agent/service/register" >/dev/null
eventually 10 "an instance nginx -t rejects is kept out: validate refuses the render" "nginx" \
  template_error_has "validate refused the file"
check "... and nginx.conf keeps the previous upstreams" "nginx" upstreams_are app-node-1 app-node-2 app-node-3
curl -fsS -X PUT "$CLUSTER_CONSUL_URL/v1/agent/service/deregister/app-bogus" >/dev/null

# SIGTERM to node-2's agent: it deregisters, its drain hook gives nginx time to reload, then node stops.
node2=$(cluster_agent_pid node-2)
kill -TERM "$node2"
eventually 10 "SIGTERM to node-2's agent: node-2 leaves Consul" "node-2" app_gone node-2
eventually 10 "... and nginx's upstreams" "nginx node-2" not_upstream node-2
eventually 15 "... and its agent exits" "node-2" agent_gone "$node2"
_reap node-2 5
check "requests now reach node-1 and node-3 only" "nginx nginx/access.log" reaches 20 node-1 node-3

# kill -9 of node-1's node process: the agent starts it again.
old_node=$(cluster_child_pid node-1 node || true)
kill -KILL "$old_node"
eventually 10 "kill -9 of node-1's node process (pid $old_node): its agent starts a new one" "node-1" \
  node_restarted node-1 "$old_node"
eventually 15 "... which passes in Consul" "node-1" app_passes node-1
eventually 15 "... is among nginx's upstreams" "nginx node-1" is_upstream node-1
eventually 15 "... and gets traffic again" "nginx node-1" gets_traffic node-1

# A fourth instance joins.
cluster_start_app 4
eventually 30 "node-4 starts and passes in Consul" "node-4" app_passes node-4
eventually 15 "... joins nginx's upstreams" "nginx node-4" upstreams_are app-node-1 app-node-3 app-node-4
eventually 15 "... and gets traffic" "nginx node-4" gets_traffic node-4

touch "$work/load.stop"
wait "$load_pid" || true
load_pid=""
total=$(wc -l <"$work/load.codes")
bad=$(grep -cvx 200 "$work/load.codes" || true)
if (( total >= 30 && bad == 0 )); then
  ok "no request failed through all the changes ($total requests)"
else
  not_ok "requests failed during the changes: $bad of $total (statuses: $(sort "$work/load.codes" | uniq -c | paste -sd ' '))" \
    nginx nginx/access.log
fi

now_master=$(nginx_master || true)
conf_after=$(cat "$CLUSTER_NGINX_CONF" 2>/dev/null || true)
if [[ -n $master && $now_master == "$master" && $conf_after != "$conf_before" ]]; then
  ok "nginx's master process (pid $master) is the one that started, with nginx.conf rendered anew"
else
  not_ok "nginx's master process changed: pid ${master:-none} -> ${now_master:-none}" nginx
fi
# Every reload replaced the workers; those of the first configuration have finished and exited.
original_workers_gone() {
  local current
  current=$(nginx_workers "$master")
  [[ -n $current && -z $(comm -12 <(echo "$workers") <(echo "$current")) ]]
}
eventually 15 "... and its workers were replaced by reloads (SIGHUP), not by a restart" nginx original_workers_gone

printf '%d passed, %d failed\n' "$passed" "$failed"
(( failed == 0 ))
