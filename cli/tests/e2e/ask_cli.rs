//! `rlm ask` and `rlm trace show` through the real binary: the message when no model is
//! configured, a run over a workspace against the fake model server configured only through
//! the environment, the JSONL trace with secrets redacted, the response cache making a re-run
//! free, and `--json`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::clean::{rlm, sandbox_works};
use rlm_engine::providers::fake_server::{FakeReply, FakeServer, RecordedRequest};
use std::sync::Arc;

const FAKE_KEY: &str = "fake-key-value-0123456789";

#[test]
fn without_a_model_retrieval_answers_with_paths_lines_and_a_note() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("billing.py"),
        "def compute_invoice_total(items):\n    return sum(i.price for i in items)\n",
    )
    .unwrap();
    std::fs::write(
        work.path().join("auth.py"),
        "def login(user):\n    return user\n",
    )
    .unwrap();
    std::fs::write(
        work.path().join("rlm.toml"),
        "[retrieval]\nmethod = \"bm25\"\n",
    )
    .unwrap();
    let workspace = work.path().to_str().unwrap();
    let question = "How is the invoice total computed?";
    let out = rlm(home.path(), &["ask", workspace, question], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1. billing.py:1-2\n        1 | def compute_invoice_total(items):\n        2 |     return sum(i.price for i in items)\n"
    );
    assert_eq!(
        stderr,
        "note: Retrieval only (no model is configured): these are the passages that best match the question, not a written answer. For one, set RLM_MODEL (e.g. openai:gpt-4o-mini with OPENAI_API_KEY, or ollama:qwen3:8b) or [rlm] root in rlm.toml; see docs/providers.md.\nRanked by bm25.\n"
    );
    // --json carries the passages.
    let out = rlm(home.path(), &["ask", workspace, question, "--json"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["method"], "bm25");
    assert!(
        json["note"]
            .as_str()
            .unwrap()
            .starts_with("Retrieval only (no model is configured)")
    );
    let passages: Vec<(String, u64, u64)> = json["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["start_line"].as_u64().unwrap(),
                p["end_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(passages, [("billing.py".to_string(), 1, 2)]);
}

#[test]
fn no_model_for_a_context_file_explains_the_three_shortest_ways_and_fails() {
    let home = tempfile::tempdir().unwrap();
    let log = home.path().join("app.log");
    std::fs::write(&log, "ok\nfail\n").unwrap();
    let out = rlm(
        home.path(),
        &["ask", "--context", log.to_str().unwrap(), "What failed?"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: no model configured for `rlm ask`. The three shortest ways:\n  1. a hosted model"), "{stderr}");
    assert!(stderr.contains("ollama pull qwen3:8b && export RLM_MODEL=ollama:qwen3:8b"));
    assert!(stderr.contains("[rlm] root = \"openai:gpt-4o-mini\" in rlm.toml"));
    assert!(out.stdout.is_empty());
}

#[test]
fn ask_over_a_workspace_writes_a_redacted_trace_and_a_rerun_comes_from_the_cache() {
    let home = tempfile::tempdir().unwrap();
    if !sandbox_works(home.path()) {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("server.py"),
        "PORT = 8080\n\ndef serve():\n    return PORT\n",
    )
    .unwrap();
    std::fs::write(work.path().join("README.md"), "# Demo\nRun server.py.\n").unwrap();
    let server = FakeServer::start(Arc::new(|r: &RecordedRequest| {
        if r.model == "sub" {
            return FakeReply::text("8080");
        }
        let turn = (r.message_count - 2) / 2;
        FakeReply::text(match turn {
            0 => format!(
                "I was given the key {FAKE_KEY} and sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAA.\n```repl\nfiles = context.split('# === FILE: ')\nprint(len(files) - 1)\nport = llm_query('Which port? ' + [f for f in files if f.startswith('server.py')][0])\n```\n"
            ),
            _ => "```repl\nFINAL('port ' + port)\n```".to_string(),
        })
    }))
    .unwrap();
    let env = [
        ("RLM_MODEL", server.model_spec("root")),
        ("RLM_SUB_MODEL", server.model_spec("sub")),
        ("OPENAI_COMPATIBLE_API_KEY", FAKE_KEY.to_string()),
    ];
    let trace = home.path().join("run.jsonl");
    let workspace = work.path().to_str().unwrap();
    let out = rlm(
        home.path(),
        &[
            "ask",
            workspace,
            "Which port does the server use?",
            "--trace",
            trace.to_str().unwrap(),
        ],
        &env,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "port 8080\n");
    assert!(
        stderr.contains("-- 2 iterations, 1 sub-calls, depth 0,"),
        "{stderr}"
    );
    assert!(stderr.contains("the model finished with FINAL"), "{stderr}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(
        requests
            .iter()
            .all(|r| r.header("authorization") == Some(&format!("Bearer {FAKE_KEY}")))
    );
    let roots: Vec<&RecordedRequest> = requests.iter().filter(|r| r.model == "root").collect();
    assert!(
        roots[1].last_user.starts_with("Output:\n2\n"),
        "{}",
        roots[1].last_user
    );

    let text = std::fs::read_to_string(&trace).unwrap();
    assert!(!text.contains(FAKE_KEY), "the API key reached the trace");
    assert!(
        !text.contains("sk-ant-api03-AAAA"),
        "a secret reached the trace"
    );
    assert!(text.contains("[REDACTED:api-key]"));
    let events: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["event"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        events,
        [
            "start",
            "model_reply",
            "code",
            "sub_call",
            "repl_output",
            "model_reply",
            "code",
            "repl_output",
            "finish"
        ]
    );

    let shown = rlm(
        home.path(),
        &["trace", "show", trace.to_str().unwrap()],
        &[],
    );
    let shown = String::from_utf8_lossy(&shown.stdout);
    let lines: Vec<&str> = shown
        .lines()
        .map(|l| l.split_once(' ').map_or(l, |x| x.1).trim_start())
        .collect();
    assert_eq!(lines.len(), 9, "{shown}");
    assert!(
        shown.contains("[Iter 1] code block 1 (3 lines): files = context.split('# === FILE: ')…"),
        "{shown}"
    );
    assert!(
        shown.contains("[depth 1] [SUB-CALL 1/200] llm_query"),
        "{shown}"
    );
    assert!(
        shown.contains("[Finish] Final after 2 iterations: port 8080"),
        "{shown}"
    );

    // The same question again: every reply comes from the cache, no request is made.
    let again = rlm(
        home.path(),
        &[
            "ask",
            workspace,
            "Which port does the server use?",
            "--json",
        ],
        &env,
    );
    assert_eq!(again.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(json["answer"], "port 8080");
    assert_eq!(json["stop_reason"], "final");
    assert_eq!(json["cost_usd"], 0.0);
    assert_eq!(
        server.requests().len(),
        3,
        "a re-run must come from the cache"
    );

    // --no-cache asks the model again.
    let fresh = rlm(
        home.path(),
        &[
            "ask",
            workspace,
            "Which port does the server use?",
            "--no-cache",
        ],
        &env,
    );
    assert_eq!(fresh.status.code(), Some(0));
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn ask_with_a_context_file_and_a_budget_stop_exits_one_with_the_partial_answer() {
    let home = tempfile::tempdir().unwrap();
    if !sandbox_works(home.path()) {
        return;
    }
    let log = home.path().join("app.log");
    std::fs::write(&log, "ok\nok\nfail\n").unwrap();
    let server = FakeServer::start(Arc::new(|_: &RecordedRequest| {
        FakeReply::text("Counting.\n```repl\nprint(context.count('fail'))\n```")
    }))
    .unwrap();
    let env = [("RLM_MODEL", server.model_spec("root"))];
    let out = rlm(
        home.path(),
        &[
            "ask",
            "--context",
            log.to_str().unwrap(),
            "How many failures?",
            "--max-iterations",
            "2",
            "--no-cache",
        ],
        &env,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Counting.\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("iteration budget spent (max_iterations = 2)"),
        "{stderr}"
    );
    assert!(
        server.requests()[0]
            .system
            .contains("`context` is the text of the file app.log: 11 characters")
    );
}

#[test]
fn ask_as_an_agent_puts_only_its_readable_memories_in_the_repl() {
    let home = tempfile::tempdir().unwrap();
    if !sandbox_works(home.path()) {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("deploy.sh"), "make release\n").unwrap();
    let workspace = work.path().to_str().unwrap();
    let memory = |args: &[&str]| {
        let mut all = vec!["memory", "-C", workspace];
        all.extend_from_slice(args);
        let out = rlm(home.path(), &all, &[]);
        assert!(
            out.status.success(),
            "{:?}: {}",
            args,
            String::from_utf8_lossy(&out.stderr)
        );
    };
    memory(&[
        "add",
        "--zone",
        "internal",
        "Payments deploys go through make release",
    ]);
    memory(&[
        "add",
        "--zone",
        "secret",
        "Payments deploy key is in vault secret/pay",
    ]);
    memory(&["grant", "a1", "internal"]);
    let server = FakeServer::start(Arc::new(|_: &RecordedRequest| {
        FakeReply::text(
            "```repl\nFINAL(repr([m['text'] + ' (' + m['zone'] + ')' for m in memory]) if 'memory' in SHOW_VARS() else 'no memory')\n```",
        )
    }))
    .unwrap();
    let env = [("RLM_MODEL", server.model_spec("root"))];
    let question = "How are payments deploys done?";
    let out = rlm(
        home.path(),
        &["ask", workspace, question, "--agent", "a1"],
        &env,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "['Payments deploys go through make release (internal)']\n"
    );
    assert!(
        stderr.starts_with("memory: 1 item(s) recalled as agent a1 into `memory` ("),
        "{stderr}"
    );
    // The owner (the default agent) reads both; --no-memory gives the loop none.
    let out = rlm(home.path(), &["ask", workspace, question], &env);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "['Payments deploys go through make release (internal)', 'Payments deploy key is in vault secret/pay (secret)']\n"
    );
    let out = rlm(
        home.path(),
        &["ask", workspace, question, "--no-memory"],
        &env,
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "no memory\n");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("memory:"));
    // A text file has no workspace memories to recall: --agent there is a mistake, said so.
    let file = work.path().join("deploy.sh");
    let out = rlm(
        home.path(),
        &[
            "ask",
            "--context",
            file.to_str().unwrap(),
            question,
            "--agent",
            "a1",
        ],
        &env,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "--agent picks whose workspace memories the loop gets, and a question about --context FILE gets none"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A store the run cannot open costs it the memories, not the answer.
    let mut wrong = env.to_vec();
    wrong.push(("RLM_MEMORY_KEY", "not the key of this store".to_string()));
    let out = rlm(home.path(), &["ask", workspace, question], &wrong);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "no memory\n");
    assert!(
        stderr.starts_with(
            "warning: asking without workspace memories: workspace memory: the memory key does not open this store ("
        ),
        "{stderr}"
    );
}

#[test]
fn a_workspace_whose_rlm_folder_holds_only_memories_is_not_treated_as_indexed() {
    let home = tempfile::tempdir().unwrap();
    if !sandbox_works(home.path()) {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("deploy.sh"), "make release\n").unwrap();
    let workspace = work.path().to_str().unwrap();
    // `rlm memory add` creates `.rlm/` with the store and its key, and no index.
    let out = rlm(
        home.path(),
        &[
            "memory",
            "-C",
            workspace,
            "add",
            "Deploys go through make release",
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(work.path().join(".rlm").is_dir());
    let server = FakeServer::start(Arc::new(|_: &RecordedRequest| {
        FakeReply::text(
            "```repl\ntry:\n    retrieve('deploys')\n    FINAL('retrieved')\nexcept HostCallError as e:\n    FINAL(str(e))\n```",
        )
    }))
    .unwrap();
    let env = [("RLM_MODEL", server.model_spec("root"))];
    let out = rlm(
        home.path(),
        &["ask", workspace, "How are deploys done?", "--no-memory"],
        &env,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "retrieve() needs an indexed workspace context (run `rlm index PATH`); here, search `context` with Python (re, str.find) instead\n"
    );
}
