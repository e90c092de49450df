//! The Python REPL sandbox: a persistent, confined Python worker that runs code a language model
//! wrote, for the RLM loop and `rlm exec`. It knows nothing of models: host calls
//! (`llm_query`, `rlm_query`, `retrieve`, ...) leave it as `(name, JSON args)` through
//! [`HostCalls`], and the caller decides what they mean.
//!
//! The layers, outermost last (docs/sandbox.md says what each stops and what none covers):
//! - **static** ([`static_check`]): tree-sitter checks of the source before it is sent;
//! - **runtime** (`worker.py`): restricted builtins, an import hook, `open` limited to scratch;
//! - **OS** ([`helper`], built as data by [`plan`] and [`seccomp`]): Landlock, no_new_privs, an
//!   unprivileged uid, no capabilities, seccomp, rlimits, an empty network namespace, applied in
//!   a re-executed helper before the exec of the real interpreter; the supervisor ([`Repl`])
//!   adds a wall-clock timeout that kills the process group and a scratch quota;
//! - **output** ([`redact`]): secrets redacted and output truncated before it leaves.
//!
//! API, as the RLM loop uses it: [`SandboxPolicy::from_config`] once (with
//! [`policy::default_helper`]`(current_exe)` as the helper program), [`Repl::start`] per run,
//! [`Repl::load_context_text`] / [`Repl::load_context_file`] to set `context`,
//! [`Repl::execute`] per step (a [`StepResult`]: stdout, stderr, error, truncation note,
//! elapsed, [`Finish`] from `FINAL(value)`, `FINAL_VAR(name)` or `answer["ready"] = True`),
//! [`Repl::set_variable`] to hand the model data as a variable (the loop's `memory`),
//! [`Repl::show_vars`]. Variables persist between steps; a step that is killed reports
//! `state_lost` and the next step runs in a fresh worker with `context` reloaded. A worker dies
//! with the thread that started it (parent-death signal): keep a `Repl` on a long-lived thread.

pub mod config;
pub mod helper;
pub mod plan;
pub mod policy;
pub mod probe;
pub mod protocol;
pub mod redact;
mod repl;
pub mod seccomp;
pub mod static_check;

pub use config::{SandboxConfig, StaticMode};
pub use policy::{Interpreter, Limits, SandboxPolicy};
pub use probe::KernelSupport;
pub use repl::{
    Confinement, ContextInfo, Finish, HostCalls, KillReason, PyError, Repl, StepOutcome,
    StepResult, check_variable_name,
};

use std::path::PathBuf;

/// The name of the hidden subcommand that runs [`helper::run_helper`].
pub const HELPER_SUBCOMMAND: &str = "__sandbox-helper";

/// The worker script, embedded so that the binary carries it.
pub const WORKER_SOURCE: &str = include_str!("worker.py");

/// Errors of the sandbox (a step's own failures are [`StepOutcome`]s, not errors).
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("invalid sandbox configuration: {0}")]
    Config(String),
    #[error("cannot use Python interpreter {path}: {message}")]
    Interpreter { path: PathBuf, message: String },
    #[error(
        "refusing to run generated code in a weak sandbox: {missing}. Fix what is missing, or \
         accept the risk with --allow-weak-sandbox ([sandbox] allow_weak_sandbox = true)"
    )]
    Weak { missing: String },
    #[error("sandbox layer {layer} failed: {message}")]
    Layer {
        layer: &'static str,
        message: String,
    },
    #[error("the sandboxed worker did not start: {0}")]
    Spawn(String),
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    #[error("sandbox protocol error: {0}")]
    Protocol(String),
    #[error("cannot set the REPL variable: {0}")]
    Variable(String),
}

impl SandboxError {
    fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> SandboxError {
        let what = what.into();
        move |source| SandboxError::Io { what, source }
    }
}
