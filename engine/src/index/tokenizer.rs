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
#[derive(Clone, Debug, Default)]
pub struct CodeTokenizer {
    emit_whole: bool,
    tokens: Vec<Token>,
}

impl CodeTokenizer {
    /// The indexing variant: parts plus the whole identifier.
    pub fn for_documents() -> CodeTokenizer {
        CodeTokenizer {
            emit_whole: true,
            tokens: Vec::new(),
        }
    }

    /// The query variant: parts only.
    pub fn for_queries() -> CodeTokenizer {
        CodeTokenizer {
            emit_whole: false,
            tokens: Vec::new(),
        }
    }
}

/// Streams the tokens computed up front.
pub struct CodeTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for CodeTokenizer {
    type TokenStream<'a> = CodeTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CodeTokenStream<'a> {
        self.tokens.clear();
        tokenize_into(text, self.emit_whole, &mut self.tokens);
        CodeTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl TokenStream for CodeTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}

/// Splits `text` into code tokens (see the module docs), appending to `out`.
pub fn tokenize_into(text: &str, emit_whole: bool, out: &mut Vec<Token>) {
    let mut position = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Find the next word: a run of alphanumerics and underscores.
        let Some(start) = next_word_start(text, i) else {
            break;
        };
        let end = word_end(text, start);
        let word = &text[start..end];
        i = end;
        let parts = split_identifier(word);
        if parts.is_empty() {
            continue;
        }
        if emit_whole && parts.len() > 1 {
            let whole: String = word
                .chars()
                .filter(|c| *c != '_')
                .flat_map(char::to_lowercase)
                .collect();
            if whole.len() <= MAX_TOKEN_BYTES {
                out.push(Token {
                    offset_from: start,
                    offset_to: end,
                    position,
                    text: whole,
                    position_length: 1,
                });
            }
        }
        for (from, to) in parts {
            let text = word[from..to].to_lowercase();
            if text.len() <= MAX_TOKEN_BYTES {
                out.push(Token {
                    offset_from: start + from,
                    offset_to: start + to,
                    position,
                    text,
                    position_length: 1,
                });
            }
            position += 1;
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn next_word_start(text: &str, from: usize) -> Option<usize> {
    text.get(from..)?
        .char_indices()
        .find(|(_, c)| is_word_char(*c))
        .map(|(i, _)| from + i)
}

fn word_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(text.len(), |(i, _)| start + i)
}

/// Byte ranges of the parts of one identifier: split at `_`, at lower→upper changes, and before
/// the last capital of an acronym followed by lowercase (`HTTPServer` → `HTTP` `Server`).
fn split_identifier(word: &str) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut start: Option<usize> = None;
    for (k, &(offset, c)) in chars.iter().enumerate() {
        if c == '_' {
            if let Some(s) = start.take() {
                parts.push((s, offset));
            }
            continue;
        }
        if let Some(s) = start {
            let prev = chars[k - 1].1;
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let boundary = (c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit()))
                || (c.is_uppercase()
                    && prev.is_uppercase()
                    && next.is_some_and(char::is_lowercase));
            if boundary {
                parts.push((s, offset));
                start = Some(offset);
            }
        } else {
            start = Some(offset);
        }
    }
    if let Some(s) = start {
        parts.push((s, word.len()));
    }
    parts
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
    fn very_long_tokens_are_dropped() {
        let long = "x".repeat(100);
        assert_eq!(texts(&format!("keep {long} this")), vec!["keep", "this"]);
    }
}
