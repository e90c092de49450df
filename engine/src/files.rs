//! Reading workspace files for a client that names them: the path is confined to the workspace,
//! the read is bounded in bytes and cut to a line range.
//!
//! Faces (MCP today, the LSP tomorrow) take paths from a model or an editor, which may be wrong
//! or hostile. Confinement happens in two steps. First lexically: the path, relative to the root
//! or absolute, is normalised without touching the disk, and one that climbs out of the root
//! (`../`, an absolute path elsewhere) is refused before any file is opened. Then physically: the
//! path is canonicalised, which resolves every symlink on the way, and the result must still lie
//! inside the canonical root, so a link inside the workspace that points outside it is refused
//! too. A read never loads more than the byte budget plus one line, however large the file.

use std::io::{BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileAccessError {
    #[error("no path given: pass a path relative to the workspace root, e.g. \"src/main.rs\"")]
    EmptyPath,
    #[error(
        "{path:?} leaves the workspace: only files under the workspace root can be read; pass a path relative to it without `..`"
    )]
    OutsideWorkspace { path: String },
    #[error(
        "{path:?} is a symbolic link that resolves outside the workspace ({target}); only files under the workspace root can be read"
    )]
    SymlinkEscapes { path: String, target: PathBuf },
    #[error("{path:?} does not exist in the workspace; list_files or search_code show what does")]
    NotFound { path: String },
    #[error("{path:?} is a directory, not a file; list_files shows the files under it")]
    IsDirectory { path: String },
    #[error("{path:?} is not a regular file")]
    NotAFile { path: String },
    #[error("{path:?} looks binary (it contains NUL bytes); only text files can be read")]
    Binary { path: String },
    #[error(
        "invalid line range {start}..{end} for {path:?}: lines are numbered from 1 and start_line must not exceed end_line"
    )]
    BadRange { path: String, start: u64, end: u64 },
    #[error(
        "{path:?} has {total_lines} lines; start_line {start} is past the end. Ask for a start_line between 1 and {total_lines}"
    )]
    PastEnd {
        path: String,
        start: u64,
        total_lines: u64,
    },
    #[error("cannot read {path:?}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// A path that has been checked to lie inside the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfinedPath {
    /// Relative to the workspace root, with `/` separators (what the index stores).
    pub rel_path: String,
    /// Canonical absolute path.
    pub abs_path: PathBuf,
}

/// Checks that `requested` (relative to `root`, or absolute) names something inside `root`,
/// following symlinks. `root` should be canonical; it is canonicalised again if it is not.
pub fn confine(root: &Path, requested: &str) -> Result<ConfinedPath, FileAccessError> {
    let trimmed = requested.trim();
    if trimmed.is_empty() {
        return Err(FileAccessError::EmptyPath);
    }
    let outside = || FileAccessError::OutsideWorkspace {
        path: requested.to_string(),
    };
    if trimmed.contains('\0') {
        return Err(outside());
    }
    let root = root.canonicalize().map_err(|source| FileAccessError::Io {
        path: root.display().to_string(),
        source,
    })?;
    let requested_path = Path::new(trimmed);
    let relative = if requested_path.is_absolute() {
        // An absolute path is accepted when it names something under the root, either as
        // written or once the root's own symlinks are resolved.
        let lexical = normalise(requested_path).ok_or_else(outside)?;
        match lexical.strip_prefix(&root) {
            Ok(rest) => rest.to_path_buf(),
            Err(_) => {
                let resolved = lexical.canonicalize().map_err(|_| outside())?;
                resolved
                    .strip_prefix(&root)
                    .map_err(|_| outside())?
                    .to_path_buf()
            }
        }
    } else {
        normalise(requested_path).ok_or_else(outside)?
    };
    let joined = root.join(&relative);
    let canonical = match joined.canonicalize() {
        Ok(path) => path,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling link is still a link that may point outside: say so if it does.
            if let Ok(target) = std::fs::read_link(&joined) {
                let target = joined.parent().unwrap_or(&root).join(target);
                if normalise(&target).is_none_or(|t| !t.starts_with(&root)) {
                    return Err(FileAccessError::SymlinkEscapes {
                        path: requested.to_string(),
                        target,
                    });
                }
            }
            return Err(FileAccessError::NotFound {
                path: requested.to_string(),
            });
        }
        Err(source) => {
            return Err(FileAccessError::Io {
                path: requested.to_string(),
                source,
            });
        }
    };
    let Ok(inside) = canonical.strip_prefix(&root) else {
        return Err(FileAccessError::SymlinkEscapes {
            path: requested.to_string(),
            target: canonical,
        });
    };
    let rel_path = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Ok(ConfinedPath {
        rel_path,
        abs_path: canonical,
    })
}

/// Lexical normalisation: drops `.`, resolves `..` against earlier components, and returns
/// `None` when a `..` would climb above the start. Absolute paths stay absolute.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    let mut depth = 0usize;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                if depth == 0 {
                    return None;
                }
                out.pop();
                depth -= 1;
            }
            Component::Normal(part) => {
                out.push(part);
                depth += 1;
            }
        }
    }
    Some(out)
}

/// Which lines to read; both ends inclusive and 1-based. `None` means from the start / to the end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineRange {
    pub start: Option<u64>,
    pub end: Option<u64>,
}

/// A bounded read of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSlice {
    pub rel_path: String,
    /// First line returned (1-based).
    pub start_line: u64,
    /// Last line returned; `start_line - 1` when nothing was returned (an empty file).
    pub end_line: u64,
    /// Lines in the whole file.
    pub total_lines: u64,
    /// Size of the whole file in bytes.
    pub size: u64,
    /// The lines, each ending in `\n` as in the file (invalid UTF-8 replaced).
    pub text: String,
    /// Whether the byte budget stopped the read before the requested end line.
    pub truncated: bool,
}

/// Confines `requested` to `root` and opens it, refusing folders and anything that is not a
/// regular file (a FIFO would block the reader, a device never ends).
fn open_regular(
    root: &Path,
    requested: &str,
) -> Result<(ConfinedPath, std::fs::Metadata, std::fs::File), FileAccessError> {
    let path = confine(root, requested)?;
    let io = |source| FileAccessError::Io {
        path: path.rel_path.clone(),
        source,
    };
    let meta = std::fs::metadata(&path.abs_path).map_err(io)?;
    if meta.is_dir() {
        return Err(FileAccessError::IsDirectory {
            path: path.rel_path,
        });
    }
    if !meta.is_file() {
        return Err(FileAccessError::NotAFile {
            path: path.rel_path,
        });
    }
    let file = std::fs::File::open(&path.abs_path).map_err(io)?;
    Ok((path, meta, file))
}

/// Reads lines `range` of the file `requested` inside `root`, at most `max_bytes` of text
/// (always at least one line, cut at `max_bytes` if that line alone is longer).
pub fn read_lines(
    root: &Path,
    requested: &str,
    range: LineRange,
    max_bytes: usize,
) -> Result<FileSlice, FileAccessError> {
    let start = range.start.unwrap_or(1);
    if start == 0 || range.end.is_some_and(|end| end < start) {
        return Err(FileAccessError::BadRange {
            path: requested.to_string(),
            start,
            end: range.end.unwrap_or(0),
        });
    }
    let (path, meta, file) = open_regular(root, requested)?;
    let io = |source| FileAccessError::Io {
        path: path.rel_path.clone(),
        source,
    };
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    if reader
        .fill_buf()
        .map_err(io)?
        .iter()
        .take(8192)
        .any(|&b| b == 0)
    {
        return Err(FileAccessError::Binary {
            path: path.rel_path,
        });
    }
    let end = range.end.unwrap_or(u64::MAX);
    let mut text = String::new();
    let mut line = Vec::new();
    let mut number = 0u64;
    let mut last = start - 1;
    let mut truncated = false;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).map_err(io)? == 0 {
            break;
        }
        number += 1;
        if number < start || number > end || truncated {
            continue;
        }
        let decoded = String::from_utf8_lossy(&line);
        if text.len() + decoded.len() > max_bytes {
            truncated = true;
            if text.is_empty() {
                // One line longer than the budget: return its head rather than nothing.
                let mut cut = max_bytes.min(decoded.len());
                while !decoded.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.push_str(&decoded[..cut]);
                last = number;
            }
            continue;
        }
        text.push_str(&decoded);
        last = number;
    }
    if start > number && !(start == 1 && number == 0) {
        return Err(FileAccessError::PastEnd {
            path: path.rel_path,
            start,
            total_lines: number,
        });
    }
    Ok(FileSlice {
        rel_path: path.rel_path,
        start_line: start,
        end_line: last,
        total_lines: number,
        size: meta.len(),
        text,
        truncated,
    })
}

/// Reads a whole file inside `root`, refusing it when it is larger than `max_bytes` (for
/// resources, which are returned whole).
pub fn read_whole(
    root: &Path,
    requested: &str,
    max_bytes: u64,
) -> Result<(ConfinedPath, Vec<u8>), FileAccessError> {
    let (path, _meta, file) = open_regular(root, requested)?;
    let io = |source| FileAccessError::Io {
        path: path.rel_path.clone(),
        source,
    };
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(FileAccessError::Io {
            path: path.rel_path.clone(),
            source: std::io::Error::other(format!(
                "the file is larger than {max_bytes} bytes; read it in line ranges with the read_file tool"
            )),
        });
    }
    Ok((path, bytes))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn workspace() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/a.py"), "one\ntwo\nthree\nfour\n").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "outside\n").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn confine_accepts_relative_and_absolute_paths_inside() {
        let (_dir, root) = workspace();
        let expected = ConfinedPath {
            rel_path: "src/a.py".into(),
            abs_path: root.join("src/a.py"),
        };
        assert_eq!(confine(&root, "src/a.py").unwrap(), expected);
        assert_eq!(confine(&root, "./src/../src/a.py").unwrap(), expected);
        let absolute = root.join("src/a.py").display().to_string();
        assert_eq!(confine(&root, &absolute).unwrap(), expected);
    }

    #[test]
    fn confine_refuses_parent_traversal() {
        let (_dir, root) = workspace();
        let err = confine(&root, "../secret.txt").unwrap_err();
        assert!(
            matches!(err, FileAccessError::OutsideWorkspace { ref path } if path == "../secret.txt")
        );
        let err = confine(&root, "src/../../secret.txt").unwrap_err();
        assert!(matches!(err, FileAccessError::OutsideWorkspace { .. }));
    }

    #[test]
    fn confine_refuses_absolute_paths_outside() {
        let (dir, root) = workspace();
        let outside = dir.path().join("secret.txt").display().to_string();
        assert!(matches!(
            confine(&root, &outside).unwrap_err(),
            FileAccessError::OutsideWorkspace { .. }
        ));
        assert!(matches!(
            confine(&root, "/etc/passwd").unwrap_err(),
            FileAccessError::OutsideWorkspace { .. }
        ));
    }

    #[test]
    fn confine_refuses_symlinks_escaping_the_root() {
        let (dir, root) = workspace();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink("/nonexistent/x", root.join("dangling")).unwrap();
        let err = confine(&root, "link.txt").unwrap_err();
        assert!(
            matches!(err, FileAccessError::SymlinkEscapes { ref target, .. } if *target == dir.path().canonicalize().unwrap().join("secret.txt"))
        );
        assert!(matches!(
            confine(&root, "up/secret.txt").unwrap_err(),
            FileAccessError::SymlinkEscapes { .. }
        ));
        assert!(matches!(
            confine(&root, "dangling").unwrap_err(),
            FileAccessError::SymlinkEscapes { .. }
        ));
    }

    #[test]
    fn confine_allows_symlinks_that_stay_inside() {
        let (_dir, root) = workspace();
        std::os::unix::fs::symlink(root.join("src/a.py"), root.join("alias.py")).unwrap();
        assert_eq!(
            confine(&root, "alias.py").unwrap(),
            ConfinedPath {
                rel_path: "src/a.py".into(),
                abs_path: root.join("src/a.py")
            }
        );
    }

    #[test]
    fn read_lines_returns_the_requested_range() {
        let (_dir, root) = workspace();
        let slice = read_lines(
            &root,
            "src/a.py",
            LineRange {
                start: Some(2),
                end: Some(3),
            },
            1000,
        )
        .unwrap();
        assert_eq!(
            slice,
            FileSlice {
                rel_path: "src/a.py".into(),
                start_line: 2,
                end_line: 3,
                total_lines: 4,
                size: 19,
                text: "two\nthree\n".into(),
                truncated: false,
            }
        );
    }

    #[test]
    fn read_lines_stops_at_the_byte_budget() {
        let (_dir, root) = workspace();
        let slice = read_lines(&root, "src/a.py", LineRange::default(), 9).unwrap();
        assert_eq!(
            (slice.text.as_str(), slice.end_line, slice.truncated),
            ("one\ntwo\n", 2, true)
        );
        let head = read_lines(&root, "src/a.py", LineRange::default(), 2).unwrap();
        assert_eq!(
            (head.text.as_str(), head.end_line, head.truncated),
            ("on", 1, true)
        );
    }

    #[test]
    fn read_lines_reports_a_start_past_the_end() {
        let (_dir, root) = workspace();
        let err = read_lines(
            &root,
            "src/a.py",
            LineRange {
                start: Some(9),
                end: None,
            },
            100,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"src/a.py\" has 4 lines; start_line 9 is past the end. Ask for a start_line between 1 and 4"
        );
    }

    #[test]
    fn read_lines_refuses_binary_files_and_directories() {
        let (_dir, root) = workspace();
        std::fs::write(root.join("blob.bin"), b"ab\0cd").unwrap();
        assert!(matches!(
            read_lines(&root, "blob.bin", LineRange::default(), 100).unwrap_err(),
            FileAccessError::Binary { .. }
        ));
        assert!(matches!(
            read_lines(&root, "src", LineRange::default(), 100).unwrap_err(),
            FileAccessError::IsDirectory { .. }
        ));
    }

    #[test]
    fn read_whole_refuses_files_over_the_limit() {
        let (_dir, root) = workspace();
        let (path, bytes) = read_whole(&root, "src/a.py", 100).unwrap();
        assert_eq!(
            (path.rel_path.as_str(), bytes.as_slice()),
            ("src/a.py", &b"one\ntwo\nthree\nfour\n"[..])
        );
        assert!(read_whole(&root, "src/a.py", 5).is_err());
    }
}
