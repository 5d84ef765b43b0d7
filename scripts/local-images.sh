#!/usr/bin/env bash
# Builds local stand-ins for the official images the examples' Dockerfiles and compose files start from, for a
# machine that reaches no container registry but reaches Debian's packages, and prints the variables that select
# them on stdout:
#
#   export DEBIAN_IMAGE=autopilot-local/debian     (for debian:bookworm-slim)   debootstrap --variant=minbase bookworm
#   export NODE_IMAGE=autopilot-local/node         (for node:20-slim)           + Debian's nodejs
#   export NGINX_IMAGE=autopilot-local/nginx       (for nginx:1.27)             + Debian's nginx
#   export REDIS_IMAGE=autopilot-local/redis       (for redis:7.2)              + Debian's redis-server, redis-tools
#   export CONSUL_IMAGE=autopilot-local/consul     (for hashicorp/consul)       + scripts/install-consul.sh's Consul
#
# so that `eval "$(scripts/local-images.sh)"` before `docker-compose up --build` (or `docker build --build-arg
# NODE_IMAGE=$NODE_IMAGE ...`) builds the examples from them. The definitions are in scripts/images/<name>/; each
# image carries the hash of its definition (its folder, its base's hash, and for consul the binary) in the label
# io.autopilot.definition, and is built again only when that hash changes: a second run takes seconds. An image
# replaced by a new build is removed. Everything but the variables goes to stderr.
#
# Needs a Docker daemon that answers (for one: scripts/test-containers.sh starts its own, or see examples/node's
# README), and as root installs debootstrap if the Debian image has to be made.
# Environment: AUTOPILOT_DEBIAN_MIRROR (debootstrap's mirror; default: the one this machine's apt sources use),
# CONSUL_BIN (as scripts/install-consul.sh).
#
# Usage: scripts/local-images.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

LABEL=io.autopilot.definition
IMAGES=$AUTOPILOT_ROOT/scripts/images
PREFIX=autopilot-local

docker info --format '{{.ServerVersion}}' >/dev/null 2>&1 || die "no Docker daemon answers ($(docker info 2>&1 \
  | grep -m1 -i -e error -e cannot || echo 'docker info failed')); start one first (see examples/node/README.md)"
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0

work=$(mktemp -d "${TMPDIR:-/var/tmp}/autopilot-images.XXXXXX")
replaced=()
cleanup() {
  local id
  rm -rf "$work"
  # Newest first: an old image goes once the old images built on it are gone.
  for ((i = ${#replaced[@]} - 1; i >= 0; i--)); do
    id=${replaced[i]}
    docker image rm "$id" >/dev/null 2>&1 \
      || log "local images: kept the replaced image ${id:7:12}, which images built on it still use"
  done
}
trap cleanup EXIT

# key PARENT_KEY FILE...: the hash of a definition: its base's hash, then each file's name and content.
key() {
  local parent=$1 file
  shift
  {
    printf '%s\n' "$parent"
    for file in "$@"; do
      printf '%s %s\n' "$(basename "$file")" "$(sha256sum <"$file" | cut -d' ' -f1)"
    done
  } | sha256sum | cut -c1-16
}

# The hash an image was built from, or nothing if there is no such image.
built_from() { docker image inspect --format "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null || true; }

# fresh NAME KEY: the image exists and was built from KEY. Otherwise remembers the image it will replace.
fresh() {
  local old
  [[ $(built_from "$1") == "$2" ]] && return 0
  old=$(docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true)
  [[ -z $old ]] || replaced+=("$old")
  return 1
}

seconds_since() { printf '%d s' $((SECONDS - $1)); }

debian_image() {
  local name=$PREFIX/debian definition=$IMAGES/debian/rootfs.sh started=$SECONDS mirror
  debian_key=$(key "" "$definition")
  if fresh "$name" "$debian_key"; then
    log "local images: $name is up to date"
    return
  fi
  ensure_packages debootstrap
  mirror=$(debian_mirror "${AUTOPILOT_DEBIAN_MIRROR:-}") \
    || die "no Debian mirror in this machine's apt sources; set AUTOPILOT_DEBIAN_MIRROR"
  log "local images: making $name (debootstrap bookworm from $mirror, about a minute)"
  if ! bash "$definition" "$mirror" "$work/rootfs" >"$work/debootstrap.log" 2>&1; then
    tail -n 20 "$work/debootstrap.log" >&2
    die "debootstrap failed (the lines above are the end of its log)"
  fi
  tar -C "$work/rootfs" -c . | docker import --change "LABEL $LABEL=$debian_key" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' \
    - "$name" >/dev/null
  rm -rf "$work/rootfs"
  log "local images: made $name in $(seconds_since "$started")"
}

# derived_image NAME [EXTRA_FILE...]: scripts/images/NAME/ built on the Debian image, EXTRA_FILEs added to its context.
derived_image() {
  local short=$1 name=$PREFIX/$1 started=$SECONDS context definition image_key file
  shift
  definition=("$IMAGES/$short"/*)
  image_key=$(key "$debian_key" "${definition[@]}" "$@")
  if fresh "$name" "$image_key"; then
    log "local images: $name is up to date"
    return
  fi
  log "local images: building $name"
  context=$work/$short
  mkdir -p "$context"
  for file in "${definition[@]}" "$@"; do cp -p "$file" "$context/"; done
  if ! docker build -q --build-arg "BASE=$PREFIX/debian" --label "$LABEL=$image_key" -t "$name" "$context" \
      >"$work/$short.log" 2>&1; then
    cat "$work/$short.log" >&2
    die "building $name failed"
  fi
  log "local images: built $name in $(seconds_since "$started")"
}

started=$SECONDS
debian_image
derived_image node
derived_image nginx
derived_image redis
consul=$(bash "$AUTOPILOT_ROOT/scripts/install-consul.sh")
# The binary is copied under the name the Dockerfile expects.
mkdir -p "$work/bin" && cp -p "$consul" "$work/bin/consul"
derived_image consul "$work/bin/consul"
log "local images: ready in $(seconds_since "$started")"

cat <<EOF
export DEBIAN_IMAGE=$PREFIX/debian
export NODE_IMAGE=$PREFIX/node
export NGINX_IMAGE=$PREFIX/nginx
export REDIS_IMAGE=$PREFIX/redis
export CONSUL_IMAGE=$PREFIX/consul
EOF
