#!/bin/sh
# Makes the AOT caches (lib/autopilot.aot for the agent, lib/client.aot for the client commands) fit the Java
# runtime the launcher finds. A cache serves only the JVM build that made it, and the build trains both with the
# bundled runtime/: an image that runs the agent on a runtime of its own instead (runtime/ removed, another Java found)
# runs this once, in its build, after that runtime is in place; so does one that copied this folder without its files'
# times (cp -r), which the caches were made for. It keeps caches that fit; else it trains new ones with
# that runtime on lib/aot-training.json5 and lib/aot-training-client.json5; failing that, it removes them, and the
# agent starts without (slower, and without the errors a mismatched cache prints at every start).
#
# The training run writes only inside this folder (the cache, and for the run's length its control socket and log in
# lib/), reaches no Consul and needs no privileges: see lib/aot-training.json5.
#
# Usage: fit-aot-cache          Exit status: 0, whichever of the three it did; it says which on stdout.
#        fit-aot-cache -train   Trains a new cache whatever is there (the build does this). Exit status 1, with the
#                               run's output, if the cache cannot be made or used.
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
home=$(dirname "$here")
agent=$home/bin/autopilot
cache=$home/lib/autopilot.aot
log=$home/lib/aot-training.log

# Trains lib/autopilot.aot and checks that the launcher can use it; the run's output is left in $log.
train() {
  rm -f "$cache" "$cache.config" "$home/lib/aot-training.socket"
  # A Unix socket's path holds at most 106 bytes: in a folder deeper than about 60 bytes the run's control socket goes
  # to a private temporary folder instead, removed when the run ends.
  socket=$home/lib/aot-training.socket
  short=
  if [ "$(printf %s "$socket" | wc -c)" -gt 106 ]; then
    short=$(mktemp -d)
    socket=$short/control.socket
  fi
  # One loopback address of 127.1.0.0-127.254.255.255 for this run's telemetry: trainings running at once on one
  # machine each listen on their own.
  # shellcheck disable=SC2046  # three numbers, split on purpose
  set -- $(od -An -N3 -tu1 /dev/urandom)
  address=127.$(($1 % 254 + 1)).$2.$3
  (
    cd "$home/lib"
    # The training never uses the Consul the environment names (see lib/aot-training.json5).
    for name in $(env | sed -n 's/^\(CONSUL_[A-Za-z0-9_]*\)=.*/\1/p'); do
      unset "$name"
    done
    AOT_TRAINING_ADDRESS=$address AOT_TRAINING_SOCKET=$socket AUTOPILOT_AOT=record "$agent" \
      -config "$home/lib/aot-training.json5"
  ) >"$log" 2>&1 && AUTOPILOT_AOT=require "$agent" -version >>"$log" 2>&1
  trained=$?
  if [ -n "$short" ]; then rm -rf "$short"; fi
  return "$trained"
}

client_cache=$home/lib/client.aot

# Runs the client command the client cache is trained on, in lib/, with AUTOPILOT_AOT=$1; prints its output.
client_ping() {
  (cd "$home/lib" && AUTOPILOT_AOT=$1 "$agent" -config "$home/lib/aot-training-client.json5" -ping 2>&1) || true
}

# Whether the launcher can use lib/client.aot: the ping, which fails as no agent listens, runs with AOTMode=on.
client_fits() {
  [ -f "$client_cache" ] || return 1
  answer=$(client_ping require)
  echo "$answer" >>"$log"
  case $answer in
    *"control plane not available"*) return 0 ;;
    *) return 1 ;;
  esac
}

# Trains lib/client.aot (the client commands' cache, see lib/client-jvm.options) and checks that it can be used.
train_client() {
  rm -f "$client_cache" "$client_cache.config"
  client_ping record >>"$log"
  client_fits
}

jar=$home/lib/autopilot-agent.jar

# Gives both caches the agent jar's time: the launcher uses a cache only while the two times are equal, which a copy
# that did not keep them (cp -r) undoes (see bin/autopilot).
stamp() {
  touch -r "$jar" "$cache" "$client_cache"
}

# Whether both caches still have the agent jar's time.
stamped() {
  # shellcheck disable=SC3013  # -nt and -ot: in dash, bash, busybox and every sh an image may have
  for made in "$cache" "$client_cache"; do
    if [ "$made" -nt "$jar" ] || [ "$made" -ot "$jar" ]; then return 1; fi
  done
}

# The JVM's warnings about classes it could not put in the cache, but for two kinds it always leaves out by design
# (docs/design.md, "Which classes does the AOT cache leave out?"): JFR's event classes (every warning about one, for
# the JVM may give more than one reason), and dynamic proxy classes, which are made at run time and come from no jar.
# A line reads "[2.1s][warning][aot] Skipping jdk/proxy1/$Proxy0: Unsupported location".
unexplained_warnings() {
  awk 'index($0, "[warning][aot]") == 0 { next }
    { line[++n] = $0; class[n] = $3 }
    / Skipping [^ ]*: JFR event class$/ { jfr[$3] = 1 }
    / Skipping [^ ]*[$]Proxy[0-9]*: Unsupported location$/ { proxy[n] = 1 }
    END { for (i = 1; i <= n; i++) if (!(class[i] in jfr) && !proxy[i]) print line[i] }' "$log"
}

if [ "${1:-}" = -train ]; then
  if train && train_client; then
    stamp
    unexplained_warnings
    rm -f "$log"
    echo "fit-aot-cache: trained an AOT cache for this runtime"
    exit 0
  fi
  cat "$log"
  rm -f "$log" "$cache" "$client_cache"
  echo "fit-aot-cache: could not train an AOT cache" >&2
  exit 1
fi
if [ $# -gt 0 ]; then
  echo "usage: fit-aot-cache [-train]" >&2
  exit 2
fi

# A cache whose time is no longer the jar's is trained again even where the JVM accepts it: the JVM of 25.0.3 accepts
# one made for another jar (JDK-8377932).
if [ -f "$cache" ] && stamped && AUTOPILOT_AOT=require "$agent" -version >/dev/null 2>&1 && client_fits; then
  rm -f "$log"
  echo "fit-aot-cache: the AOT cache fits this runtime"
  exit 0
fi
if train && train_client; then
  stamp
  echo "fit-aot-cache: trained an AOT cache for this runtime"
else
  cat "$log"
  rm -f "$cache" "$client_cache"
  echo "fit-aot-cache: no AOT cache for this runtime; the agent starts without one"
fi
rm -f "$log"
