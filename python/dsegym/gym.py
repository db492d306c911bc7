"""DSEGym environments as Gymnasium 1.x environments (ArchGym-style).

``make(spec)`` opens an environment on a ``dsegym serve`` process and returns a
``DSEGymEnv``. Everything is computed by the server; this module only encodes.

Encoding
--------
Action
    A ``gymnasium.spaces.Dict`` keyed by parameter name:

    * categorical, ordinal and integer parameters: ``Discrete(n)``, an index into
      the parameter's choices (for an integer range, index ``i`` means
      ``low + i * step``);
    * real parameters: ``Box(low, high, shape=(1,), float64)``, the raw value
      (also for log-scaled reals); values outside the bounds are clipped.

    A key left out of the action takes the parameter's default.
Observation
    ``Box(-inf, inf, shape=(len(metrics),), float64)``: the metric vector in the
    order of ``env.metrics``. It is all zeros after ``reset`` and for an infeasible
    point; a metric the server reports as non-finite (JSON ``null``) is 0.
Reward
    The server's reward (always to be maximised); ``infeasible_reward`` (default
    ``-1.0``) for an infeasible point or one without a finite reward.
Episodes
    ``steps=1`` (default) is ArchGym's one-step episode: each ``step`` evaluates one
    design and the episode terminates. With ``steps > 1`` an episode evaluates up to
    ``steps`` designs and is truncated after the last (never terminated).
Info
    ``reset`` gives ``{}``; ``step`` gives ``config`` (the configuration evaluated),
    ``metrics`` (metric key -> value, also for infeasible points), ``reward`` (the
    server's, None if infeasible), ``feasible`` and ``reason``.

The environment is deterministic: ``reset(seed=...)`` only seeds ``np_random``
(unused by the environment itself). ``gymnasium.make("dsegym/DSEGym-v0",
spec=...)`` works too.
"""

from __future__ import annotations

import math
from typing import Any

import gymnasium
import numpy as np
from gymnasium import spaces

from ._client import Client, Environment
from ._space import Config, Evaluation, Parameter

__all__ = ["DSEGymEnv", "make", "action_space", "observation_space"]


def _parameter_space(p: Parameter) -> spaces.Space:
    if p.is_discrete:
        return spaces.Discrete(p.size or 0)
    return spaces.Box(low=float(p.low), high=float(p.high), shape=(1,), dtype=np.float64)


def action_space(environment: Environment) -> spaces.Dict:
    """The action space of an environment (see the module docstring)."""
    return spaces.Dict({p.name: _parameter_space(p) for p in environment.space})


def observation_space(environment: Environment) -> spaces.Box:
    """The observation space: one unbounded float64 per metric."""
    return spaces.Box(low=-np.inf, high=np.inf, shape=(len(environment.metrics),), dtype=np.float64)


class DSEGymEnv(gymnasium.Env):
    """A Gymnasium environment over one DSEGym environment handle.

    Built by ``make``; ``environment`` is the ``dsegym.Environment`` it evaluates on.
    ``close()`` closes the handle, and the client too when ``make`` started it.
    """

    metadata = {"render_modes": []}

    def __init__(self, environment: Environment, steps: int = 1, infeasible_reward: float = -1.0,
                 owned_client: Client | None = None) -> None:
        if steps < 1:
            raise ValueError(f"steps must be at least 1, not {steps}")
        self.environment = environment
        self.steps = int(steps)
        self.infeasible_reward = float(infeasible_reward)
        self.action_space = action_space(environment)
        self.observation_space = observation_space(environment)
        self._parameters = list(environment.space)
        self._keys = [m.key for m in environment.metrics]
        self._owned_client = owned_client
        self._count = 0

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None
              ) -> tuple[np.ndarray, dict[str, Any]]:
        """Starts an episode: zero observation, empty info. ``options`` is unused."""
        super().reset(seed=seed)
        self._count = 0
        return np.zeros(len(self._keys), dtype=np.float64), {}

    def step(self, action: dict[str, Any]) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        """Evaluates the design the action encodes on the server."""
        config = self.decode(action)
        result = self.environment.evaluate(config)
        self._count += 1
        terminated = self.steps == 1
        truncated = not terminated and self._count >= self.steps
        info = {"config": config, "metrics": dict(result.metrics), "reward": result.reward,
                "feasible": result.feasible, "reason": result.reason}
        return self.observe(result), self.reward(result), terminated, truncated, info

    def decode(self, action: dict[str, Any]) -> Config:
        """The configuration an action encodes (parameters missing from it are left out)."""
        config: Config = {}
        for p in self._parameters:
            if p.name not in action:
                continue
            a = action[p.name]
            if p.is_discrete:
                config[p.name] = p.value_at(int(np.asarray(a).reshape(-1)[0]))
            else:
                value = float(np.asarray(a, dtype=np.float64).reshape(-1)[0])
                config[p.name] = min(max(value, float(p.low)), float(p.high))
        return config

    def encode(self, config: Config) -> dict[str, Any]:
        """The action for a configuration (parameters missing from it take their defaults)."""
        action: dict[str, Any] = {}
        for p in self._parameters:
            value = config.get(p.name, p.default)
            if p.is_discrete:
                action[p.name] = np.int64(p.index_of(value))
            else:
                action[p.name] = np.array([float(value)], dtype=np.float64)
        return action

    def observe(self, result: Evaluation) -> np.ndarray:
        """The observation for an evaluation: its metric vector, zeros if infeasible."""
        if not result.feasible:
            return np.zeros(len(self._keys), dtype=np.float64)
        metrics = result.metrics
        values = [metrics.get(k) for k in self._keys]
        return np.array([v if v is not None and math.isfinite(v) else 0.0 for v in values], dtype=np.float64)

    def reward(self, result: Evaluation) -> float:
        """The reward for an evaluation: the server's, or ``infeasible_reward``."""
        r = result.reward
        if not result.feasible or r is None or not math.isfinite(r):
            return self.infeasible_reward
        return float(r)

    def close(self) -> None:
        """Closes the environment handle, and the client if ``make`` started it."""
        self.environment.close()
        client, self._owned_client = self._owned_client, None
        if client is not None:
            client.close()

    def __repr__(self) -> str:
        return f"<DSEGymEnv {self.environment.name} ({self.environment.spec}), steps={self.steps}>"

    __str__ = __repr__


def make(spec: str, client: Client | None = None, steps: int = 1, infeasible_reward: float = -1.0,
         **settings: Any) -> DSEGymEnv:
    """Opens ``spec`` (a spec path, relative to the server's working directory) and
    wraps it as a Gymnasium environment.

    Without ``client`` a ``Client()`` is started for this environment and closed with
    it. ``settings`` override spec settings (as ``Client.open``).
    """
    owned = client is None
    if client is None:
        client = Client()
    try:
        environment = client.open(spec, **settings)
    except BaseException:
        if owned:
            client.close()
        raise
    return DSEGymEnv(environment, steps=steps, infeasible_reward=infeasible_reward,
                     owned_client=client if owned else None)


if "dsegym/DSEGym-v0" not in gymnasium.registry:
    gymnasium.register(id="dsegym/DSEGym-v0", entry_point="dsegym.gym:make")
