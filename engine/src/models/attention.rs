//! The attention model InfiniRetri reads: a causal LM cut after one layer, whose graph returns that
//! layer's attention probabilities for a range of query rows (see `models/convert/llama_onnx.py`).
//!
//! Asking only for the question rows keeps the output small: for a 1,024-token window and a
//! 20-token question it is 9 × 20 × 1,044 floats instead of 9 × 1,044². The model refuses inputs
//! longer than its context (`max_tokens`): cutting long texts into windows is the caller's job,
//! and doing it silently here would hide lost text.

use super::embedder::load_tokenizer;
use super::runtime::output_names;
use super::{ModelError, ModelSpec, ModelStore, ModelsConfig, Provider, Runtime};
use ort::session::Session;
use ort::value::Tensor;
use std::sync::Mutex;
use tokenizers::Tokenizer;

pub struct AttentionModel {
    name: String,
    session: Mutex<Session>,
    tokenizer: Tokenizer,
    layer: usize,
    heads: usize,
    /// The heads [`AttentionRows::column_sums_over`] sums for retrieval.
    retrieval_heads: Vec<usize>,
    max_tokens: usize,
    output: String,
    provider: Provider,
}

impl std::fmt::Debug for AttentionModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttentionModel")
            .field("name", &self.name)
            .field("layer", &self.layer)
            .finish()
    }
}

/// Attention probabilities `[heads, rows, seq]` of the query rows `rows_from..seq`.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionRows {
    pub heads: usize,
    pub rows: usize,
    pub seq: usize,
    pub data: Vec<f32>,
}

impl AttentionRows {
    pub fn get(&self, head: usize, row: usize, col: usize) -> f32 {
        self.data[(head * self.rows + row) * self.seq + col]
    }

    /// Per key position, the attention of the returned rows of `heads` (all when empty), summed.
    pub fn column_sums_over(&self, heads: &[usize]) -> Vec<f32> {
        let all: Vec<usize>;
        let heads = if heads.is_empty() {
            all = (0..self.heads).collect();
            &all
        } else {
            heads
        };
        let block = self.rows * self.seq;
        let mut out = vec![0f32; self.seq];
        for &head in heads.iter().filter(|&&h| h < self.heads) {
            for row in self.data[head * block..(head + 1) * block].chunks(self.seq) {
                for (acc, v) in out.iter_mut().zip(row) {
                    *acc += v;
                }
            }
        }
        out
    }

    /// Per key position, the attention of all returned rows summed over heads and rows.
    pub fn column_sums(&self) -> Vec<f32> {
        self.column_sums_over(&[])
    }
}

/// Token ids of a text with each token's byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    pub ids: Vec<u32>,
    pub offsets: Vec<(usize, usize)>,
}

impl AttentionModel {
    /// Loads the configured attention model (`[models] attention`, default the manifest's first).
    pub fn load(
        runtime: &Runtime,
        store: &ModelStore,
        config: &ModelsConfig,
    ) -> Result<AttentionModel, ModelError> {
        let spec = store
            .manifest
            .for_role("attention", config.attention.as_deref())?;
        let mut model = AttentionModel::load_spec(runtime, store, spec)?;
        if let Some(heads) = &config.attention_heads {
            model.retrieval_heads =
                checked_heads(&spec.name, "[models] attention_heads", heads, model.heads)?;
        }
        Ok(model)
    }

    pub fn load_spec(
        runtime: &Runtime,
        store: &ModelStore,
        spec: &ModelSpec,
    ) -> Result<AttentionModel, ModelError> {
        let mismatch = |message: String| ModelError::Mismatch {
            model: spec.name.clone(),
            what: "manifest entry",
            message,
        };
        let layer = spec
            .attention_layer
            .ok_or_else(|| mismatch("an attention model needs `attention_layer`".into()))?;
        let heads = spec
            .heads
            .ok_or_else(|| mismatch("an attention model needs `heads`".into()))?;
        let retrieval_heads = match &spec.retrieval_heads {
            Some(list) => checked_heads(&spec.name, "its manifest entry", list, heads)?,
            None => Vec::new(),
        };
        let model_path = store.file(spec, "model.onnx")?;
        let tokenizer = load_tokenizer(&spec.name, &store.file(spec, "tokenizer.json")?)?;
        let (session, provider) = runtime.session(&spec.name, &model_path)?;
        let output = format!("attention_{layer}");
        let outputs = output_names(&session);
        if !outputs.contains(&output) {
            return Err(ModelError::Mismatch {
                model: spec.name.clone(),
                what: "outputs",
                message: format!("expected {output}, found {outputs:?}"),
            });
        }
        Ok(AttentionModel {
            name: spec.name.clone(),
            session: Mutex::new(session),
            tokenizer,
            layer,
            heads,
            retrieval_heads,
            max_tokens: spec.max_tokens,
            output,
            provider,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn layer(&self) -> usize {
        self.layer
    }

    pub fn heads(&self) -> usize {
        self.heads
    }

    /// The heads retrieval sums (empty: all).
    pub fn retrieval_heads(&self) -> &[usize] {
        &self.retrieval_heads
    }

    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// Tokenises without special tokens (the model was trained without a BOS here).
    pub fn encode(&self, text: &str) -> Result<Tokens, ModelError> {
        let encoding = self
            .tokenizer
            .encode(text, false)
            .map_err(|e| ModelError::Tokenizer {
                model: self.name.clone(),
                message: e.to_string(),
            })?;
        Ok(Tokens {
            ids: encoding.get_ids().to_vec(),
            offsets: encoding.get_offsets().to_vec(),
        })
    }

    /// Attention of query rows `rows_from..ids.len()` to every position, for the model's layer.
    pub fn attention(&self, ids: &[u32], rows_from: usize) -> Result<AttentionRows, ModelError> {
        let seq = ids.len();
        if seq == 0 || rows_from >= seq {
            return Err(ModelError::Run {
                model: self.name.clone(),
                message: format!(
                    "need at least one query row (rows_from {rows_from}, {seq} tokens)"
                ),
            });
        }
        if seq > self.max_tokens {
            return Err(ModelError::Run {
                model: self.name.clone(),
                message: format!(
                    "{seq} tokens exceed the model's context of {}: cut the text into windows",
                    self.max_tokens
                ),
            });
        }
        let err = |e: ort::Error| ModelError::Run {
            model: self.name.clone(),
            message: e.to_string(),
        };
        let ids: Vec<i64> = ids.iter().map(|&i| i64::from(i)).collect();
        let inputs = ort::inputs! {
            "input_ids" => Tensor::from_array(([1, seq], ids)).map_err(err)?,
            "attention_mask" => Tensor::from_array(([1, seq], vec![1i64; seq])).map_err(err)?,
            "rows_from" => Tensor::from_array(([1usize], vec![rows_from as i64])).map_err(err)?,
        };
        let mut session = self.session.lock().map_err(|_| ModelError::Run {
            model: self.name.clone(),
            message: "a previous run panicked".into(),
        })?;
        let outputs = session.run(inputs).map_err(err)?;
        let (shape, data) = outputs[self.output.as_str()]
            .try_extract_tensor::<f32>()
            .map_err(err)?;
        let rows = seq - rows_from;
        let expected = [1, self.heads as i64, rows as i64, seq as i64];
        if shape[..] != expected {
            return Err(ModelError::Mismatch {
                model: self.name.clone(),
                what: "output shape",
                message: format!("expected {expected:?}, got {:?}", &shape[..]),
            });
        }
        Ok(AttentionRows {
            heads: self.heads,
            rows,
            seq,
            data: data.to_vec(),
        })
    }
}

/// `heads` if the list is not empty and every head is below `count`; else an error naming `origin`.
fn checked_heads(
    model: &str,
    origin: &'static str,
    heads: &[usize],
    count: usize,
) -> Result<Vec<usize>, ModelError> {
    if heads.is_empty() || heads.iter().any(|&h| h >= count) {
        return Err(ModelError::BadHeads {
            model: model.to_string(),
            origin,
            heads: heads.to_vec(),
            count,
            last: count.saturating_sub(1),
        });
    }
    Ok(heads.to_vec())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Two heads, two rows, three columns: head 0 rows [1,2,3] [4,5,6], head 1 rows [10,20,30] [40,50,60].
    fn rows() -> AttentionRows {
        AttentionRows {
            heads: 2,
            rows: 2,
            seq: 3,
            data: vec![1., 2., 3., 4., 5., 6., 10., 20., 30., 40., 50., 60.],
        }
    }

    #[test]
    fn column_sums_over_chosen_heads_add_only_those_heads() {
        assert_eq!(rows().column_sums(), vec![55., 77., 99.]);
        assert_eq!(rows().column_sums_over(&[]), vec![55., 77., 99.]);
        assert_eq!(rows().column_sums_over(&[0]), vec![5., 7., 9.]);
        assert_eq!(rows().column_sums_over(&[1]), vec![50., 70., 90.]);
    }

    #[test]
    fn retrieval_heads_outside_the_model_are_refused() {
        assert_eq!(
            checked_heads("m", "its manifest entry", &[1, 2], 3).unwrap(),
            vec![1, 2]
        );
        let err = checked_heads("m", "its manifest entry", &[3], 3).unwrap_err();
        assert_eq!(
            err.to_string(),
            "model m has 3 attention heads, but its manifest entry asks for heads [3]: give one or more of 0 to 2"
        );
        assert!(checked_heads("m", "its manifest entry", &[], 3).is_err());
    }
}
