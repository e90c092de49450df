//! Opening a store (pragmas, migrations, key resolution and the key check) and the row-level
//! primitives every operation shares: sealing a payload into a row with its postings, reading a
//! row back into a [`MemoryItem`], and the write transaction.

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::config::MemoryConfig;
use super::crypto::{self, KeyMaterial, Keys, create_key_file, read_key_file, record_aad};
use super::embed::{self, TextEmbedder};
use super::error::{MemoryError, Result};
use super::schema::{self, MigrateError};
use super::summary::{ExtractiveSummarizer, Summarizer};
use super::text;
use super::types::*;

/// Where the key comes from when opening a store.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// Given directly (from `RLM_MEMORY_KEY`, or by a test).
    Material(KeyMaterial),
    /// A key file, created with a fresh random key when neither it nor the store exists.
    File(PathBuf),
    /// No encryption: only for the benchmark's baseline (built with `test-support`, never in
    /// the released binary). A store made this way refuses keys, and a keyed store refuses
    /// this.
    #[cfg(any(test, feature = "test-support"))]
    PlaintextForBenchmarks,
}

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub path: PathBuf,
    pub key: KeySource,
    pub config: MemoryConfig,
    /// The agent that creates a new store; it is cleared for `secret`.
    pub owner: String,
}

impl StoreOptions {
    /// The store of the workspace at `root`: `[memory] path` (default `.rlm/memory.db`), keyed by
    /// `RLM_MEMORY_KEY` when it is set and not blank, else by `[memory] key_file` (default
    /// `.rlm/memory.key`), owned by `[memory] agent`. Every face opens a workspace's store through
    /// this, so the CLI and the MCP server always agree on the file and the key.
    pub fn for_workspace(root: &Path, config: &MemoryConfig) -> Result<StoreOptions> {
        let rlm_dir = root.join(".rlm");
        let path = match &config.path {
            Some(p) => root.join(p),
            None => rlm_dir.join("memory.db"),
        };
        let key = match std::env::var("RLM_MEMORY_KEY") {
            Ok(text) if !text.trim().is_empty() => {
                KeySource::Material(KeyMaterial::parse(&text).map_err(|e| match e {
                    MemoryError::BadKey(message) => {
                        MemoryError::BadKey(format!("RLM_MEMORY_KEY: {message}"))
                    }
                    other => other,
                })?)
            }
            _ => KeySource::File(match &config.key_file {
                Some(p) => root.join(p),
                None => rlm_dir.join("memory.key"),
            }),
        };
        Ok(StoreOptions {
            path,
            key,
            config: config.clone(),
            owner: config.agent.clone(),
        })
    }

    /// The key file in use; `None` when the key is given directly.
    pub fn key_file(&self) -> Option<&Path> {
        match &self.key {
            KeySource::File(path) => Some(path),
            KeySource::Material(_) => None,
            #[cfg(any(test, feature = "test-support"))]
            KeySource::PlaintextForBenchmarks => None,
        }
    }
}

/// Counts per level and zone, for `rlm memory show` without an id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoreStats {
    pub schema_version: i64,
    pub encrypted: bool,
    /// (level, zone, count).
    pub items: Vec<(Level, Zone, i64)>,
    pub unconsolidated_episodes: i64,
    pub open_conflicts: i64,
    pub evicted: i64,
}

/// The encrypted part of a row.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Payload {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trace_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<Fact>,
}

/// The clear-text columns of a new row.
#[derive(Debug, Clone)]
pub(crate) struct NewRow {
    pub id: String,
    pub level: Level,
    pub zone: Zone,
    pub kind: Kind,
    pub agent: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub salience: f64,
    pub fact_key: Option<i64>,
    pub fact_state: Option<FactState>,
    pub access_count: i64,
    pub last_access: i64,
}

/// A decrypted row with its internal rowid.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub rowid: i64,
    pub item: MemoryItem,
}

/// The shared item query: columns in the order [`MemoryStore::decode`] reads them.
pub(crate) const ITEM_SELECT: &str = "SELECT i.rowid, i.id, i.level, i.zone, i.kind, i.agent, \
    i.created_at, i.updated_at, i.last_access, i.access_count, i.salience, p.id, i.fact_state, \
    s.id, i.nonce, i.ciphertext FROM items i LEFT JOIN items p ON p.rowid = i.parent \
    LEFT JOIN items s ON s.rowid = i.superseded_by";

/// The agent recorded on derived items.
pub(crate) const CONSOLIDATOR: &str = "consolidator";

/// The cached, decrypted embeddings of one model, for semantic search in a long-lived process.
pub(crate) struct VectorCache {
    pub model: String,
    pub data_version: i64,
    pub entries: Vec<(i64, Zone, Vec<f32>)>,
}

/// An open memory store. Not `Sync` (it owns one SQLite connection): a server shares it behind a
/// mutex, or opens one per thread; several processes may open the same file.
pub struct MemoryStore {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) keys: Keys,
    pub(crate) config: MemoryConfig,
    pub(crate) embedder: Option<Arc<dyn TextEmbedder>>,
    pub(crate) summarizer: Arc<dyn Summarizer>,
    /// Judges new episodes against similar stored ones (a model); `None`: the key/value rule only.
    pub(crate) judge: Option<Arc<dyn super::model::ContradictionJudge>>,
    /// The model behind both, when installed with `with_model`: its budget restarts per operation.
    pub(crate) model: Option<Arc<super::model::MemoryModel>>,
    pub(crate) vectors: RefCell<Option<VectorCache>>,
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("path", &self.path)
            .field("encrypted", &self.keys.is_encrypted())
            .field("embedder", &self.embedder.as_ref().map(|e| e.model_id()))
            .finish()
    }
}

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Agent ids are short names: letters, digits and `-_.@:`.
pub(crate) fn validate_agent(agent: &str) -> Result<()> {
    if agent.is_empty()
        || agent.len() > 64
        || !agent
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@:".contains(c))
    {
        return Err(MemoryError::Invalid(format!(
            "agent id {agent:?}: use 1-64 letters, digits or -_.@:"
        )));
    }
    if agent == CONSOLIDATOR {
        return Err(MemoryError::Invalid(format!(
            "agent id {CONSOLIDATOR:?} is reserved for derived memories"
        )));
    }
    Ok(())
}

impl MemoryStore {
    /// Opens (creating if needed) the store at `options.path`.
    pub fn open(options: StoreOptions) -> Result<MemoryStore> {
        validate_agent(&options.owner)?;
        let path = options.path.clone();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| MemoryError::Io {
                path: dir.to_path_buf(),
                message: format!("cannot create the store folder: {e}"),
            })?;
        }
        let sq = MemoryError::sqlite(&path);
        let new_file = !path.exists();
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(&sq)?;
        #[cfg(unix)]
        if new_file {
            use std::os::unix::fs::PermissionsExt;
            // Only ciphertext and keyed hashes are inside, but ids, zones and times are metadata.
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
        }
        conn.busy_timeout(Duration::from_secs(30)).map_err(&sq)?;
        // Switching a new store to WAL takes an exclusive lock, and SQLite answers `busy` at once
        // (the busy timeout does not cover it) while another process is creating the same store.
        let started = std::time::Instant::now();
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < Duration::from_secs(30) =>
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => break other.map_err(&sq)?,
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(&sq)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(&sq)?;
        let mut store = MemoryStore {
            conn,
            path: path.clone(),
            keys: Keys::plaintext(),
            config: options.config.clone(),
            embedder: None,
            summarizer: Arc::new(ExtractiveSummarizer::default()),
            judge: None,
            model: None,
            vectors: RefCell::new(None),
        };
        let ready =
            store.schema_version()? == schema::SCHEMA_VERSION && store.meta("salt")?.is_some();
        if ready {
            store.keys = store.unlock(&options.key)?;
        } else {
            store.keys = store.write(|conn| {
                match schema::migrate(conn) {
                    Ok(_) => {}
                    Err(MigrateError::TooNew(found)) => {
                        return Err(MemoryError::SchemaTooNew {
                            path: path.clone(),
                            found,
                            supported: schema::SCHEMA_VERSION,
                        });
                    }
                    Err(MigrateError::Sqlite(e)) => return Err(sq(e)),
                }
                if meta_in(conn, "salt").map_err(&sq)?.is_some() {
                    return Ok(None); // another process initialised it meanwhile
                }
                let salt = crypto::random_bytes::<16>()?;
                let (keys, protection) = match &options.key {
                    #[cfg(any(test, feature = "test-support"))]
                    KeySource::PlaintextForBenchmarks => (Keys::plaintext(), "plaintext"),
                    KeySource::Material(material) => (Keys::derive(material, &salt)?, "aes-256-gcm"),
                    KeySource::File(key_file) => {
                        if !key_file.exists() {
                            create_key_file(key_file, &KeyMaterial::generate()?)?;
                        }
                        (
                            Keys::derive(&read_key_file(key_file)?, &salt)?,
                            "aes-256-gcm",
                        )
                    }
                };
                let check = if keys.is_encrypted() {
                    keys.key_check()?
                } else {
                    b"rlm-memory key check v1".to_vec()
                };
                set_meta(conn, "salt", &salt).map_err(&sq)?;
                set_meta(conn, "key_check", &check).map_err(&sq)?;
                set_meta(conn, "protection", protection.as_bytes()).map_err(&sq)?;
                conn.execute(
                    "INSERT OR REPLACE INTO grants(agent, clearance, granted_by, at) VALUES (?1, ?2, ?1, ?3)",
                    params![options.owner, Zone::Secret.code(), now_ms()],
                )
                .map_err(&sq)?;
                Ok(Some(keys))
            })
            .and_then(|keys| match keys {
                Some(keys) => Ok(keys),
                None => store.unlock(&options.key),
            })?;
        }
        Ok(store)
    }

    /// Installs an embedding model: new memories are embedded and search becomes hybrid.
    pub fn with_embedder(mut self, embedder: Arc<dyn TextEmbedder>) -> MemoryStore {
        self.embedder = Some(embedder);
        self.vectors = RefCell::new(None);
        self
    }

    /// Installs a summarisation model for consolidation (default: extractive).
    pub fn with_summarizer(mut self, summarizer: Arc<dyn Summarizer>) -> MemoryStore {
        self.summarizer = summarizer;
        self
    }

    /// Installs a contradiction judge: each new episode the key/value rule did not settle is
    /// compared with similar stored episodes of its zone (see `judge.rs`).
    pub fn with_judge(mut self, judge: Arc<dyn super::model::ContradictionJudge>) -> MemoryStore {
        self.judge = Some(judge);
        self
    }

    /// Lets `model` write the summaries and judge contradictions, with its budget restarted at
    /// the start of every `add` and `consolidate`.
    pub fn with_model(self, model: Arc<super::model::MemoryModel>) -> MemoryStore {
        let mut store = self
            .with_summarizer(Arc::new(super::model::ModelSummarizer::new(Arc::clone(
                &model,
            ))))
            .with_judge(Arc::new(super::model::ModelJudge::new(Arc::clone(&model))));
        store.model = Some(model);
        store
    }

    /// Restarts the installed model's budget (see [`MemoryStore::with_model`]).
    pub(crate) fn new_model_budget(&self) {
        if let Some(model) = &self.model {
            model.reset_budget();
        }
    }

    /// The summariser's name, for reports (`extractive ...` or `model ...`).
    pub fn summarizer_name(&self) -> String {
        self.summarizer.name()
    }

    /// The judge's name, or `None` when only the key/value rule checks contradictions.
    pub fn judge_name(&self) -> Option<String> {
        self.judge.as_ref().map(|j| j.name())
    }

    /// The raw connection, for tests that check SQLite's own integrity.
    #[doc(hidden)]
    #[cfg(any(test, feature = "test-support"))]
    pub fn conn_for_tests(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn config(&self) -> &MemoryConfig {
        &self.config
    }

    pub fn is_encrypted(&self) -> bool {
        self.keys.is_encrypted()
    }

    /// How search ranks with the installed models.
    pub fn retrieval_mode(&self) -> RetrievalMode {
        match &self.embedder {
            Some(e) => RetrievalMode::Hybrid {
                model: e.model_id().to_string(),
            },
            None => RetrievalMode::Bm25Only,
        }
    }

    /// Derives the keys for an initialised store and checks them against the stored key check.
    fn unlock(&self, source: &KeySource) -> Result<Keys> {
        let sq = MemoryError::sqlite(&self.path);
        let salt = self.meta("salt")?.unwrap_or_default();
        let check = self.meta("key_check")?.unwrap_or_default();
        let protection = self
            .meta("protection")?
            .map(|p| String::from_utf8_lossy(&p).into_owned())
            .unwrap_or_default();
        let _ = &sq;
        match (source, protection.as_str()) {
            #[cfg(any(test, feature = "test-support"))]
            (KeySource::PlaintextForBenchmarks, "plaintext") => Ok(Keys::plaintext()),
            #[cfg(any(test, feature = "test-support"))]
            (KeySource::PlaintextForBenchmarks, _) => Err(MemoryError::Invalid(format!(
                "{} is an encrypted store; it cannot be opened without its key",
                self.path.display()
            ))),
            (_, "plaintext") => Err(MemoryError::Invalid(format!(
                "{} is an unencrypted benchmark store; it takes no key",
                self.path.display()
            ))),
            (KeySource::Material(material), _) => {
                let keys = Keys::derive(material, &salt)?;
                if keys.verify_key_check(&check) {
                    Ok(keys)
                } else {
                    Err(MemoryError::WrongKey {
                        path: self.path.clone(),
                    })
                }
            }
            (KeySource::File(key_file), _) => {
                let pending = rotated_key_path(key_file);
                if key_file.exists() {
                    let keys = Keys::derive(&read_key_file(key_file)?, &salt)?;
                    if keys.verify_key_check(&check) {
                        return Ok(keys);
                    }
                }
                // A rotation that committed but died before renaming its new key file.
                if pending.exists() {
                    let keys = Keys::derive(&read_key_file(&pending)?, &salt)?;
                    if keys.verify_key_check(&check) {
                        std::fs::rename(&pending, key_file).map_err(|e| MemoryError::Io {
                            path: key_file.clone(),
                            message: format!("cannot finish a key rotation: {e}"),
                        })?;
                        tracing::warn!(
                            "finished an interrupted key rotation of {}",
                            key_file.display()
                        );
                        return Ok(keys);
                    }
                }
                if key_file.exists() {
                    Err(MemoryError::WrongKey {
                        path: self.path.clone(),
                    })
                } else {
                    Err(MemoryError::MissingKey {
                        path: self.path.clone(),
                        key_file: key_file.clone(),
                    })
                }
            }
        }
    }

    pub(crate) fn sq(&self) -> impl Fn(rusqlite::Error) -> MemoryError + '_ {
        MemoryError::sqlite(&self.path)
    }

    fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(self.sq())
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<Vec<u8>>> {
        meta_in(&self.conn, key).map_err(self.sq())
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction (waiting up to the busy timeout for other
    /// writers), committing on `Ok` and rolling back on `Err`.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(self.sq())?;
        match f(&self.conn) {
            Ok(value) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => {
                    self.vectors.replace(None);
                    Ok(value)
                }
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(self.sq()(e))
                }
            },
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// A fresh id for a level: its prefix and 64 random bits.
    pub(crate) fn new_id(level: Level) -> Result<String> {
        let bytes = crypto::random_bytes::<8>()?;
        Ok(format!("{}-{}", level.id_prefix(), crypto::hex(&bytes)))
    }

    /// Seals `payload`, inserts the row, its postings and (when given) its vector. Returns the
    /// rowid. Call inside [`MemoryStore::write`].
    pub(crate) fn insert_row(
        &self,
        conn: &Connection,
        row: &NewRow,
        payload: &Payload,
        vector: Option<&[f32]>,
    ) -> Result<i64> {
        let sq = self.sq();
        let plain = serde_json::to_vec(payload).map_err(|e| MemoryError::Invalid(e.to_string()))?;
        let (nonce, ct) = self.keys.seal(&record_aad(&row.id, row.zone), &plain)?;
        let (tf, ntokens) = text::term_frequencies(&payload.text);
        conn.execute(
            "INSERT INTO items(id, level, zone, kind, agent, created_at, updated_at, last_access, \
             access_count, salience, ntokens, fact_key, fact_state, nonce, ciphertext) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                row.id,
                row.level.code(),
                row.zone.code(),
                row.kind.name(),
                row.agent,
                row.created_at,
                row.updated_at,
                row.last_access,
                row.access_count,
                row.salience,
                ntokens as i64,
                row.fact_key,
                row.fact_state.map(FactState::code),
                nonce,
                ct
            ],
        )
        .map_err(&sq)?;
        let rowid = conn.last_insert_rowid();
        self.insert_postings(conn, rowid, row.zone, &tf, ntokens)?;
        if let (Some(v), Some(e)) = (vector, &self.embedder) {
            self.store_vector(conn, rowid, &row.id, row.zone, e.model_id(), v)?;
        }
        Ok(rowid)
    }

    pub(crate) fn insert_postings(
        &self,
        conn: &Connection,
        rowid: i64,
        zone: Zone,
        tf: &HashMap<String, u32>,
        ntokens: usize,
    ) -> Result<()> {
        let sq = self.sq();
        let mut by_term: HashMap<i64, u32> = HashMap::with_capacity(tf.len());
        for (word, n) in tf {
            *by_term.entry(self.keys.term(zone, word)).or_insert(0) += n;
        }
        let mut stmt = conn
            .prepare_cached("INSERT INTO postings(term, item, tf, dl) VALUES (?1, ?2, ?3, ?4)")
            .map_err(&sq)?;
        let mut df = conn
            .prepare_cached(
                "INSERT INTO terms(term, df) VALUES (?1, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
            )
            .map_err(&sq)?;
        for (term, n) in by_term {
            stmt.execute(params![term, rowid, n, ntokens as i64])
                .map_err(&sq)?;
            df.execute([term]).map_err(&sq)?;
        }
        conn.execute(
            "INSERT INTO corpus(zone, docs, tokens) VALUES (?1, 1, ?2) \
             ON CONFLICT(zone) DO UPDATE SET docs = docs + 1, tokens = tokens + ?2",
            params![zone.code(), ntokens as i64],
        )
        .map_err(&sq)?;
        Ok(())
    }

    /// Removes a row's postings and its share of the corpus statistics.
    pub(crate) fn delete_postings(&self, conn: &Connection, rowid: i64) -> Result<()> {
        let sq = self.sq();
        let found: Option<(i64, i64)> = conn
            .query_row(
                "SELECT zone, ntokens FROM items WHERE rowid = ?1",
                [rowid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(&sq)?;
        if let Some((zone, ntokens)) = found {
            conn.execute(
                "UPDATE terms SET df = df - 1 WHERE term IN (SELECT term FROM postings WHERE item = ?1)",
                [rowid],
            )
            .map_err(&sq)?;
            conn.execute("DELETE FROM postings WHERE item = ?1", [rowid])
                .map_err(&sq)?;
            conn.execute(
                "UPDATE corpus SET docs = max(docs - 1, 0), tokens = max(tokens - ?2, 0) WHERE zone = ?1",
                params![zone, ntokens],
            )
            .map_err(&sq)?;
        }
        Ok(())
    }

    /// Replaces the content of an existing row (a summary that grew): new nonce, new postings.
    pub(crate) fn rewrite_row(
        &self,
        conn: &Connection,
        rowid: i64,
        id: &str,
        zone: Zone,
        payload: &Payload,
        updated_at: i64,
    ) -> Result<()> {
        let sq = self.sq();
        self.delete_postings(conn, rowid)?;
        let plain = serde_json::to_vec(payload).map_err(|e| MemoryError::Invalid(e.to_string()))?;
        let (nonce, ct) = self.keys.seal(&record_aad(id, zone), &plain)?;
        let (tf, ntokens) = text::term_frequencies(&payload.text);
        conn.execute(
            "UPDATE items SET nonce = ?2, ciphertext = ?3, ntokens = ?4, updated_at = ?5 WHERE rowid = ?1",
            params![rowid, nonce, ct, ntokens as i64, updated_at],
        )
        .map_err(&sq)?;
        self.insert_postings(conn, rowid, zone, &tf, ntokens)?;
        if let Some(e) = &self.embedder {
            let v = self.embed_one(&payload.text)?;
            self.store_vector(conn, rowid, id, zone, e.model_id(), &v)?;
        }
        Ok(())
    }

    pub(crate) fn store_vector(
        &self,
        conn: &Connection,
        rowid: i64,
        id: &str,
        zone: Zone,
        model: &str,
        v: &[f32],
    ) -> Result<()> {
        let (nonce, ct) = self
            .keys
            .seal(&crypto::vector_aad(id, zone, model), &embed::to_bytes(v))?;
        conn.execute(
            "INSERT OR REPLACE INTO vectors(item, model, nonce, ciphertext) VALUES (?1, ?2, ?3, ?4)",
            params![rowid, model, nonce, ct],
        )
        .map_err(self.sq())?;
        Ok(())
    }

    /// Embeds one text with the installed model (unit length).
    pub(crate) fn embed_one(&self, text: &str) -> Result<Vec<f32>> {
        let Some(e) = &self.embedder else {
            return Err(MemoryError::Embedding(
                "no embedding model installed".into(),
            ));
        };
        let mut out = e.embed(&[text]).map_err(MemoryError::Embedding)?;
        let v = out
            .pop()
            .ok_or_else(|| MemoryError::Embedding("the model returned no vector".into()))?;
        if v.len() != e.dimension() {
            return Err(MemoryError::Embedding(format!(
                "the model returned {} dimensions, expected {}",
                v.len(),
                e.dimension()
            )));
        }
        Ok(embed::normalise(v))
    }

    /// Reads one row of [`ITEM_SELECT`] into a decrypted item, or `Tampered`.
    pub(crate) fn decode(&self, r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Row>> {
        let rowid: i64 = r.get(0)?;
        let id: String = r.get(1)?;
        let level: i64 = r.get(2)?;
        let zone: i64 = r.get(3)?;
        let kind: String = r.get(4)?;
        let nonce: Vec<u8> = r.get(14)?;
        let ct: Vec<u8> = r.get(15)?;
        let (Some(level), Some(zone), Ok(kind)) = (
            Level::from_code(level),
            Zone::from_code(zone),
            kind.parse::<Kind>(),
        ) else {
            return Ok(Err(MemoryError::Tampered { id }));
        };
        let Some(plain) = self.keys.open(&record_aad(&id, zone), &nonce, &ct) else {
            return Ok(Err(MemoryError::Tampered { id }));
        };
        let Ok(payload) = serde_json::from_slice::<Payload>(&plain) else {
            return Ok(Err(MemoryError::Tampered { id }));
        };
        let fact_state: Option<i64> = r.get(12)?;
        Ok(Ok(Row {
            rowid,
            item: MemoryItem {
                id,
                level,
                zone,
                kind,
                agent: r.get(5)?,
                text: payload.text,
                sources: payload.sources,
                trace_ids: payload.trace_ids,
                fact: payload.fact,
                fact_state: fact_state.and_then(FactState::from_code),
                superseded_by: r.get(13)?,
                parent: r.get(11)?,
                salience: r.get(10)?,
                access_count: r.get(9)?,
                created_at: r.get(6)?,
                updated_at: r.get(7)?,
                last_access: r.get(8)?,
            },
        }))
    }

    /// Rows matching `where_sql` (over alias `i`), decrypted; damaged rows come back separately.
    pub(crate) fn rows_where(
        &self,
        where_sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<(Vec<Row>, Vec<DamagedRecord>)> {
        let sql = format!("{ITEM_SELECT} WHERE {where_sql}");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.sq())?;
        let mut rows = stmt.query(params).map_err(self.sq())?;
        let mut ok = Vec::new();
        let mut damaged = Vec::new();
        while let Some(r) = rows.next().map_err(self.sq())? {
            match self.decode(r).map_err(self.sq())? {
                Ok(row) => ok.push(row),
                Err(MemoryError::Tampered { id }) => damaged.push(DamagedRecord {
                    reason: MemoryError::Tampered { id: id.clone() }.to_string(),
                    id,
                }),
                Err(e) => return Err(e),
            }
        }
        Ok((ok, damaged))
    }

    /// One row by public id, without access checks.
    pub(crate) fn row_by_id(&self, id: &str) -> Result<Row> {
        let sql = format!("{ITEM_SELECT} WHERE i.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.sq())?;
        let found = stmt
            .query_row([id], |r| self.decode(r))
            .optional()
            .map_err(self.sq())?;
        match found {
            Some(result) => result,
            None => Err(MemoryError::NotFound(id.to_string())),
        }
    }

    /// The zone of a row, without decrypting it.
    pub(crate) fn zone_of(&self, id: &str) -> Result<Option<Zone>> {
        let zone: Option<i64> = self
            .conn
            .query_row("SELECT zone FROM items WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(self.sq())?;
        Ok(zone.and_then(Zone::from_code))
    }

    /// Adds an episode: access check, fact rule, the judge (when one is installed and the rule
    /// did not settle it), then (past the threshold) consolidation.
    pub fn add(&self, agent: &str, episode: NewEpisode) -> Result<AddOutcome> {
        self.new_model_budget();
        let (zone, text) = (episode.zone, episode.text.clone());
        let mut added = self.add_many(agent, vec![episode])?;
        let (id, mut reconsolidation) = added
            .pop()
            .ok_or_else(|| MemoryError::Invalid("nothing was added".into()))?;
        let mut judged = None;
        if reconsolidation.is_none()
            && let Some((report, outcome)) = self.judge_new(agent, &id, zone, &text)?
        {
            reconsolidation = outcome;
            judged = Some(report);
        }
        let consolidation = if self.config.consolidate_every > 0
            && self.unconsolidated_count()? >= self.config.consolidate_every as i64
        {
            Some(self.consolidate(&mut |_| {})?)
        } else {
            None
        };
        Ok(AddOutcome {
            id,
            reconsolidation,
            consolidation,
            judged,
        })
    }

    /// Adds several episodes in one transaction (all or none), applying the fact rule to each in
    /// order. Does not trigger consolidation. Returns each new id with its reconsolidation.
    pub fn add_many(
        &self,
        agent: &str,
        episodes: Vec<NewEpisode>,
    ) -> Result<Vec<(String, Option<Reconsolidation>)>> {
        validate_agent(agent)?;
        let mut prepared = Vec::with_capacity(episodes.len());
        for episode in episodes {
            if episode.text.trim().is_empty() {
                return Err(MemoryError::Invalid("the memory text is empty".into()));
            }
            if let Some(s) = episode.salience
                && !(0.0..=1.0).contains(&s)
            {
                return Err(MemoryError::Invalid(format!(
                    "salience {s} is outside 0..=1"
                )));
            }
            if episode.kind == Kind::Summary {
                return Err(MemoryError::Invalid(
                    "summaries are written by consolidation; add a note, question, answer, finding or fact".into(),
                ));
            }
            self.require(agent, "write", episode.zone, "new episode")?;
            let fact = match episode.fact.clone() {
                Some(fact) => Some(super::facts::normalise(fact)?),
                None => super::facts::parse_fact(&episode.text),
            };
            let kind = if fact.is_some() && episode.kind == Kind::Note {
                Kind::Fact
            } else {
                episode.kind
            };
            let vector = match &self.embedder {
                Some(_) => Some(self.embed_one(&episode.text)?),
                None => None,
            };
            prepared.push((Self::new_id(Level::Episode)?, episode, fact, kind, vector));
        }
        let now = now_ms();
        self.write(|conn| {
            let mut out = Vec::with_capacity(prepared.len());
            for (id, episode, fact, kind, vector) in &prepared {
                let at = episode.at.unwrap_or(now);
                let fact_key = fact
                    .as_ref()
                    .map(|f| self.keys.fact_key(episode.zone, &f.key));
                let row = NewRow {
                    id: id.clone(),
                    level: Level::Episode,
                    zone: episode.zone,
                    kind: *kind,
                    agent: agent.to_string(),
                    created_at: at,
                    updated_at: at,
                    salience: episode.salience.unwrap_or(kind.default_salience()),
                    fact_key,
                    fact_state: fact.as_ref().map(|_| FactState::Current),
                    access_count: 0,
                    last_access: at,
                };
                let payload = Payload {
                    text: episode.text.clone(),
                    sources: Vec::new(),
                    trace_ids: episode.trace_ids.clone(),
                    fact: fact.clone(),
                };
                let rowid = self.insert_row(conn, &row, &payload, vector.as_deref())?;
                let reconsolidation = match (fact, fact_key) {
                    (Some(fact), Some(key)) => {
                        self.reconsolidate(conn, agent, rowid, id, episode.zone, fact, key, at)?
                    }
                    _ => None,
                };
                out.push((id.clone(), reconsolidation));
            }
            Ok(out)
        })
    }

    pub(crate) fn unconsolidated_count(&self) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM items WHERE level = 0 AND parent IS NULL",
                [],
                |r| r.get(0),
            )
            .map_err(self.sq())
    }

    /// One memory by id, if the agent's clearance covers its zone (a refusal is audited).
    /// Reading counts as an access.
    pub fn get(&self, agent: &str, id: &str) -> Result<MemoryItem> {
        validate_agent(agent)?;
        let Some(zone) = self.zone_of(id)? else {
            if let Some((summary, at)) = self.evicted(id)? {
                return Err(MemoryError::Evicted {
                    id: id.to_string(),
                    summary,
                    at,
                });
            }
            return Err(MemoryError::NotFound(id.to_string()));
        };
        self.require(agent, "read", zone, id)?;
        let row = self.row_by_id(id)?;
        if let Err(e) = self.touch(&[row.rowid]) {
            tracing::debug!("access count not updated: {e}");
        }
        Ok(row.item)
    }

    /// Where an evicted id went: its summary's id and the time of eviction.
    pub fn evicted(&self, id: &str) -> Result<Option<(String, i64)>> {
        self.conn
            .query_row("SELECT summary, at FROM evicted WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(self.sq())
    }

    /// Counts an access to each row (salience grows with use; recency is of creation).
    pub(crate) fn touch(&self, rowids: &[i64]) -> Result<()> {
        if rowids.is_empty() {
            return Ok(());
        }
        let now = now_ms();
        // An access count is worth no fsync: this commit goes to the WAL without one (still
        // atomic, and safe against a killed process; only a power cut can lose it).
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(self.sq())?;
        let result = (|| {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "UPDATE items SET access_count = access_count + 1, last_access = ?2 WHERE rowid = ?1",
                )
                .map_err(self.sq())?;
            self.conn.execute_batch("BEGIN").map_err(self.sq())?;
            for rowid in rowids {
                if let Err(e) = stmt.execute(params![rowid, now]) {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(self.sq()(e));
                }
            }
            self.conn.execute_batch("COMMIT").map_err(self.sq())
        })();
        self.conn
            .pragma_update(None, "synchronous", "FULL")
            .map_err(self.sq())?;
        result
    }

    /// Lists the items an agent may read at one level, newest first.
    pub fn list(
        &self,
        agent: &str,
        level: Level,
        limit: usize,
    ) -> Result<(Vec<MemoryItem>, Vec<DamagedRecord>)> {
        validate_agent(agent)?;
        let clearance = self.clearance(agent)?;
        let (rows, damaged) = self.rows_where(
            "i.level = ?1 AND i.zone <= ?2 ORDER BY i.created_at DESC, i.rowid DESC LIMIT ?3",
            params![level.code(), clearance.code(), limit as i64],
        )?;
        Ok((rows.into_iter().map(|r| r.item).collect(), damaged))
    }

    /// Checks every record's authentication tag and reports the ones that fail.
    pub fn verify(&self) -> Result<VerifyReport> {
        let (rows, damaged) = self.rows_where("1 = 1", [])?;
        Ok(VerifyReport {
            records: rows.len() + damaged.len(),
            damaged,
        })
    }

    /// Counts per level and zone.
    pub fn stats(&self) -> Result<StoreStats> {
        let sq = self.sq();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT level, zone, count(*) FROM items GROUP BY level, zone ORDER BY level, zone",
            )
            .map_err(&sq)?;
        let items = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(&sq)?
            .filter_map(|r| r.ok())
            .filter_map(|(l, z, n)| Some((Level::from_code(l)?, Zone::from_code(z)?, n)))
            .collect();
        let count = |sql: &str| -> Result<i64> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(self.sq())
        };
        Ok(StoreStats {
            schema_version: self.schema_version()?,
            encrypted: self.keys.is_encrypted(),
            items,
            unconsolidated_episodes: self.unconsolidated_count()?,
            open_conflicts: count("SELECT count(*) FROM conflicts WHERE status = 'open'")?,
            evicted: count("SELECT count(*) FROM evicted")?,
        })
    }
}

pub(crate) fn meta_in(conn: &Connection, key: &str) -> rusqlite::Result<Option<Vec<u8>>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &[u8]) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        params![key, value],
    )?;
    Ok(())
}

/// Where a rotation writes the new key before the store switches to it.
pub(crate) fn rotated_key_path(key_file: &Path) -> PathBuf {
    let mut name = key_file.as_os_str().to_owned();
    name.push(".new");
    PathBuf::from(name)
}
