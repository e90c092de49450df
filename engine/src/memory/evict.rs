//! Eviction: when a level holds more than its capacity, the items with the lowest retention
//! (salience grown by use, discounted by age
//! at most by half) go first; never plain FIFO. Only items that are
//! already summarised above may go (their summary lists them among its sources and an
//! `evicted` row points from the old id to it), and facts in force or waiting for review are
//! kept. Children of an evicted summary move up to its parent.

use rusqlite::params;

use super::error::Result;
use super::search::{effective_salience, recency};
use super::store::{MemoryStore, now_ms};
use super::types::*;

/// An evictable item: rowid, id, zone code, parent rowid, retention.
pub(crate) type Candidate = (i64, String, i64, i64, f64);

/// How much an item is worth keeping: its salience, discounted by age at most by half, so an
/// old finding outlives yesterday's trivia.
pub(crate) fn retention(salience: f64, recency: f64) -> f64 {
    salience * (0.5 + 0.5 * recency)
}

impl MemoryStore {
    pub(crate) fn evict(
        &self,
        report: &mut ConsolidationReport,
        progress: &mut dyn FnMut(&str),
    ) -> Result<()> {
        let levels = [
            (Level::Episode, self.config.max_episodes),
            (Level::Trace, self.config.max_traces),
            (Level::Category, self.config.max_categories),
        ];
        for (level, capacity) in levels {
            let count: i64 = self
                .conn
                .query_row(
                    "SELECT count(*) FROM items WHERE level = ?1",
                    [level.code()],
                    |r| r.get(0),
                )
                .map_err(self.sq())?;
            let excess = count - capacity as i64;
            if excess <= 0 {
                continue;
            }
            let order = self.eviction_order(level)?;
            let victims: Vec<&Candidate> = order.iter().take(excess as usize).collect();
            if (victims.len() as i64) < excess {
                tracing::info!(
                    "{level}: {} over capacity but only {} can be evicted (the rest are not \
                     summarised yet or are facts in force)",
                    excess,
                    victims.len()
                );
            }
            let now = now_ms();
            self.write(|conn| {
                for (rowid, id, zone, parent, _) in &victims {
                    self.delete_postings(conn, *rowid)?;
                    conn.execute(
                        "UPDATE items SET parent = ?2 WHERE parent = ?1",
                        params![rowid, parent],
                    )
                    .map_err(self.sq())?;
                    let summary: String = conn
                        .query_row("SELECT id FROM items WHERE rowid = ?1", [parent], |r| r.get(0))
                        .map_err(self.sq())?;
                    conn.execute(
                        "INSERT OR REPLACE INTO evicted(id, summary, level, zone, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![id, summary, level.code(), zone, now],
                    )
                    .map_err(self.sq())?;
                    conn.execute("DELETE FROM items WHERE rowid = ?1", [rowid])
                        .map_err(self.sq())?;
                }
                Ok(())
            })?;
            if !victims.is_empty() {
                progress(&format!(
                    "evicted {} {level}(s) over capacity {capacity}",
                    victims.len()
                ));
                report.evicted.push((level, victims.len()));
            }
        }
        Ok(())
    }

    /// Evictable items of a level, least worth keeping first: (rowid, id, zone, parent, score).
    pub(crate) fn eviction_order(&self, level: Level) -> Result<Vec<Candidate>> {
        let now = now_ms();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT rowid, id, zone, parent, salience, access_count, updated_at FROM items \
                 WHERE level = ?1 AND parent IS NOT NULL \
                 AND (fact_state IS NULL OR fact_state NOT IN (?2, ?3))",
            )
            .map_err(self.sq())?;
        let rows = stmt
            .query_map(
                params![
                    level.code(),
                    FactState::Current.code(),
                    FactState::Pending.code()
                ],
                |r| {
                    let salience: f64 = r.get(4)?;
                    let accesses: i64 = r.get(5)?;
                    let updated: i64 = r.get(6)?;
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?,
                        retention(
                            effective_salience(salience, accesses),
                            recency(now, updated, self.config.half_life_days),
                        ),
                    ))
                },
            )
            .map_err(self.sq())?;
        let mut out = rows
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.sq())?;
        out.sort_by(|a, b| a.4.total_cmp(&b.4).then(a.0.cmp(&b.0)));
        Ok(out)
    }
}
