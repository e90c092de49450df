//! Starting an RLM run from a workspace's configuration, for every face (`rlm ask`, the
//! editor's "Ask RLM", `rlm scan --triage`'s model): the models, budgets, sandbox policy and
//! loop options from `[rlm]`, `[providers]` and `[sandbox]` (with the environment's
//! `RLM_MODEL` / `RLM_SUB_MODEL`), the face's overrides on top, and a question focused on an
//! editor selection. [`prepare_request`] builds the whole request for a face; [`prepare_models`]
//! stops short of the sandbox for faces that run no generated code; [`open_workspace_memory`]
//! opens a workspace's memory store with its models for every face. The loop itself is
//! [`crate::rlm::ask`].

mod memory;
mod request;
mod retrieval_only;

pub use memory::{MemoryNeeds, WorkspaceMemory, open_workspace_memory};
pub use request::{
    AskMemory, AskScope, AskSetup, PreparedAsk, built_index, loop_retrieval, prepare_request,
    sandbox_helper,
};
pub use retrieval_only::{
    DEFAULT_PASSAGES, RETRIEVAL_ONLY_NOTE, RetrievalAnswer, RetrievalQuestion,
    answer_from_retrieval,
};

use crate::config::{ConfigError, LoadedConfig};
use crate::memory::{MemoryConfig, MemoryError, MemoryStore, StoreOptions, recall_for_prompt};
use crate::providers::{
    ApiKey, ChatModel, ProviderError, ProvidersConfig, ResponseCache, build_model,
};
use crate::rlm::{Budgets, LoopOptions, MemoryRecall, Models, RlmConfig};
use crate::sandbox::{SandboxConfig, SandboxError, SandboxPolicy};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Why a run cannot start.
#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error(
        "no model configured for RLM questions: set RLM_MODEL (e.g. openai:gpt-4o-mini with OPENAI_API_KEY, or ollama:qwen3:8b) in the environment the editor starts rlm from, or [rlm] root in rlm.toml, or the editor's rlm model setting. See docs/providers.md"
    )]
    NoModel,
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Provider(#[from] ProviderError),
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
    #[error("workspace memory: {0}")]
    Memory(#[from] MemoryError),
    #[error("{0}")]
    Setup(String),
}

/// The most root iterations a face may ask for: a run that needs more is stuck, and every face
/// (a flag, an editor setting, an agent's argument) is held to the same bound.
pub const MAX_ITERATIONS: u32 = 200;

/// A face's settings over the configuration; `None` (or `false`) keeps the configured value.
#[derive(Debug, Clone, Default)]
pub struct AskOverrides {
    pub root: Option<String>,
    pub sub: Option<String>,
    /// Clamped to `1..=`[`MAX_ITERATIONS`].
    pub max_iterations: Option<u32>,
    pub max_depth: Option<u32>,
    pub max_subcalls: Option<u32>,
    /// Ignored unless finite and positive.
    pub max_cost_usd: Option<f64>,
    pub max_tokens: Option<u64>,
    pub max_wall: Option<Duration>,
    /// Neither read nor write the response cache, whatever `[rlm] cache` says.
    pub no_cache: bool,
    /// Run where a kernel sandbox layer is missing, whatever `[sandbox]` says.
    pub allow_weak_sandbox: bool,
}

/// Everything an [`crate::rlm::AskRequest`] needs besides the question, context and token.
pub struct Prepared {
    pub models: Models,
    pub budgets: Budgets,
    pub sandbox: SandboxPolicy,
    pub options: LoopOptions,
    /// Keys written in config files, redacted from traces like environment keys.
    pub secrets: Vec<ApiKey>,
}

/// [`Prepared`] without the sandbox policy: what a face that calls the model but runs no
/// generated code needs.
pub struct PreparedModels {
    pub models: Models,
    pub budgets: Budgets,
    pub options: LoopOptions,
    /// Keys written in config files, redacted from traces like environment keys.
    pub secrets: Vec<ApiKey>,
}

/// Builds the models, budgets, sandbox policy and options for a run. `helper` is the `rlm`
/// binary, which the sandbox starts as its confined helper.
pub fn prepare(
    loaded: &LoadedConfig,
    helper: &Path,
    overrides: &AskOverrides,
) -> Result<Prepared, PrepareError> {
    let mut sandbox: SandboxConfig = loaded.section("sandbox")?;
    sandbox.allow_weak_sandbox |= overrides.allow_weak_sandbox;
    let PreparedModels {
        models,
        budgets,
        options,
        secrets,
    } = prepare_models(loaded, overrides)?;
    Ok(Prepared {
        models,
        budgets,
        sandbox: SandboxPolicy::from_config(&sandbox, helper)?,
        options,
        secrets,
    })
}

/// Builds the models, budgets and options for a run, and no sandbox policy (which probes the
/// kernel and the Python interpreter).
pub fn prepare_models(
    loaded: &LoadedConfig,
    overrides: &AskOverrides,
) -> Result<PreparedModels, PrepareError> {
    let rlm: RlmConfig = loaded.section("rlm")?;
    let providers: ProvidersConfig = loaded.section("providers")?;
    let root_spec = overrides
        .root
        .clone()
        .or_else(|| rlm.root_model())
        .ok_or(PrepareError::NoModel)?;
    let sub_spec = overrides.sub.clone().or_else(|| rlm.sub_model());
    let cache = if overrides.no_cache {
        None
    } else {
        response_cache(&rlm)?
    };
    let root = build_model(&root_spec, &providers, cache.clone())?;
    let sub: Arc<dyn ChatModel> = match &sub_spec {
        Some(spec) if *spec != root_spec => build_model(spec, &providers, cache)?,
        _ => Arc::clone(&root),
    };
    let mut budgets = rlm.budgets();
    if let Some(n) = overrides.max_iterations {
        budgets.max_iterations = n.clamp(1, MAX_ITERATIONS);
    }
    if let Some(n) = overrides.max_depth {
        budgets.max_depth = n;
    }
    if let Some(n) = overrides.max_subcalls {
        budgets.max_subcalls = n;
    }
    if let Some(usd) = overrides.max_cost_usd.filter(|u| u.is_finite() && *u > 0.0) {
        budgets.max_cost_usd = Some(usd);
    }
    if let Some(n) = overrides.max_tokens {
        budgets.max_tokens = Some(n);
    }
    if let Some(wall) = overrides.max_wall {
        budgets.max_wall = Some(wall);
    }
    Ok(PreparedModels {
        models: Models { root, sub },
        budgets,
        options: rlm.loop_options(),
        secrets: providers
            .endpoints
            .values()
            .filter_map(|e| e.api_key.clone())
            .map(ApiKey::new)
            .collect(),
    })
}

/// The response cache `[rlm] cache` / `cache_path` ask for; `None` when it is off or there is
/// no cache folder.
fn response_cache(rlm: &RlmConfig) -> Result<Option<Arc<ResponseCache>>, PrepareError> {
    if rlm.cache == Some(false) {
        return Ok(None);
    }
    match rlm.cache_path.clone().or_else(ResponseCache::default_path) {
        Some(path) => Ok(Some(Arc::new(ResponseCache::open(&path)?))),
        None => Ok(None),
    }
}

/// The configured root model (`[rlm] root`, `RLM_MODEL`) with the response cache, for the
/// engine's single-call uses of a model outside the loop (memory summaries and contradiction
/// judgements), and the `[rlm] max_cost_usd` cap; `None` when no model is configured. Unlike
/// [`prepare`] it needs no sandbox: no generated code runs.
pub fn configured_model(loaded: &LoadedConfig) -> Result<Option<ConfiguredModel>, PrepareError> {
    let rlm: RlmConfig = loaded.section("rlm")?;
    let providers: ProvidersConfig = loaded.section("providers")?;
    let Some(spec) = rlm.root_model() else {
        return Ok(None);
    };
    let cache = response_cache(&rlm)?;
    Ok(Some(ConfiguredModel {
        model: build_model(&spec, &providers, cache)?,
        max_cost_usd: rlm.budgets().max_cost_usd,
    }))
}

/// The model of [`configured_model`] and the money it may spend.
pub struct ConfiguredModel {
    pub model: Arc<dyn ChatModel>,
    pub max_cost_usd: Option<f64>,
}

/// The memories `agent` (default `[memory] agent`) may read that match `question`, for the
/// loop's `memory` variable: `None` when the workspace has no memory store yet (none is
/// created) or `[memory] ask_recall = 0`. Ranked with the embedding model when it is installed,
/// BM25 alone otherwise (the recall says which).
pub fn recall_memory(
    root: &Path,
    loaded: &LoadedConfig,
    agent: Option<&str>,
    question: &str,
) -> Result<Option<MemoryRecall>, PrepareError> {
    let config: MemoryConfig = loaded.section("memory")?;
    if config.ask_recall == 0 {
        return Ok(None);
    }
    let options = StoreOptions::for_workspace(root, &config)?;
    if !options.path.exists() {
        return Ok(None);
    }
    let memory = open_workspace_memory(
        root,
        loaded,
        MemoryNeeds {
            embedder: true,
            model: false,
        },
    )?;
    Ok(recall_from_store(&memory.store, &config, agent, question)?)
}

/// [`recall_memory`] from a store that is already open (the MCP server keeps one).
pub fn recall_from_store(
    store: &MemoryStore,
    config: &MemoryConfig,
    agent: Option<&str>,
    question: &str,
) -> Result<Option<MemoryRecall>, MemoryError> {
    if config.ask_recall == 0 {
        return Ok(None);
    }
    let agent = agent.unwrap_or(&config.agent).to_string();
    let (mode, items) = recall_for_prompt(store, &agent, question, config.ask_recall)?;
    Ok(Some(MemoryRecall {
        agent,
        retrieval: mode.to_string(),
        items,
    }))
}

/// A selection in a file the question is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// Workspace-relative path (or the file's own path outside the workspace).
    pub path: String,
    /// 1-based, inclusive.
    pub start_line: usize,
    pub end_line: usize,
    pub text: String,
}

/// The question with the selection it is about, so the model starts from the right place in
/// the workspace context (which holds the whole file under its `# === FILE:` header).
pub fn focused_question(question: &str, focus: Option<&Focus>) -> String {
    let Some(focus) = focus else {
        return question.trim().to_string();
    };
    let lines = if focus.start_line == focus.end_line {
        format!("line {}", focus.start_line)
    } else {
        format!("lines {}-{}", focus.start_line, focus.end_line)
    };
    format!(
        "{}\n\nThe question is about this selection, {lines} of `{}` (the whole file is in the context under `# === FILE: {}`):\n```\n{}\n```",
        question.trim(),
        focus.path,
        focus.path,
        focus.text.trim_end()
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn focused_question_names_the_file_lines_and_selection() {
        let focus = Focus {
            path: "src/app.py".into(),
            start_line: 3,
            end_line: 4,
            text: "def f():\n    return 1\n".into(),
        };
        assert_eq!(
            focused_question(" What does f return? ", Some(&focus)),
            "What does f return?\n\nThe question is about this selection, lines 3-4 of `src/app.py` (the whole file is in the context under `# === FILE: src/app.py`):\n```\ndef f():\n    return 1\n```"
        );
        assert_eq!(focused_question("Why?", None), "Why?");
    }

    #[test]
    fn prepare_without_a_model_says_how_to_configure_one() {
        let loaded = crate::config::Config::load_files(&[]).unwrap();
        // RLM_MODEL from the environment would configure one; the test runs without it.
        if std::env::var_os("RLM_MODEL").is_some() {
            return;
        }
        let err = prepare(&loaded, Path::new("/bin/true"), &AskOverrides::default())
            .err()
            .expect("no model");
        assert!(err.to_string().starts_with("no model configured"), "{err}");
    }
}
