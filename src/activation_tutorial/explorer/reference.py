"""PyTorch's own numbers (float64) for the browser test to hold the explorer's JavaScript to:
activations on a grid, the XOR rows for several weight sets, and training runs."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from activation_tutorial.activations import REGISTRY
from activation_tutorial.explorer.data import IDENTITY, PARAMETERS
from activation_tutorial.xor.network import ARTICLE_WEIGHTS
from activation_tutorial.xor.table import XorRow, xor_table_rows

TOLERANCE = 1e-6  # largest absolute difference allowed between the browser's numbers and PyTorch's
# A step of 0.05 across what a hidden unit reaches
GRID: tuple[float, float, int] = (-30.0, 30.0, 1201)
# Kinks, signed zeros, Softplus's threshold
EDGES: tuple[float, ...] = (-1e-9, -0.0, 0.0, 1e-9, 19.999, 20.0, 20.001, -60.0, 60.0)


def _weights(*values: float) -> Mapping[str, float]:
    return MappingProxyType(dict(zip(PARAMETERS, values, strict=True)))


# The browser must reproduce these; the first is the article's
WEIGHT_SETS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "article": ARTICLE_WEIGHTS,
        # The output layer negated: XNOR, so no input is classified right.
        "negated_output": _weights(10, 10, -5, -10, -10, 15, -10, -10, 15),
        # A fifth of the article's weights: softer, still on the sliders' 0.5 grid.
        "fifth": _weights(2, 2, -1, -2, -2, 3, 2, 2, -3),
        # Nothing special: irregular values off the sliders' grid, both signs.
        "irregular": _weights(3.7, -1.25, 0.4, -2.9, 5.3, -0.6, 7.1, -4.4, 1.3),
    }
)


def activation_grid() -> list[float]:
    import numpy as np

    lo, hi, n = GRID
    return [float(x) for x in np.linspace(lo, hi, n)] + list(EDGES)


def _row(r: XorRow) -> dict[str, float]:
    return {"x1": r.x1, "x2": r.x2, "z1": r.z1, "z2": r.z2, "f1": r.f_z1, "f2": r.f_z2,
            "y": r.y, "p": r.sigma_y, "predicted": r.predicted, "target": r.target}  # fmt: skip


def reference_values() -> dict[str, Any]:
    """Every registry activation on the grid and the XOR rows, computed by PyTorch in float64."""
    import torch

    xs = activation_grid()
    x = torch.tensor(xs, dtype=torch.float64)
    with torch.no_grad():
        grid = {key: act.module()(x).tolist() for key, act in REGISTRY.items()}
    tables = {
        name: {
            "weights": dict(weights),
            "rows": {key: [_row(r) for r in xor_table_rows(weights, key)] for key in REGISTRY},
        }
        for name, weights in WEIGHT_SETS.items()
    }
    from activation_tutorial.explorer.training import trajectories

    training = trajectories([*REGISTRY, IDENTITY["key"]])
    return {"x": xs, "activations": grid, "xor": tables, "training": training}
