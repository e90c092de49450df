// ok: sql-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_012(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = param.clone();
    let rows = sqlx::query("SELECT * FROM users WHERE name = $1").bind(&bar).fetch_all(&pool).await;
    "ok".to_string()
}
