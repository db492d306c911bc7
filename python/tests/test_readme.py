"""The README's "Bring your own agent" section stays true: its Python block runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import BINARY, REPOSITORY

pytestmark = pytest.mark.server


def readme_section_python() -> str:
    text = (REPOSITORY / "README.md").read_text()
    section = text.split("## Bring your own agent", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the section should hold one Python example"
    return blocks[0]


def test_readme_python_example_runs_and_logs_trials_compare_can_read(tmp_path):
    # Run the example in a copy of the repository layout: the spec paths are the
    # README's, the database lands under a temporary results/ folder.
    (tmp_path / "results").mkdir()
    os.symlink(REPOSITORY / "environments", tmp_path / "environments")
    env = dict(os.environ, DSEGYM_BINARY=str(BINARY))
    run = subprocess.run([sys.executable, "-c", readme_section_python()], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert float(run.stdout.strip().splitlines()[-1]) > 0
    database = tmp_path / "results" / "byoa.sqlite"
    assert database.is_file()
    compare = subprocess.run(
        [str(BINARY), "compare", "--env", "environments/synthetic-hartmann6.yaml", "--agents",
         "ga,external:optuna:TPESampler", "--seeds", "1", "--trials", "20", "--label", "byoa", "--db", str(database)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert compare.returncode == 0, compare.stderr
    rows = [line for line in compare.stdout.splitlines() if line.startswith(("ga ", "optuna:TPESampler "))]
    assert len(rows) == 2, compare.stdout
