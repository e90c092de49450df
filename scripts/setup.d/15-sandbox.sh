#!/usr/bin/env bash
# The sandbox runs model-written Python as an unprivileged uid when rlm runs as root; that uid
# cannot reach an interpreter installed under /root (pyenv), so a system python3 must exist.
# Idempotent: installs python3-minimal only when /usr/bin/python3 is missing.
set -euo pipefail
if [ ! -x /usr/bin/python3 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-minimal
fi
