//! `[sandbox]`: the user's knobs, as read from `rlm.toml`. Every key has a default that gives the
//! full policy; [`super::SandboxPolicy::from_config`] turns this into the resolved policy.

use serde::Deserialize;
use std::path::PathBuf;

/// How strict the static checks are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum StaticMode {
    /// The full blocklist (default).
    #[default]
    Strict,
    /// No static checks; every other layer stays (for testing defence in depth).
    Off,
}

/// The `[sandbox]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SandboxConfig {
    /// Wall-clock seconds one step may run before it is interrupted (then killed).
    pub timeout_secs: f64,
    /// Address-space limit of the worker, in MiB.
    pub memory_mb: u64,
    /// CPU seconds over the worker's whole life (RLIMIT_CPU; a persistent worker accumulates).
    pub cpu_secs: u64,
    /// Output kept per step (stdout and stderr each), in bytes; the rest is cut with a note.
    pub max_output_bytes: usize,
    /// Output per step beyond which the step is stopped (`killed: output`).
    pub output_kill_bytes: usize,
    /// Total bytes the worker may keep in its scratch folder.
    pub scratch_quota_mb: u64,
    /// Number of files and folders the worker may keep in its scratch folder.
    pub scratch_max_files: u64,
    /// Open file descriptors (RLIMIT_NOFILE).
    pub max_open_files: u64,
    /// `strict` (default) or `off`.
    pub static_checks: StaticMode,
    /// Modules to take off the import blocklist (static and runtime layers alike).
    pub allow_imports: Vec<String>,
    /// Modules to add to the import blocklist.
    pub block_imports: Vec<String>,
    /// Extra secret patterns (regular expressions) redacted from output.
    pub redact_patterns: Vec<String>,
    /// Run even where a kernel layer (Landlock, seccomp, the uid switch) is missing.
    pub allow_weak_sandbox: bool,
    /// The Python interpreter to run (default: `python3` on PATH, resolved to the real binary).
    pub python: Option<PathBuf>,
    /// The uid and gid the worker runs as when the host is root.
    pub unprivileged_uid: u32,
    /// Put the worker in its own empty network namespace where the kernel allows it.
    pub network_namespace: bool,
    /// Where per-run scratch folders are made (default: the system temporary folder).
    pub scratch_dir: Option<PathBuf>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            timeout_secs: 30.0,
            memory_mb: 2048,
            cpu_secs: 3600,
            max_output_bytes: 64 * 1024,
            output_kill_bytes: 16 * 1024 * 1024,
            scratch_quota_mb: 512,
            scratch_max_files: 10_000,
            max_open_files: 64,
            static_checks: StaticMode::Strict,
            allow_imports: Vec::new(),
            block_imports: Vec::new(),
            redact_patterns: Vec::new(),
            allow_weak_sandbox: false,
            python: None,
            unprivileged_uid: 65534,
            network_namespace: true,
            scratch_dir: None,
        }
    }
}
