#!/usr/bin/env bash
# Builds the distribution twice from clean and checks that both builds gave the same bytes: the agent's jar, and the
# tarball's entries (names, order, modes, owners, times) and contents, all but lib/autopilot.aot, which no two
# training runs make byte-identical (docs/design.md, "Is the build reproducible?"). Two full builds take minutes:
# run it after changing the build, not as part of scripts/test.sh.
#
# Usage: scripts/check-reproducible.sh [maven args...]     e.g. scripts/check-reproducible.sh -o
# Exit status: 0 when both builds agree, 1 with the differences otherwise.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

find_jdk
ensure_maven
cd "$AUTOPILOT_ROOT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Builds from clean and keeps the jar and the tarball in $work/$1.
build() {
  log "check-reproducible: build $1 ..."
  mvn -B -ntp -q -DskipTests clean package "${@:2}" </dev/null >&2
  mkdir "$work/$1"
  cp agent/target/autopilot-agent.jar "$work/$1/"
  cp agent/target/autopilot-*.tar.gz "$work/$1/autopilot.tar.gz"
  mkdir "$work/$1/tree"
  tar -xzf "$work/$1/autopilot.tar.gz" -C "$work/$1/tree"
  # The cache's size may differ too: blank it in the listing.
  tar -tvzf "$work/$1/autopilot.tar.gz" | sed 's#^\(\S* \S*\) *[0-9]* \(.* autopilot/lib/autopilot\.aot\)$#\1 - \2#' \
    >"$work/$1/listing"
}

build first "$@"
build second "$@"

failed=0
if ! cmp -s "$work/first/autopilot-agent.jar" "$work/second/autopilot-agent.jar"; then
  log "check-reproducible: the jars differ"
  failed=1
fi
if ! diff -u "$work/first/listing" "$work/second/listing" >&2; then
  log "check-reproducible: the tarballs' entries differ"
  failed=1
fi
if ! diff -r --exclude=autopilot.aot "$work/first/tree" "$work/second/tree" >&2; then
  log "check-reproducible: the tarballs' contents differ"
  failed=1
fi
if cmp -s "$work/first/autopilot.tar.gz" "$work/second/autopilot.tar.gz"; then
  log "check-reproducible: the tarballs are identical, AOT cache included"
fi
if (( failed )); then
  exit 1
fi
log "check-reproducible: same jar ($(sha256sum <"$work/first/autopilot-agent.jar" | cut -c1-16)…), same tarball but for lib/autopilot.aot"
