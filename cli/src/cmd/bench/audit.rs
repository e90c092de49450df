//! `rlm bench audit`: `rlm scan` on the repository's labelled corpus (`engine/tests/audit-corpus`,
//! six languages: recall and false alarms per language and per class, the mean TPR - FPR over
//! classes, and the slowest rule on a 10k-line file), then against bandit on bandit's own
//! labelled examples (from its PyPI source distribution), plus a synthetic 10k-file polyglot
//! repository.
//!
//! Printed: per category, bandit's High/Medium issues, rlm's findings and how many of bandit's
//! rlm also reports (same file, overlapping lines, same category); recall of bandit's
//! High/Medium issues; findings at medium or above on safe code (the rules' safe examples plus
//! the example files bandit's authors mark safe) for each tool; wall time of both tools on the
//! examples and on the whole source distribution, and their ratio; and the scan time of the
//! synthetic repository. Both tools run in this process's machine, one after the other.

use super::stats::cpu_time;
use anyhow::{Context, Result, bail};
use rlm_engine::audit::corpus;
use rlm_engine::audit::{
    Finding, RuleSet, ScanOptions, Selection, Severity, scan_source, scan_workspace,
};
use rlm_engine::workspace::ListOptions;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// bandit's unpacked source distribution (default: the newest .cache/audit/bandit-*)
    #[arg(long)]
    pub bandit_src: Option<PathBuf>,
    /// The bandit executable (default: .venv/bin/bandit)
    #[arg(long)]
    pub bandit: Option<PathBuf>,
    /// Files in the synthetic polyglot repository
    #[arg(long, default_value_t = 10_000)]
    pub files: usize,
    /// Scanning threads for rlm
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Only the synthetic polyglot repository (no bandit needed)
    #[arg(long)]
    pub synthetic_only: bool,
    /// The labelled corpus (default: engine/tests/audit-corpus under RLM_ROOT)
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Only the labelled corpus and the per-rule timing (no bandit needed)
    #[arg(long)]
    pub corpus_only: bool,
    /// Lines of the file each rule is timed on
    #[arg(long, default_value_t = 10_000)]
    pub rule_lines: usize,
    /// List every missed case and false alarm of the corpus
    #[arg(long)]
    pub list_cases: bool,
}

/// Bandit example files whose names say they hold the safe variants.
const BANDIT_SAFE_FILES: &[&str] = &[
    "okay.py",
    "mark_safe_secure.py",
    "new_candidates-none.py",
    "nosec.py",
];

struct BanditIssue {
    file: String,
    line: usize,
    test_id: String,
    high_or_medium: bool,
}

fn repo_root() -> PathBuf {
    std::env::var_os("RLM_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn find_bandit_src(args: &Args) -> Result<PathBuf> {
    if let Some(p) = &args.bandit_src {
        return Ok(p.clone());
    }
    let cache = repo_root().join(".cache/audit");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&cache)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir() && p.join("examples").is_dir())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.pop().with_context(|| {
        format!(
            "bandit's source distribution is not in {}: run `make setup` (scripts/setup.d/50-audit.sh) or pass --bandit-src",
            cache.display()
        )
    })
}

/// Wall and CPU time of one run.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Duration,
}

fn ratio(slow: Timing, fast: Timing) -> String {
    format!(
        "wall {:.2}s vs {:.3}s ({:.1}x), CPU {:.2}s vs {:.3}s ({:.1}x)",
        slow.wall.as_secs_f64(),
        fast.wall.as_secs_f64(),
        slow.wall.as_secs_f64() / fast.wall.as_secs_f64().max(1e-9),
        slow.cpu.as_secs_f64(),
        fast.cpu.as_secs_f64(),
        slow.cpu.as_secs_f64() / fast.cpu.as_secs_f64().max(1e-9)
    )
}

fn run_bandit(bandit: &Path, dir: &Path) -> Result<(Vec<BanditIssue>, Timing)> {
    let out = tempfile::NamedTempFile::new()?;
    let cpu_before = cpu_time(libc::RUSAGE_CHILDREN);
    let started = Instant::now();
    let status = Command::new(bandit)
        .arg("-r")
        .arg(dir)
        .args(["-f", "json", "-q", "-o"])
        .arg(out.path())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("running {}", bandit.display()))?;
    let elapsed = Timing {
        wall: started.elapsed(),
        cpu: cpu_time(libc::RUSAGE_CHILDREN).saturating_sub(cpu_before),
    };
    // bandit exits 1 when it finds issues.
    if status.code().is_none_or(|c| c > 1) {
        bail!("bandit failed on {} ({status})", dir.display());
    }
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.path())?)?;
    let mut issues = Vec::new();
    for r in report["results"].as_array().into_iter().flatten() {
        let file = r["filename"].as_str().unwrap_or_default();
        let rel = Path::new(file)
            .strip_prefix(dir)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| file.to_string());
        let severity = r["issue_severity"].as_str().unwrap_or_default();
        issues.push(BanditIssue {
            file: rel,
            line: r["line_number"].as_u64().unwrap_or(0) as usize,
            test_id: r["test_id"].as_str().unwrap_or_default().to_string(),
            high_or_medium: severity == "HIGH" || severity == "MEDIUM",
        });
    }
    Ok((issues, elapsed))
}

fn run_rlm(dir: &Path, rules: &RuleSet, threads: usize) -> Result<(Vec<Finding>, Timing, usize)> {
    let options = ScanOptions {
        threads,
        list: ListOptions::default(),
    };
    let cpu_before = cpu_time(libc::RUSAGE_SELF);
    let started = Instant::now();
    let report = scan_workspace(dir, rules, &options)?;
    let timing = Timing {
        wall: started.elapsed(),
        cpu: cpu_time(libc::RUSAGE_SELF).saturating_sub(cpu_before),
    };
    Ok((report.findings, timing, report.files_scanned))
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.synthetic_only {
        let rules = RuleSet::builtin()?;
        synthetic(&rules, &args)?;
        return Ok(ExitCode::SUCCESS);
    }
    corpus_bench(&args)?;
    if args.corpus_only {
        return Ok(ExitCode::SUCCESS);
    }
    let src = find_bandit_src(&args)?;
    let bandit = args
        .bandit
        .clone()
        .unwrap_or_else(|| repo_root().join(".venv/bin/bandit"));
    if !bandit.exists() {
        bail!(
            "bandit not found at {}: run `make setup` (requirements/audit.txt) or pass --bandit",
            bandit.display()
        );
    }
    let rules = RuleSet::builtin()?;
    // Which of our categories each bandit test id belongs to, from the rules' `bandit` lists.
    let mut category_of: BTreeMap<String, String> = BTreeMap::new();
    for rule in rules.rules() {
        for id in &rule.spec.bandit {
            category_of
                .entry(id.clone())
                .or_insert_with(|| rule.spec.category.clone());
        }
    }
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "rlm bench audit ({build} build, {} rules, {} threads)",
        rules.len(),
        args.threads
    );
    println!("corpus: {}", src.display());

    // 1. bandit's examples.
    let examples = src.join("examples");
    let (issues, bandit_time) = run_bandit(&bandit, &examples)?;
    let (findings, rlm_time, files) = run_rlm(&examples, &rules, args.threads)?;
    let mut rows: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut missed: Vec<String> = Vec::new();
    let mut expected = 0;
    let mut agreed = 0;
    for issue in issues.iter().filter(|i| i.high_or_medium) {
        let category = category_of
            .get(&issue.test_id)
            .cloned()
            .unwrap_or_else(|| format!("(bandit {})", issue.test_id));
        let row = rows.entry(category.clone()).or_default();
        row.0 += 1;
        expected += 1;
        let hit = findings.iter().any(|f| {
            f.path == issue.file
                && f.category == category
                && f.span.start.line <= issue.line + 1
                && issue.line <= f.span.end.line + 1
        });
        if hit {
            row.2 += 1;
            agreed += 1;
        } else {
            missed.push(format!("{} {}:{}", issue.test_id, issue.file, issue.line));
        }
    }
    for f in &findings {
        rows.entry(f.category.clone()).or_default().1 += 1;
    }
    println!("\nbandit's examples ({files} files): per category");
    println!(
        "{:<24} {:>14} {:>14} {:>10}",
        "category", "bandit H/M", "rlm (all)", "agreed"
    );
    for (category, (b, r, a)) in &rows {
        println!("{category:<24} {b:>14} {r:>14} {a:>10}");
    }
    let by_severity = |fs: &[Finding], s: Severity| fs.iter().filter(|f| f.severity == s).count();
    println!(
        "rlm findings by severity: {} critical, {} high, {} medium, {} low",
        by_severity(&findings, Severity::Critical),
        by_severity(&findings, Severity::High),
        by_severity(&findings, Severity::Medium),
        by_severity(&findings, Severity::Low)
    );
    println!(
        "recall of bandit's High/Medium issues: {agreed}/{expected} = {:.1}% (same file, overlapping line, same category)",
        100.0 * agreed as f64 / expected.max(1) as f64
    );
    if !missed.is_empty() {
        println!("missed: {}", missed.join(", "));
    }

    // 2. Safe code: the rules' Python safe examples and bandit's files marked safe.
    let safe = tempfile::tempdir()?;
    let mut n = 0;
    for rule in rules.rules() {
        let lang = rule
            .spec
            .examples
            .language
            .clone()
            .or_else(|| rule.spec.languages.first().cloned())
            .unwrap_or_default();
        if lang != "python" {
            continue;
        }
        for code in &rule.spec.examples.safe {
            n += 1;
            std::fs::write(safe.path().join(format!("safe_{n:03}.py")), code)?;
        }
    }
    for name in BANDIT_SAFE_FILES {
        let from = examples.join(name);
        if from.exists() {
            std::fs::copy(&from, safe.path().join(name))?;
            n += 1;
        }
    }
    let (safe_issues, _) = run_bandit(&bandit, safe.path())?;
    let (safe_findings, _, _) = run_rlm(safe.path(), &rules, args.threads)?;
    println!(
        "\nsafe code ({n} files): findings at medium or above: bandit {}, rlm {} (all severities: bandit {}, rlm {})",
        safe_issues.iter().filter(|i| i.high_or_medium).count(),
        safe_findings
            .iter()
            .filter(|f| f.severity >= Severity::Medium)
            .count(),
        safe_issues.len(),
        safe_findings.len()
    );

    // 3. Wall time on the examples and on the whole source distribution.
    println!(
        "\ntime on the examples, bandit vs rlm: {}",
        ratio(bandit_time, rlm_time)
    );
    let (all_issues, bandit_all) = run_bandit(&bandit, &src)?;
    let (all_findings, rlm_all, all_files) = run_rlm(&src, &rules, args.threads)?;
    println!(
        "time on the whole sdist ({all_files} files; bandit {} issues, rlm {} findings), bandit vs rlm: {}",
        all_issues.len(),
        all_findings.len(),
        ratio(bandit_all, rlm_all)
    );

    synthetic(&rules, &args)?;
    Ok(ExitCode::SUCCESS)
}

/// Scans the labelled corpus and prints its score, then times every rule on a file of
/// `args.rule_lines` lines of its language.
fn corpus_bench(args: &Args) -> Result<()> {
    let root = args
        .corpus
        .clone()
        .unwrap_or_else(|| repo_root().join("engine/tests/audit-corpus"));
    if !root.is_dir() {
        bail!(
            "the labelled corpus is not at {}: run from the repository root (or set RLM_ROOT), or pass --corpus",
            root.display()
        );
    }
    let rules = RuleSet::builtin()?;
    let cases = corpus::load_cases(&root)?;
    let (findings, timing, files) = run_rlm(&root, &rules, args.threads)?;
    let score = corpus::score(&cases, &findings);
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "rlm bench audit: labelled corpus {} ({} cases in {files} files, {} rules, {build} build)",
        root.display(),
        cases.len(),
        rules.len()
    );
    println!(
        "scan: wall {:.2}s, CPU {:.2}s\n",
        timing.wall.as_secs_f64(),
        timing.cpu.as_secs_f64()
    );
    print!("{}", score.table());
    if args.list_cases {
        println!("\nmissed:");
        for m in &score.missed {
            println!("  {m}");
        }
        println!("false alarms:");
        for f in &score.false_alarms {
            println!("  {f}");
        }
    } else {
        println!(
            "({} missed, {} false alarms; --list-cases lists them)",
            score.missed.len(),
            score.false_alarms.len()
        );
    }
    slowest_rules(&root, &rules, args.rule_lines)?;
    println!();
    Ok(())
}

/// Times each rule alone on one file per language built from that language's corpus files
/// (`lines` lines long), less the time the same scan takes with no rule at all (reading,
/// parsing, suppressions), and prints the slowest.
fn slowest_rules(root: &Path, rules: &RuleSet, lines: usize) -> Result<()> {
    let languages = [
        ("python", "py"),
        ("javascript", "js"),
        ("typescript", "ts"),
        ("go", "go"),
        ("java", "java"),
        ("rust", "rs"),
    ];
    let none = RuleSet::load(
        &[],
        &Selection {
            enable: vec!["none/none".into()],
            disable: vec![],
        },
    )?;
    let only = |id: &str| {
        RuleSet::load(
            &[],
            &Selection {
                enable: vec![id.to_string()],
                disable: vec![],
            },
        )
    };
    let mut timings: Vec<(Duration, String, &str)> = Vec::new();
    for (language, ext) in languages {
        let text = corpus_file(&root.join(language), ext, lines)?;
        if text.is_empty() {
            continue;
        }
        let name = format!("big.{ext}");
        let time = |set: &RuleSet| {
            // The faster of two runs: the machine is shared.
            (0..2)
                .map(|_| {
                    let started = Instant::now();
                    let _ = scan_source(&name, &text, set);
                    started.elapsed()
                })
                .min()
                .unwrap_or_default()
        };
        // Every rule once on a fifth of the file, then the five slowest of this language on
        // the whole file (twice, the faster kept): a debug build parses slowly.
        let short_end = text
            .match_indices('\n')
            .nth(lines / 5)
            .map_or(text.len(), |(i, _)| i + 1);
        let short = &text[..short_end];
        let once = |set: &RuleSet, body: &str| {
            let started = Instant::now();
            let _ = scan_source(&name, body, set);
            started.elapsed()
        };
        let short_base = once(&none, short);
        let mut candidates: Vec<(Duration, String)> = Vec::new();
        for rule in rules.rules() {
            let applies = match language {
                "typescript" => rule.applies_to(rlm_engine::parse::Language::TypeScript),
                other => rlm_engine::parse::Language::from_name(other)
                    .is_some_and(|l| rule.applies_to(l)),
            };
            if !applies {
                continue;
            }
            let one = only(rule.id())?;
            candidates.push((
                once(&one, short).saturating_sub(short_base),
                rule.id().to_string(),
            ));
        }
        candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
        let base = time(&none);
        for (_, id) in candidates.into_iter().take(5) {
            let one = only(&id)?;
            timings.push((time(&one).saturating_sub(base), id, language));
        }
    }
    timings.sort_by_key(|t| std::cmp::Reverse(t.0));
    println!(
        "\nslowest rules, each alone on a {lines}-line file of its language (time beyond parsing):"
    );
    for (t, id, language) in timings.iter().take(5) {
        println!(
            "  {id:<32} {language:<11} {:>8.1} ms",
            t.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}

/// The corpus files of one language concatenated until `lines` lines.
fn corpus_file(dir: &Path, ext: &str, lines: usize) -> Result<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = String::new();
    let mut n = 0;
    'fill: while n < lines && !files.is_empty() {
        for f in &files {
            let text = std::fs::read_to_string(f)?;
            n += text.lines().count();
            out.push_str(&text);
            if n >= lines {
                break 'fill;
            }
        }
    }
    Ok(out)
}

/// Scans a generated polyglot repository of `args.files` files.
fn synthetic(rules: &RuleSet, args: &Args) -> Result<()> {
    let repo = tempfile::tempdir()?;
    let bytes = write_polyglot(repo.path(), args.files)?;
    let (poly_findings, poly_time, poly_files) = run_rlm(repo.path(), rules, args.threads)?;
    println!(
        "\nsynthetic polyglot repo: {poly_files} files ({:.1} MB, Python/JS/TS/Go/Java/Rust), {} findings: wall {:.2}s ({:.0} files/s), CPU {:.2}s",
        bytes as f64 / 1e6,
        poly_findings.len(),
        poly_time.wall.as_secs_f64(),
        poly_files as f64 / poly_time.wall.as_secs_f64().max(1e-9),
        poly_time.cpu.as_secs_f64()
    );
    Ok(())
}

/// Writes `count` source files in six languages, each a few functions long, one in eight with a
/// planted bug. Returns the bytes written.
fn write_polyglot(root: &Path, count: usize) -> Result<u64> {
    let mut bytes = 0u64;
    for i in 0..count {
        let dir = root.join(format!("pkg{:03}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&dir)?;
        }
        let bug = i % 8 == 0;
        let (name, text) = match i % 6 {
            0 => (format!("mod_{i}.py"), python_file(i, bug)),
            1 => (format!("mod_{i}.js"), js_file(i, bug)),
            2 => (format!("mod_{i}.ts"), js_file(i, bug)),
            3 => (format!("mod_{i}.go"), go_file(i, bug)),
            4 => (format!("Mod{i}.java"), java_file(i, bug)),
            _ => (format!("mod_{i}.rs"), rust_file(i, bug)),
        };
        bytes += text.len() as u64;
        std::fs::write(dir.join(name), text)?;
    }
    Ok(bytes)
}

fn python_file(i: usize, bug: bool) -> String {
    let mut s = format!("import os\nimport json\n\nLIMIT = {i}\n\n");
    for f in 0..6 {
        s.push_str(&format!(
            "def handler_{f}(cursor, request, items):\n    total = 0\n    for item in items:\n        total += len(item) * LIMIT\n    data = json.dumps({{\"total\": total, \"n\": {f}}})\n    cursor.execute(\"SELECT * FROM t WHERE id = %s\", (total,))\n    return data\n\n"
        ));
    }
    if bug {
        s.push_str("def bad(cursor, request):\n    uid = request.args.get(\"id\")\n    cursor.execute(f\"SELECT * FROM users WHERE id = {uid}\")\n");
    }
    s
}

fn js_file(i: usize, bug: bool) -> String {
    let mut s = format!("const LIMIT = {i};\n\n");
    for f in 0..6 {
        s.push_str(&format!(
            "function handler{f}(db, req, items) {{\n  let total = 0;\n  for (const item of items) {{\n    total += item.length * LIMIT;\n  }}\n  db.query(\"SELECT * FROM t WHERE id = ?\", [total]);\n  return JSON.stringify({{ total, n: {f} }});\n}}\n\n"
        ));
    }
    if bug {
        s.push_str("app.get(\"/x\", (req, res) => res.send(\"<p>\" + req.query.q + \"</p>\"));\n");
    }
    s
}

fn go_file(i: usize, bug: bool) -> String {
    let mut s = format!("package pkg\n\nconst limit = {i}\n\n");
    for f in 0..6 {
        s.push_str(&format!(
            "func Handler{f}(db *sql.DB, items []string) int {{\n\ttotal := 0\n\tfor _, item := range items {{\n\t\ttotal += len(item) * limit\n\t}}\n\tdb.Query(\"SELECT * FROM t WHERE id = ?\", total)\n\treturn total + {f}\n}}\n\n"
        ));
    }
    if bug {
        s.push_str("func Bad(w http.ResponseWriter, r *http.Request) {\n\tdb.Query(\"SELECT * FROM u WHERE id = \" + r.FormValue(\"id\"))\n}\n");
    }
    s
}

fn java_file(i: usize, bug: bool) -> String {
    let mut s = format!("class Mod{i} {{\n  static final int LIMIT = {i};\n");
    for f in 0..6 {
        s.push_str(&format!(
            "  int handler{f}(java.util.List<String> items) {{\n    int total = 0;\n    for (String item : items) {{\n      total += item.length() * LIMIT;\n    }}\n    return total + {f};\n  }}\n"
        ));
    }
    if bug {
        s.push_str("  void bad(HttpServletRequest request, Statement st) throws Exception {\n    st.executeQuery(\"SELECT * FROM u WHERE id = \" + request.getParameter(\"id\"));\n  }\n");
    }
    s.push_str("}\n");
    s
}

fn rust_file(i: usize, bug: bool) -> String {
    let mut s = format!("const LIMIT: usize = {i};\n\n");
    for f in 0..6 {
        s.push_str(&format!(
            "pub fn handler_{f}(items: &[String]) -> usize {{\n    let mut total = 0;\n    for item in items {{\n        total += item.len() * LIMIT;\n    }}\n    total + {f}\n}}\n\n"
        ));
    }
    if bug {
        s.push_str("pub fn bad() {\n    let arg = std::env::args().nth(1).unwrap_or_default();\n    std::process::Command::new(arg).status().ok();\n}\n");
    }
    s
}
