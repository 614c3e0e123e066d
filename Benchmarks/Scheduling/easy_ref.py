#!/usr/bin/env python3
"""A plain Python implementation of Racksim's fifo + EASY semantics, on an SWF trace.

    python3 Benchmarks/Scheduling/easy_ref.py TRACE.swf [--nodes 10000] [--gpus-per-node 8]

Standard library only. The rules are those of `EasyBackfillScheduler.swift` and
`FirstFitPlacement.swift` (README "Scheduling"):
- First-fit: a job of g <= n GPUs (n per node) goes to the lowest-numbered node with at least g
  free; a larger one takes the ceil(g / n) lowest-numbered wholly free nodes (all their GPUs).
  A job "fits" when placement finds room; the free count is every GPU no job holds.
- Integer seconds. At each time with events, completions free their GPUs first, then jobs
  submitted at that time join the queue (by submit time, then file order), then one pass.
- A pass starts jobs from the head while the head fits. A blocked head gets the shadow time:
  walking running jobs by (estimated end = start + requested time, job index), the first
  estimated end (never before now) at which free + released >= its need (GPUs as requested);
  extra = that sum minus its need. Then every later job, in queue order, while any GPU is free,
  is tried if it needs no more GPUs than are free and ends by its estimate no later than the
  shadow time or needs no more than extra; it starts if placement finds room (extra then
  shrinks by its need if it ends after the shadow time).
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


class FirstFit:
    """Free GPUs per node, with a sorted list of the nodes at each free count."""

    def __init__(self, nodes, per_node):
        self.per = per_node
        self.free_total = nodes * per_node
        self.free = [per_node] * nodes
        self.by_free = [[] for _ in range(per_node + 1)]
        self.by_free[per_node] = list(range(nodes))

    def _move(self, node, new):
        old = self.free[node]
        lst = self.by_free[old]
        del lst[bisect.bisect_left(lst, node)]
        bisect.insort(self.by_free[new], node)
        self.free[node] = new

    def place(self, g):
        """The allocation [(node, gpus)] for g GPUs, or None."""
        if g > self.free_total:
            return None
        if g <= self.per:
            best = None
            for f in range(g, self.per + 1):
                lst = self.by_free[f]
                if lst and (best is None or lst[0] < best):
                    best = lst[0]
            return None if best is None else [(best, g)]
        k = -(-g // self.per)
        whole = self.by_free[self.per]
        if len(whole) < k:
            return None
        return [(n, self.per) for n in whole[:k]]

    def take(self, alloc):
        for n, g in alloc:
            self._move(n, self.free[n] - g)
            self.free_total -= g

    def release(self, alloc):
        for n, g in alloc:
            self._move(n, self.free[n] + g)
            self.free_total += g


def simulate(jobs, nodes, per_node):
    cluster = FirstFit(nodes, per_node)
    queue = []  # job indexes in fifo order; None marks a started job
    head = 0
    running = []  # sorted (estimated end, index, gpus)
    completions = []  # heap of (end, index)
    start = [None] * len(jobs)
    end = [None] * len(jobs)
    est_end = [0] * len(jobs)
    held = [None] * len(jobs)
    nxt = 0
    n = len(jobs)
    while nxt < n or completions:
        t = min(jobs[nxt][0] if nxt < n else float("inf"),
                completions[0][0] if completions else float("inf"))
        while completions and completions[0][0] == t:
            _, j = heapq.heappop(completions)
            cluster.release(held[j])
            end[j] = t
            k = bisect.bisect_left(running, (est_end[j], j, jobs[j][2]))
            del running[k]
        while nxt < n and jobs[nxt][0] == t:
            queue.append(nxt)
            nxt += 1

        def try_start(j):
            alloc = cluster.place(jobs[j][2])
            if alloc is None:
                return False
            cluster.take(alloc)
            held[j] = alloc
            start[j] = t
            est_end[j] = t + jobs[j][3]
            bisect.insort(running, (est_end[j], j, jobs[j][2]))
            heapq.heappush(completions, (t + jobs[j][1], j))
            return True

        # The pass: the head while it fits.
        while head < len(queue):
            j = queue[head]
            if j is None:
                head += 1
                continue
            if not try_start(j):
                break
            queue[head] = None
            head += 1
        if head < len(queue):
            need = jobs[queue[head]][2]
            available = cluster.free_total
            # No release makes room (only for a job wider than the cluster): every job that
            # fits may start, as in Racksim (shadow = never).
            shadow, extra = float("inf"), 0
            for e, _, g in running:
                available += g
                if available >= need:
                    shadow, extra = max(e, t), available - need
                    break
            for k in range(head + 1, len(queue)):
                if cluster.free_total == 0:
                    break
                j = queue[k]
                if j is None:
                    continue
                g, est = jobs[j][2], jobs[j][3]
                ends_before = t + est <= shadow
                if g <= cluster.free_total and (ends_before or g <= extra) and try_start(j):
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
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--gpus-per-node", type=int, default=8)
    args = parser.parse_args()
    t0 = time.perf_counter()
    jobs = read_swf(args.trace)
    start, end = simulate(jobs, args.nodes, args.gpus_per_node)
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
