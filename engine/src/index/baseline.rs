//! The throughput baseline `rlm bench index` prints beside the real index: tantivy alone
//! indexing the same files' text, one document per file with its default tokenizer, no parsing,
//! chunking or symbols, on the same writer threads. The gap between the two is what parsing,
//! symbol extraction, chunking and the code tokenizer cost.

use super::IndexError;
use std::path::Path;
use std::time::{Duration, Instant};
use tantivy::doc;
use tantivy::schema::{STORED, Schema, TEXT};

/// What the baseline did.
#[derive(Debug, Clone, Copy)]
pub struct Baseline {
    pub files: usize,
    pub bytes: u64,
    /// Reading included.
    pub elapsed: Duration,
}

impl Baseline {
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Indexes every file under `tree` into a new plain index in `dir`.
pub fn tantivy_alone(tree: &Path, dir: &Path, threads: usize) -> Result<Baseline, IndexError> {
    let mut builder = Schema::builder();
    let path = builder.add_text_field("path", STORED);
    let body = builder.add_text_field("body", TEXT | STORED);
    std::fs::create_dir_all(dir).map_err(IndexError::io("creating the baseline folder", dir))?;
    let index = tantivy::Index::create_in_dir(dir, builder.build())
        .map_err(IndexError::tantivy("creating the baseline index"))?;
    let started = Instant::now();
    let threads = threads.max(1);
    let mut writer: tantivy::IndexWriter = index
        .writer_with_num_threads(threads, 48 * 1024 * 1024 * threads)
        .map_err(IndexError::tantivy("opening the baseline writer"))?;
    let (mut files, mut bytes) = (0, 0u64);
    let walk = ignore::WalkBuilder::new(tree)
        .standard_filters(false)
        .build();
    for entry in walk.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Ok(data) = std::fs::read(entry.path()) else {
            continue;
        };
        files += 1;
        bytes += data.len() as u64;
        let text = String::from_utf8_lossy(&data);
        writer
            .add_document(doc!(
                path => entry.path().to_string_lossy().as_ref(),
                body => text.as_ref(),
            ))
            .map_err(IndexError::tantivy("adding a baseline document"))?;
    }
    writer
        .commit()
        .map_err(IndexError::tantivy("committing the baseline"))?;
    writer
        .wait_merging_threads()
        .map_err(IndexError::tantivy("merging the baseline"))?;
    Ok(Baseline {
        files,
        bytes,
        elapsed: started.elapsed(),
    })
}
