#!/usr/bin/env bash
# A Docker daemon for the container tests; source it after common.sh, do not run it.
#
#   docker_answers      succeeds when a Docker daemon answers the `docker` client.
#   docker_up WORK      makes sure a daemon answers. If none does, installs Debian's docker.io, docker-compose and
#                       debootstrap where missing (ensure_packages; root only) and starts `dockerd` in the
#                       background, its log, pid file and socket in the folder WORK, and exports DOCKER_HOST for
#                       that socket: the daemon serves this script and what it runs, not the rest of the machine
#                       (whose tools keep finding no daemon at the default socket). Its images and build cache are
#                       Docker's usual ones (/var/lib/docker), so they outlive it. Fails (1) with the reason in
#                       $DOCKER_WHY_NOT when no daemon can be had here. A daemon it started is stopped by
#                       docker_down, by its pid; one that already answered is left alone.
#   docker_down         stops the dockerd that docker_up started, if any: SIGTERM to its pid, then waits for it
#                       (and the containerd it started) to exit; SIGKILL to those pids after 60 s.
#   containers_begin WORK
#                       what scripts/test.sh and scripts/test-containers.sh do before Maven: docker_up, then the
#                       local base images (scripts/local-images.sh, exported), AUTOPILOT_CONTAINERS=required (the
#                       container tests then fail rather than skip without a daemon), and a docker_snapshot. Fails
#                       (1) with $DOCKER_WHY_NOT when no daemon can be had; dies if the images cannot be built.
#   containers_end      after Maven: reports and removes (by id) the containers and networks the run left, stops
#                       the daemon docker_up started, and fails (1) if anything was left.
#   docker_snapshot     prints the ids of every container and network, one a line: what a test run must leave as
#                       it found (see docker_leftovers).
#   docker_leftovers BEFORE
#                       prints, one a line, the containers and networks that exist now and were not in BEFORE (a
#                       docker_snapshot), with their names.
#
# The environment the tests need besides a daemon is exported by docker_up: DOCKER_BUILDKIT=0 where the client has
# no buildx (the classic builder; compose 1.29 builds through the API anyway).

# shellcheck disable=SC2034  # DOCKER_WHY_NOT is read by the scripts that source this file.
DOCKER_WHY_NOT=""
_docker_started_pid=""
_docker_started_children=""
_containers_before=""
_containers_began=false

docker_answers() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }

_docker_why_not() {
  DOCKER_WHY_NOT=$1
  return 1
}

docker_up() {
  local work=$1
  if docker_answers; then
    _docker_builder
    log "docker: using the daemon that answers (Docker Engine $(docker info --format '{{.ServerVersion}}'))"
    return 0
  fi
  (( EUID == 0 )) || _docker_why_not "no Docker daemon answers, and only root can install and start one here" \
    || return 1
  command -v dpkg-query >/dev/null \
    || _docker_why_not "no Docker daemon answers, and this is no Debian system to install docker.io on" || return 1
  # A subshell: ensure_packages dies on failure, and the caller should learn why rather than stop.
  if ! (ensure_packages docker.io docker-compose debootstrap) 2>"$work/apt.log"; then
    _docker_why_not "installing Debian's docker.io failed: $(tail -n 3 "$work/apt.log" | paste -sd ' ')"
    return 1
  fi
  command -v dockerd >/dev/null || _docker_why_not "docker.io is installed but dockerd is not on PATH ($PATH)" \
    || return 1
  log "docker: no daemon answered; starting dockerd (log $work/dockerd.log)"
  dockerd --host "unix://$work/docker.sock" --pidfile "$work/dockerd.pid" </dev/null >"$work/dockerd.log" 2>&1 &
  _docker_started_pid=$!
  export DOCKER_HOST=unix://$work/docker.sock
  local deadline=$((SECONDS + 60)) why=""
  until docker_answers; do
    if ! kill -0 "$_docker_started_pid" 2>/dev/null; then
      why="dockerd exited at once"
    elif (( SECONDS >= deadline )); then
      why="dockerd did not answer within 60 s"
    else
      sleep 0.1
      continue
    fi
    docker_down
    unset DOCKER_HOST
    _docker_why_not "$why: $(tail -n 5 "$work/dockerd.log" | paste -sd ' ')"
    return 1
  done
  _docker_builder
  # The containerd it started for itself: stopped with it, and killed with it if it has to be killed.
  _docker_started_children=$(cat "/proc/$_docker_started_pid/task/$_docker_started_pid/children" 2>/dev/null || true)
  log "docker: dockerd (pid $_docker_started_pid) answers: Docker Engine $(docker info --format '{{.ServerVersion}}')"
}

# BuildKit needs the client's buildx plugin; without it `docker build` must be told to use the classic builder.
_docker_builder() {
  docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0
}

_pids_gone() {
  local pid
  for pid in "$@"; do
    [[ -d /proc/$pid ]] && return 1
  done
  return 0
}

docker_down() {
  [[ -n $_docker_started_pid ]] || return 0
  local pid=$_docker_started_pid children
  read -ra children <<<"$_docker_started_children"
  _docker_started_pid=""
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until 60 _pids_gone "$pid" "${children[@]}"; then
    log "docker: dockerd (pid $pid) did not stop within 60 s; killing it"
    kill -KILL "$pid" "${children[@]}" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  log "docker: stopped dockerd (pid $pid)"
}

docker_snapshot() {
  docker ps -aq --no-trunc 2>/dev/null || true
  docker network ls -q --no-trunc 2>/dev/null || true
}

docker_leftovers() {
  local before=$1 id
  while read -r id; do
    [[ -n $id ]] || continue
    grep -qxF "$id" <<<"$before" && continue
    if docker container inspect "$id" >/dev/null 2>&1; then
      printf 'container %s %s\n' "${id:0:12}" "$(docker container inspect -f '{{.Name}} ({{.Config.Image}})' "$id")"
    else
      printf 'network %s %s\n' "${id:0:12}" "$(docker network inspect -f '{{.Name}}' "$id" 2>/dev/null)"
    fi
  done < <(docker_snapshot)
}

# Makes $work, a private folder named after $1 for the daemon's files, and sets the script's traps: at exit,
# containers_end (a leftover container or network makes the status 1), then the folder goes; INT and TERM exit with
# the shell's codes.
containers_work() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  trap _containers_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# shellcheck disable=SC2317  # run by the EXIT trap
_containers_exit() {
  local status=$?
  trap - EXIT INT TERM
  containers_end || status=1
  rm -rf "$work"
  exit "$status"
}

containers_begin() {
  local work=$1 images
  docker_up "$work" || return 1
  _containers_began=true
  images=$(bash "$AUTOPILOT_ROOT/scripts/local-images.sh") || die "the local base images could not be built"
  eval "$images"
  export AUTOPILOT_CONTAINERS=required
  _containers_before=$(docker_snapshot)
}

containers_end() {
  local left kind id rest status=0
  [[ $_containers_began == true ]] || return 0
  _containers_began=false
  left=$(docker_leftovers "$_containers_before")
  if [[ -n $left ]]; then
    log "docker: the tests left these behind (removed now):"
    log "$left"
    while read -r kind id rest; do
      if [[ $kind == container ]]; then
        docker rm -f -v "$id" >/dev/null 2>&1 || log "docker: could not remove container $id ($rest)"
      else
        docker network rm "$id" >/dev/null 2>&1 || log "docker: could not remove network $id ($rest)"
      fi
    done <<<"$left"
    status=1
  fi
  docker_down
  return "$status"
}
