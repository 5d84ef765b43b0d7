#!/usr/bin/env bash
# The node example on this machine, without Docker: a Consul dev agent, nginx's agent and N app agents, each agent
# PID 1 of its own pid, mount and UTS namespaces (`unshare`, as root) with its own host name, as it would be in its
# container. Where unshare cannot be used, the agents run as plain processes with distinct service IDs and no
# telemetry (whose Consul ID comes from the host name). Source this file; do not run it. Used by run.sh (the
# end-to-end test), scale.sh and scripts/demo.sh.
#
#   cluster_requirements      install what is missing (nginx-light, curl, nodejs; Consul via scripts/install-consul.sh)
#                             and set CONSUL_BIN
#   cluster_init DIR [NGINX_PORT CONSUL_PORT]
#                             a new cluster in DIR (created; must not hold a running one); ports preferred if free
#   cluster_load DIR          the cluster of DIR, started by another process (scale.sh)
#   cluster_start_consul      start Consul and wait until it has a leader
#   cluster_start_nginx       start nginx's agent (its nginx starts once the template has been rendered)
#   cluster_start_app N       start app agent N (host name node-N, service ID app-node-N)
#   cluster_stop_agent NAME   SIGTERM to agent NAME (nginx, node-N), wait until it has exited
#   cluster_stop              stop every agent, then Consul, then anything left with the cluster's marker
#   cluster_apps              the names of the running app agents (node-N), in order
#   cluster_agent_pid NAME    the agent's pid (PID 1 of its namespace, seen from here)
#   cluster_child_pid NAME COMM   the pid of the agent's child process called COMM (node, nginx)
#   cluster_passing SERVICE   the IDs of SERVICE's passing instances in Consul, one a line
#   cluster_describe          where to look: URLs, logs, status commands
#
# The agent's folder comes from ensure_dist, bounded waits from wait_until (scripts/lib/common.sh, sourced here).
#
# CLUSTER_PLAIN=1 runs the agents as plain processes even where unshare works (to try that mode).
#
# State is files only, so that another process can add instances to a running cluster and stop them:
#   $CLUSTER_DIR/cluster.env     ports, binaries, the mode; read by cluster_load
#   consul.pid|log, <agent>.pid|log|sock|port for nginx and node-N, nginx/ (nginx.conf, its pid file, temp files)
# A *.pid file holds the pid of `unshare` (namespace mode) or of the agent (plain mode).

# shellcheck source-path=SCRIPTDIR source=../../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/lib/common.sh"

NODE_EXAMPLE="$AUTOPILOT_ROOT/examples/node"

cluster_requirements() {
  local packages=(nginx-light curl)
  command -v node >/dev/null || packages+=(nodejs)
  ensure_packages "${packages[@]}"
  [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null || die "nginx is not installed"
  CONSUL_BIN="$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")"
  export CONSUL_BIN
}

# --- processes -----------------------------------------------------------------------------------------------

# Succeeds while process $1 runs (a zombie, exited but not yet reaped, does not count).
pid_alive() {
  local stat
  [[ -n ${1:-} ]] || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

pid_gone() { ! pid_alive "$1"; }

# Ports in use on this machine, from /proc/net: with "listening", TCP ports listened on and bound UDP ports only
# (a port left in TIME_WAIT by a previous run can be listened on again); else every TCP and UDP port in any state.
_used_ports() {
  local file files=()
  for file in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do
    [[ -r $file ]] && files+=("$file")
  done
  (( ${#files[@]} > 0 )) || return 0
  # One read of each file: the kernel walks every socket for each read, so reading line by line takes seconds on
  # a machine with thousands of sockets (TIME_WAIT included).
  awk -v only_listening="${1:-}" '
    function hex(digits,  i, n) {
      n = 0
      for (i = 1; i <= length(digits); i++) n = n * 16 + index("0123456789ABCDEF", substr(digits, i, 1)) - 1
      return n
    }
    FNR > 1 {
      if (only_listening == "listening" && FILENAME ~ /tcp/ && $4 != "0A") next
      split($2, address, ":")
      print hex(address[2])
    }' "${files[@]}"
}

# free_port VAR [PREFERRED]: sets VAR to a port nothing uses, below Linux's ephemeral range (PREFERRED if nothing
# listens on it), and never one this cluster has already taken.
free_port() {
  local candidate
  local -A used=()
  local -A listening=()
  for candidate in $(_used_ports) ${_cluster_ports:-}; do used[$candidate]=1; done
  for candidate in $(_used_ports listening) ${_cluster_ports:-}; do listening[$candidate]=1; done
  if [[ -n ${2:-} && -z ${listening[$2]:-} ]]; then
    candidate=$2
  else
    candidate=$((20000 + RANDOM % 12000))
    while [[ -n ${used[$candidate]:-} ]]; do candidate=$((20000 + RANDOM % 12000)); done
  fi
  _cluster_ports="${_cluster_ports:-} $candidate"
  printf -v "$1" '%s' "$candidate"
}

# --- the cluster -----------------------------------------------------------------------------------------------

cluster_init() {
  local dir=$1 name
  mkdir -p "$dir"
  CLUSTER_DIR=$(cd "$dir" && pwd -P)
  for name in "$CLUSTER_DIR"/*.pid; do
    [[ -f $name ]] || continue
    pid_alive "$(cat "$name")" && die "a cluster is running in $CLUSTER_DIR (pid $(cat "$name") of $(basename "$name" .pid))"
  done
  find "$CLUSTER_DIR" -mindepth 1 -delete
  _cluster_ports=""
  free_port CLUSTER_NGINX_PORT "${2:-}"
  free_port CLUSTER_CONSUL_PORT "${3:-}"
  free_port CLUSTER_SERF_LAN_PORT
  free_port CLUSTER_SERF_WAN_PORT
  free_port CLUSTER_SERVER_PORT
  if [[ ${CLUSTER_PLAIN:-} != 1 ]] && pid_namespaces_work; then
    CLUSTER_NAMESPACES=true
  else
    CLUSTER_NAMESPACES=false
  fi
  : "${CONSUL_BIN:?cluster_requirements first}" "${AUTOPILOT_DIST:?ensure_dist first}"
  {
    declare -p CLUSTER_NGINX_PORT CLUSTER_CONSUL_PORT CLUSTER_SERF_LAN_PORT CLUSTER_SERF_WAN_PORT CLUSTER_SERVER_PORT
    declare -p CLUSTER_NAMESPACES CONSUL_BIN AUTOPILOT_DIST
  } | sed 's/^declare -[a-z-]* //' >"$CLUSTER_DIR/cluster.env"
  _cluster_vars
}

cluster_load() {
  [[ -f $1/cluster.env ]] || die "no cluster in $1 (no cluster.env)"
  CLUSTER_DIR=$(cd "$1" && pwd -P)
  # shellcheck source=/dev/null
  source "$CLUSTER_DIR/cluster.env"
  _cluster_ports="$CLUSTER_NGINX_PORT $CLUSTER_CONSUL_PORT $CLUSTER_SERF_LAN_PORT $CLUSTER_SERF_WAN_PORT"
  _cluster_ports+=" $CLUSTER_SERVER_PORT $(cat "$CLUSTER_DIR"/*.port 2>/dev/null | tr '\n' ' ' || true)"
  _cluster_vars
}

_cluster_vars() {
  CLUSTER_CONSUL=127.0.0.1:$CLUSTER_CONSUL_PORT
  CLUSTER_CONSUL_URL=http://$CLUSTER_CONSUL
  CLUSTER_NGINX_URL=http://127.0.0.1:$CLUSTER_NGINX_PORT
  CLUSTER_NGINX_CONF=$CLUSTER_DIR/nginx/nginx.conf
  AUTOPILOT=$AUTOPILOT_DIST/bin/autopilot
  # Every process of the cluster carries this variable: cluster_stop finds what an agent left behind by it.
  CLUSTER_MARKER=AUTOPILOT_NODE_CLUSTER=$CLUSTER_DIR
}

cluster_start_consul() {
  setsid env "$CLUSTER_MARKER" "$CONSUL_BIN" agent -dev -node local -bind 127.0.0.1 -client 127.0.0.1 \
    -http-port "$CLUSTER_CONSUL_PORT" -dns-port -1 -grpc-port -1 -serf-lan-port "$CLUSTER_SERF_LAN_PORT" \
    -serf-wan-port "$CLUSTER_SERF_WAN_PORT" -server-port "$CLUSTER_SERVER_PORT" \
    </dev/null >"$CLUSTER_DIR/consul.log" 2>&1 &
  echo $! >"$CLUSTER_DIR/consul.pid"
  wait_until 30 consul_has_leader "$CLUSTER_CONSUL_URL" \
    || { tail -n 20 "$CLUSTER_DIR/consul.log" >&2; die "Consul did not start"; }
}

# _start_agent NAME CONFIG VAR=VALUE...: the agent of one container, PID 1 of its namespaces with host name NAME.
_start_agent() {
  local name=$1 config=$2 pid
  shift 2
  local vars=("$CLUSTER_MARKER" "PATH=$PATH:/usr/sbin:/sbin" "CONSUL=$CLUSTER_CONSUL" "ADVERTISE=static:127.0.0.1"
    "CONTROL_SOCKET=$CLUSTER_DIR/$name.sock" "$@")
  if [[ $CLUSTER_NAMESPACES == true ]]; then
    # Telemetry registers as containerpilot-<hostname>: only with a host name of its own.
    local telemetry
    free_port telemetry
    echo "$telemetry" >"$CLUSTER_DIR/$name.telemetry.port"
    # unshare ignores TERM; --kill-child makes its death kill the namespace, the agent first.
    # shellcheck disable=SC2016  # $0 and $@ are the inner shell's
    setsid unshare --pid --fork --mount-proc --uts --kill-child \
      env "${vars[@]}" "TELEMETRY_PORT=$telemetry" sh -c 'hostname "$0" && exec "$@"' "$name" \
      "$AUTOPILOT" -config "$config" </dev/null >"$CLUSTER_DIR/$name.log" 2>&1 &
  else
    setsid env "${vars[@]}" "$AUTOPILOT" -config "$config" </dev/null >"$CLUSTER_DIR/$name.log" 2>&1 &
  fi
  pid=$!
  echo "$pid" >"$CLUSTER_DIR/$name.pid"
}

cluster_start_nginx() {
  mkdir -p "$CLUSTER_DIR/nginx/tmp"
  echo "$CLUSTER_NGINX_PORT" >"$CLUSTER_DIR/nginx.port"
  _start_agent nginx "$NODE_EXAMPLE/nginx/autopilot.json5" \
    "NGINX_CONF=$CLUSTER_NGINX_CONF" "NGINX_PORT=$CLUSTER_NGINX_PORT" NGINX_ADDRESS=127.0.0.1 \
    "NGINX_PID_FILE=$CLUSTER_DIR/nginx/nginx.pid" "NGINX_ACCESS_LOG=$CLUSTER_DIR/nginx/access.log" \
    "NGINX_TEMP_DIR=$CLUSTER_DIR/nginx/tmp"
}

cluster_start_app() {
  local name=node-$1 port ids=()
  [[ -f $CLUSTER_DIR/$name.pid ]] && pid_alive "$(cat "$CLUSTER_DIR/$name.pid")" && die "$name runs already"
  free_port port
  echo "$port" >"$CLUSTER_DIR/$name.port"
  # Without a UTS namespace every agent has this machine's host name: give the service IDs explicitly.
  [[ $CLUSTER_NAMESPACES == true ]] || ids=("SERVICE_ID=app-$name" "INSTANCE_ID=$name")
  _start_agent "$name" "$NODE_EXAMPLE/app/autopilot.json5" "PORT=$port" HOST=127.0.0.1 \
    "APP_DIR=$NODE_EXAMPLE/app" ${ids[@]+"${ids[@]}"}
}

# The agent's own pid: in namespace mode, the child of unshare (which may take a moment to fork it).
cluster_agent_pid() {
  local pid
  pid=$(cat "$CLUSTER_DIR/$1.pid" 2>/dev/null) || return 1
  pid_alive "$pid" || return 1
  if [[ $CLUSTER_NAMESPACES == true ]]; then
    unshare_child "$pid"
  else
    printf '%s\n' "$pid"
  fi
}

# The pid of the agent's child called $2; fails if there is none. (Children are listed per thread: the agent
# spawns from several.)
cluster_child_pid() {
  local agent pid
  agent=$(cluster_agent_pid "$1") || return 1
  # shellcheck disable=SC2013  # the children files are lists of words
  for pid in $(cat /proc/"$agent"/task/*/children 2>/dev/null); do
    if [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$2" ]] && pid_alive "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  done
  return 1
}

_cluster_names() {
  local file
  for file in "$CLUSTER_DIR"/*.pid; do
    [[ -f $file ]] || continue
    file=$(basename "$file" .pid)
    [[ $file == consul ]] || printf '%s\n' "$file"
  done
}

cluster_apps() {
  local name
  for name in $(_cluster_names | grep '^node-' | sort -t- -k2 -n); do
    pid_alive "$(cat "$CLUSTER_DIR/$name.pid")" && printf '%s\n' "$name"
  done
  return 0
}

# _signal_agent NAME: SIGTERM to the agent (not to unshare, which ignores it).
_signal_agent() {
  local agent
  if agent=$(cluster_agent_pid "$1"); then
    kill -TERM "$agent" 2>/dev/null || true
  fi
}

# _reap NAME SECONDS: wait for the process of NAME.pid to end, else kill it (and with unshare, its namespace).
_reap() {
  local pid
  pid=$(cat "$CLUSTER_DIR/$1.pid" 2>/dev/null) || return 0
  if ! wait_until "$2" pid_gone "$pid"; then
    log "$1 (pid $pid) did not stop within $2 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 5 pid_gone "$pid" || true
  fi
  wait "$pid" 2>/dev/null || true   # reap it if it is a child of this shell
  rm -f "$CLUSTER_DIR/$1.pid"
}

cluster_stop_agent() {
  _signal_agent "$1"
  _reap "$1" "${2:-20}"
}

cluster_stop() {
  local name names proc
  [[ -n ${CLUSTER_DIR:-} && -d $CLUSTER_DIR ]] || return 0
  names=$(_cluster_names)
  for name in $names; do _signal_agent "$name"; done
  for name in $names; do _reap "$name" 20; done
  if [[ -f $CLUSTER_DIR/consul.pid ]]; then
    kill -TERM "$(cat "$CLUSTER_DIR/consul.pid")" 2>/dev/null || true
    _reap consul 10
  fi
  # Whatever an agent killed with -9 left behind (plain mode: its nginx or node) still carries the marker.
  for proc in /proc/[0-9]*; do
    if { tr '\0' '\n' <"$proc/environ"; } 2>/dev/null | grep -qxF "$CLUSTER_MARKER"; then
      kill -KILL "${proc#/proc/}" 2>/dev/null || true
    fi
  done
}

cluster_passing() {
  curl -fsS --max-time 2 "$CLUSTER_CONSUL_URL/v1/health/service/$1?passing" | node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      for (const entry of JSON.parse(text)) console.log(entry.Service.ID);
    });'
}

cluster_describe() {
  local name telemetry
  cat <<EOF
  nginx (the app through it)   $CLUSTER_NGINX_URL/
  Consul UI                    $CLUSTER_CONSUL_URL/ui/
  nginx.conf, as rendered      $CLUSTER_NGINX_CONF
  logs                         $CLUSTER_DIR/*.log, nginx's access log $CLUSTER_DIR/nginx/access.log
EOF
  for name in $(_cluster_names | sort -t- -k2 -n); do
    local config=$NODE_EXAMPLE/app/autopilot.json5
    [[ $name == nginx ]] && config=$NODE_EXAMPLE/nginx/autopilot.json5
    printf '  %-28s CONTROL_SOCKET=%s %s -config %s -status\n' "$name agent" "$CLUSTER_DIR/$name.sock" \
      "$AUTOPILOT" "${config#"$AUTOPILOT_ROOT"/}"
    if [[ -f $CLUSTER_DIR/$name.telemetry.port ]]; then
      telemetry=$(cat "$CLUSTER_DIR/$name.telemetry.port")
      printf '  %-28s http://127.0.0.1:%s/status  (and /metrics)\n' "" "$telemetry"
    fi
  done
}
