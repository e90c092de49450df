//! Reading a root model's reply: the fenced code blocks to run (```` ```repl ```` or
//! ```` ```python ````, in order) and, only as a fallback, a `FINAL(...)` / `FINAL_VAR(...)`
//! written in prose outside any block. Blocks in other languages (shell, JSON, output the
//! model quotes) are not run.

use regex::Regex;
use std::sync::LazyLock;

/// Fenced blocks: an opening fence at the start of a line, the tag, the body, a closing fence
/// at the start of a line. An unclosed block at the end of the reply still counts (models cut
/// off by `max_tokens` often leave one).
static FENCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n").ok()
});

static CLOSE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?m)^[ \t]*```[ \t]*$").ok());

/// A prose `FINAL(...)` / `FINAL_VAR(...)` at the start of a line.
static PROSE_FINAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t*>]*(FINAL_VAR|FINAL)\((.*)\)[ \t*.]*$").ok()
});

/// Tags whose blocks run.
const RUNNABLE: &[&str] = &["repl", "python", "py", "python3"];

/// The blocks to run, in order.
pub fn code_blocks(reply: &str) -> Vec<String> {
    let (Some(fence), Some(close)) = (FENCE.as_ref(), CLOSE.as_ref()) else {
        return Vec::new();
    };
    let mut blocks = Vec::new();
    let mut at = 0;
    while let Some(open) = fence.captures_at(reply, at) {
        let Some(whole) = open.get(0) else { break };
        let tag = open.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
        let body_start = whole.end();
        let (body_end, next) = match close.find_at(reply, body_start) {
            Some(m) => (m.start(), m.end()),
            None => (reply.len(), reply.len()),
        };
        if RUNNABLE.contains(&tag.as_str()) {
            let body = reply[body_start..body_end].trim_end();
            if !body.trim().is_empty() {
                blocks.push(dedent(body));
            }
        }
        at = next;
        if at >= reply.len() {
            break;
        }
    }
    blocks
}

/// A prose final answer, read from the reply with the code blocks taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProseFinal {
    /// `FINAL(text)`: the text, surrounding quotes removed.
    Value(String),
    /// `FINAL_VAR(name)`: the variable to read from the REPL.
    Var(String),
}

pub fn prose_final(reply: &str) -> Option<ProseFinal> {
    let prose = without_blocks(reply);
    let re = PROSE_FINAL.as_ref()?;
    // The last one wins: models restate their answer at the end.
    let caps = re.captures_iter(&prose).last()?;
    let kind = caps.get(1)?.as_str();
    let inner = caps.get(2)?.as_str().trim();
    let unquoted = unquote(inner);
    if kind == "FINAL_VAR" {
        let name = unquoted.trim();
        let valid = !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        return valid.then(|| ProseFinal::Var(name.to_string()));
    }
    Some(ProseFinal::Value(unquoted.to_string()))
}

/// The reply with its fenced blocks (of any language) removed: what the model said in prose.
pub fn without_blocks(reply: &str) -> String {
    let (Some(fence), Some(close)) = (FENCE.as_ref(), CLOSE.as_ref()) else {
        return reply.to_string();
    };
    let mut out = String::new();
    let mut at = 0;
    while let Some(open) = fence.find_at(reply, at) {
        out.push_str(&reply[at..open.start()]);
        at = match close.find_at(reply, open.end()) {
            Some(m) => m.end(),
            None => reply.len(),
        };
        if at >= reply.len() {
            break;
        }
    }
    if at < reply.len() {
        out.push_str(&reply[at..]);
    }
    out.trim().to_string()
}

fn unquote(text: &str) -> &str {
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if text.len() >= 2 * quote.len() && text.starts_with(quote) && text.ends_with(quote) {
            return &text[quote.len()..text.len() - quote.len()];
        }
    }
    text
}

/// Removes the indentation common to every non-empty line (blocks inside list items).
fn dedent(body: &str) -> String {
    let indent = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    body.lines()
        .map(|l| if l.len() >= indent { &l[indent..] } else { l.trim_start() })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repl_and_python_blocks_run_in_order_others_do_not() {
        let reply = "Let me look.\n```repl\nx = 1\nprint(x)\n```\nand\n```bash\nls\n```\n```python\ny = 2\n```\n```\nplain\n```\n";
        assert_eq!(code_blocks(reply), vec!["x = 1\nprint(x)", "y = 2"]);
    }

    #[test]
    fn unclosed_trailing_block_still_runs_and_indented_blocks_are_dedented() {
        assert_eq!(code_blocks("1. step\n   ```repl\n   a = 1\n   b = a\n"), vec!["a = 1\nb = a"]);
    }

    #[test]
    fn no_block_means_no_code() {
        assert_eq!(code_blocks("I think the answer is 42."), Vec::<String>::new());
    }

    #[test]
    fn prose_final_is_read_outside_blocks_only() {
        assert_eq!(
            prose_final("Done.\nFINAL(\"42 files\")"),
            Some(ProseFinal::Value("42 files".into()))
        );
        assert_eq!(
            prose_final("**FINAL_VAR(result)**"),
            Some(ProseFinal::Var("result".into()))
        );
        assert_eq!(prose_final("```repl\nFINAL(x)\n```\n"), None);
        assert_eq!(prose_final("we will call FINAL(x) later"), None);
        assert_eq!(prose_final("FINAL_VAR(not a name)"), None);
    }
}
