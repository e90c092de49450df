//! The description of a context the root model gets instead of the context: its kind, total
//! size, and its parts with their sizes (for a workspace, the file list). Nothing of the text
//! itself goes in, not even a preview: the model must look with code, which keeps a hostile
//! file from speaking to it directly and keeps the prompt small whatever the context's size.

use serde::Serialize;

/// What the loop knows about a loaded context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextShape {
    pub kind: ContextKind,
    pub chars: u64,
    pub lines: u64,
    /// (name, chars) of each part: files of a workspace; empty for a plain text.
    pub parts: Vec<(String, u64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContextKind {
    /// A workspace rendered with `# === FILE: path ===` headers.
    Workspace { root: String },
    /// A text file.
    File { name: String },
    /// Text handed over in memory (a child RLM's context).
    Text,
}

/// About four characters per token for English and code: the estimate models are told.
pub fn approx_tokens(chars: u64) -> u64 {
    chars.div_ceil(4)
}

/// The description, as it goes into the system prompt.
pub fn describe(shape: &ContextShape, max_listed: usize) -> String {
    let size = format!(
        "{} characters (about {} tokens), {} lines",
        group(shape.chars),
        group(approx_tokens(shape.chars)),
        group(shape.lines)
    );
    match &shape.kind {
        ContextKind::Workspace { root } => {
            let mut out = format!(
                "`context` is a whole codebase ({root}) rendered as one string: {size}, {} files. \
                 Each file starts with a header line `# === FILE: <path> ===` followed by its text.\n\
                 Files (path: characters):\n",
                shape.parts.len()
            );
            for (path, chars) in shape.parts.iter().take(max_listed) {
                out.push_str(&format!("- {path}: {}\n", group(*chars)));
            }
            if shape.parts.len() > max_listed {
                out.push_str(&format!(
                    "- ... and {} more files (list them with code: re.findall(r'^# === FILE: (.*) ===$', context, re.M))\n",
                    shape.parts.len() - max_listed
                ));
            }
            out
        }
        ContextKind::File { name } => {
            format!("`context` is the text of the file {name}: {size}.")
        }
        ContextKind::Text => format!("`context` is a text of {size}."),
    }
}

fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The sentence that tells the root model about the `memory` variable: how many items, whose,
/// what a dict holds, and that memories are leads to check, not part of `context`.
pub fn describe_memory(count: usize, agent: &str, retrieval: &str) -> String {
    let what = match count {
        0 => "an empty list (nothing in the workspace's memory matched this question)".to_string(),
        1 => "a list of 1 memory recalled for this question".to_string(),
        n => format!("a list of {n} memories recalled for this question"),
    };
    format!(
        "`memory` is {what} from the workspace's shared memory \
         (as agent {agent}; ranked by {retrieval}). Each item is a dict with keys level \
         (episode, trace, category, domain), zone, kind, text, score, updated_at (unix ms) and \
         fact ({{key, value}} or None). Memories are notes from earlier sessions, not part of \
         `context`: use them as leads and check them against the code."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_description_lists_files_with_sizes_and_cuts_long_lists() {
        let shape = ContextShape {
            kind: ContextKind::Workspace {
                root: "demo".into(),
            },
            chars: 12_345,
            lines: 300,
            parts: vec![
                ("a.py".into(), 1000),
                ("b.rs".into(), 11_000),
                ("c.md".into(), 5),
            ],
        };
        assert_eq!(
            describe(&shape, 2),
            "`context` is a whole codebase (demo) rendered as one string: 12,345 characters (about 3,087 tokens), 300 lines, 3 files. Each file starts with a header line `# === FILE: <path> ===` followed by its text.\n\
             Files (path: characters):\n- a.py: 1,000\n- b.rs: 11,000\n\
             - ... and 1 more files (list them with code: re.findall(r'^# === FILE: (.*) ===$', context, re.M))\n"
        );
    }

    #[test]
    fn text_description_gives_sizes_only() {
        let shape = ContextShape {
            kind: ContextKind::Text,
            chars: 40_000_000,
            lines: 1_000_000,
            parts: Vec::new(),
        };
        assert_eq!(
            describe(&shape, 10),
            "`context` is a text of 40,000,000 characters (about 10,000,000 tokens), 1,000,000 lines."
        );
    }

    #[test]
    fn memory_description_counts_items_and_names_the_agent_and_ranking() {
        assert_eq!(
            describe_memory(2, "a1", "BM25 only"),
            "`memory` is a list of 2 memories recalled for this question from the workspace's shared memory (as agent a1; ranked by BM25 only). Each item is a dict with keys level (episode, trace, category, domain), zone, kind, text, score, updated_at (unix ms) and fact ({key, value} or None). Memories are notes from earlier sessions, not part of `context`: use them as leads and check them against the code."
        );
        assert!(describe_memory(0, "a1", "x").starts_with(
            "`memory` is an empty list (nothing in the workspace's memory matched this question) from the workspace's shared memory (as agent a1; ranked by x)."
        ));
    }
}
