//! Go: functions, methods (their receiver type is their container), types, struct fields,
//! interface methods, package-level constants and variables; import specs with aliases and dot
//! imports; parameters, `:=` and `range` targets as locals.

use super::{DefSpec, Place, Sink, Syntax, is_field, qualifier_text, text};
use crate::graph::model::{DefKind, RefKind};
use tree_sitter::Node;

pub(crate) struct Go;

/// The receiver's type name: `func (s *Server) Start()` → `Server`.
fn receiver_type(method: Node<'_>, src: &str) -> Option<String> {
    let receiver = method.child_by_field_name("receiver")?;
    let mut stack = vec![receiver];
    while let Some(n) = stack.pop() {
        if n.kind() == "type_identifier" {
            return Some(text(n, src).to_string());
        }
        let mut cursor = n.walk();
        let children: Vec<Node<'_>> = n.named_children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    None
}

impl Syntax for Go {
    fn is_name(&self, kind: &str) -> bool {
        matches!(kind, "identifier" | "field_identifier" | "type_identifier")
    }

    fn definition<'t>(&self, node: Node<'t>, src: &str, place: Place) -> Option<DefSpec<'t>> {
        let name = node.child_by_field_name("name");
        let (kind, name, container_name) = match node.kind() {
            "function_declaration" => (DefKind::Function, name?, None),
            "method_declaration" => (DefKind::Method, name?, receiver_type(node, src)),
            "type_spec" | "type_alias" => {
                let kind = match node.child_by_field_name("type").map(|t| t.kind()) {
                    Some("struct_type") => DefKind::Struct,
                    Some("interface_type") => DefKind::Interface,
                    _ => DefKind::Type,
                };
                (kind, name?, None)
            }
            "const_spec" if !place.in_function => (DefKind::Constant, name?, None),
            "var_spec" if !place.in_function => (DefKind::Variable, name?, None),
            "field_declaration" => (DefKind::Field, name?, None),
            "method_elem" | "method_spec" => (DefKind::Method, name?, None),
            _ => return None,
        };
        Some(DefSpec {
            kind,
            name,
            container_name,
            name_is_use: false,
        })
    }

    fn import(&self, node: Node<'_>, sink: &mut Sink<'_>) -> bool {
        if node.kind() != "import_spec" {
            return false;
        }
        let line = node.start_position().row as u32 + 1;
        let Some(path) = node.child_by_field_name("path") else {
            return true;
        };
        let module = sink.text(path).trim_matches(['"', '`']).to_string();
        match node.child_by_field_name("name") {
            Some(alias) if alias.kind() == "dot" => sink.wildcard(&module, line),
            Some(alias) if alias.kind() == "blank_identifier" => {}
            Some(alias) => {
                let b = sink.text(alias).to_string();
                sink.import(&module, None, &b, line);
            }
            None => {
                let last = module.rsplit('/').next().unwrap_or_default().to_string();
                sink.import(&module, None, &last, line);
            }
        }
        true
    }

    fn skip(&self, node: Node<'_>) -> bool {
        matches!(
            node.kind(),
            "comment" | "package_clause" | "interpreted_string_literal" | "raw_string_literal"
        )
    }

    fn opens_scope(&self, node: Node<'_>) -> bool {
        node.kind() == "func_literal"
    }

    fn binds(&self, node: Node<'_>, _src: &str) -> bool {
        let Some(parent) = node.parent() else {
            return false;
        };
        match parent.kind() {
            "parameter_declaration" | "variadic_parameter_declaration" => {
                is_field(parent, "name", node)
            }
            "var_spec" | "const_spec" => is_field(parent, "name", node),
            "expression_list" => parent.parent().is_some_and(|g| {
                matches!(g.kind(), "short_var_declaration" | "range_clause")
                    && is_field(g, "left", parent)
            }),
            "type_switch_statement" | "labeled_statement" => true,
            _ => false,
        }
    }

    fn use_of(&self, node: Node<'_>, src: &str) -> Option<(RefKind, Option<String>)> {
        let parent = node.parent()?;
        match (node.kind(), parent.kind()) {
            ("field_identifier", "selector_expression") if is_field(parent, "field", node) => {
                let operand = parent.child_by_field_name("operand")?;
                let qualifier = qualifier_text(operand, src, &["selector_expression"]);
                let called = parent.parent().is_some_and(|g| {
                    g.kind() == "call_expression" && is_field(g, "function", parent)
                });
                let kind = if called { RefKind::Call } else { RefKind::Read };
                Some((kind, Some(qualifier)))
            }
            ("field_identifier", "keyed_element" | "literal_element") => {
                Some((RefKind::Read, Some("?".into())))
            }
            ("field_identifier", _) => None,
            ("type_identifier", "qualified_type") => {
                let package = parent.child_by_field_name("package")?;
                Some((RefKind::Type, Some(text(package, src).to_string())))
            }
            ("type_identifier", "field_declaration") => {
                // An embedded type (a field without a name) is Go's inheritance.
                let embedded = parent.child_by_field_name("name").is_none();
                Some((
                    if embedded {
                        RefKind::Inherit
                    } else {
                        RefKind::Type
                    },
                    None,
                ))
            }
            ("type_identifier", _) => Some((RefKind::Type, None)),
            ("identifier", "call_expression") if is_field(parent, "function", node) => {
                Some((RefKind::Call, None))
            }
            ("identifier", "literal_element") => {
                // A key of a keyed composite literal names a field.
                let keyed = parent.parent().is_some_and(|g| {
                    g.kind() == "keyed_element"
                        && g.named_child(0).is_some_and(|k| k.id() == parent.id())
                });
                if keyed {
                    Some((RefKind::Read, Some("?".into())))
                } else {
                    Some((RefKind::Read, None))
                }
            }
            ("identifier", "keyed_element")
                if parent.named_child(0).is_some_and(|k| k.id() == node.id()) =>
            {
                Some((RefKind::Read, Some("?".into())))
            }
            _ => Some((RefKind::Read, None)),
        }
    }

    fn package(&self, root: Node<'_>, src: &str) -> Option<String> {
        let mut cursor = root.walk();
        let clause = root
            .named_children(&mut cursor)
            .find(|c| c.kind() == "package_clause")?;
        let name = clause.named_child(0)?;
        Some(text(name, src).to_string())
    }
}
