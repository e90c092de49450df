//! `textDocument/prepareTypeHierarchy`: the class, interface, trait or struct under the cursor
//! as the root of a type hierarchy, from the code graph.

use crate::session::{Session, Texts, blocking};
use crate::to_proto;
use rlm_engine::graph::at;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{TypeHierarchyItem, TypeHierarchyPrepareParams};

pub async fn handle(
    session: &Session,
    params: TypeHierarchyPrepareParams,
) -> Result<Option<Vec<TypeHierarchyItem>>> {
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
    if !symbol.kind.is_type() {
        return Ok(None);
    }
    let mut texts = Texts::new(session);
    Ok(to_proto::type_item(root, &symbol, texts.get(&symbol.path)).map(|item| vec![item]))
}
