//! Summaries of clusters. A [`Summarizer`] turns the texts of a cluster into the text of the
//! item above it. With no model configured the [`ExtractiveSummarizer`] is used: it keeps the
//! sentences closest to the cluster's TF-IDF centroid (skipping near-duplicates), in their
//! original order, under a line naming the cluster's most weighted words. It never writes a word
//! that is not in its sources, so a summary can be trusted as far as its sources can.

use serde::{Deserialize, Serialize};

use super::text::{SparseVec, TfIdf, sentences};
use super::types::Level;

/// How a model-backed summariser fared since it was last asked: summaries the model wrote, and
/// those that fell back to extractive (with the last reason), for the consolidation report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryTally {
    pub by_model: usize,
    pub fell_back: usize,
    pub last_fallback_reason: Option<String>,
}

/// Summarises a cluster into the text of the item above it.
pub trait Summarizer: Send + Sync {
    /// Shown in reports, e.g. `extractive` or a model name.
    fn name(&self) -> String;
    /// `texts` are the cluster's members, oldest first.
    fn summarize(&self, level: Level, texts: &[&str]) -> Result<String, String>;
    /// For summarisers that can fall back (a model): the tally since the last call, reset.
    /// `None` for those that always write their own summaries.
    fn take_tally(&self) -> Option<SummaryTally> {
        None
    }
}

/// The summariser used when no model is configured.
#[derive(Debug, Clone)]
pub struct ExtractiveSummarizer {
    /// Sentences kept per summary.
    pub max_sentences: usize,
    /// Words named on the topic line.
    pub topic_words: usize,
}

impl Default for ExtractiveSummarizer {
    fn default() -> Self {
        ExtractiveSummarizer {
            max_sentences: 3,
            topic_words: 6,
        }
    }
}

/// Sentences considered per summary, so a category over hundreds of traces stays cheap.
const MAX_CANDIDATE_SENTENCES: usize = 600;

impl Summarizer for ExtractiveSummarizer {
    fn name(&self) -> String {
        "extractive (no summarisation model configured)".into()
    }

    fn summarize(&self, _level: Level, texts: &[&str]) -> Result<String, String> {
        let mut candidates: Vec<String> = Vec::new();
        for text in texts {
            for sentence in sentences(text) {
                if sentence.starts_with("Topics: ") {
                    continue; // a topic line of a lower summary; ours is recomputed
                }
                if !candidates.contains(&sentence) {
                    candidates.push(sentence);
                }
                if candidates.len() >= MAX_CANDIDATE_SENTENCES {
                    break;
                }
            }
        }
        if candidates.is_empty() {
            return Ok(String::new());
        }
        if texts.len() == 1 {
            // A cluster of one: its own first sentences are its summary.
            return Ok(candidates
                .into_iter()
                .take(self.max_sentences)
                .collect::<Vec<_>>()
                .join("\n"));
        }
        let refs: Vec<&str> = candidates.iter().map(String::as_str).collect();
        let tfidf = TfIdf::fit(&refs);
        let mut centroid: std::collections::HashMap<u32, f32> = Default::default();
        for v in &tfidf.vectors {
            for &(id, w) in &v.entries {
                *centroid.entry(id).or_insert(0.0) += w;
            }
        }
        let mut centroid_entries: Vec<(u32, f32)> = centroid.into_iter().collect();
        centroid_entries.sort_by_key(|e| e.0);
        let centroid = SparseVec {
            entries: centroid_entries,
        };
        let mut ranked: Vec<(usize, f32)> = tfidf
            .vectors
            .iter()
            .enumerate()
            .map(|(i, v)| (i, v.dot(&centroid)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut chosen: Vec<usize> = Vec::new();
        for (i, _) in ranked {
            if chosen.len() >= self.max_sentences {
                break;
            }
            if chosen
                .iter()
                .any(|&c| tfidf.vectors[c].dot(&tfidf.vectors[i]) > 0.8)
            {
                continue;
            }
            chosen.push(i);
        }
        chosen.sort_unstable();
        let mut weights: Vec<(u32, f32)> = centroid.entries.clone();
        weights.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| tfidf.vocabulary[a.0 as usize].cmp(&tfidf.vocabulary[b.0 as usize]))
        });
        let topics: Vec<&str> = weights
            .iter()
            .take(self.topic_words)
            .map(|(id, _)| tfidf.vocabulary[*id as usize].as_str())
            .collect();
        let mut out = format!("Topics: {}.", topics.join(", "));
        for i in chosen {
            out.push('\n');
            out.push_str(&candidates[i]);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn extractive_summary_keeps_central_sentences_in_order() {
        let s = ExtractiveSummarizer {
            max_sentences: 2,
            topic_words: 3,
        };
        let got = s
            .summarize(
                Level::Trace,
                &[
                    "The auth token refresh fails after an hour.",
                    "Token refresh in auth middleware retries twice. Lunch was good.",
                    "The refresh token is stored in the auth cookie.",
                ],
            )
            .unwrap();
        assert_eq!(
            got,
            "Topics: auth, refresh, token.\nThe auth token refresh fails after an hour.\n\
             The refresh token is stored in the auth cookie."
        );
    }
}
