//! One incremental update of the index: list, compare with the manifest, re-read only what
//! changed (in parallel), write chunks and symbols, commit, then write the manifest.

use super::lock::{self, LockOutcome};
use super::manifest::{FileEntry, MANIFEST_FILE, Manifest, SCHEMA_VERSION};
use super::schema::{self, DOC_CHUNK, DOC_SYMBOL, Fields};
use super::{IndexError, IndexSettings, tantivy_dir};
use crate::parse::{Language, chunk_file, extract_symbols_and_tree};
use crate::workspace::{
    Listing, ListingSource, SkipCounts, SkipReason, WorkspaceFile, classify, list_files_with,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tantivy::schema::Term;
use tantivy::{Index, IndexWriter, TantivyDocument, doc};

/// Receives progress; the CLI draws a bar, the LSP sends `$/progress`.
pub trait IndexProgress: Sync {
    /// Called once, with the number of files that must be read.
    fn reading(&self, _files: usize) {}
    /// Called after each file is read and indexed (or skipped).
    fn file_done(&self) {}
    /// Called when another process holds the index and this one waits.
    fn waiting_for_lock(&self) {}
    /// Called once before reading, with the files and bytes to read.
    fn planned(&self, _files: usize, _bytes: u64) {}
    /// Called after each file read, with its size (beside [`IndexProgress::file_done`]).
    fn bytes_done(&self, _bytes: u64) {}
    /// Called after each batch is committed, with the files the index now holds.
    fn batch_committed(&self, _files: usize) {}
}

/// Progress that goes nowhere.
pub struct NoProgress;
impl IndexProgress for NoProgress {}

/// What an update did.
#[derive(Debug, Clone, Serialize)]
pub struct IndexReport {
    pub root: PathBuf,
    pub index_dir: PathBuf,
    pub source: ListingSource,
    /// Files in the index after the run.
    pub files: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Chunks and symbols written by this run.
    pub chunks: usize,
    pub symbols: usize,
    /// Bytes of source read and indexed by this run.
    pub bytes_indexed: u64,
    /// Files decoded with replacement characters because they were not valid UTF-8.
    pub lossy_utf8: usize,
    pub skipped: SkipCounts,
    /// Whether the index was rebuilt from scratch (first run, schema change, corruption).
    pub rebuilt: bool,
    /// Commits made by this run (each a batch a crash cannot lose).
    pub batches: usize,
    pub warnings: Vec<String>,
    #[serde(serialize_with = "millis")]
    pub elapsed: Duration,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Unsaved editor buffers, by path relative to the workspace root: indexed in place of the file
/// on disk so that an editor's view of the workspace is what the index answers from.
pub type Overlay = BTreeMap<String, String>;

impl IndexReport {
    /// A report of a run that changed nothing yet: `unchanged` files carried over.
    fn unchanged(listing: &Listing, dir: &Path, unchanged: usize) -> IndexReport {
        IndexReport {
            root: listing.root.clone(),
            index_dir: dir.to_path_buf(),
            source: listing.source,
            files: unchanged,
            added: 0,
            updated: 0,
            unchanged,
            removed: 0,
            chunks: 0,
            symbols: 0,
            bytes_indexed: 0,
            lossy_utf8: 0,
            skipped: listing.skipped.clone(),
            rebuilt: false,
            batches: 0,
            warnings: Vec::new(),
            elapsed: Duration::ZERO,
        }
    }
}

/// Brings the index of the workspace at `root` up to date.
pub fn index_workspace(
    root: &Path,
    settings: &IndexSettings,
    progress: &dyn IndexProgress,
) -> Result<IndexReport, IndexError> {
    index_workspace_with(root, settings, &Overlay::new(), progress)
}

/// Like [`index_workspace`], with `overlay` texts in place of the listed files they name. An
/// overlaid file's manifest entry gets no mtime, so the next run without the overlay re-reads
/// the file from disk (and re-indexes it only if the saved text differs). Overlay paths that are
/// not in the listing (new, deleted or ignored files) are left out, as on disk.
pub fn index_workspace_with(
    root: &Path,
    settings: &IndexSettings,
    overlay: &Overlay,
    progress: &dyn IndexProgress,
) -> Result<IndexReport, IndexError> {
    let started = Instant::now();
    let listing = list_files_with(root, &settings.list, settings.filters)?;
    let dir = &settings.dir;
    std::fs::create_dir_all(dir).map_err(IndexError::io("creating the index folder", dir))?;
    if dir.starts_with(&listing.root) || dir.starts_with(root) {
        // Keep the index out of git without touching the user's .gitignore.
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "*\n")
                .map_err(IndexError::io("writing .gitignore", &ignore))?;
        }
    }
    let _lock = match lock::acquire(dir, settings.lock_timeout, &mut || {
        progress.waiting_for_lock()
    })
    .map_err(IndexError::io("locking the index", dir))?
    {
        LockOutcome::Acquired(lock) => lock,
        LockOutcome::TimedOut => {
            return Err(IndexError::Busy {
                dir: dir.clone(),
                waited_secs: settings.lock_timeout.as_secs(),
            });
        }
    };
    // The code graph follows the index under the same lock (updated when this is dropped).
    let graph = crate::graph::UpdateOnDrop::new(&listing.root, dir, overlay);

    let mut warnings = listing.warnings.clone();
    let (index, old_manifest, rebuilt) = open_or_rebuild(dir, &mut warnings)?;
    let plan = plan(&listing, &old_manifest, overlay);
    if plan.to_read.is_empty() && plan.removed.is_empty() && !rebuilt {
        // Nothing to do: no writer, no commit, no manifest rewrite.
        let mut report = IndexReport::unchanged(&listing, dir, plan.kept.len());
        report.warnings = warnings;
        report.elapsed = started.elapsed();
        return Ok(report);
    }
    let (_, fields) = schema::build_schema();
    let writer_threads = settings.writer_threads();
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(writer_threads, WRITER_MEMORY_PER_THREAD * writer_threads)
        .map_err(IndexError::tantivy("opening the index writer"))?;
    // A run killed inside a commit can leave files of that commit behind that no meta.json
    // names (a segment's `.del` file, say); this run's commit would write the same names and
    // fail with "file already exists". Removing what no commit references first lets it go on.
    writer
        .garbage_collect_files()
        .wait()
        .map_err(IndexError::tantivy(
            "removing files an interrupted run left",
        ))?;

    let mut manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        batch: old_manifest.batch,
        files: plan.kept,
    };
    let mut report = IndexReport::unchanged(&listing, dir, manifest.files.len());
    report.rebuilt = rebuilt;

    let total_bytes: u64 = plan.to_read.iter().map(|f| f.size).sum();
    progress.reading(plan.to_read.len());
    progress.planned(plan.to_read.len(), total_bytes);
    let mut batches = batches(&plan.to_read, settings.batch_bytes_for(total_bytes));
    if batches.is_empty() {
        batches.push(&[]); // removals only
    }
    let mut removed = plan.removed;
    // A rebuild commits even an empty workspace, so the fresh index has a first commit.
    let mut must_commit = rebuilt;
    for batch in batches {
        let mut record = BatchRecord {
            batch: manifest.batch + 1,
            entries: BTreeMap::new(),
            removed: Vec::new(),
        };
        for path in removed.drain(..) {
            writer.delete_term(Term::from_field_text(fields.path, &path));
            manifest.files.remove(&path);
            report.removed += 1;
            record.removed.push(path);
        }
        let outcomes = read_and_index(
            batch,
            &old_manifest,
            overlay,
            &writer,
            &fields,
            settings,
            Some(&graph),
            progress,
        );
        for (path, outcome) in outcomes {
            let existed = old_manifest.files.contains_key(&path);
            match outcome {
                Outcome::Same(entry) => {
                    report.unchanged += 1;
                    manifest.files.insert(path, entry);
                }
                Outcome::Indexed { entry, lossy } => {
                    if existed {
                        report.updated += 1
                    } else {
                        report.added += 1
                    }
                    report.chunks += entry.chunks;
                    report.symbols += entry.symbols;
                    report.bytes_indexed += entry.size;
                    report.lossy_utf8 += usize::from(lossy);
                    record.entries.insert(path.clone(), entry.clone());
                    manifest.files.insert(path, entry);
                }
                Outcome::Skipped(reason) => {
                    *report.skipped.entry(reason).or_default() += 1;
                    if existed {
                        report.removed += 1;
                        manifest.files.remove(&path);
                        record.removed.push(path);
                    }
                }
            }
        }
        if record.entries.is_empty() && record.removed.is_empty() && !must_commit {
            continue;
        }
        must_commit = false;
        // The commit carries its own manifest delta: a crash between the commit and the
        // manifest write is repaired from it on the next open (see `recover_last_batch`).
        let payload = serde_json::to_string(&record).map_err(|e| IndexError::Io {
            context: "encoding the batch record",
            path: dir.clone(),
            source: std::io::Error::other(e),
        })?;
        let mut prepared = writer
            .prepare_commit()
            .map_err(IndexError::tantivy("committing"))?;
        prepared.set_payload(&payload);
        prepared
            .commit()
            .map_err(IndexError::tantivy("committing"))?;
        manifest.batch = record.batch;
        manifest
            .write(dir)
            .map_err(IndexError::io("writing the manifest", dir))?;
        report.batches += 1;
        progress.batch_committed(manifest.files.len());
    }
    writer
        .wait_merging_threads()
        .map_err(IndexError::tantivy("merging segments"))?;
    // Files whose content was unchanged (only the mtime moved) are recorded here.
    manifest
        .write(dir)
        .map_err(IndexError::io("writing the manifest", dir))?;

    report.files = manifest.files.len();
    report.warnings = warnings;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// tantivy's indexing memory per writer thread: a segment is flushed when it fills.
const WRITER_MEMORY_PER_THREAD: usize = 48 * 1024 * 1024;

/// What one commit changed, stored as that commit's payload in tantivy's `meta.json`.
#[derive(Debug, Serialize, Deserialize)]
struct BatchRecord {
    batch: u64,
    entries: BTreeMap<String, FileEntry>,
    removed: Vec<String>,
}

/// Cuts the files to read into batches of about `batch_bytes` each (at least one file).
fn batches(files: &[WorkspaceFile], batch_bytes: u64) -> Vec<&[WorkspaceFile]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, file) in files.iter().enumerate() {
        bytes += file.size.max(1);
        if bytes >= batch_bytes {
            out.push(&files[start..=i]);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// Brings the manifest up to the index's last commit when the process died between a commit
/// and the manifest write: that commit's payload holds exactly what the manifest lacks.
/// `Err` when the two disagree in a way no single lost write explains.
fn recover_last_batch(index: &Index, manifest: &mut Manifest) -> Result<bool, String> {
    let metas = index.load_metas().map_err(|e| e.to_string())?;
    let Some(payload) = metas.payload else {
        return Ok(false);
    };
    let record: BatchRecord =
        serde_json::from_str(&payload).map_err(|e| format!("unreadable commit payload: {e}"))?;
    if record.batch == manifest.batch {
        return Ok(false);
    }
    if record.batch != manifest.batch + 1 {
        return Err(format!(
            "the index is at batch {} but the manifest at {}",
            record.batch, manifest.batch
        ));
    }
    for path in record.removed {
        manifest.files.remove(&path);
    }
    manifest.files.extend(record.entries);
    manifest.batch = record.batch;
    Ok(true)
}

/// Opens the tantivy index and the manifest, or wipes and recreates both when they are missing,
/// from another schema version, or unreadable.
fn open_or_rebuild(
    dir: &Path,
    warnings: &mut Vec<String>,
) -> Result<(Index, Manifest, bool), IndexError> {
    let tantivy_dir = tantivy_dir(dir);
    let manifest = Manifest::read(dir);
    let reason = match &manifest {
        Ok(Some(m)) if m.schema_version != SCHEMA_VERSION => Some(format!(
            "the index has schema version {} and this rlm uses {SCHEMA_VERSION}",
            m.schema_version
        )),
        Ok(Some(_)) => None,
        Ok(None) => Some(String::new()),
        Err(message) => Some(message.clone()),
    };
    if reason.is_none() {
        match Index::open_in_dir(&tantivy_dir) {
            Ok(index) => {
                schema::register_tokenizers(index.tokenizers());
                let mut manifest = manifest.ok().flatten().unwrap_or_default();
                match recover_last_batch(&index, &mut manifest) {
                    Ok(recovered) => {
                        if recovered {
                            tracing::info!(
                                batch = manifest.batch,
                                "manifest brought up to the index's last commit"
                            );
                        }
                        return Ok((index, manifest, false));
                    }
                    Err(message) => warnings.push(format!(
                        "the index at {} does not match its manifest ({message}); rebuilding it",
                        dir.display()
                    )),
                }
            }
            Err(e) => warnings.push(format!(
                "the index at {} is unreadable ({e}); rebuilding it",
                dir.display()
            )),
        }
    } else if let Some(reason) = reason.filter(|r| !r.is_empty()) {
        warnings.push(format!("{reason}; rebuilding the index"));
    }
    if tantivy_dir.exists() {
        std::fs::remove_dir_all(&tantivy_dir)
            .map_err(IndexError::io("removing the old index", &tantivy_dir))?;
    }
    let _ = std::fs::remove_file(dir.join(MANIFEST_FILE));
    std::fs::create_dir_all(&tantivy_dir)
        .map_err(IndexError::io("creating the index folder", &tantivy_dir))?;
    let (schema, _) = schema::build_schema();
    let index = Index::create_in_dir(&tantivy_dir, schema)
        .map_err(IndexError::tantivy("creating the index"))?;
    schema::register_tokenizers(index.tokenizers());
    // An empty manifest from the start: a run killed after its first commit is then resumed
    // from that commit's payload instead of rebuilt.
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        batch: 0,
        files: BTreeMap::new(),
    };
    manifest
        .write(dir)
        .map_err(IndexError::io("writing the manifest", dir))?;
    Ok((index, manifest, true))
}

struct Plan {
    /// Entries whose size and mtime match: carried over without reading.
    kept: BTreeMap<String, FileEntry>,
    to_read: Vec<WorkspaceFile>,
    removed: Vec<String>,
}

fn plan(listing: &Listing, old: &Manifest, overlay: &Overlay) -> Plan {
    let mut kept = BTreeMap::new();
    let mut to_read = Vec::new();
    for file in &listing.files {
        match old.files.get(&file.rel_path) {
            Some(entry)
                if !overlay.contains_key(&file.rel_path)
                    && entry.size == file.size
                    && entry.mtime_ns == file.mtime_ns
                    && file.mtime_ns != 0 =>
            {
                kept.insert(file.rel_path.clone(), entry.clone());
            }
            _ => to_read.push(file.clone()),
        }
    }
    let listed: std::collections::HashSet<&str> =
        listing.files.iter().map(|f| f.rel_path.as_str()).collect();
    let removed = old
        .files
        .keys()
        .filter(|p| !listed.contains(p.as_str()))
        .cloned()
        .collect();
    Plan {
        kept,
        to_read,
        removed,
    }
}

enum Outcome {
    /// Content identical to what the index holds (only the mtime moved).
    Same(FileEntry),
    Indexed {
        entry: FileEntry,
        lossy: bool,
    },
    Skipped(SkipReason),
}

#[allow(clippy::too_many_arguments)] // one call site; each is the run's own state, not options
fn read_and_index(
    files: &[WorkspaceFile],
    old: &Manifest,
    overlay: &Overlay,
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    settings: &IndexSettings,
    graph: Option<&crate::graph::UpdateOnDrop>,
    progress: &dyn IndexProgress,
) -> Vec<(String, Outcome)> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(files.len()));
    let workers = settings.threads.min(files.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    let outcome = index_one(
                        file,
                        old.files.get(&file.rel_path),
                        overlay.get(&file.rel_path).map(String::as_str),
                        writer,
                        fields,
                        settings,
                        graph,
                    );
                    local.push((file.rel_path.clone(), outcome));
                    progress.bytes_done(file.size);
                    progress.file_done();
                }
                if let Ok(mut all) = results.lock() {
                    all.extend(local);
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results
}

/// Git's heuristic: a NUL byte in the first 8,000 bytes means binary.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8000)].contains(&0)
}

fn index_one(
    file: &WorkspaceFile,
    old: Option<&FileEntry>,
    overlaid: Option<&str>,
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    settings: &IndexSettings,
    graph: Option<&crate::graph::UpdateOnDrop>,
) -> Outcome {
    let path_term = Term::from_field_text(fields.path, &file.rel_path);
    let skip = |reason| {
        if old.is_some() {
            writer.delete_term(path_term.clone());
        }
        Outcome::Skipped(reason)
    };
    // An overlaid text is not what is on disk: record no mtime so a later run re-reads the file.
    let mtime_ns = if overlaid.is_some() { 0 } else { file.mtime_ns };
    let read = match overlaid {
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => std::fs::read(&file.abs_path),
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return skip(SkipReason::Vanished),
        Err(_) => return skip(SkipReason::Unreadable),
    };
    if bytes.len() as u64 > settings.list.max_file_size {
        return skip(SkipReason::TooLarge); // grew between listing and reading
    }
    if looks_binary(&bytes) {
        return skip(SkipReason::Binary);
    }
    if settings.filters.skip_generated && classify::is_generated_content(&bytes) {
        return skip(SkipReason::Generated);
    }
    let hash = blake3::hash(&bytes).to_hex().to_string();
    let language = Language::from_path(Path::new(&file.rel_path));
    let size = bytes.len() as u64;
    if let Some(old) = old.filter(|o| o.hash == hash) {
        return Outcome::Same(FileEntry {
            size,
            mtime_ns,
            ..old.clone()
        });
    }
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    let (symbols, tree) = extract_symbols_and_tree(language, &text);
    let chunks = chunk_file(&text, &symbols, settings.chunk_limits);
    // The code graph reads the same parse here, on this thread, instead of reading and parsing
    // the file again after the index commits.
    if let (Some(graph), Some(tree)) = (graph, &tree)
        && let Some(facts) = crate::graph::extract_from_tree(language, tree, &text)
    {
        // The graph keys its files by the hash of the decoded text (as it reads them).
        let graph_hash = if lossy {
            blake3::hash(text.as_bytes()).to_hex().to_string()
        } else {
            hash.clone()
        };
        graph.offer(&file.rel_path, graph_hash, facts);
    }
    drop(tree);

    writer.delete_term(path_term);
    let lang = language.name();
    for chunk in &chunks {
        let body = text
            .get(chunk.start_byte..chunk.end_byte)
            .unwrap_or_default();
        let mut document = doc!(
            fields.doc_type => DOC_CHUNK,
            fields.path => file.rel_path.as_str(),
            fields.path_text => file.rel_path.as_str(),
            fields.lang => lang,
            fields.start_line => chunk.start_line as u64,
            fields.end_line => chunk.end_line as u64,
            fields.text => body,
        );
        if let Some(symbol) = &chunk.symbol {
            document.add_text(fields.symbol, symbol);
        }
        if let Some(kind) = chunk.kind {
            document.add_text(fields.kind, kind.name());
        }
        let _ = writer.add_document(document);
    }
    for symbol in &symbols {
        let mut document = doc!(
            fields.doc_type => DOC_SYMBOL,
            fields.path => file.rel_path.as_str(),
            fields.lang => lang,
            fields.symbol => symbol.name.as_str(),
            fields.name_exact => symbol.name.as_str(),
            fields.name_lower => symbol.name.to_lowercase(),
            fields.kind => symbol.kind.name(),
            fields.start_line => symbol.start_line as u64,
            fields.end_line => symbol.end_line as u64,
            fields.signature => symbol.signature.as_str(),
        );
        if let Some(container) = &symbol.container {
            document.add_text(fields.container, container);
        }
        if let Some(doc) = &symbol.doc {
            document.add_text(fields.doc, doc);
        }
        let _ = writer.add_document(document);
    }
    Outcome::Indexed {
        entry: FileEntry {
            size,
            mtime_ns,
            hash,
            lang: lang.to_string(),
            chunks: chunks.len(),
            symbols: symbols.len(),
        },
        lossy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// Indexes one listed file into a fresh index and returns what happened to it.
    fn outcome_for(file: &WorkspaceFile) -> Result<Outcome, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let index = Index::create_in_ram(schema::build_schema().0);
        schema::register_tokenizers(index.tokenizers());
        let writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(1, 15_000_000)?;
        let (_, fields) = schema::build_schema();
        let settings = IndexSettings::new(dir.path(), &Config::default(), None);
        Ok(index_one(
            file, None, None, &writer, &fields, &settings, None,
        ))
    }

    fn listed(path: PathBuf) -> WorkspaceFile {
        WorkspaceFile {
            rel_path: "gone.py".into(),
            abs_path: path,
            size: 10,
            mtime_ns: 1,
        }
    }

    #[test]
    fn file_deleted_between_listing_and_reading_is_counted_as_vanished()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let outcome = outcome_for(&listed(dir.path().join("deleted-after-listing.py")))?;
        assert!(matches!(outcome, Outcome::Skipped(SkipReason::Vanished)));
        Ok(())
    }

    #[test]
    fn file_that_cannot_be_read_is_counted_as_unreadable() -> Result<(), Box<dyn std::error::Error>>
    {
        // Reading a directory fails with EISDIR even for root, who can read any file.
        let dir = tempfile::tempdir()?;
        let outcome = outcome_for(&listed(dir.path().to_path_buf()))?;
        assert!(matches!(outcome, Outcome::Skipped(SkipReason::Unreadable)));
        Ok(())
    }
}
