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

#[cfg(test)]
mod tests {
    use super::*;

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
