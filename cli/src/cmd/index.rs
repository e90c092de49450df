//! `rlm index [PATH]`: bring the workspace index up to date, or (`--dry-run`) say what that
//! would index, skip and cost.

use crate::output::print_json;
use crate::workspace::Workspace;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rlm_engine::index::{DryRun, IndexProgress, IndexReport, dry_run, index_workspace};
use rlm_engine::retrieval::build_workspace_vectors;
use rlm_engine::workspace::watch::Watcher;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace (default: the current folder)
    pub path: Option<PathBuf>,
    /// Where the index lives (default: PATH/.rlm)
    #[arg(long)]
    pub index_dir: Option<PathBuf>,
    /// Skip files larger than this many bytes (default 2 MiB, or index.max_file_size)
    #[arg(long)]
    pub max_file_size: Option<u64>,
    /// Leave out paths matching this glob (repeatable), on top of index.exclude
    #[arg(long)]
    pub exclude: Vec<String>,
    /// Print what would be indexed and skipped, and an estimated time; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Index generated files too (lockfiles, minified bundles, `DO NOT EDIT` headers)
    #[arg(long)]
    pub keep_generated: bool,
    /// Index vendored folders too (vendor/, node_modules/, third_party/)
    #[arg(long)]
    pub keep_vendored: bool,
    /// Bytes of source per commit (default: a twentieth of the run, 8-128 MB); a killed run
    /// loses at most the batch in flight
    #[arg(long)]
    pub batch_bytes: Option<u64>,
    /// Parser threads (reading, parsing, chunking; one tantivy writer takes their documents)
    /// [default: the available cores, at most 8]
    #[arg(long)]
    pub threads: Option<usize>,
    /// After indexing, keep watching the workspace and update the index when files change
    /// (until interrupted)
    #[arg(long)]
    pub watch: bool,
    /// With --watch: wait this long after the last change of a burst before updating
    #[arg(long, default_value_t = 200)]
    pub debounce_ms: u64,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
    /// Leave the embeddings for a later run: only the BM25 index and the code graph are brought up
    /// to date (embedding is most of a first run's time; until a run embeds, vector and hybrid
    /// retrieval answer from BM25 and say so)
    #[arg(long)]
    pub no_embed: bool,
}

/// Progress on stderr: a bar (files, MB/s, ETA) on a terminal, a plain line every few seconds
/// otherwise, nothing for runs shorter than that.
struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    started: Instant,
    files: AtomicUsize,
    total_files: AtomicUsize,
    bytes: AtomicU64,
    total_bytes: AtomicU64,
    last_line: Mutex<Instant>,
}

/// How often a plain progress line is printed when stderr is not a terminal.
const PLAIN_EVERY: Duration = Duration::from_secs(2);

impl Progress {
    fn new(tty: bool, quiet: bool) -> Progress {
        let bar = (tty && !quiet).then(|| {
            let bar = ProgressBar::new(0);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} indexing [{bar:30}] {msg} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            plain: !tty && !quiet,
            started: now,
            files: AtomicUsize::new(0),
            total_files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            total_bytes: AtomicU64::new(0),
            last_line: Mutex::new(now),
        }
    }

    fn files_message(&self) -> String {
        format!(
            "{}/{} files",
            self.files.load(Ordering::Relaxed),
            self.total_files.load(Ordering::Relaxed)
        )
    }
}

impl IndexProgress for Progress {
    fn planned(&self, files: usize, bytes: u64) {
        self.total_files.store(files, Ordering::Relaxed);
        self.total_bytes.store(bytes, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_length(bytes);
            bar.set_message(self.files_message());
        }
    }
    fn bytes_done(&self, bytes: u64) {
        let done = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.set_position(done);
            bar.set_message(self.files_message());
        }
        if self.plain {
            let Ok(mut last) = self.last_line.try_lock() else {
                return;
            };
            if last.elapsed() < PLAIN_EVERY {
                return;
            }
            *last = Instant::now();
            eprintln!(
                "{}",
                progress_line(
                    files,
                    self.total_files.load(Ordering::Relaxed),
                    done,
                    self.total_bytes.load(Ordering::Relaxed),
                    self.started.elapsed(),
                )
            );
        }
    }
    fn waiting_for_lock(&self) {
        eprintln!("waiting for another `rlm index` on this workspace to finish…");
    }
}

/// `indexing: 1200/5000 files, 34.2/120.0 MB, 12.3 MB/s, ETA 7 s`
fn progress_line(
    files: usize,
    total_files: usize,
    bytes: u64,
    total: u64,
    elapsed: Duration,
) -> String {
    let secs = elapsed.as_secs_f64().max(1e-3);
    let rate = bytes as f64 / secs;
    let eta = if rate > 0.0 {
        format!("{:.0} s", total.saturating_sub(bytes) as f64 / rate)
    } else {
        "?".into()
    };
    format!(
        "indexing: {files}/{total_files} files, {:.1}/{:.1} MB, {:.1} MB/s, ETA {eta}",
        bytes as f64 / 1e6,
        total as f64 / 1e6,
        rate / 1e6,
    )
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut workspace = Workspace::resolve(args.path.as_deref(), args.index_dir.as_deref())?;
    if let Some(max) = args.max_file_size {
        workspace.settings.list.max_file_size = max;
    }
    workspace
        .settings
        .list
        .exclude
        .extend(args.exclude.iter().cloned());
    if args.keep_generated {
        workspace.settings.filters.skip_generated = false;
    }
    if args.keep_vendored {
        workspace.settings.filters.skip_vendored = false;
    }
    if let Some(bytes) = args.batch_bytes {
        workspace.settings.batch_bytes = Some(bytes);
    }
    if let Some(threads) = args.threads {
        anyhow::ensure!(threads > 0, "--threads must be at least 1");
        workspace.settings.threads = threads;
    }
    if args.dry_run {
        let plan = dry_run(&workspace.root, &workspace.settings)?;
        if args.json {
            print_json(&plan)?;
        } else {
            print!("{}", render_dry_run(&plan));
        }
        return Ok(ExitCode::SUCCESS);
    }
    // Watching starts before the first update, so an edit made while it runs is not missed.
    let watcher = if args.watch {
        let skip = vec![workspace.settings.dir.clone()];
        let watcher = Watcher::new(&workspace.root, &skip)
            .with_context(|| format!("watching {}", workspace.root.display()))?;
        Some(watcher)
    } else {
        None
    };
    update_once(&workspace, &args)?;
    let Some(mut watcher) = watcher else {
        return Ok(ExitCode::SUCCESS);
    };
    // Installed after the first update, so Ctrl-C still ends a long first run at once.
    let stop = watch_signals::install();
    if !args.json {
        eprintln!(
            "watching {} ({} folders); Ctrl-C to stop",
            workspace.root.display(),
            watcher.watched()
        );
    }
    let debounce = Duration::from_millis(args.debounce_ms);
    while let Some(changes) = watcher.wait(debounce, stop)? {
        tracing::debug!(
            paths = changes.paths.len(),
            overflowed = changes.overflowed,
            "changes"
        );
        // A failed update (a file mid-write, the lock held too long) is reported and the
        // watch goes on: the next change tries again.
        if let Err(e) = update_once(&workspace, &args) {
            eprintln!("warning: update failed: {e:#}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One index update (and the embeddings unless `--no-embed`), reported on stdout.
fn update_once(workspace: &Workspace, args: &Args) -> Result<()> {
    let progress = Progress::new(std::io::stderr().is_terminal(), args.json);
    let report = index_workspace(&workspace.root, &workspace.settings, &progress)?;
    if let Some(bar) = &progress.bar {
        bar.finish_and_clear();
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    if args.json {
        print_json(&report)?;
    } else {
        println!("{}", summary_line(&report));
    }
    if args.no_embed {
        return Ok(());
    }
    // The embeddings vector and hybrid retrieval read (queries never build them).
    let started = std::time::Instant::now();
    let settings = &workspace.settings;
    match build_workspace_vectors(&workspace.root, &settings.dir, settings.lock_timeout) {
        Ok(Some(v)) if !args.json => {
            println!("{}", v.summary_line(started.elapsed().as_secs_f64()))
        }
        Ok(_) => {}
        Err(e) => eprintln!(
            "warning: embeddings not built ({e}); vector and hybrid retrieval fall back to BM25"
        ),
    }
    Ok(())
}

/// SIGINT and SIGTERM end a watch cleanly: the update in progress finishes (its commit and
/// manifest are written) and the process exits 0.
mod watch_signals {
    use std::sync::atomic::{AtomicBool, Ordering};

    static STOP: AtomicBool = AtomicBool::new(false);

    extern "C" fn on_signal(_: libc::c_int) {
        STOP.store(true, Ordering::Relaxed);
    }

    pub fn install() -> &'static AtomicBool {
        let handler = on_signal as extern "C" fn(libc::c_int);
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(libc::SIGINT, handler as libc::sighandler_t);
            libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
        }
        &STOP
    }
}

/// The dry run as a person reads it: a table per language, the skips by reason, the estimate.
pub fn render_dry_run(plan: &DryRun) -> String {
    let mut out = format!(
        "would index {} files ({:.1} MB) in {}\n",
        plan.files,
        plan.bytes as f64 / 1e6,
        plan.root.display()
    );
    out.push_str(&format!(
        "  {:<12} {:>8} {:>10}  symbols\n",
        "language", "files", "MB"
    ));
    let mut languages: Vec<_> = plan.languages.iter().collect();
    languages.sort_by(|a, b| b.1.bytes.cmp(&a.1.bytes).then(a.0.cmp(b.0)));
    for (name, count) in languages {
        out.push_str(&format!(
            "  {:<12} {:>8} {:>10.1}  {}\n",
            name,
            count.files,
            count.bytes as f64 / 1e6,
            if count.symbols { "yes" } else { "no (text)" }
        ));
    }
    let skipped: usize = plan.skipped.values().sum();
    if skipped > 0 {
        let reasons: Vec<String> = plan
            .skipped
            .iter()
            .map(|(reason, n)| format!("{} {n}", reason.name()))
            .collect();
        out.push_str(&format!("skipped {skipped}: {}\n", reasons.join(", ")));
    } else {
        out.push_str("skipped 0\n");
    }
    out.push_str(&format!(
        "already indexed and unchanged: {} files; to index: {} files ({:.1} MB)\n",
        plan.up_to_date,
        plan.to_index,
        plan.to_index_bytes as f64 / 1e6
    ));
    out.push_str(&format!(
        "estimated time: {:.1} s on {} threads\n",
        plan.estimate.as_secs_f64(),
        plan.threads
    ));
    out
}

/// One line a person reads: what is in the index now and what this run did.
pub fn summary_line(report: &IndexReport) -> String {
    let skipped: usize = report.skipped.values().sum();
    let reasons: Vec<String> = report
        .skipped
        .iter()
        .map(|(reason, n)| format!("{} {n}", reason.name()))
        .collect();
    let skipped = if skipped == 0 {
        String::new()
    } else {
        format!("; skipped {skipped} ({})", reasons.join(", "))
    };
    let lossy = if report.lossy_utf8 > 0 {
        format!("; {} not UTF-8 (decoded lossily)", report.lossy_utf8)
    } else {
        String::new()
    };
    format!(
        "indexed {} files in {:.2}s: {} added, {} updated, {} removed, {} unchanged; {} chunks, {} symbols written ({:.1} MB){skipped}{lossy}",
        report.files,
        report.elapsed.as_secs_f64(),
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.chunks,
        report.symbols,
        report.bytes_indexed as f64 / 1e6,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rlm_engine::index::LanguageCount;
    use rlm_engine::workspace::SkipReason;

    #[test]
    fn dry_run_renders_languages_by_size_skips_and_the_estimate() {
        let plan = DryRun {
            root: PathBuf::from("/ws"),
            index_dir: PathBuf::from("/ws/.rlm"),
            files: 3,
            bytes: 3_500_000,
            languages: [
                (
                    "c".to_string(),
                    LanguageCount {
                        files: 2,
                        bytes: 3_000_000,
                        symbols: true,
                    },
                ),
                (
                    "text".to_string(),
                    LanguageCount {
                        files: 1,
                        bytes: 500_000,
                        symbols: false,
                    },
                ),
            ]
            .into_iter()
            .collect(),
            up_to_date: 1,
            to_index: 2,
            to_index_bytes: 2_000_000,
            skipped: [(SkipReason::Binary, 1), (SkipReason::Vendored, 4)]
                .into_iter()
                .collect(),
            estimate: Duration::from_millis(1500),
            threads: 2,
        };
        assert_eq!(
            render_dry_run(&plan),
            "would index 3 files (3.5 MB) in /ws\n\
             \x20 language        files         MB  symbols\n\
             \x20 c                   2        3.0  yes\n\
             \x20 text                1        0.5  no (text)\n\
             skipped 5: binary 1, vendored 4\n\
             already indexed and unchanged: 1 files; to index: 2 files (2.0 MB)\n\
             estimated time: 1.5 s on 2 threads\n"
        );
    }

    #[test]
    fn plain_progress_line_has_files_rate_and_eta() {
        assert_eq!(
            progress_line(1200, 5000, 30_000_000, 120_000_000, Duration::from_secs(3)),
            "indexing: 1200/5000 files, 30.0/120.0 MB, 10.0 MB/s, ETA 9 s"
        );
    }
}
