//! `workspace/executeCommand`: `rlm.reindex` runs an index update now and answers with its
//! report.

use crate::session::Session;
use crate::to_proto;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, LSPAny};

/// The commands the server executes, as announced in `initialize`.
pub const COMMANDS: &[&str] = &["rlm.reindex"];

pub async fn handle(session: &Session, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
    match params.command.as_str() {
        "rlm.reindex" => {
            let Some(indexer) = session.indexer.get() else {
                return Err(to_proto::error(
                    "the server is not initialized yet: send `initialized` first",
                ));
            };
            let report = indexer.run_now().await.map_err(to_proto::error)?;
            Ok(Some(serde_json::to_value(&report).unwrap_or(Value::Null)))
        }
        other => Err(Error::invalid_params(format!(
            "unknown command {other:?}; this server runs {}",
            COMMANDS.join(", ")
        ))),
    }
}
