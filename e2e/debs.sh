#!/usr/bin/env bash
# Collects everything an e2e host installs offline into one folder (bind-mounted read-only as
# /debs in every host): the project's .debs plus Redis and the dependencies the base lacks.
#
#   e2e/debs.sh [DEBS_DIR]          (default /var/tmp/rfe2e/debs; prints DEBS_DIR)
#
# Build the project's .debs first: mvn -B -ntp package -DskipTests -pl packaging -am
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEBS=${1:-${RFE2E_DEBS:-/var/tmp/rfe2e/debs}}
CACHE_DIR=${RFE2E_CACHE_DIR:-/var/cache/redis-fleet-e2e}/apt
# What redis-server and redis-tools need beyond the base image (checked by a real install).
APT_PACKAGES="redis-server redis-tools libjemalloc2 liblzf1 libatomic1"

log() { echo "debs: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

shopt -s nullglob
project=("$ROOT"/packaging/target/redis-fleet-*_all.deb)
[ ${#project[@]} -gt 0 ] || die "no project .debs in $ROOT/packaging/target (mvn -B -ntp package -DskipTests -pl packaging -am)"

mkdir -p "$CACHE_DIR" "$DEBS"
for pkg in $APT_PACKAGES; do
  have=("$CACHE_DIR/${pkg}"_*.deb)
  if [ ${#have[@]} -eq 0 ]; then
    log "apt-get download $pkg"
    (cd "$CACHE_DIR" && timeout 120 apt-get download -q "$pkg" >&2) || die "apt-get download $pkg failed"
  fi
done
rm -f "$DEBS"/*.deb
cp "$CACHE_DIR"/*.deb "${project[@]}" "$DEBS"/
echo "$DEBS"
