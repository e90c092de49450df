// expect: weak-random (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_002() -> impl IntoResponse {
    let reset_token = fastrand::u64(..);  // expect: weak-random
    "ok".to_string()
}
