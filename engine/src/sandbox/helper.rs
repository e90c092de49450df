//! The helper: the small, single-threaded step between the supervisor and the interpreter. The
//! host re-executes its own binary with the hidden `__sandbox-helper` subcommand and a
//! [`HelperPlan`]; the helper applies the layers in the order the kernel needs, then execs the
//! real Python. Nothing here decides policy: every value comes from the plan.
//!
//! Order: parent-death signal, network namespace (best effort), working directory, rlimits,
//! capability bounding set, Landlock, uid/gid switch, remaining capability sets, no_new_privs,
//! seccomp, exec. A failure is printed on stderr (the host shows it) and the helper exits 121.

use super::SandboxError;
use super::plan::{HelperPlan, LandlockPlan, Resource, Rlimit};
use super::seccomp;
use landlock::{
    ABI, Access, AccessFs, AccessNet, CompatLevel, Compatible, PathBeneath, PathFd, Ruleset,
    RulesetAttr, RulesetCreatedAttr, RulesetStatus, Scope,
};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

/// Exit status of a helper that could not apply its plan.
pub const HELPER_FAILED: i32 = 121;

/// Applies `plan_json` and execs the interpreter; returns only on failure.
pub fn run_helper(plan_json: &str) -> SandboxError {
    let plan: HelperPlan = match serde_json::from_str(plan_json) {
        Ok(plan) => plan,
        Err(e) => return SandboxError::Config(format!("helper plan is not valid: {e}")),
    };
    match apply_and_exec(&plan) {
        Ok(never) => match never {},
        Err(e) => e,
    }
}

fn layer_err(layer: &'static str, message: impl std::fmt::Display) -> SandboxError {
    SandboxError::Layer {
        layer,
        message: message.to_string(),
    }
}

fn os_err(layer: &'static str) -> SandboxError {
    layer_err(layer, std::io::Error::last_os_error())
}

/// Where a layer fails: refuse, or (weak sandboxes allowed) say so on stderr and go on.
fn weak(plan: &HelperPlan, result: Result<(), SandboxError>) -> Result<(), SandboxError> {
    match result {
        Err(e) if plan.allow_weak => {
            eprintln!("rlm sandbox: weak sandbox: {e}");
            Ok(())
        }
        other => other,
    }
}

/// Asks for SIGKILL when the supervisor goes away; exits at once if it already has.
fn die_with_parent(parent: libc::pid_t) -> Result<(), SandboxError> {
    // SAFETY: prctl and getppid with integer arguments only.
    unsafe {
        if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0) != 0 {
            return Err(os_err("parent-death signal"));
        }
        if libc::getppid() != parent {
            libc::_exit(HELPER_FAILED);
        }
    }
    Ok(())
}

fn apply_and_exec(plan: &HelperPlan) -> Result<std::convert::Infallible, SandboxError> {
    // SAFETY: getppid cannot fail.
    let parent = unsafe { libc::getppid() };
    die_with_parent(parent)?;
    if plan.network_namespace {
        // Best effort: an empty network namespace (no interfaces, not even loopback) where the
        // kernel allows it; seccomp denies sockets either way.
        // SAFETY: unshare with a flag constant; the process is single-threaded here.
        let _ = unsafe { libc::unshare(libc::CLONE_NEWNET) };
    }
    std::env::set_current_dir(&plan.scratch).map_err(|e| layer_err("scratch", e))?;
    for limit in &plan.rlimits {
        set_rlimit(limit)?;
    }
    // SAFETY: closes inherited descriptors above the protocol pair; no Rust object owns them.
    unsafe { libc::syscall(libc::SYS_close_range, 5u32, u32::MAX, 0u32) };
    // SAFETY: geteuid cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        caps::clear(None, caps::CapSet::Bounding).map_err(|e| layer_err("capabilities", e))?;
    }
    weak(plan, apply_landlock(&plan.landlock))?;
    if let Some(uid) = plan.run_as {
        switch_user(uid)?;
        // A credential change clears the parent-death signal: ask again.
        die_with_parent(parent)?;
    }
    for set in [
        caps::CapSet::Effective,
        caps::CapSet::Permitted,
        caps::CapSet::Inheritable,
        caps::CapSet::Ambient,
    ] {
        caps::clear(None, set).map_err(|e| layer_err("capabilities", e))?;
    }
    // SAFETY: prctl with integer arguments only.
    if unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) } != 0 {
        return Err(os_err("no_new_privs"));
    }
    if plan.seccomp {
        let programs = seccomp::compile(&seccomp::seccomp_rules(std::process::id()))?;
        weak(plan, seccomp::apply(&programs))?;
    }
    exec(plan)
}

fn set_rlimit(limit: &Rlimit) -> Result<(), SandboxError> {
    let resource = match limit.resource {
        Resource::AddressSpace => libc::RLIMIT_AS,
        Resource::CpuSeconds => libc::RLIMIT_CPU,
        Resource::FileSize => libc::RLIMIT_FSIZE,
        Resource::OpenFiles => libc::RLIMIT_NOFILE,
        Resource::Processes => libc::RLIMIT_NPROC,
        Resource::CoreSize => libc::RLIMIT_CORE,
    };
    let value = libc::rlimit {
        rlim_cur: limit.soft,
        rlim_max: limit.hard,
    };
    // SAFETY: the pointer refers to a live rlimit value.
    if unsafe { libc::setrlimit(resource, &value) } != 0 {
        return Err(layer_err(
            "rlimits",
            format!("{:?}: {}", limit.resource, std::io::Error::last_os_error()),
        ));
    }
    Ok(())
}

fn apply_landlock(plan: &LandlockPlan) -> Result<(), SandboxError> {
    let abi = ABI::V7;
    let err = |e: landlock::RulesetError| layer_err("landlock", e);
    let read_dir = AccessFs::from_read(abi) & !AccessFs::Execute;
    let read_file: landlock::BitFlags<AccessFs> = AccessFs::ReadFile.into();
    let exec_file = AccessFs::ReadFile | AccessFs::Execute;
    let write_dir = (AccessFs::from_all(abi) & !AccessFs::Execute)
        & !(AccessFs::MakeSym
            | AccessFs::MakeSock
            | AccessFs::MakeFifo
            | AccessFs::MakeChar
            | AccessFs::MakeBlock
            | AccessFs::IoctlDev);
    let mut ruleset = Ruleset::default()
        .set_compatibility(CompatLevel::BestEffort)
        .handle_access(AccessFs::from_all(abi))
        .map_err(err)?
        .handle_access(AccessNet::from_all(abi))
        .map_err(err)?
        .scope(Scope::from_all(abi))
        .map_err(err)?
        .create()
        .map_err(err)?;
    let grants = plan
        .read
        .iter()
        .map(|p| (p, if p.is_dir() { read_dir } else { read_file }))
        .chain(plan.exec.iter().map(|p| (p, exec_file)))
        .chain(plan.write.iter().map(|p| (p, write_dir)));
    for (path, access) in grants {
        let fd = PathFd::new(path)
            .map_err(|e| layer_err("landlock", format!("{}: {e}", path.display())))?;
        ruleset = ruleset
            .add_rule(PathBeneath::new(fd, access))
            .map_err(err)?;
    }
    let status = ruleset.restrict_self().map_err(err)?;
    if status.ruleset == RulesetStatus::NotEnforced {
        return Err(layer_err(
            "landlock",
            "the kernel did not enforce the ruleset (Landlock missing or disabled)",
        ));
    }
    Ok(())
}

fn switch_user(uid: u32) -> Result<(), SandboxError> {
    // SAFETY: plain system calls with integer arguments; single-threaded process.
    unsafe {
        if libc::setgroups(0, std::ptr::null()) != 0 {
            return Err(os_err("uid switch"));
        }
        if libc::setresgid(uid, uid, uid) != 0 {
            return Err(os_err("uid switch"));
        }
        if libc::setresuid(uid, uid, uid) != 0 {
            return Err(os_err("uid switch"));
        }
        if libc::getuid() != uid || libc::geteuid() != uid {
            return Err(layer_err("uid switch", "uid did not change"));
        }
    }
    Ok(())
}

fn exec(plan: &HelperPlan) -> Result<std::convert::Infallible, SandboxError> {
    let cstr = |bytes: &[u8]| CString::new(bytes).map_err(|e| layer_err("exec", e));
    let program = cstr(plan.program.as_os_str().as_bytes())?;
    let args = plan
        .argv
        .iter()
        .map(|a| cstr(a.as_bytes()))
        .collect::<Result<Vec<_>, _>>()?;
    let mut argv: Vec<*const libc::c_char> = args.iter().map(|a| a.as_ptr()).collect();
    argv.push(std::ptr::null());
    let envp: [*const libc::c_char; 1] = [std::ptr::null()];
    // SAFETY: program, argv and envp are NUL-terminated and outlive the call.
    unsafe { libc::execve(program.as_ptr(), argv.as_ptr(), envp.as_ptr()) };
    Err(layer_err(
        "exec",
        format!(
            "{}: {}",
            plan.program.display(),
            std::io::Error::last_os_error()
        ),
    ))
}
