#!/usr/bin/env bash
# The README's second command, and what CI runs: install what is missing, check the format
# (.swift-format), check that every target imports only what it declares, then run the whole
# test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh libopenblas-dev liblapacke-dev pkg-config libsqlite3-dev
# In CI, the Slurm test runs for real on a one-node cluster it starts and stops itself
# (Tests/RacksimCLITests/SlurmClusterTests.swift); elsewhere it is skipped, saying why, when
# these are not installed.
if [ "${CI:-}" = "true" ]; then
  bash scripts/install-deps.sh munge slurmctld slurmd slurm-client
fi
# In CI, the report's browser test renders pages in headless Chromium
# (Tests/RacksimCLITests/ReportBrowserTests.swift); elsewhere it is skipped when chromium is absent.
if [ "${CI:-}" = "true" ]; then
  bash scripts/install-deps.sh chromium
fi
swift format lint --strict -r Sources Tests Package.swift
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build
