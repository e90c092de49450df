// expect: weak-random (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_001() -> impl IntoResponse {
    let mut rng = SmallRng::seed_from_u64(42);  // expect: weak-random
    let session_token: u64 = rng.gen();
    "ok".to_string()
}
