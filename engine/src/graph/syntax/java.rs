//! Java: classes, interfaces, enums, records, methods, constructors, fields and enum constants;
//! the package declaration and imports (single, on demand, static); parameters and local
//! variables as locals.

use super::{DefSpec, Place, Sink, Syntax, is_field, qualifier_text, text};
use crate::graph::model::{DefKind, RefKind};
use tree_sitter::Node;

pub(crate) struct Java;

impl Syntax for Java {
    fn is_name(&self, kind: &str) -> bool {
        matches!(kind, "identifier" | "type_identifier")
    }

    fn definition<'t>(&self, node: Node<'t>, _src: &str, _place: Place) -> Option<DefSpec<'t>> {
        let kind = match node.kind() {
            "class_declaration" | "record_declaration" => DefKind::Class,
            "interface_declaration" | "annotation_type_declaration" => DefKind::Interface,
            "enum_declaration" => DefKind::Enum,
            "method_declaration"
            | "constructor_declaration"
            | "compact_constructor_declaration" => DefKind::Method,
            "enum_constant" => DefKind::Constant,
            "variable_declarator" if node.parent()?.kind() == "field_declaration" => DefKind::Field,
            "variable_declarator" if node.parent()?.kind() == "constant_declaration" => {
                DefKind::Constant
            }
            _ => return None,
        };
        Some(DefSpec {
            kind,
            name: node.child_by_field_name("name")?,
            container_name: None,
            name_is_use: false,
        })
    }

    fn import(&self, node: Node<'_>, sink: &mut Sink<'_>) -> bool {
        if node.kind() != "import_declaration" {
            return false;
        }
        let line = node.start_position().row as u32 + 1;
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
        let Some(path) = children
            .iter()
            .find(|c| matches!(c.kind(), "scoped_identifier" | "identifier"))
        else {
            return true;
        };
        let full = sink.text(*path).to_string();
        if children.iter().any(|c| c.kind() == "asterisk") {
            sink.wildcard(&full, line);
            return true;
        }
        let (module, name) = full.rsplit_once('.').unwrap_or(("", full.as_str()));
        let (module, name) = (module.to_string(), name.to_string());
        sink.import(&module, Some(&name), &name, line);
        if let Some(last) = path.child_by_field_name("name").or(Some(*path)) {
            sink.import_use(last, &module);
        }
        true
    }

    fn skip(&self, node: Node<'_>) -> bool {
        matches!(
            node.kind(),
            "line_comment" | "block_comment" | "package_declaration" | "string_literal"
        )
    }

    fn opens_scope(&self, node: Node<'_>) -> bool {
        node.kind() == "lambda_expression"
    }

    fn binds(&self, node: Node<'_>, _src: &str) -> bool {
        let Some(parent) = node.parent() else {
            return false;
        };
        match parent.kind() {
            "formal_parameter"
            | "catch_formal_parameter"
            | "enhanced_for_statement"
            | "resource" => is_field(parent, "name", node),
            "variable_declarator" => {
                is_field(parent, "name", node)
                    && parent
                        .parent()
                        .is_some_and(|g| g.kind() != "field_declaration")
            }
            "inferred_parameters" | "lambda_expression" => node.kind() == "identifier",
            _ => false,
        }
    }

    fn use_of(&self, node: Node<'_>, src: &str) -> Option<(RefKind, Option<String>)> {
        let parent = node.parent()?;
        match parent.kind() {
            "method_invocation" if is_field(parent, "name", node) => {
                let qualifier = parent
                    .child_by_field_name("object")
                    .map(|o| qualifier_text(o, src, &["field_access", "scoped_identifier"]));
                Some((RefKind::Call, qualifier))
            }
            "field_access" if is_field(parent, "field", node) => {
                let object = parent.child_by_field_name("object")?;
                Some((
                    RefKind::Read,
                    Some(qualifier_text(object, src, &["field_access"])),
                ))
            }
            "scoped_type_identifier" => {
                let mut cursor = parent.walk();
                let first = parent.named_children(&mut cursor).next()?;
                if first.id() == node.id() {
                    Some((RefKind::Type, None))
                } else {
                    Some((RefKind::Type, Some(text(first, src).to_string())))
                }
            }
            "superclass" => Some((RefKind::Inherit, None)),
            "type_list"
                if parent.parent().is_some_and(|g| {
                    matches!(g.kind(), "super_interfaces" | "extends_interfaces")
                }) =>
            {
                Some((RefKind::Inherit, None))
            }
            "object_creation_expression" if is_field(parent, "type", node) => {
                Some((RefKind::Call, None))
            }
            "generic_type"
                if parent
                    .parent()
                    .is_some_and(|g| g.kind() == "superclass" || g.kind() == "type_list") =>
            {
                Some((RefKind::Inherit, None))
            }
            "labeled_statement" | "break_statement" | "continue_statement" => None,
            _ if node.kind() == "type_identifier" => Some((RefKind::Type, None)),
            _ => Some((RefKind::Read, None)),
        }
    }

    fn package(&self, root: Node<'_>, src: &str) -> Option<String> {
        let mut cursor = root.walk();
        let decl = root
            .named_children(&mut cursor)
            .find(|c| c.kind() == "package_declaration")?;
        let mut c2 = decl.walk();
        let name = decl
            .named_children(&mut c2)
            .find(|c| matches!(c.kind(), "scoped_identifier" | "identifier"))?;
        Some(text(name, src).to_string())
    }
}
