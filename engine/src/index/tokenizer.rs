//! The code tokenizer: identifiers are split at `snake_case` and `camelCase` boundaries so that
//! `parse_config`, `parseConfig` and `ParseConfig` all meet on the tokens `parse` `config`.
//!
//! Indexing also emits each multi-part identifier whole (underscores dropped, lowercased) at
//! the position of its first part, so a user who types `parseconfig` still finds it. Queries use
//! the parts alone ([`CodeTokenizer::for_queries`]), so a query identifier becomes a phrase over
//! its parts and matches every spelling of the same name.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Tokens longer than this are dropped (hashes, base64 blobs, minified names).
const MAX_TOKEN_BYTES: usize = 64;

/// The tokenizer registered under [`CODE_TOKENIZER`](super::CODE_TOKENIZER).
///
/// Tokens are produced one at a time into one reused [`Token`] and one reused list of word
/// parts: indexing a chunk allocates nothing per token (tantivy copies each token's text into
/// its own arena as it reads it).
#[derive(Clone, Debug, Default)]
pub struct CodeTokenizer {
    emit_whole: bool,
    token: Token,
    parts: Vec<(usize, usize)>,
}

impl CodeTokenizer {
    /// The indexing variant: parts plus the whole identifier.
    pub fn for_documents() -> CodeTokenizer {
        CodeTokenizer {
            emit_whole: true,
            ..CodeTokenizer::default()
        }
    }

    /// The query variant: parts only.
    pub fn for_queries() -> CodeTokenizer {
        CodeTokenizer::default()
    }
}

/// Walks the text word by word, emitting each word's whole form (documents only) and parts.
pub struct CodeTokenStream<'a> {
    text: &'a str,
    emit_whole: bool,
    /// Where the search for the next word starts.
    cursor: usize,
    /// The current word's byte range.
    word: (usize, usize),
    /// The current word's parts, relative to its start, and the next one to emit.
    parts: &'a mut Vec<(usize, usize)>,
    next_part: usize,
    whole_pending: bool,
    /// The position the next part gets.
    position: usize,
    token: &'a mut Token,
}

impl Tokenizer for CodeTokenizer {
    type TokenStream<'a> = CodeTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CodeTokenStream<'a> {
        self.parts.clear();
        self.token.reset();
        CodeTokenStream {
            text,
            emit_whole: self.emit_whole,
            cursor: 0,
            word: (0, 0),
            parts: &mut self.parts,
            next_part: 0,
            whole_pending: false,
            position: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for CodeTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let (word_start, word_stop) = self.word;
            if self.whole_pending {
                self.whole_pending = false;
                let word = &self.text[word_start..word_stop];
                let text = &mut self.token.text;
                text.clear();
                for c in word.chars().filter(|c| *c != '_') {
                    push_lowercase(text, c);
                }
                if text.len() <= MAX_TOKEN_BYTES {
                    self.token.offset_from = word_start;
                    self.token.offset_to = word_stop;
                    self.token.position = self.position;
                    self.token.position_length = 1;
                    return true;
                }
                continue;
            }
            if let Some(&(from, to)) = self.parts.get(self.next_part) {
                self.next_part += 1;
                let position = self.position;
                self.position += 1;
                let text = &mut self.token.text;
                text.clear();
                for c in self.text[word_start + from..word_start + to].chars() {
                    push_lowercase(text, c);
                }
                if text.len() <= MAX_TOKEN_BYTES {
                    self.token.offset_from = word_start + from;
                    self.token.offset_to = word_start + to;
                    self.token.position = position;
                    self.token.position_length = 1;
                    return true;
                }
                continue;
            }
            let Some(start) = next_word_start(self.text, self.cursor) else {
                return false;
            };
            let end = word_end(self.text, start);
            self.cursor = end;
            self.word = (start, end);
            self.parts.clear();
            split_identifier(&self.text[start..end], self.parts);
            self.next_part = 0;
            self.whole_pending = self.emit_whole && self.parts.len() > 1;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Splits `text` into code tokens (see the module docs), appending to `out`: the tokens the
/// index stores, for code that compares its own words with them.
pub fn tokenize_into(text: &str, emit_whole: bool, out: &mut Vec<Token>) {
    let mut tokenizer = if emit_whole {
        CodeTokenizer::for_documents()
    } else {
        CodeTokenizer::for_queries()
    };
    let mut stream = tokenizer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().clone());
    }
}

fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn next_word_start(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    // ASCII fast path: most code is ASCII, and a byte scan needs no UTF-8 decoding.
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() || b == b'_' {
                return Some(from + i);
            }
        } else if rest.is_char_boundary(i) && rest[i..].chars().next().is_some_and(is_word_char) {
            return Some(from + i);
        }
    }
    None
}

fn word_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        if b.is_ascii() {
            if !(b.is_ascii_alphanumeric() || b == b'_') {
                return start + i;
            }
        } else if rest.is_char_boundary(i) && !rest[i..].chars().next().is_some_and(is_word_char) {
            return start + i;
        }
    }
    text.len()
}

/// Byte ranges of the parts of one identifier: split at `_`, at lower→upper changes, and before
/// the last capital of an acronym followed by lowercase (`HTTPServer` → `HTTP` `Server`).
fn split_identifier(word: &str, parts: &mut Vec<(usize, usize)>) {
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == '_' {
            if let Some(s) = start.take() {
                parts.push((s, offset));
            }
            prev = Some(c);
            continue;
        }
        match (start, prev) {
            (Some(s), Some(p)) => {
                let boundary = (c.is_uppercase() && (p.is_lowercase() || p.is_ascii_digit()))
                    || (c.is_uppercase()
                        && p.is_uppercase()
                        && next.is_some_and(char::is_lowercase));
                if boundary {
                    parts.push((s, offset));
                    start = Some(offset);
                }
            }
            _ => start = Some(offset),
        }
        prev = Some(c);
    }
    if let Some(s) = start {
        parts.push((s, word.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str, emit_whole: bool) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        tokenize_into(text, emit_whole, &mut out);
        out.into_iter().map(|t| (t.text, t.position)).collect()
    }

    fn texts(text: &str) -> Vec<String> {
        tokens(text, false).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn snake_and_camel_case_meet_on_the_same_parts() {
        assert_eq!(texts("parse_config"), vec!["parse", "config"]);
        assert_eq!(texts("parseConfig"), vec!["parse", "config"]);
        assert_eq!(texts("ParseConfig"), vec!["parse", "config"]);
        assert_eq!(texts("PARSE_CONFIG"), vec!["parse", "config"]);
    }

    #[test]
    fn acronyms_digits_and_punctuation() {
        assert_eq!(
            texts("HTTPServer.listen(v2Api)"),
            vec!["http", "server", "listen", "v2", "api"]
        );
        assert_eq!(texts("__init__"), vec!["init"]);
        assert_eq!(texts("größeWert"), vec!["größe", "wert"]);
    }

    #[test]
    fn documents_also_get_the_whole_identifier() {
        assert_eq!(
            tokens("a parseConfig b", true),
            vec![
                ("a".into(), 0),
                ("parseconfig".into(), 1),
                ("parse".into(), 1),
                ("config".into(), 2),
                ("b".into(), 3)
            ]
        );
    }

    #[test]
    fn tantivy_reads_the_same_tokens_from_the_stream() {
        let mut tokenizer = CodeTokenizer::for_documents();
        let mut stream = tokenizer.token_stream("fn parseConfig(x_y: HTTPServer)");
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push(format!(
                "{}@{} {}..{}",
                t.text, t.position, t.offset_from, t.offset_to
            ));
        }
        assert_eq!(
            seen,
            vec![
                "fn@0 0..2",
                "parseconfig@1 3..14",
                "parse@1 3..8",
                "config@2 8..14",
                "xy@3 15..18",
                "x@3 15..16",
                "y@4 17..18",
                "httpserver@5 20..30",
                "http@5 20..24",
                "server@6 24..30",
            ]
        );
    }

    #[test]
    fn very_long_tokens_are_dropped() {
        let long = "x".repeat(100);
        assert_eq!(texts(&format!("keep {long} this")), vec!["keep", "this"]);
    }
}
