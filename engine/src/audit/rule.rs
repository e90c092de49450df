//! Rules as data: the TOML format of one rule file, and its compiled form.
//!
//! A rule file names the rule (id, title, category, CWE, severity, confidence, languages), says how
//! it matches (one of four matchers: `call` patterns, tree-sitter `query` patterns, text `regex`
//! patterns, or a `taint` spec of sinks, sources and sanitizers), and carries its message, fix
//! template, documentation in fixed headings and the example snippets the tests run. Compiling a
//! rule checks every regex and query up front, so a broken user rule is reported with its file
//! name and never half-applied.

use super::model::{Confidence, Severity};
use crate::parse::Language;
use regex::Regex;
use serde::Deserialize;

/// Errors in a rule file.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("rule file {origin}: not valid TOML: {message}")]
    Syntax { origin: String, message: String },
    #[error("rule {id} ({origin}): {message}")]
    Invalid {
        id: String,
        origin: String,
        message: String,
    },
}

/// The TOML form of a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub title: String,
    pub category: String,
    pub cwe: Option<u32>,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Language names as [`Language::from_name`] reads them, or `*` for every text file.
    pub languages: Vec<String>,
    /// Shown with each finding; `{callee}`, `{source}` and `{text}` are filled in.
    pub message: String,
    /// Bandit test ids this rule corresponds to (for `# nosec B602` and the benchmark).
    #[serde(default)]
    pub bandit: Vec<String>,
    #[serde(default)]
    pub call: Vec<CallPattern>,
    #[serde(default)]
    pub query: Vec<QueryPattern>,
    #[serde(default)]
    pub regex: Vec<RegexPattern>,
    pub taint: Option<TaintSpec>,
    pub fix: Option<FixSpec>,
    pub doc: DocSpec,
    #[serde(default)]
    pub examples: ExampleSpec,
}

/// Matches calls by the callee as written (`yaml.load`, `exec.Command`, `new ObjectInputStream`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallPattern {
    /// Regex over the callee text with whitespace removed.
    pub callee: String,
    /// Regex the callee text must not match (`defusedxml.` before an XML parser).
    pub not_callee: Option<String>,
    /// Regex the whole file must match (the module is imported).
    pub file_has: Option<String>,
    /// Regex the argument list text must match.
    pub args: Option<String>,
    /// Regex the argument list text must not match.
    pub not_args: Option<String>,
    /// Regex the whole file must not match (hardening done elsewhere in the file, e.g. XXE).
    pub file_not: Option<String>,
    /// Only when the first argument is not a plain literal.
    #[serde(default)]
    pub non_literal_arg: bool,
    /// Only when the first argument is not a known constant: a literal, a concatenation of
    /// literals, or a name bound only to constants (a sanitised value is not one).
    #[serde(default)]
    pub non_constant_arg: bool,
}

/// A tree-sitter query; the `@finding` capture (or the whole match) is reported.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryPattern {
    pub pattern: String,
    #[serde(default, rename = "where")]
    pub conditions: Vec<Condition>,
}

/// A condition on one capture's text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub capture: String,
    pub matches: Option<String>,
    pub not_matches: Option<String>,
}

/// A text pattern over the whole file (secrets, invisible characters).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegexPattern {
    pub pattern: String,
    /// The group holding the secret; entropy is measured on it. 0 is the whole match.
    #[serde(default)]
    pub group: usize,
    /// Minimum Shannon entropy in bits per character of `group`.
    pub min_entropy: Option<f64>,
    /// Regex the matched text must not match (placeholders such as `example`, `xxxx`).
    pub not_matches: Option<String>,
}

/// Sinks, plus sources and sanitizers on top of the language's defaults.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaintSpec {
    pub sinks: Vec<SinkSpec>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub sanitizers: Vec<String>,
    /// Sources that do not count for this rule (command-line arguments for file paths: a CLI
    /// opening the file its user names is the point, not a flaw). Matched against the source's
    /// text.
    #[serde(default)]
    pub ignore_sources: Vec<String>,
    /// Also report a sink fed by a non-constant value that is not known to be tainted (a
    /// parameter, a value built from unknown names), with this lower severity and confidence.
    pub dynamic: Option<Rating>,
}

/// A severity and confidence pair.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub severity: Severity,
    pub confidence: Confidence,
}

/// A call sink (`callee`) or an assignment sink (`assign`, e.g. `.innerHTML`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinkSpec {
    pub callee: Option<String>,
    pub assign: Option<String>,
    /// Which positional arguments flow into the sink; empty means all.
    #[serde(default)]
    pub args: Vec<usize>,
    /// Regex the call text must match (`shell\s*=\s*True`).
    pub when: Option<String>,
    /// Regex the call text must not match.
    pub unless: Option<String>,
}

/// How to rewrite a finding. `target` names the text replaced; `template` is the new text with
/// `{{callee}}`, `{{receiver}}`, `{{method}}`, `{{args}}`, `{{arg0}}`, `{{arg1}}`, `{{name}}`,
/// `{{NAME}}` and `{{text}}` filled in; `transform` names a built-in rewrite instead
/// (`sql_params`, `shell_list`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixSpec {
    pub description: String,
    #[serde(default)]
    pub target: FixTarget,
    pub template: Option<String>,
    /// Per-language templates (by language name), for rules that cover several languages.
    #[serde(default)]
    pub templates: std::collections::BTreeMap<String, String>,
    pub transform: Option<FixTransform>,
    /// A line the file must contain for the rewrite to work (`import os`); added at the top
    /// when missing.
    pub ensure_line: Option<String>,
    /// Per-language `ensure_line`.
    #[serde(default)]
    pub ensure_lines: std::collections::BTreeMap<String, String>,
}

/// The text a fix template replaces. Read from strings (`"finding"`, `"arg0"`,
/// `"kwarg_value:verify"`) so rule files stay short; a misspelt target fails when the rule
/// loads, naming the file and the field, instead of silently producing no fix.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(try_from = "String")]
pub enum FixTarget {
    /// The finding's own range.
    #[default]
    Finding,
    /// The whole call the finding is about.
    Call,
    /// The callee of that call (`yaml.load` in `yaml.load(x)`).
    Callee,
    /// A positional argument (0 or 1).
    Arg(usize),
    /// The string literal around the finding (a hard-coded secret).
    String,
    /// A keyword argument, name and value (`kwarg:shell`).
    Kwarg(String),
    /// Only the value of a keyword argument (`kwarg_value:verify`).
    KwargValue(String),
}

const FIX_TARGETS: &str = "finding, call, callee, arg0, arg1, string, kwarg:NAME, kwarg_value:NAME";

impl TryFrom<String> for FixTarget {
    type Error = String;

    fn try_from(text: String) -> Result<FixTarget, String> {
        let named = |name: &str| -> Result<String, String> {
            if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                Ok(name.to_string())
            } else {
                Err(format!(
                    "[fix] target {text:?}: the keyword name must be an identifier"
                ))
            }
        };
        Ok(match text.as_str() {
            "finding" => FixTarget::Finding,
            "call" => FixTarget::Call,
            "callee" => FixTarget::Callee,
            "arg0" => FixTarget::Arg(0),
            "arg1" => FixTarget::Arg(1),
            "string" => FixTarget::String,
            other => {
                if let Some(name) = other.strip_prefix("kwarg:") {
                    FixTarget::Kwarg(named(name)?)
                } else if let Some(name) = other.strip_prefix("kwarg_value:") {
                    FixTarget::KwargValue(named(name)?)
                } else {
                    return Err(format!(
                        "[fix] target {other:?} is not a fix target (known: {FIX_TARGETS})"
                    ));
                }
            }
        })
    }
}

/// The built-in rewrites a rule's `[fix] transform` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixTransform {
    /// A query built by f-string, `%`, `+` or `.format` becomes a parameterised query.
    SqlParams,
    /// A shell command string becomes an argument list run without a shell.
    ShellList,
}

/// Documentation in fixed headings; `docs/audit.md` is generated from it.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DocSpec {
    pub what: String,
    pub why: String,
    #[serde(default)]
    pub fix: String,
}

/// Snippets the test suite runs: each `vulnerable` one must give this rule's finding, each
/// `safe` one must not, and each `high` one must give it at the rule's own severity (taint
/// confirmed).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// The language of the snippets when the rule covers several (default: the first).
    pub language: Option<String>,
    #[serde(default)]
    pub vulnerable: Vec<String>,
    #[serde(default)]
    pub safe: Vec<String>,
    #[serde(default)]
    pub high: Vec<String>,
}

/// A compiled call pattern.
#[derive(Debug)]
pub(crate) struct CompiledCall {
    pub callee: Regex,
    pub not_callee: Option<Regex>,
    pub file_has: Option<Regex>,
    pub args: Option<Regex>,
    pub not_args: Option<Regex>,
    pub file_not: Option<Regex>,
    pub non_literal_arg: bool,
    pub non_constant_arg: bool,
}

/// A compiled query, per language (a query compiles against one grammar).
#[derive(Debug)]
pub(crate) struct CompiledQuery {
    pub conditions: Vec<(String, Option<Regex>, Option<Regex>)>,
}

#[derive(Debug)]
pub(crate) struct CompiledRegex {
    pub pattern: Regex,
    pub group: usize,
    pub min_entropy: Option<f64>,
    pub not_matches: Option<Regex>,
}

#[derive(Debug)]
pub(crate) struct CompiledSink {
    pub callee: Option<Regex>,
    pub assign: Option<Regex>,
    pub args: Vec<usize>,
    pub when: Option<Regex>,
    pub unless: Option<Regex>,
}

#[derive(Debug)]
pub(crate) struct CompiledTaint {
    pub sinks: Vec<CompiledSink>,
    pub sources: Vec<Regex>,
    pub sanitizers: Vec<Regex>,
    pub ignore_sources: Vec<Regex>,
    pub dynamic: Option<Rating>,
}

/// A rule ready to run.
#[derive(Debug)]
pub struct Rule {
    pub spec: RuleSpec,
    /// Where it came from: `builtin:python/sql-injection.toml` or a file path.
    pub origin: String,
    /// `None` means every file (`languages = ["*"]`).
    pub languages: Option<Vec<Language>>,
    pub(crate) calls: Vec<CompiledCall>,
    pub(crate) queries: Vec<CompiledQuery>,
    pub(crate) regexes: Vec<CompiledRegex>,
    pub(crate) taint: Option<CompiledTaint>,
}

impl Rule {
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// Whether this rule runs on files of `language`.
    pub fn applies_to(&self, language: Language) -> bool {
        match &self.languages {
            None => true,
            Some(list) => list.contains(&language),
        }
    }

    /// Parses and compiles one rule file's text.
    pub fn from_toml(text: &str, origin: &str) -> Result<Rule, RuleError> {
        let spec: RuleSpec = toml::from_str(text).map_err(|e| RuleError::Syntax {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        Rule::compile(spec, origin)
    }

    fn compile(spec: RuleSpec, origin: &str) -> Result<Rule, RuleError> {
        let invalid = |message: String| RuleError::Invalid {
            id: spec.id.clone(),
            origin: origin.to_string(),
            message,
        };
        if !valid_id(&spec.id) {
            return Err(invalid(
                "ids are lowercase words joined by '-', with one '/' after the prefix (py/sql-injection)".into(),
            ));
        }
        let languages = if spec.languages.iter().any(|l| l == "*") {
            None
        } else {
            let mut list = Vec::new();
            for name in &spec.languages {
                let lang = Language::from_name(name)
                    .ok_or_else(|| invalid(format!("unknown language {name:?}")))?;
                list.push(lang);
                // TypeScript rules written for `typescript` also cover `.tsx` files.
                if lang == Language::TypeScript && !spec.languages.iter().any(|l| l == "tsx") {
                    list.push(Language::Tsx);
                }
            }
            if list.is_empty() {
                return Err(invalid("languages is empty".into()));
            }
            Some(list)
        };
        let matchers = usize::from(!spec.call.is_empty())
            + usize::from(!spec.query.is_empty())
            + usize::from(!spec.regex.is_empty())
            + usize::from(spec.taint.is_some());
        if matchers == 0 {
            return Err(invalid(
                "no matcher: give [[call]], [[query]], [[regex]] or [taint]".into(),
            ));
        }
        let re = |pattern: &str| -> Result<Regex, RuleError> {
            Regex::new(pattern).map_err(|e| invalid(format!("bad regex {pattern:?}: {e}")))
        };
        let opt = |pattern: &Option<String>| -> Result<Option<Regex>, RuleError> {
            pattern.as_deref().map(re).transpose()
        };
        let mut calls = Vec::new();
        for call in &spec.call {
            calls.push(CompiledCall {
                callee: re(&call.callee)?,
                not_callee: opt(&call.not_callee)?,
                file_has: opt(&call.file_has)?,
                args: opt(&call.args)?,
                not_args: opt(&call.not_args)?,
                file_not: opt(&call.file_not)?,
                non_literal_arg: call.non_literal_arg,
                non_constant_arg: call.non_constant_arg,
            });
        }
        // Query patterns are compiled once per language for the whole rule set (see
        // `RuleSet`); a rule set that fails to compile checks each rule with `check_queries`.
        let mut queries = Vec::new();
        for query in &spec.query {
            if languages.is_none() {
                return Err(invalid(
                    "query patterns need named languages, not '*'".into(),
                ));
            }
            let mut conditions = Vec::new();
            for c in &query.conditions {
                conditions.push((c.capture.clone(), opt(&c.matches)?, opt(&c.not_matches)?));
            }
            queries.push(CompiledQuery { conditions });
        }
        let mut regexes = Vec::new();
        for r in &spec.regex {
            let pattern = re(&r.pattern)?;
            if r.group >= pattern.captures_len() {
                return Err(invalid(format!("regex has no group {}", r.group)));
            }
            regexes.push(CompiledRegex {
                pattern,
                group: r.group,
                min_entropy: r.min_entropy,
                not_matches: opt(&r.not_matches)?,
            });
        }
        let taint = match &spec.taint {
            None => None,
            Some(t) => {
                let mut sinks = Vec::new();
                for s in &t.sinks {
                    if s.callee.is_none() == s.assign.is_none() {
                        return Err(invalid("a sink has exactly one of callee or assign".into()));
                    }
                    sinks.push(CompiledSink {
                        callee: opt(&s.callee)?,
                        assign: opt(&s.assign)?,
                        args: s.args.clone(),
                        when: opt(&s.when)?,
                        unless: opt(&s.unless)?,
                    });
                }
                Some(CompiledTaint {
                    sinks,
                    sources: t.sources.iter().map(|s| re(s)).collect::<Result<_, _>>()?,
                    sanitizers: t
                        .sanitizers
                        .iter()
                        .map(|s| re(s))
                        .collect::<Result<_, _>>()?,
                    ignore_sources: t
                        .ignore_sources
                        .iter()
                        .map(|s| re(s))
                        .collect::<Result<_, _>>()?,
                    dynamic: t.dynamic,
                })
            }
        };
        if let Some(fix) = &spec.fix {
            let templated = fix.template.is_some() || !fix.templates.is_empty();
            if templated == fix.transform.is_some() {
                return Err(invalid(
                    "[fix] has a template (or templates) or a transform, not both".into(),
                ));
            }
        }
        Ok(Rule {
            spec,
            origin: origin.to_string(),
            languages,
            calls,
            queries,
            regexes,
            taint,
        })
    }
}

impl Rule {
    /// Compiles each query pattern of the rule on its own, to name the rule and language at
    /// fault when a combined query does not compile.
    pub fn check_queries(&self) -> Result<(), RuleError> {
        for lang in self.languages.iter().flatten() {
            let Some(grammar) = lang.grammar() else {
                continue;
            };
            for q in &self.spec.query {
                tree_sitter::Query::new(&grammar, &q.pattern).map_err(|e| RuleError::Invalid {
                    id: self.spec.id.clone(),
                    origin: self.origin.clone(),
                    message: format!("query does not compile for {lang}: {e}"),
                })?;
            }
        }
        Ok(())
    }
}

fn valid_id(id: &str) -> bool {
    let Some((prefix, name)) = id.split_once('/') else {
        return false;
    };
    let word = |s: &str| {
        !s.is_empty()
            && s.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    };
    word(prefix) && word(name)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn rule_with_fix(fix: &str) -> String {
        format!(
            r#"id = "py/demo"
title = "Demo"
category = "weak-crypto"
severity = "low"
confidence = "low"
languages = ["python"]
message = "demo"

[[call]]
callee = '^md5$'

[fix]
description = "demo"
{fix}

[doc]
what = "w"
why = "y"
"#
        )
    }

    #[test]
    fn fix_targets_and_transforms_are_typed_when_the_rule_loads() {
        let rule = Rule::from_toml(
            &rule_with_fix("target = \"kwarg_value:verify\"\ntemplate = \"True\""),
            "demo.toml",
        )
        .unwrap();
        let fix = rule.spec.fix.unwrap();
        assert_eq!(fix.target, FixTarget::KwargValue("verify".into()));
        let rule =
            Rule::from_toml(&rule_with_fix("transform = \"sql_params\""), "demo.toml").unwrap();
        let fix = rule.spec.fix.unwrap();
        assert_eq!(
            (fix.target, fix.transform),
            (FixTarget::Finding, Some(FixTransform::SqlParams))
        );
    }

    #[test]
    fn a_misspelt_fix_target_fails_naming_the_file_and_the_field() {
        let err = Rule::from_toml(
            &rule_with_fix("target = \"arg\"\ntemplate = \"x\""),
            "rules/demo.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("rule file rules/demo.toml: not valid TOML:"),
            "{err}"
        );
        assert!(
            err.contains("[fix] target \"arg\" is not a fix target (known: finding, call, callee, arg0, arg1, string, kwarg:NAME, kwarg_value:NAME)"),
            "{err}"
        );
        assert!(
            err.contains("target = \"arg\""),
            "the error shows the line: {err}"
        );
    }

    #[test]
    fn a_misspelt_fix_transform_fails_naming_the_file_and_the_choices() {
        let err = Rule::from_toml(
            &rule_with_fix("transform = \"sql_param\""),
            "rules/demo.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("rule file rules/demo.toml: not valid TOML:"),
            "{err}"
        );
        assert!(
            err.contains("sql_params") && err.contains("shell_list"),
            "{err}"
        );
        assert!(err.contains("transform = \"sql_param\""), "{err}");
    }
}
