//! Test scaffolding shared by every crate's tests (built only with `test-support`, never in the
//! released `rlm`).
//!
//! Tests that cannot run on a machine without the kernel sandbox or the models say so here,
//! once, in one way: they fail where `make test` requires what is missing
//! (`RLM_REQUIRE_SANDBOX=1`, `RLM_REQUIRE_MODELS=1`), and otherwise print why they skip and
//! append the reason to the file `RLM_SKIP_LOG` names, which the test summary counts. A skip is
//! never silently a pass in CI.

use std::io::Write;

/// What a skipped test lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The kernel sandbox (landlock, seccomp, namespaces) that runs generated Python.
    Sandbox,
    /// The ONNX models and runtime `scripts/setup.d/40-models.sh` installs.
    Models,
}

impl Need {
    fn variable(self) -> &'static str {
        match self {
            Need::Sandbox => "RLM_REQUIRE_SANDBOX",
            Need::Models => "RLM_REQUIRE_MODELS",
        }
    }
}

/// Records that the calling test does not run here because of `why`; panics instead where
/// the environment requires `need`.
pub fn skip(need: Need, why: &str) {
    let variable = need.variable();
    if std::env::var(variable).is_ok_and(|v| v == "1") {
        panic!("{variable}=1, and this test cannot run here: {why}");
    }
    note_skip(why);
}

/// Records a skip that no setting can require (input that lives outside the repository, such as
/// the golden references): printed and counted in `RLM_SKIP_LOG`, never failed.
pub fn note_skip(why: &str) {
    eprintln!("skipping: {why}");
    if let Some(log) = std::env::var_os("RLM_SKIP_LOG")
        && let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
    {
        let test = std::thread::current()
            .name()
            .unwrap_or("a test")
            .to_string();
        let first = why.lines().next().unwrap_or_default();
        let _ = writeln!(file, "{test}: {first}");
    }
}
