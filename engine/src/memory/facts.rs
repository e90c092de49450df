//! Conflict-aware reconsolidation by the key/value rule. An episode carries a fact when it is
//! given one (`--fact KEY=VALUE`) or when its whole text is one line `KEY = VALUE` (a key of at
//! most eight words). A new fact is compared with the current value of the same key in the same
//! zone (found through the keyed hash of the normalised key, so keys are not stored in the
//! clear):
//!
//! - same value: confirmed, nothing changes but the old fact's use count;
//! - another value, and the policy says supersede (`auto`: the same agent corrects itself):
//!   the old fact is marked superseded by the new one and kept as history;
//! - another value otherwise (`auto`: another agent disagrees): the new fact waits as pending
//!   and a conflict is queued for `rlm memory conflicts`.

use rusqlite::{Connection, OptionalExtension, params};

use super::config::ConflictPolicy;
use super::error::{MemoryError, Result};
use super::store::{MemoryStore, now_ms, validate_agent};
use super::types::*;

const MAX_KEY_WORDS: usize = 8;

/// Lowercases the key and collapses white space; refuses empty parts.
pub(crate) fn normalise(fact: Fact) -> Result<Fact> {
    let key = fact
        .key
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let value = fact.value.split_whitespace().collect::<Vec<_>>().join(" ");
    if key.is_empty() || value.is_empty() {
        return Err(MemoryError::Invalid(
            "a fact needs a key and a value: KEY=VALUE".into(),
        ));
    }
    Ok(Fact { key, value })
}

/// Reads a one-line `key = value` text as a fact.
pub(crate) fn parse_fact(text: &str) -> Option<Fact> {
    let text = text.trim();
    if text.contains('\n') || text.contains("==") || text.contains("!=") {
        return None;
    }
    let (key, value) = text.split_once('=')?;
    let key = key.trim();
    let words = key.split_whitespace().count();
    if words == 0
        || words > MAX_KEY_WORDS
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || " _-./:'".contains(c))
    {
        return None;
    }
    normalise(Fact {
        key: key.into(),
        value: value.trim().into(),
    })
    .ok()
}

fn same_value(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl MemoryStore {
    /// Applies the fact rule to a freshly inserted fact row. Runs inside the add transaction.
    #[allow(clippy::too_many_arguments)] // one call site; the values are the new row's columns
    pub(crate) fn reconsolidate(
        &self,
        conn: &Connection,
        agent: &str,
        rowid: i64,
        id: &str,
        zone: Zone,
        fact: &Fact,
        fact_key: i64,
        now: i64,
    ) -> Result<Option<Reconsolidation>> {
        let sq = self.sq();
        let current: Option<i64> = conn
            .query_row(
                "SELECT rowid FROM items WHERE fact_key = ?1 AND fact_state = ?2 AND zone = ?3 \
                 AND rowid <> ?4 ORDER BY created_at DESC, rowid DESC LIMIT 1",
                params![fact_key, FactState::Current.code(), zone.code(), rowid],
                |r| r.get(0),
            )
            .optional()
            .map_err(&sq)?;
        let Some(current) = current else {
            return Ok(None);
        };
        let sql = format!("{} WHERE i.rowid = ?1", super::store::ITEM_SELECT);
        let old = conn
            .query_row(&sql, [current], |r| self.decode(r))
            .map_err(&sq)?;
        let supersede = |conn: &Connection, previous: &str| -> Result<Option<Reconsolidation>> {
            conn.execute(
                "UPDATE items SET fact_state = ?2, superseded_by = ?3, updated_at = ?4 WHERE rowid = ?1",
                params![current, FactState::Superseded.code(), rowid, now],
            )
            .map_err(&sq)?;
            Ok(Some(Reconsolidation::Superseded {
                previous: previous.to_string(),
            }))
        };
        let old = match old {
            Ok(old) => old,
            Err(MemoryError::Tampered { id: old_id }) => {
                tracing::warn!("fact {old_id} failed authentication; {id} supersedes it");
                return supersede(conn, &old_id);
            }
            Err(e) => return Err(e),
        };
        let old_value = old
            .item
            .fact
            .as_ref()
            .map(|f| f.value.as_str())
            .unwrap_or("");
        if same_value(old_value, &fact.value) {
            conn.execute(
                "UPDATE items SET fact_state = NULL WHERE rowid = ?1",
                [rowid],
            )
            .map_err(&sq)?;
            conn.execute(
                "UPDATE items SET access_count = access_count + 1, last_access = ?2 WHERE rowid = ?1",
                params![current, now],
            )
            .map_err(&sq)?;
            return Ok(Some(Reconsolidation::Confirmed {
                existing: old.item.id,
            }));
        }
        let queue = match self.config.on_conflict {
            ConflictPolicy::Supersede => false,
            ConflictPolicy::Queue => true,
            ConflictPolicy::Auto => old.item.agent != agent,
        };
        if !queue {
            return supersede(conn, &old.item.id);
        }
        conn.execute(
            "UPDATE items SET fact_state = ?2 WHERE rowid = ?1",
            params![rowid, FactState::Pending.code()],
        )
        .map_err(&sq)?;
        conn.execute(
            "INSERT INTO conflicts(zone, existing, incoming, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![zone.code(), current, rowid, now],
        )
        .map_err(&sq)?;
        Ok(Some(Reconsolidation::Queued {
            conflict: conn.last_insert_rowid(),
            existing: old.item.id,
        }))
    }

    /// Conflicts in zones the agent may read; open ones only unless `all`.
    pub fn conflicts(&self, agent: &str, all: bool) -> Result<Vec<Conflict>> {
        validate_agent(agent)?;
        let clearance = self.clearance(agent)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.id, c.zone, e.id, n.id, c.created_at, c.status FROM conflicts c \
                 JOIN items e ON e.rowid = c.existing JOIN items n ON n.rowid = c.incoming \
                 WHERE c.zone <= ?1 AND (?2 OR c.status = 'open') ORDER BY c.id",
            )
            .map_err(self.sq())?;
        let rows = stmt
            .query_map(params![clearance.code(), all], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .map_err(self.sq())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.sq())?;
        let mut out = Vec::new();
        for (id, zone, existing, incoming, created_at, status) in rows {
            let existing = self.row_by_id(&existing)?.item;
            let incoming = self.row_by_id(&incoming)?.item;
            out.push(Conflict {
                id,
                zone: Zone::from_code(zone).unwrap_or(Zone::Secret),
                // A conflict the model judged between memories that are not key/value facts.
                key: incoming
                    .fact
                    .as_ref()
                    .or(existing.fact.as_ref())
                    .map(|f| f.key.clone())
                    .unwrap_or_else(|| "(judged by the model)".into()),
                existing,
                incoming,
                created_at,
                status: match status.as_str() {
                    "kept_existing" => ConflictStatus::KeptExisting,
                    "kept_incoming" => ConflictStatus::KeptIncoming,
                    _ => ConflictStatus::Open,
                },
            });
        }
        Ok(out)
    }

    /// Settles a conflict: keep the incoming value (the existing one becomes history) or the
    /// existing one (the incoming one is marked rejected and kept as history).
    pub fn resolve_conflict(&self, agent: &str, conflict: i64, keep: Keep) -> Result<Conflict> {
        validate_agent(agent)?;
        let found: Option<(i64, i64, i64, String)> = self
            .conn
            .query_row(
                "SELECT zone, existing, incoming, status FROM conflicts WHERE id = ?1",
                [conflict],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(self.sq())?;
        let Some((zone, existing, incoming, status)) = found else {
            return Err(MemoryError::NoSuchConflict(conflict));
        };
        let zone = Zone::from_code(zone).unwrap_or(Zone::Secret);
        self.require(agent, "resolve", zone, &format!("conflict #{conflict}"))?;
        if status != "open" {
            return Err(MemoryError::Invalid(format!(
                "conflict #{conflict} is already resolved ({status})"
            )));
        }
        let now = now_ms();
        self.write(|conn| {
            let sq = self.sq();
            match keep {
                Keep::Incoming => {
                    conn.execute(
                        "UPDATE items SET fact_state = ?2, superseded_by = ?3, updated_at = ?4 WHERE rowid = ?1",
                        params![existing, FactState::Superseded.code(), incoming, now],
                    )
                    .map_err(&sq)?;
                    conn.execute(
                        "UPDATE items SET fact_state = ?2, updated_at = ?3 WHERE rowid = ?1",
                        params![incoming, FactState::Current.code(), now],
                    )
                    .map_err(&sq)?;
                }
                Keep::Existing => {
                    conn.execute(
                        "UPDATE items SET fact_state = ?2, updated_at = ?3 WHERE rowid = ?1",
                        params![incoming, FactState::Rejected.code(), now],
                    )
                    .map_err(&sq)?;
                }
            }
            let status = match keep {
                Keep::Incoming => "kept_incoming",
                Keep::Existing => "kept_existing",
            };
            conn.execute(
                "UPDATE conflicts SET status = ?2, resolved_at = ?3 WHERE id = ?1",
                params![conflict, status, now],
            )
            .map_err(&sq)?;
            Ok(())
        })?;
        self.audit(
            agent,
            "resolve",
            &format!("conflict #{conflict}"),
            zone,
            "ok",
        )?;
        self.conflicts(agent, true)?
            .into_iter()
            .find(|c| c.id == conflict)
            .ok_or(MemoryError::NoSuchConflict(conflict))
    }

    /// The history of a fact key in a zone: every value, newest first.
    pub fn fact_history(&self, agent: &str, zone: Zone, key: &str) -> Result<Vec<MemoryItem>> {
        validate_agent(agent)?;
        self.require(agent, "read", zone, &format!("fact {key:?}"))?;
        let key = normalise(Fact {
            key: key.into(),
            value: "-".into(),
        })?
        .key;
        let hash = self.keys.fact_key(zone, &key);
        let (rows, _) = self.rows_where(
            "i.fact_key = ?1 AND i.zone = ?2 ORDER BY i.created_at DESC, i.rowid DESC",
            params![hash, zone.code()],
        )?;
        Ok(rows.into_iter().map(|r| r.item).collect())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn one_line_key_value_texts_are_facts() {
        assert_eq!(
            parse_fact("Database port = 5433"),
            Some(Fact {
                key: "database port".into(),
                value: "5433".into()
            })
        );
        assert_eq!(parse_fact("if a == b then"), None);
        assert_eq!(parse_fact("x = 1\ny = 2"), None);
        assert_eq!(parse_fact("no equals sign here"), None);
        assert_eq!(parse_fact("f(x) = 3"), None);
    }
}
