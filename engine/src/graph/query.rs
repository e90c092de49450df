//! Questions the graph answers, each a few indexed queries: where a name at a place is defined,
//! who uses a definition, who calls it and what it calls (to a depth), what a change to a
//! symbol or a file reaches, which imports form cycles, which definitions matter most (the
//! repository map), which are never used, and the type hierarchy.

use super::GraphError;
use super::model::{Confidence, DefKind, RefKind, Span};
use super::store;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

/// A definition, as queries return it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Symbol {
    pub id: i64,
    pub name: String,
    pub kind: DefKind,
    /// The enclosing type's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    pub path: String,
    pub language: String,
    /// The identifier.
    pub name_span: Span,
    /// The whole definition.
    pub span: Span,
    pub signature: String,
}

/// A use of a definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub path: String,
    pub span: Span,
    pub kind: RefKind,
    pub confidence: Confidence,
    /// The definition the use sits in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enclosing: Option<String>,
}

/// Calls from one caller to one callee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallSite {
    /// The calling function (or type body); `None` for a module's top level.
    pub caller: Option<Symbol>,
    pub callee: Symbol,
    /// The file of the calls (the caller's).
    pub path: String,
    /// Where the calls are.
    pub spans: Vec<Span>,
    /// The surest of the calls' confidences.
    pub confidence: Confidence,
    /// 1 for direct calls, 2 for calls of those, …
    pub depth: usize,
}

/// What a change reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImpactEntry {
    pub symbol: Option<Symbol>,
    pub path: String,
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Impact {
    pub entries: Vec<ImpactEntry>,
    /// Files reached, sorted.
    pub files: Vec<String>,
    /// False when the walk stopped at its limit.
    pub complete: bool,
}

/// One line of the repository map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapEntry {
    pub symbol: Symbol,
    pub rank: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepoMap {
    /// The map as text: files, each with its most central definitions' signatures.
    pub text: String,
    pub entries: Vec<MapEntry>,
    /// The estimate of `text`'s tokens (4 bytes a token).
    pub tokens: usize,
}

/// An open graph, for reading.
pub struct Graph {
    conn: Connection,
    dir: PathBuf,
    symbols: RefCell<HashMap<i64, Option<Symbol>>>,
}

const SYMBOL_SQL: &str = "SELECT d.id, d.name, d.kind, d.container_name, f.path, f.lang,
    d.name_sl, d.name_sc, d.name_el, d.name_ec, d.sl, d.sc, d.el, d.ec, d.signature, d.container
    FROM defs d JOIN files f ON f.id = d.file";

fn span(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Span> {
    Ok(Span {
        start_line: row.get(at)?,
        start_col: row.get(at + 1)?,
        end_line: row.get(at + 2)?,
        end_col: row.get(at + 3)?,
    })
}

fn symbol_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Symbol> {
    let kind: String = row.get(2)?;
    Ok(Symbol {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: DefKind::from_name(&kind).unwrap_or(DefKind::Variable),
        container: row.get(3)?,
        path: row.get(4)?,
        language: row.get(5)?,
        name_span: span(row, 6)?,
        span: span(row, 10)?,
        signature: row.get(14)?,
    })
}

/// Most results a walk collects before it says it stopped.
const WALK_LIMIT: usize = 5000;

impl Graph {
    /// Opens the graph beside the index in `index_dir`.
    pub fn open(index_dir: &Path) -> Result<Graph, GraphError> {
        Ok(Graph {
            conn: store::open_for_read(index_dir)?,
            dir: index_dir.to_path_buf(),
            symbols: RefCell::default(),
        })
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> GraphError + '_ {
        move |source| GraphError::Sqlite {
            path: store::graph_path(&self.dir),
            source,
        }
    }

    fn symbols_where(
        &self,
        clause: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<Symbol>, GraphError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SYMBOL_SQL} WHERE {clause}"))
            .map_err(self.err())?;
        let rows = stmt.query_map(args, symbol_row).map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// A definition by id.
    pub fn symbol(&self, id: i64) -> Result<Option<Symbol>, GraphError> {
        if let Some(hit) = self.symbols.borrow().get(&id) {
            return Ok(hit.clone());
        }
        let found = self.symbols_where("d.id = ?1", [id])?.into_iter().next();
        self.symbols.borrow_mut().insert(id, found.clone());
        Ok(found)
    }

    fn container_of(&self, id: i64) -> Result<Option<i64>, GraphError> {
        self.conn
            .query_row("SELECT container FROM defs WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map(Option::flatten)
            .map_err(self.err())
    }

    /// The function a use sits in: the nearest enclosing function or method, else the
    /// nearest definition, else none (module level).
    fn caller_of(&self, enclosing: Option<i64>) -> Result<Option<Symbol>, GraphError> {
        let Some(first) = enclosing else {
            return Ok(None);
        };
        let mut current = Some(first);
        let mut steps = 0;
        while let Some(id) = current {
            if let Some(sym) = self.symbol(id)?
                && sym.kind.is_function()
            {
                return Ok(Some(sym));
            }
            current = self.container_of(id)?;
            steps += 1;
            if steps > 64 {
                break;
            }
        }
        self.symbol(first)
    }

    /// Definitions named exactly `name` (all kinds but `impl`), by path and line.
    pub fn symbols_named(&self, name: &str) -> Result<Vec<Symbol>, GraphError> {
        self.symbols_where(
            "d.name = ?1 AND d.kind != 'impl' ORDER BY f.path, d.sl",
            [name],
        )
    }

    /// The definitions a user names: `name`, or `Type.name` / `Type::name` for a member,
    /// optionally only those in `path`. Functions and types come before variables and fields.
    pub fn find(&self, spec: &str, path: Option<&str>) -> Result<Vec<Symbol>, GraphError> {
        let spec = spec.trim();
        let (container, name) = match spec.rsplit_once("::").or_else(|| spec.rsplit_once('.')) {
            Some((c, n)) if !c.is_empty() && !n.is_empty() => {
                (Some(c.rsplit(['.', ':']).next().unwrap_or(c)), n)
            }
            _ => (None, spec),
        };
        let mut found: Vec<Symbol> = self
            .symbols_named(name)?
            .into_iter()
            .filter(|s| container.is_none_or(|c| s.container.as_deref() == Some(c)))
            .filter(|s| path.is_none_or(|p| s.path == p))
            .collect();
        found.sort_by_key(|s| matches!(s.kind, DefKind::Variable | DefKind::Field));
        if found.is_empty() {
            return Err(GraphError::UnknownSymbol {
                name: spec.to_string(),
            });
        }
        Ok(found)
    }

    /// The definitions of a file in source order.
    pub fn file_symbols(&self, path: &str) -> Result<Vec<Symbol>, GraphError> {
        self.symbols_where("f.path = ?1 ORDER BY d.id", [path])
    }

    /// The content hash the graph read `path` with.
    pub fn file_hash(&self, path: &str) -> Result<Option<String>, GraphError> {
        self.conn
            .query_row("SELECT hash FROM files WHERE path = ?1", [path], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.err())
    }

    /// Whether the graph holds `path`.
    pub fn has_file(&self, path: &str) -> Result<bool, GraphError> {
        self.conn
            .query_row("SELECT 1 FROM files WHERE path = ?1", [path], |_| Ok(()))
            .optional()
            .map(|o| o.is_some())
            .map_err(self.err())
    }

    /// The definition named at (line, col) of `path`: the definition itself when the place is
    /// its name, else what the use there resolved to (with its confidence).
    pub fn definition_at(
        &self,
        path: &str,
        line: u32,
        col: u32,
    ) -> Result<Option<(Symbol, Confidence)>, GraphError> {
        let defs = self.symbols_where(
            "f.path = ?1 AND d.name_sl = ?2 AND d.name_sc <= ?3 AND d.name_ec >= ?3 AND d.kind != 'impl'",
            params![path, line, col],
        )?;
        if let Some(def) = defs.into_iter().next() {
            return Ok(Some((def, Confidence::Resolved)));
        }
        let hit: Option<(Option<i64>, i64)> = self
            .conn
            .query_row(
                "SELECT r.target, r.confidence FROM refs r JOIN files f ON f.id = r.file
                 WHERE f.path = ?1 AND r.sl = ?2 AND r.sc <= ?3 AND r.ec >= ?3
                 ORDER BY r.ec - r.sc LIMIT 1",
                params![path, line, col],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.err())?;
        match hit {
            Some((Some(target), confidence)) => Ok(self
                .symbol(target)?
                .map(|s| (s, Confidence::from_i64(confidence)))),
            _ => Ok(None),
        }
    }

    /// Whether (line, col) of `path` is a use the graph holds at all (resolved or not).
    pub fn use_at(&self, path: &str, line: u32, col: u32) -> Result<Option<String>, GraphError> {
        self.conn
            .query_row(
                "SELECT r.name FROM refs r JOIN files f ON f.id = r.file
                 WHERE f.path = ?1 AND r.sl = ?2 AND r.sc <= ?3 AND r.ec >= ?3 LIMIT 1",
                params![path, line, col],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())
    }

    /// The uses that land on definition `id`, at least as sure as `min`, by path and place.
    pub fn references(&self, id: i64, min: Confidence) -> Result<Vec<Reference>, GraphError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.path, r.sl, r.sc, r.el, r.ec, r.kind, r.confidence, r.enclosing
                 FROM refs r JOIN files f ON f.id = r.file
                 WHERE r.target = ?1 AND r.confidence >= ?2 ORDER BY f.path, r.sl, r.sc",
            )
            .map_err(self.err())?;
        let rows: Vec<(String, Span, String, i64, Option<i64>)> = stmt
            .query_map(params![id, min as i64], |r| {
                Ok((r.get(0)?, span(r, 1)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        rows.into_iter()
            .map(|(path, span, kind, confidence, enclosing)| {
                let enclosing = match enclosing {
                    Some(e) => self.symbol(e)?.map(|s| s.name),
                    None => None,
                };
                Ok(Reference {
                    path,
                    span,
                    kind: RefKind::from_name(&kind).unwrap_or(RefKind::Read),
                    confidence: Confidence::from_i64(confidence),
                    enclosing,
                })
            })
            .collect()
    }

    /// How many distinct callers call `id` (resolved or by name).
    pub fn caller_count(&self, id: i64) -> Result<usize, GraphError> {
        Ok(self.callers(id, 1)?.len())
    }

    /// Direct calls landing on `id`, grouped by caller.
    fn calls_into(&self, id: i64) -> Result<Vec<CallSite>, GraphError> {
        let Some(callee) = self.symbol(id)? else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.path, r.sl, r.sc, r.el, r.ec, r.confidence, r.enclosing
                 FROM refs r JOIN files f ON f.id = r.file
                 WHERE r.target = ?1 AND r.kind = 'call' ORDER BY f.path, r.sl, r.sc",
            )
            .map_err(self.err())?;
        let rows: Vec<(String, Span, i64, Option<i64>)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, span(r, 1)?, r.get(5)?, r.get(6)?)))
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        let mut grouped: BTreeMap<(String, Option<i64>), CallSite> = BTreeMap::new();
        for (path, span, confidence, enclosing) in rows {
            let caller = self.caller_of(enclosing)?;
            let key = (path.clone(), caller.as_ref().map(|c| c.id));
            let site = grouped.entry(key).or_insert_with(|| CallSite {
                caller,
                callee: callee.clone(),
                path,
                spans: Vec::new(),
                confidence: Confidence::Unresolved,
                depth: 1,
            });
            site.spans.push(span);
            site.confidence = site.confidence.max(Confidence::from_i64(confidence));
        }
        Ok(grouped.into_values().collect())
    }

    /// Direct calls made inside `id` (and its nested non-function definitions), by callee.
    fn calls_out_of(&self, id: i64) -> Result<Vec<CallSite>, GraphError> {
        let Some(caller) = self.symbol(id)? else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT r.sl, r.sc, r.el, r.ec, r.confidence, r.target
                 FROM refs r WHERE r.enclosing = ?1 AND r.kind = 'call' AND r.target IS NOT NULL
                 ORDER BY r.sl, r.sc",
            )
            .map_err(self.err())?;
        let rows: Vec<(Span, i64, i64)> = stmt
            .query_map([id], |r| Ok((span(r, 0)?, r.get(4)?, r.get(5)?)))
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        let mut grouped: BTreeMap<i64, CallSite> = BTreeMap::new();
        let mut order = Vec::new();
        for (span, confidence, target) in rows {
            let Some(callee) = self.symbol(target)? else {
                continue;
            };
            let site = grouped.entry(target).or_insert_with(|| {
                order.push(target);
                CallSite {
                    caller: Some(caller.clone()),
                    callee,
                    path: caller.path.clone(),
                    spans: Vec::new(),
                    confidence: Confidence::Unresolved,
                    depth: 1,
                }
            });
            site.spans.push(span);
            site.confidence = site.confidence.max(Confidence::from_i64(confidence));
        }
        Ok(order
            .into_iter()
            .filter_map(|t| grouped.remove(&t))
            .collect())
    }

    /// Who calls `id`, and who calls those, to `depth` levels (breadth first, each caller once).
    pub fn callers(&self, id: i64, depth: usize) -> Result<Vec<CallSite>, GraphError> {
        self.walk_calls(id, depth, true)
    }

    /// What `id` calls, and what those call, to `depth` levels.
    pub fn callees(&self, id: i64, depth: usize) -> Result<Vec<CallSite>, GraphError> {
        self.walk_calls(id, depth, false)
    }

    fn walk_calls(&self, id: i64, depth: usize, up: bool) -> Result<Vec<CallSite>, GraphError> {
        let mut out = Vec::new();
        let mut seen = HashSet::from([id]);
        let mut frontier = vec![id];
        for level in 1..=depth.max(1) {
            let mut next = Vec::new();
            for node in frontier {
                let sites = if up {
                    self.calls_into(node)?
                } else {
                    self.calls_out_of(node)?
                };
                for mut site in sites {
                    site.depth = level;
                    let other = if up {
                        site.caller.as_ref().map(|c| c.id)
                    } else {
                        Some(site.callee.id)
                    };
                    if let Some(other) = other
                        && seen.insert(other)
                    {
                        next.push(other);
                    }
                    out.push(site);
                    if out.len() >= WALK_LIMIT {
                        return Ok(out);
                    }
                }
            }
            frontier = next;
        }
        Ok(out)
    }

    /// Everything that uses `id`, transitively (through the definitions the uses sit in), to
    /// `depth` levels.
    pub fn impact_of_symbol(&self, id: i64, depth: usize) -> Result<Impact, GraphError> {
        self.impact(vec![id], Vec::new(), depth)
    }

    /// Everything that uses a definition of `path` or imports it, transitively.
    pub fn impact_of_file(&self, path: &str, depth: usize) -> Result<Impact, GraphError> {
        let ids: Vec<i64> = self.file_symbols(path)?.iter().map(|s| s.id).collect();
        let file: Option<i64> = self
            .conn
            .query_row("SELECT id FROM files WHERE path = ?1", [path], |r| r.get(0))
            .optional()
            .map_err(self.err())?;
        let Some(file) = file else {
            return Err(GraphError::UnknownFile {
                path: path.to_string(),
            });
        };
        self.impact(ids, vec![file], depth)
    }

    fn impact(&self, seeds: Vec<i64>, files: Vec<i64>, depth: usize) -> Result<Impact, GraphError> {
        let mut entries = Vec::new();
        let mut reached_files: HashSet<String> = HashSet::new();
        let mut seen: HashSet<i64> = seeds.iter().copied().collect();
        let mut seen_files: HashSet<i64> = files.iter().copied().collect();
        let mut frontier = seeds;
        let mut file_frontier = files;
        let mut complete = true;
        'levels: for level in 1..=depth.max(1) {
            let mut next = Vec::new();
            let mut next_files = Vec::new();
            for node in &frontier {
                let mut stmt = self
                    .conn
                    .prepare_cached(
                        "SELECT DISTINCT r.enclosing, f.path FROM refs r JOIN files f ON f.id = r.file
                         WHERE r.target = ?1 AND r.confidence >= 1 AND r.kind != 'import'",
                    )
                    .map_err(self.err())?;
                let rows: Vec<(Option<i64>, String)> = stmt
                    .query_map([node], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(self.err())?
                    .collect::<Result<_, _>>()
                    .map_err(self.err())?;
                for (enclosing, path) in rows {
                    let user = self.caller_of(enclosing)?;
                    let key = user.as_ref().map(|u| u.id);
                    let fresh = match key {
                        Some(k) => seen.insert(k),
                        None => reached_files.insert(format!("\u{0}{path}")),
                    };
                    if fresh {
                        reached_files.insert(path.clone());
                        if let Some(k) = key {
                            next.push(k);
                        }
                        entries.push(ImpactEntry {
                            symbol: user,
                            path,
                            depth: level,
                        });
                        if entries.len() >= WALK_LIMIT {
                            complete = false;
                            break 'levels;
                        }
                    }
                }
            }
            for file in &file_frontier {
                let mut stmt = self
                    .conn
                    .prepare_cached(
                        "SELECT DISTINCT i.file, f.path FROM imports i JOIN files f ON f.id = i.file WHERE i.target_file = ?1",
                    )
                    .map_err(self.err())?;
                let rows: Vec<(i64, String)> = stmt
                    .query_map([file], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(self.err())?
                    .collect::<Result<_, _>>()
                    .map_err(self.err())?;
                for (importer, path) in rows {
                    if seen_files.insert(importer) {
                        next_files.push(importer);
                        if reached_files.insert(path.clone()) {
                            entries.push(ImpactEntry {
                                symbol: None,
                                path,
                                depth: level,
                            });
                        }
                    }
                }
            }
            frontier = next;
            file_frontier = next_files;
        }
        let mut files: Vec<String> = reached_files
            .into_iter()
            .filter(|p| !p.starts_with('\u{0}'))
            .collect();
        files.sort();
        Ok(Impact {
            entries,
            files,
            complete,
        })
    }

    /// Groups of files that import each other in a cycle (strongly connected components of
    /// the resolved import graph with more than one file, or a file importing itself).
    pub fn import_cycles(&self) -> Result<Vec<Vec<String>>, GraphError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT DISTINCT i.file, i.target_file FROM imports i WHERE i.target_file IS NOT NULL",
            )
            .map_err(self.err())?;
        let edges: Vec<(i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        let mut adjacency: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut self_loops = HashSet::new();
        for (a, b) in &edges {
            if a == b {
                self_loops.insert(*a);
            } else {
                adjacency.entry(*a).or_default().push(*b);
            }
        }
        let components = strongly_connected(&adjacency);
        let mut paths: HashMap<i64, String> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT id, path FROM files")
                .map_err(self.err())?;
            for row in stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                .map_err(self.err())?
            {
                let (id, path) = row.map_err(self.err())?;
                paths.insert(id, path);
            }
        }
        let mut cycles: Vec<Vec<String>> = components
            .into_iter()
            .filter(|c| c.len() > 1 || c.first().is_some_and(|f| self_loops.contains(f)))
            .map(|c| {
                let mut names: Vec<String> =
                    c.iter().filter_map(|id| paths.get(id).cloned()).collect();
                names.sort();
                names
            })
            .collect();
        for id in &self_loops {
            if !cycles
                .iter()
                .any(|c| c.len() == 1 && Some(&c[0]) == paths.get(id))
                && let Some(p) = paths.get(id)
            {
                cycles.push(vec![p.clone()]);
            }
        }
        cycles.sort();
        cycles.dedup();
        Ok(cycles)
    }

    /// Definitions no use in the workspace lands on (even by name), leaving out what is used
    /// from outside by convention: entry points, tests, dunder methods, `impl` blocks, fields.
    pub fn unreferenced(&self, limit: usize) -> Result<Vec<Symbol>, GraphError> {
        let all = self.symbols_where(
            "d.kind NOT IN ('impl', 'field', 'module', 'variable') AND NOT EXISTS (SELECT 1 FROM refs r WHERE r.target = d.id)
             ORDER BY f.path, d.sl LIMIT ?1",
            [(limit.saturating_mul(4).max(limit)) as i64],
        )?;
        Ok(all
            .into_iter()
            .filter(|s| {
                let n = s.name.as_str();
                !(n == "main"
                    || n == "init"
                    || n.starts_with("test")
                    || n.starts_with("Test")
                    || (n.starts_with("__") && n.ends_with("__"))
                    || s.path.contains("test"))
            })
            .take(limit)
            .collect())
    }

    /// The types `id` extends or implements.
    pub fn supertypes(&self, id: i64) -> Result<Vec<Symbol>, GraphError> {
        let Some(sym) = self.symbol(id)? else {
            return Ok(Vec::new());
        };
        // Rust: the traits of the type's `impl Trait for Type` blocks.
        let mut holders = vec![id];
        if sym.language == "rust" {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT d.id FROM defs d JOIN files f ON f.id = d.file WHERE d.kind = 'impl' AND d.name = ?1 AND f.lang = 'rust'",
                )
                .map_err(self.err())?;
            for row in stmt
                .query_map([&sym.name], |r| r.get::<_, i64>(0))
                .map_err(self.err())?
            {
                holders.push(row.map_err(self.err())?);
            }
        }
        let mut out = Vec::new();
        for holder in holders {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT target FROM refs WHERE enclosing = ?1 AND kind = 'inherit' AND target IS NOT NULL ORDER BY id",
                )
                .map_err(self.err())?;
            let targets: Vec<i64> = stmt
                .query_map([holder], |r| r.get(0))
                .map_err(self.err())?
                .collect::<Result<_, _>>()
                .map_err(self.err())?;
            for t in targets {
                if let Some(s) = self.symbol(t)?
                    && !out.iter().any(|o: &Symbol| o.id == s.id)
                {
                    out.push(s);
                }
            }
        }
        Ok(out)
    }

    /// The types that extend or implement `id` directly.
    pub fn subtypes(&self, id: i64) -> Result<Vec<Symbol>, GraphError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT enclosing FROM refs WHERE target = ?1 AND kind = 'inherit' AND enclosing IS NOT NULL ORDER BY file, sl",
            )
            .map_err(self.err())?;
        let holders: Vec<i64> = stmt
            .query_map([id], |r| r.get(0))
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        let mut out: Vec<Symbol> = Vec::new();
        for holder in holders {
            let Some(sym) = self.symbol(holder)? else {
                continue;
            };
            let ty = if sym.kind == DefKind::Impl {
                // The type an `impl` is for: what its name resolved to.
                let target: Option<i64> = self
                    .conn
                    .query_row(
                        "SELECT r.target FROM refs r JOIN defs d ON d.id = ?1
                         WHERE r.file = d.file AND r.sl = d.name_sl AND r.sc = d.name_sc AND r.target IS NOT NULL",
                        [holder],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(self.err())?;
                match target {
                    Some(t) => self.symbol(t)?,
                    None => Some(sym),
                }
            } else {
                Some(sym)
            };
            if let Some(ty) = ty
                && !out.iter().any(|o| o.id == ty.id)
            {
                out.push(ty);
            }
        }
        Ok(out)
    }

    /// Implementations: of a type, its subtypes (transitively); of a method, the methods of
    /// that name in the subtypes of its type.
    pub fn implementations(&self, id: i64) -> Result<Vec<Symbol>, GraphError> {
        let Some(sym) = self.symbol(id)? else {
            return Ok(Vec::new());
        };
        if sym.kind.is_type() {
            return self.all_subtypes(id);
        }
        let Some(owner) = self.container_of(id)? else {
            return Ok(Vec::new());
        };
        let owner_sym = self.symbol(owner)?;
        // A trait method's owner is the trait; an impl method's owner is the impl block.
        let owner = match owner_sym {
            Some(o) if o.kind == DefKind::Impl => return Ok(Vec::new()),
            Some(o) => o.id,
            None => return Ok(Vec::new()),
        };
        let mut out = Vec::new();
        for ty in self.all_subtypes(owner)? {
            let mut candidates = self.symbols_where(
                "d.name = ?1 AND (d.container = ?2 OR (d.container_name = ?3 AND f.lang IN ('rust', 'go')))",
                params![sym.name, ty.id, ty.name],
            )?;
            out.append(&mut candidates);
        }
        out.dedup_by_key(|s| s.id);
        Ok(out)
    }

    fn all_subtypes(&self, id: i64) -> Result<Vec<Symbol>, GraphError> {
        let mut out: Vec<Symbol> = Vec::new();
        let mut queue = VecDeque::from([id]);
        let mut seen = HashSet::from([id]);
        while let Some(t) = queue.pop_front() {
            for sub in self.subtypes(t)? {
                if seen.insert(sub.id) {
                    queue.push_back(sub.id);
                    out.push(sub);
                }
            }
            if out.len() > WALK_LIMIT {
                break;
            }
        }
        Ok(out)
    }

    /// The repository map: definitions ranked by PageRank over the graph of uses (a use from
    /// inside A of B is an edge A → B; by-name guesses weigh a third), written file by file
    /// as signatures until `max_tokens` (4 bytes a token) are spent.
    pub fn repo_map(&self, max_tokens: usize) -> Result<RepoMap, GraphError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.enclosing, r.target, r.confidence, r.file FROM refs r WHERE r.target IS NOT NULL AND r.kind != 'import'",
            )
            .map_err(self.err())?;
        let rows: Vec<(Option<i64>, i64, i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        let mut defs: Vec<(i64, String, i64)> = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT id, kind, file FROM defs")
                .map_err(self.err())?;
            for row in stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .map_err(self.err())?
            {
                defs.push(row.map_err(self.err())?);
            }
        }
        // Nodes: definitions, plus one per file for module-level uses (negative ids).
        let mut index: HashMap<i64, usize> = HashMap::new();
        for (id, _, _) in &defs {
            let n = index.len();
            index.insert(*id, n);
        }
        let mut edges: HashMap<(usize, usize), f64> = HashMap::new();
        for (enclosing, target, confidence, file) in rows {
            let from_key = enclosing.unwrap_or(-file);
            let n = index.len();
            let from = *index.entry(from_key).or_insert(n);
            let Some(&to) = index.get(&target) else {
                continue;
            };
            if from == to {
                continue;
            }
            let w = if confidence >= 2 { 1.0 } else { 0.33 };
            *edges.entry((from, to)).or_default() += w;
        }
        let ranks = pagerank(index.len(), &edges, 30);
        let kinds: HashMap<i64, &str> = defs.iter().map(|(id, k, _)| (*id, k.as_str())).collect();
        let mut ranked: Vec<(i64, f64)> = index
            .iter()
            .filter(|(id, _)| {
                **id > 0
                    && kinds
                        .get(id)
                        .is_some_and(|k| !matches!(*k, "impl" | "variable" | "field"))
            })
            .map(|(id, n)| (*id, ranks.get(*n).copied().unwrap_or(0.0)))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let budget = max_tokens.saturating_mul(4);
        let mut chosen: Vec<MapEntry> = Vec::new();
        let mut used = 0usize;
        let mut files_seen: HashSet<String> = HashSet::new();
        for (id, rank) in ranked {
            let Some(symbol) = self.symbol(id)? else {
                continue;
            };
            let mut cost = symbol.signature.len() + 12;
            if !files_seen.contains(&symbol.path) {
                cost += symbol.path.len() + 2;
            }
            if used + cost > budget {
                if used + 40 > budget {
                    break;
                }
                continue;
            }
            used += cost;
            files_seen.insert(symbol.path.clone());
            chosen.push(MapEntry { symbol, rank });
        }
        // Write file by file (files in order of their best definition), lines in order.
        let mut by_file: Vec<(String, Vec<&MapEntry>)> = Vec::new();
        for entry in &chosen {
            match by_file.iter_mut().find(|(p, _)| *p == entry.symbol.path) {
                Some((_, list)) => list.push(entry),
                None => by_file.push((entry.symbol.path.clone(), vec![entry])),
            }
        }
        let mut text = String::new();
        for (path, mut list) in by_file {
            list.sort_by_key(|e| e.symbol.span.start_line);
            text.push_str(&path);
            text.push_str(":\n");
            for e in list {
                text.push_str(&format!(
                    "{:>6}│ {}\n",
                    e.symbol.span.start_line, e.symbol.signature
                ));
            }
        }
        let tokens = text.len().div_ceil(4);
        Ok(RepoMap {
            text,
            entries: chosen,
            tokens,
        })
    }

    /// Every file, definition, use edge and import edge, for export.
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// PageRank with damping 0.85 and dangling mass spread evenly.
fn pagerank(n: usize, edges: &HashMap<(usize, usize), f64>, iterations: usize) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let mut out_weight = vec![0.0f64; n];
    for ((from, _), w) in edges {
        out_weight[*from] += w;
    }
    let mut rank = vec![1.0 / n as f64; n];
    let edge_list: Vec<(usize, usize, f64)> =
        edges.iter().map(|((a, b), w)| (*a, *b, *w)).collect();
    for _ in 0..iterations {
        let dangling: f64 = (0..n)
            .filter(|i| out_weight[*i] == 0.0)
            .map(|i| rank[i])
            .sum();
        let base = (0.15 + 0.85 * dangling) / n as f64;
        let mut next = vec![base; n];
        for (a, b, w) in &edge_list {
            next[*b] += 0.85 * rank[*a] * w / out_weight[*a];
        }
        rank = next;
    }
    rank
}

/// Tarjan's strongly connected components, iteratively.
fn strongly_connected(adjacency: &HashMap<i64, Vec<i64>>) -> Vec<Vec<i64>> {
    let mut index_of: HashMap<i64, usize> = HashMap::new();
    let mut low: HashMap<i64, usize> = HashMap::new();
    let mut on_stack: HashSet<i64> = HashSet::new();
    let mut stack: Vec<i64> = Vec::new();
    let mut out = Vec::new();
    let mut counter = 0usize;
    let mut nodes: Vec<i64> = adjacency.keys().copied().collect();
    nodes.sort();
    let empty = Vec::new();
    for start in nodes {
        if index_of.contains_key(&start) {
            continue;
        }
        // (node, next child position)
        let mut work: Vec<(i64, usize)> = vec![(start, 0)];
        while let Some((node, pos)) = work.pop() {
            if pos == 0 && !index_of.contains_key(&node) {
                index_of.insert(node, counter);
                low.insert(node, counter);
                counter += 1;
                stack.push(node);
                on_stack.insert(node);
            }
            let children = adjacency.get(&node).unwrap_or(&empty);
            if let Some(&child) = children.get(pos) {
                work.push((node, pos + 1));
                if !index_of.contains_key(&child) {
                    work.push((child, 0));
                } else if on_stack.contains(&child) {
                    let l = low[&node].min(index_of[&child]);
                    low.insert(node, l);
                }
                continue;
            }
            // Done with node: propagate low to the parent, pop a component at a root.
            if let Some(&(parent, _)) = work.last() {
                let l = low[&parent].min(low[&node]);
                low.insert(parent, l);
            }
            if low[&node] == index_of[&node] {
                let mut component = Vec::new();
                while let Some(top) = stack.pop() {
                    on_stack.remove(&top);
                    component.push(top);
                    if top == node {
                        break;
                    }
                }
                out.push(component);
            }
        }
    }
    out
}
