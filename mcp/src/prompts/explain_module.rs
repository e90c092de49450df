//! "explain-module": explain what one file or folder does and how it fits in.

use super::{ArgumentSpec, PromptSpec};
use std::collections::BTreeMap;

pub const PROMPT: PromptSpec = PromptSpec {
    name: "explain-module",
    title: "Explain a module",
    description: "Explain what a file or folder does, its main types and functions, and how the rest of the code uses it",
    arguments: &[ArgumentSpec {
        name: "path",
        description: "The file or folder to explain, relative to the workspace root, e.g. \"src/index\"",
        required: true,
    }],
    render,
};

fn render(args: &BTreeMap<&str, String>) -> String {
    let path = args.get("path").map(String::as_str).unwrap_or(".");
    format!(
        "Explain the module `{path}` of this workspace to an engineer who is new to it.\n\n\
Use the rlm tools: list_files with the glob \"{path}/**\" (or read_file if it is one file) to \
see what it contains; read_file on its main files; find_symbol on its central types and \
functions; search_code for their names to see who calls them from outside the module.\n\n\
Cover: its purpose in one paragraph; the main types and functions (file:line) and what each is \
for; the flow of data through it; what it depends on and what depends on it; anything \
surprising (invariants, concurrency, error handling). Cite file:line for every claim."
    )
}
