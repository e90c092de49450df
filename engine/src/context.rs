//! The workspace as one text: every indexable file, in path order, under a
//! `# === FILE: path ===` header. This is what the RLM loop holds as its `context` variable and
//! what `rlm context` prints; the same filters as the index apply (ignored, binary, too large and
//! excluded files are left out).

use crate::workspace::{ListOptions, WorkspaceError, list_files};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The header line that opens each file in the context.
pub fn file_header(path: &str) -> String {
    format!("# === FILE: {path} ===\n")
}

/// What went into a rendered context.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContextSummary {
    /// (path, bytes) of each file included, in order.
    pub files: Vec<(String, u64)>,
    pub total_bytes: u64,
    /// Files left out because `max_bytes` was reached.
    pub omitted_files: usize,
}

/// Errors rendering a context.
#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error("cannot write the context: {0}")]
    Write(#[from] std::io::Error),
}

/// Writes the context of the workspace at `root` to `out`, stopping before `max_bytes` would be
/// exceeded (a closing line says how many files were left out).
pub fn write_context(
    root: &Path,
    options: &ListOptions,
    max_bytes: Option<u64>,
    out: &mut dyn Write,
) -> Result<ContextSummary, ContextError> {
    let listing = list_files(root, options)?;
    let mut summary = ContextSummary::default();
    let limit = max_bytes.unwrap_or(u64::MAX);
    for (i, file) in listing.files.iter().enumerate() {
        let Ok(bytes) = std::fs::read(&file.abs_path) else {
            continue;
        };
        if bytes[..bytes.len().min(8000)].contains(&0) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        let header = file_header(&file.rel_path);
        let needs_newline = !text.is_empty() && !text.ends_with('\n');
        let size = (header.len() + text.len() + usize::from(needs_newline)) as u64;
        if summary.total_bytes + size > limit {
            summary.omitted_files = listing.files.len() - i;
            writeln!(
                out,
                "# === OMITTED: {} more files (context limit of {limit} bytes) ===",
                summary.omitted_files
            )?;
            break;
        }
        out.write_all(header.as_bytes())?;
        out.write_all(text.as_bytes())?;
        if needs_newline {
            out.write_all(b"\n")?;
        }
        summary.total_bytes += size;
        summary
            .files
            .push((file.rel_path.clone(), text.len() as u64));
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_files_in_path_order_with_headers() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("b"))?;
        std::fs::write(dir.path().join("b/z.py"), "z = 1\n")?;
        std::fs::write(dir.path().join("a.txt"), "alpha")?;
        std::fs::write(dir.path().join("bin.dat"), [0u8, 1, 2])?;
        let mut out = Vec::new();
        let summary = write_context(dir.path(), &ListOptions::default(), None, &mut out)?;
        assert_eq!(
            String::from_utf8(out)?,
            "# === FILE: a.txt ===\nalpha\n# === FILE: b/z.py ===\nz = 1\n"
        );
        assert_eq!(
            summary.files,
            vec![("a.txt".to_string(), 5), ("b/z.py".to_string(), 6)]
        );
        Ok(())
    }

    #[test]
    fn max_bytes_stops_at_a_file_boundary_and_says_so() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("a.txt"), "1234567890\n")?;
        std::fs::write(dir.path().join("b.txt"), "1234567890\n")?;
        let mut out = Vec::new();
        let summary = write_context(dir.path(), &ListOptions::default(), Some(40), &mut out)?;
        assert_eq!(
            String::from_utf8(out)?,
            "# === FILE: a.txt ===\n1234567890\n# === OMITTED: 1 more files (context limit of 40 bytes) ===\n"
        );
        assert_eq!(summary.omitted_files, 1);
        Ok(())
    }
}
