//! `textDocument/documentSymbol`: the outline of a file, from the open buffer when there is
//! one (it may be ahead of the index), else from the index.

use crate::session::{Session, blocking};
use crate::to_proto;
use rlm_engine::navigate;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentSymbolParams, DocumentSymbolResponse};

pub async fn handle(
    session: &Session,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let uri = params.text_document.uri;
    let live = session.document_text(&uri);
    let path = match (session.rel_path(&uri), crate::from_proto::file_path(&uri)) {
        (Some(rel), _) => rel,
        // Outside the workspace: only an open buffer can be outlined, by its file name.
        (None, Some(abs)) if live.is_some() => abs.to_string_lossy().into_owned(),
        _ => return Ok(None),
    };
    let index = session.index();
    let hits =
        blocking(move || navigate::outline(index.as_deref(), &path, live.as_deref())).await?;
    Ok(Some(DocumentSymbolResponse::Nested(
        to_proto::document_symbols(&hits),
    )))
}
