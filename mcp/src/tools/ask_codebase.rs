//! `ask_codebase`: the RLM loop over the workspace (or a folder or file of it). A root model
//! explores the code by writing Python in the sandbox, with sub-model calls, and answers; the
//! run streams progress notifications, stops when the client cancels the request, and saves
//! its trace as a resource (`rlm-trace://ID`).

use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, Shared, blocking};
use rlm_engine::files::confine;
use rlm_engine::providers::{ApiKey, ChatModel, ResponseCache, build_model};
use rlm_engine::rlm::trace::summary_line;
use rlm_engine::rlm::{
    AskRequest, ContextSource, JsonlTrace, Models, Observer, Observers, TraceRecord, ask,
};
use rlm_engine::sandbox::SandboxPolicy;
use rmcp::model::{ProgressNotificationParam, RequestMetaObject};
use rmcp::{Json, Peer, RoleServer, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use tokio_util::sync::CancellationToken;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AskCodebaseArgs {
    /// The question, as you would ask a colleague who can read the whole codebase, e.g.
    /// "Where are user sessions invalidated, and can a stale token still be used?"
    pub question: String,
    /// Only this folder or file, relative to the workspace root (default: the whole workspace).
    #[serde(default)]
    #[schemars(with = "String")]
    pub path: Option<String>,
    /// Most root-model turns (default from [rlm] in rlm.toml, else 20).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub max_iterations: Option<u32>,
    /// Stop when the run has cost this many US dollars.
    #[serde(default)]
    #[schemars(with = "f64")]
    pub max_cost_usd: Option<f64>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AskCodebaseResult {
    /// The answer, or the best partial answer when a budget stopped the run.
    pub answer: String,
    /// final, answer_ready, prose_final, max_iterations, max_cost, max_tokens, max_subcalls,
    /// wall_time or cancelled.
    pub stop_reason: String,
    /// Whether the model finished by itself (false: partial answer).
    pub complete: bool,
    pub iterations: u32,
    pub subcalls: u32,
    pub cost_usd: f64,
    /// False when a model had no known price (its calls count as $0).
    pub cost_known: bool,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub elapsed_ms: u64,
    pub root_model: String,
    /// The saved trace: read it as the resource rlm-trace://TRACE_ID.
    pub trace_id: String,
}

/// Forwards each step of the run to the async side, where it becomes a progress notification.
struct ProgressObserver(UnboundedSender<String>);

impl Observer for ProgressObserver {
    fn on_event(&self, record: &TraceRecord) {
        let _ = self.0.send(summary_line(record));
    }
}

fn no_model() -> ToolError {
    ToolError::new(
        "no language model is configured for ask_codebase. The user has to set one where the server runs \
(RLM_MODEL=openai:gpt-4o-mini with OPENAI_API_KEY, RLM_MODEL=ollama:qwen3:8b for a local model, or \
[rlm] root = \"...\" in rlm.toml) and restart the server. Meanwhile, answer with search_code, \
find_symbol and read_file.",
    )
}

/// Everything the run needs, built from the `[rlm]`, `[providers]` and `[sandbox]` sections.
fn prepare(
    shared: &Shared,
    args: AskCodebaseArgs,
    cancel: CancellationToken,
) -> Result<AskRequest, ToolError> {
    if args.question.trim().is_empty() {
        return Err(ToolError::new(
            "the question is empty: say what you want to know",
        ));
    }
    super::check_length("question", &args.question, 20_000)?;
    let Some(root_spec) = shared.rlm.root_model() else {
        return Err(no_model());
    };
    let cache = if shared.rlm.cache == Some(false) {
        None
    } else {
        shared
            .rlm
            .cache_path
            .clone()
            .or_else(ResponseCache::default_path)
            .and_then(|path| ResponseCache::open(&path).ok())
            .map(Arc::new)
    };
    let model_error = |e: rlm_engine::providers::ProviderError| {
        ToolError::new(format!("the model is misconfigured: {e}"))
    };
    let root = build_model(&root_spec, &shared.providers, cache.clone()).map_err(model_error)?;
    let sub: Arc<dyn ChatModel> = match shared.rlm.sub_model() {
        Some(spec) if spec != root_spec => {
            build_model(&spec, &shared.providers, cache).map_err(model_error)?
        }
        _ => Arc::clone(&root),
    };
    let Some(helper) = shared.sandbox_helper.as_deref() else {
        return Err(ToolError::new(
            "this server was started without the sandbox helper; run it as `rlm mcp`",
        ));
    };
    let sandbox = SandboxPolicy::from_config(&shared.sandbox, helper).map_err(|e| {
        ToolError::new(format!(
            "the sandbox cannot run on this machine ({e}); `rlm doctor` shows which layer is missing"
        ))
    })?;
    let context = match args.path.as_deref().map(str::trim) {
        None | Some("") | Some(".") => ContextSource::Workspace {
            root: shared.root.clone(),
            list: shared.settings.list.clone(),
            index_dir: shared
                .settings
                .dir
                .join("manifest.json")
                .exists()
                .then(|| shared.settings.dir.clone()),
        },
        Some(path) => {
            let confined = confine(&shared.root, path)?;
            if confined.abs_path.is_dir() {
                ContextSource::Workspace {
                    root: confined.abs_path,
                    list: shared.settings.list.clone(),
                    index_dir: None,
                }
            } else {
                ContextSource::File(confined.abs_path)
            }
        }
    };
    let mut budgets = shared.rlm.budgets();
    if let Some(n) = args.max_iterations {
        budgets.max_iterations = n.clamp(1, 200);
    }
    if let Some(usd) = args.max_cost_usd {
        if !(usd.is_finite() && usd > 0.0) {
            return Err(ToolError::new(
                "max_cost_usd must be a positive number of US dollars, e.g. 0.5",
            ));
        }
        budgets.max_cost_usd = Some(usd);
    }
    Ok(AskRequest {
        question: args.question,
        context,
        models: Models { root, sub },
        budgets,
        sandbox,
        options: shared.rlm.loop_options(),
        cancel,
        // Keys written in config files are redacted from the trace like environment keys.
        secrets: shared
            .providers
            .endpoints
            .values()
            .filter_map(|e| e.api_key.clone())
            .map(ApiKey::new)
            .collect(),
        // Set by the caller off the async threads (opening the store is blocking work).
        memory: None,
    })
}

/// A new trace id: milliseconds since the epoch and a random suffix, sortable by time.
fn new_trace_id() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("{millis}-{:04x}", fastrand::u16(..))
}

#[tool_router(router = ask_codebase_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "ask_codebase",
        description = "Ask a question about the whole codebase (or one folder or file of it) and get an answer researched by a Recursive Language Model: a model that reads the code through a Python sandbox and sub-model calls, so the codebase never has to fit in your context. Use it for questions that span many files (\"how does a request get authenticated end to end?\", \"where could this value be null?\"). It takes tens of seconds to minutes and costs model tokens; it sends progress notifications, and cancelling the request stops the run. Returns the answer, cost, iterations and a trace id (resource rlm-trace://ID).",
        annotations(read_only_hint = true, open_world_hint = true)
    )]
    async fn ask_codebase(
        &self,
        Parameters(args): Parameters<AskCodebaseArgs>,
        meta: RequestMetaObject,
        peer: Peer<RoleServer>,
        cancel: CancellationToken,
    ) -> Result<Json<AskCodebaseResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        let mut request = prepare(&shared, args, cancel.clone())?;
        // Memories only for the workspace itself, recalled as `[memory] agent`.
        if matches!(&request.context, ContextSource::Workspace { root, .. } if *root == shared.root)
        {
            let (recall, question) = (shared.clone(), request.question.clone());
            request.memory = blocking(move || Ok(recall.recall_memory(&question))).await?;
        }
        let trace_id = new_trace_id();
        let traces = shared.traces_dir();
        std::fs::create_dir_all(&traces).map_err(|e| {
            ToolError::new(format!(
                "cannot create the trace folder {}: {e}",
                traces.display()
            ))
        })?;
        let trace = JsonlTrace::create(&traces.join(format!("{trace_id}.jsonl")))
            .map_err(|e| ToolError::new(format!("cannot write the trace: {e}")))?;
        let (tx, mut rx) = unbounded_channel();
        let mut observers: Vec<Arc<dyn Observer>> = vec![Arc::new(trace)];
        let forward = meta.get_progress_token().map(|token| {
            observers.push(Arc::new(ProgressObserver(tx)));
            tokio::spawn(async move {
                let mut step = 0u32;
                while let Some(line) = rx.recv().await {
                    step += 1;
                    let message: String = line.trim().chars().take(300).collect();
                    let param = ProgressNotificationParam::new(token.clone(), f64::from(step))
                        .with_message(message);
                    if peer.notify_progress(param).await.is_err() {
                        break;
                    }
                }
            })
        });
        let result = ask(request, Arc::new(Observers(observers))).await;
        if let Some(forward) = forward {
            // The observer (and its sender) went with the run; drain what is left, briefly.
            let _ = tokio::time::timeout(Duration::from_secs(2), forward).await;
        }
        let result = result.map_err(|e| ToolError::new(format!("the RLM run failed: {e}")))?;
        Ok(Json(AskCodebaseResult {
            stop_reason: serde_json::to_value(&result.stop_reason)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            complete: result.stop_reason.is_final(),
            answer: result.answer,
            iterations: result.iterations,
            subcalls: result.subcalls,
            cost_usd: result.cost_usd,
            cost_known: result.cost_known,
            input_tokens: result.input_tokens,
            output_tokens: result.output_tokens,
            elapsed_ms: result.elapsed_ms,
            root_model: result.root_model,
            trace_id,
        }))
    }
}
