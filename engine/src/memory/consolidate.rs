//! Consolidation: episodes → traces → categories → domain.
//!
//! Each zone is consolidated on its own (a summary never mixes zones, so it never lifts a secret
//! into a lower zone). Unconsolidated episodes are taken oldest first in batches of
//! `batch_size`, offered together with the zone's most recent traces as seeds, vectorised with
//! TF-IDF, and grouped by average-linkage agglomerative clustering at `trace_threshold`. A group
//! that contains a seed extends that trace; any other group (a single episode included) becomes
//! a new trace. Traces are grouped into categories the same way, and the zone's domain profile is
//! rewritten when the number of traces has grown by `domain_growth` since its last rewrite.
//!
//! Every group is committed in its own transaction that first checks its members are still
//! unconsolidated, and only one consolidation runs at a time per store (a file lock beside the
//! database). So a run killed at any point leaves a consistent store, and the next run picks up
//! exactly the episodes that are still waiting: the process is idempotent and resumable.

use rusqlite::params;
use std::time::Instant;

use super::cluster::{Point, agglomerate};
use super::error::{MemoryError, Result};
use super::store::{CONSOLIDATOR, MemoryStore, NewRow, Payload, Row, now_ms, set_meta};
use super::text::TfIdf;
use super::types::*;

/// Existing summaries offered as seeds per clustering step.
const MAX_SEEDS: i64 = 300;
/// Categories summarised into a domain profile.
const DOMAIN_SOURCES: i64 = 50;

impl MemoryStore {
    /// Runs consolidation to completion (or returns at once with `skipped_busy` when another
    /// process is consolidating). `progress` receives one line per committed group.
    pub fn consolidate(&self, progress: &mut dyn FnMut(&str)) -> Result<ConsolidationReport> {
        let started = Instant::now();
        self.new_model_budget();
        let mut report = ConsolidationReport {
            summarizer: self.summarizer.name(),
            ..Default::default()
        };
        let lock_path = {
            let mut name = self.path.as_os_str().to_owned();
            name.push(".consolidate.lock");
            std::path::PathBuf::from(name)
        };
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| MemoryError::Io {
                path: lock_path.clone(),
                message: e.to_string(),
            })?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                report.skipped_busy = true;
                return Ok(report);
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(MemoryError::Io {
                    path: lock_path,
                    message: e.to_string(),
                });
            }
        }
        for zone in Zone::ALL {
            self.consolidate_level(Level::Episode, zone, &mut report, progress)?;
            self.consolidate_level(Level::Trace, zone, &mut report, progress)?;
            self.update_domain(zone, &mut report, progress)?;
        }
        self.evict(&mut report, progress)?;
        report.model_summaries = self.summarizer.take_tally();
        report.elapsed_ms = started.elapsed().as_millis();
        let _ = lock.unlock();
        Ok(report)
    }

    /// Groups the unsummarised items of `lower` in `zone` into the level above.
    fn consolidate_level(
        &self,
        lower: Level,
        zone: Zone,
        report: &mut ConsolidationReport,
        progress: &mut dyn FnMut(&str),
    ) -> Result<()> {
        let (upper, threshold) = match lower {
            Level::Episode => (Level::Trace, self.config.trace_threshold),
            Level::Trace => (Level::Category, self.config.category_threshold),
            Level::Category | Level::Domain => return Ok(()),
        };
        let batch = self.config.batch_size.max(2) as i64;
        loop {
            let (members, damaged) = self.rows_where(
                "i.level = ?1 AND i.zone = ?2 AND i.parent IS NULL \
                 ORDER BY i.created_at, i.rowid LIMIT ?3",
                params![lower.code(), zone.code(), batch],
            )?;
            for d in &damaged {
                tracing::warn!("not consolidating {}: {}", d.id, d.reason);
            }
            if members.is_empty() {
                return Ok(());
            }
            let (seeds, _) = self.rows_where(
                "i.level = ?1 AND i.zone = ?2 ORDER BY i.updated_at DESC, i.rowid DESC LIMIT ?3",
                params![upper.code(), zone.code(), MAX_SEEDS],
            )?;
            let full_batch = members.len() as i64 >= batch;
            self.group(upper, zone, &members, &seeds, threshold, report, progress)?;
            if !full_batch {
                return Ok(());
            }
        }
    }

    #[allow(clippy::too_many_arguments)] // private step of consolidate_level
    fn group(
        &self,
        upper: Level,
        zone: Zone,
        members: &[Row],
        seeds: &[Row],
        threshold: f32,
        report: &mut ConsolidationReport,
        progress: &mut dyn FnMut(&str),
    ) -> Result<()> {
        let texts: Vec<&str> = seeds
            .iter()
            .chain(members)
            .map(|r| r.item.text.as_str())
            .collect();
        let tfidf = TfIdf::fit(&texts);
        let mut points: Vec<Point> = Vec::with_capacity(texts.len());
        for seed in seeds {
            points.push(Point {
                weight: seed.item.sources.len().max(1) as f32,
                seed: true,
            });
        }
        points.extend(members.iter().map(|_| Point {
            weight: 1.0,
            seed: false,
        }));
        let clusters = agglomerate(
            &points,
            |i, j| tfidf.vectors[i].dot(&tfidf.vectors[j]),
            threshold,
        );
        for cluster in clusters {
            let seed = cluster
                .iter()
                .find(|&&i| i < seeds.len())
                .map(|&i| &seeds[i]);
            let new: Vec<&Row> = cluster
                .iter()
                .filter(|&&i| i >= seeds.len())
                .map(|&i| &members[i - seeds.len()])
                .collect();
            if new.is_empty() {
                continue;
            }
            let mut texts: Vec<&str> = Vec::new();
            if let Some(seed) = seed {
                texts.push(&seed.item.text);
            }
            texts.extend(new.iter().map(|r| r.item.text.as_str()));
            let summary = self
                .summarizer
                .summarize(upper, &texts)
                .map_err(|e| MemoryError::Invalid(format!("summariser failed: {e}")))?;
            let salience_max = new
                .iter()
                .map(|r| r.item.salience)
                .fold(seed.map_or(0.0, |s| s.item.salience), f64::max);
            let newest = new
                .iter()
                .map(|r| r.item.updated_at)
                .max()
                .unwrap_or_else(now_ms)
                .max(seed.map_or(0, |s| s.item.updated_at));
            let new_rowids: Vec<i64> = new.iter().map(|r| r.rowid).collect();
            let vector = match &self.embedder {
                Some(_) if seed.is_none() => Some(self.embed_one(&summary)?),
                _ => None,
            };
            let outcome = self.write(|conn| {
                // Members consolidated meanwhile (by a run we cannot see) are left alone.
                let mut still = conn
                    .prepare_cached("SELECT parent IS NULL FROM items WHERE rowid = ?1")
                    .map_err(self.sq())?;
                for rowid in &new_rowids {
                    let free: bool = still.query_row([rowid], |r| r.get(0)).map_err(self.sq())?;
                    if !free {
                        return Ok(None);
                    }
                }
                let mut sources: Vec<String> =
                    seed.map(|s| s.item.sources.clone()).unwrap_or_default();
                sources.extend(new.iter().map(|r| r.item.id.clone()));
                let payload = Payload {
                    text: summary.clone(),
                    sources,
                    trace_ids: Vec::new(),
                    fact: None,
                };
                let (parent_rowid, id) = match seed {
                    Some(seed) => {
                        self.rewrite_row(conn, seed.rowid, &seed.item.id, zone, &payload, newest)?;
                        conn.execute(
                            "UPDATE items SET salience = ?2 WHERE rowid = ?1",
                            params![seed.rowid, salience_max],
                        )
                        .map_err(self.sq())?;
                        (seed.rowid, seed.item.id.clone())
                    }
                    None => {
                        let id = Self::new_id(upper)?;
                        let oldest = new
                            .iter()
                            .map(|r| r.item.created_at)
                            .min()
                            .unwrap_or(newest);
                        let row = NewRow {
                            id: id.clone(),
                            level: upper,
                            zone,
                            kind: Kind::Summary,
                            agent: CONSOLIDATOR.into(),
                            created_at: oldest,
                            updated_at: newest,
                            salience: salience_max,
                            fact_key: None,
                            fact_state: None,
                            access_count: 0,
                            last_access: newest,
                        };
                        (
                            self.insert_row(conn, &row, &payload, vector.as_deref())?,
                            id,
                        )
                    }
                };
                let mut set_parent = conn
                    .prepare_cached("UPDATE items SET parent = ?1 WHERE rowid = ?2")
                    .map_err(self.sq())?;
                for rowid in &new_rowids {
                    set_parent
                        .execute(params![parent_rowid, rowid])
                        .map_err(self.sq())?;
                }
                Ok(Some(id))
            })?;
            let Some(id) = outcome else { continue };
            let lower = if upper == Level::Trace {
                "episode"
            } else {
                "trace"
            };
            let extended = seed.is_some();
            match (upper, extended) {
                (Level::Trace, true) => report.traces_extended += 1,
                (Level::Trace, false) => report.traces_created += 1,
                (_, true) => report.categories_extended += 1,
                (_, false) => report.categories_created += 1,
            }
            if upper == Level::Trace {
                report.episodes_consolidated += new.len();
            }
            progress(&format!(
                "{upper} {id} ({zone}): {} {} {lower}(s)",
                if extended {
                    "extended by"
                } else {
                    "created from"
                },
                new.len()
            ));
        }
        Ok(())
    }

    /// Rewrites the zone's domain profile when there is none yet or the traces have grown by
    /// `domain_growth` since the last rewrite; attaches unattached categories to it.
    fn update_domain(
        &self,
        zone: Zone,
        report: &mut ConsolidationReport,
        progress: &mut dyn FnMut(&str),
    ) -> Result<()> {
        let count = |level: Level| -> Result<i64> {
            self.conn
                .query_row(
                    "SELECT count(*) FROM items WHERE level = ?1 AND zone = ?2",
                    params![level.code(), zone.code()],
                    |r| r.get(0),
                )
                .map_err(self.sq())
        };
        let traces = count(Level::Trace)?;
        let categories = count(Level::Category)?;
        if categories == 0 {
            return Ok(());
        }
        let meta_key = format!("domain_traces/{}", zone.name());
        let last: i64 = self
            .meta(&meta_key)?
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let (existing, _) = self.rows_where(
            "i.level = ?1 AND i.zone = ?2 ORDER BY i.rowid LIMIT 1",
            params![Level::Domain.code(), zone.code()],
        )?;
        let existing = existing.into_iter().next();
        let grew = (traces as f64) >= (last as f64) * self.config.domain_growth && traces > last;
        let (unattached, _) = self.rows_where(
            "i.level = ?1 AND i.zone = ?2 AND i.parent IS NULL",
            params![Level::Category.code(), zone.code()],
        )?;
        if existing.is_some() && !grew && unattached.is_empty() {
            return Ok(());
        }
        let rewrite = existing.is_none() || grew;
        let (sources, _) = self.rows_where(
            "i.level = ?1 AND i.zone = ?2 ORDER BY i.salience DESC, i.updated_at DESC LIMIT ?3",
            params![Level::Category.code(), zone.code(), DOMAIN_SOURCES],
        )?;
        let episodes = count(Level::Episode)?;
        let agents: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT DISTINCT agent FROM items WHERE zone = ?1 AND level = 0 ORDER BY agent LIMIT 20",
                )
                .map_err(self.sq())?;
            stmt.query_map([zone.code()], |r| r.get(0))
                .map_err(self.sq())?
                .collect::<rusqlite::Result<_>>()
                .map_err(self.sq())?
        };
        let text = if rewrite {
            let texts: Vec<&str> = sources.iter().map(|r| r.item.text.as_str()).collect();
            let body = self
                .summarizer
                .summarize(Level::Domain, &texts)
                .map_err(|e| MemoryError::Invalid(format!("summariser failed: {e}")))?;
            format!(
                "Profile of the {zone} zone: {episodes} episode(s) held, {traces} trace(s), \
                 {categories} categor(ies); agents: {}.\n{body}",
                if agents.is_empty() {
                    "-".to_string()
                } else {
                    agents.join(", ")
                }
            )
        } else {
            existing
                .as_ref()
                .map(|e| e.item.text.clone())
                .unwrap_or_default()
        };
        let now = now_ms();
        let vector = match (&self.embedder, rewrite) {
            (Some(_), true) => Some(self.embed_one(&text)?),
            _ => None,
        };
        let id = self.write(|conn| {
            let mut all_sources: Vec<String> = existing
                .as_ref()
                .map(|e| e.item.sources.clone())
                .unwrap_or_default();
            for c in sources.iter().chain(&unattached) {
                if !all_sources.contains(&c.item.id) {
                    all_sources.push(c.item.id.clone());
                }
            }
            let payload = Payload {
                text: text.clone(),
                sources: all_sources,
                trace_ids: Vec::new(),
                fact: None,
            };
            let (rowid, id) = match &existing {
                Some(e) => {
                    self.rewrite_row(conn, e.rowid, &e.item.id, zone, &payload, now)?;
                    (e.rowid, e.item.id.clone())
                }
                None => {
                    let id = Self::new_id(Level::Domain)?;
                    let row = NewRow {
                        id: id.clone(),
                        level: Level::Domain,
                        zone,
                        kind: Kind::Summary,
                        agent: CONSOLIDATOR.into(),
                        created_at: now,
                        updated_at: now,
                        salience: 1.0,
                        fact_key: None,
                        fact_state: None,
                        access_count: 0,
                        last_access: now,
                    };
                    (
                        self.insert_row(conn, &row, &payload, vector.as_deref())?,
                        id,
                    )
                }
            };
            conn.execute(
                "UPDATE items SET parent = ?1 WHERE level = ?2 AND zone = ?3 AND parent IS NULL",
                params![rowid, Level::Category.code(), zone.code()],
            )
            .map_err(self.sq())?;
            if rewrite {
                set_meta(conn, &meta_key, traces.to_string().as_bytes()).map_err(self.sq())?;
            }
            Ok(id)
        })?;
        report.domains_updated += 1;
        progress(&format!(
            "domain {id} ({zone}): {}",
            if rewrite {
                "rewritten"
            } else {
                "attached new categories"
            }
        ));
        Ok(())
    }
}
