// expect: sql-injection (on the marked line)
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

async fn handle_024(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = do_something(&param);
    let rows = sqlx::query(&format!("SELECT * FROM users WHERE name = '{}'", bar)).fetch_all(&pool).await;  // expect: sql-injection
    "ok".to_string()
}
