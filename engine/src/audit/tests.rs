#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Tests of the audit engine. Per-rule behaviour is pinned by each rule file's own examples
//! (run by `every_rule_example_behaves`); the tests here pin the machinery around them.

use super::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules compile"))
}

fn file_name(language: &str) -> &'static str {
    match language {
        "python" | "*" => "snippet.py",
        "javascript" => "snippet.js",
        "typescript" => "snippet.ts",
        "go" => "snippet.go",
        "java" => "Snippet.java",
        "rust" => "snippet.rs",
        _ => "snippet.txt",
    }
}

/// Scans `code` as a file of `language` and returns (rule id, line, severity) of each finding.
fn check(language: &str, code: &str) -> Vec<(String, usize, Severity)> {
    scan_source(file_name(language), code, rules())
        .findings
        .into_iter()
        .map(|f| (f.rule_id, f.span.start.line, f.severity))
        .collect()
}

#[test]
fn every_rule_example_behaves() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in rules().rules() {
        let spec = &rule.spec;
        let language = spec
            .examples
            .language
            .clone()
            .or_else(|| spec.languages.first().cloned())
            .unwrap();
        if spec.examples.vulnerable.is_empty() || spec.examples.safe.is_empty() {
            failures.push(format!("{}: needs vulnerable and safe examples", spec.id));
        }
        for code in &spec.examples.vulnerable {
            checked += 1;
            let found = check(&language, code);
            if !found.iter().any(|(id, _, _)| id == &spec.id) {
                failures.push(format!(
                    "{}: missed vulnerable example {code:?}, got {found:?}",
                    spec.id
                ));
            }
        }
        for code in &spec.examples.high {
            checked += 1;
            let found = check(&language, code);
            if !found
                .iter()
                .any(|(id, _, sev)| id == &spec.id && *sev == spec.severity)
            {
                failures.push(format!(
                    "{}: no {} finding for {code:?}, got {found:?}",
                    spec.id, spec.severity
                ));
            }
        }
        for code in &spec.examples.safe {
            checked += 1;
            let found = check(&language, code);
            if found.iter().any(|(id, _, _)| id == &spec.id) {
                failures.push(format!(
                    "{}: flagged safe example {code:?}: {found:?}",
                    spec.id
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} example checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The findings of one rule, as (line, severity).
fn of_rule(language: &str, code: &str, rule: &str) -> Vec<(usize, Severity)> {
    check(language, code)
        .into_iter()
        .filter(|(id, _, _)| id == rule)
        .map(|(_, line, sev)| (line, sev))
        .collect()
}

#[test]
fn taint_follows_assignments_fstrings_and_concatenation() {
    let code = r#"
from flask import request
def handler(cursor):
    raw = request.form["name"]
    name = raw.strip()
    where = "name = '" + name + "'"
    sql = f"SELECT * FROM users WHERE {where}"
    cursor.execute(sql)
"#;
    assert_eq!(
        of_rule("python", code, "py/sql-injection"),
        vec![(8, Severity::High)]
    );
    let finding = scan_source("a.py", code, rules())
        .findings
        .into_iter()
        .find(|f| f.rule_id == "py/sql-injection")
        .unwrap();
    assert_eq!(
        finding.source,
        Some(TaintSource {
            line: 4,
            text: "request.form[\"name\"]".into()
        })
    );
}

#[test]
fn taint_constant_query_is_not_flagged_and_parameter_is_medium() {
    let constant = "def f(cursor):\n    q = 'SELECT 1'\n    cursor.execute(q)\n";
    assert_eq!(of_rule("python", constant, "py/sql-injection"), vec![]);
    let param = "def f(cursor, uid):\n    cursor.execute('SELECT * FROM t WHERE id = ' + uid)\n";
    assert_eq!(
        of_rule("python", param, "py/sql-injection"),
        vec![(2, Severity::Medium)]
    );
}

#[test]
fn taint_sanitizers_clear_the_value() {
    let code = r#"
import os, shlex, sys
arg = shlex.quote(sys.argv[1])
os.system("ls " + arg)
n = int(sys.argv[2])
os.system("sleep %d" % n)
"#;
    assert_eq!(of_rule("python", code, "py/command-injection"), vec![]);
}

#[test]
fn taint_assignment_in_a_branch_joins_instead_of_replacing() {
    let code = r#"
import os, sys
cmd = "ls"
if len(sys.argv) > 1:
    cmd = sys.argv[1]
os.system(cmd)
"#;
    assert_eq!(
        of_rule("python", code, "py/command-injection"),
        vec![(6, Severity::High)]
    );
    let straight = "import os, sys\ncmd = sys.argv[1]\ncmd = 'ls'\nos.system(cmd)\n";
    assert_eq!(of_rule("python", straight, "py/command-injection"), vec![]);
}

#[test]
fn taint_crosses_functions_in_the_same_file() {
    // The request value reaches the sink through a helper's parameter.
    let code = r#"
from flask import request
def run_query(cursor, name):
    cursor.execute("SELECT * FROM t WHERE name = '%s'" % name)
def view(cursor):
    run_query(cursor, request.args["name"])
"#;
    assert_eq!(
        of_rule("python", code, "py/sql-injection"),
        vec![(4, Severity::High)]
    );
    // A local helper that returns an int is a sanitizer.
    let helper = r#"
import os, sys
def as_number(s):
    return int(s)
os.system("sleep " + str(as_number(sys.argv[1])))
"#;
    assert_eq!(of_rule("python", helper, "py/command-injection"), vec![]);
}

#[test]
fn taint_crosses_functions_in_javascript_and_go() {
    let js = r#"
function runQuery(db, name) {
  return db.query("SELECT * FROM t WHERE name = '" + name + "'");
}
app.get("/u", (req, res) => runQuery(db, req.query.name));
"#;
    assert_eq!(
        of_rule("javascript", js, "js/sql-injection"),
        vec![(3, Severity::High)]
    );
    let go = r#"
package main
func lookup(db *sql.DB, id string) {
	db.Query("SELECT * FROM t WHERE id = " + id)
}
func handler(w http.ResponseWriter, r *http.Request) {
	lookup(db, r.FormValue("id"))
}
"#;
    assert_eq!(
        of_rule("go", go, "go/sql-injection"),
        vec![(4, Severity::High)]
    );
}

#[test]
fn spring_request_parameters_are_tainted() {
    let code = r#"
class C {
  @GetMapping("/u")
  public String get(@RequestParam String name, JdbcTemplate jdbc) {
    return jdbc.queryForObject("SELECT x FROM t WHERE name = '" + name + "'", String.class);
  }
}
"#;
    assert_eq!(
        of_rule("java", code, "java/sql-injection"),
        vec![(5, Severity::High)]
    );
}

#[test]
fn request_handler_parameters_are_tainted() {
    let code = r#"
@app.route("/u/<name>")
def show(name):
    return redirect(name)
"#;
    assert_eq!(
        of_rule("python", code, "py/open-redirect"),
        vec![(4, Severity::Medium)]
    );
}

#[test]
fn import_aliases_resolve_for_call_patterns() {
    let code = "from subprocess import Popen as pop\nimport hashlib as h\npop('ls ' + x, shell=True)\nh.md5(b'x')\n";
    let ids: Vec<String> = check("python", code).into_iter().map(|f| f.0).collect();
    assert_eq!(ids, vec!["py/command-injection", "py/insecure-hash"]);
}

#[test]
fn suppression_comments_silence_findings() {
    let cases = [
        ("h = hashlib.md5(b)  # rlm: ignore[py/insecure-hash]\n", 0),
        (
            "h = hashlib.md5(b)  # rlm: ignore[category-that-does-not-match]\n",
            1,
        ),
        ("h = hashlib.md5(b)  # rlm: ignore\n", 0),
        ("h = hashlib.md5(b)  # nosec\n", 0),
        ("h = hashlib.md5(b)  # nosec B324\n", 0),
        ("h = hashlib.md5(b)  # nosec B602\n", 1),
        ("# rlm: ignore[weak-crypto]\nh = hashlib.md5(b)\n", 0),
        ("x = 1  # rlm: ignore\nh = hashlib.md5(b)\n", 1),
        ("h = hashlib.md5(b)\n", 1),
    ];
    for (code, expected) in cases {
        let code = format!("import hashlib\n{code}");
        assert_eq!(
            of_rule("python", &code, "py/insecure-hash").len(),
            expected,
            "{code}"
        );
    }
    let go = "package main\nfunc h(b []byte) { md5.Sum(b) //nolint:gosec\n}\n";
    assert_eq!(of_rule("go", go, "go/weak-crypto"), vec![]);
    let js = "// rlm: ignore[js/weak-hash]\nconst h = crypto.createHash('md5');\n";
    assert_eq!(of_rule("javascript", js, "js/weak-hash"), vec![]);
}

#[test]
fn baseline_keeps_known_findings_out_even_after_lines_move() {
    let before = "import hashlib\nh = hashlib.md5(b)\n";
    let after = "import hashlib\n\n\n# moved down\nh = hashlib.md5(b)\ng = hashlib.sha1(b)\n";
    let baseline = Baseline::from_findings(&scan_source("a.py", before, rules()).findings);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baseline.json");
    baseline.save(&path).unwrap();
    let loaded = Baseline::load(&path).unwrap();
    assert_eq!(loaded, baseline);
    let (new, known) = loaded.split(scan_source("a.py", after, rules()).findings);
    assert_eq!(
        new.iter().map(|f| f.span.start.line).collect::<Vec<_>>(),
        vec![6]
    );
    assert_eq!(
        known.iter().map(|f| f.span.start.line).collect::<Vec<_>>(),
        vec![5]
    );
}

#[test]
fn bad_baseline_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    std::fs::write(&path, "{\"version\": 7, \"findings\": []}").unwrap();
    let err = Baseline::load(&path).unwrap_err().to_string();
    assert!(err.contains("version 7 is not supported"), "{err}");
}

/// Applies every fix in `code` and returns the new text and the rules still firing.
fn apply_all(file: &str, code: &str) -> (String, Vec<String>) {
    let findings = scan_source(file, code, rules()).findings;
    let edits: Vec<TextEdit> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|f| f.edits.clone())
        .collect();
    let fixed = apply_edits(code, &edits).unwrap();
    let again = scan_source(file, &fixed, rules());
    (
        fixed,
        again.findings.into_iter().map(|f| f.rule_id).collect(),
    )
}

#[test]
fn fixes_apply_and_turn_the_finding_off() {
    let cases = [
        (
            "a.py",
            "import yaml\ncfg = yaml.load(text)\n",
            "import yaml\ncfg = yaml.safe_load(text)\n",
        ),
        (
            "a.py",
            "import requests\nr = requests.get(url, timeout=5, verify=False)\n",
            "import requests\nr = requests.get(url, timeout=5, verify=True)\n",
        ),
        (
            "a.py",
            "import subprocess\ndef f(name):\n    subprocess.run(f\"ls -l {name}\", shell=True)\n",
            "import subprocess\ndef f(name):\n    subprocess.run([\"ls\", \"-l\", name], shell=False)\n",
        ),
        (
            "a.py",
            "def f(cur, uid):\n    cur.execute(\"SELECT * FROM t WHERE id = '%s'\" % uid)\n",
            "def f(cur, uid):\n    cur.execute(\"SELECT * FROM t WHERE id = %s\", (uid,))\n",
        ),
        (
            "a.py",
            "API_SECRET = \"q8Zr2LmX4vN7pK1sT9wY3bC6\"\n",
            "import os\nAPI_SECRET = os.environ[\"API_SECRET\"]\n",
        ),
        (
            "a.js",
            "const apiToken = \"q8Zr2LmX4vN7pK1sT9wY3bC6\";\n",
            "const apiToken = process.env.API_TOKEN;\n",
        ),
        (
            "a.go",
            "package main\nvar cfg = &tls.Config{InsecureSkipVerify: true}\n",
            "package main\nvar cfg = &tls.Config{InsecureSkipVerify: false}\n",
        ),
        (
            "A.java",
            "class A { byte[] h(byte[] b) throws Exception { return MessageDigest.getInstance(\"MD5\").digest(b); } }\n",
            "class A { byte[] h(byte[] b) throws Exception { return MessageDigest.getInstance(\"SHA-256\").digest(b); } }\n",
        ),
    ];
    for (file, code, expected) in cases {
        let (fixed, remaining) = apply_all(file, code);
        assert_eq!(fixed, expected);
        assert_eq!(remaining, Vec::<String>::new(), "{file}: {fixed}");
    }
}

#[test]
fn merged_fixes_share_an_added_import_and_defer_overlaps() {
    let code =
        "DB_PASSWORD = \"q8Zr2LmX4vN7pK1sT9wY3bC6\"\nAPI_TOKEN = \"Zp3kR9xQ2mW7vL4nT8yB6cD1\"\n";
    let findings = scan_source("settings.py", code, rules()).findings;
    assert_eq!(findings.len(), 2);
    let merged = merge_fixes(findings.iter().filter_map(|f| f.fix.as_ref()));
    assert_eq!((merged.applied, merged.deferred), (2, 0));
    assert_eq!(
        apply_edits(code, &merged.edits).unwrap(),
        "import os\nDB_PASSWORD = os.environ[\"DB_PASSWORD\"]\nAPI_TOKEN = os.environ[\"API_TOKEN\"]\n"
    );
    // The same fix twice: the second overlaps the first and waits.
    let fix = findings[0].fix.clone().unwrap();
    let other = Fix {
        description: "other".into(),
        edits: vec![TextEdit {
            replacement: "x".into(),
            ..fix.edits[1].clone()
        }],
    };
    let merged = merge_fixes([&fix, &other]);
    assert_eq!((merged.applied, merged.deferred), (1, 1));
}

#[test]
fn sql_fixes_use_the_driver_placeholder() {
    let js = "function f(db, name) {\n  return db.query(\"SELECT * FROM t WHERE name = '\" + name + \"'\");\n}\n";
    assert_eq!(
        apply_all("a.js", js).0,
        "function f(db, name) {\n  return db.query(\"SELECT * FROM t WHERE name = ?\", [name]);\n}\n"
    );
    let pg = "const { Pool } = require('pg');\nfunction f(db, a, b) {\n  return db.query(`SELECT * FROM t WHERE a = ${a} AND b = ${b}`);\n}\n";
    assert_eq!(
        apply_all("a.js", pg).0,
        "const { Pool } = require('pg');\nfunction f(db, a, b) {\n  return db.query(\"SELECT * FROM t WHERE a = $1 AND b = $2\", [a, b]);\n}\n"
    );
    let py = "import sqlite3\ndef f(cur, uid):\n    cur.execute(\"SELECT * FROM t WHERE id = {}\".format(uid))\n";
    let (fixed, remaining) = apply_all("a.py", py);
    assert_eq!(
        fixed,
        "import sqlite3\ndef f(cur, uid):\n    cur.execute(\"SELECT * FROM t WHERE id = ?\", (uid,))\n"
    );
    assert_eq!(remaining, Vec::<String>::new());
}

#[test]
fn no_fix_is_offered_when_the_rewrite_would_be_unsafe() {
    // A pipeline cannot become an argument list.
    let code =
        "import subprocess\ndef f(n):\n    subprocess.run(f\"ls {n} | wc -l\", shell=True)\n";
    let f = scan_source("a.py", code, rules()).findings;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule_id, "py/command-injection");
    assert_eq!(f[0].fix, None);
}

#[test]
fn unified_diff_shows_the_fix_with_context() {
    let code = "import yaml\n\ncfg = yaml.load(text)\nprint(cfg)\n";
    let findings = scan_source("conf.py", code, rules()).findings;
    let diff = unified_diff("conf.py", code, &findings[0].fix.clone().unwrap().edits).unwrap();
    assert_eq!(
        diff,
        "--- a/conf.py\n+++ b/conf.py\n@@ -1,4 +1,4 @@\n import yaml\n \n-cfg = yaml.load(text)\n+cfg = yaml.safe_load(text)\n print(cfg)\n"
    );
}

#[test]
fn unparsable_file_still_reports_what_it_can() {
    let code = "def broken(:\n    pass\nimport hashlib\nh = hashlib.md5(b)\nAWS = \"AKIAIOSFODNN7EXAMPLQ\"\n"; // rlm: ignore[secret/aws-access-key]
    let scan = scan_source("a.py", code, rules());
    let ids: Vec<&str> = scan.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert!(ids.contains(&"secret/aws-access-key"), "{ids:?}");
    assert_eq!(scan.notes.len(), 1);
    assert_eq!(
        scan.notes[0].message,
        "does not parse cleanly; rules ran on the parts that did"
    );
}

#[test]
fn minified_javascript_is_scanned_with_short_snippets() {
    let mut code = String::new();
    for i in 0..5_000 {
        code.push_str(&format!("var a{i}=function(b){{return b+{i}}};"));
    }
    code.push_str("eval(location.hash.slice(1));");
    let scan = scan_source("app.min.js", &code, rules());
    let f: Vec<&Finding> = scan
        .findings
        .iter()
        .filter(|f| f.rule_id == "js/code-injection")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].span.start.line, 1);
    assert!(f[0].snippet.chars().count() <= 120, "{}", f[0].snippet);
}

#[test]
fn workspace_scan_handles_mixed_encodings_binary_and_huge_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("ok.py"), "import hashlib\nh = hashlib.md5(b)\n").unwrap();
    // Latin-1 bytes in a comment: scanned, findings kept, no fixes offered.
    let mut latin1 = b"# caf\xe9\nimport yaml\ncfg = yaml.load(t)\n".to_vec();
    latin1.extend_from_slice(b"\n");
    std::fs::write(root.join("latin1.py"), latin1).unwrap();
    std::fs::write(root.join("blob.py"), b"\0\0\0binary").unwrap();
    std::fs::write(root.join("huge.py"), "x = 1\n".repeat(1_000_000)).unwrap();
    let options = ScanOptions {
        threads: 2,
        list: crate::workspace::ListOptions {
            max_file_size: 1024 * 1024,
            ..Default::default()
        },
    };
    let report = scan_workspace(root, rules(), &options).unwrap();
    let found: Vec<(String, String, bool)> = report
        .findings
        .iter()
        .map(|f| (f.path.clone(), f.rule_id.clone(), f.fix.is_some()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("latin1.py".to_string(), "py/yaml-load".to_string(), false),
            ("ok.py".to_string(), "py/insecure-hash".to_string(), true),
        ]
    );
    assert_eq!(report.files_scanned, 2);
    assert_eq!(report.files_skipped, 2); // the binary and the huge file
    assert_eq!(
        report.notes,
        vec![FileNote {
            path: "latin1.py".into(),
            message: "not valid UTF-8; scanned a lossy copy, no fixes offered".into()
        }]
    );
}

#[test]
fn user_rules_load_from_the_workspace_and_selection_filters() {
    let dir = tempfile::tempdir().unwrap();
    let rules_dir = dir.path().join(".rlm-rules");
    std::fs::create_dir_all(&rules_dir).unwrap();
    std::fs::write(
        rules_dir.join("no-print.toml"),
        r#"
id = "team/no-print"
title = "print in library code"
category = "hygiene"
severity = "low"
confidence = "high"
languages = ["python"]
message = "use logging instead of {callee}"
[[call]]
callee = '^print$'
[doc]
what = "Finds print calls."
why = "Libraries should log."
"#,
    )
    .unwrap();
    let config = AuditConfig {
        disable: vec!["category:weak-crypto".into()],
        ..Default::default()
    };
    let set = config.rule_set(dir.path()).unwrap();
    assert!(set.get("team/no-print").is_some());
    assert!(set.get("py/insecure-hash").is_none());
    let f = scan_source("a.py", "import hashlib\nprint(hashlib.md5(b))\n", &set).findings;
    assert_eq!(
        f.iter()
            .map(|f| (f.rule_id.as_str(), f.message.as_str()))
            .collect::<Vec<_>>(),
        vec![("team/no-print", "use logging instead of print")]
    );
    let only = RuleSet::load(
        &[],
        &Selection {
            enable: vec!["go/*".into()],
            disable: vec![],
        },
    )
    .unwrap();
    assert!(only.rules().iter().all(|r| r.id().starts_with("go/")));
}

#[test]
fn broken_user_rule_names_its_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "id = \"team/bad\"\ntitle = \"t\"\ncategory = \"c\"\nseverity = \"low\"\nconfidence = \"low\"\nlanguages = [\"python\"]\nmessage = \"m\"\n[[call]]\ncallee = '('\n[doc]\nwhat = \"w\"\nwhy = \"w\"\n",
    )
    .unwrap();
    let err = RuleSet::load(&[dir.path().to_path_buf()], &Selection::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!(
            "rule team/bad ({}): bad regex \"(\"",
            dir.path().join("bad.toml").display()
        )),
        "{err}"
    );
}

struct CountingTriager {
    seen: Vec<String>,
}

impl triage::Triager for CountingTriager {
    fn triage(
        &mut self,
        finding: &Finding,
        _context: &triage::TriageContext<'_>,
    ) -> Result<triage::TriageOutcome, triage::TriageError> {
        self.seen.push(finding.rule_id.clone());
        Ok(triage::TriageOutcome {
            verdict: Verdict {
                verdict: VerdictKind::TruePositive,
                reason: format!("{} is reachable", finding.rule_id),
            },
            tokens: 1000,
        })
    }
}

#[test]
fn triage_goes_most_severe_first_and_stops_at_the_budget() {
    let code =
        "import hashlib, os, sys\nh = hashlib.md5(b)\nos.system(sys.argv[1])\nrequests.get(u)\n";
    let mut findings = scan_source("a.py", code, rules()).findings;
    let mut triager = CountingTriager { seen: Vec::new() };
    let budget = triage::TriageBudget {
        max_findings: 10,
        max_tokens: 2000,
    };
    let summary = triage::triage_findings(
        &mut findings,
        &mut triager,
        &budget,
        &triage::TriageContext {
            root: std::path::Path::new("."),
        },
    );
    assert_eq!(
        triager.seen,
        vec!["py/command-injection", "py/insecure-hash"]
    );
    assert_eq!(
        summary,
        triage::TriageSummary {
            triaged: 2,
            skipped: 1,
            tokens: 2000,
            errors: vec![]
        }
    );
    assert_eq!(findings.iter().filter(|f| f.triage.is_some()).count(), 2);
}

#[test]
fn sarif_output_has_rules_results_and_fixes() {
    let code = "import yaml\ncfg = yaml.load(text)\n";
    let findings = scan_source("src/conf.py", code, rules()).findings;
    let log = sarif::to_sarif(&findings, rules(), std::path::Path::new("/work/my repo"));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/my%20repo/"
    );
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        rules().len()
    );
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "py/yaml-load");
    assert_eq!(result["level"], "warning");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    assert_eq!(
        result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "yaml.safe_load(text)"
    );
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "py/yaml-load");
}

#[test]
fn rules_reference_in_docs_is_current() {
    let generated = docs::rules_reference(rules());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/audit.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    let (Some(start), Some(end)) = (current.find(docs::BEGIN), current.find(docs::END)) else {
        panic!("{} lacks the generated-rules markers", path.display());
    };
    let body = &current[start + docs::BEGIN.len()..end];
    let want = format!("\n{generated}\n");
    if body != want {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let new = format!(
                "{}{}{want}{}",
                &current[..start],
                docs::BEGIN,
                &current[end..]
            );
            std::fs::write(&path, new).unwrap();
        } else {
            panic!(
                "docs/audit.md rules reference is stale: run UPDATE_DOCS=1 cargo test -p rlm-engine --lib audit"
            );
        }
    }
}

#[test]
fn every_rule_file_is_valid_and_ids_match_their_folder() {
    for (path, text) in catalog::BUILTIN_FILES {
        if path.starts_with("taint/") {
            continue;
        }
        let rule = Rule::from_toml(text, path).unwrap();
        rule.check_queries().unwrap();
        let prefix = match path.split('/').next().unwrap() {
            "python" => "py",
            "javascript" => "js",
            "secrets" => {
                if rule.id().starts_with("all/") {
                    "all"
                } else {
                    "secret"
                }
            }
            other => other,
        };
        assert!(
            rule.id().starts_with(&format!("{prefix}/")),
            "{path}: {}",
            rule.id()
        );
        let file = path.rsplit('/').next().unwrap().trim_end_matches(".toml");
        assert_eq!(rule.id().split('/').nth(1), Some(file), "{path}");
    }
}

#[test]
fn shell_commands_known_constant_are_not_reported_but_quoted_ones_are() {
    // The command is a name bound to a concatenation of constants: not reported.
    let constant = r#"
import os
import subprocess
def run():
    flag = "-l"
    cmd = "ls " + flag
    subprocess.run(cmd, shell=True)
    os.system(cmd)
"#;
    assert_eq!(check("python", constant), vec![]);
    // A quoted value is not a constant: still a shell, reported at low (no taint finding).
    let quoted = r#"
import shlex
import subprocess
def run(path):
    subprocess.run("ls " + shlex.quote(path), shell=True)
"#;
    assert_eq!(
        check("python", quoted),
        vec![("py/subprocess-shell".to_string(), 5, Severity::Low)]
    );
}
