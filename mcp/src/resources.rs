//! Resources: the workspace's files as `file://` resources, listed in pages and read whole
//! (bounded by `mcp.resource_max_bytes`; larger files are read in ranges with `read_file`), and
//! the traces `ask_codebase` saved, as `rlm-trace://ID` (JSON lines, one step per line).
//!
//! Reading goes through the engine's confinement, so a `file://` URI naming anything outside the
//! workspace (directly, with `..`, or through a symlink) is refused like a `read_file` path.
//! Resource errors are JSON-RPC errors, as the specification asks: -32002 for a resource that
//! is not there or not ours, -32602 for a URI that is not a `file://` URI.

use crate::server::{Shared, blocking};
use rlm_engine::files::{FileAccessError, read_whole};
use rlm_engine::workspace::list_files;
use rmcp::ErrorData;
use rmcp::model::{
    ListResourceTemplatesResult, ListResourcesResult, ReadResourceResult, Resource,
    ResourceContents, ResourceTemplate,
};
use std::path::Path;
use std::sync::Arc;

/// Resources per `resources/list` page.
const PAGE: usize = 500;

/// One page of the workspace's files; the cursor is the offset of the page.
pub async fn list(
    shared: Arc<Shared>,
    cursor: Option<String>,
) -> Result<ListResourcesResult, ErrorData> {
    let offset = match cursor.as_deref() {
        None | Some("") => 0,
        Some(text) => text.parse::<usize>().map_err(|_| {
            ErrorData::invalid_params(
                format!("invalid cursor {text:?}: pass the nextCursor of the previous page"),
                None,
            )
        })?,
    };
    let root = shared.root.clone();
    let traces = shared.traces_dir();
    let listing = blocking(move || {
        list_files(&shared.root, &shared.settings.list)
            .map_err(|e| crate::ToolError::new(e.to_string()))
    })
    .await
    .map_err(|e| ErrorData::internal_error(e.0, None))?;
    let files = listing.files.into_iter().map(|file| {
        Resource::new(file_uri(&root, &file.rel_path), file.rel_path.clone())
            .with_mime_type(mime_type(&file.rel_path))
            .with_size(file.size)
    });
    let all: Vec<Resource> = saved_traces(&traces).into_iter().chain(files).collect();
    let total = all.len();
    let resources: Vec<Resource> = all.into_iter().skip(offset).take(PAGE).collect();
    let next = offset + resources.len();
    let mut result = ListResourcesResult::with_all_items(resources);
    if next < total {
        result.next_cursor = Some(next.to_string());
    }
    Ok(result)
}

/// The templates a client fills in: any workspace file, any saved trace.
pub fn templates() -> ListResourceTemplatesResult {
    ListResourceTemplatesResult::with_all_items(vec![
        ResourceTemplate::new("file:///{path}", "workspace file").with_description(
            "A file of the workspace by absolute path (as resources/list gives it); only files under the workspace root can be read",
        ),
        ResourceTemplate::new(format!("{TRACE_SCHEME}{{trace_id}}"), "ask_codebase trace")
            .with_description("The steps of one ask_codebase run (JSON lines), by the trace_id it returned")
            .with_mime_type("application/x-ndjson"),
    ])
}

const TRACE_SCHEME: &str = "rlm-trace://";

/// The saved traces, newest first.
fn saved_traces(dir: &Path) -> Vec<Resource> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut traces: Vec<(String, u64)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.strip_suffix(".jsonl")?.to_string();
            Some((name, e.metadata().ok()?.len()))
        })
        .collect();
    traces.sort_by(|a, b| b.0.cmp(&a.0));
    traces
        .into_iter()
        .map(|(id, size)| {
            Resource::new(
                format!("{TRACE_SCHEME}{id}"),
                format!("ask_codebase trace {id}"),
            )
            .with_mime_type("application/x-ndjson")
            .with_size(size)
        })
        .collect()
}

fn read_trace(shared: &Shared, uri: &str, id: &str) -> Result<ReadResourceResult, ErrorData> {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ErrorData::invalid_params(
            format!(
                "{uri:?} is not a trace URI: use the trace_id ask_codebase returned, e.g. rlm-trace://1764000000000-1a2b"
            ),
            None,
        ));
    }
    let path = shared.traces_dir().join(format!("{id}.jsonl"));
    let text = std::fs::read_to_string(&path).map_err(|_| {
        ErrorData::resource_not_found(
            format!("no saved trace {id:?}; resources/list shows the saved traces"),
            Some(serde_json::json!({ "uri": uri })),
        )
    })?;
    Ok(ReadResourceResult::new(vec![
        ResourceContents::text(text, uri).with_mime_type("application/x-ndjson"),
    ]))
}

/// Reads one `file://` resource.
pub async fn read(shared: Arc<Shared>, uri: String) -> Result<ReadResourceResult, ErrorData> {
    if let Some(id) = uri.strip_prefix(TRACE_SCHEME) {
        return read_trace(&shared, &uri, id);
    }
    let Some(path) = uri.strip_prefix("file://") else {
        return Err(ErrorData::invalid_params(
            format!(
                "unsupported resource URI {uri:?}: this server serves the file:// and rlm-trace:// URIs of resources/list"
            ),
            None,
        ));
    };
    let path = percent_decode(path).ok_or_else(|| {
        ErrorData::invalid_params(format!("{uri:?} is not a valid file:// URI"), None)
    })?;
    let max = shared.limits.resource_max_bytes;
    let read = blocking(move || Ok(read_whole(&shared.root, &path, max))).await;
    let (confined, bytes) = match read {
        Ok(Ok(found)) => found,
        Ok(Err(error)) => return Err(resource_error(&uri, error)),
        Err(e) => return Err(ErrorData::internal_error(e.0, None)),
    };
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(ErrorData::invalid_params(
            format!("{uri:?} is a binary file; only text files are served"),
            None,
        ));
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(ReadResourceResult::new(vec![
        ResourceContents::text(text, uri).with_mime_type(mime_type(&confined.rel_path)),
    ]))
}

fn resource_error(uri: &str, error: FileAccessError) -> ErrorData {
    let data = Some(serde_json::json!({ "uri": uri }));
    match error {
        FileAccessError::NotFound { .. }
        | FileAccessError::OutsideWorkspace { .. }
        | FileAccessError::SymlinkEscapes { .. } => {
            ErrorData::resource_not_found(error.to_string(), data)
        }
        FileAccessError::EmptyPath
        | FileAccessError::IsDirectory { .. }
        | FileAccessError::NotAFile { .. }
        | FileAccessError::Binary { .. }
        | FileAccessError::BadRange { .. }
        | FileAccessError::PastEnd { .. } => ErrorData::invalid_params(error.to_string(), data),
        FileAccessError::Io { .. } => ErrorData::internal_error(error.to_string(), data),
    }
}

/// `file://` URI of a workspace file, percent-encoding what a URI path may not hold.
pub fn file_uri(root: &Path, rel_path: &str) -> String {
    let absolute = root.join(rel_path);
    let mut uri = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn mime_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("py") => "text/x-python",
        Some("rs") => "text/x-rust",
        Some("js" | "mjs" | "cjs") => "text/javascript",
        Some("ts" | "tsx") => "text/x-typescript",
        Some("go") => "text/x-go",
        Some("java") => "text/x-java",
        Some("md") => "text/markdown",
        Some("json") => "application/json",
        Some("toml") => "application/toml",
        Some("yaml" | "yml") => "application/yaml",
        Some("html") => "text/html",
        _ => "text/plain",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn file_uri_round_trips_through_percent_decoding() {
        let uri = file_uri(Path::new("/tmp/my ws"), "src/naïve #1.py");
        assert_eq!(uri, "file:///tmp/my%20ws/src/na%C3%AFve%20%231.py");
        assert_eq!(
            percent_decode(uri.strip_prefix("file://").unwrap()).unwrap(),
            "/tmp/my ws/src/naïve #1.py"
        );
        assert_eq!(percent_decode("/a%2"), None);
    }
}
