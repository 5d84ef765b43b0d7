#!/usr/bin/env bash
# The project's test command (the one the README and CI run): unit tests (surefire) and
# scenario tests against the packaged agent (failsafe), via `mvn -B -ntp verify` from the
# repository root. Works from any directory, without a terminal or stdin.
#
# It first finds a JDK >= 25 (lib/common.sh: $JAVA_HOME or /usr/lib/jvm/temurin-25*), makes
# sure Maven and the Debian packages in TEST_PACKAGES are installed, and exports CONSUL_BIN
# with a real Consul binary (scripts/install-consul.sh).
#
# Container tests (the ITs tagged "containers"; scripts/test-containers.sh runs only them) need a Docker daemon: the
# one that answers, else Debian's docker.io, installed if missing (with debootstrap) and started here, then stopped
# by its pid once Maven is done; and the local base images (scripts/local-images.sh, cached). Where no daemon can be
# had (not root, no Debian, dockerd cannot start) it says why and leaves the container tests out. It fails if the
# tests leave a container or network behind.
#
# Then, on a full run (no maven args) that passed, each example's end-to-end run, examples/*/local/run.sh, against
# the agent just packaged (AUTOPILOT_SKIP_EXAMPLES=1 leaves them out).
#
# The fuzz suite (agent/src/test/java/io/autopilot/fuzz/README.md) runs within it, 500 inputs a property;
# -Djqwik.tries.default=N runs more.
#
# Usage: scripts/test.sh [maven args...]     e.g. scripts/test.sh -Dtest=DurationTest
# Exit status: Maven's, else 1 if the tests left containers behind or an example's run failed.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR source=lib/docker.sh
source "$AUTOPILOT_ROOT/scripts/lib/docker.sh"

# Debian packages the tests need besides Maven. Add here what new tests call
# (e.g. util-linux for unshare, iproute2 for ip).
# prometheus: TelemetryIT scrapes the agent with a real Prometheus server and runs promtool on /metrics.
# docker-compose and shellcheck: the examples' compose files and scripts are checked, and run (the container tests).
# nginx-light, curl: examples/node/local/run.sh; redis-server, redis-tools, jq: examples/redis-cluster/local/run.sh.
TEST_PACKAGES=(prometheus shellcheck docker-compose nginx-light curl redis-server redis-tools jq graphviz)

find_jdk
ensure_maven
ensure_packages "${TEST_PACKAGES[@]}"
CONSUL_BIN="$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")"
export CONSUL_BIN

maven_version="$(mvn -B --version 2>/dev/null | sed -n 's/.*Apache Maven \([^ ]*\).*/\1/p' || true)"
consul_version="$("$CONSUL_BIN" version 2>/dev/null | sed -n '1s/^Consul //p' || true)"
log "test: JDK $(jdk_major_version "$JAVA_HOME") at $JAVA_HOME; Maven ${maven_version:-?}; Consul ${consul_version:-?} at $CONSUL_BIN"

containers_work autopilot-test

groups=()
if containers_begin "$work"; then
  log "test: the container tests run (Docker Engine $(docker info --format '{{.ServerVersion}}'))"
else
  log "test: the container tests are left out: $DOCKER_WHY_NOT"
  groups=(-DexcludedGroups=containers)
fi

cd "$AUTOPILOT_ROOT"
touch "$work/started"
status=0
mvn -B -ntp verify "${groups[@]}" "$@" </dev/null || status=$?
consul_fixture_summary "$work/started"
containers_end || status=1
if (( $# > 0 || status != 0 )) || [[ ${AUTOPILOT_SKIP_EXAMPLES:-} == 1 ]]; then
  exit "$status"
fi
for run in "$AUTOPILOT_ROOT"/examples/*/local/run.sh; do
  [[ -f $run ]] || continue
  log "test: ${run#"$AUTOPILOT_ROOT"/}"
  AUTOPILOT_DIST="$AUTOPILOT_ROOT/agent/target/autopilot" bash "$run" </dev/null || status=1
done
exit "$status"
