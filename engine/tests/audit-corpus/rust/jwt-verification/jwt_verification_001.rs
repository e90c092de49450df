// expect: jwt-verification (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_001() -> impl IntoResponse {
    let mut validation = Validation::default();
    validation.insecure_disable_signature_validation();  // expect: jwt-verification
    "ok".to_string()
}
