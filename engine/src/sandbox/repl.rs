//! The supervisor: starts a confined worker through the helper, drives it over the framed
//! channel, answers its host calls, enforces the step timeout and the scratch quota, and passes
//! its output through the output layer.

use super::plan::helper_plan;
use super::policy::{BLOCKED_ATTRIBUTES, SandboxPolicy};
use super::protocol::{FrameError, read_frame, write_frame};
use super::static_check::{self, StaticPolicy, Violation};
use super::{HELPER_SUBCOMMAND, SandboxError, StaticMode, WORKER_SOURCE};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The host side of `llm_query`, `llm_query_batched`, `rlm_query`, `retrieve` and any other
/// call the worker makes: a name and JSON arguments in, a JSON value or an error message out (the
/// message becomes a Python `HostCallError`). Batched calls may be answered concurrently; that is
/// the host's choice.
pub trait HostCalls {
    fn call(&mut self, name: &str, args: Value) -> Result<Value, String>;
}

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepOutcome {
    /// Ran to the end.
    Completed,
    /// Raised an exception.
    Raised(PyError),
    /// Refused by the static checks; nothing ran.
    Blocked(Vec<Violation>),
    /// Stopped by the sandbox. `state_lost`: the worker was killed and REPL variables are gone.
    Killed {
        reason: KillReason,
        state_lost: bool,
    },
}

/// A Python exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyError {
    pub kind: String,
    pub message: String,
    pub traceback: String,
}

/// Why the sandbox stopped a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KillReason {
    Timeout,
    Memory,
    Output,
    ProcessLimit,
    CpuTime,
    DiskQuota,
    /// The worker died some other way (signal or exit status).
    Crashed(String),
}

impl std::fmt::Display for KillReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KillReason::Timeout => write!(f, "timeout"),
            KillReason::Memory => write!(f, "memory limit"),
            KillReason::Output => write!(f, "output limit"),
            KillReason::ProcessLimit => {
                write!(f, "process limit (creating processes is denied)")
            }
            KillReason::CpuTime => write!(f, "cpu time limit"),
            KillReason::DiskQuota => write!(f, "disk quota of the scratch folder"),
            KillReason::Crashed(how) => write!(f, "worker died ({how})"),
        }
    }
}

/// How the run was asked to finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finish {
    /// `FINAL(value)` or `FINAL_VAR(name)`: the value as text.
    Final(String),
    /// `answer["ready"] = True`: `answer["content"]`.
    Answer(String),
}

/// One step's result, after the output layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepResult {
    pub stdout: String,
    pub stderr: String,
    pub outcome: StepOutcome,
    /// What the output layer cut, for the model and the user (`None`: nothing).
    pub truncation: Option<String>,
    /// Secrets replaced in the output.
    pub redactions: usize,
    pub elapsed: Duration,
    pub finish: Option<Finish>,
}

/// A loaded context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextInfo {
    pub bytes: u64,
    pub chars: u64,
    pub elapsed: Duration,
}

/// What the worker's `/proc/PID/status` says about its confinement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confinement {
    pub pid: u32,
    pub uid: u32,
    pub no_new_privs: bool,
    /// 2 = filter mode.
    pub seccomp_mode: u32,
    /// Effective capabilities (hex mask, 0 = none).
    pub cap_eff: u64,
    pub cap_bnd: u64,
    /// Whether the worker is in its own network namespace.
    pub own_network_namespace: bool,
}

#[derive(Debug, Clone)]
enum ContextSource {
    Text(Arc<String>),
    File(PathBuf),
}

/// A persistent, confined Python REPL.
pub struct Repl {
    policy: SandboxPolicy,
    worker: Option<Worker>,
    context: Option<ContextSource>,
    context_seq: u64,
    /// Variables the host set, in order, replayed into a respawned worker like `context`.
    host_vars: Vec<(String, Value)>,
}

/// Names the host may not set with [`Repl::set_variable`]: what the worker provides (host
/// calls, finishing functions, `context`, `answer`) and Python's keywords and constants.
const RESERVED_NAMES: &[&str] = &[
    "context",
    "answer",
    "llm_query",
    "llm_query_batched",
    "rlm_query",
    "retrieve",
    "callers",
    "callees",
    "references",
    "repo_map",
    "FINAL",
    "FINAL_VAR",
    "SHOW_VARS",
    "HostCallError",
    "open",
    "print",
    "getattr",
    "hasattr",
    "setattr",
    "delattr",
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
];

/// Checks a name for [`Repl::set_variable`]: a plain Python identifier (ASCII letters, digits,
/// `_`, not starting with a digit or `_`) that shadows nothing the REPL provides. The worker
/// checks again (and also refuses builtins), so a name that passes here can still be refused.
pub fn check_variable_name(name: &str) -> Result<(), SandboxError> {
    let mut chars = name.chars();
    let well_formed = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 64;
    if !well_formed {
        return Err(SandboxError::Variable(format!(
            "{name:?} is not a plain identifier (letters, digits and _, starting with a letter)"
        )));
    }
    if RESERVED_NAMES.contains(&name) {
        return Err(SandboxError::Variable(format!(
            "{name:?} is reserved by the REPL (a host call, FINAL, context or a keyword)"
        )));
    }
    Ok(())
}

struct Worker {
    child: Child,
    pid: u32,
    to_worker: File,
    frames: Receiver<Result<Value, FrameError>>,
    raw: Arc<Mutex<RawOutput>>,
    scratch: tempfile::TempDir,
    confinement: Confinement,
}

#[derive(Default)]
struct RawOutput {
    kept: Vec<u8>,
    total: u64,
}

const RAW_KEEP: usize = 256 * 1024;
const START_TIMEOUT: Duration = Duration::from_secs(20);
const INTERRUPT_GRACE: Duration = Duration::from_millis(500);
const QUOTA_POLL: Duration = Duration::from_millis(100);

impl Repl {
    /// Starts a confined worker. Fails with what is missing where the policy is weak and weak
    /// sandboxes are not allowed.
    ///
    /// The worker dies with the thread that started it (Linux's parent-death signal follows the
    /// spawning thread), so that no worker outlives its supervisor: start a `Repl` on the thread
    /// that will use it, or on a long-lived one, not on a short-lived pool thread. A respawn after
    /// a kill happens on the thread that calls [`Repl::execute`].
    pub fn start(policy: &SandboxPolicy) -> Result<Repl, SandboxError> {
        policy.check_strength()?;
        let worker = Worker::spawn(policy)?;
        Ok(Repl {
            policy: policy.clone(),
            worker: Some(worker),
            context: None,
            context_seq: 0,
            host_vars: Vec::new(),
        })
    }

    /// The policy this REPL runs under.
    pub fn policy(&self) -> &SandboxPolicy {
        &self.policy
    }

    /// The running worker's confinement as the kernel reports it.
    pub fn confinement(&self) -> Option<&Confinement> {
        self.worker.as_ref().map(|w| &w.confinement)
    }

    /// The current scratch folder (changes when the worker is respawned).
    pub fn scratch(&self) -> Option<&Path> {
        self.worker.as_ref().map(|w| w.scratch.path())
    }

    /// Sets `context` to `text`.
    pub fn load_context_text(&mut self, text: &str) -> Result<ContextInfo, SandboxError> {
        let source = ContextSource::Text(Arc::new(text.to_string()));
        let info = self.load_source(&source)?;
        self.context = Some(source);
        Ok(info)
    }

    /// Sets `context` to the contents of `path` (UTF-8; invalid bytes become U+FFFD).
    pub fn load_context_file(&mut self, path: &Path) -> Result<ContextInfo, SandboxError> {
        let source = ContextSource::File(path.to_path_buf());
        let info = self.load_source(&source)?;
        self.context = Some(source);
        Ok(info)
    }

    fn load_source(&mut self, source: &ContextSource) -> Result<ContextInfo, SandboxError> {
        let start = Instant::now();
        self.context_seq += 1;
        let name = format!(".context-{}.txt", self.context_seq);
        let run_as = self.policy.os.run_as;
        let worker = self.ensure_worker()?;
        let dest = worker.scratch.path().join(&name);
        // create_new: O_EXCL, so a symlink the worker planted is never followed.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&dest)
            .map_err(SandboxError::io(format!(
                "writing context to {}",
                dest.display()
            )))?;
        let bytes = match source {
            ContextSource::Text(text) => {
                file.write_all(text.as_bytes())
                    .map_err(SandboxError::io("writing context"))?;
                text.len() as u64
            }
            ContextSource::File(path) => {
                let mut input = File::open(path).map_err(SandboxError::io(format!(
                    "reading context {}",
                    path.display()
                )))?;
                std::io::copy(&mut input, &mut file).map_err(SandboxError::io(format!(
                    "copying context {}",
                    path.display()
                )))?
            }
        };
        drop(file);
        if let Some(uid) = run_as {
            chown(&dest, uid)?;
        }
        let reply = worker.request(&json!({"op": "load_context", "path": name}), START_TIMEOUT)?;
        let chars = reply.get("chars").and_then(Value::as_u64).unwrap_or(0);
        Ok(ContextInfo {
            bytes,
            chars,
            elapsed: start.elapsed(),
        })
    }

    /// Sets the REPL variable `name` to `value` (JSON: objects become dicts, arrays lists), for
    /// data the host hands the model, such as recalled memories. The name must pass
    /// [`check_variable_name`]. The variable survives a respawn like `context` (set again in the
    /// fresh worker); the model's own code may still reassign it.
    pub fn set_variable(&mut self, name: &str, value: &Value) -> Result<(), SandboxError> {
        check_variable_name(name)?;
        let worker = self.ensure_worker()?;
        worker
            .request(
                &json!({"op": "set_var", "name": name, "value": value}),
                START_TIMEOUT,
            )
            .map_err(|e| match e {
                SandboxError::Protocol(message) => SandboxError::Variable(message),
                other => other,
            })?;
        self.host_vars.retain(|(n, _)| n != name);
        self.host_vars.push((name.to_string(), value.clone()));
        Ok(())
    }

    /// The user's variables and their types (what `SHOW_VARS()` prints).
    pub fn show_vars(&mut self) -> Result<BTreeMap<String, String>, SandboxError> {
        let worker = self.ensure_worker()?;
        let reply = worker.request(&json!({"op": "show_vars"}), START_TIMEOUT)?;
        let vars = reply
            .get("vars")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default();
        Ok(vars)
    }

    fn ensure_worker(&mut self) -> Result<&mut Worker, SandboxError> {
        if self.worker.is_none() {
            self.worker = Some(Worker::spawn(&self.policy)?);
            if let Some(source) = self.context.clone() {
                self.load_source(&source)?;
            }
            for (name, value) in self.host_vars.clone() {
                if let Some(worker) = self.worker.as_mut() {
                    worker.request(
                        &json!({"op": "set_var", "name": name, "value": value}),
                        START_TIMEOUT,
                    )?;
                }
            }
        }
        self.worker
            .as_mut()
            .ok_or_else(|| SandboxError::Spawn("no worker".into()))
    }

    /// Runs one step. Errors are the sandbox's own failures (the worker cannot start); the
    /// step's failures are in [`StepResult::outcome`].
    pub fn execute(
        &mut self,
        code: &str,
        host: &mut dyn HostCalls,
    ) -> Result<StepResult, SandboxError> {
        let start = Instant::now();
        if self.policy.static_mode == StaticMode::Strict {
            let violations = static_check::check(
                code,
                &StaticPolicy {
                    blocked_modules: self.policy.blocked_modules.clone(),
                },
            );
            if !violations.is_empty() {
                return Ok(StepResult {
                    stdout: String::new(),
                    stderr: String::new(),
                    outcome: StepOutcome::Blocked(violations),
                    truncation: None,
                    redactions: 0,
                    elapsed: start.elapsed(),
                    finish: None,
                });
            }
        }
        let limits = self.policy.limits.clone();
        let worker = self.ensure_worker()?;
        let raw_before = worker.raw_total();
        worker.send(&json!({"op": "exec", "code": code}))?;
        let mut deadline = Instant::now() + limits.step_timeout;
        let mut interrupted_at: Option<Instant> = None;
        let mut next_quota_check = Instant::now() + QUOTA_POLL;
        let outcome = loop {
            let now = Instant::now();
            let wait_until = interrupted_at
                .map(|t| t + INTERRUPT_GRACE)
                .unwrap_or(deadline)
                .min(next_quota_check);
            match worker
                .frames
                .recv_timeout(wait_until.saturating_duration_since(now))
            {
                Ok(Ok(frame)) => match frame.get("op").and_then(Value::as_str) {
                    Some("call") => {
                        let call_start = Instant::now();
                        let name = frame.get("name").and_then(Value::as_str).unwrap_or("");
                        let args = frame.get("args").cloned().unwrap_or(Value::Null);
                        let reply = match host.call(name, args) {
                            Ok(value) => json!({"op": "reply", "ok": true, "value": value}),
                            Err(message) => json!({"op": "reply", "ok": false, "error": message}),
                        };
                        // Time the host spends answering does not count against the step.
                        deadline += call_start.elapsed();
                        worker.send(&reply)?;
                    }
                    Some("done") => break Ok(frame),
                    _ => {
                        break Err(KillReason::Crashed(format!(
                            "unexpected frame from the worker: {}",
                            crate::sandbox::redact::truncate(&frame.to_string(), 200).0
                        )));
                    }
                },
                Ok(Err(e)) => break Err(worker.death_reason(&e)),
                Err(RecvTimeoutError::Disconnected) => {
                    break Err(worker.death_reason(&FrameError::Closed));
                }
                Err(RecvTimeoutError::Timeout) => {
                    let now = Instant::now();
                    if now >= next_quota_check {
                        next_quota_check = now + QUOTA_POLL;
                        if worker.over_quota(&limits) {
                            break Err(KillReason::DiskQuota);
                        }
                        if worker.raw_total() - raw_before > limits.output_kill_bytes as u64 {
                            break Err(KillReason::Output);
                        }
                    }
                    match interrupted_at {
                        None if now >= deadline => {
                            worker.interrupt();
                            interrupted_at = Some(now);
                        }
                        Some(t) if now >= t + INTERRUPT_GRACE => break Err(KillReason::Timeout),
                        _ => {}
                    }
                }
            }
        };
        let raw = worker.take_raw(raw_before);
        let over_quota = worker.over_quota(&limits);
        let result = match outcome {
            Ok(frame) if !over_quota => self.step_from_frame(&frame, &raw, start),
            Ok(_) => {
                self.kill_worker();
                self.killed(KillReason::DiskQuota, &raw, start)
            }
            Err(reason) => {
                self.kill_worker();
                self.killed(reason, &raw, start)
            }
        };
        Ok(result)
    }

    fn kill_worker(&mut self) {
        if let Some(mut worker) = self.worker.take() {
            worker.kill();
        }
    }

    fn killed(&self, reason: KillReason, raw: &str, start: Instant) -> StepResult {
        let filtered = self
            .policy
            .redactor
            .filter(raw, self.policy.limits.max_output_bytes, 0);
        StepResult {
            stdout: String::new(),
            stderr: filtered.text,
            outcome: StepOutcome::Killed {
                reason,
                state_lost: true,
            },
            truncation: note(0, filtered.truncated_bytes),
            redactions: filtered.redactions,
            elapsed: start.elapsed(),
            finish: None,
        }
    }

    fn step_from_frame(&self, frame: &Value, raw: &str, start: Instant) -> StepResult {
        let text = |key: &str| frame.get(key).and_then(Value::as_str).unwrap_or("");
        let num = |key: &str| frame.get(key).and_then(Value::as_u64).unwrap_or(0);
        let max = self.policy.limits.max_output_bytes;
        let redactor = &self.policy.redactor;
        let out_text = text("stdout");
        let mut err_text = text("stderr").to_string();
        err_text.push_str(raw);
        let stdout = redactor.filter(
            out_text,
            max,
            num("stdout_total").saturating_sub(out_text.len() as u64),
        );
        let stderr = redactor.filter(
            &err_text,
            max,
            num("stderr_total").saturating_sub(text("stderr").len() as u64),
        );
        let error = frame.get("error").filter(|e| !e.is_null()).map(|e| {
            let field = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let (traceback, _) = redactor.redact(&field("traceback"));
            let (message, _) = redactor.redact(&field("message"));
            PyError {
                kind: field("type"),
                message,
                traceback,
            }
        });
        let stop = match frame.get("stop").and_then(Value::as_str) {
            Some("output") => Some(KillReason::Output),
            Some("timeout") => Some(KillReason::Timeout),
            Some("memory") => Some(KillReason::Memory),
            _ => None,
        };
        let outcome = match (stop, error) {
            (Some(reason), _) => StepOutcome::Killed {
                reason,
                state_lost: false,
            },
            (None, Some(error)) => StepOutcome::Raised(error),
            (None, None) => StepOutcome::Completed,
        };
        let finish = frame
            .get("final")
            .and_then(Value::as_str)
            .map(|v| Finish::Final(redactor.redact(v).0))
            .or_else(|| {
                let answer = frame.get("answer")?;
                (answer.get("ready") == Some(&Value::Bool(true))).then(|| {
                    Finish::Answer(
                        redactor
                            .redact(answer.get("content").and_then(Value::as_str).unwrap_or(""))
                            .0,
                    )
                })
            });
        StepResult {
            stdout: stdout.text,
            stderr: stderr.text,
            outcome,
            truncation: note(stdout.truncated_bytes, stderr.truncated_bytes),
            redactions: stdout.redactions + stderr.redactions,
            elapsed: start.elapsed(),
            finish,
        }
    }
}

fn note(stdout_cut: u64, stderr_cut: u64) -> Option<String> {
    let mut parts = Vec::new();
    if stdout_cut > 0 {
        parts.push(format!("{stdout_cut} bytes of stdout"));
    }
    if stderr_cut > 0 {
        parts.push(format!("{stderr_cut} bytes of stderr"));
    }
    (!parts.is_empty()).then(|| format!("[output truncated: {} not shown]", parts.join(" and ")))
}

impl Drop for Repl {
    fn drop(&mut self) {
        self.kill_worker();
    }
}

fn pipe() -> Result<(OwnedFd, OwnedFd), SandboxError> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: fds points to two ints; O_CLOEXEC keeps them out of unrelated children.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(SandboxError::io("creating a pipe")(
            std::io::Error::last_os_error(),
        ));
    }
    // SAFETY: pipe2 just returned these two descriptors, owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

fn chown(path: &Path, uid: u32) -> Result<(), SandboxError> {
    std::os::unix::fs::chown(path, Some(uid), Some(uid)).map_err(SandboxError::io(format!(
        "chown {} to uid {uid}",
        path.display()
    )))
}

impl Worker {
    fn spawn(policy: &SandboxPolicy) -> Result<Worker, SandboxError> {
        let scratch = tempfile::Builder::new()
            .prefix("rlm-sandbox-")
            .tempdir_in(&policy.scratch_parent)
            .map_err(SandboxError::io(format!(
                "creating a scratch folder in {}",
                policy.scratch_parent.display()
            )))?;
        let scratch_path = scratch
            .path()
            .canonicalize()
            .map_err(SandboxError::io("resolving the scratch folder"))?;
        if let Some(uid) = policy.os.run_as {
            chown(&scratch_path, uid)?;
        }
        let conf = json!({
            "scratch": scratch_path,
            "blocked_modules": policy.blocked_modules,
            "blocked_attributes": BLOCKED_ATTRIBUTES,
            "output_keep_bytes": policy.limits.max_output_bytes + 4096,
            "output_kill_bytes": policy.limits.output_kill_bytes,
        })
        .to_string();
        let plan = helper_plan(policy, &scratch_path, WORKER_SOURCE, &conf);
        let plan_json = serde_json::to_string(&plan)
            .map_err(|e| SandboxError::Protocol(format!("encoding the helper plan: {e}")))?;
        let (to_worker_r, to_worker_w) = pipe()?;
        let (from_worker_r, from_worker_w) = pipe()?;
        let (out_r, out_w) = pipe()?;
        let out_w2 = out_w
            .try_clone()
            .map_err(SandboxError::io("duplicating a pipe"))?;
        let (child_in, child_out) = (to_worker_r.as_raw_fd(), from_worker_w.as_raw_fd());
        let mut command = Command::new(&policy.helper);
        command
            .arg(HELPER_SUBCOMMAND)
            .arg(plan_json)
            .env_clear()
            .stdin(Stdio::null())
            .stdout(Stdio::from(out_w))
            .stderr(Stdio::from(out_w2))
            .process_group(0);
        // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec; the layers
        // themselves are applied by the helper after its exec, never here.
        unsafe {
            command.pre_exec(move || {
                let a = libc::fcntl(child_in, libc::F_DUPFD_CLOEXEC, 10);
                let b = libc::fcntl(child_out, libc::F_DUPFD_CLOEXEC, 10);
                if a < 0 || b < 0 || libc::dup2(a, 3) < 0 || libc::dup2(b, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().map_err(SandboxError::io(format!(
            "starting the sandbox helper {}",
            policy.helper.display()
        )))?;
        drop(to_worker_r);
        drop(from_worker_w);
        drop(command);
        let pid = child.id();
        let raw = Arc::new(Mutex::new(RawOutput::default()));
        let raw_sink = Arc::clone(&raw);
        std::thread::Builder::new()
            .name("rlm-sandbox-out".into())
            .spawn(move || drain(File::from(out_r), &raw_sink))
            .map_err(SandboxError::io("starting the output thread"))?;
        let (tx, frames) = channel();
        let mut from_worker = File::from(from_worker_r);
        std::thread::Builder::new()
            .name("rlm-sandbox-frames".into())
            .spawn(move || {
                loop {
                    let frame = read_frame(&mut from_worker);
                    let end = frame.is_err();
                    if tx.send(frame).is_err() || end {
                        break;
                    }
                }
            })
            .map_err(SandboxError::io("starting the channel thread"))?;
        let mut worker = Worker {
            child,
            pid,
            to_worker: File::from(to_worker_w),
            frames,
            raw,
            scratch,
            confinement: Confinement {
                pid,
                uid: 0,
                no_new_privs: false,
                seccomp_mode: 0,
                cap_eff: 0,
                cap_bnd: 0,
                own_network_namespace: false,
            },
        };
        match worker.frames.recv_timeout(START_TIMEOUT) {
            Ok(Ok(frame)) if frame.get("op").and_then(Value::as_str) == Some("ready") => {}
            other => {
                let why = match other {
                    Ok(Ok(frame)) => format!("unexpected first frame {frame}"),
                    Ok(Err(e)) => e.to_string(),
                    Err(_) => format!("no answer within {}s", START_TIMEOUT.as_secs()),
                };
                worker.kill();
                std::thread::sleep(Duration::from_millis(20));
                let raw = worker.take_raw(0);
                let status = worker
                    .child
                    .try_wait()
                    .ok()
                    .flatten()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                return Err(SandboxError::Spawn(format!(
                    "{why}{status}: {}",
                    raw.trim()
                )));
            }
        }
        worker.confinement = read_confinement(pid);
        Ok(worker)
    }

    fn send(&mut self, frame: &Value) -> Result<(), SandboxError> {
        write_frame(&mut self.to_worker, frame)
            .map_err(|e| SandboxError::Protocol(format!("sending to the worker: {e}")))
    }

    fn request(&mut self, frame: &Value, timeout: Duration) -> Result<Value, SandboxError> {
        self.send(frame)?;
        match self.frames.recv_timeout(timeout) {
            Ok(Ok(reply)) if reply.get("op").and_then(Value::as_str) != Some("error") => Ok(reply),
            Ok(Ok(reply)) => Err(SandboxError::Protocol(
                reply
                    .get("message")
                    .and_then(Value::as_str)
                    .map(String::from)
                    .unwrap_or_else(|| reply.to_string()),
            )),
            Ok(Err(e)) => Err(SandboxError::Protocol(e.to_string())),
            Err(_) => Err(SandboxError::Protocol("the worker did not answer".into())),
        }
    }

    fn interrupt(&self) {
        // SAFETY: signals our own child process.
        unsafe { libc::kill(self.pid as libc::pid_t, libc::SIGINT) };
    }

    fn kill(&mut self) {
        // SAFETY: the child leads its own process group (process_group(0) at spawn).
        unsafe { libc::killpg(self.pid as libc::pid_t, libc::SIGKILL) };
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Why the channel ended: waits for the worker's exit and reads its status.
    fn death_reason(&mut self, error: &FrameError) -> KillReason {
        if !matches!(error, FrameError::Closed) {
            return KillReason::Crashed(format!("broke the protocol: {error}"));
        }
        let status = match self.child.wait() {
            Ok(status) => status,
            Err(e) => return KillReason::Crashed(e.to_string()),
        };
        match status.signal() {
            Some(libc::SIGSYS) => KillReason::ProcessLimit,
            Some(libc::SIGXCPU) => KillReason::CpuTime,
            Some(libc::SIGXFSZ) => KillReason::DiskQuota,
            Some(libc::SIGKILL) | Some(libc::SIGSEGV) | Some(libc::SIGABRT)
            | Some(libc::SIGBUS) => KillReason::Memory,
            Some(sig) => KillReason::Crashed(format!("signal {sig}")),
            None => KillReason::Crashed(format!("exit status {}", status.code().unwrap_or(-1))),
        }
    }

    fn raw_total(&self) -> u64 {
        self.raw.lock().map(|r| r.total).unwrap_or(0)
    }

    /// The raw fd 1/2 output written since `before` (what user code wrote around `print`).
    fn take_raw(&self, _before: u64) -> String {
        let Ok(mut raw) = self.raw.lock() else {
            return String::new();
        };
        let kept = std::mem::take(&mut raw.kept);
        String::from_utf8_lossy(&kept).into_owned()
    }

    fn over_quota(&self, limits: &super::Limits) -> bool {
        let (bytes, files) = scratch_usage(self.scratch.path(), limits.scratch_max_files + 1);
        bytes > limits.scratch_quota_bytes || files > limits.scratch_max_files
    }
}

fn drain(mut input: File, sink: &Mutex<RawOutput>) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match input.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if let Ok(mut raw) = sink.lock() {
                    raw.total += n as u64;
                    let room = RAW_KEEP.saturating_sub(raw.kept.len());
                    raw.kept.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
    }
}

/// Bytes and entries under `dir` (symlinks not followed), stopping after `max_entries`.
fn scratch_usage(dir: &Path, max_entries: u64) -> (u64, u64) {
    let mut bytes = 0u64;
    let mut entries = 0u64;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&path) else {
            continue;
        };
        for entry in read.flatten() {
            entries += 1;
            if entries > max_entries {
                return (bytes, entries);
            }
            if let Ok(meta) = entry.metadata() {
                // Allocated blocks, so sparse files count for what they hold.
                bytes += std::os::unix::fs::MetadataExt::blocks(&meta) * 512;
                if meta.is_dir() {
                    stack.push(entry.path());
                }
            }
        }
    }
    (bytes, entries)
}

fn read_confinement(pid: u32) -> Confinement {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let hex = |name: &str| u64::from_str_radix(&field(name), 16).unwrap_or(u64::MAX);
    let own_netns = match (
        std::fs::read_link(format!("/proc/{pid}/ns/net")),
        std::fs::read_link("/proc/self/ns/net"),
    ) {
        (Ok(theirs), Ok(ours)) => theirs != ours,
        _ => false,
    };
    Confinement {
        pid,
        uid: field("Uid:")
            .split_whitespace()
            .next()
            .and_then(|u| u.parse().ok())
            .unwrap_or(u32::MAX),
        no_new_privs: field("NoNewPrivs:") == "1",
        seccomp_mode: field("Seccomp:").parse().unwrap_or(0),
        cap_eff: hex("CapEff:"),
        cap_bnd: hex("CapBnd:"),
        own_network_namespace: own_netns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_must_be_plain_identifiers_that_shadow_nothing() {
        let verdict = |name: &str| check_variable_name(name).map_err(|e| e.to_string());
        assert_eq!(verdict("memory"), Ok(()));
        assert_eq!(verdict("notes_2"), Ok(()));
        assert_eq!(
            verdict("FINAL"),
            Err("cannot set the REPL variable: \"FINAL\" is reserved by the REPL (a host call, FINAL, context or a keyword)".into())
        );
        for reserved in ["context", "llm_query", "answer", "lambda", "None"] {
            assert!(verdict(reserved).is_err(), "{reserved}");
        }
        assert_eq!(
            verdict("_hidden"),
            Err("cannot set the REPL variable: \"_hidden\" is not a plain identifier (letters, digits and _, starting with a letter)".into())
        );
        for bad in ["", "2fast", "a-b", "a b", "x;import os", "é"] {
            assert!(verdict(bad).is_err(), "{bad:?}");
        }
    }
}
