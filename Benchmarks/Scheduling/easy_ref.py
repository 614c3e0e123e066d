#!/usr/bin/env python3
"""A plain Python implementation of Racksim's fifo + EASY semantics, on an SWF trace.

    python3 Benchmarks/Scheduling/easy_ref.py TRACE.swf --gpus 10000

Standard library only. The rules are those of `EasyBackfillScheduler.swift` (README
"Scheduling semantics"), with GPUs counted as one pool (exact on one-GPU nodes):
- Integer seconds. At each time with events, completions free their GPUs first, then jobs
  submitted at that time join the queue (by submit time, then file order), then one pass.
- A pass starts jobs from the head while the head fits. A blocked head gets the shadow time:
  walking running jobs by (estimated end = start + requested time, job index), the first
  estimated end (never before now) at which free + released >= its need; extra = that sum
  minus its need. Then every later job, in queue order, while any GPU is free, starts if it fits
  now and ends by its estimate no later than the shadow time, or needs no more than extra
  (which then shrinks by its need if it ends after the shadow time).
- Jobs run for their true run time.
Prints one line of JSON: jobs started and finished, mean wait (s, 3 decimals), makespan, the
wall time and peak memory of this process.
"""

import argparse
import bisect
import heapq
import json
import resource
import sys
import time


def read_swf(path):
    jobs = []  # (submit, run, gpus, estimate)
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith(";"):
                continue
            x = line.split()
            run = int(x[3])
            if run < 0:
                continue
            gpus = int(x[4]) if int(x[4]) > 0 else int(x[7])
            req = int(x[8])
            jobs.append((int(x[1]), run, gpus, req if req >= 0 else run))
    order = sorted(range(len(jobs)), key=lambda k: (jobs[k][0], k))
    return [jobs[k] for k in order]


def simulate(jobs, total_gpus):
    free = total_gpus
    queue = []  # job indexes in fifo order; None marks a started job
    head = 0
    running = []  # sorted (estimated end, index, gpus)
    completions = []  # heap of (end, index)
    start = [None] * len(jobs)
    end = [None] * len(jobs)
    est_end = [0] * len(jobs)
    nxt = 0
    n = len(jobs)
    while nxt < n or completions:
        t = min(jobs[nxt][0] if nxt < n else float("inf"),
                completions[0][0] if completions else float("inf"))
        while completions and completions[0][0] == t:
            _, j = heapq.heappop(completions)
            free += jobs[j][2]
            end[j] = t
            k = bisect.bisect_left(running, (est_end[j], j, jobs[j][2]))
            del running[k]
        while nxt < n and jobs[nxt][0] == t:
            queue.append(nxt)
            nxt += 1

        def begin(j):
            nonlocal free
            free -= jobs[j][2]
            start[j] = t
            est_end[j] = t + jobs[j][3]
            bisect.insort(running, (est_end[j], j, jobs[j][2]))
            heapq.heappush(completions, (t + jobs[j][1], j))

        # The pass: the head while it fits.
        while head < len(queue):
            j = queue[head]
            if j is None:
                head += 1
                continue
            if jobs[j][2] > free:
                break
            begin(j)
            queue[head] = None
            head += 1
        if head < len(queue) and free > 0:
            need = jobs[queue[head]][2]
            available = free
            # No release makes room (only for a job wider than the cluster): every job that
            # fits may start, as in Racksim (shadow = never).
            shadow, extra = float("inf"), 0
            for e, _, g in running:
                available += g
                if available >= need:
                    shadow, extra = max(e, t), available - need
                    break
            for k in range(head + 1, len(queue)):
                if free == 0:
                    break
                j = queue[k]
                if j is None:
                    continue
                g, est = jobs[j][2], jobs[j][3]
                ends_before = t + est <= shadow
                if g <= free and (ends_before or g <= extra):
                    begin(j)
                    queue[k] = None
                    if not ends_before:
                        extra -= g
        # Compact the queue now and then (positions are internal only).
        if head > 4096 and head * 2 > len(queue):
            queue = queue[head:]
            head = 0
    return start, end


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace")
    parser.add_argument("--gpus", type=int, default=10_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    jobs = read_swf(args.trace)
    start, end = simulate(jobs, args.gpus)
    wall = time.perf_counter() - t0
    waits = [s - j[0] for s, j in zip(start, jobs) if s is not None]
    finished = [e for e in end if e is not None]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "jobs_started": len(waits),
        "jobs_finished": len(finished),
        "mean_wait_s": round(sum(waits) / len(waits), 3) if waits else None,
        "makespan_s": (max(finished) - jobs[0][0]) if finished else None,
        "wall_s": round(wall, 3),
        "peak_mib": round(peak / (1024 if sys.platform != "darwin" else 1024 * 1024)),
    }))


if __name__ == "__main__":
    main()
