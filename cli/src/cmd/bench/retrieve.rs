//! `rlm bench retrieve`: needle in a haystack built from real source code.
//!
//! For each size, source files of a corpus (default: this checkout's Rust sources, repeated under
//! numbered folders when the corpus is smaller than the size) make a haystack workspace in a
//! scratch folder. One planted fact per depth (0-100% of the haystack) is written as a comment line
//! into the file at that depth; each fact has its own question. A multi-needle question asks for a
//! fact planted in three parts far apart (its score is the share of parts found). The workspace is
//! indexed once, then every method answers every question; a hit is the fact's line inside one of
//! the top-k passages.
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
    /// The attention model (a manifest name; default: `[models] attention` or the manifest's first)
    #[arg(long)]
    pub attention_model: Option<String>,
    /// The attention heads InfiniRetri sums, e.g. 3,4 (default: the manifest's `retrieval_heads`)
    #[arg(long, value_delimiter = ',')]
    pub heads: Option<Vec<usize>>,
    /// The model of InfiniRetri's final reading (default: the attention model's `final_reading`)
    #[arg(long)]
    pub final_model: Option<String>,
    /// Hybrid: chunks from each of BM25 and vector search (default: the `[retrieval]` default)
    #[arg(long)]
    pub candidates: Option<usize>,
    /// Hybrid: lines InfiniRetri reads of each candidate, 0 for all (default: `[retrieval]`)
    #[arg(long)]
    pub candidate_lines: Option<usize>,
    /// Hybrid: the most tokens InfiniRetri reads of the candidates (default: `[retrieval]`)
    #[arg(long)]
    pub candidate_tokens: Option<usize>,
    /// InfiniRetri's new-text tokens per window (default: the `[retrieval]` default)
    #[arg(long)]
    pub window_tokens: Option<usize>,
    /// InfiniRetri's cache carried between windows, in tokens (default: the `[retrieval]` default)
    #[arg(long)]
    pub cache_tokens: Option<usize>,
    /// Only the single-needle questions (no multi-needle question)
    #[arg(long)]
    pub single_only: bool,
    /// Print each method's passages under its row (to see what beat a missed needle)
    #[arg(long)]
    pub show_passages: bool,
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
            // A file that already holds a planted fact (this benchmark's own source) would be a
            // second, unplanted answer: it is left out of the haystack.
            if planted_text_in(&text) {
                continue;
            }
            files.push((file.rel_path, text));
        }
    }
    if files.is_empty() {
        bail!("no .rs files under {}", corpus.display());
    }
    Ok(files)
}

/// Whether a text already contains one of the facts this benchmark plants.
fn planted_text_in(text: &str) -> bool {
    NEEDLES.iter().any(|(_, _, answer)| text.contains(answer))
        || MULTI.0.iter().any(|line| text.contains(&line[9..]))
}

/// The multi-needle question: three parts of one fact planted far apart; a method finds a share of
/// them in its top-k passages.
const MULTI: (&[&str], &str) = (
    &[
        "// NOTE: the vault recovery phrase, word one of three, is amber.",
        "// NOTE: the vault recovery phrase, word two of three, is lantern.",
        "// NOTE: the vault recovery phrase, word three of three, is quarry.",
    ],
    "What are the three words of the vault recovery phrase?",
);

/// Depths (percent) of the multi-needle parts.
const MULTI_DEPTHS: [u32; 3] = [15, 55, 85];

/// One question of the benchmark: its label, text, and the places of the lines that answer it.
struct Question {
    label: String,
    text: &'static str,
    needles: Vec<(String, usize)>,
}

/// Writes a haystack of about `size` tokens into `dir` with each `(depth, line)` planted; returns
/// where each planted line went (workspace path, 1-based line) and the real token count.
fn build_haystack(
    dir: &Path,
    files: &[(String, String)],
    size: usize,
    plants: &[(u32, &str)],
    count_tokens: &dyn Fn(&str) -> Result<usize>,
) -> Result<(Vec<(String, usize)>, usize)> {
    let mut chosen: Vec<(String, Vec<String>, usize)> = Vec::new();
    let mut total = 0;
    // Each file's count, taken once however many copies of it the haystack needs.
    let mut counts: Vec<Option<usize>> = vec![None; files.len()];
    'outer: for round in 0.. {
        for ((path, text), count) in files.iter().zip(counts.iter_mut()) {
            if total >= size {
                break 'outer;
            }
            let mut tokens = match *count {
                Some(n) => n,
                None => *count.insert(count_tokens(text)?),
            };
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            // The last file is cut so that the haystack is the size asked for, not a file more.
            if total + tokens > size && tokens > 0 {
                let keep = lines.len() * (size - total) / tokens;
                lines.truncate(keep.max(1));
                tokens = count_tokens(&(lines.join("\n") + "\n"))?;
            }
            let name = if round == 0 {
                path.clone()
            } else {
                format!("copy{round}/{path}")
            };
            chosen.push((name, lines, tokens));
            total += tokens;
        }
    }
    let mut planted: Vec<(String, usize)> = Vec::new();
    for (depth, text) in plants {
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
        lines.insert(line, text.to_string());
        // Lines below in the same file move down by one.
        for (ppath, pline) in planted.iter_mut() {
            if ppath == name && *pline > line {
                *pline += 1;
            }
        }
        planted.push((name.clone(), line + 1));
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

/// A line to plant and its depth in percent.
type Plant = (u32, &'static str);
/// A question's label, text and how many planted lines answer it (they follow in plant order).
type Asked = (String, &'static str, usize);

/// The questions over a haystack: one per depth with its own fact, then the multi-needle one.
fn plan(depths: &[u32], multi: bool) -> (Vec<Plant>, Vec<Asked>) {
    let mut plants = Vec::new();
    let mut questions = Vec::new();
    for (i, depth) in depths.iter().enumerate() {
        let (line, question, _) = NEEDLES[i % NEEDLES.len()];
        questions.push((format!("{depth}%"), question, 1));
        plants.push((*depth, line));
    }
    if multi {
        for (depth, line) in MULTI_DEPTHS.iter().zip(MULTI.0) {
            plants.push((*depth, *line));
        }
        questions.push(("multi".to_string(), MULTI.1, MULTI.0.len()));
    }
    (plants, questions)
}

/// How many of the needles lie inside one of the passages.
fn found(passages: &[Passage], needles: &[(String, usize)]) -> usize {
    needles
        .iter()
        .filter(|(path, line)| {
            passages.iter().any(|p| {
                p.path.as_deref() == Some(path.as_str())
                    && p.start_line <= *line
                    && *line <= p.end_line
            })
        })
        .count()
}

/// Hits per method: single-needle questions answered, and multi-needle parts found.
#[derive(Default)]
struct Tally {
    single: (usize, usize),
    multi: (usize, usize),
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
        "needle in a haystack: corpus {} ({} .rs files), k={}, depths {:?}%{}",
        corpus.display(),
        files.len(),
        args.k,
        args.depths,
        if args.single_only {
            String::new()
        } else {
            format!(", multi-needle parts at {MULTI_DEPTHS:?}%")
        }
    );
    println!(
        "{:>8} {:>6} {:<8} {:>7} {:>9} {:>9} {:>10}",
        "tokens", "needle", "method", "hit@k", "seconds", "vs bm25", "tokens/s"
    );
    let mut tally: Vec<(Method, Tally)> = methods.iter().map(|m| (*m, Tally::default())).collect();
    let (plants, plan_questions) = plan(&args.depths, !args.single_only);
    for size_text in &args.sizes {
        let size = parse_size(size_text)?;
        let scratch = tempfile::tempdir().context("creating a scratch folder")?;
        let root = scratch.path().join("haystack");
        std::fs::create_dir_all(&root)?;
        let settings_dir = scratch.path().join("index");
        let mut config = RetrievalConfig::default();
        if let Some(window) = args.window_tokens {
            config.window_tokens = window;
        }
        if let Some(cache) = args.cache_tokens {
            config.cache_tokens = cache;
        }
        config.candidates = args.candidates.unwrap_or(config.candidates);
        config.candidate_lines = args.candidate_lines.unwrap_or(config.candidate_lines);
        config.candidate_tokens = args.candidate_tokens.unwrap_or(config.candidate_tokens);
        let models = ModelsConfig {
            attention: args.attention_model.clone(),
            attention_heads: args.heads.clone(),
            final_attention: args.final_model.clone(),
            ..ModelsConfig::default()
        };
        let retriever = Retriever::with_settings(&root, &settings_dir, config, models)?;
        let model = retriever.attention_model()?;
        let judge = retriever.final_reading_model()?;
        let describe = |m: &rlm_engine::models::AttentionModel| {
            let heads = m.retrieval_heads();
            let heads = if heads.is_empty() {
                "all".to_string()
            } else {
                format!("{heads:?}")
            };
            format!("{} (layer {}, heads {heads})", m.name(), m.layer())
        };
        println!(
            "attention model {}, final reading {}",
            describe(model),
            describe(judge)
        );
        let count = |text: &str| -> Result<usize> { Ok(model.encode(text)?.ids.len()) };
        let (planted, total) = build_haystack(&root, &files, size, &plants, &count)?;
        let mut planted = planted.into_iter();
        let questions: Vec<Question> = plan_questions
            .iter()
            .map(|(label, text, parts)| Question {
                label: label.clone(),
                text,
                needles: planted.by_ref().take(*parts).collect(),
            })
            .collect();
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
        // The haystack as InfiniRetri reads it: read from disk once per size, not per question.
        let infini_docs = if methods.contains(&Method::Infini) && total <= infini_max {
            workspace_docs(&root)?
        } else {
            Vec::new()
        };
        for question in &questions {
            let mut baseline = None;
            for method in &methods {
                if *method == Method::Infini && total > infini_max {
                    continue;
                }
                let started = Instant::now();
                let (passages, rate) = if *method == Method::Infini {
                    let (p, stats) =
                        retriever.infini_docs_with_stats(&infini_docs, question.text, args.k)?;
                    (p, Some(stats.tokens as f64 / stats.seconds.max(1e-9)))
                } else {
                    (
                        retriever.retrieve_with(question.text, args.k, *method, None)?,
                        None,
                    )
                };
                let secs = started.elapsed().as_secs_f64();
                let hits = found(&passages, &question.needles);
                if args.show_passages {
                    println!("  needles at {:?}; passages:", question.needles);
                    for p in &passages {
                        let ranks: Vec<String> = p
                            .ranks
                            .iter()
                            .map(|(m, r)| format!("{}#{r}", m.name()))
                            .collect();
                        println!(
                            "    {}:{}-{} {:.3} [{}] {}",
                            p.path.as_deref().unwrap_or("-"),
                            p.start_line,
                            p.end_line,
                            p.score,
                            ranks.join(" "),
                            p.text.lines().next().unwrap_or("").trim()
                        );
                    }
                }
                let parts = question.needles.len();
                let base = *baseline.get_or_insert(secs);
                if let Some((_, t)) = tally.iter_mut().find(|(m, _)| m == method) {
                    let slot = if parts == 1 {
                        &mut t.single
                    } else {
                        &mut t.multi
                    };
                    slot.0 += hits;
                    slot.1 += parts;
                }
                println!(
                    "{total:>8} {:>6} {:<8} {:>7} {secs:>9.2} {:>8.1}x {:>10}",
                    question.label,
                    method.name(),
                    if parts == 1 {
                        (if hits == 1 { "yes" } else { "no" }).to_string()
                    } else {
                        format!("{hits}/{parts}")
                    },
                    secs / base.max(1e-9),
                    rate.map(|r| format!("{r:.0}"))
                        .unwrap_or_else(|| "-".into())
                );
            }
        }
    }
    println!(
        "recall@{} per method (single needle; multi-needle parts):",
        args.k
    );
    for (method, t) in &tally {
        let pct = |(hits, runs): (usize, usize)| {
            if runs == 0 {
                "-".to_string()
            } else {
                format!("{hits}/{runs} = {:.0}%", 100.0 * hits as f64 / runs as f64)
            }
        };
        if t.single.1 + t.multi.1 > 0 {
            println!(
                "  {:<8} {:<16} multi {}",
                method.name(),
                pct(t.single),
                pct(t.multi)
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
