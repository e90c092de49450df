//! `memory_add`: stores an episode (a note, question, answer, finding or fact) in the
//! workspace's encrypted memory (`rlm_engine::memory`).

use super::check_length;
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::memory::{Kind, NewEpisode, Zone};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemoryAddArgs {
    /// What to remember, in plain words; a single line `key = value` is stored as a fact.
    pub text: String,
    /// Trust zone: public, internal, confidential or secret (default: `[memory] default_zone`).
    /// The agent must be cleared for it.
    #[serde(default)]
    #[schemars(with = "String")]
    pub zone: Option<String>,
    /// note, question, answer, finding or fact (default note).
    #[serde(default)]
    #[schemars(with = "String")]
    pub kind: Option<String>,
    /// The agent writing it (default: `[memory] agent` of rlm.toml).
    #[serde(default)]
    #[schemars(with = "String")]
    pub agent: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MemoryAddResult {
    /// The new episode's id.
    pub id: String,
    pub agent: String,
    pub zone: String,
    pub kind: String,
    /// What happened to an earlier value of the same fact, or to a stored memory the model
    /// judged contradicted: confirmed, superseded or queued as a conflict; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconsolidation: Option<serde_json::Value>,
    /// True when this add triggered an automatic consolidation.
    pub consolidated: bool,
    /// Set when the configured model compared the memory with similar stored ones: `judge`,
    /// `compared`, the `contradiction` it found (`existing`, `reason`) and `unjudged` replies it
    /// could not read (no conflict raised on those). Absent: the key/value rule alone checked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged: Option<serde_json::Value>,
}

/// Parses a zone or kind argument, naming the accepted values when it is not one.
pub(crate) fn parse_named<T: std::str::FromStr>(
    what: &str,
    value: &str,
    accepted: &str,
) -> Result<T, ToolError> {
    value
        .parse::<T>()
        .map_err(|_| ToolError::new(format!("unknown {what} {value:?}: use {accepted}")))
}

#[tool_router(router = memory_add_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "memory_add",
        description = "Remember something for later sessions: a note, question, answer, finding or a `key = value` fact, stored encrypted in the workspace's memory under a trust zone. Facts that contradict an earlier value are superseded or queued as conflicts. Find it again with memory_search.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            open_world_hint = false
        )
    )]
    async fn memory_add(
        &self,
        Parameters(args): Parameters<MemoryAddArgs>,
    ) -> Result<Json<MemoryAddResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        if args.text.trim().is_empty() {
            return Err(ToolError::new("text is empty: give what to remember"));
        }
        check_length("text", &args.text, shared.limits.max_query_bytes)?;
        let zone: Zone = match &args.zone {
            Some(z) => parse_named("zone", z, "public, internal, confidential or secret")?,
            None => shared.memory_config.default_zone,
        };
        let kind: Kind = match &args.kind {
            Some(k) => parse_named("kind", k, "note, question, answer, finding or fact")?,
            None => Kind::Note,
        };
        let agent = args
            .agent
            .unwrap_or_else(|| shared.memory_config.agent.clone());
        let episode = NewEpisode {
            kind,
            ..NewEpisode::note(args.text, zone)
        };
        let who = agent.clone();
        let outcome =
            blocking(move || shared.with_memory(|store| store.add(&who, episode))).await?;
        Ok(Json(MemoryAddResult {
            id: outcome.id,
            agent,
            zone: zone.to_string(),
            kind: kind.to_string(),
            reconsolidation: outcome
                .reconsolidation
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
            consolidated: outcome.consolidation.is_some(),
            judged: outcome
                .judged
                .map(|j| serde_json::to_value(j).unwrap_or_default()),
        }))
    }
}
