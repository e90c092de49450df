//! The SQLite schema and its migrations. `PRAGMA user_version` holds the schema version; each
//! migration runs inside the same `BEGIN IMMEDIATE` transaction that checks the version, so two
//! processes opening a new store at once migrate it exactly once.
//!
//! What is stored in the clear, on purpose: ids, levels, zones, agents, kinds, timestamps, access
//! counts, salience, parent links, token counts and keyed word hashes (postings). Everything a
//! person wrote or a summary says lives only in `items.ciphertext`.

use rusqlite::Connection;

/// The schema this build writes.
pub const SCHEMA_VERSION: i64 = 1;

/// Migrations, index `i` takes version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE items (
    rowid         INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    level         INTEGER NOT NULL,
    zone          INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    agent         TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    last_access   INTEGER NOT NULL,
    access_count  INTEGER NOT NULL DEFAULT 0,
    salience      REAL NOT NULL,
    parent        INTEGER REFERENCES items(rowid) ON DELETE SET NULL,
    ntokens       INTEGER NOT NULL,
    fact_key      INTEGER,
    fact_state    INTEGER,
    superseded_by INTEGER REFERENCES items(rowid) ON DELETE SET NULL,
    nonce         BLOB NOT NULL,
    ciphertext    BLOB NOT NULL
);
CREATE INDEX items_level_parent ON items(level, zone, parent);
CREATE INDEX items_parent ON items(parent);
CREATE INDEX items_fact ON items(fact_key, fact_state) WHERE fact_key IS NOT NULL;
CREATE TABLE postings (
    term INTEGER NOT NULL,
    item INTEGER NOT NULL REFERENCES items(rowid) ON DELETE CASCADE,
    tf   INTEGER NOT NULL,
    dl   INTEGER NOT NULL,
    PRIMARY KEY (term, item)
) WITHOUT ROWID;
CREATE INDEX postings_item ON postings(item);
CREATE TABLE terms (
    term INTEGER PRIMARY KEY,
    df   INTEGER NOT NULL
);
CREATE TABLE corpus (
    zone   INTEGER PRIMARY KEY,
    docs   INTEGER NOT NULL,
    tokens INTEGER NOT NULL
);
CREATE TABLE vectors (
    item       INTEGER PRIMARY KEY REFERENCES items(rowid) ON DELETE CASCADE,
    model      TEXT NOT NULL,
    nonce      BLOB NOT NULL,
    ciphertext BLOB NOT NULL
);
CREATE TABLE grants (
    agent      TEXT PRIMARY KEY,
    clearance  INTEGER NOT NULL,
    granted_by TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    agent   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL,
    zone    INTEGER NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TABLE conflicts (
    id          INTEGER PRIMARY KEY,
    zone        INTEGER NOT NULL,
    existing    INTEGER NOT NULL REFERENCES items(rowid) ON DELETE CASCADE,
    incoming    INTEGER NOT NULL REFERENCES items(rowid) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open',
    resolved_at INTEGER
);
CREATE TABLE evicted (
    id      TEXT PRIMARY KEY,
    summary TEXT NOT NULL,
    level   INTEGER NOT NULL,
    zone    INTEGER NOT NULL,
    at      INTEGER NOT NULL
);
"#];

/// Brings the schema to [`SCHEMA_VERSION`]; returns the version found, or an error when the
/// store is newer than this build. Must run inside a write transaction.
pub(crate) fn migrate(conn: &Connection) -> Result<i64, MigrateError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(MigrateError::TooNew(found));
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", version as i64 + 1)?;
    }
    Ok(found)
}

#[derive(Debug)]
pub(crate) enum MigrateError {
    TooNew(i64),
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sqlite(e)
    }
}
