"""Facts computed from a registry entry: range, monotonicity, smoothness, mean output, slope."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy as sp

from activation_tutorial.activations import formulas
from activation_tutorial.activations.formulas import latex, numeric, reference
from activation_tutorial.activations.registry import Activation, x


@dataclass(frozen=True)
class OutputRange:
    lower: float
    upper: float
    lower_closed: bool
    upper_closed: bool
    argmin: float | None = None


def output_range(act: Activation) -> OutputRange:
    """The image of the function over the reals: exact bounds from the registry; a minimum
    known only numerically (GELU's, Mish's) where SymPy finds the derivative zero."""
    lower, upper, argmin = (
        default if bound is None else float(sp.sympify(bound).subs(act.where))
        for bound, default in ((act.lower, -math.inf), (act.upper, math.inf), (act.argmin, None))
    )
    if act.numeric_min:
        # Both minima lie in (-3, 0), where f' changes sign once.
        slope = sp.diff(numeric(act, act.definition), x)
        argmin = float(sp.nsolve(slope, x, (-3.0, 0.0), solver="bisect"))
        lower = float(reference(act)(np.array([argmin]))[0])
    return OutputRange(lower, upper, act.lower_attained, act.upper_attained, argmin)


def _is_short(value: float, digits: int) -> bool:
    """Written exactly with at most ``digits`` decimals (0, -1, -0.375), or infinite."""
    return math.isinf(value) or round(value, digits) == value


def _number(value: float, digits: int) -> str:
    """An exact short number as it is (-0.375), anything else to ``digits`` decimals."""
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    if value == int(value):
        return str(int(value))
    if _is_short(value, digits):
        return repr(value)
    return f"{value:.{digits}f}"


def shown_interval(act: Activation, digits: int = 4) -> OutputRange:
    """The range with bounds rounded *outward* to ``digits`` decimals, so that every output lies
    inside the interval shown (to nearest, SELU's "(-1.758, inf)" would leave out SELU(-10) =
    -1.758020); a bound is closed only when it is exact and attained."""
    r = output_range(act)
    scale = 10**digits
    lower = r.lower if _is_short(r.lower, digits) else math.floor(r.lower * scale) / scale
    upper = r.upper if _is_short(r.upper, digits) else math.ceil(r.upper * scale) / scale
    closed = (r.lower_closed and lower == r.lower, r.upper_closed and upper == r.upper)
    return OutputRange(lower, upper, *closed)


def range_latex(act: Activation, digits: int = 3, compact: bool = False) -> str:
    r"""The output range as LaTeX, e.g. ``(0, 1)``; an exact bound that is not a short number
    keeps its expression with its value beside it, a minimum is named ``m`` with where it is
    reached. ``compact`` (for tables): numbers only, rounded outward (``shown_interval``)."""
    if act.discrete_values is not None:
        return r"\{" + ", ".join(_number(v, digits) for v in act.discrete_values) + r"\}"
    r = output_range(act)
    s = shown_interval(act, digits) if compact else r
    left, right = "[" if s.lower_closed else "(", "]" if s.upper_closed else ")"
    if compact:
        # A rounded bound keeps its trailing zeros: -0.1700 says four decimals were kept.
        lo = _number(s.lower, digits) if s.lower == r.lower else f"{s.lower:.{digits}f}"
        hi = _number(s.upper, digits) if s.upper == r.upper else f"{s.upper:.{digits}f}"
        return f"{left}{lo}, {hi}{right}"
    upper = _number(r.upper, digits)
    approx = rf"\approx {_number(r.lower, digits)}"
    lower_latex = latex(act.lower) if isinstance(act.lower, sp.Expr) else None
    if r.argmin is not None:
        at = latex(act.argmin) if act.argmin is not None else _number(r.argmin, digits)
        value = f"= {lower_latex} {approx}" if lower_latex else approx
        return rf"{left}m, {upper}{right},\quad m = \mathrm{{{act.name}}}({at}) {value}"
    if lower_latex:
        return rf"{left}{lower_latex}, {upper}{right},\quad {lower_latex} {approx}"
    return f"{left}{_number(r.lower, digits)}, {upper}{right}"


# A grid that misses every kink of the registry (0, -3, 3) by construction:
# the step 20/19999 puts no grid point on an integer.
_GRID = np.linspace(-20.0, 20.0, 20000)


def is_monotonic(act: Activation) -> bool:
    """Non-decreasing on [-20, 20] (every dip of the registry's functions lies inside)."""
    return bool(np.all(np.diff(reference(act)(_GRID)) >= 0.0))


def smoothness(act: Activation) -> str:
    """The first of f, f', f'' that jumps between neighbouring grid points, or ``"c2"``: a
    continuous g changes by about |g'| h = 0.002 |g'| < 0.004 between neighbours here, and every
    jump is above 0.3, so a threshold of 0.05 tells them apart."""
    f = reference(act)(_GRID)
    d1 = formulas.autograd_derivative(act, _GRID)  # looked up now: a test replaces it
    d2 = np.diff(d1) / (_GRID[1] - _GRID[0])
    for name, g in (("jump", f), ("kink", d1), ("c1", d2)):
        if np.max(np.abs(np.diff(g))) > 0.05:
            return name
    return "c2"


def normal_mean(act: Activation) -> float:
    """E[f(X)] for X ~ N(0, 1), by the midpoint rule on [-12, 12] (no node on a kink; the
    weight beyond is below 1e-30)."""
    h = 1e-4
    x = -12.0 + h * (np.arange(240000) + 0.5)
    w = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    return float(np.sum(reference(act)(x) * w) * h)


def max_slope(act: Activation) -> float:
    """The largest |f'(x)| on [-20, 20], by autograd, on a grid through the kinks 0 and +-3:
    there PyTorch returns a one-sided slope, and SELU's largest is the left one at 0."""
    x = np.linspace(-20.0, 20.0, 400001)
    return float(np.max(np.abs(formulas.autograd_derivative(act, x))))
