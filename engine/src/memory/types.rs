//! The plain values the memory store speaks: levels, trust zones, items, requests and results.
//! Faces (CLI, MCP, the RLM loop) convert these at their edges; none of them sees SQL rows or
//! ciphertext.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The four levels, from raw interactions up to the slow-changing profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A raw interaction: a question, an answer, a finding, a fact.
    Episode,
    /// The consolidated memory of a cluster of episodes.
    Trace,
    /// A semantic cluster of traces.
    Category,
    /// The profile of the workspace and its users in one zone.
    Domain,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Episode, Level::Trace, Level::Category, Level::Domain];

    pub(crate) fn code(self) -> i64 {
        match self {
            Level::Episode => 0,
            Level::Trace => 1,
            Level::Category => 2,
            Level::Domain => 3,
        }
    }

    pub(crate) fn from_code(code: i64) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The prefix of ids at this level, so a person reading `tr-…` knows what it is.
    pub(crate) fn id_prefix(self) -> &'static str {
        match self {
            Level::Episode => "ep",
            Level::Trace => "tr",
            Level::Category => "ca",
            Level::Domain => "do",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Episode => "episode",
            Level::Trace => "trace",
            Level::Category => "category",
            Level::Domain => "domain",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Trust zones, ordered: an agent cleared for a zone may read and write it and every zone below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    Public,
    Internal,
    Confidential,
    Secret,
}

impl Zone {
    pub const ALL: [Zone; 4] = [
        Zone::Public,
        Zone::Internal,
        Zone::Confidential,
        Zone::Secret,
    ];

    pub(crate) fn code(self) -> i64 {
        match self {
            Zone::Public => 0,
            Zone::Internal => 1,
            Zone::Confidential => 2,
            Zone::Secret => 3,
        }
    }

    pub(crate) fn from_code(code: i64) -> Option<Zone> {
        Zone::ALL.into_iter().find(|z| z.code() == code)
    }

    pub fn name(self) -> &'static str {
        match self {
            Zone::Public => "public",
            Zone::Internal => "internal",
            Zone::Confidential => "confidential",
            Zone::Secret => "secret",
        }
    }

    /// The zones at or below this one.
    pub fn at_or_below(self) -> impl Iterator<Item = Zone> {
        Zone::ALL.into_iter().filter(move |z| *z <= self)
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Zone {
    type Err = String;
    fn from_str(s: &str) -> Result<Zone, String> {
        Zone::ALL
            .into_iter()
            .find(|z| z.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("unknown zone {s:?}: use public, internal, confidential or secret")
            })
    }
}

/// What an episode records. Derived levels are always [`Kind::Summary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Note,
    Question,
    Answer,
    Finding,
    Fact,
    Summary,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Question => "question",
            Kind::Answer => "answer",
            Kind::Finding => "finding",
            Kind::Fact => "fact",
            Kind::Summary => "summary",
        }
    }

    /// The salience an episode starts with when the caller gives none: findings and facts are
    /// worth more than the questions that led to them.
    pub fn default_salience(self) -> f64 {
        match self {
            Kind::Finding => 0.8,
            Kind::Fact => 0.7,
            Kind::Answer => 0.6,
            Kind::Summary => 0.6,
            Kind::Note => 0.5,
            Kind::Question => 0.3,
        }
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        [
            Kind::Note,
            Kind::Question,
            Kind::Answer,
            Kind::Finding,
            Kind::Fact,
            Kind::Summary,
        ]
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
        .ok_or_else(|| format!("unknown kind {s:?}: use note, question, answer, finding or fact"))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A key/value fact carried by an episode, the unit of the conflict rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub key: String,
    pub value: String,
}

/// Where a fact stands after reconsolidation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactState {
    /// The value in force.
    Current,
    /// Replaced by a newer value; kept as history.
    Superseded,
    /// Contradicts the current value and waits for review (`rlm memory conflicts`).
    Pending,
    /// Reviewed and turned down; kept as history.
    Rejected,
}

impl FactState {
    pub(crate) fn code(self) -> i64 {
        match self {
            FactState::Current => 0,
            FactState::Superseded => 1,
            FactState::Pending => 2,
            FactState::Rejected => 3,
        }
    }

    pub(crate) fn from_code(code: i64) -> Option<FactState> {
        [
            FactState::Current,
            FactState::Superseded,
            FactState::Pending,
            FactState::Rejected,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// A new episode, as a caller hands it to [`MemoryStore::add`](super::MemoryStore::add).
#[derive(Debug, Clone)]
pub struct NewEpisode {
    pub text: String,
    pub zone: Zone,
    pub kind: Kind,
    /// 0..=1; `None` takes the kind's default.
    pub salience: Option<f64>,
    /// An explicit fact; when `None`, a single-line `key = value` text is read as one.
    pub fact: Option<Fact>,
    /// Ids of the RLM traces or sessions this episode came from.
    pub trace_ids: Vec<String>,
    /// When it happened (unix ms); `None` means now. For loading histories from logs.
    pub at: Option<i64>,
}

impl NewEpisode {
    pub fn note(text: impl Into<String>, zone: Zone) -> NewEpisode {
        NewEpisode {
            text: text.into(),
            zone,
            kind: Kind::Note,
            salience: None,
            fact: None,
            trace_ids: Vec::new(),
            at: None,
        }
    }
}

/// One memory as a reader sees it, decrypted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryItem {
    pub id: String,
    pub level: Level,
    pub zone: Zone,
    pub kind: Kind,
    /// The agent that wrote it (`consolidator` for derived levels).
    pub agent: String,
    pub text: String,
    /// For derived levels: the ids of the items summarised, including evicted ones.
    pub sources: Vec<String>,
    pub trace_ids: Vec<String>,
    pub fact: Option<Fact>,
    pub fact_state: Option<FactState>,
    /// The id of the fact that replaced this one.
    pub superseded_by: Option<String>,
    /// The summary above this item, once consolidated.
    pub parent: Option<String>,
    pub salience: f64,
    pub access_count: i64,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
    pub last_access: i64,
}

/// How retrieval ranked: with an embedding model or BM25 alone. Faces print it, so nobody takes
/// a lexical ranking for a semantic one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum RetrievalMode {
    /// BM25 over the text fused with recency and salience; no embedding model is installed.
    Bm25Only,
    /// BM25 and embedding similarity fused with recency and salience.
    Hybrid { model: String },
}

impl fmt::Display for RetrievalMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetrievalMode::Bm25Only => {
                f.write_str("BM25 only (no embedding model installed) + recency + salience")
            }
            RetrievalMode::Hybrid { model } => {
                write!(
                    f,
                    "hybrid: BM25 + embeddings ({model}) + recency + salience"
                )
            }
        }
    }
}

/// A search over the levels an agent may read.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    /// Only these levels; empty means all.
    pub levels: Vec<Level>,
    /// Only this zone (must be within the agent's clearance); `None` means every zone it may read.
    pub zone: Option<Zone>,
    /// Also return superseded and rejected facts.
    pub include_history: bool,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>, limit: usize) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit,
            levels: Vec::new(),
            zone: None,
            include_history: false,
        }
    }
}

/// The parts of a hit's score, so a reader can see why it ranked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreParts {
    /// BM25 normalised to 0..=1 by the best candidate.
    pub bm25: f64,
    /// Cosine similarity of the embeddings; `None` without a model.
    pub embedding: Option<f64>,
    pub recency: f64,
    pub salience: f64,
    pub total: f64,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryHit {
    pub item: MemoryItem,
    pub score: ScoreParts,
}

/// A record that failed authentication during a read, reported rather than hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DamagedRecord {
    pub id: String,
    pub reason: String,
}

/// Search results with the retrieval mode and any damaged records met on the way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub mode: RetrievalMode,
    pub hits: Vec<MemoryHit>,
    pub damaged: Vec<DamagedRecord>,
}

/// What `add` did with the new episode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddOutcome {
    pub id: String,
    /// Set when the episode carried a fact that met an earlier value of the same key.
    pub reconsolidation: Option<Reconsolidation>,
    /// Set when this add crossed the automatic-consolidation threshold.
    pub consolidation: Option<ConsolidationReport>,
    /// Set when a contradiction judge (a model) compared the episode with stored memories;
    /// `None`: the key/value rule alone checked it.
    #[serde(default)]
    pub judged: Option<JudgeReport>,
}

/// What the contradiction judge did with a new episode.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JudgeReport {
    /// e.g. `model openai:gpt-4o-mini`.
    pub judge: String,
    /// Stored memories (similar ones, same zone) the judge was asked about.
    pub compared: usize,
    /// The stored memory judged contradicted and the judge's reason.
    pub contradiction: Option<JudgedContradiction>,
    /// Candidates the judge gave no readable judgement on, with why (no conflict was raised).
    pub unjudged: Vec<String>,
}

/// A contradiction the judge found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgedContradiction {
    pub existing: String,
    pub reason: String,
}

/// The outcome of the conflict rule for one new fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Reconsolidation {
    /// Same value as the current fact: nothing to change.
    Confirmed { existing: String },
    /// The new value replaced the old one; the old one is kept as history.
    Superseded { previous: String },
    /// Queued for review as conflict `conflict`.
    Queued { conflict: i64, existing: String },
}

/// An open or resolved conflict between two values of one fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: i64,
    pub zone: Zone,
    pub key: String,
    pub existing: MemoryItem,
    pub incoming: MemoryItem,
    pub created_at: i64,
    pub status: ConflictStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictStatus {
    Open,
    KeptExisting,
    KeptIncoming,
}

/// Which side a conflict review keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Existing,
    Incoming,
}

/// What a consolidation run did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsolidationReport {
    pub episodes_consolidated: usize,
    pub traces_created: usize,
    pub traces_extended: usize,
    pub categories_created: usize,
    pub categories_extended: usize,
    pub domains_updated: usize,
    pub evicted: Vec<(Level, usize)>,
    /// True when another process held the consolidation lock and this run did nothing.
    pub skipped_busy: bool,
    pub summarizer: String,
    /// With a model summariser: how many summaries it wrote and how many fell back to
    /// extractive (call failed, over budget, or a reply that was not a summary).
    #[serde(default)]
    pub model_summaries: Option<super::summary::SummaryTally>,
    pub elapsed_ms: u128,
}

/// A line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: i64,
    pub agent: String,
    pub action: String,
    pub target: String,
    pub zone: Zone,
    pub outcome: String,
}

/// An agent and the highest zone it is cleared for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub agent: String,
    pub clearance: Zone,
    pub granted_by: String,
    pub at: i64,
}

/// The outcome of checking every record's authentication tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    pub records: usize,
    pub damaged: Vec<DamagedRecord>,
}
