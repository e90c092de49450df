#!/usr/bin/env bash
# `rlm ask` on this repository. With a model configured in the environment (RLM_MODEL, or
# [rlm] root in rlm.toml) the RLM loop answers; without one, retrieval answers: the passages
# that best match the question with paths and line ranges, and a note saying how to configure a
# model. Never fails the demo.
set -uo pipefail
cd "$RLM_ROOT"
question="Which engine modules exist, and what does each one do? One line per module."
echo
echo "\$ rlm ask . \"$question\" --max-iterations 8 --max-cost 0.50 -v"
if ! rlm ask . "$question" --max-iterations 8 --max-cost 0.50 -v; then
  echo "(rlm ask did not finish with a final answer; the demo goes on)"
fi
question="Where does the sandbox apply the seccomp filter?"
echo
echo "\$ rlm ask . \"$question\" --json   # the passages (or the loop's answer) as JSON"
show_json() {
  python3 -c "$(cat <<'PY'
import json, sys
result = json.load(sys.stdin)
if "passages" in result:
    print(result["note"])
    for p in result["passages"]:
        print("  %s:%d-%d" % (p["path"], p["start_line"], p["end_line"]))
else:
    print(result["answer"])
PY
)"
}
rlm ask . "$question" --json 2>/dev/null | show_json || echo "(rlm ask --json did not answer; the demo goes on)"
