#!/usr/bin/env bash
# Builds the distribution (`mvn -B -ntp -DskipTests package`) with a JDK >= 25, from the
# repository root whatever the current directory, and prints where it is
# (agent/target/autopilot/) on stdout.
#
# Usage: scripts/build.sh [maven args...]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

find_jdk
ensure_maven
cd "$AUTOPILOT_ROOT"
mvn -B -ntp -DskipTests package "$@" </dev/null >&2
dist="$AUTOPILOT_ROOT/agent/target/autopilot"
[[ -d "$dist" ]] || die "the build succeeded but $dist is missing"
printf '%s\n' "$dist"
