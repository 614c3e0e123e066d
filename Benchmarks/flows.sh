#!/usr/bin/env bash
# Flow replay against SimGrid, one command: bash Benchmarks/flows.sh [--quick]
#
# 1. Builds this package in release (flow-replay, maxmin-bench) and the SimGrid peer
#    Peers/simgrid_flows.cpp with g++ against Debian's libsimgrid-dev (3.32).
# 2. Generates seeded flow lists with Peers/flowgen.py: 10,000 flows (seed 1) and 20,000 flows
#    (seed 2) on 128 hosts at 100 Gb/s, offered load 0.9 of the host links.
# 3. Replays them on 128 hosts, 16 per leaf, 400 Gb/s uplinks, modulo routing, zero latency:
#    10k on 4 spines (non-blocking), 10k on 1 spine (4:1), 20k on 1 spine (4:1). Racksim: best
#    of 3 replays (`flow-replay`, parsing excluded); SimGrid: engine.run() once (platform and
#    parsing excluded). Times are CPU seconds of those phases (a shared machine inflates wall
#    time, not CPU time); wall times are printed too. Prints both, the ratio and the largest
#    relative FCT difference, FCT = end_s - start_s.
# 4. Checks the targets: FCT agreement within 1e-4 relative; Racksim >= 4x faster on the 10k
#    lists and >= 20x on the 20k list.
# 5. Runs the MaxMinSolver micro-benchmark (maxmin-bench).
#
# Needs: swift, g++, python3 and libsimgrid-dev (apt-get install libsimgrid-dev g++).
# --quick: 2,000 and 4,000 flows, one Racksim repeat (checks that it runs; no targets).
# Exit status: 0 when every target passed, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
n10=10000
n20=20000
repeats=3
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) n10=2000; n20=4000; repeats=1; quick=1 ;;
    *) echo "usage: bash Benchmarks/flows.sh [--quick]" >&2; exit 2 ;;
  esac
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/racksim-flows.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "== Flow replay: Racksim vs SimGrid, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc 2>/dev/null || echo '?') cores"
if [[ ! -f /usr/include/simgrid/s4u.hpp ]]; then
  echo "   SKIP: SimGrid headers missing; install Debian's libsimgrid-dev (apt-get install libsimgrid-dev)"
  exit 1
fi
echo "   $(dpkg-query -W -f='libsimgrid-dev ${Version}' libsimgrid-dev 2>/dev/null || echo 'libsimgrid-dev ?')"

echo
echo "== Building (release)"
swift build -c release --package-path "$here" --scratch-path "$here/.build" --product flow-replay
swift build -c release --package-path "$here" --scratch-path "$here/.build" --product maxmin-bench
bin="$(swift build -c release --package-path "$here" --scratch-path "$here/.build" --show-bin-path)"
g++ -O2 -std=c++17 "$here/Peers/simgrid_flows.cpp" -lsimgrid -o "$tmp/simgrid-flows"

python3 "$here/Peers/flowgen.py" --flows "$n10" --seed 1 --out "$tmp/flows-10k.csv"
python3 "$here/Peers/flowgen.py" --flows "$n20" --seed 2 --out "$tmp/flows-20k.csv"
for spines in 4 1; do
  cat > "$tmp/fabric-$spines.yaml" <<YAML
hosts: 128
hosts_per_leaf: 16
spines: $spines
host_link: 100Gbps
uplink: 400Gbps
routing: modulo
YAML
done

echo
echo "== Replays"
: > "$tmp/results.tsv"
for case in "10k 4" "10k 1" "20k 1"; do
  set -- $case
  list="$tmp/flows-$1.csv"
  echo "   $1 flows, $2 spine(s)"
  racksim_line="$("$bin/flow-replay" --repeats "$repeats" --out "$tmp/racksim-$1-$2.csv" \
    "$tmp/fabric-$2.yaml" "$list")"
  # 100 Gb/s = 12.5e9 B/s, 400 Gb/s = 50e9 B/s.
  simgrid_line="$("$tmp/simgrid-flows" 128 16 "$2" 12.5e9 50e9 "$list" "$tmp/simgrid-$1-$2.csv" 2>&1 \
    | grep '^run_s' | cut -f2,3)"
  printf '%s\t%s\t%s\t%s\n' "$1/$2" "$racksim_line" "$simgrid_line" \
    "$tmp/racksim-$1-$2.csv $tmp/simgrid-$1-$2.csv" >> "$tmp/results.tsv"
done

status=0
python3 - "$tmp/results.tsv" "$quick" <<'PY' || status=1
import csv, sys

def fct(path):
    with open(path) as f:
        return {r["id"]: float(r["end_s"]) - float(r["start_s"]) for r in csv.DictReader(f)}

quick = sys.argv[2] == "1"
print()
print(f"{'case':>8} {'flows':>6} {'events':>8} {'largest':>7} {'mean':>6} {'Racksim cpu s':>13}"
      f" {'SimGrid cpu s':>13} {'speed-up':>9} {'(wall s R/S)':>14} {'max rel FCT diff':>17}"
      f" {'max abs ns':>10}")
checks = []
for line in open(sys.argv[1]):
    (case, flows, parse_s, replay_s, replay_cpu, events, solves, largest, mean_region,
     simgrid_wall, simgrid_cpu, files) = line.rstrip("\n").split("\t")
    a, b = files.split(" ")
    ra, sg = fct(a), fct(b)
    worst = max(abs(ra[k] - sg[k]) / sg[k] for k in sg)
    worst_ns = max(abs(ra[k] - sg[k]) for k in sg) * 1e9
    r, s = float(replay_cpu), float(simgrid_cpu)
    wall = f"{float(replay_s):.2f}/{float(simgrid_wall):.1f}"
    label = {"10k/4": "10k 1:1", "10k/1": "10k 4:1", "20k/1": "20k 4:1"}[case]
    print(f"{label:>8} {flows:>6} {events:>8} {largest:>7} {float(mean_region):>6.0f} {r:>13.3f} {s:>13.3f}"
          f" {s / r:>8.1f}x {wall:>14} {worst:>17.2e} {worst_ns:>10.1f}")
    target = 20 if case.startswith("20k") else 4
    checks.append((f"{label}: FCT within 1e-4 of SimGrid", worst <= 1e-4, f"{worst:.2e}"))
    checks.append((f"{label}: >= {target}x faster than SimGrid", s / r >= target, f"{s / r:.1f}x"))
print()
ok = True
for name, passed, value in checks:
    print(f"  {'PASS' if passed else 'FAIL'}  {name:<40} ({value})")
    ok = ok and passed
sys.exit(0 if ok or quick else 1)
PY

echo
echo "== MaxMinSolver: N flows on a 128-host, 4-spine fabric (320 links)"
if [[ $quick == 1 ]]; then
  "$bin/maxmin-bench" --sizes 1000,10000 --ops 200
else
  "$bin/maxmin-bench"
fi
exit $status
