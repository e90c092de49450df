// The extension's glue with the `vscode` module (and the language client) mocked: settings
// forwarded to the server, the status bar following rlm/status, answers opened as Markdown
// previews, and the commands turning server replies into messages.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import { answerDocument, askArguments, reindexSummary, scanSummary, serverSettings, statusBar } from "../glue";

test("serverSettings forwards server keys and leaves client-only ones out", () => {
  const values: Record<string, unknown> = {
    path: "/opt/rlm",
    debounceMs: 120,
    hoverLocations: 3,
    "index.exclude": ["gen/**"],
    "index.maxFileSize": null,
    "audit.enabled": false,
  };
  assert.deepEqual(serverSettings((k) => values[k]), {
    debounceMs: 120,
    hoverLocations: 3,
    index: { exclude: ["gen/**"] },
    audit: { enabled: false },
    ask: {},
  });
});

test("askArguments carries the question and the selection", () => {
  assert.deepEqual(askArguments(" Why? "), { question: "Why?" });
  const range = { start: { line: 1, character: 0 }, end: { line: 3, character: 4 } };
  assert.deepEqual(askArguments("Why?", { uri: "file:///a.py", range }), { question: "Why?", uri: "file:///a.py", range });
});

test("statusBar follows the index state", () => {
  assert.deepEqual(statusBar({ state: "ready", files: 12, message: "indexed 12 files" }), {
    text: "$(database) rlm: 12 files",
    tooltip: "indexed 12 files",
  });
  assert.equal(statusBar({ state: "indexing", files: 0, message: "" }).text, "$(sync~spin) rlm: indexing");
  assert.equal(statusBar({ state: "error", files: 0, message: "no index" }).tooltip, "no index");
});

test("answers and summaries read as sentences", () => {
  assert.equal(answerDocument({ title: "T", markdown: "body\n\n" }), "# T\n\nbody\n");
  assert.equal(scanSummary({ findings: 2, files: 1, filesScanned: 3 }), "rlm: 2 findings in 1 files (3 files scanned)");
  assert.equal(reindexSummary({ files: 3, added: 1, updated: 0, removed: 2 }), "rlm: indexed 3 files (1 added, 0 updated, 2 removed)");
});

/** A stand-in for the parts of the `vscode` API the extension uses, recording what it does. */
function fakeVscode(config: Record<string, unknown>) {
  const log: any = { commands: new Map<string, Function>(), messages: [], executed: [], opened: [], statusItems: [], configListeners: [] };
  const vscode = {
    StatusBarAlignment: { Left: 1 },
    workspace: {
      getConfiguration: () => ({ get: (key: string) => config[key] }),
      openTextDocument: async (options: any) => {
        log.opened.push(options);
        return { uri: "untitled:answer" };
      },
      onDidChangeConfiguration: (listener: Function) => {
        log.configListeners.push(listener);
        return { dispose() {} };
      },
    },
    window: {
      createStatusBarItem: () => {
        const item: any = { text: "", tooltip: "", show() { item.shown = true; }, dispose() {} };
        log.statusItems.push(item);
        return item;
      },
      showInformationMessage: (m: string) => log.messages.push(["info", m]),
      showErrorMessage: (m: string) => log.messages.push(["error", m]),
      showWarningMessage: (m: string) => log.messages.push(["warning", m]),
      showInputBox: async () => log.nextInput,
      activeTextEditor: undefined as any,
    },
    commands: {
      registerCommand: (id: string, fn: Function) => {
        log.commands.set(id, fn);
        return { dispose() {} };
      },
      executeCommand: async (...args: unknown[]) => log.executed.push(args),
    },
  };
  return { vscode, log };
}

/** A stand-in language client: records its options, notifications and requests, and answers
 *  executeCommand with `replies`. */
function fakeClientModule(replies: Record<string, unknown>) {
  const made: any[] = [];
  class LanguageClient {
    handlers = new Map<string, Function>();
    requests: any[] = [];
    notifications: any[] = [];
    features: any[] = [];
    started = false;
    constructor(public id: string, public name: string, public serverOptions: any, public clientOptions: any) {
      made.push(this);
    }
    registerFeature(f: any) { this.features.push(f); }
    onNotification(method: string, handler: Function) { this.handlers.set(method, handler); }
    async sendRequest(method: string, params: any) {
      this.requests.push([method, params]);
      const reply = replies[params.command];
      if (reply instanceof Error) throw reply;
      return reply;
    }
    sendNotification(method: string, params: any) { this.notifications.push([method, params]); }
    async start() { this.started = true; }
    async stop() {}
  }
  return { module: { LanguageClient }, made };
}

test("activate starts rlm lsp, wires status, answers and commands", async () => {
  const { vscode, log } = fakeVscode({ path: "/opt/bin/rlm", debounceMs: 75 });
  const client = fakeClientModule({
    "rlm.scanWorkspace": { findings: 4, files: 2, filesScanned: 9 },
    "rlm.reindex": new Error("index busy"),
    "rlm.ask": { final: false, stopReason: "max_iterations" },
  });
  const Module = require("node:module");
  const load = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    if (request === "vscode") return vscode;
    if (request === "vscode-languageclient/node") return client.module;
    return load.call(this, request, ...rest);
  };
  try {
    delete require.cache[require.resolve("../extension")];
    const extension = require("../extension");
    const context = { subscriptions: [] as unknown[] };
    await extension.activate(context);

    const lc = client.made[0];
    assert.deepEqual(lc.serverOptions, { command: "/opt/bin/rlm", args: ["lsp"] });
    assert.deepEqual(lc.clientOptions.initializationOptions, { rlm: { debounceMs: 75, index: {}, audit: {}, ask: {} } });
    assert.equal(lc.started, true);
    const caps: any = {};
    lc.features[0].fillClientCapabilities(caps);
    assert.deepEqual(caps.experimental, { rlmAnswer: true });
    assert.deepEqual([...log.commands.keys()], [
      "rlm.commands.askWorkspace",
      "rlm.commands.askSelection",
      "rlm.commands.scanWorkspace",
      "rlm.commands.reindex",
    ]);

    lc.handlers.get("rlm/status")({ state: "ready", files: 7, message: "indexed 7 files" });
    assert.equal(log.statusItems[0].text, "$(database) rlm: 7 files");
    assert.equal(log.statusItems[0].shown, true);

    await lc.handlers.get("rlm/answer")({ title: "Why", markdown: "Because." });
    assert.deepEqual(log.opened, [{ language: "markdown", content: "# Why\n\nBecause.\n" }]);
    assert.deepEqual(log.executed, [["markdown.showPreviewToSide", "untitled:answer"]]);

    await log.commands.get("rlm.commands.scanWorkspace")();
    await log.commands.get("rlm.commands.reindex")();
    assert.deepEqual(lc.requests.map((r: any) => r[1].command), ["rlm.scanWorkspace", "rlm.reindex"]);
    assert.deepEqual(log.messages, [
      ["info", "rlm: 4 findings in 2 files (9 files scanned)"],
      ["error", "rlm: reindex failed: index busy"],
    ]);

    // RLM: Ask about selection sends the question with the editor's selection.
    vscode.window.activeTextEditor = {
      document: { uri: { toString: () => "file:///ws/a.py" } },
      selection: { isEmpty: false, start: { line: 2, character: 0 }, end: { line: 4, character: 7 } },
    };
    log.nextInput = "What does it do?";
    log.messages.length = 0;
    await log.commands.get("rlm.commands.askSelection")();
    assert.deepEqual(lc.requests[2], ["workspace/executeCommand", {
      command: "rlm.ask",
      arguments: [{ question: "What does it do?", uri: "file:///ws/a.py",
        range: { start: { line: 2, character: 0 }, end: { line: 4, character: 7 } } }],
    }]);
    assert.deepEqual(log.messages, [["warning", "rlm: stopped early (max_iterations); the partial answer is shown"]]);

    log.configListeners[0]({ affectsConfiguration: (s: string) => s === "rlm" });
    assert.deepEqual(lc.notifications, [
      ["workspace/didChangeConfiguration", { settings: { rlm: { debounceMs: 75, index: {}, audit: {}, ask: {} } } }],
    ]);
  } finally {
    Module._load = load;
  }
});
