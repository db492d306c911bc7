"""Optuna samplers as DSEGym agents: the sampler proposes, the server evaluates and logs.

Design space -> Optuna distributions:

* categorical -> ``CategoricalDistribution`` of its string values;
* ordinal -> ``CategoricalDistribution`` of its numbers (unordered to Optuna);
* integer -> ``IntDistribution(low, high, step=step)``;
* real -> ``FloatDistribution(low, high, log=log)``.

Objective value: the server's reward, always maximised, so studies must be
``direction="maximize"``. An infeasible point (or one without a finite reward)
returns ``infeasible_value``, by default ``-inf``: Optuna accepts infinities
(NaN would make the trial FAIL and hide it from the sampler), TPE and NSGA-II rank
such trials last, and GPSampler clips them to the worst finite value. Pass a finite
``infeasible_value`` for samplers that need finite values (CMA-ES). Each trial also
gets the user attributes ``feasible``, ``reason``, ``metrics``, ``cached`` and, when
logged in a campaign, ``dsegym_trial`` (its index). Feasibility is also stated as Optuna's constraint
``feasible`` (0 feasible, 1 infeasible) with ``trial.set_constraint`` on Optuna 5
and later, which constraint-aware samplers use; on older Optuna pass
``constraints_func=dsegym.optuna.constraints`` to such a sampler instead.

``optimize`` logs every trial in a DSEGym store through a campaign with agent
``external:optuna:<SamplerClass>``, named ``<label>/optuna:<SamplerClass>/s<seed>``
like the campaigns of ``dsegym compare --label <label>``, so that
``dsegym compare --agents ga,external:optuna:TPESampler --label <label>`` reports it
next to DSEGym's own agents.
"""

from __future__ import annotations

import math
import os
from typing import Any, Callable

import optuna
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution

from ._client import Campaign, Environment
from ._errors import DSEGymError
from ._space import Config, LoggedTrial, Parameter

__all__ = ["distributions", "suggest", "objective", "constraints", "replay", "optimize", "campaign_name"]


_set_constraint = getattr(optuna.Trial, "set_constraint", None)  # Optuna >= 5


def _distribution(p: Parameter) -> BaseDistribution:
    if p.kind in ("categorical", "ordinal"):
        return CategoricalDistribution(list(p.values or ()))
    if p.kind == "integer":
        return IntDistribution(int(p.low), int(p.high), step=int(p.step or 1))
    if p.kind == "real":
        return FloatDistribution(float(p.low), float(p.high), log=p.log)
    raise DSEGymError(f"{p.name}: unknown parameter kind '{p.kind}'")


def distributions(env: Environment) -> dict[str, BaseDistribution]:
    """The Optuna distribution of every parameter, in the space's order
    (for ``study.ask(distributions(env))`` or ``optuna.trial.create_trial``)."""
    return {p.name: _distribution(p) for p in env.space}


def suggest(trial: optuna.Trial, env: Environment) -> Config:
    """Asks ``trial`` for a value of every parameter; returns the configuration."""
    config: Config = {}
    for p in env.space:
        if p.kind in ("categorical", "ordinal"):
            config[p.name] = trial.suggest_categorical(p.name, list(p.values or ()))
        elif p.kind == "integer":
            config[p.name] = trial.suggest_int(p.name, int(p.low), int(p.high), step=int(p.step or 1))
        elif p.kind == "real":
            config[p.name] = trial.suggest_float(p.name, float(p.low), float(p.high), log=p.log)
        else:
            raise DSEGymError(f"{p.name}: unknown parameter kind '{p.kind}'")
    return config


def constraints(trial: optuna.trial.FrozenTrial) -> list[float]:
    """Optuna's constraint values for a trial (``[1.0]`` infeasible, ``[0.0]`` feasible),
    for a sampler's ``constraints_func``."""
    return [0.0 if trial.user_attrs.get("feasible", True) else 1.0]


def objective(env: Environment, campaign: Campaign | None = None,
              infeasible_value: float = float("-inf")) -> Callable[[optuna.Trial], float]:
    """An objective for ``study.optimize``: suggests a configuration, has the server
    evaluate it (and log it as a trial when ``campaign`` is given) and returns the
    reward, or ``infeasible_value`` for an infeasible point."""

    def evaluate(trial: optuna.Trial) -> float:
        config = suggest(trial, env)
        if campaign is not None:
            result = campaign.tell([config])[0]
            trial.set_user_attr("dsegym_trial", result.index)
        else:
            result = env.evaluate(config)
        trial.set_user_attr("feasible", result.feasible)
        trial.set_user_attr("reason", result.reason)
        trial.set_user_attr("cached", result.cached)
        trial.set_user_attr("metrics", result.metrics)
        if _set_constraint is not None:
            _set_constraint(trial, "feasible", 0.0 if result.feasible else 1.0)
        reward = result.reward
        if not result.feasible or reward is None or not math.isfinite(reward):
            return infeasible_value
        return float(reward)

    return evaluate


def _value(distribution: BaseDistribution, stored: Any) -> Any:
    """A stored configuration value as the distribution holds it (JSON numbers come
    back as floats; an integer parameter's must be an int again)."""
    if isinstance(distribution, IntDistribution):
        return int(stored)
    if isinstance(distribution, CategoricalDistribution) and stored not in distribution.choices:
        matches = [c for c in distribution.choices if isinstance(c, (int, float)) and c == stored]
        return matches[0] if matches else stored
    return stored


def replay(study: optuna.Study, env: Environment, trials: list[LoggedTrial],
           infeasible_value: float = float("-inf")) -> None:
    """Adds logged trials to ``study`` as completed trials, with the values, user
    attributes and feasibility constraint ``objective`` would have given them, so
    that a sampler continuing a reopened campaign knows what was already tried."""
    dists = distributions(env)
    for t in trials:
        value = t.reward if t.feasible and t.reward is not None and math.isfinite(t.reward) else infeasible_value
        system_attrs = {"constraints:feasible": 0.0 if t.feasible else 1.0} if _set_constraint is not None else None
        study.add_trial(optuna.trial.create_trial(
            params={name: _value(d, t.config[name]) for name, d in dists.items()}, distributions=dists, value=value,
            user_attrs={"dsegym_trial": t.index, "feasible": t.feasible, "reason": t.reason, "cached": True,
                        "metrics": t.metrics},
            system_attrs=system_attrs))


def campaign_name(label: str, sampler: str | optuna.samplers.BaseSampler, seed: int) -> str:
    """``<label>/optuna:<SamplerClass>/s<seed>``, the name ``dsegym compare --label``
    gives the campaign of agent ``external:optuna:<SamplerClass>`` and that seed."""
    name = sampler if isinstance(sampler, str) else type(sampler).__name__
    return f"{label}/optuna:{name}/s{seed}"


def optimize(env: Environment, db: str | os.PathLike[str], n_trials: int, seed: int, *,
             sampler: optuna.samplers.BaseSampler | None = None, study: optuna.Study | None = None,
             label: str = "optuna", name: str | None = None,
             infeasible_value: float = float("-inf"), **optimize_kwargs: Any) -> optuna.Study:
    """Runs ``n_trials`` of an Optuna study on ``env``, every trial evaluated and logged
    by the server in the store ``db``; returns the study.

    The campaign has agent ``external:optuna:<SamplerClass>``, seed ``seed``, budget
    ``n_trials`` and the name ``campaign_name(label, sampler, seed)`` unless ``name``
    is given. Without ``study`` one is created (``direction="maximize"``) with
    ``sampler``, default ``TPESampler(seed=seed)``; a sampler passed in should be
    seeded with ``seed`` for the log to be reproducible. ``optimize_kwargs`` go to
    ``study.optimize``. An existing campaign of that name with trials logged is
    continued: its trials are replayed into the (empty) study with ``replay``, then the
    budget left is run. The continued study sees the same history but its sampler's
    random state is not the one an uninterrupted run would have had, so the trials
    after the reopen can differ from an uninterrupted run's.
    """
    if study is None:
        study = optuna.create_study(direction="maximize",
                                    sampler=sampler if sampler is not None else optuna.samplers.TPESampler(seed=seed))
    elif sampler is not None:
        raise ValueError("pass either a study or a sampler, not both")
    if len(study.directions) != 1 or study.direction != optuna.study.StudyDirection.MAXIMIZE:
        raise ValueError("the study must have one objective with direction='maximize' (rewards are maximised)")
    sampler_name = type(study.sampler).__name__
    agent = f"optuna:{sampler_name}"
    name = name if name is not None else campaign_name(label, sampler_name, seed)
    with env.client.campaign(env, db, name, "external:" + agent, seed, n_trials) as campaign:
        if campaign.logged:
            if study.trials:
                raise DSEGymError(f"campaign '{name}' in {os.fspath(db)} already has {campaign.logged} trials and the "
                                  "study is not empty: pass a fresh study (the logged trials are replayed into it)")
            replay(study, env, campaign.trials(), infeasible_value)
        if campaign.remaining > 0:
            study.optimize(objective(env, campaign, infeasible_value), n_trials=campaign.remaining, **optimize_kwargs)
    return study
