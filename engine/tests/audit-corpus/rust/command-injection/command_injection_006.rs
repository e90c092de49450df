// expect: command-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_006(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = format!("item-{param}");
    let out = Command::new(&bar).output();  // expect: command-injection
    "ok".to_string()
}
