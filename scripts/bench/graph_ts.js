// The TypeScript side of `rlm bench graph`: references and incoming calls of each target
// definition, from the TypeScript compiler's language service (npm `typescript`).
//
// Usage: node graph_ts.js TYPESCRIPT_DIR < request.json
// Request: {"root": DIR, "files": [REL, ...], "targets": [{"path": REL, "line": L, "col": C}]}
// (1-based line, 0-based column of the definition's name). Writes {"typescript": VERSION,
// "results": [{"refs": [[REL, L, C], ...], "calls": [[REL, L], ...], "error": null}]}:
// `findReferences` minus definitions, and the `fromSpans` of `provideCallHierarchyIncomingCalls`,
// both kept to the request's files.
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require(path.resolve(process.argv[2]));

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const root = fs.realpathSync(request.root);
const files = request.files.map((f) => path.join(root, f));
const inRequest = new Set(files);
const texts = new Map();
const text = (f) => {
  if (!texts.has(f)) texts.set(f, fs.existsSync(f) ? fs.readFileSync(f, "utf8") : undefined);
  return texts.get(f);
};
const host = {
  getScriptFileNames: () => files,
  getScriptVersion: () => "1",
  getScriptSnapshot: (f) => {
    const t = text(f);
    return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t);
  },
  getCurrentDirectory: () => root,
  getCompilationSettings: () => ({
    allowJs: true,
    checkJs: false,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  }),
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (f) => fs.existsSync(f),
  readFile: (f) => text(f),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());
const program = service.getProgram();

function lineCol(file, pos) {
  const sf = program.getSourceFile(file);
  const lc = sf.getLineAndCharacterOfPosition(pos);
  return [lc.line + 1, lc.character];
}

const results = [];
for (const t of request.targets) {
  const file = path.join(root, t.path);
  try {
    const sf = program.getSourceFile(file);
    const pos = sf.getPositionOfLineAndCharacter(t.line - 1, t.col);
    const refs = [];
    for (const group of service.findReferences(file, pos) || []) {
      for (const r of group.references) {
        if (r.isDefinition || !inRequest.has(r.fileName)) continue;
        const [line, col] = lineCol(r.fileName, r.textSpan.start);
        refs.push([path.relative(root, r.fileName), line, col]);
      }
    }
    const calls = [];
    let items = service.prepareCallHierarchy(file, pos);
    if (items && !Array.isArray(items)) items = [items];
    for (const item of items || []) {
      for (const incoming of service.provideCallHierarchyIncomingCalls(item.file, item.selectionSpan.start)) {
        if (!inRequest.has(incoming.from.file)) continue;
        for (const span of incoming.fromSpans) {
          const [line] = lineCol(incoming.from.file, span.start);
          calls.push([path.relative(root, incoming.from.file), line]);
        }
      }
    }
    results.push({ refs, calls, error: null });
  } catch (e) {
    results.push({ refs: [], calls: [], error: String(e && e.message ? e.message : e) });
  }
}
process.stdout.write(JSON.stringify({ typescript: ts.version, results }));
