"""Fixtures for the tests of the dsegym package, run against the real `dsegym serve`.

The binary is found as `dsegym.find_binary` finds it: `$DSEGYM_BINARY`, then
`PATH`, then `.build/release/dsegym` in the repository root (the parent of
`python/`). Without one, the tests that need a server are skipped. The server
runs in the repository root; spec paths are absolute; databases go to tmp_path.
"""

from __future__ import annotations

import math
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest

import dsegym

REPOSITORY = Path(__file__).resolve().parents[2]
ENVIRONMENTS = REPOSITORY / "environments"
SPECS = sorted(ENVIRONMENTS.glob("*.yaml"))

try:
    BINARY: str | None = dsegym.find_binary(REPOSITORY)
except dsegym.DSEGymError:
    BINARY = None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skips the tests marked `server` when no dsegym binary is found."""
    if BINARY is not None:
        return
    skip = pytest.mark.skip(reason="no dsegym binary: set DSEGYM_BINARY or build with `swift build -c release`")
    for item in items:
        if "server" in item.keywords:
            item.add_marker(skip)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "server: needs a real `dsegym serve` (skipped without a dsegym binary)")


def spec(name: str) -> str:
    """The absolute path of a shipped environment spec, e.g. spec("accelerator-resnet50")."""
    path = ENVIRONMENTS / f"{name}.yaml"
    assert path.is_file(), path
    return str(path)


def cli(*args: Any, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Runs the dsegym CLI in the repository root and returns its output."""
    assert BINARY is not None
    return subprocess.run([BINARY, *map(str, args)], cwd=REPOSITORY, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def random_config(space: dsegym.Space, rng: random.Random) -> dsegym.Config:
    """A uniformly drawn configuration of a space (test data only)."""
    config: dsegym.Config = {}
    for p in space:
        if p.is_discrete:
            config[p.name] = p.value_at(rng.randrange(p.size or 1))
        elif p.log:
            config[p.name] = math.exp(rng.uniform(math.log(p.low), math.log(p.high)))
        else:
            config[p.name] = rng.uniform(p.low, p.high)
    return config


def new_client(**kwargs: Any) -> dsegym.Client:
    """A client of the real server, running in the repository root."""
    return dsegym.Client(BINARY, cwd=REPOSITORY, **kwargs)


@pytest.fixture(scope="module")
def client():
    """One server per test module."""
    with new_client(jobs=2) as c:
        yield c
