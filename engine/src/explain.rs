//! Explanations of security findings for people: the finding's own message, where it is, and
//! its rule's documentation (what it finds, why it matters, how to fix it), as Markdown. Every
//! face that offers "explain this finding" (the editor's code action, MCP, the CLI) renders the
//! same text from here; none of it needs a model.

use crate::audit::{Finding, RuleSet};
use std::fmt::Write as _;

/// Markdown explaining `finding`, with its rule's documentation when `rules` has the rule.
pub fn explain_finding(finding: &Finding, rules: &RuleSet) -> String {
    let mut md = String::new();
    let cwe = finding
        .cwe
        .map(|c| format!(" ([CWE-{c}](https://cwe.mitre.org/data/definitions/{c}.html))"))
        .unwrap_or_default();
    let _ = writeln!(md, "# {}{cwe}\n", finding.title);
    let _ = writeln!(
        md,
        "`{}` at `{}:{}` — severity **{}**, confidence {}\n",
        finding.rule_id,
        finding.path,
        finding.span.start.line,
        finding.severity,
        finding.confidence
    );
    let _ = writeln!(md, "{}\n", finding.message);
    if !finding.snippet.trim().is_empty() {
        let _ = writeln!(md, "```\n{}\n```\n", finding.snippet.trim_end());
    }
    if let Some(source) = &finding.source {
        let _ = writeln!(
            md,
            "The data comes from line {}: `{}`\n",
            source.line,
            source.text.trim()
        );
    }
    if let Some(rule) = rules.get(&finding.rule_id) {
        let doc = &rule.spec.doc;
        let _ = writeln!(md, "## What the rule finds\n\n{}\n", doc.what.trim());
        let _ = writeln!(md, "## Why it matters\n\n{}\n", doc.why.trim());
        if !doc.fix.trim().is_empty() {
            let _ = writeln!(md, "## How to fix it\n\n{}\n", doc.fix.trim());
        }
    }
    match &finding.fix {
        Some(fix) => {
            let _ = writeln!(md, "A quick fix is offered: {}.", fix.description);
        }
        None => {
            let _ = writeln!(md, "No automatic fix is offered for this finding.");
        }
    }
    md
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::audit::scan_source;

    #[test]
    fn explain_finding_renders_message_place_and_rule_docs() {
        let rules = RuleSet::builtin().unwrap();
        let source = "import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n";
        let scan = scan_source("tool.py", source, &rules);
        let finding = scan
            .findings
            .iter()
            .find(|f| f.rule_id.contains("subprocess") || f.rule_id.contains("command"))
            .expect("a shell finding");
        let md = explain_finding(finding, &rules);
        let rule = rules.get(&finding.rule_id).unwrap();
        assert!(md.starts_with(&format!("# {}", finding.title)), "{md}");
        assert!(
            md.contains(&format!("`{}` at `tool.py:4`", finding.rule_id)),
            "{md}"
        );
        assert!(
            md.contains(&format!(
                "## Why it matters\n\n{}",
                rule.spec.doc.why.trim()
            )),
            "{md}"
        );
        assert!(md.contains(&finding.message), "{md}");
    }
}
