"""The spreadsheet rows of the XOR network, and how the site rounds them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from activation_tutorial.xor.network import ARTICLE_WEIGHTS, INPUTS, build_network, xor_target


@dataclass(frozen=True)
class XorRow:
    x1: int
    x2: int
    z1: float
    z2: float
    f_z1: float
    f_z2: float
    y: float
    sigma_y: float
    target: int

    @property
    def predicted(self) -> int:
        return int(self.sigma_y > 0.5)

    @property
    def correct(self) -> bool:
        return self.predicted == self.target


def xor_table_rows(
    weights: Mapping[str, float] = ARTICLE_WEIGHTS, activation: str = "sigmoid"
) -> list[XorRow]:
    """The four rows of the article's spreadsheet, computed by PyTorch in float64."""
    import torch

    hidden, act, output = build_network(weights, activation)
    with torch.no_grad():
        z = hidden(torch.tensor(INPUTS, dtype=torch.float64))
        f = act(z)
        y = output(f).squeeze(-1)
        p = torch.sigmoid(y)
    return [XorRow(x1, x2, *map(float, (z[i, 0], z[i, 1], f[i, 0], f[i, 1], y[i], p[i])),
                   target=xor_target(x1, x2)) for i, (x1, x2) in enumerate(INPUTS)]  # fmt: skip


def format_probability(p: float) -> str:
    """Four decimals, or as many as keep a value in (0, 1) from reading as a bare 0 or 1:
    sigma(15) reads "0.9999997", not "1.0000"."""
    for d in range(4, 9):
        if float(text := f"{p:.{d}f}") not in (0.0, 1.0):
            return text
    return f"{p:.9f}"


def format_number(v: float, digits: int = 3) -> str:
    """Integers without decimals (z = -5), others to ``digits`` decimals (y = -4.933)."""
    if math.isclose(v, round(v), abs_tol=1e-12):
        return str(round(v))
    return f"{v:.{digits}f}"
