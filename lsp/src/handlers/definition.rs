//! `textDocument/definition`: where the name under the cursor is defined, from the code graph
//! (the identifier's exact range; the document's own parse while the first index builds), else
//! the definitions of that name in the index, this file's first.

use crate::session::{Session, Texts, blocking};
use crate::to_proto;
use rlm_engine::graph::at;
use rlm_engine::navigate;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse};

pub async fn handle(
    session: &Session,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let place = params.text_document_position_params;
    let uri = place.text_document.uri;
    let Some(graph_place) = session.graph_place(&uri, place.position) else {
        return Ok(None);
    };
    let text = graph_place.text.clone();
    let offset = graph_place.offset;
    let from = graph_place.path.clone();
    let found = blocking(move || at::definition(&graph_place.at())).await?;
    if let Some(found) = found {
        let mut texts = Texts::new(session);
        let target_text = match &found.path {
            Some(p) => texts.get(p),
            None => Some(text.as_str()),
        };
        let location = match session.root() {
            Some(root) => to_proto::graph_location(
                root,
                &uri,
                found.path.as_deref(),
                found.name_span,
                target_text,
            ),
            None if found.path.is_none() => to_proto::graph_location(
                std::path::Path::new("/"),
                &uri,
                None,
                found.name_span,
                target_text,
            ),
            None => None,
        };
        return Ok(location.map(|l| GotoDefinitionResponse::Array(vec![l])));
    }
    let (Some(index), Some(root)) = (session.index(), session.root()) else {
        return Ok(None);
    };
    let Some(ident) = navigate::identifier_at(&text, offset) else {
        return Ok(None);
    };
    let hits =
        blocking(move || navigate::definitions(&index, &ident.name, from.as_deref(), 50)).await?;
    let locations: Vec<_> = hits
        .iter()
        .filter_map(|hit| to_proto::definition_location(root, hit))
        .collect();
    Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
}
