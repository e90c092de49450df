//! Cutting a file into chunks for the index: at symbol boundaries where a grammar gave symbols,
//! in bounded windows of lines everywhere else (long symbols, code between symbols, files no
//! grammar covers). Every chunk stays under [`ChunkLimits::max_bytes`], so one minified line
//! cannot make a 2 MiB search hit.

use super::{Symbol, SymbolKind};

/// Bounds on chunk size.
#[derive(Debug, Clone, Copy)]
pub struct ChunkLimits {
    /// A symbol longer than this is split (at its inner symbols, else in windows).
    pub max_lines: usize,
    /// No chunk's text exceeds this many bytes.
    pub max_bytes: usize,
    /// The window size used when lines are cut without symbol guidance.
    pub window_lines: usize,
}

impl Default for ChunkLimits {
    fn default() -> Self {
        ChunkLimits {
            max_lines: 150,
            max_bytes: 8 * 1024,
            window_lines: 60,
        }
    }
}

/// A piece of a file. Lines are 1-based and inclusive; bytes index the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub start_line: usize,
    pub end_line: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    /// The qualified name of the symbol the chunk belongs to (`Class.method`), if any.
    pub symbol: Option<String>,
    pub kind: Option<SymbolKind>,
}

/// Cuts `text` into chunks following `symbols` (as [`super::extract_symbols`] returns them).
pub fn chunk_file(text: &str, symbols: &[Symbol], limits: ChunkLimits) -> Vec<Chunk> {
    let lines = LineIndex::new(text);
    if lines.count() == 0 {
        return Vec::new();
    }
    let mut sorted: Vec<&Symbol> = symbols.iter().collect();
    sorted.sort_by_key(|s| (s.start_byte, std::cmp::Reverse(s.end_byte)));
    let mut chunker = Chunker {
        text,
        lines: &lines,
        limits,
        out: Vec::new(),
    };
    chunker.range(1, lines.count(), &sorted, None);
    chunker.out
}

struct Chunker<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    limits: ChunkLimits,
    out: Vec<Chunk>,
}

type Label = Option<(String, SymbolKind)>;

impl Chunker<'_> {
    /// Chunks lines `first..=last`, whose symbols (sorted, possibly nested) are `symbols`.
    fn range(&mut self, first: usize, last: usize, symbols: &[&Symbol], label: Label) {
        let mut cursor = first;
        let mut i = 0;
        while i < symbols.len() {
            let outer = symbols[i];
            // The symbols nested inside `outer` follow it directly in the sorted list.
            let mut j = i + 1;
            while j < symbols.len() && symbols[j].start_byte < outer.end_byte {
                j += 1;
            }
            let start = outer.start_line.max(cursor);
            let end = outer.end_line.min(last);
            if start <= end {
                if start > cursor {
                    self.gap(cursor, start - 1, label.clone());
                }
                self.symbol(outer, start, end, &symbols[i + 1..j]);
                cursor = end + 1;
            }
            i = j;
        }
        if cursor <= last {
            self.gap(cursor, last, label);
        }
    }

    fn symbol(&mut self, symbol: &Symbol, first: usize, last: usize, inner: &[&Symbol]) {
        let name = match &symbol.container {
            Some(container) if symbol.kind == SymbolKind::Method => {
                format!("{container}.{}", symbol.name)
            }
            _ => symbol.name.clone(),
        };
        let label = Some((name, symbol.kind));
        let bytes = self.lines.end(last) - self.lines.start(first);
        if last + 1 - first <= self.limits.max_lines && bytes <= self.limits.max_bytes {
            self.push(
                first,
                last,
                self.lines.start(first),
                self.lines.end(last),
                label,
            );
        } else if !inner.is_empty() {
            self.range(first, last, inner, label);
        } else {
            self.windows(first, last, label);
        }
    }

    /// Code between symbols: skipped when blank, else cut in windows.
    fn gap(&mut self, first: usize, last: usize, label: Label) {
        let start = self.lines.start(first);
        let end = self.lines.end(last);
        if self
            .text
            .get(start..end)
            .is_none_or(|t| t.trim().is_empty())
        {
            return;
        }
        self.windows(first, last, label);
    }

    fn windows(&mut self, first: usize, last: usize, label: Label) {
        let mut line = first;
        while line <= last {
            let start = self.lines.start(line);
            let mut end_line = line;
            while end_line < last
                && end_line + 1 - line < self.limits.window_lines
                && self.lines.end(end_line + 1) - start <= self.limits.max_bytes
            {
                end_line += 1;
            }
            let end = self.lines.end(end_line);
            if end - start > self.limits.max_bytes {
                // One line longer than the byte limit: cut it at character boundaries.
                let mut piece_start = start;
                while piece_start < end {
                    let mut piece_end = (piece_start + self.limits.max_bytes).min(end);
                    while !self.text.is_char_boundary(piece_end) {
                        piece_end -= 1;
                    }
                    if piece_end <= piece_start {
                        break;
                    }
                    self.push(line, line, piece_start, piece_end, label.clone());
                    piece_start = piece_end;
                }
            } else if self
                .text
                .get(start..end)
                .is_some_and(|t| !t.trim().is_empty())
            {
                self.push(line, end_line, start, end, label.clone());
            }
            line = end_line + 1;
        }
    }

    fn push(
        &mut self,
        start_line: usize,
        end_line: usize,
        start_byte: usize,
        end_byte: usize,
        label: Label,
    ) {
        let (symbol, kind) = match label {
            Some((name, kind)) => (Some(name), Some(kind)),
            None => (None, None),
        };
        self.out.push(Chunk {
            start_line,
            end_line,
            start_byte,
            end_byte,
            symbol,
            kind,
        });
    }
}

/// Byte offsets of line starts, for 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|&i| i < text.len()),
        );
        if text.is_empty() {
            starts.clear();
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    fn start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.len)
    }

    /// The byte just past the line, newline included.
    fn end(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Language, extract_symbols};

    fn ranges(language: Language, text: &str, limits: ChunkLimits) -> Vec<String> {
        let symbols = extract_symbols(language, text);
        chunk_file(text, &symbols, limits)
            .iter()
            .map(|c| {
                format!(
                    "{}-{} {}",
                    c.start_line,
                    c.end_line,
                    c.symbol.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    #[test]
    fn chunks_follow_symbols_and_keep_code_between_them() {
        let src = "import os\n\ndef a():\n    return 1\n\n\ndef b():\n    return 2\nprint(a())\n";
        assert_eq!(
            ranges(Language::Python, src, ChunkLimits::default()),
            vec!["1-2 -", "3-4 a", "7-8 b", "9-9 -"]
        );
    }

    #[test]
    fn long_classes_split_at_their_methods() {
        let mut src = String::from("class Big:\n    x = 1\n");
        for i in 0..3 {
            src.push_str(&format!("    def m{i}(self):\n"));
            for _ in 0..4 {
                src.push_str("        pass\n");
            }
        }
        let limits = ChunkLimits {
            max_lines: 8,
            max_bytes: 10_000,
            window_lines: 60,
        };
        assert_eq!(
            ranges(Language::Python, &src, limits),
            vec!["1-2 Big", "3-7 Big.m0", "8-12 Big.m1", "13-17 Big.m2"]
        );
    }

    #[test]
    fn text_files_are_cut_in_windows() {
        let text: String = (1..=130).map(|i| format!("line {i}\n")).collect();
        assert_eq!(
            ranges(Language::Text, &text, ChunkLimits::default()),
            vec!["1-60 -", "61-120 -", "121-130 -"]
        );
    }

    #[test]
    fn one_huge_line_is_cut_into_bounded_pieces() {
        let text = "é".repeat(10_000);
        let limits = ChunkLimits {
            max_lines: 150,
            max_bytes: 4096,
            window_lines: 60,
        };
        let chunks = chunk_file(&text, &[], limits);
        assert_eq!(chunks.len(), 5);
        assert!(
            chunks
                .iter()
                .all(|c| c.end_byte - c.start_byte <= 4096 && c.start_line == 1)
        );
        assert_eq!(chunks.last().map(|c| c.end_byte), Some(text.len()));
    }

    #[test]
    fn empty_file_has_no_chunks() {
        assert!(chunk_file("", &[], ChunkLimits::default()).is_empty());
        assert!(chunk_file("\n\n  \n", &[], ChunkLimits::default()).is_empty());
    }
}
