#!/usr/bin/env bash
# The Python sandbox: which layers are active here, a small script over the workspace context,
# and two refused ones (the static layer, then the OS layer with the static checks off).
# Non-zero exit codes are expected for the refused scripts; the demo itself never fails.
set -uo pipefail
cd "$RLM_ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
show() { echo; echo "\$ $*"; "$@"; echo "(exit $?)"; }

show rlm doctor

rlm context . > "$tmp/context.txt"
cat > "$tmp/count_files.py" <<'PY'
import re
files = re.findall(r"^# === FILE: (.+) ===$", context, re.M)
rust = [f for f in files if f.endswith(".rs")]
print(len(files), "files in the context,", len(rust), "of them Rust; first:", rust[:3])
print("and a key that must not leak: AKIAIOSFODNN7EXAMPLE")
PY
show rlm exec --timeout 10 --context "$tmp/context.txt" "$tmp/count_files.py"

cat > "$tmp/escape.py" <<'PY'
import os
os.system("id > /tmp/rlm-demo-owned")
PY
echo; echo "# refused before it runs (exit 2, 'blocked:'):"
show rlm exec "$tmp/escape.py"

cat > "$tmp/escape_walk.py" <<'PY'
W = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == "_wrap_close"][0]
W.__init__.__globals__["system"]("id > /tmp/rlm-demo-owned")
PY
echo; echo "# static checks off: the subclass walk reaches os.system, seccomp kills the fork (exit 3, 'killed:'):"
show rlm exec --no-static-checks "$tmp/escape_walk.py"
if [ -e /tmp/rlm-demo-owned ]; then
  echo "UNEXPECTED: /tmp/rlm-demo-owned exists"
  rm -f /tmp/rlm-demo-owned
else
  echo "/tmp/rlm-demo-owned was not created"
fi
exit 0
