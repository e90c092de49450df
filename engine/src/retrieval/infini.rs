//! InfiniRetri (arXiv 2502.12962): a small LM reads a long text window by window and its own
//! attention decides what to keep.
//!
//! For each window the model reads `[preamble] [cached units] [window units] [question]`. The
//! chosen layer's attention from the question's tokens to every earlier token, summed over the
//! model's retrieval heads and the question rows, scores each context token; a 1-D window (`phrase_window` tokens) smooths the scores so a phrase
//! counts rather than one token; the `top_k_tokens` best positions pick the units (lines) that
//! contain them, and the best units, up to `cache_tokens`, are carried into the next window. At the
//! end the last cache and the best units ever seen are read together once more (twice: in reading
//! order and reversed, which cancels most of the position bias of lines read out of their files),
//! ranked by that final reading, and merged into passages with their file and line range.
//!
//! Departures from the reference code, all from measurements on code haystacks: units are lines,
//! not `.`-split sentences; a line of punctuation only (`}`) is read but never kept, since such
//! tokens draw attention whatever the question; a small reserve keeps the best-scoring units
//! ever seen, since a greedy cache that drops a needle once never gets it back; only a few heads
//! are summed (the manifest's `retrieval_heads`), since the others add noise that buries needles
//! among look-alikes; the preamble (which takes the attention sink of causal LMs) and the
//! `Question:` label (which would favour lines saying "question") are read but not scored. Scores
//! are divided by the attention mass the window's context received, so scores of different
//! windows compare. Memory is bounded by one window, the cache and the reserve, whatever the
//! corpus size.

use super::corpus::{Document, Unit, units};
use super::{Passage, RetrievalError};
use std::collections::HashMap;

/// The text read before every context (see `State::preamble_ids`).
const PREAMBLE: &str = "Lines of source code follow.\n";

/// Read between the context and the question.
const QUESTION_LABEL: &str = "\nQuestion: ";

/// What InfiniRetri needs from a language model. [`crate::models::AttentionModel`] is the real one;
/// tests also use a deterministic twin to pin the window and cache logic.
pub trait AttentionSource {
    /// Token ids of a text, without special tokens.
    fn encode(&self, text: &str) -> Result<Vec<u32>, RetrievalError>;
    /// The longest input one run takes.
    fn max_tokens(&self) -> usize;
    /// For each position, the attention it receives from rows `rows_from..ids.len()`, summed over
    /// the model's retrieval heads and those rows.
    fn column_scores(&self, ids: &[u32], rows_from: usize) -> Result<Vec<f32>, RetrievalError>;
}

impl AttentionSource for crate::models::AttentionModel {
    fn encode(&self, text: &str) -> Result<Vec<u32>, RetrievalError> {
        Ok(crate::models::AttentionModel::encode(self, text)?.ids)
    }
    fn max_tokens(&self) -> usize {
        crate::models::AttentionModel::max_tokens(self)
    }
    fn column_scores(&self, ids: &[u32], rows_from: usize) -> Result<Vec<f32>, RetrievalError> {
        Ok(self
            .attention(ids, rows_from)?
            .column_sums_over(self.retrieval_heads()))
    }
}

/// InfiniRetri's knobs (`[retrieval]` in rlm.toml).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InfiniSettings {
    /// Tokens of new text per window.
    pub window_tokens: usize,
    /// Token positions kept per window (the paper's top-k).
    pub top_k_tokens: usize,
    /// Width of the 1-D phrase window over token scores.
    pub phrase_window: usize,
    /// Token budget of the cache carried into the next window.
    pub cache_tokens: usize,
    /// How many best-ever units are kept beside the cache.
    pub reserve_units: usize,
    /// Lines of context added around each kept line in a passage.
    pub context_lines: usize,
}

impl Default for InfiniSettings {
    fn default() -> Self {
        InfiniSettings {
            window_tokens: 1024,
            top_k_tokens: 300,
            phrase_window: 8,
            cache_tokens: 256,
            reserve_units: 64,
            context_lines: 1,
        }
    }
}

/// A unit with its token ids and the score it was last given.
#[derive(Debug, Clone)]
struct Scored {
    unit: Unit,
    ids: Vec<u32>,
    /// Position in corpus order, to keep the cache in reading order.
    order: usize,
    score: f32,
}

/// What one InfiniRetri pass did, for benchmarks and tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InfiniStats {
    pub windows: usize,
    /// Tokens of new text read (cache and question not counted).
    pub tokens: usize,
    /// The largest model input of the pass.
    pub max_input_tokens: usize,
    pub seconds: f64,
}

/// Runs InfiniRetri over `docs` and returns up to `k` passages, best first.
pub fn infini_retrieve(
    source: &dyn AttentionSource,
    docs: &[Document],
    question: &str,
    k: usize,
    settings: &InfiniSettings,
) -> Result<(Vec<Passage>, InfiniStats), RetrievalError> {
    infini_retrieve_judged(source, source, docs, question, k, settings)
}

/// InfiniRetri whose windows are read by `source` and whose final reading (the ranking) is done
/// by `judge`: a fast shallow model for every token, a deeper one for the few lines kept. The
/// two must share a tokenizer.
pub fn infini_retrieve_judged(
    source: &dyn AttentionSource,
    judge: &dyn AttentionSource,
    docs: &[Document],
    question: &str,
    k: usize,
    settings: &InfiniSettings,
) -> Result<(Vec<Passage>, InfiniStats), RetrievalError> {
    let started = std::time::Instant::now();
    let question = question.trim();
    if question.is_empty() {
        return Err(RetrievalError::EmptyQuestion);
    }
    let framing = Framing::of(source, question)?;
    let budget = framing.preamble_ids.len()
        + settings.window_tokens
        + settings.cache_tokens
        + framing.question_ids.len();
    if budget > source.max_tokens() {
        return Err(RetrievalError::Settings(format!(
            "window_tokens ({}) + cache_tokens ({}) + the question and its framing ({} tokens) exceed the model's context of {} tokens",
            settings.window_tokens,
            settings.cache_tokens,
            framing.preamble_ids.len() + framing.question_ids.len(),
            source.max_tokens()
        )));
    }
    // Data pointers only: a vtable pointer may differ for the same object.
    let separate_judge = !std::ptr::addr_eq(source as *const _, judge as *const _);
    if separate_judge {
        // The judge reads the ids the reader's tokenizer made.
        if Framing::of(judge, question)? != framing {
            return Err(RetrievalError::Settings(
                "the final-reading model does not share the attention model's tokenizer: pick models converted from the same family ([models] final_attention)".into(),
            ));
        }
        if budget > judge.max_tokens() {
            return Err(RetrievalError::Settings(format!(
                "window_tokens ({}) + cache_tokens ({}) exceed the final-reading model's context of {} tokens",
                settings.window_tokens,
                settings.cache_tokens,
                judge.max_tokens()
            )));
        }
    }
    let Framing {
        preamble_ids,
        question_ids,
        label_len,
    } = framing;
    let mut state = State {
        source,
        judge,
        separate_judge,
        settings,
        preamble_ids,
        question_ids,
        label_len,
        cache: Vec::new(),
        reserve: HashMap::new(),
        stats: InfiniStats::default(),
    };
    let mut window: Vec<Scored> = Vec::new();
    let mut window_len = 0;
    for (order, unit) in units(docs).enumerate() {
        let ids = source.encode(&unit.text)?;
        // An over-long line is read in pieces that each fit a window.
        for piece in ids.chunks(settings.window_tokens.max(1)) {
            if window_len + piece.len() > settings.window_tokens && !window.is_empty() {
                state.read_window(std::mem::take(&mut window))?;
                window_len = 0;
            }
            window_len += piece.len();
            window.push(Scored {
                unit: unit.clone(),
                ids: piece.to_vec(),
                order,
                score: 0.0,
            });
        }
    }
    if !window.is_empty() {
        state.read_window(window)?;
    }
    let ranked = state.ranked()?;
    let mut stats = state.stats;
    stats.seconds = started.elapsed().as_secs_f64();
    Ok((passages(docs, &ranked, k, settings.context_lines), stats))
}

/// The token ids read around every context: the preamble before it, the question after it.
#[derive(Debug, PartialEq)]
struct Framing {
    preamble_ids: Vec<u32>,
    /// The `Question:` label and the question.
    question_ids: Vec<u32>,
    /// Leading tokens of `question_ids` (the label) whose rows are not counted.
    label_len: usize,
}

impl Framing {
    fn of(model: &dyn AttentionSource, question: &str) -> Result<Framing, RetrievalError> {
        // The label is read but its rows are not counted: "Question" would otherwise draw
        // attention to every line that says "question".
        let mut question_ids = model.encode(QUESTION_LABEL)?;
        let label_len = question_ids.len();
        question_ids.extend(model.encode(&format!("{question}\n"))?);
        Ok(Framing {
            preamble_ids: model.encode(PREAMBLE)?,
            question_ids,
            label_len,
        })
    }
}

struct State<'a> {
    source: &'a dyn AttentionSource,
    /// Reads the final ranking (see [`infini_retrieve_judged`]).
    judge: &'a dyn AttentionSource,
    /// Whether the judge is another model than the reader (then even one window gets a final
    /// reading).
    separate_judge: bool,
    settings: &'a InfiniSettings,
    /// Read before every context and never scored: it takes the attention a causal LM gives to
    /// the first tokens of any input, which would otherwise favour whatever line comes first.
    preamble_ids: Vec<u32>,
    question_ids: Vec<u32>,
    /// Leading tokens of `question_ids` (the label) whose rows are not counted.
    label_len: usize,
    cache: Vec<Scored>,
    /// Best score ever per (doc, line, piece order), with the unit.
    reserve: HashMap<usize, Scored>,
    stats: InfiniStats,
}

impl State<'_> {
    /// Runs `model` on `[context] [question]` and sets each context unit's score.
    fn score(
        &mut self,
        model: &dyn AttentionSource,
        context: &mut [Scored],
    ) -> Result<(), RetrievalError> {
        let mut ids = self.preamble_ids.clone();
        let start = ids.len();
        let mut owner = Vec::new();
        for (i, scored) in context.iter().enumerate() {
            ids.extend_from_slice(&scored.ids);
            owner.extend(std::iter::repeat_n(i, scored.ids.len()));
        }
        let context_len = ids.len() - start;
        if context_len == 0 {
            return Ok(());
        }
        let rows_from = ids.len() + self.label_len;
        ids.extend_from_slice(&self.question_ids);
        self.stats.max_input_tokens = self.stats.max_input_tokens.max(ids.len());
        let columns = model.column_scores(&ids, rows_from)?;
        // The preamble took the attention sink; the context's own positions are all scored.
        let scores: Vec<f32> = columns.into_iter().skip(start).take(context_len).collect();
        // Scores relative to uniform attention over the context: a unit's score then means the
        // same in a short last window as in a full one with a cache.
        let mass: f32 = scores.iter().sum::<f32>().max(f32::MIN_POSITIVE) / context_len as f32;
        let smoothed = phrase_scores(&scores, self.settings.phrase_window);
        let mut positions: Vec<usize> = (0..context_len).collect();
        positions.sort_by(|&a, &b| smoothed[b].total_cmp(&smoothed[a]).then(a.cmp(&b)));
        let mut unit_scores = vec![0f32; context.len()];
        for &p in positions.iter().take(self.settings.top_k_tokens) {
            unit_scores[owner[p]] += smoothed[p] / mass;
        }
        for (scored, score) in context.iter_mut().zip(unit_scores) {
            scored.score = score;
        }
        Ok(())
    }

    fn read_window(&mut self, window: Vec<Scored>) -> Result<(), RetrievalError> {
        self.stats.windows += 1;
        self.stats.tokens += window.iter().map(|s| s.ids.len()).sum::<usize>();
        let mut context: Vec<Scored> = std::mem::take(&mut self.cache);
        context.extend(window);
        self.score(self.source, &mut context)?;
        let mut kept: Vec<Scored> = context
            .into_iter()
            .filter(|s| s.score > 0.0 && !s.unit.is_header() && s.unit.has_words())
            .collect();
        kept.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.order.cmp(&b.order)));
        for scored in &kept {
            let entry = self
                .reserve
                .entry(scored.order)
                .or_insert_with(|| scored.clone());
            if scored.score > entry.score {
                entry.score = scored.score;
            }
        }
        self.prune_reserve();
        self.cache = fill(kept, self.settings.cache_tokens);
        if tracing::enabled!(tracing::Level::TRACE) {
            for s in &self.cache {
                tracing::trace!(
                    window = self.stats.windows,
                    doc = s.unit.doc,
                    line = s.unit.line,
                    score = s.score,
                    text = s.unit.text.trim(),
                    "cached"
                );
            }
        }
        Ok(())
    }

    fn prune_reserve(&mut self) {
        let limit = self.settings.reserve_units.max(1);
        if self.reserve.len() <= limit * 4 {
            return;
        }
        let mut all: Vec<Scored> = self.reserve.drain().map(|(_, s)| s).collect();
        all.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.order.cmp(&b.order)));
        all.truncate(limit);
        self.reserve = all.into_iter().map(|s| (s.order, s)).collect();
    }

    /// Final ranking: the last cache and the reserve's best units, up to a window's budget, read
    /// together once more so that all candidates are judged side by side in one window (scores of
    /// different windows are only roughly comparable).
    fn ranked(&mut self) -> Result<Vec<(f32, Unit)>, RetrievalError> {
        let mut pool: Vec<Scored> = std::mem::take(&mut self.cache);
        let mut best: Vec<Scored> = self.reserve.values().cloned().collect();
        best.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.order.cmp(&b.order)));
        best.retain(|s| !pool.iter().any(|p| p.order == s.order));
        let used: usize = pool.iter().map(|s| s.ids.len()).sum();
        let budget =
            (self.settings.window_tokens + self.settings.cache_tokens).saturating_sub(used);
        pool.extend(fill(best, budget));
        pool.sort_by_key(|s| s.order);
        if self.stats.windows > 1 || self.separate_judge {
            // Read twice, in reading order and reversed, and add the two scores: out of their
            // files the candidates' scores lean on where they sit (the nearer the question, the
            // more attention), and the two orders cancel most of that.
            self.score(self.judge, &mut pool)?;
            let mut reversed: Vec<Scored> = pool.iter().rev().cloned().collect();
            self.score(self.judge, &mut reversed)?;
            for (scored, other) in pool.iter_mut().zip(reversed.iter().rev()) {
                scored.score += other.score;
            }
        }
        pool.retain(|s| s.score > 0.0);
        pool.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.order.cmp(&b.order)));
        if tracing::enabled!(tracing::Level::TRACE) {
            for s in pool.iter().take(20) {
                tracing::trace!(
                    doc = s.unit.doc,
                    line = s.unit.line,
                    score = s.score,
                    text = s.unit.text.trim(),
                    "ranked"
                );
            }
        }
        Ok(pool.into_iter().map(|s| (s.score, s.unit)).collect())
    }
}

/// The best units (given best first) that fit `budget` tokens, in reading order.
fn fill(ranked: Vec<Scored>, mut budget: usize) -> Vec<Scored> {
    let mut out = Vec::new();
    for scored in ranked {
        if scored.ids.len() > budget {
            continue;
        }
        budget -= scored.ids.len();
        out.push(scored);
    }
    out.sort_by_key(|s| s.order);
    out
}

/// Sum of scores over a centred window of `width` tokens (the paper's 1-D convolution).
pub fn phrase_scores(scores: &[f32], width: usize) -> Vec<f32> {
    let width = width.max(1);
    let before = (width - 1) / 2;
    let after = width - 1 - before;
    let mut prefix = Vec::with_capacity(scores.len() + 1);
    prefix.push(0f32);
    for s in scores {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + s);
    }
    (0..scores.len())
        .map(|i| {
            let lo = i.saturating_sub(before);
            let hi = (i + after + 1).min(scores.len());
            prefix[hi] - prefix[lo]
        })
        .collect()
}

/// The longest passage merging builds; beyond it a neighbouring line starts a passage of its own.
pub const MAX_PASSAGE_LINES: usize = 12;

/// Merges ranked lines into passages: each line with `context` lines around it, overlapping or
/// adjacent ranges of one document joined (up to [`MAX_PASSAGE_LINES`]), the passage scored by its
/// best line.
pub fn passages(
    docs: &[Document],
    ranked: &[(f32, Unit)],
    k: usize,
    context: usize,
) -> Vec<Passage> {
    // (doc, start, end, score), in rank order of their best line.
    let mut spans: Vec<(usize, usize, usize, f32)> = Vec::new();
    for (score, unit) in ranked {
        let doc = &docs[unit.doc];
        let start = unit.line.saturating_sub(context).max(doc.first_line);
        let end = (unit.line + context).min(doc.last_line());
        if let Some(span) = spans.iter_mut().find(|s| {
            s.0 == unit.doc
                && start <= s.2 + 1
                && end + 1 >= s.1
                && s.2.max(end) - s.1.min(start) < MAX_PASSAGE_LINES
        }) {
            span.1 = span.1.min(start);
            span.2 = span.2.max(end);
            continue;
        }
        // A line already shown, or a new span clipped so that passages never overlap.
        let same_doc = || spans.iter().filter(|s| s.0 == unit.doc);
        if same_doc().any(|s| s.1 <= unit.line && unit.line <= s.2) || spans.len() == k {
            continue;
        }
        let start = same_doc()
            .filter(|s| s.2 < unit.line)
            .map(|s| s.2 + 1)
            .fold(start, usize::max);
        let end = same_doc()
            .filter(|s| s.1 > unit.line)
            .map(|s| s.1 - 1)
            .fold(end, usize::min);
        spans.push((unit.doc, start, end, *score));
    }
    // Merging may have grown a span into a later one: clip, so no line is shown twice.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, spans[i].1));
    for pair in order.windows(2) {
        let (a, b) = (spans[pair[0]], spans[pair[1]]);
        if a.0 == b.0 && b.1 <= a.2 {
            spans[pair[1]].1 = a.2 + 1;
        }
    }
    spans
        .into_iter()
        .filter(|s| s.1 <= s.2)
        .map(|(d, start, end, score)| Passage {
            path: docs[d].path.clone(),
            start_line: start,
            end_line: end,
            text: docs[d].lines(start, end),
            score,
            ranks: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::cell::RefCell;

    /// A deterministic twin of the model: one token per character; every position holding the
    /// marker character gets attention 1, every other 0.01. Records each input it is given.
    struct MarkerSource {
        marker: char,
        max_tokens: usize,
        inputs: RefCell<Vec<(usize, usize)>>,
    }

    impl AttentionSource for MarkerSource {
        fn encode(&self, text: &str) -> Result<Vec<u32>, RetrievalError> {
            Ok(text.chars().map(|c| c as u32).collect())
        }
        fn max_tokens(&self) -> usize {
            self.max_tokens
        }
        fn column_scores(&self, ids: &[u32], rows_from: usize) -> Result<Vec<f32>, RetrievalError> {
            self.inputs.borrow_mut().push((ids.len(), rows_from));
            Ok(ids
                .iter()
                .enumerate()
                .map(|(i, &c)| {
                    if i >= rows_from {
                        0.0
                    } else if c == self.marker as u32 {
                        1.0
                    } else {
                        0.01
                    }
                })
                .collect())
        }
    }

    fn source(max_tokens: usize) -> MarkerSource {
        MarkerSource {
            marker: '@',
            max_tokens,
            inputs: RefCell::new(Vec::new()),
        }
    }

    fn settings() -> InfiniSettings {
        InfiniSettings {
            window_tokens: 40,
            top_k_tokens: 4,
            phrase_window: 3,
            cache_tokens: 20,
            reserve_units: 4,
            context_lines: 0,
        }
    }

    fn haystack(lines: usize, needle_at: usize) -> String {
        (1..=lines)
            .map(|i| {
                if i == needle_at {
                    "key @@@\n".to_string()
                } else {
                    format!("line {i:03}\n")
                }
            })
            .collect()
    }

    #[test]
    fn needle_line_is_found_with_its_exact_source_location() {
        let docs = vec![Document::new(Some("src/a.py".into()), 1, haystack(60, 37))];
        let (found, stats) =
            infini_retrieve(&source(200), &docs, "where is the key?", 1, &settings()).unwrap();
        assert_eq!(
            found,
            vec![Passage {
                path: Some("src/a.py".into()),
                start_line: 37,
                end_line: 37,
                text: "key @@@\n".into(),
                score: found[0].score,
                ranks: vec![],
            }]
        );
        assert!(found[0].score > 0.0);
        assert_eq!(
            stats.tokens,
            59 * 9 + 8 + "# === FILE: src/a.py ===\n".len()
        );
    }

    #[test]
    fn every_model_input_fits_window_plus_cache_plus_question() {
        let docs = vec![Document::new(None, 1, haystack(200, 150))];
        let src = source(200);
        let q = "q?";
        let (_, stats) = infini_retrieve(&src, &docs, q, 3, &settings()).unwrap();
        let framing = PREAMBLE.len() + QUESTION_LABEL.len();
        let inputs = src.inputs.borrow();
        // One run per window, and the final reading of the kept candidates side by side, in
        // reading order and reversed.
        assert_eq!(inputs.len(), stats.windows + 2);
        assert!(stats.windows >= 200 * 9 / 40);
        for &(len, rows_from) in inputs.iter() {
            // Only the question's own rows are counted, not the label's.
            assert_eq!(len - rows_from, "q?\n".len());
            assert!(
                rows_from - framing <= 40 + 20,
                "context {} over window + cache",
                rows_from - framing
            );
        }
        assert_eq!(stats.tokens, 199 * 9 + 8);
    }

    #[test]
    fn a_needle_in_the_first_window_survives_to_the_end() {
        let docs = vec![Document::new(None, 1, haystack(300, 2))];
        let (found, _) = infini_retrieve(&source(200), &docs, "key", 1, &settings()).unwrap();
        assert_eq!(found[0].start_line, 2);
    }

    #[test]
    fn punctuation_only_lines_are_read_but_never_returned() {
        // The marker sits on a line of punctuation only: it draws the attention, but a line
        // that says nothing cannot be an answer, so the line with words wins.
        let text: String = (1..=60)
            .map(|i| match i {
                20 => "@@@ })\n".to_string(),
                40 => "key @\n".to_string(),
                _ => format!("line {i:03}\n"),
            })
            .collect();
        let docs = vec![Document::new(None, 1, text)];
        let (found, _) = infini_retrieve(&source(200), &docs, "key", 5, &settings()).unwrap();
        let lines: Vec<usize> = found.iter().map(|p| p.start_line).collect();
        assert_eq!(lines[0], 40);
        assert!(!lines.contains(&20), "{lines:?}");
    }

    #[test]
    fn settings_over_the_model_context_are_refused() {
        let docs = vec![Document::new(None, 1, "a\n".into())];
        let err = infini_retrieve(&source(50), &docs, "q", 1, &settings()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid retrieval settings: window_tokens (40) + cache_tokens (20) + the question and its framing (42 tokens) exceed the model's context of 50 tokens"
        );
    }

    #[test]
    fn empty_question_is_refused() {
        let docs = vec![Document::new(None, 1, "a\n".into())];
        let err = infini_retrieve(&source(500), &docs, "  ", 1, &settings()).unwrap_err();
        assert!(matches!(err, RetrievalError::EmptyQuestion));
    }

    #[test]
    fn phrase_window_sums_a_centred_neighbourhood() {
        assert_eq!(
            phrase_scores(&[1.0, 0.0, 0.0, 4.0, 0.0], 3),
            vec![1.0, 1.0, 4.0, 4.0, 4.0]
        );
        assert_eq!(phrase_scores(&[1.0, 2.0], 1), vec![1.0, 2.0]);
    }

    #[test]
    fn passages_never_overlap_when_a_merge_grows_into_a_neighbour() {
        let text: String = (1..=30).map(|i| format!("l{i}\n")).collect();
        let docs = vec![Document::new(Some("f".into()), 1, text)];
        let unit = |line: usize| Unit {
            doc: 0,
            line,
            text: String::new(),
        };
        let ranked = vec![(0.9, unit(10)), (0.8, unit(20)), (0.7, unit(15))];
        let spans: Vec<(usize, usize)> = passages(&docs, &ranked, 5, 3)
            .into_iter()
            .map(|p| (p.start_line, p.end_line))
            .collect();
        assert_eq!(spans, vec![(7, 18), (19, 23)]);
    }

    #[test]
    fn adjacent_lines_merge_into_one_passage_scored_by_the_best() {
        let docs = vec![Document::new(
            Some("f".into()),
            1,
            "a\nb\nc\nd\ne\nf\n".into(),
        )];
        let unit = |line: usize| Unit {
            doc: 0,
            line,
            text: String::new(),
        };
        let ranked = vec![(0.9, unit(2)), (0.5, unit(6)), (0.4, unit(3))];
        let got = passages(&docs, &ranked, 5, 0);
        let spans: Vec<(usize, usize, String, f32)> = got
            .into_iter()
            .map(|p| (p.start_line, p.end_line, p.text, p.score))
            .collect();
        assert_eq!(
            spans,
            vec![(2, 3, "b\nc\n".into(), 0.9), (6, 6, "f\n".into(), 0.5)]
        );
    }

    fn two_marked_lines() -> Vec<Document> {
        let text: String = (1..=60)
            .map(|i| match i {
                20 => "x @@@ #\n".to_string(),
                40 => "y @@ ###\n".to_string(),
                _ => format!("line {i:03}\n"),
            })
            .collect();
        vec![Document::new(Some("f".into()), 1, text)]
    }

    #[test]
    fn final_reading_is_ranked_by_the_judge_model() {
        let reader = source(200);
        let judge = MarkerSource {
            marker: '#',
            max_tokens: 200,
            inputs: RefCell::new(Vec::new()),
        };
        let lines =
            |found: Vec<Passage>| -> Vec<usize> { found.iter().map(|p| p.start_line).collect() };
        let (alone, _) =
            infini_retrieve(&reader, &two_marked_lines(), "key", 2, &settings()).unwrap();
        assert_eq!(lines(alone), vec![20, 40]);
        let windows = reader.inputs.borrow().len();
        let (judged, stats) =
            infini_retrieve_judged(&reader, &judge, &two_marked_lines(), "key", 2, &settings())
                .unwrap();
        assert_eq!(lines(judged), vec![40, 20]);
        // The reader read the windows once more (and not the final reading); the judge read only
        // the final reading, in both orders.
        assert_eq!(reader.inputs.borrow().len() - windows, stats.windows);
        assert_eq!(judge.inputs.borrow().len(), 2);
    }

    struct OtherTokenizer;

    impl AttentionSource for OtherTokenizer {
        fn encode(&self, text: &str) -> Result<Vec<u32>, RetrievalError> {
            Ok(text.bytes().map(|b| u32::from(b) + 1).collect())
        }
        fn max_tokens(&self) -> usize {
            200
        }
        fn column_scores(&self, ids: &[u32], _: usize) -> Result<Vec<f32>, RetrievalError> {
            Ok(vec![1.0; ids.len()])
        }
    }

    #[test]
    fn judge_with_another_tokenizer_is_refused() {
        let err = infini_retrieve_judged(
            &source(200),
            &OtherTokenizer,
            &two_marked_lines(),
            "key",
            2,
            &settings(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid retrieval settings: the final-reading model does not share the attention model's tokenizer: pick models converted from the same family ([models] final_attention)"
        );
    }
}
