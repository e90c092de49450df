//! Sentence embeddings with a BERT-style ONNX model (all-MiniLM-L6-v2): mean of the last hidden
//! state over the real tokens, L2-normalised, as sentence-transformers computes it.
//!
//! The packaged `tokenizer.json` pads and truncates to 128 tokens; both are switched off, or the mean
//! would include padding and long chunks would lose their tail. A text longer than the model's
//! window is cut into windows (each wrapped in `[CLS]`/`[SEP]`), and the mean runs over the tokens of
//! all windows, so nothing is silently dropped. Windows of several texts are batched together with
//! an attention mask; the padding positions are left out of the mean.

use super::runtime::{input_names, output_names};
use super::{ModelError, ModelSpec, ModelStore, ModelsConfig, Provider, Runtime};
use ort::session::Session;
use ort::value::Tensor;
use std::sync::Mutex;
use tokenizers::Tokenizer;

/// How many windows one run takes at most.
const BATCH: usize = 32;

pub struct Embedder {
    name: String,
    session: Mutex<Session>,
    tokenizer: Tokenizer,
    dims: usize,
    window: usize,
    cls: u32,
    sep: u32,
    token_types: bool,
    provider: Provider,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("name", &self.name)
            .field("dims", &self.dims)
            .finish()
    }
}

impl Embedder {
    /// Loads the configured embedding model (`[models] embedding`, default the manifest's first).
    pub fn load(
        runtime: &Runtime,
        store: &ModelStore,
        config: &ModelsConfig,
    ) -> Result<Embedder, ModelError> {
        let spec = store
            .manifest
            .for_role("embedding", config.embedding.as_deref())?;
        Embedder::load_spec(runtime, store, spec)
    }

    pub fn load_spec(
        runtime: &Runtime,
        store: &ModelStore,
        spec: &ModelSpec,
    ) -> Result<Embedder, ModelError> {
        let model_path = store.file(spec, "model.onnx")?;
        let tokenizer_path = store.file(spec, "tokenizer.json")?;
        let tokenizer = load_tokenizer(&spec.name, &tokenizer_path)?;
        let (session, provider) = runtime.session(&spec.name, &model_path)?;
        let outputs = output_names(&session);
        if !outputs.iter().any(|o| o == "last_hidden_state") {
            return Err(ModelError::Mismatch {
                model: spec.name.clone(),
                what: "outputs",
                message: format!("expected last_hidden_state, found {outputs:?}"),
            });
        }
        let token_types = input_names(&session).iter().any(|i| i == "token_type_ids");
        let special = |token: &str| {
            tokenizer
                .token_to_id(token)
                .ok_or_else(|| ModelError::Tokenizer {
                    model: spec.name.clone(),
                    message: format!("no {token} token in the vocabulary"),
                })
        };
        let dims = spec.dims.ok_or_else(|| ModelError::Mismatch {
            model: spec.name.clone(),
            what: "manifest entry",
            message: "an embedding model needs `dims`".into(),
        })?;
        Ok(Embedder {
            name: spec.name.clone(),
            cls: special("[CLS]")?,
            sep: special("[SEP]")?,
            session: Mutex::new(session),
            tokenizer,
            dims,
            window: spec.max_tokens.max(8),
            token_types,
            provider,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// One L2-normalised embedding.
    pub fn embed(&self, text: &str) -> Result<Vec<f32>, ModelError> {
        let mut out = self.embed_batch(&[text])?;
        out.pop().ok_or_else(|| ModelError::Run {
            model: self.name.clone(),
            message: "no embedding returned".into(),
        })
    }

    /// L2-normalised embeddings of many texts, batched. An empty text embeds to the zero vector.
    pub fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        // Every window of every text, as (text index, ids).
        let mut windows: Vec<(usize, Vec<u32>)> = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let encoding =
                self.tokenizer
                    .encode(*text, false)
                    .map_err(|e| ModelError::Tokenizer {
                        model: self.name.clone(),
                        message: e.to_string(),
                    })?;
            for piece in encoding.get_ids().chunks(self.window - 2) {
                let mut ids = Vec::with_capacity(piece.len() + 2);
                ids.push(self.cls);
                ids.extend_from_slice(piece);
                ids.push(self.sep);
                windows.push((i, ids));
            }
        }
        // Similar lengths batch together, so little of each batch is padding.
        windows.sort_by_key(|(_, ids)| ids.len());
        let mut sums = vec![vec![0f32; self.dims]; texts.len()];
        let mut counts = vec![0usize; texts.len()];
        for batch in windows.chunks(BATCH) {
            let hidden = self.run(batch.iter().map(|(_, ids)| ids.as_slice()))?;
            let width = batch.iter().map(|(_, ids)| ids.len()).max().unwrap_or(0);
            for (b, (text, ids)) in batch.iter().enumerate() {
                for t in 0..ids.len() {
                    let row = &hidden[(b * width + t) * self.dims..(b * width + t + 1) * self.dims];
                    for (acc, v) in sums[*text].iter_mut().zip(row) {
                        *acc += v;
                    }
                }
                counts[*text] += ids.len();
            }
        }
        Ok(sums
            .into_iter()
            .zip(counts)
            .map(|(mut sum, count)| {
                let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
                if count > 0 && norm > 0.0 {
                    sum.iter_mut().for_each(|v| *v /= norm);
                }
                sum
            })
            .collect())
    }

    /// Runs one padded batch; returns the last hidden state as a flat [batch, width, dims] array.
    fn run<'a>(
        &self,
        batch: impl Iterator<Item = &'a [u32]> + Clone,
    ) -> Result<Vec<f32>, ModelError> {
        let rows = batch.clone().count();
        let width = batch.clone().map(<[u32]>::len).max().unwrap_or(0);
        let mut ids = vec![0i64; rows * width];
        let mut mask = vec![0i64; rows * width];
        for (r, window) in batch.enumerate() {
            for (t, id) in window.iter().enumerate() {
                ids[r * width + t] = i64::from(*id);
                mask[r * width + t] = 1;
            }
        }
        let err = |e: ort::Error| ModelError::Run {
            model: self.name.clone(),
            message: e.to_string(),
        };
        let shape = [rows, width];
        let mut inputs = ort::inputs! {
            "input_ids" => Tensor::from_array((shape, ids)).map_err(err)?,
            "attention_mask" => Tensor::from_array((shape, mask)).map_err(err)?,
        };
        if self.token_types {
            inputs.push((
                "token_type_ids".into(),
                Tensor::from_array((shape, vec![0i64; rows * width]))
                    .map_err(err)?
                    .into(),
            ));
        }
        let mut session = self.session.lock().map_err(|_| ModelError::Run {
            model: self.name.clone(),
            message: "a previous run panicked".into(),
        })?;
        let outputs = session.run(inputs).map_err(err)?;
        let (out_shape, data) = outputs["last_hidden_state"]
            .try_extract_tensor::<f32>()
            .map_err(err)?;
        let expected = [rows as i64, width as i64, self.dims as i64];
        if out_shape[..] != expected {
            return Err(ModelError::Mismatch {
                model: self.name.clone(),
                what: "output shape",
                message: format!("expected {expected:?}, got {:?}", &out_shape[..]),
            });
        }
        Ok(data.to_vec())
    }
}

/// Loads a `tokenizer.json` with padding and truncation switched off.
pub fn load_tokenizer(model: &str, path: &std::path::Path) -> Result<Tokenizer, ModelError> {
    let mut tokenizer = Tokenizer::from_file(path).map_err(|e| ModelError::Corrupt {
        model: model.to_string(),
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(None)
        .map_err(|e| ModelError::Tokenizer {
            model: model.to_string(),
            message: e.to_string(),
        })?;
    Ok(tokenizer)
}
