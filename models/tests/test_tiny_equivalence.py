"""Converter equivalence on a tiny random Llama: a GGUF written the way llama.cpp writes one (q/k rows
permuted, Q8_0 embedding, Q4_1 and F32 projections, grouped-query attention) is converted and run through
ONNX Runtime, and compared with an independent numpy forward pass over the original weights."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
import pytest
from gguf import GGMLQuantizationType, GGUFWriter
from gguf.quants import dequantize, quantize

from llama_onnx import build_model, save

V, D, F, H, KV, L = 96, 64, 96, 4, 2, 3
HD = D // H
BASE, EPS = 10000.0, 1e-5


def _permute(w, n_head):
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def _q(w, kind):
    """Quantise as the GGUF stores it; returns (stored bytes, what dequantisation gives back)."""
    data = quantize(w, kind)
    return data, dequantize(data, kind).astype(np.float32)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    rng = np.random.default_rng(7)
    d = tmp_path_factory.mktemp("tiny")
    path = d / "tiny.gguf"
    w = GGUFWriter(str(path), "llama")
    w.add_block_count(L)
    w.add_context_length(256)
    w.add_embedding_length(D)
    w.add_feed_forward_length(F)
    w.add_head_count(H)
    w.add_head_count_kv(KV)
    w.add_rope_dimension_count(HD)
    w.add_rope_freq_base(BASE)
    w.add_layer_norm_rms_eps(EPS)
    w.add_vocab_size(V)
    ref = {}
    emb_q, ref["embed"] = _q(rng.normal(0, 0.5, (V, D)).astype(np.float32), GGMLQuantizationType.Q8_0)
    w.add_tensor("token_embd.weight", emb_q, raw_dtype=GGMLQuantizationType.Q8_0)
    for i in range(L):
        p = f"blk.{i}"
        kind = GGMLQuantizationType.Q4_1 if i % 2 == 0 else GGMLQuantizationType.F32
        for name, shape in (("attn_q", (D, D)), ("attn_k", (KV * HD, D)), ("attn_v", (KV * HD, D)), ("attn_output", (D, D)),
                            ("ffn_gate", (F, D)), ("ffn_up", (F, D)), ("ffn_down", (D, F))):
            hf = rng.normal(0, 0.3, shape).astype(np.float32)
            if kind == GGMLQuantizationType.Q4_1:
                # quantise in the stored (permuted) layout, then read back what the file really holds
                stored = _permute(hf, H) if name == "attn_q" else _permute(hf, KV) if name == "attn_k" else hf
                data, back = _q(stored, kind)
                w.add_tensor(f"{p}.{name}.weight", data, raw_dtype=kind)
                hf = _unpermute(back, H) if name == "attn_q" else _unpermute(back, KV) if name == "attn_k" else back
            else:
                stored = _permute(hf, H) if name == "attn_q" else _permute(hf, KV) if name == "attn_k" else hf
                w.add_tensor(f"{p}.{name}.weight", stored)
            ref[f"{p}.{name}"] = hf
        for norm in ("attn_norm", "ffn_norm"):
            ref[f"{p}.{norm}"] = rng.uniform(0.5, 1.5, D).astype(np.float32)
            w.add_tensor(f"{p}.{norm}.weight", ref[f"{p}.{norm}"])
    ref["output_norm"] = rng.uniform(0.5, 1.5, D).astype(np.float32)
    w.add_tensor("output_norm.weight", ref["output_norm"])
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    model, _ = build_model(path, [0, 2], full=True)
    save(model, d / "full.onnx")
    cut, _ = build_model(path, [1], full=False)
    save(cut, d / "cut.onnx")
    return d, ref


def _unpermute(w, n_head):
    dim = w.shape[0] // n_head // 2
    return w.reshape(n_head, dim, 2, *w.shape[1:]).swapaxes(2, 1).reshape(w.shape)


def _rms(x, w):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + EPS) * w


def _rotary(x, pos):
    inv = 1.0 / (BASE ** (np.arange(0, HD, 2) / HD))
    ang = pos[:, None] * inv[None, :]
    cos, sin = np.cos(np.concatenate([ang, ang], -1)), np.sin(np.concatenate([ang, ang], -1))
    half = HD // 2
    rot = np.concatenate([-x[..., half:], x[..., :half]], -1)
    return x * cos + rot * sin


def reference_forward(ref, ids, mask):
    """Plain numpy Llama (transformers semantics): returns logits and every layer's attention."""
    s = len(ids)
    x = ref["embed"][ids].astype(np.float64)
    pos = np.arange(s, dtype=np.float64)
    allowed = np.tril(np.ones((s, s), bool)) & (mask[None, :] == 1)
    attn = []
    for i in range(L):
        p = f"blk.{i}"
        h = _rms(x, ref[f"{p}.attn_norm"])
        q = (h @ ref[f"{p}.attn_q"].T).reshape(s, H, HD).transpose(1, 0, 2)
        k = (h @ ref[f"{p}.attn_k"].T).reshape(s, KV, HD).transpose(1, 0, 2)
        v = (h @ ref[f"{p}.attn_v"].T).reshape(s, KV, HD).transpose(1, 0, 2)
        q, k = _rotary(q, pos), _rotary(k, pos)
        k, v = np.repeat(k, H // KV, axis=0), np.repeat(v, H // KV, axis=0)
        scores = np.where(allowed, q @ k.transpose(0, 2, 1) / np.sqrt(HD), -np.inf)
        probs = np.exp(scores - scores.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        attn.append(probs)
        ctx = (probs @ v).transpose(1, 0, 2).reshape(s, D)
        x = x + ctx @ ref[f"{p}.attn_output"].T
        h = _rms(x, ref[f"{p}.ffn_norm"])
        g = h @ ref[f"{p}.ffn_gate"].T
        x = x + ((g / (1 + np.exp(-g))) * (h @ ref[f"{p}.ffn_up"].T)) @ ref[f"{p}.ffn_down"].T
    logits = _rms(x, ref["output_norm"]) @ ref["embed"].T
    return logits, attn


def _feed(ids, mask, rows_from=0):
    return {"input_ids": ids[None, :], "attention_mask": mask[None, :], "rows_from": np.array([rows_from], dtype=np.int64)}


def test_full_export_equals_numpy_reference(tiny):
    d, ref = tiny
    ids = np.random.default_rng(1).integers(0, V, 40).astype(np.int64)
    mask = np.ones_like(ids)
    session = ort.InferenceSession(str(d / "full.onnx"))
    out = dict(zip([o.name for o in session.get_outputs()], session.run(None, _feed(ids, mask))))
    logits, attn = reference_forward(ref, ids, mask)
    assert sorted(out) == ["attention_0", "attention_2", "logits"]
    assert np.abs(out["logits"][0] - logits).max() < 1e-3 * max(1.0, np.abs(logits).max())
    assert np.abs(out["attention_0"][0] - attn[0]).max() < 1e-4
    assert np.abs(out["attention_2"][0] - attn[2]).max() < 1e-4


def test_cut_export_returns_only_the_asked_rows_of_the_chosen_layer(tiny):
    d, ref = tiny
    ids = np.random.default_rng(2).integers(0, V, 33).astype(np.int64)
    mask = np.ones_like(ids)
    session = ort.InferenceSession(str(d / "cut.onnx"))
    assert [o.name for o in session.get_outputs()] == ["attention_1"]
    rows = session.run(None, _feed(ids, mask, rows_from=28))[0][0]
    _, attn = reference_forward(ref, ids, mask)
    assert rows.shape == (H, 5, 33)
    assert np.abs(rows - attn[1][:, 28:, :]).max() < 1e-4
    assert np.allclose(rows.sum(-1), 1.0, atol=1e-5)


def test_padding_is_masked_out(tiny):
    d, ref = tiny
    ids = np.random.default_rng(3).integers(0, V, 20).astype(np.int64)
    padded = np.concatenate([ids, np.zeros(6, np.int64)])
    mask = np.concatenate([np.ones(20, np.int64), np.zeros(6, np.int64)])
    session = ort.InferenceSession(str(d / "cut.onnx"))
    alone = session.run(None, _feed(ids, np.ones_like(ids)))[0][0]
    with_pad = session.run(None, _feed(padded, mask))[0][0]
    assert np.abs(with_pad[:, :20, :20] - alone).max() < 1e-5
    assert np.abs(with_pad[:, :20, 20:]).max() == 0.0
