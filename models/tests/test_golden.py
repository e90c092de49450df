"""The converted SmolLM2 and the MiniLM embedding model against references made with PyTorch."""

from __future__ import annotations

import json

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from gguf import GGUFReader
from gguf_tokenizer import build_tokenizer
from llama_onnx import build_model


def _ids(golden):
    return np.array([json.loads((golden / "smollm2-135m" / "input_ids.json").read_text())["input_ids"]], dtype=np.int64)


def _run(session, ids, rows_from=0, mask=None):
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids) if mask is None else mask, "rows_from": np.array([rows_from], dtype=np.int64)}
    names = [o.name for o in session.get_outputs()]
    return dict(zip(names, session.run(None, feed)))


def test_tokenizer_from_gguf_equals_the_transformers_one(golden, smollm_gguf):
    ours = build_tokenizer(GGUFReader(str(smollm_gguf)))
    reference = json.loads((golden / "smollm2-135m" / "tokenizer.json").read_text())
    assert ours == reference


def _attention_entry() -> dict:
    """The manifest's attention model (the one the engine loads by default)."""
    import tomllib
    from conftest import ROOT

    manifest = tomllib.loads((ROOT / "models" / "manifest.toml").read_text(encoding="utf-8"))
    return next(m for m in manifest["model"] if m["role"] == "attention")


def test_installed_tokenizer_reproduces_golden_ids(golden, model_dir):
    tok = Tokenizer.from_file(str(model_dir(_attention_entry()["name"]) / "tokenizer.json"))
    text = (golden / "smollm2-135m" / "input.txt").read_text()
    assert tok.encode(text).ids == _ids(golden)[0].tolist()


def test_full_depth_export_matches_golden_logits_and_attention(golden, smollm_gguf, tmp_path):
    model, _ = build_model(smollm_gguf, [15, 29], full=True)
    path = tmp_path / "full.onnx"
    from llama_onnx import save

    save(model, path)
    del model
    out = _run(ort.InferenceSession(str(path)), _ids(golden))
    ref_logits = np.load(golden / "smollm2-135m" / "logits_last.npy")
    assert np.abs(out["logits"][0, -1] - ref_logits).max() < 1e-4
    top5 = json.loads((golden / "smollm2-135m" / "meta.json").read_text())["top5_next_token_ids"]
    assert np.argsort(-out["logits"][0, -1])[:5].tolist() == top5
    for layer in (15, 29):
        ref = np.load(golden / "smollm2-135m" / f"attn_{layer}.npy")
        assert np.abs(out[f"attention_{layer}"][0] - ref).max() < 1e-5


def test_installed_cut_model_keeps_the_attention_of_the_float_export(golden, model_dir, smollm_gguf, tmp_path):
    """The installed model (cut after its layer, perhaps int8) against a float32 export of the same
    layer from the same GGUF, itself pinned to the PyTorch golden by the full-depth test above:
    rows sum to one, the question rows are a slice of the full rows, and the positions InfiniRetri
    would keep (the most attended of the last rows, summed over heads) are the same."""
    entry = _attention_entry()
    layer = int(entry["attention_layer"])
    name = f"attention_{layer}"
    session = ort.InferenceSession(str(model_dir(entry["name"]) / "model.onnx"))
    assert [o.name for o in session.get_outputs()] == [name]
    from llama_onnx import save

    reference_path = tmp_path / "float.onnx"
    model, _ = build_model(smollm_gguf, [layer, 15], full=False)
    save(model, reference_path)
    del model
    ids = _ids(golden)
    reference = _run(ort.InferenceSession(str(reference_path)), ids)
    assert np.abs(reference["attention_15"][0] - np.load(golden / "smollm2-135m" / "attn_15.npy")).max() < 1e-5
    want = reference[name][0]
    full = _run(session, ids)[name][0]
    assert np.allclose(full.sum(-1), 1.0, atol=1e-5)
    rows = _run(session, ids, rows_from=50)[name][0]
    assert rows.shape == (9, ids.shape[1] - 50, ids.shape[1])
    assert np.abs(rows - full[:, 50:, :]).max() < 1e-5
    if not entry.get("quantize"):
        assert np.abs(full - want).max() < 1e-5
    # Column scores of the last 16 rows (a question), position 0 (the attention sink) left out.
    got_scores = full[:, -16:, 1:].sum((0, 1))
    want_scores = want[:, -16:, 1:].sum((0, 1))
    top = 10
    overlap = len(set(np.argsort(-got_scores)[:top]) & set(np.argsort(-want_scores)[:top]))
    assert overlap >= 8, (overlap, np.argsort(-got_scores)[:top], np.argsort(-want_scores)[:top])
    assert np.corrcoef(got_scores, want_scores)[0, 1] > 0.9  # measured: 0.947


def test_minilm_mean_pooling_without_padding_matches_golden_embeddings(golden, model_dir):
    d = model_dir("minilm-l6-v2")
    tok = Tokenizer.from_file(str(d / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    session = ort.InferenceSession(str(d / "model.onnx"))
    meta = json.loads((golden / "minilm-l6-v2" / "meta.json").read_text())
    ref = np.load(golden / "minilm-l6-v2" / "embeddings.npy")
    cosines = []
    for i, text in enumerate(meta["texts"]):
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)})[0][0]
        v = hidden.mean(0)
        v /= np.linalg.norm(v)
        cosines.append(float(v @ ref[i]))
    assert min(cosines) >= 0.999, cosines
