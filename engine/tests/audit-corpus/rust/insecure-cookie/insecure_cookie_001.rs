// expect: insecure-cookie (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_001() -> impl IntoResponse {
    let cookie = Cookie::build(("session", new_session())).http_only(true).build();  // expect: insecure-cookie
    "ok".to_string()
}
