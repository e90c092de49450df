// ok: ssrf
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_010(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = param.clone();
    let id: u32 = bar.parse().unwrap_or(0);
    let body = reqwest::get(format!("https://api.example.com/items/{}", id)).await;
    "ok".to_string()
}
