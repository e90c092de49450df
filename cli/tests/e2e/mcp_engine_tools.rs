//! The tools over the audit and the RLM loop, through `rlm mcp` and rmcp's client:
//! `security_scan` on a generated vulnerable file, and `ask_codebase` against the fake model
//! server (the one mock, at the network edge): answer, cost, iterations, trace resource,
//! progress notifications, cancellation, and the message when no model is configured.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::clean::sandbox_works;
use common::*;
use rlm_engine::providers::fake_server::{FakeReply, FakeServer, RecordedRequest};
use rmcp::model::{
    CallToolRequestParams, ClientRequest, NumberOrString, ProgressToken, ReadResourceRequestParams,
    Request, RequestMetaObject,
};
use rmcp::service::PeerRequestOptions;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const FAKE_KEY: &str = "fake-key-value-0123456789";

const VULNERABLE_PY: &str = "import hashlib\nimport subprocess\n\n\
def fingerprint(data):\n    return hashlib.md5(data).hexdigest()\n\n\
def run(user_command):\n    return subprocess.call(user_command, shell=True)\n";

/// The environment of a server whose models are the fake server's "root" and "sub".
fn model_env(home: &Path, server: &FakeServer) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", home.display().to_string()),
        ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
        ("XDG_CACHE_HOME", home.join("cache").display().to_string()),
        ("RLM_MODEL", server.model_spec("root")),
        ("RLM_SUB_MODEL", server.model_spec("sub")),
        ("OPENAI_COMPATIBLE_API_KEY", FAKE_KEY.to_string()),
    ]
}

#[tokio::test]
async fn security_scan_reports_findings_most_severe_first_with_fixes() {
    let repo = Repo::generate(true);
    write(&repo.root.join("src/ops/tasks.py"), VULNERABLE_PY);
    let client = connect_stdio(&repo.root).await;
    let all = structured(&call(&client, "security_scan", json!({"path": "src/ops"})).await);
    let found: Vec<(&str, &str, u64)> = all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("py/insecure-hash", "medium", 5),
            ("py/command-injection", "medium", 8)
        ]
    );
    assert_eq!(
        (&all["files_scanned"], &all["total"]),
        (&json!(1), &json!(2))
    );
    let high = structured(&call(&client, "security_scan", json!({"min_severity": "high"})).await);
    assert!(
        high["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] == json!("high") || f["severity"] == json!("critical")),
        "{high}"
    );
    let hash = structured(
        &call(
            &client,
            "security_scan",
            json!({"path": "src/ops/tasks.py", "rule": "py/insecure-hash"}),
        )
        .await,
    );
    let finding = &hash["findings"][0];
    assert_eq!(
        (
            &hash["total"],
            &finding["path"],
            &finding["line"],
            &finding["severity"]
        ),
        (
            &json!(1),
            &json!("src/ops/tasks.py"),
            &json!(5),
            &json!("medium")
        )
    );
    let diff = finding["fix"]["diff"].as_str().unwrap();
    assert!(diff.contains("-    return hashlib.md5(data).hexdigest()\n+    return hashlib.sha256(data).hexdigest()"), "{diff}");
    let none = structured(
        &call(
            &client,
            "security_scan",
            json!({"path": "src/ops", "min_severity": "critical"}),
        )
        .await,
    );
    assert_eq!((&none["total"], &none["findings"]), (&json!(0), &json!([])));
    let bad = call(&client, "security_scan", json!({"min_severity": "severe"})).await;
    assert!(error_text(&bad).starts_with(
        "unknown variant `severe`, expected one of `low`, `medium`, `high`, `critical`"
    ));
    let outside = call(&client, "security_scan", json!({"path": "../"})).await;
    assert!(error_text(&outside).contains("leaves the workspace"));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn security_scan_leaves_out_what_the_configured_baseline_records_as_rlm_scan_does() {
    let repo = Repo::generate(false);
    write(&repo.root.join("src/ops/tasks.py"), VULNERABLE_PY);
    let out = std::process::Command::new(RLM)
        .args(["scan", "--write-baseline", "baseline.json"])
        .current_dir(&repo.root)
        .env("XDG_CONFIG_HOME", repo.root.join(".no-user-config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    write(
        &repo.root.join("src/ops/more.py"),
        "import subprocess\n\ndef go(cmd):\n    return subprocess.call(cmd, shell=True)\n",
    );
    write(
        &repo.root.join("rlm.toml"),
        "[audit]\nbaseline = \"baseline.json\"\n",
    );
    let client = connect_stdio(&repo.root).await;
    for args in [
        json!({}),
        json!({"path": "src/ops"}),
        json!({"path": "src/ops/more.py"}),
    ] {
        let result = structured(&call(&client, "security_scan", args.clone()).await);
        let found: Vec<(&str, &str, u64)> = result["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap(),
                    f["rule_id"].as_str().unwrap(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [("src/ops/more.py", "py/command-injection", 4)],
            "{args}"
        );
    }
    // The file the baseline records has nothing new.
    let known = structured(
        &call(
            &client,
            "security_scan",
            json!({"path": "src/ops/tasks.py"}),
        )
        .await,
    );
    assert_eq!(
        (&known["total"], &known["findings"]),
        (&json!(0), &json!([]))
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn ask_codebase_without_a_model_answers_from_retrieval_with_a_note() {
    let repo = Repo::generate(true);
    let home = tempfile::tempdir().unwrap();
    write(
        &repo.root.join("rlm.toml"),
        "[retrieval]\nmethod = \"bm25\"\n",
    );
    let env = [
        ("HOME", home.path().display().to_string()),
        (
            "XDG_CONFIG_HOME",
            home.path().join("config").display().to_string(),
        ),
        ("RLM_MODEL", String::new()),
    ];
    let client = connect_stdio_env(&repo.root, &env).await;
    let result = structured(
        &call(
            &client,
            "ask_codebase",
            json!({"question": "How is the invoice total computed from the line items?"}),
        )
        .await,
    );
    assert_eq!(
        (
            &result["stop_reason"],
            &result["complete"],
            &result["iterations"]
        ),
        (&json!("retrieval_only"), &json!(false), &json!(0))
    );
    assert_eq!(
        result["note"],
        "Retrieval only (no model is configured): these are the passages that best match the question, not a written answer. For one, set RLM_MODEL (e.g. openai:gpt-4o-mini with OPENAI_API_KEY, or ollama:qwen3:8b) or [rlm] root in rlm.toml; see docs/providers.md. Ranked by bm25."
    );
    let first = &result["passages"][0];
    assert_eq!(first["path"], "src/billing/invoice.py");
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .contains("def compute_total(self, items):"),
        "{first}"
    );
    // Scoped to a folder, only its files answer.
    let scoped = structured(
        &call(
            &client,
            "ask_codebase",
            json!({"question": "Which helper returns the value plus a number?", "path": "src/util"}),
        )
        .await,
    );
    let paths: Vec<&str> = scoped["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(!paths.is_empty(), "{scoped}");
    assert!(
        paths.iter().all(|p| p.starts_with("src/util/helper_")),
        "{scoped}"
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn ask_codebase_answers_with_cost_iterations_progress_and_a_trace_resource() {
    let home = tempfile::tempdir().unwrap();
    if !sandbox_works(home.path()) {
        return;
    }
    let repo = Repo::generate(true);
    let server = FakeServer::start(Arc::new(|r: &RecordedRequest| {
        if r.model == "sub" {
            return FakeReply::text("7");
        }
        FakeReply::text(match (r.message_count - 2) / 2 {
            0 => "```repl\nfiles = context.split('# === FILE: ')\nprint(len(files) - 1)\nfee = llm_query('What is the shipping fee under 100? ' + [f for f in files if f.startswith('src/billing/invoice.py')][0])\n```\n".to_string(),
            _ => "```repl\nFINAL('shipping costs ' + fee)\n```".to_string(),
        })
    }))
    .unwrap();
    let client = connect_stdio_env(&repo.root, &model_env(home.path(), &server)).await;
    let mut meta = RequestMetaObject::default();
    meta.set_progress_token(ProgressToken(NumberOrString::String("ask-1".into())));
    let mut arguments = serde_json::Map::new();
    arguments.insert(
        "question".into(),
        json!("What is the shipping fee for small orders?"),
    );
    let mut params = CallToolRequestParams::new("ask_codebase").with_arguments(arguments);
    params.meta = Some(meta);
    let result = structured(&client.call_tool(params).await.unwrap());
    assert_eq!(
        (
            &result["answer"],
            &result["stop_reason"],
            &result["complete"],
            &result["iterations"],
            &result["subcalls"],
            &result["root_model"]
        ),
        (
            &json!("shipping costs 7"),
            &json!("final"),
            &json!(true),
            &json!(2),
            &json!(1),
            &json!(server.model_spec("root"))
        )
    );
    assert!(result["input_tokens"].as_u64().unwrap() > 0);
    let progress = client.service().progress.lock().unwrap().clone();
    assert!(progress.len() >= 5, "{progress:?}");
    assert!(
        progress
            .iter()
            .any(|p| p.message.as_deref().is_some_and(|m| m.contains("[Iter 1]"))),
        "{progress:?}"
    );
    let trace_uri = format!("rlm-trace://{}", result["trace_id"].as_str().unwrap());
    let resources = client.list_all_resources().await.unwrap();
    assert_eq!(resources[0].uri, trace_uri, "newest trace first");
    let trace = client
        .read_resource(ReadResourceRequestParams::new(trace_uri.clone()))
        .await
        .unwrap();
    let text = serde_json::to_value(&trace.contents[0]).unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    let events: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["event"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(events.first().map(String::as_str), Some("start"));
    assert_eq!(events.last().map(String::as_str), Some("finish"));
    assert!(!text.contains(FAKE_KEY), "the API key reached the trace");
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn cancelling_ask_codebase_stops_the_run() {
    let home = tempfile::tempdir().unwrap();
    if !sandbox_works(home.path()) {
        return;
    }
    let repo = Repo::generate(true);
    let server = FakeServer::start(Arc::new(|_: &RecordedRequest| {
        FakeReply::Delay(
            Duration::from_secs(60),
            Box::new(FakeReply::text("```repl\nFINAL('too late')\n```")),
        )
    }))
    .unwrap();
    let client = connect_stdio_env(&repo.root, &model_env(home.path(), &server)).await;
    let mut arguments = serde_json::Map::new();
    arguments.insert("question".into(), json!("What does billing do?"));
    let handle = client
        .send_cancellable_request(
            ClientRequest::CallToolRequest(Request::new(
                CallToolRequestParams::new("ask_codebase").with_arguments(arguments),
            )),
            PeerRequestOptions::no_options(),
        )
        .await
        .unwrap();
    let started = Instant::now();
    while server.requests().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the run never called the model"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    handle
        .cancel(Some("the user changed their mind".into()))
        .await
        .unwrap();
    // The run records its end in the trace: stopped as cancelled, long before the model's
    // 60-second reply, and the model is not called again.
    let traces = repo.root.join(".rlm/traces");
    let finish = loop {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the run did not stop after cancel"
        );
        let finished = std::fs::read_dir(&traces)
            .into_iter()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .find_map(|text| {
                text.lines()
                    .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                    .find(|v| v["event"] == json!("finish"))
            });
        if let Some(finish) = finished {
            break finish;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(finish["stop_reason"], json!("cancelled"));
    assert_eq!(server.requests().len(), 1);
    let still = structured(&call(&client, "find_symbol", json!({"name": "compute_total"})).await);
    assert_eq!(still["symbols"][0]["path"], json!("src/billing/invoice.py"));
    client.cancel().await.unwrap();
}

const MEMORY_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

#[tokio::test]
async fn memory_add_then_search_returns_the_whole_memory_and_other_agents_are_denied() {
    let repo = Repo::generate(false);
    // No model folder: the ranking is BM25 + recency + salience whatever the machine has.
    let no_models = repo.dir.path().join("no-models").display().to_string();
    let client = connect_stdio_env(
        &repo.root,
        &[
            ("RLM_MEMORY_KEY", MEMORY_KEY.to_string()),
            ("RLM_MODEL_DIR", no_models),
        ],
    )
    .await;
    let text = "The release checklist lives in docs/release.md and needs two reviewers";
    let added = structured(
        &call(
            &client,
            "memory_add",
            json!({"text": text, "zone": "internal", "kind": "finding"}),
        )
        .await,
    );
    let id = added["id"].as_str().unwrap().to_string();
    assert!(!id.is_empty());
    assert_eq!(
        added,
        json!({"id": id, "agent": "user", "zone": "internal", "kind": "finding", "consolidated": false})
    );
    let found = structured(
        &call(
            &client,
            "memory_search",
            json!({"query": "release checklist reviewers"}),
        )
        .await,
    );
    let score = found["hits"][0]["score"].as_f64().unwrap();
    assert!(score > 0.0, "{found}");
    assert_eq!(
        found,
        json!({
            "retrieval": "BM25 only (no embedding model installed) + recency + salience",
            "hits": [{
                "id": id, "level": "episode", "zone": "internal", "kind": "finding",
                "agent": "user", "text": text, "score": score
            }],
            "damaged": []
        })
    );
    let other = structured(
        &call(
            &client,
            "memory_search",
            json!({"query": "release checklist reviewers", "agent": "bot"}),
        )
        .await,
    );
    assert_eq!(other["hits"], json!([]));
    let denied = call(
        &client,
        "memory_search",
        json!({"query": "release checklist", "agent": "bot", "zone": "internal"}),
    )
    .await;
    assert_eq!(
        error_text(&denied),
        "access denied: agent \"bot\" may not search in zone internal (its clearance is public); an agent cleared for it can run `rlm memory grant bot internal`. This attempt was audited. Retry with a zone within the agent's clearance, or as an agent cleared for it"
    );
    let denied_add = call(
        &client,
        "memory_add",
        json!({"text": "bot notes", "agent": "bot", "zone": "secret"}),
    )
    .await;
    assert!(
        error_text(&denied_add).starts_with("access denied: agent \"bot\" may not "),
        "{denied_add:?}"
    );
    let consolidated = structured(&call(&client, "memory_consolidate", json!({})).await);
    assert_eq!(
        (
            &consolidated["skipped_busy"],
            &consolidated["episodes_consolidated"]
        ),
        (&json!(false), &json!(1))
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn memory_without_its_key_says_how_to_give_it() {
    let repo = Repo::generate(false);
    let keyed = connect_stdio_env(&repo.root, &[("RLM_MEMORY_KEY", MEMORY_KEY.to_string())]).await;
    structured(
        &call(
            &keyed,
            "memory_add",
            json!({"text": "the staging port is 8443"}),
        )
        .await,
    );
    keyed.cancel().await.unwrap();
    let keyless = connect_stdio_env(&repo.root, &[("RLM_MEMORY_KEY", String::new())]).await;
    let missing = call(&keyless, "memory_search", json!({"query": "staging port"})).await;
    let rlm_dir = repo.root.join(".rlm");
    assert_eq!(
        error_text(&missing),
        format!(
            "no memory key for the existing store {}: set RLM_MEMORY_KEY, or [memory] key_file, or restore {}; a changed environment or rlm.toml takes effect when the server restarts",
            rlm_dir.join("memory.db").display(),
            rlm_dir.join("memory.key").display()
        )
    );
    keyless.cancel().await.unwrap();
}

#[tokio::test]
async fn ask_codebase_hands_the_workspace_memories_to_the_repl() {
    let home = tempfile::tempdir().unwrap();
    if !sandbox_works(home.path()) {
        return;
    }
    let repo = Repo::generate(false);
    let server = FakeServer::start(Arc::new(|_: &RecordedRequest| {
        FakeReply::text(
            "```repl\nFINAL(str(len(memory)) + ': ' + memory[0]['text'] + ' (' + memory[0]['kind'] + ')')\n```",
        )
    }))
    .unwrap();
    let mut env = model_env(home.path(), &server);
    env.push(("RLM_MEMORY_KEY", MEMORY_KEY.to_string()));
    let client = connect_stdio_env(&repo.root, &env).await;
    let text = "Shipping fees are waived for orders over 100 since March";
    let added = call(
        &client,
        "memory_add",
        json!({"text": text, "zone": "internal", "kind": "finding"}),
    )
    .await;
    assert!(added.is_error != Some(true), "{added:?}");
    let result = structured(
        &call(
            &client,
            "ask_codebase",
            json!({"question": "When are shipping fees waived?"}),
        )
        .await,
    );
    assert_eq!(
        result["answer"],
        json!(format!("1: {text} (finding)")),
        "{result}"
    );
    let system = &server.requests()[0].system;
    assert!(
        system.contains("`memory` is a list of 1 memory recalled for this question from the workspace's shared memory (as agent user;"),
        "{system}"
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn memory_tools_use_the_configured_model_to_judge_and_summarise() {
    let home = tempfile::tempdir().unwrap();
    let repo = Repo::generate(false);
    let server = FakeServer::start(Arc::new(|r: &RecordedRequest| {
        if r.system.starts_with("You check") {
            let contradicts = r.last_user.contains("5432") && r.last_user.contains("5433");
            return FakeReply::text(format!(
                "{{\"contradicts\": {contradicts}, \"reason\": \"the port changed\"}}"
            ));
        }
        FakeReply::text("{\"summary\": \"The staging database port moved to 5433.\"}")
    }))
    .unwrap();
    let mut env = model_env(home.path(), &server);
    env.push(("RLM_MEMORY_KEY", MEMORY_KEY.to_string()));
    let client = connect_stdio_env(&repo.root, &env).await;
    let first = structured(
        &call(
            &client,
            "memory_add",
            json!({"text": "The staging database listens on port 5432"}),
        )
        .await,
    );
    let second = structured(
        &call(
            &client,
            "memory_add",
            json!({"text": "The staging database now listens on port 5433"}),
        )
        .await,
    );
    let model = format!("model openai-compatible:{}/v1#root", server.base_url());
    assert_eq!(
        (&second["reconsolidation"], &second["judged"]),
        (
            &json!({"outcome": "superseded", "previous": first["id"]}),
            &json!({
                "judge": model,
                "compared": 1,
                "contradiction": {"existing": first["id"], "reason": "the port changed"},
                "unjudged": []
            })
        )
    );
    let consolidated = structured(&call(&client, "memory_consolidate", json!({})).await);
    assert_eq!(
        consolidated["summaries"],
        json!(format!(
            "{model}: 3 written by the model, 0 fell back to extractive"
        )),
        "{consolidated}"
    );
    client.cancel().await.unwrap();
}
