//! Serving over stdio, the way agents start local MCP servers: JSON-RPC lines on stdin and
//! stdout (logs go to stderr). The server runs until the client closes stdin.

use crate::server::{RlmServer, Shared};
use rmcp::ServiceExt;
use std::sync::Arc;

/// Why the stdio server stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum StdioError {
    #[error("the MCP client did not complete initialisation: {0}")]
    Initialize(String),
    #[error("the MCP server task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Serves `shared` on stdin/stdout until the client disconnects.
pub async fn serve_stdio(shared: Arc<Shared>) -> Result<(), StdioError> {
    let server = RlmServer::new(shared);
    let service = server
        .serve(rmcp::transport::io::stdio_pipes())
        .await
        .map_err(|e| StdioError::Initialize(e.to_string()))?;
    let reason = service.waiting().await?;
    tracing::info!("stdio session ended: {reason:?}");
    Ok(())
}
