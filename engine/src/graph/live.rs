//! Answers from one document's own parse, for an editor before the first index is built (or
//! for a buffer that is ahead of the graph): its outline, and the definition of a name used in
//! it when scope or the file's own imports reach one in the same file.

use super::layout::{FileInfo, Layout};
use super::model::{Confidence, Def, RefKind};
use super::resolve::{DefRow, FileResolver, ImportRow, Universe, UseRow};
use super::syntax;
use crate::parse::Language;
use std::collections::HashMap;
use std::path::Path;

/// The definitions of `text`, in source order (each `container` is an index into the list).
pub fn outline(language: Language, text: &str) -> Option<Vec<Def>> {
    syntax::extract(language, text).map(|f| f.defs)
}

/// The definition in `text` that the name at (line, col) names: the definition itself, or
/// what a use there resolves to within the document. `None` when the document alone cannot say.
pub fn definition_in_text(
    language: Language,
    text: &str,
    line: u32,
    col: u32,
) -> Option<(Def, Confidence)> {
    let facts = syntax::extract(language, text)?;
    if let Some(def) = facts
        .defs
        .iter()
        .find(|d| d.name_span.start_line == line && d.name_span.contains(line, col))
    {
        return Some((def.clone(), Confidence::Resolved));
    }
    let used = facts
        .refs
        .iter()
        .filter(|r| r.span.start_line == line && r.span.contains(line, col))
        .min_by_key(|r| r.span.end_col - r.span.start_col)?;
    let file = FileInfo {
        id: 1,
        path: "document".into(),
        language,
        package: facts.package.clone(),
        default_export: facts.default_export.clone(),
    };
    let layout = Layout::new(Path::new("."), vec![file], &[]);
    let defs: Vec<DefRow> = facts
        .defs
        .iter()
        .enumerate()
        .map(|(i, d)| DefRow {
            id: i as i64 + 1,
            file: 1,
            name: d.name.clone(),
            kind: d.kind,
            container: d.container.map(|c| c as i64 + 1),
            container_name: d.container_name.clone(),
        })
        .collect();
    let imports: Vec<ImportRow> = facts
        .imports
        .iter()
        .map(|i| ImportRow {
            module: i.module.clone(),
            name: i.name.clone(),
            binding: i.binding.clone(),
            wildcard: i.wildcard,
        })
        .collect();
    let u = Universe::complete(layout, defs, HashMap::from([(1, imports)]));
    let resolver = FileResolver::new(&u, 1)?;
    for r in facts.refs.iter().filter(|r| r.kind == RefKind::Inherit) {
        let row = UseRow {
            name: r.name.clone(),
            qualifier: r.qualifier.clone(),
            kind: r.kind,
            enclosing: r.enclosing.map(|e| e as i64 + 1),
        };
        if let (Some(ty), Some(base)) = (row.enclosing, resolver.resolve(&row).def) {
            u.add_base(ty, base);
        }
    }
    let target = resolver.resolve(&UseRow {
        name: used.name.clone(),
        qualifier: used.qualifier.clone(),
        kind: used.kind,
        enclosing: used.enclosing.map(|e| e as i64 + 1),
    });
    let def = facts.defs.get(usize::try_from(target.def? - 1).ok()?)?;
    Some((def.clone(), target.confidence))
}

/// The uses in `text` that resolve (within the document) to the definition named at
/// (line, col).
pub fn references_in_text(
    language: Language,
    text: &str,
    line: u32,
    col: u32,
) -> Option<Vec<(super::model::Span, Confidence)>> {
    let (target, _) = definition_in_text(language, text, line, col)?;
    let facts = syntax::extract(language, text)?;
    let mut out = Vec::new();
    for r in &facts.refs {
        if r.name != target.name {
            continue;
        }
        if let Some((def, confidence)) =
            definition_in_text(language, text, r.span.start_line, r.span.start_col)
            && def.name_span == target.name_span
        {
            out.push((r.span, confidence));
        }
    }
    Some(out)
}
