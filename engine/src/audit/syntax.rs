//! What the audit needs to know about each grammar: which nodes are calls (and how to read their
//! callee, receiver and arguments), which bind names (assignments, loops, parameters), which open
//! a new function scope, and which comment marker suppressions use.
//!
//! Everything language-specific in matching and taint tracking goes through this table, so the
//! matchers themselves stay the same for every language.

use crate::parse::Language;
use tree_sitter::Node;

/// The grammar families the audit understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Python,
    JavaScript,
    Go,
    Java,
    Rust,
}

impl Family {
    pub fn of(language: Language) -> Option<Family> {
        match language {
            Language::Python => Some(Family::Python),
            Language::JavaScript | Language::TypeScript | Language::Tsx => Some(Family::JavaScript),
            Language::Go => Some(Family::Go),
            Language::Java => Some(Family::Java),
            Language::Rust => Some(Family::Rust),
            _ => None,
        }
    }

    /// The name of the built-in taint profile (`engine/rules/taint/<name>.toml`).
    pub fn profile_name(self) -> &'static str {
        match self {
            Family::Python => "python",
            Family::JavaScript => "javascript",
            Family::Go => "go",
            Family::Java => "java",
            Family::Rust => "rust",
        }
    }

    /// Assignment-like nodes: (kind, target field, value field).
    pub fn assignments(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            Family::Python => &[
                ("assignment", "left", "right"),
                ("augmented_assignment", "left", "right"),
                ("for_statement", "left", "right"),
                ("named_expression", "name", "value"),
            ],
            Family::JavaScript => &[
                ("variable_declarator", "name", "value"),
                ("assignment_expression", "left", "right"),
                ("augmented_assignment_expression", "left", "right"),
                ("for_in_statement", "left", "right"),
            ],
            Family::Go => &[
                ("short_var_declaration", "left", "right"),
                ("assignment_statement", "left", "right"),
                ("var_spec", "name", "value"),
                ("range_clause", "left", "right"),
            ],
            Family::Java => &[
                ("variable_declarator", "name", "value"),
                ("assignment_expression", "left", "right"),
                ("enhanced_for_statement", "name", "value"),
            ],
            Family::Rust => &[
                ("let_declaration", "pattern", "value"),
                ("assignment_expression", "left", "right"),
                ("compound_assignment_expr", "left", "right"),
                ("for_expression", "pattern", "value"),
            ],
        }
    }

    /// Augmented assignments add to the old value instead of replacing it.
    pub fn is_augmented(self, kind: &str) -> bool {
        matches!(
            kind,
            "augmented_assignment" | "augmented_assignment_expression" | "compound_assignment_expr"
        )
    }

    /// Nodes that open a function scope.
    pub fn is_function(self, kind: &str) -> bool {
        match self {
            Family::Python => matches!(kind, "function_definition" | "lambda"),
            Family::JavaScript => matches!(
                kind,
                "function_declaration"
                    | "function_expression"
                    | "function"
                    | "arrow_function"
                    | "method_definition"
                    | "generator_function_declaration"
            ),
            Family::Go => matches!(
                kind,
                "function_declaration" | "method_declaration" | "func_literal"
            ),
            Family::Java => matches!(
                kind,
                "method_declaration" | "constructor_declaration" | "lambda_expression"
            ),
            Family::Rust => matches!(kind, "function_item" | "closure_expression"),
        }
    }

    /// Nodes that bind module names: identifiers under them are not data.
    pub fn is_import(self, kind: &str) -> bool {
        matches!(
            kind,
            "import_statement"
                | "import_from_statement"
                | "future_import_statement"
                | "import_declaration"
                | "import_spec"
                | "use_declaration"
        )
    }

    /// Nodes at which source patterns are tried: expressions that read a value.
    pub fn is_access(self, kind: &str) -> bool {
        matches!(
            kind,
            "call"
                | "attribute"
                | "subscript"
                | "identifier"
                | "call_expression"
                | "member_expression"
                | "subscript_expression"
                | "selector_expression"
                | "index_expression"
                | "method_invocation"
                | "field_access"
                | "array_access"
                | "field_expression"
                | "scoped_identifier"
                | "macro_invocation"
                | "object_creation_expression"
                | "new_expression"
        )
    }

    /// Literal nodes that hold no data from elsewhere (strings without interpolation,
    /// numbers, booleans).
    pub fn is_literal(self, kind: &str) -> bool {
        matches!(
            kind,
            "string"
                | "string_literal"
                | "raw_string_literal"
                | "interpreted_string_literal"
                | "string_fragment"
                | "string_content"
                | "integer"
                | "float"
                | "number"
                | "int_literal"
                | "float_literal"
                | "integer_literal"
                | "decimal_integer_literal"
                | "true"
                | "false"
                | "none"
                | "null"
                | "nil"
                | "undefined"
                | "boolean_literal"
                | "char_literal"
                | "rune_literal"
                | "character_literal"
                | "null_literal"
                | "comment"
                | "line_comment"
                | "block_comment"
                | "escape_sequence"
        )
    }

    /// Whether the node is a branch or loop, inside which an assignment may not run: taint
    /// then joins with the old value instead of replacing it.
    pub fn is_branch(self, kind: &str) -> bool {
        matches!(
            kind,
            "if_statement"
                | "if_expression"
                | "elif_clause"
                | "else_clause"
                | "for_statement"
                | "for_in_statement"
                | "for_expression"
                | "enhanced_for_statement"
                | "while_statement"
                | "while_expression"
                | "do_statement"
                | "loop_expression"
                | "catch_clause"
                | "except_clause"
                | "finally_clause"
                | "switch_statement"
                | "switch_expression"
                | "switch_case"
                | "switch_default"
                | "switch_block_statement_group"
                | "case_clause"
                | "expression_switch_statement"
                | "type_switch_statement"
                | "expression_case"
                | "type_case"
                | "default_case"
                | "select_statement"
                | "communication_case"
                | "match_statement"
                | "match_expression"
                | "match_arm"
                | "conditional_expression"
                | "ternary_expression"
        )
    }

    /// The line-comment marker suppressions are written after.
    pub fn comment_marker(self) -> &'static str {
        match self {
            Family::Python => "#",
            _ => "//",
        }
    }
}

/// A call as the matchers see it.
pub(crate) struct CallParts<'t> {
    /// The callee text with whitespace removed: `yaml.load`, `exec.Command`,
    /// `new ObjectInputStream`, `Command::new("sh").arg`.
    pub callee: String,
    /// The node the callee was read from (replaced by callee fixes).
    pub callee_node: Option<Node<'t>>,
    /// The object a method is called on, when there is one.
    pub receiver: Option<Node<'t>>,
    /// The argument list node (with its parentheses).
    pub arguments: Option<Node<'t>>,
}

/// Reads a call node; `None` when the node is not a call.
pub(crate) fn call_parts<'t>(family: Family, node: Node<'t>, src: &str) -> Option<CallParts<'t>> {
    let kind = node.kind();
    let text = |n: Node<'_>| squash(n.utf8_text(src.as_bytes()).unwrap_or_default());
    let receiver_of = |callee: Node<'t>| -> Option<Node<'t>> {
        match callee.kind() {
            "attribute" | "member_expression" => callee.child_by_field_name("object"),
            "selector_expression" => callee.child_by_field_name("operand"),
            "field_expression" => callee.child_by_field_name("value"),
            _ => None,
        }
    };
    match (family, kind) {
        (Family::Python, "call")
        | (Family::JavaScript, "call_expression")
        | (Family::Go, "call_expression")
        | (Family::Rust, "call_expression") => {
            let callee = node.child_by_field_name("function")?;
            Some(CallParts {
                callee: text(callee),
                callee_node: Some(callee),
                receiver: receiver_of(callee),
                arguments: node.child_by_field_name("arguments"),
            })
        }
        (Family::JavaScript, "new_expression") => {
            let ctor = node.child_by_field_name("constructor")?;
            Some(CallParts {
                callee: format!("new {}", text(ctor)),
                callee_node: Some(ctor),
                receiver: None,
                arguments: node.child_by_field_name("arguments"),
            })
        }
        (Family::Java, "method_invocation") => {
            let name = node.child_by_field_name("name")?;
            let object = node.child_by_field_name("object");
            let callee = match object {
                Some(o) => format!("{}.{}", text(o), text(name)),
                None => text(name),
            };
            Some(CallParts {
                callee,
                callee_node: Some(name),
                receiver: object,
                arguments: node.child_by_field_name("arguments"),
            })
        }
        (Family::Java, "object_creation_expression") => {
            let ty = node.child_by_field_name("type")?;
            Some(CallParts {
                callee: format!("new {}", text(ty)),
                callee_node: Some(ty),
                receiver: None,
                arguments: node.child_by_field_name("arguments"),
            })
        }
        _ => None,
    }
}

/// The positional arguments of an argument list (keyword arguments and comments left out).
pub(crate) fn positional_args<'t>(arguments: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = arguments.walk();
    arguments
        .named_children(&mut cursor)
        .filter(|n| {
            !matches!(
                n.kind(),
                "keyword_argument"
                    | "comment"
                    | "line_comment"
                    | "block_comment"
                    | "dictionary_splat"
                    | "list_splat"
            )
        })
        .collect()
}

/// A keyword argument `name=value` of a Python call.
pub(crate) fn keyword_arg<'t>(arguments: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut cursor = arguments.walk();
    arguments.named_children(&mut cursor).find(|n| {
        n.kind() == "keyword_argument"
            && n.child_by_field_name("name")
                .and_then(|k| k.utf8_text(src.as_bytes()).ok())
                == Some(name)
    })
}

/// The names a target binds: identifiers in a pattern, or the whole text of an attribute or
/// member target (`self.query`), so later reads of the same text find it.
pub(crate) fn bound_names(target: Node<'_>, src: &str, out: &mut Vec<String>) {
    match target.kind() {
        "identifier" | "shorthand_property_identifier_pattern" => {
            out.push(squash(target.utf8_text(src.as_bytes()).unwrap_or_default()));
        }
        "attribute"
        | "member_expression"
        | "selector_expression"
        | "field_access"
        | "field_expression"
        | "subscript"
        | "subscript_expression"
        | "index_expression" => {
            out.push(squash(target.utf8_text(src.as_bytes()).unwrap_or_default()));
        }
        _ => {
            let mut cursor = target.walk();
            for child in target.named_children(&mut cursor) {
                if child.kind() == "type_identifier" || child.kind().ends_with("type") {
                    continue;
                }
                bound_names(child, src, out);
            }
        }
    }
}

/// Parameter names of a function node.
pub(crate) fn parameter_names(family: Family, function: Node<'_>, src: &str) -> Vec<String> {
    let field = match family {
        Family::Rust | Family::Java | Family::Go | Family::JavaScript | Family::Python => {
            "parameters"
        }
    };
    let mut names = Vec::new();
    let params = function
        .child_by_field_name(field)
        .or_else(|| function.child_by_field_name("parameter"));
    let Some(params) = params else {
        return names;
    };
    if params.kind() == "identifier" {
        names.push(squash(params.utf8_text(src.as_bytes()).unwrap_or_default()));
        return names;
    }
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let target = param
            .child_by_field_name("pattern")
            .or_else(|| param.child_by_field_name("left"));
        if param.kind() == "identifier" {
            names.push(squash(param.utf8_text(src.as_bytes()).unwrap_or_default()));
        } else if let Some(t) = target {
            bound_names(t, src, &mut names);
        } else {
            let mut c = param.walk();
            let named: Vec<Node<'_>> = param.children_by_field_name("name", &mut c).collect();
            if named.is_empty() {
                // typed_parameter, default_parameter, ...: the first identifier is the name.
                if let Some(first) = first_identifier(param) {
                    names.push(squash(first.utf8_text(src.as_bytes()).unwrap_or_default()));
                }
            } else {
                for n in named {
                    names.push(squash(n.utf8_text(src.as_bytes()).unwrap_or_default()));
                }
            }
        }
    }
    names
}

fn first_identifier(node: Node<'_>) -> Option<Node<'_>> {
    if node.kind() == "identifier" {
        return Some(node);
    }
    let mut cursor = node.walk();
    let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
    children.into_iter().find_map(first_identifier)
}

/// The text a function's "is this a request handler" check reads: its decorators or
/// annotations and its signature, up to the body.
pub(crate) fn function_header<'s>(function: Node<'_>, src: &'s str) -> &'s str {
    let start = function
        .parent()
        .filter(|p| p.kind() == "decorated_definition")
        .map_or(function.start_byte(), |p| p.start_byte());
    let end = function
        .child_by_field_name("body")
        .map_or(function.end_byte(), |b| b.start_byte());
    src.get(start..end).unwrap_or_default()
}

/// Text with all whitespace removed, so `a . b ( )` and `a.b()` compare equal.
pub(crate) fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
