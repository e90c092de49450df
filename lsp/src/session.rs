//! The state of one editor session: the workspace, the settings, the open index and the open
//! documents. Locks are plain `std` ones held only for copies and swaps, never across an await;
//! index queries run on the blocking pool so a slow disk never stalls the protocol loop.

use crate::findings::Scanned;
use crate::from_proto;
use crate::indexer::Indexer;
use crate::settings::Settings;
use rlm_engine::audit::{RuleSet, ScanOptions};
use rlm_engine::config::{Config, LoadedConfig};
use rlm_engine::index::{IndexSettings, Overlay, WorkspaceIndex};
use rlm_engine::rlm::CancellationToken;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::Uri;

/// The workspace the session serves, fixed at `initialize`.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Canonical root folder.
    pub root: PathBuf,
    pub config: LoadedConfig,
}

/// An open document: the editor's text, which may differ from the file on disk.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub version: i32,
}

/// Everything the handlers share.
pub struct Session {
    pub client: Client,
    pub workspace: OnceLock<Workspace>,
    pub settings: RwLock<Settings>,
    index: RwLock<Option<Arc<WorkspaceIndex>>>,
    documents: Mutex<HashMap<Uri, Document>>,
    pub indexer: OnceLock<Indexer>,
    /// Whether the client accepts `window/workDoneProgress/create`.
    pub progress_supported: AtomicBool,
    /// Whether the client pulls diagnostics (`textDocument/diagnostic`) instead of taking pushes.
    pub pull_diagnostics: AtomicBool,
    /// Whether the client can register file watchers for us.
    pub watch_supported: AtomicBool,
    /// Whether the client renders `rlm/answer` (it says so in `experimental.rlmAnswer`).
    pub answer_supported: AtomicBool,
    /// Whether the client opens documents on `window/showDocument`.
    pub show_document_supported: AtomicBool,
    /// Whether the client takes a dynamic registration of the type hierarchy (the static
    /// capability is missing from the protocol types this server is built on).
    pub type_hierarchy_dynamic: AtomicBool,
    /// Running questions by progress token, for the progress's cancel button.
    cancels: Mutex<HashMap<String, CancellationToken>>,
    rules: RwLock<Option<(Arc<RuleSet>, ScanOptions)>>,
    scanned: Mutex<HashMap<Uri, Scanned>>,
}

/// A place in a document, resolved: its text, the byte offset, and its workspace path.
pub struct TextAt {
    pub text: String,
    pub offset: usize,
    /// Relative to the workspace root; `None` for documents outside it.
    pub rel_path: Option<String>,
}

impl Session {
    pub fn new(client: Client) -> Session {
        Session {
            client,
            workspace: OnceLock::new(),
            settings: RwLock::new(Settings::default()),
            index: RwLock::new(None),
            documents: Mutex::new(HashMap::new()),
            indexer: OnceLock::new(),
            progress_supported: AtomicBool::new(false),
            pull_diagnostics: AtomicBool::new(false),
            watch_supported: AtomicBool::new(false),
            answer_supported: AtomicBool::new(false),
            show_document_supported: AtomicBool::new(false),
            type_hierarchy_dynamic: AtomicBool::new(false),
            cancels: Mutex::new(HashMap::new()),
            rules: RwLock::new(None),
            scanned: Mutex::new(HashMap::new()),
        }
    }

    pub fn settings(&self) -> Settings {
        self.settings
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    pub fn set_settings(&self, settings: Settings) {
        match self.settings.write() {
            Ok(mut slot) => *slot = settings,
            Err(poisoned) => *poisoned.into_inner() = settings,
        }
    }

    pub fn root(&self) -> Option<&Path> {
        self.workspace.get().map(|w| w.root.as_path())
    }

    /// The index settings: the workspace's configuration with the editor's overrides.
    pub fn index_settings(&self) -> Option<IndexSettings> {
        let workspace = self.workspace.get()?;
        let settings = self.settings();
        let mut index = IndexSettings::new(&workspace.root, &workspace.config.config, None);
        if let Some(max) = settings.index.max_file_size {
            index.list.max_file_size = max;
        }
        index.list.exclude.extend(settings.index.exclude);
        Some(index)
    }

    /// The open index, once the first indexing has finished.
    pub fn index(&self) -> Option<Arc<WorkspaceIndex>> {
        self.index.read().ok().and_then(|slot| slot.clone())
    }

    pub fn set_index(&self, index: Arc<WorkspaceIndex>) {
        match self.index.write() {
            Ok(mut slot) => *slot = Some(index),
            Err(poisoned) => *poisoned.into_inner() = Some(index),
        }
    }

    /// The workspace-relative path of `uri`, with `/` separators, when it lies in the workspace.
    pub fn rel_path(&self, uri: &Uri) -> Option<String> {
        let root = self.root()?;
        let path = from_proto::file_path(uri)?;
        let relative = |p: &Path| -> Option<String> {
            let rel = p.strip_prefix(root).ok()?;
            let parts: Option<Vec<&str>> =
                rel.components().map(|c| c.as_os_str().to_str()).collect();
            Some(parts?.join("/"))
        };
        if let Some(rel) = relative(&path) {
            return Some(rel);
        }
        // The client may name the file through a symlink (/tmp on macOS, a linked checkout).
        let canonical = path
            .canonicalize()
            .ok()
            .or_else(|| Some(path.parent()?.canonicalize().ok()?.join(path.file_name()?)))?;
        relative(&canonical)
    }

    pub fn open_document(&self, uri: Uri, document: Document) {
        self.with_documents(|docs| {
            docs.insert(uri, document);
        });
    }

    pub fn close_document(&self, uri: &Uri) {
        self.with_documents(|docs| {
            docs.remove(uri);
        });
    }

    pub fn with_documents<T>(&self, f: impl FnOnce(&mut HashMap<Uri, Document>) -> T) -> T {
        match self.documents.lock() {
            Ok(mut docs) => f(&mut docs),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    pub fn document_text(&self, uri: &Uri) -> Option<String> {
        self.with_documents(|docs| docs.get(uri).map(|d| d.text.clone()))
    }

    /// The text of `uri` (the open buffer, else the file on disk) and the byte offset of
    /// `position` in it. `None` when there is no such text or position.
    pub fn text_at(
        &self,
        uri: &Uri,
        position: tower_lsp_server::ls_types::Position,
    ) -> Option<TextAt> {
        let text = match self.document_text(uri) {
            Some(text) => text,
            None => std::fs::read_to_string(from_proto::file_path(uri)?).ok()?,
        };
        let offset = from_proto::offset(&text, position)?;
        Some(TextAt {
            rel_path: self.rel_path(uri),
            text,
            offset,
        })
    }

    /// Unsaved buffers of workspace files, to index in place of the files on disk.
    pub fn overlay(&self) -> Overlay {
        if !self.settings().index_unsaved {
            return Overlay::new();
        }
        let open: Vec<(Uri, String)> = self.with_documents(|docs| {
            docs.iter()
                .map(|(u, d)| (u.clone(), d.text.clone()))
                .collect()
        });
        open.into_iter()
            .filter_map(|(uri, text)| Some((self.rel_path(&uri)?, text)))
            .collect()
    }

    /// Asks for an index update after the debounce interval.
    pub fn schedule_reindex(&self) {
        if let Some(indexer) = self.indexer.get() {
            indexer.changed();
        }
    }

    pub fn show_document_supported(&self) -> bool {
        self.show_document_supported.load(Ordering::Relaxed)
    }

    pub fn track_cancel(&self, token: String, cancel: CancellationToken) {
        if let Ok(mut map) = self.cancels.lock() {
            map.insert(token, cancel);
        }
    }

    pub fn untrack_cancel(&self, token: &str) {
        if let Ok(mut map) = self.cancels.lock() {
            map.remove(token);
        }
    }

    /// Cancels the question whose progress carries `token`, if it still runs.
    pub fn cancel_tracked(&self, token: &str) {
        if let Some(cancel) = self.cancels.lock().ok().and_then(|m| m.get(token).cloned()) {
            cancel.cancel();
        }
    }

    pub fn answer_supported(&self) -> bool {
        self.answer_supported.load(Ordering::Relaxed)
    }

    pub fn pull_diagnostics(&self) -> bool {
        self.pull_diagnostics.load(Ordering::Relaxed)
    }

    /// The loaded security rules, if loaded.
    pub fn rules(&self) -> Option<(Arc<RuleSet>, ScanOptions)> {
        self.rules.read().ok().and_then(|r| r.clone())
    }

    /// Replaces the security rules (`None` makes the next use reload them).
    pub fn set_rules(&self, rules: Option<(Arc<RuleSet>, ScanOptions)>) {
        match self.rules.write() {
            Ok(mut slot) => *slot = rules,
            Err(poisoned) => *poisoned.into_inner() = rules,
        }
    }

    pub fn set_scanned(&self, uri: Uri, scanned: Scanned) {
        match self.scanned.lock() {
            Ok(mut map) => map.insert(uri, scanned),
            Err(poisoned) => poisoned.into_inner().insert(uri, scanned),
        };
    }

    /// The last scan of `uri`, if it was scanned.
    pub fn scanned(&self, uri: &Uri) -> Option<Scanned> {
        match self.scanned.lock() {
            Ok(map) => map.get(uri).cloned(),
            Err(poisoned) => poisoned.into_inner().get(uri).cloned(),
        }
    }

    pub fn forget_scanned(&self, uri: &Uri) {
        match self.scanned.lock() {
            Ok(mut map) => map.remove(uri),
            Err(poisoned) => poisoned.into_inner().remove(uri),
        };
    }

    pub fn progress_supported(&self) -> bool {
        self.progress_supported.load(Ordering::Relaxed)
    }
}

/// A place in a document as the graph looks it up: owned, so it can go to the blocking pool.
pub struct GraphPlace {
    /// The index folder, when a graph exists in it.
    pub dir: Option<PathBuf>,
    pub path: Option<String>,
    pub text: String,
    pub offset: usize,
}

impl GraphPlace {
    pub fn at(&self) -> rlm_engine::graph::at::At<'_> {
        rlm_engine::graph::at::At {
            index_dir: self.dir.as_deref(),
            path: self.path.as_deref(),
            text: &self.text,
            offset: self.offset,
        }
    }
}

impl Session {
    /// The index folder when a code graph exists there: from this session's indexing, or one
    /// left by an earlier run (the graph checks each file's hash, so a stale one is not trusted).
    pub fn graph_dir(&self) -> Option<PathBuf> {
        let dir = self
            .index()
            .map(|i| i.dir().to_path_buf())
            .or_else(|| self.index_settings().map(|s| s.dir))?;
        rlm_engine::graph::graph_path(&dir).exists().then_some(dir)
    }

    /// The place of `position` in `uri`, for a graph look-up.
    pub fn graph_place(
        &self,
        uri: &Uri,
        position: tower_lsp_server::ls_types::Position,
    ) -> Option<GraphPlace> {
        let at = self.text_at(uri, position)?;
        // Outside the workspace the absolute path still tells the document's language.
        let path = at
            .rel_path
            .or_else(|| from_proto::file_path(uri).map(|p| p.to_string_lossy().into_owned()));
        Some(GraphPlace {
            dir: self.graph_dir(),
            path,
            text: at.text,
            offset: at.offset,
        })
    }

    /// The text of a workspace file: its open buffer, else the file on disk.
    pub fn workspace_text(&self, rel: &str) -> Option<String> {
        let root = self.root()?;
        let uri = crate::to_proto::uri(root, rel)?;
        self.document_text(&uri)
            .or_else(|| std::fs::read_to_string(root.join(rel)).ok())
    }
}

/// Texts of workspace files read once per request (to turn byte columns into the protocol's).
pub struct Texts<'s> {
    session: &'s Session,
    cache: HashMap<String, Option<String>>,
}

impl<'s> Texts<'s> {
    pub fn new(session: &'s Session) -> Texts<'s> {
        Texts {
            session,
            cache: HashMap::new(),
        }
    }

    pub fn get(&mut self, rel: &str) -> Option<&str> {
        let session = self.session;
        self.cache
            .entry(rel.to_string())
            .or_insert_with(|| session.workspace_text(rel))
            .as_deref()
    }
}

/// Runs an index query on the blocking pool; a panic or engine error becomes a JSON-RPC error.
pub async fn blocking<T, E>(f: impl FnOnce() -> Result<T, E> + Send + 'static) -> jsonrpc::Result<T>
where
    T: Send + 'static,
    E: std::fmt::Display + Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(crate::to_proto::error(e)),
        Err(join) => {
            if join.is_panic() {
                let payload = join.into_panic();
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".into());
                tracing::error!("an index query panicked: {why}");
                Err(crate::to_proto::error(format!(
                    "internal error in an index query: {why}; the server goes on serving"
                )))
            } else {
                Err(crate::to_proto::error("the index query was cancelled"))
            }
        }
    }
}

/// Loads the workspace at `root`: its canonical path and configuration.
pub fn load_workspace(root: &Path) -> Result<Workspace, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot open the workspace folder {}: {e}", root.display()))?;
    let config = Config::load(&root).map_err(|e| e.to_string())?;
    Ok(Workspace { root, config })
}
