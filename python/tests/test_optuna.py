"""dsegym.optuna against the real server: a logged TPE campaign, its CSV export, its
place in `dsegym compare`, and reproducibility."""

from __future__ import annotations

import csv

import optuna
import pytest

import dsegym
import dsegym.optuna as dso
from conftest import cli, new_client, spec

pytestmark = pytest.mark.server
optuna.logging.set_verbosity(optuna.logging.WARNING)

LABEL = "compare-accelerator-resnet50"


def _same_number(text: str, value: float) -> bool:
    return float(text) == pytest.approx(value, rel=1e-12, abs=0.0)


def test_tpe_campaign_is_logged_exported_and_compared(client, tmp_path):
    db, table = tmp_path / "optuna.sqlite", tmp_path / "trials.csv"
    env = client.open(spec("accelerator-resnet50"))
    study = dso.optimize(env, db, n_trials=60, seed=1, label=LABEL)
    assert len(study.trials) == 60
    assert all(t.state == optuna.trial.TrialState.COMPLETE for t in study.trials)
    assert sorted(t.user_attrs["dsegym_trial"] for t in study.trials) == list(range(60))

    done = cli("export", "--db", db, "--csv", table)
    assert done.returncode == 0, done.stderr
    with open(table, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 60
    assert {r["agent"] for r in rows} == {"optuna:TPESampler"}
    assert {r["campaign"] for r in rows} == {f"{LABEL}/optuna:TPESampler/s1"}
    assert {r["seed"] for r in rows} == {"1"}

    # What the store holds is what the server told the study: configs, metrics, rewards.
    by_index = {int(r["trial"]): r for r in rows}
    for trial in study.trials:
        row = by_index[trial.user_attrs["dsegym_trial"]]
        for name, value in trial.params.items():
            assert row[name] == value if isinstance(value, str) else _same_number(row[name], value)
        for key, value in trial.user_attrs["metrics"].items():
            assert row[key] == "" if value is None else _same_number(row[key], value)
        assert row["feasible"] == ("true" if trial.user_attrs["feasible"] else "false")
        if trial.user_attrs["feasible"]:
            assert _same_number(row["reward"], trial.value)
        else:
            assert row["reward"] == "" and trial.value == float("-inf")

    done = cli("compare", "--env", spec("accelerator-resnet50"), "--agents", "ga,external:optuna:TPESampler",
               "--seeds", 1, "--trials", 60, "--db", db, "--label", LABEL)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any("optuna:TPESampler" in line for line in lines), done.stdout
    assert any(line.split()[:1] == ["ga"] for line in lines), done.stdout


def _campaign(seed: int, db, label: str):
    with new_client() as client:
        env = client.open(spec("accelerator-resnet50"))
        study = dso.optimize(env, db, n_trials=40, seed=seed, label=label)
        return [(t.params, t.user_attrs["metrics"], t.value, t.user_attrs["dsegym_trial"]) for t in study.trials]


def test_same_seed_gives_the_same_trials(tmp_path):
    # Two campaigns on two fresh servers and stores: nothing can come from a cache.
    first = _campaign(5, tmp_path / "a.sqlite", "a")
    second = _campaign(5, tmp_path / "b.sqlite", "b")
    assert first == second
    assert _campaign(6, tmp_path / "c.sqlite", "c") != first


def test_distributions_match_the_space(client):
    env = client.open(spec("synthetic-ackley-mixed"))
    dists = dso.distributions(env)
    assert list(dists) == env.space.names
    for p in env.space:
        d = dists[p.name]
        if p.kind in ("categorical", "ordinal"):
            assert isinstance(d, optuna.distributions.CategoricalDistribution) and list(d.choices) == list(p.values)
        elif p.kind == "integer":
            assert isinstance(d, optuna.distributions.IntDistribution)
            assert (d.low, d.high, d.step) == (p.low, p.high, p.step)
        else:
            assert isinstance(d, optuna.distributions.FloatDistribution) and (d.low, d.high, d.log) == (p.low, p.high, p.log)
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=0))
    study.optimize(dso.objective(env), n_trials=10)
    for t in study.trials:
        assert t.distributions == dists
        result = env.evaluate(t.params)
        assert t.value == (result.reward if result.feasible else float("-inf"))


def test_continues_a_logged_campaign_by_replaying_it(client, tmp_path):
    env = client.open(spec("synthetic-branin"))
    db = tmp_path / "x.sqlite"
    name = dso.campaign_name("optuna", "TPESampler", 1)
    told = [{"x1": -5.0, "x2": 0.0}, {"x1": 0.0, "x2": 15.0}, {"x1": 3.0, "x2": 2.0}]
    with client.campaign(env, db, name, "external:optuna:TPESampler", seed=1, budget=8) as campaign:
        logged = campaign.tell(told)
    # Interrupted after 3 of 8: optimize replays them, then runs the 5 left.
    study = dso.optimize(env, db, n_trials=8, seed=1)
    assert len(study.trials) == 8
    replayed = study.trials[:3]
    assert [t.value for t in replayed] == [t.reward for t in logged]
    assert [t.params["x1"] for t in replayed] == [c["x1"] for c in told]
    assert [t.user_attrs["dsegym_trial"] for t in study.trials] == list(range(8))
    with client.campaign(env, db, name, "external:optuna:TPESampler", seed=1, budget=8) as again:
        trials = again.trials()
        assert again.remaining == 0 and [t.index for t in trials] == list(range(8))
        assert [t.reward for t in trials] == [t.value for t in study.trials]
        assert trials[1].config["x2"] == 15.0 and trials[1].feasible and trials[1].reason is None
    # A study that already holds trials is not merged with a logged campaign.
    with pytest.raises(dsegym.DSEGymError, match="already has 8 trials and the study is not empty"):
        dso.optimize(env, db, n_trials=8, seed=1, study=study)
