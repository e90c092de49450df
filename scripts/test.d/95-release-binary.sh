#!/usr/bin/env bash
# The shipped `rlm` carries no test scaffolding: no fake model server, no synthetic memory
# histories, no plaintext benchmark store. Built as `make demo` builds it (`cargo build`, no
# features; the dev profile, since a release build takes most of a fresh machine's budget and
# the features, not the profile, decide what is linked), then its symbols are searched. A name
# that is in the binary (the engine's scan_scope) is searched too, so the search itself is shown
# to work.
set -euo pipefail
cd "$RLM_ROOT"
target="${CARGO_TARGET_DIR:-$RLM_ROOT/target}"
# After `cargo test` the binary in target/debug was linked with the tests' features: link the
# shipped one again (its engine is already built by scripts/setup.d/90-build.sh).
cargo build --workspace --bin rlm --locked --quiet
bin="$target/debug/rlm"
failed=0
has() { grep -a -q -- "$1" "$bin"; }
if ! has scan_scope; then
  echo "FAIL release binary: the symbol search finds nothing in $bin (is it stripped?)"
  failed=1
fi
for scaffold in fake_server FakeServer PlaintextForBenchmarks conn_for_tests synthetic7history; do
  if has "$scaffold"; then
    echo "FAIL release binary: $bin contains test scaffolding ($scaffold)"
    failed=1
  fi
done
if [ "$failed" = 0 ]; then
  echo "1 passed, 0 failed (rlm has no fake server, synthetic histories or plaintext store)"
else
  echo "0 passed, 1 failed"
fi
exit "$failed"
