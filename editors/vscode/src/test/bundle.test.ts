// The shipped file: esbuild's bundle (dist/extension.js, what package.json's "main" names) loads
// on its own, with only the `vscode` module provided by the editor, and exports the extension's
// entry points. Its dependencies are inside it: no node_modules ships.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.join(__dirname, "..", "..");

test("the bundle named by package.json loads with only vscode external", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  assert.equal(manifest.main, "./dist/extension.js");
  const bundle = path.join(root, manifest.main);
  const requested: string[] = [];
  // The editor's API, as far as loading needs it: the language client subclasses some of its
  // classes and reads enums at load time.
  const anything: any = new Proxy(function () {}, {
    get: (_target, key) => (key === "prototype" ? {} : anything),
    construct: () => anything,
    apply: () => anything,
  });
  const Module = require("node:module");
  const load = Module._load;
  Module._load = function (request: string, ...rest: unknown[]) {
    if (!request.startsWith("node:") && !Module.builtinModules.includes(request)) {
      requested.push(request);
    }
    if (request === "vscode") return anything;
    return load.call(this, request, ...rest);
  };
  try {
    delete require.cache[require.resolve(bundle)];
    const extension = require(bundle);
    assert.equal(typeof extension.activate, "function");
    assert.equal(typeof extension.deactivate, "function");
  } finally {
    Module._load = load;
  }
  assert.deepEqual([...new Set(requested)].filter((r) => r !== bundle), ["vscode"]);
});
