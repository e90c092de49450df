//! Code navigation by name over the index: which identifier sits at a place in a text, where a
//! name is defined, where it is used, and what to say about it when asked (the editor's hover).
//!
//! Navigation here is lexical, not semantic: a reference is a whole-word occurrence of the name
//! in an indexed chunk, and a definition is a symbol of that exact name. That is what an index
//! of many languages can answer fast and without a compiler; the faces (LSP, MCP, CLI) present
//! it and must not re-implement it. Lines are 1-based and columns are byte offsets within the
//! line, as everywhere in the engine; the faces convert to their own units.

use crate::index::{DOC_CHUNK, WorkspaceIndex, tokenize_into};
use crate::parse::{Language, extract_symbols};
use crate::search::{SearchError, SymbolHit, find_symbols, symbols_in_file};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;
use tantivy::TantivyDocument;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term, Value};

/// An identifier found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    pub name: String,
    /// Byte range of the identifier in the text.
    pub start: usize,
    pub end: usize,
}

/// One use of a name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Reference {
    pub path: String,
    /// 1-based line.
    pub line: u64,
    /// Byte columns of the name within the line.
    pub start_col: usize,
    pub end_col: usize,
    /// The line's text, trimmed at the end.
    pub line_text: String,
}

/// The uses of a name the index knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct References {
    /// Sorted by path, line and column.
    pub locations: Vec<Reference>,
    /// False when the search stopped at its chunk budget, so there may be more.
    pub complete: bool,
}

/// What hover shows for a name: its definitions and its uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Description {
    pub name: String,
    /// Exact-name definitions, those in `from_path` first.
    pub definitions: Vec<SymbolHit>,
    /// Uses that are not the definitions' own lines.
    pub references: References,
}

/// Limits of a name look-up; the defaults suit an interactive hover.
#[derive(Debug, Clone, Copy)]
pub struct LookupLimits {
    /// At most this many definitions.
    pub definitions: usize,
    /// At most this many chunks are scanned for uses.
    pub chunks: usize,
}

impl Default for LookupLimits {
    fn default() -> Self {
        LookupLimits {
            definitions: 8,
            chunks: 400,
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier (a run of letters, digits and underscores not starting with a digit) that
/// contains byte `offset` of `text`, or ends right at it (a cursor just after a name).
pub fn identifier_at(text: &str, offset: usize) -> Option<Identifier> {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    let name = &text[start..end];
    let first = name.chars().next()?;
    if first.is_ascii_digit() {
        return None;
    }
    Some(Identifier {
        name: name.to_string(),
        start,
        end,
    })
}

/// Definitions named exactly `name`, those in `from_path` first (then by path and line).
pub fn definitions(
    index: &WorkspaceIndex,
    name: &str,
    from_path: Option<&str>,
    limit: usize,
) -> Result<Vec<SymbolHit>, SearchError> {
    // Prefix matches come after the exact ones; ask for enough to keep all exact ones.
    let mut hits: Vec<SymbolHit> = find_symbols(index, name, limit.max(1) * 4)?
        .into_iter()
        .filter(|h| h.exact)
        .collect();
    hits.sort_by(|a, b| {
        let here = |h: &SymbolHit| from_path != Some(h.path.as_str());
        (here(a), &a.path, a.start_line).cmp(&(here(b), &b.path, b.start_line))
    });
    hits.truncate(limit.max(1));
    Ok(hits)
}

/// Whole-word uses of `name` in the indexed chunks, scanning at most `max_chunks` chunks.
pub fn find_references(
    index: &WorkspaceIndex,
    name: &str,
    max_chunks: usize,
) -> Result<References, SearchError> {
    let name = name.trim();
    let Some(term) = index_term(name) else {
        return Err(SearchError::EmptyQuery);
    };
    let fields = index.fields();
    let query = BooleanQuery::new(vec![
        (Occur::Must, term_query(fields.text, &term)),
        (Occur::Must, term_query(fields.doc_type, DOC_CHUNK)),
    ]);
    let searcher = index.searcher();
    let budget = max_chunks.max(1);
    // One more than the budget tells whether the budget cut the search short.
    let top = searcher.search(&query, &TopDocs::with_limit(budget + 1).order_by_score())?;
    let complete = top.len() <= budget;
    let mut found = BTreeSet::new();
    for (_, address) in top.into_iter().take(budget) {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let path = text(fields.path);
        let body = text(fields.text);
        let start_line = doc
            .get_first(fields.start_line)
            .and_then(|v| v.as_u64())
            .unwrap_or(1);
        for (i, line) in body.lines().enumerate() {
            for (start_col, end_col) in word_occurrences(line, name) {
                found.insert(Reference {
                    path: path.clone(),
                    line: start_line + i as u64,
                    start_col,
                    end_col,
                    line_text: line.trim_end().to_string(),
                });
            }
        }
    }
    Ok(References {
        locations: found.into_iter().collect(),
        complete,
    })
}

/// Definitions and uses of `name`: the hover's content. Uses on a definition's own first line
/// (the definition itself) are not counted as references.
pub fn describe(
    index: &WorkspaceIndex,
    name: &str,
    from_path: Option<&str>,
    limits: LookupLimits,
) -> Result<Description, SearchError> {
    let definitions = definitions(index, name, from_path, limits.definitions)?;
    let mut references = find_references(index, name, limits.chunks)?;
    references
        .locations
        .retain(|r| !is_definition_line(&definitions, r));
    Ok(Description {
        name: name.to_string(),
        definitions,
        references,
    })
}

/// Whether `reference` is on the first line of one of `definitions` (the name being defined).
pub fn is_definition_line(definitions: &[SymbolHit], reference: &Reference) -> bool {
    definitions
        .iter()
        .any(|d| d.path == reference.path && d.start_line == reference.line)
}

/// The symbols of one file, in line order: parsed from `live_text` when the caller holds a
/// newer text than the index (an unsaved editor buffer), otherwise as indexed.
pub fn outline(
    index: Option<&WorkspaceIndex>,
    path: &str,
    live_text: Option<&str>,
) -> Result<Vec<SymbolHit>, SearchError> {
    match (live_text, index) {
        (Some(text), _) => {
            let language = Language::from_path(Path::new(path));
            Ok(extract_symbols(language, text)
                .into_iter()
                .map(|s| SymbolHit {
                    name: s.name,
                    kind: s.kind,
                    container: s.container,
                    path: path.to_string(),
                    lang: language.name().to_string(),
                    start_line: s.start_line as u64,
                    end_line: s.end_line as u64,
                    signature: s.signature,
                    doc: s.doc,
                    exact: true,
                })
                .collect())
        }
        (None, Some(index)) => symbols_in_file(index, path),
        (None, None) => Ok(Vec::new()),
    }
}

/// The index term under which chunks containing `name` are found: the whole identifier for a
/// multi-part name, else its single part (see the code tokenizer).
fn index_term(name: &str) -> Option<String> {
    let mut tokens = Vec::new();
    tokenize_into(name, true, &mut tokens);
    tokens.into_iter().next().map(|t| t.text)
}

/// Byte ranges of whole-word occurrences of `name` in `line`.
fn word_occurrences(line: &str, name: &str) -> Vec<(usize, usize)> {
    if name.is_empty() {
        return Vec::new();
    }
    line.match_indices(name)
        .filter(|(i, _)| {
            let before = line[..*i].chars().next_back();
            let after = line[i + name.len()..].chars().next();
            !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
        })
        .map(|(i, _)| (i, i + name.len()))
        .collect()
}

fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::config::Config;
    use crate::index::{IndexSettings, NoProgress, Overlay, index_workspace, index_workspace_with};

    /// `text` with a `$0` cursor marker: the identifier found there, as a name.
    fn check_identifier(marked: &str, expected: Option<&str>) {
        let offset = marked.find("$0").unwrap();
        let text = marked.replace("$0", "");
        let found = identifier_at(&text, offset);
        assert_eq!(found.as_ref().map(|i| i.name.as_str()), expected);
        if let Some(found) = found {
            assert_eq!(&text[found.start..found.end], found.name);
        }
    }

    #[test]
    fn identifier_at_finds_the_word_around_the_cursor() {
        check_identifier("x = parse_$0config(a)", Some("parse_config"));
        check_identifier("x = $0parseConfig(a)", Some("parseConfig"));
        check_identifier("x = parseConfig$0(a)", Some("parseConfig"));
        check_identifier("let é$0tat = 1;", Some("état"));
        check_identifier("a + $0 b", None);
        check_identifier("x = 4$02", None);
        check_identifier("$0", None);
    }

    #[test]
    fn word_occurrences_skip_longer_names() {
        assert_eq!(
            word_occurrences("load(x); loader(x); reload(load)", "load"),
            vec![(0, 4), (27, 31)]
        );
    }

    fn workspace(files: &[(&str, &str)]) -> (tempfile::TempDir, WorkspaceIndex, IndexSettings) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let abs = dir.path().join(path);
            std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
            std::fs::write(abs, text).unwrap();
        }
        let settings = IndexSettings::new(dir.path(), &Config::default(), None);
        index_workspace(dir.path(), &settings, &NoProgress).unwrap();
        let index = WorkspaceIndex::open(&settings.dir).unwrap();
        (dir, index, settings)
    }

    const APP: &str = "from util import load_config\n\n\ndef main():\n    cfg = load_config('a')\n    return load_config(cfg)\n";
    const UTIL: &str = "def load_config(path):\n    \"\"\"Reads the configuration.\"\"\"\n    return open(path).read()\n\n\ndef load_configs():\n    return [load_config(p) for p in ()]\n";

    #[test]
    fn describe_lists_definition_and_uses_without_the_definition_line() {
        let (_dir, index, _) = workspace(&[("app.py", APP), ("util.py", UTIL)]);
        let d = describe(
            &index,
            "load_config",
            Some("app.py"),
            LookupLimits::default(),
        )
        .unwrap();
        let defs: Vec<(&str, u64, &str)> = d
            .definitions
            .iter()
            .map(|h| (h.path.as_str(), h.start_line, h.signature.as_str()))
            .collect();
        assert_eq!(defs, vec![("util.py", 1, "def load_config(path):")]);
        assert_eq!(
            d.definitions[0].doc.as_deref(),
            Some("Reads the configuration.")
        );
        let uses: Vec<(&str, u64, usize)> = d
            .references
            .locations
            .iter()
            .map(|r| (r.path.as_str(), r.line, r.start_col))
            .collect();
        assert_eq!(
            uses,
            vec![
                ("app.py", 1, 17),
                ("app.py", 5, 10),
                ("app.py", 6, 11),
                ("util.py", 7, 12)
            ]
        );
        assert!(d.references.complete);
    }

    #[test]
    fn find_references_reports_an_incomplete_scan_at_the_chunk_budget() {
        let files: Vec<(String, String)> = (0..5)
            .map(|i| {
                (
                    format!("m{i}.py"),
                    format!("def f{i}():\n    return shared_name\n"),
                )
            })
            .collect();
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let (_dir, index, _) = workspace(&borrowed);
        let all = find_references(&index, "shared_name", 100).unwrap();
        assert_eq!(all.locations.len(), 5);
        assert!(all.complete);
        let cut = find_references(&index, "shared_name", 2).unwrap();
        assert_eq!(cut.locations.len(), 2);
        assert!(!cut.complete);
    }

    #[test]
    fn overlay_text_is_indexed_in_place_of_the_file_and_dropped_after() {
        let (dir, index, settings) = workspace(&[("util.py", UTIL)]);
        let mut overlay = Overlay::new();
        overlay.insert("util.py".into(), "def fresh_name():\n    pass\n".into());
        index_workspace_with(dir.path(), &settings, &overlay, &NoProgress).unwrap();
        index.reload().unwrap();
        assert_eq!(definitions(&index, "fresh_name", None, 5).unwrap().len(), 1);
        assert!(
            definitions(&index, "load_config", None, 5)
                .unwrap()
                .is_empty()
        );
        // Without the overlay the saved text comes back.
        index_workspace(dir.path(), &settings, &NoProgress).unwrap();
        index.reload().unwrap();
        assert!(
            definitions(&index, "fresh_name", None, 5)
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            definitions(&index, "load_config", None, 5).unwrap().len(),
            1
        );
    }

    #[test]
    fn outline_prefers_the_live_text() {
        let (_dir, index, _) = workspace(&[("util.py", UTIL)]);
        let names = |hits: Vec<SymbolHit>| -> Vec<(String, u64)> {
            hits.into_iter().map(|h| (h.name, h.start_line)).collect()
        };
        assert_eq!(
            names(outline(Some(&index), "util.py", None).unwrap()),
            vec![
                ("load_config".to_string(), 1),
                ("load_configs".to_string(), 6)
            ]
        );
        assert_eq!(
            names(outline(Some(&index), "util.py", Some("class A:\n    pass\n")).unwrap()),
            vec![("A".to_string(), 1)]
        );
    }
}
