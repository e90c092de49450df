//! The output layer: secrets redacted and output truncated before anything a step printed
//! reaches a model, a log or the user. Redaction runs first, on the whole kept text, so that a
//! secret is never cut in half at the truncation point and half-shown.

use super::SandboxError;
use regex::{Captures, Regex};

/// The built-in secret patterns: (kind, pattern). A pattern with a group named `value` keeps the
/// text around it (for `password = ...` style assignments) and replaces only the value.
pub const DEFAULT_PATTERNS: &[(&str, &str)] = &[
    (
        "private-key",
        r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)",
    ),
    ("anthropic-key", r"\bsk-ant-[A-Za-z0-9_\-]{20,}"),
    ("openai-key", r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_\-]{20,}"),
    ("stripe-key", r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"),
    ("google-api-key", r"\bAIza[0-9A-Za-z_\-]{35}"),
    (
        "github-token",
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})",
    ),
    ("slack-token", r"\bxox[abprs]-[A-Za-z0-9\-]{10,}"),
    ("huggingface-token", r"\bhf_[A-Za-z0-9]{30,}"),
    (
        "aws-access-key",
        r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b",
    ),
    (
        "jwt",
        r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
    ),
    (
        "secret-assignment",
        r#"(?i)\b[A-Za-z0-9_]*(?:password|passwd|pwd|secret|secret_key|secret_access_key|private_key|api_key|apikey|token|client_secret)\b["']?\s*[:=]\s*["']?(?P<value>[^\s"',;\[]{3,})"#,
    ),
    ("ssn", r"\b\d{3}-\d{2}-\d{4}\b"),
];

/// A compiled set of secret patterns.
#[derive(Debug, Clone)]
pub struct Redactor {
    patterns: Vec<(String, Regex)>,
}

/// Text after the output layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    pub text: String,
    /// How many secrets were replaced.
    pub redactions: usize,
    /// Bytes cut off the end (0 when nothing was cut).
    pub truncated_bytes: u64,
}

impl Redactor {
    /// The built-in patterns plus `extra` (user regular expressions, kind `custom`).
    pub fn new(extra: &[String]) -> Result<Redactor, SandboxError> {
        let mut patterns = Vec::new();
        for (kind, pattern) in DEFAULT_PATTERNS {
            let re = Regex::new(pattern)
                .map_err(|e| SandboxError::Config(format!("built-in pattern {kind}: {e}")))?;
            patterns.push((kind.to_string(), re));
        }
        for pattern in extra {
            let re = Regex::new(pattern).map_err(|e| {
                SandboxError::Config(format!(
                    "[sandbox] redact_patterns: {pattern:?} is not a valid regular expression: {e}"
                ))
            })?;
            patterns.push(("custom".to_string(), re));
        }
        Ok(Redactor { patterns })
    }

    /// Replaces every secret with `[REDACTED:kind]`; returns the text and the count.
    pub fn redact(&self, text: &str) -> (String, usize) {
        let mut out = text.to_string();
        let mut count = 0;
        for (kind, re) in &self.patterns {
            if !re.is_match(&out) {
                continue;
            }
            out = re
                .replace_all(&out, |caps: &Captures| {
                    count += 1;
                    let whole = caps.get(0).map_or("", |m| m.as_str());
                    match caps.name("value") {
                        Some(value) => {
                            let start = value.start() - caps.get(0).map_or(0, |m| m.start());
                            format!("{}[REDACTED:{kind}]", &whole[..start])
                        }
                        None => format!("[REDACTED:{kind}]"),
                    }
                })
                .into_owned();
        }
        (out, count)
    }

    /// Redacts `text` and keeps at most `max_bytes` of the result (cut at a char boundary).
    /// `dropped_before` counts bytes the worker already dropped (it keeps only the head).
    pub fn filter(&self, text: &str, max_bytes: usize, dropped_before: u64) -> Filtered {
        let (redacted, redactions) = self.redact(text);
        let (kept, cut) = truncate(&redacted, max_bytes);
        Filtered {
            text: kept.to_string(),
            redactions,
            truncated_bytes: cut as u64 + dropped_before,
        }
    }
}

/// The longest prefix of `text` within `max_bytes` ending on a char boundary, and the bytes cut.
pub fn truncate(text: &str, max_bytes: usize) -> (&str, usize) {
    if text.len() <= max_bytes {
        return (text, 0);
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], text.len() - end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let redactor = Redactor::new(&[]).map_err(|e| e.to_string());
        let Ok(redactor) = redactor else {
            panic!("patterns must compile: {redactor:?}");
        };
        assert_eq!(redactor.redact(input).0, expected);
    }

    #[test]
    fn provider_keys_are_redacted() {
        check(
            "openai sk-proj-abcdefghijklmnopqrstuvwx1234 ok",
            "openai [REDACTED:openai-key] ok",
        );
        check(
            "key=sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
            "key=[REDACTED:anthropic-key]",
        );
        check(
            "AKIAIOSFODNN7EXAMPLE and ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
            "[REDACTED:aws-access-key] and [REDACTED:github-token]",
        );
        check(
            "google AIzaSyA-1234567890abcdefghijklmnopqrstu",
            "google [REDACTED:google-api-key]",
        );
    }

    #[test]
    fn private_keys_jwts_ssns_and_assignments_are_redacted() {
        check(
            "a\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nxyz\n-----END RSA PRIVATE KEY-----\nb",
            "a\n[REDACTED:private-key]\nb",
        );
        check(
            "t eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "t [REDACTED:jwt]",
        );
        check("ssn 078-05-1120.", "ssn [REDACTED:ssn].");
        check(
            "DB_PASSWORD = 'hunter22'\npassword: s3cret!",
            "DB_PASSWORD = '[REDACTED:secret-assignment]'\npassword: [REDACTED:secret-assignment]",
        );
        check("nothing secret here = 1", "nothing secret here = 1");
    }

    #[test]
    fn custom_patterns_are_added_and_invalid_ones_named() {
        let redactor = Redactor::new(&["ACME-[0-9]{4}".into()]).map_err(|e| e.to_string());
        assert_eq!(
            redactor.map(|r| r.redact("id ACME-1234")),
            Ok(("id [REDACTED:custom]".to_string(), 1))
        );
        let err = Redactor::new(&["(".into()]).err().map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("redact_patterns: \"(\" is not a valid")),
            "{err:?}"
        );
    }

    #[test]
    fn redacted_values_are_not_redacted_twice() {
        check(
            "token: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB",
            "token: [REDACTED:github-token]",
        );
    }

    #[test]
    fn truncation_cuts_at_char_boundaries_after_redaction() -> Result<(), SandboxError> {
        assert_eq!(truncate("héllo", 2), ("h", 5));
        let redactor = Redactor::new(&[])?;
        assert_eq!(
            redactor.filter("sk-abcdefghijklmnopqrstuvwxyz tail", 24, 100),
            Filtered {
                text: "[REDACTED:openai-key] ta".into(),
                redactions: 1,
                truncated_bytes: 102,
            }
        );
        Ok(())
    }
}
