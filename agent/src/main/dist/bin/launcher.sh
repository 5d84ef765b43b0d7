#!/bin/sh
# Launcher of the Autopilot agent, installed as bin/autopilot and as bin/containerpilot (the same program under
# ContainerPilot's name, for drop-in use). POSIX sh, so it runs in images without bash.
#
# Finds its own folder through symlinks, picks a Java >= 25 (the bundled runtime/, then $JAVA_HOME, then
# /usr/lib/jvm/temurin-25*, then java on PATH), checks that the C library it needs is there, and starts the JVM with
# lib/jvm.options and the AOT cache.
#   AUTOPILOT_AOT=record   train the AOT cache (the build does this)
#   AUTOPILOT_AOT=require  fail if the cache cannot be used (the build checks this)
#   AUTOPILOT_AOT=off      run without the cache
# The agent removes AUTOPILOT_AOT and _JAVA_SR_SIGNUM from the environment of the processes it starts.

# As PID 1 of a container this script gets only the signals it has a handler for: the kernel drops the others. So a
# stop asked for before the JVM takes over (docker stop right after docker run) ends the start-up here, with the code
# of the signal: nothing has run yet. exec gives the JVM the default actions back; docs/design.md has the window that
# remains between the exec and the JVM's own handlers.
trap 'exit 143' TERM
trap 'exit 130' INT
set -eu

# Client commands start this script every few seconds, so its common path starts no other program: parameter
# expansions instead of dirname and basename, one subshell for the canonical folder, readlink only for a symlink.
self=$0
while [ -h "$self" ]; do
  link=$(readlink "$self")
  case $link in
    /*) self=$link ;;
    *) self=${self%/*}/$link ;;
  esac
done
case $self in
  */*) bin=${self%/*} ;;
  *) bin=. ;;
esac
home=$(CDPATH='' cd -P -- "$bin/.." && pwd)
program=${self##*/}

fail() {
  echo "$program: $*" >&2
  exit 1
}

# The major version a JDK's release file names, or nothing.
java_major() {
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

usable() {
  [ -x "$1/bin/java" ] || return 1
  major=$(java_major "$1")
  [ -n "$major" ] && [ "$major" -ge 25 ]
}

# Sets jdk to the Java to run, or to nothing.
find_java() {
  jdk=
  if [ -x "$home/runtime/bin/java" ]; then
    jdk=$home/runtime
    return
  fi
  if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME"; then
    jdk=$JAVA_HOME
    return
  fi
  for candidate in /usr/lib/jvm/temurin-25* /opt/java/openjdk; do
    if usable "$candidate"; then
      jdk=$candidate
      return
    fi
  done
  if onpath=$(command -v java 2>/dev/null); then
    candidate=$(cd "$(dirname "$(readlink -f "$onpath")")/.." && pwd -P)
    if usable "$candidate"; then
      jdk=$candidate
    fi
  fi
}

# The bundled runtime is linked against the GNU C library. Where its loader is missing (musl images such as Alpine)
# exec would fail with a bare "not found" for a java that is there; the build records the loader in
# runtime/interpreter so that a test of one path, with no extra process, can say so instead.
check_c_library() {
  [ -f "$1/interpreter" ] || return 0
  IFS= read -r loader <"$1/interpreter" || return 0
  [ -e "$loader" ] || fail "the Java runtime in $1 needs the GNU C library, and this system lacks its loader" \
    "$loader (a musl-based image, such as Alpine?). Use a glibc-based image (Debian, Ubuntu, Red Hat UBI, ...)," \
    "or remove $1 and provide a Java 25 built for this C library through JAVA_HOME, then run $home/bin/fit-aot-cache"
}

find_java
[ -n "$jdk" ] || fail "no Java 25 or newer found: set JAVA_HOME to one, install one under /usr/lib/jvm, or unpack a runtime into $home/runtime"
check_c_library "$jdk"

# A client command (-ping, -putmetric, ...) sends one request to a running agent and exits; health checks run one
# every few seconds. It starts with its own flags and AOT cache (lib/client-jvm.options, lib/client.aot): the agent's
# cache loads every class of a running agent at start. The agent's parser decides which command runs: a misread
# here costs only speed.
options=$home/lib/jvm.options
cache=$home/lib/autopilot.aot
jar=$home/lib/autopilot-agent.jar
for arg; do
  case $arg in
    --|-h|--h|-help|--help|-help=*|--help=*|-version|--version|-version=*|--version=*) break ;;
    -template|--template|-template=*|--template=*|-validate|--validate|-validate=*|--validate=*) break ;;
    -reload|--reload|-ping|--ping|-status|--status|-start|--start|-stop|--stop|-restart|--restart|\
    -maintenance|--maintenance|-putenv|--putenv|-putmetric|--putmetric|-signal|--signal|\
    -maintenance=*|--maintenance=*|-putenv=*|--putenv=*|-putmetric=*|--putmetric=*|-signal=*|--signal=*)
      options=$home/lib/client-jvm.options
      cache=$home/lib/client.aot ;;
  esac
done

# Original arguments go last: the flags are appended after them, then the originals are rotated to the end.
count=$#
while IFS= read -r option || [ -n "$option" ]; do
  case $option in
    ''|'#'*) ;;
    *) set -- "$@" "$option" ;;
  esac
done < "$options"

# The JVM writes its warnings and errors to stdout unless told otherwise, into the output of -version, -ping, -status
# and -template: they go to stderr (logging the user asks for elsewhere, in JAVA_TOOL_OPTIONS, stays). In the common
# case its AOT messages are left out too (see below).
set -- "$@" -XX:+DisplayVMOutputToStderr -Xlog:all=off:stdout -Xlog:all=warning:stderr
case ${AUTOPILOT_AOT:-auto} in
  record) set -- "$@" "-XX:AOTCacheOutput=$cache" ;;
  require) set -- "$@" "-XX:AOTCache=$cache" -XX:AOTMode=on ;;
  off) ;;
  *)
    # The JVM refuses a cache whose jars changed time or size since it was trained, with four lines at every start:
    # a folder copied without its files' times (cp -r, some image builders) makes every start print them, and the
    # JVM of 25.0.3 does not even look and serves the old jar's classes (JDK-8377932). fit-aot-cache gives each cache
    # the agent jar's time, so a test of two times, no process started, tells a copy that lost them. The agent says
    # once in its log that it runs without the cache and how to fit it (core.AotCacheFit), for this or any other
    # reason the JVM had to refuse it (then quietly).
    # shellcheck disable=SC3013  # -nt and -ot: in dash, bash, busybox and every sh an image may have
    if [ -f "$cache" ] && { [ "$cache" -nt "$jar" ] || [ "$cache" -ot "$jar" ]; }; then
      set -- "$@" -Xlog:aot=off:stderr "-Dautopilot.aot.unfit=$cache"
    elif [ -f "$cache" ]; then
      set -- "$@" -Xlog:aot=off:stderr "-XX:AOTCache=$cache" "-Dautopilot.aot.cache=$cache"
    fi ;;
esac
set -- "$@" "-Dautopilot.program=$program" -jar "$jar"

while [ "$count" -gt 0 ]; do
  set -- "$@" "$1"
  shift
  count=$((count - 1))
done

# HotSpot suspends and resumes threads with SIGUSR2 unless told otherwise; move it so USR2 stays a job trigger as in
# ContainerPilot (taking USR2 silently broke JFR sampling, see docs/design.md).
_JAVA_SR_SIGNUM=40
export _JAVA_SR_SIGNUM
exec "$jdk/bin/java" "$@"
