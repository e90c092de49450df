//! [`MeteredChat`]: a chat model called from synchronous code, with a meter of calls and money.
//!
//! Memory (summaries, contradiction judgements) and audit triage each make one direct model
//! call at a time from synchronous code that may itself run inside an async server. Both need
//! the same three things: block on the async [`ChatModel`] without touching the caller's
//! runtime, count what was spent (a cached reply costs nothing), and refuse a call once a cap
//! on calls or money is reached. This is that adapter, once. The RLM loop keeps its own
//! [`Ledger`](crate::rlm::budget::Ledger): it is async already and meters tokens, depth and
//! time as well.

use super::{ChatModel, ChatRequest, ChatResponse, ProviderError};
use std::sync::{Arc, Mutex};

/// Caps on what one meter may spend; `None` is no cap.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeterLimits {
    pub max_calls: Option<usize>,
    pub max_cost_usd: Option<f64>,
}

/// What a meter has spent since it was made or last reset.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spent {
    pub calls: usize,
    pub usd: f64,
}

/// Why a metered call did not return a reply.
#[derive(Debug, thiserror::Error)]
pub enum MeteredError {
    #[error("model budget spent ({max} calls)")]
    OverCalls { max: usize },
    #[error("model budget spent (${spent:.4} of ${max:.4})")]
    OverMoney { spent: f64, max: f64 },
    #[error(transparent)]
    Provider(#[from] ProviderError),
    #[error("the model call panicked")]
    Panicked,
    #[error("the model meter is unavailable (a call panicked while holding it)")]
    Poisoned,
}

/// A chat model with a blocking `chat` and a meter.
pub struct MeteredChat {
    model: Arc<dyn ChatModel>,
    limits: MeterLimits,
    /// Calls block on this small runtime, on a scoped helper thread, so `chat` works from plain
    /// synchronous code and from a thread that is already inside another runtime alike.
    runtime: tokio::runtime::Runtime,
    spent: Mutex<Spent>,
}

impl std::fmt::Debug for MeteredChat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MeteredChat")
            .field("model", &self.model.name())
            .field("limits", &self.limits)
            .finish()
    }
}

impl MeteredChat {
    /// Fails only when the operating system refuses the runtime's threads or timers.
    pub fn new(model: Arc<dyn ChatModel>, limits: MeterLimits) -> std::io::Result<MeteredChat> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(MeteredChat {
            model,
            limits,
            runtime,
            spent: Mutex::new(Spent::default()),
        })
    }

    /// The model string, e.g. `openai:gpt-4o-mini`.
    pub fn name(&self) -> &str {
        self.model.name()
    }

    pub fn limits(&self) -> MeterLimits {
        self.limits
    }

    /// What was spent so far.
    pub fn spent(&self) -> Spent {
        self.spent.lock().map(|s| *s).unwrap_or_default()
    }

    /// Starts the meter again from nothing (a new operation's budget).
    pub fn reset(&self) {
        if let Ok(mut spent) = self.spent.lock() {
            *spent = Spent::default();
        }
    }

    /// True when the next call would be refused.
    pub fn exhausted(&self) -> bool {
        self.check(&self.spent()).is_err()
    }

    fn check(&self, spent: &Spent) -> Result<(), MeteredError> {
        if let Some(max) = self.limits.max_calls
            && spent.calls >= max
        {
            return Err(MeteredError::OverCalls { max });
        }
        if let Some(max) = self.limits.max_cost_usd
            && spent.usd >= max
        {
            return Err(MeteredError::OverMoney {
                spent: spent.usd,
                max,
            });
        }
        Ok(())
    }

    /// One call, blocking until the reply; refused without a call once a cap is reached. A call
    /// counts when it is made (a failed call still used the budget), its money when it returns.
    pub fn chat(&self, request: &ChatRequest) -> Result<ChatResponse, MeteredError> {
        {
            let mut spent = self.spent.lock().map_err(|_| MeteredError::Poisoned)?;
            self.check(&spent)?;
            spent.calls += 1;
        }
        let reply = std::thread::scope(|scope| {
            scope
                .spawn(|| self.runtime.block_on(self.model.chat(request)))
                .join()
        })
        .map_err(|_| MeteredError::Panicked)??;
        if !reply.cached
            && let Ok(mut spent) = self.spent.lock()
        {
            spent.usd += reply.cost_usd.unwrap_or(0.0);
        }
        Ok(reply)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::providers::fake_server::{FakeReply, FakeServer, Script};
    use crate::providers::{ChatParams, Message, ProvidersConfig, build_model};

    fn request() -> ChatRequest {
        ChatRequest {
            messages: vec![Message::user("hello")],
            params: ChatParams {
                max_tokens: 16,
                temperature: Some(0.0),
            },
        }
    }

    fn model_on(server: &FakeServer) -> Arc<dyn ChatModel> {
        let mut providers = ProvidersConfig {
            retry_base_ms: 5,
            max_retries: 0,
            timeout_secs: 10,
            ..ProvidersConfig::default()
        };
        server.route_openai_compatible(&mut providers);
        build_model("openai-compatible:http://fake/v1#meter", &providers, None).unwrap()
    }

    fn server(replies: &[&str]) -> FakeServer {
        let replies: Vec<FakeReply> = replies.iter().map(|r| FakeReply::text(*r)).collect();
        FakeServer::scripted(Script::new().replies("meter", replies)).unwrap()
    }

    #[test]
    fn metered_chat_counts_calls_and_refuses_past_its_cap_without_calling() {
        let server = server(&["one", "two"]);
        let limits = MeterLimits {
            max_calls: Some(2),
            max_cost_usd: None,
        };
        let meter = MeteredChat::new(model_on(&server), limits).unwrap();
        assert_eq!(meter.chat(&request()).unwrap().text, "one");
        assert_eq!(meter.chat(&request()).unwrap().text, "two");
        assert!(meter.exhausted());
        let refused = meter.chat(&request()).unwrap_err();
        assert_eq!(refused.to_string(), "model budget spent (2 calls)");
        assert_eq!(server.requests().len(), 2);
        meter.reset();
        assert_eq!(meter.spent(), Spent::default());
        assert!(!meter.exhausted());
    }

    #[test]
    fn metered_chat_blocks_from_inside_another_runtime() {
        let server = server(&["inside"]);
        let meter = MeteredChat::new(model_on(&server), MeterLimits::default()).unwrap();
        let outer = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let text = outer.block_on(async { meter.chat(&request()).unwrap().text });
        assert_eq!(text, "inside");
        assert_eq!(meter.spent().calls, 1);
    }

    #[test]
    fn metered_chat_reports_the_provider_error_and_still_counts_the_call() {
        let server = FakeServer::scripted(
            Script::new().replies("meter", [FakeReply::status(400, "bad request body")]),
        )
        .unwrap();
        let meter = MeteredChat::new(model_on(&server), MeterLimits::default()).unwrap();
        let error = meter.chat(&request()).unwrap_err();
        assert!(matches!(error, MeteredError::Provider(_)), "{error}");
        assert_eq!(meter.spent().calls, 1);
    }
}
