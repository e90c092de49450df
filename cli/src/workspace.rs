//! Resolving the workspace a command acts on: its root, its configuration and its index folder.

use anyhow::{Context, Result, bail};
use rlm_engine::config::{Config, LoadedConfig};
use rlm_engine::index::IndexSettings;
use std::path::{Path, PathBuf};

/// A workspace as a command sees it.
pub struct Workspace {
    pub root: PathBuf,
    pub config: LoadedConfig,
    pub settings: IndexSettings,
}

impl Workspace {
    /// Resolves `path` (default: the current folder) and loads its configuration.
    pub fn resolve(path: Option<&Path>, index_dir: Option<&Path>) -> Result<Workspace> {
        let path = path.unwrap_or(Path::new("."));
        if !path.exists() {
            bail!("workspace path {} does not exist", path.display());
        }
        if !path.is_dir() {
            bail!("workspace path {} is not a directory", path.display());
        }
        let root = path
            .canonicalize()
            .with_context(|| format!("cannot resolve {}", path.display()))?;
        let config = Config::load(&root)?;
        for section in &config.unknown_sections {
            tracing::warn!("ignoring unknown config section [{section}]");
        }
        let settings = IndexSettings::new(&root, &config.config, index_dir);
        Ok(Workspace {
            root,
            config,
            settings,
        })
    }
}
