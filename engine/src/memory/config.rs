//! `[memory]` in `rlm.toml`: who acts by default, where the store and key live, and the knobs of
//! consolidation, eviction and retrieval. Every key has a default.

use serde::Deserialize;
use std::path::PathBuf;

use super::types::Zone;

/// What happens when a new fact contradicts the current value of the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictPolicy {
    /// The same agent supersedes its own facts; another agent's contradiction is queued.
    Auto,
    /// Always supersede, keeping the old value as history.
    Supersede,
    /// Always queue for review.
    Queue,
}

/// The `[memory]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MemoryConfig {
    /// The agent the CLI acts as without `--agent`.
    pub agent: String,
    /// The zone of writes without `--zone`.
    pub default_zone: Zone,
    /// The SQLite file; relative paths are from the workspace root. Default `.rlm/memory.db`.
    pub path: Option<PathBuf>,
    /// The key file; default `.rlm/memory.key`, created on first use. `RLM_MEMORY_KEY` wins.
    pub key_file: Option<PathBuf>,
    /// Consolidate automatically once this many episodes wait; 0 turns it off.
    pub consolidate_every: usize,
    /// Average-linkage cosine threshold for grouping episodes into traces.
    pub trace_threshold: f32,
    /// The same for grouping traces into categories.
    pub category_threshold: f32,
    /// Episodes clustered per step (bounds memory: the similarity matrix is batch²).
    pub batch_size: usize,
    /// The domain profile is rewritten when the number of traces grew by this factor.
    pub domain_growth: f64,
    /// Items kept per level before eviction.
    pub max_episodes: usize,
    pub max_traces: usize,
    pub max_categories: usize,
    /// Recency halves every this many days.
    pub half_life_days: f64,
    pub on_conflict: ConflictPolicy,
    /// Memories recalled into the RLM loop's `memory` variable (`rlm ask`, the editor, MCP's
    /// ask) when the workspace has a store; 0 turns the variable off.
    pub ask_recall: usize,
    /// Use the configured chat model (`[rlm] root`, `RLM_MODEL`) to write summaries and judge
    /// contradictions when one is configured; `false` keeps extractive summaries and the
    /// key/value rule only.
    pub use_model: bool,
    /// Model calls one `consolidate` or `add` may make (summaries and judgements together);
    /// past it the extractive summary and the rule alone are used.
    pub model_max_calls: usize,
    /// Tokens one model reply may use.
    pub model_max_tokens: u32,
    /// Stored memories the model is asked to compare a new episode with.
    pub judge_candidates: usize,
    /// Fusion weights.
    pub weight_bm25: f64,
    pub weight_embedding: f64,
    pub weight_recency: f64,
    pub weight_salience: f64,
}

impl Default for MemoryConfig {
    fn default() -> Self {
        MemoryConfig {
            agent: "user".into(),
            default_zone: Zone::Internal,
            path: None,
            key_file: None,
            consolidate_every: 50,
            trace_threshold: 0.22,
            category_threshold: 0.25,
            batch_size: 1000,
            domain_growth: 1.25,
            max_episodes: 20_000,
            max_traces: 5_000,
            max_categories: 1_000,
            half_life_days: 30.0,
            on_conflict: ConflictPolicy::Auto,
            ask_recall: 8,
            use_model: true,
            model_max_calls: 50,
            model_max_tokens: 400,
            judge_candidates: 3,
            weight_bm25: 0.6,
            weight_embedding: 0.6,
            weight_recency: 0.15,
            weight_salience: 0.25,
        }
    }
}
