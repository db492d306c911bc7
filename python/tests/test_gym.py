"""dsegym.gym against the real server: Gymnasium's checker on every shipped spec."""

from __future__ import annotations

import warnings

import gymnasium
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import dsegym.gym
from conftest import SPECS, spec

pytestmark = pytest.mark.server


@pytest.mark.parametrize("path", SPECS, ids=[p.stem for p in SPECS])
def test_check_env_passes_on_every_shipped_spec(client, path):
    # One-step episodes (the default): check_env evaluates a handful of designs in all,
    # one per episode, which keeps the slow dram-* specs affordable.
    env = dsegym.gym.make(str(path), client=client)
    try:
        assert set(env.action_space.spaces) == set(env.environment.space.names)
        assert env.observation_space.shape == (len(env.environment.metrics),)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Gymnasium's advice on unbounded/unnormalised boxes
            check_env(env)
    finally:
        env.close()


def test_step_encodes_the_default_design(client):
    env = dsegym.gym.make(spec("accelerator-resnet50"), client=client)
    try:
        default = env.environment.space.default_config()
        action = env.encode(default)
        assert env.decode(action) == default
        obs, info = env.reset(seed=3)
        assert obs.dtype == np.float64 and not obs.any() and info == {}
        obs, reward, terminated, truncated, info = env.step(action)
        assert (terminated, truncated) == (True, False)
        expected = env.environment.evaluate(default)
        assert info["config"] == default
        assert info["metrics"] == expected.metrics
        assert info["feasible"] == expected.feasible and info["reason"] == expected.reason
        if expected.feasible:
            assert reward == expected.reward
            assert obs.tolist() == [expected.metrics[m.key] for m in env.environment.metrics]
        else:
            assert reward == env.infeasible_reward == -1.0
            assert not obs.any()
    finally:
        env.close()


def test_multi_step_episodes_truncate(client):
    env = dsegym.gym.make(spec("synthetic-hartmann6"), client=client, steps=3)
    try:
        env.reset(seed=1)
        env.action_space.seed(1)
        flags = [env.step(env.action_space.sample())[2:4] for _ in range(3)]
        assert flags == [(False, False), (False, False), (False, True)]
    finally:
        env.close()


def test_make_without_client_owns_its_server():
    env = dsegym.gym.make(spec("synthetic-branin"))
    client = env._owned_client
    assert client is not None and not client.closed
    env.reset()
    env.step(env.action_space.sample())
    env.close()
    assert client.closed
    assert client._process.wait(10) == 0
    env.close()  # twice is fine


def test_registered_with_gymnasium(client):
    env = gymnasium.make("dsegym/DSEGym-v0", spec=spec("synthetic-ackley-mixed"), client=client)
    try:
        env.reset(seed=0)
        obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
        assert terminated and isinstance(reward, float) and obs.shape == (1,)
    finally:
        env.close()
