#!/usr/bin/env bash
# The README's first command: install what is missing, build in release mode, run the
# built-in quickstart scenario into Results/quickstart-seed42.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh libopenblas-dev liblapacke-dev pkg-config libsqlite3-dev
swift build -c release --product racksim
.build/release/racksim run --force "$@"
