//! The [`Triager`] that asks a chat model: one request per finding with the finding, its rule's
//! documentation and the code around it, answered with a verdict, a reason and an exploit path.
//!
//! One direct model call per finding (not a full RLM loop over the repository): a finding is
//! local, the lines around it and the rule's own explanation are what a reviewer reads first,
//! and a single call keeps `--triage` predictable in cost (`[audit.triage]` caps findings and
//! tokens, `[rlm] max_cost_usd` caps money). Findings whose verdict needs other files come back
//! `uncertain` with the model's reason, which is the honest answer from this much context.
//!
//! Replies are read leniently: a JSON object anywhere in the text, else `verdict:` lines; a
//! reply that says neither is an `uncertain` verdict with a note, never an error.

use super::catalog::RuleSet;
use super::model::{Finding, Verdict, VerdictKind};
use super::rule::DocSpec;
use super::triage::{TriageContext, TriageError, TriageOutcome, Triager};
use crate::providers::{ChatModel, ChatParams, ChatRequest, Message, MeterLimits, MeteredChat};
use std::collections::HashMap;
use std::sync::Arc;

/// Lines of code shown above and below the finding.
const CONTEXT_LINES: usize = 25;
/// How much of a reply that could not be read is quoted in the note.
const QUOTE_CHARS: usize = 200;

const SYSTEM_PROMPT: &str = "You are a security reviewer triaging findings of a static analyser. \
For the finding you are shown, decide whether it is a real, exploitable vulnerability \
(true_positive), not one (false_positive: the input is not attacker-controlled, it is sanitised, \
or the code is a test or dead), or cannot be decided from the code shown (uncertain). \
Answer with one JSON object and nothing else: \
{\"verdict\": \"true_positive\" | \"false_positive\" | \"uncertain\", \"reason\": \"one or two sentences\", \
\"exploit_path\": \"how an attacker reaches the sink, or empty\"}";

/// Asks `model` about each finding; stops spending once `max_cost_usd` is reached.
pub struct ModelTriager {
    chat: MeteredChat,
    docs: HashMap<String, DocSpec>,
}

impl ModelTriager {
    /// `rules` supplies each finding's documentation; `max_cost_usd` is the `[rlm]` money cap.
    pub fn new(
        model: Arc<dyn ChatModel>,
        rules: &RuleSet,
        max_cost_usd: Option<f64>,
    ) -> std::io::Result<ModelTriager> {
        let limits = MeterLimits {
            max_calls: None,
            max_cost_usd,
        };
        Ok(ModelTriager {
            chat: MeteredChat::new(model, limits)?,
            docs: rules
                .rules()
                .iter()
                .map(|r| (r.spec.id.clone(), r.spec.doc.clone()))
                .collect(),
        })
    }

    /// Money spent so far (USD), as the provider or the price table reported it.
    pub fn spent_usd(&self) -> f64 {
        self.chat.spent().usd
    }

    fn prompt(&self, finding: &Finding, context: &TriageContext<'_>) -> String {
        let mut text = format!(
            "Finding: {} ({}), severity {}, confidence {}{}\nFile: {} line {}\nMessage: {}\n",
            finding.rule_id,
            finding.title,
            finding.severity,
            finding.confidence,
            finding
                .cwe
                .map(|c| format!(", CWE-{c}"))
                .unwrap_or_default(),
            finding.path,
            finding.span.start.line,
            finding.message
        );
        if let Some(source) = &finding.source {
            text.push_str(&format!(
                "Taint source: {} (line {})\n",
                source.text, source.line
            ));
        }
        if let Some(doc) = self.docs.get(&finding.rule_id) {
            text.push_str(&format!(
                "\nRule documentation:\nWhat it finds: {}\nWhy it is bad: {}\n",
                doc.what, doc.why
            ));
            if !doc.fix.is_empty() {
                text.push_str(&format!("Fix: {}\n", doc.fix));
            }
        }
        match std::fs::read(context.root.join(&finding.path)) {
            Ok(bytes) => {
                let source = String::from_utf8_lossy(&bytes);
                let line = finding.span.start.line.max(1);
                let first = line.saturating_sub(CONTEXT_LINES).max(1);
                let last = finding.span.end.line.max(line) + CONTEXT_LINES;
                text.push_str(&format!(
                    "\nCode ({} lines {first}-{}; the finding is marked >>):\n```\n",
                    finding.path,
                    last.min(source.lines().count().max(first))
                ));
                for (n, l) in source.lines().enumerate() {
                    let n = n + 1;
                    if n < first || n > last {
                        continue;
                    }
                    let mark = if n >= line && n <= finding.span.end.line.max(line) {
                        ">>"
                    } else {
                        "  "
                    };
                    text.push_str(&format!("{mark}{n:>5} | {l}\n"));
                }
                text.push_str("```\n");
            }
            Err(e) => text.push_str(&format!(
                "\n(the file could not be read: {e}; the flagged line is: {})\n",
                finding.snippet
            )),
        }
        text
    }
}

impl Triager for ModelTriager {
    fn triage(
        &mut self,
        finding: &Finding,
        context: &TriageContext<'_>,
    ) -> Result<TriageOutcome, TriageError> {
        let request = ChatRequest {
            messages: vec![
                Message::system(SYSTEM_PROMPT),
                Message::user(self.prompt(finding, context)),
            ],
            params: ChatParams {
                max_tokens: 1024,
                temperature: Some(0.0),
            },
        };
        let response = self.chat.chat(&request).map_err(|e| TriageError {
            rule_id: finding.rule_id.clone(),
            path: finding.path.clone(),
            line: finding.span.start.line,
            message: e.to_string(),
        })?;
        Ok(TriageOutcome {
            verdict: parse_verdict(&response.text),
            tokens: response.usage.input_tokens + response.usage.output_tokens,
        })
    }

    fn exhausted(&self) -> bool {
        self.chat.exhausted()
    }
}

/// Reads a verdict out of a model's reply; anything unreadable is `uncertain` with a note.
pub fn parse_verdict(reply: &str) -> Verdict {
    if let Some(verdict) = parse_json(reply) {
        return verdict;
    }
    if let Some(verdict) = parse_lines(reply) {
        return verdict;
    }
    let quoted: String = reply.trim().chars().take(QUOTE_CHARS).collect();
    Verdict {
        verdict: VerdictKind::Uncertain,
        reason: format!("the model's reply could not be read as a verdict: {quoted:?}"),
    }
}

fn kind(word: &str) -> Option<VerdictKind> {
    let word = word
        .trim()
        .trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-' && c != ' ')
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '-'], "_");
    match word.as_str() {
        "true_positive" | "tp" | "vulnerable" => Some(VerdictKind::TruePositive),
        "false_positive" | "fp" | "not_vulnerable" => Some(VerdictKind::FalsePositive),
        "uncertain" | "unknown" | "unsure" => Some(VerdictKind::Uncertain),
        _ => None,
    }
}

fn with_exploit(reason: &str, exploit: &str) -> String {
    let reason = reason.trim();
    let exploit = exploit.trim();
    match (reason.is_empty(), exploit.is_empty()) {
        (_, true) => reason.to_string(),
        (true, false) => format!("Exploit path: {exploit}"),
        (false, false) => format!("{reason} Exploit path: {exploit}"),
    }
}

fn parse_json(reply: &str) -> Option<Verdict> {
    // Every `{` is tried as the start of an object, so prose or code fences around it do not matter.
    for (start, _) in reply.match_indices('{') {
        let mut stream =
            serde_json::Deserializer::from_str(&reply[start..]).into_iter::<serde_json::Value>();
        let Some(Ok(value)) = stream.next() else {
            continue;
        };
        let Some(verdict) = value.get("verdict").and_then(|v| v.as_str()).and_then(kind) else {
            continue;
        };
        let text = |key: &str| {
            value
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        return Some(Verdict {
            verdict,
            reason: with_exploit(&text("reason"), &text("exploit_path")),
        });
    }
    None
}

fn parse_lines(reply: &str) -> Option<Verdict> {
    let mut verdict = None;
    let mut reason = String::new();
    let mut exploit = String::new();
    for line in reply.lines() {
        let line = line.trim().trim_start_matches(['*', '-', '#', ' ']);
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        match key
            .trim()
            .trim_matches('*')
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "verdict" => verdict = verdict.or_else(|| kind(value)),
            "reason" => reason = value.trim().to_string(),
            "exploit_path" | "exploit" => exploit = value.trim().to_string(),
            _ => {}
        }
    }
    verdict.map(|verdict| Verdict {
        verdict,
        reason: with_exploit(&reason, &exploit),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_reply_in_prose_and_fences_gives_the_verdict_with_its_exploit_path() {
        let reply = "Here is my answer:\n```json\n{\"verdict\": \"true_positive\", \"reason\": \"name reaches the query\", \"exploit_path\": \"GET /user?name=' OR 1=1\"}\n```";
        assert_eq!(
            parse_verdict(reply),
            Verdict {
                verdict: VerdictKind::TruePositive,
                reason: "name reaches the query Exploit path: GET /user?name=' OR 1=1".into(),
            }
        );
    }

    #[test]
    fn verdict_lines_are_read_when_there_is_no_json() {
        let reply = "**Verdict:** false positive\nReason: the value is a constant\n";
        assert_eq!(
            parse_verdict(reply),
            Verdict {
                verdict: VerdictKind::FalsePositive,
                reason: "the value is a constant".into(),
            }
        );
    }

    #[test]
    fn garbage_reply_is_uncertain_with_a_note_quoting_it() {
        let verdict = parse_verdict("I like turtles {not json");
        assert_eq!(
            verdict,
            Verdict {
                verdict: VerdictKind::Uncertain,
                reason:
                    "the model's reply could not be read as a verdict: \"I like turtles {not json\""
                        .into(),
            }
        );
    }
}
