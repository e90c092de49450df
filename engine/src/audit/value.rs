//! The abstract values of the taint walk: how much a value may carry attacker data, which
//! constants it may be, what a container built here holds, and the steps that brought taint
//! to it.
//!
//! A value is a [`Level`] (constant, dynamic, tainted) with the source it came from, a bit set
//! of the enclosing function's parameters it depends on (for per-function summaries), the
//! literal values it may take ([`Lit`], bounded; exact when they are all of them), the elements
//! of a list or map built in the function ([`Shape`]), and a [`Trail`] of steps (source,
//! assignments, calls) shared between values so copying a value costs a reference count.

use std::rc::Rc;

/// How much a value may carry attacker data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Const,
    Dynamic,
    Tainted,
}

/// A constant the analysis knows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Str(Rc<str>),
    Int(i64),
    Bool(bool),
    Null,
}

impl Lit {
    /// Truthiness as Python and JavaScript read it (Java conditions are booleans anyway).
    pub fn truthy(&self) -> bool {
        match self {
            Lit::Str(s) => !s.is_empty(),
            Lit::Int(i) => *i != 0,
            Lit::Bool(b) => *b,
            Lit::Null => false,
        }
    }

    /// The literal as code would spell it: what call patterns' `args` regexes are written
    /// against.
    pub fn render(&self) -> String {
        match self {
            Lit::Str(s) => {
                let mut out = String::with_capacity(s.len() + 2);
                out.push('"');
                for c in s.chars() {
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
                out
            }
            Lit::Int(i) => i.to_string(),
            Lit::Bool(b) => b.to_string(),
            Lit::Null => "null".into(),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Lit::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The text form used for string concatenation.
    pub fn concat_text(&self) -> String {
        match self {
            Lit::Str(s) => s.to_string(),
            Lit::Int(i) => i.to_string(),
            Lit::Bool(b) => b.to_string(),
            Lit::Null => "null".into(),
        }
    }
}

/// At most this many possible constants are kept for one value.
const MAX_LITS: usize = 6;
/// Trails longer than this keep their first steps and the latest one.
const MAX_STEPS: u16 = 24;

/// What happened to the value at one step of its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StepKind {
    Source,
    Parameter,
    Assign,
    Store,
    Load,
    Call,
    Sink,
}

impl StepKind {
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Source => "source",
            StepKind::Parameter => "parameter",
            StepKind::Assign => "assigned",
            StepKind::Store => "stored",
            StepKind::Load => "read back",
            StepKind::Call => "passed to a function of this file",
            StepKind::Sink => "sink",
        }
    }
}

/// One step: a byte range of the file and what happened there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    pub start: usize,
    pub end: usize,
    pub kind: StepKind,
}

/// A path of steps, newest last, as a shared list.
#[derive(Debug)]
pub(crate) struct Trail {
    step: Step,
    prev: Option<Rc<Trail>>,
    len: u16,
}

/// Appends `step` to `trail` (a new node; the old trail is shared, not copied).
pub(crate) fn extend(trail: &Option<Rc<Trail>>, step: Step) -> Option<Rc<Trail>> {
    let len = trail.as_ref().map_or(0, |t| t.len);
    if let Some(t) = trail {
        // The same place twice in a row (a loop revisited, an assignment re-read) adds nothing.
        if t.step.start == step.start && t.step.kind == step.kind {
            return trail.clone();
        }
        if len >= MAX_STEPS {
            // Keep the beginning and replace the newest step.
            return Some(Rc::new(Trail {
                step,
                prev: t.prev.clone(),
                len,
            }));
        }
    }
    Some(Rc::new(Trail {
        step,
        prev: trail.clone(),
        len: len + 1,
    }))
}

/// The steps of a trail, oldest first.
pub(crate) fn steps(trail: &Option<Rc<Trail>>) -> Vec<Step> {
    let mut out = Vec::new();
    let mut at = trail.as_deref();
    while let Some(t) = at {
        out.push(t.step);
        at = t.prev.as_deref();
    }
    out.reverse();
    out
}

/// The steps of `tail` appended after `head`'s.
pub(crate) fn concat(head: &Option<Rc<Trail>>, tail: &[Step]) -> Option<Rc<Trail>> {
    let mut t = head.clone();
    for s in tail {
        t = extend(&t, *s);
    }
    t
}

/// The elements of a container built in this function, when every access used constant keys
/// or indexes.
#[derive(Debug, Clone)]
pub(crate) enum Shape {
    /// A list or array, in order.
    List(Vec<Val>),
    /// A map or object by constant key; `rest` joins what was stored under unknown keys.
    Map(Vec<(Rc<str>, Val)>, Box<Val>),
}

/// An abstract value.
#[derive(Debug, Clone)]
pub(crate) struct Val {
    /// The level from sources and unknown values; parameters of the function being walked
    /// count in `params` instead, so a summary can tell what its callers' arguments add.
    pub level: Level,
    /// Line (1-based) and text of the source, for tainted values.
    pub origin: Option<(usize, String)>,
    /// Parameters (by position, first 64) of the enclosing function this value depends on.
    pub params: u64,
    /// Constants this value may be. With `exact` they are all of them; without, they are
    /// possibilities among unknown others (a configuration lookup's default).
    pub lits: Vec<Lit>,
    pub exact: bool,
    pub shape: Option<Rc<Shape>>,
    pub trail: Option<Rc<Trail>>,
}

impl Val {
    pub const CONST: Val = Val {
        level: Level::Const,
        origin: None,
        params: 0,
        lits: Vec::new(),
        exact: false,
        shape: None,
        trail: None,
    };
    pub const DYNAMIC: Val = Val {
        level: Level::Dynamic,
        origin: None,
        params: 0,
        lits: Vec::new(),
        exact: false,
        shape: None,
        trail: None,
    };

    /// A variable declared without a value: no possible value yet, so joining it with what a
    /// branch assigns keeps that exactly.
    pub const UNSET: Val = Val {
        level: Level::Const,
        origin: None,
        params: 0,
        lits: Vec::new(),
        exact: true,
        shape: None,
        trail: None,
    };

    /// A known constant.
    pub fn lit(lit: Lit) -> Val {
        Val {
            lits: vec![lit],
            exact: true,
            ..Val::CONST
        }
    }

    pub fn tainted(line: usize, text: String, step: Step) -> Val {
        Val {
            level: Level::Tainted,
            origin: Some((line, text)),
            trail: extend(&None, step),
            ..Val::CONST
        }
    }

    /// The level as a sink sees it: a parameter makes a value at least dynamic.
    pub fn effective(&self) -> Level {
        if self.params != 0 && self.level == Level::Const {
            Level::Dynamic
        } else {
            self.level
        }
    }

    /// Whether the value is known to be constant (and depends on no parameter).
    pub fn is_const(&self) -> bool {
        self.effective() == Level::Const
    }

    /// The one constant this value is, when it is exactly one.
    pub fn single(&self) -> Option<&Lit> {
        match self.lits.as_slice() {
            [one] if self.exact && self.is_const() => Some(one),
            _ => None,
        }
    }

    /// What either value may be.
    pub fn join(self, other: Val) -> Val {
        let (mut hi, lo) = if other.effective() > self.effective()
            || (other.level > self.level && other.effective() == self.effective())
        {
            (other, self)
        } else {
            (self, other)
        };
        if lo.level > hi.level {
            hi.level = lo.level;
            hi.origin = lo.origin.clone();
        }
        if hi.trail.is_none() {
            hi.trail = lo.trail.clone();
        }
        hi.params |= lo.params;
        // Possible constants: the union; exact only when both sides were.
        let exact = hi.exact && lo.exact;
        if exact || !hi.lits.is_empty() || !lo.lits.is_empty() {
            let mut lits = std::mem::take(&mut hi.lits);
            for l in lo.lits {
                if !lits.contains(&l) {
                    lits.push(l);
                }
            }
            if lits.len() > MAX_LITS {
                lits.clear();
                hi.exact = false;
            } else {
                hi.exact = exact;
            }
            hi.lits = lits;
        } else {
            hi.exact = false;
        }
        // Shapes are not merged: a joined container is only its level.
        if lo.shape.is_some() || hi.shape.is_some() {
            hi.shape = None;
        }
        hi
    }

    /// The same value with its shape and constants dropped (a derived value: a call's result).
    pub fn derived(mut self) -> Val {
        self.shape = None;
        self.lits.clear();
        self.exact = false;
        self
    }

    /// Adds a step to the value's path (only non-constant values keep paths).
    pub fn step(mut self, step: Step) -> Val {
        if !self.is_const() {
            self.trail = extend(&self.trail, step);
        }
        self
    }

    /// The join of a container's elements, for when it is used as a whole.
    pub fn of_elements<'a>(elements: impl Iterator<Item = &'a Val>) -> Val {
        elements.fold(Val::CONST, |acc, v| acc.join(v.clone().without_shape()))
    }

    /// The same level and path, but no longer a known constant (a counter after `i++`).
    pub fn unknown_constant(mut self) -> Val {
        self.lits.clear();
        self.exact = false;
        self
    }

    pub fn without_shape(mut self) -> Val {
        self.shape = None;
        self
    }

    /// A value with the parameter bits cleared (the part a function adds on its own).
    pub fn intrinsic(mut self) -> Val {
        self.params = 0;
        self
    }
}

/// The value of a literal node's text, for the literal kinds of the five grammars.
pub(crate) fn parse_literal(kind: &str, text: &str) -> Option<Lit> {
    match kind {
        "true" => Some(Lit::Bool(true)),
        "false" => Some(Lit::Bool(false)),
        "boolean_literal" => Some(Lit::Bool(text == "true")),
        "none" | "null" | "nil" | "null_literal" | "undefined" => Some(Lit::Null),
        "integer"
        | "number"
        | "int_literal"
        | "integer_literal"
        | "decimal_integer_literal"
        | "hex_integer_literal" => parse_int(text).map(Lit::Int),
        "string"
        | "string_literal"
        | "raw_string_literal"
        | "interpreted_string_literal"
        | "character_literal"
        | "char_literal"
        | "rune_literal"
        | "template_string" => unquote(text).map(|s| Lit::Str(s.into())),
        _ => None,
    }
}

fn parse_int(text: &str) -> Option<i64> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let t = t.as_str();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        let digits: String = hex.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        return i64::from_str_radix(&digits, 16).ok();
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || t[digits.len()..].starts_with(['.', 'e', 'E']) {
        return None;
    }
    digits.parse().ok()
}

/// The contents of a string literal of any of the grammars: prefixes (`b`, `r`, `u`, `f`
/// without fields), quotes (single, double, triple, backquote, `r#"..."#`) and simple escapes
/// removed. `None` when it is not a plain string.
pub(crate) fn unquote(text: &str) -> Option<String> {
    let t = text.trim_start_matches(['b', 'B', 'r', 'R', 'u', 'U', 'f', 'F']);
    let raw = t.len() != text.len() && text[..text.len() - t.len()].contains(['r', 'R']);
    let t = t.trim_start_matches('#').trim_end_matches('#');
    let quote = ["\"\"\"", "'''", "\"", "'", "`"]
        .into_iter()
        .find(|q| t.starts_with(q) && t.ends_with(q) && t.len() >= 2 * q.len())?;
    let inner = &t[quote.len()..t.len() - quote.len()];
    if quote == "`" && inner.contains("${") {
        return None;
    }
    if raw || !inner.contains('\\') {
        return Some(inner.to_string());
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Some(out)
}

/// Folds a binary operator over two constants, Java/Go integer semantics for `/` and `%`.
pub(crate) fn fold_binary(op: &str, a: &Lit, b: &Lit) -> Option<Lit> {
    use Lit::*;
    Some(match (op, a, b) {
        ("+", Int(x), Int(y)) => Int(x.checked_add(*y)?),
        ("-", Int(x), Int(y)) => Int(x.checked_sub(*y)?),
        ("*", Int(x), Int(y)) => Int(x.checked_mul(*y)?),
        ("/" | "//", Int(x), Int(y)) if *y != 0 => Int(if op == "//" {
            x.div_euclid(*y)
        } else {
            x.checked_div(*y)?
        }),
        ("%", Int(x), Int(y)) if *y != 0 => Int(x.checked_rem(*y)?),
        ("+", Str(_), _) | ("+", _, Str(_)) => {
            Str(format!("{}{}", a.concat_text(), b.concat_text()).into())
        }
        ("<", Int(x), Int(y)) => Bool(x < y),
        ("<=", Int(x), Int(y)) => Bool(x <= y),
        (">", Int(x), Int(y)) => Bool(x > y),
        (">=", Int(x), Int(y)) => Bool(x >= y),
        ("==" | "===" | "is", _, _) => Bool(a == b),
        ("!=" | "!==" | "is not", _, _) => Bool(a != b),
        ("&&" | "and", _, _) => {
            if a.truthy() {
                b.clone()
            } else {
                a.clone()
            }
        }
        ("||" | "or", _, _) => {
            if a.truthy() {
                a.clone()
            } else {
                b.clone()
            }
        }
        _ => return None,
    })
}

/// Folds a method of a constant string (`"ABC".charAt(1)`, `"a".toUpperCase()`, `len`).
pub(crate) fn fold_string_method(s: &str, method: &str, args: &[Option<Lit>]) -> Option<Lit> {
    let int = |i: usize| match args.get(i) {
        Some(Some(Lit::Int(n))) => usize::try_from(*n).ok(),
        _ => None,
    };
    let chars: Vec<char> = s.chars().collect();
    Some(match method {
        "charAt" => Lit::Str(chars.get(int(0)?)?.to_string().into()),
        "substring" | "substr" | "slice" => {
            let from = int(0)?;
            let to = match args.get(1) {
                Some(_) => int(1)?,
                None => chars.len(),
            };
            if from > to || to > chars.len() {
                return None;
            }
            Lit::Str(chars[from..to].iter().collect::<String>().into())
        }
        "toUpperCase" | "upper" | "ToUpper" => Lit::Str(s.to_uppercase().into()),
        "toLowerCase" | "lower" | "ToLower" => Lit::Str(s.to_lowercase().into()),
        "trim" | "strip" | "TrimSpace" => Lit::Str(s.trim().into()),
        "length" | "len" => Lit::Int(i64::try_from(chars.len()).ok()?),
        "isEmpty" => Lit::Bool(s.is_empty()),
        "equals" => Lit::Bool(args.first()?.as_ref()?.as_str()? == s),
        "equalsIgnoreCase" => Lit::Bool(args.first()?.as_ref()?.as_str()?.eq_ignore_ascii_case(s)),
        "startsWith" | "startswith" => Lit::Bool(s.starts_with(args.first()?.as_ref()?.as_str()?)),
        "endsWith" | "endswith" => Lit::Bool(s.ends_with(args.first()?.as_ref()?.as_str()?)),
        "contains" | "includes" => Lit::Bool(s.contains(args.first()?.as_ref()?.as_str()?)),
        "toString" | "intern" | "valueOf" => Lit::Str(s.into()),
        "concat" => Lit::Str(format!("{s}{}", args.first()?.as_ref()?.concat_text()).into()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_of_every_grammar_unquote() {
        assert_eq!(unquote(r#""MD5""#).as_deref(), Some("MD5"));
        assert_eq!(unquote("'md5'").as_deref(), Some("md5"));
        assert_eq!(unquote(r#"b"x""#).as_deref(), Some("x"));
        assert_eq!(unquote(r##"r#"a\b"#"##).as_deref(), Some("a\\b"));
        assert_eq!(unquote("`plain`").as_deref(), Some("plain"));
        assert_eq!(unquote("`a ${x}`"), None);
        assert_eq!(unquote(r#""a\"b""#).as_deref(), Some("a\"b"));
        assert_eq!(parse_int("86"), Some(86));
        assert_eq!(parse_int("1_000L"), Some(1000));
        assert_eq!(parse_int("0x1F"), Some(31));
        assert_eq!(parse_int("1.5"), None);
    }

    #[test]
    fn folding_follows_integer_division_and_string_concatenation() {
        let i = |n| Lit::Int(n);
        assert_eq!(fold_binary("/", &i(500), &i(42)), Some(i(11)));
        assert_eq!(fold_binary(">", &i(258), &i(200)), Some(Lit::Bool(true)));
        assert_eq!(
            fold_binary("+", &Lit::Str("a".into()), &i(1)),
            Some(Lit::Str("a1".into()))
        );
        assert_eq!(
            fold_string_method("ABC", "charAt", &[Some(i(1))]),
            Some(Lit::Str("B".into()))
        );
    }
}
