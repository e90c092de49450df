#!/usr/bin/env bash
# The project's Python environment in .venv (test clients, model converters, peers).
# Each capability lists its packages in requirements/*.txt.
set -euo pipefail
cd "$RLM_ROOT"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
shopt -s nullglob
reqs=(requirements/*.txt)
if [ ${#reqs[@]} -gt 0 ]; then
  stamp=.venv/.requirements.sha
  sum=$(cat "${reqs[@]}" | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
    args=()
    for r in "${reqs[@]}"; do args+=(-r "$r"); done
    .venv/bin/python -m pip install -q --disable-pip-version-check "${args[@]}"
    echo "$sum" > "$stamp"
  fi
fi
