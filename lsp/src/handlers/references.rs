//! `textDocument/references`: whole-word uses of the name under the cursor the index knows,
//! without the definitions' own lines unless the client asks for the declaration.

use crate::session::{Session, blocking};
use crate::to_proto;
use rlm_engine::navigate;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, ReferenceParams};

pub async fn handle(session: &Session, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let place = params.text_document_position;
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
    let budget = session.settings().reference_chunk_budget;
    let include_declaration = params.context.include_declaration;
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
