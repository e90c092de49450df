// ok: trust-boundary
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_008(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = param.clone();
    let page: u32 = bar.parse().unwrap_or(1);
    session.insert("page", page).ok();
    "ok".to_string()
}
