//! Guards: conditions and statements that vouch for a value, so taint stops at them.
//!
//! Real code validates request data before it uses it: an allow-list check
//! (`if x in ALLOWED`, `if (!ALLOWED.contains(x)) return;`), a validator (`re.fullmatch`,
//! `x.isdigit()`, `/^[a-z]+$/.test(x)`, `StringUtils.isNumeric(x)`, `isValidName(x)`), an
//! equality with a constant (`if (x.equals("asc"))`), or a parse that fails on bad input
//! (`Integer.parseInt(x);`, `UUID.fromString(x);`, Go's `if _, err := strconv.Atoi(x); err !=
//! nil { return }`). This module reads such a condition into [`Facts`]: which names are clean
//! when it is true and which when it is false. The taint walk applies them to the branch that
//! runs under the condition, and, when the other branch leaves the function (an *early exit*:
//! `return`, `raise`, `throw`, `abort(...)`, `panic`), to everything after the `if`.
//!
//! What counts is syntax only: a deny-list (`if ";" in x: return`) vouches for nothing, and a
//! regular expression vouches only when it must match the whole value (`fullmatch`, Java's
//! `matches`, or a literal anchored with `^...$` that is not `.*`).

use super::syntax::{self, Family, call_parts, positional_args, squash};
use std::collections::HashMap;
use tree_sitter::Node;

/// A name a condition vouches for: clean, or (for an equality with a constant) that value.
#[derive(Debug, Clone)]
pub(crate) struct Refinement<'t> {
    pub name: String,
    /// The constant expression the name equals, for `x == "lit"`; `None`: merely clean.
    pub equals: Option<Node<'t>>,
}

/// What a condition vouches for on each of its outcomes.
#[derive(Debug, Default, Clone)]
pub(crate) struct Facts<'t> {
    pub when_true: Vec<Refinement<'t>>,
    pub when_false: Vec<Refinement<'t>>,
}

impl<'t> Facts<'t> {
    fn negate(self) -> Facts<'t> {
        Facts {
            when_true: self.when_false,
            when_false: self.when_true,
        }
    }

    fn clean(name: String) -> Vec<Refinement<'t>> {
        vec![Refinement { name, equals: None }]
    }
}

/// Go error variables bound to a parse of a value (`_, err := strconv.Atoi(x)`): `err` to the
/// names a `nil` error vouches for.
pub(crate) type ErrorChecks = HashMap<String, Vec<String>>;

/// Methods that test the receiver itself (`x.isdigit()`).
const SELF_TESTS: &[&str] = &[
    "isdigit",
    "isalnum",
    "isalpha",
    "isnumeric",
    "isdecimal",
    "isidentifier",
];

/// Methods of a collection (or a compiled pattern) that test their first argument.
const MEMBER_TESTS: &[&str] = &[
    "contains",
    "includes",
    "has",
    "containsKey",
    "contains_key",
    "__contains__",
    "fullmatch",
    "MatchString",
    "is_match",
];

/// Validator functions (last callee segment) and the argument they vouch for.
const VALIDATORS: &[(&str, usize)] = &[
    ("isNumeric", 0),
    ("isAlphanumeric", 0),
    ("isAlpha", 0),
    ("isDigits", 0),
    ("isCreatable", 0),
    ("isParsable", 0),
    ("isInt", 0),
    ("isInteger", 0),
    ("isSafeInteger", 0),
    ("isFinite", 0),
    ("isUUID", 0),
    ("isAlphanumericString", 0),
    ("isHexadecimal", 0),
];

/// Parses that throw (or fail) on input that is not what they parse: called as a statement,
/// the argument is valid after them.
const THROWING_PARSES: &[&str] = &[
    "Integer.parseInt",
    "Integer.valueOf",
    "Long.parseLong",
    "Long.valueOf",
    "Short.parseShort",
    "Double.parseDouble",
    "Float.parseFloat",
    "UUID.fromString",
    "uuid.UUID",
    "UUID",
    "int",
    "float",
    "ipaddress.ip_address",
    "InetAddresses.forString",
];

/// Go parses whose error result says whether the value was valid.
const ERROR_PARSES: &[&str] = &[
    "strconv.Atoi",
    "strconv.ParseInt",
    "strconv.ParseUint",
    "strconv.ParseFloat",
    "strconv.ParseBool",
    "uuid.Parse",
    "uuid.FromString",
    "netip.ParseAddr",
];

fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    node.utf8_text(src.as_bytes()).unwrap_or_default()
}

/// The name an expression is, when it is a plain name or a dotted path of names (`x`,
/// `self.order`, `req.query.sort` is not a name the walk binds, but `this.sort` is).
fn name_of(node: Node<'_>, src: &str) -> Option<String> {
    let node = unwrap_parens(node);
    let t = squash(text(node, src));
    let ok = !t.is_empty()
        && t.split('.').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
                && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        });
    ok.then_some(t)
}

fn unwrap_parens(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind(),
        "parenthesized_expression" | "parenthesized_expression_list"
    ) && node.named_child_count() == 1
    {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

fn is_literal(node: Node<'_>) -> bool {
    let k = node.kind();
    k.contains("string")
        || k.contains("literal")
        || matches!(
            k,
            "integer" | "float" | "number" | "true" | "false" | "none" | "null" | "nil"
        )
}

/// The operator between the two operands of a binary node (`==`, `not in`, `&&`).
fn binary_parts<'t>(node: Node<'t>, src: &str) -> Option<(Node<'t>, String, Node<'t>)> {
    if node.named_child_count() != 2 {
        return None;
    }
    let left = node.named_child(0)?;
    let right = node.named_child(1)?;
    let op = src.get(left.end_byte()..right.start_byte())?;
    let op = op.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((left, op, right))
}

/// Whether a regular expression literal must match the whole value (`^[a-z0-9]+$`) and is
/// not an everything-pattern (`^.*$`).
fn anchored(pattern: Node<'_>, src: &str, need_start: bool) -> bool {
    let t = text(pattern, src);
    let body = t
        .trim_start_matches(['r', 'b', 'u', 'R', 'B', 'U'])
        .trim_matches(|c| matches!(c, '"' | '\'' | '`' | '/'));
    let body = body.trim_end_matches(['g', 'i', 'm', 'u', 's', 'y']);
    let body = body.trim_end_matches('/');
    let starts = body.starts_with('^') || body.starts_with("\\A");
    let ends = body.ends_with('$') || body.ends_with("\\Z") || body.ends_with("\\z");
    (starts || !need_start) && ends && !body.contains(".*") && !body.contains(".+")
}

/// Reads a condition into what it vouches for.
pub(crate) fn facts<'t>(
    family: Family,
    cond: Node<'t>,
    src: &str,
    errors: &ErrorChecks,
) -> Facts<'t> {
    let cond = unwrap_parens(cond);
    match cond.kind() {
        "not_operator" => {
            return cond
                .child_by_field_name("argument")
                .map(|a| facts(family, a, src, errors).negate())
                .unwrap_or_default();
        }
        "unary_expression" | "unary_operator" => {
            let negation = text(cond, src).trim_start().starts_with('!');
            if let (true, Some(operand)) = (negation, cond.named_child(0)) {
                return facts(family, operand, src, errors).negate();
            }
            return Facts::default();
        }
        "index_expression" | "subscript" => {
            // Go's `allowed[x]` (a map of booleans used as an allow-list).
            if family == Family::Go
                && let Some(index) = cond.child_by_field_name("index")
                && let Some(name) = name_of(index, src)
            {
                return Facts {
                    when_true: Facts::clean(name),
                    when_false: Vec::new(),
                };
            }
            return Facts::default();
        }
        _ => {}
    }
    if let Some(call) = call_parts(family, cond, src) {
        return Facts {
            when_true: call_vouches(family, &call, src),
            when_false: Vec::new(),
        };
    }
    let Some((left, op, right)) = binary_parts(cond, src) else {
        return Facts::default();
    };
    match op.as_str() {
        "&&" | "and" => {
            let (a, b) = (
                facts(family, left, src, errors),
                facts(family, right, src, errors),
            );
            Facts {
                when_true: a.when_true.into_iter().chain(b.when_true).collect(),
                when_false: both(a.when_false, b.when_false),
            }
        }
        "||" | "or" => {
            let (a, b) = (
                facts(family, left, src, errors),
                facts(family, right, src, errors),
            );
            Facts {
                when_true: both(a.when_true, b.when_true),
                when_false: a.when_false.into_iter().chain(b.when_false).collect(),
            }
        }
        "in" | "not in" => {
            let Some(name) = name_of(left, src) else {
                return Facts::default();
            };
            // `";" in x` tests x for a character; `x in "abc"` is a substring test: only a
            // collection (a name, a list, a set, a tuple) is an allow-list.
            if right.kind().contains("string") {
                return Facts::default();
            }
            let f = Facts {
                when_true: Facts::clean(name),
                when_false: Vec::new(),
            };
            if op == "in" { f } else { f.negate() }
        }
        "==" | "===" | "!=" | "!==" => {
            let f = go_error_check(left, right, src, errors)
                .or_else(|| {
                    equality(left, right, src)
                        .or_else(|| equality(right, left, src))
                        .map(|r| Facts {
                            when_true: vec![r],
                            when_false: Vec::new(),
                        })
                })
                .unwrap_or_default();
            if op.starts_with('!') { f.negate() } else { f }
        }
        _ => Facts::default(),
    }
}

/// Names both lists vouch for (either side of an `||` may be the one that held).
fn both<'t>(a: Vec<Refinement<'t>>, b: Vec<Refinement<'t>>) -> Vec<Refinement<'t>> {
    a.into_iter()
        .filter(|r| b.iter().any(|o| o.name == r.name))
        .map(|r| Refinement {
            name: r.name,
            equals: None,
        })
        .collect()
}

fn equality<'t>(name: Node<'t>, lit: Node<'t>, src: &str) -> Option<Refinement<'t>> {
    if !is_literal(lit) || is_literal(name) {
        return None;
    }
    Some(Refinement {
        name: name_of(name, src)?,
        equals: Some(lit),
    })
}

/// `err == nil` where `err` came from a parse of `x` (the `!=` form is the negation).
fn go_error_check<'t>(
    left: Node<'t>,
    right: Node<'t>,
    src: &str,
    errors: &ErrorChecks,
) -> Option<Facts<'t>> {
    if text(right, src) != "nil" {
        return None;
    }
    let names = errors.get(text(left, src))?;
    Some(Facts {
        when_true: names
            .iter()
            .map(|n| Refinement {
                name: n.clone(),
                equals: None,
            })
            .collect(),
        when_false: Vec::new(),
    })
}

/// What a call used as a condition vouches for when it returns true.
fn call_vouches<'t>(
    family: Family,
    call: &syntax::CallParts<'t>,
    src: &str,
) -> Vec<Refinement<'t>> {
    let method = call.callee.rsplit(['.', ':']).next().unwrap_or_default();
    let args = call.arguments.map(positional_args).unwrap_or_default();
    let arg_name = |i: usize| args.get(i).and_then(|a| name_of(*a, src));
    let receiver_name = || call.receiver.and_then(|r| name_of(r, src));
    let found: Option<String> = if SELF_TESTS.contains(&method) {
        receiver_name()
    } else if method == "equals" || method == "equalsIgnoreCase" {
        // `"asc".equals(x)` or `x.equals("asc")`.
        let (recv, arg) = (call.receiver, args.first().copied());
        return match (recv, arg) {
            (Some(r), Some(a)) if is_literal(r) => equality(a, r, src).into_iter().collect(),
            (Some(r), Some(a)) if is_literal(a) => equality(r, a, src)
                .map(|mut e| {
                    if method == "equalsIgnoreCase" {
                        e.equals = None;
                    }
                    e
                })
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
    } else if method == "matches" && family == Family::Java {
        // `x.matches("[a-z]+")` (whole-value match), `Pattern.matches(p, x)`,
        // `PATTERN.matcher(x).matches()`.
        if call.callee == "Pattern.matches" {
            arg_name(1)
        } else if let Some(r) = call.receiver
            && let Some(inner) = call_parts(family, r, src)
            && inner.callee.ends_with("matcher")
        {
            inner
                .arguments
                .map(positional_args)
                .and_then(|a| a.first().and_then(|n| name_of(*n, src)))
        } else {
            receiver_name()
        }
    } else if method == "all" {
        // Rust's `x.chars().all(|c| c.is_ascii_alphanumeric())`.
        let checks_class = args.first().is_some_and(|a| {
            let t = text(*a, src);
            ["alphanumeric", "digit", "alphabetic", "numeric"]
                .iter()
                .any(|w| t.contains(w))
        });
        call.receiver
            .and_then(|r| call_parts(family, r, src))
            .filter(|inner| {
                checks_class && (inner.callee.ends_with("chars") || inner.callee.ends_with("bytes"))
            })
            .and_then(|inner| inner.receiver.and_then(|r| name_of(r, src)))
    } else if matches!(method, "match" | "search" | "test") {
        let (pattern, value) = match (call.receiver, args.len()) {
            // `re.match(p, x)`: the module function.
            (Some(r), 2..) if matches!(text(r, src), "re" | "regex") => {
                (args.first().copied(), arg_name(1))
            }
            // `PATTERN.match(x)`, `/^[a-z]+$/.test(x)`.
            (Some(r), 1) => (Some(r), arg_name(0)),
            _ => (None, None),
        };
        let need_start = method != "match";
        match pattern {
            Some(p) if p.kind() == "identifier" || p.kind() == "attribute" => value,
            Some(p) if anchored(p, src, need_start) => value,
            _ => None,
        }
    } else if MEMBER_TESTS.contains(&method) {
        if call.receiver.is_some() {
            // `re.fullmatch(p, x)` is the module function; `PAT.fullmatch(x)` the method.
            if method == "fullmatch" && args.len() >= 2 {
                arg_name(1)
            } else if method == "MatchString" && args.len() >= 2 {
                // Go's `regexp.MatchString(p, x)`.
                args.first()
                    .filter(|p| anchored(**p, src, true))
                    .and_then(|_| arg_name(1))
            } else if method == "MatchString" {
                // `regexp.MustCompile("^[a-z]+$").MatchString(x)` vouches only for an
                // anchored literal; a compiled pattern held in a name is trusted as Python's
                // `PATTERN.match(x)` is.
                let pattern_ok = call
                    .receiver
                    .is_some_and(|r| match call_parts(family, r, src) {
                        Some(inner) if inner.callee.ends_with("Compile") => inner
                            .arguments
                            .map(positional_args)
                            .and_then(|a| a.first().copied())
                            .is_some_and(|p| anchored(p, src, true)),
                        Some(_) => false,
                        None => name_of(r, src).is_some(),
                    });
                if pattern_ok { arg_name(0) } else { None }
            } else {
                arg_name(0)
            }
        } else {
            None
        }
    } else if let Some((_, i)) = VALIDATORS.iter().find(|(m, _)| *m == method) {
        arg_name(*i)
    } else if call.callee.ends_with("slices.Contains") {
        arg_name(1)
    } else if is_validator_name(method) {
        arg_name(0).or_else(receiver_name)
    } else {
        None
    };
    found.map(Facts::clean).unwrap_or_default()
}

/// `isValidName`, `is_valid_path`, `isSafe`, `is_allowed`, `validUser`: a function whose name
/// says it answers whether its argument is acceptable.
fn is_validator_name(method: &str) -> bool {
    let lower = method.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("is_")
        .or_else(|| lower.strip_prefix("is"));
    let rest = rest.unwrap_or(&lower);
    [
        "valid",
        "safe",
        "allowed",
        "whitelisted",
        "permitted",
        "allowlisted",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
        && !rest.starts_with("validate")
}

/// Whether a branch body always leaves the function (or loop iteration): its last statement
/// is a `return`, `raise`, `throw`, `break`, `continue`, or a call that does not come back
/// (`abort(400)`, `sys.exit`, `panic`, `log.Fatal`, `os.Exit`, `process.exit`).
pub(crate) fn exits(family: Family, body: Node<'_>, src: &str) -> bool {
    let mut node = body;
    loop {
        match node.kind() {
            // Go's block holds a `statement_list`.
            "block"
            | "statement_list"
            | "statement_block"
            | "compound_statement"
            | "else_clause"
            | "expression_statement" => {
                let mut cursor = node.walk();
                let Some(last) = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() != "comment" && c.kind() != "line_comment")
                    .last()
                else {
                    return false;
                };
                node = last;
            }
            "return_statement"
            | "return_expression"
            | "raise_statement"
            | "throw_statement"
            | "throw_expression"
            | "break_statement"
            | "continue_statement"
            | "break_expression"
            | "continue_expression" => return true,
            _ => {
                return call_parts(family, node, src).is_some_and(|c| {
                    let callee = c.callee.as_str();
                    matches!(
                        callee,
                        "abort"
                            | "flask.abort"
                            | "sys.exit"
                            | "exit"
                            | "panic"
                            | "os.Exit"
                            | "log.Fatal"
                            | "log.Fatalf"
                            | "log.Fatalln"
                            | "process.exit"
                            | "System.exit"
                    ) || callee.starts_with("panic!")
                });
            }
        }
    }
}

/// A statement that validates a value by parsing it (`Integer.parseInt(x);`): the names it
/// vouches for from then on.
pub(crate) fn statement_validates(family: Family, stmt: Node<'_>, src: &str) -> Vec<String> {
    let Some(expr) = stmt.named_child(0) else {
        return Vec::new();
    };
    let Some(call) = call_parts(family, expr, src) else {
        return Vec::new();
    };
    if !THROWING_PARSES.contains(&call.callee.as_str()) {
        return Vec::new();
    }
    call.arguments
        .map(positional_args)
        .and_then(|a| a.first().and_then(|n| name_of(*n, src)))
        .into_iter()
        .collect()
}

/// Go's `_, err := strconv.Atoi(x)` (also in an `if` initializer): (`err`, the names a nil
/// `err` vouches for).
pub(crate) fn error_check(
    family: Family,
    node: Node<'_>,
    src: &str,
) -> Option<(String, Vec<String>)> {
    if family != Family::Go {
        return None;
    }
    let left = node.child_by_field_name("left")?;
    let right = node.child_by_field_name("right")?;
    let value = right.named_child(0)?;
    let call = call_parts(family, value, src)?;
    if !ERROR_PARSES.contains(&call.callee.as_str()) {
        return None;
    }
    let mut cursor = left.walk();
    let err = left.named_children(&mut cursor).last()?;
    let name = call
        .arguments
        .map(positional_args)
        .and_then(|a| a.first().and_then(|n| name_of(*n, src)))?;
    Some((text(err, src).to_string(), vec![name]))
}
