//! Text handling shared by retrieval and consolidation: words (the code tokenizer of the index,
//! so `parseConfig` and `parse_config` meet, minus English stop words), sentences for extractive
//! summaries, and sparse TF-IDF vectors for clustering when no embedding model is installed.

use std::collections::HashMap;

use crate::index::tokenize_into;

/// Words that carry no topic; dropped before hashing and clustering.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me",
    "more", "my", "no", "not", "of", "on", "one", "only", "or", "other", "our", "out", "she",
    "should", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "too", "up", "us", "use", "used", "uses", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would",
    "you", "your",
];

fn is_stop(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The indexable words of a document: identifier parts plus whole identifiers, lowercased,
/// without stop words.
pub(crate) fn document_words(text: &str) -> Vec<String> {
    words(text, true)
}

/// The words of a query: identifier parts only (documents hold both forms).
pub(crate) fn query_words(text: &str) -> Vec<String> {
    let mut out = words(text, false);
    out.sort();
    out.dedup();
    out
}

fn words(text: &str, emit_whole: bool) -> Vec<String> {
    let mut tokens = Vec::new();
    tokenize_into(text, emit_whole, &mut tokens);
    tokens
        .into_iter()
        .map(|t| t.text)
        .filter(|w| !is_stop(w))
        .collect()
}

/// Term frequencies of a document's words, and its length in words.
pub(crate) fn term_frequencies(text: &str) -> (HashMap<String, u32>, usize) {
    let words = document_words(text);
    let len = words.len();
    let mut tf = HashMap::new();
    for word in words {
        *tf.entry(word).or_insert(0u32) += 1;
    }
    (tf, len)
}

/// Splits prose into sentences (at `.`, `!`, `?` followed by white space, and at line breaks)
/// without cutting `config.toml` or `a.b()` apart.
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (i, &(at, c)) in chars.iter().enumerate() {
            let next_is_space = chars.get(i + 1).is_none_or(|(_, n)| n.is_whitespace());
            if matches!(c, '.' | '!' | '?') && next_is_space {
                let end = at + c.len_utf8();
                push_sentence(&mut out, &line[start..end]);
                start = end;
            }
        }
        push_sentence(&mut out, &line[start..]);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if s.chars().any(char::is_alphanumeric) {
        out.push(s.to_string());
    }
}

/// A unit-length sparse vector over term ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SparseVec {
    /// Sorted by term id.
    pub entries: Vec<(u32, f32)>,
}

impl SparseVec {
    pub fn dot(&self, other: &SparseVec) -> f32 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
        let (a, b) = (&self.entries, &other.entries);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    fn normalised(mut entries: Vec<(u32, f32)>) -> SparseVec {
        entries.sort_by_key(|e| e.0);
        let norm = entries.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in &mut entries {
                e.1 /= norm;
            }
        }
        SparseVec { entries }
    }
}

/// TF-IDF over one batch of texts: the vocabulary and document frequencies of the batch.
pub(crate) struct TfIdf {
    pub vectors: Vec<SparseVec>,
    pub vocabulary: Vec<String>,
}

impl TfIdf {
    /// Vectorises `texts` with sublinear term frequency and smoothed IDF.
    pub fn fit(texts: &[&str]) -> TfIdf {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut vocabulary = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        let mut counts = Vec::with_capacity(texts.len());
        for text in texts {
            let (tf, _) = term_frequencies(text);
            let mut doc = Vec::with_capacity(tf.len());
            for (word, n) in tf {
                let id = *ids.entry(word.clone()).or_insert_with(|| {
                    vocabulary.push(word);
                    df.push(0);
                    (vocabulary.len() - 1) as u32
                });
                df[id as usize] += 1;
                doc.push((id, n));
            }
            counts.push(doc);
        }
        let n = texts.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        let vectors = counts
            .into_iter()
            .map(|doc| {
                SparseVec::normalised(
                    doc.into_iter()
                        .map(|(id, n)| (id, (1.0 + (n as f32).ln()) * idf[id as usize]))
                        .collect(),
                )
            })
            .collect();
        TfIdf {
            vectors,
            vocabulary,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn words_split_identifiers_and_drop_stop_words() {
        assert_eq!(
            document_words("The parseConfig reads config.toml"),
            vec!["parseconfig", "parse", "config", "reads", "config", "toml"]
        );
        assert_eq!(
            query_words("where is parse_config?"),
            vec!["config", "parse"]
        );
    }

    #[test]
    fn sentences_split_at_stops_but_not_inside_names() {
        assert_eq!(
            sentences("Read config.toml first. Then call a.b()! Done?\nNext line"),
            vec![
                "Read config.toml first.",
                "Then call a.b()!",
                "Done?",
                "Next line"
            ]
        );
    }

    #[test]
    fn tfidf_vectors_are_unit_length_and_similar_texts_score_higher() {
        let t = TfIdf::fit(&[
            "token refresh fails in the auth middleware",
            "auth middleware token refresh retried",
            "chart colours in the dashboard",
        ]);
        let norm: f32 = t.vectors[0].entries.iter().map(|e| e.1 * e.1).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        assert!(t.vectors[0].dot(&t.vectors[1]) > 0.3);
        assert_eq!(t.vectors[0].dot(&t.vectors[2]), 0.0);
    }
}
