"""The hold model in SimPy: the peer that Racksim's Kernel is compared with.

N processes each loop on `yield env.timeout(rng.expovariate(1.0))`, so N timeouts are
always pending and each event pops the earliest one and pushes one at now + Exp(mean 1 s),
as in Benchmarks/Sources/HoldModel. Events are counted in the processes (one per resumed
timeout). Each N is warmed up, then run in slices of simulated time until `--seconds` of wall
time have passed; events/s is counted events over wall time of the measured slices.

The exponential draw happens inside the loop here (idiomatic SimPy); in the Swift benchmark
the delays are precomputed. `expovariate` costs roughly 0.1 us, small against SimPy's
per-event cost.

Usage: python simpy_hold.py [--sizes 1000,100000,1000000] [--seconds 1.5] [--tsv PATH]
"""

import argparse
import random
import sys
import time

import simpy


def run_hold(n: int, seconds: float, warmup_seconds: float, seed: int = 1):
    env = simpy.Environment()
    rng = random.Random(seed)
    count = [0]

    def holder():
        timeout = env.timeout
        expo = rng.expovariate
        c = count
        while True:
            yield timeout(expo(1.0))
            c[0] += 1

    for _ in range(n):
        env.process(holder())

    # About 100,000 events per slice: events fire at n per simulated second.
    slice_t = 100_000 / n
    t = 0.0

    # Warm-up: at least the processes' first resumption, and at most ~2n events or the budget.
    start = time.perf_counter()
    while t < 2.0 and time.perf_counter() - start < warmup_seconds:
        t += slice_t
        env.run(until=t)

    first = count[0]
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        t += slice_t
        env.run(until=t)
        elapsed = time.perf_counter() - start
    events = count[0] - first
    return events, elapsed


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,100000,1000000")
    p.add_argument("--seconds", type=float, default=1.5, help="wall time measured per N")
    p.add_argument("--warmup", type=float, default=0.5, help="wall time of warm-up per N")
    p.add_argument("--tsv", help="also write `n simpy` rows (events/s) to this path")
    args = p.parse_args()

    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"SimPy {simpy.__version__} hold model, Python {sys.version.split()[0]}")
    print(f"{'N':>9} {'events':>10} {'seconds':>8} {'SimPy ev/s':>12}")
    rows = []
    for n in sizes:
        events, elapsed = run_hold(n, args.seconds, args.warmup)
        rate = events / elapsed
        rows.append((n, rate))
        print(f"{n:>9} {events:>10} {elapsed:>8.3f} {rate / 1e6:>11.3f}M", flush=True)
    if args.tsv:
        with open(args.tsv, "w") as f:
            f.write("n\tsimpy\n")
            for n, rate in rows:
                f.write(f"{n}\t{rate!r}\n")


if __name__ == "__main__":
    main()
