//! The resolved sandbox policy: a plain value built once from `[sandbox]` and the machine (the
//! real Python interpreter, the kernel's layers), then handed to every worker. Nothing here
//! applies anything; [`super::plan`] turns it into what the helper applies.

use super::SandboxError;
use super::config::{SandboxConfig, StaticMode};
use super::probe::KernelSupport;
use super::redact::Redactor;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Modules neither the static checks nor the runtime import hook let code import (`strict`).
pub const DEFAULT_BLOCKED_MODULES: &[&str] = &[
    "os",
    "sys",
    "subprocess",
    "shutil",
    "pathlib",
    "socket",
    "ssl",
    "select",
    "selectors",
    "http",
    "urllib",
    "ftplib",
    "telnetlib",
    "smtplib",
    "poplib",
    "imaplib",
    "nntplib",
    "socketserver",
    "xmlrpc",
    "requests",
    "pickle",
    "_pickle",
    "shelve",
    "dill",
    "cloudpickle",
    "marshal",
    "ctypes",
    "_ctypes",
    "cffi",
    "multiprocessing",
    "threading",
    "_thread",
    "concurrent",
    "code",
    "codeop",
    "pty",
    "tty",
    "termios",
    "tempfile",
    "glob",
    "fnmatch",
    "webbrowser",
    "platform",
    "asyncio",
    "importlib",
    "builtins",
    "gc",
    "inspect",
    "signal",
    "resource",
    "mmap",
    "pdb",
    "bdb",
    "posix",
    "nt",
    "_posixsubprocess",
    "_socket",
    "_io",
    "fcntl",
    "pwd",
    "grp",
    "spwd",
    "crypt",
    "sysconfig",
    "site",
    "zipimport",
    "runpy",
    "linecache",
    "fileinput",
    "tarfile",
    "zipfile",
    "sqlite3",
    "dbm",
    "logging",
    "traceback",
    "faulthandler",
    "tracemalloc",
    "atexit",
    "types",
    "_signal",
    "posixpath",
    "genericpath",
    "ntpath",
    "_osx_support",
    "pkgutil",
    "modulefinder",
    "distutils",
    "ensurepip",
    "venv",
    "antigravity",
    "this",
    "turtle",
    "tkinter",
    "_tkinter",
    "idlelib",
    "readline",
    "rlcompleter",
    "pydoc",
    "doctest",
    "unittest",
    "trace",
    "cProfile",
    "profile",
    "timeit",
    "_sqlite3",
    "_multiprocessing",
    "_winapi",
    "msvcrt",
    "winreg",
    "_ssl",
    "_hashlib",
    "uuid",
    "_uuid",
    "getpass",
    "mailbox",
    "mimetypes",
    "netrc",
    "cgi",
    "cgitb",
    "wsgiref",
    "xml",
    "zoneinfo",
    "operator",
    "_operator",
    "_weakref",
    "weakref",
    "_abc",
    "_imp",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "encodings",
    "_codecs",
    "codecs",
];

/// Attributes the static checks and the runtime `getattr` refuse besides dunder names: frame,
/// generator, coroutine, traceback and code internals, the usual ladders out of a sandbox.
pub const BLOCKED_ATTRIBUTES: &[&str] = &[
    "f_globals",
    "f_locals",
    "f_builtins",
    "f_back",
    "f_code",
    "f_trace",
    "gi_frame",
    "gi_code",
    "gi_yieldfrom",
    "cr_frame",
    "cr_code",
    "cr_await",
    "ag_frame",
    "ag_code",
    "ag_await",
    "tb_frame",
    "tb_next",
    "co_code",
    "co_consts",
    "co_names",
    "func_globals",
    "func_code",
    "mro",
];

/// Per-worker limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    pub step_timeout: Duration,
    pub memory_bytes: u64,
    pub cpu_secs: u64,
    pub max_output_bytes: usize,
    pub output_kill_bytes: usize,
    pub scratch_quota_bytes: u64,
    pub scratch_max_files: u64,
    pub max_open_files: u64,
    /// RLIMIT_NPROC for the unprivileged uid (threads count too); seccomp is what stops forks.
    pub max_processes: u64,
}

/// The real Python interpreter and what it needs to run: the files Landlock grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpreter {
    /// The real binary (not a shim).
    pub executable: PathBuf,
    /// `major.minor.micro`.
    pub version: String,
    /// Folders and files granted read-only: the standard library and the shared libraries.
    pub read_paths: Vec<PathBuf>,
    /// Files granted execute: the interpreter and its ELF loader.
    pub exec_paths: Vec<PathBuf>,
    /// The worker script compiled by this interpreter and marshalled, in hex (empty: the worker
    /// compiles its source at every start, which costs a few milliseconds).
    pub worker_bytecode: String,
}

/// OS-level options resolved against the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsOptions {
    /// The uid/gid to switch to (Some when the host is root and the interpreter is reachable).
    pub run_as: Option<u32>,
    pub network_namespace: bool,
    pub allow_weak: bool,
}

/// The whole policy a worker is started with.
#[derive(Debug, Clone)]
pub struct SandboxPolicy {
    pub python: Interpreter,
    /// The program re-executed as the helper (the `rlm` binary): `HELPER -- __sandbox-helper`.
    pub helper: PathBuf,
    pub limits: Limits,
    pub static_mode: StaticMode,
    /// Top-level module names refused by the static checks and the import hook.
    pub blocked_modules: BTreeSet<String>,
    pub redactor: Redactor,
    pub os: OsOptions,
    pub scratch_parent: PathBuf,
    /// The layers this machine lacks (empty on a full sandbox), as found at build time.
    pub missing: Vec<MissingLayer>,
}

/// A layer the machine cannot provide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingLayer {
    pub layer: &'static str,
    pub why: String,
}

impl SandboxPolicy {
    /// Resolves `config` against this machine. `helper` is the program that carries the hidden
    /// `__sandbox-helper` subcommand (normally the running `rlm` binary). Refuses when a kernel
    /// layer is missing unless `allow_weak_sandbox` is set.
    pub fn from_config(
        config: &SandboxConfig,
        helper: &Path,
    ) -> Result<SandboxPolicy, SandboxError> {
        let kernel = KernelSupport::probe();
        let want_uid = kernel.is_root.then_some(config.unprivileged_uid);
        let python = choose_interpreter(config.python.as_deref(), want_uid)?;
        let reachable = want_uid.is_none() || interpreter_reachable_by_other(&python);
        let run_as = if reachable { want_uid } else { None };
        let mut missing = kernel.missing();
        if want_uid.is_some() && !reachable {
            missing.push(MissingLayer {
                layer: "unprivileged uid",
                why: format!(
                    "the host runs as root and the interpreter {} is not readable by uid {} \
                     (set [sandbox] python to an interpreter outside /root, e.g. /usr/bin/python3)",
                    python.executable.display(),
                    config.unprivileged_uid
                ),
            });
        }
        let redactor = Redactor::new(&config.redact_patterns)?;
        let limits = limits_from(config)?;
        let policy = SandboxPolicy {
            python,
            helper: helper.to_path_buf(),
            limits,
            static_mode: config.static_checks,
            blocked_modules: blocked_modules(&config.allow_imports, &config.block_imports),
            redactor,
            os: OsOptions {
                run_as,
                network_namespace: config.network_namespace,
                allow_weak: config.allow_weak_sandbox,
            },
            scratch_parent: config
                .scratch_dir
                .clone()
                .unwrap_or_else(std::env::temp_dir),
            missing,
        };
        policy.check_strength()?;
        Ok(policy)
    }

    /// Errors with what is missing and how to proceed, unless weak sandboxes are allowed.
    pub fn check_strength(&self) -> Result<(), SandboxError> {
        if self.missing.is_empty() || self.os.allow_weak {
            return Ok(());
        }
        Err(SandboxError::Weak {
            missing: self
                .missing
                .iter()
                .map(|m| format!("{}: {}", m.layer, m.why))
                .collect::<Vec<_>>()
                .join("; "),
        })
    }
}

/// The helper program for a face running as `exe`: the small `rlm-sandbox-helper` installed next
/// to it when there is one (it starts faster), else `exe` itself (the hidden subcommand).
pub fn default_helper(exe: &Path) -> PathBuf {
    let sibling = exe.with_file_name("rlm-sandbox-helper");
    if sibling.is_file() {
        sibling
    } else {
        exe.to_path_buf()
    }
}

/// The blocklist after the user's allow and block lists.
pub fn blocked_modules(allow: &[String], block: &[String]) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = DEFAULT_BLOCKED_MODULES
        .iter()
        .map(|s| s.to_string())
        .collect();
    for name in allow {
        set.remove(name);
    }
    set.extend(block.iter().cloned());
    set
}

fn limits_from(config: &SandboxConfig) -> Result<Limits, SandboxError> {
    if !(config.timeout_secs > 0.0 && config.timeout_secs.is_finite()) {
        return Err(SandboxError::Config(format!(
            "[sandbox] timeout_secs must be a positive number of seconds, got {}",
            config.timeout_secs
        )));
    }
    if config.memory_mb < 64 {
        return Err(SandboxError::Config(format!(
            "[sandbox] memory_mb must be at least 64 (Python needs it to start), got {}",
            config.memory_mb
        )));
    }
    Ok(Limits {
        step_timeout: Duration::from_secs_f64(config.timeout_secs),
        memory_bytes: config.memory_mb.saturating_mul(1024 * 1024),
        cpu_secs: config.cpu_secs.max(1),
        max_output_bytes: config.max_output_bytes,
        output_kill_bytes: config.output_kill_bytes.max(config.max_output_bytes),
        scratch_quota_bytes: config.scratch_quota_mb.saturating_mul(1024 * 1024),
        scratch_max_files: config.scratch_max_files,
        max_open_files: config.max_open_files.max(16),
        max_processes: 64,
    })
}

/// What the probe prints: the interpreter's own view of where it lives.
#[derive(Debug, Deserialize)]
struct ProbeOutput {
    executable: String,
    version: String,
    stdlib: Vec<String>,
    maps: Vec<String>,
    #[serde(default)]
    worker: String,
}

/// Run unconfined, once: imports the worker's modules and the extension modules that link
/// external libraries (zlib, OpenSSL, mpdecimal), then lists the mapped files, whose folders
/// Landlock will grant read-only.
const PROBE: &str = r#"
import sys, os, sysconfig, json, signal, time, io, math, zlib, hashlib, decimal, marshal
src = sys.stdin.read()
worker = marshal.dumps(compile(src, "<rlm-worker>", "exec")).hex() if src else ""
paths = sysconfig.get_paths()
stdlib = sorted({os.path.realpath(paths[k]) for k in ("stdlib", "platstdlib") if k in paths})
maps = set()
with open("/proc/self/maps") as f:
    for line in f:
        parts = line.split(None, 5)
        if len(parts) == 6 and parts[5].startswith("/"):
            maps.add(os.path.realpath(parts[5].strip()))
print(json.dumps({"executable": os.path.realpath(sys.executable), "version": "%d.%d.%d" % sys.version_info[:3], "stdlib": stdlib, "maps": sorted(maps), "worker": worker}))
"#;

/// Runs `candidate` once, unconfined, to learn the real binary and what it maps, and to compile
/// the worker script to bytecode.
pub fn probe_interpreter(candidate: &Path) -> Result<Interpreter, SandboxError> {
    let failed = |e: std::io::Error| SandboxError::Interpreter {
        path: candidate.to_path_buf(),
        message: e.to_string(),
    };
    let mut child = std::process::Command::new(candidate)
        .args(["-I", "-S", "-c", PROBE])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(failed)?;
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(super::WORKER_SOURCE.as_bytes())
            .map_err(failed)?;
    }
    let output = child.wait_with_output().map_err(failed)?;
    if !output.status.success() {
        return Err(SandboxError::Interpreter {
            path: candidate.to_path_buf(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    let probe: ProbeOutput =
        serde_json::from_slice(&output.stdout).map_err(|e| SandboxError::Interpreter {
            path: candidate.to_path_buf(),
            message: format!("unexpected probe output: {e}"),
        })?;
    Ok(interpreter_from_probe(probe))
}

fn interpreter_from_probe(probe: ProbeOutput) -> Interpreter {
    let executable = PathBuf::from(&probe.executable);
    let mut read: BTreeSet<PathBuf> = probe.stdlib.iter().map(PathBuf::from).collect();
    let mut exec: BTreeSet<PathBuf> = BTreeSet::from([executable.clone()]);
    for mapped in &probe.maps {
        let path = PathBuf::from(mapped);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("ld-linux") || name.starts_with("ld-musl") || name.starts_with("ld64") {
            exec.insert(path.clone());
        }
        if path == executable || read.iter().any(|r| path.starts_with(r)) {
            continue;
        }
        if let Some(dir) = path.parent() {
            read.insert(dir.to_path_buf());
        }
    }
    // The loader's cache speeds up finding libraries; unreadable, ld.so falls back to a search.
    let cache = PathBuf::from("/etc/ld.so.cache");
    if cache.exists() {
        read.insert(cache);
    }
    Interpreter {
        executable,
        version: probe.version,
        read_paths: read.into_iter().collect(),
        exec_paths: exec.into_iter().collect(),
        worker_bytecode: probe.worker,
    }
}

/// Picks the interpreter: the configured one, else `python3` on PATH resolved to the real binary,
/// else `/usr/bin/python3`; when the worker will switch uid, the first one that uid can reach.
fn choose_interpreter(
    configured: Option<&Path>,
    run_as: Option<u32>,
) -> Result<Interpreter, SandboxError> {
    let candidates: Vec<PathBuf> = match configured {
        Some(path) => vec![path.to_path_buf()],
        None => vec![PathBuf::from("python3"), PathBuf::from("/usr/bin/python3")],
    };
    let mut first_ok = None;
    let mut last_err = None;
    for candidate in candidates {
        match probe_interpreter(&candidate) {
            Ok(interp) => {
                if run_as.is_none() || interpreter_reachable_by_other(&interp) {
                    return Ok(interp);
                }
                first_ok.get_or_insert(interp);
            }
            Err(e) => last_err = Some(e),
        }
    }
    match (first_ok, last_err) {
        (Some(interp), _) => Ok(interp),
        (None, Some(err)) => Err(err),
        (None, None) => Err(SandboxError::Config(
            "no Python interpreter candidate".into(),
        )),
    }
}

/// Whether a uid that owns none of the files (and is in none of their groups) can execute the
/// interpreter and read what it needs: the "other" permission bits along every path.
pub fn interpreter_reachable_by_other(interp: &Interpreter) -> bool {
    let exec_ok = interp.exec_paths.iter().all(|p| other_can(p, 0o005));
    let read_ok = interp
        .read_paths
        .iter()
        .all(|p| other_can(p, if p.is_dir() { 0o005 } else { 0o004 }));
    exec_ok && read_ok
}

fn other_can(path: &Path, bits: u32) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if meta.mode() & bits != bits {
        return false;
    }
    path.ancestors().skip(1).all(|dir| {
        dir.as_os_str().is_empty()
            || std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o001 == 0o001)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_and_block_lists_edit_the_default_blocklist() {
        let set = blocked_modules(&["glob".into()], &["numpy".into()]);
        assert!(!set.contains("glob"));
        assert!(set.contains("numpy"));
        assert!(set.contains("os"));
        assert_eq!(set.len(), DEFAULT_BLOCKED_MODULES.len());
    }

    #[test]
    fn default_blocklist_covers_the_issue_list() {
        // The modules the sandbox issue names; the default list adds more (ssl, _socket, ...).
        let issue = concat!(
            "os sys subprocess shutil pathlib socket http urllib ftplib telnetlib requests ",
            "pickle shelve dill cloudpickle marshal ctypes cffi multiprocessing threading ",
            "code codeop pty tty termios tempfile glob fnmatch webbrowser platform asyncio ",
            "importlib builtins gc inspect signal resource mmap pdb",
        );
        for name in issue.split_whitespace() {
            assert!(DEFAULT_BLOCKED_MODULES.contains(&name), "{name} missing");
        }
    }

    #[test]
    fn probe_output_becomes_landlock_grants() {
        let probe = ProbeOutput {
            executable: "/opt/py/bin/python3.11".into(),
            version: "3.11.7".into(),
            stdlib: vec!["/opt/py/lib/python3.11".into()],
            maps: vec![
                "/opt/py/bin/python3.11".into(),
                "/opt/py/lib/libpython3.11.so.1.0".into(),
                "/opt/py/lib/python3.11/lib-dynload/math.so".into(),
                "/usr/lib/x86_64-linux-gnu/libc.so.6".into(),
                "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2".into(),
            ],
            worker: "e3".into(),
        };
        let interp = interpreter_from_probe(probe);
        let mut expected_read = vec![
            PathBuf::from("/opt/py/lib"),
            PathBuf::from("/opt/py/lib/python3.11"),
            PathBuf::from("/usr/lib/x86_64-linux-gnu"),
        ];
        if Path::new("/etc/ld.so.cache").exists() {
            expected_read.insert(0, PathBuf::from("/etc/ld.so.cache"));
        }
        assert_eq!(
            interp,
            Interpreter {
                executable: "/opt/py/bin/python3.11".into(),
                version: "3.11.7".into(),
                read_paths: expected_read,
                exec_paths: vec![
                    "/opt/py/bin/python3.11".into(),
                    "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2".into(),
                ],
                worker_bytecode: "e3".into(),
            }
        );
    }

    #[test]
    fn bad_limits_are_clear_errors() {
        let config = SandboxConfig {
            timeout_secs: 0.0,
            ..SandboxConfig::default()
        };
        let err = limits_from(&config).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "invalid sandbox configuration: [sandbox] timeout_secs must be a positive number of seconds, got 0"
            )
        );
    }
}
