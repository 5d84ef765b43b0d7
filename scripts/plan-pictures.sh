#!/bin/sh
# Remakes the pictures of the node example's event graphs in docs/ from the packaged agent's -plan=dot.
# Needs Graphviz's dot (Debian: graphviz) and the packaged agent (mvn -pl agent package).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
agent="$root/agent/target/autopilot/bin/autopilot"
for container in app nginx; do
    "$agent" -plan=dot -config "$root/examples/node/$container/autopilot.json5" \
        | dot -Tsvg -o "$root/docs/plan-node-$container.svg"
done
