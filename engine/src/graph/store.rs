//! The graph on disk: one SQLite file beside the index (`graph.db`), in WAL mode so readers
//! (the editor, an agent) never block the writer and a killed writer loses only its open
//! transaction. Every update is one transaction: a crash leaves the previous graph whole.

use super::GraphError;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Bumped when the schema or what the walk extracts changes: an older graph is rebuilt.
pub const GRAPH_VERSION: i64 = 1;

pub const GRAPH_FILE: &str = "graph.db";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL,
    hash TEXT NOT NULL,
    package TEXT,
    default_export TEXT,
    has_errors INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS defs(
    id INTEGER PRIMARY KEY,
    file INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    container INTEGER,
    container_name TEXT,
    name_sl INTEGER NOT NULL, name_sc INTEGER NOT NULL, name_el INTEGER NOT NULL, name_ec INTEGER NOT NULL,
    sl INTEGER NOT NULL, sc INTEGER NOT NULL, el INTEGER NOT NULL, ec INTEGER NOT NULL,
    signature TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS defs_file ON defs(file);
CREATE INDEX IF NOT EXISTS defs_name ON defs(name);
CREATE INDEX IF NOT EXISTS defs_container ON defs(container);
CREATE INDEX IF NOT EXISTS defs_container_name ON defs(container_name);
CREATE TABLE IF NOT EXISTS refs(
    id INTEGER PRIMARY KEY,
    file INTEGER NOT NULL,
    name TEXT NOT NULL,
    qualifier TEXT,
    kind TEXT NOT NULL,
    sl INTEGER NOT NULL, sc INTEGER NOT NULL, el INTEGER NOT NULL, ec INTEGER NOT NULL,
    enclosing INTEGER,
    target INTEGER,
    confidence INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS refs_file ON refs(file, sl);
CREATE INDEX IF NOT EXISTS refs_target ON refs(target);
CREATE INDEX IF NOT EXISTS refs_name ON refs(name);
CREATE INDEX IF NOT EXISTS refs_enclosing ON refs(enclosing);
CREATE TABLE IF NOT EXISTS imports(
    id INTEGER PRIMARY KEY,
    file INTEGER NOT NULL,
    module TEXT NOT NULL,
    name TEXT,
    binding TEXT NOT NULL,
    wildcard INTEGER NOT NULL,
    line INTEGER NOT NULL,
    target_file INTEGER
);
CREATE INDEX IF NOT EXISTS imports_file ON imports(file);
CREATE INDEX IF NOT EXISTS imports_target ON imports(target_file);
";

pub fn graph_path(index_dir: &Path) -> PathBuf {
    index_dir.join(GRAPH_FILE)
}

fn sql(path: &Path) -> impl Fn(rusqlite::Error) -> GraphError + '_ {
    move |source| GraphError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// Opens (creating) the graph for writing; an unreadable file or another version is replaced.
pub fn open_for_write(index_dir: &Path) -> Result<(Connection, bool), GraphError> {
    let path = graph_path(index_dir);
    match try_open_write(&path) {
        Ok(pair) => Ok(pair),
        Err(e) => {
            tracing::warn!("graph: {e}; rebuilding {}", path.display());
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            try_open_write(&path)
        }
    }
}

fn try_open_write(path: &Path) -> Result<(Connection, bool), GraphError> {
    let conn = Connection::open(path).map_err(sql(path))?;
    conn.busy_timeout(Duration::from_secs(30))
        .map_err(sql(path))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(sql(path))?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sql(path))?;
    let version: Option<i64> = conn
        .query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| {
            r.get::<_, String>(0)
        })
        .ok()
        .and_then(|v| v.parse().ok());
    let fresh = version != Some(GRAPH_VERSION);
    if fresh {
        conn.execute_batch(
            "DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS defs;
             DROP TABLE IF EXISTS refs; DROP TABLE IF EXISTS imports;",
        )
        .map_err(sql(path))?;
    }
    conn.execute_batch(SCHEMA).map_err(sql(path))?;
    if fresh {
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('version', ?1)",
            [GRAPH_VERSION.to_string()],
        )
        .map_err(sql(path))?;
    }
    Ok((conn, fresh))
}

/// Opens the graph for queries.
pub fn open_for_read(index_dir: &Path) -> Result<Connection, GraphError> {
    let path = graph_path(index_dir);
    if !path.exists() {
        return Err(GraphError::Missing {
            dir: index_dir.to_path_buf(),
        });
    }
    let conn = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql(&path))?;
    conn.busy_timeout(Duration::from_secs(10))
        .map_err(sql(&path))?;
    let version: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| {
            r.get(0)
        })
        .ok();
    if version.as_deref() != Some(GRAPH_VERSION.to_string().as_str()) {
        return Err(GraphError::Missing {
            dir: index_dir.to_path_buf(),
        });
    }
    Ok(conn)
}
