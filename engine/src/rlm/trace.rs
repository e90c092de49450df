//! The trace: every step of a run as a [`TraceRecord`] (model outputs, code, REPL output,
//! sub-calls with their depth, cost so far), handed to the [`super::Observer`] as it happens
//! and kept in the result. [`JsonlTrace`] writes them one JSON object per line
//! (`--trace FILE.jsonl`); [`read_trace`] and [`render`] turn a saved file back into a readable
//! report (`rlm trace show`). Every string passes through [`Redact`] before it is recorded:
//! the sandbox's secret patterns plus the exact values of the API keys in the environment.

use super::StopReason;
use crate::sandbox::redact::Redactor;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

/// One step, stamped with when it happened, at which depth, and the cost so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceRecord {
    /// Milliseconds since the run started.
    pub t_ms: u64,
    /// 0 for the root loop, 1 for its `rlm_query` children, ...
    pub depth: u32,
    /// USD spent by the whole run when this step was recorded.
    pub cost_so_far_usd: f64,
    #[serde(flatten)]
    pub event: TraceEvent,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TraceEvent {
    /// A loop starts.
    Start {
        question: String,
        root_model: String,
        sub_model: String,
        /// The description the model got (never the context).
        context: String,
        context_chars: u64,
        prompt_version: String,
        budgets: serde_json::Value,
    },
    /// The root model of a loop answered.
    ModelReply {
        iteration: u32,
        model: String,
        output: String,
        input_tokens: u64,
        output_tokens: u64,
        cost_usd: Option<f64>,
        cached: bool,
        elapsed_ms: u64,
    },
    /// A block is about to run.
    Code {
        iteration: u32,
        block: u32,
        code: String,
    },
    /// What the block did.
    ReplOutput {
        iteration: u32,
        block: u32,
        /// `completed`, `raised`, `blocked` or `killed`.
        outcome: String,
        stdout: String,
        stderr: String,
        /// The text fed back to the model for this block.
        feedback: String,
        elapsed_ms: u64,
    },
    /// A sub-call (`llm_query`, one prompt of `llm_query_batched`, or `rlm_query`).
    SubCall {
        /// Run-wide number of this sub-call.
        index: u32,
        /// The `max_subcalls` budget, for "3/200".
        of: u32,
        kind: String,
        model: String,
        prompt: String,
        response: String,
        error: Option<String>,
        input_tokens: u64,
        output_tokens: u64,
        cost_usd: Option<f64>,
        cached: bool,
        elapsed_ms: u64,
    },
    /// A note from the loop to the model (no code block, last iteration, budget).
    Notice { iteration: u32, message: String },
    /// A loop ended.
    Finish {
        stop_reason: StopReason,
        answer: String,
        iterations: u32,
    },
}

/// Replaces secrets in everything that is recorded.
pub struct Redact {
    redactor: Redactor,
    /// Exact values of API keys found in the environment (longest first).
    keys: Vec<String>,
}

impl Redact {
    pub fn new(redactor: Redactor) -> Redact {
        let mut keys: Vec<String> = crate::providers::spec::PRESETS
            .iter()
            .map(|p| p.key_env)
            .chain(["GOOGLE_API_KEY", "AZURE_OPENAI_API_KEY"])
            .filter_map(|name| std::env::var(name).ok())
            .map(|v| v.trim().to_string())
            .filter(|v| v.len() >= 8)
            .collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        keys.dedup();
        Redact { redactor, keys }
    }

    /// Adds a secret to replace wherever it appears (a key from a config file).
    pub fn add_secret(&mut self, secret: &str) {
        if secret.len() >= 8 && !self.keys.iter().any(|k| k == secret) {
            self.keys.push(secret.to_string());
            self.keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        }
    }

    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for key in &self.keys {
            if out.contains(key.as_str()) {
                out = out.replace(key.as_str(), "[REDACTED:api-key]");
            }
        }
        self.redactor.redact(&out).0
    }

    /// Redacts every string inside a record.
    pub fn record(&self, record: &TraceRecord) -> TraceRecord {
        let Ok(mut value) = serde_json::to_value(record) else {
            return record.clone();
        };
        self.walk(&mut value);
        serde_json::from_value(value).unwrap_or_else(|_| record.clone())
    }

    fn walk(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => *s = self.text(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.walk(v)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.walk(v)),
            _ => {}
        }
    }
}

/// Writes records to a JSONL file as they happen (flushed per line, so a crash or Ctrl-C
/// keeps every step up to it).
pub struct JsonlTrace {
    out: Mutex<std::io::BufWriter<std::fs::File>>,
}

impl JsonlTrace {
    pub fn create(path: &Path) -> std::io::Result<JsonlTrace> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        Ok(JsonlTrace {
            out: Mutex::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        })
    }
}

impl super::Observer for JsonlTrace {
    fn on_event(&self, record: &TraceRecord) {
        let Ok(mut out) = self.out.lock() else { return };
        let written = serde_json::to_writer(&mut *out, record)
            .map_err(std::io::Error::other)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        if let Err(e) = written {
            tracing::warn!("cannot write the trace: {e}");
        }
    }
}

/// Errors reading a saved trace.
#[derive(Debug, thiserror::Error)]
pub enum TraceError {
    #[error("cannot read trace {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a trace record ({message}); was it written by `rlm ask --trace`?")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
}

/// Reads a JSONL trace.
pub fn read_trace(path: &Path) -> Result<Vec<TraceRecord>, TraceError> {
    let text = std::fs::read_to_string(path).map_err(|source| TraceError::Read {
        path: path.display().to_string(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| TraceError::Parse {
                path: path.display().to_string(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// One line per record, in the `-v` console style, for people.
pub fn summary_line(record: &TraceRecord) -> String {
    let indent = "  ".repeat(record.depth as usize);
    let depth = if record.depth > 0 {
        format!("[depth {}] ", record.depth)
    } else {
        String::new()
    };
    let body = match &record.event {
        TraceEvent::Start {
            root_model,
            sub_model,
            context_chars,
            question,
            ..
        } => format!(
            "[Start] root {root_model}, sub {sub_model}, context {context_chars} chars: {}",
            first_line(question, 100)
        ),
        TraceEvent::ModelReply {
            iteration,
            input_tokens,
            output_tokens,
            elapsed_ms,
            cached,
            output,
            ..
        } => format!(
            "[Iter {iteration}] model: {input_tokens} in / {output_tokens} out, {elapsed_ms} ms{}: {}",
            if *cached { " (cached)" } else { "" },
            first_line(&super::extract::without_blocks(output), 100)
        ),
        TraceEvent::Code {
            iteration,
            block,
            code,
        } => format!(
            "[Iter {iteration}] code block {block} ({} lines): {}",
            code.lines().count(),
            first_line(code, 80)
        ),
        TraceEvent::ReplOutput {
            iteration,
            block,
            outcome,
            feedback,
            elapsed_ms,
            ..
        } => format!(
            "[Iter {iteration}] block {block} {outcome} in {elapsed_ms} ms: {}",
            first_line(feedback, 100)
        ),
        TraceEvent::SubCall {
            index,
            of,
            kind,
            prompt,
            response,
            error,
            elapsed_ms,
            ..
        } => match error {
            Some(e) => format!("[SUB-CALL {index}/{of}] {kind} failed: {}", first_line(e, 120)),
            None => format!(
                "[SUB-CALL {index}/{of}] {kind} {elapsed_ms} ms: {} -> {}",
                first_line(prompt, 60),
                first_line(response, 60)
            ),
        },
        TraceEvent::Notice { iteration, message } => {
            format!("[Iter {iteration}] note: {}", first_line(message, 120))
        }
        TraceEvent::Finish {
            stop_reason,
            answer,
            iterations,
        } => format!(
            "[Finish] {stop_reason:?} after {iterations} iterations: {}",
            first_line(answer, 120)
        ),
    };
    format!(
        "{:>7.1}s ${:.4} {indent}{depth}{body}",
        record.t_ms as f64 / 1000.0,
        record.cost_so_far_usd
    )
}

/// A whole trace for people: the summary lines, then each model reply and REPL output in full.
pub fn render(records: &[TraceRecord], full: bool) -> String {
    let mut out = String::new();
    for record in records {
        out.push_str(&summary_line(record));
        out.push('\n');
        if !full {
            continue;
        }
        let detail = match &record.event {
            TraceEvent::ModelReply { output, .. } => Some(output.as_str()),
            TraceEvent::Code { code, .. } => Some(code.as_str()),
            TraceEvent::ReplOutput { feedback, .. } => Some(feedback.as_str()),
            TraceEvent::Finish { answer, .. } => Some(answer.as_str()),
            _ => None,
        };
        if let Some(text) = detail {
            for line in text.lines() {
                out.push_str("          │ ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn first_line(text: &str, max: usize) -> String {
    let line = text.trim().lines().next().unwrap_or("");
    let mut cut: String = line.chars().take(max).collect();
    if cut.len() < line.len() || text.trim().lines().nth(1).is_some() {
        cut.push('…');
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_through_jsonl_and_render_readably() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("t.jsonl");
        let trace = JsonlTrace::create(&path)?;
        let records = vec![
            TraceRecord {
                t_ms: 1500,
                depth: 0,
                cost_so_far_usd: 0.0012,
                event: TraceEvent::Code {
                    iteration: 2,
                    block: 1,
                    code: "print(len(context))".into(),
                },
            },
            TraceRecord {
                t_ms: 2000,
                depth: 1,
                cost_so_far_usd: 0.002,
                event: TraceEvent::SubCall {
                    index: 3,
                    of: 5,
                    kind: "llm_query".into(),
                    model: "openai:gpt-4o-mini".into(),
                    prompt: "count".into(),
                    response: "7".into(),
                    error: None,
                    input_tokens: 1,
                    output_tokens: 1,
                    cost_usd: Some(0.0),
                    cached: false,
                    elapsed_ms: 12,
                },
            },
        ];
        for r in &records {
            super::super::Observer::on_event(&trace, r);
        }
        drop(trace);
        let back = read_trace(&path)?;
        assert_eq!(back, records);
        assert_eq!(
            render(&back, false),
            "    1.5s $0.0012 [Iter 2] code block 1 (1 lines): print(len(context))\n    2.0s $0.0020   [depth 1] [SUB-CALL 3/5] llm_query 12 ms: count -> 7\n"
        );
        Ok(())
    }

    #[test]
    fn a_file_that_is_not_a_trace_names_the_line() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("t.jsonl");
        std::fs::write(&path, "{\"nope\": 1}\n")?;
        let err = read_trace(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("t.jsonl:1: not a trace record"), "{err}");
        Ok(())
    }
}
