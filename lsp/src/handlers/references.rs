//! `textDocument/references`: the uses the code graph resolved (or guessed by name) to the
//! definition under the cursor; for names the graph cannot place, whole-word uses from the
//! index, without the definitions' own lines unless the client asks for the declaration.

use crate::session::{Session, Texts, blocking};
use crate::to_proto;
use rlm_engine::graph::at;
use rlm_engine::navigate;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, ReferenceParams};

pub async fn handle(session: &Session, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let place = params.text_document_position;
    let uri = place.text_document.uri;
    let include_declaration = params.context.include_declaration;
    let Some(graph_place) = session.graph_place(&uri, place.position) else {
        return Ok(None);
    };
    let text = graph_place.text.clone();
    let offset = graph_place.offset;
    let places = blocking(move || at::references(&graph_place.at(), include_declaration)).await?;
    if let Some(places) = places {
        let mut texts = Texts::new(session);
        let root = session.root().unwrap_or(std::path::Path::new("/"));
        return Ok(Some(
            places
                .iter()
                .filter_map(|p| {
                    let t = match &p.path {
                        Some(path) => texts.get(path),
                        None => Some(text.as_str()),
                    };
                    to_proto::graph_location(root, &uri, p.path.as_deref(), p.span, t)
                })
                .collect(),
        ));
    }
    let (Some(index), Some(root)) = (session.index(), session.root()) else {
        return Ok(None);
    };
    let Some(ident) = navigate::identifier_at(&text, offset) else {
        return Ok(None);
    };
    let budget = session.settings().reference_chunk_budget;
    let references = blocking(move || {
        let mut found = navigate::find_references(&index, &ident.name, budget)?;
        if !include_declaration {
            let definitions = navigate::definitions(&index, &ident.name, None, 50)?;
            found
                .locations
                .retain(|r| !navigate::is_definition_line(&definitions, r));
        }
        Ok::<_, rlm_engine::search::SearchError>(found)
    })
    .await?;
    Ok(Some(
        references
            .locations
            .iter()
            .filter_map(|r| to_proto::reference_location(root, r))
            .collect(),
    ))
}
