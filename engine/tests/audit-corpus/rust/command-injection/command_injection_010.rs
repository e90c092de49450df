// ok: command-injection
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
    let out = Command::new("ping").arg("-c").arg("1").arg(&bar).output();
    "ok".to_string()
}
