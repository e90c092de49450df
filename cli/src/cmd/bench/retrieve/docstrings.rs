//! The docstring-to-code task (CodeSearchNet style) on Python sources: documented functions lose
//! their docstring, the first sentence of it is the query, and a method finds the function when
//! one of its passages overlaps the function's lines. Reported as recall@5 and MRR@10.
//!
//! Python is read line by line (the standard library is well formed): a `def` line, its
//! signature up to the `:` that closes it, then a docstring as the first statement of the body.

use std::path::Path;

/// A documented function found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Documented {
    pub name: String,
    /// The first sentence of the docstring: the query.
    pub query: String,
    /// The function's lines (1-based, inclusive) in the file with its docstrings removed.
    pub start_line: usize,
    pub end_line: usize,
}

/// A file with every function docstring removed, and the functions whose docstring makes a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    pub text: String,
    pub functions: Vec<Documented>,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn def_name(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let t = t.strip_prefix("async ").unwrap_or(t).trim_start();
    let rest = t.strip_prefix("def ")?.trim_start();
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    (end > 0 && rest[end..].trim_start().starts_with('(')).then(|| &rest[..end])
}

/// The index of the line that ends the signature starting at `lines[from]`: parentheses balanced
/// and the line ending with `:` (a trailing comment aside).
fn signature_end(lines: &[&str], from: usize) -> Option<usize> {
    let mut depth: i32 = 0;
    for (i, line) in lines.iter().enumerate().skip(from).take(40) {
        let code = line.split('#').next().unwrap_or("");
        for c in code.chars() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
        }
        if depth <= 0 && code.trim_end().ends_with(':') {
            return Some(i);
        }
    }
    None
}

/// The docstring opening `line` (after its indentation): its quote and the text after it.
fn docstring_open(line: &str) -> Option<(&'static str, &str)> {
    let t = line.trim_start();
    let t = t
        .strip_prefix('r')
        .or_else(|| t.strip_prefix('R'))
        .unwrap_or(t);
    ["\"\"\"", "'''"]
        .into_iter()
        .find_map(|q| t.strip_prefix(q).map(|rest| (q, rest)))
}

/// The first sentence of a docstring: its first paragraph up to the first full stop followed by
/// a space (or its end), whitespace collapsed.
pub fn first_sentence(doc: &str) -> String {
    let paragraph: Vec<&str> = doc
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    let joined = paragraph.join(" ");
    let sentence = match joined.find(". ") {
        Some(at) => &joined[..=at],
        None => joined.as_str(),
    };
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes the docstring of every function in `text` and returns the functions whose first
/// sentence has `min_words` to 40 words, are public (no leading `_`) and keep at least three
/// lines of code.
pub fn strip_docstrings(text: &str, min_words: usize) -> Stripped {
    let lines: Vec<&str> = text.lines().collect();
    // Lines to drop, and per documented function: (name, sentence, def line index).
    let mut drop = vec![false; lines.len()];
    let mut found: Vec<(String, String, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(name) = def_name(lines[i]) else {
            i += 1;
            continue;
        };
        let Some(sig_end) = signature_end(&lines, i) else {
            i += 1;
            continue;
        };
        let Some(first) = (sig_end + 1..lines.len()).find(|&j| !lines[j].trim().is_empty()) else {
            break;
        };
        let Some((quote, rest)) = docstring_open(lines[first]) else {
            i = sig_end + 1;
            continue;
        };
        // The docstring's last line and its text.
        let (last, doc) = match rest.find(quote) {
            Some(at) => (first, rest[..at].to_string()),
            None => {
                let Some(close) = (first + 1..lines.len()).find(|&j| lines[j].contains(quote))
                else {
                    break;
                };
                let mut doc = vec![rest.to_string()];
                doc.extend(lines[first + 1..close].iter().map(|l| l.to_string()));
                let tail = lines[close].split(quote).next().unwrap_or("");
                doc.push(tail.to_string());
                (close, doc.join("\n"))
            }
        };
        for d in drop.iter_mut().take(last + 1).skip(first) {
            *d = true;
        }
        let sentence = first_sentence(&doc);
        let words = sentence.split_whitespace().count();
        if !name.starts_with('_') && (min_words..=40).contains(&words) {
            found.push((name.to_string(), sentence, i));
        }
        i = last + 1;
    }
    // The stripped text, and each kept line's new number.
    let mut new_number = vec![0usize; lines.len()];
    let mut out = String::new();
    let mut n = 0;
    for (j, line) in lines.iter().enumerate() {
        if drop[j] {
            continue;
        }
        n += 1;
        new_number[j] = n;
        out.push_str(line);
        out.push('\n');
    }
    let mut functions = Vec::new();
    for (name, query, def) in found {
        let def_indent = indent(lines[def]);
        let sig_end = signature_end(&lines, def).unwrap_or(def);
        // The body runs to the line before the next code line indented no deeper than the def.
        let end = (sig_end + 1..lines.len())
            .find(|&j| {
                let t = lines[j].trim_start();
                !drop[j] && !t.is_empty() && !t.starts_with('#') && indent(lines[j]) <= def_indent
            })
            .unwrap_or(lines.len());
        let body = (sig_end + 1..end)
            .filter(|&j| !drop[j] && !lines[j].trim().is_empty())
            .count();
        let Some(last) = (def..end)
            .rev()
            .find(|&j| !drop[j] && !lines[j].trim().is_empty())
        else {
            continue;
        };
        if body >= 3 {
            functions.push(Documented {
                name,
                query,
                start_line: new_number[def],
                end_line: new_number[last],
            });
        }
    }
    Stripped {
        text: out,
        functions,
    }
}

/// The top-level modules of a Python library folder (`*.py` directly inside it), smallest first,
/// skipping files under 2 KB: small modules make a corpus of many functions in few tokens.
pub fn library_modules(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut files: Vec<(u64, String, std::path::PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".py") || !path.is_file() {
            continue;
        }
        let size = entry.metadata()?.len();
        if size >= 2048 {
            files.push((size, name, path));
        }
    }
    files.sort();
    let mut out = Vec::new();
    for (_, name, path) in files {
        if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((name, text));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn docstrings_are_removed_and_functions_keep_their_new_lines() {
        let text = "\
import os


def archive(invoices, days=90):
    \"\"\"Move old invoices to cold storage. Returns the count.

    More words here.
    \"\"\"
    moved = 0
    for invoice in invoices:
        moved += 1
    return moved


def _private(x):
    \"\"\"A private helper that is documented too.\"\"\"
    a = 1
    b = 2
    return a + b

class Store:
    def put(self,
            key, value):  # a comment
        '''Store the value under the key given.'''
        self.data[key] = value
        self.count += 1
        return value
";
        let got = strip_docstrings(text, 4);
        assert_eq!(
            got.functions,
            vec![
                Documented {
                    name: "archive".into(),
                    query: "Move old invoices to cold storage.".into(),
                    start_line: 4,
                    end_line: 8,
                },
                Documented {
                    name: "put".into(),
                    query: "Store the value under the key given.".into(),
                    start_line: 17,
                    end_line: 21,
                },
            ]
        );
        let lines: Vec<&str> = got.text.lines().collect();
        assert_eq!(lines[3], "def archive(invoices, days=90):");
        assert_eq!(lines[4], "    moved = 0");
        assert_eq!(lines[16], "    def put(self,");
        assert_eq!(lines[18], "        self.data[key] = value");
        assert!(!got.text.contains("\"\"\"") && !got.text.contains("'''"));
    }

    #[test]
    fn first_sentence_stops_at_the_first_full_stop_or_paragraph() {
        assert_eq!(
            first_sentence("\n  Return the   sum. Then more.\n"),
            "Return the sum."
        );
        assert_eq!(
            first_sentence("Split the path\n    into parts\n\n    Details."),
            "Split the path into parts"
        );
    }
}
