//! The graph from a place in a text, as an editor asks: what the name under the cursor is,
//! where it is defined, who uses it. The graph answers when it holds the text as it is; a buffer
//! the graph has not seen yet (unsaved edits, or no index built yet) is answered from its own
//! parse, then by name from the graph.

use super::GraphError;
use super::live;
use super::model::{Confidence, DefKind, Span};
use super::query::{Graph, Symbol};
use crate::parse::Language;
use std::path::Path;

/// A text and a place in it.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    /// The index folder, when an index exists.
    pub index_dir: Option<&'a Path>,
    /// The text's workspace path (`None` for a document outside the workspace).
    pub path: Option<&'a str>,
    pub text: &'a str,
    /// Byte offset of the place.
    pub offset: usize,
}

/// A definition found from a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The graph's id, when it came from the graph.
    pub id: Option<i64>,
    /// `None`: the document the place is in.
    pub path: Option<String>,
    pub name: String,
    pub kind: DefKind,
    pub container: Option<String>,
    pub name_span: Span,
    pub span: Span,
    pub signature: String,
    pub confidence: Confidence,
}

impl Located {
    fn from_symbol(s: Symbol, confidence: Confidence) -> Located {
        Located {
            id: Some(s.id),
            path: Some(s.path),
            name: s.name,
            kind: s.kind,
            container: s.container,
            name_span: s.name_span,
            span: s.span,
            signature: s.signature,
            confidence,
        }
    }
}

/// A use found from a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `None`: the document itself.
    pub path: Option<String>,
    pub span: Span,
    pub confidence: Confidence,
}

/// 1-based line and byte column of `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() as u32 + 1;
    let col = (offset - before.rfind('\n').map_or(0, |i| i + 1)) as u32;
    (line, col)
}

/// The graph, when it exists and holds `path` with exactly `text`.
fn graph_for(at: &At<'_>) -> Option<(Graph, bool)> {
    let graph = Graph::open(at.index_dir?).ok()?;
    let current = at
        .path
        .and_then(|p| graph.file_hash(p).ok().flatten())
        .is_some_and(|h| h == blake3::hash(at.text.as_bytes()).to_hex().as_str());
    Some((graph, current))
}

fn language(at: &At<'_>) -> Language {
    Language::from_path(Path::new(at.path.unwrap_or_default()))
}

/// Where the name at the place is defined.
pub fn definition(at: &At<'_>) -> Result<Option<Located>, GraphError> {
    let (line, col) = line_col(at.text, at.offset);
    let graph = graph_for(at);
    if let Some((graph, true)) = &graph
        && let Some(path) = at.path
    {
        return Ok(graph
            .definition_at(path, line, col)?
            .map(|(s, c)| Located::from_symbol(s, c)));
    }
    // The buffer is ahead of the graph (or there is none): its own parse first.
    let lang = language(at);
    if let Some((def, confidence)) = live::definition_in_text(lang, at.text, line, col) {
        return Ok(Some(Located {
            id: None,
            path: None,
            name: def.name,
            kind: def.kind,
            container: def.container_name,
            name_span: def.name_span,
            span: def.span,
            signature: def.signature,
            confidence,
        }));
    }
    // Then the graph by name: one definition of that name is a guess, several say nothing.
    if let (Some((graph, _)), Some(ident)) =
        (&graph, crate::navigate::identifier_at(at.text, at.offset))
    {
        let mut named = graph.symbols_named(&ident.name)?;
        if named.len() == 1
            && let Some(only) = named.pop()
        {
            return Ok(Some(Located::from_symbol(only, Confidence::ByName)));
        }
    }
    Ok(None)
}

/// The graph definition at the place (for call and type hierarchies, which need an id).
pub fn symbol(at: &At<'_>) -> Result<Option<Symbol>, GraphError> {
    let Some(found) = definition(at)? else {
        return Ok(None);
    };
    let Some((graph, _)) = graph_for(at) else {
        return Ok(None);
    };
    match found.id {
        Some(id) => graph.symbol(id),
        // Found in the buffer: the graph's definition of the same name and kind in this file.
        None => Ok(graph
            .symbols_named(&found.name)?
            .into_iter()
            .find(|s| Some(s.path.as_str()) == at.path && s.kind == found.kind)),
    }
}

/// The uses of what the place names (with its definition when `declaration`), or `None` when
/// neither the graph nor the document can say (the caller falls back to a text search).
pub fn references(at: &At<'_>, declaration: bool) -> Result<Option<Vec<Place>>, GraphError> {
    let Some(found) = definition(at)? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    match (found.id, graph_for(at)) {
        (Some(id), Some((graph, _))) => {
            if declaration {
                out.push(Place {
                    path: found.path.clone(),
                    span: found.name_span,
                    confidence: Confidence::Resolved,
                });
            }
            for r in graph.references(id, Confidence::ByName)? {
                out.push(Place {
                    path: Some(r.path),
                    span: r.span,
                    confidence: r.confidence,
                });
            }
        }
        _ => {
            let (line, col) = line_col(at.text, at.offset);
            let Some(spans) = live::references_in_text(language(at), at.text, line, col) else {
                return Ok(None);
            };
            if declaration {
                out.push(Place {
                    path: None,
                    span: found.name_span,
                    confidence: Confidence::Resolved,
                });
            }
            out.extend(spans.into_iter().map(|(span, confidence)| Place {
                path: None,
                span,
                confidence,
            }));
        }
    }
    out.sort_by(|a, b| (&a.path, a.span).cmp(&(&b.path, b.span)));
    out.dedup();
    Ok(Some(out))
}

/// How many callers the graph knows for the definition at the place.
pub fn caller_count(at: &At<'_>) -> Result<Option<usize>, GraphError> {
    let Some(found) = definition(at)? else {
        return Ok(None);
    };
    match (found.id, graph_for(at)) {
        (Some(id), Some((graph, _))) => Ok(Some(graph.caller_count(id)?)),
        _ => Ok(None),
    }
}
