//! `rlm bench retrieve`: needle in a haystack built from real source code.
//!
//! For each size, source files of a corpus (default: this checkout's Rust sources, repeated under
//! numbered folders when the corpus is smaller than the size) make a haystack workspace in a
//! scratch folder. One planted fact per depth (0-100% of the haystack) is written as a comment line
//! into the file at that depth; each fact has its own question. The workspace is indexed once, then
//! every method answers every question; a hit is the fact's line inside one of the top-k passages.
//! BM25 is the baseline: the table prints each method's recall and time against it, and
//! InfiniRetri's throughput in tokens per second.

use anyhow::{Context, Result, bail};
use rlm_engine::config::Config;
use rlm_engine::index::{IndexSettings, NoProgress, index_workspace};
use rlm_engine::models::ModelsConfig;
use rlm_engine::retrieval::{Document, Method, Passage, RetrievalConfig, Retriever};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Haystack sizes in tokens of the attention model's tokenizer (k and m suffixes), e.g. 8k,32k,1m
    #[arg(long, default_value = "4k", value_delimiter = ',')]
    pub sizes: Vec<String>,
    /// Needle depths in percent of the haystack
    #[arg(long, default_value = "0,50,100", value_delimiter = ',')]
    pub depths: Vec<u32>,
    /// Methods to compare (bm25 is always run as the baseline)
    #[arg(
        long,
        default_value = "bm25,vector,infini,hybrid",
        value_delimiter = ','
    )]
    pub methods: Vec<String>,
    /// Passages looked at per question
    #[arg(short = 'k', long, default_value_t = 5)]
    pub k: usize,
    /// Source tree the haystack is built from (default: the rlm checkout's engine/ and cli/)
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Skip plain InfiniRetri above this haystack size (it reads every token; hybrid still runs)
    #[arg(long, default_value = "64k")]
    pub infini_max: String,
}

/// A planted fact: the line written into the haystack, the question, and the answer it holds.
const NEEDLES: &[(&str, &str, &str)] = &[
    (
        "// NOTE: the staging deploy password is kiwi-7431, rotate it monthly.",
        "What is the staging deploy password?",
        "kiwi-7431",
    ),
    (
        "// NOTE: the billing service keeps its fallback cache on port 48213.",
        "Which port does the billing service use for its fallback cache?",
        "48213",
    ),
    (
        "// NOTE: Margot Lindqvist was the on-call engineer during the payments outage.",
        "Who was on call during the payments outage?",
        "Margot Lindqvist",
    ),
    (
        "// NOTE: the nightly backup job starts at 03:17 UTC every day.",
        "When does the nightly backup job start?",
        "03:17 UTC",
    ),
    (
        "// NOTE: the feature flag for the new checkout flow is named zebra_crossing_v2.",
        "What is the feature flag of the new checkout flow called?",
        "zebra_crossing_v2",
    ),
];

fn parse_size(text: &str) -> Result<usize> {
    let t = text.trim().to_ascii_lowercase();
    let (num, mult) = if let Some(n) = t.strip_suffix('m') {
        (n, 1_000_000)
    } else if let Some(n) = t.strip_suffix('k') {
        (n, 1_000)
    } else {
        (t.as_str(), 1)
    };
    let n: f64 = num
        .parse()
        .with_context(|| format!("bad size {text:?}: use e.g. 8k, 32k, 1m"))?;
    Ok((n * mult as f64) as usize)
}

fn source_files(corpus: &Path) -> Result<Vec<(String, String)>> {
    let listing = rlm_engine::workspace::list_files(corpus, &Default::default())?;
    let mut files = Vec::new();
    for file in listing.files {
        if !file.rel_path.ends_with(".rs") {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&file.abs_path) {
            files.push((file.rel_path, text));
        }
    }
    if files.is_empty() {
        bail!("no .rs files under {}", corpus.display());
    }
    Ok(files)
}

/// Where a needle went: workspace path, line (1-based), index into `NEEDLES`.
type Planted = (String, usize, usize);

/// Writes a haystack of about `size` tokens into `dir`, with one needle per depth; returns the
/// planted needles and the real token count.
fn build_haystack(
    dir: &Path,
    files: &[(String, String)],
    size: usize,
    depths: &[u32],
    count_tokens: &dyn Fn(&str) -> Result<usize>,
) -> Result<(Vec<Planted>, usize)> {
    let mut chosen: Vec<(String, Vec<String>, usize)> = Vec::new();
    let mut total = 0;
    'outer: for round in 0.. {
        for (path, text) in files {
            if total >= size {
                break 'outer;
            }
            let tokens = count_tokens(text)?;
            let name = if round == 0 {
                path.clone()
            } else {
                format!("copy{round}/{path}")
            };
            chosen.push((name, text.lines().map(str::to_string).collect(), tokens));
            total += tokens;
        }
    }
    let mut planted = Vec::new();
    for (i, depth) in depths.iter().enumerate() {
        let target = total * (*depth).min(100) as usize / 100;
        let mut acc = 0;
        let mut at = chosen.len() - 1;
        for (j, (_, _, tokens)) in chosen.iter().enumerate() {
            if acc + tokens >= target {
                at = j;
                break;
            }
            acc += tokens;
        }
        let (name, lines, tokens) = &mut chosen[at];
        let frac = if *tokens == 0 {
            0.0
        } else {
            (target.saturating_sub(acc)) as f64 / *tokens as f64
        };
        let line = ((lines.len() as f64 * frac) as usize).min(lines.len());
        let needle = i % NEEDLES.len();
        lines.insert(line, NEEDLES[needle].0.to_string());
        // Lines below in the same file move down by one.
        for p in planted.iter_mut() {
            let (ppath, pline, _): &mut Planted = p;
            if ppath == name && *pline > line {
                *pline += 1;
            }
        }
        planted.push((name.clone(), line + 1, needle));
    }
    for (name, lines, _) in &chosen {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, lines.join("\n") + "\n")?;
    }
    Ok((planted, total))
}

fn hit(passages: &[Passage], path: &str, line: usize) -> bool {
    passages
        .iter()
        .any(|p| p.path.as_deref() == Some(path) && p.start_line <= line && line <= p.end_line)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let corpus = match args.corpus {
        Some(c) => c,
        None => rlm_engine::models::manifest::checkout_root()
            .context("not inside an rlm checkout: pass --corpus DIR")?,
    };
    let files = source_files(&corpus)?;
    let mut methods: Vec<Method> = vec![Method::Bm25];
    for name in &args.methods {
        let m: Method = name.parse()?;
        if !methods.contains(&m) {
            methods.push(m);
        }
    }
    let infini_max = parse_size(&args.infini_max)?;
    println!(
        "needle in a haystack: corpus {} ({} .rs files), k={}, depths {:?}%",
        corpus.display(),
        files.len(),
        args.k,
        args.depths
    );
    println!(
        "{:>8} {:>6} {:<8} {:>7} {:>9} {:>9} {:>10}",
        "tokens", "depth", "method", "hit@k", "seconds", "vs bm25", "tokens/s"
    );
    let mut summary: Vec<(Method, usize, usize)> = methods.iter().map(|m| (*m, 0, 0)).collect();
    for size_text in &args.sizes {
        let size = parse_size(size_text)?;
        let scratch = tempfile::tempdir().context("creating a scratch folder")?;
        let root = scratch.path().join("haystack");
        std::fs::create_dir_all(&root)?;
        let settings_dir = scratch.path().join("index");
        let retriever = Retriever::with_settings(
            &root,
            &settings_dir,
            RetrievalConfig::default(),
            ModelsConfig::default(),
        )?;
        let model = retriever.attention_model()?;
        let count = |text: &str| -> Result<usize> { Ok(model.encode(text)?.ids.len()) };
        let (planted, total) = build_haystack(&root, &files, size, &args.depths, &count)?;
        let index_settings = IndexSettings::new(&root, &Config::default(), Some(&settings_dir));
        index_workspace(&root, &index_settings, &NoProgress)?;
        if methods
            .iter()
            .any(|m| matches!(m, Method::Vector | Method::Hybrid))
        {
            let started = Instant::now();
            let report = retriever.update_vectors()?;
            println!(
                "{total:>8} tokens: embedded {} chunks in {:.1}s",
                report.chunks_embedded,
                started.elapsed().as_secs_f64()
            );
        }
        for ((path, line, needle), depth) in planted.iter().zip(&args.depths) {
            let question = NEEDLES[*needle].1;
            let mut baseline = None;
            for method in &methods {
                if *method == Method::Infini && total > infini_max {
                    continue;
                }
                let started = Instant::now();
                let (passages, rate) = if *method == Method::Infini {
                    let docs = workspace_docs(&root)?;
                    let (p, stats) = retriever.infini_docs_with_stats(&docs, question, args.k)?;
                    (p, Some(stats.tokens as f64 / stats.seconds.max(1e-9)))
                } else {
                    (
                        retriever.retrieve_with(question, args.k, *method, None)?,
                        None,
                    )
                };
                let secs = started.elapsed().as_secs_f64();
                let ok = hit(&passages, path, *line);
                let base = *baseline.get_or_insert(secs);
                if let Some(entry) = summary.iter_mut().find(|(m, _, _)| m == method) {
                    entry.1 += usize::from(ok);
                    entry.2 += 1;
                }
                println!(
                    "{total:>8} {depth:>5}% {:<8} {:>7} {secs:>9.2} {:>8.1}x {:>10}",
                    method.name(),
                    if ok { "yes" } else { "no" },
                    secs / base.max(1e-9),
                    rate.map(|r| format!("{r:.0}"))
                        .unwrap_or_else(|| "-".into())
                );
            }
        }
    }
    println!("recall@{} per method:", args.k);
    for (method, hits, runs) in &summary {
        if *runs > 0 {
            println!(
                "  {:<8} {hits}/{runs} = {:.0}%",
                method.name(),
                100.0 * *hits as f64 / *runs as f64
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn workspace_docs(root: &Path) -> Result<Vec<Document>> {
    let listing = rlm_engine::workspace::list_files(root, &Default::default())?;
    let mut docs = Vec::new();
    for file in listing.files {
        let text = std::fs::read_to_string(&file.abs_path)?;
        docs.push(Document::new(Some(file.rel_path), 1, text));
    }
    Ok(docs)
}
