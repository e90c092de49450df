//! `rlm exec`'s contract, through the real binary: exit codes 0 (ran), 1 (raised, traceback on
//! stderr), 2 (refused by the static checks, `blocked:`), 3 (stopped by the sandbox, `killed:`),
//! 4 (could not run, `error:`), and the `--memory-mb` and `--no-static-checks` flags.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::skip;

use std::process::Command;

const RLM: &str = env!("CARGO_BIN_EXE_rlm");

fn sandbox_available() -> bool {
    let out = Command::new(RLM).arg("doctor").output().unwrap();
    if !out.status.success() {
        skip::skip(
            skip::Need::Sandbox,
            &format!(
                "weak sandbox here:\n{}",
                String::from_utf8_lossy(&out.stdout)
            ),
        );
    }
    out.status.success()
}

/// Runs `rlm exec [flags] script` in a fresh folder; returns (exit code, stdout, stderr).
fn exec(script: &str, flags: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("step.py");
    std::fs::write(&path, script).unwrap();
    let out = Command::new(RLM)
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .arg("exec")
        .args(flags)
        .arg(&path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn exec_prints_output_and_exits_zero() {
    if !sandbox_available() {
        return;
    }
    assert_eq!(
        exec("import json\nprint(json.dumps({'a': [1, 2]}))\n", &[]),
        (0, "{\"a\": [1, 2]}\n".into(), String::new())
    );
}

#[test]
fn exec_reports_a_raised_exception_with_exit_one() {
    if !sandbox_available() {
        return;
    }
    assert_eq!(
        exec("print('before')\nraise KeyError('k')\n", &[]),
        (
            1,
            "before\n".into(),
            "Traceback (most recent call last):\n  File \"<step>\", line 2, in <module>\nKeyError: 'k'\n".into()
        )
    );
}

#[test]
fn syntax_errors_are_refused_statically_or_raised_without_checks() {
    if !sandbox_available() {
        return;
    }
    let (code, _, stderr) = exec("x = (1,\n", &[]);
    assert_eq!(
        (code, stderr.starts_with("blocked: line 1: unparsable")),
        (2, true),
        "{stderr}"
    );
    let (code, _, stderr) = exec("x = (1,\n", &["--no-static-checks"]);
    assert_eq!(
        (code, stderr.contains("SyntaxError")),
        (1, true),
        "{stderr}"
    );
}

#[test]
fn memory_flag_limits_the_worker() {
    if !sandbox_available() {
        return;
    }
    let script = "x = bytearray(300 * 1024 * 1024)\nprint('allocated')\n";
    assert_eq!(
        exec(script, &["--memory-mb", "128"]),
        (3, String::new(), "killed: memory limit\n".into())
    );
    assert_eq!(exec(script, &["--memory-mb", "1024"]).0, 0);
}

#[test]
fn missing_script_is_a_clear_error_with_exit_four() {
    let (code, stdout, stderr) = exec("", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    let out = Command::new(RLM)
        .args(["exec", "/nonexistent/step.py"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr.starts_with("error: cannot read script /nonexistent/step.py"),
        "{stderr}"
    );
}

/// Live processes whose command line mentions `needle`.
fn processes_mentioning(needle: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            String::from_utf8_lossy(&cmdline)
                .contains(needle)
                .then_some(pid)
        })
        .collect()
}

#[test]
fn worker_dies_with_its_supervisor() {
    if !sandbox_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let scratch = dir.path().join("scratch-for-this-test");
    std::fs::create_dir(&scratch).unwrap();
    std::fs::write(
        dir.path().join("rlm.toml"),
        format!("[sandbox]\nscratch_dir = \"{}\"\n", scratch.display()),
    )
    .unwrap();
    std::fs::write(dir.path().join("sleep.py"), "import time\ntime.sleep(60)\n").unwrap();
    let mut host = Command::new(RLM)
        .current_dir(dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .args(["exec", "--timeout", "60", "sleep.py"])
        .spawn()
        .unwrap();
    let needle = scratch.display().to_string();
    let mut workers = Vec::new();
    for _ in 0..100 {
        workers = processes_mentioning(&needle);
        if !workers.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(workers.len(), 1, "the worker should be running");
    host.kill().unwrap();
    host.wait().unwrap();
    let mut left = workers.clone();
    for _ in 0..40 {
        left = processes_mentioning(&needle);
        if left.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        left,
        Vec::<u32>::new(),
        "the worker outlived its supervisor"
    );
}
