//! `memory_search`: the memories an agent may read that match a query, across the four levels
//! (episodes, traces, categories, domains) of `rlm_engine::memory`.

use super::memory_add::parse_named;
use super::{check_length, clamp_limit};
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::memory::{MemoryHit, SearchRequest, Zone};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemorySearchArgs {
    /// Words to look for, e.g. "release checklist" or "database port".
    pub query: String,
    /// How many memories to return (default 10).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub limit: Option<u32>,
    /// Only this zone (within the agent's clearance); default every zone it may read.
    #[serde(default)]
    #[schemars(with = "String")]
    pub zone: Option<String>,
    /// The agent searching (default: `[memory] agent` of rlm.toml).
    #[serde(default)]
    #[schemars(with = "String")]
    pub agent: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MemorySearchResult {
    /// How the hits were ranked: BM25 alone, or BM25 with embeddings.
    pub retrieval: String,
    /// Best first.
    pub hits: Vec<MemoryHitEntry>,
    /// Records that failed authentication on the way (altered on disk), reported not hidden.
    pub damaged: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MemoryHitEntry {
    pub id: String,
    /// episode, trace, category or domain.
    pub level: String,
    pub zone: String,
    pub kind: String,
    /// The agent that wrote it (`consolidator` for summaries).
    pub agent: String,
    pub text: String,
    /// The fused score (BM25, embeddings when installed, recency, salience).
    pub score: f64,
}

fn to_entry(hit: MemoryHit) -> MemoryHitEntry {
    MemoryHitEntry {
        id: hit.item.id,
        level: hit.item.level.to_string(),
        zone: hit.item.zone.to_string(),
        kind: hit.item.kind.to_string(),
        agent: hit.item.agent,
        text: hit.item.text,
        score: hit.score.total,
    }
}

#[tool_router(router = memory_search_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "memory_search",
        description = "Search what was remembered in earlier sessions (memory_add) and the summaries consolidated from it, limited to the zones the agent is cleared for. Returns the memories best first with their level (episode, trace, category, domain), zone and text.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn memory_search(
        &self,
        Parameters(args): Parameters<MemorySearchArgs>,
    ) -> Result<Json<MemorySearchResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        check_length("query", &args.query, shared.limits.max_query_bytes)?;
        let zone: Option<Zone> = match &args.zone {
            Some(z) => Some(parse_named(
                "zone",
                z,
                "public, internal, confidential or secret",
            )?),
            None => None,
        };
        let request = SearchRequest {
            zone,
            ..SearchRequest::new(
                args.query,
                clamp_limit(args.limit, 10, shared.limits.max_results),
            )
        };
        let agent = args
            .agent
            .unwrap_or_else(|| shared.memory_config.agent.clone());
        let results =
            blocking(move || shared.with_memory(|store| store.search(&agent, &request))).await?;
        Ok(Json(MemorySearchResult {
            retrieval: results.mode.to_string(),
            hits: results.hits.into_iter().map(to_entry).collect(),
            damaged: results.damaged.into_iter().map(|d| d.reason).collect(),
        }))
    }
}
