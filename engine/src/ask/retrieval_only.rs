//! [`answer_from_retrieval`]: what every face answers when no model is configured. Instead of
//! stopping, a question about a workspace gets the passages retrieval ranks best (paths, line
//! ranges, text) and one line saying that this is retrieval only and how to configure a model
//! for a written answer. The configured method runs (default hybrid); where its models are
//! missing or broken, BM25 over the index answers and the reason is kept, so this works on a
//! machine without the ONNX models too.

use super::{PrepareError, built_index};
use crate::config::LoadedConfig;
use crate::index::{IndexSettings, NoProgress, WorkspaceIndex, index_workspace};
use crate::retrieval::{Method, Passage, RetrievalError, Retriever};
use crate::search::{SearchQuery, search};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

/// Passages an answer carries when the face asks for no number.
pub const DEFAULT_PASSAGES: usize = 5;

/// The one line every face shows above the passages.
pub const RETRIEVAL_ONLY_NOTE: &str = "Retrieval only (no model is configured): these are the passages that best match the question, not a written answer. For one, set RLM_MODEL (e.g. openai:gpt-4o-mini with OPENAI_API_KEY, or ollama:qwen3:8b) or [rlm] root in rlm.toml; see docs/providers.md.";

/// A question about a workspace, to answer from its index alone.
pub struct RetrievalQuestion<'a> {
    pub root: &'a Path,
    pub settings: &'a IndexSettings,
    pub loaded: &'a LoadedConfig,
    pub question: &'a str,
    /// Only paths matching this glob (a folder or file of the workspace), e.g. `src/**`.
    pub path_glob: Option<String>,
    /// How many passages (at least 1).
    pub k: usize,
    /// A retriever the face already holds with its models loaded (the MCP server's); `None`
    /// builds one from `loaded`.
    pub retriever: Option<Arc<Retriever>>,
}

/// The answer without a model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetrievalAnswer {
    /// [`RETRIEVAL_ONLY_NOTE`].
    pub note: String,
    /// The method that ranked the passages (`bm25` when the configured one was unavailable).
    pub method: String,
    /// Why the configured method did not run, when it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
    /// Best first.
    pub passages: Vec<Passage>,
}

impl RetrievalAnswer {
    /// The passages as text: `path:start-end` and the lines, numbered, at most `max_lines`
    /// of each.
    pub fn render(&self, max_lines: usize) -> String {
        if self.passages.is_empty() {
            return "No passage of the workspace matches the question.\n".to_string();
        }
        let mut out = String::new();
        for (i, p) in self.passages.iter().enumerate() {
            out.push_str(&format!(
                "{}. {}:{}-{}\n",
                i + 1,
                p.path.as_deref().unwrap_or("<text>"),
                p.start_line,
                p.end_line
            ));
            let lines: Vec<&str> = p.text.lines().collect();
            for (n, line) in lines.iter().take(max_lines).enumerate() {
                out.push_str(&format!("    {:>5} | {line}\n", p.start_line + n));
            }
            if lines.len() > max_lines {
                out.push_str(&format!(
                    "          | … {} more lines\n",
                    lines.len() - max_lines
                ));
            }
        }
        out
    }

    /// The method line shown under the note: which ranking answered, and why BM25 did when
    /// the configured one could not.
    pub fn method_line(&self) -> String {
        match &self.fallback {
            Some(why) => format!("Ranked by {} ({why}).", self.method),
            None => format!("Ranked by {}.", self.method),
        }
    }

    /// The whole answer as Markdown, for the editor and agents.
    pub fn markdown(&self, max_lines: usize) -> String {
        let mut out = format!("*{}*\n\n*{}*\n\n", self.note, self.method_line());
        if self.passages.is_empty() {
            out.push_str("No passage of the workspace matches the question.\n");
        }
        for p in &self.passages {
            let lines: Vec<&str> = p.text.lines().collect();
            out.push_str(&format!(
                "**{}:{}-{}**\n```\n{}\n```\n",
                p.path.as_deref().unwrap_or("<text>"),
                p.start_line,
                p.end_line,
                lines
                    .iter()
                    .take(max_lines)
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
        out
    }
}

/// Answers `question` from the workspace index: indexed first when no index is built yet
/// (incremental, under the index lock), then ranked by the configured method, or by BM25 with
/// the reason when that method's models are missing. Blocking.
pub fn answer_from_retrieval(q: RetrievalQuestion<'_>) -> Result<RetrievalAnswer, PrepareError> {
    if q.question.trim().is_empty() {
        return Err(PrepareError::Setup(
            "the question is empty: say what you want to know".into(),
        ));
    }
    let index_dir = match built_index(q.settings) {
        Some(dir) => dir,
        None => {
            index_workspace(q.root, q.settings, &NoProgress).map_err(retrieval_error)?;
            q.settings.dir.clone()
        }
    };
    let k = q.k.max(1);
    let glob = q.path_glob.as_deref();
    let retriever = match q.retriever {
        Some(retriever) => Ok(retriever),
        None => Retriever::new(q.root, &index_dir, q.loaded).map(Arc::new),
    };
    let configured = retriever.and_then(|retriever| {
        let method = retriever.config().method;
        retriever
            .retrieve_with(q.question, k, method, glob)
            .map(|passages| (method, passages))
    });
    let (method, passages, fallback) = match configured {
        Ok((method, passages)) => (method, passages, None),
        Err(RetrievalError::EmptyQuestion) => {
            return Err(retrieval_error(RetrievalError::EmptyQuestion));
        }
        Err(why) => (
            Method::Bm25,
            bm25(&index_dir, q.question, k, glob)?,
            Some(format!("the configured retrieval is unavailable: {why}")),
        ),
    };
    Ok(RetrievalAnswer {
        note: RETRIEVAL_ONLY_NOTE.to_string(),
        method: method.name().to_string(),
        fallback,
        passages,
    })
}

/// BM25 over the index, needing no model.
fn bm25(
    index_dir: &Path,
    question: &str,
    k: usize,
    path_glob: Option<&str>,
) -> Result<Vec<Passage>, PrepareError> {
    let index = WorkspaceIndex::open(index_dir).map_err(retrieval_error)?;
    let hits = search(
        &index,
        &SearchQuery {
            text: crate::retrieval::bm25_query(question),
            limit: k,
            language: None,
            path_glob: path_glob.map(str::to_string),
        },
    )
    .map_err(retrieval_error)?;
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

fn retrieval_error(e: impl std::fmt::Display) -> PrepareError {
    PrepareError::Setup(format!("retrieval: {e}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::config::Config;

    #[test]
    fn without_the_models_bm25_answers_with_paths_lines_and_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("billing.py"),
            "def compute_invoice_total(items):\n    return sum(i.price for i in items)\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("auth.py"),
            "def login(user):\n    return user\n",
        )
        .unwrap();
        let no_models = dir.path().join("no-models");
        std::fs::write(
            dir.path().join("rlm.toml"),
            format!("[models]\ndir = {:?}\n", no_models.to_str().unwrap()),
        )
        .unwrap();
        let loaded = Config::load(dir.path()).unwrap();
        let settings = IndexSettings::new(dir.path(), &loaded.config, None);
        let answer = answer_from_retrieval(RetrievalQuestion {
            root: dir.path(),
            settings: &settings,
            loaded: &loaded,
            question: "How is the invoice total computed?",
            path_glob: None,
            k: 1,
            retriever: None,
        })
        .unwrap();
        assert_eq!(answer.note, RETRIEVAL_ONLY_NOTE);
        assert_eq!(answer.method, "bm25");
        assert!(
            answer
                .fallback
                .as_deref()
                .unwrap()
                .starts_with("the configured retrieval is unavailable: "),
            "{:?}",
            answer.fallback
        );
        assert_eq!(
            answer.render(12),
            "1. billing.py:1-2\n        1 | def compute_invoice_total(items):\n        2 |     return sum(i.price for i in items)\n"
        );
        // The index it built stays, and an empty question is refused.
        assert!(built_index(&settings).is_some());
        let empty = answer_from_retrieval(RetrievalQuestion {
            root: dir.path(),
            settings: &settings,
            loaded: &loaded,
            question: "  ",
            path_glob: None,
            k: 1,
            retriever: None,
        });
        assert!(empty.is_err());
    }
}
