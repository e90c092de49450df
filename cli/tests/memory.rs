//! `rlm memory` through the real binary: concurrent writers, a consolidation killed mid-way,
//! export/import across keys, wrong keys and access refusals as a user sees them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use rlm_engine::memory::synthetic::history;
use rlm_engine::memory::{KeySource, Level, MemoryConfig, MemoryStore, StoreOptions, Zone};

fn rlm(workspace: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rlm"));
    cmd.arg("memory").arg("-C").arg(workspace).args(args);
    cmd.env_remove("RLM_MEMORY_KEY");
    cmd.env("XDG_CONFIG_HOME", workspace.join(".no-user-config"));
    cmd
}

fn run(workspace: &Path, args: &[&str]) -> Output {
    rlm(workspace, args).output().unwrap()
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
                    let o = run(&ws, &["add", &text]);
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
            let o = run(
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
    let mut child = rlm(ws, &["consolidate"])
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

    let o = run(ws, &["consolidate", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let store = open_store(ws);
    assert_eq!(store.stats().unwrap().unconsolidated_episodes, 0);
    let (traces, _) = store.list("user", Level::Trace, 100_000).unwrap();
    let sourced: usize = traces.iter().map(|t| t.sources.len()).sum();
    assert_eq!(sourced, 4000, "every episode is in exactly one trace");
    drop(store);
    let again = run(ws, &["consolidate", "--json", "--quiet"]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["episodes_consolidated"], 0);
    assert_eq!(report["traces_created"], 0);
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
    assert!(
        out.starts_with("retrieval: BM25 only (no embedding model installed)"),
        "{out}"
    );
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
    assert_eq!(
        stdout(&o),
        "re-encrypted 1 record(s) and 0 embedding(s) under the new key\n"
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
