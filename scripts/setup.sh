#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test redis-fleet:
# a JDK 17, Maven, redis-server (+ redis-tools); with --e2e also debootstrap, systemd-container
# and zstd for the real-systemd-host tests. Idempotent; needs root (or sudo) only to install.
set -euo pipefail

want=()
command -v javac >/dev/null 2>&1 || want+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || want+=(maven)
command -v redis-server >/dev/null 2>&1 || want+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || want+=(redis-tools)
if [ "${1:-}" = "--e2e" ]; then
  command -v debootstrap >/dev/null 2>&1 || want+=(debootstrap)
  command -v systemd-nspawn >/dev/null 2>&1 || want+=(systemd-container)
  command -v zstd >/dev/null 2>&1 || want+=(zstd)
  command -v ip >/dev/null 2>&1 || want+=(iproute2)
  command -v lintian >/dev/null 2>&1 || want+=(lintian)
fi
if [ ${#want[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "setup: installing ${want[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${want[@]}"
