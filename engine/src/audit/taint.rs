//! Taint tracking inside one file: does data from a source (a request parameter, argv, the
//! environment, `input()`, a file read) reach a sink (a query, a shell, `eval`, a file path)
//! without passing a sanitizer?
//!
//! The walk goes through each function in document order with an environment mapping names to
//! abstract values ([`Val`]: a level, the constants it may be, a container's elements, the path
//! taint took). Assignments, loop variables, f-strings, concatenation, `format` calls and method
//! chains carry the level of their parts; a sanitizer call yields a constant. An assignment
//! directly in a function body replaces the old value; one inside a branch or loop joins with
//! it, since it may not run.
//!
//! On top of that:
//! - **constants** are evaluated: literals, names bound once, concatenation, arithmetic and
//!   comparisons, string methods of constants (`"ABC".charAt(1)`), ternaries, `if` and `switch`
//!   on constants (the dead branch is not walked, so it carries no taint), and lookups with a
//!   default (`props.getProperty(key, "MD5")` may be `"MD5"` and is also dynamic). What a call's
//!   arguments may be is handed back to the call patterns ([`ArgInfo`]), so a weak algorithm
//!   reached through a constant is found;
//! - **containers** built in the function are tracked by constant key or index (`Map`
//!   put/get, `List` add/remove/get, arrays, dict and object literals), and in-place appends
//!   (`StringBuilder.append`, `list.append`, `arr.push`) taint their receiver;
//! - **functions of the file** get a summary, computed once per pass: which parameters reach
//!   the return value, what the function returns on its own (a helper returning a constant is
//!   a constant), and which parameters reach which sinks inside it. A call applies the summary
//!   to its arguments. Passes repeat (at most three) until summaries stop changing, so the
//!   order functions are written in does not matter;
//! - **fields** of the file's own objects (`this.x`, `self.x`, Java fields) are shared between
//!   methods;
//! - every tainted value carries its **path** (source, assignments, stores, calls), which
//!   becomes the finding's evidence.
//!
//! Parameters of request handlers (a decorator or annotation the language profile names) start
//! tainted. Not tracked: other files, guards (`if not valid(x): return`) that are not calls
//! around the value. `docs/audit.md` lists this for users.

use super::guard::{self, Refinement};
use super::resolve::Names;
use super::rule::{Rating, Rule};
use super::syntax::{self, Family, call_parts, positional_args, squash};
use super::value::{self, Lit, Shape, Step, StepKind};
pub(crate) use super::value::{Level, Val};
use regex::Regex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
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

/// A sink reached by a non-constant value.
pub(crate) struct TaintHit<'t> {
    pub rule: usize,
    /// The call (or assignment) that is the sink.
    pub node: Node<'t>,
    pub value: Val,
    /// The rating used: the rule's own for tainted values, its `dynamic` one otherwise.
    pub rating: Rating,
    pub callee: String,
    /// The path from the source to the sink, the sink last.
    pub steps: Vec<Step>,
}

/// What the walk learnt about one call's arguments, for call patterns with `args`.
#[derive(Debug, Default, Clone)]
pub(crate) struct ArgInfo {
    /// The argument list written with constants in place of the names that hold them
    /// (`("MD5")` for `(alg)`), one text per possible constant.
    pub alternatives: Vec<String>,
    /// Whether the first positional argument is a constant.
    pub first_const: bool,
    /// Whether the first positional argument is one of known constants (literals and what
    /// is built from them only; not a sanitiser's result).
    pub first_known: bool,
}

/// The taint walk's results for one file.
pub(crate) struct Outcome<'t> {
    pub hits: Vec<TaintHit<'t>>,
    /// By call node id, for the calls asked about.
    pub args: HashMap<usize, ArgInfo>,
}

/// Names to values, one scope per function being walked (inner scopes shadow outer ones);
/// scope 0 is the file (module constants, class fields with initialisers).
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

    /// Whether `name` is bound inside a function (not at file level).
    fn is_local(&self, name: &str) -> bool {
        self.scopes.iter().skip(1).any(|s| s.contains_key(name))
    }

    fn insert(&mut self, name: String, val: Val) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name, val);
        }
    }

    /// Replaces `name` where it is bound (an in-place update), or binds it here.
    fn update(&mut self, name: &str, val: Val) {
        for scope in self.scopes.iter_mut().rev() {
            if let Some(v) = scope.get_mut(name) {
                *v = val;
                return;
            }
        }
        self.insert(name.to_string(), val);
    }
}

/// A parameter reaching a sink inside a function.
#[derive(Clone)]
struct Reach<'t> {
    rule: usize,
    node: Node<'t>,
    callee: String,
    /// Position of the parameter (after `self`).
    param: usize,
    /// The path from the parameter to the sink, the sink last.
    steps: Vec<Step>,
}

/// What a function of the file does with its parameters.
#[derive(Clone)]
struct Summary<'t> {
    /// What it returns on its own (sources inside, constants); `None` when it returns nothing.
    ret: Option<Val>,
    /// Parameters (by position) that reach the return value.
    ret_params: u64,
    reaches: Vec<Reach<'t>>,
}

impl Summary<'_> {
    /// A signature to tell whether another pass could change anything.
    fn signature(&self) -> (Option<Level>, u64, usize, Vec<String>) {
        (
            self.ret.as_ref().map(Val::effective),
            self.ret_params,
            self.reaches.len(),
            self.ret
                .as_ref()
                .map(|r| r.lits.iter().map(Lit::render).collect())
                .unwrap_or_default(),
        )
    }
}

/// The function being walked.
struct Frame<'t> {
    /// First parameter bit of this function (nested functions number theirs after their
    /// parent's, so a captured parameter keeps meaning its own function's).
    base: u32,
    count: u32,
    ret: Option<Val>,
    reaches: Vec<Reach<'t>>,
}

/// At most this many reaches are kept per function.
const MAX_REACHES: usize = 32;
/// Passes over a file at most (summaries from one pass feed the next).
const MAX_PASSES: usize = 3;

struct Walker<'a, 't> {
    family: Family,
    src: &'a str,
    rules: &'a [(usize, &'a Rule)],
    profile: &'a Profile,
    names: &'a Names,
    /// Names defined by imports: modules, not data.
    imports: HashSet<String>,
    local_functions: HashSet<String>,
    local_classes: HashSet<String>,
    summaries: HashMap<String, Summary<'t>>,
    /// Functions whose summary this pass has computed.
    done: HashSet<String>,
    /// A summary or field was read before this pass computed it.
    stale: bool,
    fields: HashMap<String, Val>,
    /// The branch depth each local container was made at: updates at that depth are
    /// straight-line code for it, even inside an `if`.
    container_depth: HashMap<String, u32>,
    frames: Vec<Frame<'t>>,
    /// The value the parameters of the next anonymous function start with (a callback gets
    /// the elements of the collection it is called on).
    lambda_seed: Option<Val>,
    want: &'a HashSet<usize>,
    args: HashMap<usize, ArgInfo>,
    hits: Vec<TaintHit<'t>>,
    /// Go error variables bound to a parse of a value (see [`guard::error_check`]).
    error_checks: guard::ErrorChecks,
}

/// Runs the taint rules `rules` (index into the rule set, rule) over a parsed file; `want`
/// names the call nodes whose argument constants the call patterns need.
pub(crate) fn run<'t>(
    family: Family,
    root: Node<'t>,
    src: &str,
    rules: &[(usize, &Rule)],
    profile: &Profile,
    names: &Names,
    want: &HashSet<usize>,
) -> Outcome<'t> {
    let mut walker = Walker {
        family,
        src,
        rules,
        profile,
        names,
        imports: HashSet::new(),
        local_functions: HashSet::new(),
        local_classes: HashSet::new(),
        summaries: HashMap::new(),
        done: HashSet::new(),
        stale: false,
        fields: HashMap::new(),
        container_depth: HashMap::new(),
        frames: Vec::new(),
        lambda_seed: None,
        want,
        args: HashMap::new(),
        hits: Vec::new(),
        error_checks: guard::ErrorChecks::new(),
    };
    collect_definitions(
        family,
        root,
        src,
        &mut walker.local_functions,
        &mut walker.local_classes,
    );
    for pass in 0..MAX_PASSES {
        let before: HashMap<String, _> = walker
            .summaries
            .iter()
            .map(|(k, s)| (k.clone(), s.signature()))
            .collect();
        let fields_before = walker.fields.len();
        walker.hits.clear();
        walker.args.clear();
        walker.imports.clear();
        walker.done.clear();
        walker.container_depth.clear();
        walker.error_checks.clear();
        walker.stale = false;
        let mut env = Env::new();
        walker.visit(root, &mut env, 0);
        let changed = walker.summaries.len() != before.len()
            || walker
                .summaries
                .iter()
                .any(|(k, s)| before.get(k) != Some(&s.signature()))
            || walker.fields.len() != fields_before;
        // One pass is enough when nothing was read before it was known (a function called
        // above its definition, a field set by a later method).
        let again = if pass == 0 {
            walker.stale || !walker.fields.is_empty()
        } else {
            changed && walker.stale
        };
        if !again {
            break;
        }
    }
    Outcome {
        hits: walker.hits,
        args: walker.args,
    }
}

fn collect_definitions(
    family: Family,
    root: Node<'_>,
    src: &str,
    functions: &mut HashSet<String>,
    classes: &mut HashSet<String>,
) {
    // A cursor walk: no allocation per node.
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let kind = node.kind();
        if family.is_function(kind) {
            if let Some(name) = function_name(node, src) {
                functions.insert(name);
            }
        } else if (kind.starts_with("class") || kind == "enum_declaration")
            && let Some(name) = node.child_by_field_name("name")
        {
            classes.insert(squash(name.utf8_text(src.as_bytes()).unwrap_or_default()));
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

/// A function's name: its own, or the variable it is assigned to (`const helper = (x) => ...`,
/// `helper = lambda x: ...`).
fn function_name(node: Node<'_>, src: &str) -> Option<String> {
    if let Some(n) = node.child_by_field_name("name") {
        return Some(squash(text(n, src)));
    }
    let parent = node.parent()?;
    let target = match parent.kind() {
        "variable_declarator" => parent.child_by_field_name("name")?,
        "assignment" => parent.child_by_field_name("left")?,
        _ => return None,
    };
    (target.kind() == "identifier").then(|| text(target, src).to_string())
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

fn step(node: Node<'_>, kind: StepKind) -> Step {
    Step {
        start: node.start_byte(),
        end: node.end_byte(),
        kind,
    }
}

fn bits(mask: u64) -> impl Iterator<Item = usize> {
    (0..64).filter(move |i| mask & (1u64 << i) != 0)
}

/// Methods whose result carries no data of the receiver or the arguments (a length, a test).
const DROPS_TAINT: &[&str] = &[
    "length",
    "size",
    "isEmpty",
    "equals",
    "equalsIgnoreCase",
    "contains",
    "containsKey",
    "containsValue",
    "startsWith",
    "endsWith",
    "indexOf",
    "lastIndexOf",
    "compareTo",
    "compareToIgnoreCase",
    "hashCode",
    "matches",
    "count",
    "startswith",
    "endswith",
    "isdigit",
    "isalpha",
    "isalnum",
    "isnumeric",
    "includes",
    "has",
    "hasOwnProperty",
    "test",
    "charCodeAt",
    "HasPrefix",
    "HasSuffix",
    "Contains",
    "Index",
    "EqualFold",
    "is_empty",
    "starts_with",
    "ends_with",
    "len",
];

/// Methods that add their arguments to the receiver in place.
const MUTATORS: &[&str] = &[
    "append",
    "add",
    "addAll",
    "push",
    "unshift",
    "put",
    "putAll",
    "putIfAbsent",
    "set",
    "setProperty",
    "insert",
    "extend",
    "update",
    "write",
    "print",
    "println",
    "setdefault",
    "offer",
    "addLast",
    "addFirst",
    "push_str",
    "WriteString",
];

/// Lookups whose last argument is the default: the result may be that constant, and is
/// otherwise whatever the configuration holds.
const DEFAULT_LOOKUPS: &[&str] = &[
    "getProperty",
    "getOrDefault",
    "getenv",
    "getString",
    "getInitParameter",
    "optString",
    "GetString",
];

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
];

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
        match kind {
            "if_statement" | "if_expression" | "elif_clause"
                if node.child_by_field_name("condition").is_some() =>
            {
                self.visit_if(node, env, branch);
                return;
            }
            "ternary_expression" | "conditional_expression"
                if self.visit_ternary(node, env, branch) =>
            {
                return;
            }
            "switch_expression" | "switch_statement" | "expression_switch_statement" => {
                self.visit_switch(node, env, branch);
                return;
            }
            "update_expression" | "inc_statement" | "dec_statement" => {
                // `i++`: no longer the constant it was.
                let mut names = Vec::new();
                collect_identifiers(node, self.src, &mut names);
                for name in names {
                    if let Some(v) = env.get(&name).cloned() {
                        env.update(&name, v.unknown_constant());
                    }
                }
                return;
            }
            _ if is_loop(kind) => {
                // A loop body may run many times: constants assigned in it are not known
                // before it either.
                let mut names = Vec::new();
                assigned_names(self.family, node, self.src, &mut names);
                for name in names {
                    if let Some(v) = env.get(&name).cloned()
                        && !v.lits.is_empty()
                    {
                        env.update(&name, v.unknown_constant());
                    }
                }
            }
            _ => {}
        }
        if let Some((err, names)) = guard::error_check(self.family, node, self.src) {
            self.error_checks.insert(err, names);
        }
        if let Some((_, target_field, value_field)) = self
            .family
            .assignments()
            .iter()
            .find(|(k, _, _)| *k == kind)
        {
            self.visit_assignment(node, env, branch, target_field, value_field);
            return;
        }
        if let Some(call) = call_parts(self.family, node, self.src) {
            self.check_call(node, &call, env, branch);
        }
        if matches!(kind, "return_statement" | "return_expression")
            && let Some(value) = node.named_child(0)
        {
            let val = self.eval(value, env);
            self.add_return(val);
        }
        let inner = branch + u32::from(self.family.is_branch(kind));
        let mut cursor = node.walk();
        let mut children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
        if matches!(kind, "class_body" | "enum_body" | "declaration_list") {
            // Fields (and their constants) before methods, wherever they are written.
            children.sort_by_key(|c| {
                !matches!(
                    c.kind(),
                    "field_declaration"
                        | "field_definition"
                        | "public_field_definition"
                        | "constant_declaration"
                )
            });
        }
        for child in children {
            self.visit(child, env, inner);
        }
        if kind == "expression_statement" {
            // `Integer.parseInt(x);`: past this line `x` is a number.
            let names = guard::statement_validates(self.family, node, self.src);
            let refs: Vec<Refinement<'t>> = names
                .into_iter()
                .map(|name| Refinement { name, equals: None })
                .collect();
            self.refine(&refs, env);
        }
    }

    /// Applies what a guard vouches for; returns the old values, for [`Walker::restore`].
    fn refine(&self, refs: &[Refinement<'t>], env: &mut Env) -> Vec<(String, Val)> {
        let mut saved = Vec::new();
        for r in refs {
            let Some(old) = env.get(&r.name).cloned() else {
                continue;
            };
            let new = r
                .equals
                .map(|n| self.eval(n, env))
                .filter(Val::is_const)
                .unwrap_or(Val::CONST);
            if old.is_const() && r.equals.is_none() {
                continue;
            }
            env.update(&r.name, new);
            saved.push((r.name.clone(), old));
        }
        saved
    }

    fn restore(saved: Vec<(String, Val)>, env: &mut Env) {
        for (name, old) in saved.into_iter().rev() {
            env.update(&name, old);
        }
    }

    fn add_return(&mut self, val: Val) {
        if let Some(frame) = self.frames.last_mut() {
            frame.ret = Some(match frame.ret.take() {
                Some(old) => old.join(val),
                None => val,
            });
        }
    }

    fn visit_assignment(
        &mut self,
        node: Node<'t>,
        env: &mut Env,
        branch: u32,
        target_field: &str,
        value_field: &str,
    ) {
        let kind = node.kind();
        let target = node.child_by_field_name(target_field);
        let value = node.child_by_field_name(value_field);
        if let Some(value) = value {
            // The value before the walk applies its in-place updates (`x = list.remove(0)`
            // reads the element the call removes).
            let mut val = self.eval(value, env);
            self.visit(value, env, branch);
            if matches!(
                kind,
                "for_statement" | "for_in_statement" | "enhanced_for_statement" | "range_clause"
            ) || kind == "for_expression"
            {
                // A loop variable is one element.
                val = match &val.shape {
                    Some(shape) => Val::of_elements(shape_elements(shape)),
                    None => val.derived(),
                };
            }
            if let Some(target) = target {
                self.check_assign_sink(node, target, &val);
                let val = val.step(step(node, StepKind::Assign));
                self.bind(
                    target,
                    val,
                    env,
                    branch,
                    self.family.is_augmented(kind),
                    kind,
                );
            }
        } else if let Some(target) = target
            && matches!(kind, "variable_declarator" | "var_spec")
        {
            // `String bar;`: a local with no value yet (not a field, nothing to join with).
            let mut names = Vec::new();
            syntax::bound_names(target, self.src, &mut names);
            for name in names {
                env.insert(name, Val::UNSET);
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
    }

    /// Binds what an assignment's target names.
    fn bind(
        &mut self,
        target: Node<'t>,
        val: Val,
        env: &mut Env,
        branch: u32,
        augmented: bool,
        kind: &str,
    ) {
        // `m["k"] = v`, `arr[0] = v`, `obj.k = v` on a container of this function.
        if let Some((object, key)) = self.element_target(target, env) {
            self.store(object, key, val.clone(), env, branch);
        }
        let target_text = squash(text(target, self.src));
        // Fields of the file's own objects, shared between its methods.
        let field = target_text
            .strip_prefix("this.")
            .or_else(|| target_text.strip_prefix("self."))
            .filter(|f| !f.contains(['.', '[', '(']))
            .map(str::to_string)
            .or_else(|| {
                (self.family == Family::Java
                    && kind == "assignment_expression"
                    && target.kind() == "identifier"
                    && !self.frames.is_empty()
                    && !env.is_local(&target_text))
                .then(|| target_text.clone())
            });
        if let Some(field) = field {
            let old = self.fields.get(&field).cloned();
            let new = match old {
                Some(o) => o.join(val.clone().intrinsic()),
                None => val.clone().intrinsic(),
            };
            self.fields.insert(field, new);
            if self.family == Family::Java && target.kind() == "identifier" {
                return;
            }
        }
        let mut names = Vec::new();
        syntax::bound_names(target, self.src, &mut names);
        let replace = branch == 0 && !augmented;
        for name in names {
            if val.shape.is_some() {
                self.container_depth.insert(name.clone(), branch);
            }
            let new = if replace {
                val.clone()
            } else {
                let old = env.get(&name).cloned();
                match old {
                    Some(o) if augmented => o.derived().join(val.clone().derived()),
                    Some(o) => o.join(val.clone()),
                    None if augmented => val.clone().derived(),
                    // Not bound before: read afterwards only where the branch ran.
                    None => val.clone(),
                }
            };
            env.insert(name, new);
        }
    }

    /// The container and constant key an element target or read names (`m["k"]`, `a[0]`,
    /// `obj.k`), when the container is a local value with a tracked shape.
    fn element_target(&self, target: Node<'t>, env: &Env) -> Option<(String, Option<Lit>)> {
        let (object, index) = match target.kind() {
            "subscript" => (
                target.child_by_field_name("value")?,
                target.child_by_field_name("subscript"),
            ),
            "subscript_expression" => (
                target.child_by_field_name("object")?,
                target.child_by_field_name("index"),
            ),
            "index_expression" => (
                target.child_by_field_name("operand")?,
                target.child_by_field_name("index"),
            ),
            "array_access" => (
                target.child_by_field_name("array")?,
                target.child_by_field_name("index"),
            ),
            "member_expression" if self.family == Family::JavaScript => {
                let object = target.child_by_field_name("object")?;
                let property = target.child_by_field_name("property")?;
                let name = text(object, self.src);
                env.get(name)?.shape.as_ref()?;
                return Some((
                    name.to_string(),
                    Some(Lit::Str(text(property, self.src).into())),
                ));
            }
            _ => return None,
        };
        if object.kind() != "identifier" {
            return None;
        }
        let name = text(object, self.src);
        env.get(name)?.shape.as_ref()?;
        let key = index.and_then(|i| self.eval(i, env).single().cloned());
        Some((name.to_string(), key))
    }

    /// Stores `val` under `key` (unknown when `None`) in the container named `object`.
    fn store(&mut self, object: String, key: Option<Lit>, val: Val, env: &mut Env, branch: u32) {
        let branch = branch.saturating_sub(self.container_depth.get(&object).copied().unwrap_or(0));
        let Some(old) = env.get(&object).cloned() else {
            return;
        };
        let Some(shape) = old.shape.clone() else {
            return;
        };
        let val = val.without_shape();
        let shape = match (shape.as_ref(), key) {
            (Shape::Map(entries, rest), Some(key)) => {
                let key: Rc<str> = key.concat_text().into();
                let mut entries = entries.clone();
                match entries.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) if branch > 0 => *v = v.clone().join(val),
                    Some((_, v)) => *v = val,
                    None if branch > 0 => entries.push((key, val.join(rest.as_ref().clone()))),
                    None => entries.push((key, val)),
                }
                Shape::Map(entries, rest.clone())
            }
            (Shape::Map(entries, rest), None) => {
                Shape::Map(entries.clone(), Box::new(rest.as_ref().clone().join(val)))
            }
            (Shape::List(items), Some(Lit::Int(i))) if branch == 0 => {
                let mut items = items.clone();
                match usize::try_from(i).ok().and_then(|i| items.get_mut(i)) {
                    Some(slot) => *slot = val,
                    None => return self.collapse(&object, old.join(val), env),
                }
                Shape::List(items)
            }
            _ => return self.collapse(&object, old.join(val), env),
        };
        env.update(&object, container(shape));
    }

    /// The container is no longer tracked element by element: only its level is.
    fn collapse(&mut self, object: &str, val: Val, env: &mut Env) {
        env.update(object, val.without_shape());
    }

    fn visit_if(&mut self, node: Node<'t>, env: &mut Env, branch: u32) {
        let Some(condition) = node.child_by_field_name("condition") else {
            return;
        };
        // Go's `if x := f(); x > 0`: the initializer runs first.
        if let Some(init) = node.child_by_field_name("initializer") {
            self.visit(init, env, branch);
        }
        self.visit(condition, env, branch);
        let known = self.eval(condition, env).single().map(Lit::truthy);
        let consequence = node.child_by_field_name("consequence");
        let mut cursor = node.walk();
        let alternatives: Vec<Node<'t>> = node
            .children_by_field_name("alternative", &mut cursor)
            .collect();
        match known {
            Some(true) => {
                if let Some(c) = consequence {
                    self.visit_live(c, env, branch);
                }
            }
            Some(false) => {
                for (i, alt) in alternatives.iter().enumerate() {
                    if alt.kind() == "elif_clause" {
                        let Some(cond) = alt.child_by_field_name("condition") else {
                            continue;
                        };
                        match self.eval(cond, env).single().map(Lit::truthy) {
                            Some(true) => {
                                if let Some(c) = alt.child_by_field_name("consequence") {
                                    self.visit_live(c, env, branch);
                                }
                                return;
                            }
                            Some(false) => continue,
                            None => {
                                for rest in &alternatives[i..] {
                                    self.visit(*rest, env, branch + 1);
                                }
                                return;
                            }
                        }
                    }
                    self.visit_live(*alt, env, branch);
                    return;
                }
            }
            None => {
                // Guards: the branch under the condition sees what it vouches for, and an
                // early exit on one side vouches for everything after the `if`.
                let facts = guard::facts(self.family, condition, self.src, &self.error_checks);
                let saved = self.refine(&facts.when_true, env);
                if let Some(c) = consequence {
                    self.visit(c, env, branch + 1);
                }
                Self::restore(saved, env);
                let saved = self.refine(&facts.when_false, env);
                for alt in &alternatives {
                    self.visit(*alt, env, branch + 1);
                }
                Self::restore(saved, env);
                let exits = |n: Node<'t>| guard::exits(self.family, n, self.src);
                if consequence.is_some_and(exits) {
                    self.refine(&facts.when_false, env);
                } else if let [alt] = alternatives.as_slice()
                    && !matches!(alt.kind(), "elif_clause" | "if_statement")
                    && exits(*alt)
                {
                    self.refine(&facts.when_true, env);
                }
            }
        }
    }

    /// Walks a branch known to run: its assignments replace, as in straight-line code.
    fn visit_live(&mut self, node: Node<'t>, env: &mut Env, branch: u32) {
        if node.kind() == "else_clause" {
            let mut cursor = node.walk();
            let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
            for child in children {
                self.visit(child, env, branch);
            }
        } else {
            self.visit(node, env, branch);
        }
    }

    /// `cond ? a : b` with a constant condition: only the live side is walked. Returns false
    /// when the condition is not known.
    fn visit_ternary(&mut self, node: Node<'t>, env: &mut Env, branch: u32) -> bool {
        let Some((condition, yes, no)) = ternary_parts(node) else {
            return false;
        };
        let Some(truth) = self.eval(condition, env).single().map(Lit::truthy) else {
            return false;
        };
        self.visit(condition, env, branch);
        self.visit(if truth { yes } else { no }, env, branch);
        true
    }

    fn visit_switch(&mut self, node: Node<'t>, env: &mut Env, branch: u32) {
        let subject = node
            .child_by_field_name("condition")
            .or_else(|| node.child_by_field_name("value"));
        let body = node.child_by_field_name("body").unwrap_or(node);
        let mut cursor = body.walk();
        let groups: Vec<Node<'t>> = body
            .named_children(&mut cursor)
            .filter(|g| {
                matches!(
                    g.kind(),
                    "switch_block_statement_group"
                        | "switch_rule"
                        | "switch_case"
                        | "switch_default"
                        | "expression_case"
                        | "default_case"
                )
            })
            .collect();
        if let Some(s) = subject {
            self.visit(s, env, branch);
        }
        if let Some(init) = node.child_by_field_name("initializer") {
            self.visit(init, env, branch);
        }
        let subject_val = subject.map(|s| self.eval(s, env));
        let start = subject_val
            .as_ref()
            .and_then(|v| v.single().cloned())
            .and_then(|lit| self.live_group(&groups, &lit, env));
        let falls_through = matches!(self.family, Family::Java | Family::JavaScript);
        match start {
            Some(Some(first)) => {
                for group in &groups[first..] {
                    let mut stopped = false;
                    for stmt in self.group_statements(*group) {
                        if matches!(stmt.kind(), "break_statement" | "return_statement") {
                            if stmt.kind() == "return_statement" {
                                self.visit(stmt, env, branch);
                            }
                            stopped = true;
                            break;
                        }
                        self.visit(stmt, env, branch);
                    }
                    let arrow = group.kind() == "switch_rule";
                    if stopped || arrow || !falls_through {
                        break;
                    }
                }
            }
            // No case matches and there is no default: nothing runs.
            Some(None) => {}
            None => {
                for group in groups {
                    for stmt in self.group_statements(group) {
                        self.visit(stmt, env, branch + 1);
                    }
                }
            }
        }
    }

    /// The group a constant subject selects: `Some(Some(i))`, `Some(None)` when none does,
    /// `None` when some label is not a constant.
    fn live_group(&self, groups: &[Node<'t>], subject: &Lit, env: &Env) -> Option<Option<usize>> {
        let mut default = None;
        for (i, group) in groups.iter().enumerate() {
            let labels = self.group_labels(*group);
            if labels.is_empty() {
                default = Some(i);
                continue;
            }
            for label in labels {
                let v = self.eval(label, env);
                let lit = v.single()?;
                if lit == subject {
                    return Some(Some(i));
                }
            }
        }
        Some(default)
    }

    /// The case values of a switch group (empty for `default`).
    fn group_labels(&self, group: Node<'t>) -> Vec<Node<'t>> {
        let mut out = Vec::new();
        let mut cursor = group.walk();
        match group.kind() {
            "switch_block_statement_group" | "switch_rule" => {
                for label in group.named_children(&mut cursor) {
                    if label.kind() != "switch_label" {
                        continue;
                    }
                    let mut c = label.walk();
                    out.extend(label.named_children(&mut c));
                }
            }
            "switch_case" | "expression_case" => {
                if let Some(v) = group.child_by_field_name("value") {
                    if v.kind() == "expression_list" {
                        let mut c = v.walk();
                        out.extend(v.named_children(&mut c));
                    } else {
                        out.push(v);
                    }
                }
            }
            _ => {}
        }
        out
    }

    fn group_statements(&self, group: Node<'t>) -> Vec<Node<'t>> {
        let mut cursor = group.walk();
        let value = group.child_by_field_name("value");
        let mut out = Vec::new();
        for child in group.named_children(&mut cursor) {
            if child.kind() == "switch_label" || Some(child) == value {
                continue;
            }
            if child.kind() == "statement_list" {
                let mut c = child.walk();
                out.extend(child.named_children(&mut c));
            } else {
                out.push(child);
            }
        }
        out
    }

    fn visit_function(&mut self, node: Node<'t>, env: &mut Env) {
        env.scopes.push(HashMap::new());
        let params = syntax::parameter_names(self.family, node, self.src);
        let name = function_name(node, self.src);
        let header = syntax::function_header(node, self.src);
        let handler = self
            .profile
            .handler
            .as_ref()
            .is_some_and(|h| h.is_match(header));
        let offset = usize::from(matches!(
            params.first().map(String::as_str),
            Some("self" | "cls")
        ));
        let seed = if name.is_none() {
            self.lambda_seed.take()
        } else {
            None
        };
        let base = self.frames.last().map_or(0, |f| f.base + f.count).min(64);
        let count = u32::try_from(params.len().saturating_sub(offset))
            .unwrap_or(64)
            .min(64 - base);
        let param_node = node
            .child_by_field_name("parameters")
            .or_else(|| node.child_by_field_name("parameter"))
            .unwrap_or(node);
        for (i, param) in params.iter().enumerate() {
            let val = if handler && i >= offset {
                Val::tainted(
                    node.start_position().row + 1,
                    format!("parameter {param} of a request handler"),
                    step(param_node, StepKind::Source),
                )
            } else if let Some(seed) = &seed {
                seed.clone()
            } else if i < offset {
                Val::CONST
            } else {
                let bit = base + u32::try_from(i - offset).unwrap_or(63);
                let mut v = Val::CONST;
                if bit < 64 && bit < base + count {
                    v.params = 1u64 << bit;
                    v = v.step(step(param_node, StepKind::Parameter));
                } else {
                    v = Val::DYNAMIC;
                }
                v
            };
            env.insert(param.clone(), val);
        }
        self.frames.push(Frame {
            base,
            count,
            ret: None,
            reaches: Vec::new(),
        });
        match node.child_by_field_name("body") {
            Some(body) => {
                self.visit(body, env, 0);
                // An arrow function or closure whose body is an expression returns it.
                if !body.kind().contains("block") && body.kind() != "statement_block" {
                    let val = self.eval(body, env);
                    self.add_return(val);
                } else if self.family == Family::Rust
                    && let Some(tail) = rust_tail(body)
                {
                    // A Rust block's last expression, without a `;`, is its value.
                    let val = self.eval(tail, env);
                    self.add_return(val);
                }
            }
            None => {
                let mut cursor = node.walk();
                let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
                for child in children {
                    self.visit(child, env, 0);
                }
            }
        }
        env.scopes.pop();
        let Some(frame) = self.frames.pop() else {
            return;
        };
        // An anonymous function has no summary: nothing calls it by name. (What reaches a sink
        // through a captured parameter was filed with the function that owns it.)
        let Some(name) = name else {
            return;
        };
        let own = if count == 0 {
            0
        } else {
            (u64::MAX >> (64 - count)) << base
        };
        let (ret, ret_params) = match frame.ret {
            Some(r) => {
                let mask = (r.params & own) >> base;
                let mut intrinsic = r;
                intrinsic.params &= !own;
                (Some(intrinsic), mask)
            }
            None => (None, 0),
        };
        let summary = Summary {
            ret,
            ret_params,
            reaches: frame.reaches,
        };
        if self.done.contains(&name) {
            // Another function of the same name (an overload): either may be the one called.
            if let Some(s) = self.summaries.get_mut(&name) {
                s.ret = match (s.ret.take(), summary.ret) {
                    (Some(a), Some(b)) => Some(a.join(b)),
                    (a, b) => a.or(b),
                };
                s.ret_params |= summary.ret_params;
                s.reaches.extend(summary.reaches);
                s.reaches.truncate(MAX_REACHES);
            }
        } else {
            self.done.insert(name.clone());
            self.summaries.insert(name, summary);
        }
    }

    fn check_assign_sink(&mut self, node: Node<'t>, target: Node<'t>, val: &Val) {
        if val.is_const() {
            return;
        }
        let target_text = squash(text(target, self.src));
        for (index, rule) in self.rules {
            let Some(taint) = &rule.taint else { continue };
            for sink in &taint.sinks {
                let Some(assign) = &sink.assign else { continue };
                if assign.is_match(&target_text) {
                    let val = val.clone().step(step(node, StepKind::Sink));
                    self.sink_reached(*index, node, val, target_text.clone());
                }
            }
        }
    }

    /// Whether a call goes to a function of this file (by name, on no receiver, on this/self,
    /// or on an object of a class of this file).
    fn local_target(&self, call: &syntax::CallParts<'t>) -> Option<String> {
        let last = call.callee.rsplit(['.', ':']).next().unwrap_or_default();
        if !self.local_functions.contains(last) {
            return None;
        }
        let ok = match call.receiver {
            None => true,
            Some(r) if is_self(r, self.src) => true,
            Some(r) => {
                let t = squash(text(r, self.src));
                let class = t
                    .strip_prefix("new")
                    .map(|s| s.split(['(', '<']).next().unwrap_or_default())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string);
                class.is_some_and(|c| self.local_classes.contains(&c))
                    || self.local_classes.contains(&t)
                    || t == "super"
                    || self.names.forms(&format!("{t}.x")).iter().skip(1).any(|f| {
                        f.strip_suffix(".x")
                            .is_some_and(|c| self.local_classes.contains(c))
                    })
            }
        };
        ok.then(|| last.to_string())
    }

    fn check_call(
        &mut self,
        node: Node<'t>,
        call: &syntax::CallParts<'t>,
        env: &mut Env,
        branch: u32,
    ) {
        let args = call.arguments.map(positional_args).unwrap_or_default();
        let forms = self.names.forms(&call.callee);
        // A callback gets the level of what it is called on.
        if args.iter().any(|a| self.family.is_function(a.kind())) {
            let mut seed = call
                .receiver
                .map(|r| self.eval(r, env))
                .unwrap_or(Val::CONST);
            seed = match &seed.shape {
                Some(shape) => Val::of_elements(shape_elements(shape)),
                None => seed.derived(),
            };
            for a in &args {
                if !self.family.is_function(a.kind()) {
                    seed = seed.join(self.eval(*a, env).derived());
                }
            }
            self.lambda_seed = Some(seed);
        }
        // Arguments the call patterns ask about.
        if self.want.contains(&node.id()) {
            let info = self.arg_info(call, &args, env);
            self.args.insert(node.id(), info);
        }
        // In-place updates of a local value: `sb.append(x)`, `list.add(x)`, `map.put(k, v)`.
        self.mutate(node, call, &args, env, branch);
        // Sinks inside functions of this file, reached through this call's arguments.
        if let Some(target) = self.local_target(call) {
            match self.summaries.get(&target).cloned() {
                Some(summary) => {
                    if !self.done.contains(&target) {
                        self.stale = true;
                    }
                    for reach in summary.reaches {
                        let Some(arg) = args.get(reach.param) else {
                            continue;
                        };
                        let val = self.eval(*arg, env);
                        if val.is_const() {
                            continue;
                        }
                        let mut trail = value::extend(&val.trail, step(node, StepKind::Call));
                        // The callee's path from its parameter, without the parameter itself.
                        let tail: Vec<Step> = reach
                            .steps
                            .iter()
                            .copied()
                            .filter(|s| s.kind != StepKind::Parameter)
                            .collect();
                        trail = value::concat(&trail, &tail);
                        let via = Val { trail, ..val };
                        self.sink_reached_via(reach.rule, reach.node, via, reach.callee.clone());
                    }
                }
                None => self.stale = true,
            }
        }
        let call_text = text(node, self.src);
        for (index, rule) in self.rules {
            let Some(taint) = &rule.taint else { continue };
            for sink in &taint.sinks {
                let Some(callee) = &sink.callee else { continue };
                if !forms.iter().any(|f| callee.is_match(f)) {
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
                        let mut cursor = arguments.walk();
                        for a in arguments.named_children(&mut cursor) {
                            val = val.join(self.eval_with(a, env, &taint.sanitizers));
                        }
                    }
                }
                for (i, arg) in args.iter().enumerate() {
                    if sink.args.contains(&i) {
                        val = val.join(self.eval_with(*arg, env, &taint.sanitizers));
                    }
                }
                if !val.is_const() {
                    let val = val.step(step(node, StepKind::Sink));
                    self.sink_reached(*index, node, val, call.callee.clone());
                    break;
                }
            }
        }
    }

    /// The constants a call's arguments may be, as argument-list texts.
    fn arg_info(&self, call: &syntax::CallParts<'t>, args: &[Node<'t>], env: &Env) -> ArgInfo {
        let Some(arguments) = call.arguments else {
            return ArgInfo::default();
        };
        let mut cursor = arguments.walk();
        let all: Vec<Node<'t>> = arguments
            .named_children(&mut cursor)
            .filter(|n| !n.kind().contains("comment"))
            .collect();
        let mut parts: Vec<(String, Vec<String>)> = Vec::new();
        let mut max = 1;
        for a in &all {
            let (prefix, value) = match a.kind() {
                "keyword_argument" => match (
                    a.child_by_field_name("name"),
                    a.child_by_field_name("value"),
                ) {
                    (Some(n), Some(v)) => (format!("{}=", text(n, self.src)), v),
                    _ => (String::new(), *a),
                },
                _ => (String::new(), *a),
            };
            let val = self.eval(value, env);
            let options: Vec<String> = if self.family.is_literal(value.kind()) {
                vec![text(value, self.src).to_string()]
            } else if !val.lits.is_empty() {
                val.lits.iter().map(Lit::render).collect()
            } else {
                vec![text(value, self.src).to_string()]
            };
            max = max.max(options.len());
            parts.push((prefix, options));
        }
        let alternatives = (0..max.min(6))
            .map(|k| {
                let inner: Vec<String> = parts
                    .iter()
                    .map(|(prefix, options)| {
                        format!("{prefix}{}", options[k.min(options.len() - 1)])
                    })
                    .collect();
                format!("({})", inner.join(", "))
            })
            .collect();
        let first = args.first().map(|a| self.eval(*a, env));
        let first_const = first.as_ref().is_some_and(Val::is_const);
        let first_known = first
            .as_ref()
            .is_some_and(|v| v.is_const() && v.exact && !v.lits.is_empty());
        ArgInfo {
            alternatives,
            first_const,
            first_known,
        }
    }

    /// Applies an in-place update of a local value to the environment.
    fn mutate(
        &mut self,
        node: Node<'t>,
        call: &syntax::CallParts<'t>,
        args: &[Node<'t>],
        env: &mut Env,
        branch: u32,
    ) {
        let Some(receiver) = call.receiver else {
            return;
        };
        let method = call.callee.rsplit(['.', ':']).next().unwrap_or_default();
        // The variable at the root of a chain of updates: `sb.append(a).append(b)`.
        let mut root = receiver;
        while let Some(inner) = call_parts(self.family, root, self.src) {
            let m = inner.callee.rsplit(['.', ':']).next().unwrap_or_default();
            match inner.receiver {
                Some(r) if MUTATORS.contains(&m) => root = r,
                _ => break,
            }
        }
        let kind = root.kind();
        if !(matches!(
            kind,
            "identifier" | "self" | "this" | "field_access" | "attribute"
        ) || kind.contains("member"))
        {
            return;
        }
        let name = squash(text(root, self.src));
        if is_self(root, self.src) {
            return;
        }
        let Some(old) = env.get(&name).cloned() else {
            return;
        };
        let branch = branch.saturating_sub(self.container_depth.get(&name).copied().unwrap_or(0));
        let vals: Vec<Val> = args.iter().map(|a| self.eval(*a, env)).collect();
        let at = step(node, StepKind::Store);
        if let Some(shape) = old.shape.clone() {
            if root != receiver {
                return self.collapse(&name, old.join(Val::of_elements(vals.iter())), env);
            }
            let new = match (shape.as_ref(), method, vals.as_slice()) {
                (
                    Shape::Map(..),
                    "put" | "set" | "putIfAbsent" | "setProperty" | "setdefault",
                    [k, v],
                ) => {
                    let key = k.single().cloned();
                    return self.store(name, key, v.clone().step(at), env, branch);
                }
                (Shape::List(items), "add" | "append" | "push" | "addLast" | "offer", [v])
                    if branch == 0 =>
                {
                    let mut items = items.clone();
                    items.push(v.clone().step(at));
                    Shape::List(items)
                }
                (Shape::List(items), "add" | "insert" | "set", [i, v]) if branch == 0 => {
                    let mut items = items.clone();
                    let index = match i.single() {
                        Some(Lit::Int(n)) => usize::try_from(*n).ok(),
                        _ => None,
                    };
                    match index {
                        Some(n) if method == "set" && n < items.len() => {
                            items[n] = v.clone().step(at)
                        }
                        Some(n) if method != "set" && n <= items.len() => {
                            items.insert(n, v.clone().step(at))
                        }
                        _ => return self.collapse(&name, old.join(v.clone()), env),
                    }
                    Shape::List(items)
                }
                (Shape::List(items), "addFirst" | "unshift", [v]) if branch == 0 => {
                    let mut items = items.clone();
                    items.insert(0, v.clone().step(at));
                    Shape::List(items)
                }
                (
                    Shape::List(items),
                    "remove" | "pop" | "shift" | "removeFirst" | "removeLast" | "poll",
                    _,
                ) if branch == 0 => {
                    let mut items = items.clone();
                    let index = match (method, vals.first().and_then(Val::single)) {
                        ("shift" | "removeFirst" | "poll", _) => Some(0),
                        ("removeLast", _) | ("pop", None) if vals.is_empty() => {
                            items.len().checked_sub(1)
                        }
                        (_, Some(Lit::Int(n))) if *n >= 0 => usize::try_from(*n).ok(),
                        (_, Some(Lit::Int(n))) => usize::try_from(n.unsigned_abs())
                            .ok()
                            .and_then(|k| items.len().checked_sub(k)),
                        (_, Some(lit)) => items.iter().position(|v| v.single() == Some(lit)),
                        _ => None,
                    };
                    match index {
                        Some(n) if n < items.len() => {
                            items.remove(n);
                        }
                        // Removing what is not there changes nothing.
                        None if vals.first().is_some_and(|v| v.single().is_some()) => {}
                        _ => return self.collapse(&name, old, env),
                    }
                    Shape::List(items)
                }
                (Shape::List(_), "clear", _) | (Shape::Map(..), "clear", _) if branch == 0 => {
                    match shape.as_ref() {
                        Shape::List(_) => Shape::List(Vec::new()),
                        Shape::Map(..) => Shape::Map(Vec::new(), Box::new(Val::CONST)),
                    }
                }
                (Shape::Map(entries, rest), "remove" | "delete" | "pop", [k, ..])
                    if branch == 0 =>
                {
                    match k.single() {
                        Some(key) => {
                            let key: Rc<str> = key.concat_text().into();
                            let entries = entries
                                .iter()
                                .filter(|(k2, _)| *k2 != key)
                                .cloned()
                                .collect();
                            Shape::Map(entries, rest.clone())
                        }
                        None => return,
                    }
                }
                _ if MUTATORS.contains(&method) => {
                    return self.collapse(&name, old.join(Val::of_elements(vals.iter())), env);
                }
                _ => return,
            };
            env.update(&name, container(new));
            return;
        }
        if MUTATORS.contains(&method) {
            let mut new = old.derived();
            for v in vals {
                if !v.is_const() {
                    new = new.join(v.derived().step(at));
                }
            }
            env.update(&name, new);
        }
    }

    /// A sink of rule `index` reached by `value` here (in this function); reaches through this
    /// function's parameters are kept in its summary.
    fn sink_reached(&mut self, index: usize, node: Node<'t>, value: Val, callee: String) {
        if value.params != 0 {
            let steps = value::steps(&value.trail);
            for bit in bits(value.params) {
                let Ok(bit32) = u32::try_from(bit) else {
                    continue;
                };
                if let Some(frame) = self
                    .frames
                    .iter_mut()
                    .rev()
                    .find(|f| bit32 >= f.base && bit32 < f.base + f.count)
                    && frame.reaches.len() < MAX_REACHES
                {
                    let param = (bit32 - frame.base) as usize;
                    if !frame
                        .reaches
                        .iter()
                        .any(|r| r.rule == index && r.node == node && r.param == param)
                    {
                        frame.reaches.push(Reach {
                            rule: index,
                            node,
                            callee: callee.clone(),
                            param,
                            steps: steps.clone(),
                        });
                    }
                }
            }
        }
        self.push_hit(index, node, value, callee);
    }

    /// A sink inside a function of this file, reached from a call here.
    fn sink_reached_via(&mut self, index: usize, node: Node<'t>, value: Val, callee: String) {
        self.sink_reached(index, node, value, callee);
    }

    fn push_hit(&mut self, index: usize, node: Node<'t>, value: Val, callee: String) {
        let Some(rule) = self
            .rules
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, r)| *r)
        else {
            return;
        };
        let Some(taint) = &rule.taint else { return };
        // A source this rule does not count makes the value merely dynamic.
        let ignored = value.level == Level::Tainted
            && value
                .origin
                .as_ref()
                .is_some_and(|(_, text)| taint.ignore_sources.iter().any(|r| r.is_match(text)));
        let value = if ignored {
            Val {
                level: Level::Dynamic,
                origin: None,
                ..value
            }
        } else {
            value
        };
        let rating = match value.effective() {
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
        let steps = value::steps(&value.trail);
        self.hits.push(TaintHit {
            rule: index,
            node,
            value,
            rating,
            callee,
            steps,
        });
    }

    fn eval(&self, node: Node<'t>, env: &Env) -> Val {
        self.eval_with(node, env, &[])
    }

    /// The value of an expression. `extra` sanitizers are the sink rule's own.
    fn eval_with(&self, node: Node<'t>, env: &Env, extra: &[Regex]) -> Val {
        let kind = node.kind();
        if (self.family.is_literal(kind) || kind == "template_string") && !has_interpolation(node) {
            return value::parse_literal(kind, text(node, self.src)).map_or(Val::CONST, Val::lit);
        }
        match kind {
            "package_identifier"
            | "type_identifier"
            | "scoped_type_identifier"
            | "scoped_identifier"
            | "this"
            | "self"
            | "super" => return Val::CONST,
            "keyword_argument" => {
                return node
                    .child_by_field_name("value")
                    .map_or(Val::CONST, |v| self.eval_with(v, env, extra));
            }
            "parenthesized_expression" | "expression_statement" => {
                return node
                    .named_child(0)
                    .map_or(Val::CONST, |v| self.eval_with(v, env, extra));
            }
            // Go's `x := 86`: a list of one.
            "expression_list" if node.named_child_count() == 1 => {
                return node
                    .named_child(0)
                    .map_or(Val::CONST, |v| self.eval_with(v, env, extra));
            }
            "cast_expression"
            | "type_cast_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion_expression"
            | "await_expression" => {
                let inner = node
                    .child_by_field_name("value")
                    .or_else(|| node.child_by_field_name("operand"))
                    .or_else(|| node.named_child(0));
                // `(String) x`: the value is the last named child when there is no field.
                let inner = match (kind, inner) {
                    ("cast_expression", Some(i))
                        if i.kind().ends_with("type") || i.kind() == "type_identifier" =>
                    {
                        node.named_child(
                            u32::try_from(node.named_child_count().saturating_sub(1)).unwrap_or(0),
                        )
                    }
                    (_, i) => i,
                };
                return inner.map_or(Val::CONST, |v| self.eval_with(v, env, extra));
            }
            "ternary_expression" | "conditional_expression" => {
                if let Some((condition, yes, no)) = ternary_parts(node) {
                    let c = self.eval_with(condition, env, extra);
                    return match c.single().map(Lit::truthy) {
                        Some(true) => self.eval_with(yes, env, extra),
                        Some(false) => self.eval_with(no, env, extra),
                        // Which side is taken does not carry data (implicit flows are not
                        // tracked): only the sides do.
                        // A guard in the condition vouches for the side it picks
                        // (`ALLOWED.contains(x) ? x : "none"`).
                        None => {
                            let facts =
                                guard::facts(self.family, condition, self.src, &self.error_checks);
                            let side = |n: Node<'t>, refs: &[Refinement<'t>]| {
                                let t = squash(text(n, self.src));
                                if refs.iter().any(|r| r.name == t) {
                                    Val::CONST
                                } else {
                                    self.eval_with(n, env, extra)
                                }
                            };
                            side(yes, &facts.when_true).join(side(no, &facts.when_false))
                        }
                    };
                }
            }
            "if_expression" => {
                if let Some(c) = node.child_by_field_name("condition") {
                    let yes = node.child_by_field_name("consequence");
                    let no = node.child_by_field_name("alternative");
                    let side = |n: Option<Node<'t>>| {
                        n.map_or(Val::CONST, |n| self.eval_with(n, env, extra))
                    };
                    return match self.eval_with(c, env, extra).single().map(Lit::truthy) {
                        Some(true) => side(yes),
                        Some(false) => side(no),
                        None => side(yes).join(side(no)),
                    };
                }
            }
            "binary_expression"
            | "binary_operator"
            | "boolean_operator"
            | "comparison_operator" => {
                return self.eval_binary(node, env, extra);
            }
            "unary_expression" | "not_operator" | "unary_operator" => {
                let operand = node
                    .child_by_field_name("operand")
                    .or_else(|| node.child_by_field_name("argument"))
                    .or_else(|| node.named_child(0));
                let Some(operand) = operand else {
                    return Val::CONST;
                };
                let v = self.eval_with(operand, env, extra);
                let op = node
                    .child_by_field_name("operator")
                    .map(|o| text(o, self.src))
                    .unwrap_or(if kind == "not_operator" { "not" } else { "" });
                let op = if op.is_empty() {
                    text(node, self.src).chars().next().map_or("", |c| {
                        if c == '!' {
                            "!"
                        } else if c == '-' {
                            "-"
                        } else {
                            ""
                        }
                    })
                } else {
                    op
                };
                let folded = v.single().and_then(|l| match (op, l) {
                    ("!" | "not", l) => Some(Lit::Bool(!l.truthy())),
                    ("-", Lit::Int(i)) => i.checked_neg().map(Lit::Int),
                    _ => None,
                });
                return match folded {
                    Some(l) => Val::lit(l),
                    None => v.derived(),
                };
            }
            "array_initializer" | "list" | "array" | "array_expression" | "tuple" => {
                let mut cursor = node.walk();
                let items: Vec<Val> = node
                    .named_children(&mut cursor)
                    .filter(|c| !c.kind().contains("comment"))
                    .map(|c| self.eval_with(c, env, extra))
                    .collect();
                return container(Shape::List(items));
            }
            "array_creation_expression" => {
                return match node.child_by_field_name("value") {
                    Some(v) => self.eval_with(v, env, extra),
                    None => container(Shape::List(Vec::new())),
                };
            }
            "dictionary" | "object" => {
                let mut entries = Vec::new();
                let mut rest = Val::CONST;
                let mut cursor = node.walk();
                for pair in node.named_children(&mut cursor) {
                    match (
                        pair.kind(),
                        pair.child_by_field_name("key"),
                        pair.child_by_field_name("value"),
                    ) {
                        ("pair", Some(k), Some(v)) => {
                            let v = self.eval_with(v, env, extra);
                            let key = match k.kind() {
                                "property_identifier" | "identifier"
                                    if self.family == Family::JavaScript =>
                                {
                                    Some(Lit::Str(text(k, self.src).into()))
                                }
                                _ => self.eval_with(k, env, extra).single().cloned(),
                            };
                            match key {
                                Some(key) => entries.push((key.concat_text().into(), v)),
                                None => rest = rest.join(v),
                            }
                        }
                        // `{ param }`
                        ("shorthand_property_identifier", _, _) => {
                            let name = text(pair, self.src);
                            let v = env.get(name).cloned().unwrap_or(Val::DYNAMIC);
                            entries.push((name.into(), v));
                        }
                        _ => rest = rest.join(self.eval_with(pair, env, extra)),
                    }
                }
                return container(Shape::Map(entries, Box::new(rest)));
            }
            "composite_literal" => {
                let ty = node.child_by_field_name("type").map(|t| t.kind());
                if let Some(body) = node.child_by_field_name("body") {
                    let mut cursor = body.walk();
                    let elements: Vec<Node<'t>> = body.named_children(&mut cursor).collect();
                    if ty == Some("map_type") {
                        let mut entries = Vec::new();
                        let mut rest = Val::CONST;
                        for e in elements {
                            let (Some(k), Some(v)) =
                                (e.child_by_field_name("key"), e.child_by_field_name("value"))
                            else {
                                continue;
                            };
                            let v = self.eval_with(v, env, extra);
                            match self.eval_with(k, env, extra).single() {
                                Some(key) => entries.push((key.concat_text().into(), v)),
                                None => rest = rest.join(v),
                            }
                        }
                        return container(Shape::Map(entries, Box::new(rest)));
                    }
                    if matches!(
                        ty,
                        Some("slice_type" | "array_type" | "implicit_length_array_type")
                    ) {
                        let items = elements
                            .into_iter()
                            .map(|e| self.eval_with(e, env, extra))
                            .collect();
                        return container(Shape::List(items));
                    }
                }
            }
            "literal_element" => {
                return node
                    .named_child(0)
                    .map_or(Val::CONST, |v| self.eval_with(v, env, extra));
            }
            _ => {}
        }
        if self.family.is_function(kind) {
            // A function value carries nothing until it is called.
            return Val::CONST;
        }
        if self.family.is_access(kind)
            && let Some(v) = self.eval_access(node, env, extra)
        {
            return v;
        }
        let mut val = Val::CONST;
        let mut first = true;
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.kind().contains("comment") {
                continue;
            }
            let v = self.eval_with(child, env, extra);
            val = if first {
                v.derived()
            } else {
                val.join(v.derived())
            };
            first = false;
            if val.level == Level::Tainted {
                break;
            }
        }
        if first { Val::CONST } else { val }
    }

    fn eval_binary(&self, node: Node<'t>, env: &Env, extra: &[Regex]) -> Val {
        let (left, right) = match (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) {
            (Some(l), Some(r)) => (l, r),
            _ => match (node.named_child(0), node.named_child(1)) {
                (Some(l), Some(r)) if node.named_child_count() == 2 => (l, r),
                _ => {
                    let mut cursor = node.walk();
                    return node.named_children(&mut cursor).fold(Val::CONST, |acc, c| {
                        acc.join(self.eval_with(c, env, extra).derived())
                    });
                }
            },
        };
        let op = node
            .child_by_field_name("operator")
            .map(|o| text(o, self.src).to_string())
            .or_else(|| {
                // Python's comparison_operator: the token between the operands.
                let mut cursor = node.walk();
                let between: Vec<String> = node
                    .children(&mut cursor)
                    .filter(|c| !c.is_named())
                    .map(|c| text(c, self.src).to_string())
                    .collect();
                (!between.is_empty()).then(|| between.join(" "))
            })
            .unwrap_or_default();
        let l = self.eval_with(left, env, extra);
        let r = self.eval_with(right, env, extra);
        if let (Some(a), Some(b)) = (l.single(), r.single())
            && let Some(folded) = value::fold_binary(&op, a, b)
        {
            return Val::lit(folded);
        }
        // `x || "default"`, `x ?? d`, `x or d`: either side, constants kept.
        if matches!(op.as_str(), "||" | "??" | "or") {
            return l.without_shape().join(r.without_shape());
        }
        // Comparisons and logic yield booleans, which carry no data.
        if matches!(
            op.as_str(),
            "==" | "!="
                | "==="
                | "!=="
                | "<"
                | "<="
                | ">"
                | ">="
                | "&&"
                | "and"
                | "in"
                | "not in"
                | "is"
                | "is not"
                | "instanceof"
        ) {
            return Val::CONST;
        }
        l.derived().join(r.derived())
    }

    /// The value of an access expression (a name, an attribute, a call, an index), or `None`
    /// to fall back to joining its parts.
    fn eval_access(&self, node: Node<'t>, env: &Env, extra: &[Regex]) -> Option<Val> {
        let kind = node.kind();
        let raw = text(node, self.src);
        if raw.len() > 400 {
            return None;
        }
        let t: std::borrow::Cow<'_, str> = if raw.contains(char::is_whitespace) {
            squash(raw).into()
        } else {
            raw.into()
        };
        if let Some(v) = env.get(&t) {
            // A field with an initialiser, which methods may also set.
            if !env.is_local(&t)
                && let Some(f) = self.fields.get(t.as_ref())
            {
                return Some(v.clone().join(f.clone()));
            }
            return Some(v.clone());
        }
        // `this.x` / `self.x` set by another method.
        if let Some(field) = t.strip_prefix("this.").or_else(|| t.strip_prefix("self."))
            && let Some(v) = self.fields.get(field)
        {
            return Some(v.clone());
        }
        let call = call_parts(self.family, node, self.src);
        let forms = match &call {
            Some(c) => self.names.forms(&c.callee),
            None => Vec::new(),
        };
        if call.is_some()
            && forms
                .iter()
                .any(|f| self.profile.sanitizers.is_match(f) || extra.iter().any(|s| s.is_match(f)))
        {
            return Some(Val::CONST);
        }
        if self.is_source(&t) {
            let mut v = Val::tainted(
                node.start_position().row + 1,
                short(raw),
                step(node, StepKind::Source),
            );
            if let Some(call) = &call {
                v.lits = self.default_of(call, env, true);
            }
            return Some(v);
        }
        if kind == "identifier" {
            let name = text(node, self.src);
            if let Some(v) = self.fields.get(name)
                && self.family == Family::Java
            {
                return Some(v.clone());
            }
            let constant = self.imports.contains(name)
                || self.names.import_of(name).is_some()
                || name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                || matches!(
                    name,
                    "True" | "False" | "None" | "undefined" | "nil" | "iota"
                );
            return Some(if constant { Val::CONST } else { Val::DYNAMIC });
        }
        if let Some(call) = call {
            return Some(self.eval_call(node, &call, env, extra));
        }
        if kind == "macro_invocation" {
            return Some(self.eval_macro(node, env, extra));
        }
        // `a[i]`, `d["k"]`: one element of a container built here.
        let indexed = match kind {
            "subscript" => node
                .child_by_field_name("value")
                .zip(node.child_by_field_name("subscript")),
            "subscript_expression" => node
                .child_by_field_name("object")
                .zip(node.child_by_field_name("index")),
            "index_expression" => node
                .child_by_field_name("operand")
                .zip(node.child_by_field_name("index")),
            "array_access" => node
                .child_by_field_name("array")
                .zip(node.child_by_field_name("index")),
            _ => None,
        };
        if let Some((object, index)) = indexed {
            let container = self.eval_with(object, env, extra);
            let key = self.eval_with(index, env, extra);
            if container.shape.is_some() {
                return Some(
                    element(&container, key.single().cloned(), None)
                        .step(step(node, StepKind::Load)),
                );
            }
            return Some(container.derived().join(key.derived()));
        }
        for field in ["object", "operand", "value", "argument"] {
            if let Some(inner) = node.child_by_field_name(field) {
                let v = self.eval_with(inner, env, extra);
                let property = node
                    .child_by_field_name("property")
                    .or_else(|| node.child_by_field_name("field"))
                    .or_else(|| node.child_by_field_name("attribute"));
                if let Some(p) = property {
                    let name = text(p, self.src);
                    // `obj.k` of an object literal.
                    if let Some(Shape::Map(..)) = v.shape.as_deref() {
                        return Some(
                            element(&v, Some(Lit::Str(name.into())), None)
                                .step(step(node, StepKind::Load)),
                        );
                    }
                    // A property of a constant string (`"abc".length`).
                    if let Some(Lit::Str(s)) = v.single()
                        && let Some(l) = value::fold_string_method(s, name, &[])
                    {
                        return Some(Val::lit(l));
                    }
                }
                return Some(v.derived());
            }
        }
        None
    }

    fn is_source(&self, t: &str) -> bool {
        let direct = |s: &str| {
            self.profile.sources.is_match(s)
                || self
                    .rules
                    .iter()
                    .filter_map(|(_, r)| r.taint.as_ref())
                    .any(|t2| t2.sources.iter().any(|r| r.is_match(s)))
        };
        if direct(t) {
            return true;
        }
        // The same access through an imported name (`from flask import request as rq`).
        let head_end = t.find(['.', '(', '[', ':']).unwrap_or(t.len());
        if self.names.import_of(&t[..head_end]).is_some() {
            return self.names.forms(t).iter().skip(1).any(|f| direct(f));
        }
        false
    }

    /// The default of a lookup with one (`getProperty(key, "MD5")`), as possible constants.
    fn default_of(&self, call: &syntax::CallParts<'t>, env: &Env, any_method: bool) -> Vec<Lit> {
        let method = call.callee.rsplit(['.', ':']).next().unwrap_or_default();
        if !any_method && !DEFAULT_LOOKUPS.contains(&method) {
            return Vec::new();
        }
        let args = call.arguments.map(positional_args).unwrap_or_default();
        if args.len() < 2 {
            return Vec::new();
        }
        args.last()
            .map(|d| self.eval(*d, env))
            .filter(|v| v.is_const())
            .map(|v| v.lits)
            .unwrap_or_default()
    }

    fn eval_call(
        &self,
        node: Node<'t>,
        call: &syntax::CallParts<'t>,
        env: &Env,
        extra: &[Regex],
    ) -> Val {
        let args: Vec<Node<'t>> = call
            .arguments
            .map(|a| {
                let mut c = a.walk();
                a.named_children(&mut c)
                    .filter(|n| !n.kind().contains("comment"))
                    .collect()
            })
            .unwrap_or_default();
        let last = call.callee.rsplit(['.', ':']).next().unwrap_or_default();
        let arg_vals: Vec<Val> = args
            .iter()
            .map(|a| self.eval_with(*a, env, extra))
            .collect();
        if let Some(target) = self.local_target(call) {
            // A function of this file: its summary applied to these arguments.
            let Some(summary) = self.summaries.get(&target) else {
                return arg_vals
                    .into_iter()
                    .fold(Val::DYNAMIC, |acc, v| acc.join(v.derived()));
            };
            let positional = call.arguments.map(positional_args).unwrap_or_default();
            let mut out = summary.ret.clone().unwrap_or(Val::CONST);
            for bit in bits(summary.ret_params) {
                if let Some(a) = positional.get(bit) {
                    let v = self.eval_with(*a, env, extra);
                    let v = if v.is_const() {
                        v
                    } else {
                        v.step(step(node, StepKind::Call))
                    };
                    out = if summary.ret.is_none() {
                        v
                    } else {
                        out.join(v)
                    };
                }
            }
            return out.without_shape();
        }
        let recv = call.receiver.map(|r| self.eval_with(r, env, extra));
        // `map.get("k")`, `list.get(1)`, `stack.pop()` on a container built here.
        if let Some(r) = &recv
            && r.shape.is_some()
            && let Some(key) = element_key(last, &arg_vals)
        {
            let default = (arg_vals.len() >= 2).then(|| arg_vals[arg_vals.len() - 1].clone());
            return element(r, key, default).step(step(node, StepKind::Load));
        }
        // Containers made here.
        if let Some(shape) = self.new_container(call, &args) {
            return container(shape);
        }
        if matches!(
            call.callee.as_str(),
            "Arrays.asList"
                | "java.util.Arrays.asList"
                | "List.of"
                | "Set.of"
                | "Collections.singletonList"
        ) {
            return container(Shape::List(arg_vals));
        }
        // Methods of constants: `"ABC".charAt(1)`, `String.valueOf("x")`.
        if let Some(Some(Lit::Str(s))) = recv.as_ref().map(|r| r.single()) {
            let lits: Vec<Option<Lit>> = arg_vals.iter().map(|v| v.single().cloned()).collect();
            if let Some(l) = value::fold_string_method(s, last, &lits) {
                return Val::lit(l);
            }
        }
        if matches!(
            last,
            "valueOf" | "toString" | "String" | "str" | "intern" | "strip" | "trim"
        ) && arg_vals.len() == 1
            && let Some(l) = arg_vals[0].single()
        {
            return Val::lit(l.clone());
        }
        if DROPS_TAINT.contains(&last) {
            return Val::CONST;
        }
        let args_val = arg_vals
            .iter()
            .fold(Val::CONST, |acc, v| acc.join(v.clone().derived()));
        // `props.getProperty("alg", "MD5")`: the default, or whatever the configuration holds.
        let defaults = self.default_of(call, env, false);
        if !defaults.is_empty() {
            let mut v = recv.unwrap_or(Val::CONST).derived().join(args_val);
            if v.level == Level::Const {
                v.level = Level::Dynamic;
            }
            v.lits = defaults;
            v.exact = false;
            return v;
        }
        let recv = match recv {
            Some(r) => r.derived(),
            // A plain function nobody here defines: its result is not known to be
            // constant, unless it is a pure builtin or a constructor.
            None if !call.callee.contains(['.', ':'])
                && !self.imports.contains(&call.callee)
                && self.names.import_of(&call.callee).is_none()
                && !PURE_FUNCTIONS.contains(&call.callee.as_str())
                && !call.callee.starts_with(|c: char| c.is_ascii_uppercase())
                && !call.callee.starts_with("new ") =>
            {
                Val::DYNAMIC
            }
            None => Val::CONST,
        };
        recv.join(args_val)
    }

    /// An empty (or literal) container made by this call: `new ArrayList<>()`, `new
    /// HashMap<>()`, `Arrays.asList(a, b)`, `dict()`, `new Map()`, `make(map[string]string)`.
    fn new_container(&self, call: &syntax::CallParts<'t>, args: &[Node<'t>]) -> Option<Shape> {
        let callee = call.callee.as_str();
        let plain = callee.split('<').next().unwrap_or(callee);
        let class = plain.rsplit(['.', ' ']).next().unwrap_or(plain);
        let empty_args = args.is_empty()
            || (args.len() == 1
                && self.family.is_literal(args[0].kind())
                && !text(args[0], self.src).starts_with(['"', '\'']));
        if plain.starts_with("new ") && empty_args {
            if class.ends_with("List")
                || class.ends_with("Vector")
                || class.ends_with("Deque")
                || class == "Array"
                || class.ends_with("Queue")
                || class == "Stack"
            {
                return Some(Shape::List(Vec::new()));
            }
            if class.ends_with("Map") || class == "Hashtable" || class == "Properties" {
                return Some(Shape::Map(Vec::new(), Box::new(Val::CONST)));
            }
        }
        match callee {
            "dict" | "collections.OrderedDict" | "OrderedDict" if args.is_empty() => {
                Some(Shape::Map(Vec::new(), Box::new(Val::CONST)))
            }
            "list" if args.is_empty() => Some(Shape::List(Vec::new())),
            "make" if args.first().is_some_and(|a| a.kind() == "map_type") => {
                Some(Shape::Map(Vec::new(), Box::new(Val::CONST)))
            }
            _ => None,
        }
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
                        val = val.join(v.clone().derived());
                    } else {
                        val = val.join(Val::DYNAMIC);
                    }
                }
            } else {
                val = val.join(self.eval_with(child, env, extra).derived());
            }
        }
        val
    }
}

/// The key a method reading one element uses: `get(k)`, `getOrDefault(k, d)`, `pop()` (the
/// last), `peek()` (the first). `Some(None)` for a read by an unknown key; `None` when the
/// method is not such a read.
fn element_key(method: &str, args: &[Val]) -> Option<Option<Lit>> {
    Some(match method {
        "get" | "getOrDefault" | "elementAt" | "remove" | "getProperty" | "at" | "pop" | "item" => {
            match args.first() {
                Some(k) => k.single().cloned(),
                None if method == "pop" => Some(Lit::Int(-1)),
                None => return None,
            }
        }
        "getFirst" | "peek" | "poll" | "shift" | "first" | "element" | "peekFirst" => {
            Some(Lit::Int(0))
        }
        "getLast" | "last" | "peekLast" => Some(Lit::Int(-1)),
        _ => return None,
    })
}

/// One element of a container value (`default` when a map has no such key).
fn element(container: &Val, key: Option<Lit>, default: Option<Val>) -> Val {
    let Some(shape) = container.shape.as_deref() else {
        return container.clone().derived();
    };
    match (shape, key) {
        (Shape::List(items), Some(Lit::Int(i))) => {
            let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
            let i = if i < 0 { len + i } else { i };
            match usize::try_from(i).ok().and_then(|i| items.get(i)) {
                Some(v) => v.clone(),
                // Out of range: nothing stored there.
                None => default.unwrap_or(Val::CONST),
            }
        }
        (Shape::Map(entries, rest), Some(key)) => {
            let key = key.concat_text();
            match entries.iter().find(|(k, _)| k.as_ref() == key) {
                Some((_, v)) => v.clone(),
                // Not stored under this key: what was stored under unknown keys, or the
                // default.
                None => match default {
                    Some(d) => rest.as_ref().clone().join(d),
                    None => rest.as_ref().clone(),
                },
            }
        }
        (shape, _) => Val::of_elements(shape_elements(shape)),
    }
}

/// A container value: its shape, and the join of its elements as its level.
fn container(shape: Shape) -> Val {
    let mut v = Val::of_elements(shape_elements(&shape));
    v.lits.clear();
    v.exact = false;
    v.shape = Some(Rc::new(shape));
    v
}

fn shape_elements(shape: &Shape) -> Box<dyn Iterator<Item = &Val> + '_> {
    match shape {
        Shape::List(items) => Box::new(items.iter()),
        Shape::Map(entries, rest) => Box::new(
            entries
                .iter()
                .map(|(_, v)| v)
                .chain(std::iter::once(rest.as_ref())),
        ),
    }
}

/// Condition, then-side and else-side of a ternary (Java/JS `c ? a : b`, Python `a if c else b`).
fn ternary_parts(node: Node<'_>) -> Option<(Node<'_>, Node<'_>, Node<'_>)> {
    if let (Some(c), Some(a), Some(b)) = (
        node.child_by_field_name("condition"),
        node.child_by_field_name("consequence"),
        node.child_by_field_name("alternative"),
    ) {
        return Some((c, a, b));
    }
    if node.kind() == "conditional_expression" && node.named_child_count() == 3 {
        return Some((
            node.named_child(1)?,
            node.named_child(0)?,
            node.named_child(2)?,
        ));
    }
    None
}

/// The tail expression of a Rust block (its value), when it has one.
fn rust_tail(block: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = block.walk();
    let last = block
        .named_children(&mut cursor)
        .filter(|c| !matches!(c.kind(), "line_comment" | "block_comment"))
        .last()?;
    let statement = last.kind().ends_with("_statement")
        || last.kind().ends_with("_declaration")
        || last.kind().ends_with("_item")
        || matches!(last.kind(), "empty_statement" | "attribute_item");
    (!statement).then_some(last)
}

fn is_loop(kind: &str) -> bool {
    matches!(
        kind,
        "for_statement"
            | "for_in_statement"
            | "enhanced_for_statement"
            | "while_statement"
            | "do_statement"
            | "loop_expression"
            | "while_expression"
            | "for_expression"
    )
}

/// The names assigned (or incremented) anywhere under `node`.
fn assigned_names(family: Family, node: Node<'_>, src: &str, out: &mut Vec<String>) {
    let kind = node.kind();
    if let Some((_, target, _)) = family.assignments().iter().find(|(k, _, _)| *k == kind)
        && let Some(t) = node.child_by_field_name(target)
    {
        syntax::bound_names(t, src, out);
    }
    if matches!(
        kind,
        "update_expression" | "inc_statement" | "dec_statement"
    ) {
        collect_identifiers(node, src, out);
    }
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        assigned_names(family, child, src, out);
    }
}

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
