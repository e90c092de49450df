//! The response cache: SQLite (bundled, so it behaves the same everywhere), keyed by a BLAKE3
//! hash of the model string, the messages and the generation parameters. A hit replays the
//! stored reply with `cached = true` and no cost, so re-running a question, a benchmark or a
//! test costs nothing and gives the same trajectory. Errors are returned, never swallowed: a
//! cache that cannot be written is a configuration problem the user should hear about.

use super::{BoxFuture, ChatModel, ChatRequest, ChatResponse, ProviderError};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// An on-disk response cache.
#[derive(Debug)]
pub struct ResponseCache {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl ResponseCache {
    /// Opens (creating) the cache at `path`.
    pub fn open(path: &Path) -> Result<ResponseCache, ProviderError> {
        let fail = |e: &dyn std::fmt::Display| {
            ProviderError::Cache(format!("cannot open {}: {e}", path.display()))
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(&e))?;
        }
        let conn = Connection::open(path).map_err(|e| fail(&e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| fail(&e))?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE IF NOT EXISTS responses (
                 key TEXT PRIMARY KEY,
                 model TEXT NOT NULL,
                 response TEXT NOT NULL,
                 created_at INTEGER NOT NULL
             );",
        )
        .map_err(|e| fail(&e))?;
        Ok(ResponseCache {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
        })
    }

    /// `$XDG_CACHE_HOME/rlm/responses.sqlite`, else `~/.cache/rlm/responses.sqlite`.
    pub fn default_path() -> Option<PathBuf> {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
        Some(base.join("rlm").join("responses.sqlite"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key of a request to a model.
    pub fn key(model: &str, request: &ChatRequest) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(model.as_bytes());
        hasher.update(&[0]);
        // Serializing plain structs of strings and numbers cannot fail; an empty hash input
        // would still only cause a miss.
        let body = serde_json::to_vec(request).unwrap_or_default();
        hasher.update(&body);
        hasher.finalize().to_hex().to_string()
    }

    pub fn get(&self, key: &str) -> Result<Option<ChatResponse>, ProviderError> {
        let conn = self.lock()?;
        let stored: Option<String> = conn
            .query_row(
                "SELECT response FROM responses WHERE key = ?1",
                params![key],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| ProviderError::Cache(e.to_string()))?;
        Ok(stored.and_then(|text| serde_json::from_str(&text).ok()))
    }

    pub fn put(&self, key: &str, model: &str, response: &ChatResponse) -> Result<(), ProviderError> {
        let text =
            serde_json::to_string(response).map_err(|e| ProviderError::Cache(e.to_string()))?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        self.lock()?
            .execute(
                "INSERT OR REPLACE INTO responses (key, model, response, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![key, model, text, now],
            )
            .map_err(|e| ProviderError::Cache(e.to_string()))?;
        Ok(())
    }

    /// Number of stored responses.
    pub fn len(&self) -> Result<u64, ProviderError> {
        self.lock()?
            .query_row("SELECT COUNT(*) FROM responses", [], |row| row.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| ProviderError::Cache(e.to_string()))
    }

    pub fn is_empty(&self) -> Result<bool, ProviderError> {
        Ok(self.len()? == 0)
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Connection>, ProviderError> {
        self.conn
            .lock()
            .map_err(|_| ProviderError::Cache("the cache lock was poisoned".into()))
    }
}

/// A model with the cache in front.
pub struct CachedModel {
    inner: Arc<dyn ChatModel>,
    cache: Arc<ResponseCache>,
}

impl CachedModel {
    pub fn new(inner: Arc<dyn ChatModel>, cache: Arc<ResponseCache>) -> CachedModel {
        CachedModel { inner, cache }
    }

    async fn cached_chat(&self, request: &ChatRequest) -> Result<ChatResponse, ProviderError> {
        let key = ResponseCache::key(self.inner.name(), request);
        if let Some(mut hit) = self.cache.get(&key)? {
            hit.cached = true;
            hit.cost_usd = Some(0.0);
            return Ok(hit);
        }
        let response = self.inner.chat(request).await?;
        self.cache.put(&key, self.inner.name(), &response)?;
        Ok(response)
    }
}

impl ChatModel for CachedModel {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn chat<'a>(
        &'a self,
        request: &'a ChatRequest,
    ) -> BoxFuture<'a, Result<ChatResponse, ProviderError>> {
        Box::pin(self.cached_chat(request))
    }
}
