#!/usr/bin/env bash
# Shared helpers for the project's scripts; source it, do not run it.
#
#   AUTOPILOT_ROOT      set on load: absolute path of the repository root.
#   log MSG... / die MSG...
#                       print to stderr (die then exits 1).
#   find_jdk            export JAVA_HOME (a JDK >= 25) and put its bin/ first on PATH.
#                       Tries $JAVA_HOME, then $AUTOPILOT_JVM_DIR/temurin-25* (default dir
#                       /usr/lib/jvm); AUTOPILOT_JVM_DIR exists so the not-found path can be tested.
#   ensure_packages PKG...
#                       install the Debian packages among PKG that are missing (root only;
#                       runs `apt-get update` at most once per process); services the packages
#                       bring (nginx, redis-server) are installed without being started.
#   ensure_maven        make sure `mvn` is on PATH, installing Debian's maven if not.
#   debian_mirror [URI] print the mirror of the main Debian archive: URI if given (a script's override), else the
#                       first one this machine's apt sources use (install-consul.sh, local-images.sh).
#   ensure_dist         export AUTOPILOT_DIST, the agent's distribution folder: $AUTOPILOT_DIST if set (it must
#                       hold bin/autopilot), else agent/target/autopilot, built with scripts/build.sh when it is
#                       missing or older than the agent's sources.
#   wait_until SECONDS CMD...
#                       run CMD every 0.1 s until it succeeds (0) or SECONDS have passed (1).
#   consul_has_leader URL
#                       succeeds once the Consul agent whose HTTP API is at URL (http://host:port) has a leader.
#   pid_namespaces_work succeeds where `unshare --pid --fork --mount-proc --uts --kill-child` can make namespaces
#                       (as root, outside a sandbox that forbids it).
#   unshare_child PID   print the pid of the process that `unshare --fork` (pid PID) forked: PID 1 of its pid
#                       namespace, seen from here; fails while there is none (yet, or any more).
#   consul_fixture_summary SINCE
#                       log how the tests' Consul fixture ran Consul, from the lines it printed into the test
#                       reports written after the file SINCE: "started Consul N times as a process of <binary>",
#                       "... as a container of <image>".
#   median              print the median of the numbers on stdin, one a line (the benchmarks' figures).
#   ms_summary          print "median M ms, min A ms, max B ms (N runs)" of the milliseconds on stdin, one a line.

# Sourced file: the caller owns the shell options (every script here uses set -euo pipefail).
# shellcheck disable=SC2034  # AUTOPILOT_ROOT is used by the scripts that source this file.
AUTOPILOT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

AUTOPILOT_MIN_JAVA=25
_autopilot_apt_updated=false

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Prints the feature release (25, 17, 8, ...) of the JDK at $1, read from its `release` file
# rather than by starting a JVM. Prints nothing if $1 is not a JDK (no release file or no javac).
jdk_major_version() {
  local home="$1" line version
  [[ -f "$home/release" && -x "$home/bin/javac" ]] || return 0
  line="$(grep -m1 '^JAVA_VERSION=' "$home/release" || true)"
  version="${line#JAVA_VERSION=}"
  version="${version//\"/}"
  version="${version#1.}"          # pre-9 JDKs say 1.8.0_x
  version="${version%%[!0-9]*}"
  printf '%s' "$version"
}

find_jdk() {
  local candidate major rejected=""
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major="$(jdk_major_version "$JAVA_HOME")"
    if [[ -n "$major" ]] && (( major >= AUTOPILOT_MIN_JAVA )); then
      export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    rejected="JAVA_HOME=$JAVA_HOME is ${major:+JDK $major, }not a JDK >= $AUTOPILOT_MIN_JAVA; "
  fi
  for candidate in "${AUTOPILOT_JVM_DIR:-/usr/lib/jvm}"/temurin-"$AUTOPILOT_MIN_JAVA"*; do
    major="$(jdk_major_version "$candidate")"
    if [[ -n "$major" ]] && (( major >= AUTOPILOT_MIN_JAVA )); then
      export JAVA_HOME="$candidate" PATH="$candidate/bin:$PATH"
      return 0
    fi
  done
  die "${rejected}no JDK $AUTOPILOT_MIN_JAVA found in ${AUTOPILOT_JVM_DIR:-/usr/lib/jvm}/temurin-$AUTOPILOT_MIN_JAVA*.
  Install Eclipse Temurin $AUTOPILOT_MIN_JAVA (Debian package 'temurin-$AUTOPILOT_MIN_JAVA-jdk' from the Adoptium apt
  repository), or set JAVA_HOME to any JDK >= $AUTOPILOT_MIN_JAVA."
}

# Succeeds if Debian package $1 is installed (not merely known or half-configured).
package_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == installed ]]
}

# Runs apt-get quietly with no prompts; its output is shown only if it fails.
_apt_get_quiet() {
  local output
  if ! output="$(DEBIAN_FRONTEND=noninteractive apt-get -q -y "$@" </dev/null 2>&1)"; then
    log "$output"
    die "apt-get $* failed"
  fi
}

ensure_packages() {
  local pkg missing=()
  (( $# > 0 )) || return 0
  command -v dpkg-query >/dev/null || die "dpkg-query not found: this needs a Debian-based system (wanted: $*)"
  for pkg in "$@"; do
    package_installed "$pkg" || missing+=("$pkg")
  done
  (( ${#missing[@]} > 0 )) || return 0
  (( EUID == 0 )) || die "missing Debian packages: ${missing[*]}; install them as root:
  apt-get install --no-install-recommends ${missing[*]}"
  log "installing Debian packages: ${missing[*]}"
  if [[ "$_autopilot_apt_updated" != true ]]; then
    _apt_get_quiet update
    _autopilot_apt_updated=true
  fi
  _without_service_starts _apt_get_quiet install --no-install-recommends "${missing[@]}"
}

# Runs "$@" with Debian's maintainer scripts told not to start services (policy-rc.d exit 101):
# installing nginx or redis-server must not leave a daemon on their default ports, where the
# examples and tests start their own. An existing policy-rc.d is left as it is.
_without_service_starts() {
  local policy=/usr/sbin/policy-rc.d status=0
  if [[ -e "$policy" ]]; then
    "$@"
    return
  fi
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  ("$@") || status=$?   # a subshell, so that a die inside still comes back here to clean up
  rm -f "$policy"
  return "$status"
}

ensure_maven() {
  command -v mvn >/dev/null && return 0
  ensure_packages maven
  command -v mvn >/dev/null || die "Debian's maven is installed but 'mvn' is not on PATH ($PATH)"
}

# Prints every URI of an enabled binary ("deb") source, one a line, from the deb822 files
# and the classic one-line lists.
apt_source_uris() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    # deb822: stanzas separated by blank lines; keep URIs of stanzas whose Types has "deb"
    # and that are not "Enabled: no".
    awk '
      function flush() { if (deb && enabled) for (i = 1; i <= n; i++) print uris[i]; deb = 0; enabled = 1; n = 0 }
      BEGIN { enabled = 1 }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
      tolower($1) == "enabled:" { if (tolower($2) == "no") enabled = 0 }
      tolower($1) == "uris:" { for (i = 2; i <= NF; i++) uris[++n] = $i }
      END { flush() }
    ' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    # One-line form: deb [options] URI suite component...
    sed -E -n 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' "$f"
  done
}

# The mirror that serves the main `debian` archive: a URI with a path component exactly
# "debian" (so not debian-security, debian-ports, or third-party repositories).
debian_mirror() {
  if [[ -n "${1:-}" ]]; then
    printf '%s\n' "${1%/}"
    return 0
  fi
  local uri
  while read -r uri; do
    if [[ "${uri%/}/" =~ ^(https?|file):.*/debian/ ]]; then
      printf '%s\n' "${uri%/}"
      return 0
    fi
  done < <(apt_source_uris)
  return 1
}

# The agent's sources changed since the distribution was made (or it was never made).
_dist_stale() {
  local dist=$AUTOPILOT_ROOT/agent/target/autopilot stamp
  stamp=$dist/lib/autopilot.aot   # written last by the build
  [[ -x $dist/bin/autopilot && -f $stamp ]] || return 0
  [[ -n $(find "$AUTOPILOT_ROOT/agent/src/main" "$AUTOPILOT_ROOT/agent/src/assembly" "$AUTOPILOT_ROOT/agent/src/build" \
      "$AUTOPILOT_ROOT/agent/pom.xml" "$AUTOPILOT_ROOT/pom.xml" -newer "$stamp" -print -quit 2>/dev/null) ]]
}

ensure_dist() {
  if [[ -n ${AUTOPILOT_DIST:-} ]]; then
    [[ -x $AUTOPILOT_DIST/bin/autopilot ]] || die "AUTOPILOT_DIST=$AUTOPILOT_DIST has no bin/autopilot"
  elif _dist_stale; then
    log "building the agent (scripts/build.sh) ..."
    local build_log
    build_log=$(mktemp)
    if ! AUTOPILOT_DIST=$(bash "$AUTOPILOT_ROOT/scripts/build.sh" -q 2>"$build_log"); then
      cat "$build_log" >&2
      rm -f "$build_log"
      die "the build failed"
    fi
    rm -f "$build_log"
  else
    AUTOPILOT_DIST=$AUTOPILOT_ROOT/agent/target/autopilot
  fi
  export AUTOPILOT_DIST
}

wait_until() {
  local deadline=$(( $(date +%s%N) + $1 * 1000000000 ))
  shift
  until "$@"; do
    (( $(date +%s%N) < deadline )) || return 1
    sleep 0.1
  done
}

# Consul answers /v1/status/leader with the leader's quoted address ("127.0.0.1:8300"), or "" before an election.
consul_has_leader() { [[ $(curl -s --max-time 1 "$1/v1/status/leader" || true) == \"*:*\" ]]; }

pid_namespaces_work() {
  (( EUID == 0 )) && unshare --pid --fork --mount-proc --uts --kill-child true 2>/dev/null
}

unshare_child() {
  local child
  child=$(cat "/proc/$1/task/$1/children" 2>/dev/null) || return 1
  child=${child%% *}
  [[ -n $child ]] || return 1
  printf '%s\n' "$child"
}

consul_fixture_summary() {
  local since=$1 count what
  while read -r count what; do
    log "test: the Consul fixture started Consul $count times as $what"
  done < <(find "$AUTOPILOT_ROOT/agent/target" -path '*-reports/*-output.txt' -newer "$since" \
             -exec grep -ho 'Consul fixture: .* runs as .*' {} + 2>/dev/null | sed 's/.* runs as //' | sort | uniq -c)
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ms_summary() {
  sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
    printf "median %.1f ms, min %.1f ms, max %.1f ms (%d runs)\n", m, v[1], v[NR], NR }'
}

# The benchmarks' harness. bench_work makes $work, a folder removed at exit after every pid in $pids is killed;
# loopback_port prints a TCP port free on 127.0.0.1 now; bench_fail says why a round failed, with the agent's log.
bench_work() {
  work=$(mktemp -d)
  pids=()
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
loopback_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
bench_fail() {
  echo "$1; the agent said:" >&2
  cat "$work/agent.log" >&2
  exit 1
}
