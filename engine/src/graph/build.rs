//! Keeping the graph current with the index: compare the index manifest's content hashes with
//! the graph's, re-read only the files that changed, and re-resolve those files and every file
//! whose resolution could have depended on them: files that use a name the changed files
//! define (or defined), and files whose imports landed on them. All in one transaction.

use super::GraphError;
use super::layout::{FileInfo, Layout};
use super::model::{Confidence, FileFacts, RefKind};
use super::resolve::{DefRow, FileResolver, ImportRow, Target, Universe, UseRow};
use super::store;
use super::syntax;
use crate::index::{Manifest, Overlay};
use crate::parse::Language;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What an update did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GraphReport {
    /// Files in the graph after the update.
    pub files: usize,
    /// Files parsed by this update.
    pub parsed: usize,
    pub removed: usize,
    /// Files whose uses were resolved again (the parsed ones and their dependents).
    pub resolved_files: usize,
    /// Whether the graph was built from scratch.
    pub full: bool,
    #[serde(serialize_with = "millis")]
    pub elapsed: Duration,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

struct Parsed {
    path: String,
    language: Language,
    hash: String,
    facts: FileFacts,
}

fn sqlite(dir: &Path) -> impl Fn(rusqlite::Error) -> GraphError + '_ {
    move |source| GraphError::Sqlite {
        path: store::graph_path(dir),
        source,
    }
}

/// Facts the index already extracted from its own parse, by path: (content hash, facts).
pub type Prepared = HashMap<String, (String, FileFacts)>;

/// Reads and parses `files` (path, language, hash) on all cores; files in `prepared` are taken
/// from there (the index parsed them in this run) instead of read and parsed again.
fn parse_all(
    root: &Path,
    files: &[(String, Language)],
    overlay: &Overlay,
    prepared: &mut Prepared,
) -> Vec<Parsed> {
    let mut ready = Vec::new();
    let mut rest = Vec::new();
    for (path, language) in files {
        match prepared.remove(path) {
            Some((hash, facts)) => ready.push(Parsed {
                path: path.clone(),
                language: *language,
                hash,
                facts,
            }),
            None => rest.push((path.clone(), *language)),
        }
    }
    let files = &rest[..];
    let next = AtomicUsize::new(0);
    let out = Mutex::new(Vec::with_capacity(files.len()));
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, language)) = files.get(i) else {
                        break;
                    };
                    let text = match overlay.get(path) {
                        Some(text) => text.clone(),
                        None => match std::fs::read(root.join(path)) {
                            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                            Err(_) => continue,
                        },
                    };
                    let hash = blake3::hash(text.as_bytes()).to_hex().to_string();
                    let facts = syntax::extract(*language, &text).unwrap_or_default();
                    local.push(Parsed {
                        path: path.clone(),
                        language: *language,
                        hash,
                        facts,
                    });
                }
                if let Ok(mut all) = out.lock() {
                    all.extend(local);
                }
            });
        }
    });
    let mut parsed = out.into_inner().unwrap_or_default();
    parsed.extend(ready);
    parsed.sort_by(|a, b| a.path.cmp(&b.path));
    parsed
}

/// The graph's files as the index lists them: path → (hash, language), for languages it reads.
fn wanted(manifest: &Manifest) -> HashMap<String, (String, Language)> {
    manifest
        .files
        .iter()
        .filter_map(|(path, entry)| {
            let language = Language::from_path(Path::new(path));
            syntax::supports(language).then(|| (path.clone(), (entry.hash.clone(), language)))
        })
        .collect()
}

/// Brings `index_dir/graph.db` up to date with the index manifest in `index_dir`, reading
/// sources under `root` (or from `overlay`). The caller holds the index lock.
pub fn update_graph(
    root: &Path,
    index_dir: &Path,
    overlay: &Overlay,
) -> Result<GraphReport, GraphError> {
    update_graph_with(root, index_dir, overlay, &mut Prepared::new())
}

/// Like [`update_graph`], taking the facts of the files in `prepared` from there.
pub fn update_graph_with(
    root: &Path,
    index_dir: &Path,
    overlay: &Overlay,
    prepared: &mut Prepared,
) -> Result<GraphReport, GraphError> {
    let started = Instant::now();
    let manifest = Manifest::read(index_dir)
        .map_err(|message| GraphError::Corrupt { message })?
        .unwrap_or_default();
    let all_paths: Vec<String> = manifest.files.keys().cloned().collect();
    let wanted = wanted(&manifest);
    let (mut conn, fresh) = store::open_for_write(index_dir)?;
    let err = sqlite(index_dir);
    let known: HashMap<String, (i64, String)> = {
        let mut stmt = conn
            .prepare("SELECT path, id, hash FROM files")
            .map_err(&err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))
            .map_err(&err)?;
        rows.collect::<Result<_, _>>().map_err(&err)?
    };
    let mut changed: Vec<(String, Language)> = wanted
        .iter()
        .filter(|(path, (hash, _))| known.get(*path).is_none_or(|(_, h)| h != hash))
        .map(|(path, (_, language))| (path.clone(), *language))
        .collect();
    changed.sort();
    let removed: Vec<i64> = known
        .iter()
        .filter(|(path, _)| !wanted.contains_key(*path))
        .map(|(_, (id, _))| *id)
        .collect();
    let mut report = GraphReport {
        removed: removed.len(),
        ..GraphReport::default()
    };
    if changed.is_empty() && removed.is_empty() && !fresh {
        report.files = known.len();
        report.elapsed = started.elapsed();
        return Ok(report);
    }
    let full = fresh || known.is_empty() || changed.len() * 3 > wanted.len().max(1);
    if full {
        let mut every: Vec<(String, Language)> =
            wanted.iter().map(|(p, (_, l))| (p.clone(), *l)).collect();
        every.sort();
        let parsed = parse_all(root, &every, overlay, prepared);
        report.parsed = parsed.len();
        report.resolved_files = parsed.len();
        report.files = parsed.len();
        report.full = true;
        report.removed = known.keys().filter(|p| !wanted.contains_key(*p)).count();
        full_build(root, &mut conn, parsed, &all_paths).map_err(&err)?;
    } else {
        let parsed = parse_all(root, &changed, overlay, prepared);
        report.parsed = parsed.len();
        let (files, resolved) =
            incremental(root, &mut conn, parsed, &removed, &known, &all_paths).map_err(&err)?;
        report.files = files;
        report.resolved_files = resolved;
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Ids for one file's definitions: the first id, then one per definition in order.
struct Numbered {
    file: i64,
    first_def: i64,
    parsed: Parsed,
}

fn def_rows(n: &Numbered) -> Vec<DefRow> {
    n.parsed
        .facts
        .defs
        .iter()
        .enumerate()
        .map(|(i, d)| DefRow {
            id: n.first_def + i as i64,
            file: n.file,
            name: d.name.clone(),
            kind: d.kind,
            container: d.container.map(|c| n.first_def + c as i64),
            container_name: d.container_name.clone(),
        })
        .collect()
}

fn import_rows(n: &Numbered) -> Vec<ImportRow> {
    n.parsed
        .facts
        .imports
        .iter()
        .map(|i| ImportRow {
            module: i.module.clone(),
            name: i.name.clone(),
            binding: i.binding.clone(),
            wildcard: i.wildcard,
        })
        .collect()
}

fn uses_of(n: &Numbered) -> Vec<UseRow> {
    n.parsed
        .facts
        .refs
        .iter()
        .map(|r| UseRow {
            name: r.name.clone(),
            qualifier: r.qualifier.clone(),
            kind: r.kind,
            enclosing: r.enclosing.map(|e| n.first_def + e as i64),
        })
        .collect()
}

fn file_info(n: &Numbered) -> FileInfo {
    FileInfo {
        id: n.file,
        path: n.parsed.path.clone(),
        language: n.parsed.language,
        package: n.parsed.facts.package.clone(),
        default_export: n.parsed.facts.default_export.clone(),
    }
}

/// Resolves inheritance first (member look-ups follow bases), then every use.
fn resolve_files(u: &Universe<'_>, files: &[(i64, Vec<UseRow>)]) -> Vec<Vec<Target>> {
    for (file, uses) in files {
        let Some(resolver) = FileResolver::new(u, *file) else {
            continue;
        };
        for def in u.defs_in(*file).iter().filter(|d| d.kind.is_type()) {
            u.bases_known(def.id);
        }
        for r in uses.iter().filter(|r| r.kind == RefKind::Inherit) {
            if let (Some(ty), Some(base)) = (r.enclosing, resolver.resolve(r).def) {
                u.add_base(ty, base);
            }
        }
    }
    files
        .iter()
        .map(|(file, uses)| match FileResolver::new(u, *file) {
            Some(resolver) => uses.iter().map(|r| resolver.resolve(r)).collect(),
            None => vec![
                Target {
                    def: None,
                    confidence: Confidence::Unresolved,
                };
                uses.len()
            ],
        })
        .collect()
}

fn insert_file(tx: &Connection, n: &Numbered) -> rusqlite::Result<()> {
    let f = &n.parsed.facts;
    tx.prepare_cached(
        "INSERT INTO files(id, path, lang, hash, package, default_export, has_errors) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        n.file,
        n.parsed.path,
        n.parsed.language.name(),
        n.parsed.hash,
        f.package,
        f.default_export,
        f.has_errors as i64
    ])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO defs(id, file, name, kind, container, container_name, name_sl, name_sc, name_el, name_ec, sl, sc, el, ec, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for (i, d) in f.defs.iter().enumerate() {
        stmt.execute(params![
            n.first_def + i as i64,
            n.file,
            d.name,
            d.kind.name(),
            d.container.map(|c| n.first_def + c as i64),
            d.container_name,
            d.name_span.start_line,
            d.name_span.start_col,
            d.name_span.end_line,
            d.name_span.end_col,
            d.span.start_line,
            d.span.start_col,
            d.span.end_line,
            d.span.end_col,
            d.signature
        ])?;
    }
    Ok(())
}

fn insert_imports(tx: &Connection, n: &Numbered, u: &Universe<'_>) -> rusqlite::Result<()> {
    let resolver = FileResolver::new(u, n.file);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO imports(file, module, name, binding, wildcard, line, target_file) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for i in &n.parsed.facts.imports {
        let target = resolver.as_ref().and_then(|r| r.import_target(&i.module));
        stmt.execute(params![
            n.file,
            i.module,
            i.name,
            i.binding,
            i.wildcard as i64,
            i.line,
            target
        ])?;
    }
    Ok(())
}

fn insert_refs(tx: &Connection, n: &Numbered, targets: &[Target]) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO refs(file, name, qualifier, kind, sl, sc, el, ec, enclosing, target, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (r, t) in n.parsed.facts.refs.iter().zip(targets) {
        stmt.execute(params![
            n.file,
            r.name,
            r.qualifier,
            r.kind.name(),
            r.span.start_line,
            r.span.start_col,
            r.span.end_line,
            r.span.end_col,
            r.enclosing.map(|e| n.first_def + e as i64),
            t.def,
            t.confidence as i64
        ])?;
    }
    Ok(())
}

fn number(
    parsed: Vec<Parsed>,
    first_file: i64,
    first_def: i64,
    ids: &HashMap<String, i64>,
) -> Vec<Numbered> {
    let mut next_file = first_file;
    let mut next_def = first_def;
    parsed
        .into_iter()
        .map(|p| {
            let file = match ids.get(&p.path) {
                Some(id) => *id,
                None => {
                    next_file += 1;
                    next_file - 1
                }
            };
            let n = Numbered {
                file,
                first_def: next_def,
                parsed: p,
            };
            next_def += n.parsed.facts.defs.len() as i64;
            n
        })
        .collect()
}

fn full_build(
    root: &Path,
    conn: &mut Connection,
    parsed: Vec<Parsed>,
    all_paths: &[String],
) -> rusqlite::Result<()> {
    let numbered = number(parsed, 1, 1, &HashMap::new());
    let layout = Layout::new(root, numbered.iter().map(file_info).collect(), all_paths);
    let defs: Vec<DefRow> = numbered.iter().flat_map(def_rows).collect();
    let imports: HashMap<i64, Vec<ImportRow>> =
        numbered.iter().map(|n| (n.file, import_rows(n))).collect();
    let u = Universe::complete(layout, defs, imports);
    let uses: Vec<(i64, Vec<UseRow>)> = numbered.iter().map(|n| (n.file, uses_of(n))).collect();
    let targets = resolve_files(&u, &uses);
    let tx = conn.transaction()?;
    tx.execute_batch(
        "DELETE FROM files; DELETE FROM defs; DELETE FROM refs; DELETE FROM imports;",
    )?;
    for (n, t) in numbered.iter().zip(&targets) {
        insert_file(&tx, n)?;
        insert_imports(&tx, n, &u)?;
        insert_refs(&tx, n, t)?;
    }
    tx.commit()
}

/// A definition's identity across a re-parse: its file, name, kind and container's name.
type DefKey = (i64, String, String, Option<String>);

/// The definitions of `files`, grouped by identity.
fn defs_by_identity(
    conn: &Connection,
    files: &[i64],
) -> rusqlite::Result<HashMap<DefKey, Vec<i64>>> {
    let mut out: HashMap<DefKey, Vec<i64>> = HashMap::new();
    if files.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT id, file, name, kind, container_name FROM defs WHERE file IN ({})",
        ids_sql(files)
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
        ))
    })?;
    for row in rows {
        let (id, key) = row?;
        out.entry(key).or_default().push(id);
    }
    Ok(out)
}

fn ids_sql(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn incremental(
    root: &Path,
    conn: &mut Connection,
    parsed: Vec<Parsed>,
    removed: &[i64],
    known: &HashMap<String, (i64, String)>,
    all_paths: &[String],
) -> rusqlite::Result<(usize, usize)> {
    let tx = conn.transaction()?;
    let ids: HashMap<String, i64> = known.iter().map(|(p, (id, _))| (p.clone(), *id)).collect();
    let touched: Vec<i64> = parsed
        .iter()
        .filter_map(|p| ids.get(&p.path).copied())
        .chain(removed.iter().copied())
        .collect();
    let list = ids_sql(&touched);
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut dependents: HashSet<i64> = HashSet::new();
    // The definitions the touched files had, by identity (file, name, kind, container): one that
    // is still there after the re-parse keeps its users' answers (their refs are pointed at its
    // new id); only names whose definitions came, went or became ambiguous are resolved again.
    let old_defs = defs_by_identity(&tx, &touched)?;
    if !touched.is_empty() {
        let mut stmt = tx.prepare(&format!(
            "SELECT DISTINCT file FROM imports WHERE target_file IN ({list})"
        ))?;
        for file in stmt.query_map([], |r| r.get::<_, i64>(0))? {
            dependents.insert(file?);
        }
        for table in ["defs", "refs", "imports"] {
            tx.execute(&format!("DELETE FROM {table} WHERE file IN ({list})"), [])?;
        }
        tx.execute(&format!("DELETE FROM files WHERE id IN ({list})"), [])?;
    }
    let max_file: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM files", [], |r| r.get(0))?;
    let max_def: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM defs", [], |r| r.get(0))?;
    let numbered = number(
        parsed,
        max_file.max(touched.iter().copied().max().unwrap_or(0)) + 1,
        max_def + 1,
        &ids,
    );
    for n in &numbered {
        insert_file(&tx, n)?;
    }
    let changed: HashSet<i64> = numbered.iter().map(|n| n.file).collect();
    let new_defs = defs_by_identity(&tx, &changed.iter().copied().collect::<Vec<_>>())?;
    {
        let mut repoint = tx.prepare_cached("UPDATE refs SET target = ?2 WHERE target = ?1")?;
        for (key, old) in &old_defs {
            match (old.as_slice(), new_defs.get(key).map(Vec::as_slice)) {
                ([from], Some([to])) => {
                    repoint.execute(params![from, to])?;
                }
                _ => {
                    names.insert(key.1.clone());
                }
            }
        }
        for (key, new) in &new_defs {
            if old_defs
                .get(key)
                .is_none_or(|old| old.len() != 1 || new.len() != 1)
            {
                names.insert(key.1.clone());
            }
        }
    }
    // Files that use one of the names: their resolution may now land elsewhere.
    tx.execute_batch("CREATE TEMP TABLE IF NOT EXISTS touched_names(name TEXT PRIMARY KEY); DELETE FROM touched_names;")?;
    {
        let mut stmt =
            tx.prepare_cached("INSERT OR IGNORE INTO touched_names(name) VALUES (?1)")?;
        for name in &names {
            stmt.execute([name])?;
        }
    }
    let mut affected: BTreeSet<i64> = dependents.into_iter().collect();
    {
        let mut stmt = tx.prepare(
            "SELECT DISTINCT file FROM refs WHERE name IN (SELECT name FROM touched_names)",
        )?;
        for file in stmt.query_map([], |r| r.get::<_, i64>(0))? {
            affected.insert(file?);
        }
    }
    let gone: HashSet<i64> = removed.iter().copied().collect();
    affected.retain(|f| !changed.contains(f) && !gone.contains(f));

    let files: Vec<FileInfo> = {
        let mut stmt = tx.prepare("SELECT id, path, lang, package, default_export FROM files")?;
        let rows = stmt.query_map([], |r| {
            let lang: String = r.get(2)?;
            Ok(FileInfo {
                id: r.get(0)?,
                path: r.get(1)?,
                language: Language::from_name(&lang).unwrap_or(Language::Text),
                package: r.get(3)?,
                default_export: r.get(4)?,
            })
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let file_count = files.len();
    let layout = Layout::new(root, files, all_paths);
    // The new files' imports first: resolution reads them back through the universe.
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO imports(file, module, name, binding, wildcard, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for n in &numbered {
            for i in &n.parsed.facts.imports {
                stmt.execute(params![
                    n.file,
                    i.module,
                    i.name,
                    i.binding,
                    i.wildcard as i64,
                    i.line
                ])?;
            }
        }
    }
    let u = Universe::on_demand(layout, &tx);
    // Uses of the unchanged affected files, read back with their ids.
    let mut old_ids: Vec<Vec<i64>> = Vec::new();
    let mut uses: Vec<(i64, Vec<UseRow>)> = numbered.iter().map(|n| (n.file, uses_of(n))).collect();
    for file in &affected {
        let mut stmt = tx.prepare_cached(
            "SELECT id, name, qualifier, kind, enclosing FROM refs WHERE file = ?1 ORDER BY id",
        )?;
        let rows: Vec<(i64, UseRow)> = stmt
            .query_map([file], |r| {
                let kind: String = r.get(3)?;
                Ok((
                    r.get(0)?,
                    UseRow {
                        name: r.get(1)?,
                        qualifier: r.get(2)?,
                        kind: RefKind::from_name(&kind).unwrap_or(RefKind::Read),
                        enclosing: r.get(4)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        old_ids.push(rows.iter().map(|(id, _)| *id).collect());
        uses.push((*file, rows.into_iter().map(|(_, u)| u).collect()));
    }
    let targets = resolve_files(&u, &uses);
    let import_targets: Vec<(i64, Option<i64>)> = {
        let mut out = Vec::new();
        let mut stmt = tx.prepare(&format!(
            "SELECT id, file, module FROM imports WHERE file IN ({})",
            ids_sql(
                &changed
                    .iter()
                    .chain(affected.iter())
                    .copied()
                    .collect::<Vec<_>>()
            )
        ))?;
        let rows: Vec<(i64, i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (id, file, module) in rows {
            let target = FileResolver::new(&u, file).and_then(|r| r.import_target(&module));
            out.push((id, target));
        }
        out
    };
    drop(u);
    for (n, t) in numbered.iter().zip(&targets) {
        insert_refs(&tx, n, t)?;
    }
    {
        let mut stmt =
            tx.prepare_cached("UPDATE refs SET target = ?2, confidence = ?3 WHERE id = ?1")?;
        for (ids, t) in old_ids.iter().zip(targets.iter().skip(numbered.len())) {
            for (id, target) in ids.iter().zip(t) {
                stmt.execute(params![id, target.def, target.confidence as i64])?;
            }
        }
        let mut stmt = tx.prepare_cached("UPDATE imports SET target_file = ?2 WHERE id = ?1")?;
        for (id, target) in import_targets {
            stmt.execute(params![id, target])?;
        }
    }
    let resolved = numbered.len() + affected.len();
    tx.commit()?;
    Ok((file_count, resolved))
}

/// Whether the graph in `index_dir` exists and was built.
pub fn graph_exists(index_dir: &Path) -> bool {
    store::open_for_read(index_dir)
        .ok()
        .and_then(|c| {
            c.query_row("SELECT 1 FROM meta WHERE key = 'version'", [], |_| Ok(()))
                .optional()
                .ok()
                .flatten()
        })
        .is_some()
}
