// expect: command-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_008(Form(form): Form<Params>) -> impl IntoResponse {
    let param = form.name.clone();
    let mut bar = String::from("item-");
    bar.push_str(&param);
    let out = Command::new(&bar).output();  // expect: command-injection
    "ok".to_string()
}
