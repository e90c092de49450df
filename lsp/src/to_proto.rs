//! Engine to protocol: byte columns to UTF-16 positions, engine symbols and references to LSP
//! locations and symbols, a name's description to hover markdown, engine errors to JSON-RPC
//! errors. The only place that writes the protocol's units.

use rlm_engine::audit::{Finding, Severity};
use rlm_engine::graph::{Def, DefKind, Span, Symbol as GraphSymbol};
use rlm_engine::navigate::{Description, Reference};
use rlm_engine::parse::SymbolKind as Kind;
use rlm_engine::search::SymbolHit;
use std::fmt::Write as _;
use std::path::Path;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    CallHierarchyItem, CodeAction, CodeActionKind, Command, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, Hover, HoverContents,
    Location, MarkupContent, MarkupKind, NumberOrString, OneOf, Position, Range, SymbolKind,
    TextEdit, TypeHierarchyItem, Uri, WorkspaceEdit, WorkspaceSymbol,
};

/// UTF-16 length of `text`: the protocol's column unit.
fn utf16_len(text: &str) -> u32 {
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

/// The position of byte `offset` in `text`.
pub fn position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line,
        character: utf16_len(&before[line_start..]),
    }
}

/// The range of bytes `start..end` of `text`.
pub fn range(text: &str, start: usize, end: usize) -> Range {
    Range::new(position(text, start), position(text, end))
}

/// The `file:` URI of `path` under `root`.
pub fn uri(root: &Path, path: &str) -> Option<Uri> {
    Uri::from_file_path(root.join(path))
}

/// Where a definition is: its first line (the whole line: the index keeps no columns).
fn definition_range(hit: &SymbolHit) -> Range {
    let line = hit.start_line.saturating_sub(1) as u32;
    Range::new(Position::new(line, 0), Position::new(line + 1, 0))
}

/// The whole extent of a definition.
fn extent(hit: &SymbolHit) -> Range {
    let start = hit.start_line.saturating_sub(1) as u32;
    let end = hit.end_line.max(hit.start_line) as u32; // exclusive: the line after the last
    Range::new(Position::new(start, 0), Position::new(end, 0))
}

pub fn definition_location(root: &Path, hit: &SymbolHit) -> Option<Location> {
    Some(Location::new(uri(root, &hit.path)?, definition_range(hit)))
}

pub fn reference_location(root: &Path, reference: &Reference) -> Option<Location> {
    let line = reference.line.saturating_sub(1) as u32;
    let text = &reference.line_text;
    let start = utf16_len(text.get(..reference.start_col).unwrap_or(""));
    let end = utf16_len(text.get(..reference.end_col).unwrap_or(""));
    Some(Location::new(
        uri(root, &reference.path)?,
        Range::new(Position::new(line, start), Position::new(line, end)),
    ))
}

pub fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Function => SymbolKind::FUNCTION,
        Kind::Method => SymbolKind::METHOD,
        Kind::Class => SymbolKind::CLASS,
        Kind::Struct => SymbolKind::STRUCT,
        Kind::Enum => SymbolKind::ENUM,
        Kind::Trait | Kind::Interface => SymbolKind::INTERFACE,
        Kind::Impl => SymbolKind::NAMESPACE,
        Kind::Type => SymbolKind::TYPE_PARAMETER,
        Kind::Constant => SymbolKind::CONSTANT,
        Kind::Module => SymbolKind::MODULE,
        Kind::Macro => SymbolKind::FUNCTION,
    }
}

pub fn workspace_symbols(root: &Path, hits: &[SymbolHit]) -> Vec<WorkspaceSymbol> {
    hits.iter()
        .filter_map(|hit| {
            Some(WorkspaceSymbol {
                name: hit.name.clone(),
                kind: symbol_kind(hit.kind),
                tags: None,
                container_name: hit.container.clone(),
                location: OneOf::Left(definition_location(root, hit)?),
                data: None,
            })
        })
        .collect()
}

/// Document symbols nested by extent: a symbol goes under the nearest earlier one that
/// contains its lines.
pub fn document_symbols(hits: &[SymbolHit]) -> Vec<DocumentSymbol> {
    let mut sorted: Vec<&SymbolHit> = hits.iter().collect();
    sorted.sort_by_key(|h| (h.start_line, std::cmp::Reverse(h.end_line)));
    // Open symbols, innermost last, with their end line.
    let mut stack: Vec<(DocumentSymbol, u64)> = Vec::new();
    let mut top = Vec::new();
    let close = |stack: &mut Vec<(DocumentSymbol, u64)>, top: &mut Vec<DocumentSymbol>| {
        if let Some((done, _)) = stack.pop() {
            match stack.last_mut() {
                Some((parent, _)) => parent.children.get_or_insert_with(Vec::new).push(done),
                None => top.push(done),
            }
        }
    };
    for hit in sorted {
        while stack
            .last()
            .is_some_and(|(_, end)| hit.start_line > *end || hit.end_line > *end)
        {
            close(&mut stack, &mut top);
        }
        #[allow(deprecated)] // `deprecated` is a required field of the protocol struct
        let symbol = DocumentSymbol {
            name: hit.name.clone(),
            detail: Some(hit.signature.clone()).filter(|s| !s.is_empty()),
            kind: symbol_kind(hit.kind),
            tags: None,
            deprecated: None,
            range: extent(hit),
            selection_range: definition_range(hit),
            children: None,
        };
        stack.push((symbol, hit.end_line.max(hit.start_line)));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}

/// Hover markdown: the first definition's signature, kind, place and doc comment, other
/// definitions, then how many uses the index knows with the first `locations` of them.
pub fn hover(
    description: &Description,
    at: Range,
    locations: usize,
    findings: &[&Finding],
    callers: Option<usize>,
) -> Option<Hover> {
    let uses = &description.references;
    if description.definitions.is_empty() && uses.locations.is_empty() && findings.is_empty() {
        return None;
    }
    let mut md = String::new();
    for finding in findings {
        let _ = writeln!(
            md,
            "**⚠ {} ({}, {})**: {}\n",
            finding.title, finding.severity, finding.rule_id, finding.message
        );
    }
    if description.definitions.is_empty() && uses.locations.is_empty() {
        // Nothing known about the name (or the index is still being built): findings only.
        return Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: md,
            }),
            range: Some(at),
        });
    }
    match description.definitions.first() {
        Some(def) => {
            let _ = writeln!(md, "```{}\n{}\n```", def.lang, def.signature);
            let container = def
                .container
                .as_ref()
                .map(|c| format!(" in `{c}`"))
                .unwrap_or_default();
            let _ = writeln!(
                md,
                "*{}*{container} — defined at `{}:{}`",
                def.kind, def.path, def.start_line
            );
            if let Some(doc) = def.doc.as_ref().filter(|d| !d.trim().is_empty()) {
                let _ = writeln!(md, "\n{}", doc.trim());
            }
            if description.definitions.len() > 1 {
                let others: Vec<String> = description.definitions[1..]
                    .iter()
                    .map(|d| format!("`{}:{}`", d.path, d.start_line))
                    .collect();
                let _ = writeln!(md, "\nAlso defined at {}", others.join(", "));
            }
        }
        None => {
            let _ = writeln!(md, "`{}` — no definition in the index", description.name);
        }
    }
    let count = uses.locations.len();
    let more = if uses.complete { "" } else { "+" };
    let noun = if count == 1 {
        "reference"
    } else {
        "references"
    };
    let _ = write!(md, "\n---\n**{count}{more} {noun}**");
    if count > 0 {
        let first: Vec<String> = uses
            .locations
            .iter()
            .take(locations)
            .map(|r| format!("`{}:{}`", r.path, r.line))
            .collect();
        let ellipsis = if count > locations { ", …" } else { "" };
        let _ = write!(md, ": {}{ellipsis}", first.join(", "));
    }
    if let Some(callers) = callers.filter(|n| *n > 0) {
        let noun = if callers == 1 { "caller" } else { "callers" };
        let _ = write!(md, " · **{callers} {noun}**");
    }
    md.push('\n');
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md,
        }),
        range: Some(at),
    })
}

/// A finding as a diagnostic; its byte span indexes `text`, the text that was scanned (the
/// document at `uri`). A taint finding's path (source, steps, sink) is its related
/// information, so the editor shows where the data came from.
pub fn diagnostic(uri: &Uri, finding: &Finding, text: &str) -> Diagnostic {
    let severity = match finding.severity {
        Severity::Critical | Severity::High => DiagnosticSeverity::ERROR,
        Severity::Medium => DiagnosticSeverity::WARNING,
        Severity::Low => DiagnosticSeverity::INFORMATION,
    };
    Diagnostic {
        range: range(text, finding.span.start.byte, finding.span.end.byte),
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.rule_id.clone())),
        code_description: None,
        source: Some("rlm".into()),
        message: format!("{}: {}", finding.title, finding.message),
        related_information: (!finding.flow.is_empty()).then(|| {
            finding
                .flow
                .iter()
                .map(|step| DiagnosticRelatedInformation {
                    location: Location {
                        uri: uri.clone(),
                        range: range(text, step.span.start.byte, step.span.end.byte),
                    },
                    message: step.message.clone(),
                })
                .collect()
        }),
        tags: None,
        data: Some(serde_json::json!({ "fingerprint": finding.fingerprint })),
    }
}

/// The finding's quick fix as a code action editing `uri`, when the audit offers one.
pub fn quick_fix(uri: &Uri, finding: &Finding, text: &str) -> Option<CodeAction> {
    let fix = finding.fix.as_ref()?;
    let edits = fix
        .edits
        .iter()
        .map(|e| TextEdit {
            range: range(text, e.span.start.byte, e.span.end.byte),
            new_text: e.replacement.clone(),
        })
        .collect();
    Some(CodeAction {
        title: format!("Fix: {}", fix.description),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(uri, finding, text)]),
        edit: Some(WorkspaceEdit {
            changes: Some(std::collections::HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }),
        is_preferred: Some(true),
        ..Default::default()
    })
}

/// "Explain this finding": a code action running `rlm.explainFinding` on it.
pub fn explain_action(uri: &Uri, finding: &Finding, text: &str) -> CodeAction {
    CodeAction {
        title: format!("Explain this finding ({})", finding.rule_id),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(uri, finding, text)]),
        command: Some(Command::new(
            "Explain this finding".into(),
            "rlm.explainFinding".into(),
            Some(vec![
                serde_json::json!(uri.as_str()),
                serde_json::json!(finding.fingerprint),
            ]),
        )),
        ..Default::default()
    }
}

/// "Ask RLM about this selection": a code action running `rlm.ask` on the range.
pub fn ask_action(uri: &Uri, range: Range, question: &str) -> CodeAction {
    CodeAction {
        title: "Ask RLM about this selection".into(),
        command: Some(Command::new(
            "Ask RLM about this selection".into(),
            "rlm.ask".into(),
            Some(vec![serde_json::json!({
                "question": question,
                "uri": uri.as_str(),
                "range": range,
            })]),
        )),
        ..Default::default()
    }
}

/// The range of a graph span (byte columns) in `text`, the file it is in; without the text the
/// columns are taken as they are (right for ASCII lines).
pub fn span_range(text: Option<&str>, span: Span) -> Range {
    let convert = |line: u32, col: u32| -> Position {
        let row = line.saturating_sub(1);
        let character = text
            .and_then(|t| t.split('\n').nth(row as usize))
            .map(|l| utf16_len(l.get(..col as usize).unwrap_or(l)))
            .unwrap_or(col);
        Position::new(row, character)
    };
    Range::new(
        convert(span.start_line, span.start_col),
        convert(span.end_line, span.end_col),
    )
}

pub fn graph_symbol_kind(kind: DefKind) -> SymbolKind {
    match kind {
        DefKind::Function => SymbolKind::FUNCTION,
        DefKind::Method => SymbolKind::METHOD,
        DefKind::Class => SymbolKind::CLASS,
        DefKind::Struct => SymbolKind::STRUCT,
        DefKind::Enum => SymbolKind::ENUM,
        DefKind::Trait | DefKind::Interface => SymbolKind::INTERFACE,
        DefKind::Impl => SymbolKind::NAMESPACE,
        DefKind::Type => SymbolKind::TYPE_PARAMETER,
        DefKind::Constant => SymbolKind::CONSTANT,
        DefKind::Variable => SymbolKind::VARIABLE,
        DefKind::Field => SymbolKind::FIELD,
        DefKind::Module => SymbolKind::MODULE,
        DefKind::Macro => SymbolKind::FUNCTION,
    }
}

/// A graph location: `path` under `root` (or the document `here`), its span converted with `text`.
pub fn graph_location(
    root: &Path,
    here: &Uri,
    path: Option<&str>,
    span: Span,
    text: Option<&str>,
) -> Option<Location> {
    let uri = match path {
        Some(p) => uri(root, p)?,
        None => here.clone(),
    };
    Some(Location::new(uri, span_range(text, span)))
}

/// A graph symbol as a call hierarchy item; `data` carries its id for the follow-up requests.
pub fn call_item(
    root: &Path,
    symbol: &GraphSymbol,
    text: Option<&str>,
) -> Option<CallHierarchyItem> {
    Some(CallHierarchyItem {
        name: symbol.name.clone(),
        kind: graph_symbol_kind(symbol.kind),
        tags: None,
        detail: Some(symbol.signature.clone()).filter(|s| !s.is_empty()),
        uri: uri(root, &symbol.path)?,
        range: span_range(text, symbol.span),
        selection_range: span_range(text, symbol.name_span),
        data: Some(serde_json::json!({ "id": symbol.id })),
    })
}

/// A graph symbol as a type hierarchy item; `data` carries its id.
pub fn type_item(
    root: &Path,
    symbol: &GraphSymbol,
    text: Option<&str>,
) -> Option<TypeHierarchyItem> {
    Some(TypeHierarchyItem {
        name: symbol.name.clone(),
        kind: graph_symbol_kind(symbol.kind),
        tags: None,
        detail: Some(symbol.signature.clone()).filter(|s| !s.is_empty()),
        uri: uri(root, &symbol.path)?,
        range: span_range(text, symbol.span),
        selection_range: span_range(text, symbol.name_span),
        data: Some(serde_json::json!({ "id": symbol.id })),
    })
}

/// The module level of a file, as a call hierarchy item (a caller outside any function).
pub fn module_item(root: &Path, path: &str) -> Option<CallHierarchyItem> {
    let start = Range::new(Position::new(0, 0), Position::new(0, 0));
    Some(CallHierarchyItem {
        name: path.rsplit('/').next().unwrap_or(path).to_string(),
        kind: SymbolKind::FILE,
        tags: None,
        detail: Some(path.to_string()),
        uri: uri(root, path)?,
        range: start,
        selection_range: start,
        data: None,
    })
}

/// Document symbols from a file's own parse, nested by container: the range is the whole
/// definition, the selection range is its identifier.
pub fn graph_document_symbols(defs: &[Def], text: &str) -> Vec<DocumentSymbol> {
    #[allow(deprecated)] // `deprecated` is a required field of the protocol struct
    let mut built: Vec<Option<DocumentSymbol>> = defs
        .iter()
        .map(|d| {
            Some(DocumentSymbol {
                name: d.name.clone(),
                detail: Some(d.signature.clone()).filter(|s| !s.is_empty()),
                kind: graph_symbol_kind(d.kind),
                tags: None,
                deprecated: None,
                range: span_range(Some(text), d.span),
                selection_range: span_range(Some(text), d.name_span),
                children: None,
            })
        })
        .collect();
    // Children come after their container: attach from the last one back.
    for i in (0..defs.len()).rev() {
        let Some(parent) = defs[i].container.filter(|p| *p < i) else {
            continue;
        };
        if let Some(child) = built[i].take()
            && let Some(Some(p)) = built.get_mut(parent)
        {
            p.children.get_or_insert_with(Vec::new).insert(0, child);
        }
    }
    built.into_iter().flatten().collect()
}

/// A JSON-RPC error for an engine failure, with the engine's message (which says what to do).
pub fn error(error: impl std::fmt::Display) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InternalError,
        message: error.to_string().into(),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use rlm_engine::navigate::References;

    fn hit(name: &str, kind: Kind, path: &str, start: u64, end: u64) -> SymbolHit {
        SymbolHit {
            name: name.into(),
            kind,
            container: None,
            path: path.into(),
            lang: "python".into(),
            start_line: start,
            end_line: end,
            signature: format!("def {name}():"),
            doc: None,
            exact: true,
        }
    }

    fn reference(path: &str, line: u64) -> Reference {
        Reference {
            path: path.into(),
            line,
            start_col: 4,
            end_col: 8,
            line_text: "    load()".into(),
        }
    }

    #[test]
    fn position_counts_utf16_units_per_line() {
        let text = "a😀b\nxé";
        assert_eq!(position(text, 5), Position::new(0, 3));
        assert_eq!(position(text, 7), Position::new(1, 0));
        assert_eq!(position(text, 8), Position::new(1, 1));
        assert_eq!(position(text, 99), Position::new(1, 2));
    }

    #[test]
    fn hover_shows_definition_doc_and_first_references() {
        let mut def = hit("load", Kind::Function, "util.py", 3, 5);
        def.doc = Some("Loads it.".into());
        def.container = Some("Store".into());
        let description = Description {
            name: "load".into(),
            definitions: vec![def, hit("load", Kind::Method, "b.py", 9, 9)],
            references: References {
                locations: vec![
                    reference("a.py", 1),
                    reference("a.py", 7),
                    reference("c.py", 2),
                ],
                complete: false,
            },
        };
        let at = Range::new(Position::new(0, 4), Position::new(0, 8));
        let hover = hover(&description, at, 2, &[], None).unwrap();
        let HoverContents::Markup(markup) = hover.contents else {
            panic!("markdown expected")
        };
        assert_eq!(
            markup.value,
            "```python\ndef load():\n```\n*function* in `Store` — defined at `util.py:3`\n\nLoads it.\n\nAlso defined at `b.py:9`\n\n---\n**3+ references**: `a.py:1`, `a.py:7`, …\n"
        );
        assert_eq!(hover.range, Some(at));
    }

    #[test]
    fn document_symbols_nest_by_extent() {
        let hits = vec![
            hit("A", Kind::Class, "m.py", 1, 6),
            hit("f", Kind::Method, "m.py", 2, 3),
            hit("g", Kind::Method, "m.py", 5, 6),
            hit("top", Kind::Function, "m.py", 8, 9),
        ];
        let tree = document_symbols(&hits);
        let shape: Vec<(String, Vec<String>)> = tree
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.children
                        .iter()
                        .flatten()
                        .map(|c| c.name.clone())
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                ("A".into(), vec!["f".into(), "g".into()]),
                ("top".into(), vec![])
            ]
        );
        assert_eq!(
            tree[0].range,
            Range::new(Position::new(0, 0), Position::new(6, 0))
        );
    }
}
