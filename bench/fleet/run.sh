#!/usr/bin/env bash
# Fleet simulation by hand: FleetIT (agent/src/test/java/io/autopilot/faults) with N agents and longer phases than the
# suite's. N agents, each PID 1 of its own pid, mount and UTS namespaces with its own host name, talk to one Consul dev
# agent (or, with `cluster`, to three servers, agent i to server i mod 3), each through its own port of a counting
# proxy on loopback. It prints the lines `fault: fleet: ...`: requests per agent per minute at idle and what they are
# made of, memory per agent, the delay from a change of the watched service to every agent's job (p50/p99), and the
# requests per 100 ms window after Consul comes back from a restart.
#
# Usage: bench/fleet/run.sh [N] [cluster]        (default 10 agents, one Consul; as root, for the namespaces)
#   FLEET_IDLE=SECONDS     the idle window (default 120: the watch's blocking query returns about once a minute)
#   FLEET_ROUNDS=R         changes of the watched service (default 20, registration and deregistration in turn)
#   FLEET_OUTAGE=SECONDS   how long Consul stays away before it comes back (default 10)
# Runs the packaged agent (built first if missing or older than the sources); Maven's log is kept in the file it names.
# Run by hand; the figures go to docs/reliability.md (Fleet simulation) with the machine and the date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

size=${1:-10}
case ${2:-one} in
  one) method=oneConsul ;;
  cluster) method=threeServers ;;
  *) die "usage: bench/fleet/run.sh [N] [cluster]; '$2' is neither 'cluster' nor empty" ;;
esac
[[ $size =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number of agents, not '$size'"
(( EUID == 0 )) || die "the fleet runs as root: each agent is PID 1 of its own namespaces (unshare --pid ...)"

find_jdk
ensure_maven
cd "$AUTOPILOT_ROOT"
log=$(mktemp -t fleet-XXXXXX.log)
report=agent/target/failsafe-reports/io.autopilot.faults.FleetIT-output.txt
rm -f "$report"
status=0
ensure_dist
# The distribution as it is (ensure_dist rebuilt it if older than the sources): only the tests are compiled.
mvn -B -ntp -pl agent test-compile failsafe:integration-test failsafe:verify -Dit.test="FleetIT#$method" \
  -Ddist.dir="$AUTOPILOT_DIST" \
  -Dfleet.size="$size" -Dfleet.idle="${FLEET_IDLE:-120}" -Dfleet.rounds="${FLEET_ROUNDS:-20}" \
  -Dfleet.outage="${FLEET_OUTAGE:-10}" </dev/null >"$log" 2>&1 || status=$?
[[ -f $report ]] && grep -h '^fault: fleet:' "$report"
(( status == 0 )) || { grep -E 'FAIL|ERROR|AssertionError' "$log" | head -n 20 >&2; die "the run failed; see $log"; }
log "Maven's log: $log"
