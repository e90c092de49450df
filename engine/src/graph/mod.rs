//! The code graph: definitions, uses, calls, imports and inheritance across the workspace,
//! each use resolved to the definition it lands on with a confidence, stored beside the index
//! in SQLite and kept current with it.
//!
//! - [`syntax`] reads one file's facts from its tree-sitter parse (Python, JavaScript,
//!   TypeScript/TSX, Go, Java, Rust): definitions with the identifier's exact place and the
//!   whole extent, the uses in each scope (locals left out), imports and base types.
//! - [`layout`] maps modules to files per language (Python packages, ESM/CommonJS with
//!   `tsconfig` paths, Go modules, Java packages, Rust `mod`/`use` and workspace crates).
//! - [`resolve`] lands each use: scope, then imports, then a ranked guess by name, and says
//!   which of those it was ([`Confidence`]).
//! - [`build`] updates `graph.db` after each index update, redoing only changed files and the
//!   files whose resolution depended on them, in one transaction.
//! - [`query`] answers from it: definition at a place, references, callers and callees,
//!   impact, import cycles, the repository map (PageRank), unreferenced definitions, type
//!   hierarchy; [`live`] answers from one document's own parse when there is no graph yet.
//! - [`export`] writes the graph for graph databases (Cypher, GraphML, JSON lines).
//!
//! The graph knows nothing of LSP or MCP; lines are 1-based and columns are bytes.

pub mod at;
mod build;
pub mod export;
mod layout;
pub mod live;
mod model;
pub mod query;
mod resolve;
mod store;
mod syntax;

#[cfg(test)]
mod tests;

pub use build::{GraphReport, Prepared, graph_exists, update_graph, update_graph_with};
pub use model::{Confidence, Def, DefKind, FileFacts, Import, Ref, RefKind, Span};
pub use query::{CallSite, Graph, Impact, ImpactEntry, MapEntry, Reference, RepoMap, Symbol};
pub use store::{GRAPH_FILE, graph_path};
pub use syntax::{extract, extract_from_tree, supports};

use std::path::{Path, PathBuf};

/// Errors of building or reading the graph.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("graph database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("no code graph in {dir}: run `rlm index` on the workspace first")]
    Missing { dir: PathBuf },
    #[error("the index manifest is unreadable ({message}): run `rlm index` to rebuild it")]
    Corrupt { message: String },
    #[error("no definition named `{name}` in the graph")]
    UnknownSymbol { name: String },
    #[error("{path} is not in the graph (not indexed, or a language the graph does not read)")]
    UnknownFile { path: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Updates the graph when dropped: created by the index update right after it takes the
/// writer lock and dropped just before the lock is released, so the graph follows every index
/// update (including one that found nothing to do, which builds a missing graph) under the
/// same lock. A failure is logged, never turned into an index failure: the index stays usable.
pub struct UpdateOnDrop {
    root: PathBuf,
    dir: PathBuf,
    overlay: crate::index::Overlay,
    prepared: std::sync::Mutex<Prepared>,
}

impl UpdateOnDrop {
    pub fn new(root: &Path, dir: &Path, overlay: &crate::index::Overlay) -> UpdateOnDrop {
        UpdateOnDrop {
            root: root.to_path_buf(),
            dir: dir.to_path_buf(),
            overlay: overlay.clone(),
            prepared: std::sync::Mutex::new(Prepared::new()),
        }
    }

    /// Hands over the facts of `path` (content `hash`) from the index's own parse, so the
    /// update does not read and parse the file again.
    pub fn offer(&self, path: &str, hash: String, facts: FileFacts) {
        if let Ok(mut prepared) = self.prepared.lock() {
            prepared.insert(path.to_string(), (hash, facts));
        }
    }
}

impl Drop for UpdateOnDrop {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let mut prepared = match self.prepared.lock() {
            Ok(mut prepared) => std::mem::take(&mut *prepared),
            Err(_) => Prepared::new(),
        };
        match update_graph_with(&self.root, &self.dir, &self.overlay, &mut prepared) {
            Ok(report) if report.parsed > 0 || report.removed > 0 => tracing::info!(
                "graph: {} files ({} parsed, {} removed, {} re-resolved) in {} ms",
                report.files,
                report.parsed,
                report.removed,
                report.resolved_files,
                report.elapsed.as_millis()
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!("graph: update failed: {e}"),
        }
    }
}
