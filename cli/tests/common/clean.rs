//! The real `rlm` binary in a clean environment (no user config, no model, caches under a
//! temporary home), and the probe the RLM tests run first: they skip, saying why, where the
//! sandbox cannot run Python (and fail instead under `RLM_REQUIRE_SANDBOX=1`).

use super::RLM;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `rlm ARGS` with only `PATH`, a home under `home` and the variables in `env`.
pub fn rlm(home: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    let mut command = Command::new(RLM);
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"));
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

/// Whether the sandbox the RLM loop needs runs Python here (probed with `rlm exec`).
pub fn sandbox_works(home: &Path) -> bool {
    let script = home.join("probe.py");
    std::fs::write(&script, "print(1)\n").unwrap();
    let out = rlm(home, &["exec", script.to_str().unwrap()], &[]);
    if !out.status.success() {
        super::skip::skip(
            super::skip::Need::Sandbox,
            &format!(
                "the sandbox cannot run here: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        );
    }
    out.status.success()
}
