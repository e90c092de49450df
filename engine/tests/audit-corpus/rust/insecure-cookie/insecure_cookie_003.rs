// ok: insecure-cookie
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_003() -> impl IntoResponse {
    let cookie = Cookie::build(("session", new_session())).secure(true).http_only(true).build();
    "ok".to_string()
}
