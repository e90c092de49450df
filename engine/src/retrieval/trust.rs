//! How much each hybrid list is trusted for one question.
//!
//! BM25 and the word-matching focus are worth much when the answer is written in the question's
//! words and little when it is not ("when do aged bills get moved elsewhere?" against a comment
//! about invoices archived to cold storage): then the best BM25 chunks hold the question's common
//! words scattered over unrelated lines, while its rare words occur nowhere. The signal is the
//! **lexical match**: the share of the question's terms, weighted by their IDF in the corpus (a
//! term the corpus lacks weighs most), that one line of the best BM25 chunks holds together. A
//! planted fact asked in its own words scores near 1; a paraphrase near 0.
//!
//! The weights follow it: BM25's weight scales with the match, the vector list gains what BM25
//! loses and leads when nothing matches, and InfiniRetri (whose reading head matches words too)
//! keeps half its weight at no match.

use super::Weights;
use crate::index::tokenize_into;

/// The IDF of a term in a corpus of `docs` documents of which `df` hold it (BM25's, kept
/// positive).
pub fn idf(df: u64, docs: u64) -> f32 {
    let (df, docs) = (df as f32, docs.max(1) as f32);
    (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()
}

/// The IDF-weighted share of `terms` (with their IDFs) that the best single line of `texts`
/// holds; a line word counts for a term it starts with, as in [`super::focus`]. 0 without terms.
pub fn lexical_match(terms: &[(String, f32)], texts: &[&str]) -> f32 {
    let total: f32 = terms.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let mut words = Vec::new();
    let mut best: f32 = 0.0;
    for line in texts.iter().flat_map(|t| t.lines()) {
        words.clear();
        tokenize_into(line, false, &mut words);
        if words.is_empty() {
            continue;
        }
        let held: f32 = terms
            .iter()
            .filter(|(term, _)| {
                words
                    .iter()
                    .any(|w| w.text.to_lowercase().starts_with(term.as_str()))
            })
            .map(|(_, w)| w)
            .sum();
        best = best.max(held / total);
    }
    best
}

/// The weights for a question whose lexical match is `lexical` (0 to 1), from the configured
/// ones: BM25 scales with the match, the vectors gain InfiniRetri's weight as the match falls,
/// InfiniRetri keeps at least half.
pub fn weights_for(base: Weights, lexical: f32) -> Weights {
    let m = lexical.clamp(0.0, 1.0);
    Weights {
        bm25: base.bm25 * m,
        vector: base.vector + (1.0 - m) * base.infini,
        infini: base.infini * (0.5 + 0.5 * m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[(&str, f32)]) -> Vec<(String, f32)> {
        list.iter().map(|(t, w)| (t.to_string(), *w)).collect()
    }

    #[test]
    fn a_line_holding_every_term_matches_fully_and_scattered_words_do_not() {
        let t = terms(&[("nightly", 3.0), ("backup", 2.0), ("job", 1.0)]);
        let chunk = "fn run() {\n    // NOTE: the nightly backup job starts at 03:17 UTC\n}\n";
        assert_eq!(lexical_match(&t, &[chunk]), 1.0);
        // The words are there, but never on one line: the best line holds backup (2 of 6).
        let scattered = "let backup = open();\nlet job = spawn();\n";
        assert!((lexical_match(&t, &[scattered]) - 2.0 / 6.0).abs() < 1e-6);
        assert_eq!(lexical_match(&t, &["nothing here\n"]), 0.0);
        assert_eq!(lexical_match(&[], &[chunk]), 0.0);
    }

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        assert!(idf(1, 1000) > idf(500, 1000));
        assert!(idf(0, 1000) > idf(1, 1000));
        assert!(idf(1000, 1000) > 0.0);
    }

    #[test]
    fn without_a_match_the_vectors_lead_and_with_one_the_weights_stay() {
        let base = Weights::default();
        assert_eq!(weights_for(base, 1.0), base);
        assert_eq!(
            weights_for(base, 0.0),
            Weights {
                bm25: 0.0,
                vector: 1.25,
                infini: 0.5,
            }
        );
    }
}
