//! Finding and loading the ONNX Runtime library, and opening sessions on an execution provider.
//!
//! The library is looked for, in order, at `models.ort_dylib`, `ORT_DYLIB_PATH`, the model folder's
//! `lib/`, and the onnxruntime wheel of the checkout's `.venv`; the first that exists is loaded, once
//! per process (ONNX Runtime cannot be unloaded). `ort` checks the library's version against the API
//! it was built for (`api-31`, ONNX Runtime 1.31): an older library is refused with the version it
//! needs and how to install it.
//!
//! GPU providers are cargo features of this crate (`cuda`, `tensorrt`, enabling ort's). A session
//! asks for the configured provider with `error_on_failure`, so a missing CUDA library is an error we
//! see; we then open the session on the CPU instead. Either way one log line per model says which
//! provider runs it.

use super::{ModelError, ModelStore, ModelsConfig};
use ort::environment::Environment;
use ort::session::Session;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The ONNX Runtime version this build is made for (ort's `api-31`).
pub const ORT_VERSION: &str = "1.31.1";

/// Where a model runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    #[default]
    Cpu,
    Cuda,
    Tensorrt,
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::Cpu => "cpu",
            Provider::Cuda => "cuda",
            Provider::Tensorrt => "tensorrt",
        }
    }
}

/// The loaded library: its path, and the environment sessions are made in (or why loading failed).
type Loaded = Result<(PathBuf, Environment), (PathBuf, String)>;

static LOADED: OnceLock<Loaded> = OnceLock::new();

/// Loaded ONNX Runtime plus the session settings from `[models]`.
#[derive(Clone)]
pub struct Runtime {
    env: Environment,
    dylib: PathBuf,
    provider: Provider,
    device_id: i32,
    tensorrt_cache: PathBuf,
    threads: usize,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("dylib", &self.dylib)
            .field("provider", &self.provider)
            .field("threads", &self.threads)
            .finish()
    }
}

/// The places the library is looked for, in order.
pub fn dylib_candidates(config: &ModelsConfig, store: &ModelStore) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(path) = &config.ort_dylib {
        out.push(path.clone());
    }
    if let Some(path) = std::env::var_os("ORT_DYLIB_PATH") {
        out.push(PathBuf::from(path));
    }
    out.push(
        store
            .dir
            .join("lib")
            .join(format!("libonnxruntime.so.{ORT_VERSION}")),
    );
    let venv_roots = [
        super::manifest::checkout_root().map(|r| r.join(".venv")),
        std::env::var_os("VIRTUAL_ENV").map(PathBuf::from),
    ];
    for venv in venv_roots.into_iter().flatten() {
        let Ok(entries) = std::fs::read_dir(venv.join("lib")) else {
            continue;
        };
        let mut pythons: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        pythons.sort();
        for python in pythons {
            out.push(
                python
                    .join("site-packages/onnxruntime/capi")
                    .join(format!("libonnxruntime.so.{ORT_VERSION}")),
            );
        }
    }
    out
}

/// The first candidate that exists.
pub fn find_dylib(config: &ModelsConfig, store: &ModelStore) -> Result<PathBuf, ModelError> {
    let candidates = dylib_candidates(config, store);
    // An explicitly configured path is used as given, so a wrong one is reported, not skipped.
    if let Some(path) = config
        .ort_dylib
        .clone()
        .or_else(|| std::env::var_os("ORT_DYLIB_PATH").map(PathBuf::from))
    {
        return Ok(path);
    }
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .ok_or_else(|| ModelError::RuntimeMissing {
            looked: candidates
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

fn load(path: &Path) -> Result<(PathBuf, Environment), ModelError> {
    let loaded = LOADED.get_or_init(|| {
        if !path.is_file() {
            return Err((path.to_path_buf(), "no such file".to_string()));
        }
        let builder = ort::init_from(path).map_err(|e| (path.to_path_buf(), e.to_string()))?;
        let env = builder
            .with_name("rlm")
            .build()
            .map_err(|e| (path.to_path_buf(), e.to_string()))?;
        Ok((path.to_path_buf(), env))
    });
    match loaded {
        Ok((loaded, env)) if loaded == path => Ok((loaded.clone(), env.clone())),
        Ok((loaded, _)) => Err(ModelError::RuntimeConflict {
            loaded: loaded.clone(),
            wanted: path.to_path_buf(),
        }),
        Err((failed, message)) => Err(ModelError::RuntimeLoad {
            path: failed.clone(),
            message: message.clone(),
        }),
    }
}

impl Runtime {
    /// Finds and loads ONNX Runtime (once per process) with the settings of `[models]`.
    pub fn new(config: &ModelsConfig, store: &ModelStore) -> Result<Runtime, ModelError> {
        let path = find_dylib(config, store)?;
        let (dylib, env) = load(&path)?;
        let threads = config.threads.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .clamp(1, 8)
        });
        Ok(Runtime {
            env,
            dylib,
            provider: config.provider,
            device_id: config.device_id,
            tensorrt_cache: config
                .tensorrt_cache
                .clone()
                .unwrap_or_else(|| store.dir.join("trt-cache")),
            threads,
        })
    }

    pub fn dylib(&self) -> &Path {
        &self.dylib
    }

    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// Opens `path` for model `model`, on the configured provider or else on the CPU.
    /// Returns the session and the provider that really runs it.
    pub fn session(&self, model: &str, path: &Path) -> Result<(Session, Provider), ModelError> {
        let corrupt = |message: String| ModelError::Corrupt {
            model: model.to_string(),
            path: path.to_path_buf(),
            message,
        };
        if self.provider != Provider::Cpu {
            match self.gpu_session(path) {
                Ok(session) => {
                    tracing::info!(
                        "model {model} runs on {} (device {})",
                        self.provider.name(),
                        self.device_id
                    );
                    return Ok((session, self.provider));
                }
                Err(reason) => tracing::warn!(
                    "model {model}: {} unavailable ({reason}); it runs on the CPU",
                    self.provider.name()
                ),
            }
        } else {
            tracing::info!("model {model} runs on cpu ({} threads)", self.threads);
        }
        let session = self
            .builder()
            .map_err(&corrupt)?
            .commit_from_file(path)
            .map_err(|e| corrupt(e.to_string()))?;
        Ok((session, Provider::Cpu))
    }

    fn builder(&self) -> Result<ort::session::builder::SessionBuilder, String> {
        Session::builder(&self.env)
            .map_err(|e| e.to_string())?
            .with_intra_threads(self.threads)
            .map_err(|e| e.to_string())
    }

    #[cfg(any(feature = "cuda", feature = "tensorrt"))]
    fn gpu_session(&self, path: &Path) -> Result<Session, String> {
        use ort::ep;
        let dispatch = match self.provider {
            #[cfg(feature = "cuda")]
            Provider::Cuda => ep::CUDA::default()
                .with_device_id(self.device_id)
                .build()
                .error_on_failure(),
            #[cfg(feature = "tensorrt")]
            Provider::Tensorrt => ep::TensorRT::default()
                .with_device_id(self.device_id)
                .with_engine_cache(true)
                .with_engine_cache_path(self.tensorrt_cache.display())
                .build()
                .error_on_failure(),
            other => {
                return Err(format!(
                    "this rlm was built without the `{}` feature",
                    other.name()
                ));
            }
        };
        self.builder()?
            .with_execution_providers([dispatch])
            .map_err(|e| e.to_string())?
            .commit_from_file(path)
            .map_err(|e| e.to_string())
    }

    #[cfg(not(any(feature = "cuda", feature = "tensorrt")))]
    fn gpu_session(&self, _path: &Path) -> Result<Session, String> {
        let _ = &self.tensorrt_cache;
        Err(format!(
            "this rlm was built without the `{}` cargo feature",
            self.provider.name()
        ))
    }
}

/// The names of a session's outputs, to check them against the manifest.
pub fn output_names(session: &Session) -> Vec<String> {
    session
        .outputs()
        .iter()
        .map(|o| o.name().to_string())
        .collect()
}

/// The names of a session's inputs.
pub fn input_names(session: &Session) -> Vec<String> {
    session
        .inputs()
        .iter()
        .map(|o| o.name().to_string())
        .collect()
}
