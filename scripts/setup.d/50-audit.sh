#!/usr/bin/env bash
# rlm scan: bandit's source distribution (its labelled examples are the benchmark corpus for
# `rlm bench audit`), fetched from PyPI into the git-ignored .cache/audit/. Idempotent.
set -euo pipefail
cd "$RLM_ROOT"
version=1.9.4
dest=.cache/audit
if [ -d "$dest/bandit-$version/examples" ]; then
  exit 0
fi
mkdir -p "$dest"
.venv/bin/python -m pip download -q --disable-pip-version-check --no-binary :all: --no-deps \
  "bandit==$version" -d "$dest"
tar -xzf "$dest/bandit-$version.tar.gz" -C "$dest"
echo "bandit $version examples in $dest/bandit-$version/examples"
