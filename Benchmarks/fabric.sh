#!/usr/bin/env bash
# The fabric in a full run (issue 9, "Speed"): bash Benchmarks/fabric.sh [--quick]
#
# 1. Builds `racksim` in release (or uses RACKSIM_BENCH_BIN).
# 2. Runs Scenarios/site-100k-fabric.yaml (site-100k's 12,500 nodes, 30 days, ~100,000 jobs,
#    with a three-tier fabric and a ring all-reduce for every multi-node job) and, for the
#    baseline, Scenarios/site-100k.yaml, each once, with racks.csv as the scenarios ask.
# 3. Prints wall and CPU (user + sys) seconds, peak memory, events and events/s of each, the
#    fabric's cost (CPU of the fabric run − CPU of the baseline: the solver, the flows and the
#    link meters, plus the extra work of jobs that run longer when slowed), from summary.json
#    the solves and the largest component re-solved, and, where `perf` is installed, the
#    solver's time (its share of perf samples in a third run, times the fabric run's CPU).
# 4. Checks the targets: the fabric run under 10 s of CPU and under 2 GB. CPU time, not wall:
#    on a shared machine wall time measures the other processes.
#
# --quick: 5 simulated days (checks that it runs; no targets).
# Exit status: 0 when every target passed (or --quick), 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
quick=0
extra=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1; extra=(--set horizon=5d) ;;
    *) echo "usage: bash Benchmarks/fabric.sh [--quick]" >&2; exit 2 ;;
  esac
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/racksim-fabric.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "== Fabric in a full run, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc 2>/dev/null || echo '?') cores"
bin="${RACKSIM_BENCH_BIN:-}"
if [[ -z "$bin" ]]; then
  swift build -c release --package-path "$root" --product racksim
  bin="$(swift build -c release --package-path "$root" --show-bin-path)/racksim"
fi

# run NAME SCENARIO: prints "wall cpu peak_kb events" into $tmp/NAME.stats
run() {
  local name="$1" scenario="$2"
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/$name.time" \
    "$bin" run "$root/$scenario" ${extra[@]+"${extra[@]}"} --out "$tmp/$name" >"$tmp/$name.out"
  local events
  events="$(grep -o '[0-9]* events' "$tmp/$name.out" | grep -o '[0-9]*')"
  read -r wall user sys peak <"$tmp/$name.time"
  echo "$wall $(echo "$user + $sys" | bc) $peak $events" >"$tmp/$name.stats"
}

run fabric Scenarios/site-100k-fabric.yaml
run base Scenarios/site-100k.yaml
read -r fw fc fm fe <"$tmp/fabric.stats"
read -r bw bc bm be <"$tmp/base.stats"
summary="$tmp/fabric/summary.json"
value() { grep "\"$1\"" "$summary" | sed 's/.*: //; s/,$//'; }

printf '\n%-28s %9s %9s %10s %10s %12s\n' run "wall s" "CPU s" "peak MB" events "events/s"
printf '%-28s %9.2f %9.2f %10.0f %10d %12.0f\n' site-100k-fabric "$fw" "$fc" "$((fm / 1024))" "$fe" \
  "$(echo "$fe / $fc" | bc -l)"
printf '%-28s %9.2f %9.2f %10.0f %10d %12.0f\n' site-100k "$bw" "$bc" "$((bm / 1024))" "$be" \
  "$(echo "$be / $bc" | bc -l)"
printf '\nfabric cost (CPU): %.2f s; solves: %s; largest component re-solved: %s flows; most flows: %s\n' \
  "$(echo "$fc - $bc" | bc -l)" "$(value fabric_solves)" "$(value fabric_largest_component)" \
  "$(value fabric_max_flows)"
printf 'oversubscription: leaf %s, spine %s\n' "$(value fabric_leaf_oversubscription)" \
  "$(value fabric_spine_oversubscription)"

# Solver time: the run's results hold no clock (they must repeat byte for byte), so it is
# sampled from outside: one more run of the fabric scenario under `perf record`, and the share
# of its samples in MaxMinSolver (solve, walk, filling, add and remove), times the CPU time of
# the run above.
if command -v perf >/dev/null 2>&1 \
  && perf record -q -F 999 -o "$tmp/perf.data" "$bin" run "$root/Scenarios/site-100k-fabric.yaml" \
    ${extra[@]+"${extra[@]}"} --out "$tmp/perf-run" >/dev/null 2>"$tmp/perf.err"; then
  share="$(perf report -q -i "$tmp/perf.data" --stdio --no-children --sort symbol 2>/dev/null \
    | grep -E 'SimMath(12MaxMinSolver|7Filling)' | awk '{ s += $1 } END { printf "%.2f", s }')"
  printf 'solver time (perf samples in MaxMinSolver): %.2f s, %s %% of the run\n' \
    "$(echo "$fc * $share / 100" | bc -l)" "$share"
else
  echo "solver time: not measured (perf missing or not permitted: $(head -c 120 "$tmp/perf.err" 2>/dev/null))"
fi

[[ $quick == 1 ]] && exit 0
status=0
if (( $(echo "$fc < 10" | bc -l) )); then echo "PASS  CPU $fc s < 10 s"; else echo "FAIL  CPU $fc s >= 10 s"; status=1; fi
if (( fm < 2 * 1024 * 1024 )); then echo "PASS  peak $((fm / 1024)) MB < 2 GB"; else echo "FAIL  peak $((fm / 1024)) MB >= 2 GB"; status=1; fi
exit $status
