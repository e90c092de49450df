//! `list_files`: the files of the workspace (what the index would hold), filtered by a glob and
//! paged.

use super::clamp_limit;
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::parse::Language;
use rlm_engine::workspace::list_files;
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListFilesArgs {
    /// Only paths matching this glob, relative to the workspace root, e.g. "src/**/*.rs" or
    /// "**/test_*.py". Default: every file.
    #[serde(default)]
    #[schemars(with = "String")]
    pub glob: Option<String>,
    /// Skip this many matching files (for paging; use next_offset from the previous call).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub offset: Option<u32>,
    /// Most files to return (default 200, at most 1000).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ListFilesResult {
    /// Files matching the glob in the whole workspace.
    pub total: usize,
    pub offset: usize,
    pub files: Vec<FileEntry>,
    /// Pass as offset to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<usize>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FileEntry {
    /// Relative to the workspace root.
    pub path: String,
    pub size: u64,
    pub language: String,
}

#[tool_router(router = list_files_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "list_files",
        description = "List the files of the workspace (git-tracked and untracked-but-not-ignored files, without binaries or huge files), optionally filtered by a glob such as \"src/**/*.py\", in path order and paged. Use it to see the layout of a project or of one folder.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_files(
        &self,
        Parameters(args): Parameters<ListFilesArgs>,
    ) -> Result<Json<ListFilesResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        let glob = match &args.glob {
            Some(glob) => Some(
                globset::Glob::new(glob)
                    .map_err(|e| {
                        ToolError::new(format!(
                            "invalid glob {glob:?}: {e}. Use patterns like \"src/**/*.rs\""
                        ))
                    })?
                    .compile_matcher(),
            ),
            None => None,
        };
        let offset = args.offset.unwrap_or(0) as usize;
        let limit = clamp_limit(args.limit, 200, 1000);
        let listing = blocking(move || {
            list_files(&shared.root, &shared.settings.list)
                .map_err(|e| ToolError::new(e.to_string()))
        })
        .await?;
        let matching: Vec<_> = listing
            .files
            .into_iter()
            .filter(|f| glob.as_ref().is_none_or(|g| g.is_match(&f.rel_path)))
            .collect();
        let total = matching.len();
        let files: Vec<FileEntry> = matching
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|f| FileEntry {
                language: Language::from_path(Path::new(&f.rel_path))
                    .name()
                    .to_string(),
                path: f.rel_path,
                size: f.size,
            })
            .collect();
        let next = offset + files.len();
        Ok(Json(ListFilesResult {
            total,
            offset,
            next_offset: (next < total).then_some(next),
            files,
        }))
    }
}
