#!/usr/bin/env bash
# The full plant at scale (issue 8), one command: bash Benchmarks/plant.sh
#
# Builds `racksim` in release (or uses RACKSIM_BENCH_BIN) and runs, each beside its
# constant-PUE original so the plant's cost is visible in the same run:
#   Scenarios/large.yaml        10,240 GPUs, 30 days, constant PUE
#   Scenarios/large-plant.yaml  the same with the chilled-water plant, hourly Chicago weather,
#                               carbon, and rack inlets (recirculation per row)
#   Scenarios/site-100k.yaml         100,000 GPUs, 30 days, racks.csv every 15 minutes
#   Scenarios/site-100k-plant.yaml   the same with the full plant, weather and inlets
# For each: wall and CPU seconds (user + system; a shared machine inflates wall time, not CPU
# time), peak resident memory, events and events per CPU second.
# Targets (issue 8): large-plant under 1 s, site-100k-plant under 5 s and under 500 MB. They
# are checked on CPU time: the wall time is printed but on a machine shared with other work it
# measures the other work.
# Exit status: 0 when every target passed, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/racksim-plant.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

bin="${RACKSIM_BENCH_BIN:-}"
if [[ -z "$bin" ]]; then
  (cd "$root" && swift build -c release --product racksim >/dev/null)
  bin="$root/.build/release/racksim"
fi

echo "== Full plant at scale, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc 2>/dev/null || echo '?') cores"
printf '%-18s %8s %8s %9s %9s %12s\n' scenario wall_s cpu_s peak_MB events events/cpu_s
status=0
for name in large large-plant site-100k site-100k-plant; do
  out="$tmp/$name"
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
    "$bin" run "$root/Scenarios/$name.yaml" --out "$out" --quiet
  read -r wall user sys rss <"$tmp/time"
  events="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['events_processed'])" "$out/summary.json")"
  cpu="$(python3 -c "print(f'{$user + $sys:.2f}')")"
  mb="$(python3 -c "print(f'{$rss / 1024:.0f}')")"
  rate="$(python3 -c "print(f'{$events / max($user + $sys, 1e-3):,.0f}')")"
  printf '%-18s %8s %8s %9s %9s %12s\n' "$name" "$wall" "$cpu" "$mb" "$events" "$rate"
  case "$name" in
    large-plant)
      python3 -c "import sys; sys.exit(0 if $user + $sys < 1.0 else 1)" \
        || { echo "   MISSED: large-plant takes ${cpu} s CPU (target < 1 s)"; status=1; } ;;
    site-100k-plant)
      python3 -c "import sys; sys.exit(0 if $user + $sys < 5.0 and $rss < 500 * 1024 else 1)" \
        || { echo "   MISSED: site-100k-plant ${cpu} s CPU, ${mb} MB (targets < 5 s, < 500 MB)"; status=1; } ;;
  esac
done
[[ $status == 0 ]] && echo "   targets met: large-plant < 1 s; site-100k-plant < 5 s and < 500 MB"
exit $status
