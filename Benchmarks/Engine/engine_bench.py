#!/usr/bin/env python3
"""End-to-end engine benchmarks of `racksim run`, before (a foundation build) and after.

    python3 Benchmarks/Engine/engine_bench.py --after BIN [--before BIN] [--repeats 3]
        [--quick] [--skip-million] [--tsv PATH]

Run from the repository root (scenario paths are relative to it). Standard library only.

Cases, each `racksim run SCENARIO --out TMP --force [--set ...]`:
  site-100k 15m      Scenarios/site-100k.yaml as shipped (racks.csv every 15 minutes)
  site-100k 1h       --set sample_interval=1h
  site-100k no racks --set output.racks=false
  site-100k 10d, 20d --set horizon=10d / 20d, with and without racks.csv (30 d: the cases
                     above): memory against the horizon
  million jobs       a 1,000,000-job trace with about 500,000 waiting at the peak, written by
                     million_trace.py into a temporary folder
For each: wall clock (best of the repeats), CPU time (user + system, best of the repeats:
on a shared machine the wall clock includes waiting for a core), events/s (`events_processed` of summary.json over
that wall time), peak resident memory (`/usr/bin/time -v` "Maximum resident set size", the
largest of the repeats) and, for the trace, the largest `queued_jobs` of timeseries.csv (an
hourly interval mean, so a little under the instantaneous peak). A foundation run that takes
longer than --before-timeout seconds (180) is stopped and printed as "> 3 min, stopped".

Targets (issue 7, "Speed and memory"): site-100k at 15 minutes under 2 s and under 150 MB;
memory that does not grow with the horizon, checked as: racks.csv (samples x racks) adds less
than 10 MiB at 10, 20 and 30 days (the job table itself grows with the jobs of a longer
horizon); the million-job trace under 30 s ("in seconds"). Exit status 1 if an after-figure
misses a target.
"""

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = "Scenarios/site-100k.yaml"


def run_once(binary, scenario, sets, out, timeout):
    """One run; returns (wall_s, peak_mib, events, peak_queue, cpu_s) or None when stopped."""
    cmd = [binary, "run", scenario, "--out", out, "--force"]
    for s in sets:
        cmd += ["--set", s]
    timefile = out + ".time"
    gnu_time = shutil.which("time", path="/usr/bin")
    if gnu_time:
        cmd = [gnu_time, "-v", "-o", timefile] + cmd
    start = time.perf_counter()
    # A session of its own, so that a stop reaches racksim and not only /usr/bin/time.
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        shutil.rmtree(out, ignore_errors=True)
        return None
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"racksim failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    peak, cpu = None, 0.0
    if gnu_time:
        with open(timefile) as f:
            for line in f:
                if "Maximum resident set size" in line:
                    peak = int(line.rsplit(":", 1)[1]) / 1024
                elif "User time (seconds)" in line or "System time (seconds)" in line:
                    cpu += float(line.rsplit(":", 1)[1])
    with open(os.path.join(out, "summary.json")) as f:
        events = find(json.load(f), "events_processed")
    queue = None
    with open(os.path.join(out, "timeseries.csv"), newline="") as f:
        rows = csv.DictReader(f)
        if "queued_jobs" in (rows.fieldnames or []):
            queue = max((float(r["queued_jobs"]) for r in rows), default=0.0)
    shutil.rmtree(out, ignore_errors=True)
    return wall, peak, int(events) if events is not None else None, queue, cpu


def find(obj, key):
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        obj = list(obj.values())
    if isinstance(obj, list):
        for v in obj:
            r = find(v, key)
            if r is not None:
                return r
    return None


def measure(label, binary, scenario, sets, tmp, repeats, timeout):
    best = None
    for i in range(repeats):
        r = run_once(binary, scenario, sets, os.path.join(tmp, "run"), timeout)
        if r is None:
            print(f"     {label}: stopped after {timeout:.0f} s", flush=True)
            return None
        print(f"     {label}: {r[0]:.2f} s wall, {r[4]:.2f} s cpu, {r[1]:.0f} MiB, {r[2]} events",
              flush=True)
        if best is None:
            best = r
        else:
            best = (min(best[0], r[0]), max(best[1], r[1]), r[2], r[3], min(best[4], r[4]))
    return best


def cell(r, stopped):
    if r is None:
        return [stopped, "", "", ""] if stopped else ["-", "-", "-", "-"]
    wall, peak, events, _, cpu = r
    rate = f"{events / wall / 1e6:.2f}M" if events else "?"
    return [f"{wall:.2f} s", f"{cpu:.2f} s", rate, f"{peak:.0f} MiB" if peak else "?"]


def main():
    p = argparse.ArgumentParser(description="racksim end-to-end engine benchmarks")
    p.add_argument("--after", required=True, help="racksim binary of this tree")
    p.add_argument("--before", help="racksim binary of the foundation (2d855db), optional")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="one repeat, 100,000-job trace")
    p.add_argument("--skip-million", action="store_true")
    p.add_argument("--before-timeout", type=float, default=180)
    p.add_argument("--tsv", help="write the figures here as well")
    a = p.parse_args()
    repeats = 1 if a.quick else a.repeats
    tmp = tempfile.mkdtemp(prefix="racksim-engine.")
    try:
        cases = [
            ("site-100k, racks.csv every 15 min", SITE, []),
            ("site-100k, racks.csv every 1 h", SITE, ["sample_interval=1h"]),
            ("site-100k, no racks.csv", SITE, ["output.racks=false"]),
            ("site-100k, 15 min, horizon 10 d", SITE, ["horizon=10d"]),
            ("site-100k, 15 min, horizon 20 d", SITE, ["horizon=20d"]),
            ("site-100k, no racks.csv, horizon 10 d", SITE, ["horizon=10d", "output.racks=false"]),
            ("site-100k, no racks.csv, horizon 20 d", SITE, ["horizon=20d", "output.racks=false"]),
        ]
        if not a.skip_million:
            jobs = 100_000 if a.quick else 1_000_000
            subprocess.run(
                [sys.executable, os.path.join(HERE, "million_trace.py"), tmp, "--jobs", str(jobs)],
                check=True)
            cases.append((f"trace, {jobs:,} jobs, fifo", os.path.join(tmp, "million-jobs.yaml"),
                          []))
        results = []
        for name, scenario, sets in cases:
            print(f"== {name}", flush=True)
            after = measure("after", a.after, scenario, sets, tmp, repeats, None)
            before = None
            if a.before:
                # The foundation's slow case gets one try with a time limit.
                slow = scenario.endswith("million-jobs.yaml")
                before = measure("before", a.before, scenario, sets, tmp, 1 if slow else repeats,
                                 a.before_timeout)
            results.append((name, before, after))
        report(results, a, tmp)
        return check(results)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(results, a, tmp):
    stopped = f"> {a.before_timeout / 60:.0f} min, stopped"
    head = ["case", "before wall", "before cpu", "before ev/s", "before peak",
            "after wall", "after cpu", "after ev/s", "after peak", "speed-up", "peak queue"]
    rows = []
    for name, before, after in results:
        speed = f"{before[0] / after[0]:.1f}x" if before and after else "-"
        queue = f"{after[3]:,.0f}" if after and "trace" in name and after[3] is not None else ""
        rows.append([name] + cell(before, stopped if a.before else "") + cell(after, "")
                    + [speed, queue])
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    print()
    print("== racksim run, best wall of the repeats, largest peak resident memory")
    for r in [head] + rows:
        print("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths))))
    if a.tsv:
        with open(a.tsv, "w") as f:
            f.write("\t".join(head) + "\n")
            for r in rows:
                f.write("\t".join(r) + "\n")


def check(results):
    by = {name: after for name, _, after in results}
    checks = []
    r15 = by["site-100k, racks.csv every 15 min"]
    checks.append(("site-100k at 15 min under 2 s", r15[0] < 2,
                   f"{r15[0]:.2f} s wall, {r15[4]:.2f} s cpu"))
    checks.append(("site-100k at 15 min under 150 MB", r15[1] < 150, f"{r15[1]:.0f} MiB"))
    # The jobs of a longer horizon are more (Poisson arrivals over the whole horizon), and they
    # are held for jobs.csv, so the whole peak grows with them. What must not grow is what
    # racks.csv adds (samples x racks): at each horizon, the run with it against the run
    # without it.
    for d, with_racks, without in (
        (10, "site-100k, 15 min, horizon 10 d", "site-100k, no racks.csv, horizon 10 d"),
        (20, "site-100k, 15 min, horizon 20 d", "site-100k, no racks.csv, horizon 20 d"),
        (30, "site-100k, racks.csv every 15 min", "site-100k, no racks.csv"),
    ):
        extra = by[with_racks][1] - by[without][1]
        checks.append((f"racks.csv adds < 10 MiB at {d} d", extra < 10,
                       f"{by[with_racks][1]:.0f} vs {by[without][1]:.0f} MiB"))
    for name, r in by.items():
        if name.startswith("trace"):
            checks.append((f"{name} under 30 s", r[0] < 30, f"{r[0]:.2f} s"))
    print()
    ok = True
    for name, passed, value in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {name:<40} ({value})")
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
