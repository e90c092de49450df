//! Configuration: `~/.config/rlm/config.toml` (the user's) merged with `rlm.toml` in the
//! workspace root (the workspace's, which wins key by key). Every key has a default, so no file
//! is needed. Each capability owns one section; `docs/configuration.md` documents the keys.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Errors reading configuration files.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid TOML: {message}")]
    Syntax { path: PathBuf, message: String },
    #[error("invalid configuration (from {sources}): {message}")]
    Invalid { sources: String, message: String },
}

/// The merged configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Config {
    pub index: IndexConfig,
    pub search: SearchConfig,
}

/// `[index]`: what gets indexed and where the index lives.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct IndexConfig {
    /// Files larger than this many bytes are skipped (`too_large`). Default 2 MiB.
    pub max_file_size: u64,
    /// Glob patterns (relative to the workspace root) of paths never indexed, on top of
    /// `.gitignore`: vendored or generated folders.
    pub exclude: Vec<String>,
    /// Where the index lives; relative paths are taken from the workspace root. Default `.rlm`.
    pub dir: Option<PathBuf>,
    /// Seconds a second `rlm index` waits for a running one before giving up.
    pub lock_timeout_secs: u64,
}

impl Default for IndexConfig {
    fn default() -> Self {
        IndexConfig {
            max_file_size: 2 * 1024 * 1024,
            exclude: vec!["**/node_modules/**".into(), "**/.rlm/**".into()],
            dir: None,
            lock_timeout_secs: 60,
        }
    }
}

/// `[search]`: defaults for `rlm search`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct SearchConfig {
    /// Results returned when `-k` is not given.
    pub limit: usize,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { limit: 10 }
    }
}

/// The configuration and the files it came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub config: Config,
    pub sources: Vec<PathBuf>,
    /// Top-level sections no part of the engine knows (likely typos), for a warning.
    pub unknown_sections: Vec<String>,
    /// The merged tables, for [`LoadedConfig::section`].
    pub raw: toml::Table,
}

const KNOWN_SECTIONS: &[&str] = &[
    "index",
    "search",
    "sandbox",
    "models",
    "retrieval",
    "rlm",
    "providers",
    "audit",
    "memory",
    "lsp",
    "mcp",
];

impl Config {
    /// Loads the user's config (`$XDG_CONFIG_HOME/rlm/config.toml` or `~/.config/rlm/config.toml`)
    /// and the workspace's `rlm.toml`, the workspace winning.
    pub fn load(workspace: &Path) -> Result<LoadedConfig, ConfigError> {
        let mut files = Vec::new();
        if let Some(user) = user_config_path() {
            files.push(user);
        }
        files.push(workspace.join("rlm.toml"));
        Config::load_files(&files)
    }

    /// Loads and merges the given files in order (later wins); missing files are skipped.
    pub fn load_files(files: &[PathBuf]) -> Result<LoadedConfig, ConfigError> {
        let mut merged = toml::Table::new();
        let mut sources = Vec::new();
        for path in files {
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => {
                    return Err(ConfigError::Read {
                        path: path.clone(),
                        source,
                    });
                }
            };
            let table: toml::Table =
                text.parse()
                    .map_err(|e: toml::de::Error| ConfigError::Syntax {
                        path: path.clone(),
                        message: e.to_string(),
                    })?;
            merge_tables(&mut merged, table);
            sources.push(path.clone());
        }
        let unknown_sections = merged
            .keys()
            .filter(|k| !KNOWN_SECTIONS.contains(&k.as_str()))
            .cloned()
            .collect();
        let config =
            Config::from_table(merged.clone()).map_err(|message| ConfigError::Invalid {
                sources: sources
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                message,
            })?;
        Ok(LoadedConfig {
            config,
            sources,
            unknown_sections,
            raw: merged,
        })
    }

    fn from_table(table: toml::Table) -> Result<Config, String> {
        toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())
    }
}

impl LoadedConfig {
    /// Reads one section as its own type, for the parts of the program that keep their keys to
    /// themselves (a face, or a capability whose section [`Config`] does not list). A missing
    /// section gives the type's defaults.
    pub fn section<T: serde::de::DeserializeOwned + Default>(
        &self,
        name: &str,
    ) -> Result<T, ConfigError> {
        match self.raw.get(name) {
            None => Ok(T::default()),
            Some(value) => {
                value
                    .clone()
                    .try_into()
                    .map_err(|e: toml::de::Error| ConfigError::Invalid {
                        sources: self
                            .sources
                            .iter()
                            .map(|p| p.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                        message: format!("[{name}]: {e}"),
                    })
            }
        }
    }
}

fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("rlm").join("config.toml"))
}

/// Deep merge: tables merge key by key, anything else is replaced by the later value.
fn merge_tables(base: &mut toml::Table, overlay: toml::Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(existing)), toml::Value::Table(incoming)) => {
                merge_tables(existing, incoming)
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_config_overrides_user_config_key_by_key() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let user = dir.path().join("user.toml");
        let workspace = dir.path().join("rlm.toml");
        std::fs::write(
            &user,
            "[index]\nmax_file_size = 100\nlock_timeout_secs = 5\n[search]\nlimit = 3\n",
        )?;
        std::fs::write(&workspace, "[index]\nmax_file_size = 200\n[typo]\nx = 1\n")?;
        let loaded = Config::load_files(&[
            user.clone(),
            workspace.clone(),
            dir.path().join("missing.toml"),
        ])?;
        assert_eq!(loaded.config.index.max_file_size, 200);
        assert_eq!(loaded.config.index.lock_timeout_secs, 5);
        assert_eq!(loaded.config.search.limit, 3);
        assert_eq!(loaded.sources, vec![user, workspace]);
        assert_eq!(loaded.unknown_sections, vec!["typo".to_string()]);
        Ok(())
    }

    #[test]
    fn invalid_toml_names_the_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("rlm.toml");
        std::fs::write(&path, "[index\n")?;
        let err = Config::load_files(std::slice::from_ref(&path))
            .err()
            .ok_or("expected an error")?;
        assert!(
            err.to_string()
                .starts_with(&format!("config file {} is not valid TOML", path.display()))
        );
        Ok(())
    }

    #[test]
    fn wrong_value_type_is_a_clear_error() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("rlm.toml");
        std::fs::write(&path, "[index]\nmax_file_size = \"big\"\n")?;
        let err = Config::load_files(std::slice::from_ref(&path))
            .err()
            .ok_or("expected an error")?;
        assert!(err.to_string().contains("max_file_size"), "{err}");
        Ok(())
    }
}
