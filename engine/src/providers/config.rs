//! The `[providers]` config section: timeouts, retries, per-provider endpoints and keys, and
//! price overrides. Every key has a default, so a hosted provider needs only its key in the
//! environment and a local one needs nothing.

use super::price::Price;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `[providers]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ProvidersConfig {
    /// Seconds one HTTP attempt may take, from connect to the last byte.
    pub timeout_secs: u64,
    /// Seconds to establish a connection.
    pub connect_timeout_secs: u64,
    /// Attempts after the first on 429, 5xx and broken connections.
    pub max_retries: u32,
    /// First backoff in milliseconds; doubled per attempt, with full jitter, capped at 30 s.
    /// A `Retry-After` header wins over it.
    pub retry_base_ms: u64,
    /// `[providers.prices]`: USD per million tokens, by model string (`openai:gpt-4o`) or bare
    /// model name (`gpt-4o`); these override the built-in table.
    pub prices: BTreeMap<String, Price>,
    /// `[providers.openai]`, `[providers.ollama]`, ...: per-provider endpoint and key.
    #[serde(flatten)]
    pub endpoints: BTreeMap<String, EndpointConfig>,
}

impl Default for ProvidersConfig {
    fn default() -> Self {
        ProvidersConfig {
            timeout_secs: 300,
            connect_timeout_secs: 10,
            max_retries: 4,
            retry_base_ms: 500,
            prices: BTreeMap::new(),
            endpoints: BTreeMap::new(),
        }
    }
}

/// `[providers.NAME]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct EndpointConfig {
    /// Replaces the preset's base URL (a proxy, a self-hosted gateway, a local port). For
    /// `azure` this is the resource endpoint, `https://NAME.openai.azure.com`.
    pub base_url: Option<String>,
    /// The environment variable that holds the key, instead of the preset's.
    pub api_key_env: Option<String>,
    /// The key itself. Prefer `api_key_env`: a key in a file is easy to commit by mistake.
    pub api_key: Option<String>,
    /// Azure OpenAI's `api-version` query parameter.
    pub api_version: Option<String>,
}
