//! Embeddings stored beside the tantivy index (`<index dir>/vectors/vectors.bin`), built when the
//! workspace is indexed and only read by queries.
//!
//! Writers and readers:
//! - [`build_vectors`] is the only writer. It runs after an index update (`rlm index`, the LSP's
//!   re-index, MCP `reindex`) and holds the index's writer lock while it reads the index and
//!   writes the store, so two writers never interleave and the store always describes one commit.
//! - A query ([`VectorIndex::load`]) only reads. The store is one file replaced by a rename, so a
//!   reader sees the old file or the new one, never half of each (two files renamed one after the
//!   other could be read as a new data file with an old description). Files whose content changed
//!   since their vectors were built are left out of the search and named in a note; a store that
//!   is missing or was built by another model is reported, never rebuilt at query time.
//!
//! Layout of `vectors.bin`: the magic `RLMVEC02`, the byte length of a JSON description (u64
//! little-endian), the description (model, dims, per file its content hash from the index
//! manifest, its chunks and their embedded units), then the L2-normalised embeddings as
//! little-endian f32 rows, one per unit.
//!
//! Incremental: every unit carries a 64-bit hash of the text it embedded; an update re-embeds only
//! units whose text is new, whichever file or line they are at now, and copies the other rows.
//! Units are embedded in batches (so windows of similar length share a run) on the session's
//! intra-op threads (`[models] threads`, default every core).

use super::units::{UnitSpan, split_units};
use crate::index::{DOC_CHUNK, Manifest, WorkspaceIndex};
use crate::models::Embedder;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use tantivy::TantivyDocument;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};

use super::RetrievalError;

const STORE: &str = "vectors.bin";
const MAGIC: &[u8; 8] = b"RLMVEC02";
/// Files of the first layout (a data file and a meta file renamed one after the other).
const OLD_FILES: [&str; 2] = ["vectors.f32", "meta.json"];
/// Units embedded per call of the embedder: large enough that windows of similar length batch
/// together, small enough that memory stays a few megabytes.
const EMBED_BATCH: usize = 256;

/// A chunk of the index, as the vector store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChunkRef {
    pub path: String,
    pub start_line: u64,
    pub end_line: u64,
}

/// One embedded row: a span of lines of a chunk (the whole chunk or a window of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct UnitRow {
    /// Index of the chunk in its file's `chunks`.
    chunk: usize,
    start_line: u64,
    end_line: u64,
    /// FNV-1a of the embedded text: a row is reused wherever the same text is embedded again.
    key: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct FileVectors {
    /// The file's content hash in the index manifest when its vectors were built.
    hash: String,
    chunks: Vec<ChunkRef>,
    units: Vec<UnitRow>,
    /// Row of the first unit.
    first_row: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Meta {
    model: String,
    dims: usize,
    rows: usize,
    files: BTreeMap<String, FileVectors>,
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VectorReport {
    /// Files whose units were all reused.
    pub files_reused: usize,
    /// Files with at least one unit embedded.
    pub files_embedded: usize,
    /// Units (whole chunks and windows of them) embedded by this update.
    pub units_embedded: usize,
    /// Units in the store after the update.
    pub units_total: usize,
    /// Chunks in the store after the update.
    pub chunks_total: usize,
    /// Whether the store was written (false when everything was up to date).
    pub written: bool,
}

impl VectorReport {
    /// One line for the user.
    pub fn summary_line(&self, seconds: f64) -> String {
        format!(
            "embeddings: {} of {} units embedded ({} chunks; {} files changed, {} unchanged) in {seconds:.2}s",
            self.units_embedded,
            self.units_total,
            self.chunks_total,
            self.files_embedded,
            self.files_reused
        )
    }
}

/// How far the store is behind the index, as a query found it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Freshness {
    /// Indexed files whose content changed since their vectors were built (left out of search).
    pub stale: Vec<String>,
    /// Indexed files with no vectors at all.
    pub missing: Vec<String>,
}

impl Freshness {
    pub fn is_fresh(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty()
    }

    /// One line for the user, or `None` when the store is current.
    pub fn note(&self) -> Option<String> {
        if self.is_fresh() {
            return None;
        }
        let behind = self.stale.len() + self.missing.len();
        let example = self.stale.first().or(self.missing.first());
        Some(format!(
            "the embeddings are behind the index for {behind} file{} (e.g. {}): they are searched by words only until `rlm index` (or the editor's or MCP re-index) embeds them",
            if behind == 1 { "" } else { "s" },
            example.map_or("-", String::as_str)
        ))
    }
}

/// A vector search hit: the chunk, its best unit's lines and that unit's cosine similarity.
#[derive(Debug, Clone, PartialEq)]
pub struct VectorHit {
    pub chunk: ChunkRef,
    /// The lines of the unit that matched best (the chunk itself or a window of it).
    pub best: (u64, u64),
    pub score: f32,
}

/// The embeddings of the index, loaded for search.
#[derive(Debug, Clone)]
pub struct VectorIndex {
    dims: usize,
    chunks: Vec<ChunkRef>,
    /// Per row: the chunk (index into `chunks`) and the unit's lines.
    rows: Vec<(usize, u64, u64)>,
    data: Vec<f32>,
}

pub fn vectors_dir(index_dir: &Path) -> PathBuf {
    index_dir.join("vectors")
}

/// Every chunk of the index with its text, grouped by file, in line order.
pub fn index_chunks(
    index: &WorkspaceIndex,
) -> Result<BTreeMap<String, Vec<(ChunkRef, String)>>, RetrievalError> {
    let fields = index.fields();
    let searcher = index.searcher();
    let query = TermQuery::new(
        Term::from_field_text(fields.doc_type, DOC_CHUNK),
        IndexRecordOption::Basic,
    );
    let addresses = searcher.search(&query, &DocSetCollector)?;
    let mut out: BTreeMap<String, Vec<(ChunkRef, String)>> = BTreeMap::new();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let num = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let chunk = ChunkRef {
            path: text_of(fields.path),
            start_line: num(fields.start_line),
            end_line: num(fields.end_line),
        };
        out.entry(chunk.path.clone())
            .or_default()
            .push((chunk, text_of(fields.text)));
    }
    for chunks in out.values_mut() {
        chunks.sort_by_key(|(c, _)| (c.start_line, c.end_line));
    }
    Ok(out)
}

/// FNV-1a, 64 bits: stable across builds (the keys are stored on disk).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn io(context: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> RetrievalError + use<> {
    let path = path.to_path_buf();
    move |source| RetrievalError::Io {
        context,
        path,
        source,
    }
}

/// Why a store could not be read.
enum Unreadable {
    Missing,
    Corrupt(String),
}

fn read_store(dir: &Path) -> Result<(Meta, Vec<f32>), Unreadable> {
    let bytes = match std::fs::read(dir.join(STORE)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unreadable::Missing),
        Err(e) => return Err(Unreadable::Corrupt(e.to_string())),
    };
    let corrupt = |why: &str| Unreadable::Corrupt(why.to_string());
    if bytes.len() < 16 || &bytes[..8] != MAGIC {
        return Err(corrupt("not a vector store of this rlm"));
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&bytes[8..16]);
    let meta_len = usize::try_from(u64::from_le_bytes(len)).map_err(|_| corrupt("bad header"))?;
    let meta_end = 16usize
        .checked_add(meta_len)
        .filter(|end| *end <= bytes.len())
        .ok_or_else(|| corrupt("truncated description"))?;
    let meta: Meta = serde_json::from_slice(&bytes[16..meta_end])
        .map_err(|e| Unreadable::Corrupt(format!("description: {e}")))?;
    let data = &bytes[meta_end..];
    if data.len() != meta.rows * meta.dims * 4 {
        return Err(corrupt("the rows do not match the description"));
    }
    Ok((
        meta,
        data.chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect(),
    ))
}

/// Writes the store through a temporary file with a name no other writer uses, then renames it
/// into place (atomic on one file system).
fn write_store(dir: &Path, meta: &Meta, data: &[f32]) -> Result<(), RetrievalError> {
    let json = serde_json::to_vec(meta).map_err(|e| RetrievalError::Io {
        context: "encoding the vector store",
        path: dir.join(STORE),
        source: std::io::Error::other(e),
    })?;
    let mut bytes = Vec::with_capacity(16 + json.len() + data.len() * 4);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(json.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&json);
    for v in data {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    let tmp = dir.join(unique_temp_name());
    let written = (|| {
        use std::io::Write;
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&bytes)?;
        file.sync_all()
    })();
    if let Err(source) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(RetrievalError::Io {
            context: "writing the vector store",
            path: tmp,
            source,
        });
    }
    let target = dir.join(STORE);
    if let Err(source) = std::fs::rename(&tmp, &target) {
        let _ = std::fs::remove_file(&tmp);
        return Err(RetrievalError::Io {
            context: "renaming the vector store into place",
            path: target,
            source,
        });
    }
    for old in OLD_FILES {
        let _ = std::fs::remove_file(dir.join(old));
    }
    Ok(())
}

/// `.vectors.<pid>.<nanos>.<n>.tmp`: unique per process, time and call.
fn unique_temp_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        ".vectors.{}.{nanos}.{}.tmp",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    )
}

/// Removes temporaries a crashed writer left (the caller holds the lock, so none is in use).
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".vectors.") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The text embedded for a unit: its path, then its lines (the path carries meaning too).
fn embed_text(path: &str, text: &str) -> String {
    format!("{path}\n{text}")
}

/// What the embedder is asked for: the model's name and dimensions, known before it is loaded,
/// and a way to load it (only when something needs embedding).
pub struct EmbedderSource<'a> {
    pub name: &'a str,
    pub dims: usize,
    pub load: &'a dyn Fn() -> Result<&'a Embedder, RetrievalError>,
}

/// Brings the vector store of `index` up to date with its manifest. The caller holds the index's
/// writer lock (`_lock`): this is the only function that writes the store.
pub fn update_vectors(
    index: &WorkspaceIndex,
    embedder: &EmbedderSource<'_>,
    window_lines: usize,
    _lock: &crate::index::WriterLock,
) -> Result<VectorReport, RetrievalError> {
    let dir = vectors_dir(index.dir());
    std::fs::create_dir_all(&dir).map_err(io("creating the vectors folder", &dir))?;
    remove_leftovers(&dir);
    let manifest = index.manifest()?;
    let old = read_store(&dir)
        .ok()
        .filter(|(m, _)| m.model == embedder.name && m.dims == embedder.dims);
    let dims = embedder.dims;
    // Rows of the old store by the text they embedded.
    let mut reusable: HashMap<u64, usize> = HashMap::new();
    if let Some((meta, _)) = &old {
        for file in meta.files.values() {
            for (i, unit) in file.units.iter().enumerate() {
                reusable.entry(unit.key).or_insert(file.first_row + i);
            }
        }
    }
    let chunks = index_chunks(index)?;
    let mut meta = Meta {
        model: embedder.name.to_string(),
        dims,
        rows: 0,
        files: BTreeMap::new(),
    };
    // Per row: where its vector comes from.
    enum Source {
        Old(usize),
        New(usize),
    }
    let mut sources: Vec<Source> = Vec::new();
    let mut to_embed: Vec<String> = Vec::new();
    let mut report = VectorReport::default();
    for (path, entry) in &manifest.files {
        let file_chunks = chunks.get(path).map(Vec::as_slice).unwrap_or(&[]);
        let mut file = FileVectors {
            hash: entry.hash.clone(),
            chunks: file_chunks.iter().map(|(c, _)| c.clone()).collect(),
            units: Vec::new(),
            first_row: meta.rows,
        };
        let mut embedded_here = false;
        for (c, (chunk, text)) in file_chunks.iter().enumerate() {
            for UnitSpan {
                start_line,
                end_line,
                text,
            } in split_units(text, chunk.start_line as usize, window_lines)
            {
                let embedded = embed_text(path, &text);
                let key = fnv1a(&embedded);
                match reusable.get(&key) {
                    Some(&row) => sources.push(Source::Old(row)),
                    None => {
                        sources.push(Source::New(to_embed.len()));
                        to_embed.push(embedded);
                        embedded_here = true;
                    }
                }
                file.units.push(UnitRow {
                    chunk: c,
                    start_line: start_line as u64,
                    end_line: end_line as u64,
                    key,
                });
            }
        }
        meta.rows += file.units.len();
        report.chunks_total += file.chunks.len();
        if embedded_here {
            report.files_embedded += 1;
        } else {
            report.files_reused += 1;
        }
        meta.files.insert(path.clone(), file);
    }
    report.units_total = meta.rows;
    report.units_embedded = to_embed.len();
    let unchanged = old.as_ref().is_some_and(|(m, _)| {
        to_embed.is_empty()
            && m.rows == meta.rows
            && m.files.len() == meta.files.len()
            && m.files.iter().zip(&meta.files).all(|((pa, a), (pb, b))| {
                pa == pb && a.hash == b.hash && a.chunks == b.chunks && a.units == b.units
            })
    });
    if unchanged {
        return Ok(report);
    }
    let mut fresh: Vec<f32> = Vec::with_capacity(to_embed.len() * dims);
    if !to_embed.is_empty() {
        let model = (embedder.load)()?;
        for batch in to_embed.chunks(EMBED_BATCH) {
            let texts: Vec<&str> = batch.iter().map(String::as_str).collect();
            for vector in model.embed_batch(&texts)? {
                fresh.extend_from_slice(&vector);
            }
        }
    }
    let mut data: Vec<f32> = Vec::with_capacity(meta.rows * dims);
    let old_data = old.as_ref().map(|(_, d)| d.as_slice()).unwrap_or(&[]);
    for source in &sources {
        let (from, row) = match source {
            Source::Old(row) => (old_data, *row),
            Source::New(row) => (fresh.as_slice(), *row),
        };
        data.extend_from_slice(&from[row * dims..(row + 1) * dims]);
    }
    write_store(&dir, &meta, &data)?;
    report.written = true;
    Ok(report)
}

impl VectorIndex {
    /// Loads the store of the index in `index_dir` for search by `model`, leaving out the files
    /// whose content in `manifest` differs from what was embedded. Only reads.
    pub fn load(
        index_dir: &Path,
        manifest: &Manifest,
        model: &str,
    ) -> Result<(VectorIndex, Freshness), RetrievalError> {
        let dir = vectors_dir(index_dir);
        let (meta, data) = match read_store(&dir) {
            Ok(store) => store,
            Err(Unreadable::Missing) => return Err(RetrievalError::VectorsMissing { dir }),
            Err(Unreadable::Corrupt(why)) => {
                return Err(RetrievalError::VectorsUnusable {
                    dir,
                    why: format!("unreadable ({why})"),
                });
            }
        };
        if meta.model != model {
            return Err(RetrievalError::VectorsUnusable {
                dir,
                why: format!(
                    "built with {}, and the configured model is {model}",
                    meta.model
                ),
            });
        }
        let dims = meta.dims;
        let mut index = VectorIndex {
            dims,
            chunks: Vec::new(),
            rows: Vec::new(),
            data: Vec::new(),
        };
        let mut freshness = Freshness::default();
        for (path, entry) in &manifest.files {
            let Some(file) = meta.files.get(path) else {
                freshness.missing.push(path.clone());
                continue;
            };
            if file.hash != entry.hash {
                freshness.stale.push(path.clone());
                continue;
            }
            let base = index.chunks.len();
            index.chunks.extend(file.chunks.iter().cloned());
            for (i, unit) in file.units.iter().enumerate() {
                let row = file.first_row + i;
                index
                    .rows
                    .push((base + unit.chunk, unit.start_line, unit.end_line));
                index
                    .data
                    .extend_from_slice(&data[row * dims..(row + 1) * dims]);
            }
        }
        Ok((index, freshness))
    }

    /// The window of `chunk` closest to `query`: its lines and similarity; the whole chunk only
    /// when the store holds no window of it (`None` for a chunk the store does not hold). The
    /// whole chunk is passed over even when it scores higher: reading it from its head is what a
    /// window is there to avoid.
    pub fn best_unit(&self, chunk: &ChunkRef, query: &[f32]) -> Option<((u64, u64), f32)> {
        let dims = self.dims.max(1);
        let mut best: Option<((u64, u64), f32)> = None;
        let mut whole: Option<((u64, u64), f32)> = None;
        for (row, &(c, start, end)) in self.rows.iter().enumerate() {
            if self.chunks[c] != *chunk {
                continue;
            }
            let vector = &self.data[row * dims..(row + 1) * dims];
            let score = vector.iter().zip(query).map(|(a, b)| a * b).sum::<f32>();
            let slot = if (start, end) == (chunk.start_line, chunk.end_line) {
                &mut whole
            } else {
                &mut best
            };
            if slot.is_none_or(|(_, s)| score > s) {
                *slot = Some(((start, end), score));
            }
        }
        best.or(whole)
    }

    /// Chunks in the index.
    pub fn len(&self) -> usize {
        self.chunks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// The `k` chunks most similar to `query` (an L2-normalised vector), best first: a chunk
    /// scores as its best unit, so a window that matches is not diluted by the rest of the chunk.
    /// `keep` filters chunks (e.g. by a path glob) before the `k` are taken.
    pub fn search(
        &self,
        query: &[f32],
        k: usize,
        keep: &dyn Fn(&ChunkRef) -> bool,
    ) -> Vec<VectorHit> {
        let mut best: Vec<Option<(f32, usize)>> = vec![None; self.chunks.len()];
        for (row, vector) in self.data.chunks_exact(self.dims.max(1)).enumerate() {
            let score = vector.iter().zip(query).map(|(a, b)| a * b).sum::<f32>();
            let chunk = self.rows[row].0;
            if best[chunk].is_none_or(|(s, _)| score > s) {
                best[chunk] = Some((score, row));
            }
        }
        let mut scored: Vec<(usize, f32, usize)> = best
            .into_iter()
            .enumerate()
            .filter_map(|(c, b)| b.map(|(s, row)| (c, s, row)))
            .filter(|(c, _, _)| keep(&self.chunks[*c]))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
            .into_iter()
            .take(k)
            .map(|(c, score, row)| VectorHit {
                chunk: self.chunks[c].clone(),
                best: (self.rows[row].1, self.rows[row].2),
                score,
            })
            .collect()
    }

    /// An index over given rows, one unit per chunk (benchmarks and tests).
    pub fn from_rows(dims: usize, chunks: Vec<ChunkRef>, data: Vec<f32>) -> VectorIndex {
        let rows = chunks
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.start_line, c.end_line))
            .collect();
        VectorIndex {
            dims,
            chunks,
            rows,
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn chunk(path: &str) -> ChunkRef {
        ChunkRef {
            path: path.into(),
            start_line: 1,
            end_line: 2,
        }
    }

    #[test]
    fn exact_search_orders_by_dot_product() {
        let index = VectorIndex::from_rows(
            2,
            vec![chunk("a"), chunk("b"), chunk("c")],
            vec![1.0, 0.0, 0.6, 0.8, 0.0, 1.0],
        );
        let got: Vec<(String, f32)> = index
            .search(&[0.0, 1.0], 2, &|_| true)
            .into_iter()
            .map(|h| (h.chunk.path, h.score))
            .collect();
        assert_eq!(got, vec![("c".to_string(), 1.0), ("b".to_string(), 0.8)]);
    }

    #[test]
    fn a_chunk_scores_as_its_best_unit_and_names_its_lines() {
        let chunks = vec![
            ChunkRef {
                path: "a.py".into(),
                start_line: 1,
                end_line: 40,
            },
            chunk("b.py"),
        ];
        let index = VectorIndex {
            dims: 2,
            chunks,
            // Chunk a: the whole chunk (weak) and its window 17-24 (strong); chunk b: one unit.
            rows: vec![(0, 1, 40), (0, 17, 24), (1, 1, 2)],
            data: vec![0.6, 0.8, 0.0, 1.0, 0.8, 0.6],
        };
        let hits = index.search(&[0.0, 1.0], 5, &|_| true);
        assert_eq!(
            hits,
            vec![
                VectorHit {
                    chunk: index.chunks[0].clone(),
                    best: (17, 24),
                    score: 1.0
                },
                VectorHit {
                    chunk: index.chunks[1].clone(),
                    best: (1, 2),
                    score: 0.6
                },
            ]
        );
        let only_b = index.search(&[0.0, 1.0], 5, &|c| c.path == "b.py");
        assert_eq!(only_b.len(), 1);
    }

    #[test]
    fn best_unit_is_the_best_window_even_when_the_whole_chunk_scores_higher() {
        let a = ChunkRef {
            path: "a.py".into(),
            start_line: 1,
            end_line: 40,
        };
        let index = VectorIndex {
            dims: 2,
            chunks: vec![a.clone(), chunk("b.py")],
            // Chunk a: the whole chunk (strong), windows 1-8 (weak) and 17-24 (middling).
            rows: vec![(0, 1, 40), (0, 1, 8), (0, 17, 24), (1, 1, 2)],
            data: vec![0.0, 1.0, 1.0, 0.0, 0.6, 0.8, 0.8, 0.6],
        };
        assert_eq!(index.best_unit(&a, &[0.0, 1.0]), Some(((17, 24), 0.8)));
        // A chunk held whole only is its own best unit.
        assert_eq!(
            index.best_unit(&chunk("b.py"), &[0.0, 1.0]),
            Some(((1, 2), 0.6))
        );
        assert_eq!(index.best_unit(&chunk("c.py"), &[0.0, 1.0]), None);
    }

    fn meta_with(files: &[(&str, &str)]) -> Meta {
        let mut meta = Meta {
            model: "m".into(),
            dims: 1,
            ..Meta::default()
        };
        for (path, hash) in files {
            meta.files.insert(
                path.to_string(),
                FileVectors {
                    hash: hash.to_string(),
                    chunks: vec![chunk(path)],
                    units: vec![UnitRow {
                        chunk: 0,
                        start_line: 1,
                        end_line: 2,
                        key: 7,
                    }],
                    first_row: meta.rows,
                },
            );
            meta.rows += 1;
        }
        meta
    }

    fn manifest_with(files: &[(&str, &str)]) -> Manifest {
        let mut manifest = Manifest::default();
        for (path, hash) in files {
            manifest.files.insert(
                path.to_string(),
                crate::index::FileEntry {
                    size: 1,
                    mtime_ns: 0,
                    hash: hash.to_string(),
                    lang: "python".into(),
                    chunks: 1,
                    symbols: 0,
                },
            );
        }
        manifest
    }

    #[test]
    fn load_leaves_out_changed_and_unembedded_files_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let vectors = vectors_dir(dir.path());
        std::fs::create_dir_all(&vectors).unwrap();
        let meta = meta_with(&[("a.py", "h1"), ("b.py", "h2")]);
        write_store(&vectors, &meta, &[1.0, 0.5]).unwrap();
        let manifest = manifest_with(&[("a.py", "h1"), ("b.py", "CHANGED"), ("c.py", "h3")]);
        let (index, freshness) = VectorIndex::load(dir.path(), &manifest, "m").unwrap();
        assert_eq!(index.chunks, vec![chunk("a.py")]);
        assert_eq!(index.data, vec![1.0]);
        assert_eq!(
            freshness,
            Freshness {
                stale: vec!["b.py".into()],
                missing: vec!["c.py".into()],
            }
        );
        assert_eq!(
            freshness.note().unwrap(),
            "the embeddings are behind the index for 2 files (e.g. b.py): they are searched by words only until `rlm index` (or the editor's or MCP re-index) embeds them"
        );
        let other = VectorIndex::load(dir.path(), &manifest, "other-model").unwrap_err();
        assert_eq!(
            other.to_string(),
            format!(
                "the embeddings in {} are unusable (built with m, and the configured model is other-model): run `rlm index` to rebuild them",
                vectors.display()
            )
        );
    }

    #[test]
    fn a_truncated_store_is_reported_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let vectors = vectors_dir(dir.path());
        std::fs::create_dir_all(&vectors).unwrap();
        write_store(&vectors, &meta_with(&[("a.py", "h1")]), &[1.0]).unwrap();
        let store = vectors.join(STORE);
        let bytes = std::fs::read(&store).unwrap();
        std::fs::write(&store, &bytes[..bytes.len() - 2]).unwrap();
        let err = VectorIndex::load(dir.path(), &manifest_with(&[("a.py", "h1")]), "m")
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with(
                "are unusable (unreadable (the rows do not match the description)): run `rlm index` to rebuild them"
            ),
            "{err}"
        );
    }

    #[test]
    fn writes_go_through_unique_temporaries_that_do_not_stay() {
        let a = unique_temp_name();
        let b = unique_temp_name();
        assert_ne!(a, b);
        assert!(a.starts_with(&format!(".vectors.{}.", std::process::id())));
        let dir = tempfile::tempdir().unwrap();
        write_store(dir.path(), &meta_with(&[("a.py", "h")]), &[2.0]).unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![STORE.to_string()]);
    }

    #[test]
    fn unit_keys_are_stable_fnv1a() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
