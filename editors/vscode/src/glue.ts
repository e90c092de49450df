// The extension's own logic, free of the `vscode` module so it can be tested under plain node:
// turning VS Code settings into the server's settings, and the server's notifications into
// what the user sees.

/** Reads one setting (VS Code's `WorkspaceConfiguration.get`). */
export type SettingGetter = (key: string) => unknown;

/** The server's settings (`initializationOptions.rlm` and didChangeConfiguration), from the
 *  `rlm.*` VS Code settings. Client-only keys (`rlm.path`) are left out: the server rejects
 *  keys it does not know. */
export function serverSettings(get: SettingGetter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const copy = (key: string, into: Record<string, unknown>, name: string) => {
    const value = get(key);
    if (value !== undefined && value !== null) {
      into[name] = value;
    }
  };
  copy("debounceMs", out, "debounceMs");
  copy("hoverLocations", out, "hoverLocations");
  copy("referenceChunkBudget", out, "referenceChunkBudget");
  copy("indexUnsaved", out, "indexUnsaved");
  const index: Record<string, unknown> = {};
  copy("index.exclude", index, "exclude");
  copy("index.maxFileSize", index, "maxFileSize");
  out.index = index;
  const audit: Record<string, unknown> = {};
  copy("audit.enabled", audit, "enabled");
  copy("audit.enable", audit, "enable");
  copy("audit.disable", audit, "disable");
  out.audit = audit;
  const ask: Record<string, unknown> = {};
  copy("ask.model", ask, "model");
  copy("ask.subModel", ask, "subModel");
  copy("ask.maxIterations", ask, "maxIterations");
  copy("ask.maxCostUsd", ask, "maxCostUsd");
  copy("ask.maxTimeSecs", ask, "maxTimeSecs");
  out.ask = ask;
  return out;
}

/** A selection as the protocol names it. */
export interface Selection {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The argument of the server's `rlm.ask` command. */
export function askArguments(question: string, selection?: Selection): Record<string, unknown> {
  const arg: Record<string, unknown> = { question: question.trim() };
  if (selection) {
    arg.uri = selection.uri;
    arg.range = selection.range;
  }
  return arg;
}

/** `rlm/status` parameters. */
export interface StatusParams {
  state: string;
  files: number;
  message: string;
}

/** The status-bar text and tooltip for an index state. */
export function statusBar(status: StatusParams): { text: string; tooltip: string } {
  switch (status.state) {
    case "indexing":
      return { text: "$(sync~spin) rlm: indexing", tooltip: status.message };
    case "ready":
      return { text: `$(database) rlm: ${status.files} files`, tooltip: status.message };
    case "error":
      return { text: "$(error) rlm", tooltip: status.message };
    default:
      return { text: `rlm: ${status.state}`, tooltip: status.message };
  }
}

/** `rlm/answer` parameters. */
export interface AnswerParams {
  title: string;
  markdown: string;
  uri?: string;
}

/** The Markdown document an answer is shown as. */
export function answerDocument(answer: AnswerParams): string {
  return `# ${answer.title}\n\n${answer.markdown.trimEnd()}\n`;
}

/** The message after `rlm.scanWorkspace`. */
export function scanSummary(result: { findings: number; files: number; filesScanned: number }): string {
  return `rlm: ${result.findings} findings in ${result.files} files (${result.filesScanned} files scanned)`;
}

/** The message after `rlm.reindex`. */
export function reindexSummary(report: { files: number; added: number; updated: number; removed: number }): string {
  return `rlm: indexed ${report.files} files (${report.added} added, ${report.updated} updated, ${report.removed} removed)`;
}
