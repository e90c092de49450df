//! Module-to-file resolution per language: which workspace files an import names.
//!
//! Built from the list of files in the graph and the few project files that define module roots
//! (`go.mod`, `Cargo.toml`, `tsconfig.json`/`jsconfig.json`), read from disk. A module that maps
//! to no workspace file (the standard library, a dependency) resolves to nothing: references
//! through it stay unresolved rather than guessed.

use crate::parse::Language;
use std::collections::HashMap;
use std::path::Path;

/// A file as resolution sees it.
#[derive(Debug, Clone)]
pub(crate) struct FileInfo {
    pub id: i64,
    pub path: String,
    pub language: Language,
    pub package: Option<String>,
    pub default_export: Option<String>,
}

/// A Go module: its path and the folder of its `go.mod`.
#[derive(Debug, Clone)]
struct GoModule {
    path: String,
    dir: String,
}

/// A tsconfig's `baseUrl` and `paths`, with the folder they are relative to.
#[derive(Debug, Clone, Default)]
struct TsConfig {
    dir: String,
    base_url: Option<String>,
    paths: Vec<(String, Vec<String>)>,
}

/// A Rust crate of the workspace: its name (as code writes it) and its root file.
#[derive(Debug, Clone)]
struct Crate {
    name: String,
    dir: String,
}

/// The workspace's files and module roots.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    pub files: HashMap<i64, FileInfo>,
    by_path: HashMap<String, i64>,
    by_dir: HashMap<String, Vec<i64>>,
    /// Python module paths (`a/b` for `a/b.py` and `a/b/__init__.py`) by every suffix.
    python: HashMap<String, Vec<i64>>,
    java_packages: HashMap<String, Vec<i64>>,
    go_modules: Vec<GoModule>,
    ts_configs: Vec<TsConfig>,
    crates: Vec<Crate>,
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn join(dir: &str, rest: &str) -> String {
    if dir.is_empty() {
        rest.to_string()
    } else if rest.is_empty() {
        dir.to_string()
    } else {
        format!("{dir}/{rest}")
    }
}

/// `a/./b/../c` → `a/c`; `None` when it climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// JSON with comments and trailing commas (tsconfig's dialect) made plain enough for serde.
fn strip_json_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut prev = ' ';
                for n in chars.by_ref() {
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
            }
            _ => out.push(c),
        }
    }
    // Trailing commas before } or ].
    let re = regex::Regex::new(r",(\s*[}\]])").ok();
    match re {
        Some(re) => re.replace_all(&out, "$1").into_owned(),
        None => out,
    }
}

const JS_EXTENSIONS: &[&str] = &[
    ".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts",
];

impl Layout {
    /// The layout of `files`; `all_paths` are every indexed path (for the project files), read
    /// under `root`.
    pub fn new(root: &Path, files: Vec<FileInfo>, all_paths: &[String]) -> Layout {
        let mut layout = Layout::default();
        for file in &files {
            layout.by_path.insert(file.path.clone(), file.id);
            layout
                .by_dir
                .entry(dir_of(&file.path).to_string())
                .or_default()
                .push(file.id);
            match file.language {
                Language::Python => {
                    let stem = file
                        .path
                        .strip_suffix(".py")
                        .or_else(|| file.path.strip_suffix(".pyi"))
                        .unwrap_or(&file.path);
                    let module = stem.strip_suffix("/__init__").unwrap_or(stem);
                    let module = if stem == "__init__" { "" } else { module };
                    let parts: Vec<&str> = module.split('/').collect();
                    for start in 0..parts.len() {
                        layout
                            .python
                            .entry(parts[start..].join("/"))
                            .or_default()
                            .push(file.id);
                    }
                }
                Language::Java => {
                    if let Some(package) = &file.package {
                        layout
                            .java_packages
                            .entry(package.clone())
                            .or_default()
                            .push(file.id);
                    }
                }
                _ => {}
            }
        }
        for path in all_paths {
            let name = path.rsplit('/').next().unwrap_or(path);
            let dir = dir_of(path).to_string();
            match name {
                "go.mod" => {
                    if let Ok(text) = std::fs::read_to_string(root.join(path))
                        && let Some(module) = text.lines().find_map(|l| {
                            l.trim()
                                .strip_prefix("module ")
                                .map(|m| m.trim().trim_matches('"').to_string())
                        })
                    {
                        layout.go_modules.push(GoModule { path: module, dir });
                    }
                }
                "Cargo.toml" => {
                    let Ok(text) = std::fs::read_to_string(root.join(path)) else {
                        continue;
                    };
                    let Ok(value) = text.parse::<toml::Table>() else {
                        continue;
                    };
                    let lib_name = value
                        .get("lib")
                        .and_then(|l| l.get("name"))
                        .and_then(|n| n.as_str());
                    let package = value
                        .get("package")
                        .and_then(|p| p.get("name"))
                        .and_then(|n| n.as_str());
                    if let Some(name) = lib_name.or(package) {
                        layout.crates.push(Crate {
                            name: name.replace('-', "_"),
                            dir,
                        });
                    }
                }
                "tsconfig.json" | "jsconfig.json" => {
                    let Ok(text) = std::fs::read_to_string(root.join(path)) else {
                        continue;
                    };
                    let Ok(value) =
                        serde_json::from_str::<serde_json::Value>(&strip_json_comments(&text))
                    else {
                        continue;
                    };
                    let options = value.get("compilerOptions");
                    let base_url = options
                        .and_then(|o| o.get("baseUrl"))
                        .and_then(|b| b.as_str())
                        .map(str::to_string);
                    let paths = options
                        .and_then(|o| o.get("paths"))
                        .and_then(|p| p.as_object())
                        .map(|map| {
                            map.iter()
                                .map(|(k, v)| {
                                    let targets = v
                                        .as_array()
                                        .map(|a| {
                                            a.iter()
                                                .filter_map(|t| t.as_str().map(str::to_string))
                                                .collect()
                                        })
                                        .unwrap_or_default();
                                    (k.clone(), targets)
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    layout.ts_configs.push(TsConfig {
                        dir,
                        base_url,
                        paths,
                    });
                }
                _ => {}
            }
        }
        // Deepest first: the nearest project file wins.
        layout
            .go_modules
            .sort_by_key(|m| std::cmp::Reverse(m.dir.len()));
        layout
            .ts_configs
            .sort_by_key(|c| std::cmp::Reverse(c.dir.len()));
        layout
            .crates
            .sort_by_key(|c| std::cmp::Reverse(c.dir.len()));
        layout.files = files.into_iter().map(|f| (f.id, f)).collect();
        layout
    }

    /// Whether `name` is a Rust crate of the workspace.
    pub fn is_crate(&self, name: &str) -> bool {
        self.crates.iter().any(|c| c.name == name)
    }

    pub fn id_of(&self, path: &str) -> Option<i64> {
        self.by_path.get(path).copied()
    }

    pub fn file(&self, id: i64) -> Option<&FileInfo> {
        self.files.get(&id)
    }

    /// Files in the same folder and language family (a Go package, a Java package's folder).
    pub fn siblings(&self, id: i64) -> Vec<i64> {
        let Some(file) = self.file(id) else {
            return Vec::new();
        };
        self.by_dir
            .get(dir_of(&file.path))
            .map(|ids| {
                ids.iter()
                    .copied()
                    .filter(|i| {
                        self.file(*i).is_some_and(|f| {
                            f.language == file.language && f.package == file.package
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Java files of a package.
    pub fn java_package(&self, package: &str) -> &[i64] {
        self.java_packages
            .get(package)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The files an import of `module` from file `from` names. Rust paths return the module
    /// file and the segments left after it (items, not modules).
    pub fn resolve(&self, from: i64, module: &str) -> Resolved {
        let Some(file) = self.file(from) else {
            return Resolved::default();
        };
        match file.language {
            Language::Python => self.python_module(&file.path, module),
            Language::JavaScript | Language::TypeScript | Language::Tsx => {
                self.js_module(&file.path, module)
            }
            Language::Go => self.go_package(module),
            Language::Java => Resolved::files(self.java_package(module).to_vec()),
            Language::Rust => self.rust_path(&file.path, module),
            _ => Resolved::default(),
        }
    }

    fn python_module(&self, from: &str, module: &str) -> Resolved {
        let dots = module.chars().take_while(|c| *c == '.').count();
        let rest = module[dots..].replace('.', "/");
        if dots > 0 {
            let mut dir = dir_of(from).to_string();
            for _ in 1..dots {
                dir = dir_of(&dir).to_string();
            }
            let base = join(&dir, &rest);
            let candidates = if rest.is_empty() {
                vec![join(&dir, "__init__.py")]
            } else {
                vec![
                    format!("{base}.py"),
                    format!("{base}/__init__.py"),
                    format!("{base}.pyi"),
                    format!("{base}/__init__.pyi"),
                ]
            };
            return Resolved::files(
                candidates
                    .iter()
                    .filter_map(|c| self.id_of(c))
                    .take(1)
                    .collect(),
            );
        }
        let Some(ids) = self.python.get(&rest) else {
            return Resolved::default();
        };
        // Several files end in this module path (`a/util.py`, `b/util.py`): the one under the
        // importing file's own source root, then the shortest.
        let from_dir = dir_of(from);
        let best = ids.iter().copied().min_by_key(|id| {
            let path = self.file(*id).map_or("", |f| f.path.as_str());
            let stem_len = rest.len() + if path.ends_with("__init__.py") { 12 } else { 3 };
            let root = &path[..path.len().saturating_sub(stem_len)];
            let root = root.trim_end_matches('/');
            let under =
                root.is_empty() || from_dir == root || from_dir.starts_with(&format!("{root}/"));
            (!under, path.len(), path.to_string())
        });
        Resolved::files(best.into_iter().collect())
    }

    fn js_file(&self, base: &str) -> Option<i64> {
        let base = normalize(base)?;
        if let Some(id) = self.id_of(&base) {
            return Some(id);
        }
        // TypeScript's ESM style names the emitted `.js`; the source is `.ts`.
        for (js, ts) in [
            (".js", ".ts"),
            (".js", ".tsx"),
            (".mjs", ".mts"),
            (".cjs", ".cts"),
        ] {
            if let Some(stem) = base.strip_suffix(js)
                && let Some(id) = self.id_of(&format!("{stem}{ts}"))
            {
                return Some(id);
            }
        }
        JS_EXTENSIONS
            .iter()
            .find_map(|ext| self.id_of(&format!("{base}{ext}")))
            .or_else(|| {
                JS_EXTENSIONS
                    .iter()
                    .find_map(|ext| self.id_of(&join(&base, &format!("index{ext}"))))
            })
    }

    fn js_module(&self, from: &str, spec: &str) -> Resolved {
        if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
            return Resolved::files(
                self.js_file(&join(dir_of(from), spec))
                    .into_iter()
                    .collect(),
            );
        }
        if let Some(rooted) = spec.strip_prefix('/') {
            return Resolved::files(self.js_file(rooted).into_iter().collect());
        }
        let Some(config) = self
            .ts_configs
            .iter()
            .find(|c| c.dir.is_empty() || from.starts_with(&format!("{}/", c.dir)))
        else {
            return Resolved::default();
        };
        let base = join(&config.dir, config.base_url.as_deref().unwrap_or("."));
        for (pattern, targets) in &config.paths {
            let matched = match pattern.split_once('*') {
                Some((pre, post)) => spec
                    .strip_prefix(pre)
                    .and_then(|s| s.strip_suffix(post))
                    .map(str::to_string),
                None => (pattern == spec).then(String::new),
            };
            let Some(star) = matched else { continue };
            for target in targets {
                let path = join(&base, &target.replace('*', &star));
                if let Some(id) = self.js_file(&path) {
                    return Resolved::files(vec![id]);
                }
            }
        }
        if config.base_url.is_some()
            && let Some(id) = self.js_file(&join(&base, spec))
        {
            return Resolved::files(vec![id]);
        }
        Resolved::default()
    }

    fn go_package(&self, import: &str) -> Resolved {
        for module in &self.go_modules {
            let rest = if import == module.path {
                Some("")
            } else {
                import
                    .strip_prefix(&module.path)
                    .and_then(|r| r.strip_prefix('/'))
            };
            if let Some(rest) = rest {
                let dir = join(&module.dir, rest);
                let ids = self
                    .by_dir
                    .get(&dir)
                    .map(|ids| {
                        ids.iter()
                            .copied()
                            .filter(|i| {
                                self.file(*i).is_some_and(|f| {
                                    f.language == Language::Go && !f.path.ends_with("_test.go")
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                return Resolved::files(ids);
            }
        }
        Resolved::default()
    }

    /// The folder whose files are the child modules of the module in `path`.
    fn rust_mod_dir(path: &str) -> String {
        let name = path.rsplit('/').next().unwrap_or(path);
        if matches!(name, "lib.rs" | "main.rs" | "mod.rs") {
            dir_of(path).to_string()
        } else {
            path.strip_suffix(".rs").unwrap_or(path).to_string()
        }
    }

    fn rust_child(&self, module_file: &str, name: &str) -> Option<String> {
        let dir = Layout::rust_mod_dir(module_file);
        [
            join(&dir, &format!("{name}.rs")),
            join(&dir, &format!("{name}/mod.rs")),
        ]
        .into_iter()
        .find(|c| self.by_path.contains_key(c))
    }

    fn rust_parent(&self, module_file: &str) -> Option<String> {
        let name = module_file.rsplit('/').next().unwrap_or(module_file);
        if matches!(name, "lib.rs" | "main.rs") {
            return None;
        }
        let declaring_dir = if name == "mod.rs" {
            dir_of(dir_of(module_file)).to_string()
        } else {
            dir_of(module_file).to_string()
        };
        let own = declaring_dir.rsplit('/').next().unwrap_or(&declaring_dir);
        [
            join(&declaring_dir, "mod.rs"),
            join(&declaring_dir, "lib.rs"),
            join(&declaring_dir, "main.rs"),
            join(dir_of(&declaring_dir), &format!("{own}.rs")),
        ]
        .into_iter()
        .find(|c| self.by_path.contains_key(c))
    }

    fn crate_root(&self, dir: &str) -> Option<String> {
        ["src/lib.rs", "src/main.rs", "lib.rs", "main.rs"]
            .iter()
            .map(|f| join(dir, f))
            .find(|c| self.by_path.contains_key(c))
    }

    fn rust_path(&self, from: &str, path: &str) -> Resolved {
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let Some(first) = segments.first() else {
            return Resolved::files(self.id_of(from).into_iter().collect());
        };
        let own_crate = self
            .crates
            .iter()
            .find(|c| c.dir.is_empty() || from.starts_with(&format!("{}/", c.dir)));
        let mut current = match *first {
            "crate" => own_crate.and_then(|c| self.crate_root(&c.dir)),
            "self" => Some(from.to_string()),
            "super" => self.rust_parent(from),
            name => self
                .crates
                .iter()
                .find(|c| c.name == name)
                .and_then(|c| self.crate_root(&c.dir))
                .or_else(|| self.rust_child(from, name)),
        };
        let mut rest = segments[1..].iter();
        let mut left = Vec::new();
        while let (Some(file), Some(seg)) = (current.clone(), rest.next()) {
            let next = if *seg == "super" {
                self.rust_parent(&file)
            } else if *seg == "self" {
                Some(file.clone())
            } else {
                self.rust_child(&file, seg)
            };
            match next {
                Some(next) => current = Some(next),
                None => {
                    left.push(seg.to_string());
                    left.extend(rest.by_ref().map(|s| s.to_string()));
                    break;
                }
            }
        }
        match current.and_then(|f| self.id_of(&f)) {
            Some(id) => Resolved {
                files: vec![id],
                rest: left,
            },
            None => Resolved::default(),
        }
    }
}

/// Where a module path lands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub files: Vec<i64>,
    /// Rust: the path's segments after the last module (items inside it).
    pub rest: Vec<String>,
}

impl Resolved {
    fn files(files: Vec<i64>) -> Resolved {
        Resolved {
            files,
            rest: Vec::new(),
        }
    }
}
