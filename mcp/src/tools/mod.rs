//! The tools, one file each, and the table that puts them together.
//!
//! Each file holds its argument type (with `deny_unknown_fields`, so a misspelt argument is
//! reported rather than ignored), its result type, the description a model reads, and a handler
//! of a few lines: check the arguments, call the engine on the blocking pool, convert back.
//! Engine errors become [`ToolError`]s here, in one place, with the next step spelled out.

mod ask_codebase;
mod call_graph;
mod find_references;
mod find_symbol;
mod impact;
mod index_status;
mod list_files;
mod memory_add;
mod memory_consolidate;
mod memory_search;
mod read_file;
mod reindex;
mod repo_map;
mod retrieve;
mod search_code;
mod security_scan;

use crate::params::ToolError;
use crate::server::RlmServer;
use rlm_engine::files::FileAccessError;
use rlm_engine::graph::GraphError;
use rlm_engine::index::IndexError;
use rlm_engine::memory::MemoryError;
use rlm_engine::search::SearchError;
use rmcp::handler::server::router::tool::ToolRouter;

pub use ask_codebase::{AskCodebaseArgs, AskCodebaseResult};
pub use call_graph::{CallGraphArgs, CallGraphResult};
pub use find_references::{FindReferencesArgs, FindReferencesResult, GraphSymbolEntry};
pub use find_symbol::{FindSymbolArgs, FindSymbolResult, SymbolEntry};
pub use impact::{ImpactArgs, ImpactResult};
pub use index_status::{IndexStatusArgs, IndexStatusResult};
pub use list_files::{FileEntry, ListFilesArgs, ListFilesResult};
pub use memory_add::{MemoryAddArgs, MemoryAddResult};
pub use memory_consolidate::{MemoryConsolidateArgs, MemoryConsolidateResult};
pub use memory_search::{MemoryHitEntry, MemorySearchArgs, MemorySearchResult};
pub use read_file::{ReadFileArgs, ReadFileResult};
pub use reindex::{ReindexArgs, ReindexResult};
pub use repo_map::{RepoMapArgs, RepoMapResult};
pub use retrieve::{MethodRank, PassageEntry, RetrieveArgs, RetrieveResult};
pub use search_code::{SearchCodeArgs, SearchCodeResult, SearchResult, SnippetLine};
pub use security_scan::{FindingEntry, SecurityScanArgs, SecurityScanResult};

/// Every tool the server offers.
pub(crate) fn router() -> ToolRouter<RlmServer> {
    RlmServer::search_code_router()
        + RlmServer::find_symbol_router()
        + RlmServer::read_file_router()
        + RlmServer::list_files_router()
        + RlmServer::index_status_router()
        + RlmServer::reindex_router()
        + RlmServer::security_scan_router()
        + RlmServer::ask_codebase_router()
        + RlmServer::retrieve_router()
        + RlmServer::memory_add_router()
        + RlmServer::memory_search_router()
        + RlmServer::memory_consolidate_router()
        + RlmServer::find_references_router()
        + RlmServer::call_graph_router()
        + RlmServer::impact_router()
        + RlmServer::repo_map_router()
}

impl From<IndexError> for ToolError {
    fn from(error: IndexError) -> ToolError {
        match error {
            IndexError::Missing { .. } => ToolError::new(
                "this workspace has no index yet: call the reindex tool (it takes seconds to a minute), then retry",
            ),
            IndexError::Corrupt { message, .. } => ToolError::new(format!(
                "the index is unreadable ({message}): call the reindex tool to rebuild it, then retry"
            )),
            IndexError::Busy { waited_secs, .. } => ToolError::new(format!(
                "another process is updating the index (waited {waited_secs} s): retry in a little while"
            )),
            other => ToolError::new(other.to_string()),
        }
    }
}

impl From<GraphError> for ToolError {
    fn from(error: GraphError) -> ToolError {
        match error {
            GraphError::Missing { .. } => ToolError::new(
                "this workspace has no code graph yet: call the reindex tool (it builds the index and the graph), then retry",
            ),
            GraphError::UnknownSymbol { name } => ToolError::new(format!(
                "no definition named `{name}` in the code graph; find_symbol lists names by prefix"
            )),
            other => ToolError::new(other.to_string()),
        }
    }
}

impl From<SearchError> for ToolError {
    fn from(error: SearchError) -> ToolError {
        ToolError::new(error.to_string())
    }
}

impl From<FileAccessError> for ToolError {
    fn from(error: FileAccessError) -> ToolError {
        ToolError::new(error.to_string())
    }
}

/// Refuses text arguments longer than the configured bound, before any work is done.
pub(crate) fn check_length(name: &str, value: &str, max: usize) -> Result<(), ToolError> {
    if value.len() > max {
        return Err(ToolError::new(format!(
            "{name} is {} bytes long; the limit is {max}. Use a few distinctive words or one identifier",
            value.len()
        )));
    }
    Ok(())
}

/// A requested result count, defaulted and capped.
pub(crate) fn clamp_limit(requested: Option<u32>, default: usize, max: usize) -> usize {
    requested
        .map(|n| n as usize)
        .unwrap_or(default)
        .clamp(1, max.max(1))
}

impl From<MemoryError> for ToolError {
    fn from(error: MemoryError) -> ToolError {
        match error {
            MemoryError::MissingKey { .. } => ToolError::new(format!(
                "{error}; a changed environment or rlm.toml takes effect when the server restarts"
            )),
            MemoryError::AccessDenied { .. } => ToolError::new(format!(
                "{error}. Retry with a zone within the agent's clearance, or as an agent cleared for it"
            )),
            other => ToolError::new(other.to_string()),
        }
    }
}
