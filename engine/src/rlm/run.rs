//! The loop itself. `run_root` prepares the context and the shared state of a run, then
//! `run_loop` plays one RLM: system prompt with the context's description, then turns of
//! model reply → code blocks → REPL → truncated output fed back, until the code finishes
//! (`FINAL`, `FINAL_VAR`, the `answer` dict), a prose `FINAL` is accepted as a fallback, or a
//! budget ends it with the best partial answer. `rlm_query` re-enters `run_loop` one level
//! deeper from inside a REPL step (`host`); all levels share one `Shared`.
//!
//! The loop runs on a blocking thread because the REPL is synchronous; each model call goes
//! back to the tokio runtime through `Shared::chat`, raced against the cancellation token
//! and the wall-time budget.

use super::budget::Ledger;
use super::describe::{ContextKind, ContextShape, describe, describe_memory};
use super::extract::{ProseFinal, code_blocks, prose_final, without_blocks};
use super::host::Host;
use super::prompts::{self, PROMPT_VERSION, render};
use super::repl::{LoopRepl, ReplStarter};
use super::trace::{Redact, TraceEvent, TraceRecord};
use super::{
    AskRequest, AskResult, ContextSource, LoopOptions, Models, Observer, RlmError, StopReason,
};
use crate::context::write_context;
use crate::providers::{ChatModel, ChatParams, ChatRequest, ChatResponse, Message, ProviderError};
use crate::sandbox::{Finish, SandboxPolicy, StepOutcome, StepResult};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// State shared by every level of one run.
pub(crate) struct Shared {
    pub handle: tokio::runtime::Handle,
    /// Starts the REPL of each level (the sandboxed Python REPL outside tests).
    pub repls: Arc<dyn ReplStarter>,
    pub models: Models,
    pub sandbox: SandboxPolicy,
    pub options: LoopOptions,
    pub ledger: Ledger,
    pub observer: Arc<dyn Observer>,
    pub redact: Redact,
    pub records: Mutex<Vec<TraceRecord>>,
    /// The index behind `retrieve()` (workspace contexts that have one).
    pub index_dir: Option<PathBuf>,
    /// `[retrieval] infiniretri_threshold` where `retrieve()` works: above it the root prompt
    /// offers `retrieve()` first.
    pub retrieve_first_above: Option<u64>,
    /// The retriever every `retrieve()` of the run uses (or why there is none): built once by
    /// the caller, never per call.
    pub retriever: Option<Result<Arc<crate::retrieval::Retriever>, String>>,
    /// The root REPL's `memory` variable (children do not get it: their context is a part the
    /// root chose, and they can be handed memories through it).
    pub memory: Option<super::MemoryRecall>,
}

/// Why a model call gave no reply.
pub(crate) enum CallError {
    /// Cancelled or out of wall time: the run ends with this reason.
    Stopped(StopReason),
    Provider(ProviderError),
}

impl Shared {
    /// Records a step: redacted, then to the observer and the result's trace.
    pub fn emit(&self, depth: u32, event: TraceEvent) {
        let record = TraceRecord {
            t_ms: self.ledger.started.elapsed().as_millis() as u64,
            depth,
            cost_so_far_usd: self.ledger.totals().cost_usd,
            event,
        };
        let record = self.redact.record(&record);
        self.observer.on_event(&record);
        if let Ok(mut records) = self.records.lock() {
            records.push(record);
        }
    }

    /// One model call from the loop's thread, booked in the ledger.
    pub fn chat(
        &self,
        model: &Arc<dyn ChatModel>,
        request: ChatRequest,
    ) -> (Result<ChatResponse, CallError>, Duration) {
        let started = Instant::now();
        let result = self.handle.block_on(call_model(
            Arc::clone(model),
            request,
            self.ledger.cancel.clone(),
            self.ledger.remaining_wall(),
        ));
        let elapsed = started.elapsed();
        match &result {
            Ok(response) => self.ledger.record(response, elapsed),
            Err(_) => self.ledger.record_time(elapsed),
        }
        (result, elapsed)
    }

    pub fn params(&self, max_tokens: u32) -> ChatParams {
        ChatParams {
            max_tokens,
            temperature: self.options.temperature,
        }
    }
}

/// A model call raced against cancellation and the wall-time budget. `'static`, so batches
/// can spawn it.
pub(crate) async fn call_model(
    model: Arc<dyn ChatModel>,
    request: ChatRequest,
    cancel: CancellationToken,
    wall: Option<Duration>,
) -> Result<ChatResponse, CallError> {
    let call = async {
        let reply = model.chat(&request);
        match wall {
            Some(left) => match tokio::time::timeout(left, reply).await {
                Ok(result) => result.map_err(CallError::Provider),
                Err(_) => Err(CallError::Stopped(StopReason::WallTime)),
            },
            None => reply.await.map_err(CallError::Provider),
        }
    };
    tokio::select! {
        _ = cancel.cancelled() => Err(CallError::Stopped(StopReason::Cancelled)),
        result = call => result,
    }
}

/// The context of one loop, ready to load into its REPL.
pub(crate) enum LoopContext {
    File { path: PathBuf, shape: ContextShape },
    Text { text: String, shape: ContextShape },
}

/// How one loop ended.
pub(crate) struct LoopOutcome {
    pub answer: String,
    pub stop_reason: StopReason,
    pub iterations: u32,
}

/// Runs a whole request: the root loop and whatever it spawns.
pub(crate) fn run_root(
    handle: tokio::runtime::Handle,
    request: AskRequest,
    observer: Arc<dyn Observer>,
    repls: Arc<dyn ReplStarter>,
) -> Result<AskResult, RlmError> {
    let question = request.question.trim().to_string();
    if question.is_empty() {
        return Err(RlmError::EmptyQuestion);
    }
    let index_dir = match &request.context {
        ContextSource::Workspace { index_dir, .. } => index_dir.clone(),
        _ => None,
    };
    // `retrieve()` works where the context is indexed; its threshold comes with the retriever
    // the caller built, so the workspace's configuration is not read again here.
    let retrieve_first_above = index_dir.as_ref().map(|_| match &request.retrieval {
        Some(retrieval) => retrieval.first_above,
        None => crate::retrieval::RetrievalConfig::default().infiniretri_threshold,
    });
    let mut redact = Redact::new(request.sandbox.redactor.clone());
    for secret in &request.secrets {
        redact.add_secret(secret.expose());
    }
    let shared = Shared {
        handle,
        repls,
        redact,
        models: request.models,
        sandbox: request.sandbox,
        options: request.options,
        ledger: Ledger::new(request.budgets, request.cancel),
        observer,
        records: Mutex::new(Vec::new()),
        index_dir,
        retrieve_first_above,
        retriever: request.retrieval.map(|r| r.retriever),
        memory: request.memory,
    };
    // Keeps the rendered workspace alive for the run.
    let mut _rendered: Option<tempfile::NamedTempFile> = None;
    let context = match request.context {
        ContextSource::Workspace { root, list, .. } => {
            let mut file = tempfile::Builder::new()
                .prefix("rlm-context-")
                .suffix(".txt")
                .tempfile()?;
            let summary = {
                let mut out = std::io::BufWriter::new(file.as_file_mut());
                let summary = write_context(&root, &list, None, &mut out)?;
                out.flush()?;
                summary
            };
            let path = file.path().to_path_buf();
            let lines = count_lines(&path)?;
            _rendered = Some(file);
            LoopContext::File {
                path,
                shape: ContextShape {
                    kind: ContextKind::Workspace {
                        root: root
                            .file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_else(|| root.display().to_string()),
                    },
                    chars: summary.total_bytes,
                    lines,
                    parts: summary.files,
                },
            }
        }
        ContextSource::File(path) => {
            let lines = count_lines(&path).map_err(|source| RlmError::ContextFile {
                path: path.clone(),
                source,
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| path.display().to_string());
            LoopContext::File {
                path,
                shape: ContextShape {
                    kind: ContextKind::File { name },
                    chars: 0,
                    lines,
                    parts: Vec::new(),
                },
            }
        }
        ContextSource::Text(text) => LoopContext::Text {
            shape: text_shape(&text),
            text,
        },
    };
    let outcome = run_loop(&shared, 0, &question, context)?;
    let totals = shared.ledger.totals();
    let trace = shared.records.lock().map(|r| r.clone()).unwrap_or_default();
    Ok(AskResult {
        answer: outcome.answer,
        stop_reason: outcome.stop_reason,
        iterations: outcome.iterations,
        subcalls: totals.subcalls,
        max_depth_reached: totals.max_depth_reached,
        input_tokens: totals.input_tokens,
        output_tokens: totals.output_tokens,
        cost_usd: totals.cost_usd,
        cost_known: totals.cost_known,
        elapsed_ms: shared.ledger.started.elapsed().as_millis() as u64,
        model_ms: totals.model_time.as_millis() as u64,
        root_model: shared.models.root.name().to_string(),
        sub_model: shared.models.sub.name().to_string(),
        prompt_version: PROMPT_VERSION,
        trace,
    })
}

pub(crate) fn text_shape(text: &str) -> ContextShape {
    ContextShape {
        kind: ContextKind::Text,
        chars: text.chars().count() as u64,
        lines: text.lines().count() as u64,
        parts: Vec::new(),
    }
}

fn count_lines(path: &std::path::Path) -> std::io::Result<u64> {
    let bytes = std::fs::read(path)?;
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    Ok(newlines + u64::from(!bytes.is_empty() && !bytes.ends_with(b"\n")))
}

/// What the loop would answer if it had to stop now: the most recent of what the model said
/// in prose and what its code printed, except that after the last iteration (where the model
/// was asked for its best answer) its prose wins.
#[derive(Default)]
struct Partial {
    prose: Option<String>,
    stdout: Option<String>,
    prose_is_newer: bool,
}

impl Partial {
    fn said(&mut self, prose: String) {
        if !prose.trim().is_empty() {
            self.prose = Some(prose);
            self.prose_is_newer = true;
        }
    }

    fn printed(&mut self, stdout: &str) {
        if !stdout.trim().is_empty() {
            self.stdout = Some(stdout.trim().to_string());
            self.prose_is_newer = false;
        }
    }

    fn best(&self, prefer_prose: bool) -> String {
        let (first, second) = if prefer_prose || self.prose_is_newer {
            (&self.prose, &self.stdout)
        } else {
            (&self.stdout, &self.prose)
        };
        first.clone().or_else(|| second.clone()).unwrap_or_default()
    }
}

/// Added to the root prompt's context description when the context is larger than
/// `[retrieval] infiniretri_threshold` and the workspace is indexed.
pub(crate) const RETRIEVE_FIRST: &str = "\nThis context is large: start with `retrieve(question, k)`, which returns the most relevant passages (path, lines, text) from the workspace index, and read further only around them.";

/// One RLM at `depth`.
pub(crate) fn run_loop(
    shared: &Shared,
    depth: u32,
    question: &str,
    context: LoopContext,
) -> Result<LoopOutcome, RlmError> {
    let budgets = shared.ledger.budgets.clone();
    shared.ledger.reached_depth(depth);
    let mut repl = shared.repls.start(&shared.sandbox)?;
    let mut shape = match &context {
        LoopContext::File { path, shape } => {
            let info = repl.load_context_file(path)?;
            let mut shape = shape.clone();
            shape.chars = info.chars;
            shape
        }
        LoopContext::Text { text, shape } => {
            repl.load_context_text(text)?;
            shape.clone()
        }
    };
    shape.parts.truncate(100_000);
    let mut description = describe(&shape, shared.options.max_listed_files);
    if depth == 0
        && let Some(memory) = &shared.memory
    {
        repl.set_variable("memory", &memory.repl_value())?;
        description.push('\n');
        description.push_str(&describe_memory(
            memory.items.len(),
            &memory.agent,
            &memory.retrieval,
        ));
    }
    if depth == 0
        && let Some(map) = shared.index_dir.as_deref().and_then(root_repo_map)
    {
        description.push_str(&map);
    }
    if depth == 0
        && shared
            .retrieve_first_above
            .is_some_and(|threshold| shape.chars > threshold)
    {
        description.push_str(RETRIEVE_FIRST);
    }
    let depth_note = if depth < budgets.max_depth {
        format!(
            "You are at depth {depth}; children may go {} level(s) deeper.",
            budgets.max_depth - depth
        )
    } else {
        format!(
            "You are at depth {depth}, the deepest allowed: rlm_query falls back to llm_query here."
        )
    };
    let system = render(
        prompts::SYSTEM,
        &[
            ("context_description", &description),
            ("sub_window", &shared.options.sub_window_chars.to_string()),
            ("max_parallel", &budgets.max_parallel.to_string()),
            ("depth_note", &depth_note),
            (
                "budgets",
                &shared.ledger.remaining_line(budgets.max_iterations),
            ),
        ],
    );
    shared.emit(
        depth,
        TraceEvent::Start {
            question: question.to_string(),
            root_model: shared.models.root.name().to_string(),
            sub_model: shared.models.sub.name().to_string(),
            context: description.clone(),
            context_chars: shape.chars,
            prompt_version: PROMPT_VERSION.to_string(),
            budgets: serde_json::to_value(&budgets).unwrap_or_default(),
        },
    );
    let mut messages = vec![
        Message::system(system),
        Message::user(render(prompts::QUESTION, &[("question", question)])),
    ];
    let mut partial = Partial::default();
    let mut host = Host::new(shared, depth);
    let finish = |stop_reason: StopReason, answer: String, iterations: u32| {
        shared.emit(
            depth,
            TraceEvent::Finish {
                stop_reason: stop_reason.clone(),
                answer: answer.clone(),
                iterations,
            },
        );
        Ok(LoopOutcome {
            answer,
            stop_reason,
            iterations,
        })
    };
    let max_iterations = budgets.max_iterations.max(1);
    for iteration in 1..=max_iterations {
        if let Some(reason) = shared.ledger.stop_reason() {
            return finish(reason, partial.best(false), iteration - 1);
        }
        if iteration == max_iterations {
            if let Some(last) = messages.last_mut() {
                last.content.push_str("\n\n");
                last.content.push_str(prompts::LAST_ITERATION);
            }
            shared.emit(
                depth,
                TraceEvent::Notice {
                    iteration,
                    message: "last iteration: asked for the best final answer".into(),
                },
            );
        }
        let request = ChatRequest {
            messages: messages.clone(),
            params: shared.params(shared.options.root_max_tokens),
        };
        let (reply, elapsed) = shared.chat(&shared.models.root, request);
        let reply = match reply {
            Ok(reply) => reply,
            Err(CallError::Stopped(reason)) => {
                return finish(reason, partial.best(false), iteration - 1);
            }
            Err(CallError::Provider(e)) => return Err(e.into()),
        };
        shared.emit(
            depth,
            TraceEvent::ModelReply {
                iteration,
                model: shared.models.root.name().to_string(),
                output: reply.text.clone(),
                input_tokens: reply.usage.input_tokens,
                output_tokens: reply.usage.output_tokens,
                cost_usd: reply.cost_usd,
                cached: reply.cached,
                elapsed_ms: elapsed.as_millis() as u64,
            },
        );
        messages.push(Message::assistant(reply.text.clone()));
        let blocks = code_blocks(&reply.text);
        let prose = prose_final(&reply.text);
        partial.said(without_blocks(&reply.text));
        if blocks.is_empty() {
            if let Some(prose) = prose
                && let Some(answer) =
                    accept_prose(shared, depth, iteration, repl.as_mut(), &mut host, prose)?
            {
                return finish(StopReason::ProseFinal, answer, iteration);
            }
            shared.emit(
                depth,
                TraceEvent::Notice {
                    iteration,
                    message: "no code block in the reply".into(),
                },
            );
            messages.push(Message::user(prompts::NO_CODE));
            continue;
        }
        let mut outputs = Vec::new();
        let mut all_completed = true;
        for (i, code) in blocks.iter().enumerate() {
            let block = i as u32 + 1;
            shared.emit(
                depth,
                TraceEvent::Code {
                    iteration,
                    block,
                    code: code.clone(),
                },
            );
            let step = repl.execute(code, &mut host)?;
            let feedback = feedback_text(&step, shared.options.max_output_chars);
            shared.emit(
                depth,
                TraceEvent::ReplOutput {
                    iteration,
                    block,
                    outcome: outcome_name(&step.outcome).to_string(),
                    stdout: step.stdout.clone(),
                    stderr: step.stderr.clone(),
                    feedback: feedback.clone(),
                    elapsed_ms: step.elapsed.as_millis() as u64,
                },
            );
            partial.printed(&step.stdout);
            all_completed &= step.outcome == StepOutcome::Completed;
            match step.finish {
                Some(Finish::Final(answer)) => return finish(StopReason::Final, answer, iteration),
                Some(Finish::Answer(answer)) => {
                    return finish(StopReason::AnswerReady, answer, iteration);
                }
                None => {}
            }
            outputs.push(if blocks.len() > 1 {
                format!("Output of block {block}:\n{feedback}")
            } else {
                format!("Output:\n{feedback}")
            });
            if shared.ledger.stop_reason().is_some() {
                break;
            }
        }
        // A prose FINAL counts only after the turn's code ran cleanly: never instead of it.
        if all_completed
            && let Some(prose) = prose
            && let Some(answer) =
                accept_prose(shared, depth, iteration, repl.as_mut(), &mut host, prose)?
        {
            return finish(StopReason::ProseFinal, answer, iteration);
        }
        if iteration < max_iterations {
            let remaining = shared.ledger.remaining_line(max_iterations - iteration);
            messages.push(Message::user(render(
                prompts::FEEDBACK,
                &[
                    ("outputs", &outputs.join("\n\n")),
                    ("iteration", &iteration.to_string()),
                    ("max_iterations", &max_iterations.to_string()),
                    ("remaining", &remaining),
                ],
            )));
        }
    }
    let reason = shared
        .ledger
        .stop_reason()
        .unwrap_or(StopReason::MaxIterations);
    let prefer_prose = reason == StopReason::MaxIterations;
    finish(reason, partial.best(prefer_prose), max_iterations)
}

/// The answer of a prose `FINAL(...)`; a prose `FINAL_VAR(name)` is read from the REPL.
fn accept_prose(
    shared: &Shared,
    depth: u32,
    iteration: u32,
    repl: &mut dyn LoopRepl,
    host: &mut Host<'_>,
    prose: ProseFinal,
) -> Result<Option<String>, RlmError> {
    match prose {
        ProseFinal::Value(value) => Ok(Some(value)),
        ProseFinal::Var(name) => {
            let step = repl.execute(&format!("FINAL_VAR({name:?})"), host)?;
            match step.finish {
                Some(Finish::Final(value) | Finish::Answer(value)) => Ok(Some(value)),
                None => {
                    shared.emit(
                        depth,
                        TraceEvent::Notice {
                            iteration,
                            message: format!(
                                "prose FINAL_VAR({name}) not accepted: {}",
                                feedback_text(&step, 500)
                            ),
                        },
                    );
                    Ok(None)
                }
            }
        }
    }
}

fn outcome_name(outcome: &StepOutcome) -> &'static str {
    match outcome {
        StepOutcome::Completed => "completed",
        StepOutcome::Raised(_) => "raised",
        StepOutcome::Blocked(_) => "blocked",
        StepOutcome::Killed { .. } => "killed",
    }
}

/// What the model is told about a step, cut to `max_chars`.
pub(crate) fn feedback_text(step: &StepResult, max_chars: usize) -> String {
    let mut text = String::new();
    text.push_str(&step.stdout);
    if !step.stderr.trim().is_empty() {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("[stderr]\n");
        text.push_str(&step.stderr);
    }
    match &step.outcome {
        StepOutcome::Completed => {}
        StepOutcome::Raised(error) => {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            if !error.traceback.trim().is_empty() && !text.contains(error.traceback.trim()) {
                text.push_str(error.traceback.trim_end());
                text.push('\n');
            }
            text.push_str(&format!("{}: {}", error.kind, error.message));
        }
        StepOutcome::Blocked(violations) => {
            text.push_str("Refused by the sandbox's static checks; nothing ran:\n");
            for v in violations {
                text.push_str(&format!("- {v}\n"));
            }
        }
        StepOutcome::Killed { reason, state_lost } => {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!("Stopped by the sandbox: {reason}."));
            if *state_lost {
                text.push_str(
                    " The REPL was restarted: your variables are gone (`context` is loaded again).",
                );
            }
        }
    }
    if let Some(note) = &step.truncation {
        text.push_str(&format!("\n[{note}]"));
    }
    if text.trim().is_empty() {
        text = "(no output)".into();
    }
    cut_middle(&text, max_chars)
}

/// Keeps the head and the tail, with a note of what was cut in between.
pub(crate) fn cut_middle(text: &str, max_chars: usize) -> String {
    let total = text.chars().count();
    if total <= max_chars {
        return text.to_string();
    }
    let head = max_chars * 2 / 3;
    let tail = max_chars - head;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(total - tail).collect();
    format!(
        "{start}\n[... {} characters cut: print summaries or slices, not everything ...]\n{end}",
        total - head - tail
    )
}

/// Tokens of the repository map in a workspace's root prompt.
const ROOT_MAP_TOKENS: usize = 300;

/// The short repository map the root prompt of an indexed workspace carries: its most
/// central definitions, so the first code the model writes can aim at real names. None
/// without a graph (an index built before the graph existed, an empty workspace); a graph
/// that cannot be read is logged and left out, never failing the run.
fn root_repo_map(index_dir: &std::path::Path) -> Option<String> {
    if !crate::graph::graph_exists(index_dir) {
        return None;
    }
    let map = crate::graph::Graph::open(index_dir)
        .and_then(|g| g.repo_map(ROOT_MAP_TOKENS))
        .map_err(|e| tracing::warn!("the root prompt goes without a repository map: {e}"))
        .ok()?;
    if map.entries.is_empty() {
        return None;
    }
    Some(format!(
        "\n\nRepository map (the most central definitions by PageRank over the code graph; \
         `repo_map(tokens)` gives a longer one, `callers(name)`/`callees(name)`/`references(name)` \
         follow them):\n{}",
        map.text.trim_end()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_output_keeps_head_and_tail_with_a_note() {
        let text: String = (0..100).map(|i| format!("{i:02}")).collect();
        assert_eq!(
            cut_middle(&text, 12),
            "00010203\n[... 188 characters cut: print summaries or slices, not everything ...]\n9899"
        );
        assert_eq!(cut_middle("short", 12), "short");
    }
}
