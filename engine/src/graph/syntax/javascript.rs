//! JavaScript, TypeScript and TSX: functions, classes, methods, fields, interfaces, type aliases,
//! enums and module-level bindings; ESM imports and re-exports, CommonJS `require`; parameters,
//! destructuring patterns and locals of function bodies.

use super::{DefSpec, Place, Sink, Syntax, is_field, qualifier_text, text};
use crate::graph::model::{DefKind, RefKind};
use tree_sitter::Node;

pub(crate) struct JavaScript;

fn unquote(s: &str) -> String {
    s.trim().trim_matches(['"', '\'', '`']).to_string()
}

/// `require('x')` → `x`.
fn required_module(node: Node<'_>, src: &str) -> Option<String> {
    if node.kind() != "call_expression" {
        return None;
    }
    let function = node.child_by_field_name("function")?;
    if text(function, src) != "require" {
        return None;
    }
    let args = node.child_by_field_name("arguments")?;
    let first = args.named_child(0)?;
    (first.kind() == "string").then(|| unquote(text(first, src)))
}

fn is_function_value(node: Option<Node<'_>>) -> bool {
    node.is_some_and(|v| {
        matches!(
            v.kind(),
            "arrow_function" | "function_expression" | "function" | "generator_function"
        )
    })
}

impl Syntax for JavaScript {
    fn is_name(&self, kind: &str) -> bool {
        matches!(
            kind,
            "identifier"
                | "property_identifier"
                | "type_identifier"
                | "shorthand_property_identifier"
                | "private_property_identifier"
        )
    }

    fn definition<'t>(&self, node: Node<'t>, src: &str, place: Place) -> Option<DefSpec<'t>> {
        let field = |f| node.child_by_field_name(f);
        let (kind, name) = match node.kind() {
            "function_declaration" | "generator_function_declaration" | "function_signature" => {
                (DefKind::Function, field("name")?)
            }
            "class_declaration" | "abstract_class_declaration" | "class" => {
                (DefKind::Class, field("name")?)
            }
            "method_definition" | "method_signature" | "abstract_method_signature" => {
                (DefKind::Method, field("name")?)
            }
            "public_field_definition" => (DefKind::Field, field("name")?),
            "field_definition" => (DefKind::Field, field("property")?),
            "property_signature" if place.in_type => (DefKind::Field, field("name")?),
            "interface_declaration" => (DefKind::Interface, field("name")?),
            "type_alias_declaration" => (DefKind::Type, field("name")?),
            "enum_declaration" => (DefKind::Enum, field("name")?),
            "internal_module" | "module" => (DefKind::Module, field("name")?),
            "variable_declarator" if !place.in_function => {
                let name = field("name")?;
                if name.kind() != "identifier" {
                    return None;
                }
                let kind = if is_function_value(field("value")) {
                    DefKind::Function
                } else if node
                    .parent()
                    .is_some_and(|d| text(d, src).starts_with("const"))
                {
                    DefKind::Constant
                } else {
                    DefKind::Variable
                };
                (kind, name)
            }
            _ => return None,
        };
        if !matches!(
            name.kind(),
            "identifier"
                | "type_identifier"
                | "property_identifier"
                | "private_property_identifier"
        ) {
            return None;
        }
        Some(DefSpec {
            kind,
            name,
            container_name: None,
            name_is_use: false,
        })
    }

    fn import(&self, node: Node<'_>, sink: &mut Sink<'_>) -> bool {
        let line = node.start_position().row as u32 + 1;
        match node.kind() {
            "import_statement" => {
                let Some(source) = node.child_by_field_name("source") else {
                    return true;
                };
                let module = unquote(sink.text(source));
                let mut cursor = node.walk();
                let clauses: Vec<Node<'_>> = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() == "import_clause")
                    .collect();
                for clause in clauses {
                    let mut c2 = clause.walk();
                    for part in clause.named_children(&mut c2) {
                        match part.kind() {
                            "identifier" => {
                                let b = sink.text(part).to_string();
                                sink.import(&module, Some("default"), &b, line);
                            }
                            "namespace_import" => {
                                if let Some(id) = part.named_child(0) {
                                    let b = sink.text(id).to_string();
                                    sink.import(&module, None, &b, line);
                                }
                            }
                            "named_imports" => {
                                let mut c3 = part.walk();
                                for spec in part.named_children(&mut c3) {
                                    specifier(spec, &module, line, sink);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                true
            }
            "export_statement" => {
                let Some(source) = node.child_by_field_name("source") else {
                    // `export default name` / `export default function f` name the default.
                    let mut cursor = node.walk();
                    let is_default = node.children(&mut cursor).any(|c| c.kind() == "default");
                    if is_default {
                        let named = node
                            .child_by_field_name("declaration")
                            .and_then(|d| d.child_by_field_name("name"))
                            .or_else(|| {
                                node.child_by_field_name("value")
                                    .filter(|v| v.kind() == "identifier")
                            });
                        if let Some(n) = named {
                            sink.default_export = Some(sink.text(n).to_string());
                        }
                    }
                    return false;
                };
                let module = unquote(sink.text(source));
                let mut cursor = node.walk();
                let mut any = false;
                for child in node.named_children(&mut cursor) {
                    if child.kind() == "export_clause" {
                        any = true;
                        let mut c2 = child.walk();
                        for spec in child.named_children(&mut c2) {
                            specifier(spec, &module, line, sink);
                        }
                    }
                }
                if !any {
                    sink.wildcard(&module, line);
                }
                true
            }
            "variable_declarator" => {
                let Some(module) = node
                    .child_by_field_name("value")
                    .and_then(|v| required_module(v, sink.source))
                else {
                    return false;
                };
                let Some(name) = node.child_by_field_name("name") else {
                    return true;
                };
                match name.kind() {
                    "identifier" => {
                        let b = sink.text(name).to_string();
                        sink.import(&module, None, &b, line);
                    }
                    "object_pattern" => {
                        let mut cursor = name.walk();
                        for part in name.named_children(&mut cursor) {
                            match part.kind() {
                                "shorthand_property_identifier_pattern" => {
                                    let n = sink.text(part).to_string();
                                    sink.import(&module, Some(&n), &n, line);
                                    sink.import_use(part, &module);
                                }
                                "pair_pattern" => {
                                    let (Some(k), Some(v)) = (
                                        part.child_by_field_name("key"),
                                        part.child_by_field_name("value"),
                                    ) else {
                                        continue;
                                    };
                                    let (k2, v2) =
                                        (sink.text(k).to_string(), sink.text(v).to_string());
                                    sink.import(&module, Some(&k2), &v2, line);
                                    sink.import_use(k, &module);
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

    fn skip(&self, node: Node<'_>) -> bool {
        matches!(node.kind(), "comment" | "regex" | "string" | "jsx_text")
    }

    fn opens_scope(&self, node: Node<'_>) -> bool {
        matches!(
            node.kind(),
            "arrow_function" | "function_expression" | "function" | "generator_function"
        ) && !node
            .parent()
            .is_some_and(|p| p.kind() == "variable_declarator" && !in_function_body(p))
    }

    fn binds(&self, node: Node<'_>, _src: &str) -> bool {
        let Some(parent) = node.parent() else {
            return false;
        };
        if node.kind() == "shorthand_property_identifier_pattern" {
            return true;
        }
        match parent.kind() {
            "formal_parameters" | "rest_pattern" | "array_pattern" | "catch_clause" => {
                node.kind() == "identifier"
            }
            "required_parameter" | "optional_parameter" => is_field(parent, "pattern", node),
            "assignment_pattern" => is_field(parent, "left", node),
            "pair_pattern" => is_field(parent, "value", node),
            "arrow_function" => is_field(parent, "parameter", node),
            "variable_declarator" => is_field(parent, "name", node),
            "for_in_statement" => is_field(parent, "left", node),
            _ => false,
        }
    }

    fn use_of(&self, node: Node<'_>, src: &str) -> Option<(RefKind, Option<String>)> {
        let parent = node.parent()?;
        let kind = node.kind();
        if kind == "property_identifier" || kind == "private_property_identifier" {
            if parent.kind() != "member_expression" || !is_field(parent, "property", node) {
                return None;
            }
            let object = parent.child_by_field_name("object")?;
            let qualifier = qualifier_text(object, src, &["member_expression"]);
            let called = parent
                .parent()
                .is_some_and(|g| g.kind() == "call_expression" && is_field(g, "function", parent));
            let kind = if called { RefKind::Call } else { RefKind::Read };
            return Some((kind, Some(qualifier)));
        }
        match parent.kind() {
            "call_expression" if is_field(parent, "function", node) => Some((RefKind::Call, None)),
            "new_expression" if is_field(parent, "constructor", node) => {
                Some((RefKind::Call, None))
            }
            "class_heritage" | "extends_clause" | "implements_clause" | "extends_type_clause" => {
                Some((RefKind::Inherit, None))
            }
            "jsx_attribute" | "labeled_statement" | "break_statement" | "continue_statement" => {
                None
            }
            "pair" if is_field(parent, "key", node) => None,
            _ if kind == "type_identifier" => Some((RefKind::Type, None)),
            _ => Some((RefKind::Read, None)),
        }
    }
}

fn in_function_body(node: Node<'_>) -> bool {
    let mut current = node.parent();
    while let Some(n) = current {
        if matches!(
            n.kind(),
            "statement_block" | "arrow_function" | "function_expression" | "class_body"
        ) {
            return true;
        }
        if n.kind() == "program" {
            return false;
        }
        current = n.parent();
    }
    false
}

/// One `import_specifier` or `export_specifier`: `name` or `name as alias`.
fn specifier(spec: Node<'_>, module: &str, line: u32, sink: &mut Sink<'_>) {
    if !matches!(spec.kind(), "import_specifier" | "export_specifier") {
        return;
    }
    let Some(name) = spec.child_by_field_name("name") else {
        return;
    };
    let n = sink.text(name).to_string();
    let binding = spec
        .child_by_field_name("alias")
        .map(|a| sink.text(a).to_string())
        .unwrap_or_else(|| n.clone());
    sink.import(module, Some(&n), &binding, line);
    sink.import_use(name, module);
}
