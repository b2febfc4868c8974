#!/usr/bin/env bash
# Real systemd "hosts" on one machine, each a systemd-nspawn --boot container with its own
# network namespace, cgroup and overlay over a shared Debian base (see e2e/PROVING-GROUND.md).
#
#   e2e/hosts.sh up N          boot hosts 1..N (10.77.0.11..), wait until systemd is up;
#                              RFE2E_BASES="bullseye bookworm-valkey" boots host 1 and 2 from
#                              those base variants (base-image.sh), the rest from the default
#   e2e/hosts.sh exec I CMD..  run CMD inside host I (nsenter into its PID 1)
#   e2e/hosts.sh install I     apt-get install -y /debs/*.deb inside host I (offline); a host of
#                              a variant base (its server preinstalled) gets only the project's
#   e2e/hosts.sh wait I        wait until host I's systemd is running
#   e2e/hosts.sh reboot I      systemctl reboot inside host I, wait until it is back
#   e2e/hosts.sh root I        print host I's root directory (to copy files in from outside)
#   e2e/hosts.sh logs I DIR    journal and console log of host I into DIR
#   e2e/hosts.sh down          stop every host and remove all traces, also of earlier runs
#
# Root only. The test side of the bridge is 10.77.0.1; host i is 10.77.0.(10+i), hostname hI.
# Traffic stays on the bridge: the hosts get no default route.
set -euo pipefail

PREFIX=${RFE2E_PREFIX:-rfe2e}
WORKDIR=${RFE2E_WORKDIR:-/var/tmp/rfe2e}
RUN="$WORKDIR/run"
DEBS=${RFE2E_DEBS:-$WORKDIR/debs}
BRIDGE="$PREFIX-br"
NET=${RFE2E_NET:-10.77.0}
BOOT_TIMEOUT=${RFE2E_BOOT_TIMEOUT:-90}
EXEC_TIMEOUT=${RFE2E_EXEC_TIMEOUT:-300}
STOP_TIMEOUT=${RFE2E_STOP_TIMEOUT:-30}
CGROUPS="/sys/fs/cgroup/systemd/$PREFIX /sys/fs/cgroup/unified/$PREFIX"

log() { echo "hosts: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

hostdir() { echo "$RUN/h$1"; }

# PID 1 of host I: the child of its current nspawn process (a reboot starts a new nspawn).
pid1() {
  local nspawn
  nspawn=$(cat "$(hostdir "$1")/nspawn.pid" 2>/dev/null) || return 1
  [ -n "$nspawn" ] && [ -d "/proc/$nspawn" ] || return 1
  local child
  child=$(cat "/proc/$nspawn/task/$nspawn/children" 2>/dev/null | awk '{print $1}')
  [ -n "$child" ] || return 1
  echo "$child"
}

exec_in() {
  local i=$1; shift
  local pid
  pid=$(pid1 "$i") || die "h$i: not running (no PID 1)"
  timeout "$EXEC_TIMEOUT" nsenter -t "$pid" -a "$@"
}

wait_running() {
  local i=$1 deadline=$((SECONDS + BOOT_TIMEOUT)) state=""
  while [ $SECONDS -lt $deadline ]; do
    if pid=$(pid1 "$i"); then
      state=$(timeout 10 nsenter -t "$pid" -a systemctl is-system-running 2>/dev/null || true)
      case "$state" in running|degraded) log "h$i: systemd $state"; return 0 ;; esac
    fi
    sleep 0.3
  done
  die "h$i: systemd not running|degraded after ${BOOT_TIMEOUT}s (last state: ${state:-no PID 1}); see $(hostdir "$i")/console.log"
}

setup_network() {
  local i=$1 n=$2 ns="$PREFIX-h$i" veth="$PREFIX-v$i"
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" addr add "$NET.$((10 + i))/24" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
}

setup_root() {
  local i=$1 n=$2 base=$3 dir
  dir=$(hostdir "$i")
  mkdir -p "$dir/upper" "$dir/work" "$dir/merged"
  mount -t overlay overlay -o "lowerdir=$base,upperdir=$dir/upper,workdir=$dir/work" "$dir/merged"
  echo "h$i" >"$dir/merged/etc/hostname"
  systemd-id128 new >"$dir/merged/etc/machine-id"
  {
    echo "127.0.0.1 localhost"
    echo "127.0.1.1 h$i"
    echo "$NET.1 test"
    for j in $(seq 1 "$n"); do echo "$NET.$((10 + j)) h$j"; done
  } >"$dir/merged/etc/hosts"
}

# Boots host I again and again while it asks for a reboot (nspawn exit code 133).
supervise() {
  local i=$1 dir rc
  dir=$(hostdir "$i")
  for cg in $CGROUPS; do
    mkdir -p "$cg/h$i"
    echo "$BASHPID" >"$cg/h$i/cgroup.procs"
  done
  while :; do
    systemd-nspawn --quiet --register=no --keep-unit --boot -D "$dir/merged" --machine="h$i" \
      --network-namespace-path="/run/netns/$PREFIX-h$i" --bind-ro="$DEBS:/debs" \
      --console=read-only </dev/null >>"$dir/console.log" 2>&1 &
    echo $! >"$dir/nspawn.pid"
    rc=0
    wait $! || rc=$?
    echo "nspawn exited $rc" >>"$dir/exits"
    if [ "$rc" != 133 ] || [ -e "$dir/stopping" ]; then
      break
    fi
  done
}

up() {
  local n=$1 base
  [[ "$n" =~ ^[1-9][0-9]?$ ]] && [ "$n" -le 200 ] || die "up N: N must be 1..200"
  down
  base=$("$(dirname "$0")/base-image.sh" "$WORKDIR")
  mkdir -p "$RUN" "$DEBS"
  ip link add "$BRIDGE" type bridge
  ip addr add "$NET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  local variants=(${RFE2E_BASES:-}) hostbase
  for i in $(seq 1 "$n"); do
    hostbase=$base
    if [ "$i" -le "${#variants[@]}" ] && [ "${variants[$((i - 1))]}" != bookworm ]; then
      hostbase=$(RFE2E_BASE="${variants[$((i - 1))]}" "$(dirname "$0")/base-image.sh" "$WORKDIR")
      mkdir -p "$(hostdir "$i")"
      echo "${variants[$((i - 1))]}" >"$(hostdir "$i")/variant"
    fi
    setup_root "$i" "$n" "$hostbase"
    setup_network "$i" "$n"
    (supervise "$i") </dev/null >/dev/null 2>&1 &
    echo $! >"$(hostdir "$i")/supervisor.pid"
  done
  for i in $(seq 1 "$n"); do wait_running "$i"; done
}

# Stops host I: SIGTERM makes nspawn halt the container cleanly; SIGKILL after STOP_TIMEOUT.
stop_host() {
  local dir=$1 sup nspawn deadline
  touch "$dir/stopping"
  sup=$(cat "$dir/supervisor.pid" 2>/dev/null || true)
  nspawn=$(cat "$dir/nspawn.pid" 2>/dev/null || true)
  if [ -n "$nspawn" ] && [ -d "/proc/$nspawn" ]; then
    kill -TERM "$nspawn" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while [ -d "/proc/$nspawn" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if [ -d "/proc/$nspawn" ]; then
      log "$(basename "$dir"): nspawn $nspawn did not halt in ${STOP_TIMEOUT}s, killing it"
      kill -KILL "$nspawn" 2>/dev/null || true
    fi
  fi
  deadline=$((SECONDS + 10))
  while [ -n "$sup" ] && [ -d "/proc/$sup" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  [ -z "$sup" ] || [ ! -d "/proc/$sup" ] || kill -KILL "$sup" 2>/dev/null || true
}

# Kills what is left in our own cgroups (only processes the harness started live there).
kill_cgroup_leftovers() {
  local cg pid
  for cg in $CGROUPS; do
    [ -d "$cg" ] || continue
    for pid in $(find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null); do
      kill -KILL "$pid" 2>/dev/null || true
    done
  done
}

remove_cgroups() {
  local cg deadline=$((SECONDS + 10))
  for cg in $CGROUPS; do
    [ -d "$cg" ] || continue
    while ! find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null && [ -d "$cg" ] && [ $SECONDS -lt $deadline ]; do
      sleep 0.2
    done
    [ ! -d "$cg" ] || log "WARNING: cgroup $cg still busy"
  done
}

down() {
  local dir mnt ns
  if [ -d "$RUN" ]; then
    for dir in "$RUN"/h*; do [ -d "$dir" ] && stop_host "$dir"; done
  fi
  kill_cgroup_leftovers
  # Unmount everything under the run dir, deepest first (nspawn may leave propagation mounts).
  for mnt in $(awk -v run="$RUN/" 'index($2, run) == 1 {print $2}' /proc/self/mounts | sort -r); do
    umount "$mnt" 2>/dev/null || umount -l "$mnt" || log "WARNING: cannot unmount $mnt"
  done
  for ns in $(ip netns list 2>/dev/null | awk -v p="$PREFIX-" 'index($1, p) == 1 {print $1}'); do
    ip netns del "$ns" || log "WARNING: cannot delete netns $ns"
  done
  for link in $(ip -o link show 2>/dev/null | awk -F': ' -v p="$PREFIX-" 'index($2, p) == 1 {sub(/@.*/, "", $2); print $2}'); do
    ip link del "$link" 2>/dev/null || true
  done
  remove_cgroups
  rm -rf "$RUN"
}

# Reboots host I and waits for the new boot (a new nspawn process), not the old one shutting down.
reboot_host() {
  local i=$1 dir old deadline
  dir=$(hostdir "$i")
  old=$(cat "$dir/nspawn.pid")
  exec_in "$i" systemctl reboot || true
  deadline=$((SECONDS + BOOT_TIMEOUT))
  while [ "$(cat "$dir/nspawn.pid")" = "$old" ]; do
    [ $SECONDS -lt $deadline ] || die "h$i: reboot: still the old boot after ${BOOT_TIMEOUT}s; exits: $(cat "$dir/exits" 2>/dev/null)"
    sleep 0.2
  done
  wait_running "$i"
}

logs() {
  local i=$1 out=$2 dir
  dir=$(hostdir "$i")
  mkdir -p "$out"
  cp "$dir/console.log" "$out/h$i-console.log" 2>/dev/null || true
  cp "$dir/exits" "$out/h$i-exits.log" 2>/dev/null || true
  exec_in "$i" journalctl -b --no-pager -o short-monotonic >"$out/h$i-journal.log" 2>&1 \
    || log "h$i: journal not available"
}

[ "$(id -u)" = 0 ] || die "must run as root"
cmd=${1:-}
shift || true
case "$cmd" in
  up) [ $# -eq 1 ] || die "usage: up N"; up "$1" ;;
  exec) [ $# -ge 2 ] || die "usage: exec I CMD..."; exec_in "$@" ;;
  install)
    [ $# -eq 1 ] || die "usage: install I"
    if [ -f "$(hostdir "$1")/variant" ]; then debs='/debs/redis-fleet-*.deb'; else debs='/debs/*.deb'; fi
    exec_in "$1" env DEBIAN_FRONTEND=noninteractive sh -c \
      "apt-get install -y -q -o Dpkg::Options::=--force-confold $debs" ;;
  wait) [ $# -eq 1 ] || die "usage: wait I"; wait_running "$1" ;;
  root) [ $# -eq 1 ] && [ -d "$(hostdir "$1")/merged/etc" ] || die "usage: root I (of a running host)"; echo "$(hostdir "$1")/merged" ;;
  reboot) [ $# -eq 1 ] || die "usage: reboot I"; reboot_host "$1" ;;
  logs) [ $# -eq 2 ] || die "usage: logs I DIR"; logs "$1" "$2" ;;
  down) down ;;
  *) die "usage: hosts.sh up N | exec I CMD... | install I | wait I | reboot I | root I | logs I DIR | down" ;;
esac
