//! Language detection by file name, and the per-language tables that drive symbol extraction.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// A language the engine recognises. Languages with a grammar get symbols; the others are
/// still indexed as text, chunked by lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Python,
    Rust,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    C,
    Cpp,
    Ruby,
    Php,
    Shell,
    Markdown,
    Toml,
    Yaml,
    Json,
    Html,
    Css,
    Sql,
    Text,
}

/// How one kind of syntax node defines a symbol.
pub(crate) struct DefinitionRule {
    /// The tree-sitter node kind, e.g. `function_definition`.
    pub node_kind: &'static str,
    /// The symbol kind it defines.
    pub kind: super::SymbolKind,
    /// The field holding the name (`name` for most grammars).
    pub name_field: &'static str,
}

use super::SymbolKind as K;

const fn rule(node_kind: &'static str, kind: K) -> DefinitionRule {
    DefinitionRule {
        node_kind,
        kind,
        name_field: "name",
    }
}

const PYTHON_RULES: &[DefinitionRule] = &[
    rule("function_definition", K::Function),
    rule("class_definition", K::Class),
];
const RUST_RULES: &[DefinitionRule] = &[
    rule("function_item", K::Function),
    rule("function_signature_item", K::Function),
    rule("struct_item", K::Struct),
    rule("enum_item", K::Enum),
    rule("union_item", K::Struct),
    rule("trait_item", K::Trait),
    DefinitionRule {
        node_kind: "impl_item",
        kind: K::Impl,
        name_field: "type",
    },
    rule("const_item", K::Constant),
    rule("static_item", K::Constant),
    rule("mod_item", K::Module),
    rule("type_item", K::Type),
    rule("macro_definition", K::Macro),
];
const JAVASCRIPT_RULES: &[DefinitionRule] = &[
    rule("function_declaration", K::Function),
    rule("generator_function_declaration", K::Function),
    rule("class_declaration", K::Class),
    rule("method_definition", K::Method),
];
const TYPESCRIPT_RULES: &[DefinitionRule] = &[
    rule("function_declaration", K::Function),
    rule("generator_function_declaration", K::Function),
    rule("function_signature", K::Function),
    rule("class_declaration", K::Class),
    rule("abstract_class_declaration", K::Class),
    rule("method_definition", K::Method),
    rule("method_signature", K::Method),
    rule("abstract_method_signature", K::Method),
    rule("interface_declaration", K::Interface),
    rule("type_alias_declaration", K::Type),
    rule("enum_declaration", K::Enum),
    rule("internal_module", K::Module),
];
const GO_RULES: &[DefinitionRule] = &[
    rule("function_declaration", K::Function),
    rule("method_declaration", K::Method),
    rule("type_spec", K::Type),
    rule("const_spec", K::Constant),
];
const JAVA_RULES: &[DefinitionRule] = &[
    rule("class_declaration", K::Class),
    rule("interface_declaration", K::Interface),
    rule("enum_declaration", K::Enum),
    rule("record_declaration", K::Class),
    rule("annotation_type_declaration", K::Interface),
    rule("method_declaration", K::Method),
    rule("constructor_declaration", K::Method),
];

impl Language {
    /// Detects the language from a path's extension or file name.
    pub fn from_path(path: &Path) -> Language {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        match name {
            "Makefile" | "Dockerfile" | "CMakeLists.txt" => return Language::Text,
            "Cargo.lock" => return Language::Toml,
            _ => {}
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "py" | "pyi" | "pyw" => Language::Python,
            "rs" => Language::Rust,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "go" => Language::Go,
            "java" => Language::Java,
            "c" | "h" => Language::C,
            "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" => Language::Cpp,
            "rb" => Language::Ruby,
            "php" => Language::Php,
            "sh" | "bash" | "zsh" => Language::Shell,
            "md" | "markdown" | "rst" => Language::Markdown,
            "toml" => Language::Toml,
            "yaml" | "yml" => Language::Yaml,
            "json" => Language::Json,
            "html" | "htm" => Language::Html,
            "css" | "scss" => Language::Css,
            "sql" => Language::Sql,
            _ => Language::Text,
        }
    }

    /// Parses a language name as users write it (`py`, `python`, `ts`, ...).
    pub fn from_name(name: &str) -> Option<Language> {
        let lang = match name.to_ascii_lowercase().as_str() {
            "python" | "py" => Language::Python,
            "rust" | "rs" => Language::Rust,
            "javascript" | "js" | "jsx" => Language::JavaScript,
            "typescript" | "ts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "go" | "golang" => Language::Go,
            "java" => Language::Java,
            "c" => Language::C,
            "cpp" | "c++" => Language::Cpp,
            "ruby" | "rb" => Language::Ruby,
            "php" => Language::Php,
            "shell" | "sh" | "bash" => Language::Shell,
            "markdown" | "md" => Language::Markdown,
            "toml" => Language::Toml,
            "yaml" | "yml" => Language::Yaml,
            "json" => Language::Json,
            "html" => Language::Html,
            "css" => Language::Css,
            "sql" => Language::Sql,
            "text" | "txt" => Language::Text,
            _ => return None,
        };
        Some(lang)
    }

    /// The lowercase name stored in the index and shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::Rust => "rust",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Go => "go",
            Language::Java => "java",
            Language::C => "c",
            Language::Cpp => "cpp",
            Language::Ruby => "ruby",
            Language::Php => "php",
            Language::Shell => "shell",
            Language::Markdown => "markdown",
            Language::Toml => "toml",
            Language::Yaml => "yaml",
            Language::Json => "json",
            Language::Html => "html",
            Language::Css => "css",
            Language::Sql => "sql",
            Language::Text => "text",
        }
    }

    /// The tree-sitter grammar, for the languages that have one here.
    pub fn grammar(self) -> Option<tree_sitter::Language> {
        let lang = match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            _ => return None,
        };
        Some(lang)
    }

    pub(crate) fn definition_rules(self) -> &'static [DefinitionRule] {
        match self {
            Language::Python => PYTHON_RULES,
            Language::Rust => RUST_RULES,
            Language::JavaScript => JAVASCRIPT_RULES,
            Language::TypeScript | Language::Tsx => TYPESCRIPT_RULES,
            Language::Go => GO_RULES,
            Language::Java => JAVA_RULES,
            _ => &[],
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
