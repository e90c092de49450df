//! Focusing a hybrid candidate: the lines of a long chunk that InfiniRetri reads.
//!
//! Index chunks run to 150 lines (a whole function or a window of a file), so a token budget of
//! whole chunks holds only a few dozen candidates, and at 1M tokens BM25 ranks a planted fact's
//! chunk as low as 100th (docs/retrieval.md). Like a search engine's snippet, a focused candidate
//! is the window of at most `lines` lines around the line sharing the most words with the
//! question. A candidate that matched by meaning has a better guide: the window of the chunk whose
//! embedding is closest to the question ([`super::units`]), so the focus is put there
//! ([`focus_on_unit`]) when the question's words do not lead (see [`super::trust`]). A chunk with
//! neither keeps its head: for a symbol's chunk, its doc comment and signature.

use crate::index::tokenize_into;

/// The words of a question that a line can share: the code tokens of the BM25 query, lowercased,
/// each once.
pub fn focus_terms(query: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    tokenize_into(query, false, &mut tokens);
    let mut terms: Vec<String> = Vec::new();
    for token in tokens {
        let term = token.text.to_lowercase();
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// How many of `terms` a line holds; a line word counts for a term it starts with, so "starts"
/// and "started" meet "start" without a stemmer.
fn shared_terms(
    line: &str,
    terms: &[String],
    scratch: &mut Vec<tantivy::tokenizer::Token>,
) -> usize {
    scratch.clear();
    tokenize_into(line, false, scratch);
    terms
        .iter()
        .filter(|term| {
            scratch
                .iter()
                .any(|word| word.text.to_lowercase().starts_with(term.as_str()))
        })
        .count()
}

/// The part of a chunk InfiniRetri reads: its first and last line (1-based, in the file) and its
/// text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub start_line: usize,
    pub end_line: usize,
    pub text: String,
}

/// Cuts a chunk (`text`, whose first line is `start_line`) to at most `lines` lines around the
/// line that shares the most `terms` (the first such line on a tie), a third of the window before
/// it. A chunk of `lines` lines or fewer, or `lines == 0`, is kept whole.
pub fn focus(text: &str, start_line: usize, terms: &[String], lines: usize) -> Focus {
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    if lines == 0 || all.len() <= lines {
        return Focus {
            start_line,
            end_line: start_line + all.len().saturating_sub(1),
            text: text.to_string(),
        };
    }
    let mut scratch = Vec::new();
    let mut best = (0, 0);
    for (i, line) in all.iter().enumerate() {
        let shared = shared_terms(line, terms, &mut scratch);
        if shared > best.1 {
            best = (i, shared);
        }
    }
    let first = if best.1 == 0 {
        0
    } else {
        best.0.saturating_sub(lines / 3).min(all.len() - lines)
    };
    Focus {
        start_line: start_line + first,
        end_line: start_line + first + lines - 1,
        text: all[first..first + lines].concat(),
    }
}

/// Cuts a chunk to at most `lines` lines around the unit `unit` (its first and last line in the
/// file; a window of the chunk that an embedding matched), a third of the rest before it. A chunk
/// of `lines` lines or fewer, or `lines == 0`, is kept whole.
pub fn focus_on_unit(text: &str, start_line: usize, unit: (usize, usize), lines: usize) -> Focus {
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    if lines == 0 || all.len() <= lines {
        return focus(text, start_line, &[], lines);
    }
    let unit_first = unit.0.saturating_sub(start_line).min(all.len() - 1);
    let unit_len = (unit.1.saturating_sub(unit.0) + 1).min(lines);
    let first = unit_first
        .saturating_sub((lines - unit_len) / 3)
        .min(all.len() - lines);
    Focus {
        start_line: start_line + first,
        end_line: start_line + first + lines - 1,
        text: all[first..first + lines].concat(),
    }
}

/// How many of `terms` the best line of `text` holds (0: no line shares a word).
pub fn best_line_terms(text: &str, terms: &[String]) -> usize {
    let mut scratch = Vec::new();
    text.lines()
        .map(|line| shared_terms(line, terms, &mut scratch))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(n: usize, planted: &[(usize, &str)]) -> String {
        (1..=n)
            .map(|i| {
                planted
                    .iter()
                    .find(|(at, _)| *at == i)
                    .map_or(format!("let value_{i} = compute(input);\n"), |(_, l)| {
                        format!("{l}\n")
                    })
            })
            .collect()
    }

    #[test]
    fn focus_centres_on_the_line_sharing_most_question_words() {
        let text = numbered(
            100,
            &[
                (20, "// the backup folder"),
                (
                    70,
                    "// NOTE: the nightly backup job starts at 03:17 UTC every day.",
                ),
            ],
        );
        let terms = focus_terms("nightly backup job start");
        let got = focus(&text, 41, &terms, 30);
        // Line 70 of the chunk is file line 110; ten lines of the window come before it.
        assert_eq!(
            (got.start_line, got.end_line),
            (41 + 69 - 10, 41 + 69 - 10 + 29)
        );
        assert_eq!(got.text.lines().count(), 30);
        assert_eq!(
            got.text.lines().nth(10),
            Some("// NOTE: the nightly backup job starts at 03:17 UTC every day.")
        );
    }

    #[test]
    fn focus_near_the_end_keeps_a_full_window() {
        let text = numbered(100, &[(99, "fn nightly_backup_job() {}")]);
        let got = focus(&text, 1, &focus_terms("nightly backup"), 30);
        assert_eq!((got.start_line, got.end_line), (71, 100));
    }

    #[test]
    fn chunk_without_a_shared_word_keeps_its_head() {
        let text = numbered(100, &[]);
        let got = focus(&text, 5, &focus_terms("payments outage"), 30);
        assert_eq!((got.start_line, got.end_line), (5, 34));
        assert!(got.text.starts_with("let value_1 = compute(input);\n"));
    }

    #[test]
    fn short_chunk_or_zero_lines_is_kept_whole() {
        let text = numbered(12, &[]);
        let whole = Focus {
            start_line: 3,
            end_line: 14,
            text: text.clone(),
        };
        assert_eq!(focus(&text, 3, &focus_terms("compute"), 30), whole);
        let long = numbered(100, &[]);
        assert_eq!(focus(&long, 1, &focus_terms("compute"), 0).end_line, 100);
    }

    #[test]
    fn unit_focus_puts_the_matched_window_a_third_down() {
        let text = numbered(
            150,
            &[(90, "# invoices older than ninety days go to cold storage")],
        );
        // The chunk starts at file line 201; the embedding matched its window 289-296 (chunk
        // lines 89-96): 22 lines are left, 7 of them before the window.
        let got = focus_on_unit(&text, 201, (289, 296), 30);
        assert_eq!((got.start_line, got.end_line), (282, 311));
        assert_eq!(
            got.text.lines().nth(8),
            Some("# invoices older than ninety days go to cold storage")
        );
        // Near the end the window still has 30 lines, ending with the chunk.
        let tail = focus_on_unit(&text, 201, (345, 350), 30);
        assert_eq!((tail.start_line, tail.end_line), (321, 350));
        // A short chunk is kept whole.
        assert_eq!(
            focus_on_unit(&numbered(20, &[]), 5, (9, 12), 30),
            Focus {
                start_line: 5,
                end_line: 24,
                text: numbered(20, &[])
            }
        );
    }

    #[test]
    fn best_line_terms_counts_the_line_sharing_most() {
        let text = "let backup = 1;\n// the nightly backup job\n";
        assert_eq!(best_line_terms(text, &focus_terms("nightly backup job")), 3);
        assert_eq!(best_line_terms(text, &focus_terms("invoice")), 0);
    }

    #[test]
    fn terms_are_lowercased_code_tokens_each_once() {
        assert_eq!(
            focus_terms("nightlyBackup backup_job JOB"),
            vec!["nightly", "backup", "job"]
        );
    }
}
