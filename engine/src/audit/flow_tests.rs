#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Tests of the analysis mechanisms: name resolution, constant evaluation, data flow through
//! containers, builders, fields and functions of the file, and the evidence (path) each taint
//! finding carries. Cases are written in the shapes of servlet test suites (a request
//! parameter, a value computed through some flow, a sink) and their safe twins.

use super::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules compile"))
}

/// (rule id, line, severity) of each finding.
fn found(path: &str, code: &str) -> Vec<(String, usize, Severity)> {
    scan_source(path, code, rules())
        .findings
        .into_iter()
        .map(|f| (f.rule_id, f.span.start.line, f.severity))
        .collect()
}

/// The one finding of `rule`, with its path as (line, what happened).
fn path_of(path: &str, code: &str, rule: &str) -> (usize, Severity, Vec<(usize, String)>) {
    let scan = scan_source(path, code, rules());
    let hits: Vec<&Finding> = scan.findings.iter().filter(|f| f.rule_id == rule).collect();
    assert_eq!(
        hits.len(),
        1,
        "one {rule} finding expected, got {:#?}",
        scan.findings
    );
    let f = hits[0];
    let steps = f
        .flow
        .iter()
        .map(|s| {
            let label = s.message.split(':').next().unwrap_or_default().to_string();
            (s.span.start.line, label)
        })
        .collect();
    (f.span.start.line, f.severity, steps)
}

fn steps(list: &[(usize, &str)]) -> Vec<(usize, String)> {
    list.iter().map(|(l, s)| (*l, s.to_string())).collect()
}

/// A servlet in the shape of the benchmark suites: `param` from the request, `bar` computed
/// by `flow`, then a SQL query built from `bar`.
fn servlet(flow: &str) -> String {
    format!(
        "import java.sql.*;
import javax.servlet.http.*;

public class BenchmarkTest00001 extends HttpServlet {{
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {{
        String param = request.getParameter(\"vector\");
        String bar;
{flow}
        String sql = \"SELECT * FROM USERS WHERE NAME='\" + bar + \"'\";
        Statement statement = getConnection().createStatement();
        statement.executeQuery(sql);
    }}
}}
"
    )
}

fn sql_findings(flow: &str) -> Vec<(String, usize, Severity)> {
    found("BenchmarkTest00001.java", &servlet(flow))
        .into_iter()
        .filter(|(id, _, _)| id == "java/sql-injection")
        .collect()
}

// ---- constants ----------------------------------------------------------------------------

#[test]
fn java_ternary_on_a_constant_condition_takes_one_side() {
    // 86 * 3 > 200: always "fixed".
    assert_eq!(
        sql_findings("        int limit = 86;\n        bar = limit * 3 > 200 ? \"fixed\" : param;"),
        vec![]
    );
    // 60 * 3 > 200 is false: always the parameter.
    let code =
        servlet("        int limit = 60;\n        bar = limit * 3 > 200 ? \"fixed\" : param;");
    let (line, severity, path) = path_of("BenchmarkTest00001.java", &code, "java/sql-injection");
    assert_eq!((line, severity), (12, Severity::High));
    assert_eq!(
        path,
        steps(&[
            (6, "source"),
            (6, "assigned"),
            (9, "assigned"),
            (10, "assigned"),
            (12, "sink")
        ])
    );
}

#[test]
fn java_integer_division_decides_an_if() {
    // (500 / 42) + 196 = 207 > 200: the parameter.
    let vulnerable = "        int num = 196;\n        if ((500 / 42) + num > 200) bar = param; else bar = \"This should never happen\";";
    assert_eq!(
        sql_findings(vulnerable),
        vec![("java/sql-injection".into(), 12, Severity::High)]
    );
    // (500 / 42) + 86 = 97: the constant.
    let safe = "        int num = 86;\n        if ((500 / 42) + num > 200) bar = param; else bar = \"This should never happen\";";
    assert_eq!(sql_findings(safe), vec![]);
}

#[test]
fn java_switch_on_a_constant_runs_one_case() {
    let flow = |guess: &str| {
        format!(
            "        String guess = \"{guess}\";
        char switchTarget = guess.charAt(1);
        switch (switchTarget) {{
          case 'A': bar = param; break;
          case 'B': bar = \"bob\"; break;
          case 'C': case 'D': bar = param; break;
          default: bar = \"bob's your uncle\"; break;
        }}"
        )
    };
    assert_eq!(sql_findings(&flow("ABC")), vec![]);
    assert_eq!(
        sql_findings(&flow("AAC")),
        vec![("java/sql-injection".into(), 18, Severity::High)]
    );
    // 'C' falls through to the group of 'D'.
    assert_eq!(
        sql_findings(&flow("ACC")),
        vec![("java/sql-injection".into(), 18, Severity::High)]
    );
}

#[test]
fn java_weak_algorithm_through_a_constant_is_found() {
    let code = r#"import java.security.MessageDigest;
class H {
    static final String ALG = "MD5";
    byte[] a(byte[] b) throws Exception {
        String alg = "SHA1";
        MessageDigest.getInstance(alg).digest(b);
        return MessageDigest.getInstance(ALG).digest(b);
    }
    byte[] safe(byte[] b) throws Exception {
        String alg = "SHA-256";
        return MessageDigest.getInstance(alg).digest(b);
    }
}
"#;
    let hashes: Vec<_> = found("H.java", code)
        .into_iter()
        .filter(|(id, _, _)| id == "java/weak-hash")
        .map(|(_, line, _)| line)
        .collect();
    assert_eq!(hashes, vec![6, 7]);
}

#[test]
fn java_configuration_default_is_a_possible_value() {
    let code = r#"import java.util.Properties;
class C {
    void run(Properties props) throws Exception {
        String alg = props.getProperty("cryptoAlg1", "DES/ECB/PKCS5Padding");
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(alg);
    }
    void ok(Properties props) throws Exception {
        String alg = props.getProperty("cryptoAlg2", "AES/GCM/NoPadding");
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(alg);
    }
}
"#;
    let ciphers: Vec<_> = found("C.java", code)
        .into_iter()
        .filter(|(id, _, _)| id == "java/weak-cipher")
        .map(|(_, line, _)| line)
        .collect();
    assert_eq!(ciphers, vec![5]);
}

#[test]
fn python_module_constant_and_dead_branch() {
    let code = r#"import hashlib
import sqlite3
from flask import request

ALG = "md5"

def digest(data):
    return hashlib.new(ALG, data).hexdigest()

def view():
    param = request.args.get("q")
    limit = 86
    bar = "fixed" if limit * 3 > 200 else param
    sqlite3.connect("x").execute("SELECT * FROM t WHERE a='" + bar + "'")
    other = param if limit * 3 > 200 else "fixed"
    sqlite3.connect("x").execute("SELECT * FROM t WHERE a='" + other + "'")
"#;
    let got = found("app.py", code);
    assert!(
        got.iter()
            .any(|(id, line, _)| id == "py/weak-hash-function" && *line == 8),
        "{got:?}"
    );
    let sql: Vec<_> = got
        .iter()
        .filter(|(id, _, _)| id == "py/sql-injection")
        .map(|(_, line, s)| (*line, *s))
        .collect();
    assert_eq!(sql, vec![(16, Severity::High)]);
}

#[test]
fn javascript_constant_ternary_and_algorithm() {
    let code = r#"const crypto = require('crypto');
const { exec } = require('child_process');
const ALG = 'md5';
function h(data) { return crypto.createHash(ALG).update(data).digest('hex'); }
app.get('/', (req, res) => {
  const param = req.query.cmd;
  const limit = 86;
  const bar = limit * 3 > 200 ? 'ls' : param;
  exec(bar);
  const bar2 = limit * 3 < 200 ? 'ls' : param;
  exec(bar2);
});
"#;
    let got = found("app.js", code);
    assert!(
        got.iter()
            .any(|(id, line, _)| id == "js/weak-hash" && *line == 4),
        "{got:?}"
    );
    let cmd: Vec<_> = got
        .iter()
        .filter(|(id, _, _)| id == "js/command-injection")
        .map(|(_, line, _)| *line)
        .collect();
    assert_eq!(cmd, vec![11]);
}

#[test]
fn go_constant_if_is_dead() {
    let code = r#"package main

import (
	"net/http"
	"os/exec"
)

func handler(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("cmd")
	limit := 86
	bar := ""
	if limit*3 > 200 {
		bar = "ls"
	} else {
		bar = param
	}
	exec.Command(bar).Run()
	if limit*3 < 200 {
		bar = "ls"
	} else {
		bar = param
	}
	exec.Command(bar).Run()
}
"#;
    let cmd: Vec<_> = found("main.go", code)
        .into_iter()
        .filter(|(id, _, _)| id == "go/command-injection")
        .map(|(_, line, s)| (line, s))
        .collect();
    assert_eq!(cmd, vec![(23, Severity::High)]);
}

// ---- containers and builders ----------------------------------------------------------------

#[test]
fn java_map_by_constant_key() {
    let put =
        "        java.util.HashMap<String,Object> map = new java.util.HashMap<String,Object>();
        map.put(\"keyA\", \"a_Value\");
        map.put(\"keyB\", param);
        map.put(\"keyC\", \"another_Value\");";
    assert_eq!(
        sql_findings(&format!("{put}\n        bar = (String) map.get(\"keyA\");")),
        vec![]
    );
    let code = servlet(&format!("{put}\n        bar = (String) map.get(\"keyB\");"));
    let (line, _, path) = path_of("BenchmarkTest00001.java", &code, "java/sql-injection");
    assert_eq!(line, 15);
    assert_eq!(
        path,
        steps(&[
            (6, "source"),
            (6, "assigned"),
            (10, "stored"),
            (12, "read back"),
            (12, "assigned"),
            (13, "assigned"),
            (15, "sink")
        ])
    );
}

#[test]
fn java_list_after_remove() {
    let list = "        java.util.List<String> valuesList = new java.util.ArrayList<String>();
        valuesList.add(\"safe\");
        valuesList.add(param);
        valuesList.add(\"moresafe\");
        valuesList.remove(0);";
    // [param, "moresafe"] after the remove.
    assert_eq!(
        sql_findings(&format!("{list}\n        bar = valuesList.get(1);")),
        vec![]
    );
    assert_eq!(
        sql_findings(&format!("{list}\n        bar = valuesList.get(0);")),
        vec![("java/sql-injection".into(), 16, Severity::High)]
    );
}

#[test]
fn java_array_by_constant_index() {
    let arr = "        String[] parts = {\"safe\", param, \"other\"};";
    assert_eq!(
        sql_findings(&format!("{arr}\n        bar = parts[2];")),
        vec![]
    );
    assert_eq!(
        sql_findings(&format!("{arr}\n        bar = parts[1];")),
        vec![("java/sql-injection".into(), 12, Severity::High)]
    );
}

#[test]
fn java_string_builder_carries_appended_taint() {
    let vulnerable = "        StringBuilder sb = new StringBuilder();
        sb.append(\"pre \").append(param);
        bar = sb.toString();";
    assert_eq!(
        sql_findings(vulnerable),
        vec![("java/sql-injection".into(), 13, Severity::High)]
    );
    let safe = "        StringBuilder sb = new StringBuilder();
        sb.append(\"pre \").append(param.length());
        bar = sb.toString();";
    assert_eq!(sql_findings(safe), vec![]);
}

#[test]
fn python_dict_and_list_by_constant_key() {
    let code = r#"import sqlite3
from flask import request

def view():
    param = request.args.get("q")
    d = {"a": "safe", "b": param}
    items = ["safe"]
    items.append(param)
    db = sqlite3.connect("x")
    db.execute("SELECT " + d["a"])
    db.execute("SELECT " + items[0])
    db.execute("SELECT " + d["b"])
    db.execute("SELECT " + items[1])
"#;
    let sql: Vec<_> = found("app.py", code)
        .into_iter()
        .filter(|(id, _, _)| id == "py/sql-injection")
        .map(|(_, line, s)| (line, s))
        .collect();
    assert_eq!(sql, vec![(12, Severity::High), (13, Severity::High)]);
}

// ---- functions, fields, lambdas ---------------------------------------------------------------

#[test]
fn java_helper_returning_a_constant_carries_no_taint() {
    let code = r#"import javax.servlet.http.*;
import java.sql.*;

public class BenchmarkTest00002 extends HttpServlet {
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String param = request.getParameter("vector");
        String bar = new Test().doSomething(request, param);
        String bar2 = pass(param);
        Statement statement = getConnection().createStatement();
        statement.executeQuery("SELECT * FROM USERS WHERE NAME='" + bar + "'");
        statement.executeQuery("SELECT * FROM USERS WHERE NAME='" + bar2 + "'");
    }

    private static String pass(String value) {
        String copy = value;
        return copy;
    }

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws Exception {
            String bar = "safe!";
            java.util.HashMap<String,Object> map = new java.util.HashMap<String,Object>();
            map.put("keyB", param);
            return bar;
        }
    }
}
"#;
    let (line, severity, path) = path_of("BenchmarkTest00002.java", code, "java/sql-injection");
    assert_eq!((line, severity), (11, Severity::High));
    assert_eq!(
        path,
        steps(&[
            (6, "source"),
            (6, "assigned"),
            (8, "passed to a function of this file"),
            (8, "assigned"),
            (11, "sink")
        ])
    );
}

#[test]
fn java_sink_inside_a_helper_is_reached_from_the_caller() {
    let code = r#"import javax.servlet.http.*;
import java.sql.*;

public class BenchmarkTest00003 extends HttpServlet {
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String param = request.getParameter("vector");
        run(getConnection().createStatement(), "SELECT * FROM USERS WHERE NAME='" + param + "'");
        run(getConnection().createStatement(), "SELECT 1");
    }

    private static void run(Statement statement, String sql) throws Exception {
        statement.executeQuery(sql);
    }
}
"#;
    let (line, severity, path) = path_of("BenchmarkTest00003.java", code, "java/sql-injection");
    assert_eq!((line, severity), (12, Severity::High));
    assert_eq!(
        path,
        steps(&[
            (6, "source"),
            (6, "assigned"),
            (7, "passed to a function of this file"),
            (12, "sink")
        ])
    );
}

#[test]
fn java_field_set_in_one_method_is_read_in_another() {
    let code = r#"import javax.servlet.http.*;
import java.sql.*;

public class Holder {
    private String stored = "";
    private Statement statement;

    public void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        this.stored = request.getParameter("q");
    }

    public void flush() throws Exception {
        statement.executeQuery("SELECT * FROM t WHERE a='" + stored + "'");
    }
}
"#;
    let got = found("Holder.java", code);
    assert_eq!(got, vec![("java/sql-injection".into(), 13, Severity::High)]);
}

#[test]
fn python_helper_and_lambda_callback() {
    let code = r#"import os
from flask import request

def fixed(value):
    return "ls"

def same(value):
    return value.strip()

def view():
    param = request.args.get("cmd")
    os.system(fixed(param))
    os.system(same(param))
    for item in [param]:
        os.system(item)
"#;
    let cmd: Vec<_> = found("app.py", code)
        .into_iter()
        .filter(|(id, _, _)| id == "py/command-injection")
        .map(|(_, line, s)| (line, s))
        .collect();
    assert_eq!(cmd, vec![(13, Severity::High), (15, Severity::High)]);
}

#[test]
fn javascript_callback_parameters_get_the_collection() {
    let code = r#"const cp = require('child_process');
app.post('/run', (req, res) => {
  const names = [req.body.name];
  names.forEach((n) => { cp.exec('echo ' + n); });
  ['a', 'b'].forEach((n) => { cp.exec('echo ' + n); });
});
"#;
    let cmd: Vec<_> = found("app.js", code)
        .into_iter()
        .filter(|(id, _, _)| id == "js/command-injection")
        .map(|(_, line, s)| (line, s))
        .collect();
    assert_eq!(cmd, vec![(4, Severity::High)]);
}

// ---- name resolution ------------------------------------------------------------------------

#[test]
fn java_fully_qualified_and_imported_calls_match_short_rules() {
    let code = r#"import static java.security.MessageDigest.getInstance;
import javax.crypto.*;

class Q {
    void a() throws Exception {
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("DES/CBC/PKCS5Padding");
        byte[] d = getInstance("MD5").digest(new byte[0]);
        java.security.MessageDigest m = java.security.MessageDigest.getInstance("SHA-1");
    }
}
"#;
    let got: Vec<_> = found("Q.java", code)
        .into_iter()
        .map(|(id, line, _)| (id, line))
        .collect();
    assert_eq!(
        got,
        vec![
            ("java/weak-cipher".into(), 6),
            ("java/weak-hash".into(), 7),
            ("java/weak-hash".into(), 8)
        ]
    );
}

#[test]
fn javascript_require_and_import_aliases_resolve() {
    let code = r#"import * as proc from 'child_process';
import { exec as run } from 'node:child_process';
const { execSync: sh } = require('child_process');
app.get('/', (req, res) => {
  proc.exec(req.query.a);
  run(req.query.b);
  sh(req.query.c);
});
"#;
    let lines: Vec<_> = found("app.ts", code)
        .into_iter()
        .filter(|(id, _, _)| id == "js/command-injection")
        .map(|(_, line, _)| line)
        .collect();
    assert_eq!(lines, vec![5, 6, 7]);
}

#[test]
fn go_import_alias_resolves() {
    let code = r#"package main

import (
	ex "os/exec"
	"net/http"
)

func handler(w http.ResponseWriter, r *http.Request) {
	ex.Command(r.FormValue("cmd")).Run()
}
"#;
    assert_eq!(
        found("main.go", code),
        vec![("go/command-injection".into(), 9, Severity::High)]
    );
}

#[test]
fn rust_use_alias_resolves() {
    let code = r#"use std::process::Command as Cmd;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    Cmd::new(name).status().unwrap();
}
"#;
    let got: Vec<_> = found("main.rs", code)
        .into_iter()
        .map(|(id, line, _)| (id, line))
        .collect();
    assert_eq!(got, vec![("rust/command-injection".into(), 5)]);
}

// ---- evidence -------------------------------------------------------------------------------

#[test]
fn taint_path_is_in_sarif_code_flows_and_json() {
    let code = servlet("        bar = param;");
    let scan = scan_source("BenchmarkTest00001.java", &code, rules());
    let sarif = sarif::to_sarif(&scan.findings, rules(), std::path::Path::new("/repo"));
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "java/sql-injection");
    let locations = result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap();
    let described: Vec<(u64, String)> = locations
        .iter()
        .map(|l| {
            (
                l["location"]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
                l["location"]["message"]["text"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        described,
        vec![
            (6, "source: request.getParameter(\"vector\")".to_string()),
            (
                6,
                "assigned: param = request.getParameter(\"vector\")".to_string()
            ),
            (8, "assigned: bar = param".to_string()),
            (
                9,
                "assigned: sql = \"SELECT * FROM USERS WHERE NAME='\" + bar + \"'\"".to_string()
            ),
            (11, "sink: statement.executeQuery(sql)".to_string()),
        ]
    );
    let json = serde_json::to_value(&scan.findings[0]).unwrap();
    assert_eq!(json["flow"].as_array().unwrap().len(), 5);
    assert_eq!(
        json["flow"][4]["message"],
        "sink: statement.executeQuery(sql)"
    );
}
