//! The host side of the REPL's functions. `llm_query` and `llm_query_batched` go to the sub
//! model (a batch runs concurrently, at most `max_parallel` in flight); `rlm_query` starts a
//! child loop one level deeper while `depth < max_depth` and falls back to `llm_query` at the
//! bottom; `retrieve` searches the workspace index; `callers`, `callees`, `references` and
//! `repo_map` answer from the workspace's code graph (see [`crate::graph`]). Every sub-call is counted against
//! `max_subcalls` before it is made; once any budget is spent the calls fail with a message
//! telling the model to finish, and the loop stops after the step.

use super::StopReason;
use super::budget::Ledger;
use super::prompts;
use super::run::{CallError, LoopContext, Shared, call_model, run_loop, text_shape};
use super::trace::TraceEvent;
use crate::graph::{CallSite, Confidence, Graph, Symbol};
use crate::index::WorkspaceIndex;
use crate::providers::{ChatRequest, ChatResponse, Message};
use crate::sandbox::HostCalls;
use crate::search::{SearchQuery, search};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;

/// Answers the host calls of the REPL of one loop.
pub(crate) struct Host<'a> {
    shared: &'a Shared,
    depth: u32,
}

impl<'a> Host<'a> {
    pub fn new(shared: &'a Shared, depth: u32) -> Host<'a> {
        Host { shared, depth }
    }

    fn ledger(&self) -> &Ledger {
        &self.shared.ledger
    }

    /// Runs prompts on the sub model, concurrently, in order of the prompts.
    fn sub_calls(&self, kind: &str, prompts: Vec<String>) -> Result<Vec<String>, String> {
        if prompts.is_empty() {
            return Ok(Vec::new());
        }
        let first = self
            .ledger()
            .take_subcalls(prompts.len() as u32)
            .map_err(|reason| refusal(&reason, self.ledger()))?;
        let shared = self.shared;
        let model = Arc::clone(&shared.models.sub);
        let params = shared.params(shared.options.sub_max_tokens);
        let max_parallel = shared.ledger.budgets.max_parallel.max(1);
        let cancel = shared.ledger.cancel.clone();
        let wall = shared.ledger.remaining_wall();
        let count = prompts.len();
        let mut results: Vec<Option<Result<String, String>>> = vec![None; count];
        shared.handle.block_on(async {
            let semaphore = Arc::new(tokio::sync::Semaphore::new(max_parallel));
            let mut set = tokio::task::JoinSet::new();
            for (i, prompt) in prompts.iter().enumerate() {
                let request = ChatRequest {
                    messages: vec![
                        Message::system(prompts::SUB_SYSTEM),
                        Message::user(prompt.clone()),
                    ],
                    params: params.clone(),
                };
                let semaphore = Arc::clone(&semaphore);
                let model = Arc::clone(&model);
                let cancel = cancel.clone();
                set.spawn(async move {
                    let _permit = semaphore.acquire_owned().await;
                    let started = Instant::now();
                    let result = call_model(model, request, cancel, wall).await;
                    (i, result, started.elapsed())
                });
            }
            while let Some(joined) = set.join_next().await {
                let Ok((i, result, elapsed)) = joined else {
                    continue;
                };
                let index = first + i as u32;
                results[i] = Some(self.book(kind, index, &prompts[i], result, elapsed));
            }
        });
        results
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                r.unwrap_or_else(|| Err(format!("sub-call {} did not complete", first + i as u32)))
            })
            .collect()
    }

    /// Books one sub-call's reply in the ledger and the trace.
    fn book(
        &self,
        kind: &str,
        index: u32,
        prompt: &str,
        result: Result<ChatResponse, CallError>,
        elapsed: std::time::Duration,
    ) -> Result<String, String> {
        let shared = self.shared;
        let (outcome, response) = match result {
            Ok(response) => {
                shared.ledger.record(&response, elapsed);
                (Ok(response.text.clone()), Some(response))
            }
            Err(CallError::Stopped(reason)) => {
                shared.ledger.record_time(elapsed);
                (Err(refusal(&reason, &shared.ledger)), None)
            }
            Err(CallError::Provider(e)) => {
                shared.ledger.record_time(elapsed);
                (Err(format!("the sub model failed: {e}")), None)
            }
        };
        shared.emit(
            self.depth + 1,
            TraceEvent::SubCall {
                index,
                of: shared.ledger.budgets.max_subcalls,
                kind: kind.to_string(),
                model: shared.models.sub.name().to_string(),
                prompt: clip(prompt, 4000),
                response: response
                    .as_ref()
                    .map(|r| clip(&r.text, 4000))
                    .unwrap_or_default(),
                error: outcome.as_ref().err().cloned(),
                input_tokens: response.as_ref().map_or(0, |r| r.usage.input_tokens),
                output_tokens: response.as_ref().map_or(0, |r| r.usage.output_tokens),
                cost_usd: response.as_ref().and_then(|r| r.cost_usd),
                cached: response.as_ref().is_some_and(|r| r.cached),
                elapsed_ms: elapsed.as_millis() as u64,
            },
        );
        outcome
    }

    fn rlm_query(&self, prompt: String, context: Option<String>) -> Result<String, String> {
        let budgets = &self.ledger().budgets;
        if self.depth >= budgets.max_depth {
            // At the bottom: one plain sub-call that carries the context in its prompt.
            let prompt = match context {
                Some(context) => format!("{prompt}\n\n---\n{context}"),
                None => prompt,
            };
            return self
                .sub_calls("rlm_query→llm_query", vec![prompt])
                .map(|mut r| r.pop().unwrap_or_default());
        }
        let index = self
            .ledger()
            .take_subcalls(1)
            .map_err(|reason| refusal(&reason, self.ledger()))?;
        let started = Instant::now();
        let text = context.unwrap_or_else(|| prompt.clone());
        let child = LoopContext::Text {
            shape: text_shape(&text),
            text,
        };
        let outcome = run_loop(self.shared, self.depth + 1, &prompt, child);
        let (result, error) = match outcome {
            Ok(outcome) => (Ok(outcome.answer.clone()), None),
            Err(e) => {
                let message = format!("the child RLM failed: {e}");
                (Err(message.clone()), Some(message))
            }
        };
        self.shared.emit(
            self.depth + 1,
            TraceEvent::SubCall {
                index,
                of: budgets.max_subcalls,
                kind: "rlm_query".into(),
                model: self.shared.models.root.name().to_string(),
                prompt: clip(&prompt, 4000),
                response: result.as_ref().map(|a| clip(a, 4000)).unwrap_or_default(),
                error,
                input_tokens: 0,
                output_tokens: 0,
                cost_usd: None,
                cached: false,
                elapsed_ms: started.elapsed().as_millis() as u64,
            },
        );
        result
    }

    fn retrieve(&self, question: &str, k: usize) -> Result<Value, String> {
        let Some(dir) = &self.shared.index_dir else {
            return Err(
                "retrieve() needs an indexed workspace context (run `rlm index PATH`); \
                        here, search `context` with Python (re, str.find) instead"
                    .into(),
            );
        };
        let k = k.clamp(1, 100);
        // The run's retriever (default hybrid) when its models are installed and the
        // workspace's vectors are built; BM25 over the index otherwise, saying why.
        let note = match &self.shared.retriever {
            Some(Ok(retriever)) => {
                let method = retriever.config().method;
                match retriever.retrieve(question, k) {
                    Ok(passages) => {
                        return Ok(Value::Array(
                            passages
                                .into_iter()
                                .map(|p| {
                                    json!({"path": p.path, "start_line": p.start_line,
                                           "end_line": p.end_line, "score": p.score, "text": p.text,
                                           "method": method.name()})
                                })
                                .collect(),
                        ));
                    }
                    Err(e) => {
                        format!("BM25 fallback: the configured retrieval is unavailable ({e})")
                    }
                }
            }
            Some(Err(e)) => format!("BM25 fallback: the configured retrieval is unavailable ({e})"),
            None => "BM25: no retriever was configured for this run".to_string(),
        };
        let index = WorkspaceIndex::open(dir).map_err(|e| {
            format!(
                "retrieve(): {e}; run `rlm index` on the workspace, or search `context` with Python"
            )
        })?;
        let hits = search(
            &index,
            &SearchQuery {
                text: question.to_string(),
                limit: k,
                language: None,
                path_glob: None,
            },
        )
        .map_err(|e| format!("retrieve(): {e}"))?;
        Ok(Value::Array(
            hits.into_iter()
                .map(|h| {
                    json!({"path": h.path, "start_line": h.start_line, "end_line": h.end_line,
                           "symbol": h.symbol, "score": h.score, "text": h.text,
                           "method": "bm25", "note": note})
                })
                .collect(),
        ))
    }

    /// The workspace's code graph, or the message the REPL raises without one.
    fn graph(&self, function: &str) -> Result<Graph, String> {
        let Some(dir) = &self.shared.index_dir else {
            return Err(format!(
                "{function}() needs an indexed workspace context (run `rlm index PATH`); \
                 here, search `context` with Python (re, str.find) instead"
            ));
        };
        Graph::open(dir).map_err(|e| format!("{function}(): {e}"))
    }

    /// The definitions a name stands for (`name`, `Type.name`, `Type::name`), at most ten.
    fn definitions(graph: &Graph, function: &str, name: &str) -> Result<Vec<Symbol>, String> {
        match graph.find(name, None) {
            Ok(found) => Ok(found.into_iter().take(MAX_DEFINITIONS).collect()),
            Err(crate::graph::GraphError::UnknownSymbol { .. }) => Ok(Vec::new()),
            Err(e) => Err(format!("{function}(): {e}")),
        }
    }

    /// `callers(name, depth)` / `callees(name, depth)`: one dict per (caller, callee, file).
    fn calls(&self, function: &str, name: &str, depth: usize, up: bool) -> Result<Value, String> {
        let graph = self.graph(function)?;
        let depth = depth.clamp(1, 6);
        let mut out = Vec::new();
        for symbol in Self::definitions(&graph, function, name)? {
            let sites = if up {
                graph.callers(symbol.id, depth)
            } else {
                graph.callees(symbol.id, depth)
            }
            .map_err(|e| format!("{function}(): {e}"))?;
            for site in sites.into_iter().take(MAX_ENTRIES) {
                out.push(call_value(&symbol, &site, up));
            }
        }
        Ok(Value::Array(out))
    }

    /// `references(name)`: every use of the definitions of `name`, surest first per place.
    fn references(&self, name: &str, guesses: bool) -> Result<Value, String> {
        let graph = self.graph("references")?;
        let min = if guesses {
            Confidence::ByName
        } else {
            Confidence::Resolved
        };
        let mut out = Vec::new();
        for symbol in Self::definitions(&graph, "references", name)? {
            let refs = graph
                .references(symbol.id, min)
                .map_err(|e| format!("references(): {e}"))?;
            for r in refs.into_iter().take(MAX_ENTRIES) {
                out.push(json!({
                    "definition": place(&symbol),
                    "path": r.path,
                    "line": r.span.start_line,
                    "col": r.span.start_col,
                    "kind": r.kind.name(),
                    "confidence": r.confidence.name(),
                    "enclosing": r.enclosing,
                }));
            }
        }
        Ok(Value::Array(out))
    }

    /// `repo_map(tokens)`: the most central definitions as text within the budget.
    fn repo_map(&self, tokens: usize) -> Result<Value, String> {
        let graph = self.graph("repo_map")?;
        let map = graph
            .repo_map(tokens.clamp(16, 16_384))
            .map_err(|e| format!("repo_map(): {e}"))?;
        Ok(Value::String(map.text))
    }
}

/// Definitions of one name a graph call answers for.
const MAX_DEFINITIONS: usize = 10;
/// Entries per definition a graph call returns.
const MAX_ENTRIES: usize = 500;

/// `path:line` of a definition.
fn place(symbol: &Symbol) -> String {
    format!("{}:{}", symbol.path, symbol.name_span.start_line)
}

/// One call edge as the REPL sees it: the other end's name (`None` for a module's top level),
/// where it is defined, the file and lines of the calls, the confidence and the depth.
fn call_value(of: &Symbol, site: &CallSite, up: bool) -> Value {
    let other = if up {
        site.caller.as_ref()
    } else {
        Some(&site.callee)
    };
    json!({
        "definition": place(of),
        "name": other.map(|s| s.name.clone()),
        "container": other.and_then(|s| s.container.clone()),
        "kind": other.map(|s| s.kind.name()),
        "defined_at": other.map(place),
        "path": site.path,
        "lines": site.spans.iter().map(|s| s.start_line).collect::<Vec<_>>(),
        "confidence": site.confidence.name(),
        "depth": site.depth,
    })
}

impl HostCalls for Host<'_> {
    fn call(&mut self, name: &str, args: Value) -> Result<Value, String> {
        if let Some(reason) = self.ledger().stop_reason() {
            return Err(refusal(&reason, self.ledger()));
        }
        let text = |key: &str| args.get(key).and_then(Value::as_str).map(str::to_string);
        match name {
            "llm_query" => {
                let prompt = text("prompt").ok_or("llm_query(prompt) needs a string prompt")?;
                let mut replies = self.sub_calls("llm_query", vec![prompt])?;
                Ok(Value::String(replies.pop().unwrap_or_default()))
            }
            "llm_query_batched" => {
                let prompts: Vec<String> = args
                    .get("prompts")
                    .and_then(Value::as_array)
                    .ok_or("llm_query_batched(prompts) needs a list of strings")?
                    .iter()
                    .map(|p| p.as_str().unwrap_or_default().to_string())
                    .collect();
                let replies = self.sub_calls("llm_query_batched", prompts)?;
                Ok(Value::Array(
                    replies.into_iter().map(Value::String).collect(),
                ))
            }
            "rlm_query" => {
                let prompt = text("prompt")
                    .ok_or("rlm_query(prompt, context=None) needs a string prompt")?;
                self.rlm_query(prompt, text("context")).map(Value::String)
            }
            "retrieve" => {
                let question =
                    text("question").ok_or("retrieve(question, k=5) needs a string question")?;
                let k = args.get("k").and_then(Value::as_u64).unwrap_or(5) as usize;
                self.retrieve(&question, k)
            }
            "callers" | "callees" => {
                let symbol = text("name")
                    .ok_or_else(|| format!("{name}(name, depth=1) needs a string name"))?;
                let depth = args.get("depth").and_then(Value::as_u64).unwrap_or(1) as usize;
                self.calls(name, &symbol, depth, name == "callers")
            }
            "references" => {
                let symbol = text("name").ok_or("references(name) needs a string name")?;
                let guesses = args.get("guesses").and_then(Value::as_bool).unwrap_or(true);
                self.references(&symbol, guesses)
            }
            "repo_map" => {
                let tokens = args.get("tokens").and_then(Value::as_u64).unwrap_or(1024) as usize;
                self.repo_map(tokens)
            }
            other => Err(format!(
                "unknown host function {other}(); available: llm_query, llm_query_batched, \
                 rlm_query, retrieve, callers, callees, references, repo_map"
            )),
        }
    }
}

/// The message a refused call raises in Python.
fn refusal(reason: &StopReason, ledger: &Ledger) -> String {
    format!(
        "{}: no more sub-calls; finish now with FINAL(...) from what you have",
        reason.describe(&ledger.budgets)
    )
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push_str(&format!("… [{} chars]", text.chars().count()));
    out
}
