//! A command-line tool with classic mistakes.
use std::process::Command;

const PRIVATE_KEY: &str = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA";

fn main() {
    let target = std::env::args().nth(1).unwrap_or_default();
    Command::new("sh").arg("-c").arg(format!("tar czf backup.tgz {target}")).status().ok();
    let contents = std::fs::read_to_string(std::env::args().nth(2).unwrap_or_default());
    let client = reqwest::blocking::Client::builder()
        .danger_accept_invalid_certs(true)
        .build();
    let digest = md5::compute(PRIVATE_KEY);
    let _ = (contents, client, digest);
}
