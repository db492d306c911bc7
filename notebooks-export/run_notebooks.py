#!/usr/bin/env python3
"""Executes every notebook in this folder headless (nbclient) and fails loudly.

Inputs come from the environment, as the notebooks read them:
  DSEGYM_CSV            per-trial CSV from `dsegym export` (default trials.csv here)
  DSEGYM_CAMPAIGNS_CSV  per-campaign summary from `dsegym report` (optional)
  DSEGYM_FIGURES        folder for the figures the notebooks save (default figures/)
Executed copies are written to --executed DIR when given.
"""
import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: all here)")
    parser.add_argument("--executed", type=Path, help="folder for executed copies")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted(HERE.glob("*.ipynb"))
    if not notebooks:
        print("no notebooks found", file=sys.stderr)
        return 1
    failed = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
            print(f"ok    {path.name}")
        except Exception as error:  # report every notebook, then fail
            print(f"FAIL  {path.name}: {error}", file=sys.stderr)
            failed.append(path.name)
        if args.executed:
            args.executed.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, args.executed / path.name)
    print(f"notebooks: {len(notebooks) - len(failed)} of {len(notebooks)} executed without error")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
