//! [`prepare_request`]: the whole [`AskRequest`] from a workspace's configuration, for every
//! face. The CLI, the editor and the MCP server only map their own arguments onto
//! [`AskSetup`]; the rules that used to be copied into each of them live here once: which
//! sandbox helper runs, whether a workspace counts as indexed (its manifest, not the mere
//! existence of `.rlm/`, which may hold only `memory.db`), the retriever the loop's
//! `retrieve()` uses (built once per run, or the face's own already loaded), and the memories
//! recalled into the REPL.

use super::{AskOverrides, PrepareError, prepare, recall_from_store, recall_memory};
use crate::config::LoadedConfig;
use crate::index::IndexSettings;
use crate::memory::{MemoryConfig, MemoryStore};
use crate::retrieval::{RetrievalConfig, Retriever};
use crate::rlm::{AskRequest, CancellationToken, ContextSource, LoopRetrieval};
use crate::sandbox::policy::default_helper;
use crate::workspace::ListOptions;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a question is about.
#[derive(Debug, Clone)]
pub enum AskScope {
    /// The whole workspace at `root`, listed and indexed as `settings` say: it gets
    /// `retrieve()` when indexed, and its memories.
    Workspace {
        root: PathBuf,
        settings: IndexSettings,
    },
    /// A folder (of a workspace, or anywhere), rendered on its own: no index, no memories.
    Folder { root: PathBuf, list: ListOptions },
    /// One text file: no index, no memories.
    File(PathBuf),
}

/// Where the loop's `memory` variable comes from.
pub enum AskMemory<'a> {
    /// No `memory` variable.
    Off,
    /// Open the workspace's store when it exists (none is created) and recall as `agent`
    /// (default `[memory] agent`).
    Workspace { agent: Option<String> },
    /// Recall from a store the face keeps open (the MCP server), as `[memory] agent`.
    Store(&'a MemoryStore),
}

/// A face's question, mapped from its own arguments.
pub struct AskSetup<'a> {
    pub question: String,
    pub scope: AskScope,
    /// The configuration of the workspace (or, for a lone file, of the current folder).
    pub loaded: &'a LoadedConfig,
    pub overrides: AskOverrides,
    /// Only for [`AskScope::Workspace`]: other scopes never get memories.
    pub memory: AskMemory<'a>,
    /// A retriever the face already holds with its models loaded (the MCP server's); `None`
    /// builds one from `loaded` for the run. Used only when the workspace is indexed.
    pub retriever: Option<Arc<Retriever>>,
    /// The program the sandbox starts as its confined helper; `None` is the rule every face
    /// uses: `rlm-sandbox-helper` beside the running binary, else the binary itself.
    pub helper: Option<PathBuf>,
    pub cancel: CancellationToken,
}

/// A request ready for [`crate::rlm::ask`], and what the face may want to tell its user.
pub struct PreparedAsk {
    pub request: AskRequest,
    /// Why the run has no memories although they were asked for (the store's trouble costs the
    /// run its memories, not its answer).
    pub memory_warning: Option<String>,
}

/// The sandbox helper every face uses: `rlm-sandbox-helper` beside the running binary, else
/// the running binary itself (its hidden helper subcommand).
pub fn sandbox_helper() -> Result<PathBuf, PrepareError> {
    let exe = std::env::current_exe().map_err(|e| {
        PrepareError::Setup(format!(
            "cannot find the running binary for the sandbox: {e}"
        ))
    })?;
    Ok(default_helper(&exe))
}

/// The index folder when `rlm index` has built an index there (its manifest exists). A
/// folder holding only the memory store or editor answers is not an index.
pub fn built_index(settings: &IndexSettings) -> Option<PathBuf> {
    settings
        .dir
        .join(INDEX_MANIFEST)
        .is_file()
        .then(|| settings.dir.clone())
}

/// The file an index folder has once an index is built (`index::Manifest`).
const INDEX_MANIFEST: &str = "manifest.json";

/// Builds the whole request: models, response cache, budgets and sandbox from
/// [`prepare`], the context (with the index check), the retriever and its threshold, and the
/// memories. Blocking (it probes the sandbox and may open the memory store).
pub fn prepare_request(setup: AskSetup<'_>) -> Result<PreparedAsk, PrepareError> {
    let helper = match setup.helper {
        Some(helper) => helper,
        None => sandbox_helper()?,
    };
    let prepared = prepare(setup.loaded, &helper, &setup.overrides)?;
    let (context, retrieval, workspace_root) = match setup.scope {
        AskScope::Workspace { root, settings } => {
            let index_dir = built_index(&settings);
            let retrieval = index_dir
                .as_deref()
                .map(|dir| loop_retrieval(&root, dir, setup.loaded, setup.retriever));
            let context = ContextSource::Workspace {
                root: root.clone(),
                list: settings.list.clone(),
                index_dir,
            };
            (context, retrieval, Some(root))
        }
        AskScope::Folder { root, list } => (
            ContextSource::Workspace {
                root,
                list,
                index_dir: None,
            },
            None,
            None,
        ),
        AskScope::File(path) => (ContextSource::File(path), None, None),
    };
    let (memory, memory_warning) = match (workspace_root, setup.memory) {
        (Some(root), AskMemory::Workspace { agent }) => {
            match recall_memory(&root, setup.loaded, agent.as_deref(), &setup.question) {
                Ok(recall) => (recall, None),
                Err(e) => (None, Some(e.to_string())),
            }
        }
        (Some(_), AskMemory::Store(store)) => {
            match setup
                .loaded
                .section::<MemoryConfig>("memory")
                .map_err(PrepareError::from)
                .and_then(|config| {
                    recall_from_store(store, &config, None, &setup.question).map_err(Into::into)
                }) {
                Ok(recall) => (recall, None),
                Err(e) => (None, Some(e.to_string())),
            }
        }
        _ => (None, None),
    };
    Ok(PreparedAsk {
        request: AskRequest {
            question: setup.question,
            context,
            models: prepared.models,
            budgets: prepared.budgets,
            sandbox: prepared.sandbox,
            options: prepared.options,
            cancel: setup.cancel,
            secrets: prepared.secrets,
            memory,
            retrieval,
        },
        memory_warning,
    })
}

/// The retriever behind the loop's `retrieve()` over the index in `index_dir`: `given` (a
/// face's, with its models loaded), else one built for the run from `loaded` (its models load
/// on the first call and stay loaded for the rest of it). A retriever that cannot be built
/// leaves BM25 over the index, with the reason.
pub fn loop_retrieval(
    root: &Path,
    index_dir: &Path,
    loaded: &LoadedConfig,
    given: Option<Arc<Retriever>>,
) -> LoopRetrieval {
    let retriever = match given {
        Some(retriever) => Ok(retriever),
        None => Retriever::new(root, index_dir, loaded)
            .map(Arc::new)
            .map_err(|e| e.to_string()),
    };
    let first_above = match &retriever {
        Ok(retriever) => retriever.config().infiniretri_threshold,
        Err(_) => {
            loaded
                .section::<RetrievalConfig>("retrieval")
                .unwrap_or_default()
                .infiniretri_threshold
        }
    };
    LoopRetrieval {
        retriever,
        first_above,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::config::Config;

    fn settings(root: &Path) -> IndexSettings {
        let loaded = Config::load_files(&[]).unwrap();
        IndexSettings::new(root, &loaded.config, None)
    }

    #[test]
    fn a_folder_without_a_manifest_is_not_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        std::fs::create_dir_all(&settings.dir).unwrap();
        std::fs::write(settings.dir.join("memory.db"), b"").unwrap();
        assert_eq!(built_index(&settings), None);
        std::fs::write(settings.dir.join("manifest.json"), b"{}").unwrap();
        assert_eq!(built_index(&settings), Some(settings.dir.clone()));
    }
}
