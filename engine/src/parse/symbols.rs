//! Symbol extraction: one pass over the tree-sitter tree, driven by the language's table of
//! definition rules, plus the few per-language special cases (constants, arrow functions,
//! methods inside classes) a table cannot express.

use super::Language;
use super::language::{DefinitionRule, NameFrom};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};
use tree_sitter::{Node, Parser, Tree};

/// What a symbol is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SymbolKind {
    Function,
    Method,
    Class,
    Struct,
    Enum,
    Trait,
    Interface,
    Impl,
    Type,
    Constant,
    Module,
    Macro,
}

impl SymbolKind {
    /// The lowercase name stored in the index and shown to users.
    pub fn name(self) -> &'static str {
        match self {
            SymbolKind::Function => "function",
            SymbolKind::Method => "method",
            SymbolKind::Class => "class",
            SymbolKind::Struct => "struct",
            SymbolKind::Enum => "enum",
            SymbolKind::Trait => "trait",
            SymbolKind::Interface => "interface",
            SymbolKind::Impl => "impl",
            SymbolKind::Type => "type",
            SymbolKind::Constant => "constant",
            SymbolKind::Module => "module",
            SymbolKind::Macro => "macro",
        }
    }

    /// Parses the stored name back.
    pub fn from_name(name: &str) -> Option<SymbolKind> {
        Some(match name {
            "function" => SymbolKind::Function,
            "method" => SymbolKind::Method,
            "class" => SymbolKind::Class,
            "struct" => SymbolKind::Struct,
            "enum" => SymbolKind::Enum,
            "trait" => SymbolKind::Trait,
            "interface" => SymbolKind::Interface,
            "impl" => SymbolKind::Impl,
            "type" => SymbolKind::Type,
            "constant" => SymbolKind::Constant,
            "module" => SymbolKind::Module,
            "macro" => SymbolKind::Macro,
            _ => return None,
        })
    }

    /// Whether symbols of this kind hold other definitions (so their functions are methods).
    fn is_container(self) -> bool {
        matches!(
            self,
            SymbolKind::Class
                | SymbolKind::Struct
                | SymbolKind::Trait
                | SymbolKind::Interface
                | SymbolKind::Impl
                | SymbolKind::Enum
        )
    }
}

impl std::fmt::Display for SymbolKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A definition found in a file. Lines are 1-based and inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The enclosing class, impl, trait or module, when there is one.
    pub container: Option<String>,
    pub start_line: usize,
    pub end_line: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    /// The definition's first line, trimmed: what a hover shows.
    pub signature: String,
    /// The doc comment or docstring, without comment markers.
    pub doc: Option<String>,
    /// Nesting depth: 0 for top-level definitions.
    pub depth: usize,
}

/// Parses `source` and extracts its symbols in source order. Languages without a grammar, and
/// sources tree-sitter cannot parse at all, give no symbols (the file is still indexed as text).
pub fn extract_symbols(language: Language, source: &str) -> Vec<Symbol> {
    match parse_tree(language, source) {
        Some(tree) => symbols_of_tree(language, &tree, source),
        None => Vec::new(),
    }
}

/// Like [`extract_symbols`], also giving back the parse tree for other readers of the same
/// source (the code graph's facts), so a file is parsed once.
pub fn extract_symbols_and_tree(language: Language, source: &str) -> (Vec<Symbol>, Option<Tree>) {
    match parse_tree(language, source) {
        Some(tree) => (symbols_of_tree(language, &tree, source), Some(tree)),
        None => (Vec::new(), None),
    }
}

/// The longest one file may take to parse: a generated 2 MB table of C should not hold up the
/// index. A file over budget gets no symbols and is chunked by lines.
const PARSE_BUDGET: Duration = Duration::from_secs(3);

thread_local! {
    /// One parser per language per thread, reused across files (a parser keeps its allocations).
    static PARSERS: RefCell<HashMap<Language, Parser>> = RefCell::new(HashMap::new());
}

/// Parses a source with the language's grammar, when it has one.
pub(crate) fn parse_tree(language: Language, source: &str) -> Option<Tree> {
    let grammar = language.grammar()?;
    PARSERS.with(|parsers| {
        let mut parsers = parsers.try_borrow_mut().ok()?;
        let parser = match parsers.entry(language) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let mut parser = Parser::new();
                parser.set_language(&grammar).ok()?;
                e.insert(parser)
            }
        };
        let started = Instant::now();
        let mut progress = |_: &tree_sitter::ParseState| {
            if started.elapsed() > PARSE_BUDGET {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
        let bytes = source.as_bytes();
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
            None,
            Some(options),
        );
        if tree.is_none() {
            // A cancelled parse leaves state behind; the next file starts clean.
            parser.reset();
            tracing::debug!(%language, bytes = source.len(), "parse over budget; no symbols");
        }
        tree
    })
}

fn symbols_of_tree(language: Language, tree: &Tree, source: &str) -> Vec<Symbol> {
    let rules = language.definition_rules();
    let mut out = Vec::new();
    // (node id, container name, container kind) of the definitions enclosing the cursor.
    let mut containers: Vec<(usize, String, SymbolKind)> = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        if let Some(symbol) = definition_at(language, rules, node, source, &containers) {
            let is_container = symbol.kind.is_container();
            let name = symbol.name.clone();
            let kind = symbol.kind;
            out.push(symbol);
            if is_container {
                containers.push((node.id(), name, kind));
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            let parent = cursor.node().id();
            if containers.last().is_some_and(|(id, _, _)| *id == parent) {
                containers.pop();
            }
        }
    }
}

fn definition_at(
    language: Language,
    rules: &[DefinitionRule],
    node: Node<'_>,
    source: &str,
    containers: &[(usize, String, SymbolKind)],
) -> Option<Symbol> {
    let kind_name = node.kind();
    let (name_node, qualifier, mut kind) =
        if let Some(rule) = rules.iter().find(|r| r.node_kind == kind_name) {
            if let Some(field) = rule.requires
                && node.child_by_field_name(field).is_none()
            {
                return None;
            }
            let (name, qualifier) = name_of(node, rule.name)?;
            (name, qualifier, rule.kind)
        } else {
            let (name, kind) = special_definition(language, node, source, containers.is_empty())?;
            let (name, qualifier) = split_qualified(name);
            (name, qualifier, kind)
        };
    kind = refine_kind(language, node, kind, source);
    // `void Foo::bar() {}` and `function M.f()` name their container themselves.
    let container = match qualifier {
        Some(q) => Some(text_of(q, source).trim().to_string()),
        None => containers.last().map(|(_, name, _)| name.clone()),
    };
    if container.is_some() && kind == SymbolKind::Function {
        kind = SymbolKind::Method;
    }
    let name = text_of(name_node, source).trim().to_string();
    if name.is_empty() {
        return None;
    }
    // Go specs and JS declarators sit inside a declaration statement: the statement is the
    // symbol's extent, so that chunks and doc comments cover `const`/`type` keywords too.
    let extent = match kind_name {
        "type_spec" | "const_spec" | "variable_declarator" | "assignment" => node
            .parent()
            .filter(|p| p.kind().ends_with("declaration") || p.kind() == "expression_statement")
            .unwrap_or(node),
        _ => node,
    };
    Some(Symbol {
        name,
        kind,
        container,
        start_line: extent.start_position().row + 1,
        end_line: end_line_of(extent),
        start_byte: extent.start_byte(),
        end_byte: extent.end_byte(),
        signature: signature_of(extent, source),
        doc: doc_of(language, node, extent, source),
        depth: containers.len(),
    })
}

/// The name node of a definition, and the qualifier written in front of it, if any.
fn name_of(node: Node<'_>, from: NameFrom) -> Option<(Node<'_>, Option<Node<'_>>)> {
    match from {
        NameFrom::Field(field) => Some(split_qualified(node.child_by_field_name(field)?)),
        NameFrom::Declarator { function } => declarator_name(node, function),
        NameFrom::Child(kinds) => {
            let mut cursor = node.walk();
            let found = node
                .named_children(&mut cursor)
                .find(|c| kinds.contains(&c.kind()));
            found.map(|n| (n, None))
        }
    }
}

/// Follows C/C++ `declarator` fields (pointers, references, parentheses, attributes) down to the
/// declared name; with `function`, `None` unless the chain passes a function declarator (`int x;`
/// in a class body is a field, `int f();` a method).
fn declarator_name(node: Node<'_>, function: bool) -> Option<(Node<'_>, Option<Node<'_>>)> {
    let mut current = node.child_by_field_name("declarator")?;
    let mut is_function = !function;
    for _ in 0..16 {
        match current.kind() {
            "function_declarator" => is_function = true,
            "pointer_declarator"
            | "reference_declarator"
            | "attributed_declarator"
            | "parenthesized_declarator" => {}
            _ => {
                return is_function.then(|| split_qualified(current));
            }
        }
        current = match current.child_by_field_name("declarator") {
            Some(next) => next,
            // `(name)` keeps its inner declarator in no field.
            None => current.named_child(0)?,
        };
    }
    None
}

/// Splits a qualified name (`A::B::f`, `M.f`, `M:f`, Ruby `A::B`) into its last part and the
/// qualifier; any other node is its own name.
fn split_qualified(node: Node<'_>) -> (Node<'_>, Option<Node<'_>>) {
    let (name_field, scope_field) = match node.kind() {
        "qualified_identifier" | "qualified_type_identifier" => ("name", "scope"),
        "scope_resolution" => ("name", "scope"),
        "dot_index_expression" => ("field", "table"),
        "method_index_expression" => ("method", "table"),
        _ => return (node, None),
    };
    match node.child_by_field_name(name_field) {
        // `A::B::f`: the name can itself be qualified; the whole prefix is the qualifier.
        Some(name) => {
            let (last, _) = split_qualified(name);
            (last, node.child_by_field_name(scope_field))
        }
        None => (node, None),
    }
}

/// Grammars that use one node kind for several kinds of definition.
fn refine_kind(language: Language, node: Node<'_>, kind: SymbolKind, source: &str) -> SymbolKind {
    match (language, node.kind()) {
        (Language::Go, "type_spec") => match node.child_by_field_name("type").map(|t| t.kind()) {
            Some("struct_type") => SymbolKind::Struct,
            Some("interface_type") => SymbolKind::Interface,
            _ => SymbolKind::Type,
        },
        (Language::Swift, "class_declaration") => {
            match node
                .child_by_field_name("declaration_kind")
                .map(|k| text_of(k, source))
            {
                Some("struct") => SymbolKind::Struct,
                Some("enum") => SymbolKind::Enum,
                Some("extension") => SymbolKind::Impl,
                _ => SymbolKind::Class,
            }
        }
        (Language::Kotlin, "class_declaration") => {
            let mut cursor = node.walk();
            let mut refined = SymbolKind::Class;
            for child in node.children(&mut cursor) {
                match child.kind() {
                    "interface" => refined = SymbolKind::Interface,
                    "modifiers"
                        if text_of(child, source)
                            .split_whitespace()
                            .any(|w| w == "enum") =>
                    {
                        refined = SymbolKind::Enum
                    }
                    _ => {}
                }
            }
            refined
        }
        _ => kind,
    }
}

/// Definitions no table row can express: module-level constants and functions bound to names.
fn special_definition<'t>(
    language: Language,
    node: Node<'t>,
    source: &str,
    top_level: bool,
) -> Option<(Node<'t>, SymbolKind)> {
    match (language, node.kind()) {
        (Language::Python, "assignment") if top_level => {
            let parent = node.parent()?;
            if parent.kind() != "expression_statement" || parent.parent()?.kind() != "module" {
                return None;
            }
            let left = node.child_by_field_name("left")?;
            (left.kind() == "identifier" && is_constant_name(text_of(left, source)))
                .then_some((left, SymbolKind::Constant))
        }
        (Language::JavaScript | Language::TypeScript | Language::Tsx, "variable_declarator") => {
            let name = node.child_by_field_name("name")?;
            if name.kind() != "identifier" {
                return None;
            }
            let value_kind = node.child_by_field_name("value").map(|v| v.kind());
            match value_kind {
                Some(
                    "arrow_function" | "function_expression" | "function" | "generator_function",
                ) => Some((name, SymbolKind::Function)),
                _ => {
                    let declaration = node.parent()?;
                    let is_const = declaration.kind() == "lexical_declaration"
                        && text_of(declaration, source).starts_with("const");
                    let at_top = declaration
                        .parent()
                        .is_some_and(|p| p.kind() == "program" || p.kind() == "export_statement");
                    (top_level && is_const && at_top).then_some((name, SymbolKind::Constant))
                }
            }
        }
        // `LIMIT = 3` in Ruby: an assignment to a constant anywhere (Ruby forbids it in methods).
        (Language::Ruby, "assignment") => {
            let left = node.child_by_field_name("left")?;
            (left.kind() == "constant").then_some((left, SymbolKind::Constant))
        }
        // `function M.f() end` is a declaration; `M.f = function() end` binds one.
        (Language::Lua, "assignment_statement") => {
            let mut cursor = node.walk();
            let values = node
                .named_children(&mut cursor)
                .find(|c| c.kind() == "expression_list")?;
            let value = values.named_child(0)?;
            if value.kind() != "function_definition" {
                return None;
            }
            let mut cursor = node.walk();
            let names = node
                .named_children(&mut cursor)
                .find(|c| c.kind() == "variable_list")?;
            Some((names.named_child(0)?, SymbolKind::Function))
        }
        _ => None,
    }
}

fn is_constant_name(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn text_of<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or_default()
}

/// The last line a node occupies; a node ending at column 0 ends on the line before.
fn end_line_of(node: Node<'_>) -> usize {
    let end = node.end_position();
    if end.column == 0 && end.row > node.start_position().row {
        end.row
    } else {
        end.row + 1
    }
}

fn signature_of(node: Node<'_>, source: &str) -> String {
    let text = text_of(node, source);
    let first = text.lines().next().unwrap_or_default().trim();
    let cut = first.trim_end_matches('{').trim_end();
    let mut signature: String = cut.chars().take(200).collect();
    if cut.chars().count() > 200 {
        signature.push('…');
    }
    signature
}

/// Doc comments: Python docstrings, and the comment lines directly above a definition elsewhere.
fn doc_of(language: Language, node: Node<'_>, extent: Node<'_>, source: &str) -> Option<String> {
    if language == Language::Python {
        let body = node.child_by_field_name("body")?;
        let first = body.named_child(0)?;
        if first.kind() != "expression_statement" {
            return None;
        }
        let string = first.named_child(0)?;
        if string.kind() != "string" {
            return None;
        }
        let raw = text_of(string, source);
        let trimmed = raw
            .trim_start_matches(['r', 'R', 'u', 'U', 'b', 'B'])
            .trim_matches('"')
            .trim_matches('\'')
            .trim();
        return (!trimmed.is_empty()).then(|| trimmed.to_string());
    }
    // Walk back over comment siblings (and Rust attributes) directly above the definition.
    let mut lines: Vec<String> = Vec::new();
    let mut cursor = extent.prev_sibling();
    let mut expected_row = extent.start_position().row;
    while let Some(prev) = cursor {
        let kind = prev.kind();
        let is_comment = kind.contains("comment");
        let is_attribute = matches!(
            kind,
            "attribute_item" | "decorator" | "marker_annotation" | "attribute_list"
        );
        if !(is_comment || is_attribute) || prev.end_position().row + 1 < expected_row {
            break;
        }
        if is_comment {
            let text = text_of(prev, source);
            // `//!` and `/*! */` document the enclosing module, not the item below them.
            if text.starts_with("//!") || text.starts_with("/*!") {
                break;
            }
            lines.push(clean_comment(text));
        }
        expected_row = prev.start_position().row;
        cursor = prev.prev_sibling();
    }
    if lines.is_empty() {
        return None;
    }
    lines.reverse();
    let doc = lines.join("\n").trim().to_string();
    (!doc.is_empty()).then_some(doc)
}

fn clean_comment(comment: &str) -> String {
    comment
        .lines()
        .map(|line| {
            let l = line.trim();
            let l = l
                .strip_prefix("/**")
                .or_else(|| l.strip_prefix("/*"))
                .unwrap_or(l);
            let l = l.strip_suffix("*/").unwrap_or(l);
            // `//`, `///`, `//!` (C family), `#` (Ruby, shell, PHP), `--` (Lua).
            let l = l.trim_start_matches('/').trim_start_matches('!');
            let l = l.strip_prefix("--").unwrap_or(l).trim_start_matches('#');
            let l = l.strip_prefix('*').unwrap_or(l);
            l.trim().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(language: Language, source: &str) -> Vec<String> {
        extract_symbols(language, source)
            .iter()
            .map(|s| {
                let container = s
                    .container
                    .as_deref()
                    .map(|c| format!("{c}."))
                    .unwrap_or_default();
                format!(
                    "{} {}{} {}-{}",
                    s.kind, container, s.name, s.start_line, s.end_line
                )
            })
            .collect()
    }

    #[test]
    fn python_functions_classes_methods_and_constants() {
        let src = "MAX_SIZE = 10\nlower = 1\n\ndef parse_config(path):\n    \"\"\"Reads the config.\"\"\"\n    return path\n\nclass Loader:\n    def load(self):\n        pass\n";
        assert_eq!(
            summary(Language::Python, src),
            vec![
                "constant MAX_SIZE 1-1",
                "function parse_config 4-6",
                "class Loader 8-10",
                "method Loader.load 9-10",
            ]
        );
        let symbols = extract_symbols(Language::Python, src);
        assert_eq!(symbols[1].doc.as_deref(), Some("Reads the config."));
        assert_eq!(symbols[1].signature, "def parse_config(path):");
    }

    #[test]
    fn rust_items_with_doc_comments_and_methods() {
        let src = "/// Holds settings.\npub struct Config {\n    a: u8,\n}\n\nimpl Config {\n    pub fn new() -> Self { Config { a: 1 } }\n}\n\npub trait Load { fn load(&self); }\nconst LIMIT: usize = 3;\n";
        assert_eq!(
            summary(Language::Rust, src),
            vec![
                "struct Config 2-4",
                "impl Config 6-8",
                "method Config.new 7-7",
                "trait Load 10-10",
                "method Load.load 10-10",
                "constant LIMIT 11-11",
            ]
        );
        assert_eq!(
            extract_symbols(Language::Rust, src)[0].doc.as_deref(),
            Some("Holds settings.")
        );
    }

    #[test]
    fn inner_doc_comments_document_the_module_not_the_first_item() {
        let src = "//! The settings module.\n//! Loads them.\npub fn first() {}\n\n/*! More module docs. */\n/// Its own doc.\npub fn second() {}\n";
        let docs: Vec<(String, Option<String>)> = extract_symbols(Language::Rust, src)
            .into_iter()
            .map(|s| (s.name, s.doc))
            .collect();
        assert_eq!(
            docs,
            vec![
                ("first".to_string(), None),
                ("second".to_string(), Some("Its own doc.".to_string())),
            ]
        );
    }

    #[test]
    fn javascript_and_typescript_definitions() {
        let js = "const API_URL = 'x';\nfunction parseConfig(a) { return a; }\nconst handler = (req) => req;\nclass Server {\n  start() {}\n}\n";
        assert_eq!(
            summary(Language::JavaScript, js),
            vec![
                "constant API_URL 1-1",
                "function parseConfig 2-2",
                "function handler 3-3",
                "class Server 4-6",
                "method Server.start 5-5",
            ]
        );
        let ts = "interface Options { a: number }\ntype Id = string;\nexport enum Color { Red }\nexport class Box<T> {\n  get(): T { return this.v; }\n}\n";
        assert_eq!(
            summary(Language::TypeScript, ts),
            vec![
                "interface Options 1-1",
                "type Id 2-2",
                "enum Color 3-3",
                "class Box 4-6",
                "method Box.get 5-5"
            ]
        );
        let tsx = "export function App() { return <div/>; }\n";
        assert_eq!(summary(Language::Tsx, tsx), vec!["function App 1-1"]);
    }

    #[test]
    fn go_and_java_definitions() {
        let go = "package main\n\n// Server serves.\ntype Server struct {\n\tport int\n}\n\nfunc (s *Server) Start() error { return nil }\n\nfunc main() {}\n\nconst Limit = 3\n";
        assert_eq!(
            summary(Language::Go, go),
            vec![
                "struct Server 4-6",
                "method Start 8-8",
                "function main 10-10",
                "constant Limit 12-12"
            ]
        );
        assert_eq!(
            extract_symbols(Language::Go, go)[0].doc.as_deref(),
            Some("Server serves.")
        );
        let java = "public class Greeter {\n  public Greeter() {}\n  public String greet(String n) { return n; }\n}\ninterface Named {}\n";
        assert_eq!(
            summary(Language::Java, java),
            vec![
                "class Greeter 1-4",
                "method Greeter.Greeter 2-2",
                "method Greeter.greet 3-3",
                "interface Named 5-5"
            ]
        );
    }

    #[test]
    fn text_without_grammar_has_no_symbols() {
        assert!(extract_symbols(Language::Markdown, "# Title\n").is_empty());
    }

    #[test]
    fn broken_source_still_yields_the_symbols_that_parse() {
        let src = "def ok():\n    pass\n\ndef broken(:\n";
        assert_eq!(summary(Language::Python, src)[0], "function ok 1-2");
    }
}
