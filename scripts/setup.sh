#!/usr/bin/env bash
# Sets up a fresh machine: system packages, the Python environment, models, and the build.
# Idempotent: a second run only checks. Each file in scripts/setup.d/ runs in name order.
set -euo pipefail
cd "$(dirname "$0")/.."
export RLM_ROOT="$PWD"
for step in scripts/setup.d/*.sh; do
  echo "==> setup: ${step#scripts/setup.d/}"
  bash "$step"
done
