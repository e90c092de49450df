#!/usr/bin/env bash
# `rlm ask` on this repository when a model is configured in the environment (RLM_MODEL, or
# [rlm] root in rlm.toml); otherwise it prints how to configure one. Never fails the demo.
set -uo pipefail
cd "$RLM_ROOT"
question="Which engine modules exist, and what does each one do? One line per module."
echo
echo "\$ rlm ask . \"$question\" --max-iterations 8 --max-cost 0.50 -v"
if ! rlm ask . "$question" --max-iterations 8 --max-cost 0.50 -v; then
  echo "(rlm ask did not finish with a final answer; the demo goes on)"
fi
echo
echo "\$ rlm bench rlm --fake --sizes 32k --tasks s-niah   # the RLM loop against the fake model server"
rlm bench rlm --fake --sizes 32k --tasks s-niah --overhead-iterations 10 || echo "(the sandbox cannot run here; see rlm doctor)"
