//! `repo_map`: the workspace's most central definitions (PageRank over the code graph), as
//! signatures grouped by file, within a token budget: an orientation for a model.

use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::graph::Graph;
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepoMapArgs {
    /// The budget in tokens (default 1024, at most 16384; 4 bytes a token).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub tokens: Option<u32>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RepoMapResult {
    /// Files, each with the signatures of its most central definitions and their lines.
    pub map: String,
    /// Definitions shown.
    pub symbols: usize,
    /// Tokens used (estimated).
    pub tokens: usize,
}

#[tool_router(router = repo_map_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "repo_map",
        description = "A map of the repository: the most central functions, classes and types (ranked by how much the rest of the code uses them), as signatures with line numbers grouped by file, within a token budget. Call it first to orient yourself in an unfamiliar codebase.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn repo_map(
        &self,
        Parameters(args): Parameters<RepoMapArgs>,
    ) -> Result<Json<RepoMapResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        let tokens = args.tokens.unwrap_or(1024).clamp(16, 16384) as usize;
        let map =
            blocking(move || Ok(Graph::open(&shared.settings.dir)?.repo_map(tokens)?)).await?;
        Ok(Json(RepoMapResult {
            symbols: map.entries.len(),
            tokens: map.tokens,
            map: map.text,
        }))
    }
}
