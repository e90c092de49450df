//! `rlm index --dry-run`: what a run would index, per language, what it would leave out and why,
//! and about how long it would take, without writing anything.
//!
//! The dry run lists the workspace as a real run does and reads the first 8 KB of each listed
//! file (the binary and generated-header checks); it parses nothing. Files git or `.rlmignore`
//! ignore are counted with a second, ignore-blind walk.

use super::manifest::{Manifest, SCHEMA_VERSION};
use super::{IndexError, IndexSettings};
use crate::parse::Language;
use crate::workspace::{SkipCounts, SkipReason, classify, list_files_with};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Throughput assumed for the estimate, per parser thread, in bytes per second: code with a
/// grammar (parsed, chunked at symbols) and text (chunked by lines). Measured with `rlm bench
/// index` on this project's 2-core machine (docs/benchmarks.md).
pub const PARSED_BYTES_PER_SEC_PER_THREAD: u64 = 6_000_000;
pub const TEXT_BYTES_PER_SEC_PER_THREAD: u64 = 15_000_000;

/// Files and bytes of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LanguageCount {
    pub files: usize,
    pub bytes: u64,
    /// Whether the language gets symbols and symbol-aware chunks (it has a grammar).
    pub symbols: bool,
}

/// What `rlm index` would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DryRun {
    pub root: PathBuf,
    pub index_dir: PathBuf,
    /// Files that would be in the index, and their bytes.
    pub files: usize,
    pub bytes: u64,
    pub languages: BTreeMap<String, LanguageCount>,
    /// Of those, files the existing index already holds unchanged (same size and mtime).
    pub up_to_date: usize,
    /// Files and bytes a run would read and index.
    pub to_index: usize,
    pub to_index_bytes: u64,
    pub skipped: SkipCounts,
    /// The estimated time of the run, from the bytes to index.
    #[serde(serialize_with = "millis")]
    pub estimate: Duration,
    pub threads: usize,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Plans a run over `root` without writing anything.
pub fn dry_run(root: &Path, settings: &IndexSettings) -> Result<DryRun, IndexError> {
    let listing = list_files_with(root, &settings.list, settings.filters)?;
    let manifest = Manifest::read(&settings.dir)
        .ok()
        .flatten()
        .filter(|m| m.schema_version == SCHEMA_VERSION)
        .unwrap_or_default();
    let mut skipped = listing.skipped.clone();
    let mut languages: BTreeMap<String, LanguageCount> = BTreeMap::new();
    let (mut files, mut bytes, mut up_to_date, mut to_index) = (0, 0u64, 0, 0);
    let (mut parsed_bytes, mut text_bytes) = (0u64, 0u64);
    let mut head = Vec::with_capacity(8192);
    for file in &listing.files {
        head.clear();
        let read =
            std::fs::File::open(&file.abs_path).and_then(|f| f.take(8000).read_to_end(&mut head));
        if read.is_err() {
            *skipped.entry(SkipReason::Unreadable).or_default() += 1;
            continue;
        }
        if head.contains(&0) {
            *skipped.entry(SkipReason::Binary).or_default() += 1;
            continue;
        }
        if settings.filters.skip_generated && classify::is_generated_content(&head) {
            *skipped.entry(SkipReason::Generated).or_default() += 1;
            continue;
        }
        let language = Language::from_path(Path::new(&file.rel_path));
        let count = languages.entry(language.name().to_string()).or_default();
        count.files += 1;
        count.bytes += file.size;
        count.symbols = language.grammar().is_some();
        files += 1;
        bytes += file.size;
        let unchanged = manifest.files.get(&file.rel_path).is_some_and(|e| {
            e.size == file.size && e.mtime_ns == file.mtime_ns && file.mtime_ns != 0
        });
        if unchanged {
            up_to_date += 1;
        } else {
            to_index += 1;
            if count.symbols {
                parsed_bytes += file.size;
            } else {
                text_bytes += file.size;
            }
        }
    }
    let ignored = count_ignored(
        &listing.root,
        settings,
        files + skipped.values().sum::<usize>(),
    );
    if ignored > 0 {
        *skipped.entry(SkipReason::Ignored).or_default() += ignored;
    }
    let threads = settings.threads.max(1) as f64;
    let seconds = (parsed_bytes as f64 / PARSED_BYTES_PER_SEC_PER_THREAD as f64
        + text_bytes as f64 / TEXT_BYTES_PER_SEC_PER_THREAD as f64)
        / threads;
    Ok(DryRun {
        root: listing.root.clone(),
        index_dir: settings.dir.clone(),
        files,
        bytes,
        languages,
        up_to_date,
        to_index,
        to_index_bytes: parsed_bytes + text_bytes,
        skipped,
        estimate: Duration::from_millis((seconds * 1000.0).round() as u64),
        threads: settings.threads,
    })
}

/// Files an ignore-blind walk finds beyond those `accounted` for: what `.gitignore`,
/// `.ignore` and `.rlmignore` left out of untracked files. Symlinks count as accounted (the
/// listing counts them), the `.git` and index folders are not walked.
fn count_ignored(root: &Path, settings: &IndexSettings, accounted: usize) -> usize {
    let skip_dirs = settings.list.skip_dirs.clone();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .follow_links(false)
        .filter_entry(move |entry| {
            let name = entry.file_name();
            name != ".git" && name != ".rlm" && !skip_dirs.iter().any(|d| entry.path() == d)
        })
        .build();
    let seen = walker
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| !t.is_dir()))
        .count();
    seen.saturating_sub(accounted)
}
