//! Budgets and the ledger that enforces them across the whole tree of a run: the root loop and
//! every child `rlm_query` share one [`Ledger`], so `max_cost`, `max_tokens`, `max_subcalls` and
//! wall time bound the run as a whole; `max_iterations` bounds each loop. The first budget
//! crossed is remembered and ends the run after the step in flight, with that reason.

use super::StopReason;
use crate::providers::ChatResponse;
use serde::Serialize;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// The limits of one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budgets {
    /// Model turns per loop (the last one asks for the best final answer).
    pub max_iterations: u32,
    /// How deep `rlm_query` may recurse (0: it falls back to `llm_query`).
    pub max_depth: u32,
    /// Sub-calls across the run (each prompt of a batch counts).
    pub max_subcalls: u32,
    /// US dollars across the run, from reported usage and the price table.
    pub max_cost_usd: Option<f64>,
    /// Input plus output tokens across the run.
    pub max_tokens: Option<u64>,
    /// Wall time of the run.
    #[serde(serialize_with = "serialize_secs")]
    pub max_wall: Option<Duration>,
    /// Sub-calls in flight at once (`llm_query_batched`).
    pub max_parallel: usize,
}

fn serialize_secs<S: serde::Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&d.as_secs_f64()),
        None => s.serialize_none(),
    }
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            max_iterations: 20,
            max_depth: 1,
            max_subcalls: 200,
            max_cost_usd: None,
            max_tokens: None,
            max_wall: Some(super::DEFAULT_WALL),
            max_parallel: 8,
        }
    }
}

/// Running totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cost_usd: f64,
    pub cost_known: bool,
    pub subcalls: u32,
    pub model_time: Duration,
    pub max_depth_reached: u32,
}

/// The shared ledger of a run.
#[derive(Debug)]
pub struct Ledger {
    pub budgets: Budgets,
    pub started: Instant,
    pub cancel: CancellationToken,
    state: Mutex<(Totals, Option<StopReason>)>,
}

impl Ledger {
    pub fn new(budgets: Budgets, cancel: CancellationToken) -> Ledger {
        Ledger {
            budgets,
            started: Instant::now(),
            cancel,
            state: Mutex::new((
                Totals {
                    cost_known: true,
                    ..Totals::default()
                },
                None,
            )),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Totals, &mut Option<StopReason>) -> T) -> T {
        let mut guard = match self.state.lock() {
            Ok(guard) => guard,
            // A panic elsewhere cannot leave the totals half-written (plain numbers); keep going.
            Err(poisoned) => poisoned.into_inner(),
        };
        let (totals, exceeded) = &mut *guard;
        f(totals, exceeded)
    }

    pub fn totals(&self) -> Totals {
        self.with(|t, _| t.clone())
    }

    /// Books a model reply and notes a cost or token budget it crossed.
    pub fn record(&self, response: &ChatResponse, elapsed: Duration) {
        let budgets = &self.budgets;
        self.with(|t, exceeded| {
            t.input_tokens += response.usage.input_tokens;
            t.output_tokens += response.usage.output_tokens;
            t.model_time += elapsed;
            match response.cost_usd {
                Some(cost) => t.cost_usd += cost,
                None => t.cost_known = false,
            }
            if exceeded.is_none() {
                if budgets.max_cost_usd.is_some_and(|max| t.cost_usd > max) {
                    *exceeded = Some(StopReason::MaxCost);
                } else if budgets
                    .max_tokens
                    .is_some_and(|max| t.input_tokens + t.output_tokens > max)
                {
                    *exceeded = Some(StopReason::MaxTokens);
                }
            }
        });
    }

    /// Notes the time of a failed model call.
    pub fn record_time(&self, elapsed: Duration) {
        self.with(|t, _| t.model_time += elapsed);
    }

    pub fn reached_depth(&self, depth: u32) {
        self.with(|t, _| t.max_depth_reached = t.max_depth_reached.max(depth));
    }

    /// Reserves `n` sub-calls; returns the number of the first, or the reason to refuse.
    pub fn take_subcalls(&self, n: u32) -> Result<u32, StopReason> {
        if let Some(reason) = self.stop_reason() {
            return Err(reason);
        }
        let max = self.budgets.max_subcalls;
        self.with(|t, exceeded| {
            if t.subcalls + n > max {
                exceeded.get_or_insert(StopReason::MaxSubcalls);
                return Err(StopReason::MaxSubcalls);
            }
            t.subcalls += n;
            Ok(t.subcalls - n + 1)
        })
    }

    /// Why the run must stop now, if it must.
    pub fn stop_reason(&self) -> Option<StopReason> {
        if self.cancel.is_cancelled() {
            return Some(StopReason::Cancelled);
        }
        if let Some(reason) = self.with(|_, exceeded| exceeded.clone()) {
            return Some(reason);
        }
        if self.remaining_wall() == Some(Duration::ZERO) {
            return Some(StopReason::WallTime);
        }
        None
    }

    /// Time left before the wall-time budget (None: unbounded).
    pub fn remaining_wall(&self) -> Option<Duration> {
        self.budgets
            .max_wall
            .map(|max| max.saturating_sub(self.started.elapsed()))
    }

    /// One line for the model about what is left.
    pub fn remaining_line(&self, iterations_left: u32) -> String {
        let t = self.totals();
        let mut parts = vec![format!("{iterations_left} iterations left")];
        parts.push(format!(
            "{} of {} sub-calls left",
            self.budgets.max_subcalls.saturating_sub(t.subcalls),
            self.budgets.max_subcalls
        ));
        if let Some(max) = self.budgets.max_cost_usd {
            parts.push(format!("${:.4} of ${max:.4} left", (max - t.cost_usd).max(0.0)));
        }
        if let Some(left) = self.remaining_wall() {
            parts.push(format!("{} s of wall time left", left.as_secs()));
        }
        format!("Budget: {}.", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::Usage;

    fn reply(cost: Option<f64>, tokens: u64) -> ChatResponse {
        ChatResponse {
            text: String::new(),
            usage: Usage {
                input_tokens: tokens,
                output_tokens: 0,
            },
            cost_usd: cost,
            cached: false,
        }
    }

    #[test]
    fn cost_over_budget_stops_the_run_and_unknown_prices_are_flagged() {
        let ledger = Ledger::new(
            Budgets {
                max_cost_usd: Some(0.01),
                ..Budgets::default()
            },
            CancellationToken::new(),
        );
        ledger.record(&reply(Some(0.006), 10), Duration::from_millis(5));
        assert_eq!(ledger.stop_reason(), None);
        ledger.record(&reply(None, 10), Duration::from_millis(5));
        ledger.record(&reply(Some(0.006), 10), Duration::from_millis(5));
        assert_eq!(ledger.stop_reason(), Some(StopReason::MaxCost));
        let totals = ledger.totals();
        assert_eq!((totals.input_tokens, totals.cost_known), (30, false));
    }

    #[test]
    fn subcalls_are_numbered_and_refused_past_the_budget() {
        let ledger = Ledger::new(
            Budgets {
                max_subcalls: 3,
                ..Budgets::default()
            },
            CancellationToken::new(),
        );
        assert_eq!(ledger.take_subcalls(2), Ok(1));
        assert_eq!(ledger.take_subcalls(2), Err(StopReason::MaxSubcalls));
        assert_eq!(ledger.stop_reason(), Some(StopReason::MaxSubcalls));
    }

    #[test]
    fn cancellation_wins_over_every_budget() {
        let cancel = CancellationToken::new();
        let ledger = Ledger::new(Budgets::default(), cancel.clone());
        cancel.cancel();
        assert_eq!(ledger.stop_reason(), Some(StopReason::Cancelled));
    }
}
