//! `index_status`: what the index holds and whether it is behind the files on disk.

use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::index::{Manifest, SCHEMA_VERSION};
use rlm_engine::workspace::list_files;
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndexStatusArgs {}

#[derive(Debug, Serialize, JsonSchema)]
pub struct IndexStatusResult {
    pub root: String,
    pub index_dir: String,
    /// Whether an index exists; if not, call reindex.
    pub exists: bool,
    pub files: usize,
    pub chunks: usize,
    pub symbols: usize,
    /// Indexed files per language.
    pub languages: BTreeMap<String, usize>,
    /// When the index was last written, in seconds since the Unix epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at_unix: Option<u64>,
    /// Files on disk that are not in the index yet.
    pub new_files: usize,
    /// Indexed files whose size or modification time changed since.
    pub changed_files: usize,
    /// Indexed files that are gone from disk.
    pub deleted_files: usize,
    /// True when the index matches the files on disk; otherwise call reindex.
    pub up_to_date: bool,
}

#[tool_router(router = index_status_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "index_status",
        description = "Report the state of the workspace index: how many files, chunks and symbols it holds, per language, when it was written, and how many files were added, changed or deleted on disk since. If up_to_date is false, call reindex before relying on search results.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn index_status(
        &self,
        Parameters(args): Parameters<IndexStatusArgs>,
    ) -> Result<Json<IndexStatusResult>, ToolError> {
        let IndexStatusArgs {} = args?;
        let shared = self.shared.clone();
        let status = blocking(move || {
            let dir = &shared.settings.dir;
            let manifest = Manifest::read(dir).map_err(|message| {
                ToolError::new(format!(
                    "the index is unreadable ({message}): call reindex to rebuild it"
                ))
            })?;
            let listing = list_files(&shared.root, &shared.settings.list)
                .map_err(|e| ToolError::new(e.to_string()))?;
            let manifest = manifest.filter(|m| m.schema_version == SCHEMA_VERSION);
            let exists = manifest.is_some();
            let manifest = manifest.unwrap_or_default();
            let mut new_files = 0;
            let mut changed_files = 0;
            for file in &listing.files {
                match manifest.files.get(&file.rel_path) {
                    None => new_files += 1,
                    Some(entry) if entry.size != file.size || entry.mtime_ns != file.mtime_ns => {
                        changed_files += 1
                    }
                    Some(_) => {}
                }
            }
            let on_disk: std::collections::HashSet<&str> =
                listing.files.iter().map(|f| f.rel_path.as_str()).collect();
            let deleted_files = manifest
                .files
                .keys()
                .filter(|path| !on_disk.contains(path.as_str()))
                .count();
            let mut languages = BTreeMap::new();
            for entry in manifest.files.values() {
                *languages.entry(entry.lang.clone()).or_insert(0) += 1;
            }
            let updated_at_unix = std::fs::metadata(dir.join("manifest.json"))
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_secs());
            Ok(IndexStatusResult {
                root: shared.root.display().to_string(),
                index_dir: dir.display().to_string(),
                exists,
                files: manifest.files.len(),
                chunks: manifest.files.values().map(|e| e.chunks).sum(),
                symbols: manifest.files.values().map(|e| e.symbols).sum(),
                languages,
                updated_at_unix: updated_at_unix.filter(|_| exists),
                up_to_date: exists && new_files == 0 && changed_files == 0 && deleted_files == 0,
                new_files,
                changed_files,
                deleted_files,
            })
        })
        .await?;
        Ok(Json(status))
    }
}
