//! The RLM loop end to end: the real engine, the real sandboxed Python REPL (the `rlm` binary
//! is its helper) and the fake model server on 127.0.0.1 speaking the OpenAI wire format,
//! scripted to play realistic trajectories (split and count, `llm_query` over parts, batches,
//! recursion with `rlm_query`, `FINAL_VAR`) and the bad cases (no code block, syntax error,
//! refused code, endless output, a model that never finishes, cost and sub-call overruns,
//! cancellation, provider failures). Every assertion is on what the model was actually sent
//! or on the whole result; a 10M-token context is checked never to reach any request.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::skip;

use rlm_engine::providers::fake_server::{FakeReply, FakeServer, Handler, RecordedRequest};
use rlm_engine::providers::price::Price;
use rlm_engine::providers::{ProvidersConfig, Usage, build_model};
use rlm_engine::rlm::{
    AskRequest, AskResult, Budgets, CancellationToken, ContextSource, LoopOptions, LoopRetrieval,
    MemoryRecall, Models, NoObserver, RlmError, StopReason, TraceEvent, ask_blocking,
};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

fn repl(code: &str) -> String {
    format!("Let me run this.\n```repl\n{code}\n```\n")
}

/// The root's turn number of a request: system, question, then (assistant, user) pairs.
fn iteration(r: &RecordedRequest) -> usize {
    (r.message_count.saturating_sub(2)) / 2 + 1
}

/// Root replies by turn (the last repeats), children by turn too (told apart by the depth
/// the system prompt states), sub-calls from a function of the prompt.
fn trajectory(
    root: Vec<String>,
    child: Vec<String>,
    sub: impl Fn(&str) -> String + Send + Sync + 'static,
) -> Handler {
    Arc::new(move |r: &RecordedRequest| {
        if r.model == "sub" {
            return FakeReply::text(sub(&r.last_user));
        }
        let script = if r.system.contains("You are at depth 0") {
            &root
        } else {
            &child
        };
        let i = (iteration(r) - 1).min(script.len().saturating_sub(1));
        FakeReply::text(script.get(i).cloned().unwrap_or_default())
    })
}

struct Run {
    server: FakeServer,
    providers: ProvidersConfig,
    budgets: Budgets,
    options: LoopOptions,
    cancel: CancellationToken,
    memory: Option<MemoryRecall>,
}

impl Run {
    fn new(handler: Handler) -> Run {
        let server = FakeServer::start(handler).unwrap();
        let providers = crate::common::rlm::fake_providers(&server, 2);
        Run {
            server,
            providers,
            budgets: Budgets {
                max_iterations: 6,
                ..Budgets::default()
            },
            options: LoopOptions::default(),
            cancel: CancellationToken::new(),
            memory: None,
        }
    }

    fn ask(&self, question: &str, context: ContextSource) -> Option<Result<AskResult, RlmError>> {
        // An indexed workspace gets the retriever its configuration describes, built once for
        // the run as every face builds it.
        let retrieval = match &context {
            ContextSource::Workspace {
                root,
                index_dir: Some(dir),
                ..
            } => Some(rlm_engine::ask::loop_retrieval(
                root,
                dir,
                &rlm_engine::config::Config::load(root).unwrap(),
                None,
            )),
            _ => None,
        };
        self.ask_with(question, context, retrieval)
    }

    fn ask_with(
        &self,
        question: &str,
        context: ContextSource,
        retrieval: Option<LoopRetrieval>,
    ) -> Option<Result<AskResult, RlmError>> {
        let sandbox = crate::common::rlm::sandbox_policy()?;
        let model = |name: &str| {
            build_model(
                &format!("openai-compatible:http://fake/v1#{name}"),
                &self.providers,
                None,
            )
            .unwrap()
        };
        let request = AskRequest {
            question: question.into(),
            context,
            models: Models {
                root: model("root"),
                sub: model("sub"),
            },
            budgets: self.budgets.clone(),
            sandbox,
            options: self.options.clone(),
            cancel: self.cancel.clone(),
            secrets: Vec::new(),
            memory: self.memory.clone(),
            retrieval,
        };
        Some(ask_blocking(request, Arc::new(NoObserver)))
    }

    fn root_requests(&self) -> Vec<RecordedRequest> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.model == "root")
            .collect()
    }

    fn sub_requests(&self) -> Vec<RecordedRequest> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| r.model == "sub")
            .collect()
    }
}

fn log_context() -> String {
    (0..300)
        .map(|i| {
            let level = if i % 7 == 0 { "ERROR" } else { "INFO" };
            format!(
                "2026-01-01T00:{:02}:{:02} {level} worker-{} handled request {i}\n",
                i / 60,
                i % 60,
                i % 5
            )
        })
        .collect()
}

fn kinds(result: &AskResult) -> Vec<&'static str> {
    result
        .trace
        .iter()
        .map(|r| match &r.event {
            TraceEvent::Start { .. } => "start",
            TraceEvent::ModelReply { .. } => "model",
            TraceEvent::Code { .. } => "code",
            TraceEvent::ReplOutput { .. } => "output",
            TraceEvent::SubCall { .. } => "sub",
            TraceEvent::Notice { .. } => "notice",
            TraceEvent::Finish { .. } => "finish",
        })
        .collect()
}

#[test]
fn split_and_count_then_final_var() {
    let run = Run::new(trajectory(
        vec![
            repl("lines = context.splitlines()\nprint(len(lines))\nprint(lines[0])"),
            repl("errors = [l for l in lines if ' ERROR ' in l]\nn = len(errors)\nprint(n)"),
            repl("FINAL_VAR('n')"),
        ],
        vec![],
        |_| String::new(),
    ));
    let Some(result) = run.ask(
        "How many ERROR lines are there?",
        ContextSource::Text(log_context()),
    ) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (
            result.answer.as_str(),
            &result.stop_reason,
            result.iterations
        ),
        ("43", &StopReason::Final, 3)
    );
    let roots = run.root_requests();
    assert_eq!(roots.len(), 3);
    // Turn 2 saw exactly what turn 1 printed; turn 3 saw the count.
    assert!(
        roots[1]
            .last_user
            .starts_with("Output:\n300\n2026-01-01T00:00:00 ERROR worker-0 handled request 0\n"),
        "{}",
        roots[1].last_user
    );
    assert!(
        roots[2].last_user.starts_with("Output:\n43\n"),
        "{}",
        roots[2].last_user
    );
    // The model got the description, never the text.
    assert!(
        roots[0].system.contains("`context` is a text of 16,"),
        "{}",
        roots[0].system
    );
    assert!(!roots[0].body.contains("handled request 17"));
    assert_eq!(result.subcalls, 0);
    assert_eq!(
        kinds(&result),
        [
            "start", "model", "code", "output", "model", "code", "output", "model", "code",
            "output", "finish"
        ]
    );
}

#[test]
fn llm_query_on_each_part_of_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.py"), "class Alpha:\n    pass\n").unwrap();
    std::fs::write(dir.path().join("b.py"), "def beta():\n    return 2\n").unwrap();
    std::fs::write(dir.path().join("c.py"), "class Gamma(Alpha):\n    x = 1\n").unwrap();
    let run = Run::new(trajectory(
        vec![
            repl(
                "import re\nparts = re.split(r'^# === FILE: (.*) ===$', context, flags=re.M)[1:]\nfiles = list(zip(parts[0::2], [b.lstrip('\\n') for b in parts[1::2]]))\nprint([f for f, _ in files])",
            ),
            repl(
                "found = [f for f, body in files if llm_query('Does this file define a class? Answer yes or no.\\n' + body).strip() == 'yes']\nFINAL(', '.join(found))",
            ),
        ],
        vec![],
        |prompt| {
            if prompt.contains("class ") {
                "yes".into()
            } else {
                "no".into()
            }
        },
    ));
    let context = ContextSource::Workspace {
        root: dir.path().to_path_buf(),
        list: rlm_engine::workspace::ListOptions::default(),
        index_dir: None,
    };
    let Some(result) = run.ask("Which files define a class?", context) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (result.answer.as_str(), &result.stop_reason, result.subcalls),
        ("a.py, c.py", &StopReason::Final, 3)
    );
    let roots = run.root_requests();
    assert!(
        roots[0]
            .system
            .contains("3 files. Each file starts with a header line")
    );
    assert!(
        roots[0]
            .system
            .contains("- a.py: 22\n- b.py: 25\n- c.py: 30\n"),
        "{}",
        roots[0].system
    );
    assert!(
        !roots[0].body.contains("def beta"),
        "the root must not see file contents"
    );
    assert!(roots[1].last_user.contains("['a.py', 'b.py', 'c.py']"));
    let mut subs: Vec<String> = run
        .sub_requests()
        .into_iter()
        .map(|r| r.last_user)
        .collect();
    subs.sort();
    assert_eq!(
        subs,
        [
            "Does this file define a class? Answer yes or no.\nclass Alpha:\n    pass\n",
            "Does this file define a class? Answer yes or no.\nclass Gamma(Alpha):\n    x = 1\n",
            "Does this file define a class? Answer yes or no.\ndef beta():\n    return 2\n",
        ]
    );
}

#[test]
fn batched_sub_calls_run_concurrently_within_max_parallel() {
    let root = [
        repl(
            "chunks = [context[i:i+100] for i in range(0, len(context), 100)][:6]\nanswers = llm_query_batched(['Summarise: ' + c for c in chunks])\nprint(answers)",
        ),
        repl("FINAL(str(len(answers)) + ' ' + answers[5])"),
    ];
    let handler: Handler = Arc::new(move |r: &RecordedRequest| {
        if r.model == "sub" {
            let n = r.last_user.len();
            return FakeReply::Delay(
                Duration::from_millis(400),
                Box::new(FakeReply::text(format!("len {n}"))),
            );
        }
        FakeReply::text(root[(iteration(r) - 1).min(1)].clone())
    });
    let mut run = Run::new(handler);
    run.budgets.max_parallel = 2;
    let Some(result) = run.ask("Summarise", ContextSource::Text("x".repeat(1000))) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!((result.answer.as_str(), result.subcalls), ("6 len 111", 6));
    assert_eq!(run.sub_requests().len(), 6);
    // The server counts the requests it is answering when each arrives.
    let peak = run
        .sub_requests()
        .iter()
        .map(|r| r.in_flight)
        .max()
        .unwrap_or(0);
    assert_eq!(peak, 2, "two in flight at once, never more");
    let numbered: std::collections::BTreeSet<(u32, u32)> = result
        .trace
        .iter()
        .filter_map(|r| match &r.event {
            TraceEvent::SubCall { index, of, .. } => Some((*index, *of)),
            _ => None,
        })
        .collect();
    assert_eq!(
        numbered.into_iter().collect::<Vec<_>>(),
        [(1, 200), (2, 200), (3, 200), (4, 200), (5, 200), (6, 200)]
    );
}

#[test]
fn rlm_query_recurses_one_level_and_falls_back_at_max_depth() {
    let root = vec![
        repl(
            "half = context[:len(context)//2]\nr = rlm_query('How many lines?', context=half)\nprint(r)",
        ),
        repl("FINAL('child says ' + r)"),
    ];
    let child = vec![repl("FINAL(str(len(context.splitlines())))")];
    let run = Run::new(trajectory(root.clone(), child.clone(), |p| {
        format!("sub saw {} chars", p.len())
    }));
    let Some(result) = run.ask(
        "Count lines in the first half",
        ContextSource::Text("line\n".repeat(100)),
    ) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (
            result.answer.as_str(),
            result.max_depth_reached,
            result.subcalls
        ),
        ("child says 50", 1, 1)
    );
    let roots = run.root_requests();
    let child_turns: Vec<bool> = roots
        .iter()
        .map(|r| r.system.contains("You are at depth 1, the deepest allowed"))
        .collect();
    assert_eq!(child_turns, [false, true, false], "root, child, root");
    assert!(
        roots[1]
            .system
            .contains("`context` is a text of 250 characters")
    );
    assert_eq!(
        roots[1].last_user.lines().next(),
        Some("Question: How many lines?")
    );

    // With max_depth 0 the same call is one plain sub-call carrying the context.
    let mut flat = Run::new(trajectory(root, child, |p| {
        format!("sub saw {} chars", p.len())
    }));
    flat.budgets.max_depth = 0;
    let result = flat
        .ask("Count lines", ContextSource::Text("line\n".repeat(100)))
        .unwrap()
        .unwrap();
    assert_eq!(
        (result.answer.as_str(), result.max_depth_reached),
        ("child says sub saw 271 chars", 0)
    );
    assert_eq!(
        flat.sub_requests()[0].last_user,
        format!("How many lines?\n\n---\n{}", "line\n".repeat(50))
    );
}

#[test]
fn a_reply_without_code_is_nudged_and_prose_final_is_only_a_fallback() {
    let run = Run::new(trajectory(
        vec![
            "I believe the answer is 7.".into(),
            // Code that raises next to a prose FINAL: the prose is not accepted.
            format!("{}FINAL(guess)\n", repl("x = undefined_name")),
            "FINAL(\"it is 12\")".into(),
        ],
        vec![],
        |_| String::new(),
    ));
    let Some(result) = run.ask("What?", ContextSource::Text("abc".into())) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (
            result.answer.as_str(),
            &result.stop_reason,
            result.iterations
        ),
        ("it is 12", &StopReason::ProseFinal, 3)
    );
    let roots = run.root_requests();
    assert!(
        roots[1]
            .last_user
            .starts_with("Your last message had no ```repl``` block"),
        "{}",
        roots[1].last_user
    );
    assert!(
        roots[2]
            .last_user
            .contains("NameError: name 'undefined_name' is not defined"),
        "{}",
        roots[2].last_user
    );
}

#[test]
fn syntax_errors_and_refused_code_are_fed_back_and_the_run_goes_on() {
    let run = Run::new(trajectory(
        vec![
            repl("def broken(:\n    pass"),
            repl("import os\nprint(os.listdir('/'))"),
            repl("FINAL('recovered')"),
        ],
        vec![],
        |_| String::new(),
    ));
    let Some(result) = run.ask("Try things", ContextSource::Text("abc".into())) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (result.answer.as_str(), &result.stop_reason),
        ("recovered", &StopReason::Final)
    );
    let roots = run.root_requests();
    assert!(
        roots[1]
            .last_user
            .contains("- line 1: unparsable: syntax the checker cannot parse"),
        "{}",
        roots[1].last_user
    );
    assert!(
        roots[2]
            .last_user
            .contains("Refused by the sandbox's static checks; nothing ran:\n- line 1: "),
        "{}",
        roots[2].last_user
    );
    let outcomes: Vec<String> = result
        .trace
        .iter()
        .filter_map(|r| match &r.event {
            TraceEvent::ReplOutput { outcome, .. } => Some(outcome.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(outcomes, ["blocked", "blocked", "completed"]);
}

#[test]
fn endless_output_is_cut_before_it_reaches_the_model() {
    let mut run = Run::new(trajectory(
        vec![
            repl("for i in range(300000):\n    print('line', i)"),
            repl("FINAL('done')"),
        ],
        vec![],
        |_| String::new(),
    ));
    run.options.max_output_chars = 5_000;
    let Some(result) = run.ask("Print a lot", ContextSource::Text("abc".into())) else {
        return;
    };
    assert_eq!(result.unwrap().answer, "done");
    let fed = &run.root_requests()[1].last_user;
    assert!(fed.len() < 6_000, "{} bytes fed back", fed.len());
    assert!(
        fed.contains("characters cut: print summaries or slices"),
        "{fed}"
    );
    assert!(fed.starts_with("Output:\nline 0\nline 1\n"));
}

#[test]
fn a_model_that_never_finishes_stops_at_the_iteration_budget_with_its_best_answer() {
    let mut run = Run::new(trajectory(
        vec![format!(
            "Still looking, maybe 5.\n{}",
            repl("print('looking')")
        )],
        vec![],
        |_| String::new(),
    ));
    run.budgets.max_iterations = 3;
    let Some(result) = run.ask("Loop forever", ContextSource::Text("abc".into())) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (
            result.answer.as_str(),
            &result.stop_reason,
            result.iterations
        ),
        (
            "Still looking, maybe 5.\nLet me run this.",
            &StopReason::MaxIterations,
            3
        )
    );
    let roots = run.root_requests();
    assert_eq!(roots.len(), 3);
    assert!(!roots[1].last_user.contains("This is your last turn"));
    assert!(
        roots[2].last_user.contains("This is your last turn"),
        "{}",
        roots[2].last_user
    );
}

#[test]
fn a_cost_overrun_ends_the_run_with_the_reason() {
    let handler: Handler = Arc::new(|r: &RecordedRequest| {
        let text = if r.model == "sub" {
            "fine".to_string()
        } else {
            repl("a = llm_query('x')\nprint(a)")
        };
        FakeReply::TextWithUsage(
            text,
            Usage {
                input_tokens: 10_000,
                output_tokens: 1_000,
            },
        )
    });
    let mut run = Run::new(handler);
    for model in ["root", "sub"] {
        run.providers.prices.insert(
            model.into(),
            Price {
                input_per_mtok: 1.0,
                output_per_mtok: 10.0,
            },
        );
    }
    // Each call costs $0.02: the root's first turn plus its sub-call make $0.04 > $0.03.
    run.budgets.max_cost_usd = Some(0.03);
    let Some(result) = run.ask("Spend", ContextSource::Text("abc".into())) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (&result.stop_reason, result.iterations, result.subcalls),
        (&StopReason::MaxCost, 1, 1)
    );
    assert!((result.cost_usd - 0.04).abs() < 1e-9, "{}", result.cost_usd);
    assert_eq!(
        result.answer, "fine",
        "the best partial answer is the last output"
    );
    assert_eq!(run.root_requests().len(), 1);
}

#[test]
fn the_subcall_budget_refuses_calls_and_ends_the_run() {
    let mut run = Run::new(trajectory(
        vec![repl(
            "try:\n    llm_query_batched(['a', 'b', 'c', 'd'])\nexcept HostCallError as e:\n    print('refused:', e)",
        )],
        vec![],
        |_| "ok".into(),
    ));
    run.budgets.max_subcalls = 3;
    let Some(result) = run.ask("Batch", ContextSource::Text("abc".into())) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (&result.stop_reason, result.subcalls),
        (&StopReason::MaxSubcalls, 0)
    );
    assert!(
        result
            .answer
            .starts_with("refused: sub-call budget spent (max_subcalls = 3)"),
        "{}",
        result.answer
    );
    assert!(run.sub_requests().is_empty());
}

#[test]
fn cancellation_stops_an_in_flight_model_call() {
    let run = Run::new(Arc::new(|_: &RecordedRequest| {
        FakeReply::Delay(
            Duration::from_secs(20),
            Box::new(FakeReply::text("too late")),
        )
    }));
    let cancel = run.cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        cancel.cancel();
    });
    let started = std::time::Instant::now();
    let Some(result) = run.ask("Anything", ContextSource::Text("abc".into())) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (&result.stop_reason, result.iterations),
        (&StopReason::Cancelled, 0)
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_wall_time_budget_stops_a_slow_model() {
    let mut run = Run::new(Arc::new(|_: &RecordedRequest| {
        FakeReply::Delay(
            Duration::from_secs(20),
            Box::new(FakeReply::text("too late")),
        )
    }));
    run.budgets.max_wall = Some(Duration::from_secs(2));
    let Some(result) = run.ask("Anything", ContextSource::Text("abc".into())) else {
        return;
    };
    assert_eq!(result.unwrap().stop_reason, StopReason::WallTime);
}

#[test]
fn provider_failures_end_the_run_with_an_actionable_error() {
    let cases: Vec<(Handler, &str)> = vec![
        (
            Arc::new(|_: &RecordedRequest| {
                FakeReply::status(401, r#"{"error":{"message":"bad key"}}"#)
            }),
            "openai-compatible rejected the API key (HTTP 401): set OPENAI_COMPATIBLE_API_KEY",
        ),
        (
            Arc::new(|_: &RecordedRequest| FakeReply::status(500, "boom")),
            "openai-compatible kept failing after 3 attempts (last: HTTP 500: boom)",
        ),
        (
            Arc::new(|_: &RecordedRequest| FakeReply::Raw("<html>gateway</html>".into())),
            "openai-compatible sent a response that is not what its API promises: not JSON",
        ),
        (
            Arc::new(|_: &RecordedRequest| FakeReply::Drop),
            "the connection to http://127.0.0.1:",
        ),
    ];
    for (handler, expected) in cases {
        let run = Run::new(handler);
        let Some(result) = run.ask("Anything", ContextSource::Text("abc".into())) else {
            return;
        };
        let err = result.unwrap_err().to_string();
        assert!(err.starts_with(expected), "{err}");
    }
}

#[test]
fn rate_limited_root_call_is_retried_and_the_run_completes() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let run = Run::new(Arc::new(move |_: &RecordedRequest| {
        if seen.fetch_add(1, Ordering::SeqCst) == 0 {
            return FakeReply::Status {
                status: 429,
                body: "{}".into(),
                headers: vec![("retry-after".into(), "0".into())],
            };
        }
        FakeReply::text(repl("FINAL('ok')"))
    }));
    let Some(result) = run.ask("Anything", ContextSource::Text("abc".into())) else {
        return;
    };
    assert_eq!(result.unwrap().answer, "ok");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn a_ten_million_token_context_is_never_sent_to_any_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.log");
    let needle = "NEEDLE-7f3a9c-the-vault-code-is-31415";
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let line = "2026-01-01 INFO request served in 12 ms by worker seven of the pool\n";
        let lines = 40_000_000 / line.len();
        for i in 0..lines {
            if i == lines / 2 {
                writeln!(file, "{needle}").unwrap();
            }
            file.write_all(line.as_bytes()).unwrap();
        }
    }
    let run = Run::new(trajectory(
        vec![
            repl("print(len(context))\ni = context.find('NEEDLE-')\nprint(i)"),
            repl(
                "snippet = context[i:i+200].splitlines()[0]\nprint(llm_query('What is the code in: ' + snippet))",
            ),
            repl("FINAL(context[i:i+200].splitlines()[0].rsplit('-', 1)[1])"),
        ],
        vec![],
        |p| format!("I read {} chars", p.len()),
    ));
    let Some(result) = run.ask("What is the vault code?", ContextSource::File(path.clone())) else {
        return;
    };
    let result = result.unwrap();
    assert_eq!(
        (result.answer.as_str(), &result.stop_reason),
        ("31415", &StopReason::Final)
    );
    let requests = run.server.requests();
    assert_eq!(requests.len(), 4, "three root turns and one sub-call");
    for r in &requests {
        assert!(
            r.body.len() < 20_000,
            "a request of {} bytes reached the model",
            r.body.len()
        );
        assert!(
            !r.body.contains("served in 12 ms by worker seven"),
            "context text reached the model"
        );
    }
    assert!(
        requests[0]
            .system
            .contains("40,000,018 characters (about 10,000,005 tokens)"),
        "{}",
        requests[0].system
    );
}

/// Writes `billing.py` into `dir` and indexes the folder (with whatever else the test put
/// there) as `rlm index` would.
fn index_billing(dir: &Path) -> rlm_engine::index::IndexSettings {
    std::fs::write(
        dir.join("billing.py"),
        "def compute_invoice_total(items):\n    return sum(i.price for i in items)\n",
    )
    .unwrap();
    let settings =
        rlm_engine::index::IndexSettings::new(dir, &rlm_engine::config::Config::default(), None);
    rlm_engine::index::index_workspace(dir, &settings, &rlm_engine::index::NoProgress).unwrap();
    settings
}

/// The indexed workspace `dir` as the loop's context.
fn workspace_context(dir: &Path, settings: &rlm_engine::index::IndexSettings) -> ContextSource {
    ContextSource::Workspace {
        root: dir.to_path_buf(),
        list: settings.list.clone(),
        index_dir: Some(settings.dir.clone()),
    }
}

#[test]
fn retrieve_searches_the_workspace_index() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("auth.py"),
        "def login(user):\n    return user\n",
    )
    .unwrap();
    let settings = index_billing(dir.path());
    let run = Run::new(trajectory(
        vec![repl(
            "hits = retrieve('invoice total', k=1)\nFINAL(hits[0]['path'] + ':' + str(hits[0]['start_line']))",
        )],
        vec![],
        |_| String::new(),
    ));
    let context = workspace_context(dir.path(), &settings);
    let Some(result) = run.ask("Where are invoices totalled?", context) else {
        return;
    };
    assert_eq!(result.unwrap().answer, "billing.py:1");

    // Without an index, retrieve() raises with what to do.
    let run = Run::new(trajectory(
        vec![repl(
            "try:\n    retrieve('x')\nexcept HostCallError as e:\n    FINAL(str(e))",
        )],
        vec![],
        |_| String::new(),
    ));
    let Some(result) = run.ask("x", ContextSource::Text("abc".into())) else {
        return;
    };
    assert!(
        result
            .unwrap()
            .answer
            .starts_with("retrieve() needs an indexed workspace context (run `rlm index PATH`)"),
    );
}

#[test]
fn retrieve_falls_back_to_bm25_with_a_note_when_the_retrieval_models_are_missing() {
    let dir = tempfile::tempdir().unwrap();
    let no_models = dir.path().join("no-models");
    std::fs::write(
        dir.path().join("rlm.toml"),
        format!("[models]\ndir = {:?}\n", no_models.to_str().unwrap()),
    )
    .unwrap();
    let settings = index_billing(dir.path());
    let run = Run::new(trajectory(
        vec![repl(
            "hits = retrieve('invoice total', k=1)\nFINAL(hits[0]['path'] + '|' + hits[0]['method'] + '|' + hits[0]['note'][:56])",
        )],
        vec![],
        |_| String::new(),
    ));
    let context = workspace_context(dir.path(), &settings);
    let Some(result) = run.ask("Where are invoices totalled?", context) else {
        return;
    };
    assert_eq!(
        result.unwrap().answer,
        "billing.py|bm25|BM25 fallback: the configured retrieval is unavailable ("
    );
}

#[test]
fn retrieve_uses_the_retriever_the_run_was_given_not_the_config_read_again() {
    // The workspace's rlm.toml asks for vectors from a models folder that does not exist; the
    // run is given a retriever set to BM25 (as a face with its own settings would build it).
    // Every retrieve() must use that one: reading rlm.toml again per call would try the vectors
    // and fall back with a note.
    let dir = tempfile::tempdir().unwrap();
    let no_models = dir.path().join("no-models");
    std::fs::write(
        dir.path().join("rlm.toml"),
        format!(
            "[retrieval]\nmethod = \"vector\"\n[models]\ndir = {:?}\n",
            no_models.to_str().unwrap()
        ),
    )
    .unwrap();
    let settings = index_billing(dir.path());
    let loaded = rlm_engine::config::Config::load(dir.path()).unwrap();
    let mut retriever =
        rlm_engine::retrieval::Retriever::new(dir.path(), &settings.dir, &loaded).unwrap();
    retriever.config_mut().method = rlm_engine::retrieval::Method::Bm25;
    retriever.config_mut().infiniretri_threshold = 10;
    let retrieval = rlm_engine::ask::loop_retrieval(
        dir.path(),
        &settings.dir,
        &loaded,
        Some(Arc::new(retriever)),
    );
    let run = Run::new(trajectory(
        vec![repl(
            "a = retrieve('invoice total', k=1)\nb = retrieve('invoice total', k=1)\nFINAL(' '.join(h['path'] + '|' + h['method'] + '|' + str('note' in h) for h in a + b))",
        )],
        vec![],
        |_| String::new(),
    ));
    let context = workspace_context(dir.path(), &settings);
    let Some(result) = run.ask_with("Where are invoices totalled?", context, Some(retrieval))
    else {
        return;
    };
    assert_eq!(
        result.unwrap().answer,
        "billing.py|bm25|False billing.py|bm25|False"
    );
    // The threshold is the given retriever's too (rlm.toml keeps the default 400,000).
    assert!(
        run.server.requests()[0]
            .system
            .contains("This context is large: start with `retrieve(question, k)`")
    );
}

#[test]
fn root_prompt_offers_retrieve_first_above_the_infiniretri_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let settings = index_billing(dir.path());
    let sentence = "This context is large: start with `retrieve(question, k)`";
    // (threshold, whether the root prompt offers retrieve() first)
    for (threshold, offered) in [(10u64, true), (1_000_000, false)] {
        std::fs::write(
            dir.path().join("rlm.toml"),
            format!("[retrieval]\ninfiniretri_threshold = {threshold}\n"),
        )
        .unwrap();
        let run = Run::new(trajectory(vec![repl("FINAL('ok')")], vec![], |_| {
            String::new()
        }));
        let context = workspace_context(dir.path(), &settings);
        let Some(result) = run.ask("Where are invoices totalled?", context) else {
            return;
        };
        assert_eq!(result.unwrap().answer, "ok");
        let requests = run.server.requests();
        assert_eq!(
            requests[0].system.contains(sentence),
            offered,
            "threshold {threshold}: {}",
            requests[0].system
        );
    }
}

#[test]
fn retrieve_uses_the_configured_hybrid_retrieval_when_the_models_are_installed() {
    let dir = tempfile::tempdir().unwrap();
    let settings = index_billing(dir.path());
    let loaded = rlm_engine::config::Config::load(dir.path()).unwrap();
    let retriever =
        rlm_engine::retrieval::Retriever::new(dir.path(), &settings.dir, &loaded).unwrap();
    if let Err(e) = retriever
        .embedder()
        .and_then(|_| retriever.attention_model().map(|_| ()))
    {
        skip::skip(
            skip::Need::Models,
            &format!("the retrieval models are not installed here: {e}"),
        );
        return;
    }
    let run = Run::new(trajectory(
        vec![repl(
            "hits = retrieve('invoice total', k=1)\nFINAL(hits[0]['path'] + '|' + hits[0]['method'] + '|' + str('note' in hits[0]))",
        )],
        vec![],
        |_| String::new(),
    ));
    let context = workspace_context(dir.path(), &settings);
    let Some(result) = run.ask("Where are invoices totalled?", context) else {
        return;
    };
    assert_eq!(result.unwrap().answer, "billing.py|hybrid|False");
}

/// A workspace with a memory store (key file in `.rlm/`): `user` owns it, `a1` is cleared for
/// `internal` only; one internal and one confidential memory both match the question.
fn workspace_with_memories() -> tempfile::TempDir {
    use rlm_engine::memory::{MemoryConfig, MemoryStore, NewEpisode, StoreOptions, Zone};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deploy.sh"), "make release\n").unwrap();
    let mut options = StoreOptions::for_workspace(dir.path(), &MemoryConfig::default()).unwrap();
    options.key = rlm_engine::memory::KeySource::File(dir.path().join(".rlm/memory.key"));
    let store = MemoryStore::open(options).unwrap();
    store.grant("user", "a1", Zone::Internal).unwrap();
    store
        .add(
            "user",
            NewEpisode::note(
                "Deploys of the payments service go through make release",
                Zone::Internal,
            ),
        )
        .unwrap();
    store
        .add(
            "user",
            NewEpisode::note(
                "The payments service deploy key lives in vault path secret/pay",
                Zone::Confidential,
            ),
        )
        .unwrap();
    dir
}

fn recall_as(dir: &Path, agent: &str, question: &str) -> MemoryRecall {
    // The store is keyed by its key file; a key in the environment would be another key.
    assert!(std::env::var_os("RLM_MEMORY_KEY").is_none());
    let loaded = rlm_engine::config::Config::load(dir).unwrap();
    rlm_engine::ask::recall_memory(dir, &loaded, Some(agent), question)
        .unwrap()
        .expect("the workspace has a store")
}

#[test]
fn root_repl_memory_holds_the_recalled_memories_and_the_prompt_counts_them() {
    let dir = workspace_with_memories();
    let question = "How are payments service deploys done?";
    let mut run = Run::new(trajectory(
        vec![repl(
            "FINAL(' | '.join(m['level'] + '/' + m['zone'] + '/' + m['kind'] + ': ' + m['text'] + ' ' + str(m['fact']) for m in memory) + ' ; ' + str(sorted(memory[0].keys())))",
        )],
        vec![],
        |_| String::new(),
    ));
    run.memory = Some(recall_as(dir.path(), "a1", question));
    let context = ContextSource::Text("make release\n".into());
    let Some(result) = run.ask(question, context) else {
        return;
    };
    assert_eq!(
        result.unwrap().answer,
        "episode/internal/note: Deploys of the payments service go through make release None ; \
         ['fact', 'kind', 'level', 'score', 'text', 'updated_at', 'zone']"
    );
    let system = &run.root_requests()[0].system;
    assert!(
        system.contains(
            "`memory` is a list of 1 memory recalled for this question from the workspace's shared memory (as agent a1; ranked by "
        ),
        "{system}"
    );
    // The store itself never reaches the model, nor does the memory text.
    assert!(!system.contains("Deploys of the payments"), "{system}");
}

#[test]
fn memory_in_a_zone_the_agent_is_not_cleared_for_is_not_in_the_variable() {
    let dir = workspace_with_memories();
    let question = "Where does the payments service deploy key live?";
    // The owner, cleared for secret, recalls both: the confidential one does match.
    let owner = recall_as(dir.path(), "user", question);
    let zones: Vec<String> = owner.items.iter().map(|m| m.zone.to_string()).collect();
    assert_eq!(owner.items.len(), 2, "{zones:?}");
    let mut run = Run::new(trajectory(
        vec![repl(
            "FINAL(str(len(memory)) + ' ' + ','.join(m['zone'] for m in memory) + ' ' + str(any('vault' in m['text'] for m in memory)))",
        )],
        vec![],
        |_| String::new(),
    ));
    run.memory = Some(recall_as(dir.path(), "a1", question));
    let Some(result) = run.ask(question, ContextSource::Text("x".into())) else {
        return;
    };
    assert_eq!(result.unwrap().answer, "1 internal False");
    // An agent nobody granted anything reads public only: an empty list, and the prompt says so.
    let mut run = Run::new(trajectory(
        vec![repl("FINAL(repr(memory))")],
        vec![],
        |_| String::new(),
    ));
    run.memory = Some(recall_as(dir.path(), "stranger", question));
    let Some(result) = run.ask(question, ContextSource::Text("x".into())) else {
        return;
    };
    assert_eq!(result.unwrap().answer, "[]");
    assert!(
        run.root_requests()[0]
            .system
            .contains("`memory` is an empty list (nothing in the workspace's memory matched this question) from the workspace's shared memory (as agent stranger;")
    );
}

#[test]
fn without_memory_the_repl_has_no_memory_variable_and_the_prompt_does_not_mention_it() {
    let run = Run::new(trajectory(
        vec![repl("FINAL(str('memory' in SHOW_VARS()))")],
        vec![],
        |_| String::new(),
    ));
    let Some(result) = run.ask("Anything remembered?", ContextSource::Text("x".into())) else {
        return;
    };
    assert_eq!(result.unwrap().answer, "False");
    assert!(!run.root_requests()[0].system.contains("`memory`"));
}
