//! Name resolution per file: what a callee written in the code stands for.
//!
//! Rules are written against names (`^Cipher\.getInstance$`, `^(child_process\.)?exec$`), but
//! code reaches the same function under many spellings: fully qualified
//! (`javax.crypto.Cipher.getInstance`), through an import (`import javax.crypto.Cipher;`), an
//! alias (`import hashlib as h`, `import ex "os/exec"`, `use std::process::Command as Cmd`), a
//! destructured `require` (`const { exec } = require('child_process')`) or a static import. The
//! [`Names`] of a file map each locally bound name to what it imports; [`Names::forms`] gives
//! every spelling of a callee a rule may be written against: as written, resolved to its
//! qualified name, and short (`Class.method`, without the package). A rule's regex is tried on
//! each, so short-form rules keep working and also catch qualified and aliased calls.

use super::syntax::Family;
use std::collections::HashMap;
use tree_sitter::Node;

/// The imported names of one file.
#[derive(Debug, Default)]
pub(crate) struct Names {
    family: Option<Family>,
    /// Local name to the qualified name it stands for (`Cipher` to `javax.crypto.Cipher`,
    /// `cp` to `child_process`, `ex` to `exec` for Go with the path kept in `go_paths`).
    map: HashMap<String, String>,
    /// Go: package name (as used in code) to its import path (`exec` to `os/exec`).
    go_paths: HashMap<String, String>,
    /// Java wildcard imports (`java.util`), used to qualify capitalised heads.
    wildcards: Vec<String>,
    /// Java: local variables and fields with their declared class (`md` to `MessageDigest`), so
    /// `md.digest` also reads as `MessageDigest.digest`.
    types: HashMap<String, String>,
}

impl Names {
    /// Reads the imports (and, for Java, declared variable types) of a parsed file.
    pub fn collect(family: Family, root: Node<'_>, src: &str) -> Names {
        let mut names = Names {
            family: Some(family),
            ..Names::default()
        };
        let mut stack = vec![(root, 0usize)];
        while let Some((node, depth)) = stack.pop() {
            let handled = match family {
                Family::Python => names.python(node, src),
                Family::JavaScript => names.javascript(node, src),
                Family::Go => names.go(node, src),
                Family::Java => names.java(node, src),
                Family::Rust => names.rust(node, src),
            };
            // Imports sit near the top of the tree; requires and Java declarations anywhere.
            let deep = matches!(family, Family::JavaScript | Family::Java);
            if !handled && (deep || depth < 4) {
                let mut c = node.walk();
                stack.extend(node.named_children(&mut c).map(|n| (n, depth + 1)));
            }
        }
        // A name bound to two different types is not known.
        names.types.retain(|_, t| !t.is_empty());
        names
    }

    /// The qualified name `name` is bound to by an import, when it is.
    pub fn import_of(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    /// Every spelling of `callee` a rule may be written against, the text as written first:
    /// the head resolved through the imports (and, for Java, a variable's declared class), the
    /// qualified name made short (package dropped), and generics removed.
    pub fn forms(&self, callee: &str) -> Vec<String> {
        let mut out = vec![callee.to_string()];
        let Some(family) = self.family else {
            return out;
        };
        let (new, body) = match callee.strip_prefix("new ") {
            Some(rest) if family == Family::Java || family == Family::JavaScript => ("new ", rest),
            _ => ("", callee),
        };
        let body_plain = strip_generics(body);
        let sep = if family == Family::Rust { "::" } else { "." };
        let (head, rest) = split_head(&body_plain, sep);
        let mut push = |s: String| {
            if !out.contains(&s) {
                out.push(s);
            }
        };
        if body_plain != body {
            push(format!("{new}{body_plain}"));
        }
        let mut qualified: Option<String> = None;
        if let Some(full) = self.map.get(head) {
            qualified = Some(format!("{full}{rest}"));
        } else if family == Family::Java {
            if let Some(ty) = self.types.get(head) {
                let ty_full = self.map.get(ty).cloned().unwrap_or_else(|| ty.clone());
                push(format!("{new}{ty}{rest}"));
                if ty_full != *ty {
                    qualified = Some(format!("{ty_full}{rest}"));
                }
            } else if head.starts_with(|c: char| c.is_ascii_uppercase())
                && let [only] = self.wildcards.as_slice()
            {
                qualified = Some(format!("{only}.{head}{rest}"));
            }
        }
        if family == Family::Go
            && let Some(path) = self.go_paths.get(head)
        {
            let pkg = self.map.get(head).map_or(head, String::as_str);
            // `ex.Command` with `ex "os/exec"` reads as `exec.Command` and `os/exec.Command`.
            push(format!("{pkg}{rest}"));
            if path != pkg {
                push(format!("{path}{rest}"));
            }
            return out;
        }
        if let Some(q) = qualified {
            push(format!("{new}{q}"));
            if let Some(short) = short_form(&q, sep) {
                push(format!("{new}{short}"));
            }
        }
        if let Some(short) = short_form(&body_plain, sep) {
            push(format!("{new}{short}"));
        }
        out
    }

    fn python(&mut self, node: Node<'_>, src: &str) -> bool {
        match node.kind() {
            "import_statement" => {
                let mut c = node.walk();
                for name in node.children_by_field_name("name", &mut c) {
                    if name.kind() == "aliased_import"
                        && let (Some(n), Some(a)) = (
                            name.child_by_field_name("name"),
                            name.child_by_field_name("alias"),
                        )
                    {
                        self.map.insert(text(a, src), text(n, src));
                    }
                }
                true
            }
            "import_from_statement" => {
                let Some(module) = node.child_by_field_name("module_name") else {
                    return true;
                };
                let module = text(module, src);
                let mut c = node.walk();
                for name in node.children_by_field_name("name", &mut c) {
                    if name.kind() == "aliased_import" {
                        if let (Some(n), Some(a)) = (
                            name.child_by_field_name("name"),
                            name.child_by_field_name("alias"),
                        ) {
                            self.map
                                .insert(text(a, src), format!("{module}.{}", text(n, src)));
                        }
                    } else {
                        let n = text(name, src);
                        self.map.insert(n.clone(), format!("{module}.{n}"));
                    }
                }
                true
            }
            _ => false,
        }
    }

    fn javascript(&mut self, node: Node<'_>, src: &str) -> bool {
        match node.kind() {
            "import_statement" => {
                let Some(source) = node.child_by_field_name("source") else {
                    return true;
                };
                let module = module_name(&text(source, src));
                let mut c = node.walk();
                for clause in node.named_children(&mut c) {
                    if clause.kind() != "import_clause" {
                        continue;
                    }
                    let mut cc = clause.walk();
                    for part in clause.named_children(&mut cc) {
                        match part.kind() {
                            // `import cp from 'child_process'`
                            "identifier" => {
                                self.map.insert(text(part, src), module.clone());
                            }
                            // `import * as cp from 'child_process'`
                            "namespace_import" => {
                                if let Some(id) = first_named(part, "identifier") {
                                    self.map.insert(text(id, src), module.clone());
                                }
                            }
                            // `import { exec, spawn as sp } from 'child_process'`
                            "named_imports" => {
                                let mut sc = part.walk();
                                for spec in part.named_children(&mut sc) {
                                    let Some(name) = spec.child_by_field_name("name") else {
                                        continue;
                                    };
                                    let local = spec.child_by_field_name("alias").unwrap_or(name);
                                    let name = text(name, src);
                                    let name = name.trim_matches(['"', '\'']);
                                    self.map
                                        .insert(text(local, src), format!("{module}.{name}"));
                                }
                            }
                            _ => {}
                        }
                    }
                }
                true
            }
            "variable_declarator" => {
                let (Some(name), Some(value)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("value"),
                ) else {
                    return false;
                };
                let Some(required) = required_module(value, src) else {
                    return false;
                };
                match name.kind() {
                    // `const cp = require('child_process')`, `const exec = require('cp').exec`
                    "identifier" => {
                        self.map.insert(text(name, src), required);
                    }
                    // `const { exec, spawn: sp } = require('child_process')`
                    "object_pattern" => {
                        let mut c = name.walk();
                        for prop in name.named_children(&mut c) {
                            match prop.kind() {
                                "shorthand_property_identifier_pattern" => {
                                    let n = text(prop, src);
                                    self.map.insert(n.clone(), format!("{required}.{n}"));
                                }
                                "pair_pattern" => {
                                    if let (Some(k), Some(v)) = (
                                        prop.child_by_field_name("key"),
                                        prop.child_by_field_name("value"),
                                    ) && v.kind() == "identifier"
                                    {
                                        let key = text(k, src);
                                        let key = key.trim_matches(['"', '\'']);
                                        self.map.insert(text(v, src), format!("{required}.{key}"));
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
                true
            }
            _ => false,
        }
    }

    fn go(&mut self, node: Node<'_>, src: &str) -> bool {
        if node.kind() != "import_spec" {
            return node.kind() == "function_declaration" || node.kind() == "method_declaration";
        }
        let Some(path) = node.child_by_field_name("path") else {
            return true;
        };
        let path = text(path, src).trim_matches(['"', '`']).to_string();
        let pkg = go_package_name(&path);
        match node.child_by_field_name("name") {
            Some(alias) if alias.kind() == "package_identifier" => {
                let alias = text(alias, src);
                self.map.insert(alias.clone(), pkg);
                self.go_paths.insert(alias, path);
            }
            Some(_) => {} // `.` and `_` imports bind no name
            None => {
                self.go_paths.insert(pkg, path);
            }
        }
        true
    }

    fn java(&mut self, node: Node<'_>, src: &str) -> bool {
        match node.kind() {
            "import_declaration" => {
                let mut c = node.walk();
                let children: Vec<Node<'_>> = node.children(&mut c).collect();
                let is_static = children.iter().any(|n| n.kind() == "static");
                let wildcard = children.iter().any(|n| n.kind() == "asterisk");
                let Some(name) = children
                    .iter()
                    .find(|n| matches!(n.kind(), "scoped_identifier" | "identifier"))
                else {
                    return true;
                };
                let full = super::syntax::squash(&text(*name, src));
                if wildcard {
                    if !is_static {
                        self.wildcards.push(full);
                    }
                } else if let Some((_, last)) = full.rsplit_once('.') {
                    self.map.insert(last.to_string(), full.clone());
                }
                true
            }
            "local_variable_declaration" | "field_declaration" | "formal_parameter" => {
                if let Some(ty) = node.child_by_field_name("type") {
                    let ty = strip_generics(&super::syntax::squash(&text(ty, src)));
                    let ty = short_form(&ty, ".").unwrap_or(ty);
                    if ty.starts_with(|c: char| c.is_ascii_uppercase()) && ty != "String" {
                        let mut c = node.walk();
                        let mut declared = Vec::new();
                        if node.kind() == "formal_parameter" {
                            declared.extend(node.child_by_field_name("name"));
                        } else {
                            for d in node.children_by_field_name("declarator", &mut c) {
                                declared.extend(d.child_by_field_name("name"));
                            }
                        }
                        for d in declared {
                            let entry = self.types.entry(text(d, src)).or_insert(ty.clone());
                            if *entry != ty {
                                entry.clear();
                            }
                        }
                    }
                }
                false
            }
            _ => false,
        }
    }

    fn rust(&mut self, node: Node<'_>, src: &str) -> bool {
        if node.kind() != "use_declaration" {
            return node.kind() == "function_item";
        }
        if let Some(arg) = node.child_by_field_name("argument") {
            self.rust_use(arg, "", src);
        }
        true
    }

    fn rust_use(&mut self, node: Node<'_>, prefix: &str, src: &str) {
        let join = |p: &str, s: String| {
            if p.is_empty() { s } else { format!("{p}::{s}") }
        };
        match node.kind() {
            "scoped_identifier" | "identifier" | "crate" | "self" | "super" => {
                let full = join(prefix, super::syntax::squash(&text(node, src)));
                let last = full.rsplit("::").next().unwrap_or_default().to_string();
                if !last.is_empty() && last != "self" {
                    self.map.insert(last, full);
                }
            }
            "use_as_clause" => {
                if let (Some(path), Some(alias)) = (
                    node.child_by_field_name("path"),
                    node.child_by_field_name("alias"),
                ) {
                    let full = join(prefix, super::syntax::squash(&text(path, src)));
                    self.map.insert(text(alias, src), full);
                }
            }
            "scoped_use_list" => {
                let path = node
                    .child_by_field_name("path")
                    .map(|p| join(prefix, super::syntax::squash(&text(p, src))))
                    .unwrap_or_else(|| prefix.to_string());
                if let Some(list) = node.child_by_field_name("list") {
                    self.rust_use(list, &path, src);
                }
            }
            "use_list" => {
                let mut c = node.walk();
                for child in node.named_children(&mut c) {
                    self.rust_use(child, prefix, src);
                }
            }
            _ => {}
        }
    }
}

fn text(node: Node<'_>, src: &str) -> String {
    node.utf8_text(src.as_bytes())
        .unwrap_or_default()
        .to_string()
}

fn first_named<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut c = node.walk();
    node.named_children(&mut c).find(|n| n.kind() == kind)
}

/// A module specifier as a name: quotes and a `node:` scheme dropped.
fn module_name(literal: &str) -> String {
    let s = literal.trim_matches(['"', '\'', '`']);
    s.strip_prefix("node:").unwrap_or(s).to_string()
}

/// `require('m')` is `m`; `require('m').a.b` is `m.a.b`.
fn required_module(value: Node<'_>, src: &str) -> Option<String> {
    match value.kind() {
        "call_expression" => {
            let f = value.child_by_field_name("function")?;
            if f.utf8_text(src.as_bytes()).ok()? != "require" {
                return None;
            }
            let args = value.child_by_field_name("arguments")?;
            let first = args.named_child(0)?;
            if first.kind() != "string" {
                return None;
            }
            Some(module_name(first.utf8_text(src.as_bytes()).ok()?))
        }
        "member_expression" => {
            let object = value.child_by_field_name("object")?;
            let property = value.child_by_field_name("property")?;
            let base = required_module(object, src)?;
            Some(format!(
                "{base}.{}",
                property.utf8_text(src.as_bytes()).ok()?
            ))
        }
        "await_expression" => required_module(value.named_child(0)?, src),
        _ => None,
    }
}

/// The name a Go package is used under: the last path segment, without a `/vN` suffix or a
/// `go-` prefix.
fn go_package_name(path: &str) -> String {
    let mut segments = path.rsplit('/');
    let mut last = segments.next().unwrap_or(path);
    if last.len() > 1
        && last.starts_with('v')
        && last[1..].chars().all(|c| c.is_ascii_digit())
        && let Some(prev) = segments.next()
    {
        last = prev;
    }
    let last = last.strip_prefix("go-").unwrap_or(last);
    last.replace(['-', '.'], "_")
}

/// The first segment of a dotted (or `::`) name and the rest, separator included.
fn split_head<'s>(name: &'s str, sep: &str) -> (&'s str, &'s str) {
    let cut = name
        .find(sep)
        .into_iter()
        .chain(name.find('('))
        .chain(name.find('['))
        .min();
    match cut {
        Some(i) => (&name[..i], &name[i..]),
        None => (name, ""),
    }
}

/// `javax.crypto.Cipher.getInstance` is `Cipher.getInstance`, `std::process::Command::new` is
/// `Command::new`: the lowercase package segments before the first capitalised one dropped.
/// `None` when there is nothing to drop.
pub(crate) fn short_form(name: &str, sep: &str) -> Option<String> {
    let mut rest = name;
    loop {
        let (head, tail) = split_head(rest, sep);
        let Some(next) = tail.strip_prefix(sep) else {
            break;
        };
        if head.is_empty()
            || !head
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || !head.starts_with(|c: char| c.is_ascii_lowercase())
        {
            break;
        }
        if next.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Some(next.to_string());
        }
        rest = next;
    }
    None
}

/// `HashMap<String,Object>` is `HashMap`.
fn strip_generics(name: &str) -> String {
    if !name.contains('<') {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
