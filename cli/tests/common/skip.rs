//! The one skip helper every test uses (`rlm_engine::test_support`): a test that cannot run here
//! fails under `RLM_REQUIRE_SANDBOX=1`/`RLM_REQUIRE_MODELS=1` and is otherwise counted.

#![allow(unused_imports)]

pub use rlm_engine::test_support::{Need, skip};
