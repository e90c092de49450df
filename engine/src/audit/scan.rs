//! Scanning one file: parse it once, run every rule for its language over the one tree (call
//! patterns, queries, taint) and the text rules over its text, then drop suppressed and
//! duplicate matches and turn the rest into findings with fixes and fingerprints.

use super::catalog::RuleSet;
use super::fix::{self, FixContext};
use super::model::{Confidence, FileNote, Finding, FlowStep, Severity, TaintSource};
use super::resolve::Names;
use super::suppress;
use super::syntax::{self, CallParts, Family, call_parts};
use super::taint;
use super::text::LineIndex;
use super::value::Step;
use crate::parse::Language;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::time::{Duration, Instant};
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Parser, QueryCursor, Tree};

/// How long one file may take to parse before its syntax rules are given up (text rules still
/// run): a pathological input must not stall a whole scan.
const PARSE_BUDGET: Duration = Duration::from_secs(3);

/// The result of scanning one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileScan {
    pub findings: Vec<Finding>,
    pub notes: Vec<FileNote>,
}

/// Parsers kept per thread, one per grammar.
#[derive(Default)]
pub(crate) struct Parsers {
    parsers: HashMap<Language, Parser>,
}

impl Parsers {
    fn parse(&mut self, language: Language, text: &str) -> Result<Option<Tree>, String> {
        let Some(grammar) = language.grammar() else {
            return Ok(None);
        };
        let parser = match self.parsers.entry(language) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let mut parser = Parser::new();
                parser
                    .set_language(&grammar)
                    .map_err(|e| format!("grammar for {language} does not load: {e}"))?;
                e.insert(parser)
            }
        };
        let started = Instant::now();
        let mut progress = |_: &tree_sitter::ParseState| {
            if started.elapsed() > PARSE_BUDGET {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
        let bytes = text.as_bytes();
        let tree = parser.parse_with_options(
            &mut |i, _| bytes.get(i..).unwrap_or_default(),
            None,
            Some(options),
        );
        parser.reset();
        match tree {
            Some(tree) => Ok(Some(tree)),
            None => Err(format!(
                "parsing took longer than {}s; only text rules (secrets) ran",
                PARSE_BUDGET.as_secs()
            )),
        }
    }
}

/// Scans one file's text. `path` is used for the language and in findings; `editable` says
/// whether fixes may be offered (false for files that were not valid UTF-8, whose text here is
/// a lossy copy).
pub(crate) fn scan_text(
    parsers: &mut Parsers,
    rules: &RuleSet,
    path: &str,
    text: &str,
    editable: bool,
) -> FileScan {
    let language = Language::from_path(std::path::Path::new(path));
    let family = Family::of(language);
    let lines = LineIndex::new(text);
    let mut notes = Vec::new();
    let rule_ids: Vec<usize> = rules.for_language(language).collect();
    if rule_ids.is_empty() {
        return FileScan::default();
    }
    let tree = match family {
        Some(_) => match parsers.parse(language, text) {
            Ok(tree) => tree,
            Err(message) => {
                notes.push(FileNote {
                    path: path.to_string(),
                    message,
                });
                None
            }
        },
        None => None,
    };
    if let Some(tree) = &tree
        && tree.root_node().has_error()
    {
        notes.push(FileNote {
            path: path.to_string(),
            message: "does not parse cleanly; rules ran on the parts that did".into(),
        });
    }
    let mut raw: Vec<RawMatch<'_>> = Vec::new();
    let all = rules.rules();
    // Text rules.
    for &i in &rule_ids {
        let rule = &all[i];
        for r in &rule.regexes {
            for caps in r.pattern.captures_iter(text) {
                let Some(m) = caps.get(r.group) else { continue };
                if let Some(min) = r.min_entropy
                    && entropy(m.as_str()) < min
                {
                    continue;
                }
                if r.not_matches
                    .as_ref()
                    .is_some_and(|n| n.is_match(caps.get(0).map_or("", |c| c.as_str())))
                {
                    continue;
                }
                let node = tree
                    .as_ref()
                    .and_then(|t| t.root_node().descendant_for_byte_range(m.start(), m.end()));
                raw.push(RawMatch::new(
                    i,
                    rule,
                    m.start(),
                    m.end(),
                    node,
                    None,
                    m.as_str(),
                ));
            }
        }
    }
    if let (Some(tree), Some(family)) = (&tree, family) {
        let root = tree.root_node();
        let names = Names::collect(family, root, text);
        // Call patterns: one walk, every call read once, its callee tried in every spelling
        // (as written, resolved through imports, short). Matches that hinge on what an
        // argument holds wait for the taint walk's constants.
        let call_rules: Vec<usize> = rule_ids
            .iter()
            .copied()
            .filter(|&i| !all[i].calls.is_empty())
            .collect();
        let mut pending: Vec<Pending<'_>> = Vec::new();
        if !call_rules.is_empty() {
            // A cursor walk over every node: no allocation per node.
            let mut cursor = root.walk();
            'walk: loop {
                let node = cursor.node();
                if node.is_named()
                    && let Some(call) = call_parts(family, node, text)
                {
                    let forms = names.forms(&call.callee);
                    match_calls(
                        &call_rules,
                        rules,
                        &call,
                        &forms,
                        node,
                        text,
                        &mut raw,
                        &mut pending,
                    );
                }
                if cursor.goto_first_child() {
                    continue;
                }
                loop {
                    if cursor.goto_next_sibling() {
                        break;
                    }
                    if !cursor.goto_parent() {
                        break 'walk;
                    }
                }
            }
        }
        // Queries: every rule's patterns in one traversal.
        if let Some((query, owners)) = rules.combined_query(language) {
            let names = query.capture_names();
            let mut cursor = QueryCursor::new();
            let mut matches = cursor.matches(query, root, text.as_bytes());
            while let Some(m) = matches.next() {
                let Some(&(i, j)) = owners.get(m.pattern_index) else {
                    continue;
                };
                let rule = &all[i];
                let q = &rule.queries[j];
                let capture = |name: &str| {
                    m.captures()
                        .iter()
                        .find(|c| names.get(c.index as usize) == Some(&name))
                        .map(|c| c.node)
                };
                let ok = q.conditions.iter().all(|(name, yes, no)| {
                    let t = capture(name)
                        .and_then(|n| n.utf8_text(text.as_bytes()).ok())
                        .unwrap_or_default();
                    yes.as_ref().is_none_or(|r| r.is_match(t))
                        && no.as_ref().is_none_or(|r| !r.is_match(t))
                });
                if !ok {
                    continue;
                }
                let Some(node) =
                    capture("finding").or_else(|| m.captures().first().map(|c| c.node))
                else {
                    continue;
                };
                let call = capture("call")
                    .or(Some(node))
                    .filter(|n| call_parts(family, *n, text).is_some());
                let t = node.utf8_text(text.as_bytes()).unwrap_or_default();
                raw.push(RawMatch::new(
                    i,
                    rule,
                    node.start_byte(),
                    node.end_byte(),
                    Some(node),
                    call,
                    t,
                ));
            }
        }
        // Taint, and the constants the pending call patterns need.
        let taint_rules: Vec<(usize, &super::rule::Rule)> = rule_ids
            .iter()
            .filter(|&&i| all[i].taint.is_some())
            .map(|&i| (i, &all[i]))
            .collect();
        if (!taint_rules.is_empty() || !pending.is_empty())
            && let Some(profile) = rules.profile(family)
        {
            let want: HashSet<usize> = pending.iter().map(|p| p.node.id()).collect();
            let outcome = taint::run(family, root, text, &taint_rules, profile, &names, &want);
            for p in pending {
                let info = outcome.args.get(&p.node.id());
                if p.recheck(info) {
                    let t = p.node.utf8_text(text.as_bytes()).unwrap_or_default();
                    let mut m = RawMatch::new(
                        p.rule,
                        &all[p.rule],
                        p.node.start_byte(),
                        p.node.end_byte(),
                        Some(p.node),
                        Some(p.node),
                        t,
                    );
                    m.callee = p.callee;
                    raw.push(m);
                }
            }
            for hit in outcome.hits {
                let rule = &all[hit.rule];
                let node = hit.node;
                let t = node.utf8_text(text.as_bytes()).unwrap_or_default();
                let mut m = RawMatch::new(
                    hit.rule,
                    rule,
                    node.start_byte(),
                    node.end_byte(),
                    Some(node),
                    call_parts(family, node, text).map(|_| node),
                    t,
                );
                m.severity = hit.rating.severity;
                m.confidence = hit.rating.confidence;
                m.callee = hit.callee;
                m.source = hit
                    .value
                    .origin
                    .map(|(line, text)| TaintSource { line, text });
                m.flow = hit.steps;
                raw.push(m);
            }
        }
    }
    let findings = finish(raw, rules, path, text, &lines, language, family, editable);
    FileScan { findings, notes }
}

/// A call pattern whose callee matched but whose `args`, `not_args` or `non_literal_arg`
/// condition depends on what the arguments hold: decided after the taint walk.
struct Pending<'t> {
    rule: usize,
    node: Node<'t>,
    callee: String,
    args: Option<&'t Regex>,
    not_args: Option<&'t Regex>,
    non_literal_arg: bool,
    non_constant_arg: bool,
    /// Whether the text as written already matched (only `non_literal_arg` was in doubt).
    matched_as_written: bool,
}

impl Pending<'_> {
    fn recheck(&self, info: Option<&taint::ArgInfo>) -> bool {
        let Some(info) = info else {
            return self.matched_as_written;
        };
        if (self.non_literal_arg && info.first_const) || (self.non_constant_arg && info.first_known)
        {
            return false;
        }
        if self.matched_as_written {
            return true;
        }
        info.alternatives.iter().any(|alt| {
            self.args.is_none_or(|r| r.is_match(alt))
                && self.not_args.is_none_or(|r| !r.is_match(alt))
        })
    }
}

#[allow(clippy::too_many_arguments)] // one call site, all of it the current call's context
fn match_calls<'t>(
    call_rules: &[usize],
    rules: &'t RuleSet,
    call: &CallParts<'t>,
    forms: &[String],
    node: Node<'t>,
    text: &str,
    raw: &mut Vec<RawMatch<'t>>,
    pending: &mut Vec<Pending<'t>>,
) {
    let all = rules.rules();
    let args_text = call
        .arguments
        .and_then(|a| a.utf8_text(text.as_bytes()).ok())
        .unwrap_or_default();
    let dynamic_args = call.arguments.is_some_and(|a| {
        syntax::positional_args(a)
            .iter()
            .any(|n| !is_plain_literal(*n))
            || {
                let mut c = a.walk();
                a.named_children(&mut c).any(|n| {
                    n.kind() == "keyword_argument"
                        && n.child_by_field_name("value")
                            .is_some_and(|v| !is_plain_literal(v))
                })
            }
    });
    for &i in call_rules {
        let rule = &all[i];
        let mut matched: Option<&str> = None;
        let mut deferred: Option<Pending<'t>> = None;
        'patterns: for c in &rule.calls {
            for form in forms {
                if !c.callee.is_match(form)
                    || c.not_callee.as_ref().is_some_and(|r| r.is_match(form))
                    || c.file_has.as_ref().is_some_and(|r| !r.is_match(text))
                    || c.file_not.as_ref().is_some_and(|r| r.is_match(text))
                {
                    continue;
                }
                let args_ok = c.args.as_ref().is_none_or(|r| r.is_match(args_text))
                    && c.not_args.as_ref().is_none_or(|r| !r.is_match(args_text));
                let needs_walk = c.non_literal_arg || c.non_constant_arg;
                let literal_ok = !needs_walk || first_arg_is_dynamic(call);
                if args_ok && literal_ok && !needs_walk {
                    matched = Some(form);
                    break 'patterns;
                }
                // Worth asking the taint walk: a name may hold the constant the pattern wants,
                // or the "non-literal" first argument may be a constant after all.
                if deferred.is_none()
                    && literal_ok
                    && (args_ok || (dynamic_args && c.args.is_some()))
                {
                    deferred = Some(Pending {
                        rule: i,
                        node,
                        callee: form.clone(),
                        args: c.args.as_ref(),
                        not_args: c.not_args.as_ref(),
                        non_literal_arg: c.non_literal_arg,
                        non_constant_arg: c.non_constant_arg,
                        matched_as_written: args_ok,
                    });
                }
            }
        }
        if let Some(form) = matched {
            let t = node.utf8_text(text.as_bytes()).unwrap_or_default();
            let mut m = RawMatch::new(
                i,
                rule,
                node.start_byte(),
                node.end_byte(),
                Some(node),
                Some(node),
                t,
            );
            m.callee = form.to_string();
            raw.push(m);
        } else if let Some(p) = deferred {
            pending.push(p);
        }
    }
}

fn first_arg_is_dynamic(call: &CallParts<'_>) -> bool {
    let Some(args) = call.arguments else {
        return false;
    };
    let Some(first) = syntax::positional_args(args).into_iter().next() else {
        return false;
    };
    !is_plain_literal(first)
}

fn is_plain_literal(node: Node<'_>) -> bool {
    match node.kind() {
        "string" => {
            let mut c = node.walk();

            !node
                .named_children(&mut c)
                .any(|n| n.kind() == "interpolation")
        }
        "string_literal"
        | "interpreted_string_literal"
        | "raw_string_literal"
        | "integer"
        | "number"
        | "true"
        | "false"
        | "none"
        | "null" => true,
        "concatenated_string" => {
            let mut c = node.walk();

            node.named_children(&mut c).all(is_plain_literal)
        }
        _ => false,
    }
}

struct RawMatch<'t> {
    rule: usize,
    start: usize,
    end: usize,
    severity: Severity,
    confidence: Confidence,
    node: Option<Node<'t>>,
    call: Option<Node<'t>>,
    callee: String,
    text: String,
    source: Option<TaintSource>,
    /// The taint path, source first, sink last.
    flow: Vec<Step>,
}

impl<'t> RawMatch<'t> {
    fn new(
        index: usize,
        rule: &super::rule::Rule,
        start: usize,
        end: usize,
        node: Option<Node<'t>>,
        call: Option<Node<'t>>,
        text: &str,
    ) -> RawMatch<'t> {
        RawMatch {
            rule: index,
            start,
            end,
            severity: rule.spec.severity,
            confidence: rule.spec.confidence,
            node,
            call,
            callee: String::new(),
            text: shorten(text.lines().next().unwrap_or_default().trim(), 80),
            source: None,
            flow: Vec::new(),
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        let cut: String = s.chars().take(max - 3).collect();
        format!("{cut}...")
    } else {
        s.to_string()
    }
}

#[allow(clippy::too_many_arguments)] // one call site; the values are the file's, not options
fn finish(
    mut raw: Vec<RawMatch<'_>>,
    rules: &RuleSet,
    path: &str,
    text: &str,
    lines: &LineIndex<'_>,
    language: Language,
    family: Option<Family>,
    editable: bool,
) -> Vec<Finding> {
    let all = rules.rules();
    let markers: &[&str] = match family {
        Some(f) => match f.comment_marker() {
            "#" => &["#"],
            _ => &["//", "/*"],
        },
        None => &["#", "//"],
    };
    // Strongest first, so duplicates keep the best-rated match.
    raw.sort_by(|a, b| {
        (
            a.start,
            std::cmp::Reverse(a.severity),
            std::cmp::Reverse(a.confidence),
            a.rule,
        )
            .cmp(&(
                b.start,
                std::cmp::Reverse(b.severity),
                std::cmp::Reverse(b.confidence),
                b.rule,
            ))
    });
    let mut seen_rule: std::collections::HashSet<(usize, usize)> = Default::default();
    let mut seen_category: HashMap<(String, usize), usize> = HashMap::new();
    let mut kept: Vec<RawMatch<'_>> = Vec::new();
    for m in raw {
        if !seen_rule.insert((m.rule, m.start)) {
            continue;
        }
        let rule = &all[m.rule];
        let line = lines.position(m.start).line;
        let above = (line > 1).then(|| lines.line_text(line - 1));
        if suppress::is_suppressed(rule, lines.line_text(line), above, markers) {
            continue;
        }
        // Two rules of one category on one line are one problem: keep the stronger.
        let key = (rule.spec.category.clone(), line);
        if let Some(&at) = seen_category.get(&key) {
            let other: &RawMatch<'_> = &kept[at];
            if (m.severity, m.confidence) > (other.severity, other.confidence) {
                kept[at] = m;
            }
            continue;
        }
        seen_category.insert(key, kept.len());
        kept.push(m);
    }
    kept.sort_by_key(|m| (m.start, m.rule));
    let mut occurrences: HashMap<(String, String), usize> = HashMap::new();
    let mut findings = Vec::with_capacity(kept.len());
    for m in kept {
        let rule = &all[m.rule];
        let span = lines.span(m.start, m.end);
        let line_text = lines.line_text(span.start.line);
        let snippet = shorten(line_text.trim(), 120);
        let call_parts_owned = match (family, m.call) {
            (Some(f), Some(n)) => call_parts(f, n, text).map(|p| (n, p)),
            _ => None,
        };
        let fix = match (&rule.spec.fix, editable) {
            (Some(spec), true) => {
                let ctx = FixContext {
                    language,
                    family,
                    range: (m.start, m.end),
                    node: m.node,
                    call: call_parts_owned.as_ref().map(|(n, p)| (*n, p)),
                };
                fix::build(spec, &ctx, text, lines)
            }
            _ => None,
        };
        let source_text = m
            .source
            .as_ref()
            .map(|s| format!("{} (line {})", s.text, s.line))
            .unwrap_or_else(|| "a value not known to be constant".into());
        let message = rule
            .spec
            .message
            .replace("{callee}", &m.callee)
            .replace("{source}", &source_text)
            .replace("{text}", &m.text);
        let squashed = syntax::squash(line_text);
        let n = occurrences
            .entry((rule.spec.id.clone(), squashed.clone()))
            .or_insert(0);
        let fingerprint =
            blake3::hash(format!("{}\0{}\0{}\0{}", rule.spec.id, path, squashed, n).as_bytes())
                .to_hex()[..32]
                .to_string();
        *n += 1;
        findings.push(Finding {
            rule_id: rule.spec.id.clone(),
            title: rule.spec.title.clone(),
            category: rule.spec.category.clone(),
            cwe: rule.spec.cwe,
            severity: m.severity,
            confidence: m.confidence,
            path: path.to_string(),
            span,
            message,
            snippet,
            fix,
            source: m.source,
            flow: flow_steps(&m.flow, text, lines),
            fingerprint,
            triage: None,
        });
    }
    findings
}

/// The evidence of a taint finding: each step's place and what happened there, in words a
/// reviewer reads next to the code.
fn flow_steps(steps: &[Step], text: &str, lines: &LineIndex<'_>) -> Vec<FlowStep> {
    steps
        .iter()
        .map(|s| {
            let code = text.get(s.start..s.end).unwrap_or_default();
            let code = shorten(code.lines().next().unwrap_or_default().trim(), 80);
            FlowStep {
                span: lines.span(s.start, s.end),
                message: format!("{}: {code}", s.kind.label()),
            }
        })
        .collect()
}

/// Shannon entropy in bits per character.
pub(crate) fn entropy(s: &str) -> f64 {
    let mut counts: HashMap<char, usize> = HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_default() += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = n as f64;
    counts
        .values()
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}
