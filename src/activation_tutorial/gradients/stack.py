"""How large a gradient is after flowing back through a deep stack of layers."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from torch import nn

DEPTH = 10
WIDTH = 64
BATCH = 256
SEED = 0
SHOWN_AFTER = (1, 5, 10)  # layers passed backwards, for the table's columns


def gradient_sizes(
    activation: nn.Module,
    depth: int = DEPTH,
    width: int = WIDTH,
    seed: int = SEED,
    gain: float = 1.0,
    output_gradient: str = "ones",
) -> list[float]:
    """RMS gradient at each layer's input from the output back (element n: after n layers) with
    h_k = f(h_{k-1} W_k^T), W_k ~ N(0, gain^2/width); the output's gradient is 1, or random
    with RMS 1 (``output_gradient="normal"``), as the textbook argument assumes."""
    import torch

    torch.manual_seed(seed)
    h = torch.randn(BATCH, width, requires_grad=True)
    inputs = [h]
    for _ in range(depth):
        weight = gain * torch.randn(width, width) / width**0.5
        h = activation(h @ weight.T)
        h.retain_grad()
        inputs.append(h)
    if output_gradient == "ones":
        h.sum().backward()
    elif output_gradient == "normal":
        start = torch.randn_like(h)
        h.backward(start / start.pow(2).mean().sqrt())
    else:
        raise ValueError(f"output_gradient is 'ones' or 'normal', not {output_gradient!r}")
    return [x.grad.pow(2).mean().sqrt().item() for x in reversed(inputs)]


@cache
def registry_gradient_sizes(key: str) -> tuple[float, ...]:
    """``gradient_sizes`` of a registry entry, computed once per process (table and values)."""
    from activation_tutorial.activations import get

    return tuple(gradient_sizes(get(key).module()))
