#!/usr/bin/env bash
# Makes a small database with the CLI (random search and a two-setting
# random-walker sweep, three seeds each), exports it as CSV, writes the report
# (for its campaigns.csv), then executes every notebook headless against them.
# Without a Python that has the notebook stack it skips with a message,
# except in CI (CI=true), where that is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${DSEGYM_PYTHON:-python3}"
if ! command -v "$PY" >/dev/null 2>&1 || ! "$PY" -c "import pandas, matplotlib, nbformat, nbclient, ipykernel" 2>/dev/null; then
  if [ "${CI:-}" = "true" ]; then
    echo "notebooks: $PY with pandas, matplotlib, nbformat, nbclient and ipykernel is required in CI" >&2
    exit 1
  fi
  echo "notebooks: skipped ($PY lacks pandas, matplotlib, nbformat, nbclient or ipykernel; see notebooks-export/README.md)"
  exit 0
fi

DSEGYM="${DSEGYM:-.build/debug/dsegym}"
[ -x "$DSEGYM" ] || swift build --product dsegym
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/notebooks.sqlite"
for seed in 1 2 3; do
  "$DSEGYM" run --env notebooks-export/ci/hartmann6-target.yaml --agent random --trials 300 --seed "$seed" --db "$db" >/dev/null
  for setting in 0.2 1.0; do
    "$DSEGYM" run --env notebooks-export/ci/hartmann6-target.yaml --agent "notebooks-export/ci/walker-$setting.yaml" \
      --trials 300 --seed "$seed" --db "$db" >/dev/null
  done
done
"$DSEGYM" export --db "$db" --csv "$work/trials.csv"
"$DSEGYM" report --db "$db" --out "$work/report.html" --figures "$work/figures"

export DSEGYM_CSV="$work/trials.csv" DSEGYM_CAMPAIGNS_CSV="$work/figures/campaigns.csv" DSEGYM_FIGURES="$work/notebook-figures"
"$PY" notebooks-export/run_notebooks.py
for figure in convergence ecdf lottery-random-walker; do
  if [ ! -s "$work/notebook-figures/synthetic-hartmann6-v1-$figure.svg" ]; then
    echo "notebooks: expected figure synthetic-hartmann6-v1-$figure.svg was not written" >&2
    exit 1
  fi
done
echo "notebooks: figures written: $(ls "$work/notebook-figures" | wc -l) files"
