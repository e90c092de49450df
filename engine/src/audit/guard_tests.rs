#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Tests of guards (`guard.rs`): allow-list checks, validators, equality with constants,
//! parses that fail on bad input and early exits stop taint; deny-lists and unanchored
//! patterns do not. Each vulnerable shape is beside the safe one it differs from.

use super::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules compile"))
}

/// (rule id, line, path as (line, what happened)) of each finding of the taint rule `rule`
/// (the low-severity usage rules, e.g. `py/subprocess-shell`, report the call whatever its
/// data and are not what a guard changes).
/// A finding as the tests compare it: rule id, line, path.
type Seen = (String, usize, Vec<(usize, String)>);

fn findings(path: &str, code: &str, rule: &str) -> Vec<Seen> {
    scan_source(path, code, rules())
        .findings
        .into_iter()
        .filter(|f| f.rule_id == rule)
        .map(|f| {
            let steps = f
                .flow
                .iter()
                .map(|s| {
                    let label = s.message.split(':').next().unwrap_or_default().to_string();
                    (s.span.start.line, label)
                })
                .collect();
            (f.rule_id, f.span.start.line, steps)
        })
        .collect()
}

fn hit(rule: &str, line: usize, steps: &[(usize, &str)]) -> Vec<Seen> {
    vec![(
        rule.to_string(),
        line,
        steps.iter().map(|(l, s)| (*l, s.to_string())).collect(),
    )]
}

fn flask(check: &str) -> String {
    format!(
        "import subprocess
from flask import Flask, request, abort

app = Flask(__name__)
ALLOWED = {{\"status\", \"uptime\"}}

@app.route(\"/run\")
def run():
    cmd = request.args.get(\"cmd\")
{check}
    subprocess.call(\"tool \" + cmd, shell=True)
    return \"ok\"
"
    )
}

#[test]
fn python_allow_list_with_early_exit_is_a_guard() {
    let safe = flask("    if cmd not in ALLOWED:\n        abort(400)");
    assert_eq!(findings("app.py", &safe, "py/command-injection"), vec![]);
    // A deny-list vouches for nothing.
    let vulnerable = flask("    if \";\" in cmd:\n        abort(400)");
    assert_eq!(
        findings("app.py", &vulnerable, "py/command-injection"),
        hit(
            "py/command-injection",
            12,
            &[(9, "source"), (9, "assigned"), (12, "sink")]
        )
    );
}

#[test]
fn python_validators_with_early_exit() {
    for check in [
        "    if not cmd.isalnum():\n        return \"bad\", 400",
        "    if not re.fullmatch(r\"[a-z]+\", cmd):\n        raise ValueError(cmd)",
        "    if not re.match(r\"^[a-z]+$\", cmd):\n        abort(400)",
    ] {
        let code = flask(check).replace("import subprocess", "import re\nimport subprocess");
        assert_eq!(
            findings("app.py", &code, "py/command-injection"),
            vec![],
            "{check}"
        );
    }
    // `re.match` without `$` lets "ls; rm -rf /" through.
    let code = flask("    if not re.match(r\"[a-z]+\", cmd):\n        abort(400)")
        .replace("import subprocess", "import re\nimport subprocess");
    assert_eq!(
        findings("app.py", &code, "py/command-injection"),
        hit(
            "py/command-injection",
            13,
            &[(10, "source"), (10, "assigned"), (13, "sink")]
        )
    );
}

#[test]
fn python_positive_allow_list_guards_its_branch_only() {
    let code = "import subprocess
from flask import request

def run():
    cmd = request.args.get(\"cmd\")
    if cmd in (\"status\", \"uptime\"):
        subprocess.call(\"tool \" + cmd, shell=True)
    subprocess.call(\"other \" + cmd, shell=True)
";
    assert_eq!(
        findings("app.py", code, "py/command-injection"),
        hit(
            "py/command-injection",
            8,
            &[(5, "source"), (5, "assigned"), (8, "sink")]
        )
    );
}

fn servlet(check: &str) -> String {
    format!(
        "import java.sql.*;
import java.util.*;
import javax.servlet.http.*;

public class OrderServlet extends HttpServlet {{
    private static final Set<String> COLUMNS = Set.of(\"name\", \"date\");

    public void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {{
        String sort = request.getParameter(\"sort\");
{check}
        String sql = \"SELECT * FROM orders ORDER BY \" + sort;
        Statement statement = getConnection().createStatement();
        statement.executeQuery(sql);
    }}
}}
"
    )
}

#[test]
fn java_allow_list_and_validators_with_throw_or_return() {
    for check in [
        "        if (!COLUMNS.contains(sort)) {\n            throw new IllegalArgumentException(sort);\n        }",
        "        if (!COLUMNS.contains(sort)) return;",
        "        if (sort == null || !sort.matches(\"[a-z_]+\")) {\n            response.sendError(400);\n            return;\n        }",
        "        if (!\"name\".equals(sort) && !\"date\".equals(sort)) return;",
        "        Integer.parseInt(sort);",
    ] {
        assert_eq!(
            findings("OrderServlet.java", &servlet(check), "java/sql-injection"),
            vec![],
            "{check}"
        );
    }
    // The check without an exit guards nothing after it.
    let vulnerable = servlet(
        "        if (!COLUMNS.contains(sort)) {\n            log(\"unknown column\");\n        }",
    );
    assert_eq!(
        findings("OrderServlet.java", &vulnerable, "java/sql-injection"),
        hit(
            "java/sql-injection",
            15,
            &[
                (9, "source"),
                (9, "assigned"),
                (13, "assigned"),
                (15, "sink")
            ]
        )
    );
}

#[test]
fn java_guarded_ternary_picks_a_clean_side() {
    let code = servlet("        sort = COLUMNS.contains(sort) ? sort : \"name\";");
    assert_eq!(
        findings("OrderServlet.java", &code, "java/sql-injection"),
        vec![]
    );
}

#[test]
fn javascript_anchored_regex_test_is_a_guard() {
    let code = |check: &str| {
        format!(
            "const express = require('express');
const {{ exec }} = require('child_process');
const app = express();
app.get('/ping', (req, res) => {{
  const host = req.query.host;
{check}
  exec('ping -c 1 ' + host);
  res.send('ok');
}});
"
        )
    };
    let safe =
        code("  if (!/^[a-z0-9.-]+$/.test(host)) {\n    return res.status(400).send('bad');\n  }");
    assert_eq!(findings("app.js", &safe, "js/command-injection"), vec![]);
    let unanchored =
        code("  if (!/[a-z]/.test(host)) {\n    return res.status(400).send('bad');\n  }");
    assert_eq!(
        findings("app.js", &unanchored, "js/command-injection"),
        hit(
            "js/command-injection",
            9,
            &[(5, "source"), (5, "assigned"), (9, "sink")]
        )
    );
}

#[test]
fn rust_character_class_check_with_early_return() {
    let code = |check: &str| {
        format!(
            "use std::process::Command;

fn main() {{
    let name = std::env::args().nth(1).unwrap_or_default();
{check}
    Command::new(\"sh\").arg(\"-c\").arg(&name).status().unwrap();
}}
"
        )
    };
    let safe =
        code("    if !name.chars().all(|c| c.is_ascii_alphanumeric()) {\n        return;\n    }");
    assert_eq!(findings("main.rs", &safe, "rust/command-injection"), vec![]);
    let found = findings(
        "main.rs",
        &code("    let _ = name.len();"),
        "rust/command-injection",
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn rust_tail_expression_is_the_return_value() {
    // `wrap` returns its parameter by its tail expression; `fixed` a constant.
    let code = "use std::process::Command;

fn wrap(s: String) -> String {
    format!(\"echo {}\", s)
}

fn fixed(_s: String) -> String {
    String::from(\"echo hi\")
}

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let a = wrap(name.clone());
    Command::new(\"sh\").arg(\"-c\").arg(a).status().unwrap();
    let b = fixed(name);
    Command::new(\"sh\").arg(\"-c\").arg(b).status().unwrap();
}
";
    let found = findings("main.rs", code, "rust/command-injection");
    assert_eq!(
        found
            .iter()
            .map(|(r, l, _)| (r.as_str(), *l))
            .collect::<Vec<_>>(),
        vec![("rust/command-injection", 14)],
        "{found:?}"
    );
}

fn go_handler(check: &str) -> String {
    format!(
        "package handlers

import (
\t\"net/http\"
\t\"os/exec\"
\t\"regexp\"
\t\"slices\"
\t\"strconv\"
)

func Handle(w http.ResponseWriter, r *http.Request) {{
\tname := r.URL.Query().Get(\"name\")
\tallowed := map[string]bool{{\"alpha\": true, \"beta\": true}}
\t_ = allowed
{check}
\tout, _ := exec.Command(\"sh\", \"-c\", \"ping -c 1 \"+name).Output()
\tw.Write(out)
}}
"
    )
}

#[test]
fn go_guards_with_early_exit() {
    for check in [
        "\tif !allowed[name] {\n\t\thttp.Error(w, \"bad\", http.StatusBadRequest)\n\t\treturn\n\t}",
        "\tif !slices.Contains([]string{\"alpha\", \"beta\"}, name) {\n\t\treturn\n\t}",
        "\tif !regexp.MustCompile(\"^[a-z]+$\").MatchString(name) {\n\t\treturn\n\t}",
        "\tif _, err := strconv.Atoi(name); err != nil {\n\t\treturn\n\t}",
        "\t_, err := strconv.Atoi(name)\n\tif err != nil {\n\t\tpanic(err)\n\t}",
        "\tif name != \"alpha\" && name != \"beta\" {\n\t\treturn\n\t}",
    ] {
        let code = go_handler(check);
        assert_eq!(
            findings("h.go", &code, "go/command-injection"),
            vec![],
            "{check}"
        );
    }
}

#[test]
fn go_checks_that_do_not_exit_or_do_not_anchor_are_no_guards() {
    for (check, sink) in [
        // Logs and carries on.
        (
            "\tif !allowed[name] {\n\t\tprintln(\"unexpected\")\n\t}",
            18,
        ),
        // Unanchored: "a; rm -rf /" matches.
        (
            "\tif !regexp.MustCompile(\"[a-z]+\").MatchString(name) {\n\t\treturn\n\t}",
            18,
        ),
        // A deny-list.
        ("\tif name == \";\" {\n\t\treturn\n\t}", 18),
    ] {
        let code = go_handler(check);
        assert_eq!(
            findings("h.go", &code, "go/command-injection"),
            hit(
                "go/command-injection",
                sink,
                &[(12, "source"), (12, "assigned"), (sink, "sink")]
            ),
            "{check}"
        );
    }
}
