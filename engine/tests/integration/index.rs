//! The workspace index end to end: real files in temp folders, real git repositories made with
//! the git CLI, a real tantivy index on disk.

use rlm_engine::config::Config;
use rlm_engine::index::{
    DryRun, IndexReport, IndexSettings, LanguageCount, NoProgress, SCHEMA_VERSION, WorkspaceIndex,
    dry_run, index_workspace,
};
use rlm_engine::search::{SearchQuery, find_symbols, search};
use rlm_engine::workspace::{ListingSource, SkipReason};
use std::path::Path;
use std::process::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn settings(root: &Path) -> IndexSettings {
    IndexSettings::new(root, &Config::default(), None)
}

fn index(root: &Path) -> Result<IndexReport, Box<dyn std::error::Error>> {
    Ok(index_workspace(root, &settings(root), &NoProgress)?)
}

fn paths_for(root: &Path, query: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let index = WorkspaceIndex::open(&settings(root).dir)?;
    let hits = search(
        &index,
        &SearchQuery {
            text: query.into(),
            limit: 20,
            language: None,
            path_glob: None,
        },
    )?;
    let mut paths: Vec<String> = hits.into_iter().map(|h| h.path).collect();
    paths.sort();
    paths.dedup();
    Ok(paths)
}

fn git(root: &Path, args: &[&str]) -> TestResult {
    let status = Command::new("git")
        .args([
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(root)
        .output()?;
    if !status.status.success() {
        return Err(format!(
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&status.stderr)
        )
        .into());
    }
    Ok(())
}

fn skipped(report: &IndexReport, reason: SkipReason) -> usize {
    report.skipped.get(&reason).copied().unwrap_or(0)
}

#[test]
fn git_repository_lists_tracked_and_untracked_but_not_ignored_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::write(root.join(".gitignore"), "*.log\nbuild/\n")?;
    std::fs::write(
        root.join("tracked.py"),
        "def tracked_function():\n    return 1\n",
    )?;
    std::fs::write(root.join("forced.log"), "forced_log_marker\n")?;
    git(root, &["init", "-q"])?;
    git(root, &["add", ".gitignore", "tracked.py"])?;
    git(root, &["add", "-f", "forced.log"])?;
    git(root, &["commit", "-qm", "init"])?;
    std::fs::write(root.join("untracked.rs"), "fn untracked_function() {}\n")?;
    std::fs::write(root.join("ignored.log"), "ignored_log_marker\n")?;
    std::fs::create_dir(root.join("build"))?;
    std::fs::write(root.join("build/out.js"), "function built_output() {}\n")?;

    let report = index(root)?;
    assert_eq!(report.source, ListingSource::Git);
    let manifest = WorkspaceIndex::open(&settings(root).dir)?.manifest()?;
    let files: Vec<&str> = manifest.files.keys().map(String::as_str).collect();
    assert_eq!(
        files,
        vec![".gitignore", "forced.log", "tracked.py", "untracked.rs"]
    );
    assert_eq!(paths_for(root, "ignored_log_marker")?, Vec::<String>::new());
    assert_eq!(paths_for(root, "forced_log_marker")?, vec!["forced.log"]);
    // The index folder keeps itself out of git.
    assert_eq!(
        std::fs::read_to_string(root.join(".rlm/.gitignore"))?,
        "*\n"
    );
    Ok(())
}

#[test]
fn reindex_reads_only_what_changed_and_removes_deleted_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    for i in 0..20 {
        std::fs::write(
            root.join(format!("m{i}.py")),
            format!("def func_{i}():\n    return {i}\n"),
        )?;
    }
    let first = index(root)?;
    assert_eq!(
        (first.added, first.updated, first.unchanged, first.rebuilt),
        (20, 0, 0, true)
    );

    std::fs::write(
        root.join("m3.py"),
        "def parseConfigValue():\n    return 'changed'\n",
    )?;
    std::fs::remove_file(root.join("m4.py"))?;
    let second = index(root)?;
    assert_eq!(
        (
            second.added,
            second.updated,
            second.removed,
            second.unchanged
        ),
        (0, 1, 1, 18)
    );
    assert_eq!(
        (second.chunks, second.symbols, second.rebuilt),
        (1, 1, false)
    );
    assert_eq!(paths_for(root, "parse_config_value")?, vec!["m3.py"]);
    assert_eq!(paths_for(root, "func_4")?, Vec::<String>::new());
    assert_eq!(paths_for(root, "func_3")?, Vec::<String>::new());

    // Same content, new mtime: read and hashed, but nothing is re-indexed.
    std::fs::write(root.join("m5.py"), "def func_5():\n    return 5\n")?;
    let third = index(root)?;
    assert_eq!((third.updated, third.unchanged, third.chunks), (0, 19, 0));
    Ok(())
}

#[test]
fn binary_non_utf8_and_huge_files_are_handled_and_counted() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::write(
        root.join("image.png"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0],
    )?;
    let mut latin1 = b"caf\xe9 = 'latin1_marker'\n".to_vec();
    latin1.extend_from_slice(b"def na\xefve(): pass\n");
    std::fs::write(root.join("legacy.py"), latin1)?;
    let huge = std::fs::File::create(root.join("huge.sql"))?;
    huge.set_len(50 * 1024 * 1024)?;
    std::fs::write(root.join("ok.py"), "x = 1\n")?;

    let report = index(root)?;
    assert_eq!(report.files, 2);
    assert_eq!(skipped(&report, SkipReason::Binary), 1);
    assert_eq!(skipped(&report, SkipReason::TooLarge), 1);
    assert_eq!(report.lossy_utf8, 1);
    assert_eq!(paths_for(root, "latin1_marker")?, vec!["legacy.py"]);
    Ok(())
}

#[cfg(unix)]
#[test]
fn symlinks_are_never_followed_out_of_the_root_and_loops_are_harmless() -> TestResult {
    let outside = tempfile::tempdir()?;
    std::fs::write(outside.path().join("secret.txt"), "outside_secret_marker\n")?;
    std::fs::create_dir(outside.path().join("dir"))?;
    std::fs::write(outside.path().join("dir/inner.txt"), "outside_dir_marker\n")?;
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::write(root.join("real.txt"), "inside_marker\n")?;
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("link.txt"))?;
    std::os::unix::fs::symlink(outside.path().join("dir"), root.join("linkdir"))?;
    std::os::unix::fs::symlink(root.join("loop_b"), root.join("loop_a"))?;
    std::os::unix::fs::symlink(root.join("loop_a"), root.join("loop_b"))?;
    std::os::unix::fs::symlink(root, root.join("self"))?;

    let report = index(root)?;
    assert_eq!(report.files, 1);
    assert_eq!(skipped(&report, SkipReason::Symlink), 5);
    assert_eq!(
        paths_for(root, "outside_secret_marker")?,
        Vec::<String>::new()
    );
    assert_eq!(paths_for(root, "outside_dir_marker")?, Vec::<String>::new());
    assert_eq!(paths_for(root, "inside_marker")?, vec!["real.txt"]);
    Ok(())
}

#[test]
fn broken_git_folder_falls_back_to_a_folder_walk_with_a_warning() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::create_dir(root.join(".git"))?;
    std::fs::write(root.join(".git/HEAD"), "garbage that is not a ref\n")?;
    std::fs::write(
        root.join("main.go"),
        "package main\n\nfunc brokenGitMarker() {}\n",
    )?;
    let report = index(root)?;
    assert_eq!(report.source, ListingSource::Folder);
    assert_eq!(report.files, 1);
    assert_eq!(report.warnings.len(), 1);
    assert!(
        report.warnings[0].contains("could not be read"),
        "{:?}",
        report.warnings
    );
    assert_eq!(paths_for(root, "broken_git_marker")?, vec!["main.go"]);
    Ok(())
}

#[test]
fn empty_folder_gives_an_empty_index_that_answers_queries() -> TestResult {
    let dir = tempfile::tempdir()?;
    let report = index(dir.path())?;
    assert_eq!((report.files, report.chunks), (0, 0));
    assert_eq!(paths_for(dir.path(), "anything")?, Vec::<String>::new());
    Ok(())
}

#[test]
fn a_path_that_does_not_exist_is_a_clear_error() {
    let missing = Path::new("/no/such/workspace/here");
    let err = index_workspace(missing, &settings(missing), &NoProgress)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("workspace path /no/such/workspace/here does not exist")
    );
}

#[test]
fn searching_before_indexing_says_to_run_rlm_index() -> TestResult {
    let dir = tempfile::tempdir()?;
    let err = WorkspaceIndex::open(&dir.path().join(".rlm"))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err,
        Some(format!(
            "no index at {}: run `rlm index` on the workspace first",
            dir.path().join(".rlm").display()
        ))
    );
    Ok(())
}

#[test]
fn corrupted_index_is_rebuilt_with_a_warning() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::write(root.join("a.rs"), "fn corruption_survivor() {}\n")?;
    index(root)?;
    std::fs::write(root.join(".rlm/tantivy/meta.json"), b"{ this is not json")?;
    let err = WorkspaceIndex::open(&root.join(".rlm"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("run `rlm index` to rebuild it"), "{err}");
    let report = index(root)?;
    assert!(report.rebuilt);
    assert!(
        report.warnings.iter().any(|w| w.contains("rebuilding")),
        "{:?}",
        report.warnings
    );
    assert_eq!(paths_for(root, "corruption_survivor")?, vec!["a.rs"]);

    std::fs::write(root.join(".rlm/manifest.json"), b"\x00\x01garbage")?;
    let report = index(root)?;
    assert!(
        report.rebuilt && report.warnings.iter().any(|w| w.contains("corrupt")),
        "{:?}",
        report.warnings
    );
    assert_eq!(paths_for(root, "corruption_survivor")?, vec!["a.rs"]);
    Ok(())
}

#[test]
fn index_from_another_schema_version_is_rebuilt() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::write(root.join("a.py"), "def schema_marker(): pass\n")?;
    index(root)?;
    let manifest_path = root.join(".rlm/manifest.json");
    let text = std::fs::read_to_string(&manifest_path)?;
    std::fs::write(
        &manifest_path,
        text.replacen(
            &format!("\"schema_version\":{SCHEMA_VERSION}"),
            "\"schema_version\":999",
            1,
        ),
    )?;
    let report = index(root)?;
    assert!(report.rebuilt);
    assert_eq!(
        report.warnings,
        vec![format!(
            "the index has schema version 999 and this rlm uses {SCHEMA_VERSION}; rebuilding the index"
        )]
    );
    assert_eq!(paths_for(root, "schema_marker")?, vec!["a.py"]);
    Ok(())
}

#[test]
fn symbols_are_found_by_exact_name_then_prefix() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::write(
        root.join("a.py"),
        "def load():\n    pass\n\ndef load_config():\n    \"\"\"Loads it.\"\"\"\n",
    )?;
    std::fs::write(
        root.join("b.ts"),
        "export class Loader {\n  loadAll() {}\n}\n",
    )?;
    index(root)?;
    let index = WorkspaceIndex::open(&settings(root).dir)?;
    let hits = find_symbols(&index, "load", 10)?;
    let summary: Vec<String> = hits
        .iter()
        .map(|h| {
            format!(
                "{} {} {} {}:{}",
                h.exact, h.kind, h.name, h.path, h.start_line
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            "true function load a.py:1",
            "false class Loader b.ts:1",
            "false method loadAll b.ts:2",
            "false function load_config a.py:4",
        ]
    );
    assert_eq!(hits[3].doc.as_deref(), Some("Loads it."));
    Ok(())
}

#[test]
fn search_filters_by_language_and_path_glob() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::create_dir_all(root.join("src/net"))?;
    std::fs::write(root.join("src/net/client.py"), "def open_socket(): pass\n")?;
    std::fs::write(
        root.join("src/server.go"),
        "package s\nfunc openSocket() {}\n",
    )?;
    std::fs::write(root.join("notes.md"), "open socket notes\n")?;
    index(root)?;
    let index = WorkspaceIndex::open(&settings(root).dir)?;
    let query = |language, glob: Option<&str>| -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let q = SearchQuery {
            text: "open_socket".into(),
            limit: 10,
            language,
            path_glob: glob.map(String::from),
        };
        let mut paths: Vec<String> = search(&index, &q)?.into_iter().map(|h| h.path).collect();
        paths.sort();
        Ok(paths)
    };
    assert_eq!(
        query(None, None)?,
        vec!["notes.md", "src/net/client.py", "src/server.go"]
    );
    assert_eq!(
        query(Some(rlm_engine::parse::Language::Go), None)?,
        vec!["src/server.go"]
    );
    assert_eq!(query(None, Some("src/**/*.py"))?, vec!["src/net/client.py"]);
    let bad = search(
        &index,
        &SearchQuery {
            text: "open(".into(),
            limit: 5,
            language: None,
            path_glob: None,
        },
    );
    assert!(
        bad.err()
            .map(|e| e.to_string())
            .unwrap_or_default()
            .starts_with("invalid query syntax in \"open(\"")
    );
    Ok(())
}

/// Paths and line ranges of every hit for `query`, sorted: two indexes that answer the same
/// hold the same documents (a duplicate shows up as a repeated row).
fn hits(dir: &Path, query: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let index = WorkspaceIndex::open(dir)?;
    let mut rows: Vec<String> = search(
        &index,
        &SearchQuery {
            text: query.into(),
            limit: 10_000,
            language: None,
            path_glob: None,
        },
    )?
    .into_iter()
    .map(|h| format!("{}:{}-{}", h.path, h.start_line, h.end_line))
    .collect();
    rows.sort();
    Ok(rows)
}

fn write_python_files(root: &Path, range: std::ops::Range<usize>, tag: &str) -> TestResult {
    for i in range {
        std::fs::write(
            root.join(format!("m{i}.py")),
            format!("def {tag}_{i}():\n    return {i}\n\nclass Holder{i}:\n    pass\n"),
        )?;
    }
    Ok(())
}

#[test]
fn a_run_commits_in_batches_of_the_configured_size() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    write_python_files(root, 0..40, "batched")?;
    let mut settings = settings(root);
    settings.batch_bytes = Some(500); // each file is about 60 bytes: about 8 files a batch
    let report = index_workspace(root, &settings, &NoProgress)?;
    assert_eq!((report.files, report.added), (40, 40));
    assert!(report.batches >= 4, "{} batches", report.batches);
    let manifest = WorkspaceIndex::open(&settings.dir)?.manifest()?;
    assert_eq!(manifest.batch, report.batches as u64);
    assert_eq!(hits(&settings.dir, "batched_7")?, vec!["m7.py:1-2"]);
    Ok(())
}

#[test]
fn a_crash_between_commit_and_manifest_write_is_repaired_from_the_commit() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    let settings = settings(root);
    write_python_files(root, 0..5, "first")?;
    index(root)?;
    let manifest_path = settings.dir.join("manifest.json");
    let before = std::fs::read(&manifest_path)?;
    write_python_files(root, 5..10, "second")?;
    index(root)?;
    // As if the process died after tantivy committed the second run's batch but before the
    // manifest was renamed into place.
    std::fs::write(&manifest_path, before)?;

    let report = index(root)?;
    assert_eq!(
        (report.files, report.added, report.updated, report.unchanged),
        (10, 0, 0, 10)
    );
    assert!(!report.rebuilt);
    // One document per file, not two: the second batch was not indexed again on top of itself.
    assert_eq!(hits(&settings.dir, "second_7")?, vec!["m7.py:1-2"]);
    assert_eq!(hits(&settings.dir, "Holder7")?, vec!["m7.py:4-5"]);
    Ok(())
}

#[test]
fn generated_and_vendored_files_are_left_out_unless_kept() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::create_dir_all(root.join("vendor/lib"))?;
    std::fs::create_dir_all(root.join("src"))?;
    std::fs::write(
        root.join("vendor/lib/dep.go"),
        "package lib\nfunc VendoredThing() {}\n",
    )?;
    std::fs::write(
        root.join("src/api.pb.go"),
        "package src\nfunc GeneratedByName() {}\n",
    )?;
    std::fs::write(
        root.join("src/tables.go"),
        "// Code generated by stringer; DO NOT EDIT.\npackage src\nfunc GeneratedByHeader() {}\n",
    )?;
    std::fs::write(
        root.join("src/main.go"),
        "package src\nfunc HandWritten() {}\n",
    )?;
    std::fs::write(root.join("Cargo.lock"), "# lockfile\n")?;
    let report = index(root)?;
    assert_eq!(report.files, 1);
    assert_eq!(
        (
            skipped(&report, SkipReason::Vendored),
            skipped(&report, SkipReason::Generated)
        ),
        (1, 3)
    );
    let mut keep = settings(root);
    keep.filters.skip_generated = false;
    keep.filters.skip_vendored = false;
    let report = index_workspace(root, &keep, &NoProgress)?;
    assert_eq!((report.files, report.added), (5, 4));
    Ok(())
}

#[test]
fn rlmignore_leaves_out_tracked_and_untracked_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::create_dir_all(root.join("docs/old"))?;
    std::fs::create_dir_all(root.join("src"))?;
    std::fs::write(root.join("src/keep.py"), "def kept(): pass\n")?;
    std::fs::write(root.join("src/fixture_big.py"), "def fixture(): pass\n")?;
    std::fs::write(root.join("docs/old/page.md"), "# old\n")?;
    std::fs::write(root.join("docs/new.md"), "# new\n")?;
    std::fs::write(root.join(".rlmignore"), "fixture_*.py\n")?;
    std::fs::write(root.join("docs/.rlmignore"), "old/\n")?;
    git(root, &["init", "-q"])?;
    git(root, &["add", "."])?;
    git(root, &["commit", "-q", "-m", "init"])?;
    let report = index(root)?;
    let manifest = WorkspaceIndex::open(&settings(root).dir)?.manifest()?;
    let paths: Vec<&str> = manifest.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        vec![
            ".rlmignore",
            "docs/.rlmignore",
            "docs/new.md",
            "src/keep.py"
        ]
    );
    assert_eq!(skipped(&report, SkipReason::Ignored), 2);
    Ok(())
}

#[test]
fn dry_run_counts_languages_skips_and_estimates_without_writing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    std::fs::create_dir_all(root.join("node_modules/x"))?;
    std::fs::write(
        root.join("node_modules/x/index.js"),
        "module.exports = 1;\n",
    )?;
    std::fs::write(root.join("main.c"), "int main(void) { return 0; }\n")?; // 29 bytes
    std::fs::write(root.join("util.c"), "static int one(void) { return 1; }\n")?; // 35 bytes
    std::fs::write(root.join("notes.txt"), "plain notes\n")?; // 12 bytes
    std::fs::write(root.join("blob.bin"), b"\x00\x01\x02")?;
    std::fs::write(root.join("build.log"), "log\n")?;
    std::fs::write(root.join(".gitignore"), "*.log\n")?; // 6 bytes
    let settings = settings(root);
    let plan = dry_run(root, &settings)?;
    let expected_secs = (64.0 / rlm_engine::index::PARSED_BYTES_PER_SEC_PER_THREAD as f64
        + 18.0 / rlm_engine::index::TEXT_BYTES_PER_SEC_PER_THREAD as f64)
        / settings.threads as f64;
    assert_eq!(
        plan,
        DryRun {
            root: root.canonicalize()?,
            index_dir: settings.dir.clone(),
            files: 4,
            bytes: 82,
            languages: [
                (
                    "c".to_string(),
                    LanguageCount {
                        files: 2,
                        bytes: 64,
                        symbols: true
                    }
                ),
                (
                    "text".to_string(),
                    LanguageCount {
                        files: 2,
                        bytes: 18,
                        symbols: false
                    }
                ),
            ]
            .into_iter()
            .collect(),
            up_to_date: 0,
            to_index: 4,
            to_index_bytes: 82,
            skipped: [
                (SkipReason::Binary, 1),
                (SkipReason::Ignored, 1),
                (SkipReason::Vendored, 1),
            ]
            .into_iter()
            .collect(),
            estimate: std::time::Duration::from_millis((expected_secs * 1000.0).round() as u64),
            threads: settings.threads,
        }
    );
    assert!(!settings.dir.exists(), "a dry run writes nothing");
    index(root)?;
    let again = dry_run(root, &settings)?;
    assert_eq!((again.up_to_date, again.to_index), (4, 0));
    Ok(())
}

/// A tree with code in several languages (symbols, graph facts, chunks) and plain text.
fn write_mixed_tree(root: &Path) -> TestResult {
    std::fs::create_dir_all(root.join("pkg"))?;
    std::fs::create_dir_all(root.join("src"))?;
    for i in 0..30 {
        std::fs::write(
            root.join(format!("pkg/mod{i}.py")),
            format!(
                "from pkg.mod{next} import helper_{next}\n\n\ndef helper_{i}(x):\n    \"\"\"Doubles {i}.\"\"\"\n    return helper_{next}(x) * 2\n\n\nclass Shape{i}:\n    def area(self):\n        return helper_{i}({i})\n",
                next = (i + 1) % 30
            ),
        )?;
        std::fs::write(
            root.join(format!("src/unit{i}.rs")),
            format!(
                "/// Unit {i}.\npub struct Unit{i} {{ value: u32 }}\n\nimpl Unit{i} {{\n    pub fn value(&self) -> u32 {{ self.value + {i} }}\n}}\n\npub fn make_unit{i}() -> Unit{i} {{ Unit{i} {{ value: {i} }} }}\n"
            ),
        )?;
        std::fs::write(
            root.join(format!("src/view{i}.js")),
            format!("export function render{i}(node) {{\n  return node.title + '{i}';\n}}\n"),
        )?;
        std::fs::write(
            root.join(format!("notes{i}.txt")),
            format!("plain notes number {i} about shared_marker and units\n"),
        )?;
    }
    Ok(())
}

/// Every stored document of the index, as JSON, sorted: the index's whole content.
fn all_documents(dir: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    use tantivy::Document;
    let index = WorkspaceIndex::open(dir)?;
    let searcher = index.searcher();
    let schema = index.tantivy().schema();
    let addresses = searcher.search(
        &tantivy::query::AllQuery,
        &tantivy::collector::DocSetCollector,
    )?;
    let mut docs = Vec::with_capacity(addresses.len());
    for address in addresses {
        let doc: tantivy::TantivyDocument = searcher.doc(address)?;
        docs.push(doc.to_json(&schema));
    }
    docs.sort();
    Ok(docs)
}

fn graph_lines(dir: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let graph = rlm_engine::graph::Graph::open(dir)?;
    let mut out = Vec::new();
    rlm_engine::graph::export::export(
        &graph,
        rlm_engine::graph::export::Format::JsonLines,
        "test",
        &mut out,
    )?;
    let mut lines: Vec<String> = String::from_utf8(out)?
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    Ok(lines)
}

#[test]
fn a_parallel_index_equals_a_sequential_one() -> TestResult {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    write_mixed_tree(root)?;
    let indexes = tempfile::tempdir()?;
    let mut sequential = settings(root);
    sequential.dir = indexes.path().join("one");
    sequential.list.skip_dirs = vec![sequential.dir.clone()];
    sequential.threads = 1;
    let mut parallel = sequential.clone();
    parallel.dir = indexes.path().join("four");
    parallel.list.skip_dirs = vec![parallel.dir.clone()];
    parallel.threads = 4;
    parallel.batch_bytes = Some(2_000); // several commits, each fed by all four threads
    let one = index_workspace(root, &sequential, &NoProgress)?;
    let four = index_workspace(root, &parallel, &NoProgress)?;
    assert_eq!(
        (one.files, one.added, one.chunks, one.symbols),
        (120, 120, four.chunks, four.symbols)
    );
    assert_eq!((four.files, four.added), (120, 120));
    assert!(four.batches > 1, "{} batches", four.batches);

    let docs = all_documents(&sequential.dir)?;
    assert_eq!(docs.len(), one.chunks + one.symbols);
    assert_eq!(docs, all_documents(&parallel.dir)?);
    assert_eq!(
        WorkspaceIndex::open(&sequential.dir)?.manifest()?.files,
        WorkspaceIndex::open(&parallel.dir)?.manifest()?.files
    );
    for query in ["helper_7", "Unit12", "render3", "shared_marker", "area"] {
        let a = hits(&sequential.dir, query)?;
        assert!(!a.is_empty(), "no hits for {query}");
        assert_eq!(a, hits(&parallel.dir, query)?, "hits for {query}");
    }
    // The code graph built from the index's own parses equals one the graph parses itself.
    let graph = graph_lines(&parallel.dir)?;
    assert!(graph.len() > 200, "{} graph lines", graph.len());
    assert_eq!(graph, graph_lines(&sequential.dir)?);
    std::fs::remove_file(rlm_engine::graph::graph_path(&parallel.dir))?;
    let rebuilt = rlm_engine::graph::update_graph(root, &parallel.dir, &Default::default())?;
    assert_eq!((rebuilt.parsed, rebuilt.full), (90, true));
    assert_eq!(graph, graph_lines(&parallel.dir)?);
    Ok(())
}
