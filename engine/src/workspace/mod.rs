//! Which files make up a workspace.
//!
//! In a git repository, gix lists the tracked files and an ignore-aware walk adds the untracked
//! files that `.gitignore` does not exclude; a plain folder is walked honouring `.gitignore` and
//! `.ignore`. A broken `.git` falls back to the folder walk with a warning. Symlinks are never
//! followed (a link can point out of the root), and every file left out is counted by reason.
//!
//! `.rlmignore` files (gitignore syntax, in any folder) leave out what git should still track:
//! they apply to tracked and untracked files alike. Generated and vendored files
//! ([`classify`]) are left out when [`Filters`] say so, which the index does by default.

pub mod classify;
pub mod watch;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Errors that stop a listing altogether.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("workspace path {0} does not exist")]
    NotFound(PathBuf),
    #[error("workspace path {0} is not a directory")]
    NotADirectory(PathBuf),
    #[error("cannot read workspace {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid exclude pattern {pattern:?}: {message}")]
    BadExclude { pattern: String, message: String },
}

/// Why a file was left out of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Contains NUL bytes near its start.
    Binary,
    /// Larger than `index.max_file_size`.
    TooLarge,
    /// A symbolic link (never followed).
    Symlink,
    /// Matched an `index.exclude` pattern.
    Excluded,
    /// Could not be read (permissions, I/O error).
    Unreadable,
    /// Listed, then gone before it was read.
    Vanished,
    /// Its name is not valid UTF-8.
    NonUtf8Name,
    /// Matched a `.rlmignore` (or, in a dry run's count, a `.gitignore`).
    Ignored,
    /// Written by a tool: a lockfile, a minified bundle, a `DO NOT EDIT` header.
    Generated,
    /// In a folder of other projects' code (`vendor/`, `node_modules/`, `third_party/`).
    Vendored,
}

impl SkipReason {
    pub fn name(self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too_large",
            SkipReason::Symlink => "symlink",
            SkipReason::Excluded => "excluded",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Vanished => "vanished",
            SkipReason::NonUtf8Name => "non_utf8_name",
            SkipReason::Ignored => "ignored",
            SkipReason::Generated => "generated",
            SkipReason::Vendored => "vendored",
        }
    }
}

/// Counts of skipped files by reason.
pub type SkipCounts = BTreeMap<SkipReason, usize>;

/// A file that is a candidate for the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceFile {
    /// Path relative to the workspace root, with `/` separators.
    pub rel_path: String,
    pub abs_path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: u64,
}

/// How the file list was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingSource {
    Git,
    Folder,
}

/// The result of listing a workspace.
#[derive(Debug, Clone)]
pub struct Listing {
    pub root: PathBuf,
    pub source: ListingSource,
    /// Sorted by `rel_path`.
    pub files: Vec<WorkspaceFile>,
    pub skipped: SkipCounts,
    pub warnings: Vec<String>,
}

/// What to leave out.
#[derive(Debug, Clone)]
pub struct ListOptions {
    pub max_file_size: u64,
    /// Glob patterns relative to the root.
    pub exclude: Vec<String>,
    /// Folders never listed (the index folder itself), absolute.
    pub skip_dirs: Vec<PathBuf>,
}

impl Default for ListOptions {
    fn default() -> Self {
        ListOptions {
            max_file_size: 2 * 1024 * 1024,
            exclude: Vec::new(),
            skip_dirs: Vec::new(),
        }
    }
}

/// Which recognisably non-handwritten files to leave out (see [`classify`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filters {
    pub skip_generated: bool,
    pub skip_vendored: bool,
}

impl Filters {
    /// Everything kept: what [`list_files`] lists.
    pub const KEEP_ALL: Filters = Filters {
        skip_generated: false,
        skip_vendored: false,
    };
}

impl Default for Filters {
    /// The index's default: generated and vendored files left out.
    fn default() -> Self {
        Filters {
            skip_generated: true,
            skip_vendored: true,
        }
    }
}

/// The name of the ignore file that applies to tracked files too.
pub const RLMIGNORE: &str = ".rlmignore";

/// Lists the files of the workspace at `root`, generated and vendored files included.
pub fn list_files(root: &Path, options: &ListOptions) -> Result<Listing, WorkspaceError> {
    list_files_with(root, options, Filters::KEEP_ALL)
}

/// Lists the files of the workspace at `root`, leaving out what `filters` name.
pub fn list_files_with(
    root: &Path,
    options: &ListOptions,
    filters: Filters,
) -> Result<Listing, WorkspaceError> {
    let meta = std::fs::metadata(root).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => WorkspaceError::NotFound(root.to_path_buf()),
        _ => WorkspaceError::Io {
            path: root.to_path_buf(),
            source,
        },
    })?;
    if !meta.is_dir() {
        return Err(WorkspaceError::NotADirectory(root.to_path_buf()));
    }
    let root = root.canonicalize().map_err(|source| WorkspaceError::Io {
        path: root.to_path_buf(),
        source,
    })?;
    let exclude = build_globset(&options.exclude)?;
    let mut warnings = Vec::new();
    let mut skipped = SkipCounts::new();
    let mut candidates: BTreeSet<String> = BTreeSet::new();

    let source = match tracked_files(&root) {
        Ok(Some(tracked)) => {
            candidates.extend(tracked.files);
            *skipped.entry(SkipReason::Symlink).or_default() += tracked.symlinks;
            ListingSource::Git
        }
        Ok(None) => ListingSource::Folder,
        Err(message) => {
            warnings.push(format!(
                "the git repository at {} could not be read ({message}); listing it as a plain folder",
                root.display()
            ));
            ListingSource::Folder
        }
    };
    walk_unignored(&root, options, &mut candidates, &mut skipped, &mut warnings);
    let rlmignore = RlmIgnore::build(&root, &candidates, &mut warnings);

    let mut files = Vec::with_capacity(candidates.len());
    for rel_path in candidates {
        if filters.skip_vendored && classify::is_vendored(&rel_path) {
            *skipped.entry(SkipReason::Vendored).or_default() += 1;
            continue;
        }
        if exclude.is_match(&rel_path) {
            *skipped.entry(SkipReason::Excluded).or_default() += 1;
            continue;
        }
        if rlmignore.is_ignored(&root, &rel_path) {
            *skipped.entry(SkipReason::Ignored).or_default() += 1;
            continue;
        }
        if filters.skip_generated && classify::is_generated_name(&rel_path) {
            *skipped.entry(SkipReason::Generated).or_default() += 1;
            continue;
        }
        let abs_path = root.join(&rel_path);
        let meta = match std::fs::symlink_metadata(&abs_path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue, // deleted in the worktree
            Err(_) => {
                *skipped.entry(SkipReason::Unreadable).or_default() += 1;
                continue;
            }
        };
        if meta.file_type().is_symlink() {
            *skipped.entry(SkipReason::Symlink).or_default() += 1;
            continue;
        }
        if !meta.is_file() {
            continue;
        }
        if meta.len() > options.max_file_size {
            *skipped.entry(SkipReason::TooLarge).or_default() += 1;
            continue;
        }
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        files.push(WorkspaceFile {
            rel_path,
            abs_path,
            size: meta.len(),
            mtime_ns,
        });
    }
    Ok(Listing {
        root,
        source,
        files,
        skipped,
        warnings,
    })
}

fn build_globset(patterns: &[String]) -> Result<GlobSet, WorkspaceError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|e| WorkspaceError::BadExclude {
            pattern: pattern.clone(),
            message: e.to_string(),
        })?;
        builder.add(glob);
        // `vendor/**` should also exclude `vendor` written as a bare folder name.
        if !pattern.contains('/')
            && !pattern.contains('*')
            && let Ok(glob) = Glob::new(&format!("**/{pattern}/**"))
        {
            builder.add(glob);
        }
    }
    builder.build().map_err(|e| WorkspaceError::BadExclude {
        pattern: patterns.join(", "),
        message: e.to_string(),
    })
}

/// The `.rlmignore` files of a workspace, each applying below its own folder.
struct RlmIgnore {
    /// (folder relative to the root, with a trailing `/` or empty for the root; its matcher)
    matchers: Vec<(String, ignore::gitignore::Gitignore)>,
}

impl RlmIgnore {
    fn build(root: &Path, candidates: &BTreeSet<String>, warnings: &mut Vec<String>) -> RlmIgnore {
        let mut matchers = Vec::new();
        for rel in candidates {
            let Some(folder) = rel.strip_suffix(RLMIGNORE) else {
                continue;
            };
            if !(folder.is_empty() || folder.ends_with('/')) {
                continue;
            }
            let abs = root.join(rel);
            let mut builder = ignore::gitignore::GitignoreBuilder::new(root.join(folder));
            if let Some(e) = builder.add(&abs) {
                warnings.push(format!("{}: {e}", abs.display()));
            }
            match builder.build() {
                Ok(matcher) => matchers.push((folder.to_string(), matcher)),
                Err(e) => warnings.push(format!("{}: {e}", abs.display())),
            }
        }
        RlmIgnore { matchers }
    }

    fn is_ignored(&self, root: &Path, rel_path: &str) -> bool {
        self.matchers.iter().any(|(folder, matcher)| {
            rel_path.starts_with(folder.as_str())
                && matcher
                    .matched_path_or_any_parents(root.join(rel_path), false)
                    .is_ignore()
        })
    }
}

struct Tracked {
    files: Vec<String>,
    symlinks: usize,
}

/// The files git tracks under `root`, or `None` when `root` is not inside a git repository.
fn tracked_files(root: &Path) -> Result<Option<Tracked>, String> {
    let dot_git = root.join(".git");
    let repo = if dot_git.exists() {
        gix::open(root).map_err(|e| e.to_string())?
    } else {
        match gix::discover(root) {
            Ok(repo) => repo,
            Err(_) => return Ok(None),
        }
    };
    let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return Ok(None); // a bare repository: nothing checked out to index
    };
    let prefix = match root.strip_prefix(&workdir) {
        Ok(p) if p.as_os_str().is_empty() => String::new(),
        Ok(p) => format!("{}/", p.to_string_lossy().replace('\\', "/")),
        Err(_) => return Ok(None),
    };
    let index = repo.index_or_empty().map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    let mut symlinks = 0;
    for entry in index.entries() {
        let path = entry.path(&index);
        let Ok(path) = std::str::from_utf8(path.as_ref()) else {
            continue;
        };
        let Some(rel) = path.strip_prefix(prefix.as_str()) else {
            continue;
        };
        match entry.mode {
            gix::index::entry::Mode::SYMLINK => symlinks += 1,
            gix::index::entry::Mode::FILE | gix::index::entry::Mode::FILE_EXECUTABLE => {
                files.push(rel.to_string())
            }
            _ => {} // submodules and sparse directories
        }
    }
    Ok(Some(Tracked { files, symlinks }))
}

/// Adds the files an ignore-aware walk finds (untracked but not ignored, in a git repository;
/// everything not ignored, in a plain folder).
fn walk_unignored(
    root: &Path,
    options: &ListOptions,
    candidates: &mut BTreeSet<String>,
    skipped: &mut SkipCounts,
    warnings: &mut Vec<String>,
) {
    let skip_dirs = options.skip_dirs.clone();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .ignore(true)
        .require_git(false)
        .add_custom_ignore_filename(RLMIGNORE)
        .follow_links(false)
        .filter_entry(move |entry| {
            let name = entry.file_name();
            if name == ".git" || name == ".rlm" {
                return false;
            }
            !skip_dirs.iter().any(|d| entry.path() == d)
        })
        .build();
    let mut errors = 0usize;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(_) => {
                errors += 1;
                continue;
            }
        };
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let Some(rel) = rel.to_str() else {
            *skipped.entry(SkipReason::NonUtf8Name).or_default() += 1;
            continue;
        };
        let rel = rel.replace('\\', "/");
        if file_type.is_symlink() {
            if !candidates.contains(&rel) {
                *skipped.entry(SkipReason::Symlink).or_default() += 1;
            }
            continue;
        }
        candidates.insert(rel);
    }
    if errors > 0 {
        *skipped.entry(SkipReason::Unreadable).or_default() += errors;
        warnings.push(format!(
            "{errors} paths could not be read while walking {}",
            root.display()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_folder_honours_gitignore_and_excludes() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("src"))?;
        std::fs::create_dir_all(root.join("vendor/lib"))?;
        std::fs::write(root.join("src/a.py"), "x = 1\n")?;
        std::fs::write(root.join("build.log"), "log\n")?;
        std::fs::write(root.join(".gitignore"), "*.log\n")?;
        std::fs::write(root.join("vendor/lib/v.py"), "y = 2\n")?;
        std::fs::write(root.join("big.txt"), vec![b'a'; 2000])?;
        let options = ListOptions {
            max_file_size: 1000,
            exclude: vec!["vendor".into()],
            skip_dirs: vec![],
        };
        let listing = list_files(root, &options)?;
        let paths: Vec<&str> = listing.files.iter().map(|f| f.rel_path.as_str()).collect();
        assert_eq!(paths, vec![".gitignore", "src/a.py"]);
        assert_eq!(listing.source, ListingSource::Folder);
        assert_eq!(listing.skipped.get(&SkipReason::Excluded), Some(&1));
        assert_eq!(listing.skipped.get(&SkipReason::TooLarge), Some(&1));
        Ok(())
    }

    #[test]
    fn missing_path_is_a_clear_error() {
        let err = list_files(Path::new("/definitely/not/here"), &ListOptions::default()).err();
        assert_eq!(
            err.map(|e| e.to_string()),
            Some("workspace path /definitely/not/here does not exist".into())
        );
    }
}
