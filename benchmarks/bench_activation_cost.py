"""Print each activation's forward time relative to ReLU, next to its declared cost class.

A benchmark, not a test: timings vary by machine and load, so nothing asserts on
them. It shows whether the registry's declared classes (count of exp/log/tanh/erf
per element) are in the right order on this machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_time(fn, x, repeats: int = 30) -> float:  # noqa: ANN001 - any module
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn(x)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    import torch

    from activation_tutorial.activations import REGISTRY

    torch.set_num_threads(1)  # one core: less sensitive to other processes than two
    torch.manual_seed(0)
    x = torch.randn(1_000_000)
    relu = torch.nn.ReLU()
    with torch.no_grad():
        print(f"{'function':<10} {'declared':>8} {'time/ReLU':>9}")
        for act in REGISTRY.values():
            module = act.module()
            # ReLU is timed beside each function: other load on the machine hits both alike.
            ratio = best_time(module, x) / best_time(relu, x)
            print(f"{act.name:<10} {act.special_functions:>8} {ratio:>9.1f}")
    print(f"(1,000,000 float32 elements, best of 30, {torch.get_num_threads()} threads)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
