//! The rules reference in `docs/audit.md`, generated from the rule files' doc headings so the
//! documentation cannot drift from the rules (a test checks the file is current).

use super::catalog::RuleSet;
use std::fmt::Write;

/// Markers around the generated part of `docs/audit.md`.
pub const BEGIN: &str = "<!-- BEGIN GENERATED RULES: cargo test -p rlm-engine --lib audit -- rules_reference (UPDATE_DOCS=1 rewrites) -->";
pub const END: &str = "<!-- END GENERATED RULES -->";

/// The rules reference as Markdown: a summary table, then one section per rule.
pub fn rules_reference(rules: &RuleSet) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| id | category | CWE | severity | confidence | languages | fix |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for rule in rules.rules() {
        let s = &rule.spec;
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} | {} | {} | {} |",
            s.id,
            anchor(&s.id),
            s.category,
            s.cwe.map_or("-".to_string(), |c| format!("CWE-{c}")),
            s.severity,
            s.confidence,
            s.languages.join(", "),
            if s.fix.is_some() { "yes" } else { "-" }
        );
    }
    for rule in rules.rules() {
        let s = &rule.spec;
        let _ = writeln!(out, "\n### {}\n", s.id);
        let _ = writeln!(out, "**{}**. ", s.title);
        let matcher = if s.taint.is_some() {
            "taint (source → sink)"
        } else if !s.query.is_empty() {
            "syntax query"
        } else if !s.call.is_empty() {
            "call pattern"
        } else {
            "text pattern"
        };
        let _ = writeln!(
            out,
            "Category `{}`, {}, severity {}, confidence {}; matched by {}{}.\n",
            s.category,
            s.cwe.map_or("no CWE".to_string(), |c| format!("CWE-{c}")),
            s.severity,
            s.confidence,
            matcher,
            if s.bandit.is_empty() {
                String::new()
            } else {
                format!("; bandit {}", s.bandit.join(", "))
            }
        );
        let _ = writeln!(out, "*What it does.* {}\n", s.doc.what.trim());
        let _ = writeln!(out, "*Why it is bad.* {}\n", s.doc.why.trim());
        if !s.doc.fix.trim().is_empty() {
            let _ = writeln!(out, "*Fix.* {}\n", s.doc.fix.trim());
        }
        if let Some(fix) = &s.fix {
            let _ = writeln!(out, "*Quick fix.* {}\n", fix.description);
        }
        // Secrets and invisible characters are left out: they would trip secret scanners and
        // this very rule when the docs are scanned.
        let example = s
            .examples
            .vulnerable
            .first()
            .filter(|_| !matches!(s.category.as_str(), "hardcoded-secret" | "trojan-source"));
        if let Some(example) = example {
            let lang = s
                .examples
                .language
                .clone()
                .or_else(|| s.languages.first().cloned())
                .unwrap_or_default();
            let lang = if lang == "*" {
                "text".to_string()
            } else {
                lang
            };
            let _ = writeln!(out, "```{lang}\n{}\n```", example.trim_end());
        }
    }
    out
}

fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect::<String>()
        .to_lowercase()
}
