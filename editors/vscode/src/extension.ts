// The rlm extension: starts `rlm lsp` with vscode-languageclient, forwards the rlm settings,
// shows the index state in the status bar and answers (`rlm/answer`) in a Markdown preview,
// and adds the commands "RLM: Ask about workspace", "RLM: Ask about selection",
// "RLM: Scan workspace" and "RLM: Reindex".

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { AnswerParams, StatusParams, answerDocument, askArguments, reindexSummary, scanSummary, serverSettings, statusBar } from "./glue";

let client: LanguageClient | undefined;

const LANGUAGES = ["python", "rust", "javascript", "typescript", "typescriptreact", "javascriptreact", "go", "java", "c", "cpp", "ruby", "php", "shellscript"];

function settings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("rlm");
  return serverSettings((key) => config.get(key));
}

async function showAnswer(answer: AnswerParams): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: answerDocument(answer) });
  await vscode.commands.executeCommand("markdown.showPreviewToSide", doc.uri);
}

async function runServerCommand(command: string, args: unknown[] = []): Promise<any> {
  if (!client) {
    throw new Error("the rlm server is not running");
  }
  return client.sendRequest("workspace/executeCommand", { command, arguments: args });
}

/** Asks the RLM loop; the answer arrives as rlm/answer (a Markdown preview). The server
 *  reports progress, with a cancel button, through the client. */
async function askCommand(withSelection: boolean): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (withSelection && (!editor || editor.selection.isEmpty)) {
    vscode.window.showErrorMessage("rlm: select some code first");
    return;
  }
  const question = await vscode.window.showInputBox({ prompt: withSelection ? "Ask RLM about the selection" : "Ask RLM about the workspace" });
  if (!question || !question.trim()) {
    return;
  }
  const selection = withSelection && editor
    ? {
        uri: editor.document.uri.toString(),
        range: {
          start: { line: editor.selection.start.line, character: editor.selection.start.character },
          end: { line: editor.selection.end.line, character: editor.selection.end.character },
        },
      }
    : undefined;
  try {
    const result = await runServerCommand("rlm.ask", [askArguments(question, selection)]);
    if (!result.final) {
      vscode.window.showWarningMessage(`rlm: stopped early (${result.stopReason}); the partial answer is shown`);
    }
  } catch (e: any) {
    vscode.window.showErrorMessage(`rlm: ${e.message ?? e}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const path = vscode.workspace.getConfiguration("rlm").get<string>("path") || "rlm";
  const serverOptions: ServerOptions = { command: path, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: "file", language })),
    initializationOptions: { rlm: settings() },
  };
  client = new LanguageClient("rlm", "rlm", serverOptions, clientOptions);
  // Tell the server we render rlm/answer ourselves.
  client.registerFeature({
    fillClientCapabilities(capabilities: any) {
      capabilities.experimental = { ...(capabilities.experimental || {}), rlmAnswer: true };
    },
    initialize() {},
    getState() {
      return { kind: "static" } as any;
    },
    clear() {},
  } as any);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
  status.text = "rlm: starting";
  status.command = "rlm.commands.reindex";
  status.show();
  context.subscriptions.push(status);

  client.onNotification("rlm/status", (params: StatusParams) => {
    const shown = statusBar(params);
    status.text = shown.text;
    status.tooltip = shown.tooltip;
  });
  client.onNotification("rlm/answer", (params: AnswerParams) => showAnswer(params));

  context.subscriptions.push(
    vscode.commands.registerCommand("rlm.commands.askWorkspace", () => askCommand(false)),
    vscode.commands.registerCommand("rlm.commands.askSelection", () => askCommand(true)),
    vscode.commands.registerCommand("rlm.commands.scanWorkspace", async () => {
      try {
        vscode.window.showInformationMessage(scanSummary(await runServerCommand("rlm.scanWorkspace")));
      } catch (e: any) {
        vscode.window.showErrorMessage(`rlm: scan failed: ${e.message ?? e}`);
      }
    }),
    vscode.commands.registerCommand("rlm.commands.reindex", async () => {
      try {
        vscode.window.showInformationMessage(reindexSummary(await runServerCommand("rlm.reindex")));
      } catch (e: any) {
        vscode.window.showErrorMessage(`rlm: reindex failed: ${e.message ?? e}`);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("rlm") && client) {
        client.sendNotification("workspace/didChangeConfiguration", { settings: { rlm: settings() } });
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}
