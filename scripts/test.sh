#!/usr/bin/env bash
# Runs every test: formatting, lints, the Rust test suites, then each file in scripts/test.d/.
set -euo pipefail
cd "$(dirname "$0")/.."
export RLM_ROOT="$PWD"
echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
# One pass with the CLI's `bench` feature on, so the benchmarks behind it are linted too: with
# all targets the engine already has `test-support` (the tests' dev-dependency), so the feature
# adds only the CLI's bench code, where a second clippy run would check every crate again.
cargo clippy --workspace --all-targets --features rlm-cli/bench --locked -- -D warnings
echo "==> cargo test"
log_dir="${CARGO_TARGET_DIR:-target}"
mkdir -p "$log_dir"
# No silent skips: set up, this machine has the sandbox and the models, so a test that would
# skip for want of them fails instead; the skips left (none required) are counted below.
export RLM_REQUIRE_SANDBOX="${RLM_REQUIRE_SANDBOX:-1}"
export RLM_REQUIRE_MODELS="${RLM_REQUIRE_MODELS:-1}"
export RLM_SKIP_LOG="$(cd "$log_dir" && pwd)/skipped-tests.log"
: > "$RLM_SKIP_LOG"
# Most end-to-end tests wait on the processes they drive (rlm, python3, editors): run more of
# them at once than there are cores.
export RUST_TEST_THREADS="${RUST_TEST_THREADS:-4}"
cargo test --workspace --locked 2>&1 | tee "$log_dir/cargo-test.log"
for step in scripts/test.d/*.sh; do
  [ -e "$step" ] || continue
  echo "==> test: ${step#scripts/test.d/}"
  bash "$step"
done
passed=$(grep -Eo '[0-9]+ passed' "$log_dir/cargo-test.log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log_dir/cargo-test.log" | awk '{s+=$1} END {print s+0}')
skipped=$(wc -l < "$RLM_SKIP_LOG" | tr -d ' ')
echo "cargo: $passed passed, $failed failed, $skipped skipped (see $RLM_SKIP_LOG)"
