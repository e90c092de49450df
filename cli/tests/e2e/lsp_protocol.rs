//! Protocol tests: the real `rlm lsp` binary driven over its stdio with framed LSP JSON-RPC, as
//! an editor drives it: a generated workspace, indexing with `$/progress`, hover, definition,
//! references, symbols, edits, and bad input the server must answer and survive.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use crate::common::lsp::{Lsp, at, uri};
use common::clean::sandbox_works;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const UTIL: &str = "def load_config(path):\n    \"\"\"Reads the configuration file.\"\"\"\n    return open(path).read()\n\n\nclass Store:\n    def get(self, key):\n        return load_config(key)\n";
const APP: &str = "from util import load_config\n\n\ndef main():\n    cfg = load_config('app.toml')\n    return cfg\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("util.py"), UTIL).unwrap();
    std::fs::write(dir.path().join("app.py"), APP).unwrap();
    dir
}

fn open(lsp: &mut Lsp, root: &Path, rel: &str, text: &str) {
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(root, rel), "languageId": "python", "version": 1, "text": text}}),
    );
}

#[test]
fn lsp_indexes_with_progress_and_answers_hover_definition_references_symbols() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut lsp = Lsp::start(&root);
    let init = lsp.initialize(&root, json!({}));
    assert_eq!(init["serverInfo"]["name"], "rlm");
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    lsp.wait_ready(2);
    let progress: Vec<&Value> = lsp
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress")
        .collect();
    assert_eq!(
        progress.first().unwrap()["params"]["value"]["kind"],
        "begin"
    );
    assert_eq!(progress.last().unwrap()["params"]["value"]["kind"], "end");
    assert!(
        lsp.seen
            .iter()
            .any(|m| m["method"] == "window/workDoneProgress/create")
    );

    let hover = lsp.result("textDocument/hover", at(&root, "app.py", 4, 12));
    assert_eq!(
        hover,
        json!({
            "contents": {"kind": "markdown", "value":
                "```python\ndef load_config(path):\n```\n*function* — defined at `util.py:1`\n\nReads the configuration file.\n\n---\n**3 references**: `app.py:1`, `app.py:5`, `util.py:8` · **2 callers**\n"},
            "range": {"start": {"line": 4, "character": 10}, "end": {"line": 4, "character": 21}}
        })
    );

    let definition = lsp.result("textDocument/definition", at(&root, "app.py", 4, 12));
    assert_eq!(
        definition,
        json!([{"uri": uri(&root, "util.py"), "range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 15}}}])
    );

    let mut params = at(&root, "app.py", 4, 12);
    params["context"] = json!({"includeDeclaration": true});
    let references = lsp.result("textDocument/references", params);
    let places: Vec<(String, u64, u64)> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["uri"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                l["range"]["start"]["line"].as_u64().unwrap(),
                l["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        vec![
            ("app.py".into(), 0, 17),
            ("app.py".into(), 4, 10),
            ("util.py".into(), 0, 4),
            ("util.py".into(), 7, 15)
        ]
    );

    let symbols = lsp.result("workspace/symbol", json!({"query": "Sto"}));
    assert_eq!(
        symbols,
        json!([{"name": "Store", "kind": 5, "location": {"uri": uri(&root, "util.py"),
            "range": {"start": {"line": 5, "character": 0}, "end": {"line": 6, "character": 0}}}}])
    );

    let outline = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&root, "util.py")}}),
    );
    let names: Vec<(String, Vec<String>)> = outline
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let children = s["children"].as_array().map(|c| {
                c.iter()
                    .map(|c| c["name"].as_str().unwrap().to_string())
                    .collect()
            });
            (
                s["name"].as_str().unwrap().to_string(),
                children.unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            ("load_config".into(), vec![]),
            ("Store".into(), vec!["get".into()])
        ]
    );
    lsp.shutdown();
}

#[test]
fn lsp_reindexes_unsaved_edits_after_the_debounce() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut lsp = Lsp::start(&root);
    lsp.initialize(&root, json!({"rlm": {"debounceMs": 50}}));
    lsp.wait_ready(2);
    open(&mut lsp, &root, "app.py", APP);
    // Add a function at the end, in the buffer only.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&root, "app.py"), "version": 2},
               "contentChanges": [{"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}},
                                   "text": "\n\ndef fresh_helper():\n    return main()\n"}]}),
    );
    let fresh = |lsp: &mut Lsp| lsp.result("workspace/symbol", json!({"query": "fresh_helper"}));
    lsp.eventually("the edit is indexed", |lsp| fresh(lsp) != json!([]));
    let symbols = fresh(&mut lsp);
    assert_eq!(symbols[0]["name"], "fresh_helper");
    assert_eq!(symbols[0]["location"]["range"]["start"]["line"], 8);
    // Closing the buffer without saving brings the file on disk back.
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&root, "app.py")}}),
    );
    lsp.eventually("the saved text is back", |lsp| fresh(lsp) == json!([]));
    // A file written outside the editor is picked up from the watcher's event.
    std::fs::write(root.join("extra.py"), "def from_disk():\n    pass\n").unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root, "extra.py"), "type": 1}]}),
    );
    lsp.eventually("the new file is indexed", |lsp| {
        lsp.result("workspace/symbol", json!({"query": "from_disk"}))[0]["name"] == "from_disk"
    });
    // rlm.reindex runs now and answers with the report.
    let report = lsp.result(
        "workspace/executeCommand",
        json!({"command": "rlm.reindex", "arguments": []}),
    );
    assert_eq!(report["files"], 3);
    lsp.shutdown();
}

#[test]
fn lsp_answers_invalid_json_and_bad_requests_and_keeps_serving() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut lsp = Lsp::start(&root);
    // Before initialize: requests get "server not initialized".
    let early = lsp.call("textDocument/hover", at(&root, "app.py", 0, 0));
    assert_eq!(early["error"]["code"], -32002);
    lsp.initialize(&root, json!({}));
    lsp.wait_ready(2);

    lsp.send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    let parse_error = lsp.response_to(Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700);

    lsp.send(json!({"jsonrpc": "2.0", "id": 100}));
    assert_eq!(lsp.response_to(json!(100))["error"]["code"], -32600);

    let unknown = lsp.call("textDocument/linkedEditingRange", at(&root, "app.py", 0, 0));
    assert_eq!(unknown["error"]["code"], -32601);
    let custom = lsp.call("rlm/noSuchThing", json!({}));
    assert_eq!(custom["error"]["code"], -32601);

    let bad_params = lsp.call("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(bad_params["error"]["code"], -32602);

    let bad_command = lsp.call("workspace/executeCommand", json!({"command": "rlm.nope"}));
    assert_eq!(bad_command["error"]["code"], -32602);
    assert!(
        bad_command["error"]["message"]
            .as_str()
            .unwrap()
            .contains("rlm.reindex")
    );

    // Still serving.
    let hover = lsp.result("textDocument/hover", at(&root, "app.py", 4, 12));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("def load_config(path):")
    );
    lsp.shutdown();
}

#[test]
fn lsp_survives_huge_edits_foreign_uris_and_files_deleted_while_open() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let outside_root = outside.path().canonicalize().unwrap();
    std::fs::write(outside_root.join("other.py"), "x = load_config('y')\n").unwrap();
    let mut lsp = Lsp::start(&root);
    lsp.initialize(&root, json!({"debounceMs": 50}));
    lsp.wait_ready(2);

    // A file outside the workspace: hover still finds the workspace's definition.
    let other = format!("file://{}", outside_root.join("other.py").display());
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": other, "languageId": "python", "version": 1, "text": "x = load_config('y')\n"}}),
    );
    let hover = lsp.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": other}, "position": {"line": 0, "character": 6}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("defined at `util.py:1`")
    );
    let outline = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": other}}),
    );
    // The buffer outside the workspace is outlined from its own parse: its one variable.
    assert_eq!(outline[0]["name"], "x");
    assert_eq!(outline.as_array().unwrap().len(), 1);
    // A URI that is not a file at all.
    let untitled = lsp.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:Untitled-1"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(untitled["result"], Value::Null);

    // A 20 MB change replacing a whole buffer; the index skips it as too large.
    open(&mut lsp, &root, "app.py", APP);
    let huge = "# padding line for a very large buffer\n".repeat(20 * 1024 * 1024 / 39);
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&root, "app.py"), "version": 2}, "contentChanges": [{"text": huge}]}),
    );
    lsp.wait_ready(1);
    // The buffer is served (a comment word: nothing known), and the rest of the index still is.
    assert_eq!(
        lsp.result("textDocument/hover", at(&root, "app.py", 100_000, 3)),
        Value::Null
    );
    let hover = lsp.result("textDocument/hover", at(&root, "util.py", 7, 18));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**1 reference**: `util.py:8`"),
        "{hover}"
    );

    // The buffer's file deleted on disk while open.
    open(&mut lsp, &root, "util.py", UTIL);
    std::fs::remove_file(root.join("util.py")).unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root, "util.py"), "type": 3}]}),
    );
    lsp.wait_ready(0);
    let outline = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&root, "util.py")}}),
    );
    assert_eq!(outline[0]["name"], "load_config");
    // The open buffer still answers from its own parse.
    let hover = lsp.result("textDocument/hover", at(&root, "util.py", 0, 6));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("```python\ndef load_config(path):\n```"),
        "{hover}"
    );
    lsp.shutdown();
}

const WEB: &str = "import subprocess\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n\n\napp.run(debug=True)\n";

#[test]
fn lsp_publishes_findings_offers_quick_fix_and_explains_them() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("web.py"), WEB).unwrap();
    let mut lsp = Lsp::start(&root);
    // A push-diagnostics client that renders rlm/answer.
    let init = lsp.result(
        "initialize",
        json!({
            "processId": null,
            "workspaceFolders": [{"uri": uri(&root, ""), "name": "ws"}],
            "capabilities": {"experimental": {"rlmAnswer": true}},
        }),
    );
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"],
        true
    );
    lsp.notify("initialized", json!({}));
    open(&mut lsp, &root, "web.py", WEB);
    let published = lsp.wait_for("diagnostics for web.py", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri(&root, "web.py")
    });
    let diagnostics: Vec<(String, u64, Value)> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_u64().unwrap(),
                d["range"].clone(),
            )
        })
        .collect();
    assert_eq!(
        diagnostics,
        vec![
            (
                "py/command-injection".into(),
                2,
                json!({"start": {"line": 7, "character": 11}, "end": {"line": 7, "character": 43}})
            ),
            (
                "py/flask-debug".into(),
                1,
                json!({"start": {"line": 10, "character": 0}, "end": {"line": 10, "character": 19}})
            ),
        ]
    );

    // Code actions at the flask finding: its quick fix as a workspace edit, and an explanation.
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&root, "web.py")},
               "range": {"start": {"line": 10, "character": 3}, "end": {"line": 10, "character": 3}},
               "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Fix: Turn the debugger off (take it from an environment variable for development)",
            "Explain this finding (py/flask-debug)"
        ]
    );
    assert_eq!(
        actions[0]["edit"]["changes"][uri(&root, "web.py")],
        json!([{"range": {"start": {"line": 10, "character": 14}, "end": {"line": 10, "character": 18}}, "newText": "False"}])
    );
    let command = actions[1]["command"].clone();
    let explained = lsp.result(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let answer = lsp.wait_for("rlm/answer", |m| m["method"] == "rlm/answer");
    assert_eq!(answer["params"]["markdown"], explained["markdown"]);
    let markdown = explained["markdown"].as_str().unwrap();
    assert!(
        markdown.contains("`py/flask-debug` at `web.py:11`"),
        "{markdown}"
    );
    assert!(markdown.contains("## Why it matters"), "{markdown}");

    // Hover on the finding's line mentions it.
    let hover = lsp.result("textDocument/hover", at(&root, "web.py", 10, 1));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("py/flask-debug"),
        "{hover}"
    );

    // Pull diagnostics for one document and for the workspace.
    let report = lsp.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&root, "web.py")}}),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"].as_array().unwrap().len(), 2);
    let workspace_report = lsp.result("workspace/diagnostic", json!({"previousResultIds": []}));
    let files: Vec<&str> = workspace_report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["uri"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec![uri(&root, "web.py").as_str()]);

    let scan = lsp.result(
        "workspace/executeCommand",
        json!({"command": "rlm.scanWorkspace"}),
    );
    assert_eq!(scan["findings"], 2);
    assert_eq!(scan["files"], 1);
    assert_eq!(scan["filesScanned"], 3);
    lsp.shutdown();
}

#[test]
fn lsp_scan_workspace_leaves_out_what_the_configured_baseline_records() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("web.py"), WEB).unwrap();
    // The baseline `rlm scan` writes records web.py's two findings; a new file adds one.
    let out = Command::new(env!("CARGO_BIN_EXE_rlm"))
        .args(["scan", "--write-baseline", "baseline.json"])
        .current_dir(&root)
        .env("XDG_CONFIG_HOME", root.join(".no-user-config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        root.join("jobs.py"),
        "import subprocess\n\ndef go(cmd):\n    return subprocess.call(cmd, shell=True)\n",
    )
    .unwrap();
    std::fs::write(
        root.join("rlm.toml"),
        "[audit]\nbaseline = \"baseline.json\"\n",
    )
    .unwrap();
    let mut lsp = Lsp::start(&root);
    lsp.initialize(&root, json!({}));
    let scan = lsp.result(
        "workspace/executeCommand",
        json!({"command": "rlm.scanWorkspace"}),
    );
    assert_eq!(
        (&scan["findings"], &scan["files"], &scan["bySeverity"]),
        (&json!(1), &json!(1), &json!({"medium": 1}))
    );
    lsp.shutdown();
}

#[test]
fn lsp_asks_rlm_about_a_selection_with_progress_and_cancellation() {
    use rlm_engine::providers::fake_server::{FakeReply, FakeServer, RecordedRequest};
    use std::sync::Arc;
    let probe = tempfile::tempdir().unwrap();
    if !sandbox_works(probe.path()) {
        return;
    }
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let server = FakeServer::start(Arc::new(|r: &RecordedRequest| {
        if r.last_user.contains("Loop forever") || r.system.contains("Loop forever") {
            return FakeReply::Delay(
                Duration::from_millis(200),
                Box::new(FakeReply::text("```repl\nprint('still thinking')\n```")),
            );
        }
        let turn = (r.message_count - 2) / 2;
        FakeReply::text(match turn {
            0 => "```repl\nprint(context.count('load_config'))\n```".to_string(),
            _ => "```repl\nFINAL('load_config reads the file at path')\n```".to_string(),
        })
    }))
    .unwrap();
    let env = [
        ("RLM_MODEL", server.model_spec("root")),
        (
            "OPENAI_COMPATIBLE_API_KEY",
            "fake-key-0123456789".to_string(),
        ),
    ];
    let mut lsp = Lsp::start_with_env(&root, &env);
    lsp.initialize(&root, json!({"ask": {"maxIterations": 50}}));
    lsp.wait_ready(2);

    // The code action for a selection runs rlm.ask on it.
    let selection =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 28}});
    let actions = lsp.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&root, "util.py")}, "range": selection, "context": {"diagnostics": []}}),
    );
    let ask = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Ask RLM about this selection")
        .expect("an Ask RLM action")
        .clone();
    let mut params = ask["command"].clone();
    params["workDoneToken"] = json!("ask-1");
    let result = lsp.result("workspace/executeCommand", params);
    assert_eq!(result["answer"], "load_config reads the file at path");
    assert_eq!(result["final"], true);
    assert_eq!(result["iterations"], 2);
    let first = &server.requests()[0];
    assert!(
        first.last_user.contains("lines 1-3 of `util.py`")
            || first.system.contains("lines 1-3 of `util.py`"),
        "the selection did not reach the model: {}",
        first.last_user
    );
    lsp.wait_for("the end of the progress", |m| {
        m["method"] == "$/progress"
            && m["params"]["token"] == "ask-1"
            && m["params"]["value"]["kind"] == "end"
    });
    let steps: Vec<&Value> = lsp
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["token"] == "ask-1")
        .collect();
    assert_eq!(steps.first().unwrap()["params"]["value"]["kind"], "begin");
    assert_eq!(
        steps.first().unwrap()["params"]["value"]["cancellable"],
        true
    );
    assert!(steps.len() >= 3, "{steps:?}");
    assert_eq!(steps.last().unwrap()["params"]["value"]["kind"], "end");
    // No rlm/answer support announced: the answer came as a message.
    lsp.wait_for("the answer as a message", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("load_config reads the file at path")
    });

    // The progress's cancel button stops a run that would go on.
    lsp.next_id += 1;
    let id = lsp.next_id;
    lsp.send(json!({"jsonrpc": "2.0", "id": id, "method": "workspace/executeCommand",
        "params": {"command": "rlm.ask", "arguments": [{"question": "Loop forever"}], "workDoneToken": "ask-2"}}));
    lsp.wait_for("the run to begin", |m| {
        m["method"] == "$/progress" && m["params"]["token"] == "ask-2"
    });
    lsp.notify("window/workDoneProgress/cancel", json!({"token": "ask-2"}));
    let cancelled = lsp.response_to(json!(id));
    assert_eq!(
        cancelled["result"]["stopReason"], "cancelled",
        "{cancelled}"
    );
    assert_eq!(cancelled["result"]["final"], false);

    // $/cancelRequest answers the request as cancelled.
    lsp.next_id += 1;
    let id = lsp.next_id;
    lsp.send(json!({"jsonrpc": "2.0", "id": id, "method": "workspace/executeCommand",
        "params": {"command": "rlm.ask", "arguments": [{"question": "Loop forever"}], "workDoneToken": "ask-3"}}));
    lsp.wait_for("the run to begin", |m| {
        m["method"] == "$/progress" && m["params"]["token"] == "ask-3"
    });
    lsp.notify("$/cancelRequest", json!({"id": id}));
    assert_eq!(lsp.response_to(json!(id))["error"]["code"], -32800);

    let empty = lsp.call(
        "workspace/executeCommand",
        json!({"command": "rlm.ask", "arguments": [{"question": " "}]}),
    );
    assert_eq!(empty["error"]["code"], -32602);
    lsp.shutdown();
}
