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
    CSharp,
    Ruby,
    Php,
    Kotlin,
    Swift,
    Scala,
    Shell,
    Lua,
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
    /// Where the name is.
    pub name: NameFrom,
    /// A field the node must have to count as a definition: C's `struct foo` is a definition
    /// only with a `body`; without one it is a use.
    pub requires: Option<&'static str>,
}

/// Where a definition node keeps its name.
#[derive(Clone, Copy)]
pub(crate) enum NameFrom {
    /// A field, `name` in most grammars. A qualified name in it (`A::B`, `M.f`) gives its last
    /// part as the name and the rest as the container.
    Field(&'static str),
    /// C and C++ declarators: `declarator` fields nest (pointer, function, reference) down to
    /// the identifier. With `function`, the chain must pass a function declarator (`int f();`
    /// declares a function, `int x;` does not).
    Declarator { function: bool },
    /// The first named child of one of these kinds (grammars that put the name in no field).
    Child(&'static [&'static str]),
}

use super::SymbolKind as K;

const fn rule(node_kind: &'static str, kind: K) -> DefinitionRule {
    named(node_kind, kind, "name")
}

const fn named(node_kind: &'static str, kind: K, field: &'static str) -> DefinitionRule {
    DefinitionRule {
        node_kind,
        kind,
        name: NameFrom::Field(field),
        requires: None,
    }
}

/// A definition only when it has a body (C-family type specifiers).
const fn with_body(node_kind: &'static str, kind: K) -> DefinitionRule {
    DefinitionRule {
        node_kind,
        kind,
        name: NameFrom::Field("name"),
        requires: Some("body"),
    }
}

const fn declarator(node_kind: &'static str, kind: K) -> DefinitionRule {
    DefinitionRule {
        node_kind,
        kind,
        name: NameFrom::Declarator { function: true },
        requires: None,
    }
}

/// `typedef struct x *x_ptr;`: the name under any declarator.
const fn typedef(node_kind: &'static str, kind: K) -> DefinitionRule {
    DefinitionRule {
        node_kind,
        kind,
        name: NameFrom::Declarator { function: false },
        requires: None,
    }
}

const fn child(node_kind: &'static str, kind: K, kinds: &'static [&'static str]) -> DefinitionRule {
    DefinitionRule {
        node_kind,
        kind,
        name: NameFrom::Child(kinds),
        requires: None,
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
    named("impl_item", K::Impl, "type"),
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
const C_RULES: &[DefinitionRule] = &[
    declarator("function_definition", K::Function),
    with_body("struct_specifier", K::Struct),
    with_body("union_specifier", K::Struct),
    with_body("enum_specifier", K::Enum),
    typedef("type_definition", K::Type),
    rule("preproc_function_def", K::Macro),
    rule("preproc_def", K::Macro),
];
const CPP_RULES: &[DefinitionRule] = &[
    declarator("function_definition", K::Function),
    // A method declared in a class body (defined elsewhere or pure virtual).
    declarator("field_declaration", K::Method),
    with_body("class_specifier", K::Class),
    with_body("struct_specifier", K::Struct),
    with_body("union_specifier", K::Struct),
    with_body("enum_specifier", K::Enum),
    rule("namespace_definition", K::Module),
    typedef("type_definition", K::Type),
    rule("alias_declaration", K::Type),
    rule("concept_definition", K::Type),
    rule("preproc_function_def", K::Macro),
    rule("preproc_def", K::Macro),
];
const CSHARP_RULES: &[DefinitionRule] = &[
    rule("class_declaration", K::Class),
    rule("struct_declaration", K::Struct),
    rule("record_declaration", K::Class),
    rule("interface_declaration", K::Interface),
    rule("enum_declaration", K::Enum),
    rule("method_declaration", K::Method),
    rule("constructor_declaration", K::Method),
    rule("delegate_declaration", K::Type),
    rule("namespace_declaration", K::Module),
    rule("file_scoped_namespace_declaration", K::Module),
];
const PHP_RULES: &[DefinitionRule] = &[
    rule("namespace_definition", K::Module),
    rule("class_declaration", K::Class),
    rule("interface_declaration", K::Interface),
    rule("trait_declaration", K::Trait),
    rule("enum_declaration", K::Enum),
    rule("function_definition", K::Function),
    rule("method_declaration", K::Method),
];
const RUBY_RULES: &[DefinitionRule] = &[
    rule("class", K::Class),
    rule("module", K::Module),
    rule("method", K::Function),
    rule("singleton_method", K::Method),
];
const KOTLIN_RULES: &[DefinitionRule] = &[
    // `class`, `interface` and `enum class` share one node kind; see `refine_kind`.
    rule("class_declaration", K::Class),
    rule("object_declaration", K::Class),
    rule("companion_object", K::Class),
    rule("function_declaration", K::Function),
    child("type_alias", K::Type, &["identifier", "type_identifier"]),
];
const SWIFT_RULES: &[DefinitionRule] = &[
    // `class`, `struct`, `enum`, `extension` and `actor` share one node kind; see `refine_kind`.
    rule("class_declaration", K::Class),
    rule("protocol_declaration", K::Interface),
    rule("function_declaration", K::Function),
    rule("protocol_function_declaration", K::Method),
    rule("init_declaration", K::Method),
    rule("typealias_declaration", K::Type),
];
const SCALA_RULES: &[DefinitionRule] = &[
    rule("class_definition", K::Class),
    rule("object_definition", K::Class),
    rule("trait_definition", K::Trait),
    rule("enum_definition", K::Enum),
    rule("function_definition", K::Function),
    rule("function_declaration", K::Function),
    rule("type_definition", K::Type),
];
const SHELL_RULES: &[DefinitionRule] = &[rule("function_definition", K::Function)];
const LUA_RULES: &[DefinitionRule] = &[rule("function_declaration", K::Function)];

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
            "Rakefile" | "Gemfile" => return Language::Ruby,
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
            "cc" | "cpp" | "cxx" | "c++" | "hpp" | "hh" | "hxx" | "h++" | "ipp" | "tpp" | "inl" => {
                Language::Cpp
            }
            "cs" => Language::CSharp,
            "rb" | "rake" | "gemspec" => Language::Ruby,
            "php" | "phtml" => Language::Php,
            "kt" | "kts" => Language::Kotlin,
            "swift" => Language::Swift,
            "scala" | "sc" => Language::Scala,
            "sh" | "bash" | "zsh" | "ksh" => Language::Shell,
            "lua" => Language::Lua,
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
            "csharp" | "c#" | "cs" => Language::CSharp,
            "ruby" | "rb" => Language::Ruby,
            "php" => Language::Php,
            "kotlin" | "kt" => Language::Kotlin,
            "swift" => Language::Swift,
            "scala" => Language::Scala,
            "shell" | "sh" | "bash" => Language::Shell,
            "lua" => Language::Lua,
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
            Language::CSharp => "csharp",
            Language::Ruby => "ruby",
            Language::Php => "php",
            Language::Kotlin => "kotlin",
            Language::Swift => "swift",
            Language::Scala => "scala",
            Language::Shell => "shell",
            Language::Lua => "lua",
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
            Language::C => tree_sitter_c::LANGUAGE.into(),
            Language::Cpp => tree_sitter_cpp::LANGUAGE.into(),
            Language::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Language::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Language::Kotlin => tree_sitter_kotlin_ng::LANGUAGE.into(),
            Language::Swift => tree_sitter_swift::LANGUAGE.into(),
            Language::Scala => tree_sitter_scala::LANGUAGE.into(),
            Language::Shell => tree_sitter_bash::LANGUAGE.into(),
            Language::Lua => tree_sitter_lua::LANGUAGE.into(),
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
            Language::C => C_RULES,
            Language::Cpp => CPP_RULES,
            Language::CSharp => CSHARP_RULES,
            Language::Php => PHP_RULES,
            Language::Ruby => RUBY_RULES,
            Language::Kotlin => KOTLIN_RULES,
            Language::Swift => SWIFT_RULES,
            Language::Scala => SCALA_RULES,
            Language::Shell => SHELL_RULES,
            Language::Lua => LUA_RULES,
            _ => &[],
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
