//! `rlm scan [PATH]`: security audit of a workspace (or one file) for people and CI.
//!
//! Prints findings as text, JSON or SARIF; `--fix` shows the quick fixes as a diff and
//! `--fix --write` applies them. The exit code is 1 when findings at or above `--severity`
//! remain after the baseline, 0 when none do, 2 on errors: what CI needs.

use crate::output::print_json;
use crate::workspace::Workspace;
use anyhow::{Context, Result};
use rlm_engine::ask::{AskOverrides, PrepareError, prepare_models};
use rlm_engine::audit::triage::{TriageContext, triage_findings};
use rlm_engine::audit::triage_model::ModelTriager;
use rlm_engine::audit::{
    AuditConfig, Baseline, Finding, RuleSet, ScanReport, ScanScope, ScopeOptions, ScopeReport,
    Severity, apply_edits, merge_fixes, sarif, scan_scope, scan_source, unified_diff,
};
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace (or one file) to scan; default `.`
    pub path: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Report (and fail on) findings at or above this severity: low, medium, high, critical
    #[arg(long, value_name = "LEVEL")]
    pub severity: Option<String>,
    /// Leave out findings recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the current findings to this baseline file (and exit 0)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Show the quick fixes as a unified diff
    #[arg(long)]
    pub fix: bool,
    /// With --fix: apply the fixes to the files
    #[arg(long, requires = "fix")]
    pub write: bool,
    /// Ask the RLM loop (with a model) to confirm or dismiss each finding
    #[arg(long)]
    pub triage: bool,
    /// Only these rules: ids, `prefix/*` or `category:NAME` (repeatable)
    #[arg(long, value_name = "RULE")]
    pub enable: Vec<String>,
    /// Skip these rules: ids, `prefix/*` or `category:NAME` (repeatable)
    #[arg(long, value_name = "RULE")]
    pub disable: Vec<String>,
    /// Write the report to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// List the rules that would run, and exit
    #[arg(long)]
    pub list_rules: bool,
    /// Scanning threads (default: [audit] threads, 2)
    #[arg(long)]
    pub threads: Option<usize>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let target = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let (root, scope) = workspace_and_scope(&target)?;
    let workspace = Workspace::resolve(Some(&root), None)?;
    let mut config: AuditConfig = workspace.config.section("audit")?;
    config.enable.extend(args.enable.iter().cloned());
    config.disable.extend(args.disable.iter().cloned());
    if let Some(threads) = args.threads {
        config.threads = threads;
    }
    let rules = config.rule_set(&workspace.root)?;
    let selection_unknown = rlm_engine::audit::Selection {
        enable: config.enable.clone(),
        disable: config.disable.clone(),
    }
    .unknown_entries(RuleSet::builtin()?.rules());
    for entry in selection_unknown {
        eprintln!("warning: rule selection {entry:?} matches no built-in rule");
    }
    if args.list_rules {
        return list_rules(&rules);
    }
    // Built before scanning, so a missing or broken model fails at once.
    let mut triager = if args.triage {
        match triage_model(&workspace, &rules)? {
            Some(t) => Some(t),
            None => {
                eprintln!("error: {NO_TRIAGE_MODEL_MESSAGE}");
                return Ok(ExitCode::from(2));
            }
        }
    } else {
        None
    };
    let threshold = match &args.severity {
        Some(level) => Severity::from_name(level).with_context(|| {
            format!("unknown severity {level:?}: use low, medium, high or critical")
        })?,
        None => config.fail_on,
    };
    // `--write-baseline` records every finding; otherwise the severity floor and the baseline
    // (`--baseline`, else `[audit] baseline`) apply, as they do in the editor and for agents.
    let mut options =
        ScopeOptions::from_config(&workspace.root, &config, &workspace.config.config.index);
    if args.write_baseline.is_some() {
        options.baseline = None;
    } else {
        options.min_severity = threshold;
        if let Some(path) = &args.baseline {
            options.baseline = Some(path.clone());
        }
    }
    let ScopeReport {
        report,
        in_baseline,
    } = scan_scope(&workspace.root, &scope, &rules, &options)?;
    if let Some(path) = &args.write_baseline {
        Baseline::from_findings(&report.findings).save(path)?;
        eprintln!(
            "wrote {} findings to baseline {}",
            report.findings.len(),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut findings = report.findings.clone();
    if let Some(triager) = triager.as_mut() {
        let summary = triage_findings(
            &mut findings,
            triager,
            &config.triage,
            &TriageContext { root: &report.root },
        );
        for error in &summary.errors {
            eprintln!("warning: {error}");
        }
        eprintln!(
            "triage: {} findings triaged, {} left untriaged by the budget, {} failed; {} tokens, ${:.4}",
            summary.triaged,
            summary.skipped,
            summary.errors.len(),
            summary.tokens,
            triager.spent_usd()
        );
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    if args.fix {
        show_fixes(&mut out, &report.root, &findings, &rules, args.write)?;
    } else {
        match args.format {
            Format::Text => print_text(&mut out, &report, &findings, in_baseline)?,
            Format::Json => {
                let value = serde_json::json!({
                    "findings": findings,
                    "notes": report.notes,
                    "summary": {
                        "files_scanned": report.files_scanned,
                        "files_skipped": report.files_skipped,
                        "rules": report.rules,
                        "findings": findings.len(),
                        "in_baseline": in_baseline,
                        "elapsed_ms": report.elapsed.as_millis() as u64,
                    },
                });
                if args.output.is_some() {
                    serde_json::to_writer_pretty(&mut out, &value)?;
                    writeln!(out)?;
                } else {
                    print_json(&value)?;
                }
            }
            Format::Sarif => {
                let value = sarif::to_sarif(&findings, &rules, &report.root);
                serde_json::to_writer_pretty(&mut out, &value)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(if findings.is_empty() || args.write {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The workspace a target belongs to and the part of it to scan. A folder is a workspace of
/// its own; a file is scanned as part of the current folder's workspace when it lies inside
/// it (so its path, the configuration and the baseline are the workspace's), else as part of
/// its own folder.
fn workspace_and_scope(target: &Path) -> Result<(PathBuf, ScanScope)> {
    if !target.is_file() {
        return Ok((target.to_path_buf(), ScanScope::Workspace));
    }
    let file = target
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", target.display()))?;
    let cwd = std::env::current_dir()
        .and_then(|d| d.canonicalize())
        .context("reading the current folder")?;
    let root = if file.starts_with(&cwd) {
        cwd
    } else {
        file.parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
    };
    let rel = file
        .strip_prefix(&root)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((root, ScanScope::Path(rel)))
}

/// Printed when `--triage` finds no model: the three shortest ways to configure one.
pub const NO_TRIAGE_MODEL_MESSAGE: &str =
    "--triage needs a model and none is configured. The three shortest ways:
  1. a hosted model, in the environment:
       export OPENAI_API_KEY=sk-...   RLM_MODEL=openai:gpt-4o-mini
  2. a local model, no key:
       ollama pull qwen3:8b && export RLM_MODEL=ollama:qwen3:8b
  3. per workspace: [rlm] root = \"openai:gpt-4o-mini\" in rlm.toml
Run `rlm scan` without --triage to get the findings without verdicts. See docs/providers.md.";

/// The model triager from `[rlm]`/`[providers]` (and `RLM_MODEL`), or `None` when no model is
/// configured. The money cap is `[rlm] max_cost_usd`.
fn triage_model(workspace: &Workspace, rules: &RuleSet) -> Result<Option<ModelTriager>> {
    // Triage only calls the model: no sandbox policy to build.
    let prepared = match prepare_models(&workspace.config, &AskOverrides::default()) {
        Ok(p) => p,
        Err(PrepareError::NoModel) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let triager = ModelTriager::new(prepared.models.root, rules, prepared.budgets.max_cost_usd)
        .context("starting the async runtime")?;
    Ok(Some(triager))
}

fn list_rules(rules: &RuleSet) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for rule in rules.rules() {
        let s = &rule.spec;
        writeln!(
            out,
            "{:<34} {:<20} {:<8} {:<28} {}",
            s.id,
            s.category,
            s.severity.name(),
            s.languages.join(","),
            s.title
        )?;
    }
    writeln!(out, "{} rules", rules.len())?;
    Ok(ExitCode::SUCCESS)
}

fn print_text(
    out: &mut dyn Write,
    report: &ScanReport,
    findings: &[Finding],
    in_baseline: usize,
) -> Result<()> {
    for f in findings {
        writeln!(
            out,
            "{}:{}:{}  {}/{}  {}  {}",
            f.path,
            f.span.start.line,
            f.span.start.column,
            f.severity,
            f.confidence,
            f.rule_id,
            f.message
        )?;
        writeln!(out, "    | {}", f.snippet)?;
        if let Some(source) = &f.source {
            writeln!(out, "    source: {} (line {})", source.text, source.line)?;
        }
        if f.flow.len() > 2 {
            // The path between source and sink, by line: `path: 6 source → 8 assigned → 11 sink`.
            let steps: Vec<String> = f
                .flow
                .iter()
                .map(|s| {
                    let what = s.message.split(':').next().unwrap_or_default();
                    format!("{} {what}", s.span.start.line)
                })
                .collect();
            writeln!(out, "    path: {}", steps.join(" → "))?;
        }
        if let Some(fix) = &f.fix {
            writeln!(out, "    fix: {} (rlm scan --fix)", fix.description)?;
        }
        if let Some(verdict) = &f.triage {
            writeln!(out, "    triage: {:?}: {}", verdict.verdict, verdict.reason)?;
        }
    }
    for note in &report.notes {
        if note.path.is_empty() {
            writeln!(out, "note: {}", note.message)?;
        } else {
            writeln!(out, "note: {}: {}", note.path, note.message)?;
        }
    }
    let mut by_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    for f in findings {
        *by_severity.entry(f.severity).or_default() += 1;
    }
    let counts: Vec<String> = by_severity
        .iter()
        .rev()
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    writeln!(
        out,
        "{} findings{} in {} files ({} rules, {:.2}s){}",
        findings.len(),
        if counts.is_empty() {
            String::new()
        } else {
            format!(" ({})", counts.join(", "))
        },
        report.files_scanned,
        report.rules,
        report.elapsed.as_secs_f64(),
        if in_baseline > 0 {
            format!("; {in_baseline} more are in the baseline")
        } else {
            String::new()
        }
    )?;
    Ok(())
}

/// Shows (and with `write`, applies) the fixes of `findings`. Each file is read and scanned
/// again so the edits match its current text; fixes that overlap an earlier one in the same
/// file are left for a second run.
fn show_fixes(
    out: &mut dyn Write,
    root: &Path,
    findings: &[Finding],
    rules: &RuleSet,
    write: bool,
) -> Result<()> {
    let wanted: HashSet<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
    let mut paths: Vec<&str> = findings
        .iter()
        .filter(|f| f.fix.is_some())
        .map(|f| f.path.as_str())
        .collect();
    paths.dedup();
    let mut fixed = 0;
    let mut deferred = 0;
    let mut files = 0;
    for path in paths {
        let abs = root.join(path);
        let bytes =
            std::fs::read(&abs).with_context(|| format!("cannot read {}", abs.display()))?;
        let Ok(text) = String::from_utf8(bytes) else {
            writeln!(out, "# {path}: not valid UTF-8, fixes skipped")?;
            continue;
        };
        let scan = scan_source(path, &text, rules);
        let merged = merge_fixes(
            scan.findings
                .iter()
                .filter(|f| wanted.contains(f.fingerprint.as_str()))
                .filter_map(|f| f.fix.as_ref()),
        );
        fixed += merged.applied;
        deferred += merged.deferred;
        let edits = merged.edits;
        if edits.is_empty() {
            continue;
        }
        files += 1;
        write!(out, "{}", unified_diff(path, &text, &edits)?)?;
        if write {
            let new = apply_edits(&text, &edits)?;
            std::fs::write(&abs, new).with_context(|| format!("cannot write {}", abs.display()))?;
        }
    }
    if deferred > 0 {
        writeln!(
            out,
            "{deferred} fixes overlap others and wait for the next `rlm scan --fix` run"
        )?;
    }
    if write {
        writeln!(out, "applied {fixed} fixes to {files} files")?;
    } else {
        writeln!(
            out,
            "{fixed} fixes in {files} files; apply them with `rlm scan --fix --write`"
        )?;
    }
    Ok(())
}
