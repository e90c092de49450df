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

mod docstrings;
mod needles;

use anyhow::{Context, Result, bail};
use needles::{LEXICAL, MULTI, Needle, SEMANTIC};
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
    /// The suites and their settings (boxed: they would make every bench command's arguments
    /// as large as these)
    #[command(flatten)]
    pub suite: Box<SuiteArgs>,
}

#[derive(Debug, clap::Args)]
pub struct SuiteArgs {
    /// Suites: lexical (questions in the facts' words), semantic (paraphrases sharing no content
    /// word), docstring (find a Python function from its docstring's first sentence)
    #[arg(long, default_value = "lexical,semantic", value_delimiter = ',')]
    pub suites: Vec<String>,
    /// File extensions of the needle corpus, e.g. rs or py
    #[arg(long, default_value = "rs", value_delimiter = ',')]
    pub ext: Vec<String>,
    /// Semantic suite: how many of its paraphrased needles to plant (spread from 0% to 100%)
    #[arg(long)]
    pub semantic_count: Option<usize>,
    /// Docstring suite: the Python library folder (default: python3's standard library)
    #[arg(long)]
    pub doc_corpus: Option<PathBuf>,
    /// Docstring suite: how many documented functions to ask for
    #[arg(long, default_value_t = 200)]
    pub doc_functions: usize,
    /// Docstring suite: infini and hybrid answer only the first N functions (they read text)
    #[arg(long, default_value_t = 30)]
    pub doc_slow: usize,
    /// Lines of the windows embedded within longer chunks (default: `[retrieval] unit_lines`)
    #[arg(long)]
    pub unit_lines: Option<usize>,
}

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

fn source_files(corpus: &Path, exts: &[String]) -> Result<Vec<(String, String)>> {
    let listing = rlm_engine::workspace::list_files(corpus, &Default::default())?;
    let mut files = Vec::new();
    for file in listing.files {
        if !exts
            .iter()
            .any(|e| file.rel_path.ends_with(&format!(".{e}")))
        {
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
        bail!("no {exts:?} files under {}", corpus.display());
    }
    Ok(files)
}

/// Whether a text already contains one of the facts this benchmark plants.
fn planted_text_in(text: &str) -> bool {
    LEXICAL
        .iter()
        .chain(SEMANTIC)
        .any(|n| text.contains(n.fact))
        || MULTI.0.iter().any(|fact| text.contains(fact))
}

/// The comment line that plants `fact` into the file `name`.
fn comment_line(name: &str, fact: &str) -> String {
    let lead = if name.ends_with(".py") || name.ends_with(".sh") || name.ends_with(".toml") {
        "#"
    } else {
        "//"
    };
    format!("{lead} NOTE: {fact}")
}

/// One question of the benchmark: its label, text, and the places of the lines that answer it.
struct Question {
    label: String,
    text: &'static str,
    needles: Vec<(String, usize)>,
}

/// Writes a haystack of about `size` tokens into `dir` with each `(depth, fact)` planted; returns
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
    for (depth, fact) in plants {
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
        lines.insert(line, comment_line(name, fact));
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

/// A fact to plant and its depth in percent.
type Plant = (u32, &'static str);
/// A question's label, text and how many planted facts answer it (they follow in plant order).
type Asked = (String, &'static str, usize);

/// The lexical suite: one question per depth with its own fact, then the multi-needle one.
fn plan_lexical(depths: &[u32], multi: bool) -> (Vec<Plant>, Vec<Asked>) {
    let mut plants = Vec::new();
    let mut questions = Vec::new();
    for (i, depth) in depths.iter().enumerate() {
        let Needle { fact, question, .. } = LEXICAL[i % LEXICAL.len()];
        questions.push((format!("{depth}%"), question, 1));
        plants.push((*depth, fact));
    }
    if multi {
        for (depth, fact) in MULTI_DEPTHS.iter().zip(MULTI.0) {
            plants.push((*depth, *fact));
        }
        questions.push(("multi".to_string(), MULTI.1, MULTI.0.len()));
    }
    (plants, questions)
}

/// The semantic suite: `count` paraphrased needles spread evenly from 0% to 100%.
fn plan_semantic(count: usize) -> (Vec<Plant>, Vec<Asked>) {
    let count = count.clamp(1, SEMANTIC.len());
    let mut plants = Vec::new();
    let mut questions = Vec::new();
    for (i, needle) in SEMANTIC.iter().take(count).enumerate() {
        let depth = if count == 1 {
            50
        } else {
            (i * 100 / (count - 1)) as u32
        };
        questions.push((format!("{depth}%"), needle.question, 1));
        plants.push((depth, needle.fact));
    }
    (plants, questions)
}

/// Depths (percent) of the multi-needle parts.
const MULTI_DEPTHS: [u32; 3] = [15, 55, 85];

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

/// Hits per method: single-needle questions answered, and multi-needle parts found; for the
/// docstring suite, reciprocal ranks.
#[derive(Default, Clone)]
struct Tally {
    single: (usize, usize),
    multi: (usize, usize),
    /// Docstring suite: (found in the top 5, sum of 1/rank within the top 10, questions).
    code: (usize, f64, usize),
}

/// One summary row: a suite at a size, each method's tally.
struct Row {
    suite: String,
    tokens: usize,
    tallies: Vec<(Method, Tally)>,
}

/// What every suite needs: the methods and the settings a retriever gets.
struct Bench<'a> {
    args: &'a Args,
    methods: Vec<Method>,
    infini_max: usize,
}

impl Bench<'_> {
    fn retriever(&self, root: &Path, index_dir: &Path) -> Result<Retriever> {
        let args = self.args;
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
        config.unit_lines = args.suite.unit_lines.unwrap_or(config.unit_lines);
        let models = ModelsConfig {
            attention: args.attention_model.clone(),
            attention_heads: args.heads.clone(),
            final_attention: args.final_model.clone(),
            ..ModelsConfig::default()
        };
        Ok(Retriever::with_settings(root, index_dir, config, models)?)
    }

    /// Indexes the haystack at `root` and embeds it when a method needs the vectors.
    fn index(
        &self,
        root: &Path,
        index_dir: &Path,
        retriever: &Retriever,
        total: usize,
    ) -> Result<()> {
        let settings = IndexSettings::new(root, &Config::default(), Some(index_dir));
        index_workspace(root, &settings, &NoProgress)?;
        if self
            .methods
            .iter()
            .any(|m| matches!(m, Method::Vector | Method::Hybrid))
        {
            let started = Instant::now();
            let report = retriever
                .build_vectors(settings.lock_timeout)?
                .context("[retrieval] embed_at_index is off")?;
            println!(
                "{total:>8} tokens: {}",
                report.summary_line(started.elapsed().as_secs_f64())
            );
        }
        Ok(())
    }

    /// Asks one method; returns the passages and, for InfiniRetri, its tokens per second.
    fn ask(
        &self,
        retriever: &Retriever,
        docs: &[Document],
        method: Method,
        question: &str,
        k: usize,
    ) -> Result<(Vec<Passage>, Option<f64>)> {
        if method == Method::Infini {
            let (p, stats) = retriever.infini_docs_with_stats(docs, question, k)?;
            return Ok((p, Some(stats.tokens as f64 / stats.seconds.max(1e-9))));
        }
        let found = retriever.retrieve_noted(question, k, method, None)?;
        for note in &found.notes {
            println!("  note ({}): {note}", method.name());
        }
        Ok((found.passages, None))
    }

    /// A needle suite at one size: builds, indexes and asks; returns the summary row.
    fn needles(
        &self,
        suite: &str,
        files: &[(String, String)],
        size: usize,
        plants: &[Plant],
        plan_questions: &[Asked],
    ) -> Result<Row> {
        let args = self.args;
        let scratch = tempfile::tempdir().context("creating a scratch folder")?;
        let root = scratch.path().join("haystack");
        std::fs::create_dir_all(&root)?;
        let index_dir = scratch.path().join("index");
        let retriever = self.retriever(&root, &index_dir)?;
        let model = retriever.attention_model()?;
        let count = |text: &str| -> Result<usize> { Ok(model.encode(text)?.ids.len()) };
        let (planted, total) = build_haystack(&root, files, size, plants, &count)?;
        let mut planted = planted.into_iter();
        let questions: Vec<Question> = plan_questions
            .iter()
            .map(|(label, text, parts)| Question {
                label: label.clone(),
                text,
                needles: planted.by_ref().take(*parts).collect(),
            })
            .collect();
        self.index(&root, &index_dir, &retriever, total)?;
        // The haystack as InfiniRetri reads it: read from disk once per size, not per question.
        let infini_docs = if self.methods.contains(&Method::Infini) && total <= self.infini_max {
            workspace_docs(&root)?
        } else {
            Vec::new()
        };
        let mut tallies: Vec<(Method, Tally)> = self
            .methods
            .iter()
            .map(|m| (*m, Tally::default()))
            .collect();
        for question in &questions {
            let mut baseline = None;
            for method in &self.methods {
                if *method == Method::Infini && total > self.infini_max {
                    continue;
                }
                let started = Instant::now();
                let (passages, rate) =
                    self.ask(&retriever, &infini_docs, *method, question.text, args.k)?;
                let secs = started.elapsed().as_secs_f64();
                let hits = found(&passages, &question.needles);
                if args.show_passages {
                    show(&passages, &question.needles);
                }
                let parts = question.needles.len();
                let base = *baseline.get_or_insert(secs);
                if let Some((_, t)) = tallies.iter_mut().find(|(m, _)| m == method) {
                    let slot = if parts == 1 {
                        &mut t.single
                    } else {
                        &mut t.multi
                    };
                    slot.0 += hits;
                    slot.1 += parts;
                }
                println!(
                    "{suite:<9} {total:>8} {:>6} {:<8} {:>7} {secs:>9.2} {:>8.1}x {:>10}",
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
        Ok(Row {
            suite: suite.to_string(),
            tokens: total,
            tallies,
        })
    }

    /// The docstring-to-code suite over a Python library folder.
    fn docstrings(&self, corpus: &Path) -> Result<Row> {
        let args = self.args;
        let scratch = tempfile::tempdir().context("creating a scratch folder")?;
        let root = scratch.path().join("haystack");
        std::fs::create_dir_all(&root)?;
        let index_dir = scratch.path().join("index");
        let retriever = self.retriever(&root, &index_dir)?;
        let model = retriever.attention_model()?;
        let mut asked: Vec<(String, docstrings::Documented)> = Vec::new();
        let mut total = 0;
        for (name, text) in docstrings::library_modules(corpus)
            .with_context(|| format!("reading {}", corpus.display()))?
        {
            if asked.len() >= args.suite.doc_functions {
                break;
            }
            let stripped = docstrings::strip_docstrings(&text, 4);
            if stripped.functions.is_empty() {
                continue;
            }
            total += model.encode(&stripped.text)?.ids.len();
            std::fs::write(root.join(&name), &stripped.text)?;
            asked.extend(stripped.functions.into_iter().map(|f| (name.clone(), f)));
        }
        asked.truncate(args.suite.doc_functions);
        if asked.is_empty() {
            bail!("no documented functions in {}", corpus.display());
        }
        println!(
            "docstring: {} functions from {} ({} tokens)",
            asked.len(),
            corpus.display(),
            total
        );
        self.index(&root, &index_dir, &retriever, total)?;
        let docs = if self.methods.contains(&Method::Infini) && total <= self.infini_max {
            workspace_docs(&root)?
        } else {
            Vec::new()
        };
        let mut tallies: Vec<(Method, Tally)> = self
            .methods
            .iter()
            .map(|m| (*m, Tally::default()))
            .collect();
        for (method, tally) in tallies.iter_mut() {
            let slow = matches!(method, Method::Infini | Method::Hybrid);
            if *method == Method::Infini && total > self.infini_max {
                continue;
            }
            let started = Instant::now();
            let limit = if slow {
                args.suite.doc_slow
            } else {
                asked.len()
            };
            for (path, function) in asked.iter().take(limit) {
                let (passages, _) = self.ask(&retriever, &docs, *method, &function.query, 10)?;
                let rank = passages.iter().position(|p| {
                    p.path.as_deref() == Some(path.as_str())
                        && p.start_line <= function.end_line
                        && function.start_line <= p.end_line
                });
                if args.show_passages {
                    println!(
                        "  {path}:{} {} {:?}: rank {rank:?}",
                        function.start_line, function.name, function.query
                    );
                }
                tally.code.2 += 1;
                if let Some(r) = rank {
                    tally.code.1 += 1.0 / (r + 1) as f64;
                    if r < 5 {
                        tally.code.0 += 1;
                    }
                }
            }
            let (top5, rr, n) = tally.code;
            println!(
                "docstring {total:>8} {:<8} recall@5 {:.2} MRR@10 {:.2} over {n} functions, {:.2}s a question",
                method.name(),
                top5 as f64 / n.max(1) as f64,
                rr / n.max(1) as f64,
                started.elapsed().as_secs_f64() / n.max(1) as f64
            );
        }
        Ok(Row {
            suite: "docstring".into(),
            tokens: total,
            tallies,
        })
    }
}

fn show(passages: &[Passage], needles: &[(String, usize)]) {
    println!("  needles at {needles:?}; passages:");
    for p in passages {
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

/// python3's standard library folder.
fn python_stdlib() -> Result<PathBuf> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .context("running python3 to find its standard library: pass --doc-corpus DIR")?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() || path.is_empty() {
        bail!("python3 did not name its standard library: pass --doc-corpus DIR");
    }
    Ok(PathBuf::from(path))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut methods: Vec<Method> = vec![Method::Bm25];
    for name in &args.methods {
        let m: Method = name.parse()?;
        if !methods.contains(&m) {
            methods.push(m);
        }
    }
    for suite in &args.suite.suites {
        if !["lexical", "semantic", "docstring"].contains(&suite.as_str()) {
            bail!("unknown suite {suite:?}: use lexical, semantic or docstring");
        }
    }
    let bench = Bench {
        args: &args,
        methods,
        infini_max: parse_size(&args.infini_max)?,
    };
    let needle_suites: Vec<&str> = args
        .suite
        .suites
        .iter()
        .map(String::as_str)
        .filter(|s| *s != "docstring")
        .collect();
    let mut rows: Vec<Row> = Vec::new();
    if !needle_suites.is_empty() {
        let corpus = match &args.corpus {
            Some(c) => c.clone(),
            None => rlm_engine::models::manifest::checkout_root()
                .context("not inside an rlm checkout: pass --corpus DIR")?,
        };
        let files = source_files(&corpus, &args.suite.ext)?;
        println!(
            "needle in a haystack: corpus {} ({} {:?} files), k={}, lexical depths {:?}%{}",
            corpus.display(),
            files.len(),
            args.suite.ext,
            args.k,
            args.depths,
            if args.single_only {
                String::new()
            } else {
                format!(", multi-needle parts at {MULTI_DEPTHS:?}%")
            }
        );
        println!(
            "{:<9} {:>8} {:>6} {:<8} {:>7} {:>9} {:>9} {:>10}",
            "suite", "tokens", "needle", "method", "hit@k", "seconds", "vs bm25", "tokens/s"
        );
        for size_text in &args.sizes {
            let size = parse_size(size_text)?;
            for suite in &needle_suites {
                let (plants, questions) = if *suite == "lexical" {
                    plan_lexical(&args.depths, !args.single_only)
                } else {
                    plan_semantic(args.suite.semantic_count.unwrap_or(SEMANTIC.len()))
                };
                rows.push(bench.needles(suite, &files, size, &plants, &questions)?);
            }
        }
    }
    if args.suite.suites.iter().any(|s| s == "docstring") {
        let corpus = match &args.suite.doc_corpus {
            Some(c) => c.clone(),
            None => python_stdlib()?,
        };
        rows.push(bench.docstrings(&corpus)?);
    }
    print_summary(&rows, &bench.methods, args.k);
    Ok(ExitCode::SUCCESS)
}

/// Every method on every suite, side by side.
fn print_summary(rows: &[Row], methods: &[Method], k: usize) {
    println!(
        "summary: needles recall@{k} (single; multi-needle parts), docstring recall@5 / MRR@10 (functions asked)"
    );
    let mut header = format!("{:<9} {:>9}", "suite", "tokens");
    for m in methods {
        header.push_str(&format!(" {:>22}", m.name()));
    }
    println!("{header}");
    for row in rows {
        let mut line = format!("{:<9} {:>9}", row.suite, row.tokens);
        for m in methods {
            let cell = match row.tallies.iter().find(|(x, _)| x == m) {
                Some((_, t)) if t.code.2 > 0 => format!(
                    "{:.2} / {:.2} ({})",
                    t.code.0 as f64 / t.code.2 as f64,
                    t.code.1 / t.code.2 as f64,
                    t.code.2
                ),
                Some((_, t)) if t.single.1 + t.multi.1 > 0 => {
                    let mut cell = format!("{}/{}", t.single.0, t.single.1);
                    if t.multi.1 > 0 {
                        cell.push_str(&format!("; {}/{}", t.multi.0, t.multi.1));
                    }
                    cell
                }
                _ => "-".to_string(),
            };
            line.push_str(&format!(" {cell:>22}"));
        }
        println!("{line}");
    }
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
