//! `textDocument/definition`: the definitions of the name under the cursor, this file's first.

use crate::session::{Session, blocking};
use crate::to_proto;
use rlm_engine::navigate;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse};

pub async fn handle(
    session: &Session,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let place = params.text_document_position_params;
    let (Some(at), Some(index), Some(root)) = (
        session.text_at(&place.text_document.uri, place.position),
        session.index(),
        session.root(),
    ) else {
        return Ok(None);
    };
    let Some(ident) = navigate::identifier_at(&at.text, at.offset) else {
        return Ok(None);
    };
    let from = at.rel_path.clone();
    let hits =
        blocking(move || navigate::definitions(&index, &ident.name, from.as_deref(), 50)).await?;
    let locations: Vec<_> = hits
        .iter()
        .filter_map(|hit| to_proto::definition_location(root, hit))
        .collect();
    Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
}
