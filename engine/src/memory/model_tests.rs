//! The model-backed summariser and contradiction judge against the fake model server on
//! 127.0.0.1 (the real OpenAI wire format, the real provider layer), with a real store: model
//! summaries, the extractive fallback on garbage, failures and a spent budget, judged
//! contradictions settled by the conflict policy, and garbage judgements raising nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use super::*;
use crate::providers::fake_server::{FakeReply, FakeServer, Handler, RecordedRequest};
use crate::providers::{ProvidersConfig, build_model};

struct Fixture {
    server: FakeServer,
    model: Arc<MemoryModel>,
    _dir: tempfile::TempDir,
    store: MemoryStore,
}

fn fixture(handler: Handler, config: MemoryConfig, max_calls: usize) -> Fixture {
    let server = FakeServer::start(handler).unwrap();
    let mut providers = ProvidersConfig {
        retry_base_ms: 5,
        max_retries: 1,
        timeout_secs: 10,
        ..ProvidersConfig::default()
    };
    server.route_openai_compatible(&mut providers);
    let chat = build_model("openai-compatible:http://fake/v1#memo", &providers, None).unwrap();
    let model = Arc::new(
        MemoryModel::new(
            chat,
            ModelBudget {
                max_calls,
                max_tokens: 200,
                max_cost_usd: None,
            },
        )
        .unwrap(),
    );
    let dir = tempfile::tempdir().unwrap();
    let store = MemoryStore::open(StoreOptions {
        path: dir.path().join("memory.db"),
        key: KeySource::Material(KeyMaterial::Raw([3; 32])),
        config,
        owner: "owner".into(),
    })
    .unwrap()
    .with_model(Arc::clone(&model));
    Fixture {
        server,
        model,
        _dir: dir,
        store,
    }
}

fn config() -> MemoryConfig {
    MemoryConfig {
        consolidate_every: 0,
        judge_candidates: 0,
        ..MemoryConfig::default()
    }
}

fn note(text: &str) -> NewEpisode {
    NewEpisode::note(text, Zone::Internal)
}

fn traces(store: &MemoryStore) -> Vec<String> {
    let mut texts: Vec<String> = store
        .list("owner", Level::Trace, 50)
        .unwrap()
        .0
        .into_iter()
        .map(|item| item.text)
        .collect();
    texts.sort();
    texts
}

#[test]
fn model_writes_summaries_and_garbage_falls_back_to_extractive_with_the_reason() {
    // Deploy clusters get a real summary; anything else gets prose instead of the JSON asked for.
    let f = fixture(
        Arc::new(|r: &RecordedRequest| {
            if r.last_user.contains("make release") {
                FakeReply::text(
                    "{\"summary\": \"Deploys run `make release` from the build host after CI is green.\"}",
                )
            } else {
                FakeReply::text("These memories are about webhooks, I think.")
            }
        }),
        config(),
        50,
    );
    for text in [
        "Deploys run make release from the build host",
        "Run make release to deploy once CI is green",
        "The payments webhook skips signature checks",
        "Payments webhook signature checks are skipped in staging",
    ] {
        f.store.add("owner", note(text)).unwrap();
    }
    let report = f.store.consolidate(&mut |_| {}).unwrap();
    assert_eq!(
        report.summarizer,
        "model openai-compatible:http://fake/v1#memo"
    );
    assert_eq!(report.traces_created, 2);
    // Two traces, two categories over them and the zone's domain profile: the three whose
    // sources mention the deploy got the model's summary, the webhook trace and category fell back.
    assert_eq!(
        report.model_summaries,
        Some(SummaryTally {
            by_model: 3,
            fell_back: 2,
            last_fallback_reason: Some(
                "the reply is not the JSON object asked for: \"These memories are about webhooks, I think.\"".into()
            ),
        })
    );
    let texts = traces(&f.store);
    assert_eq!(
        texts[0],
        "Deploys run `make release` from the build host after CI is green."
    );
    assert!(texts[1].starts_with("Topics: "), "{}", texts[1]);
    assert!(
        texts[1].contains("The payments webhook skips signature checks"),
        "{}",
        texts[1]
    );
    // The model was asked with the summary prompt and the members' texts.
    let first = &f.server.requests()[0];
    assert!(
        first.system.starts_with("You consolidate the memory"),
        "{}",
        first.system
    );
    assert!(
        first
            .last_user
            .starts_with("Summarise these 2 memories into one trace summary.")
    );
}

#[test]
fn failing_model_and_spent_budget_fall_back_to_extractive() {
    let f = fixture(
        Arc::new(|_: &RecordedRequest| FakeReply::status(500, "{\"error\": \"overloaded\"}")),
        config(),
        1,
    );
    f.store
        .add(
            "owner",
            note("Deploys run make release from the build host"),
        )
        .unwrap();
    f.store
        .add("owner", note("The payments webhook skips signature checks"))
        .unwrap();
    let report = f.store.consolidate(&mut |_| {}).unwrap();
    let tally = report.model_summaries.unwrap();
    // Two traces, two categories, one domain profile: all extractive.
    assert_eq!((tally.by_model, tally.fell_back), (0, 5));
    // One call was allowed and failed; the second never reached the server.
    assert_eq!(
        tally.last_fallback_reason.as_deref(),
        Some("model budget spent (1 calls; [memory] model_max_calls)")
    );
    assert_eq!(f.model.calls(), 1);
    assert_eq!(f.server.requests().len(), 2, "one call, one retry");
    let texts = traces(&f.store);
    assert_eq!(
        texts,
        vec![
            "Deploys run make release from the build host".to_string(),
            "The payments webhook skips signature checks".to_string()
        ]
    );
    // The budget is per operation: the next consolidation may call the model again.
    f.store
        .add("owner", note("Rotate the signing keys every quarter"))
        .unwrap();
    let again = f.store.consolidate(&mut |_| {}).unwrap();
    assert_eq!(again.model_summaries.unwrap().by_model, 0);
    assert_eq!(f.model.calls(), 1);
    assert_eq!(f.server.requests().len(), 4);
}

/// A judge that sees a contradiction when the two texts name different port numbers.
fn port_judge() -> Handler {
    Arc::new(|r: &RecordedRequest| {
        let port = |part: &str| {
            part.split_whitespace()
                .find(|w| w.chars().all(|c| c.is_ascii_digit()) && w.len() == 4)
                .map(str::to_string)
        };
        let (stored, new) = r.last_user.split_once("\n\nNEW:\n").unwrap();
        match (port(stored), port(new)) {
            (Some(a), Some(b)) if a != b => FakeReply::text(format!(
                "{{\"contradicts\": true, \"reason\": \"the port changed from {a} to {b}\"}}"
            )),
            _ => FakeReply::text("{\"contradicts\": false, \"reason\": \"no conflict\"}"),
        }
    })
}

#[test]
fn judged_contradiction_supersedes_the_agents_own_memory_and_queues_another_agents() {
    let f = fixture(
        port_judge(),
        MemoryConfig {
            judge_candidates: 3,
            ..config()
        },
        50,
    );
    f.store.grant("owner", "a2", Zone::Internal).unwrap();
    let first = f
        .store
        .add("owner", note("The staging database listens on port 5432"))
        .unwrap();
    assert_eq!(
        first.judged,
        Some(JudgeReport {
            judge: "model openai-compatible:http://fake/v1#memo".into(),
            compared: 0,
            contradiction: None,
            unjudged: vec![],
        })
    );
    let unrelated = f
        .store
        .add("owner", note("The staging database runs nightly backups"))
        .unwrap();
    assert_eq!(unrelated.reconsolidation, None);
    assert_eq!(unrelated.judged.as_ref().unwrap().compared, 1);
    // The same agent corrects itself: the old memory becomes history.
    let own = f
        .store
        .add(
            "owner",
            note("The staging database now listens on port 5433"),
        )
        .unwrap();
    assert_eq!(
        own.reconsolidation,
        Some(Reconsolidation::Superseded {
            previous: first.id.clone()
        })
    );
    assert_eq!(
        own.judged.as_ref().unwrap().contradiction,
        Some(JudgedContradiction {
            existing: first.id.clone(),
            reason: "the port changed from 5432 to 5433".into()
        })
    );
    let old = f.store.get("owner", &first.id).unwrap();
    assert_eq!(
        (old.fact_state, old.superseded_by.as_deref()),
        (Some(FactState::Superseded), Some(own.id.as_str()))
    );
    let hits = f
        .store
        .search("owner", &SearchRequest::new("staging database port", 10))
        .unwrap();
    assert!(hits.hits.iter().all(|h| h.item.id != first.id));
    // Another agent disagrees: queued for review, nothing superseded.
    let other = f
        .store
        .add("a2", note("The staging database listens on port 6000"))
        .unwrap();
    let Some(Reconsolidation::Queued { conflict, existing }) = other.reconsolidation else {
        panic!(
            "expected a queued conflict, got {:?}",
            other.reconsolidation
        );
    };
    assert_eq!(existing, own.id);
    let conflicts = f.store.conflicts("owner", false).unwrap();
    assert_eq!(
        conflicts
            .iter()
            .map(|c| (
                c.id,
                c.key.as_str(),
                c.existing.id.as_str(),
                c.incoming.id.as_str()
            ))
            .collect::<Vec<_>>(),
        vec![(
            conflict,
            "(judged by the model)",
            own.id.as_str(),
            other.id.as_str()
        )]
    );
    let settled = f
        .store
        .resolve_conflict("owner", conflict, Keep::Incoming)
        .unwrap();
    assert_eq!(settled.status, ConflictStatus::KeptIncoming);
}

#[test]
fn garbage_judgement_raises_no_conflict_and_is_reported() {
    let f = fixture(
        Arc::new(|_: &RecordedRequest| FakeReply::text("YES!!! they totally conflict")),
        MemoryConfig {
            judge_candidates: 3,
            on_conflict: ConflictPolicy::Supersede,
            ..config()
        },
        50,
    );
    let first = f
        .store
        .add("owner", note("The staging database listens on port 5432"))
        .unwrap();
    let second = f
        .store
        .add("owner", note("The staging database listens on port 5433"))
        .unwrap();
    assert_eq!(second.reconsolidation, None);
    assert_eq!(
        second.judged,
        Some(JudgeReport {
            judge: "model openai-compatible:http://fake/v1#memo".into(),
            compared: 1,
            contradiction: None,
            unjudged: vec![format!(
                "{}: the reply is not the JSON object asked for: \"YES!!! they totally conflict\"",
                first.id
            )],
        })
    );
    assert_eq!(f.store.get("owner", &first.id).unwrap().fact_state, None);
    assert!(f.store.conflicts("owner", true).unwrap().is_empty());
}

#[test]
fn key_value_rule_settles_facts_without_asking_the_judge() {
    let f = fixture(
        port_judge(),
        MemoryConfig {
            judge_candidates: 3,
            ..config()
        },
        50,
    );
    f.store.add("owner", note("database port = 5432")).unwrap();
    let second = f.store.add("owner", note("database port = 5433")).unwrap();
    assert!(matches!(
        second.reconsolidation,
        Some(Reconsolidation::Superseded { .. })
    ));
    assert_eq!(second.judged, None);
    // The first fact met no stored episode to compare with; the second was settled by the rule.
    assert!(f.server.requests().is_empty());
}
