"""The step function as a ``torch.nn`` module: PyTorch has none. ``torch.heaviside`` has no
autograd derivative; ``sign(x).clamp(min=0)`` has the right one, 0 wherever it exists, which is
why a network of steps cannot learn by gradients."""

from __future__ import annotations

import torch
from torch import nn


class Step(nn.Module):
    """Heaviside step: 1 for x > 0, else 0 (so H(0) = 0, as in the perceptron)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.sign(x).clamp(min=0)
