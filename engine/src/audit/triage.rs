//! Triage: a model reads a finding with the repository as context and says whether it is a true
//! or false positive, and why.
//!
//! The audit side is this trait and the budgeted loop around it; the implementation that runs
//! the RLM loop lives with that loop and is plugged in by the faces. Findings are triaged most
//! severe first, so a budget that runs out leaves the least important ones untriaged (they keep
//! `triage: None` and are counted in [`TriageSummary::skipped`]).

use super::model::{Finding, Verdict};
use serde::Deserialize;
use std::path::Path;

/// What a triager sees besides the finding.
pub struct TriageContext<'a> {
    /// The workspace root the finding's path is relative to.
    pub root: &'a Path,
}

/// One triage answer and what it cost.
#[derive(Debug, Clone, PartialEq)]
pub struct TriageOutcome {
    pub verdict: Verdict,
    /// Model tokens spent (prompt and completion).
    pub tokens: u64,
}

/// A triage that could not be made (model unreachable, malformed answer).
#[derive(Debug, thiserror::Error)]
#[error("triage of {rule_id} at {path}:{line} failed: {message}")]
pub struct TriageError {
    pub rule_id: String,
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// Decides true/false positive for one finding.
pub trait Triager {
    fn triage(
        &mut self,
        finding: &Finding,
        context: &TriageContext<'_>,
    ) -> Result<TriageOutcome, TriageError>;

    /// True once the triager's own budget (money, for a model) is spent: the remaining
    /// findings are skipped as if the loop's budget had run out.
    fn exhausted(&self) -> bool {
        false
    }
}

/// Caps on what `--triage` may spend (`[audit.triage]`).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct TriageBudget {
    /// At most this many findings go to the model.
    pub max_findings: usize,
    /// Stop once this many tokens have been spent in total.
    pub max_tokens: u64,
}

impl Default for TriageBudget {
    fn default() -> Self {
        TriageBudget {
            max_findings: 25,
            max_tokens: 400_000,
        }
    }
}

/// What a triage run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TriageSummary {
    pub triaged: usize,
    /// Left untriaged because the budget ran out.
    pub skipped: usize,
    pub tokens: u64,
    pub errors: Vec<String>,
}

/// Triages `findings` in place, most severe first, within `budget`.
pub fn triage_findings(
    findings: &mut [Finding],
    triager: &mut dyn Triager,
    budget: &TriageBudget,
    context: &TriageContext<'_>,
) -> TriageSummary {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(findings[i].severity),
            std::cmp::Reverse(findings[i].confidence),
            i,
        )
    });
    let mut summary = TriageSummary::default();
    for i in order {
        if summary.triaged + summary.errors.len() >= budget.max_findings
            || summary.tokens >= budget.max_tokens
            || triager.exhausted()
        {
            summary.skipped += 1;
            continue;
        }
        match triager.triage(&findings[i], context) {
            Ok(outcome) => {
                summary.tokens += outcome.tokens;
                summary.triaged += 1;
                findings[i].triage = Some(outcome.verdict);
            }
            Err(e) => summary.errors.push(e.to_string()),
        }
    }
    summary
}
