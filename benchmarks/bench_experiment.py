"""Print what the expensive generated assets cost: the experiment per data set, the notebook run.

The experiment is timed with every activation in one batch (as a cold build trains it)
and with each activation alone (the sum of what twelve single-entry edits would cost).

A benchmark, not a test: it prints figures (wall and CPU seconds) and checks nothing.
Target from the issue: the experiment under ~60 s in total on this project's 2-core machines.
Run: ``.venv/bin/python benchmarks/bench_experiment.py``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("MPLBACKEND", "Agg")
    from activation_tutorial.activations import REGISTRY
    from activation_tutorial.experiment.data import PROBLEMS, train
    from activation_tutorial.notebook.walkthrough import execute, load, with_links

    keys = tuple(REGISTRY)
    print(f"activations: {len(keys)} ({', '.join(keys)})")
    train("xor", keys[:1])  # warm up: first calls pay for lazy imports
    for problem in PROBLEMS:
        # All activations in one batch (a cold build), then each alone, one after another
        # (one registry entry edited: that activation alone).
        for label, batches in (("together", [keys]), ("one by one", [(k,) for k in keys])):
            wall, cpu = time.perf_counter(), time.process_time()
            for batch in batches:
                train(problem, batch)
            spent = time.perf_counter() - wall, time.process_time() - cpu
            print(f"{problem:6s} {label:10s} {spent[0]:6.1f} s wall {spent[1]:6.1f} s cpu")
    wall = time.perf_counter()
    execute(with_links(load(ROOT, "ja"), "ja"), ROOT)
    print(f"notebook {time.perf_counter() - wall:6.1f} s wall (kernel start and every cell)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
