"""All that a registry entry's one SymPy definition gives: the formulas its page shows, the NumPy
function that computes it, and the check of it and its derivative against PyTorch and autograd
(and the derivative by autograd itself)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import sympy as sp
from sympy.printing.latex import LatexPrinter

from activation_tutorial.activations.registry import NAMED, Activation, x
from activation_tutorial.page_code import PageCodeError
from activation_tutorial.staleness import entries

REGISTRY_FILE = "src/activation_tutorial/activations/registry.py"
# An even number of points: none on 0 or on Hardswish's kinks at +-3, where f' does not exist
GRID = np.linspace(-10.0, 10.0, 2000)
# ... and one through them: PyTorch's values there are part of the contract (H(0) = 0)
VALUE_GRID = np.linspace(-10.0, 10.0, 2001)
NumPy = Callable[[np.ndarray], np.ndarray]


class DefinitionError(PageCodeError):
    """A formula that disagrees with PyTorch or with its definition: ``registry.py:LINE: ...``,
    which the build prints as the one line it ends with, as for any code that fails."""


class _Printer(LatexPrinter):
    """Cases read "value (condition)", the last condition written out; 1/e as the prose has it."""

    def _print_ExpBase(self, expr: sp.Expr, exp: str | None = None) -> str:
        if expr.args[0] == -1:
            return "1/e"
        if exp is not None:
            return super()._print_ExpBase(expr, exp)
        # A fraction in an exponent is written on one line: e^{-x^2/2}, legible at its size
        power = _Printer({"ln_notation": True, "fold_short_frac": True})._print(expr.args[0])
        return f"e^{{{power}}}"

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:
        if len(expr.args) == 1:
            value, cond = expr.args[0]
            return rf"{self._print(value)} \quad ({self._print(cond)})"
        rows = []
        for i, (value, cond) in enumerate(expr.args):
            if cond == sp.true:
                cond = sp.Not(sp.Or(*(c for _, c in expr.args[:i])))
            shown = self._print(value).replace(r"\frac", r"\dfrac")
            rows.append(rf"{shown} & ({self._print(cond)})")
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"


def latex(expr: sp.Expr) -> str:
    r"""``expr`` in LaTeX, with ``\ln``; a function of one letter reads ``\sigma(x)``."""
    shown = _Printer({"ln_notation": True}).doprint(expr)
    return re.sub(r"\{\\left\((\w) \\right\)\}", r"(\1)", shown)


def _value(v: float | sp.Expr) -> str:
    if not isinstance(v, float):
        return f"= {latex(v)}"
    return f"= {v:g}" if round(v, 4) == v else rf"\approx {v:.4f}"


def _line(act: Activation, name: str, forms: tuple[sp.Expr, ...], stated: set) -> str:
    """``name = form = ...``, then the constants and abbreviations first used here."""
    used = [k for k in act.where if k not in stated and any(f.has(k) for f in forms)]
    stated.update(used)
    where = r",\ ".join(f"{latex(k)} {_value(act.where[k])}" for k in used)
    return " = ".join((name, *map(latex, forms))) + (rf",\quad {where}" if where else "")


def shown_formulas(act: Activation) -> tuple[str, str]:
    """f and f' as the page shows them: f by its definition (and with the named functions
    written out, if it uses any), f' by its shown forms."""
    name = act.symbol or rf"\mathrm{{{act.name}}}"
    with sp.evaluate(False):
        expanded = act.definition.subs(NAMED)
    forms = (act.definition,) + ((expanded,) if expanded != act.definition else ())
    shown = act.derivative_shown or (sp.diff(act.definition, x),)
    stated: set = set()
    return _line(act, f"{name}(x)", forms, stated), _line(act, f"{name}'(x)", shown, stated)


def numeric(act: Activation, expr: sp.Expr) -> sp.Expr:
    """``expr`` in ``x`` alone: the constants' values, the named functions written out."""
    return expr.subs(act.where).subs(NAMED)


_ERF = np.vectorize(math.erf, otypes=[float])


@cache
def _numpy(expr: sp.Expr) -> NumPy:
    f = sp.lambdify(x, expr, modules=[{"erf": _ERF}, "numpy"])
    return lambda v: np.zeros(np.shape(v)) + f(v)  # a constant comes back as an array too


def reference(act: Activation) -> NumPy:
    """f in NumPy, from the definition."""
    return _numpy(numeric(act, act.definition))


def autograd_derivative(act: Activation, x: np.ndarray) -> np.ndarray:
    """f'(x) for every element of ``x`` by autograd: what PyTorch's backward pass multiplies
    into a gradient, from the registry's module (float64)."""
    import torch

    t = torch.tensor(np.asarray(x, dtype=float), dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(act.module()(t).sum(), t)
    return grad.numpy()


def check(act: Activation) -> None:
    """The definition against the PyTorch module (values) and autograd (derivative), and every
    shown form of f' against SymPy's derivative; a disagreement is a ``DefinitionError`` naming
    the line of the entry's ``definition`` (or ``derivative_shown``)."""
    import torch

    d = _numpy(sp.diff(numeric(act, act.definition), x))(GRID)  # SymPy's f', away from kinks
    definition = f"the definition {act.definition}"
    pytorch = act.module()(torch.tensor(VALUE_GRID, dtype=torch.float64)).numpy()
    comparisons = [
        ("definition", f"{definition} and PyTorch's {act.torch_module}", "definition", "PyTorch",
         VALUE_GRID, reference(act)(VALUE_GRID), pytorch),
        ("definition", f"the derivative of {definition} and autograd", "derivative", "autograd",
         GRID, d, autograd_derivative(act, GRID)),
        *(("derivative_shown", f"the derivative shown, {form}, and the derivative of {definition}",
           "shown", "derivative", GRID, _numpy(numeric(act, form))(GRID), d)
          for form in act.derivative_shown),
    ]  # fmt: skip
    for field, about, ours_name, theirs_name, grid, ours, theirs in comparisons:
        bad = ~np.isclose(ours, theirs, rtol=1e-9, atol=1e-12)
        if bad.any():
            call = entries(Path(__file__).with_name("registry.py").read_text("utf-8"))[act.key]
            line = next(k.lineno for k in call.keywords if k.arg == field)
            i = int(np.argmax(bad))
            raise DefinitionError(
                f"{REGISTRY_FILE}:{line}: {act.name}: {about} differ at {bad.sum()} of "
                f"{grid.size} points in [-10, 10]; at x = {grid[i]:.6g}: {ours_name} "
                f"{ours[i]:.9g}, {theirs_name} {theirs[i]:.9g}"
            )
