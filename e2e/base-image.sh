#!/usr/bin/env bash
# Builds (once) or reuses the debootstrapped Debian base that every e2e host overlays, then
# extracts it to a work dir. Prints the extracted base directory on stdout.
#
#   e2e/base-image.sh [WORKDIR]     (root; default WORKDIR /var/tmp/rfe2e)
#   RFE2E_BASE=bullseye e2e/base-image.sh          Debian 11 with its redis-server 6.0.16
#   RFE2E_BASE=bookworm-valkey e2e/base-image.sh   Debian 12 with valkey-server 8.0 from backports
#
# The cache is a zstd tar under /var/cache/redis-fleet-e2e/, keyed by suite + package list, so
# changing the list builds a new one. See e2e/PROVING-GROUND.md for why each step is here.
# The default base has no server (the hosts install redis-server offline from /debs); the two
# variants carry theirs preinstalled, so a host of each installs only the project's .debs.
set -euo pipefail

VARIANT=${RFE2E_BASE:-bookworm}
SUITE=bookworm
PACKAGES="systemd,systemd-sysv,dbus,iproute2,openjdk-17-jre-headless"
BACKPORTS=""
case "$VARIANT" in
  bookworm) ;;
  bullseye) SUITE=bullseye; PACKAGES="$PACKAGES,redis-server,redis-tools" ;;
  bookworm-valkey) BACKPORTS="valkey-server valkey-tools" ;;
  *) echo "base-image: unknown RFE2E_BASE $VARIANT (bookworm, bullseye, bookworm-valkey)" >&2; exit 2 ;;
esac
MASKED="apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer e2scrub_reap.service console-getty.service"
CACHE_DIR=${RFE2E_CACHE_DIR:-/var/cache/redis-fleet-e2e}
WORKDIR=${1:-${RFE2E_WORKDIR:-/var/tmp/rfe2e}}
DEBOOTSTRAP_TIMEOUT=${RFE2E_DEBOOTSTRAP_TIMEOUT:-900}

log() { echo "base-image: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"
for tool in debootstrap zstd tar; do
  command -v "$tool" >/dev/null || die "$tool not installed (apt-get install -y debootstrap zstd)"
done

mirror() {
  # The first URIs line of the machine's deb822 sources (Debian 12), else the classic list.
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

if [ -z "$BACKPORTS" ]; then
  key=$(printf '%s\n' "$SUITE" "$PACKAGES" "$MASKED" | sha256sum | cut -c1-12)
else
  key=$(printf '%s\n' "$SUITE" "$PACKAGES" "$MASKED" "backports: $BACKPORTS" | sha256sum | cut -c1-12)
fi
tarball="$CACHE_DIR/base-$SUITE-$key.tar.zst"
base="$WORKDIR/base-$key"

build() {
  local rootfs="$CACHE_DIR/build-$key"
  rm -rf "$rootfs"
  mkdir -p "$rootfs"
  log "debootstrap $SUITE ($PACKAGES) from $(mirror) — about 3 minutes"
  timeout "$DEBOOTSTRAP_TIMEOUT" debootstrap --variant=minbase --include="$PACKAGES" \
    "$SUITE" "$rootfs" "$(mirror)" >"$CACHE_DIR/debootstrap-$key.log" 2>&1 \
    || die "debootstrap failed, see $CACHE_DIR/debootstrap-$key.log"
  [ -z "$BACKPORTS" ] || backports "$rootfs"
  # Every host gets its own machine-id at boot (hosts.sh); the base must not carry one.
  : >"$rootfs/etc/machine-id"
  rm -f "$rootfs/var/lib/dbus/machine-id"
  for unit in $MASKED; do
    ln -sf /dev/null "$rootfs/etc/systemd/system/$unit"
  done
  apt_clean "$rootfs"
  tar -C "$rootfs" --numeric-owner -cf - . | zstd -q -T0 -o "$tarball.tmp"
  mv "$tarball.tmp" "$tarball"
  rm -rf "$rootfs"
}

# Installs $BACKPORTS from $SUITE-backports inside the new root (network: the same mirror); the
# backports source is removed again, so hosts never reach a mirror.
backports() {
  local rootfs=$1 list="$1/etc/apt/sources.list.d/backports.list"
  log "install $BACKPORTS from $SUITE-backports"
  echo "deb $(mirror) $SUITE-backports main" >"$list"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  { timeout "$DEBOOTSTRAP_TIMEOUT" chroot "$rootfs" apt-get update -q \
      && timeout "$DEBOOTSTRAP_TIMEOUT" chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends -t "$SUITE-backports" $BACKPORTS; } \
    >>"$CACHE_DIR/debootstrap-$key.log" 2>&1 \
    || die "installing $BACKPORTS from $SUITE-backports failed, see $CACHE_DIR/debootstrap-$key.log"
  rm -f "$list"
  # the package enables valkey-server.service on 6379; e2e nodes are redis-fleet's own
  chroot "$rootfs" systemctl disable valkey-server.service >/dev/null 2>&1 || true
}

apt_clean() {
  rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*_Packages
}

mkdir -p "$CACHE_DIR" "$WORKDIR"
exec 9>"$CACHE_DIR/.lock"
flock -w "$DEBOOTSTRAP_TIMEOUT" 9 || die "another base-image build holds $CACHE_DIR/.lock"
[ -f "$tarball" ] || build
# The marker sits beside the tree: anything inside it would show up in every host.
if [ ! -f "$base.complete" ]; then
  rm -rf "$base"
  mkdir -p "$base"
  zstd -q -d -c "$tarball" | tar -C "$base" --numeric-owner -xf -
  touch "$base.complete"
fi
echo "$base"
