// expect: ssrf (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

fn do_something(value: &str) -> String {
    format!("{}_checked", value)
}

async fn handle_019(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = do_something(&param);
    let body = client.get(format!("http://{}/status", bar)).send().await;  // expect: ssrf
    "ok".to_string()
}
