//! The `[rlm]` config section: which models, the budgets, the cache. Flags on `rlm ask`
//! override it key by key; `RLM_MODEL` / `RLM_SUB_MODEL` in the environment sit between the
//! two, so a shell can configure a model without a file.

use super::{Budgets, LoopOptions};
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;

/// `[rlm]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct RlmConfig {
    /// The root model (`openai:gpt-4o`, `ollama:qwen3:8b`, ...).
    pub root: Option<String>,
    /// The sub model for `llm_query` (default: the root model).
    pub sub: Option<String>,
    pub max_iterations: Option<u32>,
    pub max_depth: Option<u32>,
    pub max_subcalls: Option<u32>,
    /// USD.
    pub max_cost: Option<f64>,
    pub max_tokens: Option<u64>,
    pub max_wall_secs: Option<u64>,
    pub max_parallel: Option<usize>,
    /// Characters of REPL output fed back per block.
    pub max_output_chars: Option<usize>,
    pub temperature: Option<f32>,
    /// Max tokens of one model reply.
    pub reply_max_tokens: Option<u32>,
    /// Use the response cache (default true).
    pub cache: Option<bool>,
    /// Where the cache lives (default `~/.cache/rlm/responses.sqlite`).
    pub cache_path: Option<PathBuf>,
}

impl RlmConfig {
    /// The root model: config, else `RLM_MODEL`.
    pub fn root_model(&self) -> Option<String> {
        std::env::var("RLM_MODEL")
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| self.root.clone())
    }

    /// The sub model: `RLM_SUB_MODEL`, else config, else the root.
    pub fn sub_model(&self) -> Option<String> {
        std::env::var("RLM_SUB_MODEL")
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| self.sub.clone())
    }

    pub fn budgets(&self) -> Budgets {
        let d = Budgets::default();
        Budgets {
            max_iterations: self.max_iterations.unwrap_or(d.max_iterations).max(1),
            max_depth: self.max_depth.unwrap_or(d.max_depth),
            max_subcalls: self.max_subcalls.unwrap_or(d.max_subcalls),
            max_cost_usd: self.max_cost.or(d.max_cost_usd),
            max_tokens: self.max_tokens.or(d.max_tokens),
            max_wall: self.max_wall_secs.map(Duration::from_secs).or(d.max_wall),
            max_parallel: self.max_parallel.unwrap_or(d.max_parallel).max(1),
        }
    }

    pub fn loop_options(&self) -> LoopOptions {
        let d = LoopOptions::default();
        LoopOptions {
            max_output_chars: self.max_output_chars.unwrap_or(d.max_output_chars),
            temperature: self.temperature.or(d.temperature),
            root_max_tokens: self.reply_max_tokens.unwrap_or(d.root_max_tokens),
            sub_max_tokens: self.reply_max_tokens.unwrap_or(d.sub_max_tokens),
            ..d
        }
    }
}
