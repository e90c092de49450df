//! Reciprocal rank fusion: each ranking gives an item `weight / (k + rank)` (rank from 1), and the
//! items are ordered by the sum. It needs no score calibration between BM25, cosine similarity and
//! attention mass, which is why hybrid retrieval uses it; `k` (60 in the original paper) damps the
//! head of each list.

use std::collections::HashMap;
use std::hash::Hash;

/// One ranking to fuse: its weight and its items, best first.
#[derive(Debug, Clone)]
pub struct Ranking<K> {
    pub weight: f32,
    pub items: Vec<K>,
}

/// Fuses rankings; ties keep the order in which items were first seen.
pub fn rrf<K: Clone + Eq + Hash>(rankings: &[Ranking<K>], k: f32) -> Vec<(K, f32)> {
    let mut scores: HashMap<K, (f32, usize)> = HashMap::new();
    let mut seen = 0;
    for ranking in rankings {
        for (rank, item) in ranking.items.iter().enumerate() {
            let entry = scores.entry(item.clone()).or_insert_with(|| {
                seen += 1;
                (0.0, seen)
            });
            entry.0 += ranking.weight / (k + rank as f32 + 1.0);
        }
    }
    let mut out: Vec<(K, f32, usize)> = scores
        .into_iter()
        .map(|(key, (s, o))| (key, s, o))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    out.into_iter().map(|(key, s, _)| (key, s)).collect()
}

/// Fuses rankings like [`rrf`], then makes sure the first `keep` items of every ranking with a
/// positive weight are among the first `top` of the result: where one is not, it takes the place
/// of the lowest fused item that no ranking protects (the protected items keep their fused order
/// among themselves). So a method that is the only one to find an answer, and ranks it first,
/// is never outvoted by the others agreeing on something else.
pub fn rrf_keeping_tops<K: Clone + Eq + Hash>(
    rankings: &[Ranking<K>],
    k: f32,
    top: usize,
    keep: usize,
) -> Vec<(K, f32)> {
    let mut fused = rrf(rankings, k);
    let top = top.min(fused.len());
    let mut protected: Vec<K> = Vec::new();
    for ranking in rankings.iter().filter(|r| r.weight > 0.0) {
        for item in ranking.items.iter().take(keep) {
            if !protected.contains(item) {
                protected.push(item.clone());
            }
        }
    }
    // More protected items than places: the best fused of them.
    if protected.len() > top {
        let mut by_fused: Vec<K> = fused
            .iter()
            .filter(|(key, _)| protected.contains(key))
            .map(|(key, _)| key.clone())
            .collect();
        by_fused.truncate(top);
        protected = by_fused;
    }
    for item in &protected {
        let Some(at) = fused.iter().position(|(key, _)| key == item) else {
            continue;
        };
        if at < top {
            continue;
        }
        // The lowest unprotected item inside the top gives its place.
        let Some(victim) = (0..top).rev().find(|&i| !protected.contains(&fused[i].0)) else {
            continue;
        };
        let moved = fused.remove(at);
        fused.insert(victim, moved);
        // The displaced item and those after it shift down by one, staying in fused order.
        let displaced = fused.remove(victim + 1);
        fused.insert(top, displaced);
    }
    // Inside the top, fused order.
    fused[..top].sort_by(|a, b| b.1.total_cmp(&a.1));
    fused
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranking(weight: f32, items: &[&'static str]) -> Ranking<&'static str> {
        Ranking {
            weight,
            items: items.to_vec(),
        }
    }

    #[test]
    fn a_lists_top_hit_survives_fusion_when_the_others_agree_on_other_items() {
        // BM25 and InfiniRetri agree on a..e; only the vectors found "needle", first.
        // Plain fusion ranks it sixth.
        let rankings = [
            ranking(0.25, &["a", "b", "c", "d", "e"]),
            ranking(0.25, &["needle", "x", "y"]),
            ranking(1.0, &["a", "b", "c", "d", "e"]),
        ];
        let plain: Vec<&str> = rrf(&rankings, 10.0).iter().map(|(k, _)| *k).collect();
        assert_eq!(&plain[..5], &["a", "b", "c", "d", "e"]);
        let kept: Vec<&str> = rrf_keeping_tops(&rankings, 10.0, 5, 1)
            .iter()
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(kept, vec!["a", "b", "c", "d", "needle", "e", "x", "y"]);
    }

    #[test]
    fn a_zero_weight_list_protects_nothing_and_the_top_stays_in_fused_order() {
        let rankings = [
            ranking(0.0, &["z"]),
            ranking(1.0, &["a", "b"]),
            ranking(0.5, &["c", "a"]),
        ];
        let kept: Vec<(&str, f32)> = rrf_keeping_tops(&rankings, 1.0, 2, 1);
        // c is the 0.5 list's first: it displaces b (1/3), and sorts after a (1/2 + 0.5/3).
        assert_eq!(
            kept.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            vec!["a", "c", "b", "z"]
        );
    }

    #[test]
    fn more_protected_items_than_places_keeps_the_best_fused_of_them() {
        let rankings = [
            ranking(1.0, &["a"]),
            ranking(0.5, &["b"]),
            ranking(0.25, &["c"]),
        ];
        let kept: Vec<&str> = rrf_keeping_tops(&rankings, 1.0, 2, 1)
            .iter()
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(kept, vec!["a", "b", "c"]);
    }

    #[test]
    fn rrf_sums_weighted_reciprocal_ranks() {
        let fused = rrf(
            &[
                Ranking {
                    weight: 1.0,
                    items: vec!["a", "b", "c"],
                },
                Ranking {
                    weight: 2.0,
                    items: vec!["c", "a"],
                },
            ],
            60.0,
        );
        let expected = vec![
            ("c", 1.0 / 63.0 + 2.0 / 61.0),
            ("a", 1.0 / 61.0 + 2.0 / 62.0),
            ("b", 1.0 / 62.0),
        ];
        assert_eq!(fused.len(), 3);
        for ((key, score), (ekey, escore)) in fused.iter().zip(expected) {
            assert_eq!(*key, ekey);
            assert!((score - escore).abs() < 1e-7, "{key}: {score} vs {escore}");
        }
    }

    #[test]
    fn zero_weight_ranking_only_adds_items_at_the_end() {
        let fused = rrf(
            &[
                Ranking {
                    weight: 0.0,
                    items: vec!["x"],
                },
                Ranking {
                    weight: 1.0,
                    items: vec!["y"],
                },
            ],
            1.0,
        );
        assert_eq!(fused, vec![("y", 0.5), ("x", 0.0)]);
    }
}
