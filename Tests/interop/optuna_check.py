"""Interop check: Optuna reads a DSEGym database as it is.

Usage: optuna_check.py DB STUDY CSV
Loads the study with optuna.load_study and compares it with the CSV that
`dsegym export` wrote for the same campaign: trial count, states, every
parameter value and the objective value of every trial. Exits non-zero with a
message on the first mismatch.
"""
import csv
import math
import sys

import optuna

db, study_name, csv_path = sys.argv[1:4]
optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.load_study(study_name=study_name, storage=f"sqlite:///{db}")
if study.direction != optuna.study.StudyDirection.MAXIMIZE:
    sys.exit(f"direction is {study.direction}, expected MAXIMIZE")

rows = list(csv.DictReader(open(csv_path)))
trials = study.get_trials(deepcopy=False)
if len(trials) != len(rows):
    sys.exit(f"optuna sees {len(trials)} trials, the CSV has {len(rows)}")

for trial, row in zip(sorted(trials, key=lambda t: t.number), rows):
    if trial.number != int(row["trial"]):
        sys.exit(f"trial number {trial.number} vs CSV {row['trial']}")
    feasible = row["feasible"] == "true"
    expected_state = optuna.trial.TrialState.COMPLETE if feasible else optuna.trial.TrialState.FAIL
    if trial.state != expected_state:
        sys.exit(f"trial {trial.number}: state {trial.state}, expected {expected_state}")
    for name, value in trial.params.items():
        cell = row[name]
        if isinstance(value, str):
            ok = value == cell
        else:
            ok = math.isclose(float(value), float(cell), rel_tol=0, abs_tol=1e-12)
        if not ok:
            sys.exit(f"trial {trial.number}: param {name} = {value!r}, CSV {cell!r}")
    if feasible and not math.isclose(trial.value, float(row["reward"]), rel_tol=1e-15, abs_tol=0):
        sys.exit(f"trial {trial.number}: value {trial.value}, CSV reward {row['reward']}")
    for key, value in trial.user_attrs.items():
        if key in row and row[key] != "" and not math.isclose(float(value), float(row[key]), rel_tol=1e-15):
            sys.exit(f"trial {trial.number}: metric {key} = {value}, CSV {row[key]}")

best = max((t for t in trials if t.state == optuna.trial.TrialState.COMPLETE), key=lambda t: t.value)
print(f"optuna: {len(trials)} trials, best value {best.value} at trial {best.number}, params match the CSV")
