//! Store-level tests: every behaviour against a real SQLite file with real AES-GCM.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::synthetic::history;
use super::*;

const OWNER: &str = "owner";

fn key(byte: u8) -> KeyMaterial {
    KeyMaterial::Raw([byte; 32])
}

fn quiet_config() -> MemoryConfig {
    MemoryConfig {
        consolidate_every: 0,
        ..MemoryConfig::default()
    }
}

fn open_with(path: &Path, key: KeySource, config: MemoryConfig) -> Result<MemoryStore> {
    MemoryStore::open(StoreOptions {
        path: path.to_path_buf(),
        key,
        config,
        owner: OWNER.into(),
    })
}

fn open(dir: &Path) -> MemoryStore {
    open_with(
        &dir.join("memory.db"),
        KeySource::Material(key(7)),
        quiet_config(),
    )
    .unwrap()
}

fn episode(text: &str, zone: Zone) -> NewEpisode {
    NewEpisode::note(text, zone)
}

fn file_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap_or_default();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(PathBuf::from(wal)).unwrap_or_default());
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn encrypted_store_round_trips_and_holds_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let id = store
        .add(
            OWNER,
            episode(
                "The deploy password is kangaroo-42 for staging",
                Zone::Secret,
            ),
        )
        .unwrap()
        .id;
    let item = store.get(OWNER, &id).unwrap();
    assert_eq!(item.text, "The deploy password is kangaroo-42 for staging");
    assert_eq!(
        (item.level, item.zone, item.kind),
        (Level::Episode, Zone::Secret, Kind::Note)
    );
    assert!(store.is_encrypted());
    drop(store);
    let bytes = file_bytes(&dir.path().join("memory.db"));
    assert!(
        !contains(&bytes, b"kangaroo"),
        "plaintext found in the database file"
    );
    assert!(
        !contains(&bytes, b"staging"),
        "a plaintext word found in the database file"
    );
    let store = open(dir.path());
    assert_eq!(store.get(OWNER, &id).unwrap().text, item.text);
}

#[test]
fn wrong_key_gives_a_clear_error_not_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.db");
    drop(open(dir.path()));
    let err = open_with(&path, KeySource::Material(key(8)), quiet_config()).unwrap_err();
    assert!(matches!(err, MemoryError::WrongKey { .. }), "{err}");
    assert!(
        err.to_string().contains("does not open this store"),
        "{err}"
    );
    let err = open_with(
        &path,
        KeySource::File(dir.path().join("absent.key")),
        quiet_config(),
    )
    .unwrap_err();
    assert!(matches!(err, MemoryError::MissingKey { .. }), "{err}");
    let err = open_with(&path, KeySource::PlaintextForBenchmarks, quiet_config()).unwrap_err();
    assert!(
        err.to_string().contains("cannot be opened without its key"),
        "{err}"
    );
}

#[test]
fn key_file_is_created_private_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("memory.key");
    let path = dir.path().join("memory.db");
    let store = open_with(&path, KeySource::File(key_file.clone()), quiet_config()).unwrap();
    let id = store
        .add(OWNER, episode("kept under a file key", Zone::Internal))
        .unwrap()
        .id;
    drop(store);
    let text = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(text.trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let store = open_with(&path, KeySource::File(key_file), quiet_config()).unwrap();
    assert_eq!(store.get(OWNER, &id).unwrap().text, "kept under a file key");
}

#[test]
fn flipped_byte_fails_authentication_for_that_record_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.db");
    let store = open(dir.path());
    let ids: Vec<String> = [
        "first memory about tokens",
        "second memory about tokens",
        "third memory about tokens",
    ]
    .iter()
    .map(|t| store.add(OWNER, episode(t, Zone::Internal)).unwrap().id)
    .collect();
    let ciphertext: Vec<u8> = store
        .conn
        .query_row(
            "SELECT ciphertext FROM items WHERE id = ?1",
            [&ids[1]],
            |r| r.get(0),
        )
        .unwrap();
    drop(store); // checkpoints the WAL into the main file
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes
        .windows(ciphertext.len())
        .position(|w| w == ciphertext.as_slice())
        .expect("the ciphertext is in the file");
    bytes[at + ciphertext.len() / 2] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();

    let store = open(dir.path());
    let err = store.get(OWNER, &ids[1]).unwrap_err();
    assert!(
        matches!(&err, MemoryError::Tampered { id } if id == &ids[1]),
        "{err}"
    );
    assert!(err.to_string().contains("failed authentication"), "{err}");
    assert_eq!(
        store.get(OWNER, &ids[0]).unwrap().text,
        "first memory about tokens"
    );
    assert_eq!(
        store.get(OWNER, &ids[2]).unwrap().text,
        "third memory about tokens"
    );
    let report = store.verify().unwrap();
    assert_eq!(report.records, 3);
    assert_eq!(
        report
            .damaged
            .iter()
            .map(|d| d.id.clone())
            .collect::<Vec<_>>(),
        vec![ids[1].clone()]
    );
    let results = store
        .search(OWNER, &SearchRequest::new("tokens memory", 10))
        .unwrap();
    assert_eq!(results.hits.len(), 2);
    assert_eq!(
        results
            .damaged
            .iter()
            .map(|d| d.id.clone())
            .collect::<Vec<_>>(),
        vec![ids[1].clone()]
    );
}

#[test]
fn access_is_denied_across_agents_and_zones_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.grant(OWNER, "a1", Zone::Internal).unwrap();
    let internal = store
        .add(
            "a1",
            episode("internal note on the billing service", Zone::Internal),
        )
        .unwrap()
        .id;
    let public = store
        .add(
            "a2",
            episode("public note on the billing service", Zone::Public),
        )
        .unwrap()
        .id;
    let secret = store
        .add(
            OWNER,
            episode("secret note on the billing service", Zone::Secret),
        )
        .unwrap()
        .id;

    let err = store
        .add("a1", episode("a1 tries confidential", Zone::Confidential))
        .unwrap_err();
    assert!(
        matches!(
            err,
            MemoryError::AccessDenied {
                zone: Zone::Confidential,
                clearance: Zone::Internal,
                ..
            }
        ),
        "{err}"
    );
    let err = store.get("a2", &internal).unwrap_err();
    assert!(
        matches!(
            err,
            MemoryError::AccessDenied {
                zone: Zone::Internal,
                clearance: Zone::Public,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("rlm memory grant"), "{err}");
    assert!(matches!(
        store.get("a1", &secret).unwrap_err(),
        MemoryError::AccessDenied { .. }
    ));
    let err = store
        .search(
            "a1",
            &SearchRequest {
                zone: Some(Zone::Secret),
                ..SearchRequest::new("billing", 10)
            },
        )
        .unwrap_err();
    assert!(matches!(err, MemoryError::AccessDenied { .. }), "{err}");

    let ids = |agent: &str| -> Vec<String> {
        let mut v: Vec<String> = store
            .search(agent, &SearchRequest::new("billing service", 10))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.item.id)
            .collect();
        v.sort();
        v
    };
    let mut expect_a1 = vec![internal.clone(), public.clone()];
    expect_a1.sort();
    assert_eq!(ids("a2"), vec![public.clone()]);
    assert_eq!(ids("a1"), expect_a1);
    assert_eq!(ids(OWNER).len(), 3);

    let denied: Vec<(String, String, Zone)> = store
        .audit_log(50)
        .unwrap()
        .into_iter()
        .filter(|e| e.outcome == "denied")
        .map(|e| (e.agent, e.action, e.zone))
        .collect();
    assert_eq!(
        denied,
        vec![
            ("a1".to_string(), "search".to_string(), Zone::Secret),
            ("a1".to_string(), "read".to_string(), Zone::Secret),
            ("a2".to_string(), "read".to_string(), Zone::Internal),
            ("a1".to_string(), "write".to_string(), Zone::Confidential),
        ]
    );
}

#[test]
fn grants_raise_and_revocation_lowers_clearance() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let conf = store
        .add(
            OWNER,
            episode(
                "confidential roadmap for the search team",
                Zone::Confidential,
            ),
        )
        .unwrap()
        .id;
    let internal = store
        .add(
            OWNER,
            episode("internal roadmap for the search team", Zone::Internal),
        )
        .unwrap()
        .id;
    assert_eq!(store.clearance("a1").unwrap(), Zone::Public);
    assert!(store.get("a1", &conf).is_err());
    assert_eq!(
        store
            .grant(OWNER, "a1", Zone::Confidential)
            .unwrap()
            .clearance,
        Zone::Confidential
    );
    assert_eq!(store.get("a1", &conf).unwrap().zone, Zone::Confidential);
    assert_eq!(store.get("a1", &internal).unwrap().zone, Zone::Internal);
    // Granting a lower zone never lowers a clearance.
    assert_eq!(
        store.grant(OWNER, "a1", Zone::Internal).unwrap().clearance,
        Zone::Confidential
    );
    // Revoking internal takes internal and everything above it.
    assert_eq!(
        store.revoke(OWNER, "a1", Zone::Internal).unwrap().clearance,
        Zone::Public
    );
    assert!(matches!(
        store.get("a1", &internal).unwrap_err(),
        MemoryError::AccessDenied { .. }
    ));
    assert!(
        store
            .revoke(OWNER, "a1", Zone::Public)
            .unwrap_err()
            .to_string()
            .contains("cannot be revoked")
    );
    // An agent cannot grant beyond its own clearance.
    store.grant(OWNER, "a2", Zone::Internal).unwrap();
    assert!(matches!(
        store.grant("a2", "a3", Zone::Secret).unwrap_err(),
        MemoryError::AccessDenied { .. }
    ));
    let grants: Vec<(String, Zone)> = store
        .grants()
        .unwrap()
        .into_iter()
        .map(|g| (g.agent, g.clearance))
        .collect();
    assert_eq!(
        grants,
        vec![
            ("a1".into(), Zone::Public),
            ("a2".into(), Zone::Internal),
            (OWNER.into(), Zone::Secret)
        ]
    );
}

/// Pairwise F1 of a clustering against labels: of all pairs put together, how many share a
/// label (precision), and of all pairs sharing a label, how many were put together (recall).
fn pairwise_f1(assigned: &[String], labels: &[usize]) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
    for i in 0..labels.len() {
        for j in (i + 1)..labels.len() {
            match (assigned[i] == assigned[j], labels[i] == labels[j]) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                (false, false) => {}
            }
        }
    }
    (tp / (tp + fp).max(1.0), tp / (tp + fn_).max(1.0))
}

#[test]
fn consolidation_recovers_the_topics_of_a_synthetic_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let history = history(6, 25, Zone::Internal, 42);
    let labels: Vec<usize> = history.iter().map(|h| h.topic).collect();
    let ids: Vec<String> = store
        .add_many(OWNER, history.into_iter().map(|h| h.episode).collect())
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut lines = Vec::new();
    let report = store
        .consolidate(&mut |l| lines.push(l.to_string()))
        .unwrap();
    assert_eq!(report.episodes_consolidated, 150);
    assert!(!report.skipped_busy);
    let parents: Vec<String> = ids
        .iter()
        .map(|id| store.get(OWNER, id).unwrap().parent.unwrap())
        .collect();
    let (precision, recall) = pairwise_f1(&parents, &labels);
    assert!(
        precision >= 0.9 && recall >= 0.6,
        "precision {precision:.2} recall {recall:.2}"
    );
    // Categories recover the topics better still: follow traces up.
    let categories: Vec<String> = parents
        .iter()
        .map(|t| store.get(OWNER, t).unwrap().parent.unwrap())
        .collect();
    let (cp, cr) = pairwise_f1(&categories, &labels);
    eprintln!(
        "traces {} categories {} trace p/r {precision:.2}/{recall:.2} category p/r {cp:.2}/{cr:.2}",
        store.list(OWNER, Level::Trace, 1000).unwrap().0.len(),
        store.list(OWNER, Level::Category, 1000).unwrap().0.len()
    );
    assert!(
        cp >= 0.85 && cr >= 0.8,
        "category precision {cp:.2} recall {cr:.2}"
    );
    // One domain profile for the zone, above every category.
    let (domains, _) = store.list(OWNER, Level::Domain, 10).unwrap();
    assert_eq!(domains.len(), 1);
    assert!(
        domains[0]
            .text
            .starts_with("Profile of the internal zone: 150 episode(s)"),
        "{}",
        domains[0].text
    );
    for c in &categories {
        assert_eq!(
            store.get(OWNER, c).unwrap().parent.as_deref(),
            Some(domains[0].id.as_str())
        );
    }
    // A trace's sources are exactly its episodes.
    let trace = store.get(OWNER, &parents[0]).unwrap();
    let mut members: Vec<String> = ids
        .iter()
        .zip(&parents)
        .filter(|(_, p)| **p == trace.id)
        .map(|(i, _)| i.clone())
        .collect();
    let mut sources = trace.sources.clone();
    members.sort();
    sources.sort();
    assert_eq!(sources, members);
    assert!(trace.text.starts_with("Topics: "), "{}", trace.text);
    // Idempotent: a second run finds nothing to do.
    let again = store.consolidate(&mut |_| {}).unwrap();
    assert_eq!(
        (
            again.episodes_consolidated,
            again.traces_created,
            again.categories_created,
            again.domains_updated
        ),
        (0, 0, 0, 0)
    );
}

#[test]
fn new_episodes_extend_existing_traces() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let first = history(3, 10, Zone::Internal, 1);
    store
        .add_many(OWNER, first.into_iter().map(|h| h.episode).collect())
        .unwrap();
    store.consolidate(&mut |_| {}).unwrap();
    let traces_before = store.list(OWNER, Level::Trace, 1000).unwrap().0.len();
    let more = history(3, 4, Zone::Internal, 2);
    store
        .add_many(OWNER, more.into_iter().map(|h| h.episode).collect())
        .unwrap();
    let report = store.consolidate(&mut |_| {}).unwrap();
    assert_eq!(report.episodes_consolidated, 12);
    assert!(report.traces_extended >= 1, "{report:?}");
    assert_eq!(
        store.list(OWNER, Level::Trace, 1000).unwrap().0.len(),
        traces_before + report.traces_created
    );
}

#[test]
fn eviction_goes_by_salience_and_age_and_keeps_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let config = MemoryConfig {
        max_episodes: 3,
        ..quiet_config()
    };
    let store = open_with(
        &dir.path().join("memory.db"),
        KeySource::Material(key(7)),
        config,
    )
    .unwrap();
    let day = 86_400_000i64;
    let now = super::store::now_ms();
    let mk = |text: &str, salience: f64, days_ago: i64| NewEpisode {
        salience: Some(salience),
        at: Some(now - days_ago * day),
        ..episode(text, Zone::Internal)
    };
    let added = store
        .add_many(
            OWNER,
            vec![
                mk("old and unimportant cache warmup note", 0.1, 90), // evicted first
                mk("old but crucial cache invalidation finding", 0.95, 90), // kept: salient
                mk("recent minor cache log line", 0.2, 1),            // evicted second
                mk("recent cache hit ratio answer", 0.5, 1),
                mk("fresh cache eviction policy question", 0.3, 0),
            ],
        )
        .unwrap();
    let ids: Vec<String> = added.into_iter().map(|(id, _)| id).collect();
    let report = store.consolidate(&mut |_| {}).unwrap();
    assert_eq!(report.evicted, vec![(Level::Episode, 2)]);
    let gone: Vec<bool> = ids
        .iter()
        .map(|id| store.zone_of(id).unwrap().is_none())
        .collect();
    assert_eq!(gone, vec![true, false, true, false, false]);
    // What was evicted survives in its summary above.
    for id in [&ids[0], &ids[2]] {
        let (summary, _) = store.evicted(id).unwrap().unwrap();
        let trace = store.get(OWNER, &summary).unwrap();
        assert!(trace.sources.contains(id), "{trace:?}");
        assert_eq!(trace.level, Level::Trace);
        let err = store.get(OWNER, id).unwrap_err();
        assert!(
            matches!(&err, MemoryError::Evicted { id: e, summary: s, .. } if e == id && s == &summary),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains(&format!("survives in its summary {summary}")),
            "{err}"
        );
    }
}

#[test]
fn facts_supersede_with_history_or_queue_as_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store.grant(OWNER, "a2", Zone::Internal).unwrap();
    let first = store
        .add(OWNER, episode("db port = 5432", Zone::Internal))
        .unwrap();
    assert_eq!(first.reconsolidation, None);
    let same = store
        .add(OWNER, episode("DB  port = 5432", Zone::Internal))
        .unwrap();
    assert_eq!(
        same.reconsolidation,
        Some(Reconsolidation::Confirmed {
            existing: first.id.clone()
        })
    );
    let second = store
        .add(OWNER, episode("db port = 5433", Zone::Internal))
        .unwrap();
    assert_eq!(
        second.reconsolidation,
        Some(Reconsolidation::Superseded {
            previous: first.id.clone()
        })
    );
    let old = store.get(OWNER, &first.id).unwrap();
    assert_eq!(
        (old.fact_state, old.superseded_by.as_deref()),
        (Some(FactState::Superseded), Some(second.id.as_str()))
    );
    // Another agent disagrees: queued, not applied.
    let third = store
        .add("a2", episode("db port = 6000", Zone::Internal))
        .unwrap();
    let Some(Reconsolidation::Queued { conflict, existing }) = third.reconsolidation.clone() else {
        panic!(
            "expected a queued conflict, got {:?}",
            third.reconsolidation
        );
    };
    assert_eq!(existing, second.id);
    let open_conflicts = store.conflicts(OWNER, false).unwrap();
    assert_eq!(open_conflicts.len(), 1);
    assert_eq!(
        (
            open_conflicts[0].key.as_str(),
            open_conflicts[0].existing.id.as_str(),
            open_conflicts[0].incoming.id.as_str()
        ),
        ("db port", second.id.as_str(), third.id.as_str())
    );
    assert!(
        store.conflicts("a9", false).unwrap().is_empty(),
        "public agents do not see internal conflicts"
    );
    // Search shows the current value and the pending one, not the history.
    let found: Vec<String> = store
        .search(OWNER, &SearchRequest::new("db port", 10))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.item.id)
        .collect();
    assert!(
        found.contains(&second.id) && found.contains(&third.id) && !found.contains(&first.id),
        "{found:?}"
    );
    let resolved = store
        .resolve_conflict(OWNER, conflict, Keep::Incoming)
        .unwrap();
    assert_eq!(resolved.status, ConflictStatus::KeptIncoming);
    assert!(store.conflicts(OWNER, false).unwrap().is_empty());
    let history: Vec<(String, Option<FactState>)> = store
        .fact_history(OWNER, Zone::Internal, "DB Port")
        .unwrap()
        .into_iter()
        .map(|i| (i.fact.unwrap().value, i.fact_state))
        .collect();
    assert_eq!(
        history,
        vec![
            ("6000".into(), Some(FactState::Current)),
            ("5433".into(), Some(FactState::Superseded)),
            ("5432".into(), None),
            ("5432".into(), Some(FactState::Superseded)),
        ]
    );
    assert!(matches!(
        store
            .resolve_conflict(OWNER, 99, Keep::Existing)
            .unwrap_err(),
        MemoryError::NoSuchConflict(99)
    ));
}

#[test]
fn queue_policy_keeps_the_existing_value_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let config = MemoryConfig {
        on_conflict: ConflictPolicy::Queue,
        ..quiet_config()
    };
    let store = open_with(
        &dir.path().join("memory.db"),
        KeySource::Material(key(7)),
        config,
    )
    .unwrap();
    let a = store
        .add(OWNER, episode("release branch = main", Zone::Internal))
        .unwrap()
        .id;
    let b = store
        .add(OWNER, episode("release branch = develop", Zone::Internal))
        .unwrap();
    let Some(Reconsolidation::Queued { conflict, .. }) = b.reconsolidation else {
        panic!("{b:?}")
    };
    store
        .resolve_conflict(OWNER, conflict, Keep::Existing)
        .unwrap();
    assert_eq!(
        store.get(OWNER, &a).unwrap().fact_state,
        Some(FactState::Current)
    );
    assert_eq!(
        store.get(OWNER, &b.id).unwrap().fact_state,
        Some(FactState::Rejected)
    );
}

/// A small labelled set: memories of a project's life and questions whose answer is one of
/// them, worded differently.
const LABELLED: &[(&str, &str)] = &[
    (
        "jwt",
        "The JWT refresh token expires after 15 minutes; the auth middleware renews it on 401.",
    ),
    (
        "pool",
        "Postgres connection pool is capped at 20 connections in production (config/db.toml).",
    ),
    (
        "flaky",
        "The CI job integration-tests is flaky because the runner reuses a dirty cache volume.",
    ),
    (
        "linker",
        "Release builds use the mold linker; set RUSTFLAGS to -C link-arg=-fuse-ld=mold.",
    ),
    (
        "theme",
        "Dark theme colours live in frontend/src/theme.ts and are loaded by the ThemeProvider component.",
    ),
    (
        "p99",
        "The p99 latency regression in search came from allocating a Vec per query; fixed with a reusable buffer.",
    ),
    (
        "owner",
        "Alice owns the billing service; escalate payment incidents to her first.",
    ),
    (
        "migrate",
        "Run database migrations with `make migrate` before starting the API server locally.",
    ),
    (
        "rate",
        "The public API is rate limited to 100 requests per minute per token by the gateway.",
    ),
    (
        "backup",
        "Nightly backups of the Postgres database are written to the S3 bucket acme-db-backups.",
    ),
    (
        "i18n",
        "Translations are in locales/*.json; missing keys fall back to English at render time.",
    ),
    (
        "deadlock",
        "A deadlock between the invoice writer and the ledger updater was fixed by ordering row locks by id.",
    ),
];

const QUERIES: &[(&str, &str)] = &[
    ("when does the refresh token expire", "jwt"),
    ("how many postgres connections in the pool", "pool"),
    ("why is integration-tests flaky in CI", "flaky"),
    ("which linker do release builds use", "linker"),
    ("where are the dark theme colours", "theme"),
    ("what caused the p99 latency regression", "p99"),
    ("who owns billing", "owner"),
    ("how do I run the database migrations", "migrate"),
    ("rate limit of the public API", "rate"),
    ("where do the database backups go", "backup"),
    ("missing translation keys", "i18n"),
    ("invoice ledger deadlock", "deadlock"),
];

#[test]
fn retrieval_finds_the_labelled_answers_with_bm25_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut by_label = HashMap::new();
    for (label, text) in LABELLED {
        by_label.insert(
            store.add(OWNER, episode(text, Zone::Internal)).unwrap().id,
            *label,
        );
    }
    let mut reciprocal = 0.0;
    let mut at1 = 0;
    for (query, expected) in QUERIES {
        let results = store.search(OWNER, &SearchRequest::new(*query, 3)).unwrap();
        assert_eq!(results.mode, RetrievalMode::Bm25Only);
        let labels: Vec<&str> = results.hits.iter().map(|h| by_label[&h.item.id]).collect();
        let rank = labels.iter().position(|l| l == expected);
        assert!(
            rank.is_some(),
            "{query:?}: expected {expected} in the top 3, got {labels:?}"
        );
        reciprocal += 1.0 / (rank.unwrap_or(0) + 1) as f64;
        at1 += usize::from(rank == Some(0));
    }
    let mrr = reciprocal / QUERIES.len() as f64;
    assert!(mrr >= 0.9 && at1 >= 11, "MRR {mrr:.2}, {at1}/12 at rank 1");
}

#[test]
fn recency_and_salience_break_ties_between_equal_texts() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let now = super::store::now_ms();
    let old = store
        .add(
            OWNER,
            NewEpisode {
                at: Some(now - 120 * 86_400_000),
                ..episode("retry the webhook on 502", Zone::Internal)
            },
        )
        .unwrap()
        .id;
    let new = store
        .add(OWNER, episode("retry the webhook on 502", Zone::Internal))
        .unwrap()
        .id;
    let salient = store
        .add(
            OWNER,
            NewEpisode {
                at: Some(now - 120 * 86_400_000),
                salience: Some(1.0),
                ..episode("retry the webhook on 502", Zone::Internal)
            },
        )
        .unwrap()
        .id;
    let hits = store
        .search(OWNER, &SearchRequest::new("webhook retry", 3))
        .unwrap()
        .hits;
    let order: Vec<&str> = hits.iter().map(|h| h.item.id.as_str()).collect();
    assert_eq!(order, vec![new.as_str(), salient.as_str(), old.as_str()]);
    assert!(hits.iter().all(|h| (h.score.bm25 - 1.0).abs() < 1e-9));
}

#[test]
fn export_import_round_trips_into_a_store_with_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let a = open(dir.path());
    a.add_many(
        OWNER,
        history(3, 6, Zone::Internal, 3)
            .into_iter()
            .map(|h| h.episode)
            .collect(),
    )
    .unwrap();
    a.add(
        OWNER,
        episode("staging host = stage-2.internal", Zone::Confidential),
    )
    .unwrap();
    a.add(
        OWNER,
        episode("staging host = stage-3.internal", Zone::Confidential),
    )
    .unwrap();
    a.grant(OWNER, "a2", Zone::Confidential).unwrap();
    a.add(
        "a2",
        episode("staging host = stage-4.internal", Zone::Confidential),
    )
    .unwrap();
    a.consolidate(&mut |_| {}).unwrap();
    let mut buffer = Vec::new();
    let exported = a.export(OWNER, None, &mut buffer).unwrap();
    assert!(exported.damaged.is_empty());
    let b_path = dir.path().join("b.db");
    let b = open_with(&b_path, KeySource::Material(key(9)), quiet_config()).unwrap();
    let imported = b.import(OWNER, &mut buffer.as_slice()).unwrap();
    assert_eq!(
        imported,
        ImportSummary {
            added: exported.items,
            already_present: 0
        }
    );
    let all = |s: &MemoryStore| -> Vec<MemoryItem> {
        let mut items = Vec::new();
        for level in Level::ALL {
            items.extend(s.list(OWNER, level, 10_000).unwrap().0);
        }
        items.sort_by(|x, y| x.id.cmp(&y.id));
        // Reading through `get` counts accesses; compare the stored values only.
        items
    };
    assert_eq!(all(&a), all(&b));
    let requeued: Vec<(String, String)> = b
        .conflicts(OWNER, false)
        .unwrap()
        .into_iter()
        .map(|c| (c.existing.text, c.incoming.text))
        .collect();
    assert_eq!(
        requeued,
        vec![(
            "staging host = stage-3.internal".to_string(),
            "staging host = stage-4.internal".to_string()
        )]
    );
    assert_eq!(
        b.import(OWNER, &mut buffer.as_slice()).unwrap(),
        ImportSummary {
            added: 0,
            already_present: exported.items
        }
    );
    // A public agent exports only the public zone: nothing here.
    let mut public = Vec::new();
    assert_eq!(a.export("a9", None, &mut public).unwrap().items, 0);
    let err = b.import("a9", &mut buffer.as_slice()).unwrap_err();
    assert!(matches!(err, MemoryError::AccessDenied { .. }), "{err}");
    let err = b
        .import(OWNER, &mut &b"{\"not\": \"an export\"}\n"[..])
        .unwrap_err();
    assert!(err.to_string().contains("not an export header"), "{err}");
}

#[test]
fn rotate_key_reencrypts_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.db");
    let mut store = open(dir.path());
    store
        .add_many(
            OWNER,
            history(2, 5, Zone::Confidential, 5)
                .into_iter()
                .map(|h| h.episode)
                .collect(),
        )
        .unwrap();
    store
        .add(
            OWNER,
            episode("api key rotation day = friday", Zone::Secret),
        )
        .unwrap();
    store.consolidate(&mut |_| {}).unwrap();
    let before = {
        let mut v = Vec::new();
        for level in Level::ALL {
            v.extend(store.list(OWNER, level, 1000).unwrap().0);
        }
        v
    };
    let hits_before: Vec<String> = store
        .search(OWNER, &SearchRequest::new("login token", 5))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.item.id)
        .collect();
    let report = store.rotate_key(OWNER, &key(11)).unwrap();
    assert_eq!(report.records, before.len());
    drop(store);
    assert!(matches!(
        open_with(&path, KeySource::Material(key(7)), quiet_config()).unwrap_err(),
        MemoryError::WrongKey { .. }
    ));
    let store = open_with(&path, KeySource::Material(key(11)), quiet_config()).unwrap();
    let mut after = Vec::new();
    for level in Level::ALL {
        after.extend(store.list(OWNER, level, 1000).unwrap().0);
    }
    let strip = |v: Vec<MemoryItem>| -> Vec<(String, String, Vec<String>)> {
        let mut v: Vec<_> = v.into_iter().map(|i| (i.id, i.text, i.sources)).collect();
        v.sort();
        v
    };
    assert_eq!(strip(before), strip(after));
    let hits_after: Vec<String> = store
        .search(OWNER, &SearchRequest::new("login token", 5))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.item.id)
        .collect();
    assert_eq!(hits_before.len(), hits_after.len());
    assert_eq!(
        store
            .fact_history(OWNER, Zone::Secret, "api key rotation day")
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(store.verify().unwrap(), VerifyReport { damaged, .. } if damaged.is_empty()));
}

#[test]
fn interrupted_key_file_rotation_is_finished_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.db");
    let key_file = dir.path().join("memory.key");
    let mut store = open_with(&path, KeySource::File(key_file.clone()), quiet_config()).unwrap();
    let id = store
        .add(OWNER, episode("survives a rotation crash", Zone::Internal))
        .unwrap()
        .id;
    // The steps of rotate_key_file, stopped before the rename.
    let pending = super::store::rotated_key_path(&key_file);
    let new = KeyMaterial::generate().unwrap();
    crypto::create_key_file(&pending, &new).unwrap();
    store.rotate_key(OWNER, &new).unwrap();
    drop(store);
    let store = open_with(&path, KeySource::File(key_file.clone()), quiet_config()).unwrap();
    assert_eq!(
        store.get(OWNER, &id).unwrap().text,
        "survives a rotation crash"
    );
    assert!(!pending.exists());
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap(),
        new.to_key_file_text().unwrap()
    );
    // And the full rotation through the key file.
    let mut store = store;
    store.rotate_key_file(OWNER, &key_file).unwrap();
    drop(store);
    let store = open_with(&path, KeySource::File(key_file), quiet_config()).unwrap();
    assert_eq!(
        store.get(OWNER, &id).unwrap().text,
        "survives a rotation crash"
    );
}

#[test]
fn recall_gives_plain_data_the_agent_may_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store
        .add(
            OWNER,
            episode("the cache TTL is five minutes", Zone::Public),
        )
        .unwrap();
    store
        .add(
            OWNER,
            episode("the cache admin password is in vault", Zone::Secret),
        )
        .unwrap();
    let (mode, memories) = recall_for_prompt(&store, "rlm-agent", "cache", 5).unwrap();
    assert_eq!(mode, RetrievalMode::Bm25Only);
    assert_eq!(
        memories.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
        vec!["the cache TTL is five minutes"]
    );
    let json = serde_json::to_value(&memories).unwrap();
    assert_eq!(json[0]["zone"], "public");
    assert_eq!(json[0]["level"], "episode");
}

#[test]
fn plaintext_benchmark_store_refuses_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    let store = open_with(&path, KeySource::PlaintextForBenchmarks, quiet_config()).unwrap();
    store
        .add(OWNER, episode("baseline text", Zone::Internal))
        .unwrap();
    assert!(!store.is_encrypted());
    drop(store);
    let err = open_with(&path, KeySource::Material(key(1)), quiet_config()).unwrap_err();
    assert!(
        err.to_string().contains("unencrypted benchmark store"),
        "{err}"
    );
}

/// A real but weak embedding for exercising the hybrid path without the ONNX model: hashed
/// character trigrams of each word (the "feature hashing" of fastText-style subwords). It lives
/// in the tests only; the store never uses it on its own.
struct TrigramEmbedder;

impl TextEmbedder for TrigramEmbedder {
    fn model_id(&self) -> &str {
        "test-char-trigrams-256"
    }
    fn dimension(&self) -> usize {
        256
    }
    fn embed(&self, texts: &[&str]) -> std::result::Result<Vec<Vec<f32>>, String> {
        Ok(texts
            .iter()
            .map(|text| {
                let mut v = vec![0f32; 256];
                for word in text.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
                    let padded: Vec<char> = format!("<{word}>").chars().collect();
                    for w in padded.windows(3) {
                        let s: String = w.iter().collect();
                        let h = blake3::hash(s.as_bytes()).as_bytes()[0];
                        v[h as usize] += 1.0;
                    }
                }
                v
            })
            .collect())
    }
}

#[test]
fn an_installed_embedder_makes_search_hybrid_and_finds_what_bm25_misses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.db");
    let open_hybrid = || {
        open_with(&path, KeySource::Material(key(7)), quiet_config())
            .unwrap()
            .with_embedder(std::sync::Arc::new(TrigramEmbedder))
    };
    let mut store = open_hybrid();
    let target = store
        .add(
            OWNER,
            episode("session token expiry is configurable", Zone::Internal),
        )
        .unwrap()
        .id;
    store
        .add(
            OWNER,
            episode("chart colours of the dashboard", Zone::Internal),
        )
        .unwrap();
    // No word of the query occurs in the target: BM25 alone finds nothing.
    let bm25_only = open(dir.path());
    assert!(
        bm25_only
            .search(OWNER, &SearchRequest::new("expiring tokens", 5))
            .unwrap()
            .hits
            .is_empty()
    );
    let results = store
        .search(OWNER, &SearchRequest::new("expiring tokens", 1))
        .unwrap();
    assert_eq!(
        results.mode,
        RetrievalMode::Hybrid {
            model: "test-char-trigrams-256".into()
        }
    );
    assert_eq!(results.hits[0].item.id, target);
    assert_eq!(results.hits[0].score.bm25, 0.0);
    assert!(
        results.hits[0].score.embedding.unwrap() > 0.3,
        "{:?}",
        results.hits[0].score
    );
    // Vectors are sealed: 256 floats + the GCM tag, under a 96-bit nonce.
    let (nonce, ct): (Vec<u8>, Vec<u8>) = store
        .conn
        .query_row("SELECT nonce, ciphertext FROM vectors LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((nonce.len(), ct.len()), (12, 256 * 4 + 16));
    // Another process's commit is seen by the cached vectors.
    let other = open_hybrid();
    let late = other
        .add(
            OWNER,
            episode("expired refresh tokens are purged nightly", Zone::Internal),
        )
        .unwrap()
        .id;
    let ids: Vec<String> = store
        .search(OWNER, &SearchRequest::new("expiring tokens", 5))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.item.id)
        .collect();
    assert!(ids.contains(&late), "{ids:?}");
    drop(other);
    let report = store.rotate_key(OWNER, &key(12)).unwrap();
    assert_eq!((report.records, report.vectors), (3, 3));
    let mut after: Vec<String> = store
        .search(OWNER, &SearchRequest::new("expiring tokens", 5))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.item.id)
        .collect();
    let mut before = ids;
    before.sort();
    after.sort();
    assert_eq!(
        before, after,
        "the same memories are found under the new key"
    );
}

#[test]
fn a_store_from_a_newer_rlm_is_refused_with_its_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert_eq!(store.stats().unwrap().schema_version, SCHEMA_VERSION);
    store.conn.pragma_update(None, "user_version", 99).unwrap();
    drop(store);
    let err = open_with(
        &dir.path().join("memory.db"),
        KeySource::Material(key(7)),
        quiet_config(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            MemoryError::SchemaTooNew {
                found: 99,
                supported: SCHEMA_VERSION,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn items_stored_before_a_model_was_installed_are_embedded_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let plain = open(dir.path());
    let target = plain
        .add(
            OWNER,
            episode("session token expiry is configurable", Zone::Internal),
        )
        .unwrap()
        .id;
    plain
        .add(
            OWNER,
            episode("chart colours of the dashboard", Zone::Internal),
        )
        .unwrap();
    assert_eq!(
        plain.reembed_missing().unwrap(),
        0,
        "no model, nothing embedded"
    );
    drop(plain);
    let store = open(dir.path()).with_embedder(std::sync::Arc::new(TrigramEmbedder));
    assert!(
        store
            .search(OWNER, &SearchRequest::new("expiring tokens", 1))
            .unwrap()
            .hits
            .is_empty()
    );
    assert_eq!(store.reembed_missing().unwrap(), 2);
    assert_eq!(store.reembed_missing().unwrap(), 0);
    let hits = store
        .search(OWNER, &SearchRequest::new("expiring tokens", 1))
        .unwrap()
        .hits;
    assert_eq!(hits[0].item.id, target);
}
