"""The 2-2-1 sigmoid network of the source article, with its weights set by hand."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from torch import nn

INPUTS: tuple[tuple[int, int], ...] = ((0, 0), (0, 1), (1, 0), (1, 1))  # in truth-table order

LIMITS = (-0.5, 1.5)  # the square of the input plane the explorer shows

# Named as in the article (w_ij: unit i, input j)
ARTICLE_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "w11": 10.0, "w12": 10.0, "b1": -5.0,
    "w21": -10.0, "w22": -10.0, "b2": 15.0,
    "w31": 10.0, "w32": 10.0, "b3": -15.0,
})  # fmt: skip


def xor_target(x1: int, x2: int) -> int:
    """XOR: 1 when exactly one input is 1."""
    return int(x1 != x2)


def build_network(
    weights: Mapping[str, float] = ARTICLE_WEIGHTS, activation: str = "sigmoid"
) -> nn.Sequential:
    """``Linear(2, 2) -> activation -> Linear(2, 1)`` in float64, weights set by hand; ``y`` is
    the output layer's value, ``sigma(y)`` the probability of class 1."""
    import torch
    from torch import nn

    from activation_tutorial.activations import get

    w, f64 = weights, torch.float64
    hidden, output = nn.Linear(2, 2, dtype=f64), nn.Linear(2, 1, dtype=f64)
    # float64 from the start: torch.tensor() of Python floats is float32, which would turn a
    # weight of 3.7 into 3.700000047 before the copy into the float64 layer.
    with torch.no_grad():
        hidden.weight.copy_(torch.tensor([[w["w11"], w["w12"]], [w["w21"], w["w22"]]], dtype=f64))
        hidden.bias.copy_(torch.tensor([w["b1"], w["b2"]], dtype=f64))
        output.weight.copy_(torch.tensor([[w["w31"], w["w32"]]], dtype=f64))
        output.bias.copy_(torch.tensor([w["b3"]], dtype=f64))
    return nn.Sequential(hidden, get(activation).module(), output)
