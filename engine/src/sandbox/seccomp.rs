//! The seccomp layer as data: [`seccomp_rules`] lists every system call the worker may not make
//! and what happens when it tries; [`compile`] turns that list into BPF programs. Landlock does
//! not cover UDP, path-named unix sockets, fork or namespaces (ABI 7), so this layer must.
//!
//! Process creation kills the worker (the host then reports `killed: process limit`); `clone3`
//! answers ENOSYS so that libc falls back to `clone`, where threads (CLONE_THREAD) stay allowed;
//! everything else answers EPERM, which Python raises as `PermissionError`. Signals may only go
//! to the worker itself (Landlock's signal scope and the uid switch say the same).

use super::SandboxError;
use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};
use std::collections::BTreeMap;

/// What the filter answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Denial {
    /// Kill the whole worker (SIGSYS): process creation.
    KillProcess,
    /// Fail with this errno.
    Errno(i32),
}

/// When the rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// `clone` without CLONE_THREAD: a new process, not a thread.
    NewProcess,
    /// The target pid (first argument) is not the worker's own.
    TargetIsNot(u32),
}

/// One denied system call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyscallRule {
    pub name: &'static str,
    pub nr: i64,
    pub denial: Denial,
    pub when: When,
}

macro_rules! rule {
    ($name:ident, $denial:expr, $when:expr) => {
        SyscallRule {
            name: stringify!($name),
            nr: syscall_nr::$name,
            denial: $denial,
            when: $when,
        }
    };
}

/// Syscall numbers by name (libc's `SYS_*`), so that the rule table reads as names.
#[allow(non_upper_case_globals)]
mod syscall_nr {
    macro_rules! nrs {
        ($($name:ident => $sys:ident),* $(,)?) => { $(pub const $name: i64 = libc::$sys as i64;)* };
    }
    nrs!(
        clone => SYS_clone, clone3 => SYS_clone3, socket => SYS_socket,
        socketpair => SYS_socketpair, connect => SYS_connect, bind => SYS_bind,
        listen => SYS_listen, accept => SYS_accept, accept4 => SYS_accept4,
        ptrace => SYS_ptrace, process_vm_readv => SYS_process_vm_readv,
        process_vm_writev => SYS_process_vm_writev, mount => SYS_mount, umount2 => SYS_umount2,
        pivot_root => SYS_pivot_root, chroot => SYS_chroot, unshare => SYS_unshare,
        setns => SYS_setns, open_tree => SYS_open_tree, move_mount => SYS_move_mount,
        fsopen => SYS_fsopen, fsconfig => SYS_fsconfig, fsmount => SYS_fsmount,
        fspick => SYS_fspick, mount_setattr => SYS_mount_setattr, keyctl => SYS_keyctl,
        add_key => SYS_add_key, request_key => SYS_request_key, bpf => SYS_bpf,
        perf_event_open => SYS_perf_event_open, userfaultfd => SYS_userfaultfd,
        kexec_load => SYS_kexec_load, init_module => SYS_init_module,
        finit_module => SYS_finit_module, delete_module => SYS_delete_module,
        reboot => SYS_reboot, swapon => SYS_swapon, swapoff => SYS_swapoff,
        io_uring_setup => SYS_io_uring_setup, io_uring_enter => SYS_io_uring_enter,
        io_uring_register => SYS_io_uring_register, open_by_handle_at => SYS_open_by_handle_at,
        name_to_handle_at => SYS_name_to_handle_at, mknodat => SYS_mknodat,
        personality => SYS_personality, acct => SYS_acct, quotactl => SYS_quotactl,
        kcmp => SYS_kcmp, pidfd_open => SYS_pidfd_open, pidfd_getfd => SYS_pidfd_getfd,
        pidfd_send_signal => SYS_pidfd_send_signal, tkill => SYS_tkill, kill => SYS_kill,
        tgkill => SYS_tgkill, rt_sigqueueinfo => SYS_rt_sigqueueinfo,
        rt_tgsigqueueinfo => SYS_rt_tgsigqueueinfo, setuid => SYS_setuid, setgid => SYS_setgid,
        setreuid => SYS_setreuid, setregid => SYS_setregid, setresuid => SYS_setresuid,
        setresgid => SYS_setresgid, setgroups => SYS_setgroups, fchmod => SYS_fchmod,
        fchmodat => SYS_fchmodat, fchown => SYS_fchown, fchownat => SYS_fchownat,
    );
    #[cfg(target_arch = "x86_64")]
    nrs!(
        fork => SYS_fork, vfork => SYS_vfork, mknod => SYS_mknod, iopl => SYS_iopl,
        ioperm => SYS_ioperm, fchmodat2 => SYS_fchmodat2, chmod => SYS_chmod, chown => SYS_chown, lchown => SYS_lchown,
    );
}

const EPERM: Denial = Denial::Errno(libc::EPERM);

/// The whole deny list for a worker whose pid is `pid` (the helper's pid survives the exec).
pub fn seccomp_rules(pid: u32) -> Vec<SyscallRule> {
    use Denial::KillProcess;
    use When::{Always, NewProcess, TargetIsNot};
    let mut rules = Vec::new();
    #[cfg(target_arch = "x86_64")]
    rules.extend([
        rule!(fork, KillProcess, Always),
        rule!(vfork, KillProcess, Always),
        rule!(mknod, EPERM, Always),
        rule!(iopl, EPERM, Always),
        rule!(ioperm, EPERM, Always),
        rule!(chmod, EPERM, Always),
        rule!(chown, EPERM, Always),
        rule!(lchown, EPERM, Always),
        rule!(fchmodat2, EPERM, Always),
    ]);
    rules.extend([
        rule!(clone, KillProcess, NewProcess),
        rule!(clone3, Denial::Errno(libc::ENOSYS), Always),
        rule!(socket, EPERM, Always),
        rule!(socketpair, EPERM, Always),
        rule!(connect, EPERM, Always),
        rule!(bind, EPERM, Always),
        rule!(listen, EPERM, Always),
        rule!(accept, EPERM, Always),
        rule!(accept4, EPERM, Always),
        rule!(ptrace, EPERM, Always),
        rule!(process_vm_readv, EPERM, Always),
        rule!(process_vm_writev, EPERM, Always),
        rule!(mount, EPERM, Always),
        rule!(umount2, EPERM, Always),
        rule!(pivot_root, EPERM, Always),
        rule!(chroot, EPERM, Always),
        rule!(unshare, EPERM, Always),
        rule!(setns, EPERM, Always),
        rule!(open_tree, EPERM, Always),
        rule!(move_mount, EPERM, Always),
        rule!(fsopen, EPERM, Always),
        rule!(fsconfig, EPERM, Always),
        rule!(fsmount, EPERM, Always),
        rule!(fspick, EPERM, Always),
        rule!(mount_setattr, EPERM, Always),
        rule!(keyctl, EPERM, Always),
        rule!(add_key, EPERM, Always),
        rule!(request_key, EPERM, Always),
        rule!(bpf, EPERM, Always),
        rule!(perf_event_open, EPERM, Always),
        rule!(userfaultfd, EPERM, Always),
        rule!(kexec_load, EPERM, Always),
        rule!(init_module, EPERM, Always),
        rule!(finit_module, EPERM, Always),
        rule!(delete_module, EPERM, Always),
        rule!(reboot, EPERM, Always),
        rule!(swapon, EPERM, Always),
        rule!(swapoff, EPERM, Always),
        rule!(io_uring_setup, EPERM, Always),
        rule!(io_uring_enter, EPERM, Always),
        rule!(io_uring_register, EPERM, Always),
        rule!(open_by_handle_at, EPERM, Always),
        rule!(name_to_handle_at, EPERM, Always),
        rule!(mknodat, EPERM, Always),
        rule!(personality, EPERM, Always),
        rule!(acct, EPERM, Always),
        rule!(quotactl, EPERM, Always),
        rule!(kcmp, EPERM, Always),
        rule!(pidfd_open, EPERM, Always),
        rule!(pidfd_getfd, EPERM, Always),
        rule!(pidfd_send_signal, EPERM, Always),
        rule!(tkill, EPERM, Always),
        rule!(setuid, EPERM, Always),
        rule!(setgid, EPERM, Always),
        rule!(setreuid, EPERM, Always),
        rule!(setregid, EPERM, Always),
        rule!(setresuid, EPERM, Always),
        rule!(setresgid, EPERM, Always),
        rule!(setgroups, EPERM, Always),
        // Landlock does not cover file modes and owners; without the uid switch (host not
        // root) the worker would own what the host owns.
        rule!(fchmod, EPERM, Always),
        rule!(fchmodat, EPERM, Always),
        rule!(fchown, EPERM, Always),
        rule!(fchownat, EPERM, Always),
        rule!(kill, EPERM, TargetIsNot(pid)),
        rule!(tgkill, EPERM, TargetIsNot(pid)),
        rule!(rt_sigqueueinfo, EPERM, TargetIsNot(pid)),
        rule!(rt_tgsigqueueinfo, EPERM, TargetIsNot(pid)),
    ]);
    rules
}

#[cfg(target_arch = "x86_64")]
fn target_arch() -> TargetArch {
    TargetArch::x86_64
}

#[cfg(target_arch = "aarch64")]
fn target_arch() -> TargetArch {
    TargetArch::aarch64
}

/// One BPF program per kind of denial (a seccomp filter has one action on match; the kernel runs
/// every installed filter and keeps the strictest answer).
pub fn compile(rules: &[SyscallRule]) -> Result<Vec<BpfProgram>, SandboxError> {
    let mut by_denial: BTreeMap<Denial, BTreeMap<i64, Vec<SeccompRule>>> = BTreeMap::new();
    for rule in rules {
        let conditions = match rule.when {
            When::Always => Vec::new(),
            When::NewProcess => vec![cond(
                0,
                SeccompCmpArgLen::Qword,
                SeccompCmpOp::MaskedEq(libc::CLONE_THREAD as u64),
                0,
            )?],
            When::TargetIsNot(pid) => vec![cond(
                0,
                SeccompCmpArgLen::Dword,
                SeccompCmpOp::Ne,
                u64::from(pid),
            )?],
        };
        let entry = by_denial
            .entry(rule.denial)
            .or_default()
            .entry(rule.nr)
            .or_default();
        if !conditions.is_empty() {
            entry.push(SeccompRule::new(conditions).map_err(seccomp_err)?);
        }
    }
    by_denial
        .into_iter()
        .map(|(denial, rules)| {
            let action = match denial {
                Denial::KillProcess => SeccompAction::KillProcess,
                Denial::Errno(errno) => SeccompAction::Errno(errno as u32),
            };
            let filter = SeccompFilter::new(rules, SeccompAction::Allow, action, target_arch())
                .map_err(seccomp_err)?;
            BpfProgram::try_from(filter).map_err(seccomp_err)
        })
        .collect()
}

fn cond(
    arg: u8,
    len: SeccompCmpArgLen,
    op: SeccompCmpOp,
    value: u64,
) -> Result<SeccompCondition, SandboxError> {
    SeccompCondition::new(arg, len, op, value).map_err(seccomp_err)
}

fn seccomp_err(e: impl std::fmt::Display) -> SandboxError {
    SandboxError::Layer {
        layer: "seccomp",
        message: e.to_string(),
    }
}

/// Installs the compiled programs on the calling thread (no_new_privs must already be set).
pub fn apply(programs: &[BpfProgram]) -> Result<(), SandboxError> {
    for program in programs {
        seccompiler::apply_filter(program).map_err(seccomp_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_list_kills_process_creation_and_scopes_signals() {
        let rules = seccomp_rules(4242);
        let kills: Vec<(&str, When)> = rules
            .iter()
            .filter(|r| r.denial == Denial::KillProcess)
            .map(|r| (r.name, r.when))
            .collect();
        #[cfg(target_arch = "x86_64")]
        assert_eq!(
            kills,
            vec![
                ("fork", When::Always),
                ("vfork", When::Always),
                ("clone", When::NewProcess)
            ]
        );
        let enosys: Vec<&str> = rules
            .iter()
            .filter(|r| r.denial == Denial::Errno(libc::ENOSYS))
            .map(|r| r.name)
            .collect();
        assert_eq!(enosys, vec!["clone3"]);
        let scoped: Vec<&str> = rules
            .iter()
            .filter(|r| r.when == When::TargetIsNot(4242))
            .map(|r| r.name)
            .collect();
        assert_eq!(
            scoped,
            vec!["kill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo"]
        );
        for name in [
            "socket",
            "socketpair",
            "connect",
            "bind",
            "ptrace",
            "mount",
            "unshare",
            "setns",
            "io_uring_setup",
            "bpf",
            "userfaultfd",
            "setuid",
            "setgroups",
        ] {
            assert!(
                rules
                    .iter()
                    .any(|r| r.name == name && r.denial == EPERM && r.when == When::Always),
                "{name} must answer EPERM"
            );
        }
        let mut numbers: Vec<i64> = rules.iter().map(|r| r.nr).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), rules.len(), "one rule per system call");
    }

    #[test]
    fn rules_compile_to_one_program_per_denial() -> Result<(), SandboxError> {
        let programs = compile(&seccomp_rules(1))?;
        assert_eq!(programs.len(), 3);
        assert!(programs.iter().all(|p| !p.is_empty()));
        Ok(())
    }
}
