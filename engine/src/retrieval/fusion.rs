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

/// How many first places of each ranking the fused top `top` keeps: each ranking's share of `top`
/// by weight (largest remainders get the places left over), at least one for every ranking with a
/// positive weight (its place is taken out of the places the others divide), none for a zero
/// weight. The shares sum to `top`, or more only when there are more positive rankings than
/// places.
///
/// With weights 0, 1.25 and 0.5 (a question whose words the corpus lacks) and `top` 5 this is
/// 0, 4 and 1: the list trusted most keeps four of its five best, so the fused five hold at least
/// as many answers as that list's first four.
pub fn trusted_shares(weights: &[f32], top: usize) -> Vec<usize> {
    let positive: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0).collect();
    let mut shares = vec![0; weights.len()];
    if positive.is_empty() || top == 0 {
        return shares;
    }
    // A ranking whose share by weight is under one place gets exactly one, taken out of the
    // places the others divide, and the division is done again: a minimum place never pushes
    // the total past `top` (unless there are more rankings than places).
    let mut floor_of_one: Vec<usize> = Vec::new();
    loop {
        let rest: Vec<usize> = positive
            .iter()
            .copied()
            .filter(|i| !floor_of_one.contains(i))
            .collect();
        let places = top.saturating_sub(floor_of_one.len());
        let total: f32 = rest.iter().map(|&i| weights[i]).sum();
        let small: Vec<usize> = rest
            .iter()
            .copied()
            .filter(|&i| total <= 0.0 || places == 0 || (places as f32 * weights[i] / total) < 1.0)
            .collect();
        if small.is_empty() || rest.is_empty() {
            for &i in &floor_of_one {
                shares[i] = 1;
            }
            if rest.is_empty() || places == 0 {
                return shares;
            }
            let quotas: Vec<(usize, f32)> = rest
                .iter()
                .map(|&i| (i, places as f32 * weights[i] / total))
                .collect();
            for &(i, q) in &quotas {
                shares[i] = q.floor() as usize;
            }
            let mut left = places.saturating_sub(quotas.iter().map(|&(i, _)| shares[i]).sum());
            let mut by_remainder = quotas.clone();
            // Largest remainder first; on a tie the earlier ranking.
            by_remainder.sort_by(|a, b| {
                (b.1 - b.1.floor())
                    .total_cmp(&(a.1 - a.1.floor()))
                    .then(a.0.cmp(&b.0))
            });
            for &(i, _) in &by_remainder {
                if left == 0 {
                    break;
                }
                shares[i] += 1;
                left -= 1;
            }
            return shares;
        }
        floor_of_one.extend(small);
    }
}

/// Fuses rankings like [`rrf`], then makes sure the first `keep` items of every ranking with a
/// positive weight are among the first `top` of the result; see [`rrf_keeping_shares`].
pub fn rrf_keeping_tops<K: Clone + Eq + Hash>(
    rankings: &[Ranking<K>],
    k: f32,
    top: usize,
    keep: usize,
) -> Vec<(K, f32)> {
    let keeps: Vec<usize> = rankings
        .iter()
        .map(|r| if r.weight > 0.0 { keep } else { 0 })
        .collect();
    rrf_keeping_shares(rankings, k, top, &keeps)
}

/// Fuses rankings like [`rrf`], then makes sure the first `keeps[i]` items of ranking `i` are
/// among the first `top` of the result: where one is not, it takes the place of the lowest fused
/// item that no ranking protects (the protected items keep their fused order among themselves).
/// So a method that is the only one to find an answer is never outvoted by the others agreeing on
/// something else. A ranking without an entry in `keeps` protects nothing.
pub fn rrf_keeping_shares<K: Clone + Eq + Hash>(
    rankings: &[Ranking<K>],
    k: f32,
    top: usize,
    keeps: &[usize],
) -> Vec<(K, f32)> {
    let mut fused = rrf(rankings, k);
    let top = top.min(fused.len());
    let mut protected: Vec<K> = Vec::new();
    for (ranking, keep) in rankings.iter().zip(keeps) {
        for item in ranking.items.iter().take(*keep) {
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
    fn shares_follow_the_weights_and_give_every_trusted_list_a_place() {
        // The default weights when the question's words are in the corpus, and when not.
        assert_eq!(trusted_shares(&[0.25, 0.25, 1.0], 5), vec![1, 1, 3]);
        assert_eq!(trusted_shares(&[0.0, 1.25, 0.5], 5), vec![0, 4, 1]);
        // A tiny weight still keeps its first place, out of the places the others share.
        assert_eq!(trusted_shares(&[0.01, 1.0, 1.0], 4), vec![1, 2, 1]);
        // The measured miss: vector trusted most, BM25's minimum place does not cost it one.
        assert_eq!(trusted_shares(&[0.033, 1.117, 0.567], 5), vec![1, 3, 1]);
        assert_eq!(trusted_shares(&[1.0, 1.0, 1.0], 2), vec![1, 1, 1]);
        assert_eq!(trusted_shares(&[0.0, 0.0], 5), vec![0, 0]);
        assert_eq!(trusted_shares(&[1.0], 0), vec![0]);
    }

    #[test]
    fn each_list_keeps_its_trusted_share_when_the_others_agree_elsewhere() {
        // The weights at a lexical match of 0.6 (the question's common words occur, its rare ones
        // do not); BM25 and InfiniRetri agree on chunks full of those words; the vectors rank the
        // planted fact's chunk second. Plain fusion ranks it seventh.
        let weights = [0.15, 0.65, 0.8];
        let rankings = [
            ranking(weights[0], &["a", "b", "c", "d", "e", "f"]),
            ranking(weights[1], &["v1", "needle", "v3", "v4"]),
            ranking(weights[2], &["a", "b", "c", "d", "e"]),
        ];
        let order = |fused: Vec<(&'static str, f32)>| -> Vec<&'static str> {
            fused.into_iter().map(|(k, _)| k).collect()
        };
        assert_eq!(
            order(rrf(&rankings, 10.0)),
            vec!["a", "b", "c", "d", "e", "v1", "needle", "v3", "v4", "f"]
        );
        // Keeping only each list's first saves v1, not the needle.
        assert_eq!(
            order(rrf_keeping_tops(&rankings, 10.0, 5, 1))[..5],
            ["a", "b", "c", "d", "v1"]
        );
        let keeps = trusted_shares(&weights, 5);
        assert_eq!(keeps, vec![1, 2, 2]);
        assert_eq!(
            order(rrf_keeping_shares(&rankings, 10.0, 5, &keeps)),
            vec!["a", "b", "c", "v1", "needle", "d", "e", "v3", "v4", "f"]
        );
    }

    /// Every list's first `share` items are in the fused top, whatever the lists: checked on
    /// lists drawn from a fixed pseudo-random sequence over a small alphabet (so they overlap).
    #[test]
    fn every_lists_share_is_in_the_fused_top_for_many_overlapping_lists() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..500 {
            let weights = [
                next(4) as f32 * 0.25,
                next(6) as f32 * 0.25,
                next(5) as f32 * 0.25,
            ];
            let rankings: Vec<Ranking<u64>> = weights
                .iter()
                .map(|&weight| {
                    let mut items: Vec<u64> = Vec::new();
                    for _ in 0..(3 + next(8)) {
                        let item = next(12);
                        if !items.contains(&item) {
                            items.push(item);
                        }
                    }
                    Ranking { weight, items }
                })
                .collect();
            let top = 1 + next(6) as usize;
            let keeps = trusted_shares(&weights, top);
            let fused = rrf_keeping_shares(&rankings, 10.0, top, &keeps);
            let head: Vec<u64> = fused.iter().take(top).map(|(k, _)| *k).collect();
            let wanted: usize = keeps.iter().sum();
            for (ranking, keep) in rankings.iter().zip(&keeps) {
                for item in ranking.items.iter().take(*keep) {
                    // More places wanted than the top has: only then may one be missing.
                    assert!(
                        head.contains(item) || wanted > top,
                        "{item} of {:?} (keep {keep}) not in {head:?}",
                        ranking.items
                    );
                }
            }
            // Nothing is lost or doubled.
            let mut all: Vec<u64> = fused.iter().map(|(k, _)| *k).collect();
            let n = all.len();
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), n);
        }
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
