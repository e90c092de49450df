//! Prices in USD per million tokens, so budgets (`max_cost`) can be enforced while a run is in
//! flight. The built-in table covers the common hosted models at list price; local providers
//! cost nothing; `[providers.prices]` overrides or extends it. A model with no known price
//! costs `None`, and the loop says so instead of pretending it was free.

use super::{ProvidersConfig, Usage};
use serde::{Deserialize, Serialize};

/// USD per million input and output tokens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Price {
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
}

impl Price {
    pub fn cost(&self, usage: Usage) -> f64 {
        (usage.input_tokens as f64 * self.input_per_mtok
            + usage.output_tokens as f64 * self.output_per_mtok)
            / 1_000_000.0
    }
}

/// List prices (USD per million tokens, input then output) of common hosted models. Matched
/// by longest prefix of the model name, so dated snapshots (`gpt-4o-2024-08-06`) match.
const BUILT_IN: &[(&str, f64, f64)] = &[
    ("gpt-4o-mini", 0.15, 0.60),
    ("gpt-4o", 2.50, 10.00),
    ("gpt-4.1-nano", 0.10, 0.40),
    ("gpt-4.1-mini", 0.40, 1.60),
    ("gpt-4.1", 2.00, 8.00),
    ("gpt-5-nano", 0.05, 0.40),
    ("gpt-5-mini", 0.25, 2.00),
    ("gpt-5", 1.25, 10.00),
    ("o3-mini", 1.10, 4.40),
    ("o4-mini", 1.10, 4.40),
    ("o3", 2.00, 8.00),
    ("claude-opus-4", 15.00, 75.00),
    ("claude-sonnet-4", 3.00, 15.00),
    ("claude-3-7-sonnet", 3.00, 15.00),
    ("claude-3-5-haiku", 0.80, 4.00),
    ("claude-haiku-4", 1.00, 5.00),
    ("gemini-2.5-pro", 1.25, 10.00),
    ("gemini-2.5-flash-lite", 0.10, 0.40),
    ("gemini-2.5-flash", 0.30, 2.50),
    ("gemini-2.0-flash", 0.10, 0.40),
    ("deepseek-chat", 0.27, 1.10),
    ("deepseek-reasoner", 0.55, 2.19),
    ("mistral-large", 2.00, 6.00),
    ("mistral-small", 0.10, 0.30),
    ("grok-4", 3.00, 15.00),
    ("grok-3-mini", 0.30, 0.50),
];

/// Providers that run on the user's own machine: free.
const LOCAL: &[&str] = &["ollama", "ollama-openai", "llamacpp", "lmstudio", "localai", "vllm"];

/// The price of `model` (bare name) from `provider`, config first.
pub fn price_of(provider: &str, model: &str, config: &ProvidersConfig) -> Option<Price> {
    if let Some(price) = config
        .prices
        .get(&format!("{provider}:{model}"))
        .or_else(|| config.prices.get(model))
    {
        return Some(*price);
    }
    if LOCAL.contains(&provider) {
        return Some(Price {
            input_per_mtok: 0.0,
            output_per_mtok: 0.0,
        });
    }
    // OpenRouter and Together prefix vendors (`openai/gpt-4o`): price by the last segment.
    let bare = model.rsplit('/').next().unwrap_or(model);
    BUILT_IN
        .iter()
        .filter(|(prefix, _, _)| bare.starts_with(prefix))
        .max_by_key(|(prefix, _, _)| prefix.len())
        .map(|&(_, input, output)| Price {
            input_per_mtok: input,
            output_per_mtok: output,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins_and_config_overrides() {
        let mut config = ProvidersConfig::default();
        let mini = price_of("openai", "gpt-4o-mini-2024-07-18", &config);
        assert_eq!(
            mini,
            Some(Price {
                input_per_mtok: 0.15,
                output_per_mtok: 0.60
            })
        );
        assert_eq!(
            price_of("openrouter", "anthropic/claude-sonnet-4-5", &config).map(|p| p.output_per_mtok),
            Some(15.0)
        );
        assert_eq!(price_of("ollama", "qwen3:8b", &config).map(|p| p.input_per_mtok), Some(0.0));
        assert_eq!(price_of("together", "some-unknown-model", &config), None);
        let custom = Price {
            input_per_mtok: 1.0,
            output_per_mtok: 2.0,
        };
        config.prices.insert("openai:gpt-4o".into(), custom);
        assert_eq!(price_of("openai", "gpt-4o", &config), Some(custom));
        let usage = Usage {
            input_tokens: 1_000_000,
            output_tokens: 500_000,
        };
        assert!((custom.cost(usage) - 2.0).abs() < 1e-9);
    }
}
