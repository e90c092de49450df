//! The real models on ONNX Runtime: the converted SmolLM2 and MiniLM against the golden references,
//! InfiniRetri and hybrid retrieval on small real inputs, and the errors for broken model folders.
//!
//! These need the set-up's models (`scripts/setup.d/40-models.sh`); without them each test prints
//! why it skips. `make test` runs the set-up first, so in CI they run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rlm_engine::config::Config;
use rlm_engine::index::{IndexSettings, NoProgress, index_workspace};
use rlm_engine::models::{AttentionModel, Embedder, ModelError, ModelStore, ModelsConfig, Runtime};
use rlm_engine::retrieval::{
    Document, InfiniSettings, Method, RetrievalConfig, RetrievalError, Retriever, infini_retrieve,
    read_text_file,
};
use rlm_engine::test_support;
use std::path::{Path, PathBuf};

/// Says why a test does not run here: it fails instead under `RLM_REQUIRE_MODELS=1` (what
/// `make test` sets), and otherwise is printed and counted (`rlm_engine::test_support`).
fn skip(why: &str) {
    test_support::skip(test_support::Need::Models, why);
}

fn models() -> Option<(ModelStore, Runtime)> {
    let config = ModelsConfig::default();
    let store = ModelStore::locate(&config).ok()?;
    for spec in &store.manifest.model {
        for file in &spec.files {
            let path = store.model_dir(spec).join(&file.path);
            if !path.is_file() {
                skip(&format!(
                    "{} is not installed (run scripts/setup.d/40-models.sh)",
                    path.display()
                ));
                return None;
            }
        }
    }
    match Runtime::new(&config, &store) {
        Ok(runtime) => Some((store, runtime)),
        Err(e) => {
            skip(&format!("ONNX Runtime unavailable: {e}"));
            None
        }
    }
}

fn golden() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()?
        .to_path_buf();
    let candidates = [
        std::env::var_os("RLM_GOLDEN_DIR").map(PathBuf::from),
        Some(root.join("../shared/golden")),
        Some(root.join("../../shared/golden")),
    ];
    let found = candidates
        .into_iter()
        .flatten()
        .find(|c| c.join("smollm2-135m/input_ids.json").is_file());
    if found.is_none() {
        test_support::note_skip("no golden references (../shared/golden or RLM_GOLDEN_DIR)");
    }
    found
}

fn npy(path: &Path) -> (Vec<u64>, Vec<f32>) {
    let bytes = std::fs::read(path).unwrap();
    let file = npyz::NpyFile::new(&bytes[..]).unwrap();
    let shape = file.shape().to_vec();
    (shape, file.into_vec::<f32>().unwrap())
}

#[test]
fn attention_model_tokenizes_like_the_torch_reference_and_attends_causally() {
    let (Some((store, runtime)), Some(golden)) = (models(), golden()) else {
        return;
    };
    let model = AttentionModel::load(&runtime, &store, &ModelsConfig::default()).unwrap();
    let text = std::fs::read_to_string(golden.join("smollm2-135m/input.txt")).unwrap();
    let ids_json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(golden.join("smollm2-135m/input_ids.json")).unwrap())
            .unwrap();
    let expected: Vec<u32> = ids_json["input_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u32)
        .collect();
    let tokens = model.encode(&text).unwrap();
    assert_eq!(tokens.ids, expected);

    // The values themselves are pinned in models/tests/test_golden.py: the installed (int8
    // feed-forward) cut keeps the most attended positions of a float32 export of the same layer,
    // which matches the PyTorch golden at layers 15 and 29. Here: the engine runs that file.
    let seq = expected.len();
    let rows = model.attention(&tokens.ids, 0).unwrap();
    assert_eq!((rows.heads, rows.rows, rows.seq), (9, seq, seq));
    // Causal: no row attends to a later position.
    for h in 0..9 {
        for r in 0..seq {
            for c in r + 1..seq {
                assert_eq!(rows.get(h, r, c), 0.0);
            }
        }
    }
    for row in rows.data.chunks(seq) {
        let sum: f32 = row.iter().sum();
        assert!((sum - 1.0).abs() < 1e-4, "row sums to {sum}");
    }
    // Only the question rows: the same numbers as the tail of the full matrix.
    let tail = model.attention(&tokens.ids, seq - 5).unwrap();
    assert_eq!(tail.rows, 5);
    for h in 0..9 {
        for r in 0..5 {
            for c in 0..seq {
                let d = (tail.get(h, r, c) - rows.get(h, seq - 5 + r, c)).abs();
                assert!(d < 1e-5);
            }
        }
    }
}

#[test]
fn retrieval_heads_come_from_the_manifest_and_a_config_override_is_checked() {
    let Some((store, runtime)) = models() else {
        return;
    };
    let model = AttentionModel::load(&runtime, &store, &ModelsConfig::default()).unwrap();
    assert_eq!(model.retrieval_heads(), &[0]);
    let deeper = ModelsConfig {
        attention: Some("smollm2-135m-l17-q8ffn".into()),
        ..ModelsConfig::default()
    };
    let model = AttentionModel::load(&runtime, &store, &deeper).unwrap();
    assert_eq!(model.retrieval_heads(), &[3, 4]);
    let config = ModelsConfig {
        attention_heads: Some(vec![0, 8]),
        ..ModelsConfig::default()
    };
    let model = AttentionModel::load(&runtime, &store, &config).unwrap();
    assert_eq!(model.retrieval_heads(), &[0, 8]);
    let config = ModelsConfig {
        attention_heads: Some(vec![2, 9]),
        ..ModelsConfig::default()
    };
    let err = AttentionModel::load(&runtime, &store, &config)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "model smollm2-135m-l8-q8ffn has 9 attention heads, but [models] attention_heads asks for heads [2, 9]: give one or more of 0 to 8"
    );
}

#[test]
fn attention_model_refuses_input_longer_than_its_context() {
    let Some((store, runtime)) = models() else {
        return;
    };
    let model = AttentionModel::load(&runtime, &store, &ModelsConfig::default()).unwrap();
    let ids = vec![42u32; model.max_tokens() + 1];
    let err = model
        .attention(&ids, ids.len() - 1)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        format!(
            "running smollm2-135m-l8-q8ffn failed: {} tokens exceed the model's context of {}: cut the text into windows",
            model.max_tokens() + 1,
            model.max_tokens()
        )
    );
}

#[test]
fn minilm_embeddings_match_the_torch_reference() {
    let (Some((store, runtime)), Some(golden)) = (models(), golden()) else {
        return;
    };
    let embedder = Embedder::load(&runtime, &store, &ModelsConfig::default()).unwrap();
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(golden.join("minilm-l6-v2/meta.json")).unwrap())
            .unwrap();
    let texts: Vec<&str> = meta["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let (shape, reference) = npy(&golden.join("minilm-l6-v2/embeddings.npy"));
    assert_eq!(shape, vec![texts.len() as u64, 384]);
    // Batched (texts of different lengths share padded batches) and one by one agree.
    let batched = embedder.embed_batch(&texts).unwrap();
    for (i, text) in texts.iter().enumerate() {
        let single = embedder.embed(text).unwrap();
        let reference = &reference[i * 384..(i + 1) * 384];
        let cos: f32 = batched[i].iter().zip(reference).map(|(a, b)| a * b).sum();
        assert!(cos >= 0.999, "text {i}: cosine {cos}");
        let same: f32 = batched[i].iter().zip(&single).map(|(a, b)| a * b).sum();
        assert!(same > 0.99999, "text {i}: batched vs single {same}");
    }
}

#[test]
fn embedder_reads_long_text_in_windows_instead_of_truncating() {
    let Some((store, runtime)) = models() else {
        return;
    };
    let embedder = Embedder::load(&runtime, &store, &ModelsConfig::default()).unwrap();
    let head = "fn parse_config(path: &Path) -> Config { read(path) }\n".repeat(40);
    let tail = "The weather in the mountains was cold and windy all week.\n".repeat(20);
    let a = embedder.embed(&head).unwrap();
    let b = embedder.embed(&(head.clone() + &tail)).unwrap();
    let norm: f32 = b.iter().map(|v| v * v).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4);
    let cos: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
    assert!(
        cos < 0.95,
        "the tail beyond the first window changed nothing: {cos}"
    );
}

#[test]
fn corrupt_model_file_names_the_file_and_the_fix() {
    let Some((store, runtime)) = models() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let broken = ModelStore::at(dir.path(), store.manifest.clone());
    let spec = store.manifest.get("minilm-l6-v2").unwrap();
    std::fs::create_dir_all(broken.model_dir(spec)).unwrap();
    std::fs::copy(
        store.model_dir(spec).join("tokenizer.json"),
        broken.model_dir(spec).join("tokenizer.json"),
    )
    .unwrap();
    let onnx = broken.model_dir(spec).join("model.onnx");
    std::fs::write(&onnx, b"\x08\x07garbage, not a protobuf").unwrap();
    let err = Embedder::load(&runtime, &broken, &ModelsConfig::default()).unwrap_err();
    let ModelError::Corrupt { model, path, .. } = &err else {
        panic!("expected Corrupt, got {err}");
    };
    assert_eq!(
        (model.as_str(), path.as_path()),
        ("minilm-l6-v2", onnx.as_path())
    );
    assert!(
        err.to_string()
            .ends_with("Run `rlm models verify`, then `rlm models install` to rebuild it"),
        "{err}"
    );
}

#[test]
fn missing_model_says_how_to_install_it() {
    let Some((store, runtime)) = models() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let empty = ModelStore::at(dir.path(), store.manifest.clone());
    let err = AttentionModel::load(&runtime, &empty, &ModelsConfig::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "model smollm2-135m-l8-q8ffn is not installed: {} is missing. Run `rlm models install` (or `make setup`)",
            dir.path()
                .join("smollm2-135m-l8-q8ffn/model.onnx")
                .display()
        )
    );
}

const NEEDLE: &str = "// NOTE: the staging deploy password is kiwi-7431, rotate it monthly.";

fn haystack_with_needle(at_line: usize) -> String {
    let source = include_str!("../../src/context.rs");
    let mut lines: Vec<&str> = source.lines().collect();
    lines.insert(at_line - 1, NEEDLE);
    lines.join("\n") + "\n"
}

#[test]
fn infini_retri_finds_a_planted_fact_at_its_exact_line() {
    let Some((store, runtime)) = models() else {
        return;
    };
    let model = AttentionModel::load(&runtime, &store, &ModelsConfig::default()).unwrap();
    let text = haystack_with_needle(40);
    let docs = vec![Document::new(Some("engine/src/context.rs".into()), 1, text)];
    let settings = InfiniSettings {
        window_tokens: 512,
        ..InfiniSettings::default()
    };
    let (passages, stats) = infini_retrieve(
        &model,
        &docs,
        "What is the staging deploy password?",
        3,
        &settings,
    )
    .unwrap();
    assert!(stats.windows >= 2, "{stats:?}");
    assert!(stats.max_input_tokens <= 512 + settings.cache_tokens + 20);
    let top = &passages[0];
    assert_eq!(top.path.as_deref(), Some("engine/src/context.rs"));
    assert!(
        top.start_line <= 40 && 40 <= top.end_line,
        "top passage {}-{}: {}",
        top.start_line,
        top.end_line,
        top.text
    );
    assert!(top.text.contains("kiwi-7431"));
}

#[test]
fn hybrid_retrieval_over_a_workspace_ranks_the_needle_file_first() {
    if models().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("src/context.rs"),
        include_str!("../../src/context.rs"),
    )
    .unwrap();
    std::fs::write(
        root.join("src/config.rs"),
        include_str!("../../src/config.rs"),
    )
    .unwrap();
    std::fs::write(root.join("src/deploy.rs"), haystack_with_needle(12)).unwrap();
    let index_dir = dir.path().join("index");
    let settings = IndexSettings::new(&root, &Config::default(), Some(&index_dir));
    index_workspace(&root, &settings, &NoProgress).unwrap();
    let retriever = Retriever::with_settings(
        &root,
        &index_dir,
        RetrievalConfig::default(),
        ModelsConfig::default(),
    )
    .unwrap();
    let timeout = std::time::Duration::from_secs(5);
    let first = retriever.build_vectors(timeout).unwrap().unwrap();
    assert_eq!(first.files_embedded, 3);
    // Incremental: nothing changed, nothing re-embedded or written.
    let second = retriever.build_vectors(timeout).unwrap().unwrap();
    assert_eq!(
        (
            second.files_embedded,
            second.files_reused,
            second.units_embedded,
            second.written
        ),
        (0, 3, 0, false)
    );
    let question = "What is the staging deploy password?";
    let passages = retriever
        .retrieve_with(question, 3, Method::Hybrid, None)
        .unwrap();
    let top = &passages[0];
    assert_eq!(top.path.as_deref(), Some("src/deploy.rs"));
    assert!(top.start_line <= 12 && 12 <= top.end_line);
    assert!(
        top.ranks.iter().any(|(m, _)| *m == Method::Infini),
        "{:?}",
        top.ranks
    );

    // A token budget of 1 still reads k candidates, taken alternately from the two lists: BM25's
    // first, the vectors' first, BM25's second (or the next new one of either).
    let tight = RetrievalConfig {
        candidate_tokens: 1,
        ..RetrievalConfig::default()
    };
    let retriever =
        Retriever::with_settings(&root, &index_dir, tight, ModelsConfig::default()).unwrap();
    let passages = retriever
        .retrieve_with(question, 3, Method::Hybrid, None)
        .unwrap();
    assert_eq!(passages.len(), 3);
    // Each candidate is read focused: at most `candidate_lines` of its chunk.
    let span = |p: &rlm_engine::retrieval::Passage| (p.path.clone(), p.start_line, p.end_line);
    let within = |p: &rlm_engine::retrieval::Passage,
                  (path, start, end): &(Option<String>, usize, usize)| {
        &p.path == path && *start <= p.start_line && p.end_line <= *end
    };
    let first_two = |m: Method| -> Vec<_> {
        retriever
            .retrieve_with(question, 2, m, None)
            .unwrap()
            .iter()
            .map(span)
            .collect()
    };
    let (bm25, vector) = (first_two(Method::Bm25), first_two(Method::Vector));
    for p in &passages {
        assert!(
            p.end_line - p.start_line < RetrievalConfig::default().candidate_lines,
            "{:?}",
            span(p)
        );
        assert!(
            bm25.iter().chain(&vector).any(|chunk| within(p, chunk)),
            "{:?} is not inside the first two of either list: {bm25:?} {vector:?}",
            span(p)
        );
    }
    assert!(passages.iter().any(|p| within(p, &bm25[0])));
    assert!(passages.iter().any(|p| within(p, &vector[0])));
}

#[test]
fn final_reading_model_comes_from_the_manifest_and_the_config_overrides_it() {
    if models().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let retriever = |final_attention: Option<&str>| {
        let models = ModelsConfig {
            final_attention: final_attention.map(str::to_string),
            ..ModelsConfig::default()
        };
        Retriever::with_settings(dir.path(), dir.path(), RetrievalConfig::default(), models)
            .unwrap()
    };
    let default = retriever(None);
    assert_eq!(
        default.attention_model().unwrap().name(),
        "smollm2-135m-l8-q8ffn"
    );
    assert_eq!(
        default.final_reading_model().unwrap().name(),
        "smollm2-135m-l17-q8ffn"
    );
    // The layer-8 cut reads the windows, the layer-17 cut ranks: the fact is found at its line.
    let text = haystack_with_needle(40);
    let found = default
        .retrieve_in_text(
            &text,
            "deploy.rs",
            "What is the staging deploy password?",
            3,
        )
        .unwrap();
    assert!(
        found[0].start_line <= 40 && 40 <= found[0].end_line && found[0].text.contains("kiwi-7431"),
        "{found:?}"
    );
    let same = retriever(Some("smollm2-135m-l8-q8ffn"));
    assert!(std::ptr::eq(
        same.final_reading_model().unwrap(),
        same.attention_model().unwrap()
    ));
    let err = retriever(Some("minilm-l6-v2"))
        .final_reading_model()
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "invalid retrieval settings: the final reading needs an attention model, and minilm-l6-v2 is an embedding model: name one of smollm2-135m-l8-q8ffn, smollm2-135m-l17-q8ffn"
    );
    let err = retriever(Some("gpt-5"))
        .final_reading_model()
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "no model named \"gpt-5\" in the manifest (known: smollm2-135m-l8-q8ffn, smollm2-135m-l17-q8ffn, minilm-l6-v2)"
    );
}

#[test]
fn binary_context_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blob.bin");
    std::fs::write(&path, [0x7f, b'E', b'L', b'F', 0, 0, 1]).unwrap();
    let err = read_text_file(&path, "blob.bin").unwrap_err();
    assert!(matches!(err, RetrievalError::Binary { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "{} looks binary (it contains NUL bytes): give a text file",
            path.display()
        )
    );
}

#[test]
fn memory_search_with_the_minilm_embedder_is_hybrid_and_finds_paraphrases() {
    use rlm_engine::memory::{
        KeyMaterial, KeySource, MemoryConfig, MemoryStore, NewEpisode, RetrievalMode,
        SearchRequest, StoreOptions, Zone, installed_embedder,
    };
    if models().is_none() {
        return;
    }
    let embedder = installed_embedder(&ModelsConfig::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = MemoryStore::open(StoreOptions {
        path: dir.path().join("memory.db"),
        key: KeySource::Material(
            KeyMaterial::parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
                .unwrap(),
        ),
        config: MemoryConfig::default(),
        owner: "user".into(),
    })
    .unwrap()
    .with_embedder(embedder);
    for text in [
        "The cat sat quietly on the warm windowsill all afternoon",
        "Quarterly revenue grew by twelve percent in the spring",
        "Deploy the service with the blue-green rollout script",
    ] {
        store
            .add("user", NewEpisode::note(text, Zone::Internal))
            .unwrap();
    }
    let results = store
        .search(
            "user",
            &SearchRequest::new("a kitten resting by the window", 1),
        )
        .unwrap();
    assert_eq!(
        results.mode,
        RetrievalMode::Hybrid {
            model: "minilm-l6-v2".into()
        }
    );
    assert_eq!(
        results.hits[0].item.text,
        "The cat sat quietly on the warm windowsill all afternoon"
    );
    assert!(
        results.hits[0].score.embedding.unwrap() > 0.3,
        "{:?}",
        results.hits[0].score
    );
}
