"""Writes the notebooks of this folder (run it after editing a cell here, then
commit both). Needs nbformat."""
import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell
from pathlib import Path

OUT = Path(__file__).resolve().parent

LOAD = '''import os
from pathlib import Path

import numpy as np
import pandas as pd
import matplotlib.pyplot as plt

# Inputs: the per-trial CSV of `dsegym export`, and (optional) the per-campaign
# summary that `dsegym report` writes beside its figures.
CSV = Path(os.environ.get("DSEGYM_CSV", "trials.csv"))
CAMPAIGNS_CSV = Path(os.environ.get("DSEGYM_CAMPAIGNS_CSV", "../results/figures/campaigns.csv"))
FIGURES = Path(os.environ.get("DSEGYM_FIGURES", "figures"))
FIGURES.mkdir(parents=True, exist_ok=True)

trials = pd.read_csv(CSV)
trials["feasible"] = trials["feasible"].astype(str).str.lower() == "true"
trials.loc[~trials["feasible"], "reward"] = np.nan   # infeasible trials have no reward
campaigns = pd.read_csv(CAMPAIGNS_CSV) if CAMPAIGNS_CSV.exists() else None
print(f"{len(trials)} trials of {trials['campaign'].nunique()} campaigns from {CSV}; "
      f"campaign summary: {CAMPAIGNS_CSV if campaigns is not None else 'not found'}")
plt.rcParams.update({"figure.figsize": (8, 4.8), "font.size": 11, "axes.grid": True, "grid.alpha": 0.3})
'''

STYLE = '''# Colour-blind-safe colours (Okabe-Ito) paired with dashes, as in `dsegym report`.
COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
DASHES = ["-", "--", ":", "-.", (0, (4, 4)), (0, (1, 3)), (0, (12, 4))]

def style(i):
    return {"color": COLORS[i % len(COLORS)], "linestyle": DASHES[(i // len(COLORS) + i) % len(DASHES)]}

def save(fig, name):
    for ext in ("svg", "png"):
        fig.savefig(FIGURES / f"{name}.{ext}", bbox_inches="tight", dpi=150)
    print("wrote", FIGURES / f"{name}.svg")
'''

def notebook(title, intro, cells, name):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [new_markdown_cell(f"# {title}\n\n{intro}"), new_code_cell(LOAD), new_code_cell(STYLE)]
    for c in cells:
        nb.cells.append(new_markdown_cell(c[1:]) if c.startswith("#md") else new_code_cell(c))
    for i, cell in enumerate(nb.cells):   # stable ids: regenerating gives the same files
        cell["id"] = f"{Path(name).stem}-{i}"
    nbformat.validate(nb)
    nbformat.write(nb, OUT / name)

BEST = '''def best_so_far(rewards):
    """Best reward within the first t trials; -inf before the first feasible one."""
    return rewards.cummax().ffill().fillna(-np.inf).to_numpy()

def seed_matrix(frame):
    """Trials x campaigns of best-so-far; a campaign shorter than the longest is NaN past its end."""
    curves = {c: pd.Series(best_so_far(g.sort_values("trial")["reward"]))
              for c, g in frame.groupby("campaign", sort=False)}
    return pd.DataFrame(curves)
'''

convergence = [
    "#md## Best so far: median and interquartile range across seeds\n\nFor every agent, each campaign's best-so-far reward is computed per trial; the line is the median across the agent's campaigns (seeds) and the band spans the 25th to 75th percentile (REFERENCES.md §6). A seed with no feasible trial yet counts as worse than any value (-inf), so the median is missing while more than half of the seeds have none. Rewards are always maximised.",
    BEST,
    '''LOG_X = os.environ.get("DSEGYM_LOG_X", "") == "1"

for env, frame in trials.groupby("environment", sort=False):
    fig, ax = plt.subplots()
    for i, (agent, runs) in enumerate(frame.groupby("agent", sort=False)):
        m = seed_matrix(runs)
        finite = lambda s: s.replace([np.inf, -np.inf], np.nan)
        q = {p: finite(m.quantile(p, axis=1, interpolation="linear")) for p in (0.25, 0.5, 0.75)}
        x = np.arange(1, len(m) + 1)
        s = style(i)
        if m.shape[1] > 1:
            ax.fill_between(x, q[0.25], q[0.75], step="post", alpha=0.18, color=s["color"], linewidth=0)
        runs_text = f"{m.shape[1]} run" + ("s" if m.shape[1] > 1 else "")
        ax.step(x, q[0.5], where="post", linewidth=2, marker="o" if len(m) == 1 else None,
                label=f"{agent} ({runs_text})", **s)
    ax.set_xlabel("trials (log scale)" if LOG_X else "trials")
    if LOG_X:
        ax.set_xscale("log")
    ax.set_ylabel("best reward (higher is better)")
    ax.set_title(f"Best so far on {env}")
    ax.legend(loc="lower right")
    save(fig, f"{env}-convergence")
    plt.show()
''',
    '''# Check: the last point of each single campaign's curve is its best reward.
for c, g in trials.groupby("campaign"):
    curve = best_so_far(g.sort_values("trial")["reward"])
    best = g["reward"].max()
    assert (np.isnan(best) and curve[-1] == -np.inf) or curve[-1] == best, c
print("best-so-far curves end at each campaign's best reward")
''',
]

ecdf = [
    "#md## Trials to target: ECDF across seeds\n\nThe number of trials each campaign needed to reach the objective's target reward (the first trial with reward >= target), as an empirical CDF per agent. Seeds that never reached it keep the curve below 1. The target comes from the campaign summary (`target_reward`), or from the environment variable `DSEGYM_TARGET`.",
    '''def target_of(env):
    if "DSEGYM_TARGET" in os.environ:
        return float(os.environ["DSEGYM_TARGET"])
    if campaigns is not None:
        t = campaigns.loc[campaigns["environment"] == env, "target_reward"].dropna()
        if len(t):
            return float(t.iloc[0])
    return None

def trials_to_target(rewards, target):
    hit = np.flatnonzero(rewards.fillna(-np.inf).to_numpy() >= target)
    return hit[0] + 1 if len(hit) else np.nan
''',
    '''drawn = 0
for env, frame in trials.groupby("environment", sort=False):
    target = target_of(env)
    if target is None:
        print(f"{env}: the objective has no target (set DSEGYM_TARGET to choose one); no ECDF")
        continue
    horizon = frame.groupby("campaign")["trial"].max().max() + 1
    fig, ax = plt.subplots()
    for i, (agent, runs) in enumerate(frame.groupby("agent", sort=False)):
        counts = np.array([trials_to_target(g.sort_values("trial")["reward"], target)
                           for _, g in runs.groupby("campaign", sort=False)])
        reached = np.sort(counts[~np.isnan(counts)])
        x = np.concatenate([[1], reached, [horizon]])
        y = np.concatenate([[np.mean(counts <= 1)], np.arange(1, len(reached) + 1) / len(counts), [len(reached) / len(counts)]])
        ax.step(x, y, where="post", linewidth=2, label=f"{agent} ({len(reached)}/{len(counts)} reached)", **style(i))
    ax.set_xlim(0, horizon)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("trials")
    ax.set_ylabel("fraction of seeds at target")
    ax.set_title(f"Trials to target (reward >= {target:g}) on {env}")
    ax.legend(loc="lower right")
    save(fig, f"{env}-ecdf")
    plt.show()
    drawn += 1
print(f"{drawn} ECDF figure(s)")
''',
]

lottery = [
    "#md## Hyperparameter lottery: final best reward per setting\n\nFor an agent run with several hyperparameter settings (a sweep), one box per setting of the final best reward across seeds (median, quartiles, whiskers within 1.5 IQR, every seed as a dot). Settings come from the campaign summary's `hyperparameters` column (canonical JSON). Without the summary, or when no agent has several settings, the boxes compare agents instead.",
    '''final = (trials.groupby(["environment", "agent", "campaign"], sort=False)["reward"].max()
         .rename("final_best").reset_index())
if campaigns is not None:
    final = final.merge(campaigns[["campaign", "hyperparameters"]], on="campaign", how="left")
else:
    final["hyperparameters"] = "(unknown)"
final
''',
    '''def boxes(ax, groups, labels):
    data = [g.dropna().to_numpy() for g in groups]
    ax.boxplot(data, whis=1.5, showfliers=False)\n    ax.set_xticks(range(1, len(labels) + 1), labels)
    for k, values in enumerate(data, start=1):   # every seed as a dot beside its box
        ax.plot(np.full(len(values), k + 0.28) + 0.03 * (np.arange(len(values)) % 5), values, ".", color="#222222")

drawn = 0
for (env, agent), runs in final.groupby(["environment", "agent"], sort=False):
    settings = list(dict.fromkeys(runs["hyperparameters"]))
    if len(settings) < 2:
        continue
    fig, ax = plt.subplots()
    boxes(ax, [runs.loc[runs["hyperparameters"] == s, "final_best"] for s in settings],
          [f"S{i + 1}" for i in range(len(settings))])
    for i, s in enumerate(settings):
        print(f"S{i + 1}: {s}")
    ax.set_xlabel("hyperparameter setting")
    ax.set_ylabel("final best reward (higher is better)")
    ax.set_title(f"Hyperparameter lottery: {agent} on {env}")
    save(fig, f"{env}-lottery-{agent}")
    plt.show()
    drawn += 1

if drawn == 0:   # no sweep: compare agents' final best across seeds instead
    for env, runs in final.groupby("environment", sort=False):
        agents = list(dict.fromkeys(runs["agent"]))
        fig, ax = plt.subplots()
        boxes(ax, [runs.loc[runs["agent"] == a, "final_best"] for a in agents], agents)
        ax.set_xlabel("agent")
        ax.set_ylabel("final best reward (higher is better)")
        ax.set_title(f"Final best reward across seeds on {env}")
        save(fig, f"{env}-final-best")
        plt.show()
print(f"{drawn} lottery figure(s)")
''',
]

notebook("Best-so-far curves", "Reproduces the convergence figure of `dsegym report` from the CSV export. Set `DSEGYM_CSV` to the CSV file (default `trials.csv` here) and `DSEGYM_FIGURES` to where figures go (default `figures/`).", convergence, "convergence.ipynb")
notebook("Trials-to-target ECDF", "Reproduces the trials-to-target figure of `dsegym report` from the CSV export.", ecdf, "trials_to_target.ipynb")
notebook("Hyperparameter lottery", "Reproduces the lottery box plots of `dsegym report` from the CSV export and the campaign summary.", lottery, "lottery.ipynb")
print("ok")
