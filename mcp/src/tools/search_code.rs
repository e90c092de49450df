//! `search_code`: ranked code chunks for words or identifiers (BM25 over the index).

use super::{check_length, clamp_limit};
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::parse::Language;
use rlm_engine::search::{SearchHit, SearchQuery, search};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchCodeArgs {
    /// Words or identifiers to look for, e.g. "parse config file" or "TokenBucket refill".
    /// camelCase and snake_case names are split, so "read_manifest" also finds "readManifest".
    /// Quote a phrase ("...") to match it exactly.
    pub query: String,
    /// How many results to return (default 10, at most 200).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub limit: Option<u32>,
    /// Only files in this language: python, rust, javascript, typescript, tsx, go, java, ...
    #[serde(default)]
    #[schemars(with = "String")]
    pub language: Option<String>,
    /// Only paths matching this glob, relative to the workspace root, e.g. "src/**/*.py".
    #[serde(default)]
    #[schemars(with = "String")]
    pub path_glob: Option<String>,
    /// Return each chunk's full text, not only the matching lines (default false; costs context).
    #[serde(default)]
    pub include_text: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchCodeResult {
    pub query: String,
    /// Best first.
    pub results: Vec<SearchResult>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchResult {
    /// Relative to the workspace root.
    pub path: String,
    pub start_line: u64,
    pub end_line: u64,
    /// The function, class or other definition the chunk covers, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub language: String,
    pub score: f32,
    /// Up to three lines of the chunk that hold query terms.
    pub snippet: Vec<SnippetLine>,
    /// The whole chunk, when include_text was set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SnippetLine {
    pub line: u64,
    pub text: String,
}

fn to_result(hit: SearchHit, include_text: bool) -> SearchResult {
    SearchResult {
        path: hit.path,
        start_line: hit.start_line,
        end_line: hit.end_line,
        symbol: hit.symbol,
        kind: hit.kind,
        language: hit.lang,
        score: hit.score,
        snippet: hit
            .snippet
            .into_iter()
            .map(|(line, text)| SnippetLine { line, text })
            .collect(),
        text: include_text.then_some(hit.text),
    }
}

#[tool_router(router = search_code_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "search_code",
        description = "Search the workspace's code for words or identifiers and get the best-matching chunks (whole functions or classes where possible), ranked by BM25, with the matching lines. Use it to find where something is implemented or used before reading files. Follow up with read_file on a result's path and lines.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn search_code(
        &self,
        Parameters(args): Parameters<SearchCodeArgs>,
    ) -> Result<Json<SearchCodeResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        check_length("query", &args.query, shared.limits.max_query_bytes)?;
        let language = match &args.language {
            Some(name) => Some(Language::from_name(name).ok_or_else(|| {
                ToolError::new(format!(
                    "unknown language {name:?}: use python, rust, javascript, typescript, tsx, go or java, or leave language out"
                ))
            })?),
            None => None,
        };
        let query = SearchQuery {
            text: args.query.clone(),
            limit: clamp_limit(args.limit, shared.search_limit, shared.limits.max_results),
            language,
            path_glob: args.path_glob,
        };
        let hits = blocking(move || Ok(search(&*shared.index()?, &query)?)).await?;
        Ok(Json(SearchCodeResult {
            query: args.query,
            results: hits
                .into_iter()
                .map(|hit| to_result(hit, args.include_text))
                .collect(),
        }))
    }
}
