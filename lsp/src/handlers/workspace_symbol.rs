//! `workspace/symbol`: definitions whose name is or starts with the query.

use crate::session::{Session, blocking};
use crate::to_proto;
use rlm_engine::search::find_symbols;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{WorkspaceSymbolParams, WorkspaceSymbolResponse};

/// Editors show a list; more than this is noise.
const LIMIT: usize = 200;

pub async fn handle(
    session: &Session,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let (Some(index), Some(root)) = (session.index(), session.root()) else {
        return Ok(None);
    };
    let query = params.query.trim().to_string();
    if query.is_empty() {
        return Ok(Some(WorkspaceSymbolResponse::Nested(Vec::new())));
    }
    let hits = blocking(move || find_symbols(&index, &query, LIMIT)).await?;
    Ok(Some(WorkspaceSymbolResponse::Nested(
        to_proto::workspace_symbols(root, &hits),
    )))
}
