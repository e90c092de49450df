//! `read_file`: lines of one workspace file, confined to the workspace and bounded in size.

use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::files::{FileSlice, LineRange, read_lines};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadFileArgs {
    /// Path relative to the workspace root, e.g. "src/config.py" (as search results give it).
    pub path: String,
    /// First line to return, 1-based (default 1).
    #[serde(default)]
    #[schemars(with = "u64")]
    pub start_line: Option<u64>,
    /// Last line to return, inclusive (default: the end of the file, within max_bytes).
    #[serde(default)]
    #[schemars(with = "u64")]
    pub end_line: Option<u64>,
    /// Most bytes of text to return (default and cap: 65536).
    #[serde(default)]
    #[schemars(with = "usize")]
    pub max_bytes: Option<usize>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ReadFileResult {
    pub path: String,
    pub start_line: u64,
    /// Last line returned.
    pub end_line: u64,
    /// Lines in the whole file.
    pub total_lines: u64,
    /// Size of the whole file in bytes.
    pub size: u64,
    /// True when max_bytes cut the read short; continue from next_start_line.
    pub truncated: bool,
    /// Where to continue reading, when there is more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_start_line: Option<u64>,
    /// The lines, as in the file.
    pub text: String,
}

fn to_result(slice: FileSlice, requested_end: Option<u64>) -> ReadFileResult {
    let wanted_end = requested_end.unwrap_or(u64::MAX).min(slice.total_lines);
    let next_start_line = (slice.end_line < wanted_end).then_some(slice.end_line + 1);
    ReadFileResult {
        path: slice.rel_path,
        start_line: slice.start_line,
        end_line: slice.end_line,
        total_lines: slice.total_lines,
        size: slice.size,
        truncated: slice.truncated,
        next_start_line,
        text: slice.text,
    }
}

#[tool_router(router = read_file_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "read_file",
        description = "Read lines of a file in the workspace. Give the path relative to the workspace root and, ideally, the line range you need (from search_code or find_symbol results). Large reads are cut at max_bytes; the result then says truncated and gives next_start_line. Paths outside the workspace are refused.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn read_file(
        &self,
        Parameters(args): Parameters<ReadFileArgs>,
    ) -> Result<Json<ReadFileResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        let max_bytes = args
            .max_bytes
            .unwrap_or(shared.limits.read_max_bytes)
            .clamp(1, shared.limits.read_max_bytes);
        let range = LineRange {
            start: args.start_line,
            end: args.end_line,
        };
        let path = args.path;
        let slice =
            blocking(move || Ok(read_lines(&shared.root, &path, range, max_bytes)?)).await?;
        Ok(Json(to_result(slice, args.end_line)))
    }
}
