"""Which attention heads of an InfiniRetri model find the line a question asks for.

For each case, a window of real source lines (about `--window` tokens) gets one planted fact at a
random line; the model reads `[preamble][window]\nQuestion: [question]` and, for each head alone and
for all heads summed, the window's lines are ranked the way `engine/src/retrieval/infini.rs` ranks
them (question rows only, 1-D phrase window, top-k tokens). The table says how often the planted line
ranks first and in the top 3. The heads that rank it first nearly always are the manifest's
`retrieval_heads`.

    .venv/bin/python models/convert/study_heads.py --model models/cache/smollm2-135m-l17-q8ffn \
        --layers 17 --corpus ~/.cargo/registry/src --cases 28

A graph with several attention outputs (`llama_onnx.py --attention-layers 2,4,...`) studies
several layers in one pass: `--layers 2,4,6`.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

PREAMBLE = "Lines of source code follow.\n"
FACTS = [
    ("// NOTE: the staging deploy password is kiwi-7431, rotate it monthly.",
     "What is the staging deploy password?"),
    ("// NOTE: the billing service keeps its fallback cache on port 48213.",
     "Which port does the billing service use for its fallback cache?"),
    ("// NOTE: Margot Lindqvist was the on-call engineer during the payments outage.",
     "Who was on call during the payments outage?"),
    ("// NOTE: the nightly backup job starts at 03:17 UTC every day.",
     "When does the nightly backup job start?"),
    ("// NOTE: the feature flag for the new checkout flow is named zebra_crossing_v2.",
     "What is the feature flag of the new checkout flow called?"),
    ("// NOTE: the vault recovery phrase, word two of three, is lantern.",
     "What are the three words of the vault recovery phrase?"),
]


def line_rank(scores: np.ndarray, owner: list[int], lines: int, target: int) -> int:
    """Rank (0 = first) of line `target` when token scores are smoothed and the best 300 kept."""
    smoothed = np.convolve(scores, np.ones(8), mode="same")
    per_line = np.zeros(lines)
    for t in np.argsort(-smoothed, kind="stable")[:300]:
        per_line[owner[t]] += smoothed[t]
    order = np.argsort(-per_line, kind="stable")
    return int(np.where(order == target)[0][0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="folder with model.onnx and tokenizer.json")
    ap.add_argument("--layers", required=True, help="comma-separated layers, e.g. 17 or 2,4,6")
    ap.add_argument("--corpus", type=Path, required=True, help="a folder of .rs/.py source files")
    ap.add_argument("--cases", type=int, default=28)
    ap.add_argument("--window", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    tok = Tokenizer.from_file(str(args.model / "tokenizer.json"))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(str(args.model / "model.onnx"), options,
                                   providers=["CPUExecutionProvider"])
    sources = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".rs", ".py"))[:600]
    corpus = []
    for path in sources:
        try:
            corpus += [line for line in path.read_text().splitlines() if line.strip()]
        except (UnicodeDecodeError, OSError):
            continue
    if len(corpus) < 2 * args.window:
        raise SystemExit(f"too little text under {args.corpus}")

    def encode(text: str) -> list[int]:
        return tok.encode(text, add_special_tokens=False).ids

    rng = random.Random(args.seed)
    preamble, label = encode(PREAMBLE), encode("\nQuestion: ")
    layers = [int(x) for x in args.layers.split(",")]
    ranks: dict[tuple[int, str], list[int]] = {}
    for case in range(args.cases):
        fact, question = FACTS[case % len(FACTS)]
        start = rng.randrange(len(corpus) - args.window)
        window, size = [], 0
        while size < args.window:
            window.append(encode(corpus[start + len(window)] + "\n"))
            size += len(window[-1])
        at = rng.randrange(len(window) + 1)
        window.insert(at, encode(fact + "\n"))
        owner = [i for i, ids in enumerate(window) for _ in ids]
        context = [t for ids in window for t in ids]
        ids = preamble + context + label + encode(question + "\n")
        rows_from = len(preamble) + len(context) + len(label)
        outputs = session.run([f"attention_{layer}" for layer in layers], {
            "input_ids": np.array([ids], np.int64),
            "attention_mask": np.ones((1, len(ids)), np.int64),
            "rows_from": np.array([rows_from], np.int64),
        })
        for layer, attention in zip(layers, outputs):
            cols = attention[0][:, :, len(preamble):len(preamble) + len(context)]
            ranks.setdefault((layer, "all"), []).append(
                line_rank(cols.sum(axis=(0, 1)), owner, len(window), at))
            for head in range(cols.shape[0]):
                ranks.setdefault((layer, f"head {head}"), []).append(
                    line_rank(cols[head].sum(axis=0), owner, len(window), at))
    print(f"{args.cases} windows of ~{args.window} tokens")
    print(f"{'layer':>5} {'heads':8} {'top-1':>6} {'top-3':>6} {'mean rank':>10}")
    for (layer, name), values in ranks.items():
        r = np.array(values)
        print(f"{layer:5} {name:8} {np.mean(r == 0):6.2f} {np.mean(r < 3):6.2f} {r.mean():10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
