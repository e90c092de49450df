//! `retrieve`: the passages of the workspace that answer a question, by BM25, embeddings,
//! InfiniRetri or a hybrid of them (`rlm_engine::retrieval`).

use super::{check_length, clamp_limit};
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::retrieval::{Method, Passage, RetrievalError};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetrieveArgs {
    /// A question in plain words, e.g. "where is the session token checked?".
    pub question: String,
    /// How many passages to return (default 5, at most the server's result limit).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub k: Option<u32>,
    /// bm25 (words, no models), vector (embeddings), infini (InfiniRetri: a small model reads
    /// the text) or hybrid (all three fused). Default: `[retrieval] method` of rlm.toml.
    #[serde(default)]
    #[schemars(with = "String")]
    pub method: Option<String>,
    /// Only paths matching this glob, relative to the workspace root, e.g. "src/**/*.rs".
    #[serde(default)]
    #[schemars(with = "String")]
    pub path_glob: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RetrieveResult {
    pub question: String,
    /// The method that ran.
    pub method: String,
    /// Best first.
    pub passages: Vec<PassageEntry>,
    /// How the passages were found when it matters: a fallback to BM25, embeddings behind the
    /// index (run `reindex`). Left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PassageEntry {
    /// Relative to the workspace root.
    pub path: String,
    pub start_line: u64,
    pub end_line: u64,
    /// The method's score; for hybrid the fused reciprocal-rank score.
    pub score: f32,
    /// The passage's lines.
    pub text: String,
    /// For hybrid: the rank (from 1) each method gave the passage.
    pub ranks: Vec<MethodRank>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MethodRank {
    pub method: String,
    pub rank: u64,
}

/// Passages retrieved without `k` say how many to return.
const DEFAULT_K: usize = 5;

fn to_entry(passage: Passage) -> PassageEntry {
    PassageEntry {
        path: passage.path.unwrap_or_default(),
        start_line: passage.start_line as u64,
        end_line: passage.end_line as u64,
        score: passage.score,
        text: passage.text,
        ranks: passage
            .ranks
            .into_iter()
            .map(|(method, rank)| MethodRank {
                method: method.name().to_string(),
                rank: rank as u64,
            })
            .collect(),
    }
}

/// The model a method needs could not be loaded: what went wrong, then how to get the models or
/// do without them.
fn models_missing(method: Method, error: RetrievalError) -> ToolError {
    ToolError::new(format!(
        "method {} needs the local models, which could not be loaded: {error}. Install them with `rlm models install` (or `make setup`), or call retrieve with method bm25, which needs none",
        method.name()
    ))
}

impl From<RetrievalError> for ToolError {
    fn from(error: RetrievalError) -> ToolError {
        match error {
            RetrievalError::Index(e) => ToolError::from(e),
            RetrievalError::VectorsMissing { .. } => ToolError::new(
                "this workspace has no embeddings yet: call reindex (or run `rlm index`) to build them, or use method bm25",
            ),
            other => ToolError::new(other.to_string()),
        }
    }
}

#[tool_router(router = retrieve_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "retrieve",
        description = "Find the passages of the workspace that answer a question in plain words, with their file, lines and text. Methods: bm25 (fast, word matching, needs no models), vector (embeddings: finds passages that use other words), infini (InfiniRetri: a small language model reads the code and keeps the lines it attends to; slow) and hybrid (all three fused; the default). vector, infini and hybrid need the local models (`rlm models install`).",
        // Truthful: a query reads the index and the embeddings and writes nothing (the
        // embeddings are built by `reindex`).
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn retrieve(
        &self,
        Parameters(args): Parameters<RetrieveArgs>,
    ) -> Result<Json<RetrieveResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        check_length("question", &args.question, shared.limits.max_query_bytes)?;
        if args.question.trim().is_empty() {
            return Err(RetrievalError::EmptyQuestion.into());
        }
        let method = match &args.method {
            Some(name) => name.parse::<Method>()?,
            None => shared.retrieval.method,
        };
        let k = clamp_limit(args.k, DEFAULT_K, shared.limits.max_results);
        let question = args.question.clone();
        let found = blocking(move || {
            shared
                .retriever()
                .and_then(|r| r.retrieve_noted(&question, k, method, args.path_glob.as_deref()))
                .map_err(|e| match e {
                    RetrievalError::Model(_) => models_missing(method, e),
                    other => other.into(),
                })
        })
        .await?;
        Ok(Json(RetrieveResult {
            question: args.question,
            method: method.name().to_string(),
            passages: found.passages.into_iter().map(to_entry).collect(),
            notes: found.notes,
        }))
    }
}
