"""The jedi side of `rlm bench graph`: references of each target definition, from jedi.

Reads JSON on stdin: {"root": DIR, "targets": [{"path": REL, "line": L, "col": C}, ...]}
(1-based line, 0-based column of the definition's name) and writes one JSON object to stdout:
{"jedi": VERSION, "results": [{"refs": [[REL, L, C], ...], "calls": [[REL, L], ...],
"error": null}, ...]} in the order of the targets. References are jedi's
`get_references(scope="project")` minus the definition itself and other `def`/`class`
definitions (overrides; names in import statements stay, as the graph keeps them), kept only inside `root`; a
reference is a call when the next character after the name (spaces skipped) is "(".
"""

import json
import os
import sys

import jedi


def main():
    request = json.load(sys.stdin)
    root = os.path.realpath(request["root"])
    project = jedi.Project(root, added_sys_path=[root], smart_sys_path=False)
    lines_of = {}

    def lines(path):
        if path not in lines_of:
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    lines_of[path] = f.read().split("\n")
            except OSError:
                lines_of[path] = []
        return lines_of[path]

    results = []
    for target in request["targets"]:
        path = os.path.join(root, target["path"])
        try:
            script = jedi.Script(path=path, project=project)
            found = script.get_references(target["line"], target["col"], scope="project")
        except Exception as exc:  # jedi raises on odd input; the bench counts it
            results.append({"refs": [], "calls": [], "error": "%s: %s" % (type(exc).__name__, exc)})
            continue
        refs, calls = [], []
        for name in found:
            if name.module_path is None or name.line is None:
                continue
            where = os.path.realpath(str(name.module_path))
            if not where.startswith(root + os.sep):
                continue
            rel = os.path.relpath(where, root)
            if rel == target["path"] and name.line == target["line"] and name.column == target["col"]:
                continue
            text = lines(where)
            # jedi lists overriding definitions (`def seek` of a subclass) with the uses; they
            # are definitions, not references, for the graph and for an editor.
            if name.is_definition() and 0 < name.line <= len(text):
                head = text[name.line - 1][: name.column].strip()
                if head in ("def", "async def", "class"):
                    continue
            refs.append([rel, name.line, name.column])
            if 0 < name.line <= len(text):
                rest = text[name.line - 1][name.column + len(name.name):].lstrip()
                if rest.startswith("("):
                    calls.append([rel, name.line])
        results.append({"refs": refs, "calls": calls, "error": None})
    json.dump({"jedi": jedi.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
