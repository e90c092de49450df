"""Builds an ONNX graph of a Llama-family causal LM straight from a GGUF file, without PyTorch.

InfiniRetri needs one thing from the language model: the attention probabilities of one layer, from
the question tokens to every token of the window. So the graph can be cut: it runs the layers before
the chosen one in full and, of the chosen layer, only the normalisation, the query/key projections,
the rotary embedding and the softmax. Nothing after that layer is computed or stored.

Inputs (all int64):
  input_ids       [batch, seq]
  attention_mask  [batch, seq]   1 for real tokens, 0 for padding (eager attention, as transformers)
  rows_from       [1]            attention rows are returned for query positions rows_from..seq-1
                                 (0 gives the whole matrix; InfiniRetri asks only for the question rows)
Outputs:
  attention_{L}   [batch, heads, seq - rows_from, seq] float32 for each requested layer L
  logits          [batch, seq, vocab] float32, only for a full-depth export (--full)

The weights are dequantised with the `gguf` package's own numpy dequantiser. llama.cpp stores the
query and key projections with their rows permuted for its interleaved rotary layout; they are put
back into the transformers layout (rotate-half rotary), so the graph matches transformers exactly.
A Q8_0 token embedding is kept as int8 blocks plus scales and dequantised after the Gather, which is
exact and four times smaller than float32.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from gguf import GGMLQuantizationType, GGUFReader
from gguf.quants import dequantize
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


@dataclass
class LlamaConfig:
    layers: int
    hidden: int
    ffn: int
    heads: int
    kv_heads: int
    head_dim: int
    vocab: int
    rope_base: float
    rms_eps: float
    arch: str

    @property
    def group(self) -> int:
        return self.heads // self.kv_heads


def _field(reader: GGUFReader, key: str, default=None):
    field = reader.fields.get(key)
    if field is None:
        if default is None:
            raise ValueError(f"GGUF metadata has no {key}: not a Llama-family model file?")
        return default
    return field.contents()


def read_config(reader: GGUFReader) -> LlamaConfig:
    arch = _field(reader, "general.architecture")
    if arch not in ("llama", "qwen2"):
        raise ValueError(f"architecture {arch!r} is not supported (llama, qwen2)")
    hidden = int(_field(reader, f"{arch}.embedding_length"))
    heads = int(_field(reader, f"{arch}.attention.head_count"))
    vocab = int(_field(reader, f"{arch}.vocab_size", 0)) or None
    tensor_vocab = int([t for t in reader.tensors if t.name == "token_embd.weight"][0].shape[1])
    return LlamaConfig(
        layers=int(_field(reader, f"{arch}.block_count")),
        hidden=hidden,
        ffn=int(_field(reader, f"{arch}.feed_forward_length")),
        heads=heads,
        kv_heads=int(_field(reader, f"{arch}.attention.head_count_kv", heads)),
        head_dim=int(_field(reader, f"{arch}.rope.dimension_count", hidden // heads)),
        vocab=vocab or tensor_vocab,
        rope_base=float(_field(reader, f"{arch}.rope.freq_base", 10000.0)),
        rms_eps=float(_field(reader, f"{arch}.attention.layer_norm_rms_epsilon")),
        arch=str(arch),
    )


def reverse_permute(weights: np.ndarray, n_head: int) -> np.ndarray:
    """Undoes llama.cpp's permutation of q/k rows (interleaved rotary -> rotate-half rotary)."""
    dim = weights.shape[0] // n_head // 2
    w = weights.reshape(n_head, dim, 2, *weights.shape[1:])
    return w.swapaxes(2, 1).reshape(weights.shape)


class Tensors:
    """The GGUF tensors by name, dequantised on demand."""

    def __init__(self, reader: GGUFReader):
        self.by_name = {t.name: t for t in reader.tensors}

    def has(self, name: str) -> bool:
        return name in self.by_name

    def raw(self, name: str):
        if name not in self.by_name:
            raise KeyError(f"GGUF has no tensor {name}")
        return self.by_name[name]

    def f32(self, name: str) -> np.ndarray:
        t = self.raw(name)
        data = dequantize(t.data, t.tensor_type)
        return np.ascontiguousarray(data, dtype=np.float32)


class Graph:
    """A small helper around onnx.helper: unique names, constants, initializers."""

    def __init__(self):
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.counter = 0

    def name(self, hint: str) -> str:
        self.counter += 1
        return f"{hint}_{self.counter}"

    def init(self, name: str, array: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(array, name))
        return name

    def const(self, value, dtype=np.int64) -> str:
        return self.init(self.name("const"), np.asarray(value, dtype=dtype))

    def op(self, op_type: str, inputs: list[str], hint: str | None = None, outputs=None, **attrs) -> str:
        out = outputs or [self.name(hint or op_type.lower())]
        self.nodes.append(helper.make_node(op_type, inputs, out, name=self.name(op_type), **attrs))
        return out[0]


def _rms_norm(g: Graph, x: str, weight: np.ndarray, eps: float, hint: str) -> str:
    sq = g.op("Mul", [x, x])
    mean = g.op("ReduceMean", [sq], axes=[-1], keepdims=1)
    denom = g.op("Sqrt", [g.op("Add", [mean, g.const(eps, np.float32)])])
    normed = g.op("Div", [x, denom])
    return g.op("Mul", [normed, g.init(f"{hint}.weight", weight)], hint=hint)


def _linear(g: Graph, x: str, weight: np.ndarray, name: str, bias: np.ndarray | None = None) -> str:
    out = g.op("MatMul", [x, g.init(name, np.ascontiguousarray(weight.T))])
    if bias is not None:
        out = g.op("Add", [out, g.init(name + ".bias", bias.astype(np.float32))])
    return out


def _heads(g: Graph, x: str, n: int, d: int) -> str:
    """[B, S, n*d] -> [B, n, S, d]"""
    r = g.op("Reshape", [x, g.const([0, 0, n, d])])
    return g.op("Transpose", [r], perm=[0, 2, 1, 3])


def _rope(g: Graph, x: str, cos: str, sin: str, half: int) -> str:
    x1 = g.op("Slice", [x, g.const([0]), g.const([half]), g.const([-1])])
    x2 = g.op("Slice", [x, g.const([half]), g.const([2 * half]), g.const([-1])])
    rotated = g.op("Concat", [g.op("Neg", [x2]), x1], axis=-1)
    return g.op("Add", [g.op("Mul", [x, cos]), g.op("Mul", [rotated, sin])])


def _embedding(g: Graph, tensors: Tensors, ids: str, cfg: LlamaConfig, keep_f32: bool) -> tuple[str, np.ndarray | None]:
    """Token embedding; returns the hidden states and, when asked, the float32 matrix (tied logits)."""
    t = tensors.raw("token_embd.weight")
    f32 = None
    if t.tensor_type == GGMLQuantizationType.Q8_0:
        blocks = cfg.hidden // 32
        raw = np.asarray(t.data, dtype=np.uint8).reshape(cfg.vocab, blocks, 34)
        scales = raw[:, :, :2].copy().view(np.float16).reshape(cfg.vocab, blocks)
        q = raw[:, :, 2:].copy().view(np.int8).reshape(cfg.vocab, cfg.hidden)
        gq = g.op("Gather", [g.init("token_embd.q8", q), ids], axis=0)
        gs = g.op("Gather", [g.init("token_embd.scale", scales), ids], axis=0)
        qf = g.op("Reshape", [g.op("Cast", [gq], to=TensorProto.FLOAT), g.const([0, 0, blocks, 32])])
        sf = g.op("Unsqueeze", [g.op("Cast", [gs], to=TensorProto.FLOAT), g.const([-1])])
        hidden = g.op("Reshape", [g.op("Mul", [qf, sf]), g.const([0, 0, cfg.hidden])], hint="embed")
        if keep_f32:
            f32 = (q.reshape(cfg.vocab, blocks, 32).astype(np.float32) * scales.astype(np.float32)[:, :, None]).reshape(cfg.vocab, cfg.hidden)
        return hidden, f32
    f32 = tensors.f32("token_embd.weight")
    return g.op("Gather", [g.init("token_embd.weight", f32), ids], axis=0, hint="embed"), f32


def build_model(gguf_path: Path, attention_layers: list[int], full: bool) -> tuple[onnx.ModelProto, LlamaConfig]:
    reader = GGUFReader(str(gguf_path))
    cfg = read_config(reader)
    tensors = Tensors(reader)
    if not attention_layers and not full:
        raise ValueError("nothing to export: give --attention-layers and/or --full")
    for layer in attention_layers:
        if not 0 <= layer < cfg.layers:
            raise ValueError(f"attention layer {layer} out of range: the model has {cfg.layers} layers (0..{cfg.layers - 1})")
    last = cfg.layers - 1 if full else max(attention_layers)
    g = Graph()
    d, half = cfg.head_dim, cfg.head_dim // 2

    # Positions, rotary tables and the additive mask, shared by all layers.
    shape = g.op("Shape", ["input_ids"])
    seq = g.op("Gather", [shape, g.const(1)], axis=0)
    pos = g.op("Range", [g.const(0), seq, g.const(1)])
    posf = g.op("Cast", [pos], to=TensorProto.FLOAT)
    inv_freq = 1.0 / (cfg.rope_base ** (np.arange(0, d, 2, dtype=np.int64).astype(np.float32) / d))
    freqs = g.op("Mul", [g.op("Unsqueeze", [posf, g.const([1])]), g.init("rope.inv_freq", inv_freq.astype(np.float32)[None, :])])
    emb = g.op("Concat", [freqs, freqs], axis=-1)
    cos, sin = g.op("Cos", [emb], hint="cos"), g.op("Sin", [emb], hint="sin")
    causal = g.op("GreaterOrEqual", [g.op("Unsqueeze", [pos, g.const([1])]), g.op("Unsqueeze", [pos, g.const([0])])])
    real = g.op("Equal", [g.op("Unsqueeze", ["attention_mask", g.const([1, 2])]), g.const(1)])
    allowed = g.op("And", [g.op("Unsqueeze", [causal, g.const([0, 1])]), real])
    neg = np.finfo(np.float32).min
    bias = g.op("Where", [allowed, g.const(0.0, np.float32), g.const(neg, np.float32)], hint="mask")
    seq1 = g.op("Reshape", [seq, g.const([1])])
    # Rows of the attention that are returned: rows_from..seq.
    row_bias = g.op("Slice", [bias, "rows_from", seq1, g.const([2])])
    row_cos = g.op("Slice", [cos, "rows_from", seq1, g.const([0])])
    row_sin = g.op("Slice", [sin, "rows_from", seq1, g.const([0])])

    x, embd_f32 = _embedding(g, tensors, "input_ids", cfg, keep_f32=full and not tensors.has("output.weight"))
    outputs = []
    scale = np.float32(1.0 / np.sqrt(d))
    for layer in range(last + 1):
        p = f"blk.{layer}"
        h = _rms_norm(g, x, tensors.f32(f"{p}.attn_norm.weight"), cfg.rms_eps, f"{p}.attn_norm")
        wq = tensors.f32(f"{p}.attn_q.weight")
        wk = tensors.f32(f"{p}.attn_k.weight")
        if cfg.arch == "llama":
            wq, wk = reverse_permute(wq, cfg.heads), reverse_permute(wk, cfg.kv_heads)
        bq = tensors.f32(f"{p}.attn_q.bias") if tensors.has(f"{p}.attn_q.bias") else None
        bk = tensors.f32(f"{p}.attn_k.bias") if tensors.has(f"{p}.attn_k.bias") else None
        final_cut = layer == last and not full
        k = _heads(g, _linear(g, h, wk, f"{p}.attn_k", bk), cfg.kv_heads, d)
        k = _rope(g, k, cos, sin, half)
        if cfg.group > 1:
            k5 = g.op("Unsqueeze", [k, g.const([2])])
            k_shape = g.op("Shape", [k])
            b_ = g.op("Slice", [k_shape, g.const([0]), g.const([1]), g.const([0])])
            s_ = g.op("Slice", [k_shape, g.const([2]), g.const([3]), g.const([0])])
            target = g.op("Concat", [b_, g.const([cfg.kv_heads, cfg.group]), s_, g.const([d])], axis=0)
            flat = g.op("Concat", [b_, g.const([cfg.heads]), s_, g.const([d])], axis=0)
            k = g.op("Reshape", [g.op("Expand", [k5, target]), flat])
        kt = g.op("Transpose", [k], perm=[0, 1, 3, 2])
        if final_cut:
            # Only the returned rows are needed: project and rotate just those query positions.
            hq = g.op("Slice", [h, "rows_from", seq1, g.const([1])])
            q = _rope(g, _heads(g, _linear(g, hq, wq, f"{p}.attn_q", bq), cfg.heads, d), row_cos, row_sin, half)
            scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, kt]), g.const(scale, np.float32)]), row_bias])
            probs = g.op("Softmax", [scores], axis=-1, outputs=[f"attention_{layer}"])
            outputs.append(probs)
            break
        q = _rope(g, _heads(g, _linear(g, h, wq, f"{p}.attn_q", bq), cfg.heads, d), cos, sin, half)
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, kt]), g.const(scale, np.float32)]), bias])
        probs = g.op("Softmax", [scores], axis=-1)
        if layer in attention_layers:
            outputs.append(g.op("Slice", [probs, "rows_from", seq1, g.const([2])], outputs=[f"attention_{layer}"]))
        bv = tensors.f32(f"{p}.attn_v.bias") if tensors.has(f"{p}.attn_v.bias") else None
        v = _heads(g, _linear(g, h, tensors.f32(f"{p}.attn_v.weight"), f"{p}.attn_v", bv), cfg.kv_heads, d)
        if cfg.group > 1:
            v5 = g.op("Unsqueeze", [v, g.const([2])])
            v = g.op("Reshape", [g.op("Expand", [v5, target]), flat])
        ctx = g.op("Transpose", [g.op("MatMul", [probs, v])], perm=[0, 2, 1, 3])
        ctx = g.op("Reshape", [ctx, g.const([0, 0, cfg.heads * d])])
        x = g.op("Add", [x, _linear(g, ctx, tensors.f32(f"{p}.attn_output.weight"), f"{p}.attn_output")])
        h = _rms_norm(g, x, tensors.f32(f"{p}.ffn_norm.weight"), cfg.rms_eps, f"{p}.ffn_norm")
        gate = _linear(g, h, tensors.f32(f"{p}.ffn_gate.weight"), f"{p}.ffn_gate")
        up = _linear(g, h, tensors.f32(f"{p}.ffn_up.weight"), f"{p}.ffn_up")
        act = g.op("Mul", [g.op("Mul", [gate, g.op("Sigmoid", [gate])]), up])
        x = g.op("Add", [x, _linear(g, act, tensors.f32(f"{p}.ffn_down.weight"), f"{p}.ffn_down")])

    if full:
        h = _rms_norm(g, x, tensors.f32("output_norm.weight"), cfg.rms_eps, "output_norm")
        out_w = tensors.f32("output.weight") if tensors.has("output.weight") else embd_f32
        outputs.append(g.op("MatMul", [h, g.init("lm_head.weight", np.ascontiguousarray(out_w.T))], outputs=["logits"]))

    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]),
        helper.make_tensor_value_info("rows_from", TensorProto.INT64, [1]),
    ]
    outs = []
    for name in outputs:
        if name == "logits":
            outs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", "seq", cfg.vocab]))
        else:
            outs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", cfg.heads, "rows", "seq"]))
    graph = helper.make_graph(g.nodes, "llama_attention", inputs, outs, g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="rlm models/convert")
    model.ir_version = 8
    meta = {
        "source": gguf_path.name,
        "arch": cfg.arch,
        "layers_total": str(cfg.layers),
        "layers_run": str(last + 1),
        "attention_layers": ",".join(str(layer) for layer in attention_layers),
        "heads": str(cfg.heads),
    }
    for key, value in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    return model, cfg


def save(model: onnx.ModelProto, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    if model.ByteSize() > 1_900_000_000:
        data = out.name + ".data"
        onnx.save_model(model, str(tmp), save_as_external_data=True, all_tensors_to_one_file=True, location=data)
    else:
        onnx.save_model(model, str(tmp))
    tmp.replace(out)


QUANTIZE_KINDS = ("int8", "int8-ffn")


def quantize_int8(src: Path, out: Path, kind: str = "int8") -> None:
    """Dynamic int8 quantisation of the MatMul weights, per output channel.

    `int8` quantises every weight MatMul; `int8-ffn` only the feed-forward ones (gate, up, down),
    which are two thirds of the compute, and keeps the attention projections in fp32 so the
    attention InfiniRetri reads stays close to the original (measured: ~1.4x faster on 2 CPU cores,
    needle rank within a window unchanged in the top 5)."""
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The quantiser logs advice about pre-processing meant for vision models; not for this graph.
    logging.getLogger().setLevel(logging.ERROR)

    if kind not in QUANTIZE_KINDS:
        raise ValueError(f"unknown quantisation {kind!r}: use one of {', '.join(QUANTIZE_KINDS)}")
    model = onnx.load(str(src), load_external_data=False)
    weights = {i.name for i in model.graph.initializer}
    nodes = []
    for node in model.graph.node:
        if node.op_type != "MatMul":
            continue
        named = [x for x in node.input if x in weights]
        if named and (kind == "int8" or ".ffn_" in named[0]):
            nodes.append(node.name)
    del model
    tmp = out.with_suffix(".q.tmp")
    quantize_dynamic(str(src), str(tmp), weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"], nodes_to_quantize=nodes)
    tmp.replace(out)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gguf", type=Path)
    ap.add_argument("out", type=Path, help="the .onnx file to write")
    ap.add_argument("--attention-layers", default="", help="comma-separated layer indices, e.g. 15")
    ap.add_argument("--full", action="store_true", help="run every layer and output logits")
    ap.add_argument("--quantize", choices=QUANTIZE_KINDS, help="quantise MatMul weights to int8: all of them, or only the feed-forward ones")
    args = ap.parse_args(argv)
    layers = [int(x) for x in args.attention_layers.split(",") if x.strip()]
    model, cfg = build_model(args.gguf, layers, args.full)
    if args.quantize:
        fp32 = args.out.with_name(args.out.stem + ".fp32.onnx")
        save(model, fp32)
        quantize_int8(fp32, args.out, args.quantize)
        fp32.unlink()
    else:
        save(model, args.out)
    print(json.dumps({"out": str(args.out), "layers": cfg.layers, "heads": cfg.heads, "attention_layers": layers, "full": args.full}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
