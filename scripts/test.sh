#!/usr/bin/env bash
# Runs every test: formatting, lints, the Rust test suites, then each file in scripts/test.d/.
set -euo pipefail
cd "$(dirname "$0")/.."
export RLM_ROOT="$PWD"
echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "==> cargo test"
log_dir="${CARGO_TARGET_DIR:-target}"
mkdir -p "$log_dir"
cargo test --workspace --locked 2>&1 | tee "$log_dir/cargo-test.log"
for step in scripts/test.d/*.sh; do
  [ -e "$step" ] || continue
  echo "==> test: ${step#scripts/test.d/}"
  bash "$step"
done
passed=$(grep -Eo '[0-9]+ passed' "$log_dir/cargo-test.log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log_dir/cargo-test.log" | awk '{s+=$1} END {print s+0}')
echo "cargo: $passed passed, $failed failed"
