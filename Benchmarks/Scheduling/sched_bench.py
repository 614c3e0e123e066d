#!/usr/bin/env python3
"""The EASY benchmark (issue 10, "Speed"): a 1,000,000-job SWF trace on 10,000 nodes of 8
GPUs with fifo + easy and first-fit, in Racksim and in a plain Python implementation of the same rules, side by side.

    python3 Benchmarks/Scheduling/sched_bench.py --racksim BIN [--jobs 1000000] [--seed 1]
        [--skip-python]

Run from the repository root. Standard library only. It writes the trace and scenario with
swf_gen.py into a temporary folder, times `racksim run` (wall clock, CPU time, peak resident
memory from /usr/bin/time -v, events_processed / wall time), runs easy_ref.py on the same file
(its own wall clock and peak memory), checks that both give the same jobs started and
finished, mean wait and makespan, and prints one table. Target: Racksim under 10 s. Exit
status 1 if the target is missed or the two schedules differ.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_racksim(binary, scenario, out):
    cmd = [binary, "run", scenario, "--out", out, "--force"]
    timefile = out + ".time"
    gnu_time = shutil.which("time", path="/usr/bin")
    if gnu_time:
        cmd = [gnu_time, "-v", "-o", timefile] + cmd
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"racksim run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    peak_kb, cpu = None, None
    if gnu_time:
        user = system = 0.0
        with open(timefile) as f:
            for line in f:
                if "Maximum resident set size" in line:
                    peak_kb = int(line.rsplit(":", 1)[1])
                elif "User time (seconds)" in line:
                    user = float(line.rsplit(":", 1)[1])
                elif "System time (seconds)" in line:
                    system = float(line.rsplit(":", 1)[1])
        cpu = user + system
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    return wall, cpu, peak_kb, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--racksim", required=True)
    parser.add_argument("--jobs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-python", action="store_true")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="racksim-easy-")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "swf_gen.py"), tmp,
                        "--jobs", str(args.jobs), "--seed", str(args.seed)], check=True)
        scenario = os.path.join(tmp, "easy-1m.yaml")
        wall, cpu, peak_kb, s = run_racksim(args.racksim, scenario, os.path.join(tmp, "run"))
        events = int(s["events_processed"])
        rows = [("Racksim", wall, cpu, peak_kb / 1024 if peak_kb else None,
                 f"{events / wall / 1e6:.2f}M", s["jobs_started"], s["jobs_finished"],
                 s["mean_wait_s"], s["makespan_s"])]
        same = True
        if not args.skip_python:
            proc = subprocess.run(
                [sys.executable, os.path.join(HERE, "easy_ref.py"),
                 os.path.join(tmp, "easy-1m.swf"), "--nodes", "10000", "--gpus-per-node", "8"],
                check=True, capture_output=True, text=True)
            p = json.loads(proc.stdout)
            rows.append(("Python", p["wall_s"], None, p["peak_mib"], "-", p["jobs_started"],
                         p["jobs_finished"], p["mean_wait_s"], p["makespan_s"]))
            same = all(abs(float(rows[0][k]) - float(rows[1][k])) < 1e-6 for k in (5, 6, 7, 8))
        print(f"\n== EASY, fifo + easy, {args.jobs:,} SWF jobs on 10,000 nodes of 8 GPUs "
              f"(seed {args.seed}); racksim events: {events:,}")
        print(f"{'':8} {'wall s':>8} {'CPU s':>7} {'peak MiB':>9} {'events/s':>9} "
              f"{'started':>9} {'finished':>9} {'mean wait s':>12} {'makespan s':>11}")
        for r in rows:
            cpu_s = f"{r[2]:.2f}" if r[2] is not None else "-"
            mib = f"{r[3]:.0f}" if r[3] is not None else "?"
            print(f"{r[0]:8} {r[1]:>8.2f} {cpu_s:>7} {mib:>9} {r[4]:>9} {r[5]:>9} {r[6]:>9} "
                  f"{r[7]:>12} {r[8]:>11}")
        if len(rows) == 2:
            print(f"  Racksim / Python wall: {rows[1][1] / rows[0][1]:.1f}x faster")
            print(f"  {'PASS' if same else 'FAIL'}  the same schedule (started, finished, "
                  "mean wait, makespan)")
        passed = wall < 10
        print(f"  {'PASS' if passed else 'FAIL'}  Racksim under 10 s ({wall:.2f} s)")
        sys.exit(0 if passed and same else 1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
