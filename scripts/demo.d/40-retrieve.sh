#!/usr/bin/env bash
# Retrieval on this repository: InfiniRetri reading one file with the model's attention, then hybrid
# retrieval (BM25 + embeddings pick candidates, InfiniRetri reads them, rank fusion merges) over the
# retrieval module's own sources, indexed with their embeddings first (queries never build them).
# Embedding the whole repository (a plain `rlm index .`) takes a few CPU minutes once; later runs
# are incremental.
set -euo pipefail
cd "$RLM_ROOT"
run() { echo; echo "\$ $*"; "$@"; }
run rlm retrieve . "how does the index survive a crash while writing the manifest?" \
  --method infini --path 'engine/src/index/manifest.rs' -k 2
run rlm index engine/src/retrieval --index-dir "$RLM_ROOT/target/demo-retrieval-index"
run rlm retrieve engine/src/retrieval "how are the rankings of the methods fused?" \
  --index-dir "$RLM_ROOT/target/demo-retrieval-index" --method hybrid -k 3 --candidates 6
