//! The engine's integration tests, one binary: the index on disk, the audit corpus, the real
//! models on ONNX Runtime and the providers against the fake model server.
//! `cargo test --test integration MODULE::` runs one module.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod audit_corpus;
mod index;
mod models_real;
mod providers;
