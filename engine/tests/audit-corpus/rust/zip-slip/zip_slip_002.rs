// ok: zip-slip
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_002() -> impl IntoResponse {
    let mut archive = ZipArchive::new(std::fs::File::open("/var/app/uploads/a.zip").unwrap()).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let Some(name) = file.enclosed_name() else { continue };
        let out = Path::new("/var/app/extract").join(name);
        std::fs::File::create(&out).ok();
    }
    "ok".to_string()
}
