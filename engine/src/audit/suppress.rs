//! Inline suppressions: `rlm: ignore` / `rlm: ignore[RULE, ...]`, bandit's `nosec` / `nosec
//! B602`, and golangci's `nolint` / `nolint:gosec`, in a comment on the finding's line or alone
//! on the line above.
//!
//! An id list names rule ids, categories, or (for `nosec`) bandit test ids; a bare marker
//! silences every rule on that line, as in the tools these conventions come from.

use super::rule::Rule;

/// Whether a comment on `line` (or alone on `above`) silences `rule`.
pub(crate) fn is_suppressed(
    rule: &Rule,
    line: &str,
    above: Option<&str>,
    markers: &[&str],
) -> bool {
    if line_suppresses(rule, line, markers) {
        return true;
    }
    match above {
        Some(above) => {
            let t = above.trim_start();
            markers.iter().any(|m| t.starts_with(m)) && line_suppresses(rule, t, markers)
        }
        None => false,
    }
}

fn line_suppresses(rule: &Rule, line: &str, markers: &[&str]) -> bool {
    // Only look after a comment marker, so a string containing "nosec" does not count... as
    // far as a line-based check can tell.
    let Some(comment) = markers
        .iter()
        .filter_map(|m| line.find(m).map(|i| &line[i + m.len()..]))
        .next()
    else {
        return false;
    };
    let lower = comment.to_ascii_lowercase();
    if let Some(i) = lower
        .find("rlm: ignore")
        .or_else(|| lower.find("rlm:ignore"))
    {
        let rest = &comment[i..];
        let rest = rest.split_once("ignore").map_or("", |(_, r)| r);
        return match rest.trim_start().strip_prefix('[') {
            Some(list) => {
                let list = list.split(']').next().unwrap_or_default();
                ids(list).any(|id| names(rule, id))
            }
            None => true,
        };
    }
    if let Some(i) = lower.find("nosec") {
        let rest = comment[i + 5..].trim_start_matches([':', ' ']);
        let list: Vec<&str> = ids(rest.split('#').next().unwrap_or_default())
            .take_while(|id| {
                id.chars().next().is_some_and(|c| c.is_ascii_uppercase()) || id.contains('/')
            })
            .collect();
        return list.is_empty() || list.iter().any(|id| names(rule, id));
    }
    if let Some(i) = lower.find("nolint") {
        let rest = &comment[i + 6..];
        return match rest.strip_prefix(':') {
            Some(list) => {
                let list = list.split_whitespace().next().unwrap_or_default();
                ids(list).any(|id| id == "gosec" || id == "rlm" || names(rule, id))
            }
            None => true,
        };
    }
    false
}

fn ids(list: &str) -> impl Iterator<Item = &str> {
    list.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn names(rule: &Rule, id: &str) -> bool {
    rule.spec.id == id || rule.spec.category == id || rule.spec.bandit.iter().any(|b| b == id)
}
