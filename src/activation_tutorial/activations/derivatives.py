"""Derivatives by autograd: what PyTorch's backward pass actually multiplies into a gradient."""

from __future__ import annotations

import numpy as np

from activation_tutorial.activations.registry import Activation


def autograd_derivative(act: Activation, x: np.ndarray) -> np.ndarray:
    """f'(x) for every element of ``x``, from the registry's PyTorch module (float64)."""
    import torch

    t = torch.tensor(np.asarray(x, dtype=float), dtype=torch.float64, requires_grad=True)
    y = act.module()(t)
    if not y.requires_grad:
        # The output does not depend on x through anything differentiable.
        return np.zeros_like(t.detach().numpy())
    (grad,) = torch.autograd.grad(y.sum(), t)
    return grad.numpy()
