//! The `[providers]` config section: timeouts, retries, per-provider endpoints and keys, and
//! price overrides. Every key has a default, so a hosted provider needs only its key in the
//! environment and a local one needs nothing.

use super::price::Price;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `[providers]`. (No `deny_unknown_fields` here: serde cannot combine it with the flattened
/// endpoint map; [`ProvidersConfig::validate`] catches misspelt provider sections instead.)
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default)]
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

impl ProvidersConfig {
    /// Refuses `[providers.NAME]` sections that name no provider (a typo would otherwise be
    /// silently ignored and the default endpoint used).
    pub fn validate(&self) -> Result<(), String> {
        for name in self.endpoints.keys() {
            if super::spec::preset_named(name).is_none() {
                let known: Vec<&str> = super::spec::PRESETS.iter().map(|p| p.name).collect();
                return Err(format!(
                    "[providers.{name}] names no provider (known: {})",
                    known.join(", ")
                ));
            }
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_providers_section_parses() -> Result<(), Box<dyn std::error::Error>> {
        let text = r#"
timeout_secs = 60
max_retries = 2

[openai]
base_url = "https://my-gateway.example.com/v1"
api_key_env = "MY_OPENAI_KEY"

[azure]
base_url = "https://myresource.openai.azure.com"
api_version = "2024-10-21"

[prices]
"openai:gpt-4o" = { input_per_mtok = 2.5, output_per_mtok = 10.0 }
"#;
        let config: ProvidersConfig = toml::from_str(text)?;
        assert_eq!(config.timeout_secs, 60);
        assert_eq!(config.max_retries, 2);
        assert_eq!(config.retry_base_ms, 500);
        assert_eq!(
            config.endpoints.get("openai"),
            Some(&EndpointConfig {
                base_url: Some("https://my-gateway.example.com/v1".into()),
                api_key_env: Some("MY_OPENAI_KEY".into()),
                api_key: None,
                api_version: None,
            })
        );
        assert_eq!(
            config
                .endpoints
                .get("azure")
                .and_then(|e| e.api_version.as_deref()),
            Some("2024-10-21")
        );
        assert_eq!(
            config.prices.get("openai:gpt-4o"),
            Some(&Price {
                input_per_mtok: 2.5,
                output_per_mtok: 10.0
            })
        );
        assert_eq!(config.validate(), Ok(()));
        let misspelt: ProvidersConfig = toml::from_str("[openaii]\nbase_url = \"x\"\n")?;
        assert!(misspelt.validate().is_err_and(|e| {
            e.starts_with("[providers.openaii] names no provider (known: openai, azure")
        }),);
        let typo: Result<ProvidersConfig, _> = toml::from_str("[openai]\nbase_ur = \"x\"\n");
        let message = typo.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("unknown field `base_ur`"), "{message}");
        Ok(())
    }
}
