//! Embeds the audit rule files: writes `$OUT_DIR/audit_rules.rs`, a table of every
//! `rules/**/*.toml` as (relative path, `include_str!` of the file), so a rule is added by adding
//! its file and nothing else.

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rules = manifest.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Every built-in rule file: (path under `engine/rules/`, text).\npub(crate) const BUILTIN_FILES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let rel = file
            .strip_prefix(&rules)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            file.to_string_lossy()
        ));
        println!("cargo:rerun-if-changed={}", file.display());
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("audit_rules.rs");
    // OUT_DIR comes from cargo, not from a user. rlm: ignore[rust/path-traversal]
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
        std::process::exit(1);
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}
