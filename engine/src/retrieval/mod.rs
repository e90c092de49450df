//! Retrieval: finding the few places of a workspace (or of a long text) that answer a question.
//!
//! Four methods, one result type ([`Passage`]: file, line range, text, score):
//! - `bm25`: the tantivy index ([`crate::search::search`]), over the question's words.
//! - `vector`: exact cosine search over chunk embeddings stored beside the index ([`vector`]).
//! - `infini`: InfiniRetri ([`infini`]): a small LM reads the text window by window and its
//!   attention picks the lines to keep. Slow per token, but it finds needles that share no word
//!   with the question.
//! - `hybrid` (default): BM25 and vector search pick candidate chunks, InfiniRetri reads only those,
//!   and reciprocal rank fusion ([`fusion`]) with configurable weights merges the three rankings.
//!
//! [`Retriever`] is the entry point the CLI and the RLM REPL's `retrieve(question, k)` use; it
//! loads models lazily, so BM25 alone needs no ONNX Runtime. Settings come from `[retrieval]`,
//! models from `[models]` of `rlm.toml`.

pub mod corpus;
pub mod focus;
pub mod fusion;
pub mod infini;
pub mod trust;
pub mod units;
pub mod vector;

pub use corpus::{Document, is_binary, read_text_file};
pub use focus::{Focus, focus, focus_terms};
pub use fusion::{Ranking, rrf, rrf_keeping_shares, rrf_keeping_tops, trusted_shares};
pub use infini::{
    AttentionSource, InfiniSettings, InfiniStats, infini_retrieve, infini_retrieve_judged,
};
pub use units::{UnitSpan, split_units};
pub use vector::{
    ChunkRef, EmbedderSource, Freshness, VectorHit, VectorIndex, VectorReport, update_vectors,
};

use crate::config::LoadedConfig;
use crate::index::{IndexError, WorkspaceIndex};
use crate::models::{AttentionModel, Embedder, ModelError, ModelStore, ModelsConfig, Runtime};
use crate::search::{SearchError, SearchQuery, search};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// Errors of retrieval.
#[derive(Debug, thiserror::Error)]
pub enum RetrievalError {
    #[error("the question is empty: ask something, e.g. \"where is the config loaded?\"")]
    EmptyQuestion,
    #[error("{path} looks binary (it contains NUL bytes): give a text file")]
    Binary { path: PathBuf },
    #[error("invalid retrieval settings: {0}")]
    Settings(String),
    #[error("unknown retrieval method {0:?}: use infini, bm25, vector or hybrid")]
    UnknownMethod(String),
    #[error(
        "no embeddings in {dir} yet: `rlm index` (or the editor's or MCP re-index) builds them"
    )]
    VectorsMissing { dir: PathBuf },
    #[error("the embeddings in {dir} are unusable ({why}): run `rlm index` to rebuild them")]
    VectorsUnusable { dir: PathBuf, why: String },
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("config: {0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("{context} ({path}): {source}")]
    Io {
        context: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One retrieved passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Workspace-relative path (or the label of a `--context` text).
    pub path: Option<String>,
    pub start_line: usize,
    pub end_line: usize,
    pub text: String,
    /// The method's score (for hybrid: the fused RRF score).
    pub score: f32,
    /// For hybrid: the rank (from 1) each method gave this passage.
    pub ranks: Vec<(Method, usize)>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Infini,
    Bm25,
    Vector,
    #[default]
    Hybrid,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Infini => "infini",
            Method::Bm25 => "bm25",
            Method::Vector => "vector",
            Method::Hybrid => "hybrid",
        }
    }
}

impl std::str::FromStr for Method {
    type Err = RetrievalError;
    fn from_str(s: &str) -> Result<Method, RetrievalError> {
        match s {
            "infini" | "infiniretri" => Ok(Method::Infini),
            "bm25" => Ok(Method::Bm25),
            "vector" => Ok(Method::Vector),
            "hybrid" => Ok(Method::Hybrid),
            other => Err(RetrievalError::UnknownMethod(other.to_string())),
        }
    }
}

/// Weights of each ranking in hybrid fusion.
///
/// InfiniRetri reads every candidate beside the question, so its ranking leads; BM25 and the
/// vectors chose the candidates and break its ties. With equal weights a needle InfiniRetri ranked
/// first fell out of the top 5 whenever both first-stage lists ranked it low (2 of 5 needles at
/// 1M tokens, docs/retrieval.md).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub bm25: f32,
    pub vector: f32,
    pub infini: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            bm25: 0.25,
            vector: 0.25,
            infini: 1.0,
        }
    }
}

/// The `[retrieval]` section of `rlm.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetrievalConfig {
    pub method: Method,
    pub window_tokens: usize,
    pub top_k_tokens: usize,
    pub phrase_window: usize,
    pub cache_tokens: usize,
    pub reserve_units: usize,
    pub context_lines: usize,
    /// Chunks each of BM25 and vector search hand to InfiniRetri in hybrid mode.
    pub candidates: usize,
    /// In hybrid mode InfiniRetri reads at most this many lines of each candidate chunk: the
    /// window around the line sharing most words with the question (0: whole chunks). Shorter
    /// candidates let the token budget reach further down the BM25 list.
    pub candidate_lines: usize,
    /// The most tokens InfiniRetri reads in hybrid mode: candidates are taken alternately from the
    /// two lists, best first, until the next would pass this (a few long chunks of generated data
    /// would otherwise make one question take minutes).
    pub candidate_tokens: usize,
    pub rrf_k: f32,
    pub weights: Weights,
    /// Context size (bytes) above which the RLM loop offers retrieved passages first.
    pub infiniretri_threshold: u64,
    /// Whether indexing (`rlm index`, the editor's and MCP re-index) also embeds the chunks.
    /// Queries never embed the workspace: without vectors, vector search falls back with a note.
    pub embed_at_index: bool,
    /// Lines of the windows a long chunk is embedded in besides the whole chunk (0: chunks only).
    pub unit_lines: usize,
}

impl Default for RetrievalConfig {
    fn default() -> Self {
        let infini = InfiniSettings::default();
        RetrievalConfig {
            method: Method::Hybrid,
            window_tokens: infini.window_tokens,
            top_k_tokens: infini.top_k_tokens,
            phrase_window: infini.phrase_window,
            cache_tokens: infini.cache_tokens,
            reserve_units: infini.reserve_units,
            context_lines: infini.context_lines,
            // At 1M tokens of crates.io code BM25 ranked planted facts as low as 100th.
            candidates: 100,
            candidate_lines: 30,
            candidate_tokens: 48_000,
            // Small, so that InfiniRetri's first and third places differ by more than the
            // first-stage lists add: at 60 its first place lost to a chunk it ranked third.
            rrf_k: 10.0,
            weights: Weights::default(),
            infiniretri_threshold: 400_000,
            embed_at_index: true,
            // Windows of 8 lines inside longer chunks: on paraphrased needles at 8K the vector list
            // found 9/12 with them and 5/12 without (docs/retrieval.md), for ~2.6x the units.
            unit_lines: 8,
        }
    }
}

impl RetrievalConfig {
    pub fn infini(&self) -> InfiniSettings {
        InfiniSettings {
            window_tokens: self.window_tokens,
            top_k_tokens: self.top_k_tokens,
            phrase_window: self.phrase_window,
            cache_tokens: self.cache_tokens,
            reserve_units: self.reserve_units,
            context_lines: self.context_lines,
        }
    }
}

/// Passages and what the reader should know about how they were found (a fallback, stale
/// embeddings).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Retrieved {
    pub passages: Vec<Passage>,
    pub notes: Vec<String>,
}

/// Retrieval over one workspace: its index, its config, and models loaded on first use.
pub struct Retriever {
    root: PathBuf,
    index_dir: PathBuf,
    config: RetrievalConfig,
    models_config: ModelsConfig,
    store: ModelStore,
    runtime: OnceLock<Runtime>,
    embedder: OnceLock<Embedder>,
    attention: OnceLock<AttentionModel>,
    /// The final-reading model when it is not the attention model itself.
    final_reader: OnceLock<Option<AttentionModel>>,
}

impl std::fmt::Debug for Retriever {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Retriever")
            .field("root", &self.root)
            .field("index_dir", &self.index_dir)
            .finish()
    }
}

impl Retriever {
    /// A retriever for the workspace at `root` whose index lives in `index_dir`.
    pub fn new(
        root: &Path,
        index_dir: &Path,
        config: &LoadedConfig,
    ) -> Result<Retriever, RetrievalError> {
        let models_config: ModelsConfig = config.section("models")?;
        let retrieval: RetrievalConfig = config.section("retrieval")?;
        Retriever::with_settings(root, index_dir, retrieval, models_config)
    }

    pub fn with_settings(
        root: &Path,
        index_dir: &Path,
        config: RetrievalConfig,
        models_config: ModelsConfig,
    ) -> Result<Retriever, RetrievalError> {
        let store = ModelStore::locate(&models_config)?;
        Ok(Retriever {
            root: root.to_path_buf(),
            index_dir: index_dir.to_path_buf(),
            config,
            models_config,
            store,
            runtime: OnceLock::new(),
            embedder: OnceLock::new(),
            attention: OnceLock::new(),
            final_reader: OnceLock::new(),
        })
    }

    pub fn config(&self) -> &RetrievalConfig {
        &self.config
    }

    /// Settings may be adjusted (e.g. from command-line flags) before retrieving.
    pub fn config_mut(&mut self) -> &mut RetrievalConfig {
        &mut self.config
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn runtime(&self) -> Result<&Runtime, RetrievalError> {
        if let Some(runtime) = self.runtime.get() {
            return Ok(runtime);
        }
        let runtime = Runtime::new(&self.models_config, &self.store)?;
        Ok(self.runtime.get_or_init(|| runtime))
    }

    /// The embedding model, loaded on first use.
    pub fn embedder(&self) -> Result<&Embedder, RetrievalError> {
        if let Some(e) = self.embedder.get() {
            return Ok(e);
        }
        let e = Embedder::load(self.runtime()?, &self.store, &self.models_config)?;
        Ok(self.embedder.get_or_init(|| e))
    }

    /// The attention model, loaded on first use.
    pub fn attention_model(&self) -> Result<&AttentionModel, RetrievalError> {
        if let Some(m) = self.attention.get() {
            return Ok(m);
        }
        let m = AttentionModel::load(self.runtime()?, &self.store, &self.models_config)?;
        Ok(self.attention.get_or_init(|| m))
    }

    /// The `k` best passages of the workspace for `question`, with the configured method.
    pub fn retrieve(&self, question: &str, k: usize) -> Result<Vec<Passage>, RetrievalError> {
        self.retrieve_with(question, k, self.config.method, None)
    }

    /// The `k` best passages for `question` with `method`; `path_glob` limits the files. Notes
    /// (a fallback, stale embeddings) are logged; [`Retriever::retrieve_noted`] returns them.
    pub fn retrieve_with(
        &self,
        question: &str,
        k: usize,
        method: Method,
        path_glob: Option<&str>,
    ) -> Result<Vec<Passage>, RetrievalError> {
        let found = self.retrieve_noted(question, k, method, path_glob)?;
        for note in &found.notes {
            tracing::warn!("{note}");
        }
        Ok(found.passages)
    }

    /// The `k` best passages for `question` with `method`, with notes on how they were found.
    /// Only reads: the index and the embeddings are as the last indexing left them.
    pub fn retrieve_noted(
        &self,
        question: &str,
        k: usize,
        method: Method,
        path_glob: Option<&str>,
    ) -> Result<Retrieved, RetrievalError> {
        if question.trim().is_empty() {
            return Err(RetrievalError::EmptyQuestion);
        }
        let k = k.max(1);
        let mut notes = Vec::new();
        let passages = match method {
            Method::Bm25 => self.bm25(question, k, path_glob)?,
            Method::Vector => match self.vector_hits(question, k, path_glob, &mut notes)? {
                Some(hits) => hits.into_iter().map(|h| self.hit_passage(h)).collect(),
                None => {
                    notes.push("vector search fell back to BM25".to_string());
                    self.bm25(question, k, path_glob)?
                }
            },
            Method::Infini => {
                let docs = self.workspace_documents(path_glob)?;
                self.infini_docs(&docs, question, k)?
            }
            Method::Hybrid => self.hybrid(question, k, path_glob, &mut notes)?,
        };
        Ok(Retrieved { passages, notes })
    }

    /// InfiniRetri over a given text (`rlm retrieve --context FILE`), labelled `label`.
    pub fn retrieve_in_text(
        &self,
        text: &str,
        label: &str,
        question: &str,
        k: usize,
    ) -> Result<Vec<Passage>, RetrievalError> {
        let docs = vec![Document::new(Some(label.to_string()), 1, text.to_string())];
        self.infini_docs(&docs, question, k.max(1))
    }

    /// InfiniRetri over documents, with its statistics.
    pub fn infini_docs_with_stats(
        &self,
        docs: &[Document],
        question: &str,
        k: usize,
    ) -> Result<(Vec<Passage>, InfiniStats), RetrievalError> {
        let model = self.attention_model()?;
        let judge = self.final_reading_model()?;
        infini_retrieve_judged(model, judge, docs, question, k, &self.config.infini())
    }

    /// The model that ranks InfiniRetri's final reading: `[models] final_attention`, else the
    /// attention model's `final_reading` in the manifest, else the attention model itself.
    pub fn final_reading_model(&self) -> Result<&AttentionModel, RetrievalError> {
        let reader = self.attention_model()?;
        if let Some(loaded) = self.final_reader.get() {
            return Ok(loaded.as_ref().unwrap_or(reader));
        }
        let name = match &self.models_config.final_attention {
            Some(name) => Some(name.clone()),
            None => self
                .store
                .manifest
                .get(reader.name())?
                .final_reading
                .clone(),
        };
        let loaded = match name.filter(|n| n != reader.name()) {
            Some(name) => {
                let spec = self.store.manifest.get(&name)?;
                if spec.role != "attention" {
                    let known: Vec<&str> = self
                        .store
                        .manifest
                        .model
                        .iter()
                        .filter(|m| m.role == "attention")
                        .map(|m| m.name.as_str())
                        .collect();
                    return Err(RetrievalError::Settings(format!(
                        "the final reading needs an attention model, and {name} is an {} model: name one of {}",
                        spec.role,
                        known.join(", ")
                    )));
                }
                Some(AttentionModel::load_spec(
                    self.runtime()?,
                    &self.store,
                    spec,
                )?)
            }
            None => None,
        };
        Ok(self
            .final_reader
            .get_or_init(|| loaded)
            .as_ref()
            .unwrap_or(reader))
    }

    fn infini_docs(
        &self,
        docs: &[Document],
        question: &str,
        k: usize,
    ) -> Result<Vec<Passage>, RetrievalError> {
        Ok(self.infini_docs_with_stats(docs, question, k)?.0)
    }

    fn index(&self) -> Result<WorkspaceIndex, RetrievalError> {
        Ok(WorkspaceIndex::open(&self.index_dir)?)
    }

    /// The indexed files (optionally matching a glob), read from disk as documents.
    fn workspace_documents(
        &self,
        path_glob: Option<&str>,
    ) -> Result<Vec<Document>, RetrievalError> {
        let index = self.index()?;
        let glob = compile_glob(path_glob)?;
        let mut docs = Vec::new();
        for path in index.manifest()?.files.keys() {
            if glob.as_ref().is_some_and(|g| !g.is_match(path)) {
                continue;
            }
            let Ok(bytes) = std::fs::read(self.root.join(path)) else {
                continue;
            };
            if is_binary(&bytes) {
                continue;
            }
            docs.push(Document::new(
                Some(path.clone()),
                1,
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
        Ok(docs)
    }

    fn bm25(
        &self,
        question: &str,
        k: usize,
        path_glob: Option<&str>,
    ) -> Result<Vec<Passage>, RetrievalError> {
        let index = self.index()?;
        let hits = search(
            &index,
            &SearchQuery {
                text: bm25_query(question),
                limit: k,
                language: None,
                path_glob: path_glob.map(str::to_string),
            },
        )?;
        Ok(hits
            .into_iter()
            .map(|hit| Passage {
                path: Some(hit.path),
                start_line: hit.start_line as usize,
                end_line: hit.end_line as usize,
                text: hit.text,
                score: hit.score,
                ranks: Vec::new(),
            })
            .collect())
    }

    /// Brings the embeddings of the index up to date (incremental: only units whose text is new
    /// are embedded), under the index's writer lock, waiting up to `lock_timeout` for another
    /// writer. `None` when `[retrieval] embed_at_index` is off. The model is loaded only when
    /// something needs embedding. Called after indexing by every face; queries never call it.
    pub fn build_vectors(
        &self,
        lock_timeout: Duration,
    ) -> Result<Option<VectorReport>, RetrievalError> {
        if !self.config.embed_at_index {
            return Ok(None);
        }
        let dir = &self.index_dir;
        let lock = match crate::index::lock_writer(dir, lock_timeout, &mut || {
            tracing::info!("waiting for another writer of {} to finish", dir.display());
        })
        .map_err(|source| RetrievalError::Io {
            context: "locking the index",
            path: dir.clone(),
            source,
        })? {
            crate::index::LockOutcome::Acquired(lock) => lock,
            crate::index::LockOutcome::TimedOut => {
                return Err(RetrievalError::Index(IndexError::Busy {
                    dir: dir.clone(),
                    waited_secs: lock_timeout.as_secs(),
                }));
            }
        };
        // Opened under the lock: the commit the last index update made.
        let index = self.index()?;
        let spec = self.embedding_spec()?;
        let dims = spec.dims.unwrap_or(0);
        let load = || self.embedder();
        let source = EmbedderSource {
            name: &spec.name,
            dims,
            load: &load,
        };
        update_vectors(&index, &source, self.config.unit_lines, &lock).map(Some)
    }

    /// The manifest entry of the configured embedding model (known without loading it).
    fn embedding_spec(&self) -> Result<&crate::models::ModelSpec, RetrievalError> {
        Ok(self
            .store
            .manifest
            .for_role("embedding", self.models_config.embedding.as_deref())?)
    }

    /// The vector store's best chunks for `question`; `None` (with a note) when the store is
    /// missing or unusable. Stale files are left out, with a note.
    fn vector_hits(
        &self,
        question: &str,
        k: usize,
        path_glob: Option<&str>,
        notes: &mut Vec<String>,
    ) -> Result<Option<Vec<VectorHit>>, RetrievalError> {
        Ok(self
            .vector_search(question, k, path_glob, notes)?
            .map(|(_, _, hits)| hits))
    }

    /// [`Retriever::vector_hits`] with the loaded store and the question's embedding.
    fn vector_search(
        &self,
        question: &str,
        k: usize,
        path_glob: Option<&str>,
        notes: &mut Vec<String>,
    ) -> Result<Option<VectorSearch>, RetrievalError> {
        // The question first: a model that cannot load is an error the user must see, whether
        // or not the workspace has embeddings.
        let query = self.embedder()?.embed(question)?;
        let index = self.index()?;
        let manifest = index.manifest()?;
        let spec = self.embedding_spec()?;
        let (vectors, freshness) = match VectorIndex::load(&self.index_dir, &manifest, &spec.name) {
            Ok(loaded) => loaded,
            Err(
                e
                @ (RetrievalError::VectorsMissing { .. } | RetrievalError::VectorsUnusable { .. }),
            ) => {
                notes.push(e.to_string());
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        notes.extend(freshness.note());
        let glob = compile_glob(path_glob)?;
        let hits = vectors.search(&query, k, &|c| {
            glob.as_ref().is_none_or(|g| g.is_match(&c.path))
        });
        Ok(Some((vectors, query, hits)))
    }

    /// A vector hit as a passage: the chunk's lines as on disk (as embedded: stale files are not
    /// searched).
    fn hit_passage(&self, hit: VectorHit) -> Passage {
        let chunk = hit.chunk;
        let text = std::fs::read(self.root.join(&chunk.path))
            .map(|bytes| {
                Document::new(None, 1, String::from_utf8_lossy(&bytes).into_owned())
                    .lines(chunk.start_line as usize, chunk.end_line as usize)
            })
            .unwrap_or_default();
        Passage {
            path: Some(chunk.path),
            start_line: chunk.start_line as usize,
            end_line: chunk.end_line as usize,
            text,
            score: hit.score,
            ranks: Vec::new(),
        }
    }

    fn hybrid(
        &self,
        question: &str,
        k: usize,
        path_glob: Option<&str>,
        notes: &mut Vec<String>,
    ) -> Result<Vec<Passage>, RetrievalError> {
        let n = self.config.candidates.max(k);
        let bm25 = self.bm25(question, n, path_glob)?;
        let (store, vector) = match self.vector_search(question, n, path_glob, notes)? {
            Some((store, query, hits)) => (
                Some((store, query)),
                hits.into_iter().map(|h| self.hit_passage(h)).collect(),
            ),
            None => {
                notes.push("hybrid retrieval ran without its vector list".to_string());
                (None, Vec::new())
            }
        };
        let terms = focus_terms(&bm25_query(question));
        let lexical = self.lexical_match(&terms, &bm25)?;
        // Candidate chunks taken alternately from the two lists, best first, within the token
        // budget: InfiniRetri reads them as documents.
        // Each candidate: the chunk as listed (to match the first-stage lists) and the part of it
        // InfiniRetri reads (see `focus`).
        let model = self.attention_model()?;
        let mut chunks: Vec<&Passage> = Vec::new();
        let mut candidates: Vec<Passage> = Vec::new();
        let mut tokens = 0;
        let alternate = (0..bm25.len().max(vector.len()))
            .flat_map(|i| [bm25.get(i), vector.get(i)])
            .flatten();
        for p in alternate {
            if chunks.iter().any(|c| same_span(c, p)) {
                continue;
            }
            let part = self.focus_candidate(p, &terms, lexical, store.as_ref());
            let cost = model.encode(&part.text)?.ids.len();
            if tokens + cost > self.config.candidate_tokens && candidates.len() >= k {
                break;
            }
            tokens += cost;
            chunks.push(p);
            candidates.push(Passage {
                start_line: part.start_line,
                end_line: part.end_line,
                text: part.text,
                ..p.clone()
            });
        }
        let docs: Vec<Document> = candidates
            .iter()
            .map(|c| Document::new(c.path.clone(), c.start_line, c.text.clone()))
            .collect();
        let infini = self.infini_docs(&docs, question, candidates.len())?;
        let first_stage_ranks = |list: &[Passage]| -> Vec<usize> {
            list.iter()
                .filter_map(|p| chunks.iter().position(|c| same_span(c, p)))
                .collect()
        };
        let mut infini_ranks: Vec<usize> = Vec::new();
        for p in &infini {
            let owner = candidates.iter().position(|c| {
                c.path == p.path && c.start_line <= p.start_line && p.end_line <= c.end_line
            });
            if let Some(i) = owner.filter(|i| !infini_ranks.contains(i)) {
                infini_ranks.push(i);
            }
        }
        let weights = trust::weights_for(self.config.weights, lexical);
        tracing::debug!(lexical, ?weights, "hybrid trust");
        let lists = [
            (Method::Bm25, weights.bm25, first_stage_ranks(&bm25)),
            (Method::Vector, weights.vector, first_stage_ranks(&vector)),
            (Method::Infini, weights.infini, infini_ranks),
        ];
        if tracing::enabled!(tracing::Level::TRACE) {
            for (i, c) in candidates.iter().enumerate() {
                let rank = |list: &[usize]| list.iter().position(|&x| x == i).map(|r| r + 1);
                tracing::trace!(
                    path = c.path.as_deref().unwrap_or("-"),
                    start = c.start_line,
                    end = c.end_line,
                    bm25 = rank(&lists[0].2),
                    vector = rank(&lists[1].2),
                    infini = rank(&lists[2].2),
                    "hybrid candidate"
                );
            }
        }
        let rankings: Vec<Ranking<usize>> = lists
            .iter()
            .map(|(_, weight, items)| Ranking {
                weight: *weight,
                items: items.clone(),
            })
            .collect();
        // Each list keeps its share of the top k by trust (at least its first candidate), so
        // the list trusted most for this question is never outvoted by the others agreeing.
        let keeps = trusted_shares(&[weights.bm25, weights.vector, weights.infini], k);
        let fused = rrf_keeping_shares(&rankings, self.config.rrf_k, k, &keeps);
        Ok(fused
            .into_iter()
            .take(k)
            .map(|(i, score)| {
                let ranks = lists
                    .iter()
                    .filter_map(|(m, _, items)| {
                        items.iter().position(|&x| x == i).map(|r| (*m, r + 1))
                    })
                    .collect();
                returned_passage(chunks[i], &candidates[i], score, ranks)
            })
            .collect())
    }
}

/// What every face calls after an index update: the workspace's embeddings brought up to date
/// with its configuration (`rlm.toml`), under the index's writer lock. `None` when
/// `[retrieval] embed_at_index` is off.
pub fn build_workspace_vectors(
    root: &Path,
    index_dir: &Path,
    lock_timeout: Duration,
) -> Result<Option<VectorReport>, RetrievalError> {
    let config = crate::config::Config::load(root)?;
    Retriever::new(root, index_dir, &config)?.build_vectors(lock_timeout)
}

impl Retriever {
    /// The lines of a hybrid candidate InfiniRetri reads: around the line sharing most of the
    /// question's words when the words lead (lexical match at least [`WORDS_LEAD`]) and some line
    /// shares one; else around the chunk's window closest to the question by embedding, when the
    /// store holds windows of it; else around the best word line, or the chunk's head.
    fn focus_candidate(
        &self,
        p: &Passage,
        terms: &[String],
        lexical: f32,
        store: Option<&(VectorIndex, Vec<f32>)>,
    ) -> Focus {
        let lines = self.config.candidate_lines;
        let words = focus(&p.text, p.start_line, terms, lines);
        if lexical >= WORDS_LEAD && focus::best_line_terms(&p.text, terms) > 0 {
            return words;
        }
        let chunk = ChunkRef {
            path: p.path.clone().unwrap_or_default(),
            start_line: p.start_line as u64,
            end_line: p.end_line as u64,
        };
        match store.and_then(|(vectors, query)| vectors.best_unit(&chunk, query)) {
            Some(((start, end), _)) => {
                focus::focus_on_unit(&p.text, p.start_line, (start as usize, end as usize), lines)
            }
            None => words,
        }
    }

    /// The question's lexical match against the best BM25 chunks ([`trust::lexical_match`]),
    /// with each term's IDF over the index.
    fn lexical_match(&self, terms: &[String], bm25: &[Passage]) -> Result<f32, RetrievalError> {
        let index = self.index()?;
        let searcher = index.searcher();
        let docs = searcher.num_docs();
        let mut weighted = Vec::with_capacity(terms.len());
        for term in terms {
            let df =
                searcher.doc_freq(&tantivy::Term::from_field_text(index.fields().text, term))?;
            weighted.push((term.clone(), trust::idf(df, docs)));
        }
        let texts: Vec<&str> = bm25
            .iter()
            .take(TRUST_CHUNKS)
            .map(|p| p.text.as_str())
            .collect();
        Ok(trust::lexical_match(&weighted, &texts))
    }
}

/// A vector search: the loaded store, the question's embedding and the best chunks.
type VectorSearch = (VectorIndex, Vec<f32>, Vec<VectorHit>);

/// The lexical match from which a candidate is read where the question's words are.
const WORDS_LEAD: f32 = 0.5;

/// BM25 chunks whose lines the lexical match looks at.
const TRUST_CHUNKS: usize = 10;

/// What a fused hybrid candidate returns: the lines every list that ranked it read, so a hit
/// a list found is returned as that list read it. BM25 and vector list whole chunks, which hold
/// the window InfiniRetri read (`read`); so a candidate either first-stage list ranked returns
/// its `chunk`, and one only InfiniRetri ranked returns the window it read.
fn returned_passage(
    chunk: &Passage,
    read: &Passage,
    score: f32,
    ranks: Vec<(Method, usize)>,
) -> Passage {
    let listed = ranks
        .iter()
        .any(|(m, _)| matches!(m, Method::Bm25 | Method::Vector));
    let span = if listed { chunk } else { read };
    Passage {
        score,
        ranks,
        ..span.clone()
    }
}

fn same_span(a: &Passage, b: &Passage) -> bool {
    a.path == b.path && a.start_line == b.start_line && a.end_line == b.end_line
}

fn compile_glob(glob: Option<&str>) -> Result<Option<globset::GlobMatcher>, RetrievalError> {
    glob.map(|g| {
        globset::Glob::new(g)
            .map(|g| g.compile_matcher())
            .map_err(|e| {
                RetrievalError::Search(SearchError::BadGlob {
                    glob: g.to_string(),
                    message: e.to_string(),
                })
            })
    })
    .transpose()
}

/// English words that say how a question is asked, not what it is about. In a large code base
/// they match nearly every chunk, and a long chunk full of "the" and "is" outranks the one line
/// that holds the answer.
const QUESTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "called", "can", "could", "did", "do", "does",
    "for", "from", "has", "have", "how", "i", "in", "is", "it", "its", "me", "of", "on", "or",
    "should", "that", "the", "their", "there", "these", "this", "those", "to", "was", "we", "were",
    "what", "when", "where", "which", "who", "whom", "whose", "why", "will", "with", "would",
    "you",
];

/// The words of a natural-language question as a BM25 query (no query syntax survives), without
/// the question words, unless nothing else is left.
pub fn bm25_query(question: &str) -> String {
    let words: Vec<&str> = question
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let content: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !QUESTION_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        .collect();
    if content.is_empty() { words } else { content }.join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The case the semantic bench lost: the fact on line 1 of a 60-line chunk that BM25 and
    /// vector listed, while InfiniRetri read lines 26-55 of it.
    fn chunk_and_read_window() -> (Passage, Passage) {
        let lines: Vec<String> = (1..=60).map(|n| format!("line {n}")).collect();
        let chunk = Passage {
            path: Some("__future__.py".to_string()),
            start_line: 1,
            end_line: 60,
            text: lines.join("\n"),
            score: 0.31,
            ranks: Vec::new(),
        };
        let read = Passage {
            start_line: 26,
            end_line: 55,
            text: lines[25..55].join("\n"),
            ..chunk.clone()
        };
        (chunk, read)
    }

    #[test]
    fn a_hybrid_hit_a_first_stage_list_ranked_returns_the_chunk_that_list_read() {
        let (chunk, read) = chunk_and_read_window();
        let ranks = vec![(Method::Bm25, 4), (Method::Vector, 1), (Method::Infini, 14)];
        assert_eq!(
            returned_passage(&chunk, &read, 0.127, ranks.clone()),
            Passage {
                path: Some("__future__.py".to_string()),
                start_line: 1,
                end_line: 60,
                text: chunk.text.clone(),
                score: 0.127,
                ranks,
            }
        );
    }

    #[test]
    fn a_hybrid_hit_only_infiniretri_ranked_returns_the_window_it_read() {
        let (chunk, read) = chunk_and_read_window();
        let ranks = vec![(Method::Infini, 1)];
        assert_eq!(
            returned_passage(&chunk, &read, 0.05, ranks.clone()),
            Passage {
                path: Some("__future__.py".to_string()),
                start_line: 26,
                end_line: 55,
                text: read.text.clone(),
                score: 0.05,
                ranks,
            }
        );
    }

    #[test]
    fn retriever_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Retriever>();
    }

    #[test]
    fn config_section_overrides_defaults_and_rejects_unknown_keys() {
        let config: RetrievalConfig =
            toml::from_str("method = \"bm25\"\n[weights]\ninfini = 2.0\n").unwrap();
        assert_eq!(
            config,
            RetrievalConfig {
                method: Method::Bm25,
                weights: Weights {
                    infini: 2.0,
                    ..Weights::default()
                },
                ..RetrievalConfig::default()
            }
        );
        let err = toml::from_str::<RetrievalConfig>("windw_tokens = 3").unwrap_err();
        assert!(
            err.to_string().contains("unknown field `windw_tokens`"),
            "{err}"
        );
    }

    #[test]
    fn question_punctuation_does_not_reach_the_query_parser() {
        assert_eq!(
            bm25_query("where is `Config::load` (the \"toml\" part)?"),
            "Config load toml part"
        );
    }

    #[test]
    fn default_fusion_keeps_infini_first_place_in_the_top_five() {
        // As measured at 1M tokens: the needle's chunk was BM25's 8th, absent from the vectors'
        // list and InfiniRetri's 1st, while five look-alikes led both first-stage lists.
        let bm25 = vec!["a", "b", "c", "d", "e", "f", "g", "needle"];
        let vector = vec!["a", "b", "c", "d", "e"];
        let infini = vec!["needle", "a", "b", "c", "d", "e"];
        let place = |weights: [f32; 3], k: f32| {
            let lists = [bm25.clone(), vector.clone(), infini.clone()];
            let rankings: Vec<Ranking<&str>> = weights
                .iter()
                .zip(lists)
                .map(|(&weight, items)| Ranking { weight, items })
                .collect();
            rrf(&rankings, k)
                .iter()
                .position(|(key, _)| *key == "needle")
        };
        let config = RetrievalConfig::default();
        let w = config.weights;
        assert_eq!(place([w.bm25, w.vector, w.infini], config.rrf_k), Some(3));
        // Equal weights and the textbook k = 60 put it 6th, out of the top 5.
        assert_eq!(place([1.0, 1.0, 1.0], 60.0), Some(5));
    }

    #[test]
    fn question_words_are_dropped_unless_nothing_else_is_left() {
        assert_eq!(
            bm25_query("Who was on call during the payments outage?"),
            "call during payments outage"
        );
        assert_eq!(bm25_query("What is it?"), "What is it");
    }

    #[test]
    fn method_names_round_trip_and_unknown_is_explained() {
        for m in [Method::Infini, Method::Bm25, Method::Vector, Method::Hybrid] {
            assert_eq!(m.name().parse::<Method>().ok(), Some(m));
        }
        assert_eq!(
            "grep".parse::<Method>().err().map(|e| e.to_string()),
            Some("unknown retrieval method \"grep\": use infini, bm25, vector or hybrid".into())
        );
    }
}
