//! [`open_workspace_memory`]: a workspace's memory store with the models it works with, opened
//! one way for every face (`rlm memory`, the MCP memory tools, the loop's recall). The
//! embedding model ranks and embeds when it is installed (BM25 alone otherwise); the chat
//! model (`[rlm] root`, `RLM_MODEL`) writes summaries and judges contradictions unless
//! `[memory] use_model = false`, bounded by `[memory] model_max_calls` / `model_max_tokens`
//! and `[rlm] max_cost_usd`.

use super::{PrepareError, configured_model};
use crate::config::LoadedConfig;
use crate::memory::{
    MemoryConfig, MemoryModel, MemoryStore, ModelBudget, StoreOptions, installed_embedder,
};
use crate::models::ModelsConfig;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which models the caller's work needs besides the store (loading one costs time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryNeeds {
    /// The embedding model: to embed what is written, or to rank with it.
    pub embedder: bool,
    /// The chat model: summaries and contradiction judgements.
    pub model: bool,
}

/// An open store and what it was opened with.
pub struct WorkspaceMemory {
    pub store: MemoryStore,
    pub config: MemoryConfig,
    /// The key file in use; `None` when the key comes from `RLM_MEMORY_KEY`.
    pub key_file: Option<PathBuf>,
    /// Why no chat model writes summaries or judges contradictions (`None`: one does, or it
    /// was not asked for).
    pub no_model: Option<String>,
}

/// Opens (creating on first use) the memory store of the workspace at `root`. A chat model
/// that is configured but cannot be built does not stop the store from opening: memory falls
/// back to extractive summaries and the key/value rule, and `no_model` says why.
pub fn open_workspace_memory(
    root: &Path,
    loaded: &LoadedConfig,
    needs: MemoryNeeds,
) -> Result<WorkspaceMemory, PrepareError> {
    let config: MemoryConfig = loaded.section("memory")?;
    let options = StoreOptions::for_workspace(root, &config)?;
    let key_file = options.key_file().map(PathBuf::from);
    let mut store = MemoryStore::open(options)?;
    if needs.embedder {
        let models: ModelsConfig = loaded.section("models")?;
        if let Some(embedder) = installed_embedder(&models) {
            store = store.with_embedder(embedder);
        }
    }
    let mut no_model = None;
    if needs.model {
        match chat_model(loaded, &config) {
            Ok(Some(model)) => store = store.with_model(model),
            Ok(None) if !config.use_model => no_model = Some("[memory] use_model = false".into()),
            Ok(None) => no_model = Some("no model configured: set RLM_MODEL or [rlm] root".into()),
            Err(e) => {
                tracing::warn!("memory without a model (extractive summaries, rule only): {e}");
                no_model = Some(format!("the configured model cannot be used: {e}"));
            }
        }
    }
    Ok(WorkspaceMemory {
        store,
        config,
        key_file,
        no_model,
    })
}

/// The chat model memory uses, or `None` when it is off or none is configured.
fn chat_model(
    loaded: &LoadedConfig,
    config: &MemoryConfig,
) -> Result<Option<Arc<MemoryModel>>, PrepareError> {
    if !config.use_model {
        return Ok(None);
    }
    let Some(configured) = configured_model(loaded)? else {
        return Ok(None);
    };
    let model = MemoryModel::new(
        configured.model,
        ModelBudget {
            max_calls: config.model_max_calls,
            max_tokens: config.model_max_tokens,
            max_cost_usd: configured.max_cost_usd,
        },
    )
    .map_err(|e| PrepareError::Setup(format!("cannot start the memory model: {e}")))?;
    Ok(Some(Arc::new(model)))
}
