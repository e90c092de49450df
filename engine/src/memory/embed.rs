//! The embedding seam. Retrieval uses a [`TextEmbedder`] when one is installed (the ONNX MiniLM
//! model of the models module plugs in here; every new item and summary is then embedded) and
//! falls back to BM25 alone when none is: no embedding is ever made up. Consolidation clusters
//! with TF-IDF either way. Vectors are stored encrypted like the text and tagged with the model
//! id, so vectors of two models are never compared; items stored before a model was installed
//! (or under another one) are embedded by [`MemoryStore::reembed_missing`](super::MemoryStore::reembed_missing).

/// A sentence-embedding model.
pub trait TextEmbedder: Send + Sync {
    /// A stable id of the model and its settings (e.g. `all-MiniLM-L6-v2-int8`); stored with
    /// each vector.
    fn model_id(&self) -> &str;
    /// The vector length.
    fn dimension(&self) -> usize;
    /// Embeds each text; vectors need not be normalised (the store normalises them).
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, String>;
}

/// The sentence-embedding model of the models module (MiniLM) serves memory retrieval as is:
/// the store needs exactly its id, width and vectors.
impl TextEmbedder for crate::models::Embedder {
    fn model_id(&self) -> &str {
        self.name()
    }

    fn dimension(&self) -> usize {
        self.dims()
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        self.embed_batch(texts).map_err(|e| e.to_string())
    }
}

/// The configured embedding model (`[models] embedding`), loaded for a store, or `None` when it
/// or ONNX Runtime is not installed: the store then ranks by BM25 alone and says so, and the
/// reason is logged rather than failing the caller, since memory works without a model.
pub fn installed_embedder(
    config: &crate::models::ModelsConfig,
) -> Option<std::sync::Arc<dyn TextEmbedder>> {
    use crate::models::{Embedder, ModelStore, Runtime};
    let loaded = ModelStore::locate(config).and_then(|store| {
        let runtime = Runtime::new(config, &store)?;
        Embedder::load(&runtime, &store, config)
    });
    match loaded {
        Ok(embedder) => Some(std::sync::Arc::new(embedder)),
        Err(e) => {
            tracing::info!("memory retrieval without embeddings: {e}");
            None
        }
    }
}

/// Scales a vector to unit length (a zero vector stays zero).
pub(crate) fn normalise(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in &mut v {
            *x /= norm;
        }
    }
    v
}

pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

pub(crate) fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub(crate) fn from_bytes(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}
