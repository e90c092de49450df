//! Rule `dynamic-code`.
//!
//! **What it does:** refuses the names `eval`, `exec`, `compile`, `__import__`, `breakpoint`,
//! `globals`, `locals`, `vars` and `memoryview` wherever they are used as plain names (calls,
//! aliases, arguments); `re.compile` and other attributes of the same name are fine.
//!
//! **Why it is bad:** running code built from strings defeats every static check; `globals()`
//! and `vars()` hand out the namespace and its builtins.
//!
//! **Example:** `eval("__imp" + "ort__('os').system('id')")`.
//!
//! **Fix:** write the code out directly; keep data in variables and dicts.

use super::{Ctx, RuleDoc, Violation, line_of};

pub const DOC: RuleDoc = RuleDoc {
    name: "dynamic-code",
    what: "eval, exec, compile, __import__, breakpoint, globals, locals, vars, memoryview.",
    why: "Code built from strings defeats the static checks; globals() and vars() hand out \
          the namespace and its builtins.",
    fix: "write the code out directly and keep data in variables or dicts",
};

const DYNAMIC: &[&str] = &[
    "eval",
    "exec",
    "compile",
    "breakpoint",
    "globals",
    "locals",
    "vars",
    "memoryview",
];

pub(super) fn check(ctx: &Ctx, found: &mut Vec<Violation>) {
    let node = ctx.node;
    if node.kind() != "identifier" {
        return;
    }
    let name = ctx.text(node);
    if !DYNAMIC.contains(&name) {
        return;
    }
    if let Some(parent) = node.parent() {
        let is_attribute_name = parent.kind() == "attribute"
            && parent
                .child_by_field_name("attribute")
                .is_some_and(|a| a.id() == node.id());
        let is_keyword = parent.kind() == "keyword_argument"
            && parent
                .child_by_field_name("name")
                .is_some_and(|a| a.id() == node.id());
        if is_attribute_name || is_keyword {
            return;
        }
    }
    found.push(Violation {
        line: line_of(node),
        rule: DOC.name,
        message: format!("'{name}' runs or exposes code dynamically"),
        hint: DOC.fix,
    });
}

#[cfg(test)]
mod tests {
    use super::super::tests::check_rules;

    #[test]
    fn dynamic_code_names_are_refused_but_attributes_pass() {
        let code = "eval('1')\nf = exec\npattern = re.compile('x')\ng = globals()['x']\n\
                    sorted(xs, key=len)\ncompile('1', 'f', 'eval')\n";
        assert_eq!(
            check_rules(code),
            vec![
                "1 dynamic-code",
                "2 dynamic-code",
                "4 dynamic-code",
                "6 dynamic-code"
            ]
        );
    }
}
