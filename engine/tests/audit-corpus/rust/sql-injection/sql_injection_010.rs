// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_010(Form(form): Form<Params>) -> impl IntoResponse {
    let param = form.name.clone();
    let mut bar = String::from("item-");
    bar.push_str(&param);
    let rows = sqlx::query(&format!("SELECT * FROM users WHERE name = '{}'", bar)).fetch_all(&pool).await;  // expect: sql-injection
    "ok".to_string()
}
