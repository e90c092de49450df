//! The Recursive Language Model loop (arXiv 2512.24601): a root model answers a question about
//! a context far larger than its window by writing Python in a sandboxed REPL where the context
//! is a variable, delegating reading to sub-model calls, and finishing with `FINAL(...)`.
//!
//! The root model never receives the context: its system prompt describes it (type, size,
//! parts; for a workspace, the file list with sizes) and each turn it sees only what its own
//! code printed, truncated. The loop (`run`) extracts ```` ```repl ```` / ```` ```python ````
//! blocks ([`extract`]), runs them in a [`crate::sandbox::Repl`], answers the REPL's host calls
//! (`host`: `llm_query`, `llm_query_batched` bounded by `max_parallel`, `rlm_query` starting a
//! child loop one level deeper, `retrieve`), and stops on a final answer or when a budget
//! ([`budget`]) is spent, returning the best partial answer with the reason. Every step is a
//! [`TraceRecord`] given to an [`Observer`] (the JSONL trace file, the `-v` console view, an
//! LSP progress report) with secrets redacted ([`trace`]).
//!
//! The faces call one function, [`ask`], with an [`AskRequest`]; cancellation is a
//! [`CancellationToken`] the caller keeps (Ctrl-C in the CLI, `$/cancelRequest` in LSP,
//! `notifications/cancelled` in MCP) and shows up as [`StopReason::Cancelled`], not an error.
//! This module knows nothing of terminals or protocols.

pub mod budget;
pub mod config;
pub mod describe;
pub mod extract;
mod host;
pub mod prompts;
pub mod repl;
mod run;
pub mod trace;

pub use budget::Budgets;
pub use config::RlmConfig;
pub use repl::{LoopRepl, ReplStarter, SandboxRepls};
pub use tokio_util::sync::CancellationToken;
pub use trace::{JsonlTrace, TraceEvent, TraceRecord};

use crate::context::ContextError;
use crate::providers::{ApiKey, ChatModel, ProviderError};
use crate::sandbox::{SandboxError, SandboxPolicy};
use crate::workspace::ListOptions;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// What the question is about.
#[derive(Debug, Clone)]
pub enum ContextSource {
    /// A workspace, rendered as `rlm context` prints it; `index_dir` (when indexed) serves
    /// `retrieve()`.
    Workspace {
        root: PathBuf,
        list: ListOptions,
        index_dir: Option<PathBuf>,
    },
    /// Any text file (logs, contracts, dumps).
    File(PathBuf),
    /// Text in memory (a child RLM's context, an editor buffer).
    Text(String),
}

/// The models of a run: the root writes code, the sub model answers `llm_query`.
#[derive(Clone)]
pub struct Models {
    pub root: Arc<dyn ChatModel>,
    pub sub: Arc<dyn ChatModel>,
}

impl std::fmt::Debug for Models {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Models")
            .field("root", &self.root.name())
            .field("sub", &self.sub.name())
            .finish()
    }
}

/// One question for the loop.
#[derive(Debug, Clone)]
pub struct AskRequest {
    pub question: String,
    pub context: ContextSource,
    pub models: Models,
    pub budgets: Budgets,
    /// The sandbox every REPL of the run (root and children) starts from.
    pub sandbox: SandboxPolicy,
    /// Generation settings and output limits.
    pub options: LoopOptions,
    /// Cancel to stop the run: in-flight model calls are dropped, the REPL step is abandoned at
    /// its next host call, and the result says `Cancelled` with the best partial answer.
    pub cancel: CancellationToken,
    /// Keys from config files (environment keys are found on their own): their exact values
    /// are redacted from everything recorded, wherever they show up.
    pub secrets: Vec<ApiKey>,
    /// Memories recalled for the question (H-MEM), set as the root REPL's `memory` variable
    /// before the first step and announced in the system prompt; `None`: no `memory` variable.
    pub memory: Option<MemoryRecall>,
    /// The retriever behind `retrieve()` for an indexed workspace context; `None` where the
    /// context has no index (or the caller has no retriever: `retrieve()` then uses BM25 over
    /// the index, saying so).
    pub retrieval: Option<LoopRetrieval>,
}

/// The retrieval a run uses: one retriever for every `retrieve()` call of the run (its models
/// load once), and the size above which the root prompt offers it first.
#[derive(Debug, Clone)]
pub struct LoopRetrieval {
    /// The configured retriever, or why it could not be set up (`retrieve()` then uses BM25
    /// over the index and passes the reason on).
    pub retriever: Result<Arc<crate::retrieval::Retriever>, String>,
    /// `[retrieval] infiniretri_threshold`: context bytes above which the root prompt offers
    /// `retrieve()` first.
    pub first_above: u64,
}

/// What the root REPL's `memory` holds: the memories one agent may read that matched the
/// question, already decrypted and filtered by the store's access control. Plain data: the loop
/// never holds the store, so code the model writes cannot reach other zones or agents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemoryRecall {
    /// The agent the memories were recalled as.
    pub agent: String,
    /// How they were ranked (BM25 only, or hybrid with the embedding model).
    pub retrieval: String,
    pub items: Vec<crate::memory::RecalledMemory>,
}

impl MemoryRecall {
    /// The value of the REPL variable: a list of dicts with `level`, `zone`, `kind`, `text`,
    /// `score`, `updated_at` (unix ms) and `fact` (`{"key", "value"}` or `None`).
    pub fn repl_value(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.items
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "level": m.level,
                        "zone": m.zone,
                        "kind": m.kind,
                        "text": m.text,
                        "score": m.score,
                        "updated_at": m.updated_at,
                        "fact": m.fact,
                    })
                })
                .collect(),
        )
    }
}

/// Knobs of the loop that are not budgets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoopOptions {
    /// Characters of REPL output fed back to the root model per block; the rest is cut with a
    /// note (the sandbox has already cut at its own byte limit).
    pub max_output_chars: usize,
    /// Characters a sub-model is told it can read at once (only a hint in the prompt).
    pub sub_window_chars: usize,
    /// Max tokens of one root reply.
    pub root_max_tokens: u32,
    /// Max tokens of one sub-call reply.
    pub sub_max_tokens: u32,
    pub temperature: Option<f32>,
    /// Files listed in a workspace's description before "and N more".
    pub max_listed_files: usize,
}

impl Default for LoopOptions {
    fn default() -> Self {
        LoopOptions {
            max_output_chars: 20_000,
            sub_window_chars: 400_000,
            root_max_tokens: 4096,
            sub_max_tokens: 4096,
            temperature: Some(0.0),
            max_listed_files: 300,
        }
    }
}

/// Why a run ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// `FINAL(value)` or `FINAL_VAR(name)` ran in code.
    Final,
    /// `answer["ready"] = True`.
    AnswerReady,
    /// A `FINAL(...)` written in prose, accepted as a fallback.
    ProseFinal,
    MaxIterations,
    MaxCost,
    MaxTokens,
    MaxSubcalls,
    WallTime,
    Cancelled,
}

impl StopReason {
    /// Whether the model itself finished (as opposed to a budget or the user stopping it).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            StopReason::Final | StopReason::AnswerReady | StopReason::ProseFinal
        )
    }

    /// A sentence for people.
    pub fn describe(&self, budgets: &Budgets) -> String {
        match self {
            StopReason::Final => "the model finished with FINAL".into(),
            StopReason::AnswerReady => "the model finished with answer[\"ready\"]".into(),
            StopReason::ProseFinal => {
                "the model wrote FINAL(...) in prose (accepted as a fallback)".into()
            }
            StopReason::MaxIterations => format!(
                "iteration budget spent (max_iterations = {}); the answer is the model's best so far",
                budgets.max_iterations
            ),
            StopReason::MaxCost => format!(
                "cost budget spent (max_cost = ${:.4}); the answer is partial",
                budgets.max_cost_usd.unwrap_or(0.0)
            ),
            StopReason::MaxTokens => format!(
                "token budget spent (max_tokens = {}); the answer is partial",
                budgets.max_tokens.unwrap_or(0)
            ),
            StopReason::MaxSubcalls => format!(
                "sub-call budget spent (max_subcalls = {}); the answer is partial",
                budgets.max_subcalls
            ),
            StopReason::WallTime => format!(
                "wall-time budget spent ({} s); the answer is partial",
                budgets.max_wall.map(|d| d.as_secs()).unwrap_or(0)
            ),
            StopReason::Cancelled => "cancelled; the answer is partial".into(),
        }
    }
}

/// The outcome of [`ask`].
#[derive(Debug, Clone, Serialize)]
pub struct AskResult {
    /// The final answer, or the best partial answer when a budget stopped the run (empty when
    /// there is none).
    pub answer: String,
    pub stop_reason: StopReason,
    /// Root iterations (of the top-level loop).
    pub iterations: u32,
    /// Sub-calls across the whole tree (`llm_query` prompts and `rlm_query` children).
    pub subcalls: u32,
    /// Deepest level reached (0: the root only).
    pub max_depth_reached: u32,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost_usd: f64,
    /// False when some model had no known price (its calls count as $0).
    pub cost_known: bool,
    pub elapsed_ms: u64,
    /// Time spent waiting for models; `elapsed_ms - model_ms` is the engine's own time.
    pub model_ms: u64,
    pub root_model: String,
    pub sub_model: String,
    pub prompt_version: &'static str,
    /// Every step, as the observer saw it.
    pub trace: Vec<TraceRecord>,
}

/// Errors that prevent a run (budgets and cancellation are [`StopReason`]s, not errors).
#[derive(Debug, thiserror::Error)]
pub enum RlmError {
    #[error(transparent)]
    Provider(#[from] ProviderError),
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
    #[error("cannot render the workspace as context: {0}")]
    Context(#[from] ContextError),
    #[error("cannot read the context file {path}: {source}")]
    ContextFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the question is empty: say what you want to know")]
    EmptyQuestion,
    #[error("the RLM loop stopped unexpectedly: {0}")]
    Internal(String),
}

/// Receives every step as it happens. Implementations must be quick (they run on the loop's
/// thread) and must not fail the run: a trace file that cannot be written logs a warning.
pub trait Observer: Send + Sync {
    fn on_event(&self, record: &TraceRecord);
}

/// An observer that ignores everything.
pub struct NoObserver;

impl Observer for NoObserver {
    fn on_event(&self, _record: &TraceRecord) {}
}

/// Several observers at once (a trace file and the console).
pub struct Observers(pub Vec<Arc<dyn Observer>>);

impl Observer for Observers {
    fn on_event(&self, record: &TraceRecord) {
        for observer in &self.0 {
            observer.on_event(record);
        }
    }
}

/// Answers `request.question` about `request.context`. Runs the loop on a blocking thread of
/// the current tokio runtime (the REPL is synchronous); model calls go back to the runtime.
pub async fn ask(request: AskRequest, observer: Arc<dyn Observer>) -> Result<AskResult, RlmError> {
    ask_with(request, observer, Arc::new(SandboxRepls)).await
}

/// [`ask`] with the REPLs `repls` starts instead of the sandboxed Python REPL: a scripted twin
/// tests the loop's own logic where no kernel sandbox exists.
pub async fn ask_with(
    request: AskRequest,
    observer: Arc<dyn Observer>,
    repls: Arc<dyn ReplStarter>,
) -> Result<AskResult, RlmError> {
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || run::run_root(handle, request, observer, repls))
        .await
        .map_err(|e| RlmError::Internal(e.to_string()))?
}

/// Runs `ask` to completion on a fresh multi-threaded runtime, for callers without one.
pub fn ask_blocking(
    request: AskRequest,
    observer: Arc<dyn Observer>,
) -> Result<AskResult, RlmError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(ask(request, observer))
}

/// Default wall-time budget when none is configured.
pub const DEFAULT_WALL: Duration = Duration::from_secs(30 * 60);

#[cfg(test)]
mod loop_tests;
