//! The static layer: Python source checked in Rust with tree-sitter before any of it reaches the
//! worker. It is the first and weakest layer (string building defeats any static check), so it
//! aims at clear refusals of the common escapes, each naming the line, the rule and how to
//! rewrite; the runtime and OS layers hold where it is switched off or fooled.
//!
//! One file per rule, each documented in fixed headings; [`RULES`] is the registry (`rlm doctor`
//! lists it, docs/sandbox.md describes each).
//! Code tree-sitter cannot parse is refused as a whole: a disagreement between the checker's
//! grammar and CPython's must not become a hiding place.

mod calls;
mod dunder;
mod imports;

use std::collections::BTreeSet;
use tree_sitter::{Node, Parser};

/// One refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// 1-based line.
    pub line: usize,
    /// The rule's name (`blocked-import`, ...).
    pub rule: &'static str,
    /// What was found.
    pub message: String,
    /// How to rewrite.
    pub hint: &'static str,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}: {}: {}; {}",
            self.line, self.rule, self.message, self.hint
        )
    }
}

/// What the checks refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticPolicy {
    /// Top-level module names that may not be imported.
    pub blocked_modules: BTreeSet<String>,
}

/// A rule's documentation, in fixed headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    pub name: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
}

/// Every rule, for the docs and `rlm doctor`.
pub const RULES: &[RuleDoc] = &[imports::DOC, dunder::DOC, calls::DOC, UNPARSABLE];

const UNPARSABLE: RuleDoc = RuleDoc {
    name: "unparsable",
    what: "Code the checker's Python grammar cannot parse.",
    why: "Where the checker and CPython disagree about syntax, code could hide from the checks.",
    fix: "Fix the syntax error on that line (Python 3.11 syntax).",
};

/// Checks `code`; an empty list means it may run.
pub fn check(code: &str, policy: &StaticPolicy) -> Vec<Violation> {
    let mut parser = Parser::new();
    if parser
        .set_language(&tree_sitter_python::LANGUAGE.into())
        .is_err()
    {
        return vec![Violation {
            line: 1,
            rule: UNPARSABLE.name,
            message: "the Python grammar could not be loaded".into(),
            hint: UNPARSABLE.fix,
        }];
    }
    let Some(tree) = parser.parse(code, None) else {
        return vec![Violation {
            line: 1,
            rule: UNPARSABLE.name,
            message: "the code could not be parsed".into(),
            hint: UNPARSABLE.fix,
        }];
    };
    let mut found = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            found.push(Violation {
                line: line_of(node),
                rule: UNPARSABLE.name,
                message: "syntax the checker cannot parse".into(),
                hint: UNPARSABLE.fix,
            });
        }
        let ctx = Ctx { code, node };
        imports::check(&ctx, policy, &mut found);
        dunder::check(&ctx, &mut found);
        calls::check(&ctx, &mut found);
        let mut cursor = node.walk();
        let children: Vec<Node> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    // One refusal per line and rule: the first finding says enough to rewrite the line.
    found.sort_by(|a, b| (a.line, a.rule).cmp(&(b.line, b.rule)));
    found.dedup_by(|a, b| (a.line, a.rule) == (b.line, b.rule));
    found
}

/// The node a rule looks at, with the source.
struct Ctx<'a> {
    code: &'a str,
    node: Node<'a>,
}

impl<'a> Ctx<'a> {
    fn text(&self, node: Node) -> &'a str {
        node.utf8_text(self.code.as_bytes()).unwrap_or("")
    }
}

fn line_of(node: Node) -> usize {
    node.start_position().row + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::policy::blocked_modules;

    /// Runs the checks with the default policy and renders the refusals as `line rule`.
    pub(super) fn check_rules(code: &str) -> Vec<String> {
        let policy = StaticPolicy {
            blocked_modules: blocked_modules(&[], &[]),
        };
        check(code, &policy)
            .iter()
            .map(|v| format!("{} {}", v.line, v.rule))
            .collect()
    }

    #[test]
    fn plain_analysis_code_passes() {
        let code = r#"
import re, json, math
from collections import Counter
lines = context.splitlines()
hits = [l for l in lines if re.search(r"def \w+", l)]
class Box:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"Box({self.x})"
counts = Counter(w for l in hits for w in l.split())
pattern = re.compile("x")
answer["content"] = json.dumps(counts.most_common(3))
answer["ready"] = True
print(__name__, Box(1).__init__)
"#;
        assert_eq!(check_rules(code), Vec::<String>::new());
    }

    #[test]
    fn refusal_names_line_rule_and_rewrite() {
        let policy = StaticPolicy {
            blocked_modules: blocked_modules(&[], &[]),
        };
        let found = check("x = 1\nimport os\n", &policy);
        assert_eq!(
            found.iter().map(ToString::to_string).collect::<Vec<_>>(),
            vec![
                "line 2: blocked-import: import of 'os' is not allowed in the sandbox; work on \
                 `context` and files in the scratch folder with open(), or ask the host with \
                 llm_query()/retrieve()"
                    .to_string()
            ]
        );
    }

    #[test]
    fn unparsable_code_is_refused() {
        assert_eq!(
            check_rules("x = (1,\nprint(x"),
            vec!["1 unparsable".to_string()]
        );
    }
}
