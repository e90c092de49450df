#!/usr/bin/env bash
# rlm scan: the shipped vulnerable example (findings with fixes), then this repository itself.
# Findings make `rlm scan` exit 1 by design (that is what fails a CI job), so the demo reports
# the exit code instead of stopping on it; an error (exit 2) still fails the demo.
set -uo pipefail
cd "$RLM_ROOT"
scan() {
  echo
  echo "\$ rlm scan $*"
  rlm scan "$@"
  local code=$?
  echo "(exit code $code: 0 = clean, 1 = findings at or above the threshold, 2 = error)"
  if [ "$code" -gt 1 ]; then exit "$code"; fi
}
scan examples/vulnerable --severity high
scan examples/vulnerable/python --fix
scan . --severity medium
