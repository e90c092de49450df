//! What the helper applies, as one serializable value built by pure functions from the policy:
//! the Landlock grants, the rlimits, the uid to switch to, the program to exec. The helper
//! receives it as JSON on its command line and applies it in a few lines ([`super::helper`]).

use super::policy::{Interpreter, Limits, SandboxPolicy};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Everything the helper needs, nothing it has to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperPlan {
    /// The real interpreter, executed last.
    pub program: PathBuf,
    /// Its argv (`argv[0]` included).
    pub argv: Vec<String>,
    /// The per-run scratch folder: the worker's working directory.
    pub scratch: PathBuf,
    pub rlimits: Vec<Rlimit>,
    pub landlock: LandlockPlan,
    pub seccomp: bool,
    /// Switch to this uid and gid (the host is root).
    pub run_as: Option<u32>,
    /// Enter a new, empty network namespace first (best effort; reported, never required).
    pub network_namespace: bool,
    /// Go on when a layer cannot be applied (reported on stderr) instead of refusing.
    pub allow_weak: bool,
}

/// One resource limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rlimit {
    pub resource: Resource,
    pub soft: u64,
    pub hard: u64,
}

/// The limited resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resource {
    AddressSpace,
    CpuSeconds,
    FileSize,
    OpenFiles,
    Processes,
    CoreSize,
}

/// Landlock grants: everything not listed is denied (filesystem, TCP bind/connect, signals and
/// abstract unix sockets outside the sandbox, as far as the kernel's ABI goes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandlockPlan {
    /// Read-only (files and folders beneath).
    pub read: Vec<PathBuf>,
    /// Read and execute (files).
    pub exec: Vec<PathBuf>,
    /// Read and write, no execute, no special files or symlinks.
    pub write: Vec<PathBuf>,
}

/// Loads the worker from marshalled bytecode (the last argument, removed before the worker
/// reads its configuration from `argv[1]`).
pub const BYTECODE_LOADER: &str =
    "import marshal, sys; exec(marshal.loads(bytes.fromhex(sys.argv.pop(2))))";

/// The interpreter's command line: isolated mode (no environment, no user site), no `site`, no
/// bytecode files, UTF-8 mode; then the worker (its bytecode when the probe compiled it, else its
/// source) and its configuration.
pub fn interpreter_argv(
    worker_source: &str,
    worker_bytecode: &str,
    worker_conf: &str,
) -> Vec<String> {
    let mut argv: Vec<String> = ["python3", "-I", "-S", "-B", "-X", "utf8", "-c"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if worker_bytecode.is_empty() {
        argv.extend([worker_source.to_string(), worker_conf.to_string()]);
    } else {
        argv.extend([
            BYTECODE_LOADER.to_string(),
            worker_conf.to_string(),
            worker_bytecode.to_string(),
        ]);
    }
    argv
}

/// The rlimits for `limits`.
pub fn rlimits(limits: &Limits) -> Vec<Rlimit> {
    let pair = |resource, soft: u64, hard: u64| Rlimit {
        resource,
        soft,
        hard,
    };
    vec![
        pair(
            Resource::AddressSpace,
            limits.memory_bytes,
            limits.memory_bytes,
        ),
        // The soft limit sends SIGXCPU (the host reports it); the hard one kills.
        pair(Resource::CpuSeconds, limits.cpu_secs, limits.cpu_secs + 5),
        pair(
            Resource::FileSize,
            limits.scratch_quota_bytes,
            limits.scratch_quota_bytes,
        ),
        pair(
            Resource::OpenFiles,
            limits.max_open_files,
            limits.max_open_files,
        ),
        pair(
            Resource::Processes,
            limits.max_processes,
            limits.max_processes,
        ),
        pair(Resource::CoreSize, 0, 0),
    ]
}

/// The Landlock grants: the interpreter's installation read-only, its binary and loader
/// executable, the scratch folder read-write.
pub fn landlock_plan(python: &Interpreter, scratch: &Path) -> LandlockPlan {
    LandlockPlan {
        read: python.read_paths.clone(),
        exec: python.exec_paths.clone(),
        write: vec![scratch.to_path_buf()],
    }
}

/// One argument may not exceed 128 KiB (MAX_ARG_STRLEN), and the plan travels as one argument to
/// the helper: past this size the worker goes as source instead.
const MAX_BYTECODE_HEX: usize = 96 * 1024;

fn bytecode_within_argv_limit(policy: &SandboxPolicy) -> &str {
    let hex = policy.python.worker_bytecode.as_str();
    if hex.len() <= MAX_BYTECODE_HEX {
        hex
    } else {
        ""
    }
}

/// The plan for one worker of `policy` in `scratch`.
pub fn helper_plan(
    policy: &SandboxPolicy,
    scratch: &Path,
    worker_source: &str,
    worker_conf: &str,
) -> HelperPlan {
    HelperPlan {
        program: policy.python.executable.clone(),
        argv: interpreter_argv(
            worker_source,
            bytecode_within_argv_limit(policy),
            worker_conf,
        ),
        scratch: scratch.to_path_buf(),
        rlimits: rlimits(&policy.limits),
        landlock: landlock_plan(&policy.python, scratch),
        seccomp: true,
        run_as: policy.os.run_as,
        network_namespace: policy.os.network_namespace,
        allow_weak: policy.os.allow_weak,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rlimits_follow_the_limits() {
        let limits = Limits {
            step_timeout: Duration::from_secs(5),
            memory_bytes: 512 << 20,
            cpu_secs: 60,
            max_output_bytes: 1000,
            output_kill_bytes: 2000,
            scratch_quota_bytes: 8 << 20,
            scratch_max_files: 100,
            max_open_files: 32,
            max_processes: 64,
        };
        assert_eq!(
            rlimits(&limits),
            vec![
                Rlimit {
                    resource: Resource::AddressSpace,
                    soft: 512 << 20,
                    hard: 512 << 20
                },
                Rlimit {
                    resource: Resource::CpuSeconds,
                    soft: 60,
                    hard: 65
                },
                Rlimit {
                    resource: Resource::FileSize,
                    soft: 8 << 20,
                    hard: 8 << 20
                },
                Rlimit {
                    resource: Resource::OpenFiles,
                    soft: 32,
                    hard: 32
                },
                Rlimit {
                    resource: Resource::Processes,
                    soft: 64,
                    hard: 64
                },
                Rlimit {
                    resource: Resource::CoreSize,
                    soft: 0,
                    hard: 0
                },
            ]
        );
    }

    #[test]
    fn landlock_grants_only_the_interpreter_and_scratch() {
        let python = Interpreter {
            executable: "/usr/bin/python3.11".into(),
            version: "3.11.2".into(),
            read_paths: vec![
                "/usr/lib/python3.11".into(),
                "/usr/lib/x86_64-linux-gnu".into(),
            ],
            exec_paths: vec![
                "/usr/bin/python3.11".into(),
                "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2".into(),
            ],
            worker_bytecode: String::new(),
        };
        assert_eq!(
            landlock_plan(&python, Path::new("/tmp/rlm-scratch-1")),
            LandlockPlan {
                read: vec![
                    "/usr/lib/python3.11".into(),
                    "/usr/lib/x86_64-linux-gnu".into()
                ],
                exec: vec![
                    "/usr/bin/python3.11".into(),
                    "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2".into()
                ],
                write: vec!["/tmp/rlm-scratch-1".into()],
            }
        );
    }

    #[test]
    fn interpreter_runs_isolated_without_site() {
        assert_eq!(
            interpreter_argv("pass", "", "{}"),
            vec![
                "python3", "-I", "-S", "-B", "-X", "utf8", "-c", "pass", "{}"
            ]
        );
        assert_eq!(
            interpreter_argv("pass", "e300", "{}"),
            vec![
                "python3",
                "-I",
                "-S",
                "-B",
                "-X",
                "utf8",
                "-c",
                BYTECODE_LOADER,
                "{}",
                "e300"
            ]
        );
    }
}
