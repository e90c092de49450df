// ok: weak-random
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_003() -> impl IntoResponse {
    let mut rng = rand::rngs::OsRng;
    let session_token: u64 = rng.next_u64();
    "ok".to_string()
}
