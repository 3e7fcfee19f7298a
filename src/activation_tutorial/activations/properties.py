"""Facts computed from a registry entry: range, monotonicity, smoothness, mean output, slope."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from activation_tutorial.activations.registry import Activation


@dataclass(frozen=True)
class OutputRange:
    lower: float
    upper: float
    lower_closed: bool
    upper_closed: bool
    argmin: float | None = None
    """Where a numerically found minimum is reached."""


def _golden_min(f: Callable[[float], float], lo: float, hi: float, tol: float = 1e-12) -> float:
    inv_phi = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = lo, hi
    while b - a > tol:
        c = b - inv_phi * (b - a)
        d = a + inv_phi * (b - a)
        if f(c) < f(d):
            b = d
        else:
            a = c
    return (a + b) / 2.0


def output_range(act: Activation) -> OutputRange:
    """The image of the function over the reals.

    Exact bounds come from the registry; GELU's and Mish's minima have no closed
    form, so they are found here by golden-section search on the NumPy formula.
    """
    import numpy as np

    lower = -math.inf if act.lower is None else act.lower
    upper = math.inf if act.upper is None else act.upper
    argmin = None
    if act.numeric_min:

        def f(x: float) -> float:
            return float(act.reference(np.array([x]))[0])

        # Both minima lie left of zero and right of -3 (the function is
        # unimodal there); the search interval encodes only that.
        argmin = _golden_min(f, -3.0, 0.0)
        lower = f(argmin)
    return OutputRange(
        lower=lower,
        upper=upper,
        lower_closed=act.lower_attained,
        upper_closed=act.upper_attained,
        argmin=argmin,
    )


def _bound(value: float, digits: int) -> str:
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    if value == int(value):
        return str(int(value))
    return f"{value:.{digits}f}"


def range_latex(act: Activation, digits: int = 3, compact: bool = False) -> str:
    """The output range as LaTeX, e.g. ``(0, 1)``; a numeric minimum is named ``m``.

    ``compact`` writes a numeric minimum as its rounded value instead (for tables).
    """
    if act.discrete_values is not None:
        return r"\{" + ", ".join(_bound(v, digits) for v in act.discrete_values) + r"\}"
    r = output_range(act)
    left = "[" if r.lower_closed and not math.isinf(r.lower) else "("
    right = "]" if r.upper_closed and not math.isinf(r.upper) else ")"
    if r.argmin is None or compact:
        return f"{left}{_bound(r.lower, digits)}, {_bound(r.upper, digits)}{right}"
    # No closed form: name the minimum m and say where it is reached.
    return (
        rf"{left}m, {_bound(r.upper, digits)}{right},\quad "
        rf"m = \mathrm{{{act.name}}}({_bound(r.argmin, digits)}) \approx {_bound(r.lower, digits)}"
    )


# A grid that misses every kink of the registry (0, -3, 3) by construction:
# the step 20/19999 puts no grid point on an integer.
_GRID = np.linspace(-20.0, 20.0, 20000)
_STEP = float(_GRID[1] - _GRID[0])


def is_monotonic(act: Activation) -> bool:
    """Non-decreasing on [-20, 20] (every dip of the registry's functions lies inside)."""
    return bool(np.all(np.diff(act.reference(_GRID)) >= 0.0))


SMOOTHNESS = ("jump", "kink", "c1", "c2")
"""From rough to smooth: the value jumps; f' jumps; f'' jumps; f, f', f'' all continuous."""


def smoothness(act: Activation) -> str:
    """The first of f, f', f'' that jumps between neighbouring grid points, or ``"c2"``.

    On a grid of step h, a continuous g changes by about |g'| h between neighbours;
    a jump changes it by its size. Every derivative here is below 2 and every jump
    is above 0.3, so a threshold of 0.05 with h = 0.002 tells them apart.
    """
    from activation_tutorial.activations.derivatives import autograd_derivative

    f = act.reference(_GRID)
    d1 = autograd_derivative(act, _GRID)
    d2 = np.diff(d1) / _STEP
    for name, g in (("jump", f), ("kink", d1), ("c1", d2)):
        if np.max(np.abs(np.diff(g))) > 0.05:
            return name
    return "c2"


def normal_mean(act: Activation) -> float:
    """E[f(X)] for X ~ N(0, 1): how far from zero the outputs sit for a typical input.

    Midpoint rule on [-12, 12] (no node on a kink); the weight beyond is below 1e-30.
    """
    h = 1e-4
    x = -12.0 + h * (np.arange(240000) + 0.5)
    w = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    return float(np.sum(act.reference(x) * w) * h)


def max_slope(act: Activation) -> float:
    """The largest |f'(x)| on [-20, 20], by autograd, on a grid through 0 and +-3.

    Unlike the smoothness check, this grid holds the kinks: at a kink PyTorch
    returns one of the one-sided slopes, and SELU's largest is the left one at 0.
    """
    from activation_tutorial.activations.derivatives import autograd_derivative

    x = np.linspace(-20.0, 20.0, 400001)
    return float(np.max(np.abs(autograd_derivative(act, x))))
