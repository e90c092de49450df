//! Export and import as JSON lines: a header line, then one [`MemoryItem`] per line, lower
//! levels first. An export holds plaintext (it is meant for moving a store to a new key or
//! machine, or for review) and only the zones the exporting agent may read; an import re-seals
//! everything under the receiving store's key, skips ids it already has (so it can be re-run),
//! and needs clearance for every zone it writes. The audit log stays behind; open conflicts are
//! queued again from the pending facts.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Write};

use super::error::{MemoryError, Result};
use super::store::{MemoryStore, NewRow, Payload, validate_agent};
use super::types::*;

const FORMAT: &str = "rlm-memory-export";
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    exported_by: String,
    exported_at: i64,
    items: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSummary {
    pub items: usize,
    pub damaged: Vec<DamagedRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub added: usize,
    pub already_present: usize,
}

impl MemoryStore {
    /// Writes every item the agent may read (optionally one zone only).
    pub fn export(
        &self,
        agent: &str,
        zone: Option<Zone>,
        out: &mut dyn Write,
    ) -> Result<ExportSummary> {
        validate_agent(agent)?;
        let clearance = self.clearance(agent)?;
        if let Some(zone) = zone {
            self.require(agent, "export", zone, "store")?;
        }
        let (rows, damaged) = self.rows_where(
            "i.zone <= ?1 AND (?2 < 0 OR i.zone = ?2) ORDER BY i.level, i.created_at, i.rowid",
            params![clearance.code(), zone.map_or(-1, Zone::code)],
        )?;
        let io = |e: std::io::Error| MemoryError::Transfer(e.to_string());
        let header = Header {
            format: FORMAT.into(),
            version: VERSION,
            exported_by: agent.into(),
            exported_at: super::store::now_ms(),
            items: rows.len(),
        };
        let json = |v: &dyn erased::Ser| v.to_line();
        writeln!(out, "{}", json(&header)?).map_err(io)?;
        for row in &rows {
            writeln!(out, "{}", json(&row.item)?).map_err(io)?;
        }
        out.flush().map_err(io)?;
        self.audit(
            agent,
            "export",
            &format!("{} item(s)", rows.len()),
            zone.unwrap_or(clearance),
            "ok",
        )?;
        Ok(ExportSummary {
            items: rows.len(),
            damaged,
        })
    }

    /// Reads an export; all of it is checked before anything is written, then written in one
    /// transaction.
    pub fn import(&self, agent: &str, input: &mut dyn BufRead) -> Result<ImportSummary> {
        validate_agent(agent)?;
        let mut lines = input.lines();
        let header_line = lines
            .next()
            .ok_or_else(|| MemoryError::Transfer("the file is empty".into()))?
            .map_err(|e| MemoryError::Transfer(e.to_string()))?;
        let header: Header = serde_json::from_str(&header_line)
            .map_err(|e| MemoryError::Transfer(format!("line 1 is not an export header: {e}")))?;
        if header.format != FORMAT || header.version != VERSION {
            return Err(MemoryError::Transfer(format!(
                "not a {FORMAT} v{VERSION} file (found {} v{})",
                header.format, header.version
            )));
        }
        let mut items: Vec<MemoryItem> = Vec::new();
        for (n, line) in lines.enumerate() {
            let line = line.map_err(|e| MemoryError::Transfer(e.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            items.push(
                serde_json::from_str(&line)
                    .map_err(|e| MemoryError::Transfer(format!("line {}: {e}", n + 2)))?,
            );
        }
        let mut zones: Vec<Zone> = items.iter().map(|i| i.zone).collect();
        zones.sort();
        zones.dedup();
        for zone in zones {
            self.require(agent, "import", zone, "import")?;
        }
        let mut vectors: HashMap<String, Vec<f32>> = HashMap::new();
        if self.embedder.is_some() {
            for item in &items {
                vectors.insert(item.id.clone(), self.embed_one(&item.text)?);
            }
        }
        let summary = self.write(|conn| {
            let sq = self.sq();
            let mut added: Vec<&MemoryItem> = Vec::new();
            let mut already = 0;
            for item in &items {
                let exists: Option<i64> = conn
                    .query_row("SELECT rowid FROM items WHERE id = ?1", [&item.id], |r| r.get(0))
                    .optional()
                    .map_err(&sq)?;
                if exists.is_some() {
                    already += 1;
                    continue;
                }
                let row = NewRow {
                    id: item.id.clone(),
                    level: item.level,
                    zone: item.zone,
                    kind: item.kind,
                    agent: item.agent.clone(),
                    created_at: item.created_at,
                    updated_at: item.updated_at,
                    salience: item.salience.clamp(0.0, 1.0),
                    fact_key: item.fact.as_ref().map(|f| self.keys.fact_key(item.zone, &f.key)),
                    fact_state: item.fact_state,
                    access_count: item.access_count,
                    last_access: item.last_access,
                };
                let payload = Payload {
                    text: item.text.clone(),
                    sources: item.sources.clone(),
                    trace_ids: item.trace_ids.clone(),
                    fact: item.fact.clone(),
                };
                self.insert_row(conn, &row, &payload, vectors.get(&item.id).map(Vec::as_slice))?;
                added.push(item);
            }
            // Links by id, once every row exists.
            for item in &added {
                for (column, target) in [("parent", &item.parent), ("superseded_by", &item.superseded_by)] {
                    if let Some(target) = target {
                        conn.execute(
                            &format!(
                                "UPDATE items SET {column} = (SELECT rowid FROM items WHERE id = ?2) WHERE id = ?1"
                            ),
                            params![item.id, target],
                        )
                        .map_err(&sq)?;
                    }
                }
            }
            // Conflicts stay behind in the source store: a pending fact is queued again here
            // against the value in force, so it can still be reviewed.
            for item in added.iter().filter(|i| i.fact_state == Some(FactState::Pending)) {
                conn.execute(
                    "INSERT INTO conflicts(zone, existing, incoming, created_at) \
                     SELECT n.zone, e.rowid, n.rowid, ?2 FROM items n JOIN items e \
                     ON e.fact_key = n.fact_key AND e.zone = n.zone AND e.fact_state = ?3 \
                     WHERE n.id = ?1 ORDER BY e.created_at DESC LIMIT 1",
                    params![item.id, super::store::now_ms(), FactState::Current.code()],
                )
                .map_err(&sq)?;
            }
            Ok(ImportSummary {
                added: added.len(),
                already_present: already,
            })
        })?;
        self.audit(
            agent,
            "import",
            &format!("{} item(s)", summary.added),
            Zone::Public,
            "ok",
        )?;
        Ok(summary)
    }
}

/// Serialising heterogenous values to one JSON line each.
mod erased {
    use super::MemoryError;

    pub trait Ser {
        fn to_line(&self) -> Result<String, MemoryError>;
    }

    impl<T: serde::Serialize> Ser for T {
        fn to_line(&self) -> Result<String, MemoryError> {
            serde_json::to_string(self).map_err(|e| MemoryError::Transfer(e.to_string()))
        }
    }
}
