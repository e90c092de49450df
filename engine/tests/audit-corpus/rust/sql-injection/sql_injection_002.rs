// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_002(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = param.clone();
    let rows = sqlx::query(&format!("SELECT * FROM users WHERE name = '{}'", bar)).fetch_all(&pool).await;  // expect: sql-injection
    "ok".to_string()
}
