//! `rlm retrieve` and `rlm models` through the real binary: errors a user meets (empty question,
//! binary input, a broken or wrong ONNX Runtime library, a missing model folder) and BM25 output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::skip;

use std::path::Path;
use std::process::{Command, Output};

fn rlm(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rlm"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("ORT_DYLIB_PATH");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deploy.py"),
        "def deploy():\n    # the staging deploy password is kiwi-7431\n    return connect()\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("util.py"),
        "def add(a, b):\n    return a + b\n",
    )
    .unwrap();
    dir
}

#[test]
fn empty_question_is_an_error_that_says_what_to_ask() {
    let ws = workspace();
    let out = rlm(
        ws.path(),
        &["retrieve", ".", "   ", "--method", "bm25"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end().lines().last().unwrap(),
        "error: the question is empty: ask something, e.g. \"where is the config loaded?\""
    );
}

#[test]
fn bm25_retrieve_indexes_on_first_use_and_returns_exact_lines_as_json() {
    let ws = workspace();
    let out = rlm(
        ws.path(),
        &[
            "retrieve",
            "staging deploy password?",
            "--method",
            "bm25",
            "-k",
            "1",
            "--json",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &value[0];
    assert_eq!(first["path"], "deploy.py");
    assert_eq!(
        (first["start_line"].as_u64(), first["end_line"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(value.as_array().unwrap().len(), 1);
}

#[test]
fn retrieve_sees_a_file_edited_since_the_last_index() {
    let ws = workspace();
    let ask = |question: &str| -> serde_json::Value {
        let out = rlm(
            ws.path(),
            &[
                "retrieve", question, "--method", "bm25", "-k", "1", "--json",
            ],
            &[],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(ask("staging deploy password?")[0]["path"], "deploy.py");
    std::fs::write(
        ws.path().join("util.py"),
        "def add(a, b):\n    return a + b\n\n\ndef rotate():\n    # the vault recovery phrase is amber lantern\n    pass\n",
    )
    .unwrap();
    let value = ask("vault recovery phrase?");
    assert_eq!(value[0]["path"], "util.py");
    assert_eq!(
        value[0]["text"],
        "def rotate():\n    # the vault recovery phrase is amber lantern\n    pass\n"
    );
}

#[test]
fn binary_context_file_is_refused() {
    let ws = workspace();
    std::fs::write(ws.path().join("blob.bin"), [0u8, 159, 146, 150]).unwrap();
    let out = rlm(
        ws.path(),
        &["retrieve", "what?", "--context", "blob.bin"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end().lines().last().unwrap(),
        "error: blob.bin looks binary (it contains NUL bytes): give a text file"
    );
}

#[test]
fn context_file_with_a_non_infini_method_is_refused() {
    let ws = workspace();
    let out = rlm(
        ws.path(),
        &[
            "retrieve",
            "what?",
            "--context",
            "util.py",
            "--method",
            "bm25",
        ],
        &[],
    );
    assert_eq!(
        stderr(&out).trim_end().lines().last().unwrap(),
        "error: --context reads a text with InfiniRetri only; drop --method bm25 or use --method infini"
    );
}

/// The fix every refused ONNX Runtime library ends with.
const ORT_FIX: &str = "rlm needs ONNX Runtime 1.31.1 (`pip install onnxruntime==1.31.1`); point ORT_DYLIB_PATH or models.ort_dylib at its libonnxruntime.so.1.31.1";

/// Runs `rlm retrieve` with `lib` as the ONNX Runtime library; returns the error line it exits 2 with.
fn refused_with(ws: &Path, method: &str, lib: &Path) -> String {
    let out = rlm(
        ws,
        &["retrieve", "deploy password", "--method", method],
        &[("ORT_DYLIB_PATH", lib.to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(2));
    stderr(&out).trim_end().lines().last().unwrap().to_string()
}

#[test]
fn a_file_that_is_not_onnx_runtime_gives_the_version_and_the_fix() {
    let ws = workspace();
    let fake = ws.path().join("libonnxruntime.so.1.31.1");
    std::fs::write(&fake, b"not a shared library").unwrap();
    let line = refused_with(ws.path(), "vector", &fake);
    // The middle is the loader's own message (dlopen's), which varies by libc.
    assert!(
        line.starts_with(&format!(
            "error: cannot load ONNX Runtime from {}: ",
            fake.display()
        )),
        "{line}"
    );
    assert!(line.ends_with(ORT_FIX), "{line}");
}

#[test]
fn an_older_onnx_runtime_is_refused_naming_both_versions() {
    // A real ONNX Runtime 1.22.1, fetched from PyPI by scripts/setup.d/40-models.sh.
    let old = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../models/cache/lib-old/libonnxruntime.so.1.22.1");
    if !old.is_file() {
        skip::skip(
            skip::Need::Models,
            &format!("{} is missing (run `make setup`)", old.display()),
        );
        return;
    }
    let ws = workspace();
    assert_eq!(
        refused_with(ws.path(), "infini", &old),
        format!(
            "error: cannot load ONNX Runtime from {0}: ort 2.0.0-rc.15 is not compatible with the ONNX Runtime binary found at `{0}`; expected version >= '1.31.x', but got '1.22.1'. {ORT_FIX}",
            old.display()
        )
    );
}

#[test]
fn configured_library_path_that_does_not_exist_is_reported_not_skipped() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("rlm.toml"),
        "[models]\nort_dylib = \"/nonexistent/libonnxruntime.so.1.31.1\"\n",
    )
    .unwrap();
    let out = rlm(
        ws.path(),
        &["retrieve", "deploy password", "--method", "infini"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "cannot load ONNX Runtime from /nonexistent/libonnxruntime.so.1.31.1: no such file."
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn models_verify_on_an_empty_folder_lists_every_missing_file_and_fails() {
    let ws = workspace();
    let empty = ws.path().join("models");
    std::fs::create_dir(&empty).unwrap();
    let out = rlm(
        ws.path(),
        &[
            "models",
            "verify",
            "--dir",
            empty.to_str().unwrap(),
            "--json",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<(String, String)> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f[0].as_str().unwrap().to_string(),
                f[2].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        files,
        vec![
            ("smollm2-135m-l8-q8ffn".into(), "missing".into()),
            ("smollm2-135m-l8-q8ffn".into(), "missing".into()),
            ("smollm2-135m-l17-q8ffn".into(), "missing".into()),
            ("smollm2-135m-l17-q8ffn".into(), "missing".into()),
            ("minilm-l6-v2".into(), "missing".into()),
            ("minilm-l6-v2".into(), "missing".into()),
        ]
    );
}

/// Whether the set-up's models are installed (`make setup`); their absence is a counted skip, and
/// a failure under `RLM_REQUIRE_MODELS=1`.
fn models_installed() -> bool {
    let cache = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/cache");
    let installed = cache.join("minilm-l6-v2/model.onnx").is_file();
    if !installed {
        skip::skip(
            skip::Need::Models,
            &format!("no models in {} (run `make setup`)", cache.display()),
        );
    }
    installed
}

/// A small Python workspace: twelve modules, each one function with a comment.
fn python_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let topics = [
        "invoices older than ninety days are archived to cold storage",
        "the session cookie expires after twelve hours",
        "uploads larger than fifty megabytes are rejected",
        "passwords are hashed with argon2 before they are stored",
        "the cache is warmed from the replica at startup",
        "failed payments are retried three times with backoff",
        "reports are rendered to PDF at midnight",
        "user avatars are resized to 128 pixels",
        "webhooks are signed with the shared secret",
        "audit logs are kept for seven years",
        "search results are paginated by twenty",
        "emails are queued and sent by a worker",
    ];
    for (i, topic) in topics.iter().enumerate() {
        std::fs::write(
            dir.path().join(format!("m{i}.py")),
            format!("def task_{i}(items):\n    # {topic}\n    return [x for x in items if x]\n"),
        )
        .unwrap();
    }
    dir
}

#[test]
fn index_builds_the_embeddings_and_a_second_run_embeds_nothing() {
    if !models_installed() {
        return;
    }
    let ws = python_workspace();
    let out = rlm(ws.path(), &["index", "."], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = stdout.lines().nth(1).unwrap_or_default();
    assert!(
        line.starts_with(
            "embeddings: 12 of 12 units embedded (12 chunks; 12 files changed, 0 unchanged) in "
        ),
        "{stdout}"
    );
    let again = rlm(ws.path(), &["index", "."], &[]);
    let stdout = String::from_utf8_lossy(&again.stdout).into_owned();
    assert!(
        stdout.lines().nth(1).unwrap_or_default().starts_with(
            "embeddings: 0 of 12 units embedded (12 chunks; 0 files changed, 12 unchanged) in "
        ),
        "{stdout}"
    );
}

#[test]
fn a_vector_query_without_embeddings_falls_back_to_bm25_and_writes_none() {
    if !models_installed() {
        return;
    }
    let ws = python_workspace();
    std::fs::write(
        ws.path().join("rlm.toml"),
        "[retrieval]\nembed_at_index = false\n",
    )
    .unwrap();
    let out = rlm(
        ws.path(),
        &[
            "retrieve",
            "when are invoices archived?",
            "--method",
            "vector",
            "-k",
            "1",
            "--json",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value[0]["path"], "m0.py");
    let vectors = ws.path().join(".rlm/vectors");
    assert_eq!(
        stderr(&out).lines().collect::<Vec<_>>(),
        vec![
            format!(
                "indexing {0} first (no usable index at {0}/.rlm)",
                ws.path().display()
            ),
            format!(
                "note: no embeddings in {} yet: `rlm index` (or the editor's or MCP re-index) builds them",
                vectors.display()
            ),
            "note: vector search fell back to BM25".to_string(),
        ]
    );
    assert!(!vectors.join("vectors.bin").exists());
}

#[test]
fn index_no_embed_leaves_the_embeddings_to_the_next_run() {
    if !models_installed() {
        return;
    }
    let ws = python_workspace();
    let out = rlm(ws.path(), &["index", ".", "--no-embed"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("indexed 12 files"), "{stdout}");
    assert!(!stdout.contains("embeddings:"), "{stdout}");
    let vectors = ws.path().join(".rlm/vectors");
    assert!(!vectors.join("vectors.bin").exists());
    // The next plain run embeds what the first one left out.
    let out = rlm(ws.path(), &["index", "."], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("embeddings: 12 of 12 units embedded"),
        "{stdout}"
    );
    assert!(vectors.join("vectors.bin").is_file());
}

#[test]
fn querying_while_another_process_indexes_never_sees_a_broken_store() {
    if !models_installed() {
        return;
    }
    let ws = python_workspace();
    let out = rlm(ws.path(), &["index", "."], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let root = ws.path().to_path_buf();
    // The writer: edits a module, then re-indexes, four times.
    let writer = std::thread::spawn(move || {
        for round in 0..4 {
            std::fs::write(
                root.join(format!("m{round}.py")),
                format!(
                    "def task_{round}(items):\n    # rewritten in round {round}: expired sessions are purged\n    return sorted(items)\n"
                ),
            )
            .unwrap();
            let out = rlm(&root, &["index", "."], &[]);
            assert!(out.status.success(), "{}", stderr(&out));
            assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
        }
    });
    let mut queries = 0;
    while !writer.is_finished() || queries < 3 {
        let out = rlm(
            ws.path(),
            &[
                "retrieve",
                "when do old bills get moved away?",
                "--method",
                "vector",
                "-k",
                "3",
                "--json",
            ],
            &[],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(value.as_array().map(Vec::len), Some(3), "{value}");
        // The only note a query may give meanwhile: a file changed since it was embedded.
        for line in stderr(&out).lines() {
            assert!(
                line.starts_with("note: the embeddings are behind the index for "),
                "{line}"
            );
        }
        queries += 1;
    }
    writer.join().unwrap();
    let out = rlm(ws.path(), &["index", "."], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = rlm(
        ws.path(),
        &[
            "retrieve",
            "expired sessions are purged",
            "--method",
            "vector",
            "-k",
            "1",
            "--json",
        ],
        &[],
    );
    assert_eq!(stderr(&out), "");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        value[0]["text"]
            .as_str()
            .unwrap()
            .contains("expired sessions are purged"),
        "{value}"
    );
    // No temporary is left beside the store.
    let names: Vec<String> = std::fs::read_dir(ws.path().join(".rlm/vectors"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["vectors.bin".to_string()]);
}

/// Six modules of one long function each (52 lines of ordinary code about its topic); the fourth
/// holds, 30 lines down, a comment saying a fact in words that the question below never uses.
fn paraphrase_workspace() -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    let topics = ["image", "socket", "parser", "queue", "matrix", "locale"];
    let planted = 31;
    for (i, topic) in topics.iter().enumerate() {
        let mut lines = vec![format!("def process_{topic}(records, depth=3):")];
        for j in 0..50 {
            lines.push(match j % 5 {
                0 => format!("    {topic}_{j} = normalise_{topic}(records[{j}], depth)"),
                1 => format!("    if {topic}_{}.is_empty():", j - 1),
                2 => format!("        raise ValueError('empty {topic} at {j}')"),
                3 => format!("    result.append(({j}, {topic}_{}))", j - 3),
                _ => format!("    log.debug('{topic} step %d', {j})"),
            });
        }
        lines.push("    return result".to_string());
        if i == 3 {
            lines.insert(
                planted - 1,
                "    # invoices older than ninety days are archived to cold storage".to_string(),
            );
        }
        std::fs::write(dir.path().join(format!("m{i}.py")), lines.join("\n") + "\n").unwrap();
    }
    (dir, planted)
}

#[test]
fn hybrid_finds_a_fact_asked_in_words_it_does_not_use_inside_a_long_function() {
    if !models_installed() {
        return;
    }
    let (ws, planted) = paraphrase_workspace();
    std::fs::write(ws.path().join("rlm.toml"), "[retrieval]\nunit_lines = 8\n").unwrap();
    let out = rlm(ws.path(), &["index", "."], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = rlm(
        ws.path(),
        &[
            "retrieve",
            "When do aged bills get moved elsewhere?",
            "--method",
            "hybrid",
            "-k",
            "3",
            "--json",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let spans: Vec<(String, u64, u64)> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap_or_default().to_string(),
                p["start_line"].as_u64().unwrap_or(0),
                p["end_line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let line = planted as u64;
    // Found first, and returned as the first-stage lists read it: the whole function holding
    // the fact (a hit BM25 or the vectors ranked comes back as their chunk, never a window of
    // it that may miss the fact).
    let (path, start, end) = spans
        .first()
        .unwrap_or_else(|| panic!("no passages for the fact at m3.py:{line}"));
    assert_eq!(path, "m3.py", "{spans:?}");
    assert!(*start <= line && line <= *end, "{spans:?}");
}
