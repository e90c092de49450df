//! The one error type of the memory store. Every variant says what went wrong and, where the
//! user can act, what to do; faces print it as is.

use std::path::PathBuf;

use super::types::Zone;

/// Errors of the memory store.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    #[error("memory store {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("memory store {path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error(
        "the memory key does not open this store ({path}): it was created with another key. \
         Set RLM_MEMORY_KEY or [memory] key_file to the key the store was made with"
    )]
    WrongKey { path: PathBuf },
    #[error(
        "no memory key for the existing store {path}: set RLM_MEMORY_KEY, or [memory] key_file, \
         or restore {key_file}"
    )]
    MissingKey { path: PathBuf, key_file: PathBuf },
    #[error("invalid memory key: {0}")]
    BadKey(String),
    #[error(
        "access denied: agent {agent:?} may not {action} in zone {zone} (its clearance is {clearance}); \
         an agent cleared for it can run `rlm memory grant {agent} {zone}`. This attempt was audited"
    )]
    AccessDenied {
        agent: String,
        action: &'static str,
        zone: Zone,
        clearance: Zone,
    },
    #[error(
        "record {id} failed authentication: its ciphertext or metadata was altered or corrupted on \
         disk; the rest of the store is unaffected (restore it from an export, or delete it)"
    )]
    Tampered { id: String },
    #[error("{id} was evicted (unix ms {at}); it survives in its summary {summary}")]
    Evicted {
        id: String,
        summary: String,
        at: i64,
    },
    #[error("no memory with id {0:?}")]
    NotFound(String),
    #[error("no conflict #{0}: run `rlm memory conflicts` to list the open ones")]
    NoSuchConflict(i64),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error(
        "the memory store {path} has schema version {found}, newer than this rlm understands \
         ({supported}); upgrade rlm"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("embedding model failed: {0}")]
    Embedding(String),
    #[error("export/import: {0}")]
    Transfer(String),
}

impl MemoryError {
    pub(crate) fn sqlite(path: &std::path::Path) -> impl Fn(rusqlite::Error) -> MemoryError + '_ {
        move |source| MemoryError::Sqlite {
            path: path.to_path_buf(),
            source,
        }
    }
}

pub type Result<T, E = MemoryError> = std::result::Result<T, E>;
