//! The loop's own logic with the scripted REPL twin instead of the kernel sandbox, and the real
//! provider layer against the fake model server on 127.0.0.1: a budget stop with the model's
//! best partial answer, a prose `FINAL` accepted only after the turn's code ran cleanly, the
//! sub-call budget refusing calls and ending the run, and `FINAL` from code. These run on
//! every machine: none of them needs a sandbox (the sandboxed REPL itself is tested in
//! `cli/tests/e2e/rlm_loop.rs` and `sandbox_protocol.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::repl::scripted::{ScriptedRepls, Step, final_answer, printed, raised};
use super::*;
use crate::providers::fake_server::{FakeReply, FakeServer, RecordedRequest};
use crate::providers::{ProvidersConfig, build_model};
use crate::sandbox::{SandboxConfig, SandboxPolicy};
use serde_json::json;
use std::path::Path;

/// The root's turn (1-based) of a request: system, question, then (assistant, user) pairs.
fn turn(r: &RecordedRequest) -> usize {
    r.message_count.saturating_sub(2) / 2 + 1
}

struct Outcome {
    result: AskResult,
    server: FakeServer,
    repls: ScriptedRepls,
}

/// Runs `question` over a small text with the root replying `root[turn - 1]` (the last one
/// repeats), sub-calls answered with "sub says: PROMPT", and `repls` as the REPL.
fn run(root: Vec<&'static str>, repls: ScriptedRepls, budgets: Budgets) -> Outcome {
    let server = FakeServer::start(Arc::new(move |r: &RecordedRequest| {
        if r.model == "sub" {
            return FakeReply::text(format!("sub says: {}", r.last_user));
        }
        let i = (turn(r) - 1).min(root.len() - 1);
        FakeReply::text(root[i])
    }))
    .unwrap();
    let mut providers = ProvidersConfig {
        retry_base_ms: 5,
        max_retries: 0,
        timeout_secs: 10,
        ..ProvidersConfig::default()
    };
    server.route_openai_compatible(&mut providers);
    let model = |name: &str| {
        build_model(
            &format!("openai-compatible:http://fake/v1#{name}"),
            &providers,
            None,
        )
        .unwrap()
    };
    // The scripted REPL runs nothing, so no kernel layer is needed to start it.
    let sandbox = SandboxPolicy::from_config(
        &SandboxConfig {
            allow_weak_sandbox: true,
            ..SandboxConfig::default()
        },
        Path::new("/bin/true"),
    )
    .unwrap();
    let request = AskRequest {
        question: "How many lines say fail?".into(),
        context: ContextSource::Text("ok\nfail\nok\nfail\n".into()),
        models: Models {
            root: model("root"),
            sub: model("sub"),
        },
        budgets,
        sandbox,
        options: LoopOptions::default(),
        cancel: CancellationToken::new(),
        secrets: Vec::new(),
        memory: None,
        retrieval: None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let result = runtime
        .block_on(ask_with(
            request,
            Arc::new(NoObserver),
            Arc::new(repls.clone()),
        ))
        .unwrap();
    Outcome {
        result,
        server,
        repls,
    }
}

fn budgets(max_iterations: u32) -> Budgets {
    Budgets {
        max_iterations,
        ..Budgets::default()
    }
}

fn roots(server: &FakeServer) -> Vec<RecordedRequest> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.model == "root")
        .collect()
}

#[test]
fn the_iteration_budget_ends_the_run_with_the_models_last_prose_as_the_answer() {
    let repls = ScriptedRepls::new(Arc::new(|_: Step<'_>| printed("2\n")));
    let out = run(
        vec!["Two lines fail so far.\n```repl\nprint(context.count('fail'))\n```"],
        repls,
        budgets(2),
    );
    assert_eq!(out.result.stop_reason, StopReason::MaxIterations);
    assert_eq!(out.result.answer, "Two lines fail so far.");
    assert_eq!(out.result.iterations, 2);
    assert_eq!(
        out.repls.ran(),
        [
            "print(context.count('fail'))",
            "print(context.count('fail'))"
        ]
    );
    let requests = roots(&out.server);
    assert_eq!(requests.len(), 2);
    // The first turn's output reached the model; the last turn asked for the best answer.
    assert!(
        requests[1].body.contains("Output:\\n2"),
        "{}",
        requests[1].last_user
    );
    assert!(
        requests[1]
            .last_user
            .trim_end()
            .ends_with(prompts::LAST_ITERATION.trim_end()),
        "{}",
        requests[1].last_user
    );
}

#[test]
fn a_prose_final_counts_only_after_the_turns_code_ran_cleanly() {
    let repls = ScriptedRepls::new(Arc::new(|step: Step<'_>| {
        if step.code.contains("boom") {
            raised("NameError", "name 'boom' is not defined")
        } else {
            printed("")
        }
    }));
    let out = run(
        vec![
            "```repl\nboom()\n```\nFINAL(too early)",
            "Counted them.\nFINAL(2 lines fail)",
        ],
        repls,
        budgets(5),
    );
    assert_eq!(out.result.stop_reason, StopReason::ProseFinal);
    assert_eq!(out.result.answer, "2 lines fail");
    assert_eq!(out.result.iterations, 2);
    let requests = roots(&out.server);
    assert!(
        requests[1]
            .body
            .contains("NameError: name 'boom' is not defined"),
        "{}",
        requests[1].last_user
    );
}

#[test]
fn sub_calls_past_the_budget_are_refused_and_the_run_stops_with_what_was_printed() {
    let repls = ScriptedRepls::new(Arc::new(|step: Step<'_>| {
        let mut lines = Vec::new();
        for part in ["first", "second"] {
            match step.host.call("llm_query", json!({"prompt": part})) {
                Ok(reply) => lines.push(reply.as_str().unwrap_or_default().to_string()),
                Err(refused) => lines.push(format!("refused: {refused}")),
            }
        }
        printed(&(lines.join("\n") + "\n"))
    }));
    let out = run(
        vec!["```repl\nfor p in parts: print(llm_query(p))\n```"],
        repls,
        Budgets {
            max_subcalls: 1,
            ..budgets(5)
        },
    );
    assert_eq!(out.result.stop_reason, StopReason::MaxSubcalls);
    assert_eq!(out.result.subcalls, 1);
    assert_eq!(
        out.result.answer,
        "sub says: first\nrefused: sub-call budget spent (max_subcalls = 1); the answer is partial: no more sub-calls; finish now with FINAL(...) from what you have"
    );
    // One root turn, one sub-call made, the refused one never sent.
    assert_eq!(roots(&out.server).len(), 1);
    assert_eq!(
        out.server
            .requests()
            .iter()
            .filter(|r| r.model == "sub")
            .count(),
        1
    );
}

#[test]
fn final_in_code_ends_the_run_and_the_context_is_the_repls_variable() {
    let repls = ScriptedRepls::new(Arc::new(|step: Step<'_>| {
        let context = step.variables["context"].as_str().unwrap_or_default();
        final_answer(&format!("{} lines fail", context.matches("fail").count()))
    }));
    let out = run(
        vec!["```repl\nFINAL(str(context.count('fail')) + ' lines fail')\n```"],
        repls,
        budgets(5),
    );
    assert_eq!(out.result.stop_reason, StopReason::Final);
    assert_eq!(out.result.answer, "2 lines fail");
    assert_eq!(out.result.iterations, 1);
}
