//! "find-bug": track down the cause of a described misbehaviour.

use super::{ArgumentSpec, PromptSpec};
use std::collections::BTreeMap;

pub const PROMPT: PromptSpec = PromptSpec {
    name: "find-bug",
    title: "Find a bug",
    description: "Find the cause of a bug from its symptom (an error message, a wrong result, a crash) and propose a fix",
    arguments: &[
        ArgumentSpec {
            name: "symptom",
            description: "What goes wrong: the error message, the wrong output, or the steps that trigger it",
            required: true,
        },
        ArgumentSpec {
            name: "path",
            description: "Where to start looking, relative to the workspace root (default: anywhere)",
            required: false,
        },
    ],
    render,
};

fn render(args: &BTreeMap<&str, String>) -> String {
    let symptom = args.get("symptom").map(String::as_str).unwrap_or("");
    let start = match args.get("path") {
        Some(path) => format!(" Start from `{path}`."),
        None => String::new(),
    };
    format!(
        "Find the cause of this bug:\n\n{symptom}\n\n\
Use the rlm tools.{start} search_code for the error text and the distinctive words of the \
symptom; find_symbol for the functions involved; read_file on the exact line ranges to follow \
the code path from the entry point to where it goes wrong. Form a hypothesis, then look for \
the evidence that confirms or refutes it before moving on.\n\n\
Answer with: the root cause (file:line and why it is wrong), the path from trigger to failure, \
a minimal fix as a diff, and a test that would have caught it."
    )
}
