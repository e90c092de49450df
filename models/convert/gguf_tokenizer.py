"""Writes a Hugging Face `tokenizer.json` from the tokenizer stored in a GGUF file, without PyTorch.

transformers can do this only with PyTorch installed. A GPT-2 style GGUF tokenizer (`tokenizer.ggml.model
= "gpt2"`) is a byte-level BPE: the vocabulary is `tokenizer.ggml.tokens`, the merges are
`tokenizer.ggml.merges` ("a b" strings), and tokens of type 3 (control) are the special tokens. The
output has the same structure transformers writes for such a file (ByteLevel pre-tokenizer with the
GPT-2 regex, no prefix space, ByteLevel decoder), so both tokenise identically.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gguf import GGUFReader

CONTROL = 3
USER_DEFINED = 4


def _strings(reader: GGUFReader, key: str) -> list[str]:
    field = reader.fields.get(key)
    if field is None:
        raise ValueError(f"GGUF metadata has no {key}")
    return [bytes(field.parts[i]).decode("utf-8") for i in field.data]


def _ints(reader: GGUFReader, key: str) -> list[int]:
    field = reader.fields.get(key)
    if field is None:
        raise ValueError(f"GGUF metadata has no {key}")
    return [int(field.parts[i][0]) for i in field.data]


def build_tokenizer(reader: GGUFReader) -> dict:
    model = reader.fields.get("tokenizer.ggml.model")
    kind = model.contents() if model is not None else None
    if kind != "gpt2":
        raise ValueError(f"tokenizer model {kind!r} is not supported: only byte-level BPE ('gpt2')")
    tokens = _strings(reader, "tokenizer.ggml.tokens")
    types = _ints(reader, "tokenizer.ggml.token_type")
    merges = [m.split(" ", 1) for m in _strings(reader, "tokenizer.ggml.merges")]
    add_prefix = reader.fields.get("tokenizer.ggml.add_space_prefix")
    prefix = bool(add_prefix.contents()) if add_prefix is not None else False
    added = [
        {
            "id": i,
            "content": tok,
            "single_word": False,
            "lstrip": False,
            "rstrip": False,
            "normalized": False,
            "special": types[i] == CONTROL,
        }
        for i, tok in enumerate(tokens)
        if types[i] in (CONTROL, USER_DEFINED)
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": prefix, "trim_offsets": True, "use_regex": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {},
        },
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "",
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": {tok: i for i, tok in enumerate(tokens)},
            "merges": merges,
        },
    }


def write_tokenizer(gguf_path: Path, out: Path) -> None:
    data = build_tokenizer(GGUFReader(str(gguf_path)))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=None), encoding="utf-8")
    tmp.replace(out)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gguf", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    write_tokenizer(args.gguf, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
