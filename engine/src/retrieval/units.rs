//! The units the vector store embeds: each index chunk whole (a symbol's body, or a window of a
//! file), and, in a chunk longer than a window, its consecutive windows of a few lines.
//!
//! A chunk runs to 150 lines; its embedding is the mean over all its tokens, so one line that
//! answers a question weighs 1/150 of it and a fact in the middle of a long function is lost. A
//! window of a few lines keeps that line's meaning. Each window is embedded with the chunk's first
//! line (for a symbol: its signature) as context, so "return total" still says which function it
//! is in. A chunk scores as its best unit at search time ([`super::vector::VectorIndex::search`]),
//! and the best window is where a hybrid candidate is read ([`super::focus`]).

/// One unit: its lines (1-based, inclusive, in the file) and the text embedded for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSpan {
    pub start_line: usize,
    pub end_line: usize,
    pub text: String,
}

/// The units of a chunk (`text`, whose first line is `start_line`): the chunk itself, then, when
/// it has more than `window_lines` lines (and `window_lines > 0`), its windows of `window_lines`
/// lines, a tail of half a window or less joined to the window before it; windows of blank lines only are left out.
pub fn split_units(text: &str, start_line: usize, window_lines: usize) -> Vec<UnitSpan> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let whole = UnitSpan {
        start_line,
        end_line: start_line + lines.len().saturating_sub(1),
        text: text.to_string(),
    };
    if window_lines == 0 || lines.len() <= window_lines {
        return vec![whole];
    }
    let context = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim_end())
        .unwrap_or("");
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut first = 0;
    while first < lines.len() {
        let mut end = (first + window_lines).min(lines.len());
        // A tail of half a window or less joins this window.
        if lines.len() - end <= window_lines.div_ceil(2) {
            end = lines.len();
        }
        bounds.push((first, end));
        first = end;
    }
    let mut units = vec![whole];
    for (first, end) in bounds {
        let body: String = lines[first..end].concat();
        if body.trim().is_empty() {
            continue;
        }
        let text = if first == 0 || context.is_empty() {
            body
        } else {
            format!("{context}\n{body}")
        };
        units.push(UnitSpan {
            start_line: start_line + first,
            end_line: start_line + end - 1,
            text,
        });
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(range: std::ops::RangeInclusive<usize>) -> String {
        range.map(|i| format!("line {i}\n")).collect()
    }

    #[test]
    fn a_short_chunk_is_one_unit() {
        let text = "def f():\n    return 1\n";
        assert_eq!(
            split_units(text, 10, 8),
            vec![UnitSpan {
                start_line: 10,
                end_line: 11,
                text: text.into()
            }]
        );
        assert_eq!(split_units(&lines(1..=40), 1, 0).len(), 1);
    }

    #[test]
    fn a_long_chunk_is_whole_then_windows_with_its_first_line_as_context() {
        let text = format!("def archive(invoices):\n{}", lines(2..=20));
        let got: Vec<(usize, usize, String)> = split_units(&text, 101, 8)
            .into_iter()
            .map(|u| (u.start_line, u.end_line, u.text))
            .collect();
        assert_eq!(
            got,
            vec![
                (101, 120, text.clone()),
                (
                    101,
                    108,
                    format!("def archive(invoices):\n{}", lines(2..=8))
                ),
                (
                    109,
                    120,
                    // Lines 9-16 and the 4-line tail 17-20 (half a window) are one window.
                    format!("def archive(invoices):\n{}", lines(9..=20))
                ),
            ]
        );
    }

    #[test]
    fn windows_of_blank_lines_are_left_out() {
        let text = format!("fn f() {{\n{}{}", "\n".repeat(10), lines(12..=20));
        let spans: Vec<(usize, usize)> = split_units(&text, 1, 5)
            .into_iter()
            .map(|u| (u.start_line, u.end_line))
            .collect();
        assert_eq!(spans, vec![(1, 20), (1, 5), (11, 15), (16, 20)]);
    }
}
