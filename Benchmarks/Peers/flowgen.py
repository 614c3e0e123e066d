#!/usr/bin/env python3
"""Seeded flow lists for `racksim flows` and the SimGrid peer (Benchmarks/flows.sh).

Flows arrive as a Poisson process whose rate offers `--load` times the hosts' total link
bandwidth; sizes are log-uniform between --min-bytes and --max-bytes (whole bytes); sender and
receiver are distinct hosts drawn uniformly. Start times are whole nanoseconds written as exact
decimals, so both simulators read the same instants. Python's `random.Random(seed)` (Mersenne
Twister) gives the same list on every machine and Python 3 version.

The smallest flow (1 MB by default) takes 80 us at 100 Gb/s: Racksim's time is integer
nanoseconds (completions are rounded up to the next one), so a 1e-4 relative FCT agreement
needs FCTs well above 10 us.
"""
import argparse
import math
import random

p = argparse.ArgumentParser()
p.add_argument("--flows", type=int, required=True)
p.add_argument("--hosts", type=int, default=128)
p.add_argument("--host-bps", type=float, default=12.5e9, help="host link, bytes/s")
p.add_argument("--load", type=float, default=0.9)
p.add_argument("--min-bytes", type=float, default=1e6)
p.add_argument("--max-bytes", type=float, default=1e8)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--out", required=True)
a = p.parse_args()

rng = random.Random(a.seed)
mean_size = (a.max_bytes - a.min_bytes) / math.log(a.max_bytes / a.min_bytes)
rate = a.load * a.hosts * a.host_bps / mean_size  # flows per second
t_ns = 0
with open(a.out, "w") as f:
    f.write("id,sender,receiver,bytes,start_s\n")
    for i in range(a.flows):
        t_ns += round(rng.expovariate(rate) * 1e9)
        s = rng.randrange(a.hosts)
        d = (s + 1 + rng.randrange(a.hosts - 1)) % a.hosts
        size = round(math.exp(rng.uniform(math.log(a.min_bytes), math.log(a.max_bytes))))
        f.write(f"{i},h{s},h{d},{size},{t_ns // 10**9}.{t_ns % 10**9:09d}\n")
