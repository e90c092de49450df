//! The manifest: what the index holds per file (size, mtime, content hash), written atomically
//! after each tantivy commit (one per batch of files). It is what makes a re-run incremental: a file whose size and
//! mtime match is not read at all; one whose hash matches is not re-parsed.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Bumped whenever the schema, the tokenizer or the chunking changes what is stored.
/// Version 2: symbols for C, C++, C#, PHP, Ruby, Kotlin, Swift, Scala, Bash and Lua, and the
/// per-batch commit record.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    pub mtime_ns: u64,
    /// blake3 of the content, hex.
    pub hash: String,
    pub lang: String,
    pub chunks: usize,
    pub symbols: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    /// The last committed batch this manifest includes (see the commit payload in `update`).
    #[serde(default)]
    pub batch: u64,
    pub files: BTreeMap<String, FileEntry>,
}

pub const MANIFEST_FILE: &str = "manifest.json";

impl Manifest {
    /// Reads the manifest; `Ok(None)` when there is none, `Err` text when it is unreadable.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(MANIFEST_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| format!("{} is corrupt: {e}", path.display()))
    }

    /// Writes to a temporary file and renames it into place, so a crash leaves the old one.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, bytes)?;
        let file = std::fs::File::open(&tmp)?;
        file.sync_all()?;
        std::fs::rename(&tmp, dir.join(MANIFEST_FILE))
    }
}
