"""The one registry of activation functions.

Pages, figures, tests and the generated data all read this list. To add a
function: append an :class:`Activation` here, then give it a section in
``docs/functions.md`` and ``docs/functions.en.md`` (the tests say what is missing).

Nothing here imports torch at module load: a warm build must stay light.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from torch import nn

Reference = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Activation:
    """One activation function and the facts the site states about it."""

    key: str
    """Stable identifier: file names, anchors, figure markers."""
    name: str
    """Display name, as PyTorch spells it."""
    torch_module: str
    """Class name in ``torch.nn``."""
    latex: str
    """The defining formula, LaTeX, written from the definition (not from PyTorch)."""
    reference: Reference
    """The same formula in NumPy; tests compare PyTorch with it."""
    lower: float | None
    """Infimum of the output, or ``None`` for -inf. Exact values only; see ``numeric_min``."""
    upper: float | None
    """Supremum of the output, or ``None`` for +inf."""
    lower_attained: bool = False
    upper_attained: bool = False
    numeric_min: bool = False
    """True when the lower bound is a minimum only known numerically (GELU, Mish)."""
    params: Mapping[str, float] = field(default_factory=dict)
    """Keyword arguments given to the module (PyTorch's defaults, spelled out)."""
    plot_range: tuple[float, float] = (-5.0, 5.0)

    def module(self) -> nn.Module:
        """A fresh ``torch.nn`` module with the registry's parameters."""
        nn = importlib.import_module("torch.nn")
        return getattr(nn, self.torch_module)(**self.params)


def _erf(x: np.ndarray) -> np.ndarray:
    return np.vectorize(math.erf, otypes=[float])(x)


def _softplus(x: np.ndarray) -> np.ndarray:
    # log(1 + e^x) without overflow for large x.
    return np.logaddexp(0.0, x)


_ENTRIES = (
    Activation(
        key="sigmoid",
        name="Sigmoid",
        torch_module="Sigmoid",
        latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        reference=lambda x: 1.0 / (1.0 + np.exp(-x)),
        lower=0.0,
        upper=1.0,
        plot_range=(-8.0, 8.0),
    ),
    Activation(
        key="tanh",
        name="Tanh",
        torch_module="Tanh",
        latex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        reference=lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)),
        lower=-1.0,
        upper=1.0,
        plot_range=(-4.0, 4.0),
    ),
    Activation(
        key="relu",
        name="ReLU",
        torch_module="ReLU",
        latex=r"\mathrm{ReLU}(x) = \max(0, x)",
        reference=lambda x: np.maximum(0.0, x),
        lower=0.0,
        upper=None,
        lower_attained=True,
        plot_range=(-3.0, 3.0),
    ),
    Activation(
        key="leaky_relu",
        name="LeakyReLU",
        torch_module="LeakyReLU",
        latex=(
            r"\mathrm{LeakyReLU}(x) = \begin{cases} x & (x \geq 0) \\ a x & (x < 0) \end{cases}"
            r",\quad a = \mathrm{negative\_slope}"
        ),
        reference=lambda x: np.where(x >= 0, x, 0.01 * x),
        lower=None,
        upper=None,
        params=MappingProxyType({"negative_slope": 0.01}),
        plot_range=(-3.0, 3.0),
    ),
    Activation(
        key="gelu",
        name="GELU",
        torch_module="GELU",
        latex=(
            r"\mathrm{GELU}(x) = x \, \Phi(x)"
            r" = \frac{x}{2} \left(1 + \mathrm{erf}\left(\frac{x}{\sqrt{2}}\right)\right)"
        ),
        reference=lambda x: 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))),
        lower=None,
        upper=None,
        numeric_min=True,
        lower_attained=True,
        plot_range=(-4.0, 3.0),
    ),
    Activation(
        key="mish",
        name="Mish",
        torch_module="Mish",
        latex=r"\mathrm{Mish}(x) = x \tanh\left(\ln\left(1 + e^{x}\right)\right)",
        reference=lambda x: x * np.tanh(_softplus(x)),
        lower=None,
        upper=None,
        numeric_min=True,
        lower_attained=True,
        plot_range=(-5.0, 3.0),
    ),
)

REGISTRY: Mapping[str, Activation] = MappingProxyType({a.key: a for a in _ENTRIES})
"""All activation functions, in the order the site presents them."""


def get(key: str) -> Activation:
    """The entry for ``key``; the error lists the known keys."""
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"unknown activation {key!r}; known: {', '.join(REGISTRY)}") from None
