// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_004(Form(form): Form<Params>) -> impl IntoResponse {
    let param = form.name.clone();
    let bar = param.clone();
    conn.execute(&format!("DELETE FROM sessions WHERE user = '{}'", bar), []).ok();  // expect: sql-injection
    "ok".to_string()
}
