//! Facts from one file's tree-sitter parse: a single iterative walk (deep expressions cannot
//! overflow the stack) that asks the language's [`Syntax`] what each node is. The walk keeps the
//! scopes: the definitions around a node (its container, the enclosing definition of a use) and
//! the local names of each function body, so that a use of a parameter or a local variable is not
//! taken for a use of a definition elsewhere.

mod go;
mod java;
mod javascript;
mod python;
mod rust;

use super::model::{Def, DefKind, FileFacts, Import, Ref, RefKind, Span};
use crate::parse::Language;
use std::collections::HashSet;
use tree_sitter::{Node, Parser};

/// A definition a node makes.
pub(crate) struct DefSpec<'t> {
    pub kind: DefKind,
    pub name: Node<'t>,
    /// The enclosing type's name when the syntax says it (Go receivers, Rust impls), else the
    /// enclosing definition's.
    pub container_name: Option<String>,
    /// The name node is also a use (a Rust `impl Type` names its type).
    pub name_is_use: bool,
}

/// Where the walk is when it meets a node.
#[derive(Clone, Copy)]
pub(crate) struct Place {
    /// Inside a function body (its names are locals).
    pub in_function: bool,
    /// Directly inside a type (class body, struct, impl, trait).
    pub in_type: bool,
}

/// What the walk collects besides definitions: imports and their uses.
pub(crate) struct Sink<'s> {
    pub source: &'s str,
    pub imports: Vec<Import>,
    /// (name, module, span) of each imported name, recorded as an import use.
    pub import_uses: Vec<(String, String, Span)>,
    pub default_export: Option<String>,
}

impl Sink<'_> {
    pub fn text(&self, node: Node<'_>) -> &str {
        text(node, self.source)
    }

    pub fn import(&mut self, module: &str, name: Option<&str>, binding: &str, line: u32) {
        self.imports.push(Import {
            module: module.to_string(),
            name: name.map(str::to_string),
            binding: binding.to_string(),
            wildcard: false,
            line,
        });
    }

    pub fn wildcard(&mut self, module: &str, line: u32) {
        self.imports.push(Import {
            module: module.to_string(),
            name: None,
            binding: String::new(),
            wildcard: true,
            line,
        });
    }

    pub fn import_use(&mut self, name_node: Node<'_>, module: &str) {
        let name = self.text(name_node).to_string();
        if !name.is_empty() {
            self.import_uses
                .push((name, module.to_string(), Span::of(name_node)));
        }
    }
}

/// One language's answers to the walk's questions.
pub(crate) trait Syntax {
    /// Node kinds that are names.
    fn is_name(&self, kind: &str) -> bool;
    /// The definition `node` makes, if any.
    fn definition<'t>(&self, node: Node<'t>, src: &str, place: Place) -> Option<DefSpec<'t>>;
    /// Records an import statement; true when the node's subtree holds nothing else to walk.
    fn import(&self, node: Node<'_>, sink: &mut Sink<'_>) -> bool;
    /// Subtrees without uses (comments, attributes, package clauses).
    fn skip(&self, node: Node<'_>) -> bool;
    /// Nodes other than definitions that open a scope of locals (lambdas, closures).
    fn opens_scope(&self, _node: Node<'_>) -> bool {
        false
    }
    /// Whether the name node binds a local name (a parameter, an assignment target).
    fn binds(&self, node: Node<'_>, src: &str) -> bool;
    /// How the name node is used, with what it is reached through; `None` when it is no use.
    fn use_of(&self, node: Node<'_>, src: &str) -> Option<(RefKind, Option<String>)>;
    /// The file's package (Java, Go).
    fn package(&self, _root: Node<'_>, _src: &str) -> Option<String> {
        None
    }
}

fn syntax_for(language: Language) -> Option<&'static dyn Syntax> {
    Some(match language {
        Language::Python => &python::Python,
        Language::JavaScript | Language::TypeScript | Language::Tsx => &javascript::JavaScript,
        Language::Go => &go::Go,
        Language::Java => &java::Java,
        Language::Rust => &rust::Rust,
        _ => return None,
    })
}

/// Whether the graph reads this language.
pub fn supports(language: Language) -> bool {
    syntax_for(language).is_some()
}

pub(crate) fn text<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or_default()
}

/// A receiver or path as the walk names it: identifiers and dotted/`::` chains by their text,
/// anything else (a call's result, an index) as `?`.
pub(crate) fn qualifier_text(node: Node<'_>, src: &str, chain_kinds: &[&str]) -> String {
    let kind = node.kind();
    let simple = matches!(
        kind,
        "identifier"
            | "self"
            | "this"
            | "super"
            | "crate"
            | "type_identifier"
            | "package_identifier"
    ) || chain_kinds.contains(&kind);
    let t = text(node, src);
    if simple && t.len() <= 160 && !t.contains(['(', '\n', '[', ' ']) {
        t.to_string()
    } else {
        "?".to_string()
    }
}

/// Whether `node` is the child of `parent` in `field`.
pub(crate) fn is_field(parent: Node<'_>, field: &str, node: Node<'_>) -> bool {
    parent
        .child_by_field_name(field)
        .is_some_and(|c| c.id() == node.id())
}

fn signature_of(node: Node<'_>, src: &str) -> String {
    let first = text(node, src).lines().next().unwrap_or_default().trim();
    let cut = first.trim_end_matches('{').trim_end();
    let mut signature: String = cut.chars().take(200).collect();
    if cut.chars().count() > 200 {
        signature.push('…');
    }
    signature
}

enum Step<'t> {
    Enter(Node<'t>),
    PopDef,
    PopScope,
}

/// The facts of `source`, or `None` for a language the graph does not read.
pub fn extract(language: Language, source: &str) -> Option<FileFacts> {
    syntax_for(language)?;
    let grammar = language.grammar()?;
    let mut parser = Parser::new();
    parser.set_language(&grammar).ok()?;
    let tree = parser.parse(source, None)?;
    extract_from_tree(language, &tree, source)
}

/// The facts of `source` from a parse `tree` of it already made (the index parses each file
/// once and hands the tree here), or `None` for a language the graph does not read.
pub fn extract_from_tree(
    language: Language,
    tree: &tree_sitter::Tree,
    source: &str,
) -> Option<FileFacts> {
    let syntax = syntax_for(language)?;
    let root = tree.root_node();
    let mut facts = FileFacts {
        package: syntax.package(root, source),
        has_errors: root.has_error(),
        ..FileFacts::default()
    };
    let mut sink = Sink {
        source,
        imports: Vec::new(),
        import_uses: Vec::new(),
        default_export: None,
    };
    let mut defs_open: Vec<usize> = Vec::new();
    let mut scopes: Vec<HashSet<String>> = Vec::new();
    let mut name_nodes: HashSet<usize> = HashSet::new();
    let mut stack = vec![Step::Enter(root)];
    let mut cursor = tree.walk();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Enter(node) => node,
            Step::PopDef => {
                defs_open.pop();
                continue;
            }
            Step::PopScope => {
                scopes.pop();
                continue;
            }
        };
        if syntax.skip(node) {
            continue;
        }
        let enclosing = defs_open.last().copied();
        let uses_before = sink.import_uses.len();
        let handled = syntax.import(node, &mut sink);
        for (name, module, span) in sink.import_uses.drain(uses_before..) {
            facts.refs.push(Ref {
                name,
                qualifier: Some(module),
                kind: RefKind::Import,
                span,
                enclosing,
            });
        }
        if handled {
            continue;
        }
        let place = Place {
            in_function: !scopes.is_empty(),
            in_type: enclosing
                .and_then(|i| facts.defs.get(i))
                .is_some_and(|d| d.kind.is_type()),
        };
        if let Some(spec) = syntax.definition(node, source, place) {
            let name = text(spec.name, source).trim().to_string();
            if !name.is_empty() {
                let container_name = spec.container_name.or_else(|| {
                    enclosing
                        .and_then(|i| facts.defs.get(i))
                        .filter(|d| d.kind.is_type())
                        .map(|d| d.name.clone())
                });
                facts.defs.push(Def {
                    name,
                    kind: spec.kind,
                    container: enclosing,
                    container_name,
                    name_span: Span::of(spec.name),
                    span: Span::of(node),
                    signature: signature_of(node, source),
                });
                if !spec.name_is_use {
                    name_nodes.insert(spec.name.id());
                }
                defs_open.push(facts.defs.len() - 1);
                stack.push(Step::PopDef);
                if spec.kind.is_function() {
                    scopes.push(HashSet::new());
                    stack.push(Step::PopScope);
                }
            }
        } else if syntax.opens_scope(node) {
            scopes.push(HashSet::new());
            stack.push(Step::PopScope);
        }
        if syntax.is_name(node.kind()) && !name_nodes.contains(&node.id()) {
            let name = text(node, source);
            if !name.is_empty() && name.len() <= 200 {
                if syntax.binds(node, source) {
                    if let Some(scope) = scopes.last_mut() {
                        scope.insert(name.to_string());
                    }
                } else if let Some((kind, qualifier)) = syntax.use_of(node, source) {
                    let local = qualifier.is_none() && scopes.iter().any(|s| s.contains(name));
                    if !local {
                        facts.refs.push(Ref {
                            name: name.to_string(),
                            qualifier,
                            kind,
                            span: Span::of(node),
                            enclosing,
                        });
                    }
                }
            }
        }
        let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev().map(Step::Enter));
    }
    facts.imports = sink.imports;
    facts.default_export = sink.default_export;
    Some(facts)
}
