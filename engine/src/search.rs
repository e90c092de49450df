//! Queries over the index: BM25 over chunks (`rlm search`), and symbol look-ups by name or by
//! file (`rlm symbols`, and later hover and go-to-definition in the faces).

use crate::index::{DOC_CHUNK, DOC_SYMBOL, Fields, WorkspaceIndex, tokenize_into};
use crate::parse::{Language, SymbolKind};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, QueryParser, RegexQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument};

/// Errors of a query.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the query is empty: give some words or identifiers to look for")]
    EmptyQuery,
    #[error(
        "invalid query syntax in {query:?}: {message}. Quote the text (\"...\") to search it literally, or escape special characters with \\"
    )]
    BadQuery { query: String, message: String },
    #[error("invalid --path glob {glob:?}: {message}")]
    BadGlob { glob: String, message: String },
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// A BM25 query over chunks.
#[derive(Debug, Clone)]
pub struct SearchQuery {
    pub text: String,
    pub limit: usize,
    pub language: Option<Language>,
    /// Only paths matching this glob (relative to the workspace root).
    pub path_glob: Option<String>,
}

/// One matching chunk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub path: String,
    pub start_line: u64,
    pub end_line: u64,
    pub symbol: Option<String>,
    pub kind: Option<String>,
    pub lang: String,
    pub score: f32,
    /// Up to three lines of the chunk that contain query terms, as (line number, text).
    pub snippet: Vec<(u64, String)>,
    /// The whole chunk text.
    #[serde(skip)]
    pub text: String,
}

/// A symbol definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SymbolHit {
    pub name: String,
    pub kind: SymbolKind,
    pub container: Option<String>,
    pub path: String,
    pub lang: String,
    pub start_line: u64,
    pub end_line: u64,
    pub signature: String,
    pub doc: Option<String>,
    /// Whether the name matched exactly (otherwise by prefix).
    pub exact: bool,
}

/// Runs a BM25 query over the chunks of the index.
pub fn search(index: &WorkspaceIndex, query: &SearchQuery) -> Result<Vec<SearchHit>, SearchError> {
    let text = query.text.trim();
    if text.is_empty() {
        return Err(SearchError::EmptyQuery);
    }
    let fields = index.fields();
    let mut parser = QueryParser::new(
        index.tantivy().schema(),
        vec![fields.symbol, fields.text, fields.path_text],
        crate::index::query_tokenizers(),
    );
    parser.set_field_boost(fields.symbol, 2.0);
    parser.set_field_boost(fields.path_text, 0.5);
    let parsed = parser
        .parse_query(text)
        .map_err(|e| SearchError::BadQuery {
            query: text.to_string(),
            message: e.to_string(),
        })?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, parsed),
        (Occur::Must, term_query(fields.doc_type, DOC_CHUNK)),
    ];
    if let Some(language) = query.language {
        clauses.push((Occur::Must, term_query(fields.lang, language.name())));
    }
    let glob = match &query.path_glob {
        Some(glob) => Some(
            globset::Glob::new(glob)
                .map_err(|e| SearchError::BadGlob {
                    glob: glob.clone(),
                    message: e.to_string(),
                })?
                .compile_matcher(),
        ),
        None => None,
    };
    let limit = query.limit.max(1);
    let fetch = if glob.is_some() {
        (limit * 50).clamp(500, 20_000)
    } else {
        limit
    };
    let searcher = index.searcher();
    let top = searcher.search(
        &BooleanQuery::new(clauses),
        &TopDocs::with_limit(fetch).order_by_score(),
    )?;
    let terms = query_terms(text);
    let mut hits = Vec::with_capacity(limit);
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let path = str_field(&doc, fields.path);
        if glob.as_ref().is_some_and(|g| !g.is_match(&path)) {
            continue;
        }
        let start_line = u64_field(&doc, fields.start_line);
        let body = str_field(&doc, fields.text);
        hits.push(SearchHit {
            snippet: snippet(&body, start_line, &terms),
            path,
            start_line,
            end_line: u64_field(&doc, fields.end_line),
            symbol: opt_str_field(&doc, fields.symbol),
            kind: opt_str_field(&doc, fields.kind),
            lang: str_field(&doc, fields.lang),
            score,
            text: body,
        });
        if hits.len() == limit {
            break;
        }
    }
    Ok(hits)
}

/// Finds symbol definitions named `name` (exactly, case-sensitive) or starting with it
/// (case-insensitive). Exact matches come first.
pub fn find_symbols(
    index: &WorkspaceIndex,
    name: &str,
    limit: usize,
) -> Result<Vec<SymbolHit>, SearchError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SearchError::EmptyQuery);
    }
    let fields = index.fields();
    let exact = term_query(fields.name_exact, name);
    let pattern = format!("{}.*", regex::escape(&name.to_lowercase()));
    let prefix = RegexQuery::from_pattern(&pattern, fields.name_lower)?;
    let either = BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(exact, 10.0)) as Box<dyn Query>,
        ),
        (Occur::Should, Box::new(prefix)),
    ]);
    let query = BooleanQuery::new(vec![
        (Occur::Must, Box::new(either) as Box<dyn Query>),
        (Occur::Must, term_query(fields.doc_type, DOC_SYMBOL)),
    ]);
    let searcher = index.searcher();
    let top = searcher.search(
        &query,
        &TopDocs::with_limit(limit.max(1) * 4).order_by_score(),
    )?;
    let mut hits = symbol_hits(&searcher, fields, top.into_iter().map(|(_, a)| a), name)?;
    hits.sort_by(|a, b| {
        (!a.exact, a.name.len(), &a.path, a.start_line).cmp(&(
            !b.exact,
            b.name.len(),
            &b.path,
            b.start_line,
        ))
    });
    hits.truncate(limit.max(1));
    Ok(hits)
}

/// The symbols defined in one file, in line order.
pub fn symbols_in_file(index: &WorkspaceIndex, path: &str) -> Result<Vec<SymbolHit>, SearchError> {
    let fields = index.fields();
    let query = BooleanQuery::new(vec![
        (Occur::Must, term_query(fields.path, path)),
        (Occur::Must, term_query(fields.doc_type, DOC_SYMBOL)),
    ]);
    let searcher = index.searcher();
    let top = searcher.search(&query, &TopDocs::with_limit(100_000).order_by_score())?;
    let mut hits = symbol_hits(&searcher, fields, top.into_iter().map(|(_, a)| a), "")?;
    hits.sort_by_key(|h| (h.start_line, h.end_line));
    Ok(hits)
}

fn symbol_hits(
    searcher: &Searcher,
    fields: &Fields,
    addresses: impl Iterator<Item = DocAddress>,
    exact_name: &str,
) -> Result<Vec<SymbolHit>, SearchError> {
    let mut hits = Vec::new();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        let name = str_field(&doc, fields.symbol);
        let Some(kind) = SymbolKind::from_name(&str_field(&doc, fields.kind)) else {
            continue;
        };
        hits.push(SymbolHit {
            exact: name == exact_name,
            name,
            kind,
            container: opt_str_field(&doc, fields.container),
            path: str_field(&doc, fields.path),
            lang: str_field(&doc, fields.lang),
            start_line: u64_field(&doc, fields.start_line),
            end_line: u64_field(&doc, fields.end_line),
            signature: str_field(&doc, fields.signature),
            doc: opt_str_field(&doc, fields.doc),
        });
    }
    Ok(hits)
}

fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn opt_str_field(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn str_field(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    opt_str_field(doc, field).unwrap_or_default()
}

fn u64_field(doc: &TantivyDocument, field: tantivy::schema::Field) -> u64 {
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}

/// The lowercase code tokens of a query, ignoring query syntax words.
fn query_terms(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    tokenize_into(text, false, &mut tokens);
    let mut terms: Vec<String> = tokens
        .into_iter()
        .map(|t| t.text)
        .filter(|t| !matches!(t.as_str(), "and" | "or" | "not"))
        .collect();
    terms.dedup();
    terms
}

/// Up to three lines of `body` holding query terms (the first lines when none do).
fn snippet(body: &str, start_line: u64, terms: &[String]) -> Vec<(u64, String)> {
    let clip = |line: &str| -> String {
        let t = line.trim_end();
        if t.chars().count() > 160 {
            format!("{}…", t.chars().take(160).collect::<String>())
        } else {
            t.to_string()
        }
    };
    let lines = body
        .lines()
        .enumerate()
        .map(|(i, l)| (start_line + i as u64, l));
    let matching: Vec<(u64, String)> = lines
        .clone()
        .filter(|(_, l)| {
            let lower = l.to_lowercase();
            terms.iter().any(|t| lower.contains(t.as_str()))
        })
        .take(3)
        .map(|(n, l)| (n, clip(l)))
        .collect();
    if !matching.is_empty() {
        return matching;
    }
    lines
        .filter(|(_, l)| !l.trim().is_empty())
        .take(2)
        .map(|(n, l)| (n, clip(l)))
        .collect()
}
