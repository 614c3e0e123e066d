#!/usr/bin/env bash
# The sweep benchmark of issue 11: bash Benchmarks/Sweep/run.sh
# Builds racksim in release in its own scratch path (Benchmarks/.build-root, as run.sh does),
# unless RACKSIM_BENCH_BIN names a binary, then runs sweep_bench.py (about 1 minute on 2 cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${RACKSIM_BENCH_BIN:-}"
if [ -z "$bin" ]; then
  swift build -c release --package-path "$root" --scratch-path "$root/Benchmarks/.build-root" \
    --product racksim >&2
  bin="$root/Benchmarks/.build-root/release/racksim"
fi
python3 "$here/sweep_bench.py" "$bin"
