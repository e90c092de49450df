//! `textDocument/documentSymbol`: the outline of a file from its own parse (the open buffer
//! when there is one, it may be ahead of the index), nested by container, each symbol's
//! selection range its identifier; languages the graph does not read come from the index.

use crate::session::{Session, blocking};
use crate::to_proto;
use rlm_engine::graph::live;
use rlm_engine::navigate;
use rlm_engine::parse::Language;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentSymbolParams, DocumentSymbolResponse};

pub async fn handle(
    session: &Session,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let uri = params.text_document.uri;
    let live_text = session.document_text(&uri);
    let path = match (session.rel_path(&uri), crate::from_proto::file_path(&uri)) {
        (Some(rel), _) => rel,
        // Outside the workspace: only an open buffer can be outlined, by its file name.
        (None, Some(abs)) if live_text.is_some() => abs.to_string_lossy().into_owned(),
        _ => return Ok(None),
    };
    let language = Language::from_path(std::path::Path::new(&path));
    let text = live_text.clone().or_else(|| {
        crate::from_proto::file_path(&uri).and_then(|p| std::fs::read_to_string(p).ok())
    });
    if let Some(text) = text {
        let parse_text = text.clone();
        if let Some(defs) = blocking(move || {
            Ok::<_, std::convert::Infallible>(live::outline(language, &parse_text))
        })
        .await?
        {
            return Ok(Some(DocumentSymbolResponse::Nested(
                to_proto::graph_document_symbols(&defs, &text),
            )));
        }
    }
    let index = session.index();
    let hits =
        blocking(move || navigate::outline(index.as_deref(), &path, live_text.as_deref())).await?;
    Ok(Some(DocumentSymbolResponse::Nested(
        to_proto::document_symbols(&hits),
    )))
}
