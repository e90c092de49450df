//! `rlm memory` through the real binary: concurrent writers, a consolidation killed mid-way,
//! export/import across keys, wrong keys and access refusals as a user sees them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::skip;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use rlm_engine::memory::synthetic::history;
use rlm_engine::memory::{
    KeySource, Level, MemoryConfig, MemoryStore, StoreOptions, Zone, installed_embedder,
};
use rlm_engine::models::ModelsConfig;
use rlm_engine::providers::fake_server::{FakeReply, FakeServer, RecordedRequest};
use std::sync::Arc;

fn rlm(workspace: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rlm"));
    cmd.arg("memory").arg("-C").arg(workspace).args(args);
    cmd.env_remove("RLM_MEMORY_KEY");
    // No chat model unless a test configures one: the rule and extractive summaries.
    cmd.env_remove("RLM_MODEL");
    cmd.env_remove("RLM_SUB_MODEL");
    cmd.env("XDG_CONFIG_HOME", workspace.join(".no-user-config"));
    cmd.env("XDG_CACHE_HOME", workspace.join(".no-user-cache"));
    cmd
}

fn run(workspace: &Path, args: &[&str]) -> Output {
    rlm(workspace, args).output().unwrap()
}

/// `rlm memory` with no model folder: BM25 only, for the tests of concurrency and crash safety,
/// which would otherwise spend their time loading and running the embedding model.
fn run_bm25(workspace: &Path, args: &[&str]) -> Output {
    bm25(rlm(workspace, args)).output().unwrap()
}

fn bm25(mut cmd: Command) -> Command {
    cmd.env("RLM_MODEL_DIR", "/nonexistent/rlm-test-no-models");
    cmd
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn open_store(workspace: &Path) -> MemoryStore {
    MemoryStore::open(StoreOptions {
        path: workspace.join(".rlm/memory.db"),
        key: KeySource::File(workspace.join(".rlm/memory.key")),
        config: MemoryConfig {
            consolidate_every: 0,
            ..MemoryConfig::default()
        },
        owner: "user".into(),
    })
    .unwrap()
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    // Auto-consolidation every 7 episodes, so consolidations race with the writes too.
    std::fs::write(ws.join("rlm.toml"), "[memory]\nconsolidate_every = 7\n").unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let ws = ws.to_path_buf();
            std::thread::spawn(move || {
                for i in 0..15 {
                    let text = format!("writer{w} note{i} about the uniqtoken{w}x{i} service");
                    let o = run_bm25(&ws, &["add", &text]);
                    assert!(o.status.success(), "writer {w} add {i}: {}", stderr(&o));
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = open_store(ws);
    assert!(store.verify().unwrap().damaged.is_empty());
    let stats = store.stats().unwrap();
    let episodes: i64 = stats
        .items
        .iter()
        .filter(|(l, _, _)| *l == Level::Episode)
        .map(|(_, _, n)| n)
        .sum();
    assert_eq!(episodes, 30);
    for w in 0..2 {
        for i in 0..15 {
            let o = run_bm25(
                ws,
                &["search", "--level", "episode", &format!("uniqtoken{w}x{i}")],
            );
            assert!(
                stdout(&o).contains(&format!("writer{w} note{i} about")),
                "writer {w} note {i} missing: {}",
                stdout(&o)
            );
        }
    }
}

#[test]
fn killed_consolidation_leaves_the_store_consistent_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    {
        let store = open_store(ws);
        let episodes = history(40, 100, Zone::Internal, 9)
            .into_iter()
            .map(|h| h.episode)
            .collect();
        store.add_many("user", episodes).unwrap();
    }
    let mut child = bm25(rlm(ws, &["consolidate"]))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains("created from"), "{first}");
    child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no unlock
    child.wait().unwrap();

    let store = open_store(ws);
    let ok: String = store
        .conn_for_tests()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert!(store.verify().unwrap().damaged.is_empty());
    let waiting = store.stats().unwrap().unconsolidated_episodes;
    assert!(
        waiting > 0 && waiting < 4000,
        "killed mid-way: {waiting} waiting"
    );
    // Every link points at a trace whose sources list the episode.
    let (traces, _) = store.list("user", Level::Trace, 100_000).unwrap();
    let (episodes, _) = store.list("user", Level::Episode, 100_000).unwrap();
    for e in &episodes {
        if let Some(parent) = &e.parent {
            let t = traces
                .iter()
                .find(|t| &t.id == parent)
                .expect("parent exists");
            assert!(t.sources.contains(&e.id));
        }
    }
    drop(store);

    let o = run_bm25(ws, &["consolidate", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let store = open_store(ws);
    assert_eq!(store.stats().unwrap().unconsolidated_episodes, 0);
    let (traces, _) = store.list("user", Level::Trace, 100_000).unwrap();
    let sourced: usize = traces.iter().map(|t| t.sources.len()).sum();
    assert_eq!(sourced, 4000, "every episode is in exactly one trace");
    drop(store);
    let again = run_bm25(ws, &["consolidate", "--json", "--quiet"]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["episodes_consolidated"], 0);
    assert_eq!(report["traces_created"], 0);
}

/// The first line of `rlm memory search`: hybrid where the embedding model is installed (as
/// `make setup` installs it), BM25 only otherwise.
fn expected_retrieval_line() -> String {
    match installed_embedder(&ModelsConfig::default()) {
        Some(e) => format!(
            "retrieval: hybrid: BM25 + embeddings ({}) + recency + salience",
            e.model_id()
        ),
        None => "retrieval: BM25 only (no embedding model installed) + recency + salience".into(),
    }
}

#[test]
fn export_import_wrong_key_and_denial_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let o = run(
        &a,
        &[
            "add",
            "--zone",
            "confidential",
            "--kind",
            "finding",
            "The",
            "payments",
            "webhook",
            "skips",
            "signature",
            "checks",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&a, &["search", "webhook", "signature"]);
    let out = stdout(&o);
    assert!(out.starts_with(&expected_retrieval_line()), "{out}");
    assert!(
        out.contains("[episode/confidential]  The payments webhook skips signature checks"),
        "{out}"
    );

    // Another agent is refused, with a clear message and an audit entry.
    let id = out
        .split_whitespace()
        .find(|w| w.starts_with("ep-"))
        .unwrap()
        .to_string();
    let o = run(&a, &["show", "--agent", "eve", &id]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("access denied: agent \"eve\" may not read in zone confidential"),
        "{}",
        stderr(&o)
    );
    let o = run(&a, &["show", "--audit", "5"]);
    assert!(
        stdout(&o).contains("eve        read       confidential denied"),
        "{}",
        stdout(&o)
    );

    let export = dir.path().join("export.jsonl");
    let o = run(&a, &["export", "-o", export.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Import into a store keyed by a passphrase.
    let o = rlm(&b, &["import", export.to_str().unwrap()])
        .env("RLM_MEMORY_KEY", "a long enough passphrase")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "imported 1 memories (0 already present)\n");
    let o = rlm(&b, &["search", "webhook"])
        .env("RLM_MEMORY_KEY", "a long enough passphrase")
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("The payments webhook skips signature checks"),
        "{}",
        stdout(&o)
    );
    let o = rlm(&b, &["search", "webhook"])
        .env("RLM_MEMORY_KEY", "another long passphrase")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("does not open this store"),
        "{}",
        stderr(&o)
    );
    let o = rlm(&b, &["search", "webhook"])
        .env("RLM_MEMORY_KEY", "short")
        .output()
        .unwrap();
    assert!(
        stderr(&o).contains("at least 12 characters"),
        "{}",
        stderr(&o)
    );
    // Rotation through the key file keeps everything readable.
    let o = run(&a, &["rotate-key"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The memory was embedded when it was added where the embedding model is installed.
    let embedded = usize::from(installed_embedder(&ModelsConfig::default()).is_some());
    assert_eq!(
        stdout(&o),
        format!("re-encrypted 1 record(s) and {embedded} embedding(s) under the new key\n")
    );
    let o = run(&a, &["verify"]);
    assert_eq!(stdout(&o), "1 record(s) checked, 0 damaged\n");
}

#[test]
fn a_flipped_byte_is_reported_by_verify_and_search_while_the_rest_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    for text in [
        "alpha note on caching",
        "beta note on caching",
        "gamma note on caching",
    ] {
        assert!(run(ws, &["add", text]).status.success());
    }
    let store = open_store(ws);
    let (id, ciphertext): (String, Vec<u8>) = store
        .conn_for_tests()
        .query_row(
            "SELECT id, ciphertext FROM items ORDER BY rowid LIMIT 1 OFFSET 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(store);
    let db = ws.join(".rlm/memory.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let at = bytes
        .windows(ciphertext.len())
        .position(|w| w == ciphertext.as_slice())
        .unwrap();
    bytes[at + 3] ^= 0x80;
    std::fs::write(&db, &bytes).unwrap();

    let o = run(ws, &["verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with(&format!("DAMAGED {id}: record {id} failed authentication")),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).ends_with("3 record(s) checked, 1 damaged\n"),
        "{}",
        stdout(&o)
    );
    let o = run(ws, &["search", "caching"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains(&format!("warning: record {id} failed authentication")),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("alpha note on caching")
            && stdout(&o).contains("gamma note on caching"),
        "{}",
        stdout(&o)
    );
    let o = run(ws, &["show", &id]);
    assert_eq!(o.status.code(), Some(2));
}

/// A model that judges by port numbers, summarises deploy clusters, and answers anything else
/// (and any judgement of a text saying "maybe") with prose instead of the JSON asked for.
fn memory_model() -> FakeServer {
    FakeServer::start(Arc::new(|r: &RecordedRequest| {
        if r.system.starts_with("You check") {
            let (stored, new) = r.last_user.split_once("\n\nNEW:\n").unwrap_or(("", ""));
            if new.contains("maybe") {
                return FakeReply::text("Hmm, maybe? Hard to say.");
            }
            let contradicts = stored.contains("5432") && new.contains("5433");
            return FakeReply::text(format!(
                "{{\"contradicts\": {contradicts}, \"reason\": \"{}\"}}",
                if contradicts {
                    "the port changed"
                } else {
                    "no conflict"
                }
            ));
        }
        if r.last_user.contains("make release") {
            FakeReply::text("{\"summary\": \"Deploys go through make release after CI.\"}")
        } else {
            FakeReply::text("I summarised it for you!")
        }
    }))
    .unwrap()
}

#[test]
fn add_and_consolidate_use_the_configured_model_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let server = memory_model();
    let model = format!("openai-compatible:{}/v1#memo", server.base_url());
    let with_model = |args: &[&str]| {
        let o = rlm(ws, args).env("RLM_MODEL", &model).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let out = with_model(&["add", "The staging database listens on port 5432"]);
    let first = out
        .lines()
        .next()
        .unwrap()
        .strip_prefix("added ")
        .unwrap()
        .to_string();
    assert_eq!(
        out.lines().nth(1).unwrap(),
        format!(
            "contradiction check: key/value rule + model {model} (0 similar memories compared)"
        )
    );
    let out = with_model(&["add", "The staging database now listens on port 5433"]);
    let lines: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(
        lines,
        vec![
            format!("memory supersedes {first} (kept as history)").as_str(),
            format!(
                "contradiction check: key/value rule + model {model} (1 similar memory compared)"
            )
            .as_str(),
            format!("  {first} contradicted: the port changed").as_str(),
        ]
    );
    // A judgement the model garbles raises nothing and says so.
    let out = with_model(&["add", "The staging database maybe listens on port 5434"]);
    assert!(
        out.contains("  no judgement (no conflict raised): ep-"),
        "{out}"
    );
    assert!(
        out.contains(": the reply is not the JSON object asked for: \"Hmm, maybe? Hard to say.\""),
        "{out}"
    );
    assert!(
        !out.contains("supersedes") && !out.contains("queued"),
        "{out}"
    );
    with_model(&["add", "Deploys go through make release on the build host"]);
    with_model(&["add", "Run make release to deploy after CI is green"]);
    let out = with_model(&["consolidate"]);
    let summaries = out.lines().find(|l| l.starts_with("summaries: ")).unwrap();
    assert!(
        summaries.starts_with(&format!("summaries: model {model}: ")),
        "{out}"
    );
    assert!(summaries.contains(" written by the model, "), "{out}");
    assert!(
        out.contains("  last fallback: the reply is not the JSON object asked for: \"I summarised it for you!\""),
        "{out}"
    );
    let o = run(ws, &["search", "--level", "trace", "deploy", "release"]);
    assert!(
        stdout(&o).contains("Deploys go through make release after CI."),
        "{}",
        stdout(&o)
    );

    // Without a model: the rule alone and extractive summaries, and the output says so.
    let o = run(ws, &["add", "The staging database listens on port 5435"]);
    assert_eq!(
        stdout(&o).lines().nth(1).unwrap(),
        "contradiction check: key/value rule only (no model configured: set RLM_MODEL or [rlm] root)"
    );
    let o = run(ws, &["consolidate"]);
    assert!(
        stdout(&o).contains("summaries: extractive (no summarisation model configured); "),
        "{}",
        stdout(&o)
    );
}

#[test]
fn search_uses_the_installed_embedder_or_says_bm25_only() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let o = run(
        ws,
        &[
            "add",
            "The nightly Postgres backup job writes to the acme bucket",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // No word in common with the memory: only embeddings can find it.
    let o = run(
        ws,
        &["search", "where", "are", "database", "dumps", "stored"],
    );
    let out = stdout(&o);
    assert!(out.starts_with(&expected_retrieval_line()), "{out}");
    if installed_embedder(&ModelsConfig::default()).is_none() {
        skip::skip(
            skip::Need::Models,
            "the semantic half: the embedding model is not installed here (run scripts/setup.d/40-models.sh)",
        );
        assert!(out.contains("no memories match"), "{out}");
        return;
    }
    assert!(out.contains("The nightly Postgres backup job"), "{out}");
}
