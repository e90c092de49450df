//! The persistent workspace index: chunks and symbols in tantivy, on disk in `.rlm/`.
//!
//! Layout of the index folder: `tantivy/` (the segments), `manifest.json` (per-file size, mtime
//! and hash, with the schema version), `lock` (one writer at a time) and a `.gitignore` that
//! keeps the folder out of git. Updates are incremental and crash-safe: tantivy commits
//! atomically and the manifest is renamed into place after the commit, so an interrupted run
//! leaves the previous index usable, and a stale manifest only makes the next run re-read more.
//! A run commits in batches; each commit carries the manifest entries it adds as its payload, so
//! a run killed at any point keeps every finished batch, and the next run resumes after it.

mod baseline;
mod dry_run;
mod lock;
mod manifest;
mod schema;
mod tokenizer;
mod update;

pub use baseline::{Baseline, tantivy_alone};
pub use dry_run::{
    DryRun, LanguageCount, PARSED_BYTES_PER_SEC_PER_THREAD, TEXT_BYTES_PER_SEC_PER_THREAD, dry_run,
};
/// The writer lock, for what is written beside the index (the vector store).
pub use lock::{LockOutcome, WriterLock, acquire as lock_writer};
pub use manifest::{FileEntry, Manifest, SCHEMA_VERSION};
pub use schema::{CODE_TOKENIZER, DOC_CHUNK, DOC_SYMBOL, Fields, query_tokenizers};
pub use tokenizer::{CodeTokenizer, tokenize_into};
pub use update::{
    IndexProgress, IndexReport, NoProgress, Overlay, index_workspace, index_workspace_with,
};

use crate::config::Config;
use crate::parse::ChunkLimits;
use crate::workspace::{Filters, ListOptions, WorkspaceError};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tantivy::{Index, IndexReader, ReloadPolicy};

/// Errors of building or opening the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error("{context} ({path}): {source}")]
    Io {
        context: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("index error while {context}: {source}")]
    Tantivy {
        context: &'static str,
        source: tantivy::TantivyError,
    },
    #[error(
        "another `rlm index` is updating {dir}; waited {waited_secs} s. Try again when it finishes, or raise index.lock_timeout_secs"
    )]
    Busy { dir: PathBuf, waited_secs: u64 },
    #[error("no index at {dir}: run `rlm index` on the workspace first")]
    Missing { dir: PathBuf },
    #[error("the index at {dir} is unreadable ({message}): run `rlm index` to rebuild it")]
    Corrupt { dir: PathBuf, message: String },
}

impl IndexError {
    fn tantivy(context: &'static str) -> impl FnOnce(tantivy::TantivyError) -> IndexError {
        move |source| IndexError::Tantivy { context, source }
    }
    fn io(context: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + use<> {
        let path = path.to_path_buf();
        move |source| IndexError::Io {
            context,
            path,
            source,
        }
    }
}

/// Everything `index_workspace` needs to know, resolved from config and flags.
#[derive(Debug, Clone)]
pub struct IndexSettings {
    pub dir: PathBuf,
    pub list: ListOptions,
    pub chunk_limits: ChunkLimits,
    pub lock_timeout: Duration,
    /// Parser threads (reading, parsing, chunking): one per core, up to 8.
    pub threads: usize,
    /// Bytes of source per commit; `None` picks one from the run's size (see
    /// [`IndexSettings::batch_bytes_for`]). A `kill -9` loses at most the batch in flight.
    pub batch_bytes: Option<u64>,
    /// Generated and vendored files are left out unless these say to keep them.
    pub filters: Filters,
}

impl IndexSettings {
    /// tantivy's own indexing threads: half the parser threads, at least one, at most four.
    /// Parsing is the larger share of the work per byte (tantivy alone indexes the same text
    /// several times faster, see `rlm bench index`), so the parsers get the cores.
    pub fn writer_threads(&self) -> usize {
        (self.threads / 2).clamp(1, 4)
    }

    /// The batch size for a run that reads `total_bytes`: a twentieth of the run, between 8 MB and
    /// 128 MB, so a killed run keeps at least 95% of its finished work and a commit (segment
    /// flush, fsync, manifest write) stays a small part of the time.
    pub fn batch_bytes_for(&self, total_bytes: u64) -> u64 {
        self.batch_bytes
            .unwrap_or_else(|| (total_bytes / 20).clamp(8 << 20, 128 << 20))
            .max(1)
    }
}

impl IndexSettings {
    /// Settings for the workspace at `root`; `dir_override` is `--index-dir`.
    pub fn new(root: &Path, config: &Config, dir_override: Option<&Path>) -> IndexSettings {
        let dir = match dir_override
            .map(Path::to_path_buf)
            .or_else(|| config.index.dir.clone())
        {
            Some(dir) if dir.is_absolute() => dir,
            Some(dir) => root.join(dir),
            None => default_index_dir(root),
        };
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        IndexSettings {
            list: ListOptions {
                max_file_size: config.index.max_file_size,
                exclude: config.index.exclude.clone(),
                skip_dirs: vec![dir.clone()],
            },
            dir,
            chunk_limits: ChunkLimits::default(),
            lock_timeout: Duration::from_secs(config.index.lock_timeout_secs),
            threads,
            batch_bytes: None,
            filters: Filters::default(),
        }
    }
}

/// The index folder used when none is configured: `.rlm/` in the workspace root.
pub fn default_index_dir(root: &Path) -> PathBuf {
    root.join(".rlm")
}

fn tantivy_dir(dir: &Path) -> PathBuf {
    dir.join("tantivy")
}

/// An open index, for reading.
pub struct WorkspaceIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl WorkspaceIndex {
    /// Opens the index in `dir` for searching.
    pub fn open(dir: &Path) -> Result<WorkspaceIndex, IndexError> {
        let tantivy_dir = tantivy_dir(dir);
        let manifest = Manifest::read(dir).map_err(|message| IndexError::Corrupt {
            dir: dir.to_path_buf(),
            message,
        })?;
        let Some(manifest) = manifest else {
            return Err(IndexError::Missing {
                dir: dir.to_path_buf(),
            });
        };
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(IndexError::Corrupt {
                dir: dir.to_path_buf(),
                message: format!(
                    "schema version {} but this rlm uses {SCHEMA_VERSION}",
                    manifest.schema_version
                ),
            });
        }
        let index = Index::open_in_dir(&tantivy_dir).map_err(|e| IndexError::Corrupt {
            dir: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        WorkspaceIndex::from_index(dir, index)
    }

    fn from_index(dir: &Path, index: Index) -> Result<WorkspaceIndex, IndexError> {
        let (_, fields) = schema::build_schema();
        schema::register_tokenizers(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(IndexError::tantivy("opening a reader"))?;
        Ok(WorkspaceIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
        })
    }

    /// Picks up the latest commit (another process may have updated the index).
    pub fn reload(&self) -> Result<(), IndexError> {
        self.reader
            .reload()
            .map_err(IndexError::tantivy("reloading the reader"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The manifest as last written.
    pub fn manifest(&self) -> Result<Manifest, IndexError> {
        Manifest::read(&self.dir)
            .map_err(|message| IndexError::Corrupt {
                dir: self.dir.clone(),
                message,
            })?
            .ok_or_else(|| IndexError::Missing {
                dir: self.dir.clone(),
            })
    }
}
