//! Agglomerative clustering with average linkage and a similarity threshold: merge the two most
//! similar clusters until no pair is at least `threshold` similar. Average linkage keeps a
//! cluster's members similar on the whole (single linkage chains unrelated topics through one
//! shared word). The similarity matrix is updated with the Lance–Williams formula and each row
//! caches its best partner, so a run is O(n²) in the usual case rather than O(n³).
//!
//! Seeds are existing summaries offered alongside new items: a new item may join a seed (the
//! trace is extended), but two seeds never merge, so a run never rewrites earlier consolidations.

/// One input item of a clustering run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Point {
    /// How many items it stands for (a seed trace of 12 episodes weighs 12).
    pub weight: f32,
    pub seed: bool,
}

const FORBIDDEN: f32 = f32::NEG_INFINITY;

/// Clusters `points` given their pairwise similarities `sim(i, j)` (symmetric). Returns clusters
/// as lists of point indices, each sorted, ordered by their first member.
pub(crate) fn agglomerate(
    points: &[Point],
    sim: impl Fn(usize, usize) -> f32,
    threshold: f32,
) -> Vec<Vec<usize>> {
    let n = points.len();
    let mut s = vec![0f32; n * n];
    for i in 0..n {
        for j in (i + 1)..n {
            let v = if points[i].seed && points[j].seed {
                FORBIDDEN
            } else {
                sim(i, j)
            };
            s[i * n + j] = v;
            s[j * n + i] = v;
        }
    }
    let mut active = vec![true; n];
    let mut weight: Vec<f32> = points.iter().map(|p| p.weight.max(1e-6)).collect();
    let mut seed: Vec<bool> = points.iter().map(|p| p.seed).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let best_of = |s: &[f32], active: &[bool], i: usize| -> (usize, f32) {
        let mut best = (usize::MAX, FORBIDDEN);
        for j in 0..n {
            if j != i && active[j] && s[i * n + j] > best.1 {
                best = (j, s[i * n + j]);
            }
        }
        best
    };
    let mut best: Vec<(usize, f32)> = (0..n).map(|i| best_of(&s, &active, i)).collect();
    while let Some((i, (j, value))) = best
        .iter()
        .enumerate()
        .filter(|(i, _)| active[*i])
        .max_by(|a, b| a.1.1.total_cmp(&b.1.1))
        .map(|(i, b)| (i, *b))
    {
        if j == usize::MAX || value < threshold {
            break;
        }
        // Merge j into i.
        let (wi, wj) = (weight[i], weight[j]);
        active[j] = false;
        seed[i] = seed[i] || seed[j];
        for k in 0..n {
            if !active[k] || k == i {
                continue;
            }
            let v = if seed[i] && seed[k] {
                FORBIDDEN
            } else {
                (wi * s[i * n + k] + wj * s[j * n + k]) / (wi + wj)
            };
            s[i * n + k] = v;
            s[k * n + i] = v;
        }
        weight[i] = wi + wj;
        let moved = std::mem::take(&mut members[j]);
        members[i].extend(moved);
        best[i] = best_of(&s, &active, i);
        for k in 0..n {
            if !active[k] || k == i {
                continue;
            }
            if best[k].0 == i || best[k].0 == j {
                best[k] = best_of(&s, &active, k);
            } else if s[k * n + i] > best[k].1 {
                best[k] = (i, s[k * n + i]);
            }
        }
    }
    let mut clusters: Vec<Vec<usize>> = members
        .into_iter()
        .enumerate()
        .filter(|(i, _)| active[*i])
        .map(|(_, mut m)| {
            m.sort_unstable();
            m
        })
        .collect();
    clusters.sort_by_key(|c| c.first().copied());
    clusters
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn check(sims: &[&[f32]], seeds: &[bool], threshold: f32, expected: &[&[usize]]) {
        let points: Vec<Point> = seeds
            .iter()
            .map(|&seed| Point { weight: 1.0, seed })
            .collect();
        let got = agglomerate(&points, |i, j| sims[i][j], threshold);
        let expected: Vec<Vec<usize>> = expected.iter().map(|c| c.to_vec()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn two_groups_split_at_the_threshold() {
        let m: &[&[f32]] = &[
            &[1.0, 0.9, 0.8, 0.1],
            &[0.9, 1.0, 0.7, 0.0],
            &[0.8, 0.7, 1.0, 0.2],
            &[0.1, 0.0, 0.2, 1.0],
        ];
        check(m, &[false; 4], 0.5, &[&[0, 1, 2], &[3]]);
        check(m, &[false; 4], 0.95, &[&[0], &[1], &[2], &[3]]);
    }

    #[test]
    fn average_linkage_does_not_chain() {
        // 0-1 and 1-2 are close, 0-2 far: average linkage refuses to pull 2 in at 0.6.
        let m: &[&[f32]] = &[&[1.0, 0.9, 0.1], &[0.9, 1.0, 0.7], &[0.1, 0.7, 1.0]];
        check(m, &[false; 3], 0.6, &[&[0, 1], &[2]]);
    }

    #[test]
    fn seeds_take_new_points_but_never_merge() {
        let m: &[&[f32]] = &[
            &[1.0, 0.9, 0.8, 0.1],
            &[0.9, 1.0, 0.1, 0.85],
            &[0.8, 0.1, 1.0, 0.1],
            &[0.1, 0.85, 0.1, 1.0],
        ];
        check(m, &[true, true, false, false], 0.5, &[&[0, 2], &[1, 3]]);
    }
}
