//! `textDocument/hover`: the definition, doc comment and uses of the name under the cursor,
//! straight from the index (never a model call), and the security findings on that line.

use crate::session::{Session, blocking};
use crate::to_proto;
use rlm_engine::navigate::{self, Description, LookupLimits, References};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverParams};

pub async fn handle(session: &Session, params: HoverParams) -> Result<Option<Hover>> {
    let place = params.text_document_position_params;
    let uri = place.text_document.uri;
    let Some(at) = session.text_at(&uri, place.position) else {
        return Ok(None);
    };
    let Some(ident) = navigate::identifier_at(&at.text, at.offset) else {
        return Ok(None);
    };
    let settings = session.settings();
    let limits = LookupLimits {
        chunks: settings.reference_chunk_budget,
        ..LookupLimits::default()
    };
    let name = ident.name.clone();
    let from = at.rel_path.clone();
    let description = match session.index() {
        Some(index) => {
            blocking(move || navigate::describe(&index, &name, from.as_deref(), limits)).await?
        }
        // Still indexing: nothing known about the name yet, but the line's findings are.
        None => Description {
            name,
            definitions: Vec::new(),
            references: References {
                locations: Vec::new(),
                complete: false,
            },
        },
    };
    let range = to_proto::range(&at.text, ident.start, ident.end);
    // Findings on the hovered line, when the buffer's last scan is of this very text.
    let scanned = session
        .scanned(&uri)
        .filter(|s| s.text == at.text)
        .map(|s| s.findings)
        .unwrap_or_default();
    let line = at.text[..at.offset].matches('\n').count() + 1;
    let on_line: Vec<_> = scanned
        .iter()
        .filter(|f| f.span.start.line <= line && line <= f.span.end.line)
        .collect();
    Ok(to_proto::hover(
        &description,
        range,
        settings.hover_locations,
        &on_line,
    ))
}
