#!/usr/bin/env bash
# The model converter's tests (pytest): tokenizer and ONNX graph against the golden references,
# converter equivalence on a tiny random model.
set -uo pipefail
cd "$RLM_ROOT"
log=$(mktemp)
.venv/bin/python -m pytest -q -rs models/tests 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -Eo '[0-9]+ passed' "$log" | head -1 | awk '{print $1+0}')
failed=$(grep -Eo '[0-9]+ (failed|error)' "$log" | awk '{s+=$1} END {print s+0}')
echo "${passed:-0} passed, ${failed:-0} failed"
rm -f "$log"
exit "$status"
