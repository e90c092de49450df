//! The configured chat model at work on memory: it writes the summaries of consolidation
//! ([`ModelSummarizer`]) and judges whether a new episode contradicts a stored memory
//! ([`ModelJudge`]). Both go through the engine's provider layer (the same `[rlm]` /
//! `[providers]` model and response cache as `rlm ask`), one direct call each, under a shared
//! [`ModelBudget`] of calls and money.
//!
//! A model is a helper here, never a single point of failure: a summary whose call fails, runs
//! over budget, or whose reply is not the one JSON object asked for falls back to the
//! [`ExtractiveSummarizer`] and the fallback is counted in the consolidation report; a judgement
//! that cannot be read is no judgement (logged and reported, no conflict raised), and the
//! key/value rule still runs on facts either way. Replies are parsed strictly: exactly one JSON
//! object (a ```` ```json ```` fence around it is tolerated), with the fields asked for and
//! nothing made up around them, because a lenient reader would turn prose into decisions.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::summary::{ExtractiveSummarizer, Summarizer, SummaryTally};
use super::types::Level;
use crate::providers::{
    ChatModel, ChatParams, ChatRequest, Message, MeterLimits, MeteredChat, MeteredError,
};

/// How much one `add` or `consolidate` may spend on model calls (per process when the model is
/// installed piecemeal with `with_summarizer` / `with_judge` instead of `with_model`).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelBudget {
    /// Calls in all (summaries and judgements); past it the fallbacks are used.
    pub max_calls: usize,
    /// Tokens of one reply.
    pub max_tokens: u32,
    /// Money in US dollars (`[rlm] max_cost_usd`); `None`: no cap beyond `max_calls`.
    pub max_cost_usd: Option<f64>,
}

/// Characters of one source text put into a prompt (the rest is cut with a marker).
const MAX_SOURCE_CHARS: usize = 2_000;
/// Characters of all source texts of one summary prompt.
const MAX_PROMPT_CHARS: usize = 16_000;
/// Characters of a summary accepted from the model; a longer one is not a summary.
const MAX_SUMMARY_CHARS: usize = 4_000;
/// Characters of a reply quoted in a note.
const QUOTE_CHARS: usize = 120;

const SUMMARY_SYSTEM: &str = "You consolidate the memory of a software project's assistants. \
You are given related memories (notes, questions, answers, findings, or earlier summaries). \
Write one faithful summary of what they say in at most five sentences: keep names, paths, \
numbers and decisions exactly; add nothing that is not in them. \
Answer with one JSON object and nothing else: {\"summary\": \"...\"}";

const JUDGE_SYSTEM: &str = "You check a project's shared memory for contradictions. You are \
given a STORED memory and a NEW one. They contradict when both cannot be true at once about the \
same thing (a changed value, a reversed decision, a denied claim); different topics or added \
detail are not contradictions. Answer with one JSON object and nothing else: \
{\"contradicts\": true or false, \"reason\": \"one sentence\"}";

/// A chat model with a budget, shared by the summariser and the judge of one store.
pub struct MemoryModel {
    /// The blocking, metered adapter every synchronous model user shares: calls block on its
    /// own small runtime, so the store can be used from synchronous code and from inside an
    /// async server alike.
    chat: MeteredChat,
    budget: ModelBudget,
}

impl std::fmt::Debug for MemoryModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryModel")
            .field("model", &self.chat.name())
            .field("budget", &self.budget)
            .finish()
    }
}

impl MemoryModel {
    pub fn new(model: Arc<dyn ChatModel>, budget: ModelBudget) -> std::io::Result<MemoryModel> {
        let limits = MeterLimits {
            max_calls: Some(budget.max_calls),
            max_cost_usd: budget.max_cost_usd,
        };
        Ok(MemoryModel {
            chat: MeteredChat::new(model, limits)?,
            budget,
        })
    }

    /// The model string, e.g. `openai:gpt-4o-mini`.
    pub fn name(&self) -> &str {
        self.chat.name()
    }

    /// Starts a new budget: [`MemoryStore::with_model`](super::MemoryStore::with_model) calls
    /// it at the start of every `add` and `consolidate`, so the budget is per operation and a
    /// long-lived server does not run dry.
    pub fn reset_budget(&self) {
        self.chat.reset();
    }

    /// Calls made so far.
    pub fn calls(&self) -> usize {
        self.chat.spent().calls
    }

    /// One call: the reply's text, or why there is none (budget, provider error).
    fn ask(&self, system: &str, user: String) -> Result<String, String> {
        let request = ChatRequest {
            messages: vec![Message::system(system), Message::user(user)],
            params: ChatParams {
                max_tokens: self.budget.max_tokens,
                temperature: Some(0.0),
            },
        };
        match self.chat.chat(&request) {
            Ok(reply) => Ok(reply.text),
            Err(MeteredError::OverCalls { max }) => Err(format!(
                "model budget spent ({max} calls; [memory] model_max_calls)"
            )),
            Err(MeteredError::OverMoney { spent, max }) => Err(format!(
                "model budget spent (${spent:.4} of ${max:.4}; [rlm] max_cost_usd)"
            )),
            Err(other) => Err(other.to_string()),
        }
    }
}

/// Reads a reply that must be exactly one JSON object (optionally in a code fence).
fn strict_object<T: serde::de::DeserializeOwned>(reply: &str) -> Result<T, String> {
    let mut text = reply.trim();
    if let Some(inner) = text.strip_prefix("```") {
        let inner = inner.strip_prefix("json").unwrap_or(inner);
        text = inner.strip_suffix("```").unwrap_or(inner).trim();
    }
    serde_json::from_str(text).map_err(|_| {
        let quoted: String = reply.trim().chars().take(QUOTE_CHARS).collect();
        format!("the reply is not the JSON object asked for: {quoted:?}")
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryReply {
    summary: String,
}

/// Reads a summary reply; `Err` says why it is not one.
pub(crate) fn parse_summary(reply: &str) -> Result<String, String> {
    let parsed: SummaryReply = strict_object(reply)?;
    let summary = parsed.summary.trim();
    if summary.is_empty() {
        return Err("the model returned an empty summary".into());
    }
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        return Err(format!(
            "the model's summary is over {MAX_SUMMARY_CHARS} characters"
        ));
    }
    Ok(summary.to_string())
}

/// The model's verdict on one pair of memories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    pub contradicts: bool,
    pub reason: String,
}

/// Reads a judgement reply; `Err` says why there is no judgement.
pub(crate) fn parse_judgement(reply: &str) -> Result<Judgement, String> {
    let judgement: Judgement = strict_object(reply)?;
    Ok(Judgement {
        contradicts: judgement.contradicts,
        reason: judgement.reason.trim().to_string(),
    })
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push_str(" [...]");
    out
}

/// Summaries written by the model, extractive where it cannot give one.
pub struct ModelSummarizer {
    model: Arc<MemoryModel>,
    fallback: ExtractiveSummarizer,
    tally: Mutex<SummaryTally>,
}

impl ModelSummarizer {
    pub fn new(model: Arc<MemoryModel>) -> ModelSummarizer {
        ModelSummarizer {
            model,
            fallback: ExtractiveSummarizer::default(),
            tally: Mutex::new(SummaryTally::default()),
        }
    }

    fn prompt(level: Level, texts: &[&str]) -> String {
        let mut out = format!(
            "Summarise these {} memories into one {level} summary.\n",
            texts.len()
        );
        let mut used = 0;
        for (i, text) in texts.iter().enumerate() {
            let text = cut(text, MAX_SOURCE_CHARS);
            used += text.len();
            if used > MAX_PROMPT_CHARS {
                out.push_str(&format!("({} more memories not shown)\n", texts.len() - i));
                break;
            }
            out.push_str(&format!("\n[{}]\n{text}\n", i + 1));
        }
        out
    }
}

impl Summarizer for ModelSummarizer {
    fn name(&self) -> String {
        format!("model {}", self.model.name())
    }

    fn summarize(&self, level: Level, texts: &[&str]) -> Result<String, String> {
        let written = self
            .model
            .ask(SUMMARY_SYSTEM, Self::prompt(level, texts))
            .and_then(|reply| parse_summary(&reply));
        let mut tally = self
            .tally
            .lock()
            .map_err(|_| "the summary tally is unavailable".to_string())?;
        match written {
            Ok(summary) => {
                tally.by_model += 1;
                Ok(summary)
            }
            Err(why) => {
                tracing::warn!("{level} summary falls back to extractive: {why}");
                tally.fell_back += 1;
                tally.last_fallback_reason = Some(why);
                drop(tally);
                self.fallback.summarize(level, texts)
            }
        }
    }

    fn take_tally(&self) -> Option<SummaryTally> {
        self.tally.lock().ok().map(|mut t| std::mem::take(&mut *t))
    }
}

/// Decides whether a new memory contradicts a stored one.
pub trait ContradictionJudge: Send + Sync {
    /// Shown in reports, e.g. `model openai:gpt-4o-mini`.
    fn name(&self) -> String;
    /// A judgement, or why none could be made (the caller raises no conflict then).
    fn judge(&self, stored: &str, incoming: &str) -> Result<Judgement, String>;
}

/// The judge that asks the configured model.
pub struct ModelJudge {
    model: Arc<MemoryModel>,
}

impl ModelJudge {
    pub fn new(model: Arc<MemoryModel>) -> ModelJudge {
        ModelJudge { model }
    }
}

impl ContradictionJudge for ModelJudge {
    fn name(&self) -> String {
        format!("model {}", self.model.name())
    }

    fn judge(&self, stored: &str, incoming: &str) -> Result<Judgement, String> {
        let prompt = format!(
            "STORED:\n{}\n\nNEW:\n{}\n",
            cut(stored, MAX_SOURCE_CHARS),
            cut(incoming, MAX_SOURCE_CHARS)
        );
        let reply = self.model.ask(JUDGE_SYSTEM, prompt)?;
        parse_judgement(&reply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_replies_are_read_strictly() {
        assert_eq!(
            parse_summary("{\"summary\": \"  Deploys use make release.  \"}"),
            Ok("Deploys use make release.".to_string())
        );
        assert_eq!(
            parse_summary("```json\n{\"summary\": \"A.\"}\n```"),
            Ok("A.".to_string())
        );
        assert_eq!(
            parse_summary("Sure! Here it is: {\"summary\": \"A.\"}"),
            Err("the reply is not the JSON object asked for: \"Sure! Here it is: {\\\"summary\\\": \\\"A.\\\"}\"".to_string())
        );
        assert_eq!(
            parse_summary("{\"summary\": \" \"}"),
            Err("the model returned an empty summary".to_string())
        );
        assert!(parse_summary("{\"summary\": \"A.\", \"extra\": 1}").is_err());
        assert!(parse_summary("{\"text\": \"A.\"}").is_err());
    }

    #[test]
    fn judgement_replies_need_a_boolean_and_a_reason() {
        assert_eq!(
            parse_judgement("{\"contradicts\": true, \"reason\": \"port changed\"}"),
            Ok(Judgement {
                contradicts: true,
                reason: "port changed".into()
            })
        );
        for garbage in [
            "yes",
            "{\"contradicts\": \"yes\", \"reason\": \"r\"}",
            "{\"contradicts\": true}",
            "{\"contradicts\": true, \"reason\": \"r\"} and more",
            "",
        ] {
            assert!(parse_judgement(garbage).is_err(), "{garbage:?}");
        }
    }
}
