// expect: trust-boundary (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_006(Form(form): Form<Params>) -> impl IntoResponse {
    let param = form.name.clone();
    let mut bar = String::from("item-");
    bar.push_str(&param);
    session.insert("role", &bar).ok();  // expect: trust-boundary
    "ok".to_string()
}
