//! `textDocument/prepareCallHierarchy`: the function or method under the cursor as the root
//! of a call hierarchy, from the code graph.

use crate::session::{Session, Texts, blocking};
use crate::to_proto;
use rlm_engine::graph::at;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CallHierarchyItem, CallHierarchyPrepareParams};

pub async fn handle(
    session: &Session,
    params: CallHierarchyPrepareParams,
) -> Result<Option<Vec<CallHierarchyItem>>> {
    let place = params.text_document_position_params;
    let (Some(graph_place), Some(root)) = (
        session.graph_place(&place.text_document.uri, place.position),
        session.root(),
    ) else {
        return Ok(None);
    };
    let Some(symbol) = blocking(move || at::symbol(&graph_place.at())).await? else {
        return Ok(None);
    };
    let mut texts = Texts::new(session);
    Ok(to_proto::call_item(root, &symbol, texts.get(&symbol.path)).map(|item| vec![item]))
}
