//! Taint tracking inside one file: does data from a source (a request parameter, argv, the
//! environment, `input()`, a file read) reach a sink (a query, a shell, `eval`, a file path)
//! without passing a sanitizer?
//!
//! The walk goes through each function in document order with an environment mapping names to
//! a level: constant, dynamic (a parameter, a value built from unknown names) or tainted (with
//! the source it came from). Assignments, loop variables, f-strings, concatenation, `format`
//! calls and method chains carry the level of their parts; a sanitizer call yields a constant.
//! An assignment directly in a function body replaces the old level; one inside a branch or loop
//! joins with it, since it may not run. Functions of the same file are followed one step: a
//! call's argument levels seed the callee's parameters on a second pass (run only when the file
//! calls its own functions), and a local function
//! whose result is constant (say it returns `int(x)`) acts as a sanitizer. Parameters of request
//! handlers (a decorator or annotation the language profile names) start tainted.
//!
//! Not tracked: data through containers mutated in place, object fields across methods, other
//! files, aliases of module names, and guards (`if not valid(x): return`) that are not calls
//! around the value. `docs/audit.md` lists this for users.

use super::rule::{Rating, Rule};
use super::syntax::{self, Family, call_parts, positional_args, squash};
use regex::Regex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// A language's default sources, sanitizers and request-handler pattern (data, in
/// `engine/rules/taint/<language>.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileSpec {
    /// Regexes over an access expression's text (whitespace removed), e.g. `^request\.args`.
    pub sources: Vec<String>,
    /// Regexes over a callee's text; a call to one yields a constant.
    pub sanitizers: Vec<String>,
    /// Regex over a function's decorators/annotations and signature: when it matches, the
    /// function is a request handler and its parameters are tainted.
    pub handler: Option<String>,
}

/// A compiled profile.
#[derive(Debug)]
pub(crate) struct Profile {
    /// All source patterns as one set: every access expression is tested against it, so one
    /// pass instead of one per pattern.
    pub sources: regex::RegexSet,
    pub sanitizers: regex::RegexSet,
    pub handler: Option<Regex>,
}

impl Profile {
    pub fn compile(spec: &ProfileSpec) -> Result<Profile, regex::Error> {
        Ok(Profile {
            sources: regex::RegexSet::new(&spec.sources)?,
            sanitizers: regex::RegexSet::new(&spec.sanitizers)?,
            handler: spec.handler.as_deref().map(Regex::new).transpose()?,
        })
    }
}

/// How much a value may carry attacker data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Const,
    Dynamic,
    Tainted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Val {
    pub level: Level,
    /// Line (1-based) and text of the source, for tainted values.
    pub origin: Option<(usize, String)>,
}

impl Val {
    const CONST: Val = Val {
        level: Level::Const,
        origin: None,
    };
    const DYNAMIC: Val = Val {
        level: Level::Dynamic,
        origin: None,
    };

    fn join(self, other: Val) -> Val {
        if other.level > self.level {
            other
        } else {
            self
        }
    }
}

/// A sink reached by a non-constant value.
pub(crate) struct TaintHit<'t> {
    pub rule: usize,
    /// The call (or assignment) that is the sink.
    pub node: Node<'t>,
    pub value: Val,
    /// The rating used: the rule's own for tainted values, its `dynamic` one otherwise.
    pub rating: Rating,
    pub callee: String,
}

/// Names to levels, one scope per function being walked (inner scopes shadow outer ones), so
/// entering a function costs nothing however many names the file has.
struct Env {
    scopes: Vec<HashMap<String, Val>>,
}

impl Env {
    fn new() -> Env {
        Env {
            scopes: vec![HashMap::new()],
        }
    }

    fn get(&self, name: &str) -> Option<&Val> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
    }

    fn insert(&mut self, name: String, val: Val) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name, val);
        }
    }
}

struct Walker<'a, 't> {
    family: Family,
    src: &'a str,
    rules: &'a [(usize, &'a Rule)],
    profile: &'a Profile,
    aliases: &'a syntax::Aliases,
    /// Names defined by imports: modules, not data.
    imports: HashSet<String>,
    /// Functions defined in this file, by name.
    local_functions: HashSet<String>,
    returns: HashMap<String, Val>,
    seeds: HashMap<String, Vec<Val>>,
    next_seeds: HashMap<String, Vec<Val>>,
    current_return: Val,
    hits: Vec<TaintHit<'t>>,
}

/// Runs the taint rules `rules` (index into the rule set, rule) over a parsed file.
pub(crate) fn run<'t>(
    family: Family,
    root: Node<'t>,
    src: &str,
    rules: &[(usize, &Rule)],
    profile: &Profile,
    aliases: &syntax::Aliases,
) -> Vec<TaintHit<'t>> {
    let mut walker = Walker {
        family,
        src,
        rules,
        profile,
        aliases,
        imports: HashSet::new(),
        local_functions: HashSet::new(),
        returns: HashMap::new(),
        seeds: HashMap::new(),
        next_seeds: HashMap::new(),
        current_return: Val::CONST,
        hits: Vec::new(),
    };
    collect_functions(family, root, src, &mut walker.local_functions);
    // First pass: report, and learn what local functions return and what their callers pass.
    let mut env = Env::new();
    walker.visit(root, &mut env, 0);
    if walker.next_seeds.is_empty() {
        // No local function is called: a second pass would see exactly the same.
        return walker.hits;
    }
    // Second pass, with parameters seeded from the first and return levels known.
    walker.seeds = std::mem::take(&mut walker.next_seeds);
    walker.hits.clear();
    walker.imports.clear();
    let mut env = Env::new();
    walker.visit(root, &mut env, 0);
    walker.hits
}

fn collect_functions(family: Family, root: Node<'_>, src: &str, out: &mut HashSet<String>) {
    // A cursor walk: no allocation per node.
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if family.is_function(node.kind())
            && let Some(name) = node.child_by_field_name("name")
        {
            out.insert(squash(name.utf8_text(src.as_bytes()).unwrap_or_default()));
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    node.utf8_text(src.as_bytes()).unwrap_or_default()
}

fn short(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}...")
    } else {
        s
    }
}

impl<'a, 't> Walker<'a, 't> {
    fn visit(&mut self, node: Node<'t>, env: &mut Env, branch: u32) {
        let kind = node.kind();
        if self.family.is_function(kind) {
            self.visit_function(node, env);
            return;
        }
        if self.family.is_import(kind) {
            let mut names = Vec::new();
            collect_identifiers(node, self.src, &mut names);
            self.imports.extend(names);
            return;
        }
        if let Some((_, target_field, value_field)) = self
            .family
            .assignments()
            .iter()
            .find(|(k, _, _)| *k == kind)
        {
            let target = node.child_by_field_name(target_field);
            let value = node.child_by_field_name(value_field);
            if let Some(value) = value {
                self.visit(value, env, branch);
                let val = self.eval(value, env);
                if let Some(target) = target {
                    self.check_assign_sink(node, target, &val);
                    let mut names = Vec::new();
                    syntax::bound_names(target, self.src, &mut names);
                    let replace = branch == 0 && !self.family.is_augmented(kind);
                    for name in names {
                        let new = if replace {
                            val.clone()
                        } else {
                            env.get(&name)
                                .cloned()
                                .unwrap_or(Val::CONST)
                                .join(val.clone())
                        };
                        env.insert(name, new);
                    }
                }
            }
            let inner = branch + u32::from(self.family.is_branch(kind));
            let mut cursor = node.walk();
            let rest: Vec<Node<'t>> = node
                .named_children(&mut cursor)
                .filter(|c| Some(*c) != target && Some(*c) != value)
                .collect();
            for child in rest {
                self.visit(child, env, inner);
            }
            return;
        }
        if let Some(call) = call_parts(self.family, node, self.src) {
            self.check_call(node, &call, env);
        }
        if matches!(kind, "return_statement" | "return_expression")
            && let Some(value) = node.named_child(0)
        {
            let val = self.eval(value, env);
            self.current_return = self.current_return.clone().join(val);
        }
        let inner = branch + u32::from(self.family.is_branch(kind));
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        for child in children {
            self.visit(child, env, inner);
        }
    }

    fn visit_function(&mut self, node: Node<'t>, env: &mut Env) {
        env.scopes.push(HashMap::new());
        let inner = env;
        let params = syntax::parameter_names(self.family, node, self.src);
        let name = node
            .child_by_field_name("name")
            .map(|n| squash(text(n, self.src)));
        let header = syntax::function_header(node, self.src);
        let handler = self
            .profile
            .handler
            .as_ref()
            .is_some_and(|h| h.is_match(header));
        let seeds = name.as_ref().and_then(|n| self.seeds.get(n)).cloned();
        let offset = usize::from(matches!(
            params.first().map(String::as_str),
            Some("self" | "cls")
        ));
        for (i, param) in params.iter().enumerate() {
            let val = if handler && i >= offset {
                Val {
                    level: Level::Tainted,
                    origin: Some((
                        node.start_position().row + 1,
                        format!("parameter {param} of a request handler"),
                    )),
                }
            } else {
                let seeded = i
                    .checked_sub(offset)
                    .and_then(|j| seeds.as_ref().and_then(|s| s.get(j)))
                    .cloned()
                    .unwrap_or(Val::DYNAMIC);
                Val::DYNAMIC.join(seeded)
            };
            inner.insert(param.clone(), val);
        }
        let saved = std::mem::replace(&mut self.current_return, Val::CONST);
        match node.child_by_field_name("body") {
            Some(body) => {
                self.visit(body, inner, 0);
                // An arrow function or closure whose body is an expression returns it.
                if !body.kind().contains("block") && body.kind() != "statement_block" {
                    let val = self.eval(body, inner);
                    self.current_return = self.current_return.clone().join(val);
                }
            }
            None => {
                let mut cursor = node.walk();
                let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
                for child in children {
                    self.visit(child, inner, 0);
                }
            }
        }
        inner.scopes.pop();
        let ret = std::mem::replace(&mut self.current_return, saved);
        if let Some(name) = name {
            let entry = self.returns.entry(name).or_insert(Val::CONST);
            *entry = entry.clone().join(ret);
        }
    }

    fn check_assign_sink(&mut self, node: Node<'t>, target: Node<'t>, val: &Val) {
        if val.level == Level::Const {
            return;
        }
        let target_text = squash(text(target, self.src));
        for (index, rule) in self.rules {
            let Some(taint) = &rule.taint else { continue };
            for sink in &taint.sinks {
                let Some(assign) = &sink.assign else { continue };
                if assign.is_match(&target_text) {
                    self.push_hit(*index, rule, node, val.clone(), target_text.clone());
                }
            }
        }
    }

    fn check_call(&mut self, node: Node<'t>, call: &syntax::CallParts<'t>, env: &Env) {
        let args = call.arguments.map(positional_args).unwrap_or_default();
        // Seed local functions' parameters from this call's arguments.
        let last = call.callee.rsplit(['.', ':']).next().unwrap_or_default();
        if self.local_functions.contains(last) {
            let vals: Vec<Val> = args.iter().map(|a| self.eval(*a, env)).collect();
            let entry = self.next_seeds.entry(last.to_string()).or_default();
            for (i, v) in vals.into_iter().enumerate() {
                if entry.len() <= i {
                    entry.push(Val::CONST);
                }
                entry[i] = entry[i].clone().join(v);
            }
        }
        let call_text = text(node, self.src);
        let resolved = self.aliases.resolve(&call.callee);
        for (index, rule) in self.rules {
            let Some(taint) = &rule.taint else { continue };
            for sink in &taint.sinks {
                let Some(callee) = &sink.callee else { continue };
                if !callee.is_match(&call.callee)
                    && !resolved.as_deref().is_some_and(|r| callee.is_match(r))
                {
                    continue;
                }
                if sink.when.as_ref().is_some_and(|w| !w.is_match(call_text))
                    || sink.unless.as_ref().is_some_and(|u| u.is_match(call_text))
                {
                    continue;
                }
                let mut val = Val::CONST;
                if sink.args.is_empty() {
                    // Every argument, keyword arguments included.
                    if let Some(arguments) = call.arguments {
                        val = self.eval_with(arguments, env, &taint.sanitizers);
                    }
                }
                for (i, arg) in args.iter().enumerate() {
                    if sink.args.contains(&i) {
                        val = val.join(self.eval_with(*arg, env, &taint.sanitizers));
                    }
                }
                if val.level != Level::Const {
                    self.push_hit(*index, rule, node, val, call.callee.clone());
                    break;
                }
            }
        }
    }

    fn push_hit(&mut self, index: usize, rule: &Rule, node: Node<'t>, value: Val, callee: String) {
        let Some(taint) = &rule.taint else { return };
        // A source this rule does not count makes the value merely dynamic.
        let ignored = value.level == Level::Tainted
            && value
                .origin
                .as_ref()
                .is_some_and(|(_, text)| taint.ignore_sources.iter().any(|r| r.is_match(text)));
        let value = if ignored { Val::DYNAMIC } else { value };
        let rating = match value.level {
            Level::Tainted => Rating {
                severity: rule.spec.severity,
                confidence: rule.spec.confidence,
            },
            Level::Dynamic => match taint.dynamic {
                Some(r) => r,
                None => return,
            },
            Level::Const => return,
        };
        self.hits.push(TaintHit {
            rule: index,
            node,
            value,
            rating,
            callee,
        });
    }

    fn eval(&self, node: Node<'t>, env: &Env) -> Val {
        self.eval_with(node, env, &[])
    }

    /// The level of an expression. `extra` sanitizers are the sink rule's own.
    fn eval_with(&self, node: Node<'t>, env: &Env, extra: &[Regex]) -> Val {
        let kind = node.kind();
        if self.family.is_literal(kind) && !has_interpolation(node) {
            return Val::CONST;
        }
        if matches!(
            kind,
            "package_identifier" | "type_identifier" | "scoped_identifier" | "this" | "self"
        ) {
            return Val::CONST;
        }
        if kind == "keyword_argument" {
            return node
                .child_by_field_name("value")
                .map_or(Val::CONST, |v| self.eval_with(v, env, extra));
        }
        if self.family.is_access(kind) {
            let raw = text(node, self.src);
            if raw.len() <= 400 {
                let t: std::borrow::Cow<'_, str> = if raw.contains(char::is_whitespace) {
                    squash(raw).into()
                } else {
                    raw.into()
                };
                if let Some(v) = env.get(&t) {
                    return v.clone();
                }
                if let Some(call) = call_parts(self.family, node, self.src)
                    && (self.profile.sanitizers.is_match(&call.callee)
                        || extra.iter().any(|s| s.is_match(&call.callee)))
                {
                    return Val::CONST;
                }
                if self.profile.sources.is_match(&t)
                    || self
                        .rules
                        .iter()
                        .filter_map(|(_, r)| r.taint.as_ref())
                        .any(|t2| t2.sources.iter().any(|s| s.is_match(&t)))
                {
                    return Val {
                        level: Level::Tainted,
                        origin: Some((node.start_position().row + 1, short(raw))),
                    };
                }
            }
            if kind == "identifier" {
                let name = text(node, self.src);
                let constant = self.imports.contains(name)
                    || name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    || matches!(name, "True" | "False" | "None" | "undefined" | "nil");
                return if constant { Val::CONST } else { Val::DYNAMIC };
            }
            if let Some(call) = call_parts(self.family, node, self.src) {
                let args: Vec<Node<'t>> = call
                    .arguments
                    .map(|a| {
                        let mut c = a.walk();
                        a.named_children(&mut c).collect()
                    })
                    .unwrap_or_default();
                let last = call.callee.rsplit(['.', ':']).next().unwrap_or_default();
                let args_val = args.iter().fold(Val::CONST, |acc, a| {
                    acc.join(self.eval_with(*a, env, extra))
                });
                if self.local_functions.contains(last)
                    && call.receiver.is_none_or(|r| is_self(r, self.src))
                {
                    // A local function: its result is as tainted as what it returns; when that
                    // depends on its parameters, as tainted as its arguments.
                    let ret = self.returns.get(last).cloned().unwrap_or(Val::DYNAMIC);
                    return if ret.level == Level::Const {
                        Val::CONST
                    } else {
                        ret.join(args_val)
                    };
                }
                let recv = match call.receiver {
                    Some(r) => self.eval_with(r, env, extra),
                    // A plain function nobody here defines: its result is not known to be
                    // constant, unless it is a pure builtin or a constructor.
                    None if !call.callee.contains(['.', ':'])
                        && !self.imports.contains(&call.callee)
                        && !PURE_FUNCTIONS.contains(&call.callee.as_str())
                        && !call.callee.starts_with(|c: char| c.is_ascii_uppercase())
                        && !call.callee.starts_with("new ") =>
                    {
                        Val::DYNAMIC
                    }
                    None => Val::CONST,
                };
                return recv.join(args_val);
            }
            if kind == "macro_invocation" {
                return self.eval_macro(node, env, extra);
            }
            for field in ["object", "operand", "value"] {
                if let Some(inner) = node.child_by_field_name(field) {
                    return self.eval_with(inner, env, extra);
                }
            }
        }
        let mut val = Val::CONST;
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            val = val.join(self.eval_with(child, env, extra));
            if val.level == Level::Tainted {
                break;
            }
        }
        val
    }

    /// `format!("{}", x)` and `format!("{x}")`: the token tree's identifiers and the names
    /// inlined in its format string.
    fn eval_macro(&self, node: Node<'t>, env: &Env, extra: &[Regex]) -> Val {
        let mut val = Val::CONST;
        let Some(tree) = node
            .named_children(&mut node.walk())
            .find(|c| c.kind() == "token_tree")
        else {
            return val;
        };
        let mut cursor = tree.walk();
        for child in tree.named_children(&mut cursor) {
            if child.kind() == "string_literal" {
                for name in inline_names(text(child, self.src)) {
                    if let Some(v) = env.get(&name) {
                        val = val.join(v.clone());
                    } else {
                        val = val.join(Val::DYNAMIC);
                    }
                }
            } else {
                val = val.join(self.eval_with(child, env, extra));
            }
        }
        val
    }
}

/// Builtins whose result is as tainted as their arguments, no more.
const PURE_FUNCTIONS: &[&str] = &[
    "str",
    "int",
    "float",
    "len",
    "repr",
    "sorted",
    "list",
    "tuple",
    "dict",
    "set",
    "range",
    "min",
    "max",
    "sum",
    "bool",
    "abs",
    "round",
    "format",
    "enumerate",
    "zip",
    "reversed",
    "frozenset",
    "bytes",
    "print",
    "isinstance",
    "require",
    "String",
    "append",
    "make",
    "len",
];

fn is_self(node: Node<'_>, src: &str) -> bool {
    matches!(node.kind(), "self" | "this") || matches!(text(node, src), "self" | "this")
}

fn has_interpolation(node: Node<'_>) -> bool {
    let mut cursor = node.walk();

    node.named_children(&mut cursor)
        .any(|c| matches!(c.kind(), "interpolation" | "template_substitution"))
}

fn collect_identifiers(node: Node<'_>, src: &str, out: &mut Vec<String>) {
    if node.kind() == "identifier" || node.kind() == "package_identifier" {
        out.push(text(node, src).to_string());
    }
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        collect_identifiers(child, src, out);
    }
}

/// Names inlined in a Rust format string: `"{name}"`, `"{name:?}"`.
fn inline_names(literal: &str) -> Vec<String> {
    let mut names = Vec::new();
    let bytes = literal.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if bytes.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            let start = i + 1;
            let mut end = start;
            while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
                end += 1;
            }
            if end > start
                && !bytes[start].is_ascii_digit()
                && let Some(name) = literal.get(start..end)
            {
                names.push(name.to_string());
            }
            i = end;
        } else {
            i += 1;
        }
    }
    names
}
