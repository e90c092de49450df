//! `rlm-sandbox-helper`: the sandbox helper as a small binary of its own. The supervisor
//! re-executes it for every worker (`rlm-sandbox-helper __sandbox-helper PLAN`); it applies the OS
//! layers and execs the interpreter. It does exactly what the hidden `rlm __sandbox-helper` does,
//! but starts faster than the full `rlm` binary, which matters for a worker's cold start.

use rlm_engine::sandbox::{HELPER_SUBCOMMAND, helper};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(std::ffi::OsStr::new(HELPER_SUBCOMMAND)) {
        eprintln!(
            "rlm-sandbox-helper is started by rlm for each sandboxed worker; it is not meant to be \
             run by hand"
        );
        return ExitCode::from(2);
    }
    let plan = args.next().unwrap_or_default();
    let error = helper::run_helper(&plan.to_string_lossy());
    eprintln!("rlm sandbox helper: {error}");
    ExitCode::from(helper::HELPER_FAILED as u8)
}
