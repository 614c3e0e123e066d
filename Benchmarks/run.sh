#!/usr/bin/env bash
# Racksim benchmarks, one command: bash Benchmarks/run.sh [--quick]
#
# 1. Builds the Benchmarks package in release and runs the hold model (plain heap, EventQueue,
#    Kernel) at N = 1e3, 1e5, 1e6.
# 2. Creates Benchmarks/.venv with SimPy (Peers/requirements.txt) if missing and runs the same
#    hold model in SimPy.
# 3. Prints one table and checks the targets: Kernel >= 0.9x the plain heap (issue 7) and
#    >= 10x SimPy at every N.
# 4. If Scenarios/large.yaml exists, builds `racksim` in release and times
#    `racksim run Scenarios/large.yaml` (wall clock, peak memory, events/s); target < 10 s.
#
# Environment (optional): RACKSIM_BENCH_SCENARIO, another scenario than Scenarios/large.yaml
# (relative to the repository root); RACKSIM_BENCH_BIN, a racksim binary to use instead of
# building one; RACKSIM_BENCH_CPU_CLOCK=1 times the Swift hold model by the thread's CPU clock
# (hold-model --cpu-clock), steadier than the wall clock on a shared machine.
#
# --quick: fewer operations and one repeat, to check that everything runs (noisy figures).
# --e2e-only: only step 4.
# --sweep: instead, the sweep benchmark of issue 11 (Sweep/run.sh, about 1 minute).
# --engine: instead, the engine benchmarks of issue 7 (Engine/engine_bench.py): racksim run
#   Scenarios/site-100k.yaml at 15-minute and 1-hour sampling, without racks.csv, at 10/20/30
#   days, and a million-job overloaded trace (Engine/million_trace.py), each beside the same run
#   on the foundation commit 2d855db (its source exported with `git archive` into
#   Benchmarks/.build-before/src and built there in release; RACKSIM_BENCH_BEFORE_BIN names a
#   foundation binary instead, RACKSIM_BENCH_BEFORE=none skips it). About 5 minutes plus builds.
# --fabric: instead, the fabric in a full run (issue 9): Benchmarks/fabric.sh, site-100k with a
#   three-tier fabric beside site-100k without one. About 1 minute plus the build.
# --sched: instead, the EASY benchmark of issue 10 (Scheduling/sched_bench.py): a seeded
#   1,000,000-job SWF trace (Scheduling/swf_gen.py) on 10,000 nodes of 8 GPUs with fifo + easy
#   and first-fit, in racksim (release) and in a plain Python implementation of the same rules
#   (Scheduling/easy_ref.py), side by side; the two schedules must agree. About 2 minutes.
# Exit status: 0 when every target that was measured passed, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
hold_args=()
simpy_args=()
only_e2e=0
engine=0
sched=0
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick)
      quick=1
      hold_args=(--repeats 1 --ops 2000000)
      simpy_args=(--seconds 0.5 --warmup 0.2)
      ;;
    --e2e-only) only_e2e=1 ;;
    --engine) engine=1 ;;
    --fabric) exec bash "$(dirname "${BASH_SOURCE[0]}")/fabric.sh" ;;
    --sweep) exec bash "$here/Sweep/run.sh" ;;  # issue 11: 200-run sweep vs 200 sequential runs
    --sched) sched=1 ;;
    *) echo "usage: bash Benchmarks/run.sh [--quick] [--e2e-only | --engine | --fabric | --sweep | --sched]" >&2; exit 2 ;;
  esac
done

[[ "${RACKSIM_BENCH_CPU_CLOCK:-}" == 1 ]] && hold_args+=(--cpu-clock)

tmp="$(mktemp -d "${TMPDIR:-/tmp}/racksim-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "== Racksim benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc 2>/dev/null || echo '?') cores"
echo "   $(swift --version 2>/dev/null | head -1)"

status=0
venv="$here/.venv"
ensure_venv() {
  if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import simpy' 2>/dev/null; then
    echo "   creating $venv and installing Peers/requirements.txt"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -r "$here/Peers/requirements.txt"
  fi
}

# -- EASY benchmark (--sched) ---------------------------------------------------------------
if [[ $sched == 1 ]]; then
  if [[ -n "${RACKSIM_BENCH_BIN:-}" ]]; then
    sched_bin="$RACKSIM_BENCH_BIN"
  else
    echo "== Building racksim (release) in Benchmarks/.build-root"
    swift build -c release --package-path "$root" --scratch-path "$here/.build-root" \
      --product racksim
    sched_bin="$(swift build -c release --package-path "$root" --scratch-path "$here/.build-root" \
      --show-bin-path)/racksim"
  fi
  sched_args=()
  [[ $quick == 1 ]] && sched_args=(--jobs 100000)
  (cd "$root" && python3 "$here/Scheduling/sched_bench.py" --racksim "$sched_bin" \
    "${sched_args[@]}") || status=1
  exit $status
fi

if [[ $only_e2e == 0 && $engine == 0 ]]; then
# -- 1. Hold model in Swift ------------------------------------------------------------------
echo
echo "== Building the benchmark package (release)"
swift build -c release --package-path "$here" --scratch-path "$here/.build" --product hold-model
hold="$(swift build -c release --package-path "$here" --scratch-path "$here/.build" --show-bin-path)/hold-model"

echo
echo "== Hold model: plain heap, EventQueue, Kernel"
"$hold" "${hold_args[@]}" --tsv "$tmp/swift.tsv"

# -- 2. Hold model in SimPy ------------------------------------------------------------------
echo
echo "== Hold model: SimPy"
ensure_venv
"$venv/bin/python" "$here/Peers/simpy_hold.py" "${simpy_args[@]}" --tsv "$tmp/simpy.tsv"

# -- 3. Combined table and targets -----------------------------------------------------------
echo
"$venv/bin/python" - "$tmp/swift.tsv" "$tmp/simpy.tsv" <<'EOF' || status=1
import csv, sys

def rows(path):
    with open(path) as f:
        return {int(r["n"]): r for r in csv.DictReader(f, delimiter="\t")}

swift, simpy = rows(sys.argv[1]), rows(sys.argv[2])
m = lambda x: f"{x / 1e6:.2f}M"
print("== Hold model, events/s (best of the runs above)")
print(f"{'N':>9} {'plain heap':>11} {'EventQueue':>11} {'Kernel':>11} {'SimPy':>9}"
      f" {'Queue/plain':>12} {'Kernel/plain':>13} {'Racksim Kernel / SimPy':>23}")
ok = True
checks = []
for n in sorted(swift):
    plain, queue, kernel = (float(swift[n][k]) for k in ("plain", "queue", "kernel"))
    sp = float(simpy[n]["simpy"]) if n in simpy else None
    vs = f"{kernel / sp:.1f}x" if sp else "-"
    print(f"{n:>9} {m(plain):>11} {m(queue):>11} {m(kernel):>11} {m(sp) if sp else '-':>9}"
          f" {queue / plain:>11.2f}x {kernel / plain:>12.2f}x {vs:>23}")
    checks.append((f"N={n}: Kernel >= 0.9x plain heap", kernel / plain >= 0.9, f"{kernel / plain:.2f}x"))
    if sp:
        checks.append((f"N={n}: Kernel >= 10x SimPy", kernel / sp >= 10, f"{kernel / sp:.1f}x"))
    else:
        checks.append((f"N={n}: Kernel >= 10x SimPy", False, "no SimPy figure"))
print()
for name, passed, value in checks:
    print(f"  {'PASS' if passed else 'FAIL'}  {name:<36} ({value})")
    ok = ok and passed
sys.exit(0 if ok else 1)
EOF

fi

# -- Engine benchmarks (--engine) -----------------------------------------------------------
if [[ $engine == 1 ]]; then
  echo
  if [[ -n "${RACKSIM_BENCH_BIN:-}" ]]; then
    after_bin="$RACKSIM_BENCH_BIN"
  else
    echo "== Building racksim (release) in Benchmarks/.build-root"
    swift build -c release --package-path "$root" --scratch-path "$here/.build-root" \
      --product racksim
    after_bin="$(swift build -c release --package-path "$root" --scratch-path "$here/.build-root" \
      --show-bin-path)/racksim"
  fi
  before_args=()
  if [[ "${RACKSIM_BENCH_BEFORE:-}" == none ]]; then
    :
  elif [[ -n "${RACKSIM_BENCH_BEFORE_BIN:-}" ]]; then
    before_args=(--before "$RACKSIM_BENCH_BEFORE_BIN")
  else
    before_src="$here/.build-before/src"
    if [[ ! -f "$before_src/Package.swift" ]]; then
      echo "== Exporting the foundation (2d855db) into Benchmarks/.build-before/src"
      mkdir -p "$before_src"
      git -C "$root" archive 2d855db | tar -x -C "$before_src"
    fi
    echo "== Building the foundation's racksim (release)"
    swift build -c release --package-path "$before_src" --product racksim
    before_args=(--before "$(swift build -c release --package-path "$before_src" \
      --show-bin-path)/racksim")
  fi
  engine_args=()
  [[ $quick == 1 ]] && engine_args=(--quick)
  echo
  echo "== Engine benchmarks (Engine/engine_bench.py)"
  (cd "$root" && python3 "$here/Engine/engine_bench.py" --after "$after_bin" \
    "${before_args[@]}" "${engine_args[@]}") || status=1
  exit $status
fi

# -- 4. End-to-end scenario ------------------------------------------------------------------
echo
ensure_venv
scenario="${RACKSIM_BENCH_SCENARIO:-Scenarios/large.yaml}"
echo "== End-to-end: racksim run $scenario"
scenario_path="$scenario"
[[ "$scenario" == /* ]] || scenario_path="$root/$scenario"
if [[ ! -f "$scenario_path" ]]; then
  echo "   SKIP: $scenario_path does not exist yet"
  exit $status
fi
if [[ -n "${RACKSIM_BENCH_BIN:-}" ]]; then
  racksim="$RACKSIM_BENCH_BIN"
else
  # A scratch path of our own, so that this build never competes with the root's .build.
  echo "   building racksim (release) in Benchmarks/.build-root"
  if ! swift build -c release --package-path "$root" --scratch-path "$here/.build-root" \
    --product racksim; then
    echo "   SKIP: the root package's racksim does not build in release right now"
    exit $status
  fi
  racksim="$(swift build -c release --package-path "$root" --scratch-path "$here/.build-root" \
    --show-bin-path)/racksim"
fi
# The scaffold's racksim accepts any arguments; a real `run` documents `--out`.
if ! "$racksim" run --help 2>&1 | grep -q -- '--out'; then
  echo "   SKIP: racksim has no 'run' command (with --out) yet"
  exit $status
fi
(cd "$root" && "$venv/bin/python" - "$racksim" "$scenario" "$tmp/run" <<'EOF') || status=1
import json, os, resource, shutil, subprocess, sys, time

racksim, scenario, out = sys.argv[1], sys.argv[2], sys.argv[3]
cmd = [racksim, "run", scenario, "--out", out, "--force"]
gnu_time = shutil.which("time", path="/usr/bin")
timefile = out + ".time"
if gnu_time:
    cmd = [gnu_time, "-v", "-o", timefile] + cmd
start = time.perf_counter()
proc = subprocess.run(cmd)
wall = time.perf_counter() - start
if proc.returncode != 0:
    print(f"   FAIL  racksim run exited with status {proc.returncode}")
    sys.exit(1)
peak_kb = None
if gnu_time:
    with open(timefile) as f:
        for line in f:
            if "Maximum resident set size" in line:
                peak_kb = int(line.rsplit(":", 1)[1])
else:
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_kb = rss // 1024 if sys.platform == "darwin" else rss

def find(obj, key):
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        for v in obj.values():
            r = find(v, key)
            if r is not None:
                return r
    elif isinstance(obj, list):
        for v in obj:
            r = find(v, key)
            if r is not None:
                return r
    return None

events = None
summary = os.path.join(out, "summary.json")
if os.path.exists(summary):
    with open(summary) as f:
        events = find(json.load(f), "events_processed")
print(f"   wall clock   {wall:.2f} s")
print(f"   peak memory  {peak_kb / 1024:.0f} MiB" if peak_kb else "   peak memory  unknown")
if events is not None:
    print(f"   events       {int(events):,} ({int(events) / wall / 1e6:.2f}M events/s end to end)")
else:
    print(f"   events       unknown: no events_processed in {summary}")
passed = wall < 10
print(f"  {'PASS' if passed else 'FAIL'}  {scenario} under 10 s ({wall:.2f} s)")
sys.exit(0 if passed else 1)
EOF
exit $status
