//! `ask_codebase`: the RLM loop over the workspace (or a folder or file of it). A root model
//! explores the code by writing Python in the sandbox, with sub-model calls, and answers; the
//! run streams progress notifications, stops when the client cancels the request, and saves
//! its trace as a resource (`rlm-trace://ID`).

use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, Shared, blocking};
use rlm_engine::ask::{
    AskMemory, AskOverrides, AskScope, AskSetup, DEFAULT_PASSAGES, PrepareError, RetrievalAnswer,
    RetrievalQuestion, answer_from_retrieval, prepare_request,
};
use rlm_engine::files::confine;
use rlm_engine::rlm::trace::summary_line;
use rlm_engine::rlm::{AskRequest, JsonlTrace, Observer, Observers, TraceRecord, ask};
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
    /// The saved trace: read it as the resource rlm-trace://TRACE_ID (empty for a
    /// retrieval-only answer, which runs no loop).
    pub trace_id: String,
    /// Set when no model is configured: the answer is retrieval only, and this says so and
    /// how the user configures a model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// With no model configured: the passages that best match the question, best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passages: Option<Vec<RetrievedPassage>>,
}

/// One passage of a retrieval-only answer.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RetrievedPassage {
    /// Relative to the workspace root.
    pub path: String,
    pub start_line: u64,
    pub end_line: u64,
    /// The passage's lines.
    pub text: String,
}

/// What `prepare` leads to: a run of the loop, or, with no model configured, an answer from
/// retrieval.
enum Prepared {
    Run(Box<AskRequest>),
    RetrievalOnly(RetrievalAnswer),
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

/// The tool's arguments as the engine's setup; the request itself is the engine's
/// ([`prepare_request`]), built the same way for the CLI and the editor.
fn scope(shared: &Shared, args: &AskCodebaseArgs) -> Result<AskScope, ToolError> {
    if args.question.trim().is_empty() {
        return Err(ToolError::new(
            "the question is empty: say what you want to know",
        ));
    }
    super::check_length("question", &args.question, 20_000)?;
    if let Some(usd) = args.max_cost_usd
        && !(usd.is_finite() && usd > 0.0)
    {
        return Err(ToolError::new(
            "max_cost_usd must be a positive number of US dollars, e.g. 0.5",
        ));
    }
    Ok(match args.path.as_deref().map(str::trim) {
        None | Some("") | Some(".") => AskScope::Workspace {
            root: shared.root.clone(),
            settings: shared.settings.clone(),
        },
        Some(path) => {
            let confined = confine(&shared.root, path)?;
            if confined.abs_path.is_dir() {
                AskScope::Folder {
                    root: confined.abs_path,
                    list: shared.settings.list.clone(),
                }
            } else {
                AskScope::File(confined.abs_path)
            }
        }
    })
}

/// The engine's reasons a run cannot start, in words for the agent.
fn prepare_error(error: PrepareError) -> ToolError {
    match error {
        PrepareError::NoModel => no_model(),
        PrepareError::Sandbox(e) => ToolError::new(format!(
            "the sandbox cannot run on this machine ({e}); `rlm doctor` shows which layer is missing"
        )),
        PrepareError::Provider(e) => ToolError::new(format!("the model is misconfigured: {e}")),
        other => ToolError::new(other.to_string()),
    }
}

/// The tool's arguments as the engine's setup, with the memories from `memory`.
fn setup<'a>(
    shared: &'a Shared,
    args: &AskCodebaseArgs,
    scope: &AskScope,
    retriever: &Option<Arc<rlm_engine::retrieval::Retriever>>,
    cancel: &CancellationToken,
    memory: AskMemory<'a>,
) -> AskSetup<'a> {
    AskSetup {
        question: args.question.clone(),
        scope: scope.clone(),
        loaded: &shared.loaded,
        overrides: AskOverrides {
            max_iterations: args.max_iterations,
            max_cost_usd: args.max_cost_usd,
            ..AskOverrides::default()
        },
        memory,
        retriever: retriever.clone(),
        helper: shared.sandbox_helper.clone(),
        cancel: cancel.clone(),
    }
}

/// Builds the request on the blocking pool (the sandbox probe and the memory store block):
/// the workspace's memories come from the server's open store, the retriever is the server's
/// own (its models stay loaded between calls).
fn prepare(
    shared: &Arc<Shared>,
    args: AskCodebaseArgs,
    cancel: CancellationToken,
) -> Result<Prepared, ToolError> {
    let scope = scope(shared, &args)?;
    let retriever = match &scope {
        AskScope::Workspace { .. } => shared
            .retriever()
            .map_err(|e| tracing::info!("ask_codebase without the server's retriever: {e}"))
            .ok(),
        _ => None,
    };
    let with_memory = matches!(scope, AskScope::Workspace { .. }) && shared.memory_exists();
    let prepared = match with_memory {
        true => shared
            .with_memory(|store| {
                Ok(prepare_request(setup(
                    shared,
                    &args,
                    &scope,
                    &retriever,
                    &cancel,
                    AskMemory::Store(store),
                )))
            })
            .unwrap_or_else(|e| {
                // A store that cannot be opened costs the run its memories, not its answer.
                tracing::warn!("asking without workspace memories: {}", e.0);
                prepare_request(setup(
                    shared,
                    &args,
                    &scope,
                    &retriever,
                    &cancel,
                    AskMemory::Off,
                ))
            }),
        false => prepare_request(setup(
            shared,
            &args,
            &scope,
            &retriever,
            &cancel,
            AskMemory::Off,
        )),
    };
    let prepared = match prepared {
        Ok(prepared) => prepared,
        Err(PrepareError::NoModel) => {
            return retrieval_only(shared, &args, retriever).map(Prepared::RetrievalOnly);
        }
        Err(e) => return Err(prepare_error(e)),
    };
    if let Some(warning) = &prepared.memory_warning {
        tracing::warn!("asking without workspace memories: {warning}");
    }
    Ok(Prepared::Run(Box::new(prepared.request)))
}

/// The answer without a model: the passages of the workspace (or of the folder or file the
/// question is about) that retrieval ranks best.
fn retrieval_only(
    shared: &Arc<Shared>,
    args: &AskCodebaseArgs,
    retriever: Option<Arc<rlm_engine::retrieval::Retriever>>,
) -> Result<RetrievalAnswer, ToolError> {
    let path_glob = match args.path.as_deref().map(str::trim) {
        None | Some("") | Some(".") => None,
        Some(path) => {
            let confined = confine(&shared.root, path)?;
            Some(if confined.abs_path.is_dir() {
                format!("{}/**", confined.rel_path.trim_end_matches('/'))
            } else {
                confined.rel_path
            })
        }
    };
    let retriever = match retriever {
        Some(retriever) => Some(retriever),
        None => shared.retriever().ok(),
    };
    answer_from_retrieval(RetrievalQuestion {
        root: &shared.root,
        settings: &shared.settings,
        loaded: &shared.loaded,
        question: &args.question,
        path_glob,
        k: DEFAULT_PASSAGES,
        retriever,
    })
    .map_err(prepare_error)
}

/// A retrieval-only answer as the tool's result: the passages as text in `answer` too, for
/// clients that read only that.
fn retrieval_result(answer: RetrievalAnswer) -> AskCodebaseResult {
    AskCodebaseResult {
        answer: answer.markdown(40),
        stop_reason: "retrieval_only".into(),
        complete: false,
        iterations: 0,
        subcalls: 0,
        cost_usd: 0.0,
        cost_known: true,
        input_tokens: 0,
        output_tokens: 0,
        elapsed_ms: 0,
        root_model: String::new(),
        trace_id: String::new(),
        note: Some(format!("{} {}", answer.note, answer.method_line())),
        passages: Some(
            answer
                .passages
                .into_iter()
                .map(|p| RetrievedPassage {
                    path: p.path.unwrap_or_default(),
                    start_line: p.start_line as u64,
                    end_line: p.end_line as u64,
                    text: p.text,
                })
                .collect(),
        ),
    }
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
        description = "Ask a question about the whole codebase (or one folder or file of it) and get an answer researched by a Recursive Language Model: a model that reads the code through a Python sandbox and sub-model calls, so the codebase never has to fit in your context. Use it for questions that span many files (\"how does a request get authenticated end to end?\", \"where could this value be null?\"). It takes tens of seconds to minutes and costs model tokens; it sends progress notifications, and cancelling the request stops the run. Returns the answer, cost, iterations and a trace id (resource rlm-trace://ID). Where the server has no model configured it answers from retrieval instead: stop_reason retrieval_only, the best-matching passages with paths and lines, and a note.",
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
        let (prepare_shared, run_cancel) = (shared.clone(), cancel.clone());
        let request = match blocking(move || prepare(&prepare_shared, args, run_cancel)).await? {
            Prepared::Run(request) => *request,
            Prepared::RetrievalOnly(answer) => return Ok(Json(retrieval_result(answer))),
        };
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
            note: None,
            passages: None,
        }))
    }
}
