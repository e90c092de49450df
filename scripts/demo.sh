#!/usr/bin/env bash
# The main job on this repository itself, with no API key: index, search, symbols, then each
# capability's own demo in scripts/demo.d/.
set -euo pipefail
cd "$(dirname "$0")/.."
export RLM_ROOT="$PWD"
export PATH="${CARGO_TARGET_DIR:-$PWD/target}/debug:$PATH"
run() { echo; echo "\$ $*"; "$@"; }
# Embedding this repository's ~5,500 chunks takes several CPU minutes: the demo indexes without
# them (a plain `rlm index .` adds them); its hybrid retrieval below embeds one module.
run rlm index . --no-embed
run rlm search . "parse config" -k 3
run rlm search . "incremental manifest hash" -k 3 --lang rust
run rlm symbols . index_workspace
for step in scripts/demo.d/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done
