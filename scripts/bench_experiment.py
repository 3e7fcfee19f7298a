"""Print what the expensive generated assets cost: the experiment per data set, the notebook run.

A benchmark, not a test: it prints figures (wall and CPU seconds) and checks nothing.
Target from the issue: the experiment under ~60 s in total on this project's 2-core machines.
Run: ``.venv/bin/python scripts/bench_experiment.py``.
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
    from activation_tutorial.experiment.results import moons_results, xor_results
    from activation_tutorial.notebook.walkthrough import execute, load, with_links

    print(f"activations: {len(REGISTRY)} ({', '.join(REGISTRY)})")
    for name, run in (("xor", xor_results), ("moons", moons_results)):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        spent = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{name:8s} {spent[0]:6.1f} s wall {spent[1]:6.1f} s cpu")
    wall = time.perf_counter()
    execute(with_links(load(ROOT, "ja"), "ja"), ROOT)
    print(f"notebook {time.perf_counter() - wall:6.1f} s wall (kernel start and every cell)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
