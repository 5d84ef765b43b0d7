#!/bin/sh
# As the official image's entrypoint: `agent ...` (or bare flags) runs the agent with the image's data and config
# folders; another Consul subcommand runs as given; any other program too.
set -e
case ${1:-} in
  -*) set -- agent "$@" ;;
esac
if [ "${1:-}" = agent ]; then
  shift
  exec consul agent -data-dir=/consul/data -config-dir=/consul/config "$@"
fi
if [ -n "${1:-}" ] && consul "$1" -h 2>&1 | grep -q "consul $1"; then
  exec consul "$@"
fi
exec "$@"
