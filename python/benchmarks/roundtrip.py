"""Round-trip cost of the Python client (a benchmark, not a test).

Prints the median (and p90/p99) round trip of one ``evaluate`` on
``synthetic-hartmann6`` over ``--calls`` calls with distinct random configurations
(and once more with one repeated configuration, answered from the server's cache),
then the throughput of ``evaluate_batch`` on ``accelerator-resnet50`` for random
configurations, in evaluations per second.

    python python/benchmarks/roundtrip.py [--calls 20000] [--batch 1000] [--batches 10] [--jobs N]

The binary is found as ``dsegym.Client`` finds it (``$DSEGYM_BINARY``, ``PATH``,
``.build/release/dsegym``); the server runs in the repository root.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from pathlib import Path

import dsegym

REPOSITORY = Path(__file__).resolve().parents[2]


def random_config(space: dsegym.Space, rng: random.Random) -> dsegym.Config:
    config: dsegym.Config = {}
    for p in space:
        if p.is_discrete:
            config[p.name] = p.value_at(rng.randrange(p.size or 1))
        elif p.log:
            config[p.name] = math.exp(rng.uniform(math.log(p.low), math.log(p.high)))
        else:
            config[p.name] = rng.uniform(p.low, p.high)
    return config


def round_trips(env: dsegym.Environment, configs: list[dsegym.Config]) -> list[float]:
    evaluate, clock = env.evaluate, time.perf_counter_ns
    times = []
    for config in configs:
        start = clock()
        evaluate(config)
        times.append(clock() - start)
    return times


def describe(label: str, times_ns: list[float]) -> None:
    q = statistics.quantiles(times_ns, n=100)
    print(f"{label}: median {statistics.median(times_ns) / 1e3:.1f} µs, p90 {q[89] / 1e3:.1f} µs, "
          f"p99 {q[98] / 1e3:.1f} µs over {len(times_ns)} calls")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000, help="configurations per evaluate_batch")
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=None, help="the server's --jobs")
    args = parser.parse_args()
    rng = random.Random(1)
    environments = REPOSITORY / "environments"
    with dsegym.Client(jobs=args.jobs, cwd=REPOSITORY) as client:
        print(f"dsegym {client.version} ({client.binary}), jobs {args.jobs or 'default'}")
        env = client.open(str(environments / "synthetic-hartmann6.yaml"))
        configs = [random_config(env.space, rng) for _ in range(args.calls)]
        round_trips(env, configs[:500])  # warm up
        describe("evaluate, synthetic-hartmann6, distinct configs", round_trips(env, configs))
        describe("evaluate, synthetic-hartmann6, one config (cached)", round_trips(env, [configs[0]] * args.calls))

        env = client.open(str(environments / "accelerator-resnet50.yaml"))
        batches = [[random_config(env.space, rng) for _ in range(args.batch)] for _ in range(args.batches)]
        env.evaluate_batch(batches[0][:50])  # warm up
        start = time.perf_counter()
        for batch in batches:
            env.evaluate_batch(batch)
        elapsed = time.perf_counter() - start
        total = args.batch * args.batches
        print(f"evaluate_batch, accelerator-resnet50: {total / elapsed:,.0f} evaluations/s "
              f"({args.batches} batches of {args.batch} random configs in {elapsed:.2f} s)")


if __name__ == "__main__":
    main()
