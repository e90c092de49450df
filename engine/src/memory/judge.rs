//! Conflict-aware reconsolidation by a judge (a model): after a new episode is stored, the
//! judge is shown the most similar stored episodes of the same zone (found by the store's own
//! search, so only what the writing agent may read) one at a time, best first, and asked
//! whether the new one contradicts it. The first contradiction is settled by the same policy as
//! the key/value rule (`[memory] on_conflict`): the stored memory is superseded (kept as
//! history, hidden from search unless history is asked for) or the new one waits as a conflict
//! for `rlm memory conflicts`. A reply that cannot be read is no judgement: it is logged and
//! reported, and no conflict is raised on it. Episodes whose fact the key/value rule already
//! settled are not judged again.

use rusqlite::params;

use super::config::ConflictPolicy;
use super::error::Result;
use super::store::{MemoryStore, now_ms};
use super::types::*;

impl MemoryStore {
    /// Runs the installed judge on the just-added episode `id`; `None` without a judge.
    pub(crate) fn judge_new(
        &self,
        agent: &str,
        id: &str,
        zone: Zone,
        text: &str,
    ) -> Result<Option<(JudgeReport, Option<Reconsolidation>)>> {
        let Some(judge) = self.judge.clone() else {
            return Ok(None);
        };
        let wanted = self.config.judge_candidates;
        let mut report = JudgeReport {
            judge: judge.name(),
            ..JudgeReport::default()
        };
        if wanted == 0 {
            return Ok(Some((report, None)));
        }
        let request = SearchRequest {
            query: text.to_string(),
            limit: wanted + 1,
            levels: vec![Level::Episode],
            zone: Some(zone),
            include_history: false,
        };
        let candidates: Vec<MemoryItem> = self
            .search(agent, &request)?
            .hits
            .into_iter()
            .map(|hit| hit.item)
            .filter(|item| item.id != id && item.fact_state != Some(FactState::Pending))
            .take(wanted)
            .collect();
        for stored in candidates {
            report.compared += 1;
            match judge.judge(&stored.text, text) {
                Err(why) => {
                    tracing::warn!("no contradiction judgement on {}: {why}", stored.id);
                    report.unjudged.push(format!("{}: {why}", stored.id));
                }
                Ok(judgement) if !judgement.contradicts => {}
                Ok(judgement) => {
                    let outcome = self.settle_judged(agent, id, &stored, zone)?;
                    report.contradiction = Some(JudgedContradiction {
                        existing: stored.id.clone(),
                        reason: judgement.reason,
                    });
                    return Ok(Some((report, Some(outcome))));
                }
            }
        }
        Ok(Some((report, None)))
    }

    /// Applies the conflict policy to a judged contradiction between `stored` and the new `id`.
    fn settle_judged(
        &self,
        agent: &str,
        id: &str,
        stored: &MemoryItem,
        zone: Zone,
    ) -> Result<Reconsolidation> {
        let queue = match self.config.on_conflict {
            ConflictPolicy::Supersede => false,
            ConflictPolicy::Queue => true,
            ConflictPolicy::Auto => stored.agent != agent,
        };
        let now = now_ms();
        self.write(|conn| {
            let sq = self.sq();
            let rowid = |id: &str| -> Result<i64> {
                conn.query_row("SELECT rowid FROM items WHERE id = ?1", [id], |r| r.get(0))
                    .map_err(&sq)
            };
            let (new_rowid, old_rowid) = (rowid(id)?, rowid(&stored.id)?);
            if queue {
                conn.execute(
                    "UPDATE items SET fact_state = ?2 WHERE rowid = ?1",
                    params![new_rowid, FactState::Pending.code()],
                )
                .map_err(&sq)?;
                conn.execute(
                    "INSERT INTO conflicts(zone, existing, incoming, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![zone.code(), old_rowid, new_rowid, now],
                )
                .map_err(&sq)?;
                Ok(Reconsolidation::Queued {
                    conflict: conn.last_insert_rowid(),
                    existing: stored.id.clone(),
                })
            } else {
                conn.execute(
                    "UPDATE items SET fact_state = ?2, superseded_by = ?3, updated_at = ?4 WHERE rowid = ?1",
                    params![old_rowid, FactState::Superseded.code(), new_rowid, now],
                )
                .map_err(&sq)?;
                Ok(Reconsolidation::Superseded {
                    previous: stored.id.clone(),
                })
            }
        })
    }
}
