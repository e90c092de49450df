//! What InfiniRetri reads: documents (a workspace file, a chunk of one, or a free text) cut into
//! units, the smallest pieces it keeps or drops. For code a unit is one non-blank line: sentence
//! splitting at every `.` shreds code, while a line is a statement or a clause of one and maps
//! straight to a source location. Each unit remembers its document and absolute line number.

use std::path::Path;

/// One text with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Workspace-relative path, or a label (e.g. the `--context` file name); `None` for bare text.
    pub path: Option<String>,
    /// The line number (1-based) of the text's first line in its file.
    pub first_line: usize,
    pub text: String,
}

impl Document {
    pub fn new(path: Option<String>, first_line: usize, text: String) -> Document {
        Document {
            path,
            first_line: first_line.max(1),
            text,
        }
    }

    /// Lines `start..=end` (absolute line numbers) of the document, joined.
    pub fn lines(&self, start: usize, end: usize) -> String {
        self.text
            .split_inclusive('\n')
            .enumerate()
            .filter(|(i, _)| (start..=end).contains(&(self.first_line + i)))
            .map(|(_, l)| l)
            .collect()
    }

    pub fn last_line(&self) -> usize {
        self.first_line + self.text.split_inclusive('\n').count().saturating_sub(1)
    }
}

/// A unit of a document: one line (or a piece of an over-long line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub doc: usize,
    /// Absolute line number; 0 for a document's header (its path), which is never returned.
    pub line: usize,
    /// The text the model reads.
    pub text: String,
}

impl Unit {
    pub fn is_header(&self) -> bool {
        self.line == 0
    }

    /// Whether the unit can answer anything: a line of only punctuation (`}`, `);`) cannot, and
    /// such lines draw attention for their tokens alone (secondary attention sinks), so they are
    /// read as context but never kept.
    pub fn has_words(&self) -> bool {
        self.text.chars().any(char::is_alphanumeric)
    }
}

/// The units of a list of documents, in order, lazily (bounded memory on any corpus size).
pub fn units(docs: &[Document]) -> impl Iterator<Item = Unit> + '_ {
    docs.iter().enumerate().flat_map(|(d, doc)| {
        let header = doc.path.as_ref().map(|path| Unit {
            doc: d,
            line: 0,
            text: format!("# === FILE: {path} ===\n"),
        });
        let lines = doc
            .text
            .split_inclusive('\n')
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(move |(i, line)| Unit {
                doc: d,
                line: doc.first_line + i,
                text: if line.ends_with('\n') {
                    line.to_string()
                } else {
                    format!("{line}\n")
                },
            });
        header.into_iter().chain(lines)
    })
}

/// Whether bytes look binary (a NUL in the first 8,000 bytes, as git decides).
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8000)].contains(&0)
}

/// Reads a text file as one document labelled with `label`.
pub fn read_text_file(path: &Path, label: &str) -> Result<Document, super::RetrievalError> {
    let bytes = std::fs::read(path).map_err(|source| super::RetrievalError::Io {
        context: "reading the context file",
        path: path.to_path_buf(),
        source,
    })?;
    if is_binary(&bytes) {
        return Err(super::RetrievalError::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(Document::new(
        Some(label.to_string()),
        1,
        String::from_utf8_lossy(&bytes).into_owned(),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn units_are_non_blank_lines_with_absolute_line_numbers_after_a_header() {
        let docs = vec![
            Document::new(Some("a.py".into()), 10, "x = 1\n\n  \ny = 2".into()),
            Document::new(None, 1, "z\n".into()),
        ];
        let got: Vec<(usize, usize, String)> =
            units(&docs).map(|u| (u.doc, u.line, u.text)).collect();
        assert_eq!(
            got,
            vec![
                (0, 0, "# === FILE: a.py ===\n".to_string()),
                (0, 10, "x = 1\n".to_string()),
                (0, 13, "y = 2\n".to_string()),
                (1, 1, "z\n".to_string()),
            ]
        );
    }

    #[test]
    fn document_lines_are_addressed_by_absolute_number() {
        let doc = Document::new(Some("a".into()), 5, "five\nsix\nseven\n".into());
        assert_eq!(doc.lines(6, 7), "six\nseven\n");
        assert_eq!(doc.last_line(), 7);
    }
}
