//! The graph written for graph databases, for organisations that query many repositories
//! together: Cypher statements (Neo4j, Memgraph), GraphML (yEd, Gephi, NetworkX, Neo4j's APOC)
//! and JSON lines (one node or edge per line, for anything else).
//!
//! Nodes: `File` and `Symbol` (with kind, path and lines). Edges: `DEFINES` (file → symbol),
//! `CONTAINS` (symbol → member), `REFERENCES`/`CALLS`/`INHERITS` (symbol or file → symbol, with
//! confidence and count) and `IMPORTS` (file → file).

use super::GraphError;
use super::query::Graph;
use std::collections::BTreeMap;
use std::io::Write;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Cypher,
    GraphMl,
    JsonLines,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "cypher" => Some(Format::Cypher),
            "graphml" => Some(Format::GraphMl),
            "jsonl" | "json-lines" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ExportCounts {
    pub files: usize,
    pub symbols: usize,
    pub edges: usize,
}

struct FileNode {
    id: i64,
    path: String,
    lang: String,
}

struct SymbolNode {
    id: i64,
    file: i64,
    name: String,
    kind: String,
    container: Option<i64>,
    start_line: i64,
    end_line: i64,
    signature: String,
}

struct Edge {
    kind: &'static str,
    from: String,
    to: String,
    confidence: Option<&'static str>,
    count: i64,
}

fn load(graph: &Graph) -> rusqlite::Result<(Vec<FileNode>, Vec<SymbolNode>, Vec<Edge>)> {
    let conn = graph.connection();
    let mut stmt = conn.prepare("SELECT id, path, lang FROM files ORDER BY id")?;
    let files: Vec<FileNode> = stmt
        .query_map([], |r| {
            Ok(FileNode {
                id: r.get(0)?,
                path: r.get(1)?,
                lang: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT id, file, name, kind, container, sl, el, signature FROM defs ORDER BY id",
    )?;
    let symbols: Vec<SymbolNode> = stmt
        .query_map([], |r| {
            Ok(SymbolNode {
                id: r.get(0)?,
                file: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
                container: r.get(4)?,
                start_line: r.get(5)?,
                end_line: r.get(6)?,
                signature: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut edges = Vec::new();
    for s in &symbols {
        edges.push(Edge {
            kind: "DEFINES",
            from: format!("f{}", s.file),
            to: format!("s{}", s.id),
            confidence: None,
            count: 1,
        });
        if let Some(c) = s.container {
            edges.push(Edge {
                kind: "CONTAINS",
                from: format!("s{c}"),
                to: format!("s{}", s.id),
                confidence: None,
                count: 1,
            });
        }
    }
    let mut stmt = conn.prepare(
        "SELECT enclosing, file, target, kind, MAX(confidence), COUNT(*) FROM refs
         WHERE target IS NOT NULL AND kind != 'import' GROUP BY enclosing, file, target, kind ORDER BY file, target",
    )?;
    let rows: Vec<(Option<i64>, i64, i64, String, i64, i64)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    for (enclosing, file, target, kind, confidence, count) in rows {
        edges.push(Edge {
            kind: match kind.as_str() {
                "call" => "CALLS",
                "inherit" => "INHERITS",
                _ => "REFERENCES",
            },
            from: enclosing.map_or(format!("f{file}"), |e| format!("s{e}")),
            to: format!("s{target}"),
            confidence: Some(if confidence >= 2 {
                "resolved"
            } else {
                "by_name"
            }),
            count,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT file, target_file, COUNT(*) FROM imports WHERE target_file IS NOT NULL GROUP BY file, target_file ORDER BY file, target_file",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (a, b, count) = row?;
        edges.push(Edge {
            kind: "IMPORTS",
            from: format!("f{a}"),
            to: format!("f{b}"),
            confidence: None,
            count,
        });
    }
    Ok((files, symbols, edges))
}

fn cypher_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes the whole graph to `out` in `format`; `repository` names the source (so that graphs of
/// several repositories can live in one database).
pub fn export(
    graph: &Graph,
    format: Format,
    repository: &str,
    out: &mut dyn Write,
) -> Result<ExportCounts, GraphError> {
    let (files, symbols, edges) = load(graph).map_err(|source| GraphError::Sqlite {
        path: std::path::PathBuf::from("graph.db"),
        source,
    })?;
    let io = |source| GraphError::Io {
        path: std::path::PathBuf::from("<output>"),
        source,
    };
    let paths: BTreeMap<i64, &str> = files.iter().map(|f| (f.id, f.path.as_str())).collect();
    match format {
        Format::Cypher => {
            let repo = cypher_string(repository);
            writeln!(
                out,
                "// rlm code graph of {repository}: MERGE keeps re-imports idempotent."
            )
            .map_err(io)?;
            for f in &files {
                writeln!(
                    out,
                    "MERGE (n:File {{repo: {repo}, key: 'f{}'}}) SET n.path = {}, n.language = {};",
                    f.id,
                    cypher_string(&f.path),
                    cypher_string(&f.lang)
                )
                .map_err(io)?;
            }
            for s in &symbols {
                writeln!(
                    out,
                    "MERGE (n:Symbol {{repo: {repo}, key: 's{}'}}) SET n.name = {}, n.kind = {}, n.path = {}, n.start_line = {}, n.end_line = {}, n.signature = {};",
                    s.id,
                    cypher_string(&s.name),
                    cypher_string(&s.kind),
                    cypher_string(paths.get(&s.file).copied().unwrap_or_default()),
                    s.start_line,
                    s.end_line,
                    cypher_string(&s.signature)
                )
                .map_err(io)?;
            }
            for e in &edges {
                let label = |k: &str| if k.starts_with('f') { "File" } else { "Symbol" };
                let props = match e.confidence {
                    Some(c) => format!(" {{confidence: '{c}', count: {}}}", e.count),
                    None => format!(" {{count: {}}}", e.count),
                };
                writeln!(
                    out,
                    "MATCH (a:{} {{repo: {repo}, key: '{}'}}), (b:{} {{repo: {repo}, key: '{}'}}) MERGE (a)-[:{}{props}]->(b);",
                    label(&e.from),
                    e.from,
                    label(&e.to),
                    e.to,
                    e.kind
                )
                .map_err(io)?;
            }
        }
        Format::GraphMl => {
            writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#).map_err(io)?;
            writeln!(
                out,
                r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#
            )
            .map_err(io)?;
            for (key, on, ty) in [
                ("label", "node", "string"),
                ("name", "node", "string"),
                ("kind", "node", "string"),
                ("path", "node", "string"),
                ("start_line", "node", "int"),
                ("end_line", "node", "int"),
                ("signature", "node", "string"),
                ("type", "edge", "string"),
                ("confidence", "edge", "string"),
                ("count", "edge", "int"),
            ] {
                writeln!(
                    out,
                    r#"  <key id="{key}" for="{on}" attr.name="{key}" attr.type="{ty}"/>"#
                )
                .map_err(io)?;
            }
            writeln!(
                out,
                r#"  <graph id="{}" edgedefault="directed">"#,
                xml(repository)
            )
            .map_err(io)?;
            for f in &files {
                writeln!(
                    out,
                    r#"    <node id="f{}"><data key="label">File</data><data key="path">{}</data><data key="kind">{}</data></node>"#,
                    f.id,
                    xml(&f.path),
                    xml(&f.lang)
                )
                .map_err(io)?;
            }
            for s in &symbols {
                writeln!(
                    out,
                    r#"    <node id="s{}"><data key="label">Symbol</data><data key="name">{}</data><data key="kind">{}</data><data key="path">{}</data><data key="start_line">{}</data><data key="end_line">{}</data><data key="signature">{}</data></node>"#,
                    s.id,
                    xml(&s.name),
                    xml(&s.kind),
                    xml(paths.get(&s.file).copied().unwrap_or_default()),
                    s.start_line,
                    s.end_line,
                    xml(&s.signature)
                )
                .map_err(io)?;
            }
            for (i, e) in edges.iter().enumerate() {
                let confidence = e
                    .confidence
                    .map(|c| format!(r#"<data key="confidence">{c}</data>"#))
                    .unwrap_or_default();
                writeln!(
                    out,
                    r#"    <edge id="e{i}" source="{}" target="{}"><data key="type">{}</data>{confidence}<data key="count">{}</data></edge>"#,
                    e.from, e.to, e.kind, e.count
                )
                .map_err(io)?;
            }
            writeln!(out, "  </graph>\n</graphml>").map_err(io)?;
        }
        Format::JsonLines => {
            for f in &files {
                let line = serde_json::json!({"type": "node", "label": "File", "id": format!("f{}", f.id), "repo": repository, "path": f.path, "language": f.lang});
                writeln!(out, "{line}").map_err(io)?;
            }
            for s in &symbols {
                let line = serde_json::json!({"type": "node", "label": "Symbol", "id": format!("s{}", s.id), "repo": repository, "name": s.name, "kind": s.kind, "path": paths.get(&s.file).copied().unwrap_or_default(), "start_line": s.start_line, "end_line": s.end_line, "signature": s.signature});
                writeln!(out, "{line}").map_err(io)?;
            }
            for e in &edges {
                let line = serde_json::json!({"type": "edge", "label": e.kind, "from": e.from, "to": e.to, "confidence": e.confidence, "count": e.count});
                writeln!(out, "{line}").map_err(io)?;
            }
        }
    }
    Ok(ExportCounts {
        files: files.len(),
        symbols: symbols.len(),
        edges: edges.len(),
    })
}
