//! The server value: the workspace it serves, its open index, and the MCP handler that routes
//! requests to the tools, resources and prompts.

use crate::params::ToolError;
use crate::{prompts, resources, tools};
use rlm_engine::ask::{MemoryNeeds, PrepareError, open_workspace_memory};
use rlm_engine::audit::{AuditConfig, RuleSet, ScanOptions};
use rlm_engine::config::{ConfigError, LoadedConfig};
use rlm_engine::index::{IndexError, IndexSettings, WorkspaceIndex};
use rlm_engine::memory::{MemoryConfig, MemoryError, MemoryStore, StoreOptions};
use rlm_engine::models::ModelsConfig;
use rlm_engine::providers::ProvidersConfig;
use rlm_engine::retrieval::{RetrievalConfig, RetrievalError, Retriever};
use rlm_engine::rlm::RlmConfig;
use rlm_engine::sandbox::SandboxConfig;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::{
    GetPromptRequestParams, GetPromptResponse, Implementation, ListPromptsResult,
    ListResourceTemplatesResult, ListResourcesResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, tool_handler};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// The name the server gives in `initialize` (`serverInfo.name`).
pub const SERVER_NAME: &str = "rlm";

/// The `[mcp]` section of `rlm.toml`: bounds that keep one call from flooding a model's context
/// or the server's memory.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct McpSettings {
    /// Most bytes of file text one `read_file` call returns.
    pub read_max_bytes: usize,
    /// Largest file served whole as a `file://` resource.
    pub resource_max_bytes: u64,
    /// Longest query or name accepted by the search tools.
    pub max_query_bytes: usize,
    /// Most results one search or listing returns.
    pub max_results: usize,
}

impl Default for McpSettings {
    fn default() -> Self {
        McpSettings {
            read_max_bytes: 64 * 1024,
            resource_max_bytes: 1024 * 1024,
            max_query_bytes: 4096,
            max_results: 200,
        }
    }
}

/// What every session of the server shares: the workspace and its index.
pub struct Shared {
    pub root: PathBuf,
    /// The workspace's whole configuration, for the engine calls that read several sections
    /// (`ask_codebase`, the memory store).
    pub loaded: LoadedConfig,
    pub settings: IndexSettings,
    pub search_limit: usize,
    pub limits: McpSettings,
    /// The `[audit]` section, for `security_scan`.
    pub audit: AuditConfig,
    index_config: rlm_engine::config::IndexConfig,
    /// `[rlm]`, `[providers]` and `[sandbox]`, for `ask_codebase`.
    pub rlm: RlmConfig,
    pub providers: ProvidersConfig,
    pub sandbox: SandboxConfig,
    /// The binary the sandbox re-executes as its confined helper (the `rlm` binary itself).
    pub sandbox_helper: Option<PathBuf>,
    /// `[retrieval]` and `[models]`, for `retrieve`.
    pub retrieval: RetrievalConfig,
    models: ModelsConfig,
    /// Built on the first `retrieve`; keeps its models loaded. A failure is not kept, so a
    /// model installed while the server runs is found on the next call.
    retriever: OnceLock<Arc<Retriever>>,
    /// `[memory]`, for the memory tools.
    pub memory_config: MemoryConfig,
    /// The workspace's memory store, opened on the first memory call. One SQLite connection,
    /// not `Sync`: calls take turns. A failed open is not kept, so setting the key and calling
    /// again works without a restart.
    memory: Mutex<Option<MemoryStore>>,
    /// Loaded on the first scan (built-in rules plus the workspace's own).
    rules: OnceLock<Result<Arc<RuleSet>, String>>,
    index: RwLock<Option<Arc<WorkspaceIndex>>>,
    /// One reindex at a time from this process (the engine's file lock guards other processes).
    pub(crate) reindex: tokio::sync::Mutex<()>,
}

impl Shared {
    /// The state for the workspace at `root` (canonical), configured by `config`.
    pub fn new(
        root: PathBuf,
        config: &LoadedConfig,
        settings: IndexSettings,
        sandbox_helper: Option<PathBuf>,
    ) -> Result<Shared, ConfigError> {
        let limits: McpSettings = config.section("mcp")?;
        let audit: AuditConfig = config.section("audit")?;
        Ok(Shared {
            loaded: config.clone(),
            audit,
            index_config: config.config.index.clone(),
            rlm: config.section("rlm")?,
            providers: config.section("providers")?,
            sandbox: config.section("sandbox")?,
            sandbox_helper,
            retrieval: config.section("retrieval")?,
            models: config.section("models")?,
            retriever: OnceLock::new(),
            memory_config: config.section("memory")?,
            memory: Mutex::new(None),
            rules: OnceLock::new(),
            root,
            settings,
            search_limit: config.config.search.limit,
            limits,
            index: RwLock::new(None),
            reindex: tokio::sync::Mutex::new(()),
        })
    }

    /// The open index, opened on first use and reloaded so that updates made by `rlm index` in
    /// another process are seen. Blocking: call it from the blocking pool.
    pub(crate) fn index(&self) -> Result<Arc<WorkspaceIndex>, IndexError> {
        if let Ok(guard) = self.index.read()
            && let Some(index) = guard.as_ref()
        {
            index.reload()?;
            return Ok(index.clone());
        }
        let index = Arc::new(WorkspaceIndex::open(&self.settings.dir)?);
        if let Ok(mut guard) = self.index.write() {
            *guard = Some(index.clone());
        }
        Ok(index)
    }

    /// The audit rules, loaded once. Blocking.
    pub(crate) fn audit_rules(&self) -> Result<Arc<RuleSet>, ToolError> {
        self.rules
            .get_or_init(|| {
                self.audit
                    .rule_set(&self.root)
                    .map(Arc::new)
                    .map_err(|e| format!("the audit rules could not be loaded: {e}. Fix the rule file or [audit] in rlm.toml, then restart the server"))
            })
            .clone()
            .map_err(ToolError::new)
    }

    /// The retriever over this workspace and its index, built on first use. Blocking.
    pub(crate) fn retriever(&self) -> Result<Arc<Retriever>, RetrievalError> {
        if let Some(retriever) = self.retriever.get() {
            return Ok(retriever.clone());
        }
        let retriever = Arc::new(Retriever::with_settings(
            &self.root,
            &self.settings.dir,
            self.retrieval.clone(),
            self.models.clone(),
        )?);
        Ok(self.retriever.get_or_init(|| retriever).clone())
    }

    /// Whether the workspace has a memory store already (asking never creates one).
    pub(crate) fn memory_exists(&self) -> bool {
        StoreOptions::for_workspace(&self.root, &self.memory_config)
            .map(|o| o.path.exists())
            .unwrap_or(false)
    }

    /// Runs `work` on the workspace's memory store, opening it on first use with the embedding
    /// model when it is installed (BM25 only otherwise) and the chat model when one is
    /// configured (extractive summaries and the key/value rule otherwise). Blocking.
    pub(crate) fn with_memory<T>(
        &self,
        work: impl FnOnce(&MemoryStore) -> Result<T, MemoryError>,
    ) -> Result<T, ToolError> {
        let mut guard = self.memory.lock().map_err(|_| {
            ToolError::new(
                "the memory store is unavailable after an earlier failure; restart the server",
            )
        })?;
        let store = match guard.take() {
            Some(store) => store,
            None => {
                open_workspace_memory(
                    &self.root,
                    &self.loaded,
                    MemoryNeeds {
                        embedder: true,
                        model: true,
                    },
                )
                .map_err(|e| match e {
                    PrepareError::Memory(e) => ToolError::from(e),
                    other => ToolError::new(other.to_string()),
                })?
                .store
            }
        };
        let result = work(&store);
        *guard = Some(store);
        Ok(result?)
    }

    /// How `security_scan` walks the workspace: `[audit]` and `[index]` settings.
    pub(crate) fn scan_options(&self) -> ScanOptions {
        let mut options = ScanOptions::from_config(&self.audit, &self.index_config);
        options.list.skip_dirs = vec![self.settings.dir.clone()];
        options
    }

    /// Where `ask_codebase` saves its traces: `traces/` in the index folder.
    pub fn traces_dir(&self) -> PathBuf {
        self.settings.dir.join("traces")
    }

    /// Forgets the open index, so the next use opens what a rebuild left on disk.
    pub(crate) fn forget_index(&self) {
        if let Ok(mut guard) = self.index.write() {
            *guard = None;
        }
    }
}

/// Runs engine work on the blocking pool; a panic there becomes a tool error.
pub(crate) async fn blocking<T, F>(work: F) -> Result<T, ToolError>
where
    F: FnOnce() -> Result<T, ToolError> + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(e) => {
            tracing::error!("tool work failed: {e}");
            Err(ToolError::new(format!(
                "internal error while running the tool ({e}); the server is still running, try again or report it"
            )))
        }
    }
}

/// The MCP handler. Cheap to clone; every HTTP session gets its own over the same [`Shared`].
#[derive(Clone)]
pub struct RlmServer {
    pub(crate) shared: Arc<Shared>,
    tool_router: ToolRouter<RlmServer>,
}

impl RlmServer {
    pub fn new(shared: Arc<Shared>) -> RlmServer {
        RlmServer {
            shared,
            tool_router: tools::router(),
        }
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }
}

const INSTRUCTIONS: &str = "rlm answers questions about the codebase in this workspace without \
reading it all into your context. Start with search_code (ranked code chunks for words or \
identifiers) or find_symbol (definitions by name), then read_file for the exact lines. \
retrieve finds the passages that answer a question in plain words (bm25, embeddings or InfiniRetri). \
list_files shows what exists; security_scan reports vulnerabilities; ask_codebase answers questions that span many files \
(slower, costs model tokens); index_status says whether the index is current and reindex \
updates it after edits. Paths are relative to the workspace root.";

#[tool_handler(router = self.tool_router)]
impl ServerHandler for RlmServer {
    fn get_info(&self) -> ServerConfig {
        let mut implementation = Implementation::new(SERVER_NAME, env!("CARGO_PKG_VERSION"));
        implementation.title = Some("rlm: ask questions of whole codebases".to_string());
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
        .with_server_info(implementation)
        .with_instructions(INSTRUCTIONS)
    }

    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        resources::list(self.shared.clone(), request.and_then(|r| r.cursor)).await
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(resources::templates())
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        resources::read(self.shared.clone(), request.uri)
            .await
            .map(ReadResourceResponse::Complete)
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        Ok(prompts::list())
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, ErrorData> {
        prompts::get(&request.name, request.arguments.unwrap_or_default())
            .map(GetPromptResponse::Complete)
    }
}
