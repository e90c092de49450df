//! Rust: functions, types, traits, `impl` blocks (named after their type, holding their
//! methods and naming the trait they implement), fields, variants, constants, modules and
//! macros; `use` trees and `mod name;`; patterns of `let`, parameters, closures, `for` and
//! `match` as locals.

use super::{DefSpec, Place, Sink, Syntax, is_field, qualifier_text, text};
use crate::graph::model::{DefKind, RefKind};
use tree_sitter::Node;

pub(crate) struct Rust;

/// The type an `impl` is for, by its last name: `impl<T> fmt::Display for Wrapper<T>` → `Wrapper`.
fn impl_type_name(node: Node<'_>) -> Option<Node<'_>> {
    let mut ty = node.child_by_field_name("type")?;
    loop {
        match ty.kind() {
            "type_identifier" => return Some(ty),
            "generic_type" => ty = ty.child_by_field_name("type")?,
            "scoped_type_identifier" => ty = ty.child_by_field_name("name")?,
            "reference_type" => ty = ty.child_by_field_name("type")?,
            _ => return None,
        }
    }
}

const PATTERNS: &[&str] = &[
    "tuple_pattern",
    "slice_pattern",
    "ref_pattern",
    "mut_pattern",
    "captured_pattern",
    "or_pattern",
    "reference_pattern",
    "match_pattern",
    "remaining_field_pattern",
];

impl Syntax for Rust {
    fn is_name(&self, kind: &str) -> bool {
        matches!(
            kind,
            "identifier" | "type_identifier" | "field_identifier" | "shorthand_field_identifier"
        )
    }

    fn definition<'t>(&self, node: Node<'t>, src: &str, place: Place) -> Option<DefSpec<'t>> {
        let name = node.child_by_field_name("name");
        let (kind, name) = match node.kind() {
            "function_item" | "function_signature_item" => {
                let kind = if place.in_type {
                    DefKind::Method
                } else {
                    DefKind::Function
                };
                (kind, name?)
            }
            "struct_item" | "union_item" => (DefKind::Struct, name?),
            "enum_item" => (DefKind::Enum, name?),
            "trait_item" => (DefKind::Trait, name?),
            "type_item" => (DefKind::Type, name?),
            "const_item" | "static_item" => (DefKind::Constant, name?),
            "mod_item" => (DefKind::Module, name?),
            "macro_definition" => (DefKind::Macro, name?),
            "enum_variant" => (DefKind::Constant, name?),
            "field_declaration" => (DefKind::Field, name?),
            "impl_item" => {
                let ty = impl_type_name(node)?;
                return Some(DefSpec {
                    kind: DefKind::Impl,
                    name: ty,
                    container_name: Some(text(ty, src).to_string()),
                    name_is_use: true,
                });
            }
            _ => return None,
        };
        Some(DefSpec {
            kind,
            name,
            container_name: None,
            name_is_use: false,
        })
    }

    fn import(&self, node: Node<'_>, sink: &mut Sink<'_>) -> bool {
        if node.kind() != "use_declaration" {
            return false;
        }
        let line = node.start_position().row as u32 + 1;
        if let Some(argument) = node.child_by_field_name("argument") {
            use_tree(argument, "", line, sink);
        }
        true
    }

    fn skip(&self, node: Node<'_>) -> bool {
        matches!(
            node.kind(),
            "line_comment"
                | "block_comment"
                | "attribute_item"
                | "inner_attribute_item"
                | "lifetime"
                | "string_literal"
                | "raw_string_literal"
                | "char_literal"
        )
    }

    fn opens_scope(&self, node: Node<'_>) -> bool {
        node.kind() == "closure_expression"
    }

    fn binds(&self, node: Node<'_>, _src: &str) -> bool {
        if node.kind() != "identifier" {
            return false;
        }
        let Some(parent) = node.parent() else {
            return false;
        };
        let kind = parent.kind();
        if PATTERNS.contains(&kind) || kind == "closure_parameters" {
            return true;
        }
        match kind {
            "parameter" | "let_declaration" | "for_expression" | "let_condition" => {
                is_field(parent, "pattern", node)
            }
            "tuple_struct_pattern" => !is_field(parent, "type", node),
            "field_pattern" => {
                parent.child_by_field_name("pattern").is_none() || is_field(parent, "pattern", node)
            }
            _ => false,
        }
    }

    fn use_of(&self, node: Node<'_>, src: &str) -> Option<(RefKind, Option<String>)> {
        let parent = node.parent()?;
        let called = |p: Node<'_>| {
            p.parent()
                .is_some_and(|g| g.kind() == "call_expression" && is_field(g, "function", p))
        };
        match (node.kind(), parent.kind()) {
            ("field_identifier", "field_expression") => {
                let value = parent.child_by_field_name("value")?;
                let qualifier = qualifier_text(value, src, &["field_expression"]);
                let kind = if called(parent) {
                    RefKind::Call
                } else {
                    RefKind::Read
                };
                Some((kind, Some(qualifier)))
            }
            ("field_identifier", "field_initializer") | ("shorthand_field_identifier", _) => {
                Some((RefKind::Read, Some("?".into())))
            }
            ("field_identifier", _) => None,
            (_, "scoped_identifier" | "scoped_type_identifier")
                if is_field(parent, "name", node) =>
            {
                let qualifier = parent.child_by_field_name("path").map(|p| {
                    qualifier_text(
                        p,
                        src,
                        &["scoped_identifier", "scoped_type_identifier", "super"],
                    )
                });
                let kind = if node.kind() == "type_identifier" {
                    RefKind::Type
                } else if called(parent) {
                    RefKind::Call
                } else {
                    RefKind::Read
                };
                Some((kind, qualifier))
            }
            ("type_identifier", "impl_item") if is_field(parent, "trait", node) => {
                Some((RefKind::Inherit, None))
            }
            ("type_identifier", "generic_type")
                if parent
                    .parent()
                    .is_some_and(|g| g.kind() == "impl_item" && is_field(g, "trait", parent)) =>
            {
                Some((RefKind::Inherit, None))
            }
            ("type_identifier", _) => Some((RefKind::Type, None)),
            ("identifier", "call_expression") if is_field(parent, "function", node) => {
                Some((RefKind::Call, None))
            }
            ("identifier", "macro_invocation") => Some((RefKind::Call, None)),
            ("identifier", "token_tree") => {
                let call = node
                    .next_sibling()
                    .is_some_and(|s| s.kind() == "token_tree" && text(s, src).starts_with('('));
                Some((if call { RefKind::Call } else { RefKind::Read }, None))
            }
            _ => Some((RefKind::Read, None)),
        }
    }
}

/// Walks a `use` tree under `prefix` (a `::` path, empty at the root).
fn use_tree(node: Node<'_>, prefix: &str, line: u32, sink: &mut Sink<'_>) {
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}::{b}")
        }
    };
    match node.kind() {
        "identifier" | "crate" | "self" | "super" => {
            let name = sink.text(node).to_string();
            if name == "self" {
                let binding = prefix.rsplit("::").next().unwrap_or_default().to_string();
                sink.import(prefix, None, &binding, line);
            } else {
                sink.import(prefix, Some(&name), &name, line);
                sink.import_use(node, prefix);
            }
        }
        "scoped_identifier" => {
            let (Some(path), Some(name)) = (
                node.child_by_field_name("path"),
                node.child_by_field_name("name"),
            ) else {
                return;
            };
            let module = join(prefix, sink.text(path));
            let n = sink.text(name).to_string();
            if n == "self" {
                let binding = module.rsplit("::").next().unwrap_or_default().to_string();
                sink.import(&module, None, &binding, line);
            } else {
                sink.import(&module, Some(&n), &n, line);
                sink.import_use(name, &module);
            }
        }
        "use_as_clause" => {
            let (Some(path), Some(alias)) = (
                node.child_by_field_name("path"),
                node.child_by_field_name("alias"),
            ) else {
                return;
            };
            let alias = sink.text(alias).to_string();
            let (module, name_node) = match path.kind() {
                "scoped_identifier" => (
                    path.child_by_field_name("path")
                        .map(|p| join(prefix, sink.text(p)))
                        .unwrap_or_else(|| prefix.to_string()),
                    path.child_by_field_name("name"),
                ),
                _ => (prefix.to_string(), Some(path)),
            };
            if let Some(name_node) = name_node {
                let n = sink.text(name_node).to_string();
                sink.import(&module, Some(&n), &alias, line);
                sink.import_use(name_node, &module);
            }
        }
        "scoped_use_list" => {
            let base = node
                .child_by_field_name("path")
                .map(|p| join(prefix, sink.text(p)))
                .unwrap_or_else(|| prefix.to_string());
            if let Some(list) = node.child_by_field_name("list") {
                use_tree(list, &base, line, sink);
            }
        }
        "use_list" => {
            let mut cursor = node.walk();
            let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
            for child in children {
                use_tree(child, prefix, line, sink);
            }
        }
        "use_wildcard" => {
            let module = node
                .named_child(0)
                .map(|p| join(prefix, sink.text(p)))
                .unwrap_or_else(|| prefix.to_string());
            sink.wildcard(&module, line);
        }
        _ => {}
    }
}
