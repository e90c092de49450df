//! `textDocument/implementation`: the subtypes of the type under the cursor, or the methods
//! that implement (override) the method under it, from the code graph.

use crate::session::{Session, Texts, blocking};
use crate::to_proto;
use rlm_engine::graph::{Graph, GraphError, at};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::request::{GotoImplementationParams, GotoImplementationResponse};

pub async fn handle(
    session: &Session,
    params: GotoImplementationParams,
) -> Result<Option<GotoImplementationResponse>> {
    let place = params.text_document_position_params;
    let uri = place.text_document.uri;
    let (Some(graph_place), Some(root)) =
        (session.graph_place(&uri, place.position), session.root())
    else {
        return Ok(None);
    };
    let found = blocking(move || {
        let Some(symbol) = at::symbol(&graph_place.at())? else {
            return Ok::<_, GraphError>(Vec::new());
        };
        let Some(dir) = graph_place.dir.as_deref() else {
            return Ok(Vec::new());
        };
        Graph::open(dir)?.implementations(symbol.id)
    })
    .await?;
    let mut texts = Texts::new(session);
    let locations: Vec<_> = found
        .iter()
        .filter_map(|s| {
            to_proto::graph_location(root, &uri, Some(&s.path), s.name_span, texts.get(&s.path))
        })
        .collect();
    Ok((!locations.is_empty()).then_some(GotoImplementationResponse::Array(locations)))
}
