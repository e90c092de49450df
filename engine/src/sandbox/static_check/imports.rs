//! Rule `blocked-import`.
//!
//! **What it does:** refuses `import m`, `from m import x` and `from m.sub import x` where `m` is
//! on the blocklist (`[sandbox] allow_imports` / `block_imports` edit it), and the file-opening
//! members of allowed modules (`io.FileIO`, `io.open`, `codecs.open`).
//!
//! **Why it is bad:** these modules reach the operating system (processes, files, sockets),
//! serialise code (pickle, marshal) or the interpreter's own internals (gc, inspect, ctypes).
//!
//! **Example:** `import subprocess; subprocess.run(["curl", ...])`.
//!
//! **Fix:** work on the `context` string and on files in scratch with `open()`; ask the host for
//! more with `llm_query()` or `retrieve()`.

use super::{Ctx, RuleDoc, StaticPolicy, Violation, line_of};

pub const DOC: RuleDoc = RuleDoc {
    name: "blocked-import",
    what: "Imports of modules that reach the OS, serialise code or expose interpreter internals.",
    why: "They are the direct way out of the sandbox: processes, files, sockets, ctypes.",
    fix: "work on `context` and files in the scratch folder with open(), or ask the host with \
          llm_query()/retrieve()",
};

/// (module, member) pairs refused even though the module itself may be imported.
const BLOCKED_MEMBERS: &[(&str, &str)] = &[("io", "FileIO"), ("io", "open"), ("io", "open_code")];

pub(super) fn check(ctx: &Ctx, policy: &StaticPolicy, found: &mut Vec<Violation>) {
    let node = ctx.node;
    match node.kind() {
        "import_statement" => {
            let mut cursor = node.walk();
            for name in node.children_by_field_name("name", &mut cursor) {
                let dotted = match name.kind() {
                    "aliased_import" => name.child_by_field_name("name").map(|n| ctx.text(n)),
                    _ => Some(ctx.text(name)),
                };
                if let Some(module) = dotted {
                    refuse_module(module, policy, line_of(node), found);
                }
            }
        }
        "import_from_statement" => {
            let Some(module_node) = node.child_by_field_name("module_name") else {
                return;
            };
            if module_node.kind() == "relative_import" {
                found.push(Violation {
                    line: line_of(node),
                    rule: DOC.name,
                    message: "relative imports are not available in the sandbox".into(),
                    hint: DOC.fix,
                });
                return;
            }
            let module = ctx.text(module_node);
            refuse_module(module, policy, line_of(node), found);
            let mut cursor = node.walk();
            for name in node.children_by_field_name("name", &mut cursor) {
                let member = match name.kind() {
                    "aliased_import" => name.child_by_field_name("name").map(|n| ctx.text(n)),
                    _ => Some(ctx.text(name)),
                };
                if let Some(member) = member {
                    if BLOCKED_MEMBERS.contains(&(module, member)) {
                        found.push(member_violation(module, member, line_of(node)));
                    }
                    refuse_module(&format!("{module}.{member}"), policy, line_of(node), found);
                }
            }
        }
        "attribute" => {
            let (Some(object), Some(attr)) = (
                node.child_by_field_name("object"),
                node.child_by_field_name("attribute"),
            ) else {
                return;
            };
            let (object, attr) = (ctx.text(object), ctx.text(attr));
            if BLOCKED_MEMBERS.contains(&(object, attr)) {
                found.push(member_violation(object, attr, line_of(node)));
            }
        }
        _ => {}
    }
}

fn refuse_module(module: &str, policy: &StaticPolicy, line: usize, found: &mut Vec<Violation>) {
    let top = module.split('.').next().unwrap_or(module).trim();
    if policy.blocked_modules.contains(top) || policy.blocked_modules.contains(module) {
        found.push(Violation {
            line,
            rule: DOC.name,
            message: format!("import of '{module}' is not allowed in the sandbox"),
            hint: DOC.fix,
        });
    }
}

fn member_violation(module: &str, member: &str, line: usize) -> Violation {
    Violation {
        line,
        rule: DOC.name,
        message: format!("'{module}.{member}' opens files outside the sandbox's open()"),
        hint: DOC.fix,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::check_rules;

    #[test]
    fn blocked_imports_in_every_form_are_refused() {
        let code = "import os\nimport json, subprocess as sp\nfrom socket import socket\n\
                    from os.path import join\nimport http.client\nfrom io import FileIO\n\
                    from . import x\nimport io\nf = io.FileIO('x')\nimport re\n";
        assert_eq!(
            check_rules(code),
            vec![
                "1 blocked-import",
                "2 blocked-import",
                "3 blocked-import",
                "4 blocked-import",
                "5 blocked-import",
                "6 blocked-import",
                "7 blocked-import",
                "9 blocked-import",
            ]
        );
    }
}
