//! The graph's plain values: what one file defines, imports and mentions ([`FileFacts`]), and
//! the places and kinds they carry. Lines are 1-based, columns are byte offsets in the line, as
//! everywhere in the engine; the faces convert to their own units.

use serde::{Deserialize, Serialize};

/// A stretch of a file: 1-based lines, byte columns, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start_line: u32,
    pub start_col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Span {
    pub(crate) fn of(node: tree_sitter::Node<'_>) -> Span {
        let s = node.start_position();
        let e = node.end_position();
        Span {
            start_line: s.row as u32 + 1,
            start_col: s.column as u32,
            end_line: e.row as u32 + 1,
            end_col: e.column as u32,
        }
    }

    /// Whether (line, col) lies in the span (its end included: a cursor just after a name).
    pub fn contains(&self, line: u32, col: u32) -> bool {
        (line, col) >= (self.start_line, self.start_col)
            && (line, col) <= (self.end_line, self.end_col)
    }
}

/// What a definition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefKind {
    Function,
    Method,
    Class,
    Struct,
    Enum,
    Trait,
    Interface,
    /// A Rust `impl` block, named after its type: holds methods and says which trait it implements.
    Impl,
    Type,
    Constant,
    Variable,
    Field,
    Module,
    Macro,
}

impl DefKind {
    pub const ALL: [DefKind; 14] = [
        DefKind::Function,
        DefKind::Method,
        DefKind::Class,
        DefKind::Struct,
        DefKind::Enum,
        DefKind::Trait,
        DefKind::Interface,
        DefKind::Impl,
        DefKind::Type,
        DefKind::Constant,
        DefKind::Variable,
        DefKind::Field,
        DefKind::Module,
        DefKind::Macro,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DefKind::Function => "function",
            DefKind::Method => "method",
            DefKind::Class => "class",
            DefKind::Struct => "struct",
            DefKind::Enum => "enum",
            DefKind::Trait => "trait",
            DefKind::Interface => "interface",
            DefKind::Impl => "impl",
            DefKind::Type => "type",
            DefKind::Constant => "constant",
            DefKind::Variable => "variable",
            DefKind::Field => "field",
            DefKind::Module => "module",
            DefKind::Macro => "macro",
        }
    }

    pub fn from_name(name: &str) -> Option<DefKind> {
        DefKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Types: what can be inherited from, hold members, or be instantiated.
    pub fn is_type(self) -> bool {
        matches!(
            self,
            DefKind::Class
                | DefKind::Struct
                | DefKind::Enum
                | DefKind::Trait
                | DefKind::Interface
                | DefKind::Impl
                | DefKind::Type
        )
    }

    /// What a call can land on.
    pub fn is_callable(self) -> bool {
        matches!(
            self,
            DefKind::Function
                | DefKind::Method
                | DefKind::Class
                | DefKind::Struct
                | DefKind::Macro
                | DefKind::Variable
                | DefKind::Constant
        )
    }

    /// Function-like: has a body with its own local names, and is a node of the call graph.
    pub fn is_function(self) -> bool {
        matches!(self, DefKind::Function | DefKind::Method)
    }
}

impl std::fmt::Display for DefKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How a name is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RefKind {
    /// Called (or instantiated).
    Call,
    /// Read or written as a value.
    Read,
    /// Used as a type.
    Type,
    /// Named as a base class, an implemented interface or trait.
    Inherit,
    /// Named in an import statement.
    Import,
}

impl RefKind {
    pub fn name(self) -> &'static str {
        match self {
            RefKind::Call => "call",
            RefKind::Read => "read",
            RefKind::Type => "type",
            RefKind::Inherit => "inherit",
            RefKind::Import => "import",
        }
    }

    pub fn from_name(name: &str) -> Option<RefKind> {
        [
            RefKind::Call,
            RefKind::Read,
            RefKind::Type,
            RefKind::Inherit,
            RefKind::Import,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// How sure the graph is that a reference lands on its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// No definition in the workspace: a builtin, a library, a local the walk did not bind.
    Unresolved = 0,
    /// A guess: a definition of that name, ranked by nearness, where scope and imports said nothing.
    ByName = 1,
    /// Through the reference's scope, an import that was resolved to a file, or a receiver whose
    /// type is known (`self`, a class, a module).
    Resolved = 2,
}

impl Confidence {
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Unresolved => "unresolved",
            Confidence::ByName => "by_name",
            Confidence::Resolved => "resolved",
        }
    }

    pub(crate) fn from_i64(v: i64) -> Confidence {
        match v {
            2 => Confidence::Resolved,
            1 => Confidence::ByName,
            _ => Confidence::Unresolved,
        }
    }
}

/// A definition in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Def {
    pub name: String,
    pub kind: DefKind,
    /// Index (in the file's `defs`) of the enclosing definition.
    pub container: Option<usize>,
    /// The enclosing type's name: the class, the Rust `impl` type, or the Go receiver type.
    pub container_name: Option<String>,
    /// The identifier.
    pub name_span: Span,
    /// The whole definition.
    pub span: Span,
    /// Its first line, trimmed.
    pub signature: String,
}

/// A use of a name in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ref {
    pub name: String,
    /// What the name was reached through: `self`, `os.path`, `crate::util`; `?` for an
    /// expression the walk cannot name (a call's result). For an import, the module.
    pub qualifier: Option<String>,
    pub kind: RefKind,
    pub span: Span,
    /// Index of the innermost definition around the use.
    pub enclosing: Option<usize>,
}

/// One name an import statement binds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    /// The module as written: `os.path`, `..util`, `./a`, `example.com/m/pkg`, `crate::a`,
    /// `java.util`.
    pub module: String,
    /// The imported name; `None` when the module itself is bound.
    pub name: Option<String>,
    /// The local name: the alias, else what the language binds.
    pub binding: String,
    /// `from m import *`, `use m::*`, `import a.b.*`, `export * from`.
    pub wildcard: bool,
    pub line: u32,
}

/// Everything the graph learns from one file's own parse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    /// Java package, Go package name.
    pub package: Option<String>,
    pub defs: Vec<Def>,
    pub refs: Vec<Ref>,
    pub imports: Vec<Import>,
    /// The name a JavaScript/TypeScript module exports as `default`.
    pub default_export: Option<String>,
    /// Whether the parse had syntax errors (facts are still what could be read).
    pub has_errors: bool,
}
