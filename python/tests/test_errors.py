"""Error responses: kinds, messages identical to the CLI's, and a client that goes on."""

from __future__ import annotations

import pytest

import dsegym
from conftest import cli, spec

pytestmark = pytest.mark.server


@pytest.mark.parametrize("key,value", [("dataflow", "no_such_dataflow"), ("pes", 100)])
def test_bad_value_message_is_the_cli_message(client, key, value):
    path = spec("accelerator-resnet50")
    env = client.open(path)
    with pytest.raises(dsegym.ServerError) as raised:
        env.evaluate({key: value})
    assert isinstance(raised.value, dsegym.SpecError) and raised.value.kind == "spec"

    done = cli("evaluate", "--env", path, "--set", f"{key}={value}")
    assert done.returncode == 2
    line = done.stderr.strip().splitlines()[-1]
    assert line.startswith("error: ")
    assert str(raised.value) == line[len("error: "):]

    with pytest.raises(dsegym.SpecError) as in_batch:
        env.evaluate_batch([{}, {}, {}, {key: value}, {}])
    assert str(in_batch.value) == "configs[3]: " + str(raised.value)

    assert env.evaluate({}).metrics  # the server goes on serving


def test_error_kinds(client):
    env = client.open(spec("synthetic-branin"))
    cases = [
        (dsegym.HandleError, "evaluate", {"handle": "e999999", "config": {}}),
        (dsegym.VersionError, "hello", {"protocol": 2}),
        (dsegym.RequestError, "no_such_method", None),
        (dsegym.RequestError, "evaluate", {"handle": env.handle, "config": {}, "typo": 1}),
        (dsegym.SpecError, "open", {"spec": spec("synthetic-branin") + ".missing"}),
    ]
    for error, method, params in cases:
        with pytest.raises(error) as raised:
            client.request(method, params)
        assert raised.value.kind == error.__name__.removesuffix("Error").lower()
        assert str(raised.value) and "\n" not in str(raised.value)
    # An unknown parameter name in a configuration: outside the design space (spec) or
    # an unknown key (request); the protocol does not say which.
    with pytest.raises((dsegym.SpecError, dsegym.RequestError)) as raised:
        env.evaluate({"no_such_parameter": 1})
    assert "no_such_parameter" in str(raised.value)
    env.close()
    with pytest.raises(dsegym.HandleError):
        env.client.request("evaluate", {"handle": env.handle, "config": {}})
    assert client.request("hello", {"protocol": 1})["protocol"] == 1


def test_open_reports_the_space(client):
    env = client.open(spec("accelerator-resnet50"))
    assert env.name and env.fingerprint and env.handle
    assert env.space.names[:2] == ["dataflow", "pes"]
    dataflow = env.space.parameter("dataflow")
    assert dataflow.kind == "categorical" and "kcp_ws" in dataflow.values and dataflow.default == "kcp_ws"
    assert env.space.parameter("pes").kind == "ordinal"
    keys = [m.key for m in env.metrics]
    assert "latency_ns" in keys and "area_mm2" in keys
    assert env.objective.get("kind") == "target-spec"
    names = [e.name for e in client.environments()]
    assert {"accelerator", "dram", "synthetic-hartmann6"} <= set(names)
    with client.open(spec("synthetic-hartmann6"), grid_points=5) as coarse:
        assert coarse.space.parameter("x1").size == 5
