//! The prompts, kept as versioned files under `engine/prompts/` (compiled in) so a change to
//! the wording is a reviewed diff and every trace records which version produced it.

/// Recorded in every trace and result.
pub const PROMPT_VERSION: &str = "v2";

pub const SYSTEM: &str = include_str!("../../prompts/system.v2.md");
pub const QUESTION: &str = include_str!("../../prompts/question.v1.md");
pub const NO_CODE: &str = include_str!("../../prompts/no_code.v1.md");
pub const FEEDBACK: &str = include_str!("../../prompts/feedback.v1.md");
pub const LAST_ITERATION: &str = include_str!("../../prompts/last_iteration.v1.md");
pub const SUB_SYSTEM: &str = include_str!("../../prompts/sub_system.v1.md");

/// Fills `{{name}}` placeholders. Values are inserted once, left to right, so a value that
/// itself contains `{{...}}` (a question about templates) is never expanded again.
pub fn render(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = &after[..end];
                match values.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push_str("{{");
                        out.push_str(name);
                        out.push_str("}}");
                    }
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_fills_once_and_keeps_unknown_placeholders() {
        assert_eq!(
            render(
                "Q: {{question}} {{other}}",
                &[("question", "what is {{x}}?")]
            ),
            "Q: what is {{x}}? {{other}}"
        );
    }

    #[test]
    fn every_placeholder_of_the_system_prompt_is_filled_by_the_loop() {
        let filled = render(
            SYSTEM,
            &[
                ("context_description", "d"),
                ("sub_window", "1"),
                ("max_parallel", "2"),
                ("depth_note", "n"),
                ("budgets", "b"),
            ],
        );
        assert!(!filled.contains("{{"), "{filled}");
    }
}
