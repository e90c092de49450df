//! Protocol to engine: LSP positions (UTF-16 code units per line) to byte offsets, document
//! URIs to paths, and incremental text edits applied to a buffer. The only place that reads
//! the protocol's units.

use std::path::PathBuf;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent, Uri};

/// The file path of a `file:` URI; `None` for other schemes (`untitled:`, `git:`...).
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

/// The byte offset of `position` in `text`. A column past the end of its line means the end
/// of the line (clients may send that); a line past the end of the text gives `None`.
pub fn offset(text: &str, position: Position) -> Option<usize> {
    let mut line_start = 0;
    for _ in 0..position.line {
        line_start += text.get(line_start..)?.find('\n')? + 1;
    }
    let line = text.get(line_start..)?;
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= position.character {
            return Some(line_start + i);
        }
        units += c.len_utf16() as u32;
    }
    Some(line_start + line.len())
}

/// The graph id a call or type hierarchy item carries in its `data` (`{"id": n}`).
pub fn item_id(data: Option<&serde_json::Value>) -> Option<i64> {
    data?.get("id")?.as_i64()
}

/// Why an edit could not be applied.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("edit range {0:?} is outside the document; the client and server disagree on its text")]
pub struct BadEdit(pub tower_lsp_server::ls_types::Range);

/// Applies one `didChange` content change to `text`.
pub fn apply_change(
    text: &mut String,
    change: TextDocumentContentChangeEvent,
) -> Result<(), BadEdit> {
    let Some(range) = change.range else {
        *text = change.text;
        return Ok(());
    };
    let (Some(start), Some(end)) = (offset(text, range.start), offset(text, range.end)) else {
        return Err(BadEdit(range));
    };
    if start > end {
        return Err(BadEdit(range));
    }
    text.replace_range(start..end, &change.text);
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use tower_lsp_server::ls_types::Range;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn offset_counts_utf16_units() {
        let text = "ab\n😀x = é\r\nlast";
        assert_eq!(offset(text, pos(0, 1)), Some(1));
        assert_eq!(offset(text, pos(1, 2)), Some(7)); // after the emoji (2 units, 4 bytes)
        assert_eq!(offset(text, pos(1, 6)), Some(11)); // at é
        assert_eq!(offset(text, pos(1, 99)), Some(13)); // clamped before \r\n
        assert_eq!(offset(text, pos(2, 4)), Some(19));
        assert_eq!(offset(text, pos(3, 0)), None);
    }

    #[test]
    fn apply_change_edits_ranges_and_rejects_ranges_outside_the_text() {
        let mut text = String::from("def f():\n    return 1\n");
        let edit = |sl, sc, el, ec, t: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(pos(sl, sc), pos(el, ec))),
            range_length: None,
            text: t.into(),
        };
        apply_change(&mut text, edit(0, 4, 0, 5, "g")).unwrap();
        apply_change(&mut text, edit(1, 11, 1, 12, "42")).unwrap();
        assert_eq!(text, "def g():\n    return 42\n");
        assert_eq!(
            apply_change(&mut text, edit(9, 0, 9, 1, "x")),
            Err(BadEdit(Range::new(pos(9, 0), pos(9, 1))))
        );
        apply_change(
            &mut text,
            TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
        )
        .unwrap();
        assert_eq!(text, "new");
    }
}
