#!/usr/bin/env bash
# Retrieval on this repository: InfiniRetri reading one file with the model's attention, then hybrid
# retrieval (BM25 + embeddings pick candidates, InfiniRetri reads them, rank fusion merges). The first
# hybrid run embeds every chunk of the repository (once; later runs are incremental).
set -euo pipefail
cd "$RLM_ROOT"
run() { echo; echo "\$ $*"; "$@"; }
run rlm retrieve . "how does the index survive a crash while writing the manifest?" \
  --method infini --path 'engine/src/index/manifest.rs' -k 2
run rlm retrieve . "where is the ONNX Runtime library looked for?" --method hybrid -k 3 --candidates 8
