#!/usr/bin/env bash
# Runs apt-get as root: directly when we are root, through sudo otherwise (deps.sh installs
# the build dependencies with it, .ci/run the built package). usage: scripts/apt.sh ARGS...
set -euo pipefail
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "apt.sh: 'apt-get $*' needs root; run as root (sudo is not installed)" >&2
    exit 1
  fi
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get "$@"
