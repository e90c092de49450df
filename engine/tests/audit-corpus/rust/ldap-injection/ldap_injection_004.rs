// expect: ldap-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_004(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = format!("item-{param}");
    ldap.search("ou=users,dc=example,dc=com", Scope::Subtree, &format!("(uid={})", bar), vec!["cn"]).await.ok();  // expect: ldap-injection
    "ok".to_string()
}
