//! Resolution: which definition each use lands on, and how sure that is.
//!
//! A use is looked up through its scope first (the definitions around it, then the file's
//! top level, then for Go the package and for Java the class and package), then through the
//! file's imports (a module resolved to workspace files by [`Layout`]), then by a ranked guess
//! among definitions of that name. Only the guess is [`Confidence::ByName`]; an import of a module
//! that is not in the workspace stops the search (a library's name is no licence to guess).

use super::layout::{FileInfo, Layout};
use super::model::{Confidence, DefKind, RefKind};
use crate::parse::Language;
use rusqlite::Connection;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A definition as resolution sees it.
#[derive(Debug, Clone)]
pub(crate) struct DefRow {
    pub id: i64,
    pub file: i64,
    pub name: String,
    pub kind: DefKind,
    pub container: Option<i64>,
    pub container_name: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct ImportRow {
    pub module: String,
    pub name: Option<String>,
    pub binding: String,
    pub wildcard: bool,
}

/// A use to resolve.
#[derive(Debug, Clone)]
pub(crate) struct UseRow {
    pub name: String,
    pub qualifier: Option<String>,
    pub kind: RefKind,
    pub enclosing: Option<i64>,
}

/// Where a use lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Target {
    pub def: Option<i64>,
    pub confidence: Confidence,
}

impl Target {
    const NONE: Target = Target {
        def: None,
        confidence: Confidence::Unresolved,
    };
    fn resolved(def: i64) -> Target {
        Target {
            def: Some(def),
            confidence: Confidence::Resolved,
        }
    }
    fn guessed(def: Option<i64>) -> Target {
        match def {
            Some(def) => Target {
                def: Some(def),
                confidence: Confidence::ByName,
            },
            None => Target::NONE,
        }
    }
}

/// What a module holds under a name.
enum Found {
    Def(i64),
    /// The module is in the workspace but defines no such name (a submodule, a typo).
    Missing,
    /// The module is not in the workspace.
    External,
}

type Rows<T> = Rc<Vec<T>>;

fn rc<K: std::hash::Hash + Eq, T>(m: HashMap<K, Vec<T>>) -> HashMap<K, Rows<T>> {
    m.into_iter().map(|(k, v)| (k, Rc::new(v))).collect()
}

/// The definitions and imports of the whole workspace, as resolution asks for them: complete
/// in memory for a full build, or fetched from SQLite on demand (and cached) for an update.
pub(crate) struct Universe<'c> {
    pub layout: Layout,
    conn: Option<&'c Connection>,
    by_file: RefCell<HashMap<i64, Rows<DefRow>>>,
    by_name: RefCell<HashMap<String, Rows<DefRow>>>,
    by_container: RefCell<HashMap<String, Rows<DefRow>>>,
    imports: RefCell<HashMap<i64, Rows<ImportRow>>>,
    modules: RefCell<HashMap<(i64, String), super::layout::Resolved>>,
    by_id: RefCell<HashMap<i64, DefRow>>,
    /// Base types by type, as far as this run resolved them; misses go to the database.
    bases: RefCell<HashMap<i64, Vec<i64>>>,
}

const DEF_COLUMNS: &str = "id, file, name, kind, container, container_name";

fn def_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DefRow> {
    let kind: String = row.get(3)?;
    Ok(DefRow {
        id: row.get(0)?,
        file: row.get(1)?,
        name: row.get(2)?,
        kind: DefKind::from_name(&kind).unwrap_or(DefKind::Variable),
        container: row.get(4)?,
        container_name: row.get(5)?,
    })
}

impl<'c> Universe<'c> {
    /// Everything in memory: no miss goes to the database.
    pub fn complete(
        layout: Layout,
        defs: Vec<DefRow>,
        imports: HashMap<i64, Vec<ImportRow>>,
    ) -> Universe<'c> {
        let mut by_file: HashMap<i64, Vec<DefRow>> = HashMap::new();
        let mut by_name: HashMap<String, Vec<DefRow>> = HashMap::new();
        let mut by_container: HashMap<String, Vec<DefRow>> = HashMap::new();
        let by_id = defs.iter().map(|d| (d.id, d.clone())).collect();
        for def in defs {
            if let Some(c) = &def.container_name {
                by_container.entry(c.clone()).or_default().push(def.clone());
            }
            by_name
                .entry(def.name.clone())
                .or_default()
                .push(def.clone());
            by_file.entry(def.file).or_default().push(def);
        }

        let mut imports_rc = HashMap::new();
        for file in layout.files.keys() {
            imports_rc.insert(*file, Rc::new(Vec::new()));
        }
        for (k, v) in imports {
            imports_rc.insert(k, Rc::new(v));
        }
        let mut by_file_rc: HashMap<i64, Rows<DefRow>> = rc(by_file);
        for file in layout.files.keys() {
            by_file_rc
                .entry(*file)
                .or_insert_with(|| Rc::new(Vec::new()));
        }
        Universe {
            layout,
            conn: None,
            by_file: RefCell::new(by_file_rc),
            by_name: RefCell::new(rc(by_name)),
            by_container: RefCell::new(rc(by_container)),
            imports: RefCell::new(imports_rc),
            modules: RefCell::new(HashMap::new()),
            by_id: RefCell::new(by_id),
            bases: RefCell::default(),
        }
    }

    /// Backed by the database: each miss is one indexed query.
    pub fn on_demand(layout: Layout, conn: &'c Connection) -> Universe<'c> {
        Universe {
            layout,
            conn: Some(conn),
            by_file: RefCell::default(),
            by_name: RefCell::default(),
            by_container: RefCell::default(),
            imports: RefCell::default(),
            modules: RefCell::default(),
            by_id: RefCell::default(),
            bases: RefCell::default(),
        }
    }

    fn query_defs(&self, sql: &str, key: &dyn rusqlite::ToSql) -> Vec<DefRow> {
        let Some(conn) = self.conn else {
            return Vec::new();
        };
        let run = || -> rusqlite::Result<Vec<DefRow>> {
            let mut stmt = conn.prepare_cached(sql)?;
            let rows = stmt.query_map([key], def_row)?;
            rows.collect()
        };
        let rows = run().unwrap_or_else(|e| {
            tracing::warn!("graph: reading definitions failed: {e}");
            Vec::new()
        });
        let mut by_id = self.by_id.borrow_mut();
        for row in &rows {
            by_id.entry(row.id).or_insert_with(|| row.clone());
        }
        rows
    }

    /// A definition by id (any file).
    pub fn def_by_id(&self, id: i64) -> Option<DefRow> {
        if let Some(hit) = self.by_id.borrow().get(&id) {
            return Some(hit.clone());
        }
        self.query_defs(
            &format!("SELECT {DEF_COLUMNS} FROM defs WHERE id = ?1"),
            &id,
        )
        .into_iter()
        .next()
    }

    /// Records the resolved bases of a type (inheritance is resolved before other uses).
    pub fn add_base(&self, ty: i64, base: i64) {
        self.bases.borrow_mut().entry(ty).or_default().push(base);
    }

    /// Marks a type as having the bases recorded this run (even none), so none are read back.
    pub fn bases_known(&self, ty: i64) {
        self.bases.borrow_mut().entry(ty).or_default();
    }

    pub fn bases_of(&self, ty: i64) -> Vec<i64> {
        if let Some(hit) = self.bases.borrow().get(&ty) {
            return hit.clone();
        }
        let Some(conn) = self.conn else {
            return Vec::new();
        };
        let run = || -> rusqlite::Result<Vec<i64>> {
            let mut stmt = conn.prepare_cached(
                "SELECT target FROM refs WHERE enclosing = ?1 AND kind = 'inherit' AND target IS NOT NULL",
            )?;
            let rows = stmt.query_map([ty], |r| r.get(0))?;
            rows.collect()
        };
        let found = run().unwrap_or_default();
        self.bases.borrow_mut().insert(ty, found.clone());
        found
    }

    pub fn defs_in(&self, file: i64) -> Rows<DefRow> {
        if let Some(hit) = self.by_file.borrow().get(&file) {
            return hit.clone();
        }
        let rows = Rc::new(self.query_defs(
            &format!("SELECT {DEF_COLUMNS} FROM defs WHERE file = ?1 ORDER BY id"),
            &file,
        ));
        self.by_file.borrow_mut().insert(file, rows.clone());
        rows
    }

    fn named(&self, name: &str) -> Rows<DefRow> {
        if let Some(hit) = self.by_name.borrow().get(name) {
            return hit.clone();
        }
        if self.conn.is_none() {
            return Rc::new(Vec::new());
        }
        let rows = Rc::new(self.query_defs(
            &format!("SELECT {DEF_COLUMNS} FROM defs WHERE name = ?1 ORDER BY id"),
            &name,
        ));
        self.by_name
            .borrow_mut()
            .insert(name.to_string(), rows.clone());
        rows
    }

    fn with_container(&self, container: &str) -> Rows<DefRow> {
        if let Some(hit) = self.by_container.borrow().get(container) {
            return hit.clone();
        }
        if self.conn.is_none() {
            return Rc::new(Vec::new());
        }
        let rows = Rc::new(self.query_defs(
            &format!("SELECT {DEF_COLUMNS} FROM defs WHERE container_name = ?1 ORDER BY id"),
            &container,
        ));
        self.by_container
            .borrow_mut()
            .insert(container.to_string(), rows.clone());
        rows
    }

    pub fn imports_of(&self, file: i64) -> Rows<ImportRow> {
        if let Some(hit) = self.imports.borrow().get(&file) {
            return hit.clone();
        }
        let rows = match self.conn {
            None => Vec::new(),
            Some(conn) => {
                let run = || -> rusqlite::Result<Vec<ImportRow>> {
                    let mut stmt = conn.prepare_cached(
                        "SELECT module, name, binding, wildcard FROM imports WHERE file = ?1 ORDER BY id",
                    )?;
                    let rows = stmt.query_map([file], |r| {
                        Ok(ImportRow {
                            module: r.get(0)?,
                            name: r.get(1)?,
                            binding: r.get(2)?,
                            wildcard: r.get::<_, i64>(3)? != 0,
                        })
                    })?;
                    rows.collect()
                };
                run().unwrap_or_default()
            }
        };
        let rows = Rc::new(rows);
        self.imports.borrow_mut().insert(file, rows.clone());
        rows
    }

    /// The module an import names, from `from` (cached).
    pub fn module(&self, from: i64, module: &str) -> super::layout::Resolved {
        let key = (from, module.to_string());
        if let Some(hit) = self.modules.borrow().get(&key) {
            return hit.clone();
        }
        let resolved = self.layout.resolve(from, module);
        self.modules.borrow_mut().insert(key, resolved.clone());
        resolved
    }

    fn language(&self, file: i64) -> Option<Language> {
        self.layout.file(file).map(|f| f.language)
    }
}

fn family(language: Language) -> u8 {
    match language {
        Language::JavaScript | Language::TypeScript | Language::Tsx => 1,
        Language::Python => 2,
        Language::Go => 3,
        Language::Java => 4,
        Language::Rust => 5,
        _ => 0,
    }
}

/// Resolves the uses of one file.
pub(crate) struct FileResolver<'u, 'c> {
    u: &'u Universe<'c>,
    file: FileInfo,
    defs: Rows<DefRow>,
    imports: Rows<ImportRow>,
    by_id: HashMap<i64, usize>,
}

impl<'u, 'c> FileResolver<'u, 'c> {
    pub fn new(u: &'u Universe<'c>, file: i64) -> Option<FileResolver<'u, 'c>> {
        let info = u.layout.file(file)?.clone();
        let defs = u.defs_in(file);
        let imports = u.imports_of(file);
        let by_id = defs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        Some(FileResolver {
            u,
            file: info,
            defs,
            imports,
            by_id,
        })
    }

    fn def(&self, id: i64) -> Option<&DefRow> {
        self.by_id.get(&id).and_then(|i| self.defs.get(*i))
    }

    /// The file an import statement's module lands on (for invalidation and import cycles).
    pub fn import_target(&self, module: &str) -> Option<i64> {
        self.u.module(self.file.id, module).files.first().copied()
    }

    /// The enclosing definitions of a use, innermost first.
    fn chain(&self, enclosing: Option<i64>) -> Vec<&DefRow> {
        let mut out = Vec::new();
        let mut current = enclosing;
        while let Some(id) = current {
            let Some(def) = self.def(id) else { break };
            out.push(def);
            current = def.container;
            if out.len() > 64 {
                break;
            }
        }
        out
    }

    pub fn resolve(&self, r: &UseRow) -> Target {
        if r.kind == RefKind::Import {
            let module = r.qualifier.as_deref().unwrap_or_default();
            return match self.in_module(self.file.id, module, &r.name, 0) {
                Found::Def(id) => Target::resolved(id),
                Found::Missing | Found::External => Target::NONE,
            };
        }
        match r.qualifier.as_deref() {
            None => self.plain(r),
            Some(q) => self.qualified(r, q),
        }
    }

    fn kind_fits(kind: RefKind, def: &DefRow) -> bool {
        match kind {
            RefKind::Call => def.kind.is_callable(),
            RefKind::Type | RefKind::Inherit => def.kind.is_type() && def.kind != DefKind::Impl,
            RefKind::Read | RefKind::Import => def.kind != DefKind::Impl,
        }
    }

    /// Scope: the enclosing definitions' own children, the file's top level, the Go package,
    /// the Java class and package. `None` when scope says nothing.
    fn in_scope(&self, r: &UseRow) -> Option<i64> {
        let chain = self.chain(r.enclosing);
        let lang = self.file.language;
        for (depth, scope) in chain.iter().enumerate() {
            // Class bodies are no scope for their methods in Python and JavaScript; Java and
            // Rust (inline modules) see their members.
            let visible = scope.kind.is_function()
                || scope.kind == DefKind::Module
                || depth == 0
                || lang == Language::Java;
            if !visible {
                continue;
            }
            if let Some(d) = self.defs.iter().find(|d| {
                d.container == Some(scope.id) && d.name == r.name && Self::kind_fits(r.kind, d)
            }) {
                return Some(d.id);
            }
            if lang == Language::Java
                && scope.kind.is_type()
                && let Some(id) = self.member_of(scope, &r.name, 0)
            {
                return Some(id);
            }
        }
        if let Some(d) = self
            .defs
            .iter()
            .find(|d| d.container.is_none() && d.name == r.name && Self::kind_fits(r.kind, d))
        {
            return Some(d.id);
        }
        let package: Vec<i64> = match lang {
            Language::Go => self.u.layout.siblings(self.file.id),
            Language::Java => self
                .file
                .package
                .as_deref()
                .map(|p| self.u.layout.java_package(p).to_vec())
                .unwrap_or_else(|| self.u.layout.siblings(self.file.id)),
            _ => Vec::new(),
        };
        for sibling in package {
            if sibling == self.file.id {
                continue;
            }
            if let Some(d) =
                self.u.defs_in(sibling).iter().find(|d| {
                    d.container.is_none() && d.name == r.name && Self::kind_fits(r.kind, d)
                })
            {
                return Some(d.id);
            }
        }
        None
    }

    fn plain(&self, r: &UseRow) -> Target {
        if let Some(id) = self.in_scope(r) {
            return Target::resolved(id);
        }
        if let Some(import) = self
            .imports
            .iter()
            .rev()
            .find(|i| !i.wildcard && i.binding == r.name)
        {
            return match &import.name {
                Some(name) => match self.in_module(self.file.id, &import.module, name, 0) {
                    Found::Def(id) => Target::resolved(id),
                    Found::Missing | Found::External => Target::NONE,
                },
                // The name is a module.
                None => Target::NONE,
            };
        }
        for import in self.imports.iter().filter(|i| i.wildcard) {
            if let Found::Def(id) = self.in_module(self.file.id, &import.module, &r.name, 0) {
                return Target::resolved(id);
            }
        }
        Target::guessed(self.guess(&r.name, r.kind, false))
    }

    /// The enclosing type of a use (`self`, `this`).
    fn enclosing_type(&self, enclosing: Option<i64>) -> Option<&DefRow> {
        self.chain(enclosing).into_iter().find(|d| d.kind.is_type())
    }

    fn qualified(&self, r: &UseRow, q: &str) -> Target {
        if q == "?" {
            return Target::guessed(self.guess(&r.name, r.kind, true));
        }
        if matches!(q, "self" | "this" | "cls" | "Self") {
            if let Some(ty) = self.enclosing_type(r.enclosing)
                && let Some(id) = self.member_of(ty, &r.name, 0)
            {
                return Target::resolved(id);
            }
            return Target::guessed(self.guess(&r.name, r.kind, true));
        }
        if q == "super" {
            if let Some(ty) = self.enclosing_type(r.enclosing) {
                for base in self.bases(ty) {
                    if let Some(id) = self.member_of(&base, &r.name, 0) {
                        return Target::resolved(id);
                    }
                }
            }
            return Target::guessed(self.guess(&r.name, r.kind, true));
        }
        let lang = self.file.language;
        let separator = if lang == Language::Rust { "::" } else { "." };
        let segments: Vec<&str> = q.split(separator).collect();
        let first = segments.first().copied().unwrap_or_default();
        // Rust paths from the crate, the module or a workspace crate.
        if lang == Language::Rust
            && (matches!(first, "crate" | "self" | "super") || self.is_local_module(first))
        {
            return self.through_module(q, &r.name);
        }
        // A module bound by an import: `os.path.join`, `pkg.Func`, `ns.f`.
        if let Some(import) = self
            .imports
            .iter()
            .rev()
            .find(|i| !i.wildcard && i.binding == first)
        {
            match &import.name {
                None => {
                    let rest = &segments[1..];
                    // `import clock; clock.date.today()`: the segment after the module names a
                    // class (or a submodule bound) in it, whose member is asked for.
                    if lang == Language::Python
                        && let [class] = rest
                        && let Found::Def(id) =
                            self.in_module(self.file.id, &import.module, class, 0)
                        && let Some(def) = self.u_def(id)
                        && (def.kind.is_type() || def.kind == DefKind::Module)
                    {
                        return self.member_or_module(&def, &r.name);
                    }
                    let module = if rest.is_empty() {
                        import.module.clone()
                    } else if lang == Language::Rust {
                        format!("{}::{}", import.module, rest.join("::"))
                    } else if lang == Language::Python {
                        format!("{}.{}", import.module, rest.join("."))
                    } else {
                        return Target::guessed(self.guess(&r.name, r.kind, true));
                    };
                    return self.through_module(&module, &r.name);
                }
                Some(name) if segments.len() == 1 => {
                    return match self.in_module(self.file.id, &import.module, name, 0) {
                        Found::Def(id) => match self.u_def(id) {
                            Some(def) if def.kind.is_type() || def.kind == DefKind::Module => {
                                self.member_or_module(&def, &r.name)
                            }
                            _ => Target::guessed(self.guess(&r.name, r.kind, true)),
                        },
                        Found::External => Target::NONE,
                        // A submodule imported by name (`from pkg import mod`).
                        Found::Missing if lang == Language::Python => self.through_module(
                            &format!(
                                "{}{}{}",
                                import.module,
                                if import.module.ends_with('.') {
                                    ""
                                } else {
                                    "."
                                },
                                name
                            ),
                            &r.name,
                        ),
                        Found::Missing => Target::NONE,
                    };
                }
                Some(_) => return Target::guessed(self.guess(&r.name, r.kind, true)),
            }
        }
        // A type or module in scope: `Config.load()`, `Type::new()`, `util::f()`.
        if segments.len() == 1 {
            let probe = UseRow {
                name: first.to_string(),
                qualifier: None,
                kind: RefKind::Read,
                enclosing: r.enclosing,
            };
            if let Some(id) = self.in_scope(&probe)
                && let Some(def) = self.u_def(id)
                && (def.kind.is_type() || def.kind == DefKind::Module)
            {
                return self.member_or_module(&def, &r.name);
            }
            for import in self.imports.iter().filter(|i| i.wildcard) {
                if let Found::Def(id) = self.in_module(self.file.id, &import.module, first, 0)
                    && let Some(def) = self.u_def(id).filter(|d| d.kind.is_type())
                {
                    return self.member_or_module(&def, &r.name);
                }
            }
        }
        Target::guessed(self.guess(&r.name, r.kind, true))
    }

    fn is_local_module(&self, name: &str) -> bool {
        self.defs
            .iter()
            .any(|d| d.kind == DefKind::Module && d.container.is_none() && d.name == name)
            || self.u.layout.is_crate(name)
    }

    /// A definition anywhere, by id.
    fn u_def(&self, id: i64) -> Option<DefRow> {
        match self.def(id) {
            Some(d) => Some(d.clone()),
            None => self.u.def_by_id(id),
        }
    }

    fn member_or_module(&self, def: &DefRow, name: &str) -> Target {
        if def.kind == DefKind::Module && self.u.language(def.file) == Some(Language::Rust) {
            // `mod util;` then `util::f()`: the module's file, else an inline module's items.
            if def.file == self.file.id {
                let t = self.through_module(&format!("self::{}", def.name), name);
                if t.def.is_some() {
                    return t;
                }
            }
        }
        match self.member_of(def, name, 0) {
            Some(id) => Target::resolved(id),
            None => Target::NONE,
        }
    }

    /// `name` in the module at `path` (`pkg.sub`, `crate::a::Type`).
    fn through_module(&self, path: &str, name: &str) -> Target {
        let resolved = self.u.module(self.file.id, path);
        if resolved.files.is_empty() {
            return Target::NONE;
        }
        if let Some(item) = resolved.rest.first() {
            // `crate::a::Type::method`: the type in the module, then its member.
            for file in &resolved.files {
                if let Some(ty) = self
                    .u
                    .defs_in(*file)
                    .iter()
                    .find(|d| {
                        d.container.is_none()
                            && &d.name == item
                            && d.kind.is_type()
                            && d.kind != DefKind::Impl
                    })
                    .cloned()
                {
                    return match self.member_of(&ty, name, 0) {
                        Some(id) => Target::resolved(id),
                        None => Target::NONE,
                    };
                }
            }
            return Target::NONE;
        }
        match self.lookup_files(&resolved.files, name, 0) {
            Found::Def(id) => Target::resolved(id),
            Found::Missing | Found::External => Target::NONE,
        }
    }

    /// `name` as module `module` (imported from file `from`) exports it, following re-exports.
    fn in_module(&self, from: i64, module: &str, name: &str, depth: usize) -> Found {
        let resolved = self.u.module(from, module);
        if resolved.files.is_empty() {
            // Java: `import static pkg.Class.member` and nested classes name a class, not a package.
            if self.u.language(from) == Some(Language::Java)
                && let Some((package, class)) = module.rsplit_once('.')
                && let Found::Def(id) = self.in_module(from, package, class, depth + 1)
            {
                if let Some(ty) = self.u_def(id)
                    && let Some(m) = self.member_of(&ty, name, 0)
                {
                    return Found::Def(m);
                }
                return Found::Missing;
            }
            return Found::External;
        }
        if let Some(item) = resolved.rest.first() {
            for file in &resolved.files {
                if let Some(ty) = self
                    .u
                    .defs_in(*file)
                    .iter()
                    .find(|d| d.container.is_none() && &d.name == item && d.kind != DefKind::Impl)
                    .cloned()
                {
                    return match self.member_of(&ty, name, 0) {
                        Some(id) => Found::Def(id),
                        None => Found::Missing,
                    };
                }
            }
            return Found::Missing;
        }
        self.lookup_files(&resolved.files, name, depth)
    }

    fn lookup_files(&self, files: &[i64], name: &str, depth: usize) -> Found {
        for file in files {
            let wanted = if name == "default" {
                match self
                    .u
                    .layout
                    .file(*file)
                    .and_then(|f| f.default_export.clone())
                {
                    Some(n) => n,
                    None => continue,
                }
            } else {
                name.to_string()
            };
            if let Some(d) = self
                .u
                .defs_in(*file)
                .iter()
                .find(|d| d.container.is_none() && d.name == wanted && d.kind != DefKind::Impl)
            {
                return Found::Def(d.id);
            }
            if depth >= 4 {
                continue;
            }
            // Re-exports: `from .impl import name` in a package's `__init__.py`, `export {x} from`,
            // `pub use`.
            let imports = self.u.imports_of(*file);
            if let Some(import) = imports.iter().find(|i| !i.wildcard && i.binding == wanted)
                && let Some(inner) = &import.name
                && let Found::Def(id) = self.in_module(*file, &import.module, inner, depth + 1)
            {
                return Found::Def(id);
            }
            for import in imports.iter().filter(|i| i.wildcard) {
                if let Found::Def(id) = self.in_module(*file, &import.module, &wanted, depth + 1) {
                    return Found::Def(id);
                }
            }
        }
        Found::Missing
    }

    /// The base types of a type, as its inheritance uses resolved.
    fn bases(&self, ty: &DefRow) -> Vec<DefRow> {
        self.u
            .bases_of(ty.id)
            .into_iter()
            .filter_map(|id| self.u_def(id))
            .collect()
    }

    /// A member of a type: its own children, methods attached by name (Rust impls, Go
    /// receivers), then its bases'.
    fn member_of(&self, ty: &DefRow, name: &str, depth: usize) -> Option<i64> {
        let lang = self.u.language(ty.file)?;
        let own = self
            .u
            .defs_in(ty.file)
            .iter()
            .find(|d| d.container == Some(ty.id) && d.name == name)
            .map(|d| d.id);
        if own.is_some() {
            return own;
        }
        if matches!(lang, Language::Rust | Language::Go) || ty.kind == DefKind::Impl {
            let attached = self.u.with_container(&ty.name);
            let ty_dir = self
                .u
                .layout
                .file(ty.file)
                .map(|f| {
                    f.path
                        .rsplit_once('/')
                        .map_or(String::new(), |(d, _)| d.to_string())
                })
                .unwrap_or_default();
            let mut best: Option<(bool, i64)> = None;
            for d in attached.iter().filter(|d| d.name == name) {
                if self.u.language(d.file) != Some(lang) {
                    continue;
                }
                let same_dir =
                    self.u.layout.file(d.file).is_some_and(|f| {
                        f.path.rsplit_once('/').map_or("", |(dd, _)| dd) == ty_dir
                    });
                if lang == Language::Go && !same_dir {
                    continue;
                }
                if best.is_none_or(|(b, _)| !b && same_dir) {
                    best = Some((same_dir, d.id));
                }
            }
            if let Some((_, id)) = best {
                return Some(id);
            }
        }
        if depth < 3 {
            for base in self.bases(ty) {
                if let Some(id) = self.member_of(&base, name, depth + 1) {
                    return Some(id);
                }
            }
        }
        None
    }

    /// The ranked guess: definitions of that name in the same language, nearest first. A plain
    /// name is guessed only where a language lets one reach another file without an import
    /// (Java's inherited members, scripts without modules, Rust macros); a member (`x.name` with
    /// `x` unknown) among the members of that name.
    fn guess(&self, name: &str, kind: RefKind, member: bool) -> Option<i64> {
        let lang = self.file.language;
        let family_here = family(lang);
        let scripts = matches!(
            lang,
            Language::JavaScript | Language::TypeScript | Language::Tsx
        ) && self.imports.is_empty();
        let here = self.file.path.as_str();
        let candidates = self.u.named(name);
        candidates
            .iter()
            .filter(|d| {
                if !Self::kind_fits(kind, d)
                    || self.u.language(d.file).map(family) != Some(family_here)
                {
                    return false;
                }
                if member {
                    return d.container_name.is_some() && d.kind != DefKind::Impl;
                }
                match lang {
                    Language::Java => d.container_name.is_some(),
                    Language::Rust => d.kind == DefKind::Macro,
                    _ => scripts && d.container.is_none(),
                }
            })
            .min_by_key(|d| {
                let path = self.u.layout.file(d.file).map_or("", |f| f.path.as_str());
                let shared = here
                    .split('/')
                    .zip(path.split('/'))
                    .take_while(|(a, b)| a == b)
                    .count();
                (
                    d.file != self.file.id,
                    std::cmp::Reverse(shared),
                    path.to_string(),
                    d.id,
                )
            })
            .map(|d| d.id)
    }
}
