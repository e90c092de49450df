//! Shared set-up for the CLI's tests: for the MCP tests a generated repository next to a file
//! that must stay unreachable, indexed by the real `rlm` binary, and an rmcp client that
//! records progress; for the RLM tests the binary in a clean environment ([`clean`]).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod clean;
pub mod lsp;
pub mod rlm;
pub mod skip;

use rmcp::model::{CallToolRequestParams, CallToolResult, ProgressNotificationParam};
use rmcp::service::{NotificationContext, RunningService};
use rmcp::transport::TokioChildProcess;
use rmcp::{ClientHandler, RoleClient, ServiceExt};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};

pub const RLM: &str = env!("CARGO_BIN_EXE_rlm");

pub const INVOICE_PY: &str = "\"\"\"Invoices for the billing service.\"\"\"\n\n\
class InvoiceCalculator:\n    \"\"\"Adds up line items.\"\"\"\n\n    \
def compute_total(self, items):\n        subtotal = sum(i.price * i.quantity for i in items)\n        \
return subtotal + self.shipping_fee(subtotal)\n\n    \
def shipping_fee(self, subtotal):\n        return 0 if subtotal > 100 else 7\n";

pub const TOKENS_RS: &str = "/// Checks a session token against the signing key.\n\
pub fn verify_token(token: &str, key: &[u8]) -> bool {\n    \
!token.is_empty() && !key.is_empty()\n}\n";

/// A workspace `ws/` inside a temporary folder that also holds `secret.txt`, outside it.
pub struct Repo {
    pub dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Repo {
    /// Generates the repository; `index` runs `rlm index` on it.
    pub fn generate(index: bool) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        write(&root.join("src/billing/invoice.py"), INVOICE_PY);
        write(&root.join("src/auth/tokens.rs"), TOKENS_RS);
        write(
            &root.join("README.md"),
            "# Shop\n\nA small shop with billing and auth.\n",
        );
        for i in 0..30 {
            write(
                &root.join(format!("src/util/helper_{i:02}.py")),
                &format!("def helper_{i:02}(value):\n    return value + {i}\n"),
            );
        }
        write(
            &dir.path().join("secret.txt"),
            "TOP-SECRET outside the workspace\n",
        );
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("escape.txt")).unwrap();
        let root = root.canonicalize().unwrap();
        let repo = Repo { dir, root };
        if index {
            repo.index();
        }
        repo
    }

    pub fn index(&self) {
        let out = std::process::Command::new(RLM)
            .arg("index")
            .arg(&self.root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "rlm index failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn secret_path(&self) -> PathBuf {
        self.dir.path().canonicalize().unwrap().join("secret.txt")
    }
}

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// An MCP client that keeps the progress notifications it receives.
#[derive(Clone, Default)]
pub struct RecordingClient {
    pub progress: Arc<Mutex<Vec<ProgressNotificationParam>>>,
}

impl ClientHandler for RecordingClient {
    async fn on_progress(
        &self,
        params: ProgressNotificationParam,
        _context: NotificationContext<RoleClient>,
    ) {
        self.progress.lock().unwrap().push(params);
    }
}

pub type Client = RunningService<RoleClient, RecordingClient>;

/// Starts `rlm mcp ROOT` and connects to it over stdio.
pub async fn connect_stdio(root: &Path) -> Client {
    connect_stdio_env(root, &[]).await
}

/// Starts `rlm mcp ROOT` with extra environment variables and connects to it over stdio.
pub async fn connect_stdio_env(root: &Path, env: &[(&str, String)]) -> Client {
    let mut command = tokio::process::Command::new(RLM);
    command.arg("mcp").arg(root);
    for (key, value) in env {
        command.env(key, value);
    }
    let (transport, _) = TokioChildProcess::builder(command)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    RecordingClient::default().serve(transport).await.unwrap()
}

/// Calls a tool with JSON arguments.
pub async fn call(client: &Client, tool: &str, arguments: Value) -> CallToolResult {
    let Value::Object(arguments) = arguments else {
        panic!("arguments must be an object")
    };
    client
        .call_tool(CallToolRequestParams::new(tool.to_string()).with_arguments(arguments))
        .await
        .unwrap()
}

/// The structured content of a successful call.
pub fn structured(result: &CallToolResult) -> Value {
    assert_eq!(
        result.is_error,
        Some(false),
        "tool failed: {:?}",
        result.content
    );
    result.structured_content.clone().unwrap()
}

/// The message of a failed call.
pub fn error_text(result: &CallToolResult) -> String {
    assert_eq!(
        result.is_error,
        Some(true),
        "expected a tool error: {result:?}"
    );
    result
        .content
        .iter()
        .filter_map(|c| c.as_text().map(|t| t.text.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every tool the MCP server lists, sorted: the stdio and HTTP tests both expect exactly these.
pub const MCP_TOOLS: [&str; 16] = [
    "ask_codebase",
    "call_graph",
    "find_references",
    "find_symbol",
    "impact",
    "index_status",
    "list_files",
    "memory_add",
    "memory_consolidate",
    "memory_search",
    "read_file",
    "reindex",
    "repo_map",
    "retrieve",
    "search_code",
    "security_scan",
];

pub fn tool_names(tools: &[rmcp::model::Tool]) -> Vec<String> {
    let mut names: Vec<String> = tools.iter().map(|t| t.name.to_string()).collect();
    names.sort();
    names
}

pub fn obj(value: Value) -> Value {
    json!(value)
}
