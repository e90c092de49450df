//! `rlm bench memory`: add and search latency at several store sizes, consolidation time per
//! 1k episodes (extractive summaries, so no model time), and the cost of encryption as a ratio
//! against an unencrypted store doing the same work in the same run.

use anyhow::{Context, Result};
use rlm_engine::memory::synthetic::{Rng, TOPICS, history};
use rlm_engine::memory::{
    KeyMaterial, KeySource, MemoryConfig, MemoryStore, NewEpisode, SearchRequest, StoreOptions,
    Zone,
};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store sizes to measure, comma-separated
    #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
    pub sizes: Vec<usize>,
    /// Searches timed per size
    #[arg(long, default_value_t = 300)]
    pub queries: usize,
    /// Single adds timed per size
    #[arg(long, default_value_t = 200)]
    pub adds: usize,
    /// Episodes consolidated for the consolidation timing
    #[arg(long, default_value_t = 2000)]
    pub consolidate: usize,
}

const AGENT: &str = "bench";

fn open(dir: &Path, name: &str, encrypted: bool) -> Result<MemoryStore> {
    let key = if encrypted {
        KeySource::Material(KeyMaterial::generate()?)
    } else {
        KeySource::PlaintextForBenchmarks
    };
    Ok(MemoryStore::open(StoreOptions {
        path: dir.join(name),
        key,
        config: MemoryConfig {
            consolidate_every: 0,
            max_episodes: usize::MAX / 2,
            ..MemoryConfig::default()
        },
        owner: AGENT.into(),
    })?)
}

struct Run {
    load: Duration,
    add: Vec<Duration>,
    search: Vec<Duration>,
}

fn percentile(samples: &[Duration], p: f64) -> f64 {
    let mut v: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return 0.0;
    }
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn queries(topics: usize, n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let t = rng.below(topics);
            let word = |w: usize| match TOPICS.get(t) {
                Some((_, words)) => words[w % words.len()].to_string(),
                None => format!("t{t}w{}", w % 10),
            };
            format!("{} {} error", word(rng.below(10)), word(rng.below(10)))
        })
        .collect()
}

fn measure(dir: &Path, size: usize, encrypted: bool, args: &Args) -> Result<Run> {
    let name = format!("{}-{size}.db", if encrypted { "enc" } else { "plain" });
    let store = open(dir, &name, encrypted)?;
    let topics = (size / 50).max(TOPICS.len());
    let episodes: Vec<NewEpisode> = history(topics, size.div_ceil(topics), Zone::Internal, 7)
        .into_iter()
        .take(size)
        .map(|h| h.episode)
        .collect();
    let started = Instant::now();
    let mut batch = Vec::new();
    for e in episodes {
        batch.push(e);
        if batch.len() == 5000 {
            store.add_many(AGENT, std::mem::take(&mut batch))?;
        }
    }
    if !batch.is_empty() {
        store.add_many(AGENT, batch)?;
    }
    let load = started.elapsed();
    let mut add = Vec::with_capacity(args.adds);
    let extra = history(topics, args.adds.div_ceil(topics).max(1), Zone::Internal, 8);
    for h in extra.into_iter().take(args.adds) {
        let t = Instant::now();
        store.add(AGENT, h.episode)?;
        add.push(t.elapsed());
    }
    let mut search = Vec::with_capacity(args.queries);
    for q in queries(topics, args.queries, 11) {
        let t = Instant::now();
        let results = store.search(AGENT, &SearchRequest::new(q, 10))?;
        search.push(t.elapsed());
        std::hint::black_box(results);
    }
    Ok(Run { load, add, search })
}

pub fn run(args: Args) -> Result<ExitCode> {
    let scratch = tempfile::tempdir().context("creating a scratch folder for the stores")?;
    println!(
        "memory benchmark: synthetic histories (50 episodes per topic), zone internal, one agent; \
         retrieval BM25 only (no embedding model installed)"
    );
    println!(
        "{:>8} {:>5} {:>11} {:>9} {:>9} {:>10} {:>10} {:>10}",
        "size", "enc", "load/item", "add p50", "add p95", "search p50", "search p95", "search p99"
    );
    let mut ratios = Vec::new();
    for &size in &args.sizes {
        let mut pair = Vec::new();
        for encrypted in [true, false] {
            let run = measure(scratch.path(), size, encrypted, &args)?;
            println!(
                "{:>8} {:>5} {:>9.3}ms {:>7.3}ms {:>7.3}ms {:>8.3}ms {:>8.3}ms {:>8.3}ms",
                size,
                if encrypted { "yes" } else { "no" },
                run.load.as_secs_f64() * 1e3 / size as f64,
                percentile(&run.add, 0.5),
                percentile(&run.add, 0.95),
                percentile(&run.search, 0.5),
                percentile(&run.search, 0.95),
                percentile(&run.search, 0.99),
            );
            pair.push(run);
        }
        let (enc, plain) = (&pair[0], &pair[1]);
        ratios.push((
            size,
            enc.load.as_secs_f64() / plain.load.as_secs_f64().max(1e-9),
            percentile(&enc.add, 0.5) / percentile(&plain.add, 0.5).max(1e-9),
            percentile(&enc.search, 0.5) / percentile(&plain.search, 0.5).max(1e-9),
        ));
    }
    println!("encryption overhead (AES-256-GCM store / unencrypted store, same run):");
    for (size, load, add, search) in ratios {
        println!("  {size:>8}: bulk load x{load:.2}, add p50 x{add:.2}, search p50 x{search:.2}");
    }
    let store = open(scratch.path(), "consolidate.db", true)?;
    let n = args.consolidate;
    let topics = (n / 25).max(1);
    store.add_many(
        AGENT,
        history(topics, n.div_ceil(topics), Zone::Internal, 5)
            .into_iter()
            .take(n)
            .map(|h| h.episode)
            .collect(),
    )?;
    let started = Instant::now();
    let report = store.consolidate(&mut |_| {})?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "consolidation: {} episodes ({topics} topics) into {} traces, {} categories in {:.2}s = {:.2}s per 1k episodes ({})",
        report.episodes_consolidated,
        report.traces_created,
        report.categories_created,
        secs,
        secs * 1000.0 / n.max(1) as f64,
        report.summarizer
    );
    Ok(ExitCode::SUCCESS)
}
