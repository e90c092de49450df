//! Retrieval across levels. Candidates come from BM25 over the keyed word hashes (each zone the
//! agent may read, with that zone's statistics) and, when an embedding model is installed, from
//! cosine similarity over the decrypted vectors. Each candidate's score fuses
//!
//! `w_bm25 · bm25/max_bm25 + w_emb · cosine + w_recency · 2^(−age/half_life) + w_salience · salience'`
//!
//! where salience' grows with use (`salience + 0.05 · ln(1 + accesses)`, capped at 1). Only the
//! final hits are decrypted, so a search costs a few postings range scans and `limit` AES-GCM
//! opens.

use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

use super::embed;
use super::error::{MemoryError, Result};
use super::store::{MemoryStore, VectorCache};
use super::text::query_words;
use super::types::*;

/// Candidates kept from each ranking before fusion.
const CANDIDATES: usize = 200;
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Fuses the parts of a score with the configured weights.
pub(crate) fn fuse(
    weights: &super::config::MemoryConfig,
    bm25: f64,
    embedding: Option<f64>,
    recency: f64,
    salience: f64,
) -> ScoreParts {
    let total = weights.weight_bm25 * bm25
        + embedding.map_or(0.0, |e| weights.weight_embedding * e.max(0.0))
        + weights.weight_recency * recency
        + weights.weight_salience * salience;
    ScoreParts {
        bm25,
        embedding,
        recency,
        salience,
        total,
    }
}

/// 1 now, ½ after one half-life.
pub(crate) fn recency(now: i64, at: i64, half_life_days: f64) -> f64 {
    let age_days = (now - at).max(0) as f64 / 86_400_000.0;
    0.5f64.powf(age_days / half_life_days.max(1e-6))
}

/// Salience grown by use, capped at 1.
pub(crate) fn effective_salience(salience: f64, accesses: i64) -> f64 {
    (salience + 0.05 * (1.0 + accesses.max(0) as f64).ln()).min(1.0)
}

impl MemoryStore {
    /// Searches every level (or `request.levels`) in the zones the agent may read.
    pub fn search(&self, agent: &str, request: &SearchRequest) -> Result<SearchResults> {
        super::store::validate_agent(agent)?;
        let clearance = self.clearance(agent)?;
        let zones: Vec<Zone> = match request.zone {
            Some(zone) => {
                self.require(agent, "search", zone, &format!("query {:?}", request.query))?;
                vec![zone]
            }
            None => clearance.at_or_below().collect(),
        };
        let limit = request.limit.max(1);
        let bm25 = self.bm25_candidates(&request.query, &zones, limit)?;
        let semantic = match &self.embedder {
            Some(_) if !request.query.trim().is_empty() => {
                self.vector_candidates(&request.query, &zones)?
            }
            _ => HashMap::new(),
        };
        let max_bm25 = bm25.values().cloned().fold(0.0f64, f64::max);
        let mut candidates: Vec<i64> = bm25.keys().chain(semantic.keys()).copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        let now = super::store::now_ms();
        let mut meta = self
            .conn
            .prepare_cached(
                "SELECT level, zone, salience, access_count, updated_at, fact_state FROM items WHERE rowid = ?1",
            )
            .map_err(self.sq())?;
        let mut scored: Vec<(i64, ScoreParts)> = Vec::with_capacity(candidates.len());
        for rowid in candidates {
            let Some((level, zone, salience, accesses, updated, fact_state)) = meta
                .query_row([rowid], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, f64>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                    ))
                })
                .optional()
                .map_err(self.sq())?
            else {
                continue;
            };
            let (Some(level), Some(zone)) = (Level::from_code(level), Zone::from_code(zone)) else {
                continue;
            };
            if !zones.contains(&zone)
                || (!request.levels.is_empty() && !request.levels.contains(&level))
            {
                continue;
            }
            let history = matches!(
                fact_state.and_then(FactState::from_code),
                Some(FactState::Superseded | FactState::Rejected)
            );
            if history && !request.include_history {
                continue;
            }
            let b = bm25.get(&rowid).map_or(0.0, |s| s / max_bm25.max(1e-12));
            let e = if self.embedder.is_some() {
                Some(semantic.get(&rowid).copied().unwrap_or(0.0))
            } else {
                None
            };
            scored.push((
                rowid,
                fuse(
                    &self.config,
                    b,
                    e,
                    recency(now, updated, self.config.half_life_days),
                    effective_salience(salience, accesses),
                ),
            ));
        }
        drop(meta);
        scored.sort_by(|a, b| b.1.total.total_cmp(&a.1.total).then(a.0.cmp(&b.0)));
        let mut hits = Vec::new();
        let mut damaged = Vec::new();
        let sql = format!("{} WHERE i.rowid = ?1", super::store::ITEM_SELECT);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.sq())?;
        // A summary of a single item says what that item says: show only the first of the two.
        let mut covered: std::collections::HashSet<String> = Default::default();
        for (rowid, score) in scored {
            if hits.len() >= limit {
                break;
            }
            match stmt
                .query_row([rowid], |r| self.decode(r))
                .map_err(self.sq())?
            {
                Ok(row) => {
                    let sole = match row.item.sources.as_slice() {
                        [only] => Some(only.clone()),
                        _ => None,
                    };
                    let redundant = covered.contains(&row.item.id)
                        || sole.as_ref().is_some_and(|s| covered.contains(s));
                    covered.insert(row.item.id.clone());
                    covered.extend(sole);
                    if !redundant {
                        hits.push((
                            row.rowid,
                            MemoryHit {
                                item: row.item,
                                score,
                            },
                        ));
                    }
                }
                Err(MemoryError::Tampered { id }) => damaged.push(DamagedRecord {
                    reason: MemoryError::Tampered { id: id.clone() }.to_string(),
                    id,
                }),
                Err(e) => return Err(e),
            }
        }
        drop(stmt);
        let rowids: Vec<i64> = hits.iter().map(|(r, _)| *r).collect();
        if let Err(e) = self.touch(&rowids) {
            // Counting accesses is bookkeeping: a busy store must not fail the search.
            tracing::debug!("access counts not updated: {e}");
        }
        Ok(SearchResults {
            mode: self.retrieval_mode(),
            hits: hits.into_iter().map(|(_, h)| h).collect(),
            damaged,
        })
    }

    /// BM25 scores of the best candidates over the given zones.
    ///
    /// Query words are taken rarest first (document frequencies come from the `terms` table).
    /// A word in more than 5% of a zone's documents (at least 1000) adds no new candidates once
    /// the rarer words have found `limit` of them: it is only looked up for those, one primary-key
    /// probe each, instead of scanning its long posting list. Its low IDF could not lift a
    /// document without the rarer words above one that has them, so the top of the ranking is
    /// unchanged while a query with a common word stays fast.
    fn bm25_candidates(
        &self,
        query: &str,
        zones: &[Zone],
        limit: usize,
    ) -> Result<HashMap<i64, f64>> {
        let words = query_words(query);
        let mut scores: HashMap<i64, f64> = HashMap::new();
        if words.is_empty() {
            return Ok(scores);
        }
        let sq = self.sq();
        let mut corpus = self
            .conn
            .prepare_cached("SELECT docs, tokens FROM corpus WHERE zone = ?1")
            .map_err(&sq)?;
        let mut df_of = self
            .conn
            .prepare_cached("SELECT df FROM terms WHERE term = ?1")
            .map_err(&sq)?;
        let mut postings = self
            .conn
            .prepare_cached("SELECT item, tf, dl FROM postings WHERE term = ?1")
            .map_err(&sq)?;
        let mut probe = self
            .conn
            .prepare_cached("SELECT tf, dl FROM postings WHERE term = ?1 AND item = ?2")
            .map_err(&sq)?;
        for &zone in zones {
            let Some((docs, tokens)) = corpus
                .query_row([zone.code()], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })
                .optional()
                .map_err(&sq)?
            else {
                continue;
            };
            if docs == 0 {
                continue;
            }
            let n = docs as f64;
            let avgdl = (tokens as f64 / n).max(1.0);
            let common = (docs / 20).max(1000);
            let mut terms: Vec<(i64, i64)> = Vec::with_capacity(words.len());
            for word in &words {
                let term = self.keys.term(zone, word);
                let df: i64 = df_of
                    .query_row([term], |r| r.get(0))
                    .optional()
                    .map_err(&sq)?
                    .unwrap_or(0);
                if df > 0 {
                    terms.push((term, df));
                }
            }
            terms.sort_by_key(|t| t.1);
            let mut zone_items: Vec<i64> = Vec::new();
            for (term, df) in terms {
                let idf = (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
                let add = |item: i64, tf: i64, dl: i64, scores: &mut HashMap<i64, f64>| {
                    let tf = tf as f64;
                    let norm = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * dl as f64 / avgdl));
                    *scores.entry(item).or_insert(0.0) += idf * norm;
                };
                if df > common && zone_items.len() >= limit {
                    for &item in &zone_items {
                        if let Some((tf, dl)) = probe
                            .query_row(params![term, item], |r| Ok((r.get(0)?, r.get(1)?)))
                            .optional()
                            .map_err(&sq)?
                        {
                            add(item, tf, dl, &mut scores);
                        }
                    }
                    continue;
                }
                let rows = postings
                    .query_map([term], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .map_err(&sq)?;
                for row in rows {
                    let (item, tf, dl): (i64, i64, i64) = row.map_err(&sq)?;
                    if !scores.contains_key(&item) {
                        zone_items.push(item);
                    }
                    add(item, tf, dl, &mut scores);
                }
            }
        }
        if scores.len() > CANDIDATES {
            let mut all: Vec<(i64, f64)> = scores.into_iter().collect();
            all.select_nth_unstable_by(CANDIDATES - 1, |a, b| b.1.total_cmp(&a.1));
            all.truncate(CANDIDATES);
            scores = all.into_iter().collect();
        }
        Ok(scores)
    }

    /// Cosine similarities of the best candidates by embedding.
    fn vector_candidates(&self, query: &str, zones: &[Zone]) -> Result<HashMap<i64, f64>> {
        let q = self.embed_one(query)?;
        self.refresh_vectors()?;
        let cache = self.vectors.borrow();
        let Some(cache) = cache.as_ref() else {
            return Ok(HashMap::new());
        };
        let mut sims: Vec<(i64, f64)> = cache
            .entries
            .iter()
            .filter(|(_, zone, _)| zones.contains(zone))
            .map(|(rowid, _, v)| (*rowid, embed::dot(&q, v) as f64))
            .collect();
        if sims.len() > CANDIDATES {
            sims.select_nth_unstable_by(CANDIDATES - 1, |a, b| b.1.total_cmp(&a.1));
            sims.truncate(CANDIDATES);
        }
        Ok(sims.into_iter().collect())
    }

    /// Embeds every item that has no vector from the installed model (items stored before the
    /// model was installed, or under another model), in batches of 64 per transaction. Returns
    /// how many were embedded; 0 without a model.
    pub fn reembed_missing(&self) -> Result<usize> {
        let Some(embedder) = &self.embedder else {
            return Ok(0);
        };
        let model = embedder.model_id().to_string();
        let mut done = 0;
        loop {
            let (rows, _) = self.rows_where(
                "NOT EXISTS (SELECT 1 FROM vectors v WHERE v.item = i.rowid AND v.model = ?1) \
                 ORDER BY i.rowid LIMIT 64",
                [&model],
            )?;
            if rows.is_empty() {
                return Ok(done);
            }
            let texts: Vec<&str> = rows.iter().map(|r| r.item.text.as_str()).collect();
            let vectors = embedder.embed(&texts).map_err(MemoryError::Embedding)?;
            if vectors.len() != rows.len() {
                return Err(MemoryError::Embedding(format!(
                    "the model returned {} vectors for {} texts",
                    vectors.len(),
                    rows.len()
                )));
            }
            self.write(|conn| {
                for (row, v) in rows.iter().zip(vectors) {
                    let v = embed::normalise(v);
                    self.store_vector(conn, row.rowid, &row.item.id, row.item.zone, &model, &v)?;
                }
                Ok(())
            })?;
            done += rows.len();
        }
    }

    /// Loads and decrypts every vector of the installed model, unless the cache is current
    /// (no commit by any connection since it was built).
    fn refresh_vectors(&self) -> Result<()> {
        let Some(embedder) = &self.embedder else {
            return Ok(());
        };
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(self.sq())?;
        if let Some(cache) = self.vectors.borrow().as_ref()
            && cache.data_version == version
            && cache.model == embedder.model_id()
        {
            return Ok(());
        }
        let mut stmt = self
            .conn
            .prepare(
                "SELECT v.item, i.id, i.zone, v.nonce, v.ciphertext FROM vectors v \
                 JOIN items i ON i.rowid = v.item WHERE v.model = ?1",
            )
            .map_err(self.sq())?;
        let mut rows = stmt.query([embedder.model_id()]).map_err(self.sq())?;
        let mut entries = Vec::new();
        while let Some(r) = rows.next().map_err(self.sq())? {
            let rowid: i64 = r.get(0).map_err(self.sq())?;
            let id: String = r.get(1).map_err(self.sq())?;
            let Some(zone) = Zone::from_code(r.get(2).map_err(self.sq())?) else {
                continue;
            };
            let nonce: Vec<u8> = r.get(3).map_err(self.sq())?;
            let ct: Vec<u8> = r.get(4).map_err(self.sq())?;
            match self.keys.open(
                &super::crypto::vector_aad(&id, zone, embedder.model_id()),
                &nonce,
                &ct,
            ) {
                Some(bytes) => entries.push((rowid, zone, embed::from_bytes(&bytes))),
                None => tracing::warn!("the embedding of {id} failed authentication; skipped"),
            }
        }
        self.vectors.replace(Some(VectorCache {
            model: embedder.model_id().to_string(),
            data_version: version,
            entries,
        }));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fusion_weights_each_part() {
        let config = super::super::config::MemoryConfig::default();
        let s = fuse(&config, 1.0, None, 0.5, 0.4);
        assert_eq!(
            s,
            ScoreParts {
                bm25: 1.0,
                embedding: None,
                recency: 0.5,
                salience: 0.4,
                total: 0.6 + 0.15 * 0.5 + 0.25 * 0.4,
            }
        );
        let s = fuse(&config, 0.0, Some(0.9), 1.0, 0.0);
        assert!((s.total - (0.6 * 0.9 + 0.15)).abs() < 1e-12);
    }

    #[test]
    fn recency_halves_each_half_life() {
        let day = 86_400_000;
        assert!((recency(30 * day, 0, 30.0) - 0.5).abs() < 1e-12);
        assert!((recency(60 * day, 0, 30.0) - 0.25).abs() < 1e-12);
        assert_eq!(recency(0, 10, 30.0), 1.0);
    }
}
