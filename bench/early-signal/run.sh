#!/usr/bin/env bash
# Early SIGTERM: what happens to a TERM sent to the packaged agent as PID 1 while it starts (docker stop right after
# docker run). PID 1 of a pid namespace gets only the signals it has a handler for; the kernel drops the others.
#   1. RUNS traced starts: how long each stage of the start-up lasts, seen from /proc polled every ~20 us: the
#      launcher before its trap, the launcher with it, the JVM before its own TERM handler (the window in which a TERM
#      is lost), the JVM's handler before the agent's, measured from the exec of the launcher.
#   2. For each delay in DELAYS (ms after the launcher's exec), RUNS starts with a TERM at that delay: how many exited
#      143 and how many lost the TERM (still running 5 s later, then killed).
# Needs root (unshare --pid). Usage: bench/early-signal/run.sh [RUNS] [DELAYS]   (default 20, "0 2 5 10 20 30 40 60
# 80 120 200"). Uses $AUTOPILOT_DIST, else agent/target/autopilot, built first if missing or older than the sources.
# Run by hand; the figures go to docs/design.md with the machine and the date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

runs=${1:-20}
delays=${2:-"0 2 5 10 20 30 40 60 80 120 200"}
find_jdk
ensure_dist
pid_namespaces_work || die "pid namespaces are needed (run as root)"

"$JAVA_HOME/bin/java" "$AUTOPILOT_ROOT/bench/early-signal/EarlySignal.java" "$AUTOPILOT_DIST" "$runs" $delays
