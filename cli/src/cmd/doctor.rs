//! `rlm doctor`: which sandbox layers are active on this machine. It resolves the policy as
//! `rlm exec` would, starts one confined worker and reads its confinement back from the kernel
//! (`/proc/PID/status`), so "active" means observed, not assumed.

use super::exec::sandbox_config;
use anyhow::{Context, Result};
use rlm_engine::sandbox::policy::default_helper;
use rlm_engine::sandbox::static_check::RULES;
use rlm_engine::sandbox::{KernelSupport, Repl, SandboxPolicy, StaticMode};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<ExitCode> {
    let kernel = KernelSupport::probe();
    let mut config = sandbox_config(None, None, false, false)?;
    let weak_wanted = config.allow_weak_sandbox;
    // Doctor always looks, even on a weak machine; it reports instead of refusing.
    config.allow_weak_sandbox = true;
    let helper = std::env::current_exe().context("locating the rlm binary")?;
    let policy = SandboxPolicy::from_config(&config, &default_helper(&helper))?;
    let line = |layer: &str, state: &str, detail: String| {
        println!("  {layer:<18} {state:<8} {detail}");
    };
    println!("rlm sandbox layers on this machine:");
    line(
        "static checks",
        if policy.static_mode == StaticMode::Strict {
            "active"
        } else {
            "off"
        },
        format!(
            "tree-sitter-python, rules: {}",
            RULES.iter().map(|r| r.name).collect::<Vec<_>>().join(", ")
        ),
    );
    line(
        "runtime layer",
        "active",
        "restricted builtins, import hook, open() limited to scratch".into(),
    );
    line(
        "interpreter",
        "found",
        format!(
            "{} (Python {})",
            policy.python.executable.display(),
            policy.python.version
        ),
    );
    let repl = Repl::start(&policy);
    let mut weak = !policy.missing.is_empty();
    match repl.as_ref().map(|r| r.confinement()) {
        Ok(Some(c)) => {
            let state = |ok: bool| if ok { "active" } else { "MISSING" };
            let abi = kernel.landlock_abi;
            line(
                "landlock",
                state(abi >= 1),
                format!(
                    "ABI {abi}: filesystem{}{}",
                    if abi >= 4 { ", TCP bind/connect" } else { "" },
                    if abi >= 6 {
                        ", signal and abstract-socket scopes"
                    } else {
                        ""
                    }
                ),
            );
            line(
                "seccomp",
                state(c.seccomp_mode == 2),
                format!("mode {}", c.seccomp_mode),
            );
            line("no_new_privs", state(c.no_new_privs), String::new());
            line(
                "capabilities",
                state(c.cap_eff == 0),
                format!("CapEff {:x}, CapBnd {:x}", c.cap_eff, c.cap_bnd),
            );
            let uid_ok = !kernel.is_root || c.uid != 0;
            line("unprivileged uid", state(uid_ok), format!("uid {}", c.uid));
            line(
                "network namespace",
                if c.own_network_namespace {
                    "active"
                } else {
                    "absent"
                },
                "optional: seccomp denies sockets either way".into(),
            );
            line(
                "rlimits",
                "active",
                format!(
                    "memory {} MiB, cpu {} s, open files {}, file size {} MiB",
                    policy.limits.memory_bytes >> 20,
                    policy.limits.cpu_secs,
                    policy.limits.max_open_files,
                    policy.limits.scratch_quota_bytes >> 20
                ),
            );
            line(
                "supervisor",
                "active",
                format!(
                    "step timeout {:.1} s (process group killed), scratch quota {} MiB / {} files",
                    policy.limits.step_timeout.as_secs_f64(),
                    policy.limits.scratch_quota_bytes >> 20,
                    policy.limits.scratch_max_files
                ),
            );
            weak |= c.seccomp_mode != 2 || !c.no_new_privs || c.cap_eff != 0 || !uid_ok;
        }
        Ok(None) => weak = true,
        Err(e) => {
            println!("  worker             FAILED   {e}");
            weak = true;
        }
    }
    line(
        "output layer",
        "active",
        format!(
            "secrets redacted, output cut at {} bytes",
            policy.limits.max_output_bytes
        ),
    );
    for missing in &policy.missing {
        println!("  missing: {}: {}", missing.layer, missing.why);
    }
    if weak {
        println!(
            "verdict: WEAK sandbox; `rlm exec` refuses generated code here{}",
            if weak_wanted {
                " unless allowed (allow_weak_sandbox is set)"
            } else {
                " (--allow-weak-sandbox to accept the risk)"
            }
        );
        Ok(ExitCode::from(1))
    } else {
        println!("verdict: full sandbox");
        Ok(ExitCode::SUCCESS)
    }
}
