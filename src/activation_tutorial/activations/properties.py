"""Facts computed from a registry entry: its output range, as numbers and as LaTeX."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

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


def range_latex(act: Activation, digits: int = 3) -> str:
    """The output range as LaTeX, e.g. ``(0, 1)``; a numeric minimum is named ``m``."""
    r = output_range(act)
    left = "[" if r.lower_closed and not math.isinf(r.lower) else "("
    right = "]" if r.upper_closed and not math.isinf(r.upper) else ")"
    if r.argmin is None:
        return f"{left}{_bound(r.lower, digits)}, {_bound(r.upper, digits)}{right}"
    # No closed form: name the minimum m and say where it is reached.
    return (
        rf"{left}m, {_bound(r.upper, digits)}{right},\quad "
        rf"m = \mathrm{{{act.name}}}({_bound(r.argmin, digits)}) \approx {_bound(r.lower, digits)}"
    )
