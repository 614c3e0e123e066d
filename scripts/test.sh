#!/usr/bin/env bash
# The README's second command, and what CI runs: install what is missing, check the format
# (.swift-format), check that every target imports only what it declares, then run the whole
# test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh libopenblas-dev liblapacke-dev pkg-config libsqlite3-dev
swift format lint --strict -r Sources Tests Package.swift
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build
