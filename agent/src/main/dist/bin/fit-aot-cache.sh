#!/bin/sh
# Makes the agent's AOT cache (lib/autopilot.aot) fit the Java runtime the launcher finds. A cache serves only the
# JVM build that made it: an image that brings its own runtime (a JRE copied into runtime/, a distribution's java)
# runs this once, in its build, after the runtime is in place. It keeps a cache that fits; else it trains a new one
# with that runtime on lib/aot-training.json5, as the agent's own build does; failing that, it removes the cache,
# and the agent starts without one (slower, and without the errors a mismatched cache prints at every start).
#
# Usage: fit-aot-cache        Exit status: 0, whichever of the three it did; it says which on stdout.
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
home=$(dirname "$here")
agent=$home/bin/autopilot
cache=$home/lib/autopilot.aot

if [ -f "$cache" ] && AUTOPILOT_AOT=require "$agent" -version >/dev/null 2>&1; then
  echo "fit-aot-cache: the AOT cache fits this runtime"
  exit 0
fi
rm -f "$cache"
log=$(mktemp)
if AUTOPILOT_AOT=record "$agent" -config "$home/lib/aot-training.json5" >"$log" 2>&1 \
    && AUTOPILOT_AOT=require "$agent" -version >/dev/null 2>&1; then
  echo "fit-aot-cache: trained an AOT cache for this runtime"
else
  cat "$log"
  rm -f "$cache"
  echo "fit-aot-cache: no AOT cache for this runtime; the agent starts without one"
fi
rm -f "$log"
