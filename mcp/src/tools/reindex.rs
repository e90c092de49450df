//! `reindex`: bring the index up to date (incremental), with progress notifications.

use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::index::{IndexProgress, index_workspace};
use rmcp::model::{ProgressNotificationParam, RequestMetaObject};
use rmcp::{Json, Peer, RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReindexArgs {}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ReindexResult {
    /// Files in the index after the update.
    pub files: usize,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Chunks and symbols written by this update.
    pub chunks: usize,
    pub symbols: usize,
    /// Whether the index was rebuilt from scratch.
    pub rebuilt: bool,
    /// Files left out, by reason (binary, too_large, symlink, excluded, ...).
    pub skipped: BTreeMap<String, usize>,
    pub warnings: Vec<String>,
    pub elapsed_ms: u64,
}

/// Engine progress events, forwarded from the blocking pool to the async side.
enum Event {
    Reading(usize),
    FileDone,
}

struct ChannelProgress(UnboundedSender<Event>);

impl IndexProgress for ChannelProgress {
    fn reading(&self, files: usize) {
        let _ = self.0.send(Event::Reading(files));
    }
    fn file_done(&self) {
        let _ = self.0.send(Event::FileDone);
    }
}

#[tool_router(router = reindex_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "reindex",
        description = "Update the workspace index after files changed (incremental: only changed files are re-read; the first run indexes everything). Sends progress notifications when the request carries a progress token. Call it when index_status says the index is not up to date, or when search results look stale.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn reindex(
        &self,
        Parameters(args): Parameters<ReindexArgs>,
        meta: RequestMetaObject,
        peer: Peer<RoleServer>,
    ) -> Result<Json<ReindexResult>, ToolError> {
        let ReindexArgs {} = args?;
        let shared = self.shared.clone();
        let _one_at_a_time = shared.reindex.lock().await;
        let (tx, mut rx) = unbounded_channel();
        let forward = meta.get_progress_token().map(|token| {
            tokio::spawn(async move {
                let (mut total, mut done, mut sent) = (0usize, 0usize, 0usize);
                while let Some(event) = rx.recv().await {
                    match event {
                        Event::Reading(files) => total = files,
                        Event::FileDone => done += 1,
                    }
                    // About fifty notifications per run, whatever its size.
                    if done == total || done >= sent + total.div_ceil(50).max(1) {
                        sent = done;
                        let param = ProgressNotificationParam::new(token.clone(), done as f64)
                            .with_total(total as f64)
                            .with_message(format!("indexed {done} of {total} files"));
                        if peer.notify_progress(param).await.is_err() {
                            break;
                        }
                    }
                }
            })
        });
        let work_shared = shared.clone();
        let report = blocking(move || {
            let progress = ChannelProgress(tx);
            let mut report = index_workspace(&work_shared.root, &work_shared.settings, &progress)?;
            // The embeddings retrieval reads (queries never build them); without them it falls
            // back to words, so a failure is a warning.
            let vectors = work_shared
                .retriever()
                .and_then(|r| r.build_vectors(work_shared.settings.lock_timeout));
            if let Err(e) = vectors {
                report.warnings.push(format!("embeddings not built: {e}"));
            }
            Ok(report)
        })
        .await;
        if let Some(forward) = forward {
            let _ = forward.await;
        }
        let report = report?;
        shared.forget_index();
        Ok(Json(ReindexResult {
            files: report.files,
            added: report.added,
            updated: report.updated,
            removed: report.removed,
            unchanged: report.unchanged,
            chunks: report.chunks,
            symbols: report.symbols,
            rebuilt: report.rebuilt,
            skipped: report
                .skipped
                .iter()
                .map(|(reason, n)| (reason.name().to_string(), *n))
                .collect(),
            warnings: report.warnings,
            elapsed_ms: u64::try_from(report.elapsed.as_millis()).unwrap_or(u64::MAX),
        }))
    }
}
