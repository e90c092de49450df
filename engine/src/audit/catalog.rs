//! The rule set a scan runs: the built-in rule files embedded in the engine, the user's rule
//! files from the workspace, and the selection (`enable` / `disable` by id, id prefix or
//! category) from the `[audit]` config section.

use super::AuditError;
use super::rule::Rule;
use super::syntax::Family;
use super::taint::{Profile, ProfileSpec};
use crate::parse::Language;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/audit_rules.rs"));

/// Which rules run. Entries are rule ids (`py/sql-injection`), id prefixes ending in `*`
/// (`py/*`), or categories (`category:weak-crypto`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// When non-empty, only rules matching one of these run.
    pub enable: Vec<String>,
    /// Rules matching one of these never run.
    pub disable: Vec<String>,
}

impl Selection {
    fn matches(entry: &str, rule: &Rule) -> bool {
        if let Some(category) = entry.strip_prefix("category:") {
            return rule.spec.category == category;
        }
        if let Some(prefix) = entry.strip_suffix('*') {
            return rule.spec.id.starts_with(prefix);
        }
        rule.spec.id == entry
    }

    /// Whether `rule` is selected.
    pub fn selects(&self, rule: &Rule) -> bool {
        (self.enable.is_empty() || self.enable.iter().any(|e| Selection::matches(e, rule)))
            && !self.disable.iter().any(|e| Selection::matches(e, rule))
    }

    /// Entries that match no rule at all (likely typos), for a warning.
    pub fn unknown_entries(&self, rules: &[Rule]) -> Vec<String> {
        self.enable
            .iter()
            .chain(&self.disable)
            .filter(|e| !rules.iter().any(|r| Selection::matches(e, r)))
            .cloned()
            .collect()
    }
}

/// Compiled rules and taint profiles, shared by all scanning threads.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    profiles: HashMap<&'static str, Profile>,
    /// Rule indices per language, computed once.
    by_language: HashMap<Language, Vec<usize>>,
    /// Rules that run on every file (`languages = ["*"]`).
    universal: Vec<usize>,
    /// Per language, every query pattern of every rule in one tree-sitter query (one tree
    /// traversal per file instead of one per pattern), with the (rule, pattern) each of its
    /// patterns came from.
    combined: HashMap<Language, (tree_sitter::Query, Vec<(usize, usize)>)>,
}

const LANGUAGES: &[Language] = &[
    Language::Python,
    Language::JavaScript,
    Language::TypeScript,
    Language::Tsx,
    Language::Go,
    Language::Java,
    Language::Rust,
];

impl RuleSet {
    /// Every built-in rule.
    pub fn builtin() -> Result<RuleSet, AuditError> {
        RuleSet::load(&[], &Selection::default())
    }

    /// The built-in rules plus every `*.toml` rule file under `user_dirs`, filtered by
    /// `selection`. A user rule with a built-in rule's id replaces it.
    pub fn load(user_dirs: &[PathBuf], selection: &Selection) -> Result<RuleSet, AuditError> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut profiles = HashMap::new();
        for (path, text) in BUILTIN_FILES {
            if let Some(name) = path.strip_prefix("taint/") {
                let spec: ProfileSpec = toml::from_str(text).map_err(|e| AuditError::Profile {
                    name: name.to_string(),
                    message: e.to_string(),
                })?;
                let profile = Profile::compile(&spec).map_err(|e| AuditError::Profile {
                    name: name.to_string(),
                    message: e.to_string(),
                })?;
                let key = match name.trim_end_matches(".toml") {
                    "python" => "python",
                    "javascript" => "javascript",
                    "go" => "go",
                    "java" => "java",
                    "rust" => "rust",
                    other => {
                        return Err(AuditError::Profile {
                            name: other.to_string(),
                            message: "no such language family".into(),
                        });
                    }
                };
                profiles.insert(key, profile);
                continue;
            }
            rules.push(Rule::from_toml(text, &format!("builtin:{path}"))?);
        }
        for dir in user_dirs {
            for path in rule_files(dir)? {
                let text = std::fs::read_to_string(&path).map_err(|source| AuditError::Io {
                    path: path.clone(),
                    source,
                })?;
                let rule = Rule::from_toml(&text, &path.display().to_string())?;
                rules.retain(|r| r.spec.id != rule.spec.id);
                rules.push(rule);
            }
        }
        let mut seen = HashMap::new();
        for rule in &rules {
            if let Some(other) = seen.insert(rule.spec.id.clone(), rule.origin.clone()) {
                return Err(AuditError::DuplicateRule {
                    id: rule.spec.id.clone(),
                    first: other,
                    second: rule.origin.clone(),
                });
            }
        }
        rules.retain(|r| selection.selects(r));
        rules.sort_by(|a, b| a.spec.id.cmp(&b.spec.id));
        let mut by_language: HashMap<Language, Vec<usize>> = HashMap::new();
        let mut universal = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            match &rule.languages {
                None => universal.push(i),
                Some(_) => {
                    for lang in LANGUAGES {
                        if rule.applies_to(*lang) {
                            by_language.entry(*lang).or_default().push(i);
                        }
                    }
                }
            }
        }
        let mut combined = HashMap::new();
        for lang in LANGUAGES {
            let (Some(grammar), Some(indices)) = (lang.grammar(), by_language.get(lang)) else {
                continue;
            };
            // Concatenate the patterns, remembering where each rule's text starts; a pattern
            // of the combined query belongs to the segment its first byte falls in.
            let mut source = String::new();
            let mut segments: Vec<(usize, (usize, usize))> = Vec::new();
            for &i in indices {
                for (j, q) in rules[i].spec.query.iter().enumerate() {
                    segments.push((source.len(), (i, j)));
                    source.push_str(&q.pattern);
                    source.push('\n');
                }
            }
            if segments.is_empty() {
                continue;
            }
            let query = match tree_sitter::Query::new(&grammar, &source) {
                Ok(query) => query,
                Err(e) => {
                    for &i in indices {
                        rules[i].check_queries()?;
                    }
                    return Err(AuditError::Profile {
                        name: lang.name().to_string(),
                        message: format!("the combined query does not compile: {e}"),
                    });
                }
            };
            let owners = (0..query.pattern_count())
                .map(|p| {
                    let start = query.start_byte_for_pattern(p);
                    let at = segments
                        .partition_point(|(s, _)| *s <= start)
                        .saturating_sub(1);
                    segments[at].1
                })
                .collect();
            combined.insert(*lang, (query, owners));
        }
        Ok(RuleSet {
            rules,
            profiles,
            by_language,
            universal,
            combined,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.spec.id == id)
    }

    /// Indices of the rules that run on a file of `language` (language rules, then universal).
    pub(crate) fn for_language(&self, language: Language) -> impl Iterator<Item = usize> + '_ {
        self.by_language
            .get(&language)
            .into_iter()
            .flatten()
            .chain(&self.universal)
            .copied()
    }

    /// The combined query of a language and the (rule, pattern) behind each of its patterns.
    pub(crate) fn combined_query(
        &self,
        language: Language,
    ) -> Option<&(tree_sitter::Query, Vec<(usize, usize)>)> {
        self.combined.get(&language)
    }

    pub(crate) fn profile(&self, family: Family) -> Option<&Profile> {
        self.profiles.get(family.profile_name())
    }
}

fn rule_files(dir: &Path) -> Result<Vec<PathBuf>, AuditError> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|source| AuditError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rule_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}
