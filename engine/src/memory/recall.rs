//! What the RLM loop and other consumers receive: relevant memories as plain data (no handle to
//! the store, no ciphertext, no ids of things the agent may not read), ready to be put into the
//! REPL as the `memory` variable (a list of dicts once serialised to JSON).

use serde::{Deserialize, Serialize};

use super::error::Result;
use super::store::MemoryStore;
use super::types::*;

/// One recalled memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecalledMemory {
    pub id: String,
    pub level: Level,
    pub zone: Zone,
    pub kind: Kind,
    pub text: String,
    pub score: f64,
    /// Unix milliseconds of the last update.
    pub updated_at: i64,
    pub fact: Option<Fact>,
}

/// The `limit` memories most relevant to `query` that `agent` may read, and how they were
/// ranked.
pub fn recall_for_prompt(
    store: &MemoryStore,
    agent: &str,
    query: &str,
    limit: usize,
) -> Result<(RetrievalMode, Vec<RecalledMemory>)> {
    let results = store.search(agent, &SearchRequest::new(query, limit))?;
    let memories = results
        .hits
        .into_iter()
        .map(|hit| RecalledMemory {
            id: hit.item.id,
            level: hit.item.level,
            zone: hit.item.zone,
            kind: hit.item.kind,
            text: hit.item.text,
            score: hit.score.total,
            updated_at: hit.item.updated_at,
            fact: hit.item.fact,
        })
        .collect();
    Ok((results.mode, memories))
}
