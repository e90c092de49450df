//! Language-model providers: one async trait, [`ChatModel`], and its HTTP implementations.
//!
//! The RLM loop only ever needs "send these chat messages, get text and usage back", so that is
//! the whole trait. Every provider the project supports speaks one of four wire formats:
//! OpenAI-compatible chat completions (with named presets for the many services that copy it),
//! Anthropic Messages, Gemini `generateContent` and Ollama's native `/api/chat`. The formats are
//! pure functions in [`wire`] (request body in, response text and usage out), so they are unit
//! tested without a network; [`http`] owns everything that touches one: rustls, timeouts,
//! retries with backoff and jitter, and the errors a user can act on.
//!
//! Models are named by strings such as `openai:gpt-4o`, `anthropic:claude-sonnet-4-5`,
//! `ollama:qwen3:8b` or `openai-compatible:http://127.0.0.1:8080/v1#model` ([`spec`]). API keys
//! come from environment variables or the `[providers]` config section and live in [`ApiKey`],
//! whose `Debug` and `Display` never show the value. [`cache`] keeps responses in SQLite so
//! re-runs are cheap and repeatable; [`price`] turns usage into US dollars. `fake_server` is the
//! one allowed mock: a loopback HTTP server speaking every wire format, for tests and the
//! engine-overhead benchmark; it is built only with the `test-support` feature (and in the
//! engine's own unit tests), so a library user does not carry it.

pub mod cache;
pub mod config;
#[cfg(any(test, feature = "test-support"))]
pub mod fake_server;
pub mod http;
pub mod metered;
pub mod price;
pub mod spec;
pub mod wire;

pub use cache::{CachedModel, ResponseCache};
pub use config::ProvidersConfig;
pub use http::HttpModel;
pub use metered::{MeterLimits, MeteredChat, MeteredError};
pub use spec::{ModelSpec, WireFormat};

use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed future, so [`ChatModel`] stays object safe (`Arc<dyn ChatModel>`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Who said a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

/// One chat message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    pub fn system(content: impl Into<String>) -> Message {
        Message {
            role: Role::System,
            content: content.into(),
        }
    }
    pub fn user(content: impl Into<String>) -> Message {
        Message {
            role: Role::User,
            content: content.into(),
        }
    }
    pub fn assistant(content: impl Into<String>) -> Message {
        Message {
            role: Role::Assistant,
            content: content.into(),
        }
    }
}

/// Generation parameters: part of the cache key, so two runs with different settings never
/// share a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatParams {
    /// Upper bound on the reply's tokens.
    pub max_tokens: u32,
    /// Sampling temperature; `None` leaves the provider's default.
    pub temperature: Option<f32>,
}

impl Default for ChatParams {
    fn default() -> Self {
        ChatParams {
            max_tokens: 4096,
            temperature: Some(0.0),
        }
    }
}

/// A chat request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    pub messages: Vec<Message>,
    pub params: ChatParams,
}

/// Token counts a provider reported (zero where it reported none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub input_tokens: u64,
    pub output_tokens: u64,
}

/// A model's reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatResponse {
    pub text: String,
    pub usage: Usage,
    /// Cost in USD: the provider's own figure where the response carries one (OpenRouter),
    /// else from the price table; `None` when the model has no known price.
    pub cost_usd: Option<f64>,
    /// True when the reply came from the response cache (no money was spent on it).
    #[serde(default)]
    pub cached: bool,
}

/// Why a model call failed. Every message says what to do about it.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum ProviderError {
    #[error(
        "{provider} rejected the API key (HTTP {status}): set {env_var} to a valid key (or `api_key_env` under [providers.{provider}] in rlm.toml)"
    )]
    Auth {
        provider: String,
        status: u16,
        env_var: String,
    },
    #[error("no API key for {provider}: set the environment variable {env_var}")]
    MissingKey { provider: String, env_var: String },
    #[error(
        "{provider} does not know the model `{model}` (HTTP 404 from {url}): check the model name (for a local server, pull or load it first)"
    )]
    ModelNotFound {
        provider: String,
        model: String,
        url: String,
    },
    #[error(
        "cannot connect to {url}: {reason}. Is the server running? (for local models start it, e.g. `ollama serve` or `llama-server`, or set base_url under [providers.{provider}])"
    )]
    Connect {
        provider: String,
        url: String,
        reason: String,
    },
    #[error(
        "{provider} did not answer within {secs} s ({url}); raise timeout_secs under [providers]"
    )]
    Timeout {
        provider: String,
        url: String,
        secs: u64,
    },
    #[error("{provider} kept failing after {attempts} attempts (last: HTTP {status}: {body})")]
    RetriesExhausted {
        provider: String,
        attempts: u32,
        status: u16,
        body: String,
    },
    #[error("{provider} returned HTTP {status}: {body}")]
    Http {
        provider: String,
        status: u16,
        body: String,
    },
    #[error("{provider} sent a response that is not what its API promises: {message}")]
    Malformed { provider: String, message: String },
    #[error("the connection to {url} broke: {reason}")]
    Transport { url: String, reason: String },
    #[error("invalid model string `{spec}`: {message}")]
    BadSpec { spec: String, message: String },
    #[error("response cache: {0}")]
    Cache(String),
    #[error("cancelled")]
    Cancelled,
}

/// A chat model. Implementations are cheap to share (`Arc<dyn ChatModel>`).
pub trait ChatModel: Send + Sync {
    /// The canonical model string, e.g. `openai:gpt-4o`: what traces and the cache record.
    fn name(&self) -> &str;
    /// Sends one chat request.
    fn chat<'a>(
        &'a self,
        request: &'a ChatRequest,
    ) -> BoxFuture<'a, Result<ChatResponse, ProviderError>>;
}

/// Builds a model from its string, the `[providers]` config and the environment, with the
/// response cache in front of it when one is given.
pub fn build_model(
    spec: &str,
    config: &ProvidersConfig,
    cache: Option<Arc<ResponseCache>>,
) -> Result<Arc<dyn ChatModel>, ProviderError> {
    let spec = ModelSpec::parse(spec)?;
    let model: Arc<dyn ChatModel> = Arc::new(HttpModel::new(spec, config)?);
    Ok(match cache {
        Some(cache) => Arc::new(CachedModel::new(model, cache)),
        None => model,
    })
}

/// An API key. Neither `Debug` nor `Display` shows it, so it cannot leak into logs or traces
/// by accident; [`ApiKey::expose`] is the one way out, used when building a request.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(value: impl Into<String>) -> ApiKey {
        ApiKey(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl std::fmt::Display for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}
