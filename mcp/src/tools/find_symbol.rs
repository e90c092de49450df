//! `find_symbol`: definitions by name, exact matches first, then by prefix.

use super::{check_length, clamp_limit};
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::search::{SymbolHit, find_symbols};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindSymbolArgs {
    /// The symbol's name, e.g. "index_workspace" or "UserService". Exact (case-sensitive)
    /// matches come first, then names starting with it (case-insensitive).
    pub name: String,
    /// Most results (default 20, at most 200).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FindSymbolResult {
    pub name: String,
    pub symbols: Vec<SymbolEntry>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SymbolEntry {
    pub name: String,
    /// function, method, class, struct, enum, trait, interface, module, constant, ...
    pub kind: String,
    /// The enclosing class, impl or module, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    pub path: String,
    pub language: String,
    pub start_line: u64,
    pub end_line: u64,
    /// The definition's first line(s), e.g. "def parse(path: str) -> Config:".
    pub signature: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// Whether the name matched exactly (otherwise by prefix).
    pub exact: bool,
}

fn to_entry(hit: SymbolHit) -> SymbolEntry {
    SymbolEntry {
        name: hit.name,
        kind: hit.kind.name().to_string(),
        container: hit.container,
        path: hit.path,
        language: hit.lang,
        start_line: hit.start_line,
        end_line: hit.end_line,
        signature: hit.signature,
        doc: hit.doc,
        exact: hit.exact,
    }
}

#[tool_router(router = find_symbol_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "find_symbol",
        description = "Find where a function, method, class, struct, trait or constant is defined, by name. Exact matches come first, then names starting with it. Returns path, line range and signature of each definition; read the body with read_file.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn find_symbol(
        &self,
        Parameters(args): Parameters<FindSymbolArgs>,
    ) -> Result<Json<FindSymbolResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        check_length("name", &args.name, shared.limits.max_query_bytes)?;
        let limit = clamp_limit(args.limit, 20, shared.limits.max_results);
        let name = args.name.clone();
        let hits = blocking(move || Ok(find_symbols(&*shared.index()?, &name, limit)?)).await?;
        Ok(Json(FindSymbolResult {
            name: args.name,
            symbols: hits.into_iter().map(to_entry).collect(),
        }))
    }
}
