//! `rlm-lsp`: the rlm language server, a thin face over `rlm-engine`.
//!
//! Architecture invariant: this crate holds no logic the CLI or the MCP server would need. It
//! keeps the editor's session (open buffers, settings, the open index), converts between the
//! protocol and the engine in exactly two places ([`from_proto`], [`to_proto`]), and has one
//! handler file per request or notification under [`handlers`]. Name look-ups, references and
//! outlines live in `rlm_engine::navigate`; indexing in `rlm_engine::index`.
//!
//! The JSON-RPC loop is [`transport`]: it answers malformed input with JSON-RPC errors and
//! survives panicking handlers, which tower-lsp-server's own loop does not.

pub mod ext;
pub mod findings;
pub mod from_proto;
pub mod handlers;
pub mod indexer;
pub mod server;
pub mod session;
pub mod settings;
pub mod to_proto;
pub mod transport;

use tower_lsp_server::LspService;

/// Serves the language server on `input`/`output` until the client exits or the input ends.
pub async fn serve<I, O>(input: I, output: O)
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = LspService::build(server::RlmServer::new)
        .custom_method(
            "window/workDoneProgress/cancel",
            server::RlmServer::work_done_progress_cancel,
        )
        .finish();
    transport::serve(input, output, service, socket).await;
}

/// Serves on stdin/stdout with its own runtime: what `rlm lsp` runs.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("rlm-lsp")
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking reads of stdin may still be parked; do not wait for them.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(())
}
