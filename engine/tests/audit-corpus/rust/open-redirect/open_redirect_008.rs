// ok: open-redirect
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
    let q = urlencoding::encode(&bar);
    return Redirect::to(&format!("/search?q={}", q));
    "ok".to_string()
}
