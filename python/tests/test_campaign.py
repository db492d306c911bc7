"""Campaigns through the client against the real server: built-in agents by run and by
ask/tell, external agents by tell, budgets, resumption, best trials."""

from __future__ import annotations

import random

import pytest

import dsegym
from conftest import new_client, random_config, spec

pytestmark = pytest.mark.server


def test_run_equals_ask_and_tell(tmp_path):
    db = tmp_path / "runs.sqlite"
    with new_client() as client:
        env = client.open(spec("synthetic-hartmann6"))
        with client.campaign(env, db, "by-run", "ga", seed=3, budget=60) as by_run:
            summary = by_run.run()
            assert (summary.trials, summary.new, summary.remaining) == (60, 60, 0)
            best_by_run = by_run.best(10)
        with client.campaign(env, db, "by-ask-tell", "ga", seed=3, budget=60) as by_hand:
            assert by_hand.agent == "ga" and not by_hand.resumed and by_hand.logged == 0
            told = []
            while by_hand.remaining:
                configs = by_hand.ask()
                assert configs
                told += by_hand.tell(configs)
            assert [t.index for t in told] == list(range(60))
            best_by_hand = by_hand.best(10)
    assert best_by_hand == best_by_run
    rewards = [t.reward for t in best_by_run]
    assert rewards == sorted(rewards, reverse=True) and len(rewards) == 10
    assert summary.best is not None and summary.best.reward == rewards[0]


def test_external_campaign_budget_state_and_resume(client, tmp_path):
    db = tmp_path / "ext.sqlite"
    env = client.open(spec("accelerator-resnet50"))
    rng = random.Random(1)
    configs = [random_config(env.space, rng) for _ in range(6)]
    campaign = client.campaign(env, db, "mine/s1", "external:mine", seed=1, budget=10)
    assert campaign.agent == "mine" and campaign.remaining == 10
    with pytest.raises(dsegym.StateError):
        campaign.ask()
    trials = campaign.tell(configs)
    assert [t.index for t in trials] == list(range(6)) and campaign.remaining == 4
    direct = env.evaluate_batch(configs)
    assert [(t.metrics, t.reward, t.feasible, t.reason) for t in trials] == \
        [(e.metrics, e.reward, e.feasible, e.reason) for e in direct]
    with pytest.raises(dsegym.StateError):
        campaign.tell([random_config(env.space, rng) for _ in range(5)])
    campaign.close()
    campaign.close()

    again = client.campaign(env, db, "mine/s1", "external:mine", seed=1, budget=10)
    assert again.resumed and again.logged == 6 and again.remaining == 4
    repeated = again.tell(configs[:1])
    assert repeated[0].index == 6 and repeated[0].cached and repeated[0].metrics == trials[0].metrics
    again.close()


def test_unknown_agent_is_a_spec_error(client, tmp_path):
    env = client.open(spec("synthetic-branin"))
    with pytest.raises(dsegym.SpecError):
        client.campaign(env, tmp_path / "x.sqlite", "x", "no-such-agent", seed=1, budget=5)
