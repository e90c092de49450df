//! What this machine's kernel offers the sandbox: the Landlock ABI, seccomp filters, whether the
//! host is root (then the worker must switch uid). `rlm doctor` prints this; the policy refuses
//! to run generated code when a layer is missing unless weak sandboxes are allowed.

use super::policy::MissingLayer;

/// The kernel facts the policy depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KernelSupport {
    /// Landlock ABI version (0 when Landlock is missing or disabled).
    pub landlock_abi: i32,
    /// `seccomp(SECCOMP_SET_MODE_FILTER)` is available.
    pub seccomp_filter: bool,
    /// The host runs with effective uid 0.
    pub is_root: bool,
}

const LANDLOCK_CREATE_RULESET_VERSION: libc::c_uint = 1;

impl KernelSupport {
    /// Asks the kernel (cheap system calls, no child process).
    pub fn probe() -> KernelSupport {
        KernelSupport {
            landlock_abi: landlock_abi(),
            seccomp_filter: seccomp_filter_available(),
            // SAFETY: geteuid has no preconditions and cannot fail.
            is_root: unsafe { libc::geteuid() } == 0,
        }
    }

    /// The layers this kernel cannot provide, with what to do about it.
    pub fn missing(&self) -> Vec<MissingLayer> {
        let mut missing = Vec::new();
        if self.landlock_abi < 1 {
            missing.push(MissingLayer {
                layer: "landlock",
                why: "the kernel has no Landlock (needs Linux >= 5.13 with `landlock` in the lsm= \
                      boot list); filesystem confinement would be off"
                    .into(),
            });
        }
        if !self.seccomp_filter {
            missing.push(MissingLayer {
                layer: "seccomp",
                why: "the kernel has no seccomp filters (CONFIG_SECCOMP_FILTER); process creation \
                      and sockets would not be denied"
                    .into(),
            });
        }
        missing
    }
}

fn landlock_abi() -> i32 {
    // SAFETY: the documented way to ask for the ABI version: a null attribute, size 0 and the
    // VERSION flag; it creates nothing.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<libc::c_void>(),
            0usize,
            LANDLOCK_CREATE_RULESET_VERSION,
        )
    };
    i32::try_from(ret).unwrap_or(0).max(0)
}

fn seccomp_filter_available() -> bool {
    // SAFETY: PR_GET_SECCOMP only reads the calling thread's mode.
    let mode = unsafe { libc::prctl(libc::PR_GET_SECCOMP, 0, 0, 0, 0) };
    if mode < 0 {
        return false;
    }
    // SECCOMP_GET_ACTION_AVAIL answers 0 for a known action only where filters are built in.
    let action: u32 = 0x7fff_0000; // SECCOMP_RET_ALLOW
    // SAFETY: the pointer refers to a live u32 for the duration of the call.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            2 as libc::c_uint, // SECCOMP_GET_ACTION_AVAIL
            0 as libc::c_uint,
            &action as *const u32,
        )
    };
    ret == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_layers_say_what_to_do() {
        let bare = KernelSupport {
            landlock_abi: 0,
            seccomp_filter: false,
            is_root: false,
        };
        let layers: Vec<&str> = bare.missing().iter().map(|m| m.layer).collect();
        assert_eq!(layers, vec!["landlock", "seccomp"]);
        let full = KernelSupport {
            landlock_abi: 7,
            seccomp_filter: true,
            is_root: true,
        };
        assert_eq!(full.missing(), Vec::new());
    }
}
