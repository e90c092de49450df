//! A client for the real `rlm lsp` binary over stdio, as an editor drives it: framed JSON-RPC,
//! server requests (progress tokens, watcher registration) answered, notifications kept in order,
//! and helpers to wait for an index update. Shared by every LSP protocol test.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A running server and the client side of its pipes.
pub struct Lsp {
    pub child: Child,
    pub stdin: ChildStdin,
    pub incoming: Receiver<Value>,
    pub next_id: i64,
    /// Notifications and server requests seen so far, in order.
    pub seen: Vec<Value>,
}

pub fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
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
    pub fn start(root: &Path) -> Lsp {
        Lsp::start_with_env(root, &[])
    }

    pub fn start_with_env(root: &Path, env: &[(&str, String)]) -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rlm"))
            .arg("lsp")
            .current_dir(root)
            .env("XDG_CONFIG_HOME", root.join(".no-user-config"))
            // Outside the workspace: ONNX Runtime writes its device id under the cache folder,
            // which would otherwise be indexed as a workspace file.
            .env(
                "XDG_CACHE_HOME",
                std::env::temp_dir().join(format!("rlm-lsp-test-cache-{}", std::process::id())),
            )
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

    pub fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server, answering its requests (progress tokens, watcher
    /// registration) as an editor would.
    pub fn next(&mut self, deadline: Instant) -> Value {
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
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response_to(json!(id))
    }

    pub fn response_to(&mut self, id: Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if message.get("method").is_none() && message.get("id") == Some(&id) {
                return message;
            }
        }
    }

    /// The result of a request that must succeed.
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for a notification matching `pred`, skipping (and keeping) others.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
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

    pub fn initialize(&mut self, root: &Path, options: Value) -> Value {
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

    /// Re-checks `cond` after each finished index update until it holds (edits may be indexed
    /// over more than one debounced run).
    pub fn eventually(&mut self, what: &str, cond: impl Fn(&mut Lsp) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !cond(self) {
            assert!(Instant::now() < deadline, "never: {what}");
            self.seen.retain(|m| m["method"] != "rlm/status");
            self.wait_for("rlm/status ready", |m| {
                m["method"] == "rlm/status" && m["params"]["state"] == "ready"
            });
        }
    }

    /// Waits until an index update has finished with `files` files.
    pub fn wait_ready(&mut self, files: usize) {
        self.seen.retain(|m| m["method"] != "rlm/status");
        self.wait_for("rlm/status ready", |m| {
            m["method"] == "rlm/status"
                && m["params"]["state"] == "ready"
                && m["params"]["files"] == files
        });
    }

    pub fn shutdown(mut self) {
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

pub fn uri(root: &Path, rel: &str) -> String {
    let path: PathBuf = if rel.is_empty() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    format!("file://{}", path.display())
}

/// The `TextDocumentPositionParams` of `line:character` in `rel`.
pub fn at(root: &Path, rel: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri(root, rel)}, "position": {"line": line, "character": character}})
}
