"""The server process: death mid-call, shutdown, garbage collection, threads, timeouts.

The tests at the end need no dsegym binary: they use programs that are not servers.
"""

from __future__ import annotations

import gc
import os
import random
import signal
import threading
import time

import pytest

import dsegym
from conftest import new_client, random_config, spec


@pytest.mark.server
def test_killing_the_server_during_a_batch_raises_promptly():
    client = new_client(jobs=1)
    env = client.open(spec("dram-random"))
    rng = random.Random(7)
    probe = [random_config(env.space, rng) for _ in range(3)]
    started = time.monotonic()
    env.evaluate_batch(probe)
    per_evaluation = max((time.monotonic() - started) / len(probe), 1e-4)
    # A batch that would take about 30 s: the kill lands well inside it.
    configs = [random_config(env.space, rng) for _ in range(min(100_000, int(30 / per_evaluation) + 1))]
    killer = threading.Timer(0.5, os.kill, (client.pid, signal.SIGKILL))
    killer.start()
    started = time.monotonic()
    try:
        with pytest.raises(dsegym.ServerDied) as died:
            env.evaluate_batch(configs)
        elapsed = time.monotonic() - started
    finally:
        killer.cancel()
    assert elapsed < 0.5 + 2.5, elapsed
    assert died.value.returncode == -signal.SIGKILL and died.value.method == "evaluate_batch"
    assert "SIGKILL" in str(died.value)
    assert client.closed
    started = time.monotonic()
    with pytest.raises(dsegym.ServerDied):
        env.evaluate({})
    client.close()
    env.close()
    assert time.monotonic() - started < 1.0


@pytest.mark.server
def test_close_shuts_the_server_down():
    client = new_client()
    client.open(spec("synthetic-branin")).evaluate({})
    client.close()
    assert client._process.wait(10) == 0
    client.close()
    with pytest.raises(dsegym.DSEGymError):
        client.request("hello")


@pytest.mark.server
def test_garbage_collection_stops_the_server():
    client = new_client()
    process = client._process
    del client
    gc.collect()
    assert process.wait(10) == 0


@pytest.mark.server
def test_concurrent_requests(client):
    env = client.open(spec("synthetic-hartmann6"))
    rng = random.Random(3)
    configs = [random_config(env.space, rng) for _ in range(400)]
    expected = [e.reward for e in env.evaluate_batch(configs)]
    results: dict[int, list] = {}

    def worker(k: int) -> None:
        results[k] = [env.evaluate(c).reward for c in configs[k::4]]

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(4):
        assert results[k] == expected[k::4]


@pytest.mark.server
def test_timeout_leaves_a_usable_client():
    with new_client(timeout=0.5) as client:
        slow = client.open(spec("synthetic-hartmann6"), evaluation_delay_ms=1500)
        fast = client.open(spec("synthetic-hartmann6"))
        with pytest.raises(dsegym.ServerTimeout):
            slow.evaluate({"x1": 0.1})
        # The late response to the timed-out request is skipped.
        assert fast.evaluate({"x1": 0.3}).metrics == fast.evaluate({"x1": 0.3}).metrics
        assert fast.evaluate({"x1": 0.3}).cached


def test_missing_binary(monkeypatch, tmp_path):
    monkeypatch.setenv("DSEGYM_BINARY", str(tmp_path / "no-such-dsegym"))
    with pytest.raises(dsegym.DSEGymError, match="DSEGYM_BINARY"):
        dsegym.Client()


def test_a_program_that_exits_is_reported():
    with pytest.raises(dsegym.ServerDied, match="exited with status 1 during 'hello'"):
        dsegym.Client(binary="/bin/false")


def test_a_program_that_is_not_the_server_is_refused(tmp_path):
    echo = tmp_path / "echo"
    echo.write_text("#!/bin/sh\nexec cat\n")
    echo.chmod(0o755)
    with pytest.raises(dsegym.DSEGymError, match="protocol error"):
        dsegym.Client(binary=echo)  # echoes the request back: neither result nor error
