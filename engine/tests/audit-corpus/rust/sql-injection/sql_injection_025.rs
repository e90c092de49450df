// ok: sql-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

fn do_something(value: &str) -> String {
    let fixed = "safe!";
    fixed.to_string()
}

async fn handle_025(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = do_something(&param);
    let rows = sqlx::query(&format!("SELECT * FROM users WHERE name = '{}'", bar)).fetch_all(&pool).await;
    "ok".to_string()
}
