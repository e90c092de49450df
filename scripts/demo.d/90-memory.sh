#!/usr/bin/env bash
# H-MEM in a throw-away workspace: two agents, trust zones, a contradicted fact, consolidation,
# search, an access refusal and a key rotation. Needs no API key: without a model (RLM_MODEL) the
# key/value rule checks contradictions and summaries are extractive; with one, the model writes
# summaries and judges contradictions. Retrieval is hybrid where the embedding model is
# installed, BM25 only otherwise. The output says which, every time.
set -euo pipefail
ws="$(mktemp -d)"
trap 'rm -rf "$ws"' EXIT
unset RLM_MEMORY_KEY
run() { echo; echo "\$ $*"; "$@"; }
m() { rlm memory -C "$ws" "$@"; }
echo
echo "# rlm memory: a shared, encrypted memory in $ws/.rlm"
run m add --kind finding "The auth middleware refreshes the JWT only on 401, so a token that expires mid-request fails once."
run m add --kind answer "Token refresh lives in auth/refresh.rs; it retries twice before logging the user out."
run m add --kind finding "The nightly Postgres backup job writes to the acme-db-backups bucket."
run m add "db port = 5432"
run m grant reviewer internal
run m add --agent reviewer "db port = 5433"
run m conflicts
run m consolidate
run m search token refresh expiry -k 4
echo; echo "\$ m show --agent outsider <id of the backup finding>   # not cleared for internal"
if m show --agent outsider "$(m search --json backup | sed -n 's/.*"id": "\(ep-[0-9a-f]*\)".*/\1/p' | head -1)"; then
  echo "expected a refusal" >&2; exit 1
fi
run m rotate-key
run m verify
run m show --audit 3
