//! Protocol tests of the code graph through the real `rlm lsp` binary over stdio: exact
//! definition and selection ranges, call hierarchy (incoming and outgoing), type hierarchy
//! (registered dynamically), implementation, and answers from the document's own parse.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

/// A running server and the client side of its pipes.
struct Lsp {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests seen so far, in order.
    seen: Vec<Value>,
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Lsp {
    fn start(root: &Path) -> Lsp {
        Lsp::start_with_env(root, &[])
    }

    fn start_with_env(root: &Path, env: &[(&str, String)]) -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rlm"))
            .arg("lsp")
            .current_dir(root)
            .env("XDG_CONFIG_HOME", root.join(".no-user-config"))
            .env("XDG_CACHE_HOME", root.join(".no-user-cache"))
            .env_remove("RLM_MODEL")
            .env_remove("RLM_SUB_MODEL")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Lsp {
            child,
            stdin,
            incoming,
            next_id: 0,
            seen: Vec::new(),
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server, answering its requests (progress tokens, watcher
    /// registration) as an editor would.
    fn next(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = match self.incoming.recv_timeout(left) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => panic!("timed out; seen so far: {:#?}", self.seen),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        };
        if message.get("method").is_some() {
            if let Some(id) = message.get("id") {
                let reply = json!({"jsonrpc": "2.0", "id": id, "result": null});
                self.send(reply);
            }
            self.seen.push(message.clone());
        }
        message
    }

    /// Sends a request and waits for its response (the whole response object).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response_to(json!(id))
    }

    fn response_to(&mut self, id: Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if message.get("method").is_none() && message.get("id") == Some(&id) {
                return message;
            }
        }
    }

    /// The result of a request that must succeed.
    fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for a notification matching `pred`, skipping (and keeping) others.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(found) = self.seen.iter().find(|m| pred(m)) {
            return found.clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if pred(&message) {
                return message;
            }
            assert!(Instant::now() < deadline, "no {what}");
        }
    }

    fn initialize(&mut self, root: &Path, options: Value) -> Value {
        let result = self.result(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root, ""),
                "workspaceFolders": [{"uri": uri(root, ""), "name": "ws"}],
                "capabilities": {
                    "window": {"workDoneProgress": true},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
                },
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// Waits until an index update has finished with `files` files.
    fn wait_ready(&mut self, files: usize) {
        self.seen.retain(|m| m["method"] != "rlm/status");
        self.wait_for("rlm/status ready", |m| {
            m["method"] == "rlm/status"
                && m["params"]["state"] == "ready"
                && m["params"]["files"] == files
        });
    }

    fn shutdown(mut self) {
        let _ = self.result("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "server exited with {status}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit after `exit`"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(root: &Path, rel: &str) -> String {
    let path: PathBuf = if rel.is_empty() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    format!("file://{}", path.display())
}

const SHAPES: &str = "class Shape:\n    def area(self):\n        return 0\n\n\nclass Square(Shape):\n    def area(self):\n        return 4\n";
const UTIL: &str =
    "def load_config(path):\n    return parse(path)\n\n\ndef parse(path):\n    return path\n";
const APP: &str = "from util import load_config\nfrom shapes import Square\n\n\ndef main():\n    cfg = load_config('app.toml')\n    return Square().area()\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("util.py"), UTIL).unwrap();
    std::fs::write(dir.path().join("app.py"), APP).unwrap();
    std::fs::write(dir.path().join("shapes.py"), SHAPES).unwrap();
    dir
}

fn at(root: &Path, rel: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri(root, rel)}, "position": {"line": line, "character": character}})
}

fn range(sl: u32, sc: u32, el: u32, ec: u32) -> Value {
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

#[test]
fn lsp_definition_lands_on_the_identifier_and_call_hierarchy_walks_both_ways() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut lsp = Lsp::start(&root);
    let init = lsp.initialize(&root, json!({}));
    assert_eq!(init["capabilities"]["callHierarchyProvider"], true);
    assert_eq!(init["capabilities"]["implementationProvider"], true);
    lsp.wait_ready(3);

    let definition = lsp.result("textDocument/definition", at(&root, "app.py", 5, 12));
    assert_eq!(
        definition,
        json!([{"uri": uri(&root, "util.py"), "range": range(0, 4, 0, 15)}])
    );

    let items = lsp.result(
        "textDocument/prepareCallHierarchy",
        at(&root, "util.py", 0, 6),
    );
    assert_eq!(items[0]["name"], "load_config");
    assert_eq!(items[0]["selectionRange"], range(0, 4, 0, 15));
    assert_eq!(items[0]["range"], range(0, 0, 1, 22));
    let incoming = lsp.result("callHierarchy/incomingCalls", json!({"item": items[0]}));
    assert_eq!(
        incoming,
        json!([{
            "from": {"name": "main", "kind": 12, "detail": "def main():", "uri": uri(&root, "app.py"),
                     "range": range(4, 0, 6, 26), "selectionRange": range(4, 4, 4, 8), "data": incoming[0]["from"]["data"]},
            "fromRanges": [range(5, 10, 5, 21)]
        }])
    );
    let outgoing = lsp.result("callHierarchy/outgoingCalls", json!({"item": items[0]}));
    assert_eq!(outgoing[0]["to"]["name"], "parse");
    assert_eq!(outgoing[0]["to"]["selectionRange"], range(4, 4, 4, 9));
    assert_eq!(outgoing[0]["fromRanges"], json!([range(1, 11, 1, 16)]));
    assert_eq!(outgoing.as_array().unwrap().len(), 1);

    // Outgoing from main reaches a method through an import and an instantiation.
    let main = lsp.result(
        "textDocument/prepareCallHierarchy",
        at(&root, "app.py", 4, 5),
    );
    let calls = lsp.result("callHierarchy/outgoingCalls", json!({"item": main[0]}));
    let names: Vec<(String, String)> = calls
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["to"]["name"].as_str().unwrap().to_string(),
                c["to"]["uri"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            ("load_config".to_string(), "util.py".to_string()),
            ("Square".to_string(), "shapes.py".to_string()),
            ("area".to_string(), "shapes.py".to_string())
        ]
    );

    // Document symbols: the selection range is the identifier, the range the whole definition.
    let outline = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&root, "shapes.py")}}),
    );
    assert_eq!(outline[1]["name"], "Square");
    assert_eq!(outline[1]["selectionRange"], range(5, 6, 5, 12));
    assert_eq!(outline[1]["range"], range(5, 0, 7, 16));
    assert_eq!(
        outline[1]["children"][0]["selectionRange"],
        range(6, 8, 6, 12)
    );
    lsp.shutdown();
}

#[test]
fn lsp_type_hierarchy_is_registered_and_answers_supertypes_subtypes_and_implementations() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut lsp = Lsp::start(&root);
    lsp.result(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(&root, ""),
            "workspaceFolders": [{"uri": uri(&root, ""), "name": "ws"}],
            "capabilities": {"textDocument": {"typeHierarchy": {"dynamicRegistration": true}}},
        }),
    );
    lsp.notify("initialized", json!({}));
    let registration = lsp.wait_for("a type hierarchy registration", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        registration["params"]["registrations"][0]["method"],
        "textDocument/prepareTypeHierarchy"
    );
    lsp.wait_ready(3);
    let items = lsp.result(
        "textDocument/prepareTypeHierarchy",
        at(&root, "shapes.py", 5, 8),
    );
    assert_eq!(items[0]["name"], "Square");
    assert_eq!(items[0]["selectionRange"], range(5, 6, 5, 12));
    let supers = lsp.result("typeHierarchy/supertypes", json!({"item": items[0]}));
    assert_eq!(supers[0]["name"], "Shape");
    assert_eq!(supers[0]["selectionRange"], range(0, 6, 0, 11));
    let subs = lsp.result("typeHierarchy/subtypes", json!({"item": supers[0]}));
    assert_eq!(subs[0]["name"], "Square");
    assert_eq!(subs.as_array().unwrap().len(), 1);
    // The method in the base: its override in the subclass.
    let implementations = lsp.result("textDocument/implementation", at(&root, "shapes.py", 1, 9));
    assert_eq!(
        implementations,
        json!([{"uri": uri(&root, "shapes.py"), "range": range(6, 8, 6, 12)}])
    );
    lsp.shutdown();
}

#[test]
fn lsp_answers_an_open_document_from_its_own_parse_before_any_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let text = "def helper():\n    return 1\n\n\ndef main():\n    return helper()\n";
    let mut lsp = Lsp::start(&root);
    // No workspace folder: no index will ever be built, only the document is known.
    lsp.result("initialize", json!({"processId": null, "capabilities": {}}));
    lsp.notify("initialized", json!({}));
    let doc = format!("file://{}", root.join("solo.py").display());
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "python", "version": 1, "text": text}}),
    );
    let definition = lsp.result(
        "textDocument/definition",
        json!({"textDocument": {"uri": doc}, "position": {"line": 5, "character": 12}}),
    );
    assert_eq!(
        definition,
        json!([{"uri": doc, "range": range(0, 4, 0, 10)}])
    );
    let mut params = json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 5}});
    params["context"] = json!({"includeDeclaration": false});
    let references = lsp.result("textDocument/references", params);
    assert_eq!(
        references,
        json!([{"uri": doc, "range": range(5, 11, 5, 17)}])
    );
    lsp.shutdown();
}
