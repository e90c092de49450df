//! H-MEM: hierarchical, encrypted memory that several agents share under access control.
//!
//! Four levels: **episodes** (raw interactions), **traces** (one per cluster of episodes),
//! **categories** (clusters of traces) and one **domain** profile per trust zone. Consolidation
//! ([`MemoryStore::consolidate`], also automatic every `consolidate_every` new episodes) builds
//! the upper levels; eviction then trims each level by salience and age, and only items already
//! summarised above can go, so nothing is forgotten without a trace.
//!
//! Retrieval ([`MemoryStore::search`]) fuses BM25 over keyed word hashes with embedding
//! similarity when a [`TextEmbedder`] is installed, plus recency and salience; without a model it
//! says so in [`RetrievalMode::Bm25Only`]. New key/value facts are checked against the current
//! value of their key and either supersede it (history kept) or wait as a [`Conflict`]. With a
//! chat model configured ([`model`]), summaries are written by the model (extractive where it
//! fails) and a [`ContradictionJudge`] compares each new episode with similar stored ones,
//! applying the same conflict policy to what it finds.
//!
//! Storage is one SQLite file in WAL mode (many readers, one writer at a time, every write a
//! `BEGIN IMMEDIATE` transaction that waits for the lock), so the CLI, the LSP and the MCP server
//! can share it. Content is sealed with AES-256-GCM (see [`crypto`]); full-text search runs over
//! keyed hashes of words, never plaintext (see `docs/memory.md` for what that does and does not
//! hide). Agents have a clearance (a [`Zone`]); reads and writes above it are refused and audited.
//!
//! What this module must not know: terminals, MCP or LSP types, or where a face gets its agent id.

mod access;
mod cluster;
mod config;
mod consolidate;
pub mod crypto;
mod embed;
mod error;
mod evict;
mod facts;
mod judge;
pub mod model;
mod recall;
mod rotate;
mod schema;
mod search;
mod store;
mod summary;
/// Synthetic histories for the memory benchmark and tests (not in the released binary).
#[cfg(any(test, feature = "test-support"))]
pub mod synthetic;
mod text;
mod transfer;
mod types;

#[cfg(test)]
mod model_tests;
#[cfg(test)]
mod tests;

pub use config::{ConflictPolicy, MemoryConfig};
pub use crypto::KeyMaterial;
pub use embed::{TextEmbedder, installed_embedder};
pub use error::{MemoryError, Result};
pub use model::{
    ContradictionJudge, Judgement, MemoryModel, ModelBudget, ModelJudge, ModelSummarizer,
};
pub use recall::{RecalledMemory, recall_for_prompt};
pub use rotate::RotateReport;
pub use schema::SCHEMA_VERSION;
pub use store::{KeySource, MemoryStore, StoreOptions, StoreStats};
pub use summary::{ExtractiveSummarizer, Summarizer, SummaryTally};
pub use transfer::{ExportSummary, ImportSummary};
pub use types::*;
