//! Python: functions, classes, module and class attributes; `import`/`from … import`;
//! parameters, assignment targets, loop and `with` targets as locals.

use super::{DefSpec, Place, Sink, Syntax, is_field, qualifier_text, text};
use crate::graph::model::{DefKind, RefKind};
use tree_sitter::Node;

pub(crate) struct Python;

fn is_constant_name(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

impl Syntax for Python {
    fn is_name(&self, kind: &str) -> bool {
        kind == "identifier"
    }

    fn definition<'t>(&self, node: Node<'t>, src: &str, place: Place) -> Option<DefSpec<'t>> {
        let (kind, name) = match node.kind() {
            "function_definition" => {
                let kind = if place.in_type {
                    DefKind::Method
                } else {
                    DefKind::Function
                };
                (kind, node.child_by_field_name("name")?)
            }
            "class_definition" => (DefKind::Class, node.child_by_field_name("name")?),
            "assignment" if !place.in_function => {
                let left = node.child_by_field_name("left")?;
                if left.kind() != "identifier" || node.parent()?.kind() != "expression_statement" {
                    return None;
                }
                let kind = if place.in_type {
                    DefKind::Field
                } else if is_constant_name(text(left, src)) {
                    DefKind::Constant
                } else {
                    DefKind::Variable
                };
                (kind, left)
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
        let line = node.start_position().row as u32 + 1;
        match node.kind() {
            "import_statement" => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    match child.kind() {
                        "dotted_name" => {
                            let module = sink.text(child).to_string();
                            let first = module.split('.').next().unwrap_or_default().to_string();
                            sink.import(&first, None, &first, line);
                        }
                        "aliased_import" => {
                            let (Some(name), Some(alias)) = (
                                child.child_by_field_name("name"),
                                child.child_by_field_name("alias"),
                            ) else {
                                continue;
                            };
                            let module = sink.text(name).to_string();
                            let alias = sink.text(alias).to_string();
                            sink.import(&module, None, &alias, line);
                        }
                        _ => {}
                    }
                }
                true
            }
            "import_from_statement" => {
                let Some(module_node) = node.child_by_field_name("module_name") else {
                    return true;
                };
                let module: String = sink
                    .text(module_node)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    if child.id() == module_node.id() {
                        continue;
                    }
                    match child.kind() {
                        "wildcard_import" => sink.wildcard(&module, line),
                        "dotted_name" => {
                            let name = sink.text(child).to_string();
                            sink.import(&module, Some(&name), &name, line);
                            sink.import_use(child, &module);
                        }
                        "aliased_import" => {
                            let (Some(name), Some(alias)) = (
                                child.child_by_field_name("name"),
                                child.child_by_field_name("alias"),
                            ) else {
                                continue;
                            };
                            let n = sink.text(name).to_string();
                            let a = sink.text(alias).to_string();
                            sink.import(&module, Some(&n), &a, line);
                            sink.import_use(name, &module);
                        }
                        _ => {}
                    }
                }
                true
            }
            "future_import_statement" => true,
            _ => false,
        }
    }

    fn skip(&self, node: Node<'_>) -> bool {
        matches!(
            node.kind(),
            "comment" | "global_statement" | "nonlocal_statement"
        )
    }

    fn opens_scope(&self, node: Node<'_>) -> bool {
        matches!(
            node.kind(),
            "lambda"
                | "list_comprehension"
                | "dictionary_comprehension"
                | "set_comprehension"
                | "generator_expression"
        )
    }

    fn binds(&self, node: Node<'_>, _src: &str) -> bool {
        let Some(parent) = node.parent() else {
            return false;
        };
        match parent.kind() {
            "parameters"
            | "lambda_parameters"
            | "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "as_pattern_target"
            | "list_splat_pattern"
            | "dictionary_splat_pattern" => true,
            "typed_parameter" => parent.named_child(0).is_some_and(|c| c.id() == node.id()),
            "default_parameter" | "typed_default_parameter" => is_field(parent, "name", node),
            "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
                is_field(parent, "left", node)
            }
            "named_expression" => is_field(parent, "name", node),
            "as_pattern" => is_field(parent, "alias", node),
            _ => false,
        }
    }

    fn use_of(&self, node: Node<'_>, src: &str) -> Option<(RefKind, Option<String>)> {
        let parent = node.parent()?;
        match parent.kind() {
            "attribute" if is_field(parent, "attribute", node) => {
                let object = parent.child_by_field_name("object")?;
                // `super().m()` and `super(Cls, self).m()` reach the bases' members.
                let qualifier = if object.kind() == "call"
                    && object
                        .child_by_field_name("function")
                        .is_some_and(|f| f.kind() == "identifier" && text(f, src) == "super")
                {
                    "super".to_string()
                } else {
                    qualifier_text(object, src, &["attribute"])
                };
                let called = parent
                    .parent()
                    .is_some_and(|g| g.kind() == "call" && is_field(g, "function", parent));
                let kind = if called {
                    RefKind::Call
                } else if in_bases(parent) {
                    RefKind::Inherit
                } else {
                    RefKind::Read
                };
                Some((kind, Some(qualifier)))
            }
            "keyword_argument" if is_field(parent, "name", node) => None,
            "call" if is_field(parent, "function", node) => Some((RefKind::Call, None)),
            "decorator" => Some((RefKind::Call, None)),
            _ if in_bases(node) => Some((RefKind::Inherit, None)),
            _ if in_type(node) => Some((RefKind::Type, None)),
            _ => Some((RefKind::Read, None)),
        }
    }
}

/// Whether the node is a base class in a `class` header.
fn in_bases(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| {
        p.kind() == "argument_list"
            && p.parent()
                .is_some_and(|c| c.kind() == "class_definition" && is_field(c, "superclasses", p))
    })
}

/// Whether the node sits in a type annotation.
fn in_type(node: Node<'_>) -> bool {
    let mut current = node.parent();
    for _ in 0..4 {
        match current {
            Some(n) if n.kind() == "type" => return true,
            Some(n) => current = n.parent(),
            None => return false,
        }
    }
    false
}
