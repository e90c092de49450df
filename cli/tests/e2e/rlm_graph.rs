//! The RLM loop's code-graph functions end to end: a real indexed workspace (index and graph
//! built as `rlm index` builds them), the real sandboxed Python REPL and the fake model server
//! playing the root model. The model's code calls `callers()`, `callees()`, `references()` and
//! `repo_map()`; the answers must be the graph's own values, and the root prompt of the
//! workspace must carry the graph's short repository map.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rlm_engine::graph::Graph;
use rlm_engine::index::IndexSettings;
use rlm_engine::providers::build_model;
use rlm_engine::providers::fake_server::{FakeReply, FakeServer, RecordedRequest};
use rlm_engine::rlm::{
    AskRequest, AskResult, Budgets, CancellationToken, ContextSource, LoopOptions, Models,
    NoObserver, ask_blocking,
};
use std::path::Path;
use std::sync::Arc;

/// A small shop: `apply_tax` is called from two functions of another module (through a
/// `from … import`), `checkout` also calls a helper of its own module, and a comment and a
/// string mention `apply_tax` without using it.
fn shop(dir: &Path) -> IndexSettings {
    std::fs::write(
        dir.join("tax.py"),
        "RATE = 1.2\n\n\ndef apply_tax(amount):\n    return round(amount * RATE, 2)\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("pay.py"),
        "from tax import apply_tax\n\n\ndef subtotal(cart):\n    return sum(cart)\n\n\n\
         def checkout(cart):\n    # apply_tax is applied once\n    return apply_tax(subtotal(cart))\n\n\n\
         def refund(cart):\n    print(\"apply_tax\")\n    return -apply_tax(sum(cart))\n",
    )
    .unwrap();
    let settings = IndexSettings::new(dir, &rlm_engine::config::Config::default(), None);
    rlm_engine::index::index_workspace(dir, &settings, &rlm_engine::index::NoProgress).unwrap();
    settings
}

/// Runs one question with the root model replying `steps` in turn (the last repeats).
fn ask(steps: Vec<String>, context: ContextSource) -> Option<(AskResult, Vec<RecordedRequest>)> {
    let sandbox = crate::common::rlm::sandbox_policy()?;
    let server = FakeServer::start(Arc::new(move |r: &RecordedRequest| {
        let turn = r.message_count.saturating_sub(2) / 2;
        let step = steps.get(turn.min(steps.len() - 1)).cloned();
        FakeReply::text(step.unwrap_or_default())
    }))
    .unwrap();
    let providers = crate::common::rlm::fake_providers(&server, 1);
    let model = |name: &str| {
        build_model(
            &format!("openai-compatible:http://fake/v1#{name}"),
            &providers,
            None,
        )
        .unwrap()
    };
    let request = AskRequest {
        question: "Who applies the tax?".into(),
        context,
        models: Models {
            root: model("root"),
            sub: model("sub"),
        },
        budgets: Budgets {
            max_iterations: 4,
            ..Budgets::default()
        },
        sandbox,
        options: LoopOptions::default(),
        cancel: CancellationToken::new(),
        secrets: Vec::new(),
        memory: None,
        retrieval: None,
    };
    let result = ask_blocking(request, Arc::new(NoObserver)).unwrap();
    let requests = server
        .requests()
        .into_iter()
        .filter(|r| r.model == "root")
        .collect();
    Some((result, requests))
}

fn repl(code: &str) -> String {
    format!("Let me look at the graph.\n```repl\n{code}\n```\n")
}

fn workspace(dir: &Path, settings: &IndexSettings) -> ContextSource {
    ContextSource::Workspace {
        root: dir.to_path_buf(),
        list: settings.list.clone(),
        index_dir: Some(settings.dir.clone()),
    }
}

#[test]
fn callers_in_the_repl_answer_the_resolved_call_sites_from_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let settings = shop(dir.path());
    let code = "rows = callers('apply_tax')\n\
                FINAL(';'.join(sorted('%s@%s:%s:%s<-%s' % (r['name'], r['path'], \
                ','.join(map(str, r['lines'])), r['confidence'], r['definition']) for r in rows)))";
    let Some((result, _)) = ask(vec![repl(code)], workspace(dir.path(), &settings)) else {
        return;
    };
    // The comment and the string in `refund` are not calls; both real calls are resolved
    // through the import to tax.py's definition.
    assert_eq!(
        result.answer,
        "checkout@pay.py:10:resolved<-tax.py:4;refund@pay.py:15:resolved<-tax.py:4"
    );
}

#[test]
fn callees_and_references_in_the_repl_are_the_graphs_edges() {
    let dir = tempfile::tempdir().unwrap();
    let settings = shop(dir.path());
    let code = "out = [x['name'] + '@' + x['defined_at'] for x in callees('checkout')]\n\
                out += ['%s:%d:%s:%s' % (r['path'], r['line'], r['kind'], r['enclosing']) \
                for r in references('apply_tax', guesses=False)]\n\
                FINAL(' '.join(out))";
    let Some((result, _)) = ask(vec![repl(code)], workspace(dir.path(), &settings)) else {
        return;
    };
    // What the graph itself says, in the order it says it.
    let graph = Graph::open(&settings.dir).unwrap();
    let checkout = graph.find("checkout", None).unwrap().remove(0);
    let mut expected: Vec<String> = graph
        .callees(checkout.id, 1)
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}@{}:{}",
                c.callee.name, c.callee.path, c.callee.name_span.start_line
            )
        })
        .collect();
    assert_eq!(expected, ["apply_tax@tax.py:4", "subtotal@pay.py:4"]);
    expected.extend([
        "pay.py:1:import:None".to_string(),
        "pay.py:10:call:checkout".to_string(),
        "pay.py:15:call:refund".to_string(),
    ]);
    assert_eq!(result.answer, expected.join(" "));
}

#[test]
fn repo_map_in_the_repl_and_in_the_root_prompt_come_from_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let settings = shop(dir.path());
    let Some((result, requests)) = ask(
        vec![repl("FINAL(repo_map(200))")],
        workspace(dir.path(), &settings),
    ) else {
        return;
    };
    let graph = Graph::open(&settings.dir).unwrap();
    let map = graph.repo_map(200).unwrap();
    assert!(map.text.contains("apply_tax"), "{}", map.text);
    assert_eq!(result.answer, map.text);
    // The root prompt carries the 300-token map, once, and says how to get more.
    let root_map = graph.repo_map(300).unwrap().text;
    let system = &requests[0].system;
    assert_eq!(system.matches(root_map.trim_end()).count(), 1, "{system}");
    assert!(
        system.contains("Repository map (the most central definitions by PageRank"),
        "{system}"
    );
    assert!(system.contains("- `callers(name, depth=1)` -> list of dicts"));
}

#[test]
fn graph_functions_survive_a_step_that_shadows_them() {
    let dir = tempfile::tempdir().unwrap();
    let settings = shop(dir.path());
    let steps = vec![
        repl("callers = callers('apply_tax')\nprint(len(callers))"),
        repl("FINAL(str(len(callers('apply_tax'))) + ' ' + str(len(callees('refund'))))"),
    ];
    let Some((result, _)) = ask(steps, workspace(dir.path(), &settings)) else {
        return;
    };
    // refund calls apply_tax (resolved); `sum` and `print` are builtins, not workspace edges.
    assert_eq!(result.answer, "2 1");
}

#[test]
fn graph_functions_without_an_indexed_workspace_raise_what_to_do() {
    let code = "msgs = []\nfor f in (callers, callees, references):\n    try:\n        f('x')\n    \
                except HostCallError as e:\n        msgs.append(str(e).split(';')[0])\n\
                FINAL(' | '.join(msgs))";
    let Some((result, requests)) = ask(vec![repl(code)], ContextSource::Text("abc".into())) else {
        return;
    };
    assert_eq!(
        result.answer,
        "callers() needs an indexed workspace context (run `rlm index PATH`) | \
         callees() needs an indexed workspace context (run `rlm index PATH`) | \
         references() needs an indexed workspace context (run `rlm index PATH`)"
    );
    assert!(!requests[0].system.contains("Repository map ("));
}
