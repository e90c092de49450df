// The real `rlm lsp` driven through vscode-jsonrpc, the library vscode-languageclient speaks
// through: the messages the extension's client exchanges with the server, on a generated
// workspace (RLM_TEST_WORKSPACE, made by scripts/test.d/70-editors.sh) with the binary RLM_BIN.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const bin = process.env.RLM_BIN;
const workspace = process.env.RLM_TEST_WORKSPACE;
const skip = !bin || !workspace || !fs.existsSync(bin) ? "RLM_BIN and RLM_TEST_WORKSPACE are not set (scripts/test.d/70-editors.sh sets them)" : false;

function uri(rel: string): string {
  return pathToFileURL(path.join(workspace!, rel)).toString();
}

function waitFor<T>(what: string, register: (resolve: (value: T) => void) => void, ms = 60000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

test("the extension's protocol against the real server: hover, diagnostics, quick fix, commands", { skip }, async () => {
  const server = spawn(bin!, ["lsp"], { cwd: workspace, stdio: ["pipe", "pipe", "ignore"] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.onRequest("client/registerCapability", () => null);
  const statuses: any[] = [];
  let onStatus: ((s: any) => void) | undefined;
  connection.onNotification("rlm/status", (s: any) => {
    statuses.push(s);
    onStatus?.(s);
  });
  const diagnostics = new Map<string, any[]>();
  let onDiagnostics: ((p: any) => void) | undefined;
  connection.onNotification("textDocument/publishDiagnostics", (p: any) => {
    diagnostics.set(p.uri, p.diagnostics);
    onDiagnostics?.(p);
  });
  connection.listen();
  try {
    const ready = waitFor<any>("the index", (resolve) => {
      onStatus = (s) => s.state === "ready" && resolve(s);
    });
    const init: any = await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(workspace!).toString(),
      workspaceFolders: [{ uri: pathToFileURL(workspace!).toString(), name: "ws" }],
      capabilities: { window: { workDoneProgress: true }, experimental: { rlmAnswer: true } },
      initializationOptions: { rlm: { debounceMs: 50, index: { exclude: [] }, audit: { enabled: true } } },
    });
    assert.equal(init.serverInfo.name, "rlm");
    assert.deepEqual(init.capabilities.executeCommandProvider.commands, ["rlm.ask", "rlm.reindex", "rlm.scanWorkspace", "rlm.explainFinding"]);
    await connection.sendNotification("initialized", {});
    assert.equal((await ready).files, 3);

    const hover: any = await connection.sendRequest("textDocument/hover", {
      textDocument: { uri: uri("app.py") },
      position: { line: 4, character: 12 },
    });
    assert.equal(
      hover.contents.value,
      "```python\ndef load_config(path):\n```\n*function* — defined at `util.py:1`\n\nReads the configuration file.\n\n---\n**3 references**: `app.py:1`, `app.py:5`, `util.py:8` · **2 callers**\n",
    );

    const web = fs.readFileSync(path.join(workspace!, "web.py"), "utf8");
    const published = waitFor<any>("diagnostics", (resolve) => {
      onDiagnostics = (p) => p.uri === uri("web.py") && resolve(p);
    });
    await connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uri("web.py"), languageId: "python", version: 1, text: web },
    });
    const codes = (await published).diagnostics.map((d: any) => d.code);
    assert.deepEqual(codes, ["py/command-injection", "py/flask-debug"]);

    const actions: any = await connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: uri("web.py") },
      range: { start: { line: 10, character: 2 }, end: { line: 10, character: 2 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions[0].edit.changes[uri("web.py")], [
      { range: { start: { line: 10, character: 14 }, end: { line: 10, character: 18 } }, newText: "False" },
    ]);

    const answer = waitFor<any>("rlm/answer", (resolve) => connection.onNotification("rlm/answer", resolve));
    await connection.sendRequest("workspace/executeCommand", actions[1].command);
    assert.match((await answer).markdown, /`py\/flask-debug` at `web\.py:11`/);

    const scan: any = await connection.sendRequest("workspace/executeCommand", { command: "rlm.scanWorkspace", arguments: [] });
    assert.deepEqual(scan, { findings: 2, files: 1, filesScanned: 3, bySeverity: { high: 1, medium: 1 } });

    const report: any = await connection.sendRequest("workspace/executeCommand", { command: "rlm.reindex", arguments: [] });
    assert.equal(report.files, 3);

    await assert.rejects(
      connection.sendRequest("workspace/executeCommand", { command: "rlm.nope", arguments: [] }),
      (e: any) => e.code === -32602 && /rlm\.reindex/.test(e.message),
    );

    await connection.sendRequest("shutdown");
    const exited = new Promise((resolve) => server.on("exit", resolve));
    await connection.sendNotification("exit");
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    server.kill();
  }
});
