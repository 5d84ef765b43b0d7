#!/usr/bin/env bash
# Gives the tests a real Consul binary and prints its absolute path on stdout (that line
# only; everything else goes to stderr). The first of these wins:
#   1. $CONSUL_BIN, if set and executable;
#   2. `consul` on PATH;
#   3. the project-local copy .tools/consul/usr/bin/consul, if `consul version` runs;
#   4. Debian's `consul` package from the bullseye suite (1.8.7, the only Debian suite that
#      ships it), fetched with apt from the Debian mirror this machine's apt sources already
#      use, with a private sources list and private apt state (the system's apt lists and
#      cache are not touched), unpacked into .tools/consul/ (git-ignored).
# Options (environment):
#   CONSUL_BIN             use this binary.
#   CONSUL_DEBIAN_MIRROR   Debian archive URI to fetch from, instead of the one in the apt sources.
#   CONSUL_DEBIAN_SUITE    suite to fetch from (default: bullseye).
# Re-running is cheap: once .tools/consul exists it just prints the path.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

TOOLS_DIR="$AUTOPILOT_ROOT/.tools"
LOCAL_CONSUL="$TOOLS_DIR/consul/usr/bin/consul"
DEBIAN_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
SUITE="${CONSUL_DEBIAN_SUITE:-bullseye}"

runs() { "$1" version >/dev/null 2>&1; }

absolute() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
  esac
}

fetch_consul() {
  local mirror tmp apt_opts output
  if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
    die "no Consul found and no apt-get/dpkg-deb to fetch Debian's; set CONSUL_BIN or put consul on PATH"
  fi
  [[ -r "$DEBIAN_KEYRING" ]] || die "$DEBIAN_KEYRING missing; install Debian's debian-archive-keyring"
  mirror="$(debian_mirror "${CONSUL_DEBIAN_MIRROR:-}")" \
    || die "no Debian archive mirror found in /etc/apt/sources.list{,.d/}; set CONSUL_DEBIAN_MIRROR"
  log "fetching Debian's consul package ($SUITE) from the configured Debian mirror..."

  mkdir -p "$TOOLS_DIR"
  tmp="$(mktemp -d "$TOOLS_DIR/consul-fetch.XXXXXX")"
  # shellcheck disable=SC2064  # expand $tmp now: it is local to this function.
  trap "rm -rf '$tmp'" EXIT
  chmod 755 "$tmp"   # lets apt's unprivileged _apt user write here
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/root"
  printf 'deb [signed-by=%s] %s %s main\n' "$DEBIAN_KEYRING" "$mirror" "$SUITE" >"$tmp/sources.list"
  apt_opts=(
    -o "Dir::Etc::SourceList=$tmp/sources.list"
    -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$tmp/lists"
    -o "Dir::Cache=$tmp/cache"
  )
  if ! output="$(cd "$tmp" && apt-get -q "${apt_opts[@]}" update </dev/null 2>&1 \
                 && apt-get -q "${apt_opts[@]}" download consul </dev/null 2>&1)"; then
    log "$output"
    die "could not download Debian's consul package from the $SUITE suite"
  fi
  dpkg-deb -x "$tmp"/consul_*.deb "$tmp/root"
  runs "$tmp/root/usr/bin/consul" || die "the downloaded consul does not run: $tmp/root/usr/bin/consul"
  rm -rf "$TOOLS_DIR/consul"
  mv "$tmp/root" "$TOOLS_DIR/consul"
  log "installed $("$LOCAL_CONSUL" version | head -n1) in $TOOLS_DIR/consul"
}

main() {
  if [[ -n "${CONSUL_BIN:-}" ]]; then
    if [[ -x "$CONSUL_BIN" && ! -d "$CONSUL_BIN" ]]; then
      absolute "$CONSUL_BIN"
      return 0
    fi
    log "warning: CONSUL_BIN=$CONSUL_BIN is not an executable file; looking elsewhere"
  fi
  if command -v consul >/dev/null; then
    absolute "$(command -v consul)"
    return 0
  fi
  if [[ -x "$LOCAL_CONSUL" ]] && runs "$LOCAL_CONSUL"; then
    printf '%s\n' "$LOCAL_CONSUL"
    return 0
  fi
  fetch_consul
  printf '%s\n' "$LOCAL_CONSUL"
}

main "$@"
