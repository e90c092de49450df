#!/usr/bin/env bash
# The language server on this repository, as an editor drives it: initialize, wait for the
# index, then hover over `index_workspace` where the CLI calls it, and print the hover.
set -euo pipefail
cd "$RLM_ROOT"
echo
echo "\$ rlm lsp   (an editor's hover on index_workspace in cli/src/cmd/index.rs)"
python3 - "$RLM_ROOT" <<'PY'
import json, subprocess, sys, time, pathlib
root = pathlib.Path(sys.argv[1]).resolve()
server = subprocess.Popen(["rlm", "lsp"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

def send(msg):
    body = json.dumps(msg).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def read():
    length = 0
    while True:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))

def call(id, method, params):
    send({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
    while True:
        msg = read()
        if msg.get("method") == "rlm/status" and msg["params"]["state"] != "indexing":
            status[0] = msg["params"]
        if "method" not in msg and msg.get("id") == id:
            return msg

status = [None]
call(1, "initialize", {"processId": None, "workspaceFolders": [{"uri": root.as_uri(), "name": "rlm"}], "capabilities": {}})
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
target = root / "cli/src/cmd/index.rs"
lines = target.read_text().splitlines()
line = next(i for i, l in enumerate(lines) if "index_workspace(" in l and "fn " not in l and "use " not in l)
col = lines[line].index("index_workspace(") + 3
deadline = time.time() + 300
n = 2
while True:
    hover = call(n, "textDocument/hover", {"textDocument": {"uri": target.as_uri()}, "position": {"line": line, "character": col}})
    n += 1
    if hover.get("result") or time.time() > deadline:
        break
    time.sleep(0.2)
print(f"hover at cli/src/cmd/index.rs:{line + 1}:{col + 1}:\n")
print(hover["result"]["contents"]["value"] if hover.get("result") else "(no hover)")
call(n, "shutdown", None)
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=10)
PY
