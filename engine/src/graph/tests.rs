//! Resolution per language, incremental updates, queries and bad input, each on a real
//! workspace indexed the way `rlm index` does it (tantivy, manifest, then the graph).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::config::Config;
use crate::index::{IndexSettings, NoProgress, index_workspace};
use std::path::Path;

struct Ws {
    dir: tempfile::TempDir,
    settings: IndexSettings,
}

impl Ws {
    fn new(files: &[(&str, &str)]) -> Ws {
        let dir = tempfile::tempdir().unwrap();
        let ws = Ws {
            settings: IndexSettings::new(dir.path(), &Config::default(), None),
            dir,
        };
        for (path, text) in files {
            ws.write(path, text);
        }
        ws.index();
        ws
    }

    fn write(&self, path: &str, text: &str) {
        let abs = self.dir.path().join(path);
        std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
        std::fs::write(abs, text).unwrap();
    }

    fn index(&self) {
        index_workspace(self.dir.path(), &self.settings, &NoProgress).unwrap();
    }

    fn graph(&self) -> Graph {
        Graph::open(&self.settings.dir).unwrap()
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }
}

fn place(s: &Symbol) -> String {
    format!(
        "{}:{}:{}",
        s.path, s.name_span.start_line, s.name_span.start_col
    )
}

/// The files with one `$0` marker: where the name at the marker is defined, as
/// `path:line:col confidence`, or `none`.
fn goto(files: &[(&str, &str)]) -> String {
    let mut at = None;
    let clean: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| {
            if let Some(offset) = t.find("$0") {
                let before = &t[..offset];
                let line = before.matches('\n').count() as u32 + 1;
                let col = (offset - before.rfind('\n').map_or(0, |i| i + 1)) as u32;
                at = Some((p.to_string(), line, col));
            }
            (p.to_string(), t.replace("$0", ""))
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = clean
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let ws = Ws::new(&borrowed);
    let (path, line, col) = at.expect("a $0 marker");
    match ws.graph().definition_at(&path, line, col).unwrap() {
        Some((s, c)) => format!("{} {}", place(&s), c.name()),
        None => "none".into(),
    }
}

// ---------------------------------------------------------------- Python

#[test]
fn python_from_import_lands_in_the_package_module() {
    assert_eq!(
        goto(&[
            (
                "app.py",
                "from pkg.util import load\n\ndef main():\n    return $0load('x')\n"
            ),
            ("pkg/__init__.py", ""),
            (
                "pkg/util.py",
                "import os\n\n\ndef load(path):\n    return path\n"
            ),
            ("other/util.py", "def load(path):\n    return None\n"),
        ]),
        "pkg/util.py:4:4 resolved"
    );
}

#[test]
fn python_relative_import_and_module_alias() {
    assert_eq!(
        goto(&[
            ("pkg/__init__.py", ""),
            ("pkg/a.py", "from .b import helper\n\nhelper()\n$0helper\n"),
            ("pkg/b.py", "def helper():\n    pass\n"),
        ]),
        "pkg/b.py:1:4 resolved"
    );
    assert_eq!(
        goto(&[
            ("main.py", "import pkg.b as m\n\nm.$0helper()\n"),
            ("pkg/__init__.py", ""),
            ("pkg/b.py", "def helper():\n    pass\n"),
        ]),
        "pkg/b.py:1:4 resolved"
    );
}

#[test]
fn python_package_reexport_through_init() {
    assert_eq!(
        goto(&[
            ("main.py", "from pkg import Loader\n\nx = Load$0er()\n"),
            ("pkg/__init__.py", "from .impl import Loader\n"),
            (
                "pkg/impl.py",
                "class Loader:\n    def run(self):\n        pass\n"
            ),
        ]),
        "pkg/impl.py:1:6 resolved"
    );
}

#[test]
fn python_self_method_and_inherited_method() {
    let files = [
        (
            "shapes.py",
            "class Base:\n    def area(self):\n        return 0\n\n\nclass Square(Base):\n    def size(self):\n        return 2\n\n    def report(self):\n        return self.$0area() + self.size()\n",
        ),
        (
            "other.py",
            "class Other:\n    def area(self):\n        return 1\n",
        ),
    ];
    assert_eq!(goto(&files), "shapes.py:2:8 resolved");
}

#[test]
fn python_super_call_lands_on_the_base_method_not_the_override() {
    let files = [(
        "locks.py",
        "class Lock:\n    def release(self):\n        return 0\n\n\nclass Tracked(Lock):\n    def release(self):\n        super().$0release()\n",
    )];
    assert_eq!(goto(&files), "locks.py:2:8 resolved");
    let files = [(
        "locks.py",
        "class Lock:\n    def release(self):\n        return 0\n\n\nclass Tracked(Lock):\n    def release(self):\n        super(Tracked, self).$0release()\n",
    )];
    assert_eq!(goto(&files), "locks.py:2:8 resolved");
}

#[test]
fn python_module_attribute_chain_reaches_a_class_member() {
    let files = [
        (
            "clock.py",
            "class date:\n    @classmethod\n    def today(cls):\n        return cls()\n",
        ),
        (
            "cal.py",
            "import clock\n\n\ndef year():\n    return clock.date.$0today()\n",
        ),
    ];
    assert_eq!(goto(&files), "clock.py:3:8 resolved");
}

#[test]
fn python_parameter_shadowing_a_function_is_not_a_reference() {
    let ws = Ws::new(&[(
        "m.py",
        "def load():\n    pass\n\n\ndef use(load):\n    return load()\n\n\ndef other():\n    return load()\n",
    )]);
    let g = ws.graph();
    let load = &g.symbols_named("load").unwrap()[0];
    let refs: Vec<(u32, &str)> = g
        .references(load.id, Confidence::ByName)
        .unwrap()
        .iter()
        .map(|r| (r.span.start_line, r.confidence.name()))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    assert_eq!(refs, vec![(10, "resolved")]);
}

#[test]
fn python_missing_module_and_builtin_stay_unresolved_never_guessed() {
    assert_eq!(
        goto(&[
            ("a.py", "from missing_lib import load\n\n$0load()\n"),
            ("b.py", "def load():\n    pass\n"),
        ]),
        "none"
    );
    assert_eq!(
        goto(&[
            ("a.py", "x = $0len([])\n"),
            ("b.py", "def len(x):\n    pass\n")
        ]),
        "none"
    );
}

#[test]
fn python_unknown_receiver_is_a_guess_by_name() {
    assert_eq!(
        goto(&[
            ("a.py", "def f(thing):\n    return thing.$0flush()\n"),
            (
                "b.py",
                "class Writer:\n    def flush(self):\n        pass\n"
            ),
        ]),
        "b.py:2:8 by_name"
    );
}

// ---------------------------------------------------------------- JavaScript / TypeScript

#[test]
fn typescript_named_import_with_extension_and_index_files() {
    assert_eq!(
        goto(&[
            (
                "src/app.ts",
                "import { parse } from './lib/parser';\n\nexport function run() {\n  return $0parse('x');\n}\n"
            ),
            (
                "src/lib/parser.ts",
                "export function parse(s: string) {\n  return s;\n}\n"
            ),
            (
                "src/other.ts",
                "export function parse(s: string) {\n  return 1;\n}\n"
            ),
        ]),
        "src/lib/parser.ts:1:16 resolved"
    );
    assert_eq!(
        goto(&[
            (
                "main.js",
                "import * as util from './util';\nutil.$0fmt(1);\n"
            ),
            ("util/index.js", "export function fmt(x) { return x; }\n"),
        ]),
        "util/index.js:1:16 resolved"
    );
}

#[test]
fn typescript_paths_from_tsconfig_and_default_export() {
    assert_eq!(
        goto(&[
            (
                "tsconfig.json",
                "{\n  // comments are allowed\n  \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@core/*\": [\"src/core/*\"] } },\n}\n",
            ),
            (
                "src/ui/view.tsx",
                "import render from '@core/render';\n\nexport const View = () => $0render();\n"
            ),
            (
                "src/core/render.ts",
                "export default function render() {\n  return 1;\n}\n"
            ),
        ]),
        "src/core/render.ts:1:24 resolved"
    );
}

#[test]
fn commonjs_require_destructuring() {
    assert_eq!(
        goto(&[
            (
                "index.js",
                "const { connect } = require('./db');\n\nconnect$0();\n"
            ),
            (
                "db.js",
                "function connect() {}\nmodule.exports = { connect };\n"
            ),
        ]),
        "db.js:1:9 resolved"
    );
}

#[test]
fn typescript_this_member_and_class_inheritance() {
    let ws = Ws::new(&[(
        "a.ts",
        "interface Shape { area(): number }\nclass Base implements Shape {\n  area() { return 0; }\n}\nclass Sq extends Base {\n  twice() { return this.area() * 2; }\n}\n",
    )]);
    let g = ws.graph();
    let sq = &g.symbols_named("Sq").unwrap()[0];
    let supers: Vec<String> = g.supertypes(sq.id).unwrap().iter().map(place).collect();
    assert_eq!(supers, vec!["a.ts:2:6"]);
    let shape = &g.symbols_named("Shape").unwrap()[0];
    let impls: Vec<String> = g
        .implementations(shape.id)
        .unwrap()
        .iter()
        .map(place)
        .collect();
    assert_eq!(impls, vec!["a.ts:2:6", "a.ts:5:6"]);
    let twice = &g.symbols_named("twice").unwrap()[0];
    let callees: Vec<(String, &str)> = g
        .callees(twice.id, 1)
        .unwrap()
        .iter()
        .map(|c| (place(&c.callee), c.confidence.name()))
        .collect();
    assert_eq!(callees, vec![("a.ts:3:2".to_string(), "resolved")]);
}

// ---------------------------------------------------------------- Go

#[test]
fn go_package_import_through_go_mod_and_same_package_files() {
    let files = [
        ("go.mod", "module example.com/shop\n\ngo 1.22\n"),
        (
            "cmd/main.go",
            "package main\n\nimport \"example.com/shop/pricing\"\n\nfunc main() {\n\tpricing.$0Total(2)\n\thelper()\n}\n",
        ),
        ("cmd/helper.go", "package main\n\nfunc helper() {}\n"),
        (
            "pricing/total.go",
            "package pricing\n\n// Total sums.\nfunc Total(n int) int { return n }\n",
        ),
    ];
    assert_eq!(goto(&files), "pricing/total.go:4:5 resolved");
    let mut files2 = files;
    files2[1].1 = "package main\n\nimport \"example.com/shop/pricing\"\n\nfunc main() {\n\tpricing.Total(2)\n\t$0helper()\n}\n";
    assert_eq!(goto(&files2), "cmd/helper.go:3:5 resolved");
}

#[test]
fn go_method_attached_to_its_receiver_type() {
    assert_eq!(
        goto(&[(
            "s.go",
            "package s\n\ntype Server struct{ port int }\n\nfunc (s *Server) Start() error { return nil }\n\nfunc Run() {\n\tsrv := Server{}\n\t_ = srv\n\tServer.$0Start\n}\n",
        )]),
        "s.go:5:17 resolved"
    );
}

// ---------------------------------------------------------------- Java

#[test]
fn java_import_static_call_and_same_package_class() {
    let files = [
        (
            "src/com/shop/App.java",
            "package com.shop;\n\nimport com.shop.util.Money;\n\npublic class App {\n  void run() {\n    Money.$0format(3);\n    new Cart().add();\n  }\n}\n",
        ),
        (
            "src/com/shop/Cart.java",
            "package com.shop;\n\npublic class Cart {\n  public void add() {}\n}\n",
        ),
        (
            "src/com/shop/util/Money.java",
            "package com.shop.util;\n\npublic class Money {\n  public static String format(int c) { return \"\"; }\n}\n",
        ),
    ];
    assert_eq!(goto(&files), "src/com/shop/util/Money.java:4:23 resolved");
    let mut other = files;
    other[0].1 = "package com.shop;\n\nimport com.shop.util.Money;\n\npublic class App {\n  void run() {\n    Money.format(3);\n    new $0Cart().add();\n  }\n}\n";
    assert_eq!(goto(&other), "src/com/shop/Cart.java:3:13 resolved");
}

#[test]
fn java_inherited_method_through_extends() {
    assert_eq!(
        goto(&[
            (
                "p/Base.java",
                "package p;\n\npublic class Base {\n  protected void log() {}\n}\n"
            ),
            (
                "p/Child.java",
                "package p;\n\npublic class Child extends Base {\n  void go() { $0log(); }\n}\n"
            ),
        ]),
        "p/Base.java:4:17 resolved"
    );
}

// ---------------------------------------------------------------- Rust

#[test]
fn rust_use_crate_path_and_mod_file() {
    let files = [
        (
            "Cargo.toml",
            "[package]\nname = \"shop-core\"\nversion = \"0.1.0\"\n",
        ),
        (
            "src/lib.rs",
            "mod util;\npub mod model;\n\nuse crate::util::helper;\n\npub fn run() {\n    $0helper();\n    util::other();\n}\n",
        ),
        ("src/util.rs", "pub fn helper() {}\n\npub fn other() {}\n"),
        ("src/model/mod.rs", "pub struct Item;\n"),
    ];
    assert_eq!(goto(&files), "src/util.rs:1:7 resolved");
    let mut qualified = files;
    qualified[1].1 = "mod util;\npub mod model;\n\nuse crate::util::helper;\n\npub fn run() {\n    helper();\n    util::$0other();\n}\n";
    assert_eq!(goto(&qualified), "src/util.rs:3:7 resolved");
}

#[test]
fn rust_associated_function_self_method_and_trait_impl() {
    let src = "pub trait Area { fn area(&self) -> u32; }\n\npub struct Sq(u32);\n\nimpl Sq {\n    pub fn new() -> Self { Sq(1) }\n    fn double(&self) -> u32 { self.area() * 2 }\n}\n\nimpl Area for Sq {\n    fn area(&self) -> u32 { self.0 }\n}\n\nfn make() -> Sq { Sq::$0new() }\n";
    assert_eq!(goto(&[("src/lib.rs", src)]), "src/lib.rs:6:11 resolved");
    let ws = Ws::new(&[("src/lib.rs", &src.replace("$0", ""))]);
    let g = ws.graph();
    let sq = g
        .symbols_named("Sq")
        .unwrap()
        .into_iter()
        .find(|s| s.kind == DefKind::Struct)
        .unwrap();
    let supers: Vec<String> = g.supertypes(sq.id).unwrap().iter().map(place).collect();
    assert_eq!(supers, vec!["src/lib.rs:1:10"]);
    let area = g.symbols_named("Area").unwrap().into_iter().next().unwrap();
    let subs: Vec<String> = g.subtypes(area.id).unwrap().iter().map(place).collect();
    assert_eq!(subs, vec!["src/lib.rs:3:11"]);
}

#[test]
fn rust_workspace_crate_by_name() {
    assert_eq!(
        goto(&[
            ("core/Cargo.toml", "[package]\nname = \"shop-core\"\n"),
            ("core/src/lib.rs", "pub mod price;\n"),
            ("core/src/price.rs", "pub fn total() -> u32 { 1 }\n"),
            ("app/Cargo.toml", "[package]\nname = \"app\"\n"),
            (
                "app/src/main.rs",
                "use shop_core::price::total;\n\nfn main() { $0total(); }\n"
            ),
        ]),
        "core/src/price.rs:1:7 resolved"
    );
}

// ---------------------------------------------------------------- queries

const APP: &str = "from util import load, save\n\n\ndef main():\n    data = load('a')\n    save(data)\n\n\ndef cli():\n    main()\n";
const UTIL: &str = "def load(path):\n    return read(path)\n\n\ndef read(path):\n    return open(path).read()\n\n\ndef save(data):\n    pass\n";

#[test]
fn callers_and_callees_to_a_depth() {
    let ws = Ws::new(&[("app.py", APP), ("util.py", UTIL)]);
    let g = ws.graph();
    let read = &g.symbols_named("read").unwrap()[0];
    let callers: Vec<(String, usize, Vec<u32>)> = g
        .callers(read.id, 3)
        .unwrap()
        .iter()
        .map(|c| {
            (
                c.caller
                    .as_ref()
                    .map_or("<module>".into(), |s| s.name.clone()),
                c.depth,
                c.spans.iter().map(|s| s.start_line).collect(),
            )
        })
        .collect();
    assert_eq!(
        callers,
        vec![
            ("load".to_string(), 1, vec![2]),
            ("main".to_string(), 2, vec![5]),
            ("cli".to_string(), 3, vec![10]),
        ]
    );
    let main = &g.symbols_named("main").unwrap()[0];
    let callees: Vec<(String, usize)> = g
        .callees(main.id, 2)
        .unwrap()
        .iter()
        .map(|c| (c.callee.name.clone(), c.depth))
        .collect();
    assert_eq!(
        callees,
        vec![
            ("load".to_string(), 1),
            ("save".to_string(), 1),
            ("read".to_string(), 2)
        ]
    );
    assert_eq!(g.caller_count(read.id).unwrap(), 1);
}

#[test]
fn impact_of_a_symbol_and_of_a_file() {
    let ws = Ws::new(&[("app.py", APP), ("util.py", UTIL), ("z.py", "import app\n")]);
    let g = ws.graph();
    let read = &g.symbols_named("read").unwrap()[0];
    let impact = g.impact_of_symbol(read.id, 5).unwrap();
    let names: Vec<(String, usize)> = impact
        .entries
        .iter()
        .map(|e| {
            (
                e.symbol.as_ref().map_or(e.path.clone(), |s| s.name.clone()),
                e.depth,
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            ("load".to_string(), 1),
            ("main".to_string(), 2),
            ("cli".to_string(), 3)
        ]
    );
    assert_eq!(impact.files, vec!["app.py", "util.py"]);
    let by_file = g.impact_of_file("util.py", 2).unwrap();
    assert_eq!(by_file.files, vec!["app.py", "z.py"]);
}

#[test]
fn circular_imports_are_reported_and_still_resolve() {
    let ws = Ws::new(&[
        ("a.py", "from b import g\n\ndef f():\n    return g()\n"),
        (
            "b.py",
            "from a import f\n\ndef g():\n    return 1\n\ndef h():\n    return f()\n",
        ),
        ("c.py", "import a\n"),
    ]);
    let g = ws.graph();
    assert_eq!(
        g.import_cycles().unwrap(),
        vec![vec!["a.py".to_string(), "b.py".to_string()]]
    );
    let f = &g.symbols_named("f").unwrap()[0];
    let callers: Vec<String> = g
        .callers(f.id, 5)
        .unwrap()
        .iter()
        .filter_map(|c| c.caller.as_ref().map(|s| s.name.clone()))
        .collect();
    assert_eq!(callers, vec!["h"]);
}

#[test]
fn repo_map_ranks_the_most_used_definitions_first_within_budget() {
    let mut files = vec![(
        "core.py".to_string(),
        "def central(x):\n    return x\n\n\ndef unused_helper():\n    pass\n".to_string(),
    )];
    for i in 0..6 {
        files.push((
            format!("m{i}.py"),
            format!("from core import central\n\n\ndef f{i}():\n    return central({i})\n"),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let ws = Ws::new(&borrowed);
    let g = ws.graph();
    let map = g.repo_map(1000).unwrap();
    assert_eq!(map.entries[0].symbol.name, "central");
    assert!(
        map.text.starts_with("core.py:\n     1│ def central(x):\n"),
        "{}",
        map.text
    );
    let small = g.repo_map(12).unwrap();
    assert!(
        small.tokens <= 12,
        "{} tokens: {}",
        small.tokens,
        small.text
    );
    assert_eq!(small.entries.len(), 1);
    let unused: Vec<String> = g
        .unreferenced(10)
        .unwrap()
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert!(unused.contains(&"unused_helper".to_string()), "{unused:?}");
    assert!(!unused.contains(&"central".to_string()));
}

#[test]
fn export_writes_every_node_and_edge_in_each_format() {
    let ws = Ws::new(&[("app.py", APP), ("util.py", UTIL)]);
    let g = ws.graph();
    let mut jsonl = Vec::new();
    let counts = export::export(&g, export::Format::JsonLines, "demo", &mut jsonl).unwrap();
    let text = String::from_utf8(jsonl).unwrap();
    assert_eq!(
        text.lines().count(),
        counts.files + counts.symbols + counts.edges
    );
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    assert!(text.contains(r#""label":"CALLS""#));
    assert!(text.contains(r#""label":"IMPORTS""#));
    let mut cypher = Vec::new();
    export::export(&g, export::Format::Cypher, "demo", &mut cypher).unwrap();
    let cypher = String::from_utf8(cypher).unwrap();
    assert!(
        cypher.contains("MERGE (n:Symbol {repo: 'demo', key: 's1'}) SET n.name = 'main'"),
        "{cypher}"
    );
    let mut graphml = Vec::new();
    export::export(&g, export::Format::GraphMl, "demo", &mut graphml).unwrap();
    let graphml = String::from_utf8(graphml).unwrap();
    assert_eq!(
        graphml.matches("<node ").count(),
        counts.files + counts.symbols
    );
    assert_eq!(graphml.matches("<edge ").count(), counts.edges);
}

// ---------------------------------------------------------------- incremental

#[test]
fn renaming_a_function_updates_its_callers_in_other_files() {
    let ws = Ws::new(&[
        ("app.py", APP),
        ("util.py", UTIL),
        ("unrelated.py", "def z():\n    pass\n"),
    ]);
    let g = ws.graph();
    let load = &g.symbols_named("load").unwrap()[0];
    assert_eq!(
        g.callers(load.id, 1).unwrap()[0]
            .caller
            .as_ref()
            .unwrap()
            .name,
        "main"
    );
    drop(g);

    ws.write("util.py", &UTIL.replace("def load(", "def fetch("));
    ws.index();
    let g = ws.graph();
    assert!(g.symbols_named("load").unwrap().is_empty());
    // app.py was not edited, but its uses of `load` no longer land anywhere.
    assert_eq!(g.definition_at("app.py", 5, 12).unwrap(), None);
    let fetch = &g.symbols_named("fetch").unwrap()[0];
    assert!(g.callers(fetch.id, 1).unwrap().is_empty());
    drop(g);

    ws.write("app.py", &APP.replace("load", "fetch"));
    ws.index();
    let g = ws.graph();
    let fetch = &g.symbols_named("fetch").unwrap()[0];
    let callers: Vec<String> = g
        .callers(fetch.id, 1)
        .unwrap()
        .iter()
        .map(|c| c.caller.as_ref().unwrap().name.clone())
        .collect();
    assert_eq!(callers, vec!["main"]);
}

#[test]
fn an_update_reparses_only_the_changed_file_and_its_dependents() {
    let ws = Ws::new(&[
        ("app.py", APP),
        ("util.py", UTIL),
        ("unrelated.py", "def z():\n    pass\n"),
    ]);
    ws.write("util.py", &format!("{UTIL}\n\ndef extra():\n    pass\n"));
    let report = update_graph(ws.root(), &ws.settings.dir, &Default::default()).unwrap();
    // The manifest still has the old hash: nothing to do until the index sees the change.
    assert_eq!(report.parsed, 0);
    ws.index();
    let g = ws.graph();
    assert_eq!(g.symbols_named("extra").unwrap().len(), 1);
    // A second update with nothing changed does nothing.
    let again = update_graph(ws.root(), &ws.settings.dir, &Default::default()).unwrap();
    assert_eq!(
        (again.parsed, again.resolved_files, again.full),
        (0, 0, false)
    );
}

#[test]
fn an_edit_that_keeps_a_files_names_keeps_its_callers_and_one_that_drops_a_name_unresolves_its_uses()
 {
    let ws = Ws::new(&[("app.py", APP), ("util.py", UTIL)]);
    // Two lines above everything: same names, new positions (and new definition ids).
    ws.write("util.py", &format!("import os\n\n{UTIL}"));
    ws.index();
    let g = ws.graph();
    let load = &g.symbols_named("load").unwrap()[0];
    assert_eq!(
        (load.path.as_str(), load.name_span.start_line),
        ("util.py", 3)
    );
    let callers: Vec<String> = g
        .callers(load.id, 1)
        .unwrap()
        .iter()
        .map(|c| c.caller.as_ref().unwrap().name.clone())
        .collect();
    assert_eq!(callers, vec!["main"]);
    // `save` goes: the call in app.py no longer lands anywhere as resolved.
    ws.write(
        "util.py",
        "def load(path):\n    return read(path)\n\n\ndef read(path):\n    return path\n",
    );
    ws.index();
    let g = ws.graph();
    assert!(g.symbols_named("save").unwrap().is_empty());
    let read = &g.symbols_named("read").unwrap()[0];
    assert_eq!(read.name_span.start_line, 5);
    let callers: Vec<String> = g
        .callers(read.id, 1)
        .unwrap()
        .iter()
        .map(|c| c.caller.as_ref().unwrap().name.clone())
        .collect();
    assert_eq!(callers, vec!["load"]);
}

// ---------------------------------------------------------------- bad input

#[test]
fn syntax_errors_keep_what_parses() {
    let ws = Ws::new(&[
        (
            "ok.py",
            "def good():\n    pass\n\ndef broken(:\n    return good(\n",
        ),
        ("b.ts", "export function f( {\n"),
        ("c.rs", "fn x() { let = ; }\nfn y() { x() }\n"),
    ]);
    let g = ws.graph();
    assert_eq!(g.symbols_named("good").unwrap().len(), 1);
    assert_eq!(g.symbols_named("y").unwrap().len(), 1);
}

#[test]
fn two_definitions_of_one_name_the_nearest_in_scope_wins_and_guesses_say_so() {
    // The file's own definition is in scope: resolved, not the other file's.
    assert_eq!(
        goto(&[
            ("a.py", "def dup():\n    pass\n\ndup()\n$0dup\n"),
            ("b.py", "def dup():\n    pass\n"),
        ]),
        "a.py:1:4 resolved"
    );
    // Two classes with the method and an unknown receiver: a guess, never "resolved".
    let answer = goto(&[
        ("a.py", "def f(x):\n    x.$0close()\n"),
        ("b.py", "class A:\n    def close(self):\n        pass\n"),
        ("c.py", "class B:\n    def close(self):\n        pass\n"),
    ]);
    assert!(answer.ends_with(" by_name"), "{answer}");
}

#[test]
fn a_generated_file_with_many_symbols_is_read_in_full() {
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!("def f{i}():\n    return f{}()\n", i / 2));
    }
    let started = std::time::Instant::now();
    let ws = Ws::new(&[("gen.py", &text)]);
    let g = ws.graph();
    assert_eq!(g.file_symbols("gen.py").unwrap().len(), 20_000);
    let f1 = &g.symbols_named("f1").unwrap()[0];
    assert_eq!(g.callers(f1.id, 1).unwrap().len(), 2); // f2 and f3
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn live_answers_from_the_document_alone() {
    let text = "class A:\n    def run(self):\n        return self.go()\n\n    def go(self):\n        pass\n";
    let (def, confidence) =
        live::definition_in_text(crate::parse::Language::Python, text, 3, 22).unwrap();
    assert_eq!(
        (
            def.name.as_str(),
            def.name_span.start_line,
            def.name_span.start_col,
            confidence
        ),
        ("go", 5, 8, Confidence::Resolved)
    );
    let outline = live::outline(crate::parse::Language::Python, text).unwrap();
    let names: Vec<(&str, u32, u32, u32)> = outline
        .iter()
        .map(|d| {
            (
                d.name.as_str(),
                d.name_span.start_line,
                d.name_span.start_col,
                d.name_span.end_col,
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![("A", 1, 6, 7), ("run", 2, 8, 11), ("go", 5, 8, 10)]
    );
}
