//! `textDocument/hover`: the definition, doc comment, uses and callers of the name under the
//! cursor, straight from the index and the code graph (never a model call), and the security
//! findings on that line. While the first index builds, the definition comes from the
//! document's own parse.

use crate::session::{Session, blocking};
use crate::to_proto;
use rlm_engine::graph::at;
use rlm_engine::navigate::{self, Description, LookupLimits, References};
use rlm_engine::parse::SymbolKind;
use rlm_engine::search::SymbolHit;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverParams};

pub async fn handle(session: &Session, params: HoverParams) -> Result<Option<Hover>> {
    let place = params.text_document_position_params;
    let uri = place.text_document.uri;
    let Some(graph_place) = session.graph_place(&uri, place.position) else {
        return Ok(None);
    };
    let text = graph_place.text.clone();
    let offset = graph_place.offset;
    let Some(ident) = navigate::identifier_at(&text, offset) else {
        return Ok(None);
    };
    let settings = session.settings();
    let limits = LookupLimits {
        chunks: settings.reference_chunk_budget,
        ..LookupLimits::default()
    };
    let name = ident.name.clone();
    let from = graph_place.path.clone();
    let index = session.index();
    let (mut description, graph) = blocking(move || {
        let graph = (
            at::definition(&graph_place.at()).ok().flatten(),
            at::caller_count(&graph_place.at()).ok().flatten(),
        );
        let description = match index {
            Some(index) => navigate::describe(&index, &name, from.as_deref(), limits)?,
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
        Ok::<_, rlm_engine::search::SearchError>((description, graph))
    })
    .await?;
    let (definition, callers) = graph;
    if let Some(def) = &definition {
        let def_path = def.path.clone().or_else(|| session.rel_path(&uri));
        let line = u64::from(def.span.start_line);
        // The graph knows which definition this use lands on: show it first.
        let matches = |h: &SymbolHit| Some(&h.path) == def_path.as_ref() && h.start_line == line;
        if description.definitions.iter().any(matches) {
            description.definitions.sort_by_key(|h| !matches(h));
        } else if let Some(path) = def_path {
            let lang = rlm_engine::parse::Language::from_path(std::path::Path::new(&path));
            description.definitions.insert(
                0,
                SymbolHit {
                    name: def.name.clone(),
                    kind: SymbolKind::from_name(def.kind.name()).unwrap_or(SymbolKind::Constant),
                    container: def.container.clone(),
                    path,
                    lang: lang.name().to_string(),
                    start_line: line,
                    end_line: u64::from(def.span.end_line),
                    signature: def.signature.clone(),
                    doc: None,
                    exact: true,
                },
            );
        }
    }
    let range = to_proto::range(&text, ident.start, ident.end);
    // Findings on the hovered line, when the buffer's last scan is of this very text.
    let scanned = session
        .scanned(&uri)
        .filter(|s| s.text == text)
        .map(|s| s.findings)
        .unwrap_or_default();
    let line = text[..offset].matches('\n').count() + 1;
    let on_line: Vec<_> = scanned
        .iter()
        .filter(|f| f.span.start.line <= line && line <= f.span.end.line)
        .collect();
    Ok(to_proto::hover(
        &description,
        range,
        settings.hover_locations,
        &on_line,
        callers,
    ))
}
