#!/usr/bin/env bash
# Installs everything Grapevine needs on Debian 12 (bookworm): compilers and CMake, Qt 6.4,
# OpenSSL and zlib, Go and Debian's memberlist (the interop peer, built offline), Xvfb for
# the window tests (xdotool and openbox for real input), clang (the dev and asan trees and
# fuzzing; gcc from build-essential builds the tsan and release trees), clang-tidy,
# lld (links in a quarter of ld.bfd's time), dpkg-dev and file for the .deb, the packaging
# validators. Run as root (or with sudo).
# Set GRAPEVINE_SKIP_DEPS=1 to skip (e.g. when everything is already installed).
set -euo pipefail

if [[ "${GRAPEVINE_SKIP_DEPS:-0}" == 1 ]]; then
  echo "deps: skipped (GRAPEVINE_SKIP_DEPS=1)"
  exit 0
fi

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
  qt6-qpa-plugins libgl-dev
  libssl-dev zlib1g-dev
  golang-go golang-github-hashicorp-memberlist-dev golang-github-hashicorp-serf-dev
  qt6-charts-dev libqt6opengl6-dev libpcap-dev tcpdump tshark
  xvfb xauth xdotool openbox
  desktop-file-utils appstream clang-format clang-tidy
  clang libclang-rt-14-dev lld
  dpkg-dev file iproute2 procps curl jq ccache
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "deps: installing ${missing[*]}"
bash "$(dirname "$0")/apt.sh" update
bash "$(dirname "$0")/apt.sh" install -y --no-install-recommends "${missing[@]}"
