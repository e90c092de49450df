//! "security-audit": review the workspace, or one part of it, for security bugs.

use super::{ArgumentSpec, PromptSpec};
use std::collections::BTreeMap;

pub const PROMPT: PromptSpec = PromptSpec {
    name: "security-audit",
    title: "Security audit",
    description: "Audit the workspace (or one folder or file) for security vulnerabilities, with evidence for each finding",
    arguments: &[ArgumentSpec {
        name: "path",
        description: "Folder or file to focus on, relative to the workspace root (default: the whole workspace)",
        required: false,
    }],
    render,
};

fn render(args: &BTreeMap<&str, String>) -> String {
    let scope = match args.get("path") {
        Some(path) => format!("the code under `{path}`"),
        None => "this workspace".to_string(),
    };
    format!(
        "Audit {scope} for security vulnerabilities.\n\n\
Work with the rlm tools rather than reading files wholesale:\n\
1. list_files (with a glob for the scope) to see the layout, and find the entry points: HTTP \
handlers, CLI argument parsing, message consumers, file and archive handling.\n\
2. search_code for dangerous sinks: command execution (subprocess, os.system, exec, \
Command::new), SQL built from strings, deserialisation (pickle, yaml.load, eval), path joins with \
user input, template rendering, weak crypto (md5, sha1, random for secrets), hard-coded secrets, \
disabled TLS verification.\n\
3. For each candidate, find_symbol and read_file to trace whether untrusted input reaches the \
sink without validation.\n\n\
Report each confirmed finding as: severity, file:line, the vulnerable code, how an attacker \
reaches it, and a concrete fix. Leave out what you could not confirm, or list it separately as \
\"needs review\"."
    )
}
