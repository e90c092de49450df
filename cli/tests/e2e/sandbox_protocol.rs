//! The REPL protocol the RLM loop relies on, through the engine's `Repl` with the real `rlm`
//! binary as the helper: persistence, context loading, host calls, finishing, SHOW_VARS,
//! timeouts with and without state loss, output truncation and redaction, and the confinement the
//! kernel reports for the worker.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::skip;

use rlm_engine::sandbox::policy::MissingLayer;
use rlm_engine::sandbox::{
    Finish, HostCalls, KillReason, PyError, Repl, SandboxConfig, SandboxPolicy, StaticMode,
    StepOutcome, StepResult,
};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// A host that records every call and answers from the arguments (our own part, not a mock of a
/// network edge).
#[derive(Default)]
struct RecordingHost {
    calls: Vec<(String, Value)>,
}

impl HostCalls for RecordingHost {
    fn call(&mut self, name: &str, args: Value) -> Result<Value, String> {
        self.calls.push((name.to_string(), args.clone()));
        match name {
            "llm_query" => Ok(json!(format!(
                "answer to {}",
                args["prompt"].as_str().unwrap_or("")
            ))),
            "llm_query_batched" => Ok(Value::Array(
                args["prompts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| json!(format!("answer to {}", p.as_str().unwrap())))
                    .collect(),
            )),
            "rlm_query" => Ok(json!({"prompt": args["prompt"], "context": args["context"]})),
            "retrieve" => Err(format!("no index for {:?}", args["question"])),
            other => Err(format!("unknown host call {other}")),
        }
    }
}

fn sandbox_available() -> bool {
    let out = Command::new(env!("CARGO_BIN_EXE_rlm"))
        .arg("doctor")
        .output()
        .unwrap();
    if !out.status.success() {
        skip::skip(
            skip::Need::Sandbox,
            &format!(
                "weak sandbox here:\n{}",
                String::from_utf8_lossy(&out.stdout)
            ),
        );
    }
    out.status.success()
}

fn policy(edit: impl FnOnce(&mut SandboxConfig)) -> SandboxPolicy {
    let mut config = SandboxConfig::default();
    edit(&mut config);
    SandboxPolicy::from_config(&config, Path::new(env!("CARGO_BIN_EXE_rlm"))).unwrap()
}

fn run(repl: &mut Repl, code: &str) -> StepResult {
    repl.execute(code, &mut RecordingHost::default()).unwrap()
}

/// The step's visible parts, for whole-value comparisons.
fn shown(result: &StepResult) -> (String, String, StepOutcome, Option<Finish>) {
    (
        result.stdout.clone(),
        result.stderr.clone(),
        result.outcome.clone(),
        result.finish.clone(),
    )
}

#[test]
fn repl_keeps_variables_and_separates_output_per_step() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|_| {})).unwrap();
    let first = run(&mut repl, "x = 41\nprint('one')\nimport sys as _s\n");
    assert!(matches!(first.outcome, StepOutcome::Blocked(ref v) if v[0].rule == "blocked-import"));
    let first = run(&mut repl, "x = 41\nprint('one')\n");
    assert_eq!(
        shown(&first),
        ("one\n".into(), String::new(), StepOutcome::Completed, None)
    );
    let second = run(&mut repl, "x += 1\nprint(x)\n");
    assert_eq!(second.stdout, "42\n");
    let third = run(
        &mut repl,
        "y = [x, 'a']\nraise ValueError('bad ' + str(x))\n",
    );
    assert_eq!(
        third.outcome,
        StepOutcome::Raised(PyError {
            kind: "ValueError".into(),
            message: "bad 42".into(),
            traceback: "Traceback (most recent call last):\n  File \"<step>\", line 2, in <module>\nValueError: bad 42\n".into(),
        })
    );
    let vars = repl.show_vars().unwrap();
    assert_eq!(
        vars.into_iter().collect::<Vec<_>>(),
        vec![
            ("answer".to_string(), "dict".to_string()),
            ("context".to_string(), "str".to_string()),
            ("x".to_string(), "int".to_string()),
            ("y".to_string(), "list".to_string()),
        ]
    );
    let shown_vars = run(&mut repl, "print(SHOW_VARS())\n");
    assert_eq!(
        shown_vars.stdout,
        "{'answer': 'dict', 'context': 'str', 'x': 'int', 'y': 'list'}\n"
    );
}

#[test]
fn host_calls_travel_as_name_and_json_args() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|_| {})).unwrap();
    let mut host = RecordingHost::default();
    let code = "a = llm_query('q1')\nb = llm_query_batched(['p', 'q'])\n\
                c = rlm_query('sub', context='ctx')\n\
                try:\n    retrieve('where', k=3)\nexcept HostCallError as e:\n    err = str(e)\n\
                print(a, b, c['prompt'], c['context'], err)\n";
    let result = repl.execute(code, &mut host).unwrap();
    assert_eq!(
        shown(&result),
        (
            "answer to q1 ['answer to p', 'answer to q'] sub ctx no index for String(\"where\")\n"
                .into(),
            String::new(),
            StepOutcome::Completed,
            None
        )
    );
    assert_eq!(
        host.calls,
        vec![
            ("llm_query".to_string(), json!({"prompt": "q1"})),
            (
                "llm_query_batched".to_string(),
                json!({"prompts": ["p", "q"]})
            ),
            (
                "rlm_query".to_string(),
                json!({"prompt": "sub", "context": "ctx"})
            ),
            ("retrieve".to_string(), json!({"question": "where", "k": 3})),
        ]
    );
}

#[test]
fn final_final_var_and_answer_dict_finish_the_run() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|_| {})).unwrap();
    assert_eq!(
        run(&mut repl, "FINAL('done: 3')\n").finish,
        Some(Finish::Final("done: 3".into()))
    );
    assert_eq!(
        run(&mut repl, "result = {'n': 2}\nFINAL_VAR('result')\n").finish,
        Some(Finish::Final("{'n': 2}".into()))
    );
    assert_eq!(run(&mut repl, "answer['content'] = 'draft'\n").finish, None);
    assert_eq!(
        run(
            &mut repl,
            "answer['content'] += ' final'\nanswer['ready'] = True\n"
        )
        .finish,
        Some(Finish::Answer("draft final".into()))
    );
    let missing = run(&mut repl, "FINAL_VAR('nope')\n");
    assert!(
        matches!(missing.outcome, StepOutcome::Raised(ref e) if e.message == "FINAL_VAR: no variable named 'nope'"),
        "{missing:?}"
    );
}

#[test]
fn context_of_40_mb_loads_and_survives_a_respawn() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|c| c.timeout_secs = 1.0)).unwrap();
    let line = "# === FILE: src/lib.rs ===\nfn main() { println!(\"hello\"); }\n";
    let text = line.repeat(40 * 1024 * 1024 / line.len());
    let info = repl.load_context_text(&text).unwrap();
    assert_eq!(
        (info.bytes, info.chars),
        (text.len() as u64, text.len() as u64)
    );
    let count = run(
        &mut repl,
        "n = context.count('FILE:')\nprint(n, len(context))\n",
    );
    assert_eq!(
        count.stdout,
        format!("{} {}\n", text.len() / line.len(), text.len())
    );
    // A step that ignores the interrupt is killed; the next step runs in a fresh worker with the
    // context reloaded and the variables gone.
    let stuck = run(
        &mut repl,
        "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass\n",
    );
    assert_eq!(
        stuck.outcome,
        StepOutcome::Killed {
            reason: KillReason::Timeout,
            state_lost: true
        }
    );
    let after = run(&mut repl, "print(len(context), 'n' in SHOW_VARS())\n");
    assert_eq!(after.stdout, format!("{} False\n", text.len()));
}

#[test]
fn interruptible_timeout_keeps_the_repl_state() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|c| c.timeout_secs = 0.5)).unwrap();
    run(&mut repl, "kept = 7\n");
    let slow = run(&mut repl, "import time\ntime.sleep(30)\n");
    assert_eq!(
        slow.outcome,
        StepOutcome::Killed {
            reason: KillReason::Timeout,
            state_lost: false
        }
    );
    assert_eq!(run(&mut repl, "print(kept)\n").stdout, "7\n");
}

#[test]
fn output_is_truncated_with_a_note_and_secrets_redacted() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|c| c.max_output_bytes = 100)).unwrap();
    let result = run(
        &mut repl,
        "print('token: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB')\nprint('z' * 1000)\n",
    );
    assert_eq!(result.outcome, StepOutcome::Completed);
    assert_eq!(
        result.stdout,
        format!("token: [REDACTED:github-token]\n{}", "z".repeat(100 - 31))
    );
    assert_eq!(result.redactions, 1);
    assert_eq!(
        result.truncation.as_deref(),
        Some("[output truncated: 932 bytes of stdout not shown]")
    );
}

#[test]
fn worker_is_confined_as_the_kernel_reports() {
    if !sandbox_available() {
        return;
    }
    let policy = policy(|_| {});
    let repl = Repl::start(&policy).unwrap();
    let c = repl.confinement().unwrap().clone();
    let root = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata("/proc/self").unwrap()) == 0;
    assert_eq!((c.no_new_privs, c.seccomp_mode, c.cap_eff), (true, 2, 0));
    if root {
        assert_eq!((c.uid, c.cap_bnd), (65534, 0));
    }
}

#[test]
fn forged_protocol_frames_end_the_worker_not_the_host() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|c| c.static_checks = StaticMode::Off)).unwrap();
    let forged = run(
        &mut repl,
        "W = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0]\n\
         OS = W.__init__.__globals__['sys'].modules['os']\n\
         OS.write(4, b'\\xff\\xff\\xff\\xffgarbage')\n\
         while True:\n    pass\n",
    );
    assert!(
        matches!(
            forged.outcome,
            StepOutcome::Killed {
                state_lost: true,
                ..
            }
        ),
        "{forged:?}"
    );
    assert_eq!(run(&mut repl, "print('alive')\n").stdout, "alive\n");
    let _ = Duration::from_secs(0);
}

#[test]
fn scratch_files_can_be_written_and_read_back() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|_| {})).unwrap();
    let result = run(
        &mut repl,
        "with open('../escaped.txt', 'w') as f:\n    f.write('out')\n",
    );
    assert!(
        matches!(result.outcome, StepOutcome::Raised(ref e) if e.kind == "PermissionError"),
        "{result:?}"
    );
    let result = run(
        &mut repl,
        "with open('notes.txt', 'w') as f:\n    f.write('kept')\nprint(open('notes.txt').read())\n",
    );
    assert_eq!(
        shown(&result),
        ("kept\n".into(), String::new(), StepOutcome::Completed, None)
    );
    assert_eq!(
        std::fs::read_to_string(repl.scratch().unwrap().join("notes.txt")).unwrap(),
        "kept"
    );
}

#[test]
fn weak_sandbox_is_refused_with_what_is_missing() {
    if !sandbox_available() {
        return;
    }
    let mut weak = policy(|_| {});
    weak.missing.push(MissingLayer {
        layer: "landlock",
        why: "pretend the kernel lacks it".into(),
    });
    let err = Repl::start(&weak).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some(
            "refusing to run generated code in a weak sandbox: landlock: pretend the kernel \
             lacks it. Fix what is missing, or accept the risk with --allow-weak-sandbox \
             ([sandbox] allow_weak_sandbox = true)"
        )
    );
    weak.os.allow_weak = true;
    let mut repl = Repl::start(&weak).unwrap();
    assert_eq!(run(&mut repl, "print(1 + 1)\n").stdout, "2\n");
}

#[test]
fn host_set_variable_is_visible_next_step_refuses_bad_names_and_survives_a_respawn() {
    if !sandbox_available() {
        return;
    }
    let mut repl = Repl::start(&policy(|c| c.timeout_secs = 1.0)).unwrap();
    let memories = json!([
        {"level": "trace", "zone": "internal", "text": "Deploys go through make release", "score": 0.82},
        {"level": "episode", "zone": "public", "text": "CI runs on two cores", "score": 0.4}
    ]);
    repl.set_variable("memory", &memories).unwrap();
    let seen = run(
        &mut repl,
        "print(type(memory).__name__, len(memory), memory[0]['text'], memory[1]['score'])\n",
    );
    assert_eq!(
        shown(&seen),
        (
            "list 2 Deploys go through make release 0.4\n".into(),
            String::new(),
            StepOutcome::Completed,
            None
        )
    );
    // Names the host refuses before sending, and one only the worker knows to refuse (a builtin).
    for bad in ["FINAL", "context", "llm_query", "_x", "1st", "a.b"] {
        let err = repl.set_variable(bad, &json!(1)).unwrap_err().to_string();
        assert!(
            err.starts_with("cannot set the REPL variable: "),
            "{bad}: {err}"
        );
    }
    let err = repl.set_variable("len", &json!(1)).unwrap_err().to_string();
    assert_eq!(
        err,
        "cannot set the REPL variable: cannot set variable 'len': not a free identifier"
    );
    let still = run(
        &mut repl,
        "print(len(memory), callable(FINAL), len(context))\n",
    );
    assert_eq!(still.stdout, "2 True 0\n");
    // A killed step restarts the worker: the host's variable is set again, the model's are gone.
    run(&mut repl, "mine = 1\n");
    let stuck = run(
        &mut repl,
        "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass\n",
    );
    assert!(matches!(
        stuck.outcome,
        StepOutcome::Killed {
            state_lost: true,
            ..
        }
    ));
    let after = run(
        &mut repl,
        "print(memory[1]['text'], 'mine' in SHOW_VARS())\n",
    );
    assert_eq!(after.stdout, "CI runs on two cores False\n");
}
