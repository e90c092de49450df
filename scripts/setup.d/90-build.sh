#!/usr/bin/env bash
# Builds the workspace (debug profile; dependencies are optimised, see Cargo.toml).
set -euo pipefail
cd "$RLM_ROOT"
cargo build --workspace --locked
