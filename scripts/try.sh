#!/usr/bin/env bash
# Builds the agent and shows what it does today on the example configurations: the version, a valid config
# summarised, a broken one with every problem and its source line, a config rendered through its template, and the
# agent supervising a few jobs as PID 1 of a new pid namespace (as root; else as a plain process) until SIGTERM.
# Needs nothing but a JDK 25 (found as scripts/test.sh finds it) and Maven; no Consul yet.
#
# Usage: scripts/try.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

examples=$AUTOPILOT_ROOT/agent/src/test/resources/io/autopilot/config/examples
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
echo "building the agent (scripts/build.sh) ..."
dist=$(bash "$AUTOPILOT_ROOT/scripts/build.sh" -q 2>"$build_log") || { cat "$build_log" >&2; die "the build failed"; }
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
if [[ $(id -u) == 0 ]] && unshare --pid --fork --mount-proc true 2>/dev/null; then
  step "unshare --pid --fork --mount-proc autopilot -config examples/supervision/app.json5   # as PID 1; SIGTERM after 3 s"
  unshare --pid --fork --mount-proc "$agent" -config "$supervision" &
  namespace=$!
  sleep 3
  # unshare itself ignores TERM: the agent is its child, PID 1 inside the new namespace.
  kill -TERM "$(cat "/proc/$namespace/task/$namespace/children")"
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

printf '\nThe agent is in %s; see README.md for what each step of the project adds.\n' "$dist"
