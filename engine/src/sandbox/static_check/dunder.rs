//! Rule `dunder-access`.
//!
//! **What it does:** refuses attribute access to dunder names other than a few harmless ones
//! (`__name__`, `__doc__`, `__init__`, `__len__`, `__qualname__`), to frame, generator, coroutine,
//! traceback and code internals (`f_globals`, `gi_frame`, `tb_frame`, `co_code`, ...), the bare
//! names `__builtins__`, `__import__`, `__loader__`, `__spec__`, and string literals that spell
//! such a name (`getattr(x, "__class__")`, `"{0.__class__}".format(x)`).
//!
//! **Why it is bad:** `().__class__.__bases__[0].__subclasses__()` and friends walk from any
//! object to the interpreter's internals, `os` and `open` included.
//!
//! **Example:** `[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == "Popen"]`.
//!
//! **Fix:** use the object's public API (`type(x).__name__` is fine: use `type(x)` instead of
//! `x.__class__`).

use super::{Ctx, RuleDoc, Violation, line_of};
use crate::sandbox::policy::BLOCKED_ATTRIBUTES;

pub const DOC: RuleDoc = RuleDoc {
    name: "dunder-access",
    what: "Dunder attributes, frame/generator/code internals, and strings that name them.",
    why: "They are the ladders from any object to the interpreter's internals (subclass walks, \
          __globals__, frames).",
    fix: "use the public API instead (type(x) rather than x.__class__); dunder internals are \
          not available",
};

/// Dunder names that give nothing away.
pub const SAFE_DUNDERS: &[&str] = &["__name__", "__doc__", "__init__", "__len__", "__qualname__"];

/// Bare names refused wherever they appear.
const BLOCKED_NAMES: &[&str] = &[
    "__builtins__",
    "__import__",
    "__loader__",
    "__spec__",
    "__build_class__",
];

fn is_blocked_attr(name: &str) -> bool {
    (name.starts_with("__")
        && name.ends_with("__")
        && name.len() > 4
        && !SAFE_DUNDERS.contains(&name))
        || BLOCKED_ATTRIBUTES.contains(&name)
}

pub(super) fn check(ctx: &Ctx, found: &mut Vec<Violation>) {
    let node = ctx.node;
    match node.kind() {
        "attribute" => {
            if let Some(attr) = node.child_by_field_name("attribute") {
                let name = ctx.text(attr);
                if is_blocked_attr(name) {
                    found.push(violation(line_of(node), format!("attribute '{name}'")));
                }
            }
        }
        "identifier" => {
            let name = ctx.text(node);
            if BLOCKED_NAMES.contains(&name) {
                found.push(violation(line_of(node), format!("name '{name}'")));
            }
        }
        "string_content" => {
            let text = ctx.text(node);
            if let Some(name) = dunder_in_string(text) {
                found.push(violation(line_of(node), format!("string naming '{name}'")));
            }
        }
        _ => {}
    }
}

/// The first blocked name spelled inside a string (`__x__` words, frame internals after a dot).
fn dunder_in_string(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'_' && bytes[i + 1] == b'_' {
            let start = i;
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                j += 1;
            }
            let word = &text[start..j];
            if word.len() > 4 && word.ends_with("__") && is_blocked_attr(word) {
                return Some(word.to_string());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| BLOCKED_ATTRIBUTES.contains(w) && text.contains(&format!(".{w}")))
        .map(str::to_string)
        .or_else(|| {
            BLOCKED_ATTRIBUTES
                .iter()
                .find(|a| text == **a)
                .map(|a| a.to_string())
        })
}

fn violation(line: usize, what: String) -> Violation {
    Violation {
        line,
        rule: DOC.name,
        message: format!("{what} is an interpreter internal"),
        hint: DOC.fix,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::check_rules;

    #[test]
    fn subclass_walks_frames_and_dunder_strings_are_refused() {
        let code = "a = ().__class__.__bases__[0].__subclasses__()\n\
                    g = f.__globals__\n\
                    b = __builtins__\n\
                    fr = gen.gi_frame.f_back\n\
                    s = getattr(x, '__class__')\n\
                    t = '{0.__class__}'.format(1)\n\
                    ok = type(x).__name__\n\
                    u = getattr(x, 'f_globals')\n";
        assert_eq!(
            check_rules(code),
            vec![
                "1 dunder-access",
                "2 dunder-access",
                "3 dunder-access",
                "4 dunder-access",
                "5 dunder-access",
                "6 dunder-access",
                "8 dunder-access",
            ]
        );
    }
}
