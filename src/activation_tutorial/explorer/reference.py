"""What the browser test holds the explorer's JavaScript to: the inputs on which it compares it
with PyTorch in float64 (an activation grid, weight sets), and PyTorch's training runs."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from activation_tutorial.activations import REGISTRY
from activation_tutorial.explorer.data import IDENTITY, PARAMETERS
from activation_tutorial.xor.network import ARTICLE_WEIGHTS

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


def reference_values() -> dict[str, Any]:
    """PyTorch's training runs for every registry activation and the identity: too slow to
    compute in a test, so the build makes them."""
    from activation_tutorial.explorer.training import trajectories

    return {"training": trajectories([*REGISTRY, IDENTITY["key"]])}
