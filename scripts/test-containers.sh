#!/usr/bin/env bash
# Runs just the container tests: the failsafe ITs tagged "containers" (io.autopilot.testing.docker.ContainerTest),
# which run the agent and the examples in real Docker containers. scripts/test.sh runs the same tests within the
# whole suite.
#
# Set-up, as scripts/test.sh does it: a JDK >= 25, Maven, Consul (scripts/install-consul.sh), docker-compose,
# curl and shellcheck; then a Docker daemon: the one that answers, else Debian's docker.io, installed if missing and started
# here (`dockerd` in the background, its log in a temporary folder) and stopped again by its pid when this ends; then
# the local base images (scripts/local-images.sh: built once, reused while their definitions do not change).
# At the end it checks that no container or network was left behind (it removes any, and fails).
#
# Usage: scripts/test-containers.sh [maven args...]     e.g. -Dit.test=NodeExampleIT
# Exit status: Maven's, else 1 if the tests left containers or networks behind; 1 at once if no daemon can be had.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR source=lib/docker.sh
source "$AUTOPILOT_ROOT/scripts/lib/docker.sh"

find_jdk
ensure_maven
ensure_packages docker-compose shellcheck curl
CONSUL_BIN="$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")"
export CONSUL_BIN

containers_work autopilot-containers

containers_begin "$work" || die "no Docker daemon for the container tests: $DOCKER_WHY_NOT"
cd "$AUTOPILOT_ROOT"
touch "$work/started"
started=$SECONDS
status=0
mvn -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=containers "$@" </dev/null \
  || status=$?
log "test-containers: Maven took $((SECONDS - started)) s"
consul_fixture_summary "$work/started"
exit "$status"
