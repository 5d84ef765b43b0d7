#!/usr/bin/env bash
# The root file system of the local stand-in for the official `debian:bookworm-slim` image: Debian 12 "bookworm",
# debootstrap's minbase variant (the Essential and Required packages, and apt), trimmed as the official image is
# (no downloaded packages, no package lists; apt-get update fetches them in a build).
#
# Usage (as root): rootfs.sh MIRROR DEST     MIRROR: a Debian archive URI, as in the apt sources; DEST: a new folder
# scripts/local-images.sh runs it and imports DEST as autopilot-local/debian; a change here makes it build anew.
set -euo pipefail
mirror=$1
dest=$2
debootstrap --variant=minbase bookworm "$dest" "$mirror"
rm -rf "$dest"/var/cache/apt/archives/*.deb "$dest"/var/lib/apt/lists/*
# As in the official image: apt in a container keeps no packages after installing them.
cat >"$dest/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
# No service starts while packages install in a build (nginx, redis-server): there is no init to start them.
printf '#!/bin/sh\nexit 101\n' >"$dest/usr/sbin/policy-rc.d"
chmod 755 "$dest/usr/sbin/policy-rc.d"
