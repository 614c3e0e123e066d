#!/usr/bin/env python3
"""A 200-run sweep of the quickstart on 2 cores against 200 sequential `racksim run`s (issue 11).

Measures, with one release `racksim` binary (argument 1):
  1. sweep:      racksim sweep SWEEP --workers 2 (and --workers 1, for the scaling)  (200 runs: quickstart x seeds: 200, as two
                 worker threads, each run merged into sweep.csv, sweep.json, sweep.sqlite while
                 the later ones run), wall time; and the same with --processes (one
                 `racksim run-index` process per run);
  2. sequential: 200 x racksim run Scenarios/quickstart.yaml --seed S --out DIR, one after the
                 other, with the sweep's own 200 seeds, wall time;
  3. collect:    racksim sweep SWEEP --collect (plan, the 200 scenario hashes and the merge
                 alone), wall time;
  4. start:      racksim --version x 50, the cost of starting one process.
Prints: speedup = sequential / sweep (target close to 2 on 2 cores), the same for --processes,
the per-run overhead of the sweep = (2 x sweep - sequential) / 200 worker-seconds (what a run
costs in the sweep beyond the run itself: its share of the merge, the folder checks, and with
--processes the process start and loading the sweep file and scenario in the worker), the merge
per run = collect / 200, and the process start. Also prints the load average (a shared machine:
other work on the cores shows up as a lower speedup).
Checks that the merged sweep.csv's summaries equal the sequential runs' summary.json values.
Wall time comes from time.perf_counter (a shared machine: run it when it is otherwise idle).
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

RUNS = 200


def wall(cmd, **kw):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t


def main():
    racksim = os.path.abspath(sys.argv[1])
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    quickstart = os.path.join(root, "Scenarios", "quickstart.yaml")
    tmp = tempfile.mkdtemp(prefix="racksim-sweep-bench-")
    try:
        sweep = os.path.join(tmp, "bench.yaml")
        with open(sweep, "w") as f:
            f.write(f"name: bench-200\nbase: {quickstart}\nseeds: {RUNS}\nseed: 2026\n")
        out = os.path.join(tmp, "sweep")
        t_sweep = wall([racksim, "sweep", sweep, "--workers", "2", "--out", out, "--quiet"])
        out_1 = os.path.join(tmp, "sweep-one")
        t_one = wall([racksim, "sweep", sweep, "--workers", "1", "--out", out_1, "--quiet"])
        out_p = os.path.join(tmp, "sweep-processes")
        t_proc = wall([racksim, "sweep", sweep, "--workers", "2", "--processes", "--out", out_p,
                       "--quiet"])
        for name in ("sweep.csv", "sweep.json", "sweep.sqlite"):
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(out_p, name), "rb") as b:
                assert a.read() == b.read(), f"{name} differs between threads and processes"
        with open(os.path.join(out, "sweep.csv")) as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == RUNS, len(rows)
        runs = os.path.join(tmp, "runs")
        os.mkdir(runs)
        t = time.perf_counter()
        for row in rows:
            subprocess.run(
                [racksim, "run", quickstart, "--seed", row["seed"], "--out",
                 os.path.join(runs, row["index"]), "--quiet"],
                check=True, stdout=subprocess.DEVNULL)
        t_seq = time.perf_counter() - t
        # Same results: every scalar of the sequential run's summary, as sweep.csv repeats it.
        for row in rows:
            with open(os.path.join(runs, row["index"], "summary.json")) as f:
                text = f.read()
            summary = json.loads(text)
            for key in ("jobs_finished", "mean_jct_s", "it_energy_kwh", "seed"):
                assert float(summary[key]) == float(row[key]), (row["index"], key)
        t_collect = wall([racksim, "sweep", sweep, "--collect", "--out", out, "--quiet"])
        t = time.perf_counter()
        for _ in range(50):
            subprocess.run([racksim, "--version"], check=True, stdout=subprocess.DEVNULL)
        t_start = (time.perf_counter() - t) / 50
        print(f"runs                      {RUNS} (quickstart, seeds of the sweep)")
        print(f"sweep --workers 2         {t_sweep:8.2f} s")
        print(f"sequential racksim run    {t_seq:8.2f} s   ({t_seq / RUNS * 1000:.1f} ms per run)")
        print(f"speedup                   {t_seq / t_sweep:8.2f} x   (target: close to 2 on 2 cores)")
        print(f"sweep --workers 1         {t_one:8.2f} s   (2 workers scale by {t_one / t_sweep:.2f} x)")
        print(f"sweep --processes         {t_proc:8.2f} s   ({t_seq / t_proc:.2f} x: a process "
              "per run, merged while running)")
        print(f"sweep overhead per run    {(2 * t_sweep - t_seq) / RUNS * 1000:8.1f} ms worker time"
              f" ({(2 * t_proc - t_seq) / RUNS * 1000:.1f} ms with --processes)")
        print(f"merge (--collect) per run {t_collect / RUNS * 1000:8.1f} ms   ({t_collect:.2f} s in all)")
        print(f"process start (--version) {t_start * 1000:8.1f} ms")
        print("results: sweep.csv equals the sequential runs' summaries; threads and processes "
              "give the same merged bytes")
        print("load average (1, 5, 15 min) at the end: %.2f %.2f %.2f" % os.getloadavg())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
