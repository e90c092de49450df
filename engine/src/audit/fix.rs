//! Quick fixes: turning a rule's fix template into text edits, applying edits, and showing them
//! as a unified diff.
//!
//! A template replaces one target (the finding, the call, its callee, an argument, a keyword
//! argument or its value, or a string literal) with text in which `{{callee}}`, `{{receiver}}`,
//! `{{method}}`, `{{args}}`, `{{arg0}}`, `{{arg1}}`, `{{name}}`, `{{NAME}}` and `{{text}}` are filled
//! in. Two rewrites need more than a template and are built in: `sql_params` turns a query built
//! by f-string, `%`, `+` or `.format` into a parameterised query, and `shell_list` turns a shell
//! command string into an argument list run without a shell. When a rewrite cannot be made
//! safely (a pipeline, a keyword placeholder), no fix is offered rather than a wrong one.

use super::model::{Fix, TextEdit};
use super::rule::{FixSpec, FixTarget, FixTransform};
use super::syntax::{self, CallParts, Family};
use super::text::LineIndex;
use crate::parse::Language;
use tree_sitter::Node;

/// Errors applying edits.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FixError {
    #[error("edits overlap at byte {0}: apply one fix at a time")]
    Overlap(usize),
    #[error("edit range {0}..{1} is outside the text or splits a character")]
    OutOfRange(usize, usize),
}

/// What a fix is built from.
pub(crate) struct FixContext<'t, 'c> {
    pub language: Language,
    pub family: Option<Family>,
    /// The finding's byte range.
    pub range: (usize, usize),
    /// The smallest syntax node around the finding, when the file parsed.
    pub node: Option<Node<'t>>,
    /// The call the finding is about, when it is one.
    pub call: Option<(Node<'t>, &'c CallParts<'t>)>,
}

/// Builds the fix of a finding, or `None` when no safe rewrite applies here.
pub(crate) fn build(
    spec: &FixSpec,
    ctx: &FixContext<'_, '_>,
    src: &str,
    lines: &LineIndex<'_>,
) -> Option<Fix> {
    let mut edits = if let Some(transform) = spec.transform {
        match transform {
            FixTransform::SqlParams => sql_params(ctx, src)?,
            FixTransform::ShellList => shell_list(ctx, src)?,
        }
    } else {
        let template = spec
            .templates
            .get(ctx.language.name())
            .or(spec.template.as_ref())?;
        let (start, end) = target_range(&spec.target, ctx, src)?;
        let replacement = fill(template, ctx, src, (start, end))?;
        vec![(start, end, replacement)]
    };
    if let Some(line) = spec
        .ensure_lines
        .get(ctx.language.name())
        .or(spec.ensure_line.as_ref())
    {
        let present = src.lines().any(|l| l.trim() == line.trim());
        if !present {
            let at = insertion_point(src, ctx.language);
            edits.push((at, at, format!("{line}\n")));
        }
    }
    edits.sort_by_key(|e| e.0);
    Some(Fix {
        description: spec.description.clone(),
        edits: edits
            .into_iter()
            .map(|(s, e, replacement)| TextEdit {
                span: lines.span(s, e),
                replacement,
            })
            .collect(),
    })
}

/// Where a new import line goes: after a shebang, an encoding line, a module docstring and
/// `from __future__` imports.
fn insertion_point(src: &str, language: Language) -> usize {
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let t = line.trim_start();
        let skip = t.starts_with("#!")
            || t.starts_with("# -*-")
            || (language == Language::Python && t.starts_with("from __future__"));
        if !skip {
            break;
        }
        at += line.len();
    }
    at
}

fn node_range(n: Node<'_>) -> (usize, usize) {
    (n.start_byte(), n.end_byte())
}

fn text_of(n: Node<'_>, src: &str) -> String {
    n.utf8_text(src.as_bytes()).unwrap_or_default().to_string()
}

fn target_range(target: &FixTarget, ctx: &FixContext<'_, '_>, src: &str) -> Option<(usize, usize)> {
    let call = ctx.call;
    match target {
        FixTarget::Finding => Some(ctx.range),
        FixTarget::Call => call.map(|(n, _)| node_range(n)),
        FixTarget::Callee => call.and_then(|(_, p)| p.callee_node).map(node_range),
        FixTarget::Arg(i) => {
            let args = call.and_then(|(_, p)| p.arguments)?;
            syntax::positional_args(args)
                .get(*i)
                .copied()
                .map(node_range)
        }
        FixTarget::String => string_around(ctx).map(node_range),
        FixTarget::Kwarg(name) => {
            let args = call.and_then(|(_, p)| p.arguments)?;
            syntax::keyword_arg(args, name, src).map(node_range)
        }
        FixTarget::KwargValue(name) => {
            let args = call.and_then(|(_, p)| p.arguments)?;
            let kw = syntax::keyword_arg(args, name, src)?;
            kw.child_by_field_name("value").map(node_range)
        }
    }
}

/// The string literal a finding sits in (a hard-coded secret).
fn string_around<'t>(ctx: &FixContext<'t, '_>) -> Option<Node<'t>> {
    let mut node = ctx.node?;
    loop {
        if matches!(
            node.kind(),
            "string"
                | "string_literal"
                | "interpreted_string_literal"
                | "raw_string_literal"
                | "template_string"
        ) {
            return Some(node);
        }
        node = node.parent()?;
    }
}

/// The name a finding's value is assigned to (`API_KEY = "..."`, `apiKey: "..."`).
fn assigned_name(ctx: &FixContext<'_, '_>, src: &str) -> Option<String> {
    let mut node = string_around(ctx).or(ctx.node)?;
    for _ in 0..4 {
        let parent = node.parent()?;
        let target = match parent.kind() {
            "assignment" | "assignment_expression" | "assignment_statement" => {
                parent.child_by_field_name("left")
            }
            "variable_declarator" | "var_spec" | "const_spec" | "keyword_argument" => {
                parent.child_by_field_name("name")
            }
            "pair" | "keyed_element" => parent.named_child(0),
            "let_declaration" => parent.child_by_field_name("pattern"),
            "const_item" | "static_item" => parent.child_by_field_name("name"),
            _ => None,
        };
        if let Some(t) = target {
            let name = text_of(t, src);
            let name = name.trim_matches(|c| c == '"' || c == '\'');
            let last = name.rsplit('.').next().unwrap_or(name);
            if !last.is_empty() && last.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Some(last.to_string());
            }
            return None;
        }
        node = parent;
    }
    None
}

/// `apiKey` → `API_KEY`, `db_password` → `DB_PASSWORD`.
fn upper_snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn fill(
    template: &str,
    ctx: &FixContext<'_, '_>,
    src: &str,
    target: (usize, usize),
) -> Option<String> {
    let mut out = template.to_string();
    let call = ctx.call.map(|(_, p)| p);
    let var = |key: &str| -> Option<String> {
        match key {
            "callee" => call.and_then(|p| p.callee_node).map(|n| text_of(n, src)),
            "receiver" => call.and_then(|p| p.receiver).map(|n| text_of(n, src)),
            "method" => call.map(|p| {
                p.callee
                    .rsplit(['.', ':'])
                    .next()
                    .unwrap_or_default()
                    .to_string()
            }),
            "args" => call.and_then(|p| p.arguments).map(|a| {
                let t = text_of(a, src);
                t.strip_prefix('(')
                    .and_then(|t| t.strip_suffix(')'))
                    .unwrap_or(&t)
                    .to_string()
            }),
            "arg0" | "arg1" => {
                let i = usize::from(key == "arg1");
                call.and_then(|p| p.arguments)
                    .and_then(|a| syntax::positional_args(a).get(i).map(|n| text_of(*n, src)))
            }
            "name" => assigned_name(ctx, src),
            "NAME" => assigned_name(ctx, src).map(|n| upper_snake(&n)),
            "text" => src.get(target.0..target.1).map(str::to_string),
            _ => None,
        }
    };
    for key in [
        "callee", "receiver", "method", "args", "arg0", "arg1", "name", "NAME", "text",
    ] {
        let marker = format!("{{{{{key}}}}}");
        if out.contains(&marker) {
            out = out.replace(&marker, &var(key)?);
        }
    }
    Some(out)
}

/// One piece of a query or command built from parts.
enum Piece {
    Lit(String),
    Expr(String),
}

/// Splits a string-building expression into literal text and interpolated expressions:
/// Python f-strings, `%` formatting, `.format(...)`, JS template literals and `+` chains.
fn pieces(node: Node<'_>, src: &str) -> Option<Vec<Piece>> {
    let t = |n: Node<'_>| text_of(n, src);
    match node.kind() {
        "string" | "template_string" => {
            let is_f = node.kind() == "template_string"
                || t(node)
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with(['f', 'r'])
                    && t(node).to_ascii_lowercase().contains('f');
            let mut out = Vec::new();
            let mut cursor = node.walk();
            let mut any = false;
            for child in node.named_children(&mut cursor) {
                match child.kind() {
                    "string_content" | "string_fragment" => out.push(Piece::Lit(t(child))),
                    "escape_sequence" => out.push(Piece::Lit(t(child))),
                    "interpolation" | "template_substitution" => {
                        let expr = child.named_child(0)?;
                        if child.child_by_field_name("format_specifier").is_some()
                            || child.child_by_field_name("type_conversion").is_some()
                        {
                            return None;
                        }
                        out.push(Piece::Expr(t(expr)));
                        any = true;
                    }
                    "string_start" | "string_end" => {}
                    _ => return None,
                }
            }
            if !is_f && any {
                return None;
            }
            Some(out)
        }
        "interpreted_string_literal" | "string_literal" => {
            let raw = t(node);
            let inner = raw.get(1..raw.len().saturating_sub(1))?;
            Some(vec![Piece::Lit(inner.to_string())])
        }
        "binary_operator" | "binary_expression" => {
            let op = node.child_by_field_name("operator").map(t)?;
            let left = node.child_by_field_name("left")?;
            let right = node.child_by_field_name("right")?;
            match op.as_str() {
                "+" => {
                    let mut out = pieces_or_expr(left, src)?;
                    out.extend(pieces_or_expr(right, src)?);
                    Some(out)
                }
                "%" => {
                    let fmt = pieces(left, src)?;
                    let values: Vec<String> = if right.kind() == "tuple" {
                        let mut c = right.walk();
                        right.named_children(&mut c).map(t).collect()
                    } else {
                        vec![t(right)]
                    };
                    substitute(fmt, "%s", &values)
                }
                _ => None,
            }
        }
        "call" => {
            // "...".format(a, b)
            let func = node.child_by_field_name("function")?;
            if func.kind() != "attribute"
                || func.child_by_field_name("attribute").map(t)? != "format"
            {
                return None;
            }
            let fmt = pieces(func.child_by_field_name("object")?, src)?;
            let args = node.child_by_field_name("arguments")?;
            let values: Vec<String> = syntax::positional_args(args).into_iter().map(t).collect();
            let mut c = args.walk();
            if args
                .named_children(&mut c)
                .any(|a| a.kind() != "comment" && !syntax::positional_args(args).contains(&a))
            {
                return None;
            }
            substitute(fmt, "{}", &values)
        }
        "parenthesized_expression" => pieces(node.named_child(0)?, src),
        _ => None,
    }
}

fn pieces_or_expr(node: Node<'_>, src: &str) -> Option<Vec<Piece>> {
    match node.kind() {
        "string"
        | "template_string"
        | "interpreted_string_literal"
        | "string_literal"
        | "binary_operator"
        | "binary_expression"
        | "parenthesized_expression" => {
            pieces(node, src).or_else(|| Some(vec![Piece::Expr(text_of(node, src))]))
        }
        _ => Some(vec![Piece::Expr(text_of(node, src))]),
    }
}

/// Replaces each `marker` in the literal pieces by the next value, in order.
fn substitute(fmt: Vec<Piece>, marker: &str, values: &[String]) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut next = values.iter();
    for piece in fmt {
        match piece {
            Piece::Expr(e) => out.push(Piece::Expr(e)),
            Piece::Lit(s) => {
                let mut rest = s.as_str();
                while let Some(i) = rest.find(marker) {
                    out.push(Piece::Lit(rest[..i].to_string()));
                    out.push(Piece::Expr(next.next()?.clone()));
                    rest = &rest[i + marker.len()..];
                }
                out.push(Piece::Lit(rest.to_string()));
            }
        }
    }
    if next.next().is_some() {
        return None; // more values than markers: not the simple form
    }
    Some(out)
}

/// The placeholder style of the driver the file uses.
fn placeholder(ctx: &FixContext<'_, '_>, src: &str, n: usize) -> String {
    match ctx.family {
        Some(Family::Python) => {
            if src.contains("import sqlite3") {
                "?".into()
            } else {
                "%s".into()
            }
        }
        _ => {
            if src.contains("lib/pq")
                || src.contains("pgx")
                || src.contains("require('pg')")
                || src.contains("from 'pg'")
            {
                format!("${n}")
            } else {
                "?".into()
            }
        }
    }
}

fn sql_params(ctx: &FixContext<'_, '_>, src: &str) -> Option<Vec<(usize, usize, String)>> {
    let (_, call) = ctx.call?;
    let arguments = call.arguments?;
    let args = syntax::positional_args(arguments);
    // Go's QueryContext(ctx, query, ...) and friends take the query second.
    let index = usize::from(call.callee.ends_with("Context"));
    if args.len() != index + 1 {
        return None;
    }
    let query = args[index];
    let parts = pieces(query, src)?;
    let mut literal = String::new();
    let mut params = Vec::new();
    for piece in parts {
        match piece {
            Piece::Lit(s) => literal.push_str(&s),
            Piece::Expr(e) => {
                // A quoted placeholder ('{id}') loses its quotes: the driver quotes values.
                if literal.ends_with('\'') {
                    literal.pop();
                    params.push((e, true));
                } else {
                    params.push((e, false));
                }
                literal.push_str(&placeholder(ctx, src, params.len()));
            }
        }
    }
    if params.is_empty() {
        return None;
    }
    // Drop the closing quote of each quoted placeholder.
    let mut fixed = String::new();
    let mut quoted = params.iter().map(|p| p.1);
    let ph_count = params.len();
    let mut seen = 0;
    let chars = literal.chars().peekable();
    let mut pending_close = false;
    for c in chars {
        if pending_close && c == '\'' {
            pending_close = false;
            continue;
        }
        pending_close = false;
        fixed.push(c);
        let ph = placeholder(ctx, src, seen + 1);
        if seen < ph_count && fixed.ends_with(&ph) {
            seen += 1;
            pending_close = quoted.next().unwrap_or(false);
        }
    }
    if fixed.contains('"') && ctx.family != Some(Family::Go) {
        return None;
    }
    let lit = match ctx.family {
        Some(Family::Go) if fixed.contains('"') || fixed.contains('\n') => {
            if fixed.contains('`') {
                return None;
            }
            format!("`{fixed}`")
        }
        _ if fixed.contains('\n') => format!("\"\"\"{fixed}\"\"\""),
        _ => format!("\"{fixed}\""),
    };
    let exprs: Vec<String> = params.into_iter().map(|p| p.0).collect();
    let new_args = match ctx.family {
        Some(Family::Python) => {
            let tuple = if exprs.len() == 1 {
                format!("({},)", exprs[0])
            } else {
                format!("({})", exprs.join(", "))
            };
            format!("{lit}, {tuple}")
        }
        Some(Family::JavaScript) => format!("{lit}, [{}]", exprs.join(", ")),
        Some(Family::Go) => format!("{lit}, {}", exprs.join(", ")),
        _ => return None,
    };
    Some(vec![(query.start_byte(), query.end_byte(), new_args)])
}

fn shell_list(ctx: &FixContext<'_, '_>, src: &str) -> Option<Vec<(usize, usize, String)>> {
    if ctx.family != Some(Family::Python) {
        return None;
    }
    let (call_node, call) = ctx.call?;
    let arguments = call.arguments?;
    let args = syntax::positional_args(arguments);
    let command = *args.first()?;
    let parts = if command.kind() == "identifier" {
        return None;
    } else {
        pieces(command, src)?
    };
    // Tokenise on whitespace; an expression must stand alone as one argument.
    let mut items: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut glued = false;
    for piece in parts {
        match piece {
            Piece::Lit(s) => {
                if s.contains([
                    '|', '&', ';', '<', '>', '$', '`', '*', '?', '"', '\'', '\\', '~',
                ]) {
                    return None;
                }
                for (i, w) in s.split(' ').enumerate() {
                    if i > 0 && !word.is_empty() {
                        items.push(format!("\"{word}\""));
                        word.clear();
                    }
                    if i > 0 {
                        glued = false;
                    }
                    if glued && !w.is_empty() {
                        return None;
                    }
                    word.push_str(w);
                }
            }
            Piece::Expr(e) => {
                if !word.is_empty() {
                    return None;
                }
                items.push(e);
                glued = true;
            }
        }
    }
    if !word.is_empty() {
        items.push(format!("\"{word}\""));
    }
    if items.is_empty() {
        return None;
    }
    let list = format!("[{}]", items.join(", "));
    let mut edits = Vec::new();
    if call.callee == "os.system" {
        edits.push((
            call_node.start_byte(),
            call_node.end_byte(),
            format!("subprocess.run({list}, check=False)"),
        ));
        if !src.lines().any(|l| l.trim() == "import subprocess") {
            let at = insertion_point(src, ctx.language);
            edits.push((at, at, "import subprocess\n".into()));
        }
        return Some(edits);
    }
    let shell = syntax::keyword_arg(arguments, "shell", src)?;
    let value = shell.child_by_field_name("value")?;
    edits.push((command.start_byte(), command.end_byte(), list));
    edits.push((value.start_byte(), value.end_byte(), "False".into()));
    Some(edits)
}

/// Several fixes of one file combined into one edit list (`rlm scan --fix`, an editor's "fix
/// all").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergedFixes {
    pub edits: Vec<TextEdit>,
    /// Fixes whose edits are all in `edits`.
    pub applied: usize,
    /// Fixes left out because they overlap one taken earlier; a second run picks them up.
    pub deferred: usize,
}

/// Combines fixes in order, skipping any that overlaps a fix already taken. An edit identical to
/// one already taken (two fixes adding the same `import os`) is shared, not a conflict.
pub fn merge_fixes<'a>(fixes: impl IntoIterator<Item = &'a Fix>) -> MergedFixes {
    let mut merged = MergedFixes::default();
    for fix in fixes {
        let new: Vec<&TextEdit> = fix
            .edits
            .iter()
            .filter(|e| !merged.edits.contains(e))
            .collect();
        let overlaps = new.iter().any(|e| {
            let (s, end) = (e.span.start.byte, e.span.end.byte);
            merged.edits.iter().any(|t| {
                let (ts, te) = (t.span.start.byte, t.span.end.byte);
                (s < te && ts < end) || (s == ts && (s == end || ts == te))
            })
        });
        if overlaps {
            merged.deferred += 1;
            continue;
        }
        merged.edits.extend(new.into_iter().cloned());
        merged.applied += 1;
    }
    merged
}

/// Applies non-overlapping edits to a text.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Result<String, FixError> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start.byte, e.span.end.byte));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted {
        let (s, e) = (edit.span.start.byte, edit.span.end.byte);
        if s < at {
            return Err(FixError::Overlap(s));
        }
        let (Some(before), Some(_)) = (text.get(at..s), text.get(s..e)) else {
            return Err(FixError::OutOfRange(s, e));
        };
        out.push_str(before);
        out.push_str(&edit.replacement);
        at = e;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Ok(out)
}

/// A unified diff of the edits to one file, with two lines of context, as `git diff` shows it.
pub fn unified_diff(path: &str, text: &str, edits: &[TextEdit]) -> Result<String, FixError> {
    let lines = LineIndex::new(text);
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.span.start.byte);
    // Group edits whose lines (with context) touch.
    let mut groups: Vec<(usize, usize, Vec<&TextEdit>)> = Vec::new();
    for edit in sorted {
        let first = edit.span.start.line.saturating_sub(2).max(1);
        let last = (edit.span.end.line + 2).min(lines.line_count());
        match groups.last_mut() {
            Some(g) if first <= g.1 + 1 => {
                g.1 = g.1.max(last);
                g.2.push(edit);
            }
            _ => groups.push((first, last, vec![edit])),
        }
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let mut delta: isize = 0;
    for (first, last, group) in groups {
        let start = lines.position(0).byte + line_start(text, first);
        let end = line_start(text, last + 1).min(text.len());
        let old = text
            .get(start..end)
            .ok_or(FixError::OutOfRange(start, end))?;
        let shifted: Vec<TextEdit> = group
            .iter()
            .map(|e| {
                let mut e = (*e).clone();
                e.span.start.byte -= start;
                e.span.end.byte -= start;
                e
            })
            .collect();
        let new = apply_edits(old, &shifted)?;
        let old_lines: Vec<&str> = old.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        let new_first = (first as isize + delta).max(1);
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            first,
            old_lines.len(),
            new_first,
            new_lines.len()
        ));
        // Common leading and trailing lines are context; the middle is replaced.
        let lead = old_lines
            .iter()
            .zip(&new_lines)
            .take_while(|(a, b)| a == b)
            .count();
        let trail = old_lines[lead..]
            .iter()
            .rev()
            .zip(new_lines[lead..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        for l in &old_lines[..lead] {
            out.push_str(&format!(" {l}\n"));
        }
        for l in &old_lines[lead..old_lines.len() - trail] {
            out.push_str(&format!("-{l}\n"));
        }
        for l in &new_lines[lead..new_lines.len() - trail] {
            out.push_str(&format!("+{l}\n"));
        }
        for l in &old_lines[old_lines.len() - trail..] {
            out.push_str(&format!(" {l}\n"));
        }
        delta += new_lines.len() as isize - old_lines.len() as isize;
    }
    Ok(out)
}

/// Byte offset where 1-based `line` starts (the text's length past the end).
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}
