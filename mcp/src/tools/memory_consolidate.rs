//! `memory_consolidate`: clusters waiting episodes into traces, traces into categories, and
//! refreshes the domain profiles of the workspace's memory (`MemoryStore::consolidate`).

use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemoryConsolidateArgs {}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MemoryConsolidateResult {
    pub episodes_consolidated: u64,
    pub traces_created: u64,
    pub traces_extended: u64,
    pub categories_created: u64,
    pub categories_extended: u64,
    pub domains_updated: u64,
    /// True when another process was consolidating this store and this call did nothing.
    pub skipped_busy: bool,
    /// Who wrote the summaries: `extractive (...)`, or `model M: N written by the model, K fell
    /// back to extractive` (and the last reason) when a chat model is configured.
    pub summaries: String,
    /// One line per committed group, in order.
    pub progress: Vec<String>,
}

#[tool_router(router = memory_consolidate_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "memory_consolidate",
        description = "Consolidate the workspace's memory now: group related episodes into traces, traces into categories, and update the domain profiles, so memory_search finds summaries as well as single notes. It also runs on its own every few additions.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            open_world_hint = false
        )
    )]
    async fn memory_consolidate(
        &self,
        Parameters(args): Parameters<MemoryConsolidateArgs>,
    ) -> Result<Json<MemoryConsolidateResult>, ToolError> {
        let MemoryConsolidateArgs {} = args?;
        let shared = self.shared.clone();
        let (report, progress) = blocking(move || {
            shared.with_memory(|store| {
                let mut progress = Vec::new();
                let report = store.consolidate(&mut |line| progress.push(line.to_string()))?;
                Ok((report, progress))
            })
        })
        .await?;
        Ok(Json(MemoryConsolidateResult {
            episodes_consolidated: report.episodes_consolidated as u64,
            traces_created: report.traces_created as u64,
            traces_extended: report.traces_extended as u64,
            categories_created: report.categories_created as u64,
            categories_extended: report.categories_extended as u64,
            domains_updated: report.domains_updated as u64,
            skipped_busy: report.skipped_busy,
            summaries: match &report.model_summaries {
                Some(tally) => format!(
                    "{}: {} written by the model, {} fell back to extractive{}",
                    report.summarizer,
                    tally.by_model,
                    tally.fell_back,
                    tally
                        .last_fallback_reason
                        .as_deref()
                        .map(|why| format!(" (last: {why})"))
                        .unwrap_or_default()
                ),
                None => report.summarizer.clone(),
            },
            progress,
        }))
    }
}
