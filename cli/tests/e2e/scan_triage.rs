//! `rlm scan --triage` through the real binary against the fake model server on 127.0.0.1:
//! the message when no model is configured, verdicts in text, JSON and SARIF, a garbage reply
//! read as `uncertain`, and `[audit.triage] max_findings` stopping the model calls.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::clean::rlm;
use rlm_engine::providers::fake_server::{FakeReply, FakeServer, RecordedRequest};
use std::sync::Arc;

const APP: &str = "import hashlib\nimport yaml\n\n\ndef load(data):\n    return yaml.load(data)\n\n\ndef digest(x):\n    return hashlib.md5(x).hexdigest()\n";

/// A reply per rule: a clean JSON verdict for yaml.load, garbage for md5.
fn server() -> FakeServer {
    FakeServer::start(Arc::new(|r: &RecordedRequest| {
        if r.last_user.starts_with("Finding: py/yaml-load") {
            FakeReply::text(
                "```json\n{\"verdict\": \"true_positive\", \"reason\": \"data is parsed with the full loader\", \"exploit_path\": \"a !!python/object tag in data\"}\n```",
            )
        } else {
            FakeReply::text("I am not sure what you want from me.")
        }
    }))
    .unwrap()
}

fn env(server: &FakeServer) -> Vec<(&'static str, String)> {
    vec![
        ("RLM_MODEL", server.model_spec("triage")),
        ("OPENAI_COMPATIBLE_API_KEY", "fake-key".to_string()),
    ]
}

fn workspace() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("app.py"), APP).unwrap();
    work
}

#[test]
fn triage_without_a_model_names_the_three_ways_and_exits_2() {
    let home = tempfile::tempdir().unwrap();
    let work = workspace();
    let out = rlm(
        home.path(),
        &["scan", "--triage", work.path().to_str().unwrap()],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: --triage needs a model and none is configured. The three shortest ways:\n  1. a hosted model"),
        "{stderr}"
    );
    assert!(stderr.contains("RLM_MODEL=ollama:qwen3:8b"), "{stderr}");
    assert!(stderr.contains("[rlm] root = \"openai:gpt-4o-mini\" in rlm.toml"));
    assert!(out.stdout.is_empty());
}

#[test]
fn triage_verdicts_appear_in_text_json_and_sarif_and_garbage_is_uncertain() {
    let home = tempfile::tempdir().unwrap();
    let work = workspace();
    let server = server();
    let env = env(&server);
    let path = work.path().to_str().unwrap();

    let text = rlm(home.path(), &["scan", "--triage", path], &env);
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert_eq!(text.status.code(), Some(1), "{stderr}");
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("    triage: TruePositive: data is parsed with the full loader Exploit path: a !!python/object tag in data\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    triage: Uncertain: the model's reply could not be read as a verdict: \"I am not sure what you want from me.\"\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("triage: 2 findings triaged, 0 left untriaged by the budget, 0 failed"),
        "{stderr}"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    // The prompt carries the rule's documentation and the marked line of code.
    let yaml = requests
        .iter()
        .find(|r| r.last_user.starts_with("Finding: py/yaml-load"))
        .unwrap();
    assert!(
        yaml.last_user
            .contains("Rule documentation:\nWhat it finds:")
    );
    assert!(
        yaml.last_user
            .contains(">>    6 |     return yaml.load(data)\n"),
        "{}",
        yaml.last_user
    );

    let json = rlm(
        home.path(),
        &["scan", "--triage", "--format", "json", path],
        &env,
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let verdicts: Vec<(String, String)> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["triage"]["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("py/yaml-load".to_string(), "true_positive".to_string()),
            ("py/insecure-hash".to_string(), "uncertain".to_string())
        ]
    );

    let sarif = rlm(
        home.path(),
        &["scan", "--triage", "--format", "sarif", path],
        &env,
    );
    let value: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let triage: Vec<String> = value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["properties"]["triage"]["verdict"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(triage, ["true_positive", "uncertain"]);
}

#[test]
fn triage_budget_stops_after_max_findings() {
    let home = tempfile::tempdir().unwrap();
    let work = workspace();
    std::fs::write(
        work.path().join("rlm.toml"),
        "[audit.triage]\nmax_findings = 1\n",
    )
    .unwrap();
    let server = server();
    let out = rlm(
        home.path(),
        &[
            "scan",
            "--triage",
            "--format",
            "json",
            work.path().to_str().unwrap(),
        ],
        &env(&server),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("triage: 1 findings triaged, 1 left untriaged by the budget, 0 failed"),
        "{stderr}"
    );
    assert_eq!(server.requests().len(), 1);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let triaged = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["triage"].is_null())
        .count();
    assert_eq!(triaged, 1);
}
